/**
 * What the counter prints, as pure functions over the one document schema (src-shared/results) and the one renderer
 * (src-shared/print): the gateway's signed result or refusal with the verdict of its signature check, and the §5.5d
 * receipt built from the request the operator signed on this desk.
 */
import type { ServiceCatalog, ServiceDefinition } from '@shared/catalog'
import { deadline } from '@shared/calendar'
import { base64ToBytes } from '@shared/bytes'
import { decodeEnvelope } from '@shared/envelope'
import { ArmError, type Lang } from '@shared/errors'
import type { ResultDocument } from '@shared/gateway/api'
import { renderResultPdf, printModel, type PrintFonts, type PrintModel, type PrintVerdict } from '@shared/print'
import { localNumber } from '../../db/localNumber'
import { DECISION_SCHEMA_ID, defaultTemplate, readSignedDocument, type DecisionDocument } from '@shared/results'

/** The signature check of main's verifier, as the counter shows it. */
export interface SignatureFacts {
  indication: 'PASSED' | 'FAILED' | 'INDETERMINATE'
  subIndication?: string
  signerName?: string
  signerIin?: string
}

export interface OpenedDocument {
  doc: DecisionDocument
  bytes: Uint8Array
  /** The gateway's CMS over `bytes` (a result, not a receipt): the printout's signed barcode carries it (issue 17 pt 1). */
  signature?: Uint8Array
  verdict: PrintVerdict
  /** A document from before the one schema: missing values print «—». */
  lenient: boolean
}

/** The verdict printing accepts: only a PASSED check is a verified document; anything else is refused at print. */
export function verdictOf(check: SignatureFacts): PrintVerdict {
  if (check.indication !== 'PASSED') return { status: 'failed', code: check.subIndication ?? check.indication }
  return { status: 'verified', ...(check.signerName ? { signerName: check.signerName } : {}) }
}

/** The gateway's signed document, read with the one schema (or mapped from a legacy document). */
export function readResult(result: ResultDocument, check: SignatureFacts, catalog: Pick<ServiceCatalog, 'find'>, serviceId: string): OpenedDocument {
  const bytes = base64ToBytes(result.document)
  const signer = (service: ServiceDefinition): DecisionDocument['signer'] => ({
    role: result.signedBy, name: check.signerName ?? service.provider.name.ru, position: service.provider.name,
    ...(check.signerIin ? { iin: check.signerIin } : {}),
  })
  const { doc, lenient } = readSignedDocument(bytes, catalog, { registrationNumber: result.registrationNumber, decidedAt: result.decidedAt, signer, serviceId })
  return { doc, bytes, signature: base64ToBytes(result.signature), verdict: verdictOf(check), lenient }
}

/** The screen preview of a document; throws the same coded errors printing would (a failed signature first). */
export function previewOf(d: OpenedDocument, lang: Lang, catalog: Pick<ServiceCatalog, 'find'>): PrintModel {
  return printModel({ doc: d.doc, lang, verdict: d.verdict, catalog, signedBytes: d.bytes, lenient: d.lenient })
}

export function pdfOf(d: OpenedDocument, lang: Lang, catalog: Pick<ServiceCatalog, 'find'>, fonts: PrintFonts): Promise<Uint8Array> {
  // A legacy document is not the one schema a verifier reads back: it keeps the hash QR, without the signed barcode.
  return renderResultPdf({ doc: d.doc, lang, verdict: d.verdict, catalog, fonts, signedBytes: d.bytes, ...(d.lenient ? { lenient: true } : d.signature ? { signature: d.signature } : {}) })
}


export interface ReceiptInput {
  requestId: string
  registrationNumber?: string
  envelope: Uint8Array
  /** When the operator signed it (the request's createdAt on this desk). */
  signedAt: number
  tsonName: { kk: string; ru: string; en: string }
  operator: { name: string; iin?: string }
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '')
const bilingual = (n: { kk: string; ru: string } | undefined): string | undefined => (n ? (n.kk && n.kk !== n.ru ? `${n.kk} / ${n.ru}` : n.ru) : undefined)

/** §5.5d: the receipt of a signed request — its registration number once registered, the desk's number before. */
export function receiptDocument(r: ReceiptInput, catalog: Pick<ServiceCatalog, 'find'>): { doc: DecisionDocument; service: ServiceDefinition } {
  const env = decodeEnvelope(r.envelope)
  const service = catalog.find(env.serviceId)
  if (!service) throw new ArmError('RESULT_SERVICE_UNKNOWN', env.serviceId)
  const template = defaultTemplate(service, 'receipt')
  if (!template) throw new ArmError('RESULT_TEMPLATE_UNKNOWN', `${service.id} has no receipt`)
  const form = env.form as Record<string, unknown>
  const applicantId = env.applicant.kind === 'person' ? env.applicant.iin : env.applicant.bin
  const name = text(form.applicantFullName) || text(form.entityName) || text(form.applicantName) || applicantId
  // The receipt is bilingual (§5.5d) and a list row holds one string: each document is named in Kazakh, then Russian.
  const documents = env.attachments.map((a) => ({ name: bilingual(service.documents.find((d) => d.id === a.docType)?.name) ?? a.docType }))
  const due = deadline(new Date(r.signedAt), service.terms.regulated)
  const doc: DecisionDocument = {
    schema: DECISION_SCHEMA_ID,
    registrationNumber: r.registrationNumber ?? localNumber(r.requestId),
    serviceId: service.id,
    templateId: template.id,
    kind: 'receipt',
    decidedAt: new Date(r.signedAt).toISOString(),
    applicant: { kind: env.applicant.kind, ...(env.applicant.kind === 'person' ? { iin: env.applicant.iin } : { bin: env.applicant.bin }), name },
    values: {
      tsonName: r.tsonName,
      fio: name,
      consumerId: applicantId,
      representative: text(form.representativeFullName),
      poa: text(form.poaNumber),
      documents,
      dueDate: new Date(due.getTime() + 5 * 3_600_000).toISOString().slice(0, 10),
    },
    signer: { role: 'operator', name: r.operator.name, position: template.signer, ...(r.operator.iin ? { iin: r.operator.iin } : {}) },
  }
  return { doc, service }
}

/** The receipt as a printable document: the operator's own signature over the request stands behind it. */
export function openReceipt(r: ReceiptInput, catalog: Pick<ServiceCatalog, 'find'>): OpenedDocument {
  const { doc } = receiptDocument(r, catalog)
  return { doc, bytes: r.envelope, verdict: { status: 'verified', signerName: r.operator.name, signedAt: doc.decidedAt }, lenient: false }
}
