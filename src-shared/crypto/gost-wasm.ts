/**
 * The GOST R 34.10-2015-512 verifier's arithmetic as WebAssembly, generated here from our own instruction list at
 * load (wasm-asm.ts; no binary blob, no toolchain). Why: the double-scalar multiplication z1·G + z2·Q is ~6,000
 * multiplications mod p; on BigInt each allocates and divides, in WebAssembly one is ~330 i64 multiply-adds in
 * registers. The whole Straus loop runs inside: one call into WebAssembly per verification, not per field operation.
 *
 * Field elements mod p = 2^512 − 569 (tc26 paramSetA, NCA's 1.2.398.3.10.1.1.2.2.1) are 18 limbs of 29 bits, each
 * stored as an i32, read as i64. 29 bits so that a 512×512 product sums its columns without carries: a limb below
 * 2^29 + 2^22 ("loose"), 18 products per column stay below 2^63. Reduction: 2^522 ≡ 2^10·569 = 582656 (mod p), so
 * the product's upper 18 limbs are multiplied by 582656 and added to the lower ones. Every operation returns loose
 * limbs of a value below 2^522.02 — congruent to the true result, not reduced; iszero reduces fully, and the JS
 * side reduces the final X and Z (gost-verify.ts). Subtraction adds K = 2^11·p first, so no value goes negative.
 *
 * Points are Jacobian (X, Y, Z) at consecutive 72-byte elements; the curve has a = −3 (dbl-2001-b: 3M + 5S).
 * Additions check for the exceptional cases (equal or opposite points, the point at infinity as a flag in memory),
 * which an attacker's key can force: correctness for every input, not only for honest ones.
 *
 * Memory (5 pages): constants and scratch below 4096, Q's table of odd multiples 1·Q…15·Q (Jacobian, built per
 * verification by qtable), G's table of odd multiples 1·G…127·G (affine, written once by the JS side), the two
 * scalars' wNAF digits (width 8 for G, width 5 for Q), one signed byte per bit position, and from 64 KiB the signer's
 * comb table over G (104 × 16 affine points, written on the first signature).
 *
 * The JS side (the end of this file) owns the instance: it writes G's tables, recodes the scalars and reads results.
 */
import { ArmError } from '../errors'
import * as ec from './gost-ec'
import { ONE, Q, ZERO, bigIntToLe, combTable, GX, GY, mod, P as FIELD_P, toAffineBatch, type J } from './gost-ec'
import { I32, I64, assembleModule, instantiate, op } from './wasm-asm'

export const LIMBS = 18
export const LIMB_BITS = 29
const MASK = (1 << LIMB_BITS) - 1
/** 2^522 mod p. */
const FOLD = 582656
const ELEM = 4 * LIMBS
const POINT = 3 * ELEM
const AFFINE = 2 * ELEM

export const G_WINDOW = 8
export const Q_WINDOW = 5
export const G_POINTS = 1 << (G_WINDOW - 2)
export const Q_POINTS = 1 << (Q_WINDOW - 2)
/** The signer's fixed-base comb over G (gost-ec.ts combTable): 104 windows of 5 bits, 16 odd multiples each. */
export const COMB_WINDOW = 5
export const COMB_WINDOWS = Math.ceil(514 / COMB_WINDOW) + 1
const COMB_ROW = 1 << (COMB_WINDOW - 1)

export const GOST_MEM = {
  zero: 0,
  one: 80,
  inf: 160,
  temps: 256,
  acc: 1536,
  tq: 1792,
  qin: 2176,
  negy: 2048,
  twoq: 2816,
  qtab: 4096,
  gtab: 8192,
  d1: 18432,
  d2: 19456,
  digits: 520,
  sel: 3072,
  fy: 3232,
  comb: 65536,
  elem: ELEM,
  point: POINT,
  affine: AFFINE,
} as const

