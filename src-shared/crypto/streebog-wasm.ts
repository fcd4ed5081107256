/**
 * Streebog's compression function as WebAssembly, assembled here from our own instruction list at load (no binary
 * blob, no toolchain: the ~2 KB module is built by the code below). Why: a 64-bit lane is one i64 in WebAssembly, so
 * one LPS round is 64 i64 table loads with the byte extraction folded into the address — about three times fewer
 * operations than the two-halves JS path in streebog.ts, which stays the fallback where WebAssembly is not allowed.
 *
 * Memory (3 pages): the eight LPS tables (8 × 256 i64) at 0, C1…C12 at 16384, then h, N, Σ, K, the running state,
 * the constant 512, zero and a padded last block, each 64 bytes; the input window from 65536 (128 KB = 2048 blocks).
 * The JS side owns the state between calls (several hashes may be in progress) and copies h, N, Σ in and out.
 */

export const MEM = {
  tables: 0,
  c: 16384,
  h: 17152,
  n: 17216,
  sigma: 17280,
  k: 17344,
  s: 17408,
  c512: 17472,
  zero: 17536,
  pad: 17600,
  len: 17664,
  input: 65536,
  inputBytes: 131072,
} as const

export interface StreebogWasm {
  memory: { buffer: ArrayBuffer }
  /** h = g_N(h, m) with N and m at the given addresses. */
  compress(n: number, m: number): void
  /** For each of `count` 64-byte blocks from `ptr`: h = g_N(h, m); N += 512; Σ += m. */
  blocks(ptr: number, count: number): void
  /** 512-bit little-endian addition in memory: *dst += *src. */
  add512(dst: number, src: number): void
}

// --- a minimal assembler: only the opcodes used below -------------------------------------------------------------
const uleb = (n: number): number[] => {
  const out: number[] = []
  do {
    let b = n & 0x7f
    n >>>= 7
    if (n) b |= 0x80
    out.push(b)
  } while (n)
  return out
}
const sleb = (n: number): number[] => {
  const out: number[] = []
  for (;;) {
    const b = n & 0x7f
    n >>= 7
    if ((n === 0 && !(b & 0x40)) || (n === -1 && b & 0x40)) {
      out.push(b)
      return out
    }
    out.push(b | 0x80)
  }
}
const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body]
const vec = (items: number[][]) => [...uleb(items.length), ...items.flat()]
const str = (s: string) => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))]

const I32 = 0x7f
const I64 = 0x7e
const op = {
  get: (i: number) => [0x20, ...uleb(i)],
  set: (i: number) => [0x21, ...uleb(i)],
  i32: (v: number) => [0x41, ...sleb(v)],
  i64: (v: number) => [0x42, ...sleb(v)],
  i32add: [0x6a],
  i32sub: [0x6b],
  i32and: [0x71],
  i32shl: [0x74],
  i32eqz: [0x45],
  i64xor: [0x85],
  i64add: [0x7c],
  i64shrU: [0x88],
  wrap: [0xa7],
  load64: (offset: number) => [0x29, 3, ...uleb(offset)],
  store64: (offset: number) => [0x37, 3, ...uleb(offset)],
  load32U: (offset: number) => [0x35, 2, ...uleb(offset)],
  store32: (offset: number) => [0x3e, 2, ...uleb(offset)],
  call: (f: number) => [0x10, ...uleb(f)],
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  brIf: (d: number) => [0x0d, ...uleb(d)],
  br: (d: number) => [0x0c, ...uleb(d)],
  end: [0x0b],
}
const body = (locals: Array<[number, number]>, code: number[][]) => {
  const b = [...vec(locals.map(([n, t]) => [...uleb(n), t])), ...code.flat(), 0x0b]
  return [...uleb(b.length), ...b]
}

