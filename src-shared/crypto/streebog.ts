/**
 * Streebog (GOST R 34.11-2012, RFC 6986), 512- and 256-bit, our own table-driven implementation.
 *
 * Why: the pure-JS library hashed ~11 MB/s; OpenSSL's gost engine ~140 MB/s. Every CAdES over a scanned document and
 * every HMAC round of an NCA .p12 goes through this function, so it is written for V8:
 *  - S (bytewise substitution), P (byte transposition) and L (the 64×64 bit matrix over GF(2)) are folded into eight
 *    tables of 256 64-bit lanes, built once at load from the standard's π and A (2 × 8 × 256 × 4 bytes = 16 KB), so one
 *    LPS round of a 512-bit state is 64 table reads per 32-bit half and XORs;
 *  - in JS a 64-bit lane is two 32-bit halves (lo/hi Int32Arrays): V8 keeps them as small integers in registers, where
 *    BigUint64Array lanes allocate a BigInt per read and shift (measured: the same LPS rounds ~25× slower);
 *  - where WebAssembly runs (Node, Electron, browsers without a CSP that forbids it) the rounds run in streebog-wasm.ts
 *    on real i64 lanes, ~3.5× faster again than the two-halves core;
 *  - the state lives in preallocated Int32Arrays: no allocation per block.
 * Byte order is the one OpenSSL and KalkanCrypt use: the message is read as little-endian 512-bit blocks from its
 * start, the digest is the state's bytes little-endian (the standard prints these reversed).
 * Streaming: `new Streebog(512).update(a).update(b).digest()` equals `streebog512(a‖b)`.
 */

import { MEM, assemble, type StreebogWasm } from './streebog-wasm'
import { instantiate } from './wasm-asm'

/** π: the standard's substitution (the same box as Kuznyechik's). */
const PI = [
  252, 238, 221, 17, 207, 110, 49, 22, 251, 196, 250, 218, 35, 197, 4, 77, 233, 119, 240, 219, 147, 46, 153, 186, 23, 54, 241, 187, 20, 205, 95, 193,
  249, 24, 101, 90, 226, 92, 239, 33, 129, 28, 60, 66, 139, 1, 142, 79, 5, 132, 2, 174, 227, 106, 143, 160, 6, 11, 237, 152, 127, 212, 211, 31,
  235, 52, 44, 81, 234, 200, 72, 171, 242, 42, 104, 162, 253, 58, 206, 204, 181, 112, 14, 86, 8, 12, 118, 18, 191, 114, 19, 71, 156, 183, 93, 135,
  21, 161, 150, 41, 16, 123, 154, 199, 243, 145, 120, 111, 157, 158, 178, 177, 50, 117, 25, 61, 255, 53, 138, 126, 109, 84, 198, 128, 195, 189, 13, 87,
  223, 245, 36, 169, 62, 168, 67, 201, 215, 121, 214, 246, 124, 34, 185, 3, 224, 15, 236, 222, 122, 148, 176, 188, 220, 232, 40, 80, 78, 51, 10, 74,
  167, 151, 96, 115, 30, 0, 98, 68, 26, 184, 56, 130, 100, 159, 38, 65, 173, 69, 70, 146, 39, 94, 85, 47, 140, 163, 165, 125, 105, 213, 149, 59,
  7, 88, 179, 64, 134, 172, 29, 247, 48, 55, 107, 228, 136, 217, 231, 137, 225, 27, 131, 73, 76, 63, 248, 254, 141, 83, 170, 144, 202, 216, 133, 97,
  32, 113, 103, 164, 45, 43, 9, 91, 203, 155, 37, 208, 190, 229, 108, 82, 89, 166, 116, 210, 230, 244, 180, 192, 209, 102, 175, 194, 57, 75, 99, 182,
]

