import { toHex } from '@shared/bytes'
import { ArmError } from '@shared/errors'
import { findMediaType, PDF_HEADER_WINDOW, type AttachmentMediaType } from '@shared/media'

/** The kinds of scan the workstation accepts (the shared media table); anything else is refused with SCAN_UNSUPPORTED_TYPE. */
export type ScanMediaType = AttachmentMediaType

/**
 * The media type from the file's own bytes. The name and the browser's `File.type` are not trusted:
 * a renamed .exe must not become an "image/jpeg" attachment in a signed envelope.
 */
export function sniffMediaType(bytes: Uint8Array): ScanMediaType {
  if (bytes.length === 0) throw new ArmError('SCAN_EMPTY_FILE')
  const type = findMediaType(bytes, { pdfHeaderWindow: PDF_HEADER_WINDOW })
  if (type) return type
  throw new ArmError('SCAN_UNSUPPORTED_TYPE', 'unrecognised file signature', { head: toHex(bytes.subarray(0, 8)) })
}