export interface GostWasm {
  memory: { buffer: ArrayBuffer }
  mul(d: number, a: number, b: number): void
  sqr(d: number, a: number): void
  add(d: number, a: number, b: number): void
  sub(d: number, a: number, b: number): void
  iszero(a: number): number
  dbl(p: number): void
  madd(p: number, x: number, y: number): void
  addj(p: number, q: number): void
  /** Q's odd multiples 1·Q…15·Q from the affine Q at qin. */
  qtable(): void
  /** Σ d1[i]·2^i·G + Σ d2[i]·2^i·Q for i < len into acc; returns 1 when the sum is the point at infinity. */
  straus(len: number): number
  /** k·G over the comb table for the regular digits d1[0…windows − 1] into acc (the signer's k·G). */
  comb(windows: number): void
}

const P = FIELD_P
const limbsOf = (x: bigint, top = false): bigint[] =>
  Array.from({ length: LIMBS }, (_, k) => (top && k === LIMBS - 1 ? x >> BigInt(LIMB_BITS * k) : (x >> BigInt(LIMB_BITS * k)) & BigInt(MASK)))
/** K = 2^11·p in limbs (the top one wider): added in sub so that a − b + K > 0 for loose a, b. */
const K_LIMBS = limbsOf(P << BigInt(11), true)
const P_LIMBS = limbsOf(P)

// --- code generation helpers ----------------------------------------------------------------------------------------
type Code = number[][]
const load = (ptr: number, first: number): Code => Array.from({ length: LIMBS }, (_, k) => [...op.get(ptr), ...op.i64load32U(4 * k), ...op.set(first + k)])
const store = (ptr: number, first: number): Code => Array.from({ length: LIMBS }, (_, k) => [...op.get(ptr), ...op.get(first + k), ...op.i64store32(4 * k)])
/** t[to] += t[from] >> 29 (arithmetic: limbs of a difference may be negative); t[from] &= 2^29 − 1. */
const carry = (from: number, to: number): Code => [
  op.get(to), op.get(from), op.i64(LIMB_BITS), op.i64shrS, op.i64add, op.set(to),
  op.get(from), op.i64(MASK), op.i64and, op.set(from),
]
/** 18 limbs (non-negative total below 2^526) → loose limbs: carry through, fold the carry out of the top ×582656. */
function normalize(first: number): Code {
  const code: Code = []
  for (let k = 0; k < LIMBS - 1; k++) code.push(...carry(first + k, first + k + 1))
  const top = first + LIMBS - 1
  code.push(op.get(first), op.get(top), op.i64(LIMB_BITS), op.i64shrS, op.i64(FOLD), op.i64mul, op.i64add, op.set(first))
  code.push(op.get(top), op.i64(MASK), op.i64and, op.set(top))
  code.push(...carry(first, first + 1))
  return code
}
/** 36 column sums c[0..35] (c[35] zero) → 18 loose limbs in c[0..17]. */
function reduceWide(c: number): Code {
  const code: Code = []
  for (let k = 0; k < 2 * LIMBS - 1; k++) code.push(...carry(c + k, c + k + 1))
  for (let k = 0; k < LIMBS; k++) code.push(op.get(c + k), op.get(c + LIMBS + k), op.i64(FOLD), op.i64mul, op.i64add, op.set(c + k))
  code.push(...normalize(c))
  return code
}

/** f0 mul(d, a, b): locals a 3…20, b 21…38, columns 39…74. */
function mul(): Code {
  const [A, B, C] = [3, 3 + LIMBS, 3 + 2 * LIMBS]
  const code: Code = [...load(1, A), ...load(2, B)]
  for (let col = 0; col < 2 * LIMBS - 1; col++) {
    let first = true
    for (let i = Math.max(0, col - LIMBS + 1); i <= Math.min(LIMBS - 1, col); i++) {
      code.push(op.get(A + i), op.get(B + col - i), op.i64mul)
      if (!first) code.push(op.i64add)
      first = false
    }
    code.push(op.set(C + col))
  }
  code.push(...reduceWide(C), ...store(0, C))
  return code
}

