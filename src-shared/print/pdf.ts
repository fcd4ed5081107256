/**
 * Lays a PrintModel out on A4 pages with pdf-lib: header at the top (number and date at the top right), title, body
 * (new pages as needed), signature block, and on the last page the footer — §5.2 clause and §5.3 note at the left,
 * the QR code at the bottom right. Pure JS (pdf-lib + fontkit + the qrcode core): no DOM, no node:. The caller
 * passes the font bytes; glyphs are subset-embedded so a one-page result stays small.
 */
import fontkit from '@cantoo/fontkit'
import { PDFDocument, TextRenderingMode, degrees, popGraphicsState, pushGraphicsState, rgb, setLineWidth, setStrokingRgbColor, setTextRenderingMode, type PDFFont, type PDFPage } from '@cantoo/pdf-lib'
import * as QR from 'qrcode/lib/core/qrcode'
import { ArmError } from '../errors'
import type { PrintModel } from './compose'

export interface PrintFonts {
  regular: Uint8Array
  bold?: Uint8Array
}

/**
 * Kazakh and Russian in DejaVu need no shaping: with the OpenType features off, fontkit skips the GSUB/GPOS work
 * that is most of a line's cost, and the widths drawn are the advance widths `Measure` wraps by (no kerning).
 */
const NO_SHAPING = { kern: false, liga: false, clig: false, calt: false, ccmp: false, locl: false, mark: false, mkmk: false, rlig: false }

const A4: [number, number] = [595.28, 841.89]
const M = 50
const BLACK = rgb(0, 0, 0)
const GREY = rgb(0.35, 0.35, 0.35)
const UNIQUE_NUMBER_LABEL = 'Бірегей нөмір / Уникальный номер'

type Fontkit = Parameters<PDFDocument['registerFontkit']>[0]
type FontkitFont = ReturnType<Fontkit['create']>

/**
 * Parsed fonts, kept by the identity of the caller's bytes: measuring uses them directly, and they hold the decoded
 * tables (cmap, hmtx, loca, post…) every document's font shares. pdf-lib still gets a fresh fontkit font per document
 * (its own glyph objects): a shared one leaks glyph state between documents (glyphs first met without their characters
 * lose their ToUnicode entry — pdftotext then misses letters).
 */
const parsed = new WeakMap<Uint8Array, FontkitFont>()
function parseFont(data: Uint8Array): FontkitFont {
  const hit = parsed.get(data)
  if (hit) return hit
  const f = (fontkit as Fontkit).create(data)
  parsed.set(data, f)
  return f
}

/** The tables the subset embedder reads (metrics, glyph locations, font descriptor, hinting programs, cmap). */
const SHARED_TABLES = ['head', 'hhea', 'maxp', 'hmtx', 'loca', 'post', 'OS/2', 'cmap', 'name', 'cvt ', 'prep', 'fpgm']

interface GlyphInternals {
  _metrics?: unknown
  _getMetrics(): unknown
  _decode(): unknown
}
interface FontkitInternals {
  _tables: Record<string, unknown>
  _glyphs: Record<number, GlyphInternals | undefined>
  _cmapProcessor: unknown
  bbox: unknown
  getGlyph(id: number, codePoints?: number[]): GlyphInternals | null
  glyphsForString(text: string): unknown[]
  layout(text: string, features?: unknown): { glyphs: unknown[] }
}

/** A glyph's outline record and metrics, decoded once per font (the subset copies the outline bytes of each glyph). */
const decodedGlyphs = new WeakMap<object, Map<number, { metrics: unknown; outline: unknown }>>()
function decodedGlyph(template: FontkitInternals, id: number): { metrics: unknown; outline: unknown } | undefined {
  let byId = decodedGlyphs.get(template)
  if (!byId) decodedGlyphs.set(template, (byId = new Map()))
  let hit = byId.get(id)
  if (!hit) {
    const g = template.getGlyph(id)
    if (!g) return undefined
    hit = { metrics: g._getMetrics(), outline: g._decode() }
    byId.set(id, hit)
  }
  return hit
}

/**
 * The fontkit handed to pdf-lib: `create` is a fresh font over the parsed one's decoded tables (decoding DejaVu's
 * cmap, hmtx and 6 000 glyph names in `post` was a third of a document's build), and its `layout` maps characters to
 * glyphs straight through the cmap — Kazakh and Russian need no shaping (see NO_SHAPING), so fontkit's OpenType
 * engine would only cost time per line. Its glyphs are its own (their characters feed ToUnicode) but take their
 * metrics and outline record from the parsed font: decoding them again for every document was a fifth of the build.
 */
