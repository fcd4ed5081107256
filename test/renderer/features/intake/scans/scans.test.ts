/// <reference types="node" />
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PDFDocument, rgb } from '@cantoo/pdf-lib'
import { beforeAll, describe, expect, it } from 'vitest'
import { composeDocumentPdf, countPages, type ScanSource } from '../../../../../src-renderer/features/intake/scans/compose'
import { sha256Hex } from '../../../../../src-renderer/features/intake/scans/hash'
import { sniffMediaType } from '../../../../../src-renderer/features/intake/scans/sniff'
import { countTiffPages, decodeTiff } from '../../../../../src-renderer/features/intake/scans/tiff'

/**
 * Real fixtures: a two-page PDF drawn with pdf-lib whose first page is black on its LEFT half, rasterised by poppler
 * into PNG, JPEG and TIFF (4 compressions). Composed PDFs are rasterised back with pdftoppm and the dark half located,
 * so rotation, order and image embedding are checked on pixels, not on structure.
 */
const dir = mkdtempSync(join(tmpdir(), 'arm-scans-'))
const fx: Record<string, Uint8Array> = {}

async function sourcePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  const p1 = doc.addPage([200, 280])
  p1.drawRectangle({ x: 0, y: 0, width: 100, height: 280, color: rgb(0, 0, 0) })
  const p2 = doc.addPage([200, 280])
  p2.drawRectangle({ x: 0, y: 200, width: 200, height: 80, color: rgb(0, 0, 0) }) // black TOP band
  return doc.save()
}

function raster(pdf: string, args: string[], prefix: string): Uint8Array {
  execFileSync('pdftoppm', [...args, '-r', '36', '-f', '1', '-l', '1', '-singlefile', pdf, join(dir, prefix)])
  const file = readdirSync(dir).find((f) => f.startsWith(prefix + '.'))!
  return new Uint8Array(readFileSync(join(dir, file)))
}

interface Gray { w: number; h: number; px: Uint8Array }
function renderPage(pdf: Uint8Array, page: number): Gray {
  const name = `out-${Math.random().toString(36).slice(2)}`
  writeFileSync(join(dir, name + '.pdf'), pdf)
  execFileSync('pdftoppm', ['-gray', '-r', '20', '-f', String(page), '-l', String(page), '-singlefile', join(dir, name + '.pdf'), join(dir, name)])
  const buf = readFileSync(join(dir, name + '.pgm'))
  // P5\n<w> <h>\n255\n<data>
  const header = buf.subarray(0, 40).toString('latin1').split(/\s+/)
  const w = Number(header[1])
  const h = Number(header[2])
  return { w, h, px: new Uint8Array(buf.subarray(buf.length - w * h)) }
}

/** Mean darkness (0..1) of the left/right/top/bottom halves of a page. */
function halves(g: Gray) {
  const dark = (x0: number, x1: number, y0: number, y1: number) => {
    let s = 0
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) s += 255 - g.px[y * g.w + x]
    return s / ((x1 - x0) * (y1 - y0) * 255)
  }
  return {
    left: dark(0, g.w >> 1, 0, g.h),
    right: dark(g.w >> 1, g.w, 0, g.h),
    top: dark(0, g.w, 0, g.h >> 1),
    bottom: dark(0, g.w, g.h >> 1, g.h),
  }
}

function pdfPages(pdf: Uint8Array): number {
  const f = join(dir, `info-${Math.random().toString(36).slice(2)}.pdf`)
  writeFileSync(f, pdf)
  return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [f]).toString())![1])
}

const src = (id: string, bytes: Uint8Array): ScanSource => ({ id, bytes, mediaType: sniffMediaType(bytes) })

beforeAll(async () => {
  fx.pdf = await sourcePdf()
  writeFileSync(join(dir, 'src.pdf'), fx.pdf)
  fx.png = raster(join(dir, 'src.pdf'), ['-png'], 'png')
  fx.jpeg = raster(join(dir, 'src.pdf'), ['-jpeg'], 'jpeg')
  for (const c of ['none', 'packbits', 'lzw', 'deflate']) fx[`tiff-${c}`] = raster(join(dir, 'src.pdf'), ['-tiff', '-tiffcompression', c], `tiff-${c}`)
  fx['tiff-gray'] = raster(join(dir, 'src.pdf'), ['-tiff', '-gray', '-tiffcompression', 'lzw'], 'tiff-gray')
})