/** A: the rows of the linear transformation L (A[0] is applied for the most significant bit of a lane). */
const A = [
  '8e20faa72ba0b470', '47107ddd9b505a38', 'ad08b0e0c3282d1c', 'd8045870ef14980e', '6c022c38f90a4c07', '3601161cf205268d', '1b8e0b0e798c13c8', '83478b07b2468764',
  'a011d380818e8f40', '5086e740ce47c920', '2843fd2067adea10', '14aff010bdd87508', '0ad97808d06cb404', '05e23c0468365a02', '8c711e02341b2d01', '46b60f011a83988e',
  '90dab52a387ae76f', '486dd4151c3dfdb9', '24b86a840e90f0d2', '125c354207487869', '092e94218d243cba', '8a174a9ec8121e5d', '4585254f64090fa0', 'accc9ca9328a8950',
  '9d4df05d5f661451', 'c0a878a0a1330aa6', '60543c50de970553', '302a1e286fc58ca7', '18150f14b9ec46dd', '0c84890ad27623e0', '0642ca05693b9f70', '0321658cba93c138',
  '86275df09ce8aaa8', '439da0784e745554', 'afc0503c273aa42a', 'd960281e9d1d5215', 'e230140fc0802984', '71180a8960409a42', 'b60c05ca30204d21', '5b068c651810a89e',
  '456c34887a3805b9', 'ac361a443d1c8cd2', '561b0d22900e4669', '2b838811480723ba', '9bcf4486248d9f5d', 'c3e9224312c8c1a0', 'effa11af0964ee50', 'f97d86d98a327728',
  'e4fa2054a80b329c', '727d102a548b194e', '39b008152acb8227', '9258048415eb419d', '492c024284fbaec0', 'aa16012142f35760', '550b8e9e21f7a530', 'a48b474f9ef5dc18',
  '70a6a56e2440598e', '3853dc371220a247', '1ca76e95091051ad', '0edd37c48a08a6d8', '07e095624504536c', '8d70c431ac02a736', 'c83862965601dd1b', '641c314b2b8ee083',
]

/** C1…C12: the round constants of the key schedule, as little-endian bytes (hex). */
const C_HEX = [
  '0745a6f2596580dd234d74cc3674760515d360a4082a42a20169679291e07c4bfcc485758db84e7116d0452e43766a2f1f7c65c0812fcbebe9daca1eda5b08b1',
  'b79bb121700479e656cdcbd71ba2dd55caa70adbc261b55c5899d6126b17b59a3101b5160f5ed561982b230a72eafef3d7b5700f469de34f1a2f9da98ab5a36f',
  'b20aba0af5961e9931db7a8643f4b6c209db6260373ac9c1b19e3590e40fe2d37b7b29b11475eaf28b1f9c525f5ef10635843d6a28fc390ac72fce2bacdc74f5',
  '2ed1e384bcbe0c22f137e893a1ea5334be0352933313b7d875d603ed822cd7a93f355e68ad1c729d7d3c5c337e858e48dde4715da0e148f9d26615e8b3df1fef',
  '57fe6c7cfd581760f563eaa97ea2567a161a2723b700ffdfa3f53a254717cdbfbdff0f80d7359e354a1086161f1c157f6323a96c0c413f9a994747adac6bea4b',
  '6e7d64467a4068fa354f903672c571bfb6c6bec2661ff20ab4b79a1cb7a6facfc68ef09ab49a7f186ca44251f9c4662dc039307a3bc3a46fd9d33a1daeae4fae',
  '93d4143a4d568688f34a3ca24c45173504054a2883694706372c822dc5ab9209c9937a19333e47d3c987bfe6c7c69e39540924bffe86ac51ecc5aaee160ec7f4',
  '1ee702bfd40d7fa4d9a8515935c2ac362fc4a5d12b8dd16990069b92cb2b89f49ac4db4d3b44b4891ede369c71f8b74e41416e0c02aae703a7c9934d425b1f9b',
  'db5a238351446172602a1fcb92dc380e549c07a69a8a2b7bb1ceb2db0b440a8084090de0b755d93c244289251b3a7d3ade5f16ecd89a4c949b223116545a8f37',
  'ed9c4598fbc7b474c3b63b15d1fa9836f452763b306c1e7a4b3369af0267e79f0361331b8ae1ff1fdb788aff1ce74189f3f3e4b248e52a38526f0580a6debeab',
  '1b2df381cda4ca6b5dd86fc04a59a2de986e477d1dcdbaefcab948eaef711d8a79668414218001206107abebbb6bfad894fe5a63cdc60230fb89c8efd09ecd7b',
  '20d71bf14a92bc48991bb2d9d517f4fa5228e188aaa41de786cc91189def805d9b9f2130d41220f8771ddfbc323ca4cd7ab14904b08013d2ba3116f167e78e37',
]

