import { ArmError } from '@shared/errors'
import * as UTIF from 'utif2'

/**
 * A small baseline-TIFF reader for scanner output. Neither Chromium nor pdf-lib can show or embed TIFF,
 * so pages are decoded to raw 8-bit (or 1-bit) samples and embedded in the PDF as plain image XObjects.
 * Read here: strips, uncompressed / PackBits / LZW / Deflate, predictor 2, 1- and 8-bit grey, 8-bit RGB(A),
 * several pages (IFDs). The usual scanner compressions this reader does not implement itself — CCITT G3/G4
 * (black-and-white) and JPEG (colour/grey, RGB or YCbCr) — are decoded by utif2 and come out as the same samples,
 * so they are drawn by the same path; other layouts are refused with SCAN_TIFF_UNSUPPORTED rather than misdrawn.
 */
export interface TiffPage {
  width: number
  height: number
  /** 1 (bilevel) or 8. */
  bitsPerComponent: 1 | 8
  colorSpace: 'DeviceGray' | 'DeviceRGB'
  /** Photometric 0: 0 is white, so the PDF needs a Decode [1 0]. */
  whiteIsZero: boolean
  /** Rows packed as the PDF expects them: 1-bit rows padded to a byte, RGB without alpha. */
  samples: Uint8Array
  /** Dots per inch from the file, or undefined when the file does not say. */
  dpi?: number
}

const TAG = {
  width: 256,
  height: 257,
  bitsPerSample: 258,
  compression: 259,
  photometric: 262,
  stripOffsets: 273,
  samplesPerPixel: 277,
  rowsPerStrip: 278,
  stripByteCounts: 279,
  xResolution: 282,
  planar: 284,
  resolutionUnit: 296,
  predictor: 317,
  extraSamples: 338,
} as const

const TYPE_SIZE: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8 }

class Reader {
  readonly view: DataView
  readonly le: boolean
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    this.le = bytes[0] === 0x49
  }
  u16(o: number): number {
    this.check(o, 2)
    return this.view.getUint16(o, this.le)
  }
  u32(o: number): number {
    this.check(o, 4)
    return this.view.getUint32(o, this.le)
  }
  check(o: number, n: number): void {
    if (o < 0 || o + n > this.bytes.length) throw new ArmError('SCAN_CORRUPT_FILE', 'TIFF offset out of range')
  }
}

type Ifd = Map<number, number[]>

function readIfd(r: Reader, offset: number): { entries: Ifd; next: number } {
  const count = r.u16(offset)
  const entries: Ifd = new Map()
  for (let i = 0; i < count; i++) {
    const e = offset + 2 + i * 12
    const tag = r.u16(e)
    const type = r.u16(e + 2)
    const n = r.u32(e + 4)
    const size = TYPE_SIZE[type]
    if (!size) continue
    const total = size * n
    const at = total <= 4 ? e + 8 : r.u32(e + 8)
    r.check(at, total)
    const values: number[] = []
    // Only the numeric tags we use; rationals keep numerator/denominator pairs.
    for (let k = 0; k < n && k < 1 << 16; k++) {
      if (type === 3) values.push(r.u16(at + k * 2))
      else if (type === 4) values.push(r.u32(at + k * 4))
      else if (type === 5) values.push(r.u32(at + k * 8), r.u32(at + k * 8 + 4))
      else if (type === 1 || type === 7) values.push(r.bytes[at + k])
    }
    entries.set(tag, values)
  }
  return { entries, next: r.u32(offset + 2 + count * 12) }
}

function headerIfdOffset(bytes: Uint8Array): Reader & { first: number } {
  if (bytes.length < 8) throw new ArmError('SCAN_CORRUPT_FILE', 'TIFF too short')
  const r = new Reader(bytes) as Reader & { first: number }
  if (r.u16(2) !== 42) throw new ArmError('SCAN_CORRUPT_FILE', 'not a classic TIFF')
  r.first = r.u32(4)
  return r
}

/** How many pages a TIFF holds, without decoding them (for the page limit before any heavy work). */
export function countTiffPages(bytes: Uint8Array): number {
  const r = headerIfdOffset(bytes)
  const seen = new Set<number>()
  let off = r.first
  let n = 0
  while (off !== 0) {
    if (seen.has(off)) throw new ArmError('SCAN_CORRUPT_FILE', 'TIFF IFD loop')
    seen.add(off)
    off = readIfd(r, off).next
    n++
  }
  if (n === 0) throw new ArmError('SCAN_CORRUPT_FILE', 'TIFF has no pages')
  return n
}

