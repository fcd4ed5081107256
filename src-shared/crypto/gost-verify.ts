/**
 * An independent GOST R 34.10-2012/2015 512-bit verifier on native BigInt (tc26 paramSetA = NCA's 1.2.398.3.10.1.1.2.2.1).
 * The verifier gostVerify512 uses (the pure-JS library's verify is about ten times slower and has a broken
 * modular-inverse branch that throws instead of answering); the tests hold it against the library and OpenSSL.
 * Conventions are KalkanCrypt's: public key X‖Y little-endian, digest read as a little-endian integer,
 * signature r‖s little-endian (64 bytes each).
 */
import { streebog512 } from './gost'

const P = BigInt('0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFDC7')
const A = BigInt('0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFDC4')
const B = BigInt('0xE8C2505DEDFC86DDC1BD0B2B6667F1DA34B82574761CB0E879BD081CFD0B6265EE3CB090F30D27614CB4574010DA90DD862EF9D4EBEE4761503190785A71C760')
const Q = BigInt('0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF27E69532F48D89116FF22B8D4E0560609B4B38ABFAD2B85DCACDB1411F10B275')
const GX = BigInt(3)
const GY = BigInt('0x7503CFE87A836AE3A61B8816E25450E6CE5E1C93ACF1ABC1778064FDCBEFA921DF1626BE4FD036E93D75E6A50E3A41E98028FE5FC235F5B889A589CB5215F2A4')

const ZERO = BigInt(0)
const ONE = BigInt(1)
const TWO = BigInt(2)
const THREE = BigInt(3)
const FOUR = BigInt(4)
const EIGHT = BigInt(8)
/** x mod m in [0, m): one division (BigInt % keeps the dividend's sign). */
const mod = (x: bigint, m: bigint) => {
  const r = x % m
  return r < ZERO ? r + m : r
}

function inv(x: bigint, m: bigint): bigint {
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
  let x = ZERO
  for (let i = bytes.length - 1; i >= 0; i--) x = (x << BigInt(8)) | BigInt(bytes[i])
  return x
}

// Arithmetic mod p. The tc26 512 paramSetA prime is 2^512 − 569: a product folds as hi·2^512 + lo ≡ hi·569 + lo, which
// needs only shifts and masks — far cheaper than BigInt division. Inputs are non-negative (differences go through sub).
const P_BITS = BigInt(512)
const P_MASK = (ONE << P_BITS) - ONE
const P_FOLD = BigInt(569)
function fp(x: bigint): bigint {
  while (x > P_MASK) x = (x >> P_BITS) * P_FOLD + (x & P_MASK)
  return x >= P ? x - P : x
}
/** a − b mod p for a, b in [0, p). */
const sub = (a: bigint, b: bigint) => (a >= b ? a - b : a - b + P)

// Jacobian coordinates (X, Y, Z) ↔ affine (X/Z², Y/Z³); Z = 0 is the point at infinity. Coordinates stay in [0, p).
type J = [bigint, bigint, bigint]
const INF: J = [ONE, ONE, ZERO]

/** 2·P. The curve has a = −3 (mod p), so M = 3·(X − Z²)·(X + Z²) saves two multiplications. */
function dbl([x, y, z]: J): J {
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

function add(p: J, q: J): J {
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

const WINDOW = 4
const WINDOW_MASK = BigInt((1 << WINDOW) - 1)

/** 0·P … 15·P, for a fixed 4-bit window. */
function table(p: J): J[] {
  const t: J[] = [INF, p]
  for (let i = 2; i < 1 << WINDOW; i++) t.push(i % 2 ? add(t[i - 1], p) : dbl(t[i / 2]))
  return t
}

/** The base point's table is the same for every signature: built once. */
let baseTable: J[] | undefined

/** k1·G + k2·Q in one pass over 4-bit windows of both scalars (Shamir's trick): 512 doublings, ≤ 256 additions. */
function mul2(k1: bigint, k2: bigint, q: J): J {
  const tg = (baseTable ??= table([GX, GY, ONE]))
  const tq = table(q)
  const bits = Math.max(k1.toString(2).length, k2.toString(2).length)
  const windows = Math.ceil(bits / WINDOW)
  let acc = INF
  for (let w = windows - 1; w >= 0; w--) {
    for (let i = 0; i < WINDOW; i++) acc = dbl(acc)
    const shift = BigInt(w * WINDOW)
    const d1 = Number((k1 >> shift) & WINDOW_MASK)
    const d2 = Number((k2 >> shift) & WINDOW_MASK)
    if (d1) acc = add(acc, tg[d1])
    if (d2) acc = add(acc, tq[d2])
  }
  return acc
}

function onCurve(x: bigint, y: bigint): boolean {
  return mod(y * y - (x * x * x + A * x + B), P) === ZERO
}

/** Verifies a KalkanCrypt-order signature over Streebog-512(data). */
export function gostVerify512BigInt(publicKey: Uint8Array, signature: Uint8Array, data: Uint8Array): boolean {
  if (publicKey.length !== 128 || signature.length !== 128) return false
  const qx = leToBigInt(publicKey.subarray(0, 64))
  const qy = leToBigInt(publicKey.subarray(64))
  if (qx >= P || qy >= P || !onCurve(qx, qy)) return false
  const r = leToBigInt(signature.subarray(0, 64))
  const s = leToBigInt(signature.subarray(64))
  if (r <= ZERO || r >= Q || s <= ZERO || s >= Q) return false
  let e = mod(leToBigInt(streebog512(data)), Q)
  if (e === ZERO) e = ONE
  const v = inv(e, Q)
  const z1 = mod(s * v, Q)
  const z2 = mod(-r * v, Q)
  const [x, , z] = mul2(z1, z2, [qx, qy, ONE])
  if (z === ZERO) return false
  const zi = inv(z, P)
  return mod(mod(x * zi * zi, P), Q) === r
}
