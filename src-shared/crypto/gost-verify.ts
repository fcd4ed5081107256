/**
 * Our GOST R 34.10-2012/2015 512-bit verifier (tc26 paramSetA = NCA's 1.2.398.3.10.1.1.2.2.1): the range and curve
 * checks and the scalars on BigInt, the double-scalar multiplication z1·G + z2·Q in WebAssembly (gost-wasm.ts) as one
 * Straus pass — 512 doublings shared by both scalars, width-8 NAF digits over a fixed table of G, width-5 over Q's
 * odd multiples built per call. No per-key state: a key never seen costs what a known one does, like OpenSSL's.
 * Conventions are KalkanCrypt's: public key X‖Y little-endian, digest read as a little-endian integer, signature r‖s
 * little-endian (64 bytes each). Verification runs in Node (the gateway, main, the CLI); the renderer asks main.
 */
import { ONE, P, Q, ZERO, fp, inv, leToBigInt, mod, onCurve } from './gost-ec'
import { doubleMul } from './gost-wasm'
import { streebog512 } from './streebog'

/** Verifies a KalkanCrypt-order signature over Streebog-512(data) (one byte order only; gostVerify512 tries both). */
export function gostVerify512Kalkan(publicKey: Uint8Array, signature: Uint8Array, data: Uint8Array): boolean {
  return gostVerify512Digest(publicKey, signature, streebog512(data))
}

/** The same over a Streebog-512 digest computed elsewhere. */
export function gostVerify512Digest(publicKey: Uint8Array, signature: Uint8Array, digest: Uint8Array): boolean {
  if (publicKey.length !== 128 || signature.length !== 128 || digest.length !== 64) return false
  const qx = leToBigInt(publicKey.subarray(0, 64))
  const qy = leToBigInt(publicKey.subarray(64))
  if (qx >= P || qy >= P || !onCurve(qx, qy)) return false
  const r = leToBigInt(signature.subarray(0, 64))
  const s = leToBigInt(signature.subarray(64))
  if (r <= ZERO || r >= Q || s <= ZERO || s >= Q) return false
  let e = mod(leToBigInt(digest), Q)
  if (e === ZERO) e = ONE
  const v = inv(e, Q)
  // z1, z2 ≠ 0 for r, s, e in range (q is prime)
  const sum = doubleMul(mod(s * v, Q), mod(-r * v, Q), publicKey.subarray(0, 64), publicKey.subarray(64))
  if (!sum) return false
  const [x, z] = sum
  if (z === ZERO) return false
  // x/z² mod q = r without inverting z: the affine x is r or r + q (the only values below p that are ≡ r mod q)
  const zz = fp(z * z)
  return fp(r * zz) === x || (r + Q < P && fp((r + Q) * zz) === x)
}