/**
 * T[j·256 + b] = L(π(b) placed in byte j of a lane): the low (TL) and high (TH) 32 bits. One LPS of a state X is then,
 * for each output lane i, the XOR over j of T[j·256 + (byte i of lane j of X)] — P is in the indexing.
 */
const TL = new Int32Array(8 * 256)
const TH = new Int32Array(8 * 256)
{
  const aLo = A.map((h) => parseInt(h.slice(8), 16) | 0)
  const aHi = A.map((h) => parseInt(h.slice(0, 8), 16) | 0)
  for (let j = 0; j < 8; j++) {
    for (let b = 0; b < 256; b++) {
      const s = PI[b]
      let lo = 0
      let hi = 0
      for (let t = 0; t < 8; t++) {
        if ((s >> t) & 1) {
          lo ^= aLo[63 - (8 * j + t)]
          hi ^= aHi[63 - (8 * j + t)]
        }
      }
      TL[(j << 8) | b] = lo
      TH[(j << 8) | b] = hi
    }
  }
}

/** The 16 little-endian 32-bit words of 64 bytes. */
function words(bytes: Uint8Array, offset: number, out: Int32Array): Int32Array {
  for (let k = 0; k < 16; k++) {
    const o = offset + 4 * k
    out[k] = bytes[o] | (bytes[o + 1] << 8) | (bytes[o + 2] << 16) | (bytes[o + 3] << 24)
  }
  return out
}

const C = C_HEX.map((h) => {
  const b = new Uint8Array(64)
  for (let i = 0; i < 64; i++) b[i] = parseInt(h.substr(2 * i, 2), 16)
  return words(b, 0, new Int32Array(16))
})

