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
 * Memory (1 page): constants and scratch below 4096, Q's table of odd multiples 1·Q…15·Q (Jacobian, built per
 * verification by qtable), G's table of odd multiples 1·G…127·G (affine, written once by the JS side), and the two
 * scalars' wNAF digits (width 8 for G, width 5 for Q), one signed byte per bit position.
 */
import { I32, I64, assembleModule, op } from './wasm-asm'

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
}

const P = (BigInt(1) << BigInt(512)) - BigInt(569)
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
const F = { mul: 0, sqr: 1, add: 2, sub: 3, small: 4, iszero: 5, cp: 6, dbl: 7, madd: 8, addj: 9, qtable: 10, straus: 11 }
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

export function assembleGost(): Uint8Array {
  return assembleModule(1, [
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
  ])
}
