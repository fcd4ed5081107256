/**
 * The GOST verifier's WebAssembly core (src-shared/crypto/gost-wasm.ts) against BigInt arithmetic: field operations on
 * random and extreme (largest loose) limbs, point doubling and both additions including their exceptional cases, the
 * wNAF recoding, and the verifier on the inputs an attacker picks (r, s at the range edges, keys off the curve or
 * outside the field, the keys ±G whose multiples meet the table points).
 */
import { describe, expect, it } from 'vitest'
import { gostPublicKey512, gostSign512, gostVerify512, gostVerify512Kalkan } from '../../../src-shared/crypto'
import { add, bigIntToLe, dbl, GX, GY, ONE, P, Q, toAffine, ZERO, type J } from '../../../src-shared/crypto/gost-ec'
import { GOST_MEM, LIMB_BITS, LIMBS, assembleGost, baseMul, wnaf, type GostWasm } from '../../../src-shared/crypto/gost-wasm'
import { instantiate } from '../../../src-shared/crypto/wasm-asm'

function prng(seed: number) {
  let x = seed >>> 0 || 1
  const next = () => ((x ^= x << 13), (x ^= x >>> 17), (x ^= x << 5), x >>> 0)
  const big = (bytes: number) => {
    let v = ZERO
    for (let i = 0; i < bytes; i++) v = (v << BigInt(8)) | BigInt(next() & 255)
    return v
  }
  return { next, big }
}

const ex = instantiate<GostWasm>(assembleGost())!
const words = new Uint32Array(ex.memory.buffer)
words[GOST_MEM.one >> 2] = 1 // what the verifier writes when it instantiates the module
const MASK = BigInt((1 << LIMB_BITS) - 1)
const [A, B, D] = [GOST_MEM.temps + 14 * GOST_MEM.elem, GOST_MEM.temps + 15 * GOST_MEM.elem, GOST_MEM.tq]
const mod = (x: bigint) => ((x % P) + P) % P

/** Writes x (< 2^522) as normalized limbs, or explicit limbs (to reach the loose extremes). */
function put(at: number, x: bigint | number[]): bigint {
  const limbs = Array.isArray(x) ? x : Array.from({ length: LIMBS }, (_, k) => Number((x >> BigInt(LIMB_BITS * k)) & MASK))
  limbs.forEach((l, k) => (words[(at >> 2) + k] = l))
  return limbs.reduceRight((acc, l) => (acc << BigInt(LIMB_BITS)) + BigInt(l), ZERO)
}
const LOOSE_MAX = 2 ** 29 + 2 ** 22 - 1
/** Reads an element; a limb above the loose bound (what every operation promises) throws. */
function get(at: number): bigint {
  let x = ZERO
  for (let k = LIMBS - 1; k >= 0; k--) {
    const l = words[(at >> 2) + k]
    if (l > LOOSE_MAX) throw new Error(`limb ${k} = ${l} is not loose`)
    x = (x << BigInt(LIMB_BITS)) + BigInt(l)
  }
  return x
}

describe('field arithmetic mod 2^512 − 569 in WebAssembly', () => {
  it('mul, sqr, add, sub agree with BigInt on 2,000 random and extreme operands', () => {
    const r = prng(0x6f57)
    const operand = (i: number): number[] | bigint => {
      if (i % 7 === 0) return Array(LIMBS).fill(LOOSE_MAX) // the largest loose value
      if (i % 7 === 1) return ZERO
      if (i % 7 === 2) return P - ONE
      if (i % 7 === 3) return P
      return r.big(66) % (ONE << BigInt(522))
    }
    const wrong: string[] = []
    const check = (what: string, got: bigint, want: bigint) => {
      if (mod(got) !== mod(want)) wrong.push(what)
    }
    for (let i = 0; i < 2000; i++) {
      const a = put(A, operand(i))
      const b = put(B, operand(i >> 1))
      ex.mul(D, A, B)
      check(`mul ${i}`, get(D), a * b)
      ex.sqr(D, A)
      check(`sqr ${i}`, get(D), a * a)
      ex.add(D, A, B)
      check(`add ${i}`, get(D), a + b)
      ex.sub(D, A, B)
      check(`sub ${i}`, get(D), a - b)
      ex.mul(A, A, A) // the destination may be an operand
      check(`mul in place ${i}`, get(A), a * a)
    }
    expect(wrong).toEqual([])
  })

  it('iszero: 0, p, 2p … and their loose forms are zero; 1, p − 1, p + 1 are not', () => {
    for (const k of [0, 1, 2, 3, 1000, 1024]) {
      put(A, P * BigInt(k))
      expect(ex.iszero(A), `${k}·p`).toBe(1)
      put(A, P * BigInt(k) + ONE)
      expect(ex.iszero(A), `${k}·p + 1`).toBe(0)
    }
    put(A, P - ONE)
    expect(ex.iszero(A)).toBe(0)
    ex.sub(A, A, A) // a − a + K: loose, ≡ 0
    expect(ex.iszero(A)).toBe(1)
  })
})

