/**
 * GOST R 34.10-2015 (= 34.10-2012) 512-bit signing on our own curve arithmetic (k·G in WebAssembly over a comb table,
 * gost-wasm.ts; the rest on BigInt, gost-ec.ts), in KalkanCrypt's byte
 * order: private key d as a little-endian integer, e = Streebog-512 digest read little-endian mod q (0 → 1),
 * signature r‖s with each half little-endian (64 bytes). k is uniformly random in [1, q) from the platform CSPRNG
 * (crypto.getRandomValues — Node ≥ 19, Electron and browsers) or an injected source; 16 extra bytes make the
 * reduction's bias negligible (2^−128).
 */
import { ONE, Q, ZERO, bigIntToLe, leToBigInt, mod, toAffine } from './gost-ec'
import { baseMul } from './gost-wasm'

/** Fills the array with cryptographically strong random bytes. */
export type RandomFill = (bytes: Uint8Array) => void

export function defaultRandom(): RandomFill {
  const c = (globalThis as { crypto?: { getRandomValues?: (b: Uint8Array) => Uint8Array } }).crypto
  if (!c?.getRandomValues) throw new Error('no cryptographic random source')
  return (b) => {
    c.getRandomValues!(b)
  }
}

const Q_MINUS_ONE = Q - ONE

/** The 128-byte signature over a 64-byte Streebog-512 digest. */
export function gostSign512Digest(privateKey: Uint8Array, digest: Uint8Array, random: RandomFill = defaultRandom()): Uint8Array {
  if (privateKey.length !== 64) throw new RangeError('GOST-512 private key must be 64 bytes')
  if (digest.length !== 64) throw new RangeError('Streebog-512 digest must be 64 bytes')
  const d = mod(leToBigInt(privateKey), Q)
  if (d === ZERO) throw new RangeError('GOST-512 private key is zero')
  let e = mod(leToBigInt(digest), Q)
  if (e === ZERO) e = ONE
  const seed = new Uint8Array(80)
  for (;;) {
    random(seed)
    const k = mod(leToBigInt(seed), Q_MINUS_ONE) + ONE
    seed.fill(0)
    const c = toAffine(baseMul(k))
    if (!c) continue
    const r = mod(c[0], Q)
    if (r === ZERO) continue
    const s = mod(r * d + k * e, Q)
    if (s === ZERO) continue
    const out = new Uint8Array(128)
    out.set(bigIntToLe(r, 64), 0)
    out.set(bigIntToLe(s, 64), 64)
    return out
  }
}

/** The public key d·G as the 128-byte X‖Y little-endian value of a GOST SPKI (what pairs a .p12 key with its certificate). */
export function gostPublicKey512(privateKey: Uint8Array): Uint8Array {
  if (privateKey.length !== 64) throw new RangeError('GOST-512 private key must be 64 bytes')
  const d = mod(leToBigInt(privateKey), Q)
  if (d === ZERO) throw new RangeError('GOST-512 private key is zero')
  const pt = toAffine(baseMul(d))
  if (!pt) throw new RangeError('GOST-512 private key is a multiple of q')
  const out = new Uint8Array(128)
  out.set(bigIntToLe(pt[0], 64), 0)
  out.set(bigIntToLe(pt[1], 64), 64)
  return out
}
