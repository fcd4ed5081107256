/**
 * The verification report as a PDF (issue 17): the verdict in colour with its plain-language summary, then the
 * document and each signature as label/value rows, then the warnings — the same ReportModel the screen and the CLI
 * show (src-shared/verify/summary.ts). Pure JS (pdf-lib), like the result's own PDF.
 */
import fontkit from '@cantoo/fontkit'
import { PDFDocument, rgb, type PDFFont, type PDFPage } from '@cantoo/pdf-lib'
import { ArmError } from '../errors'
import type { ReportModel } from '../verify/summary'
import { wrap, type PrintFonts } from './pdf'

const A4: [number, number] = [595.28, 841.89]
const M = 48
const TONE = { ok: rgb(0.05, 0.45, 0.2), bad: rgb(0.72, 0.1, 0.1), warn: rgb(0.7, 0.45, 0), plain: rgb(0.2, 0.2, 0.2) }
const GREY = rgb(0.4, 0.4, 0.4)

export async function renderVerificationPdf(model: ReportModel, fonts: PrintFonts): Promise<Uint8Array> {
  if (!fonts.regular?.length) throw new ArmError('RESULT_FONT_MISSING')
  const pdf = await PDFDocument.create()
  pdf.registerFontkit(fontkit)
  const font = await pdf.embedFont(fonts.regular, { subset: true })
  const bold: PDFFont = fonts.bold?.length ? await pdf.embedFont(fonts.bold, { subset: true }) : font
  pdf.setTitle(model.sections[0]?.title ?? 'Verification report')
  pdf.setProducer('АРМ')
  const measure = (f: PDFFont) => ({ width: (t: string, s: number) => f.widthOfTextAtSize(t, s) })
  const W = A4[0] - 2 * M
  let page: PDFPage = pdf.addPage(A4)
  let y = A4[1] - M
  const line = (text: string, o: { size?: number; f?: PDFFont; x?: number; width?: number; color?: ReturnType<typeof rgb> } = {}) => {
    const size = o.size ?? 9.5
    const f = o.f ?? font
    for (const l of wrap(text, measure(f), size, o.width ?? W)) {
      if (y - size < M) {
        page = pdf.addPage(A4)
        y = A4[1] - M
      }
      page.drawText(l, { x: o.x ?? M, y: y - size, size, font: f, color: o.color ?? rgb(0, 0, 0) })
      y -= size * 1.35
    }
  }
  const tone = TONE[model.verdict === 'valid' ? 'ok' : model.verdict === 'indeterminate' ? 'warn' : 'bad']
  page.drawRectangle({ x: M, y: y - 30, width: W, height: 30, color: tone })
  page.drawText(model.headline, { x: M + 10, y: y - 21, size: 14, font: bold, color: rgb(1, 1, 1) })
  y -= 42
  for (const s of model.summary) line(s, { size: 11 })
  y -= 6
  for (const section of model.sections) {
    y -= 6
    line(section.title, { size: 11.5, f: bold, color: TONE[section.tone] })
    page.drawLine({ start: { x: M, y: y + 2 }, end: { x: M + W, y: y + 2 }, thickness: 0.4, color: GREY })
    y -= 3
    for (const [label, value] of section.rows) {
      const top = y
      if (label) line(label, { size: 8.5, width: W * 0.3, color: GREY })
      const after = y
      y = top
      line(value, { size: 9, x: M + W * 0.32, width: W * 0.68 })
      y = Math.min(y, after) - 1.5
    }
  }
  if (model.warnings.length) {
    y -= 8
    for (const w of model.warnings) line(`⚠ ${w}`, { size: 9, color: TONE.warn })
  }
  return pdf.save({ useObjectStreams: true })
}