function packBits(src: Uint8Array, expected: number): Uint8Array {
  const out = new Uint8Array(expected)
  let i = 0
  let o = 0
  while (i < src.length && o < expected) {
    const n = (src[i++] << 24) >> 24
    if (n >= 0) {
      for (let k = 0; k <= n && o < expected; k++) out[o++] = src[i++]
    } else if (n !== -128) {
      const v = src[i++]
      for (let k = 0; k < 1 - n && o < expected; k++) out[o++] = v
    }
  }
  return out
}

/** TIFF LZW (MSB-first codes, early change), one strip at a time. */
function lzw(src: Uint8Array, expected: number): Uint8Array {
  const out = new Uint8Array(expected)
  let o = 0
  let table: Uint8Array[] = []
  const reset = () => {
    table = []
    for (let k = 0; k < 256; k++) table.push(Uint8Array.of(k))
    table.push(new Uint8Array(0), new Uint8Array(0))
  }
  reset()
  let bitPos = 0
  let width = 9
  const read = (): number => {
    let v = 0
    for (let k = 0; k < width; k++) {
      const byte = src[(bitPos + k) >> 3]
      if (byte === undefined) return 257
      v = (v << 1) | ((byte >> (7 - ((bitPos + k) & 7))) & 1)
    }
    bitPos += width
    return v
  }
  let prev: Uint8Array | null = null
  for (;;) {
    const code = read()
    if (code === 257) break
    if (code === 256) {
      reset()
      width = 9
      prev = null
      continue
    }
    let entry: Uint8Array
    if (code < table.length) {
      entry = table[code]
      if (prev) {
        const add = new Uint8Array(prev.length + 1)
        add.set(prev)
        add[prev.length] = entry[0]
        table.push(add)
      }
    } else if (prev) {
      entry = new Uint8Array(prev.length + 1)
      entry.set(prev)
      entry[prev.length] = prev[0]
      table.push(entry)
    } else {
      throw new ArmError('SCAN_CORRUPT_FILE', 'bad LZW code')
    }
    for (let k = 0; k < entry.length && o < expected; k++) out[o++] = entry[k]
    prev = entry
    if (table.length + 1 >= 1 << width && width < 12) width++
    if (o >= expected) break
  }
  return out
}