/** out = LPS(x ⊕ y). Word 2i is lane i's low half, 2i+1 its high half; out may alias x or y (all reads come first). */
function xlps(x: Int32Array, y: Int32Array, out: Int32Array): void {
  const tl = TL
  const th = TH
  const r0 = x[0] ^ y[0]
  const r1 = x[1] ^ y[1]
  const r2 = x[2] ^ y[2]
  const r3 = x[3] ^ y[3]
  const r4 = x[4] ^ y[4]
  const r5 = x[5] ^ y[5]
  const r6 = x[6] ^ y[6]
  const r7 = x[7] ^ y[7]
  const r8 = x[8] ^ y[8]
  const r9 = x[9] ^ y[9]
  const r10 = x[10] ^ y[10]
  const r11 = x[11] ^ y[11]
  const r12 = x[12] ^ y[12]
  const r13 = x[13] ^ y[13]
  const r14 = x[14] ^ y[14]
  const r15 = x[15] ^ y[15]
  {
    const i0 = (r0 & 255)
    const i1 = (256 | (r2 & 255))
    const i2 = (512 | (r4 & 255))
    const i3 = (768 | (r6 & 255))
    const i4 = (1024 | (r8 & 255))
    const i5 = (1280 | (r10 & 255))
    const i6 = (1536 | (r12 & 255))
    const i7 = (1792 | (r14 & 255))
    out[0] = tl[i0] ^ tl[i1] ^ tl[i2] ^ tl[i3] ^ tl[i4] ^ tl[i5] ^ tl[i6] ^ tl[i7]
    out[1] = th[i0] ^ th[i1] ^ th[i2] ^ th[i3] ^ th[i4] ^ th[i5] ^ th[i6] ^ th[i7]
  }
  {
    const i0 = ((r0 >>> 8) & 255)
    const i1 = (256 | ((r2 >>> 8) & 255))
    const i2 = (512 | ((r4 >>> 8) & 255))
    const i3 = (768 | ((r6 >>> 8) & 255))
    const i4 = (1024 | ((r8 >>> 8) & 255))
    const i5 = (1280 | ((r10 >>> 8) & 255))
    const i6 = (1536 | ((r12 >>> 8) & 255))
    const i7 = (1792 | ((r14 >>> 8) & 255))
    out[2] = tl[i0] ^ tl[i1] ^ tl[i2] ^ tl[i3] ^ tl[i4] ^ tl[i5] ^ tl[i6] ^ tl[i7]
    out[3] = th[i0] ^ th[i1] ^ th[i2] ^ th[i3] ^ th[i4] ^ th[i5] ^ th[i6] ^ th[i7]
  }
  {
    const i0 = ((r0 >>> 16) & 255)
    const i1 = (256 | ((r2 >>> 16) & 255))
    const i2 = (512 | ((r4 >>> 16) & 255))
    const i3 = (768 | ((r6 >>> 16) & 255))
    const i4 = (1024 | ((r8 >>> 16) & 255))
    const i5 = (1280 | ((r10 >>> 16) & 255))
    const i6 = (1536 | ((r12 >>> 16) & 255))
    const i7 = (1792 | ((r14 >>> 16) & 255))
    out[4] = tl[i0] ^ tl[i1] ^ tl[i2] ^ tl[i3] ^ tl[i4] ^ tl[i5] ^ tl[i6] ^ tl[i7]
    out[5] = th[i0] ^ th[i1] ^ th[i2] ^ th[i3] ^ th[i4] ^ th[i5] ^ th[i6] ^ th[i7]
  }
  {
    const i0 = (r0 >>> 24)
    const i1 = (256 | (r2 >>> 24))
    const i2 = (512 | (r4 >>> 24))
    const i3 = (768 | (r6 >>> 24))
    const i4 = (1024 | (r8 >>> 24))
    const i5 = (1280 | (r10 >>> 24))
    const i6 = (1536 | (r12 >>> 24))
    const i7 = (1792 | (r14 >>> 24))
    out[6] = tl[i0] ^ tl[i1] ^ tl[i2] ^ tl[i3] ^ tl[i4] ^ tl[i5] ^ tl[i6] ^ tl[i7]
    out[7] = th[i0] ^ th[i1] ^ th[i2] ^ th[i3] ^ th[i4] ^ th[i5] ^ th[i6] ^ th[i7]
  }
  {
    const i0 = (r1 & 255)
    const i1 = (256 | (r3 & 255))
    const i2 = (512 | (r5 & 255))
    const i3 = (768 | (r7 & 255))
    const i4 = (1024 | (r9 & 255))
    const i5 = (1280 | (r11 & 255))
    const i6 = (1536 | (r13 & 255))
    const i7 = (1792 | (r15 & 255))
    out[8] = tl[i0] ^ tl[i1] ^ tl[i2] ^ tl[i3] ^ tl[i4] ^ tl[i5] ^ tl[i6] ^ tl[i7]
    out[9] = th[i0] ^ th[i1] ^ th[i2] ^ th[i3] ^ th[i4] ^ th[i5] ^ th[i6] ^ th[i7]
  }
  {
    const i0 = ((r1 >>> 8) & 255)
    const i1 = (256 | ((r3 >>> 8) & 255))
    const i2 = (512 | ((r5 >>> 8) & 255))
    const i3 = (768 | ((r7 >>> 8) & 255))
    const i4 = (1024 | ((r9 >>> 8) & 255))
    const i5 = (1280 | ((r11 >>> 8) & 255))
    const i6 = (1536 | ((r13 >>> 8) & 255))
    const i7 = (1792 | ((r15 >>> 8) & 255))
    out[10] = tl[i0] ^ tl[i1] ^ tl[i2] ^ tl[i3] ^ tl[i4] ^ tl[i5] ^ tl[i6] ^ tl[i7]
    out[11] = th[i0] ^ th[i1] ^ th[i2] ^ th[i3] ^ th[i4] ^ th[i5] ^ th[i6] ^ th[i7]
  }
  {
    const i0 = ((r1 >>> 16) & 255)
    const i1 = (256 | ((r3 >>> 16) & 255))
    const i2 = (512 | ((r5 >>> 16) & 255))
    const i3 = (768 | ((r7 >>> 16) & 255))
    const i4 = (1024 | ((r9 >>> 16) & 255))
    const i5 = (1280 | ((r11 >>> 16) & 255))
    const i6 = (1536 | ((r13 >>> 16) & 255))
    const i7 = (1792 | ((r15 >>> 16) & 255))
    out[12] = tl[i0] ^ tl[i1] ^ tl[i2] ^ tl[i3] ^ tl[i4] ^ tl[i5] ^ tl[i6] ^ tl[i7]
    out[13] = th[i0] ^ th[i1] ^ th[i2] ^ th[i3] ^ th[i4] ^ th[i5] ^ th[i6] ^ th[i7]
  }
  {
    const i0 = (r1 >>> 24)
    const i1 = (256 | (r3 >>> 24))
    const i2 = (512 | (r5 >>> 24))
    const i3 = (768 | (r7 >>> 24))
    const i4 = (1024 | (r9 >>> 24))
    const i5 = (1280 | (r11 >>> 24))
    const i6 = (1536 | (r13 >>> 24))
    const i7 = (1792 | (r15 >>> 24))
    out[14] = tl[i0] ^ tl[i1] ^ tl[i2] ^ tl[i3] ^ tl[i4] ^ tl[i5] ^ tl[i6] ^ tl[i7]
    out[15] = th[i0] ^ th[i1] ^ th[i2] ^ th[i3] ^ th[i4] ^ th[i5] ^ th[i6] ^ th[i7]
  }
}

