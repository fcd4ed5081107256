/**
 * `arm print` — a result document as a PDF, by the same pure renderer the workstation uses (src-shared/print).
 *   arm print --result FILE --out FILE.pdf [--lang kk|ru|en] [--test-trust]
 *       FILE is the result JSON as the gateway returns it (GET /requests/:regNo/result). Its detached CMS is verified
 *       over `document` first; a document whose signature fails is not printed (RESULT_SIGNATURE_INVALID, exit 3).
 *   arm print --sample SERVICE_ID [--template ID | --refusal | --receipt | --acceptance] --out FILE.pdf [--lang …]
 *       the catalogue's sample data, marked «ҮЛГІ / ОБРАЗЕЦ», for administrators reviewing templates.
 *   arm print --sample SERVICE_ID --list      the service's templates (id, kind, title)
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { ServiceCatalog, type ServiceDefinition } from '../../../src-shared/catalog'
import { createTrustStore, verifyCms } from '../../../src-shared/crypto'
import { ArmError, type Lang } from '../../../src-shared/errors'
import { ResultDocument } from '../../../src-shared/gateway/api'
import { renderResultPdf, type PrintFonts, type PrintVerdict } from '../../../src-shared/print'
import { defaultTemplate, findTemplate, readSignedDocument, sampleDocument, serviceTemplates, type DecisionDocument } from '../../../src-shared/results'
import { createCryptoServices } from '../../services/crypto/setup'
import { langOf, readInput, type CliIo } from '../io'

export const PRINT_USAGE = `Usage: arm print --result FILE --out FILE.pdf [--lang kk|ru|en] [--test-trust]
       arm print --sample SERVICE_ID [--template ID | --refusal | --receipt | --acceptance] --out FILE.pdf [--lang kk|ru|en]
       arm print --sample SERVICE_ID --list
`

/** DejaVu Sans (Cyrillic + Kazakh letters), shipped in resources/fonts; one face (bold is drawn from it, see print/pdf.ts). */
export function loadPrintFonts(resourcesDir: string): PrintFonts {
  try {
    return { regular: new Uint8Array(readFileSync(join(resourcesDir, 'fonts', 'DejaVuSans.ttf'))) }
  } catch (err) {
    throw new ArmError('RESULT_FONT_MISSING', (err as Error).message)
  }
}

function parse(args: string[]) {
  try {
    return parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        result: { type: 'string' },
        sample: { type: 'string' },
        template: { type: 'string' },
        refusal: { type: 'boolean' },
        receipt: { type: 'boolean' },
        acceptance: { type: 'boolean' },
        list: { type: 'boolean' },
        lang: { type: 'string' },
        out: { type: 'string' },
        'test-trust': { type: 'boolean' },
      },
    }).values
  } catch (err) {
    throw new ArmError('ARGUMENT_INVALID', (err as Error).message)
  }
}

/** A sample document of the chosen template (default: the service's first result template). */
function sample(catalog: ServiceCatalog, serviceId: string, o: { template?: string; refusal?: boolean; receipt?: boolean; acceptance?: boolean }): DecisionDocument {
  const service = catalog.find(serviceId)
  if (!service) throw new ArmError('RESULT_SERVICE_UNKNOWN', `unknown service ${serviceId}`)
  const kind = o.refusal ? 'refusal' : o.receipt ? 'receipt' : o.acceptance ? 'acceptance' : 'result'
  const t = o.template ? findTemplate(service, o.template) : defaultTemplate(service, kind)
  if (!t) throw new ArmError('RESULT_TEMPLATE_UNKNOWN', `${serviceId} has no ${kind} template`)
  return sampleDocument(service, t)
}