async function inflate(src: Uint8Array, expected: number): Promise<Uint8Array> {
  // Deflate TIFF strips are zlib streams; DecompressionStream exists in Chromium and Node 20.
  const stream = new Blob([src as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate'))
  const buf = new Uint8Array(await new Response(stream).arrayBuffer())
  if (buf.length >= expected) return buf.subarray(0, expected)
  const padded = new Uint8Array(expected)
  padded.set(buf)
  return padded
}

function one(ifd: Ifd, tag: number, dflt?: number): number {
  const v = ifd.get(tag)
  if (v && v.length > 0) return v[0]
  if (dflt === undefined) throw new ArmError('SCAN_CORRUPT_FILE', `TIFF tag ${tag} missing`)
  return dflt
}

/** Decodes every page of a TIFF into PDF-ready samples. */
export async function decodeTiff(bytes: Uint8Array): Promise<TiffPage[]> {
  const r = headerIfdOffset(bytes)
  const pages: TiffPage[] = []
  const seen = new Set<number>()
  const library = new LibraryDecoder(bytes)
  let off = r.first
  while (off !== 0) {
    if (seen.has(off)) throw new ArmError('SCAN_CORRUPT_FILE', 'TIFF IFD loop')
    seen.add(off)
    const { entries, next } = readIfd(r, off)
    pages.push(await decodePage(r, entries, library, pages.length))
    off = next
  }
  return pages
}

const CCITT = [2, 3, 4] // modified Huffman (RLE), T.4 (G3), T.6 (G4)
const JPEG = [6, 7] // old-style and new-style JPEG-in-TIFF

/** utif2 over the whole file, parsed once, asked page by page (its pages are in IFD order, as ours are). */
class LibraryDecoder {
  private ifds: UTIF.IFD[] | undefined
  constructor(private readonly bytes: Uint8Array) {}

  /** The page as 8-bit RGBA. */
  rgba(index: number, sampleCount: number, compression: number): { rgba: Uint8Array; width: number; height: number } {
    const buffer = this.bytes.buffer.slice(this.bytes.byteOffset, this.bytes.byteOffset + this.bytes.byteLength) as ArrayBuffer
    try {
      this.ifds ??= UTIF.decode(buffer)
      const ifd = this.ifds[index]
      if (!ifd) throw new Error('page missing')
      if (JPEG.includes(compression) && sampleCount === 1) {
        // utif2 always expands JPEG strips to RGB but sizes its buffer by the file's one sample: declare the page
        // RGB so that nothing is cut off, and read the grey value back from R.
        ifd.t277 = [3]
        ifd.t258 = [8, 8, 8]
        ifd.t262 = [2]
      }
      UTIF.decodeImage(buffer, ifd)
      if (!ifd.data || ifd.width <= 0 || ifd.height <= 0) throw new Error('no image data')
      return { rgba: UTIF.toRGBA8(ifd), width: ifd.width, height: ifd.height }
    } catch (err) {
      throw new ArmError('SCAN_CORRUPT_FILE', `TIFF page ${index + 1}: ${err instanceof Error ? err.message : String(err)}`)
    }
  }
}

/** CCITT pages stay 1-bit (a 300 dpi A4 page is ~1 MB of samples instead of ~9 MB): 1 = white, as DeviceGray wants. */
function bilevelFromRgba(rgba: Uint8Array, width: number, height: number): Uint8Array {
  const rowBytes = Math.ceil(width / 8)
  const out = new Uint8Array(rowBytes * height)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (rgba[(y * width + x) * 4] >= 128) out[y * rowBytes + (x >> 3)] |= 0x80 >> (x & 7)
    }
  }
  return out
}

function fromRgba(rgba: Uint8Array, channels: 1 | 3): Uint8Array {
  const n = rgba.length / 4
  const out = new Uint8Array(n * channels)
  for (let p = 0; p < n; p++) for (let c = 0; c < channels; c++) out[p * channels + c] = rgba[p * 4 + c]
  return out
}

async function decodePage(r: Reader, ifd: Ifd, library: LibraryDecoder, index: number): Promise<TiffPage> {
  const width = one(ifd, TAG.width)
  const height = one(ifd, TAG.height)
  const compression = one(ifd, TAG.compression, 1)
  const photometric = one(ifd, TAG.photometric, 1)
  const spp = one(ifd, TAG.samplesPerPixel, 1)
  const bps = one(ifd, TAG.bitsPerSample, 1)
  const planar = one(ifd, TAG.planar, 1)
  const predictor = one(ifd, TAG.predictor, 1)
  const rowsPerStrip = Math.min(one(ifd, TAG.rowsPerStrip, height), height)
  const offsets = ifd.get(TAG.stripOffsets) ?? []
  const counts = ifd.get(TAG.stripByteCounts) ?? []
  if (CCITT.includes(compression) || JPEG.includes(compression)) return decodeWithLibrary(ifd, library, index, { width, height, compression, photometric, spp, bps })
  if (![1, 5, 8, 32946, 32773].includes(compression)) {
    throw new ArmError('SCAN_TIFF_UNSUPPORTED', `TIFF compression ${compression}`, { compression })
  }
  const grey = photometric === 0 || photometric === 1
  const rgb = photometric === 2
  if (!(grey || rgb) || planar !== 1 || !(bps === 1 || bps === 8) || (bps === 1 && spp !== 1)) {
    throw new ArmError('SCAN_TIFF_UNSUPPORTED', 'TIFF layout', { photometric, planar, bps, spp })
  }
  if (width <= 0 || height <= 0 || width * height > 200e6) throw new ArmError('SCAN_CORRUPT_FILE', 'TIFF dimensions')
  if (offsets.length === 0 || offsets.length !== counts.length) throw new ArmError('SCAN_CORRUPT_FILE', 'TIFF strips')

  const rowBytes = bps === 1 ? Math.ceil(width / 8) : width * spp
  const raw = new Uint8Array(rowBytes * height)
  for (let s = 0; s < offsets.length; s++) {
    const rows = Math.min(rowsPerStrip, height - s * rowsPerStrip)
    if (rows <= 0) break
    r.check(offsets[s], counts[s])
    const src = r.bytes.subarray(offsets[s], offsets[s] + counts[s])
    const expected = rows * rowBytes
    let strip: Uint8Array
    if (compression === 1) strip = src.subarray(0, expected)
    else if (compression === 32773) strip = packBits(src, expected)
    else if (compression === 5) strip = lzw(src, expected)
    else strip = await inflate(src, expected)
    if (predictor === 2 && bps === 8) {
      for (let y = 0; y < rows; y++) {
        const base = y * rowBytes
        for (let x = spp; x < rowBytes; x++) strip[base + x] = (strip[base + x] + strip[base + x - spp]) & 0xff
      }
    }
    raw.set(strip.subarray(0, expected), s * rowsPerStrip * rowBytes)
  }

  let samples = raw
  let colorSpace: TiffPage['colorSpace'] = 'DeviceGray'
  if (rgb) {
    colorSpace = 'DeviceRGB'
    if (spp > 3) {
      // Drop alpha/extra samples: a scan has no transparency worth keeping.
      samples = new Uint8Array(width * height * 3)
      for (let p = 0, q = 0; p < raw.length; p += spp, q += 3) {
        samples[q] = raw[p]
        samples[q + 1] = raw[p + 1]
        samples[q + 2] = raw[p + 2]
      }
    } else if (spp < 3) throw new ArmError('SCAN_TIFF_UNSUPPORTED', 'RGB with fewer than 3 samples')
  } else if (spp > 1) {
    samples = new Uint8Array(width * height)
    for (let p = 0, q = 0; q < samples.length; p += spp, q++) samples[q] = raw[p]
  }
  return { width, height, bitsPerComponent: bps as 1 | 8, colorSpace, whiteIsZero: photometric === 0, samples, dpi: dpiOf(ifd) }
}

