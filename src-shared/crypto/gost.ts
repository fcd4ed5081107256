/**
 * GOST R 34.10-2015 (= 34.10-2012) 512-bit signatures and Streebog-512, our own code: streebog.ts (table-driven, a
 * WebAssembly core with a pure-JS fallback), gost-ec.ts (the curve on BigInt, for signing), gost-sign.ts, gost-verify.ts (WebAssembly, gost-wasm.ts).
 * NCA RK's parameter set 1.2.398.3.10.1.1.2.2.1 is tc26 512 paramSetA ('T-512-A'). Byte order is what KalkanCrypt
 * produces and expects — the NCA test CA's certificate signatures verify with it, the CryptoPro-reversed order does
 * not. Public keys are the 128-byte X‖Y little-endian OCTET STRING of the SPKI; private keys are the 64-byte OCTET
 * STRING of the PKCS#8, read as a little-endian integer. The pure-JS library @wavesenterprise/crypto-gost-js that this
 * replaced is kept only in the tests, as an independent second oracle next to OpenSSL's gost engine.
 */
import { ArmError } from '../errors'
import { reverseBytes } from './bytes'
import { gostSign512Digest, type RandomFill } from './gost-sign'
import { gostVerify512Digest } from './gost-verify'
import { streebog512 } from './streebog'

export { streebog512, streebog256, Streebog } from './streebog'
export { gostPublicKey512, type RandomFill } from './gost-sign'

/** Signs Streebog-512(data); returns the 128-byte signature value as it goes into CMS. */
export function gostSign512(privateKey: Uint8Array, data: Uint8Array, random?: RandomFill): Uint8Array {
  if (privateKey.length !== 64) throw new RangeError('GOST-512 private key must be 64 bytes')
  return gostSign512Digest(privateKey, streebog512(data), random)
}

/**
 * Verifies a GOST-2015-512 signature with our verifier (gost-verify.ts). KalkanCrypt's order (which the NCA CA's own
 * certificate signatures use) is tried first, then the RFC 4491/CryptoPro order (the same bytes reversed: s‖r
 * big-endian), so signatures from OpenSSL's gost engine verify too. Both encode the same (r, s); no forgery is made
 * easier. The data is hashed once for both. Throws CRYPTO_ENGINE_MISSING where WebAssembly cannot run (never in Node).
 */
export function gostVerify512(publicKey: Uint8Array, signature: Uint8Array, data: Uint8Array): boolean {
  if (publicKey.length !== 128 || signature.length !== 128) return false
  const digest = streebog512(data)
  const once = (sig: Uint8Array) => {
    try {
      return gostVerify512Digest(publicKey, sig, digest)
    } catch (err) {
      if (err instanceof ArmError) throw err // no WebAssembly: not an answer about the signature
      return false
    }
  }
  return once(signature) || once(reverseBytes(signature))
}

/** Our (KalkanCrypt-order) signature value in the byte order OpenSSL's gost engine expects, and back. */
export function gostSignatureToRfc4491(signature: Uint8Array): Uint8Array {
  return reverseBytes(signature)
}