/** x += y mod 2^512 (little-endian 32-bit words). */
function add512(x: Int32Array, y: Int32Array): void {
  let carry = 0
  for (let k = 0; k < 16; k++) {
    const s = (x[k] >>> 0) + (y[k] >>> 0) + carry
    x[k] = s | 0
    carry = s > 0xffffffff ? 1 : 0
  }
}

const ZERO = new Int32Array(16)

interface Wasm {
  ex: StreebogWasm
  bytes: Uint8Array
  words: Int32Array
}

/** The WebAssembly core, instantiated on first use; null where WebAssembly is absent or refused (a strict CSP). */
let wasm: Wasm | null | undefined
function wasmCore(): Wasm | null {
  if (wasm !== undefined) return wasm
  wasm = null
  const ex = instantiate<StreebogWasm>(assemble())
  if (!ex) return wasm
  const bytes = new Uint8Array(ex.memory.buffer)
  const words = new Int32Array(ex.memory.buffer)
  // the tables as little-endian i64 (lo, hi), then C1…C12, then the constant 512
  for (let i = 0; i < TL.length; i++) {
    words[2 * i] = TL[i]
    words[2 * i + 1] = TH[i]
  }
  C.forEach((c, i) => words.set(c, (MEM.c >> 2) + 16 * i))
  words[MEM.c512 >> 2] = 512
  wasm = { ex, bytes, words }
  return wasm
}

export type StreebogEngine = 'wasm' | 'js'

/** Which core a new Streebog() uses here ('js' where WebAssembly cannot run). */
export function streebogEngine(): StreebogEngine {
  return wasmCore() ? 'wasm' : 'js'
}

export class Streebog {
  private readonly h = new Int32Array(16)
  private readonly n = new Int32Array(16)
  private readonly sigma = new Int32Array(16)
  private readonly buffer = new Uint8Array(64)
  private buffered = 0
  private done = false
  private readonly core: Wasm | null
  // scratch of the JS core, reused for every block
  private readonly m = new Int32Array(16)
  private readonly k = new Int32Array(16)
  private readonly s = new Int32Array(16)
  private readonly len = new Int32Array(16)

  /** `engine: 'js'` forces the pure-JS core (the tests hold both against OpenSSL). */
  constructor(readonly bits: 512 | 256 = 512, options: { engine?: StreebogEngine } = {}) {
    if (bits === 256) this.h.fill(0x01010101)
    this.core = options.engine === 'js' ? null : wasmCore()
  }

  /** g_N(h, m): the compression function. */
  private g(n: Int32Array, m: Int32Array): void {
    const { h, k, s } = this
    xlps(h, n, k) // K1 = LPS(h ⊕ N)
    xlps(k, m, s) // state = LPS(K1 ⊕ m)
    for (let i = 0; i < 11; i++) {
      xlps(k, C[i], k) // K(i+2) = LPS(K(i+1) ⊕ C(i+1))
      xlps(s, k, s)
    }
    xlps(k, C[11], k)
    for (let w = 0; w < 16; w++) h[w] ^= s[w] ^ k[w] ^ m[w]
  }

