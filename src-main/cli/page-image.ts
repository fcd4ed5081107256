/**
 * A printout as page images for the QR reader: a PDF rasterised by pdftoppm (poppler, 200 dpi grey — what a
 * document scanner gives), a PNG or JPEG decoded in JS (pngjs, jpeg-js), or a PGM/PPM as pdftoppm writes it.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ArmError } from '../../src-shared/errors'
import type { PageImage } from '../../src-shared/verify/qr-scan'
import { readInput } from './io'

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { PNG } = require('pngjs') as { PNG: { sync: { read(b: Buffer): { width: number; height: number; data: Buffer } } } }
// eslint-disable-next-line @typescript-eslint/no-require-imports
const jpeg = require('jpeg-js') as { decode(b: Buffer, o: { useTArray: true; maxMemoryUsageInMB: number }): { width: number; height: number; data: Uint8Array } }

/** Pages above this are not a printout (a 300 dpi A4 is 8.7 Mpx). */
const MAX_PIXELS = 40_000_000

function fromPnm(b: Buffer): PageImage {
  const m = /^P([56])\s+(\d+)\s+(\d+)\s+255\s/.exec(b.toString('latin1', 0, 64))
  if (!m) throw new ArmError('VERIFY_IMAGE_UNREADABLE', 'not an 8-bit PGM/PPM')
  const [w, h, channels] = [Number(m[2]), Number(m[3]), m[1] === '5' ? 1 : 3]
  if (w * h > MAX_PIXELS || b.length < m[0].length + w * h * channels) throw new ArmError('VERIFY_IMAGE_UNREADABLE', 'truncated or oversized image')
  const data = new Uint8ClampedArray(w * h * 4)
  for (let i = 0, p = m[0].length; i < w * h; i++, p += channels) {
    data[i * 4] = b[p]
    data[i * 4 + 1] = b[p + (channels - 1 && 1)]
    data[i * 4 + 2] = b[p + (channels - 1 && 2)]
    data[i * 4 + 3] = 255
  }
  return { data, width: w, height: h }
}

export function readPageImages(path: string, dpi = 200): PageImage[] {
  const bytes = Buffer.from(readInput(path))
  const head = bytes.subarray(0, 8).toString('latin1')
  try {
    if (head.startsWith('%PDF-')) {
      const dir = mkdtempSync(join(tmpdir(), 'arm-verify-print-'))
      try {
        execFileSync('pdftoppm', ['-r', String(dpi), '-gray', path, join(dir, 'page')], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 60_000 })
        return readdirSync(dir).sort().map((f) => fromPnm(readFileSync(join(dir, f))))
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    }
    if (head.startsWith('\x89PNG')) {
      const png = PNG.sync.read(bytes)
      return [{ data: new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), width: png.width, height: png.height }]
    }
    if (bytes[0] === 0xff && bytes[1] === 0xd8) {
      const img = jpeg.decode(bytes, { useTArray: true, maxMemoryUsageInMB: 512 })
      return [{ data: new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.length), width: img.width, height: img.height }]
    }
    if (head.startsWith('P5') || head.startsWith('P6')) return [fromPnm(bytes)]
  } catch (err) {
    if (err instanceof ArmError) throw err
    throw new ArmError('VERIFY_IMAGE_UNREADABLE', (err as Error).message)
  }
  throw new ArmError('VERIFY_IMAGE_UNREADABLE', 'not a PDF, PNG, JPEG or PGM/PPM file')
}
