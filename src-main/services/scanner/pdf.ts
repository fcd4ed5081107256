/** Scanned pages into one PDF for `arm scan --out FILE.pdf`: each PNG drawn on a page of its own physical size. */
import type { ScannedPage } from './driver'

export async function pagesToPdf(pages: readonly ScannedPage[], producer = 'АРМ arm scan'): Promise<Uint8Array> {
  // Loaded here, not at the top: the PDF library costs every `arm` command about a second of start-up otherwise.
  const { PDFDocument } = await import('@cantoo/pdf-lib')
  const doc = await PDFDocument.create()
  doc.setProducer(producer)
  doc.setCreator(producer)
  for (const p of pages) {
    const image = await doc.embedPng(p.bytes)
    // Points are 1/72 inch: a 300 dpi A4 scan (2480 × 3508 px) becomes a 595 × 842 pt page.
    const w = (p.width * 72) / p.dpi
    const h = (p.height * 72) / p.dpi
    doc.addPage([w, h]).drawImage(image, { x: 0, y: 0, width: w, height: h })
  }
  return doc.save()
}
