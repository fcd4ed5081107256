import { ArmError } from '@shared/errors'

/** The kinds of scan the workstation accepts; anything else is refused with SCAN_UNSUPPORTED_TYPE. */
export const SCAN_MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/tiff', 'application/pdf'] as const
export type ScanMediaType = (typeof SCAN_MEDIA_TYPES)[number]

function startsWith(bytes: Uint8Array, sig: readonly number[], at = 0): boolean {
  if (bytes.length < at + sig.length) return false
  for (let i = 0; i < sig.length; i++) if (bytes[at + i] !== sig[i]) return false
  return true
}

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d] // "%PDF-"

/**
 * The media type from the file's own bytes. The name and the browser's `File.type` are not trusted:
 * a renamed .exe must not become an "image/jpeg" attachment in a signed envelope.
 */
export function sniffMediaType(bytes: Uint8Array): ScanMediaType {
  if (bytes.length === 0) throw new ArmError('SCAN_EMPTY_FILE')
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg'
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png'
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return 'image/tiff'
  // PDF readers accept the header anywhere in the first 1024 bytes (some scanners prepend junk).
  const window = Math.min(bytes.length - PDF_MAGIC.length, 1024)
  for (let i = 0; i <= window; i++) if (startsWith(bytes, PDF_MAGIC, i)) return 'application/pdf'
  throw new ArmError('SCAN_UNSUPPORTED_TYPE', 'unrecognised file signature', {
    head: Array.from(bytes.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join(''),
  })
}
