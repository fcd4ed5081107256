/**
 * The pure-JS library @wavesenterprise/crypto-gost-js, which the product used before our own Streebog and signer:
 * kept here only as an independent second oracle (next to OpenSSL's gost engine) that the tests hold ours against.
 */
import * as gostModule from '@wavesenterprise/crypto-gost-js'
import { toArrayBuffer, toBytes } from '../../../src-shared/crypto'

// The package is a webpack CJS bundle: depending on the loader its API is the namespace itself or its default export.
const gost: { GostEngine: typeof gostModule.GostEngine } = gostModule.GostEngine ? gostModule : gostModule.default

const HASH_512 = { name: 'GOST R 34.11', version: 2012, length: 512 }
const HASH_256 = { name: 'GOST R 34.11', version: 2012, length: 256 }
const SIGN_512 = { name: 'GOST R 34.10', version: 2012, length: 512, namedCurve: 'T-512-A', hash: HASH_512 }

export function libraryStreebog(data: Uint8Array, bits: 512 | 256 = 512): Uint8Array {
  return toBytes(gost.GostEngine.getGostDigest(bits === 512 ? HASH_512 : HASH_256).digest(toArrayBuffer(data)))
}

/** The library's verify; its modular inverse has a broken branch that throws: that counts as "no answer" (null). */
export function gostVerify512Library(publicKey: Uint8Array, signature: Uint8Array, data: Uint8Array): boolean | null {
  if (publicKey.length !== 128 || signature.length !== 128) return false
  try {
    return gost.GostEngine.getGostSign(SIGN_512).verify(toArrayBuffer(publicKey), toArrayBuffer(signature), toArrayBuffer(data)) === true
  } catch {
    return null
  }
}

/** The library's sign (it retries its own broken inverse branch). */
export function gostSign512Library(privateKey: Uint8Array, data: Uint8Array): Uint8Array {
  let lastError: unknown
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      return toBytes(gost.GostEngine.getGostSign(SIGN_512).sign(toArrayBuffer(privateKey), toArrayBuffer(data)))
    } catch (err) {
      lastError = err
    }
  }
  throw lastError
}