describe('points in WebAssembly (Jacobian, a = −3) against the BigInt curve code', () => {
  const putPoint = (at: number, [x, y, z]: J) => {
    put(at, x)
    put(at + GOST_MEM.elem, y)
    put(at + 2 * GOST_MEM.elem, z)
  }
  const getAffine = (at: number) => toAffine([mod(get(at)), mod(get(at + GOST_MEM.elem)), mod(get(at + 2 * GOST_MEM.elem))])
  const setInf = (v: number) => (new Int32Array(ex.memory.buffer)[GOST_MEM.inf >> 2] = v)
  const isInf = () => new Int32Array(ex.memory.buffer)[GOST_MEM.inf >> 2]
  const g: J = [GX, GY, ONE]
  const g2 = dbl(g)
  const g3 = add(g2, g)
  const g5 = add(g3, g2)
  const neg = ([x, y, z]: J): J => [x, P - y, z]

  it('dbl gives the BigInt result; Z = 0 stays 0', () => {
    putPoint(GOST_MEM.acc, g3)
    ex.dbl(GOST_MEM.acc)
    expect(getAffine(GOST_MEM.acc)).toEqual(toAffine(dbl(g3)))
    putPoint(GOST_MEM.acc, [ONE, ONE, ZERO])
    ex.dbl(GOST_MEM.acc) // the point at infinity (Z = 0) doubles to itself
    expect(ex.iszero(GOST_MEM.acc + 2 * GOST_MEM.elem)).toBe(1)
  })

  it('madd: P + G, G + G (doubles), −G + G (infinity), ∞ + G', () => {
    put(GOST_MEM.qin, GX)
    put(GOST_MEM.qin + GOST_MEM.elem, GY)
    const madd1 = (p: J | 'inf') => {
      setInf(p === 'inf' ? 1 : 0)
      if (p !== 'inf') putPoint(GOST_MEM.acc, p)
      ex.madd(GOST_MEM.acc, GOST_MEM.qin, GOST_MEM.qin + GOST_MEM.elem)
      return isInf() ? 'inf' : getAffine(GOST_MEM.acc)
    }
    expect(madd1(g5)).toEqual(toAffine(add(g5, g)))
    expect(madd1(g)).toEqual(toAffine(g2))
    expect(madd1([(GX * BigInt(4)) % P, (GY * BigInt(8)) % P, BigInt(2)])).toEqual(toAffine(g2)) // G with Z = 2
    expect(madd1(neg(g))).toBe('inf')
    expect(madd1('inf')).toEqual([GX, GY])
  })

  it('addj: P + Q, P + P (doubles), P + (−P) (infinity), ∞ + Q', () => {
    const addj1 = (p: J | 'inf', q: J) => {
      setInf(p === 'inf' ? 1 : 0)
      if (p !== 'inf') putPoint(GOST_MEM.acc, p)
      putPoint(GOST_MEM.twoq, q)
      ex.addj(GOST_MEM.acc, GOST_MEM.twoq)
      return isInf() ? 'inf' : getAffine(GOST_MEM.acc)
    }
    expect(addj1(g5, g3)).toEqual(toAffine(add(g5, g3)))
    expect(addj1(g3, g3)).toEqual(toAffine(dbl(g3)))
    expect(addj1(g3, neg(g3))).toBe('inf')
    expect(addj1('inf', g5)).toEqual(toAffine(g5))
  })
})

