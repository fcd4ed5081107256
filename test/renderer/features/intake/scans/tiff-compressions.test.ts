/// <reference types="node" />
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { composeDocumentPdf } from '../../../../../src-renderer/features/intake/scans/compose'
import { sniffMediaType } from '../../../../../src-renderer/features/intake/scans/sniff'
import { countTiffPages, decodeTiff, type TiffPage } from '../../../../../src-renderer/features/intake/scans/tiff'

/**
 * Scanner TIFFs in CCITT G3/G4 and JPEG compression (test/fixtures/tiff/README.md says how they were made):
 * decoded to the pixels that were drawn, and drawn into the document PDF by the same path as every other TIFF.
 */
const FX = join(__dirname, '..', '..', '..', '..', 'fixtures', 'tiff')
const fx = (name: string) => new Uint8Array(readFileSync(join(FX, name)))
const dir = mkdtempSync(join(tmpdir(), 'arm-tiff-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Grey value 0..255 of a decoded page at (x, y), whatever its layout. */
function grey(p: TiffPage, x: number, y: number): number {
  if (p.bitsPerComponent === 1) {
    const bit = (p.samples[y * Math.ceil(p.width / 8) + (x >> 3)] >> (7 - (x & 7))) & 1
    return (p.whiteIsZero ? 1 - bit : bit) * 255
  }
  if (p.colorSpace === 'DeviceRGB') return p.samples[(y * p.width + x) * 3]
  return p.samples[y * p.width + x]
}

describe('TIFF in scanner compressions', () => {
  it('CCITT G4, two pages: each page decodes to its own drawing, kept 1-bit', async () => {
    const bytes = fx('g4-two-pages.tif')
    expect(countTiffPages(bytes)).toBe(2)
    const [p1, p2] = await decodeTiff(bytes)
    expect([p1.width, p1.height, p1.bitsPerComponent, Math.round(p1.dpi!)]).toEqual([160, 120, 1, 200])
    expect(grey(p1, 10, 100)).toBe(0) // left half black
    expect(grey(p1, 100, 100)).toBe(255) // right half white
    expect(grey(p1, 130, 20)).toBe(0) // the square, top right
    expect(grey(p1, 130, 40)).toBe(255)
    expect(grey(p2, 100, 10)).toBe(0) // page 2: top half black
    expect(grey(p2, 10, 100)).toBe(255)
  })

  it('CCITT G3 decodes like G4', async () => {
    const [g3] = await decodeTiff(fx('g3.tif'))
    const [g4] = await decodeTiff(fx('g4-two-pages.tif'))
    expect(g3.samples).toEqual(g4.samples)
  })

  it.each(['jpeg-rgb.tif', 'jpeg-ycbcr.tif'])('JPEG colour (%s) decodes to the drawn colours', async (name) => {
    const [p] = await decodeTiff(fx(name))
    expect([p.width, p.height, p.colorSpace, p.bitsPerComponent, Math.round(p.dpi!)]).toEqual([160, 120, 'DeviceRGB', 8, 200])
    const rgbAt = (x: number, y: number) => [...p.samples.subarray((y * 160 + x) * 3, (y * 160 + x) * 3 + 3)]
    const near = (got: number[], want: number[]) => got.every((v, i) => Math.abs(v - want[i]) <= 12)
    expect(near(rgbAt(10, 100), [200, 30, 30])).toBe(true)
    expect(near(rgbAt(100, 100), [255, 255, 255])).toBe(true)
    expect(near(rgbAt(130, 20), [0, 0, 0])).toBe(true)
  })

  it('JPEG grey decodes every row (no part of the page lost)', async () => {
    const [p] = await decodeTiff(fx('jpeg-gray.tif'))
    expect(p.colorSpace).toBe('DeviceGray')
    for (let y = 0; y < 120; y += 7) {
      expect(grey(p, 10, y)).toBeLessThan(30)
      expect(grey(p, 100, y)).toBeGreaterThan(225)
    }
    expect(grey(p, 130, 20)).toBeLessThan(30)
  })

  it('a CCITT page that claims 8-bit samples is refused, a damaged one is SCAN_CORRUPT_FILE', async () => {
    const bad = fx('g4-two-pages.tif')
    const dv = new DataView(bad.buffer, bad.byteOffset)
    const le = bad[0] === 0x49
    const ifd = dv.getUint32(4, le)
    for (let i = 0; i < dv.getUint16(ifd, le); i++) {
      const e = ifd + 2 + i * 12
      if (dv.getUint16(e, le) === 258) dv.setUint16(e + 8, 8, le) // BitsPerSample := 8
    }
    await expect(decodeTiff(bad)).rejects.toMatchObject({ code: 'SCAN_TIFF_UNSUPPORTED' })
    const cut = fx('jpeg-rgb.tif')
    // keep the header and IFD, destroy the JPEG data
    const jpegAt = cut.findIndex((b, i) => b === 0xff && cut[i + 1] === 0xd8)
    cut.fill(0, jpegAt, jpegAt + 300)
    await expect(decodeTiff(cut)).rejects.toMatchObject({ code: 'SCAN_CORRUPT_FILE' })
  })

  it('G4 and JPEG pages are drawn into the document PDF as poppler shows them', async () => {
    const src = (id: string, name: string) => {
      const bytes = fx(name)
      return { id, bytes, mediaType: sniffMediaType(bytes) }
    }
    const pdf = await composeDocumentPdf([
      { source: src('g4', 'g4-two-pages.tif'), index: 0, rotation: 0 },
      { source: src('g4', 'g4-two-pages.tif'), index: 1, rotation: 0 },
      { source: src('j', 'jpeg-ycbcr.tif'), index: 0, rotation: 0 },
    ])
    const file = join(dir, 'doc.pdf')
    writeFileSync(file, pdf)
    const info = execFileSync('pdfinfo', [file]).toString()
    expect(info).toMatch(/Pages:\s+3/)
    // 160 px at 200 dpi = 57.6 pt
    expect(info).toMatch(/Page size:\s+57\.6\d* x 43\.2\d* pts/)
    const page = (n: number) => {
      execFileSync('pdftoppm', ['-gray', '-r', '200', '-f', String(n), '-l', String(n), '-singlefile', file, join(dir, `p${n}`)])
      const buf = readFileSync(join(dir, `p${n}.pgm`))
      const [, w, h] = buf.subarray(0, 20).toString('latin1').split(/\s+/).map(Number)
      const px = buf.subarray(buf.length - w * h)
      return (x: number, y: number) => px[y * w + x]
    }
    const p1 = page(1)
    expect(p1(10, 100)).toBeLessThan(40)
    expect(p1(100, 100)).toBeGreaterThan(215)
    expect(p1(130, 20)).toBeLessThan(40)
    const p2 = page(2)
    expect(p2(100, 10)).toBeLessThan(40)
    expect(p2(10, 100)).toBeGreaterThan(215)
    const p3 = page(3)
    // red (200, 30, 30) in grey is about 80
    expect(p3(10, 100)).toBeGreaterThan(50)
    expect(p3(10, 100)).toBeLessThan(120)
    expect(p3(130, 20)).toBeLessThan(40)
  })
})
