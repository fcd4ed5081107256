/**
 * The document media types of the product and how each one's bytes begin (magic numbers): one table for the
 * workstation, which sniffs an imported scan (a file's name and the browser's type are not trusted), and the gateway,
 * which refuses an upload whose bytes are not what its Content-Type says (a renamed executable is not a "PDF").
 */

export const ATTACHMENT_MEDIA_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/tiff'] as const
export type AttachmentMediaType = (typeof ATTACHMENT_MEDIA_TYPES)[number]

/** Each type's signatures at byte 0 (any one of them). */
export const MEDIA_MAGIC: { readonly [T in AttachmentMediaType]: readonly (readonly number[])[] } = {
  'application/pdf': [[0x25, 0x50, 0x44, 0x46, 0x2d]], // "%PDF-"
  'image/jpeg': [[0xff, 0xd8, 0xff]],
  'image/png': [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  'image/tiff': [[0x49, 0x49, 0x2a, 0x00], [0x4d, 0x4d, 0x00, 0x2a]], // little-endian "II*\0", big-endian "MM\0*"
}

/**
 * PDF readers accept the header anywhere in the first 1024 bytes (some scanners prepend junk). Honoured where a scan
 * is imported; the documents the workstation composes and uploads start with the header, and the gateway asks that.
 */
export const PDF_HEADER_WINDOW = 1024

export function isAttachmentMediaType(type: string): type is AttachmentMediaType {
  return (ATTACHMENT_MEDIA_TYPES as readonly string[]).includes(type)
}

function startsWithAt(bytes: Uint8Array, sig: readonly number[], at: number): boolean {
  if (bytes.length < at + sig.length) return false
  for (let i = 0; i < sig.length; i++) if (bytes[at + i] !== sig[i]) return false
  return true
}

/** True when the bytes begin as the declared type's do; false for an unknown type. */
export function matchesMagic(type: string, bytes: Uint8Array): boolean {
  return isAttachmentMediaType(type) && MEDIA_MAGIC[type].some((sig) => startsWithAt(bytes, sig, 0))
}

/**
 * The media type the bytes themselves say, or undefined. `pdfHeaderWindow` lets the PDF header start later (up to
 * PDF_HEADER_WINDOW, for imported scans).
 */
export function findMediaType(bytes: Uint8Array, opts: { pdfHeaderWindow?: number } = {}): AttachmentMediaType | undefined {
  for (const type of ATTACHMENT_MEDIA_TYPES) if (matchesMagic(type, bytes)) return type
  const window = Math.min(bytes.length - 1, opts.pdfHeaderWindow ?? 0)
  for (let i = 1; i <= window; i++) if (MEDIA_MAGIC['application/pdf'].some((sig) => startsWithAt(bytes, sig, i))) return 'application/pdf'
  return undefined
}
