/**
 * Our GOST R 34.10-2012/2015 512-bit verifier (tc26 paramSetA = NCA's 1.2.398.3.10.1.1.2.2.1): the range and curve
 * checks and the scalars on BigInt, the double-scalar multiplication z1·G + z2·Q in WebAssembly (gost-wasm.ts) as one
 * Straus pass — 512 doublings shared by both scalars, width-8 NAF digits over a fixed table of G, width-5 over Q's
 * odd multiples built per call. No per-key state: a key never seen costs what a known one does, like OpenSSL's.
 * Conventions are KalkanCrypt's: public key X‖Y little-endian, digest read as a little-endian integer, signature r‖s
 * little-endian (64 bytes each). Verification runs in Node (the gateway, main, the CLI); the renderer asks main.
 */
import { ArmError } from '../errors'
import { ONE, P, Q, ZERO, add, bigIntToLe, dbl, fp, GX, GY, inv, leToBigInt, mod, onCurve, toAffineBatch, type J } from './gost-ec'
import { G_POINTS, G_WINDOW, GOST_MEM, LIMB_BITS, LIMBS, Q_WINDOW, assembleGost, type GostWasm } from './gost-wasm'
import { streebog512 } from './streebog'
import { instantiate } from './wasm-asm'

interface Core {
  ex: GostWasm
  words: Uint32Array
  digits: Int8Array
}

/** Little-endian bytes → 18 limbs of 29 bits at a byte address of the wasm memory. */
function writeLimbs(words: Uint32Array, at: number, le: Uint8Array): void {
  let acc = 0
  let bits = 0
  let k = at >> 2
  for (let i = 0; i < le.length; i++) {
    acc += le[i] * 2 ** bits
    bits += 8
    if (bits >= LIMB_BITS) {
      words[k++] = acc % 2 ** LIMB_BITS
      acc = Math.floor(acc / 2 ** LIMB_BITS)
      bits -= LIMB_BITS
    }
  }
  words[k++] = acc
  while (k < (at >> 2) + LIMBS) words[k++] = 0
}

/** An element's (loose) limbs → its value mod p. */
function readElement(words: Uint32Array, at: number): bigint {
  let x = ZERO
  const shift = BigInt(LIMB_BITS)
  for (let k = LIMBS - 1; k >= 0; k--) x = (x << shift) + BigInt(words[(at >> 2) + k])
  return mod(x, P)
}

/**
 * k's width-w NAF into out[0…]: every non-zero digit odd, |d| < 2^(w−1), at least w − 1 zeros after each; Σ d_i·2^i = k.
 * Read from k's bits with a carry, no BigInt per step. Returns the number of digit positions used.
 */
export function wnaf(k: bigint, w: number, out: Int8Array): number {
  const le = bigIntToLe(k, 64)
  const bit = (i: number) => (i < 512 ? (le[i >> 3] >> (i & 7)) & 1 : 0)
  out.fill(0)
  let carry = 0
  let i = 0
  let len = 0
  while (i < 515) {
    if (((bit(i) + carry) & 1) === 0) {
      carry = (bit(i) + carry) >> 1
      i++
      continue
    }
    let window = carry
    for (let j = 0; j < w; j++) window += bit(i + j) << j
    const d = window >= 1 << (w - 1) ? window - (1 << w) : window
    out[i] = d
    carry = (window - d) >> w
    len = i + 1
    i += w
  }
  return len
}

/** The WebAssembly core with G's table written, on first use. */
let core: Core | undefined
function gostCore(): Core {
  if (core) return core
  const ex = instantiate<GostWasm>(assembleGost())
  if (!ex) throw new ArmError('CRYPTO_ENGINE_MISSING', 'WebAssembly is needed for GOST verification')
  const words = new Uint32Array(ex.memory.buffer)
  words[GOST_MEM.one >> 2] = 1
  // G's odd multiples 1·G, 3·G, … (2^(w−1) − 1)·G, affine
  const g: J = [GX, GY, ONE]
  const twice = dbl(g)
  const odd: J[] = [g]
  for (let i = 1; i < G_POINTS; i++) odd.push(add(odd[i - 1], twice))
  toAffineBatch(odd).forEach(([x, y], i) => {
    const at = GOST_MEM.gtab + i * GOST_MEM.affine
    writeLimbs(words, at, bigIntToLe(x, 64))
    writeLimbs(words, at + GOST_MEM.elem, bigIntToLe(y, 64))
  })
  core = { ex, words, digits: new Int8Array(ex.memory.buffer) }
  return core
}

/** z1·G + z2·Q in WebAssembly: its Jacobian X and Z mod p, or undefined for the point at infinity. */
function doubleMul(z1: bigint, z2: bigint, qx: Uint8Array, qy: Uint8Array): [bigint, bigint] | undefined {
  const { ex, words, digits } = gostCore()
  writeLimbs(words, GOST_MEM.qin, qx)
  writeLimbs(words, GOST_MEM.qin + GOST_MEM.elem, qy)
  ex.qtable()
  const d1 = digits.subarray(GOST_MEM.d1, GOST_MEM.d1 + GOST_MEM.digits)
  const d2 = digits.subarray(GOST_MEM.d2, GOST_MEM.d2 + GOST_MEM.digits)
  const len = Math.max(wnaf(z1, G_WINDOW, d1), wnaf(z2, Q_WINDOW, d2))
  if (ex.straus(len)) return undefined
  return [readElement(words, GOST_MEM.acc), readElement(words, GOST_MEM.acc + 2 * GOST_MEM.elem)]
}

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