function dpiOf(ifd: Ifd): number | undefined {
  const xres = ifd.get(TAG.xResolution)
  const unit = one(ifd, TAG.resolutionUnit, 2)
  let dpi: number | undefined
  if (xres && xres.length >= 2 && xres[1] > 0) {
    const v = xres[0] / xres[1]
    dpi = unit === 3 ? v * 2.54 : unit === 2 ? v : undefined
    if (dpi !== undefined && (dpi < 30 || dpi > 2400)) dpi = undefined
  }
  return dpi
}

function decodeWithLibrary(
  ifd: Ifd,
  library: LibraryDecoder,
  index: number,
  f: { width: number; height: number; compression: number; photometric: number; spp: number; bps: number },
): TiffPage {
  const ccitt = CCITT.includes(f.compression)
  // CCITT codes black-and-white only; JPEG here is 8-bit grey, RGB or YCbCr (what scanners write).
  const layoutOk = ccitt ? f.bps === 1 && f.spp === 1 && f.photometric <= 1 : f.bps === 8 && (f.spp === 1 ? f.photometric <= 1 : f.spp === 3 && (f.photometric === 2 || f.photometric === 6))
  if (!layoutOk) throw new ArmError('SCAN_TIFF_UNSUPPORTED', 'TIFF layout', { compression: f.compression, photometric: f.photometric, bps: f.bps, spp: f.spp })
  if (f.width * f.height > 200e6) throw new ArmError('SCAN_CORRUPT_FILE', 'TIFF dimensions')
  const { rgba, width, height } = library.rgba(index, f.spp, f.compression)
  if (width !== f.width || height !== f.height || rgba.length < width * height * 4) throw new ArmError('SCAN_CORRUPT_FILE', 'TIFF page size')
  const dpi = dpiOf(ifd)
  // toRGBA8 has already applied the photometric interpretation (white-is-zero, YCbCr): samples are plain grey/RGB.
  if (ccitt) return { width, height, bitsPerComponent: 1, colorSpace: 'DeviceGray', whiteIsZero: false, samples: bilevelFromRgba(rgba, width, height), dpi }
  if (f.spp === 1) return { width, height, bitsPerComponent: 8, colorSpace: 'DeviceGray', whiteIsZero: false, samples: fromRgba(rgba, 1), dpi }
  return { width, height, bitsPerComponent: 8, colorSpace: 'DeviceRGB', whiteIsZero: false, samples: fromRgba(rgba, 3), dpi }
}
