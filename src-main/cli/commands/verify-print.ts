/**
 * `arm verify-print FILE.pdf|IMAGE [--online URL] [--test-trust] [--json] [--dpi N]` — is this printout genuine?
 * Reads the signed barcode (every QR code of every page, jsQR), verifies the carried signature offline against the
 * trusted roots and the НУЦ CRLs, and with --online asks the gateway's public endpoint too. Exit 0 only when the
 * document verifies (valid); 1 when it does not; 2 for bad arguments.
 */
import { ArmError, type Lang } from '../../../src-shared/errors'
import { PublicVerifyResponse, route } from '../../../src-shared/gateway/api'
import { kzDateTime } from '../../../src-shared/print'
import { verifyBarcode, type DocumentVerification } from '../../../src-shared/verify'
import { scanQrCodes } from '../../../src-shared/verify/qr-scan'
import { REPORT_LABELS as L, VERDICT_TEXT, VERDICT_WORD, WARNING_TEXT, verdictReason } from '../../../src-shared/verify/summary'
import { createCryptoServices } from '../../services/crypto/setup'
import { langOf, parseCommand, type CliIo, type CommandSpec } from '../io'
import { readPageImages } from '../page-image'

export const VERIFY_PRINT_SPEC: CommandSpec = {
  usage: 'Usage: arm verify-print FILE.pdf|IMAGE.png|IMAGE.jpg [--online URL] [--test-trust] [--json] [--dpi N]   (exit 0 only when the document verifies)\n',
  options: { online: { type: 'string' }, 'test-trust': { type: 'boolean' }, json: { type: 'boolean' }, dpi: { type: 'string' } },
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

export function describeVerification(v: DocumentVerification, lang: Lang): string {
  const out = [`${VERDICT_WORD[v.verdict][lang]} — ${v.indication}${v.subIndication ? ` / ${v.subIndication}` : ''}`, VERDICT_TEXT[v.verdict][lang]]
  const reason = verdictReason(v, lang)
  if (reason) out.push(reason)
  if (v.registrationNumber) out.push(`${L.number[lang]}: ${v.registrationNumber}`)
  if (v.sha256) out.push(`${L.hash[lang]}: ${v.sha256}`)
  if (v.document) out.push(`${L.issued[lang]}: ${kzDateTime(v.document.issuedAt)}`, `${L.issuer[lang]}: ${v.document.issuer}`, `${L.holder[lang]}: ${v.document.holder}`)
  for (const [i, s] of v.signatures.entries()) {
    out.push(`${L.signature[lang]} #${i + 1}: ${s.indication}${s.subIndication ? ` / ${s.subIndication}` : ''}`)
    if (s.signer) out.push(`  ${L.signer[lang]}: ${s.signer.name}${s.signer.organization ? `, ${s.signer.organization}` : ''}`, `  ${L.certificate[lang]}: ${s.signer.serialNumber} (${s.signer.issuer})`)
    out.push(`  ${L.chain[lang]}: ${s.chainStatus} — ${s.chain.join(' → ')}`)
    out.push(`  ${L.revocation[lang]}: ${s.revocation.status}${s.revocation.source ? ` (${s.revocation.source.toUpperCase()})` : ''}, ${kzDateTime(s.revocation.checkedAt)}`)
    if (s.claimedSigningTime) out.push(`  ${L.signingTime[lang]}: ${kzDateTime(s.claimedSigningTime)}`)
    out.push(`  ${L.timestamp[lang]}: ${s.timestamp ? `${kzDateTime(s.timestamp.time)} (${s.timestamp.authority})` : L.none[lang]}`)
  }
  if (v.online && !('error' in v.online)) out.push(`${L.online[lang]}: ${v.online.status}`)
  for (const w of v.warnings) out.push(`! ${WARNING_TEXT[w][lang]}`)
  return out.join('\n') + '\n'
}

export async function verifyPrintCommand(args: string[], io: CliIo, resourcesDir: string): Promise<number> {
  const a = parseCommand(args, VERIFY_PRINT_SPEC)
  const dpi = a.get('dpi') ? Number(a.get('dpi')) : 200
  if (!Number.isInteger(dpi) || dpi < 72 || dpi > 600) throw new ArmError('ARGUMENT_INVALID', '--dpi must be 72…600')
  const texts = readPageImages(a.positional[0], dpi).flatMap(scanQrCodes)
  const services = createCryptoServices({ resourcesDir, testTrust: a.has('test-trust') })
  const v = await verifyBarcode(texts, {
    trust: services.trust,
    crls: await services.crls(),
    testTrust: services.testTrust,
    ...(a.get('online') ? { online: publicVerifyClient(a.get('online')!) } : {}),
  })
  const lang = langOf(io)
  if (a.has('json')) io.stdout(JSON.stringify(v, null, 2) + '\n')
  else io.stdout(describeVerification(v, lang))
  return v.verdict === 'valid' ? 0 : 1
}
