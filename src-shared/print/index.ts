/**
 * Printing a result document: checks it against the catalogue, composes the regulated text and writes the PDF.
 * Used by `arm print` and (next phase) by the workstation's counter and supervisor print.
 */
import type { ServiceCatalog } from '../catalog'
import { ArmError, type Lang } from '../errors'
import type { DecisionDocument } from '../results/schema'
import { checkDecision } from '../results/validate'
import { composeDocument, type PrintModel, type PrintVerdict } from './compose'
import { renderPdf, type PrintFonts } from './pdf'
import { documentCardPdf } from './card'

export { composeDocument, qrPayload, refusalReasonText, type ComposeInput, type PrintLine, type PrintModel, type PrintVerdict } from './compose'
export { renderPdf, wrap, type Measure, type PrintFonts } from './pdf'
export { paymentReceiptModel, tengeText, type PaymentReceiptInput } from './payment-receipt'
export { renderVerificationPdf } from './verification-report'

export interface PrintRequest {
  doc: DecisionDocument
  lang: Lang
  verdict: PrintVerdict
  fonts: PrintFonts
  catalog: Pick<ServiceCatalog, 'find'>
  /** The exact signed bytes, for the QR hash. */
  signedBytes?: Uint8Array
  /** The detached CMS over `signedBytes`: the printout then carries the signed barcode that verifies offline. */
  signature?: Uint8Array
  /** A legacy document (results/legacy.ts): a value it lacks prints «—» instead of failing the check. */
  lenient?: boolean
}

/**
 * The print model of a document (for a screen preview or tests), after the catalogue check. The verdict comes first:
 * a document whose signature failed is refused before any of its content is trusted.
 */
export function printModel(r: Omit<PrintRequest, 'fonts'>): PrintModel {
  if (r.verdict.status === 'failed') throw new ArmError('RESULT_SIGNATURE_INVALID', `signature check failed${r.verdict.code ? `: ${r.verdict.code}` : ''}`)
  const { service, template } = checkDecision(r.doc, r.catalog, { sample: r.verdict.status === 'sample', values: !r.lenient })
  return composeDocument({ doc: r.doc, service, template, lang: r.lang, verdict: r.verdict, signedBytes: r.signedBytes, signature: r.signature, lenient: r.lenient })
}

/** The PDF of a document. Throws a coded ArmError (errors/results.ts) instead of printing anything doubtful. */
export async function renderResultPdf(r: PrintRequest): Promise<Uint8Array> {
  return renderPdf(printModel(r), r.fonts)
}

/**
 * The digital document card (issue 17 point 5): the printed result as PDF/A-3b with the signed document and its CMS
 * attached (card.ts). Only for a signed document: the signature is checked by the caller, as for printing.
 */
export async function renderDocumentCard(r: PrintRequest & { signedBytes: Uint8Array; signature: Uint8Array; at?: Date }): Promise<Uint8Array> {
  return documentCardPdf(await renderResultPdf(r), { doc: r.doc, lang: r.lang, fonts: r.fonts, signedBytes: r.signedBytes, signature: r.signature, ...(r.at ? { at: r.at } : {}), ...(r.verdict.status === 'verified' && r.verdict.signerName ? { signerName: r.verdict.signerName } : {}) })
}