/** Verifies the gateway's result JSON and reads its document (one schema, or a legacy document mapped onto it). */
async function fromResultFile(catalog: ServiceCatalog, path: string, resourcesDir: string, testTrust: boolean): Promise<{ doc: DecisionDocument; verdict: PrintVerdict; bytes: Uint8Array; signature: Uint8Array; lenient: boolean }> {
  let json: unknown
  try {
    json = JSON.parse(new TextDecoder().decode(readInput(path)))
  } catch (err) {
    if (err instanceof ArmError) throw err
    throw new ArmError('RESULT_DOCUMENT_INVALID', `${path} is not JSON`)
  }
  const r = ResultDocument.safeParse(json)
  if (!r.success) throw new ArmError('RESULT_DOCUMENT_INVALID', `${path}: not a gateway result (${r.error.issues[0]?.path.join('.')})`)
  if (r.data.mediaType !== 'application/json') throw new ArmError('RESULT_DOCUMENT_INVALID', 'only JSON result documents are printed')
  const bytes = new Uint8Array(Buffer.from(r.data.document, 'base64'))
  const signature = new Uint8Array(Buffer.from(r.data.signature, 'base64'))
  const services = createCryptoServices({ resourcesDir, testTrust })
  const report = await verifyCms({
    cms: signature,
    content: bytes,
    trust: createTrustStore({ production: services.trust.production.map((c) => c.der), test: services.trust.test.map((c) => c.der), intermediates: services.trust.intermediates.map((c) => c.der) }),
    crls: await services.crls(),
    testTrust: services.testTrust,
  })
  // Never print a document as valid unless its signature is: the failed verdict makes the renderer refuse.
  if (report.indication !== 'PASSED') return { doc: undefined as never, verdict: { status: 'failed', code: report.subIndication ?? report.indication }, bytes, signature, lenient: false }
  const s = report.signatures[0]
  const verdict: PrintVerdict = { status: 'verified', ...(s?.signer?.fullName ? { signerName: s.signer.fullName } : {}), ...(s?.signingTime ? { signedAt: s.signingTime } : {}) }
  const signer = (service: ServiceDefinition): DecisionDocument['signer'] => ({
    role: r.data.signedBy, name: s?.signer?.fullName ?? service.provider.name.ru, position: service.provider.name,
    ...(s?.signer?.iin ? { iin: s.signer.iin } : {}), ...(s?.signer?.bin ? { bin: s.signer.bin } : {}),
  })
  const { doc, lenient } = readSignedDocument(bytes, catalog, { registrationNumber: r.data.registrationNumber, decidedAt: r.data.decidedAt, signer })
  return { doc, verdict, bytes, signature, lenient }
}

export async function printCommand(args: string[], io: CliIo, resourcesDir: string): Promise<number> {
  const o = parse(args)
  const catalog = new ServiceCatalog()
  if (o.list) {
    const service = o.sample ? catalog.find(o.sample) : undefined
    if (!service) throw new ArmError('RESULT_SERVICE_UNKNOWN', `unknown service ${o.sample ?? ''}`)
    for (const t of serviceTemplates(service)) io.stdout(`${t.id}\t${t.kind}\t${t.title.ru}\n`)
    return 0
  }
  if (!o.out || !!o.result === !!o.sample || [o.refusal, o.receipt, o.acceptance, o.template].filter(Boolean).length > 1) {
    io.stderr(PRINT_USAGE)
    return 2
  }
  const lang: Lang = o.lang === undefined ? langOf(io) : o.lang === 'kk' || o.lang === 'ru' || o.lang === 'en' ? o.lang : (() => { throw new ArmError('ARGUMENT_INVALID', '--lang must be kk, ru or en') })()
  const fonts = loadPrintFonts(resourcesDir)
  let pdf: Uint8Array
  if (o.sample) {
    pdf = await renderResultPdf({ doc: sample(catalog, o.sample, o), lang, verdict: { status: 'sample' }, fonts, catalog })
  } else {
    const r = await fromResultFile(catalog, o.result!, resourcesDir, !!o['test-trust'])
    pdf = await renderResultPdf({ doc: r.doc, lang, verdict: r.verdict, fonts, catalog, signedBytes: r.bytes, ...(r.lenient ? { lenient: true } : { signature: r.signature }) })
  }
  writeFileSync(o.out, pdf)
  io.stdout(`${o.out}: ${pdf.length} bytes\n`)
  return 0
}
