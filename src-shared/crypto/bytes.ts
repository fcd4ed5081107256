/**
 * The crypto module's byte helpers: the product's one set (src-shared/bytes), plus PEM, which only certificates, CRLs
 * and signatures come in. `toBase64`/`fromBase64` are the crypto API's names for the same strict codec.
 */
import { base64ToBytes } from '../bytes'

export {
  base64ToBytes, bytesEqual, bytesToBase64, compareBytes, concatBytes, fromHex, isCanonicalBase64, reverseBytes, sha256, sha256Hex, toArrayBuffer, toBytes, toHex,
  utf8, type ByteSource,
} from '../bytes'
export { bytesToBase64 as toBase64, base64ToBytes as fromBase64 } from '../bytes'

/**
 * Unwraps PEM if the input looks like it; otherwise (or when the PEM body is not canonical base64) returns the bytes
 * unchanged, so the DER parser that follows reports a coded error.
 */
export function pemToDer(input: Uint8Array): Uint8Array {
  if (input.length < 11 || input[0] !== 0x2d /* '-' */) return input
  const text = new TextDecoder().decode(input)
  const m = /-----BEGIN [^-]+-----([\s\S]*?)-----END [^-]+-----/.exec(text)
  if (!m) return input
  try {
    return base64ToBytes(m[1].replace(/\s+/g, ''))
  } catch {
    return input
  }
}
