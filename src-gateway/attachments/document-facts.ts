/**
 * What the gateway can tell from a stored scan's bytes without trusting the envelope: its media type (magic numbers)
 * and its page count. The intake compares both with what the operator signed, so a signed "2-page PDF" cannot point
 * at a 40-page file or at a renamed executable.
 *
 * Page counting is deliberately simple and total (no qpdf, no full PDF parser): page objects (`/Type /Page`) are
 * counted in the file and in its Flate-compressed object streams; when none can be found the count is unknown and the
 * check is skipped rather than guessed. TIFF counts its IFD chain; JPEG and PNG are one page.
 */
import { inflateSync } from 'node:zlib'

/** The bytes start as their media type says: the one magic-number table (src-shared/media). */
export { matchesMagic } from '../../src-shared/media'

/** `/Type /Page` but not `/Type /Pages`. */
const PAGE_OBJECT = /\/Type\s*\/Page(?![A-Za-z])/g
/** Object streams (PDF 1.5+) hold page dictionaries compressed. */
const OBJSTM = /<<((?:(?!>>)[\s\S]){0,400}?\/Type\s*\/ObjStm[\s\S]{0,400}?)>>\s*stream\r?\n/g
const MAX_INFLATED = 64 * 1024 * 1024
const MAX_TIFF_PAGES = 10_000

function countPdfPages(bytes: Uint8Array): number | undefined {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')
  let pages = (text.match(PAGE_OBJECT) ?? []).length
  let inflatedTotal = 0
  for (const m of text.matchAll(OBJSTM)) {
    if (!/\/FlateDecode/.test(m[1])) continue
    const start = (m.index ?? 0) + m[0].length
    const end = text.indexOf('endstream', start)
    if (end < 0) continue
    try {
      const inflated = inflateSync(Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start), { maxOutputLength: MAX_INFLATED - inflatedTotal })
      inflatedTotal += inflated.length
      pages += (inflated.toString('latin1').match(PAGE_OBJECT) ?? []).length
    } catch {
      // A damaged or oversized stream says nothing about the pages; it does not make the count wrong either.
    }
  }
  return pages > 0 ? pages : undefined
}

function countTiffPages(b: Uint8Array): number | undefined {
  if (b.length < 8) return undefined
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength)
  const le = b[0] === 0x49
  let offset = view.getUint32(4, le)
  const seen = new Set<number>()
  let pages = 0
  while (offset !== 0) {
    if (seen.has(offset) || offset + 2 > b.length || pages >= MAX_TIFF_PAGES) return undefined
    seen.add(offset)
    const entries = view.getUint16(offset, le)
    const next = offset + 2 + entries * 12
    if (next + 4 > b.length) return undefined
    pages++
    offset = view.getUint32(next, le)
  }
  return pages || undefined
}

/** Pages of a stored document, or undefined when the bytes do not say. */
export function pageCount(mediaType: string, bytes: Uint8Array): number | undefined {
  switch (mediaType) {
    case 'application/pdf':
      return countPdfPages(bytes)
    case 'image/tiff':
      return countTiffPages(bytes)
    case 'image/jpeg':
    case 'image/png':
      return 1
    default:
      return undefined
  }
}