/** f1 sqr(d, a): the cross products once, with 2·a_i (locals a 2…19, 2a 20…37, columns 38…73). */
function sqr(): Code {
  const [A, A2, C] = [2, 2 + LIMBS, 2 + 2 * LIMBS]
  const code: Code = [...load(1, A)]
  for (let i = 0; i < LIMBS; i++) code.push(op.get(A + i), op.i64(1), op.i64shl, op.set(A2 + i))
  for (let col = 0; col < 2 * LIMBS - 1; col++) {
    let first = true
    for (let i = Math.max(0, col - LIMBS + 1); i <= Math.min(LIMBS - 1, col); i++) {
      const j = col - i
      if (j < i) break
      if (i === j) code.push(op.get(A + i), op.get(A + i), op.i64mul)
      else code.push(op.get(A2 + i), op.get(A + j), op.i64mul)
      if (!first) code.push(op.i64add)
      first = false
    }
    code.push(op.set(C + col))
  }
  code.push(...reduceWide(C), ...store(0, C))
  return code
}

/** f2 add(d, a, b), f3 sub(d, a, b) = a − b + K, f4 small(d, a, c) = a·c for a small c (locals t 3…20). */
function linear(kind: 'add' | 'sub' | 'small'): Code {
  const T = 3
  const code: Code = [...load(1, T)]
  for (let k = 0; k < LIMBS; k++) {
    if (kind === 'small') code.push(op.get(T + k), op.get(2), op.i64extendI32U, op.i64mul, op.set(T + k))
    else if (kind === 'add') code.push(op.get(T + k), op.get(2), op.i64load32U(4 * k), op.i64add, op.set(T + k))
    else code.push(op.get(T + k), op.i64(K_LIMBS[k]), op.i64add, op.get(2), op.i64load32U(4 * k), op.i64sub, op.set(T + k))
  }
  code.push(...normalize(T), ...store(0, T))
  return code
}

/** f5 iszero(a): a ≡ 0 (mod p)? Reduced to [0, 2^512) by folding the bits above 512 (×569) twice: then 0 or p. */
function iszero(): Code {
  const T = 1
  const top = T + LIMBS - 1
  const topBits = 512 - LIMB_BITS * (LIMBS - 1) // 19
  const code: Code = [...load(0, T)]
  for (let pass = 0; pass < 2; pass++) {
    code.push(op.get(T), op.get(top), op.i64(topBits), op.i64shrU, op.i64(569), op.i64mul, op.i64add, op.set(T))
    code.push(op.get(top), op.i64((1 << topBits) - 1), op.i64and, op.set(top))
    for (let k = 0; k < LIMBS - 1; k++) code.push(...carry(T + k, T + k + 1))
  }
  code.push(op.get(T))
  for (let k = 1; k < LIMBS; k++) code.push(op.get(T + k), op.i64or)
  code.push(op.i64eqz)
  code.push(op.get(T), op.i64(P_LIMBS[0]), op.i64xor)
  for (let k = 1; k < LIMBS; k++) code.push(op.get(T + k), op.i64(P_LIMBS[k]), op.i64xor, op.i64or)
  code.push(op.i64eqz, op.i32or)
  return code
}

/** f6 cp(d, s): one element (9 × 8 bytes). */
function cp(): Code {
  return Array.from({ length: ELEM / 8 }, (_, k) => [...op.get(0), ...op.get(1), ...op.i64load(8 * k), ...op.i64store(8 * k)])
}

// Calls between the functions below. An argument is an absolute address or [local, offset].
type Arg = number | [number, number]
const F = { mul: 0, sqr: 1, add: 2, sub: 3, small: 4, iszero: 5, cp: 6, dbl: 7, madd: 8, addj: 9, qtable: 10, straus: 11, select: 12, csel: 13, comb: 14 }
const arg = (a: Arg): number[] => (typeof a === 'number' ? op.i32(a) : a[1] ? [...op.get(a[0]), ...op.i32(a[1]), ...op.i32add] : op.get(a[0]))
const call = (f: keyof typeof F, ...args: Arg[]): number[] => [...args.flatMap(arg), ...op.call(F[f])]
const small = (d: Arg, a: Arg, c: number): number[] => [...arg(d), ...arg(a), ...op.i32(c), ...op.call(F.small)]
const T = Array.from({ length: 16 }, (_, i) => GOST_MEM.temps + ELEM * i)
const setInf = (v: number): number[] => [...op.i32(GOST_MEM.inf), ...op.i32(v), ...op.i32store()]
const isInf: number[] = [...op.i32(GOST_MEM.inf), ...op.i32load()]
/** The point at p (local 0) is X, Y, Z. */
const X: Arg = [0, 0]
const Y: Arg = [0, ELEM]
const Z: Arg = [0, 2 * ELEM]