describe('k·G over the comb table in WebAssembly (the signer)', () => {
  /** Double-and-add on BigInt: slow, obviously right. */
  const slowMul = (k: bigint): J => {
    let acc: J = [ONE, ONE, ZERO]
    for (let i = 512; i >= 0; i--) {
      acc = dbl(acc)
      if ((k >> BigInt(i)) & ONE) acc = add(acc, [GX, GY, ONE])
    }
    return acc
  }
  it('equals double-and-add for edge and random scalars (odd, even → k + q, all digits negative or positive)', () => {
    const r = prng(0xc0b)
    const edge = [ONE, BigInt(2), BigInt(31), BigInt(32), Q - ONE, Q - BigInt(2), (ONE << BigInt(511)) + ONE, BigInt('0x' + '84'.repeat(64)) % Q, BigInt('0x' + 'fb'.repeat(63)) % Q]
    for (const k of [...edge, ...Array.from({ length: 12 }, () => (r.big(64) % (Q - ONE)) + ONE)]) {
      expect(toAffine(baseMul(k)), `k = ${k.toString(16)}`).toEqual(toAffine(slowMul(k)))
    }
  })
})

describe('wNAF recoding', () => {
  it('Σ d_i·2^i = k, digits odd and below 2^(w−1), w − 1 zeros after each (500 scalars, widths 5 and 8)', () => {
    const r = prng(0x4a7)
    const out = new Int8Array(520)
    const bad: string[] = []
    for (let i = 0; i < 500; i++) {
      const k = i === 0 ? Q - ONE : i === 1 ? ONE : i === 2 ? (ONE << BigInt(512)) - ONE : r.big(64)
      for (const w of [5, 8]) {
        const len = wnaf(k, w, out)
        let sum = ZERO
        let lastNonZero = -w
        for (let j = 0; j < out.length; j++) {
          const d = out[j]
          if (!d) continue
          const ok = j < len && Math.abs(d) % 2 === 1 && Math.abs(d) < 1 << (w - 1) && j - lastNonZero >= w
          if (!ok) bad.push(`k ${i}, w ${w}, digit ${j} = ${d}`)
          lastNonZero = j
          sum += BigInt(d) << BigInt(j)
        }
        if (sum !== k) bad.push(`k ${i}, w ${w}: the digits sum to another value`)
      }
    }
    expect(bad).toEqual([])
  })
})

describe('the verifier on an attacker’s inputs', () => {
  const data = new TextEncoder().encode('заявление')
  const le = (x: bigint) => bigIntToLe(x, 64)
  const sigOf = (r: bigint, s: bigint) => Uint8Array.from([...le(r), ...le(s)])

  it('keys G and −G (d = 1, d = q − 1): their signatures verify, a flipped bit does not', () => {
    for (const d of [ONE, Q - ONE, BigInt(2), BigInt(3)]) {
      const key = le(d)
      const point = gostPublicKey512(key)
      for (let i = 0; i < 10; i++) {
        const m = new TextEncoder().encode(`message ${i}`)
        const sig = gostSign512(key, m)
        expect(gostVerify512Kalkan(point, sig, m), `d ${d}, ${i}`).toBe(true)
        sig[i] ^= 1
        expect(gostVerify512(point, sig, m)).toBe(false)
      }
    }
  })

  it('r or s out of range (0, q, above q) and keys off the curve or outside the field are refused', () => {
    const key = le(BigInt(12345))
    const point = gostPublicKey512(key)
    const sig = gostSign512(key, data)
    expect(gostVerify512Kalkan(point, sig, data)).toBe(true)
    const r = BigInt('0x' + Buffer.from(sig.subarray(0, 64)).reverse().toString('hex'))
    const s = BigInt('0x' + Buffer.from(sig.subarray(64)).reverse().toString('hex'))
    for (const [rr, ss] of [[ZERO, s], [r, ZERO], [Q, s], [r, Q], [r + Q, s], [r, s + Q], [Q - ONE, s], [r, Q - ONE]]) {
      if (rr >= ONE << BigInt(512) || ss >= ONE << BigInt(512)) continue
      expect(gostVerify512(point, sigOf(rr, ss), data), `r ${rr === r}, s ${ss === s}`).toBe(false)
    }
    // off the curve: y with its low bit flipped; coordinates outside the field (p, p + 1); the point (0, 0)
    const yFlipped = Uint8Array.from(point)
    yFlipped[64] ^= 1
    expect(gostVerify512(yFlipped, sig, data)).toBe(false)
    for (const big of [P, P + ONE]) {
      expect(gostVerify512(Uint8Array.from([...le(big), ...point.subarray(64)]), sig, data)).toBe(false)
      expect(gostVerify512(Uint8Array.from([...point.subarray(0, 64), ...le(big)]), sig, data)).toBe(false)
    }
    expect(gostVerify512(new Uint8Array(128), sig, data)).toBe(false)
  })
})