  private block(bytes: Uint8Array, offset: number): void {
    const m = words(bytes, offset, this.m)
    this.g(this.n, m)
    // N += 512
    this.len.fill(0)
    this.len[0] = 512
    add512(this.n, this.len)
    add512(this.sigma, m)
  }

  /** Whole blocks data[from, from + 64·count). */
  private blocks(data: Uint8Array, from: number, count: number): void {
    const core = this.core
    if (!core) {
      for (let b = 0; b < count; b++) this.block(data, from + 64 * b)
      return
    }
    this.load(core)
    const perCall = MEM.inputBytes >> 6
    for (let done = 0; done < count; ) {
      const now = Math.min(perCall, count - done)
      core.bytes.set(data.subarray(from + 64 * done, from + 64 * (done + now)), MEM.input)
      core.ex.blocks(MEM.input, now)
      done += now
    }
    this.store(core)
  }

  private load(core: Wasm): void {
    core.words.set(this.h, MEM.h >> 2)
    core.words.set(this.n, MEM.n >> 2)
    core.words.set(this.sigma, MEM.sigma >> 2)
  }

  private store(core: Wasm): void {
    this.h.set(core.words.subarray(MEM.h >> 2, (MEM.h >> 2) + 16))
    this.n.set(core.words.subarray(MEM.n >> 2, (MEM.n >> 2) + 16))
    this.sigma.set(core.words.subarray(MEM.sigma >> 2, (MEM.sigma >> 2) + 16))
  }

  update(data: Uint8Array): this {
    if (this.done) throw new Error('Streebog: update after digest')
    let i = 0
    if (this.buffered) {
      const take = Math.min(64 - this.buffered, data.length)
      this.buffer.set(data.subarray(0, take), this.buffered)
      this.buffered += take
      i = take
      if (this.buffered < 64) return this
      this.blocks(this.buffer, 0, 1)
      this.buffered = 0
    }
    const whole = (data.length - i) >> 6
    if (whole) this.blocks(data, i, whole)
    i += whole << 6
    if (i < data.length) {
      this.buffer.set(data.subarray(i), 0)
      this.buffered = data.length - i
    }
    return this
  }

  digest(): Uint8Array {
    if (this.done) throw new Error('Streebog: digest twice')
    this.done = true
    const rest = this.buffered
    const pad = new Uint8Array(64)
    pad.set(this.buffer.subarray(0, rest))
    pad[rest] = 0x01
    const core = this.core
    if (core) {
      this.load(core)
      core.bytes.set(pad, MEM.pad)
      core.ex.compress(MEM.n, MEM.pad)
      core.words.fill(0, MEM.len >> 2, (MEM.len >> 2) + 16)
      core.words[MEM.len >> 2] = rest << 3
      core.ex.add512(MEM.n, MEM.len)
      core.ex.add512(MEM.sigma, MEM.pad)
      core.ex.compress(MEM.zero, MEM.n)
      core.ex.compress(MEM.zero, MEM.sigma)
      this.store(core)
    } else {
      const m = words(pad, 0, this.m)
      this.g(this.n, m)
      this.len.fill(0)
      this.len[0] = rest << 3
      add512(this.n, this.len)
      add512(this.sigma, m)
      // copies: g reads m after writing h
      this.g(ZERO, this.n.slice())
      this.g(ZERO, this.sigma.slice())
    }
    const out = new Uint8Array(64)
    for (let w = 0; w < 16; w++) {
      const v = this.h[w]
      out[4 * w] = v
      out[4 * w + 1] = v >>> 8
      out[4 * w + 2] = v >>> 16
      out[4 * w + 3] = v >>> 24
    }
    this.h.fill(0)
    return this.bits === 512 ? out : out.slice(32)
  }
}

export function streebog512(data: Uint8Array): Uint8Array {
  return new Streebog(512).update(data).digest()
}

export function streebog256(data: Uint8Array): Uint8Array {
  return new Streebog(256).update(data).digest()
}