/** f7 dbl(p): 2·P in place, a = −3 (Z = 0 stays 0: the point at infinity doubles to itself). */
function dbl(): Code {
  return [
    call('sqr', T[0], Z), // δ = Z²
    call('sqr', T[1], Y), // γ = Y²
    call('mul', T[2], X, T[1]), // β = X·γ
    call('sub', T[3], X, T[0]),
    call('add', T[4], X, T[0]),
    call('mul', T[3], T[3], T[4]),
    small(T[3], T[3], 3), // α = 3(X − δ)(X + δ)
    call('add', T[4], Y, Z),
    call('sqr', T[4], T[4]),
    call('sub', T[4], T[4], T[1]),
    call('sub', Z, T[4], T[0]), // Z3 = (Y + Z)² − γ − δ
    call('sqr', T[5], T[3]),
    small(T[6], T[2], 8),
    call('sub', X, T[5], T[6]), // X3 = α² − 8β
    small(T[6], T[2], 4),
    call('sub', T[6], T[6], X),
    call('mul', T[6], T[3], T[6]),
    call('sqr', T[7], T[1]),
    small(T[7], T[7], 8),
    call('sub', Y, T[6], T[7]), // Y3 = α(4β − X3) − 8γ²
  ]
}

/** When H ≡ 0 the points share x: equal (R ≡ 0) doubles, opposite gives the point at infinity. */
const exceptional = (h: number, r: number): Code => [
  call('iszero', h), op.if,
  call('iszero', r), op.if, call('dbl', [0, 0]), op.else, setInf(1), op.end,
  op.return,
  op.end,
]

/** f8 madd(p, x, y): P += (x, y) affine (madd-2007-bl, 7M + 4S). */
function madd(): Code {
  return [
    isInf, op.if, call('cp', X, [1, 0]), call('cp', Y, [2, 0]), call('cp', Z, GOST_MEM.one), setInf(0), op.return, op.end,
    call('sqr', T[0], Z), // Z1Z1
    call('mul', T[1], [1, 0], T[0]), // U2
    call('mul', T[2], [2, 0], Z),
    call('mul', T[2], T[2], T[0]), // S2
    call('sub', T[3], T[1], X), // H
    call('sub', T[4], T[2], Y),
    small(T[4], T[4], 2), // r = 2(S2 − Y1)
    ...exceptional(T[3], T[4]),
    call('sqr', T[5], T[3]), // HH
    small(T[6], T[5], 4), // I
    call('mul', T[7], T[3], T[6]), // J
    call('mul', T[8], X, T[6]), // V
    call('sqr', T[9], T[4]),
    call('sub', T[9], T[9], T[7]),
    small(T[10], T[8], 2),
    call('sub', X, T[9], T[10]), // X3 = r² − J − 2V
    call('sub', T[10], T[8], X),
    call('mul', T[10], T[4], T[10]),
    call('mul', T[11], Y, T[7]),
    small(T[11], T[11], 2),
    call('sub', Y, T[10], T[11]), // Y3 = r(V − X3) − 2·Y1·J
    call('add', T[11], Z, T[3]),
    call('sqr', T[11], T[11]),
    call('sub', T[11], T[11], T[0]),
    call('sub', Z, T[11], T[5]), // Z3 = (Z1 + H)² − Z1Z1 − HH
  ]
}

