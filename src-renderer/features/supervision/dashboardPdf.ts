/**
 * The dashboard as a PDF to file or send (A4, the bundled DejaVu fonts, Kazakhstan dates): the period's totals, a bar
 * per day of decisions with the late part in red, and the per-person / per-unit tables.
 */
import fontkit from '@cantoo/fontkit'
import { PDFDocument, rgb, type PDFFont, type PDFPage } from '@cantoo/pdf-lib'
import { formatDate, formatNumber } from '@shared/format'
import type { Lang } from '@shared/errors'
import type { Dashboard, NamedCount } from './dashboard'

export interface DashboardPdfTexts {
  title: string
  period: string
  totals: string
  chart: string
  count: string
  late: string
  sections: Array<{ key: 'byOperator' | 'bySpecialist' | 'byService' | 'byTson' | 'byDepartment'; title: string }>
}

export async function dashboardPdf(d: Dashboard, t: DashboardPdfTexts, lang: Lang, fonts: { regular: Uint8Array; bold?: Uint8Array }): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  doc.registerFontkit(fontkit)
  const font = await doc.embedFont(fonts.regular, { subset: true })
  const bold = fonts.bold ? await doc.embedFont(fonts.bold, { subset: true }) : font
  let page = doc.addPage([595, 842])
  let y = 800
  const text = (s: string, x: number, size = 10, f: PDFFont = font, p: PDFPage = page) => p.drawText(s, { x, y, size, font: f })
  const line = (h = 14) => {
    y -= h
    if (y < 50) {
      page = doc.addPage([595, 842])
      y = 800
    }
  }
  text(t.title, 40, 16, bold)
  line(20)
  text(`${t.period}: ${formatDate(d.days[0])} — ${formatDate(d.days[d.days.length - 1])}`, 40)
  line()
  text(t.totals, 40)
  line(24)
  text(t.chart, 40, 11, bold)
  line(10)
  // Bars: decisions per day, the late part red.
  const max = Math.max(1, ...d.decided)
  const w = Math.min(24, 500 / d.days.length)
  const base = y - 110
  d.days.forEach((day, i) => {
    const x = 40 + i * w
    const h = (d.decided[i] / max) * 100
    const hl = (d.lateDecided[i] / max) * 100
    page.drawRectangle({ x, y: base, width: w - 3, height: h, color: rgb(0.25, 0.45, 0.75) })
    if (hl) page.drawRectangle({ x, y: base, width: w - 3, height: hl, color: rgb(0.8, 0.2, 0.2) })
    if (i % Math.ceil(d.days.length / 10) === 0) page.drawText(formatDate(day).slice(0, 5), { x, y: base - 12, size: 7, font })
  })
  y = base - 30
  const table = (title: string, rows: NamedCount[]) => {
    line(8)
    text(title, 40, 11, bold)
    line()
    text(t.count, 400, 9, bold)
    text(t.late, 470, 9, bold)
    for (const r of rows) {
      line()
      text(r.name.slice(0, 70), 40, 9)
      text(formatNumber(r.n, lang), 400, 9)
      text(formatNumber(r.late, lang), 470, 9)
    }
    line()
  }
  for (const s of t.sections) table(s.title, d[s.key])
  return doc.save()
}
