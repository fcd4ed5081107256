import { PDFDocument, PDFName, concatTransformationMatrix, degrees, drawObject, popGraphicsState, pushGraphicsState } from '@cantoo/pdf-lib'
import type { PDFPage } from '@cantoo/pdf-lib'
import { ArmError } from '@shared/errors'
import type { ScanMediaType } from './sniff'
import { countTiffPages, decodeTiff, type TiffPage } from './tiff'

export type Rotation = 0 | 90 | 180 | 270

/** One imported file: its bytes stay as they came so a re-compose never degrades quality. */
export interface ScanSource {
  id: string
  mediaType: ScanMediaType
  bytes: Uint8Array
}

/** One page of a document: which source, which page inside it (PDF/TIFF), and the operator's rotation. */
export interface ComposePage {
  source: ScanSource
  index: number
  rotation: Rotation
}

export interface ComposeOptions {
  /** Called after each page: (done, total). Drives the progress bar on large documents. */
  onProgress?: (done: number, total: number) => void
  /** Resolution assumed for images that do not carry one. */
  defaultDpi?: number
  title?: string
}

const DEFAULT_DPI = 150

/** Lets the UI breathe between heavy pages (a 40-page import must not freeze the operator's screen). */
const yieldToUi = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

function normalise(rotation: number): Rotation {
  return ((((rotation % 360) + 360) % 360) as Rotation)
}

async function loadPdf(bytes: Uint8Array): Promise<PDFDocument> {
  try {
    const doc = await PDFDocument.load(bytes, { updateMetadata: false })
    // pdf-lib parses leniently; a broken page tree only shows when the pages are walked.
    if (doc.getPageCount() < 1) throw new Error('no pages')
    return doc
  } catch (err) {
    const name = err instanceof Error ? err.constructor.name + ' ' + err.message : String(err)
    if (/encrypt/i.test(name)) throw new ArmError('SCAN_PDF_ENCRYPTED')
    throw new ArmError('SCAN_CORRUPT_FILE', 'PDF cannot be parsed')
  }
}

function drawRawImage(doc: PDFDocument, page: TiffPage, dpi: number): PDFPage {
  const dict: Record<string, unknown> = {
    Type: 'XObject',
    Subtype: 'Image',
    Width: page.width,
    Height: page.height,
    BitsPerComponent: page.bitsPerComponent,
    ColorSpace: page.colorSpace,
  }
  // Bilevel TIFF with photometric 1 is BlackIsZero; PDF DeviceGray 1-bit also has 0 = black, so only WhiteIsZero inverts.
  if (page.whiteIsZero) dict.Decode = [1, 0]
  const stream = doc.context.flateStream(page.samples, dict as Parameters<typeof doc.context.flateStream>[1])
  const ref = doc.context.register(stream)
  const w = (page.width * 72) / dpi
  const h = (page.height * 72) / dpi
  const pdfPage = doc.addPage([w, h])
  const name = pdfPage.node.newXObject('Scan', ref)
  pdfPage.pushOperators(pushGraphicsState(), concatTransformationMatrix(w, 0, 0, h, 0, 0), drawObject(name), popGraphicsState())
  return pdfPage
}

/**
 * Composes the pages of one document (in the operator's order, with their rotations) into one PDF.
 * Why one PDF per document: the envelope lists one attachment (one SHA-256) per required document, and the
 * provider specialist opens one file per document.
 */
export async function composeDocumentPdf(pages: readonly ComposePage[], opts: ComposeOptions = {}): Promise<Uint8Array> {
  if (pages.length === 0) throw new ArmError('VALIDATION_FAILED', 'a document needs at least one page')
  const out = await PDFDocument.create({ updateMetadata: false })
  if (opts.title) out.setTitle(opts.title)
  const dpi = opts.defaultDpi ?? DEFAULT_DPI
  const pdfCache = new Map<string, Promise<PDFDocument>>()
  const tiffCache = new Map<string, Promise<TiffPage[]>>()
  let done = 0
  for (const p of pages) {
    let added: PDFPage
    const { source } = p
    if (source.mediaType === 'application/pdf') {
      let src = pdfCache.get(source.id)
      if (!src) pdfCache.set(source.id, (src = loadPdf(source.bytes)))
      const doc = await src
      if (p.index < 0 || p.index >= doc.getPageCount()) throw new ArmError('SCAN_CORRUPT_FILE', 'page index out of range')
      const [copied] = await out.copyPages(doc, [p.index])
      added = out.addPage(copied)
    } else if (source.mediaType === 'image/tiff') {
      let dec = tiffCache.get(source.id)
      if (!dec) tiffCache.set(source.id, (dec = decodeTiff(source.bytes)))
      const tiffPages = await dec
      const tp = tiffPages[p.index]
      if (!tp) throw new ArmError('SCAN_CORRUPT_FILE', 'page index out of range')
      added = drawRawImage(out, tp, tp.dpi ?? dpi)
    } else {
      let img
      try {
        img = source.mediaType === 'image/png' ? await out.embedPng(source.bytes) : await out.embedJpg(source.bytes)
      } catch {
        throw new ArmError('SCAN_CORRUPT_FILE', 'image cannot be decoded')
      }
      const w = (img.width * 72) / dpi
      const h = (img.height * 72) / dpi
      added = out.addPage([w, h])
      added.drawImage(img, { x: 0, y: 0, width: w, height: h })
    }
    if (p.rotation !== 0) added.setRotation(degrees(normalise(added.getRotation().angle + p.rotation)))
    done++
    opts.onProgress?.(done, pages.length)
    await yieldToUi()
  }
  // Pin the trailer ID-less, metadata-less output so the same pages give the same bytes (and the same hash).
  out.catalog.delete(PDFName.of('Metadata'))
  return out.save({ useObjectStreams: true })
}

/** Number of pages inside one imported file (1 for JPEG/PNG). */
export async function countPages(source: ScanSource): Promise<number> {
  if (source.mediaType === 'application/pdf') return (await loadPdf(source.bytes)).getPageCount()
  if (source.mediaType === 'image/tiff') return countTiffPages(source.bytes)
  return 1
}
