/**
 * The tc26 512 paramSetA curve (= NCA's 1.2.398.3.10.1.1.2.2.1) on native BigInt: field and point arithmetic of our
 * GOST R 34.10-2015-512 signer (gost-sign.ts); the verifier (gost-verify.ts) takes its checks, G's table and the final
 * comparison from here and runs the double-scalar multiplication in WebAssembly (gost-wasm.ts).
 *  - p = 2^512 − 569: a product folds as hi·2^512 + lo ≡ hi·569 + lo (shifts and masks, no BigInt division);
 *  - a = −3: doubling in Jacobian coordinates with M = 3·(X − Z²)·(X + Z²);
 *  - G's fixed-base comb table (combTable: 104 windows of 5 bits, each holding the odd multiples 1·32^i·G … 31·32^i·G
 *    in affine form), built here once and handed to WebAssembly, where k·G runs with masked table reads and the same
 *    instructions for every k (gost-wasm.ts baseMul): BigInt arithmetic is not constant-time, so the multiplication by
 *    the secret runs there; BigInt keeps the reductions mod q and s = r·d + k·e.
 */

export const P = BigInt('0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFDC7')
export const A = BigInt('0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFDC4')
export const B = BigInt('0xE8C2505DEDFC86DDC1BD0B2B6667F1DA34B82574761CB0E879BD081CFD0B6265EE3CB090F30D27614CB4574010DA90DD862EF9D4EBEE4761503190785A71C760')
export const Q = BigInt('0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF27E69532F48D89116FF22B8D4E0560609B4B38ABFAD2B85DCACDB1411F10B275')
export const GX = BigInt(3)
export const GY = BigInt('0x7503CFE87A836AE3A61B8816E25450E6CE5E1C93ACF1ABC1778064FDCBEFA921DF1626BE4FD036E93D75E6A50E3A41E98028FE5FC235F5B889A589CB5215F2A4')

export const ZERO = BigInt(0)
export const ONE = BigInt(1)
const TWO = BigInt(2)
const THREE = BigInt(3)
const FOUR = BigInt(4)
const EIGHT = BigInt(8)

/** x mod m in [0, m): one division (BigInt % keeps the dividend's sign). */
export const mod = (x: bigint, m: bigint) => {
  const r = x % m
  return r < ZERO ? r + m : r
}

/** x⁻¹ mod m by the extended Euclid algorithm; throws for a non-invertible x. */
export function inv(x: bigint, m: bigint): bigint {
  let [a, b, u, v] = [mod(x, m), m, ONE, ZERO]
  while (a !== ZERO) {
    const q = b / a
    ;[a, b] = [b - q * a, a]
    ;[u, v] = [v - q * u, u]
  }
  if (b !== ONE) throw new RangeError('not invertible')
  return mod(v, m)
}

export function leToBigInt(bytes: Uint8Array): bigint {
  let hex = ''
  for (let i = bytes.length - 1; i >= 0; i--) hex += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16)
  return hex ? BigInt('0x' + hex) : ZERO
}

export function bigIntToLe(x: bigint, length: number): Uint8Array {
  const hex = x.toString(16).padStart(length * 2, '0')
  if (hex.length > length * 2) throw new RangeError('integer too large')
  const out = new Uint8Array(length)
  for (let i = 0; i < length; i++) out[i] = parseInt(hex.substr(hex.length - 2 * (i + 1), 2), 16)
  return out
}

// Arithmetic mod p. Inputs are non-negative (differences go through sub).
const P_BITS = BigInt(512)
const P_MASK = (ONE << P_BITS) - ONE
const P_FOLD = BigInt(569)
export function fp(x: bigint): bigint {
  while (x > P_MASK) x = (x >> P_BITS) * P_FOLD + (x & P_MASK)
  return x >= P ? x - P : x
}
/** a − b mod p for a, b in [0, p). */
const sub = (a: bigint, b: bigint) => (a >= b ? a - b : a - b + P)

// Jacobian coordinates (X, Y, Z) ↔ affine (X/Z², Y/Z³); Z = 0 is the point at infinity. Coordinates stay in [0, p).
export type J = [bigint, bigint, bigint]
type Affine = [bigint, bigint]
const INF: J = [ONE, ONE, ZERO]