/** f9 addj(p, q): P += Q, both Jacobian (add-2007-bl, 11M + 5S). */
function addj(): Code {
  const [X2, Y2, Z2]: Arg[] = [[1, 0], [1, ELEM], [1, 2 * ELEM]]
  return [
    isInf, op.if, call('cp', X, X2), call('cp', Y, Y2), call('cp', Z, Z2), setInf(0), op.return, op.end,
    call('sqr', T[0], Z), // Z1Z1
    call('sqr', T[1], Z2), // Z2Z2
    call('mul', T[2], X, T[1]), // U1
    call('mul', T[3], X2, T[0]), // U2
    call('mul', T[4], Y, Z2),
    call('mul', T[4], T[4], T[1]), // S1
    call('mul', T[5], Y2, Z),
    call('mul', T[5], T[5], T[0]), // S2
    call('sub', T[6], T[3], T[2]), // H
    call('sub', T[7], T[5], T[4]),
    small(T[7], T[7], 2), // r
    ...exceptional(T[6], T[7]),
    small(T[8], T[6], 2),
    call('sqr', T[8], T[8]), // I = (2H)²
    call('mul', T[9], T[6], T[8]), // J
    call('mul', T[10], T[2], T[8]), // V
    call('sqr', T[11], T[7]),
    call('sub', T[11], T[11], T[9]),
    small(T[12], T[10], 2),
    call('sub', X, T[11], T[12]), // X3 = r² − J − 2V
    call('sub', T[12], T[10], X),
    call('mul', T[12], T[7], T[12]),
    call('mul', T[13], T[4], T[9]),
    small(T[13], T[13], 2),
    call('sub', Y, T[12], T[13]), // Y3 = r(V − X3) − 2·S1·J
    call('add', T[13], Z, Z2),
    call('sqr', T[13], T[13]),
    call('sub', T[13], T[13], T[0]),
    call('sub', T[13], T[13], T[1]),
    call('mul', Z, T[13], T[6]), // Z3 = ((Z1 + Z2)² − Z1Z1 − Z2Z2)·H
  ]
}

/** f10 qtable(): tab[0] = Q (Z = 1), twoq = 2Q, tab[i] = tab[i − 1] + 2Q (Q has prime order: never exceptional). */
function qtable(): Code {
  const { qin, qtab, twoq, one } = GOST_MEM
  const code: Code = [call('cp', qtab, qin), call('cp', qtab + ELEM, qin + ELEM), call('cp', qtab + 2 * ELEM, one)]
  code.push(call('cp', twoq, qin), call('cp', twoq + ELEM, qin + ELEM), call('cp', twoq + 2 * ELEM, one), call('dbl', twoq))
  for (let i = 1; i < Q_POINTS; i++) {
    const [prev, cur] = [qtab + POINT * (i - 1), qtab + POINT * i]
    for (let c = 0; c < 3; c++) code.push(call('cp', cur + c * ELEM, prev + c * ELEM))
    code.push(setInf(0), call('addj', cur, twoq))
  }
  return code
}

/** f11 straus(len): one doubling per digit position from the top, then G's digit (madd) and Q's digit (addj). */
function straus(): Code {
  const { acc, d1, d2, gtab, qtab, negy, tq, zero } = GOST_MEM
  const [i, d, e] = [0, 1, 2]
  const abs = [...op.i32(0), ...op.get(d), ...op.i32sub, ...op.get(d), ...op.get(d), ...op.i32(0), ...op.i32ltS, ...op.select]
  const negative = [...op.get(d), ...op.i32(0), ...op.i32ltS]
  return [
    setInf(1),
    op.block, op.loop,
    op.get(i), op.i32eqz, op.brIf(1),
    op.get(i), op.i32(1), op.i32sub, op.set(i),
    isInf, op.i32eqz, op.if, call('dbl', acc), op.end,
    op.get(i), op.i32load8S(d1), op.tee(d), op.if,
    op.i32(gtab), abs, op.i32(1), op.i32shrU, op.i32(AFFINE), op.i32mul, op.i32add, op.set(e),
    negative, op.if,
    call('sub', negy, zero, [e, ELEM]), call('madd', acc, [e, 0], negy),
    op.else,
    call('madd', acc, [e, 0], [e, ELEM]),
    op.end,
    op.end,
    op.get(i), op.i32load8S(d2), op.tee(d), op.if,
    op.i32(qtab), abs, op.i32(1), op.i32shrU, op.i32(POINT), op.i32mul, op.i32add, op.set(e),
    negative, op.if,
    call('cp', tq, [e, 0]), call('cp', tq + 2 * ELEM, [e, 2 * ELEM]), call('sub', tq + ELEM, zero, [e, ELEM]), call('addj', acc, tq),
    op.else,
    call('addj', acc, [e, 0]),
    op.end,
    op.end,
    op.br(0),
    op.end, op.end,
    isInf,
  ]
}

