/**
 * "Print result" PDF: built from a real signed decision document (demo specialist key, CAdES through src-shared/crypto),
 * rendered with poppler's pdftoppm (non-blank, the QR area dark-and-light) and read back with pdftotext (header,
 * Kazakh letters, legal clause, result text). The PNG is kept in test-results/ to be looked at.
 */
import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { inflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { catalog, LEGAL_CLAUSE } from '../../src-shared/catalog'
import { sha256Hex } from '../../src-shared/envelope'
import { decisionBytes, decisionDocument, emptyDraft } from '../../src-renderer/features/inbox/decision'
import { buildResultPdf, HEADER_C, qrPayload } from '../../src-renderer/features/supervision/printResult'
import { b64, IIN, signWith } from '../gateway/helpers'

const ROOT = resolve(__dirname, '../..')
const FONT = new Uint8Array(readFileSync(join(ROOT, 'src-renderer/features/supervision/fonts/DejaVuSans.ttf')))
const BOLD = new Uint8Array(readFileSync(join(ROOT, 'src-renderer/features/supervision/fonts/DejaVuSans-Bold.ttf')))

/** Decodes an 8-bit greyscale/RGB PNG written by pdftoppm into luminance rows (no image library needed). */
function pngLuma(file: string): { width: number; height: number; luma: Uint8Array } {
  const buf = readFileSync(file)
  let off = 8
  let width = 0
  let height = 0
  let channels = 0
  const idat: Buffer[] = []
  while (off < buf.length) {
    const len = buf.readUInt32BE(off)
    const type = buf.toString('latin1', off + 4, off + 8)
    const data = buf.subarray(off + 8, off + 8 + len)
    if (type === 'IHDR') {
      width = data.readUInt32BE(0)
      height = data.readUInt32BE(4)
      channels = data[9] === 2 ? 3 : data[9] === 0 ? 1 : 4
      if (data[8] !== 8) throw new Error('only 8-bit PNGs')
    } else if (type === 'IDAT') idat.push(data)
    off += 12 + len
  }
  const raw = inflateSync(Buffer.concat(idat))
  const stride = width * channels
  const out = new Uint8Array(width * height)
  const prev = new Uint8Array(stride)
  const cur = new Uint8Array(stride)
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)]
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1))
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? cur[i - channels] : 0
      const b = prev[i]
      const c = i >= channels ? prev[i - channels] : 0
      const p = a + b - c
      const pr = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c
      cur[i] = (line[i] + (f === 0 ? 0 : f === 1 ? a : f === 2 ? b : f === 3 ? (a + b) >> 1 : pr)) & 255
    }
    for (let x = 0; x < width; x++) out[y * width + x] = channels === 1 ? cur[x * channels] : Math.round((cur[x * channels] + cur[x * channels + 1] + cur[x * channels + 2]) / 3)
    prev.set(cur)
  }
  return { width, height, luma: out }
}

function darkShare(img: { width: number; luma: Uint8Array }, x0: number, y0: number, x1: number, y1: number): number {
  let dark = 0
  let all = 0
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) {
    all++
    if (img.luma[y * img.width + x] < 128) dark++
  }
  return dark / all
}

describe('print result PDF', () => {
  it('header §5.1, refusal text, §5.2 clause and a QR with the signature reference; renders non-blank with Kazakh letters', async () => {
    const service = catalog.get('akimat.preschool-queue')
    const draft = { ...emptyDraft('refusal'), reasonCode: 'M4', reasonText: 'Свидетельство о рождении ребёнка не читается; қайта тапсырыңыз.' }
    const doc = decisionDocument({ registrationNumber: 'KZ-2026-000042', serviceId: service.id, draft, service, decidedAt: new Date('2026-11-22T12:30:00Z') })
    const bytes = decisionBytes(doc)
    const signature = await signWith('specialist-sign', bytes)
    const result = { registrationNumber: 'KZ-2026-000042', kind: 'refusal' as const, document: b64(bytes), mediaType: 'application/json' as const, signature: b64(signature), decidedAt: doc.decidedAt, signedBy: 'specialist' as const }
    const pdf = await buildResultPdf({ result, summary: { signerIin: IIN.specialist }, serviceId: service.id, service, font: FONT, boldFont: BOLD })
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-')

    const dir = mkdtempSync(join(tmpdir(), 'arm-print-'))
    writeFileSync(join(dir, 'result.pdf'), pdf)
    const txt = execFileSync('pdftotext', ['-layout', join(dir, 'result.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')
    for (const s of [HEADER_C.kk, HEADER_C.ru, 'KZ-2026-000042', '22.11.2026', 'не читается', 'қайта тапсырыңыз', 'Подписано ЭЦП', IIN.specialist, sha256Hex(bytes)]) expect(txt).toContain(s)
    // The clause wraps over lines; its distinctive parts must all be there.
    expect(txt).toContain('№ 370-II')
    expect(txt).toContain('равнозначен документу на бумажном носителе')
    expect(LEGAL_CLAUSE.kk.length).toBeGreaterThan(50)
    expect(txt).toContain('қағаз тасығыштағы құжатпен бірдей')

    execFileSync('pdftoppm', ['-png', '-r', '100', '-singlefile', join(dir, 'result.pdf'), join(dir, 'result')])
    const png = join(dir, 'result.png')
    mkdirSync(join(ROOT, 'test-results'), { recursive: true })
    copyFileSync(png, join(ROOT, 'test-results/inbox-print-result.png'))
    const img = pngLuma(png)
    expect(img.width).toBeGreaterThan(800)
    // Non-blank: some ink on the page, but mostly paper.
    const ink = darkShare(img, 0, 0, img.width, img.height)
    expect(ink).toBeGreaterThan(0.005)
    expect(ink).toBeLessThan(0.3)
    // The QR sits at the bottom right (110 pt square at 50 pt margins): about half its modules dark.
    const s = 100 / 72
    const qr = darkShare(img, Math.round((595.28 - 50 - 110) * s), Math.round((841.89 - 50 - 110) * s), Math.round((595.28 - 50) * s), Math.round((841.89 - 50) * s))
    expect(qr).toBeGreaterThan(0.25)
    expect(qr).toBeLessThan(0.75)
    // The header line (top left) carries Kazakh text drawn with real glyphs, not blanks.
    expect(darkShare(img, Math.round(50 * s), Math.round(75 * s), Math.round(330 * s), Math.round(105 * s))).toBeGreaterThan(0.01)

    const q = qrPayload({ result, serviceId: service.id, summary: { signerIin: IIN.specialist } })
    expect(q).toEqual({ u: 'KZ-2026-000042', s: service.id, d: '2026-11-22', h: sha256Hex(bytes), sig: `specialist:IIN${IIN.specialist}` })
  })
})
