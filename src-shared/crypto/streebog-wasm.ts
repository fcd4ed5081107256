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
import { I32, I64, assembleModule, op } from './wasm-asm'

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

const body = (locals: Array<[number, number]>, code: number[][]) => ({ locals, code })

/** f0 xlps(x, y, out): out = LPS(x ⊕ y). Locals 3…10 the lanes r, 11…18 the results (out may alias x or y). */
function xlps(): { locals: Array<[number, number]>; code: number[][] } {
  const code: number[][] = []
  for (let j = 0; j < 8; j++) code.push(op.get(0), op.i64load(8 * j), op.get(1), op.i64load(8 * j), op.i64xor, op.set(3 + j))
  for (let i = 0; i < 8; i++) {
    for (let j = 0; j < 8; j++) {
      // T[j][byte i of lane j]: the table's offset in the load's immediate, the byte times 8 as the address
      // (byte << 3) straight from the lane: shift right by 8i − 3 (left by 3 for byte 0) and mask 0x7f8
      code.push(op.get(3 + j))
      if (i) code.push(op.i64(8 * i - 3), op.i64shrU, op.wrap)
      else code.push(op.wrap, op.i32(3), op.i32shl)
      code.push(op.i32(0x7f8), op.i32and, op.i64load(MEM.tables + j * 2048))
      if (j) code.push(op.i64xor)
    }
    code.push(op.set(11 + i))
  }
  for (let i = 0; i < 8; i++) code.push(op.get(2), op.get(11 + i), op.i64store(8 * i))
  return body([[16, I64]], code)
}

/** f1 add512(dst, src): 16 words of 32 bits with the carry in an i64 (local 2). */
function add512(): { locals: Array<[number, number]>; code: number[][] } {
  const code: number[][] = [op.i64(0), op.set(2)]
  for (let w = 0; w < 16; w++) {
    code.push(op.get(0), op.i64load32U(4 * w), op.get(1), op.i64load32U(4 * w), op.i64add, op.get(2), op.i64add, op.set(2))
    code.push(op.get(0), op.get(2), op.i64store32(4 * w))
    code.push(op.get(2), op.i64(32), op.i64shrU, op.set(2))
  }
  return body([[1, I64]], code)
}

/** f2 compress(n, m): K = LPS(h ⊕ N); S = LPS(K ⊕ m); 11 rounds; K = LPS(K ⊕ C12); h ^= S ⊕ K ⊕ m. */
function compress(): { locals: Array<[number, number]>; code: number[][] } {
  const { h, k, s, c } = MEM
  const code: number[][] = [op.i32(h), op.get(0), op.i32(k), op.call(0), op.i32(k), op.get(1), op.i32(s), op.call(0)]
  for (let i = 0; i < 11; i++) code.push(op.i32(k), op.i32(c + 64 * i), op.i32(k), op.call(0), op.i32(s), op.i32(k), op.i32(s), op.call(0))
  code.push(op.i32(k), op.i32(c + 64 * 11), op.i32(k), op.call(0))
  for (let w = 0; w < 8; w++) {
    code.push(op.i32(0), op.i32(0), op.i64load(h + 8 * w), op.i32(0), op.i64load(s + 8 * w), op.i64xor, op.i32(0), op.i64load(k + 8 * w), op.i64xor)
    code.push(op.get(1), op.i64load(8 * w), op.i64xor, op.i64store(h + 8 * w))
  }
  return body([], code)
}

/** f3 blocks(ptr, count). */
function blocks(): { locals: Array<[number, number]>; code: number[][] } {
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
  return assembleModule(3, [
    { params: [I32, I32, I32], ...xlps() },
    { name: 'add512', params: [I32, I32], ...add512() },
    { name: 'compress', params: [I32, I32], ...compress() },
    { name: 'blocks', params: [I32, I32], ...blocks() },
  ])
}