const documentFontkit = {
  create(data: Uint8Array): FontkitFont {
    const template = parseFont(data) as unknown as FontkitInternals & Record<string, unknown>
    for (const tag of SHARED_TABLES) void template[tag]
    const font = (fontkit as Fontkit).create(data) as unknown as FontkitInternals
    Object.assign(font._tables, template._tables)
    Object.defineProperty(font, '_cmapProcessor', { value: template._cmapProcessor })
    Object.defineProperty(font, 'bbox', { value: template.bbox })
    font.layout = (text: string) => ({ glyphs: font.glyphsForString(text), positions: [] })
    const ownGlyph = font.getGlyph.bind(font)
    font.getGlyph = (id, codePoints) => {
      const fresh = !font._glyphs[id]
      const g = ownGlyph(id, codePoints)
      const shared = fresh && g ? decodedGlyph(template, id) : undefined
      if (g && shared) {
        g._metrics = shared.metrics
        g._decode = () => shared.outline
      }
      return g
    }
    return font as unknown as FontkitFont
  },
} as unknown as Fontkit

/** Text width from the glyphs' advance widths, cached per character (pdf-lib's own measure shapes the whole string each call). */
export interface Measure {
  width(text: string, size: number): number
}
const measures = new WeakMap<Uint8Array, Measure>()
function measureOf(bytes: Uint8Array): Measure {
  const hit = measures.get(bytes)
  if (hit) return hit
  const font = parseFont(bytes) as unknown as { unitsPerEm: number; glyphForCodePoint(cp: number): { advanceWidth: number } }
  const adv = new Map<number, number>()
  const m: Measure = {
    width(text, size) {
      let w = 0
      for (const ch of text) {
        const cp = ch.codePointAt(0) ?? 32
        let a = adv.get(cp)
        if (a === undefined) {
          a = font.glyphForCodePoint(cp).advanceWidth / font.unitsPerEm
          adv.set(cp, a)
        }
        w += a
      }
      return w * size
    },
  }
  measures.set(bytes, m)
  return m
}

/** Splits text into lines that fit `width` at `size` (words; an over-long word is cut by characters). */
export function wrap(text: string, font: Measure, size: number, width: number): string[] {
  const lines: string[] = []
  for (const para of text.split('\n')) {
    let line = ''
    for (const word of para.split(/\s+/).filter(Boolean)) {
      const next = line ? `${line} ${word}` : word
      if (font.width(next, size) <= width) {
        line = next
        continue
      }
      if (line) lines.push(line)
      let w = word
      while (font.width(w, size) > width) {
        let n = w.length - 1
        while (n > 1 && font.width(w.slice(0, n), size) > width) n--
        lines.push(w.slice(0, n))
        w = w.slice(n)
      }
      line = w
    }
    lines.push(line)
  }
  return lines
}

/**
 * The QR symbol as one filled path of rectangles (runs of dark modules in a row), written as the text of its own
 * content stream: built as PDFOperator objects it was thousands of numbers to allocate and size twice — a sixth of the
 * document's build. Vector modules, not a 1-bit image: a verifier's 150–200 dpi scan reads anti-aliased edges better
 * than nearest-neighbour pixels of uneven width.
 */
function drawQr(pdf: PDFDocument, page: PDFPage, text: string, x: number, y: number, size: number): void {
  // A fixed mask (ISO/IEC 18004 allows any of the eight): choosing the best by penalty scoring costs more than the page.
  const qr = QR.create(text, { errorCorrectionLevel: 'M', maskPattern: 2 })
  const n = qr.modules.size
  const quiet = 2
  const cell = size / (n + quiet * 2)
  const h = round(cell)
  let ops = 'q 0 0 0 rg\n'
  for (let r = 0; r < n; r++) {
    const ry = round(y + size - (r + quiet + 1) * cell)
    let c = 0
    while (c < n) {
      if (!qr.modules.get(r, c)) {
        c++
        continue
      }
      const start = c
      while (c < n && qr.modules.get(r, c)) c++
      ops += `${round(x + (start + quiet) * cell)} ${ry} ${round((c - start) * cell)} ${h} re\n`
    }
  }
  ops += 'f Q\n'
  page.node.addContentStream(pdf.context.register(pdf.context.flateStream(ops)))
}

const round = (v: number) => Math.round(v * 100) / 100

/**
 * Bold from the regular face: the glyphs filled and stroked with a thin line (text rendering mode 2). A second font
 * would double the document's font cost (parse + subset), which is most of the build time; the text layer stays one
 * copy of the words.
 */
function emboldened(page: PDFPage, size: number, draw: () => void, color: [number, number, number] = [0, 0, 0]): void {
  page.pushOperators(pushGraphicsState(), setTextRenderingMode(TextRenderingMode.FillAndOutline), setLineWidth(size * 0.035), setStrokingRgbColor(...color))
  draw()
  page.pushOperators(popGraphicsState())
}

