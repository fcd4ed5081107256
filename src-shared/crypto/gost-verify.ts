/**
 * An independent GOST R 34.10-2012/2015 512-bit verifier on native BigInt (tc26 paramSetA = NCA's 1.2.398.3.10.1.1.2.2.1).
 * Two uses: a fallback when the pure-JS library hits its broken modular-inverse branch (it throws instead of
 * answering), and a second implementation the tests cross-check the library against.
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
const mod = (x: bigint, m: bigint) => ((x % m) + m) % m

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

// Jacobian coordinates (X, Y, Z) ↔ affine (X/Z², Y/Z³); Z = 0 is the point at infinity.
type J = [bigint, bigint, bigint]
const INF: J = [ONE, ONE, ZERO]

function dbl([x, y, z]: J): J {
  if (z === ZERO || y === ZERO) return INF
  const yy = mod(y * y, P)
  const s = mod(4n * x * yy, P)
  const zz = mod(z * z, P)
  const m = mod(THREE * x * x + A * zz * zz, P)
  const x3 = mod(m * m - TWO * s, P)
  const y3 = mod(m * (s - x3) - 8n * yy * yy, P)
  const z3 = mod(TWO * y * z, P)
  return [x3, y3, z3]
}

function add(p: J, q: J): J {
  if (p[2] === ZERO) return q
  if (q[2] === ZERO) return p
  const z1z1 = mod(p[2] * p[2], P)
  const z2z2 = mod(q[2] * q[2], P)
  const u1 = mod(p[0] * z2z2, P)
  const u2 = mod(q[0] * z1z1, P)
  const s1 = mod(p[1] * q[2] * z2z2, P)
  const s2 = mod(q[1] * p[2] * z1z1, P)
  if (u1 === u2) return s1 === s2 ? dbl(p) : INF
  const h = mod(u2 - u1, P)
  const r = mod(s2 - s1, P)
  const hh = mod(h * h, P)
  const hhh = mod(h * hh, P)
  const v = mod(u1 * hh, P)
  const x3 = mod(r * r - hhh - TWO * v, P)
  const y3 = mod(r * (v - x3) - s1 * hhh, P)
  const z3 = mod(h * p[2] * q[2], P)
  return [x3, y3, z3]
}

/** k1·G + k2·Q in one pass (Shamir's trick). */
function mul2(k1: bigint, g: J, k2: bigint, q: J): J {
  const gq = add(g, q)
  let acc = INF
  const bits = Math.max(k1.toString(2).length, k2.toString(2).length)
  for (let i = bits - 1; i >= 0; i--) {
    acc = dbl(acc)
    const b1 = (k1 >> BigInt(i)) & ONE
    const b2 = (k2 >> BigInt(i)) & ONE
    if (b1 && b2) acc = add(acc, gq)
    else if (b1) acc = add(acc, g)
    else if (b2) acc = add(acc, q)
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
  const [x, , z] = mul2(z1, [GX, GY, ONE], z2, [qx, qy, ONE])
  if (z === ZERO) return false
  const zi = inv(z, P)
  return mod(mod(x * zi * zi, P), Q) === r
}
