/**
 * Print bench: building a result PDF (src-shared/print: catalogue check, composition, layout, QR, subset font) against
 * a minimal pdf-lib document with the same font (one line of text, subset embedding, saved). Both run interleaved in
 * one process; the document is the longest one-page sample (the real-estate справка). Also reports the PDF's size.
 */
import fontkit from '@cantoo/fontkit'
import { PDFDocument } from '@cantoo/pdf-lib'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { ServiceCatalog } from '../../src-shared/catalog'
import { renderResultPdf } from '../../src-shared/print'
import { defaultTemplate, sampleDocument } from '../../src-shared/results'
import type { BenchPart } from '../types'

const ROOT = join(__dirname, '..', '..')
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d

export async function run(): Promise<BenchPart> {
  // The font exactly as `arm print` loads it (src-main/cli/commands/print.ts loadPrintFonts).
  const regular = new Uint8Array(readFileSync(join(ROOT, 'resources', 'fonts', 'DejaVuSans.ttf')))
  const catalog = new ServiceCatalog()
  const service = catalog.get('realty.absence-presence-certificate')
  const doc = { ...sampleDocument(service, defaultTemplate(service, 'result')!), signer: { role: 'department' as const, name: 'Департамент юстиции Абайской области', position: service.result[0].signer, bin: '950341000052' } }
  const result = () => renderResultPdf({ doc, lang: 'ru', verdict: { status: 'verified', signedAt: doc.decidedAt }, fonts: { regular }, catalog })
  const minimal = async () => {
    const pdf = await PDFDocument.create()
    pdf.registerFontkit(fontkit)
    const font = await pdf.embedFont(regular, { subset: true })
    pdf.addPage([595.28, 841.89]).drawText('Справка об отсутствии (наличии) недвижимого имущества', { x: 50, y: 780, size: 12, font })
    return pdf.save()
  }
  for (let i = 0; i < 3; i++) {
    await result()
    await minimal()
  }
  const tr: number[] = []
  const tb: number[] = []
  const ratios: number[] = []
  let bytes: Uint8Array = new Uint8Array()
  let baseBytes: Uint8Array = new Uint8Array()
  for (let i = 0; i < 25; i++) {
    let t = performance.now()
    bytes = await result()
    const r = performance.now() - t
    t = performance.now()
    baseBytes = await minimal()
    const b = performance.now() - t
    tr.push(r)
    tb.push(b)
    ratios.push(r / b)
  }
  // The ratio is the median of back-to-back pairs: a burst of load elsewhere on the shared machine tilts one pair, not the figure.
  const ratio = median(ratios)
  const ms = median(tr)
  return {
    metrics: {
      resultPdfMs: { value: round(ms), unit: 'ms', target: '≤ 30 ms median', met: ms <= 30, note: 'realty absence/presence справка, ru, one page with QR' },
      minimalPdfMs: { value: round(median(tb)), unit: 'ms', note: 'pdf-lib document with the same font, one line, subset' },
      resultVsMinimal: { value: round(ratio), unit: '×', target: '≤ 2×', met: ratio <= 2 },
      resultPdfSize: { value: round(bytes.length / 1024, 1), unit: 'KiB', note: `font subset embedded (DejaVuSans.ttf is ${round(regular.length / 1024, 0)} KiB); minimal document ${round(baseBytes.length / 1024, 1)} KiB` },
    },
    raw: { resultMs: tr.map((x) => round(x)), minimalMs: tb.map((x) => round(x)), ratios: ratios.map((x) => round(x)) },
  }
}