/**
 * f12 select(row, idx): sel = row's entry idx (x‖y, 36 limbs), reading all 16 entries under a mask — which entry a
 * secret digit picks leaves no trace in the memory accesses.
 */
function select(): Code {
  const { sel } = GOST_MEM
  const [row, idx, j, m, e] = [0, 1, 2, 3, 4]
  const code: Code = []
  for (let k = 0; k < 2 * LIMBS; k++) code.push(op.i32(sel), op.i32(0), op.i32store(4 * k))
  code.push(op.loop)
  code.push(op.i32(0), op.get(j), op.get(idx), op.i32eq, op.i32sub, op.set(m))
  code.push(op.get(row), op.get(j), op.i32(AFFINE), op.i32mul, op.i32add, op.set(e))
  for (let k = 0; k < 2 * LIMBS; k++) {
    code.push(op.i32(sel), op.i32(sel), op.i32load(4 * k), op.get(e), op.i32load(4 * k), op.get(m), op.i32and, op.i32or, op.i32store(4 * k))
  }
  code.push(op.get(j), op.i32(1), op.i32add, op.tee(j), op.i32(COMB_ROW), op.i32ne, op.brIf(0), op.end)
  return code
}

/** f13 csel(d, a, b, flag): d = flag ? b : a, by masks (flag 0 or 1). */
function csel(): Code {
  const m = 4
  const code: Code = [[...op.i32(0), ...op.get(3), ...op.i32sub, ...op.set(m)]]
  for (let k = 0; k < LIMBS; k++) {
    code.push(op.get(0), op.get(1), op.i32load(4 * k), op.get(m), op.i32(-1), op.i32xor, op.i32and, op.get(2), op.i32load(4 * k), op.get(m), op.i32and, op.i32or, op.i32store(4 * k))
  }
  return code
}

/**
 * f14 comb(windows): acc = Σ d_i·32^i·G, one table point per window (its y negated for a negative digit), the same
 * instructions for every digit: select under masks, negation computed always and chosen by mask. Only the first
 * addition (into the point at infinity) and the never-met exceptional cases branch.
 */
function comb(): Code {
  const { acc, d1, comb: table, sel, fy, negy, zero } = GOST_MEM
  const [windows, i, d] = [0, 1, 2]
  return [
    setInf(1),
    op.loop,
    op.get(i), op.i32load8S(d1), op.set(d),
    op.get(i), op.i32(COMB_ROW * AFFINE), op.i32mul, op.i32(table), op.i32add,
    op.i32(0), op.get(d), op.i32sub, op.get(d), op.get(d), op.i32(0), op.i32ltS, op.select, op.i32(1), op.i32shrU,
    op.call(F.select),
    call('sub', negy, zero, sel + ELEM),
    [...op.i32(fy), ...op.i32(sel + ELEM), ...op.i32(negy), ...op.get(d), ...op.i32(0), ...op.i32ltS, ...op.call(F.csel)],
    call('madd', acc, sel, fy),
    op.get(i), op.i32(1), op.i32add, op.tee(i), op.get(windows), op.i32ne, op.brIf(0),
    op.end,
  ]
}