/** 2·P. The curve has a = −3 (mod p), so M = 3·(X − Z²)·(X + Z²) saves two multiplications. */
export function dbl([x, y, z]: J): J {
  if (z === ZERO || y === ZERO) return INF
  const yy = fp(y * y)
  const s = fp(FOUR * x * yy)
  const zz = fp(z * z)
  const m = fp(THREE * sub(x, zz) * (x + zz))
  const x3 = sub(fp(m * m), fp(TWO * s))
  const y3 = sub(fp(m * sub(s, x3)), fp(EIGHT * yy * yy))
  const z3 = fp(TWO * y * z)
  return [x3, y3, z3]
}

export function add(p: J, q: J): J {
  if (p[2] === ZERO) return q
  if (q[2] === ZERO) return p
  const z1z1 = fp(p[2] * p[2])
  const z2z2 = fp(q[2] * q[2])
  const u1 = fp(p[0] * z2z2)
  const u2 = fp(q[0] * z1z1)
  const s1 = fp(fp(p[1] * q[2]) * z2z2)
  const s2 = fp(fp(q[1] * p[2]) * z1z1)
  if (u1 === u2) return s1 === s2 ? dbl(p) : INF
  const h = sub(u2, u1)
  const r = sub(s2, s1)
  const hh = fp(h * h)
  const hhh = fp(h * hh)
  const v = fp(u1 * hh)
  const x3 = sub(sub(fp(r * r), hhh), fp(TWO * v))
  const y3 = sub(fp(r * sub(v, x3)), fp(s1 * hhh))
  const z3 = fp(fp(h * p[2]) * q[2])
  return [x3, y3, z3]
}

/** Affine form of many points with one inversion (Montgomery's trick). None may be the point at infinity. */
export function toAffineBatch(points: J[]): Affine[] {
  const prefix: bigint[] = new Array(points.length)
  let acc = ONE
  for (let i = 0; i < points.length; i++) {
    prefix[i] = acc
    acc = fp(acc * points[i][2])
  }
  let invAcc = inv(acc, P)
  const out: Affine[] = new Array(points.length)
  for (let i = points.length - 1; i >= 0; i--) {
    const zi = fp(invAcc * prefix[i])
    invAcc = fp(invAcc * points[i][2])
    const zi2 = fp(zi * zi)
    out[i] = [fp(points[i][0] * zi2), fp(fp(points[i][1] * zi2) * zi)]
  }
  return out
}

export function toAffine(p: J): Affine | undefined {
  if (p[2] === ZERO) return undefined
  const zi = inv(p[2], P)
  const zi2 = fp(zi * zi)
  return [fp(p[0] * zi2), fp(fp(p[1] * zi2) * zi)]
}

export function onCurve(x: bigint, y: bigint): boolean {
  return mod(y * y - (x * x * x + A * x + B), P) === ZERO
}

// --- fixed-base k·X --------------------------------------------------------------------------------------------
/** A fixed-base table for windows of w bits: entry i·2^(w−1) + j is (2j + 1)·2^(w·i)·X, affine (x, y). */
export interface CombTable {
  w: number
  windows: number
  points: Affine[]
}

/**
 * Builds X's table. The scalar (k or k + q, below 2^514) recodes into windows − 1 signed digits plus a final one, so
 * windows = ⌈514 / w⌉ + 1. w = 5: 104 windows × 16 points (~330 KB of BigInts), built once for G (the signer's k·G).
 */
export function combTable(x: bigint, y: bigint, w = 5): CombTable {
  const windows = Math.ceil(514 / w) + 1
  const points: J[] = []
  let g: J = [x, y, ONE]
  for (let i = 0; i < windows; i++) {
    const twice = dbl(g)
    let odd = g
    points.push(odd)
    for (let j = 1; j < 1 << (w - 1); j++) {
      odd = add(odd, twice)
      points.push(odd)
    }
    for (let d = 0; d < w; d++) g = dbl(g)
  }
  return { w, windows, points: toAffineBatch(points) }
}
