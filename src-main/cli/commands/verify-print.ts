/**
 * `arm verify-print FILE.pdf|IMAGE [--online URL] [--test-trust] [--json] [--dpi N]` — is this printout genuine?
 * Reads the signed barcode (every QR code of every page, jsQR), verifies the carried signature offline against the
 * trusted roots and the НУЦ CRLs, and with --online asks the gateway's public endpoint too. A digital document card
 * (PDF/A-3 with the document and its CMS attached) is verified from its attachments, and its pages' barcode must be
 * the same document's. Exit 0 only when the document verifies (valid); 1 when it does not; 2 for bad arguments.
 */
import { writeFileSync } from 'node:fs'
import { renderVerificationPdf } from '../../../src-shared/print'
import { loadPrintFonts } from './print'
import { ArmError } from '../../../src-shared/errors'
import { PublicVerifyResponse, route } from '../../../src-shared/gateway/api'
import { isPdf, trustedCheck, verifyBarcode, verifyCard } from '../../../src-shared/verify'
import { scanQrCodes } from '../../../src-shared/verify/qr-scan'
import { reportModel, reportText } from '../../../src-shared/verify/summary'
import { catalog } from '../../../src-shared/catalog'
import { createCryptoServices } from '../../services/crypto/setup'
import { langOf, parseCommand, readInput, type CliIo, type CommandSpec } from '../io'
import { readPageImages } from '../page-image'

export const VERIFY_PRINT_SPEC: CommandSpec = {
  usage: 'Usage: arm verify-print FILE.pdf|CARD.pdf|IMAGE.png|IMAGE.jpg [--online URL] [--test-trust] [--json] [--dpi N] [--report REPORT.pdf]   (exit 0 only when the document verifies)\n',
  options: { online: { type: 'string' }, 'test-trust': { type: 'boolean' }, json: { type: 'boolean' }, dpi: { type: 'string' }, report: { type: 'string' } },
  positionals: [1, 1],
}

/** The gateway's public answer (GET /public/verify/:number?sha256=), coded errors passed on. */
export function publicVerifyClient(base: string): (regNo: string, sha256: string) => Promise<PublicVerifyResponse> {
  return async (regNo, sha256) => {
    let res: Response
    try {
      res = await fetch(new URL(route.publicVerify(regNo, sha256), base), { signal: AbortSignal.timeout(15_000) })
    } catch (err) {
      throw new ArmError('GW_UNAVAILABLE', (err as Error).message)
    }
    const body: unknown = await res.json().catch(() => undefined)
    if (!res.ok) throw new ArmError(res.status === 429 ? 'GW_RATE_LIMITED' : 'GW_UNAVAILABLE', `HTTP ${res.status}`)
    const parsed = PublicVerifyResponse.safeParse(body)
    if (!parsed.success) throw new ArmError('GW_UNAVAILABLE', 'not a verification answer')
    return parsed.data
  }
}

export async function verifyPrintCommand(args: string[], io: CliIo, resourcesDir: string): Promise<number> {
  const a = parseCommand(args, VERIFY_PRINT_SPEC)
  const dpi = a.get('dpi') ? Number(a.get('dpi')) : 200
  if (!Number.isInteger(dpi) || dpi < 72 || dpi > 600) throw new ArmError('ARGUMENT_INVALID', '--dpi must be 72…600')
  const file = a.positional[0]
  const bytes = readInput(file)
  const texts = readPageImages(file, dpi).flatMap(scanQrCodes)
  const services = createCryptoServices({ resourcesDir, testTrust: a.has('test-trust') })
  const options = {
    check: trustedCheck({ trust: services.trust, crls: await services.crls(), testTrust: services.testTrust }),
    ...(a.get('online') ? { online: publicVerifyClient(a.get('online')!) } : {}),
  }
  // A PDF is a card when it carries our attachments; any other PDF (a printed result) is read by its barcode.
  const card = isPdf(bytes) ? await verifyCard(bytes, { ...options, barcodes: texts }) : undefined
  const v = card && card.errorCode !== 'CARD_NOT_A_CARD' && card.errorCode !== 'CARD_UNREADABLE' ? card : await verifyBarcode(texts, options)
  const lang = langOf(io)
  const model = reportModel(v, lang, v.document ? catalog.find(v.document.serviceId)?.name[lang] : undefined)
  if (a.get('report')) writeFileSync(a.get('report')!, await renderVerificationPdf(model, loadPrintFonts(resourcesDir)))
  if (a.has('json')) io.stdout(JSON.stringify(v, null, 2) + '\n')
  else io.stdout(reportText(model))
  return v.verdict === 'valid' ? 0 : 1
}