describe('sniffMediaType', () => {
  it('recognises each scan kind from its bytes, not its name', () => {
    expect(sniffMediaType(fx.png)).toBe('image/png')
    expect(sniffMediaType(fx.jpeg)).toBe('image/jpeg')
    expect(sniffMediaType(fx['tiff-lzw'])).toBe('image/tiff')
    expect(sniffMediaType(fx.pdf)).toBe('application/pdf')
    const junkThenPdf = new Uint8Array([...new TextEncoder().encode('scanner-header\n'), ...fx.pdf])
    expect(sniffMediaType(junkThenPdf)).toBe('application/pdf')
  })
  it('refuses other files and empty files with coded errors', () => {
    const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0, 0, 0])
    expect(() => sniffMediaType(exe)).toThrowError(expect.objectContaining({ code: 'SCAN_UNSUPPORTED_TYPE' }))
    expect(() => sniffMediaType(new TextEncoder().encode('GIF89a....'))).toThrowError(expect.objectContaining({ code: 'SCAN_UNSUPPORTED_TYPE' }))
    expect(() => sniffMediaType(new Uint8Array(0))).toThrowError(expect.objectContaining({ code: 'SCAN_EMPTY_FILE' }))
  })
})

describe('TIFF decoding', () => {
  it('decodes poppler TIFFs in all four compressions to the same pixels', async () => {
    const decoded = await Promise.all(['none', 'packbits', 'lzw', 'deflate'].map((c) => decodeTiff(fx[`tiff-${c}`])))
    for (const pages of decoded) {
      expect(pages).toHaveLength(1)
      expect(pages[0].colorSpace).toBe('DeviceRGB')
      expect(pages[0].samples).toEqual(decoded[0][0].samples)
    }
    const p = decoded[0][0]
    // left half black, right half white: the pixel at (2, h/2) is dark, (w-3, h/2) light
    const at = (x: number, y: number) => p.samples[(y * p.width + x) * 3]
    expect(at(2, p.height >> 1)).toBeLessThan(50)
    expect(at(p.width - 3, p.height >> 1)).toBeGreaterThan(200)
    expect(countTiffPages(fx['tiff-lzw'])).toBe(1)
  })
  it('refuses CCITT compression with SCAN_TIFF_UNSUPPORTED and a truncated file with SCAN_CORRUPT_FILE', async () => {
    const t = new Uint8Array(fx['tiff-none'])
    const dv = new DataView(t.buffer)
    const le = t[0] === 0x49
    const ifd = dv.getUint32(4, le)
    const n = dv.getUint16(ifd, le)
    for (let i = 0; i < n; i++) {
      const e = ifd + 2 + i * 12
      if (dv.getUint16(e, le) === 259) dv.setUint16(e + 8, 4, le) // compression := CCITT G4
    }
    await expect(decodeTiff(t)).rejects.toMatchObject({ code: 'SCAN_TIFF_UNSUPPORTED' })
    await expect(decodeTiff(fx['tiff-none'].subarray(0, 6))).rejects.toMatchObject({ code: 'SCAN_CORRUPT_FILE' })
  })
})