export async function renderPdf(model: PrintModel, fonts: PrintFonts): Promise<Uint8Array> {
  if (!fonts.regular?.length) throw new ArmError('RESULT_FONT_MISSING')
  const pdf = await PDFDocument.create()
  pdf.registerFontkit(documentFontkit)
  const font = await pdf.embedFont(fonts.regular, { subset: true, features: NO_SHAPING })
  const bold = fonts.bold?.length ? await pdf.embedFont(fonts.bold, { subset: true, features: NO_SHAPING }) : font
  const mRegular = measureOf(fonts.regular)
  const mBold = fonts.bold?.length ? measureOf(fonts.bold) : mRegular
  const measure = (f: PDFFont) => (f === bold && !fauxBold ? mBold : mRegular)
  const fauxBold = bold === font
  pdf.setTitle(model.docTitle)
  pdf.setProducer('АРМ')
  pdf.setCreator('АРМ')
  const W = A4[0] - 2 * M
  let page = pdf.addPage(A4)
  let y = A4[1] - M
  const pages: PDFPage[] = [page]
  const newPage = () => {
    page = pdf.addPage(A4)
    pages.push(page)
    y = A4[1] - M
  }
  const text = (s: string, o: { size?: number; b?: boolean; x?: number; width?: number; color?: ReturnType<typeof rgb>; center?: boolean; reserve?: number } = {}) => {
    const size = o.size ?? 11
    const f = o.b ? bold : font
    const width = o.width ?? W
    for (const line of wrap(s, measure(f), size, width)) {
      if (y - size < M + (o.reserve ?? 0)) newPage()
      const x = o.center ? M + (W - measure(f).width(line, size)) / 2 : (o.x ?? M)
      if (o.b && fauxBold) emboldened(page, size, () => page.drawText(line, { x, y: y - size, size, font: f, color: o.color ?? BLACK }))
      else page.drawText(line, { x, y: y - size, size, font: f, color: o.color ?? BLACK })
      y -= size * 1.35
    }
  }

  // §5.1 header: logo and the two header lines at the left; number and date at the top right.
  const top = y
  const logo = () => page.drawText('eGov', { x: M, y: y - 20, size: 20, font: bold, color: rgb(0.04, 0.36, 0.66) })
  if (fauxBold) emboldened(page, 20, logo, [0.04, 0.36, 0.66])
  else logo()
  y -= 30
  for (const l of model.header.lines) text(l, { size: 8.5, color: GREY, width: W * 0.55 })
  const left = y
  y = top
  const rx = M + W * 0.58
  for (const [label, value] of model.header.fields) {
    text(label, { size: 8, x: rx, width: W * 0.42, color: GREY })
    text(value, { size: 9.5, x: rx, width: W * 0.42, b: true })
  }
  y = Math.min(y, left) - 6
  page.drawLine({ start: { x: M, y }, end: { x: M + W, y }, thickness: 0.8, color: GREY })
  y -= 16

  for (const t of model.title) text(t, { size: 12.5, b: true, center: true })
  y -= 8
  for (const l of model.body) {
    const indent = (l.indent ?? 0) * 14
    text(l.text, { size: l.size ?? 10.5, b: l.bold, x: M + indent, width: W - indent })
    y -= 2.5
  }

  y -= 12
  for (const [i, l] of model.signature.entries()) text(l, { size: 9.5, b: i === 0 })

  // Footer on the last page: clause and note at the left of the QR code; a signed barcode is a row of QR codes
  // across the page with the number and SHA-256 under it (what a verifier types in when no camera reads it).
  const signed = model.signedBarcode
  const qrSize = signed ? Math.min(130, (W - (signed.parts.length - 1) * 12) / signed.parts.length) : 96
  const footW = signed ? W : W - qrSize - 14
  const footLines = [...model.legal, ...(model.barcodeNote ? [model.barcodeNote] : [])].flatMap((s) => wrap(s, mRegular, 7.5, footW))
  const textH = footLines.length * 7.5 * 1.35 + 6
  const hashLine = signed ? `${UNIQUE_NUMBER_LABEL}: ${signed.registrationNumber}   SHA-256: ${signed.sha256}` : ''
  const footH = signed ? textH + qrSize + 14 : Math.max(qrSize, textH)
  if (y - 14 < M + footH) newPage()
  page.drawLine({ start: { x: M, y: M + footH + 6 }, end: { x: M + W, y: M + footH + 6 }, thickness: 0.5, color: GREY })
  let fy = M + footH
  for (const line of footLines) {
    page.drawText(line, { x: M, y: fy - 7.5, size: 7.5, font, color: GREY })
    fy -= 7.5 * 1.35
  }
  if (signed) {
    signed.parts.forEach((part, i) => drawQr(pdf, page, part, M + i * (qrSize + 12), M + 12, qrSize))
    page.drawText(hashLine, { x: M, y: M + 2, size: 6.5, font, color: BLACK })
  } else drawQr(pdf, page, model.qr, M + W - qrSize, M, qrSize)

  if (model.sample) {
    for (const p of pages) p.drawText('ҮЛГІ / ОБРАЗЕЦ', { x: 120, y: 260, size: 54, font, color: rgb(0.85, 0.85, 0.85), rotate: degrees(40), opacity: 0.5 })
  }
  if (pages.length > 1) pages.forEach((p, i) => p.drawText(`${i + 1} / ${pages.length}`, { x: A4[0] - M - 30, y: 24, size: 8, font, color: GREY }))
  return pdf.save({ useObjectStreams: true })
}