export function assembleGost(): Uint8Array {
  return assembleModule(5, [
    { name: 'mul', params: [I32, I32, I32], locals: [[4 * LIMBS, I64]], code: mul() },
    { name: 'sqr', params: [I32, I32], locals: [[4 * LIMBS, I64]], code: sqr() },
    { name: 'add', params: [I32, I32, I32], locals: [[LIMBS, I64]], code: linear('add') },
    { name: 'sub', params: [I32, I32, I32], locals: [[LIMBS, I64]], code: linear('sub') },
    { params: [I32, I32, I32], locals: [[LIMBS, I64]], code: linear('small') },
    { name: 'iszero', params: [I32], results: [I32], locals: [[LIMBS, I64]], code: iszero() },
    { params: [I32, I32], code: cp() },
    { name: 'dbl', params: [I32], code: dbl() },
    { name: 'madd', params: [I32, I32, I32], code: madd() },
    { name: 'addj', params: [I32, I32], code: addj() },
    { name: 'qtable', params: [], code: qtable() },
    { name: 'straus', params: [I32], results: [I32], locals: [[2, I32]], code: straus() },
    { params: [I32, I32], locals: [[3, I32]], code: select() },
    { params: [I32, I32, I32, I32], locals: [[1, I32]], code: csel() },
    { name: 'comb', params: [I32], locals: [[2, I32]], code: comb() },
  ])
}

// --- the JS side -----------------------------------------------------------------------------------------------
interface Core {
  ex: GostWasm
  words: Uint32Array
  digits: Int8Array
  /** The signer's comb table is written (on the first signature: a verifying gateway never pays for it). */
  comb: boolean
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
  return mod(x, FIELD_P)
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
  const twice = ec.dbl(g)
  const odd: J[] = [g]
  for (let i = 1; i < G_POINTS; i++) odd.push(ec.add(odd[i - 1], twice))
  toAffineBatch(odd).forEach(([x, y], i) => {
    const at = GOST_MEM.gtab + i * GOST_MEM.affine
    writeLimbs(words, at, bigIntToLe(x, 64))
    writeLimbs(words, at + GOST_MEM.elem, bigIntToLe(y, 64))
  })
  core = { ex, words, digits: new Int8Array(ex.memory.buffer), comb: false }
  return core
}

/** z1·G + z2·Q in WebAssembly: its Jacobian X and Z mod p, or undefined for the point at infinity. */
export function doubleMul(z1: bigint, z2: bigint, qx: Uint8Array, qy: Uint8Array): [bigint, bigint] | undefined {
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

/**
 * k·G for 0 < k < q (the signer's k·G and d·G), Jacobian, over the comb table. An even k is replaced by k + q (the
 * same point) so the scalar is odd; then the regular recoding d_i = (s mod 2^(w+1)) − 2^w, s ← (s − d_i)/2^w reads
 * straight from the bits: d_i = 1 + 2·(bits iw + 1 … iw + w) − 2^w, every digit odd, and the last one is 1. So every
 * k costs the same 104 additions over masked table reads.
 */
export function baseMul(k: bigint): J {
  const c = gostCore()
  if (!c.comb) {
    const table = combTable(GX, GY, COMB_WINDOW)
    table.points.forEach(([x, y], i) => {
      const at = GOST_MEM.comb + i * GOST_MEM.affine
      writeLimbs(c.words, at, bigIntToLe(x, 64))
      writeLimbs(c.words, at + GOST_MEM.elem, bigIntToLe(y, 64))
    })
    c.comb = true
  }
  const s = bigIntToLe(k & ONE ? k : k + Q, 65)
  const bit = (i: number) => (s[i >> 3] >> (i & 7)) & 1
  const digits = c.digits.subarray(GOST_MEM.d1, GOST_MEM.d1 + COMB_WINDOWS)
  for (let i = 0; i < COMB_WINDOWS - 1; i++) {
    let u = 1
    for (let j = 0; j < COMB_WINDOW; j++) u += bit(i * COMB_WINDOW + 1 + j) << (j + 1)
    digits[i] = u - (1 << COMB_WINDOW)
  }
  digits[COMB_WINDOWS - 1] = 1
  s.fill(0)
  c.ex.comb(COMB_WINDOWS)
  const at = GOST_MEM.acc
  const point: J = [readElement(c.words, at), readElement(c.words, at + GOST_MEM.elem), readElement(c.words, at + 2 * GOST_MEM.elem)]
  digits.fill(0)
  return point
}
