/**
 * Reading a digital document card (src-shared/print/card.ts) back: the attached signed document and its CMS, and
 * what the card's XMP says it carries (the unique number and the document's SHA-256 the card page prints). Every
 * failure is a coded ArmError — CARD_UNREADABLE (not a PDF, or not one pdf-lib can open), CARD_NOT_A_CARD (a PDF
 * without our attachments), CARD_HASH_MISMATCH (the attached document is not the one the card declares) — so the
 * verifier turns it into a verdict, never a crash. The signature itself is checked by verifyCard (verify.ts).
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFString, PDFHexString } from '@cantoo/pdf-lib'
import { sha256Hex } from '../bytes'
import { ArmError } from '../errors'
import { inflateBounded } from './inflate'

/** The card's XMP extension schema (what the card says it carries) and its attachments' types; print/card.ts writes them. */
export const CARD_XMP_NS = 'https://arm.kz/ns/document-card/1.0/'
export const CARD_DOCUMENT_MIME = 'application/json'
export const CARD_SIGNATURE_MIME = 'application/pkcs7-signature'

/** A card is a page or two plus a document and a signature: far larger is not ours (and not parsed). */
export const MAX_CARD_BYTES = 8 * 1024 * 1024
/** An attached document or signature, or the XMP, inflated: beyond this it is not ours. */
const MAX_PART_BYTES = 1024 * 1024

export interface DocumentCard {
  registrationNumber: string
  /** SHA-256 of the attached document (lower-case hex), equal to what the card declares. */
  sha256: string
  document: Uint8Array
  signature: Uint8Array
}

/** Is this file a PDF (a card is one; an image is a printout)? */
export function isPdf(bytes: Uint8Array): boolean {
  return bytes.length > 5 && String.fromCharCode(...bytes.subarray(0, 5)) === '%PDF-'
}

/** A stream's bytes, unfiltered or FlateDecode only, inflated with a ceiling (pdf-lib's decoder has none). */
function streamBytes(stream: unknown): Uint8Array | undefined {
  if (!(stream instanceof PDFRawStream)) return undefined
  const filter = stream.dict.lookup(PDFName.of('Filter'))
  if (filter === undefined) return stream.contents.length <= MAX_PART_BYTES ? stream.contents : undefined
  const only = filter instanceof PDFArray && filter.size() === 1 ? filter.lookup(0) : filter
  if (only !== PDFName.of('FlateDecode') || stream.dict.has(PDFName.of('DecodeParms'))) return undefined
  return inflateBounded(stream.contents, { max: MAX_PART_BYTES, code: 'CARD_UNREADABLE', zlib: true })
}

const nameOf = (v: unknown) => (v instanceof PDFName ? v.decodeText() : v instanceof PDFString || v instanceof PDFHexString ? v.decodeText() : undefined)

/** The files of the flat /Names /EmbeddedFiles tree (the card writes no /Kids), with their relationship and type. */
function attachmentsOf(pdf: PDFDocument): Array<{ relationship?: string; mime?: string; data: Uint8Array }> {
  const names = pdf.catalog.lookupMaybe(PDFName.of('Names'), PDFDict)?.lookupMaybe(PDFName.of('EmbeddedFiles'), PDFDict)?.lookupMaybe(PDFName.of('Names'), PDFArray)
  const out: Array<{ relationship?: string; mime?: string; data: Uint8Array }> = []
  for (let i = 1; names && i < names.size() && out.length < 16; i += 2) {
    const spec = names.lookup(i)
    if (!(spec instanceof PDFDict)) continue
    const file = spec.lookupMaybe(PDFName.of('EF'), PDFDict)?.lookup(PDFName.of('F'))
    const data = streamBytes(file)
    if (!data || !(file instanceof PDFRawStream)) continue
    out.push({ relationship: nameOf(spec.lookup(PDFName.of('AFRelationship'))), mime: nameOf(file.dict.lookup(PDFName.of('Subtype'))), data })
  }
  return out
}

function xmpOf(pdf: PDFDocument): string | undefined {
  const bytes = streamBytes(pdf.catalog.lookup(PDFName.of('Metadata')))
  return bytes && new TextDecoder().decode(bytes)
}

function xmpValue(xmp: string, name: string): string | undefined {
  // Our own element form (card.ts writes it); the namespace prefix is whatever the Description binds to our URI.
  const prefix = new RegExp(`xmlns:([A-Za-z][\\w.-]*)="${CARD_XMP_NS.replace(/[./]/g, '\\$&')}"`).exec(xmp)?.[1]
  if (!prefix) return undefined
  const m = new RegExp(`<${prefix}:${name}>([^<]{1,128})</${prefix}:${name}>`).exec(xmp)
  return m?.[1].replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
}

export async function readDocumentCard(bytes: Uint8Array): Promise<DocumentCard> {
  if (!isPdf(bytes)) throw new ArmError('CARD_UNREADABLE', 'not a PDF')
  if (bytes.length > MAX_CARD_BYTES) throw new ArmError('CARD_UNREADABLE', 'larger than a document card')
  let pdf: PDFDocument
  let attachments: ReturnType<typeof attachmentsOf>
  let xmp: string | undefined
  try {
    pdf = await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: true })
    attachments = attachmentsOf(pdf)
    xmp = xmpOf(pdf)
  } catch (err) {
    if (err instanceof ArmError) throw err
    throw new ArmError('CARD_UNREADABLE', `the PDF cannot be read: ${(err as Error).message}`)
  }
  const registrationNumber = xmp && xmpValue(xmp, 'registrationNumber')
  const declared = xmp && xmpValue(xmp, 'documentSha256')
  const document = attachments.filter((a) => a.relationship === 'Source' && a.mime === CARD_DOCUMENT_MIME)
  const signature = attachments.filter((a) => a.relationship === 'Supplement' && a.mime === CARD_SIGNATURE_MIME)
  if (!registrationNumber || !declared || document.length !== 1 || signature.length !== 1) {
    throw new ArmError('CARD_NOT_A_CARD', attachments.length ? 'the PDF’s attachments are not a signed document and its signature' : 'a PDF without the signed document attached')
  }
  const hash = sha256Hex(document[0].data)
  if (hash !== declared.toLowerCase()) throw new ArmError('CARD_HASH_MISMATCH', 'the attached document is not the one the card declares')
  return { registrationNumber, sha256: hash, document: document[0].data.slice(), signature: signature[0].data.slice() }
}