/** f0 xlps(x, y, out): out = LPS(x ⊕ y). Locals 3…10 the lanes r, 11…18 the results (out may alias x or y). */
function xlps(): number[] {
  const code: number[][] = []
  for (let j = 0; j < 8; j++) code.push(op.get(0), op.load64(8 * j), op.get(1), op.load64(8 * j), op.i64xor, op.set(3 + j))
  for (let i = 0; i < 8; i++) {
    for (let j = 0; j < 8; j++) {
      // T[j][byte i of lane j]: the table's offset in the load's immediate, the byte times 8 as the address
      // (byte << 3) straight from the lane: shift right by 8i − 3 (left by 3 for byte 0) and mask 0x7f8
      code.push(op.get(3 + j))
      if (i) code.push(op.i64(8 * i - 3), op.i64shrU, op.wrap)
      else code.push(op.wrap, op.i32(3), op.i32shl)
      code.push(op.i32(0x7f8), op.i32and, op.load64(MEM.tables + j * 2048))
      if (j) code.push(op.i64xor)
    }
    code.push(op.set(11 + i))
  }
  for (let i = 0; i < 8; i++) code.push(op.get(2), op.get(11 + i), op.store64(8 * i))
  return body([[16, I64]], code)
}

/** f1 add512(dst, src): 16 words of 32 bits with the carry in an i64 (local 2). */
function add512(): number[] {
  const code: number[][] = [op.i64(0), op.set(2)]
  for (let w = 0; w < 16; w++) {
    code.push(op.get(0), op.load32U(4 * w), op.get(1), op.load32U(4 * w), op.i64add, op.get(2), op.i64add, op.set(2))
    code.push(op.get(0), op.get(2), op.store32(4 * w))
    code.push(op.get(2), op.i64(32), op.i64shrU, op.set(2))
  }
  return body([[1, I64]], code)
}

/** f2 compress(n, m): K = LPS(h ⊕ N); S = LPS(K ⊕ m); 11 rounds; K = LPS(K ⊕ C12); h ^= S ⊕ K ⊕ m. */
function compress(): number[] {
  const { h, k, s, c } = MEM
  const code: number[][] = [op.i32(h), op.get(0), op.i32(k), op.call(0), op.i32(k), op.get(1), op.i32(s), op.call(0)]
  for (let i = 0; i < 11; i++) code.push(op.i32(k), op.i32(c + 64 * i), op.i32(k), op.call(0), op.i32(s), op.i32(k), op.i32(s), op.call(0))
  code.push(op.i32(k), op.i32(c + 64 * 11), op.i32(k), op.call(0))
  for (let w = 0; w < 8; w++) {
    code.push(op.i32(0), op.i32(0), op.load64(h + 8 * w), op.i32(0), op.load64(s + 8 * w), op.i64xor, op.i32(0), op.load64(k + 8 * w), op.i64xor)
    code.push(op.get(1), op.load64(8 * w), op.i64xor, op.store64(h + 8 * w))
  }
  return body([], code)
}

/** f3 blocks(ptr, count). */
function blocks(): number[] {
  const code: number[][] = [
    op.block,
    op.loop,
    op.get(1), op.i32eqz, op.brIf(1),
    op.i32(MEM.n), op.get(0), op.call(2),
    op.i32(MEM.n), op.i32(MEM.c512), op.call(1),
    op.i32(MEM.sigma), op.get(0), op.call(1),
    op.get(0), op.i32(64), op.i32add, op.set(0),
    op.get(1), op.i32(1), op.i32sub, op.set(1),
    op.br(0),
    op.end,
    op.end,
  ]
  return body([], code)
}

export function assemble(): Uint8Array {
  const types = [
    [0x60, ...vec([[I32], [I32], [I32]]), 0x00],
    [0x60, ...vec([[I32], [I32]]), 0x00],
  ]
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec(types)),
    ...section(3, vec([[0], [1], [1], [1]])),
    ...section(5, vec([[0x00, 3]])),
    ...section(7, vec([
      [...str('memory'), 0x02, 0],
      [...str('add512'), 0x00, 1],
      [...str('compress'), 0x00, 2],
      [...str('blocks'), 0x00, 3],
    ])),
    ...section(10, vec([xlps(), add512(), compress(), blocks()])),
  ]
  return new Uint8Array(bytes)
}
