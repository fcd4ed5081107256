/**
 * GOST R 34.10-2015 (= 34.10-2012) 512-bit signatures and Streebog-512 in pure JS (@wavesenterprise/crypto-gost-js).
 * NCA RK's parameter set 1.2.398.3.10.1.1.2.2.1 is tc26 512 paramSetA ('T-512-A'). Byte order: the library's default
 * (no "procreator") is what KalkanCrypt produces and expects — the NCA test CA's certificate signatures verify with it,
 * the CryptoPro-reversed order does not. Public keys are the 128-byte X‖Y little-endian OCTET STRING of the SPKI;
 * private keys are the 64-byte OCTET STRING of the PKCS#8, used as-is.
 */
import * as gostModule from '@wavesenterprise/crypto-gost-js'

// The package is a webpack CJS bundle: depending on the loader (tsx CJS, vitest ESM, vite) its API is either the
// namespace itself or its default export.
const gost: { GostEngine: typeof gostModule.GostEngine } = gostModule.GostEngine ? gostModule : gostModule.default
import { reverseBytes, toArrayBuffer, toBytes } from './bytes'
import { gostVerify512BigInt } from './gost-verify'

const HASH_512 = { name: 'GOST R 34.11', version: 2012, length: 512 }
const SIGN_512 = { name: 'GOST R 34.10', version: 2012, length: 512, namedCurve: 'T-512-A', hash: HASH_512 }

export function streebog512(data: Uint8Array): Uint8Array {
  return toBytes(gost.GostEngine.getGostDigest(HASH_512).digest(toArrayBuffer(data)))
}

/**
 * Signs Streebog-512(data); returns the 128-byte signature value as it goes into CMS.
 * The library's modular inverse has a rare broken branch (`subtract is not defined`, seen here once in a few hundred
 * signatures): it depends on the random k, so a fresh attempt succeeds. Never returns a partial value.
 */
export function gostSign512(privateKey: Uint8Array, data: Uint8Array): Uint8Array {
  if (privateKey.length !== 64) throw new RangeError('GOST-512 private key must be 64 bytes')
  let lastError: unknown
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const sig = toBytes(gost.GostEngine.getGostSign(SIGN_512).sign(toArrayBuffer(privateKey), toArrayBuffer(data)))
      if (sig.length === 128) return sig
    } catch (err) {
      lastError = err
    }
  }
  throw lastError instanceof Error ? lastError : new Error('GOST signing failed')
}

/**
 * Verifies a GOST-2015-512 signature with our BigInt verifier (gost-verify.ts: the prime's special form, Jacobian
 * coordinates, 4-bit windows — about ten times faster than the library's verify, which a gateway checking every
 * envelope feels). KalkanCrypt's order (the library default, which the NCA CA's own certificate signatures use) is
 * tried first, then the RFC 4491/CryptoPro order (the same bytes reversed: s‖r big-endian), so signatures from
 * OpenSSL's gost engine verify too. Both encode the same (r, s); no forgery is made easier.
 */
export function gostVerify512(publicKey: Uint8Array, signature: Uint8Array, data: Uint8Array): boolean {
  if (publicKey.length !== 128 || signature.length !== 128) return false
  const once = (sig: Uint8Array) => {
    try {
      return gostVerify512BigInt(publicKey, sig, data)
    } catch {
      return false
    }
  }
  return once(signature) || once(reverseBytes(signature))
}

/**
 * The same check with the library (@wavesenterprise/crypto-gost-js): a second, independent implementation that the
 * tests hold ours against. Its modular inverse has a broken branch that throws; that counts as "no answer" (null).
 */
export function gostVerify512Library(publicKey: Uint8Array, signature: Uint8Array, data: Uint8Array): boolean | null {
  if (publicKey.length !== 128 || signature.length !== 128) return false
  try {
    return gost.GostEngine.getGostSign(SIGN_512).verify(toArrayBuffer(publicKey), toArrayBuffer(signature), toArrayBuffer(data)) === true
  } catch {
    return null
  }
}

/** Our (KalkanCrypt-order) signature value in the byte order OpenSSL's gost engine expects, and back. */
export function gostSignatureToRfc4491(signature: Uint8Array): Uint8Array {
  return reverseBytes(signature)
}