describe('composeDocumentPdf', () => {
  it('composes PNG, rotated JPEG, TIFF and a PDF page into one PDF that poppler renders as expected', async () => {
    const progress: number[] = []
    const pdf = await composeDocumentPdf(
      [
        { source: src('a', fx.png), index: 0, rotation: 0 },
        { source: src('b', fx.jpeg), index: 0, rotation: 90 },
        { source: src('c', fx['tiff-lzw']), index: 0, rotation: 0 },
        { source: src('d', fx.pdf), index: 1, rotation: 0 },
        { source: src('e', fx['tiff-gray']), index: 0, rotation: 180 },
      ],
      { onProgress: (done) => progress.push(done) },
    )
    expect(progress).toEqual([1, 2, 3, 4, 5])
    expect(pdfPages(pdf)).toBe(5)
    const p1 = halves(renderPage(pdf, 1))
    expect(p1.left).toBeGreaterThan(0.8)
    expect(p1.right).toBeLessThan(0.2)
    // rotated 90° clockwise: the black left half is now on top
    const p2 = halves(renderPage(pdf, 2))
    expect(p2.top).toBeGreaterThan(0.8)
    expect(p2.bottom).toBeLessThan(0.2)
    const p3 = halves(renderPage(pdf, 3))
    expect(p3.left).toBeGreaterThan(0.8)
    expect(p3.right).toBeLessThan(0.2)
    // page 2 of the source PDF: black band on top only
    const p4 = halves(renderPage(pdf, 4))
    expect(p4.top).toBeGreaterThan(p4.bottom + 0.4)
    // grey TIFF rotated 180°: black half now on the right
    const p5 = halves(renderPage(pdf, 5))
    expect(p5.right).toBeGreaterThan(0.8)
    expect(p5.left).toBeLessThan(0.2)
  })

  it('gives the same bytes and SHA-256 for the same pages, a different hash for another order', async () => {
    const pages = [
      { source: src('a', fx.png), index: 0, rotation: 0 as const },
      { source: src('d', fx.pdf), index: 1, rotation: 0 as const },
    ]
    const one = await composeDocumentPdf(pages)
    const two = await composeDocumentPdf(pages)
    const swapped = await composeDocumentPdf([pages[1], pages[0]])
    const h1 = await sha256Hex(one)
    expect(h1).toMatch(/^[0-9a-f]{64}$/)
    expect(await sha256Hex(two)).toBe(h1)
    expect(await sha256Hex(swapped)).not.toBe(h1)
    const nodeHash = (await import('node:crypto')).createHash('sha256').update(one).digest('hex')
    expect(h1).toBe(nodeHash)
  })

  it('counts pages of each source kind and rejects a damaged PDF with SCAN_CORRUPT_FILE', async () => {
    expect(await countPages(src('p', fx.pdf))).toBe(2)
    expect(await countPages(src('i', fx.png))).toBe(1)
    const broken = new Uint8Array([...new TextEncoder().encode('%PDF-1.7\n'), 1, 2, 3])
    await expect(countPages(src('x', broken))).rejects.toMatchObject({ code: 'SCAN_CORRUPT_FILE' })
    const truncatedPng = fx.png.subarray(0, 60)
    await expect(composeDocumentPdf([{ source: src('t', truncatedPng), index: 0, rotation: 0 }])).rejects.toMatchObject({ code: 'SCAN_CORRUPT_FILE' })
  })
})

describe('importScan limits', () => {
  it('refuses an over-size file and a document over the page limit with coded errors, and reports progress', async () => {
    const { importScan } = await import('../../../../../src-renderer/features/intake/scans/importFile')
    const pdf = new Blob([fx.pdf as BlobPart])
    await expect(importScan(pdf, 0, { maxFileBytes: 100, maxPagesPerDocument: 50 })).rejects.toMatchObject({ code: 'SCAN_FILE_TOO_LARGE' })
    await expect(importScan(pdf, 49, { maxFileBytes: 1e7, maxPagesPerDocument: 50 })).rejects.toMatchObject({ code: 'SCAN_TOO_MANY_PAGES', details: { pages: 51, limit: 50 } })
    await expect(importScan(new Blob([]), 0)).rejects.toMatchObject({ code: 'SCAN_EMPTY_FILE' })
    const seen: number[] = []
    const ok = await importScan(new Blob([fx['tiff-none'] as BlobPart]), 0, undefined, (f) => seen.push(f))
    expect(ok).toMatchObject({ mediaType: 'image/tiff', pageCount: 1 })
    expect(ok.sha256).toBe(await sha256Hex(fx['tiff-none']))
    expect(seen.at(-1)).toBe(1)
  })
})
