import { toHex } from '@shared/bytes'

/**
 * SHA-256 of a document's bytes, lowercase hex, as the envelope and the gateway's attachment URL use it. WebCrypto
 * (native, off the main thread's JS) rather than the shared synchronous sha256: scans run to megabytes.
 */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return toHex(await crypto.subtle.digest('SHA-256', bytes as BufferSource))
}
