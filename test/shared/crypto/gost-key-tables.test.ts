/**
 * The GOST verifier's per-key fixed-base tables when more keys take turns than tables are kept (a gateway with more
 * desks than 16): the busiest keys keep theirs, no table is rebuilt on every verification, and every answer stays
 * right. Its own file, so the verifier's table state starts empty.
 */
import { describe, expect, it } from 'vitest'
import { gostPublicKey512, gostSign512, gostVerify512 } from '../../../src-shared/crypto'
import { keyTableStats } from '../../../src-shared/crypto/gost-verify'

function prng(seed: number) {
  let x = seed >>> 0 || 1
  const next = () => ((x ^= x << 13), (x ^= x >>> 17), (x ^= x << 5), x >>> 0)
  return (n: number) => Uint8Array.from({ length: n }, () => next() & 255)
}

describe('per-key verification tables under more keys than tables', () => {
  it('24 keys taking turns: 16 tables built once and kept, a busier key displaces one, wrong signatures refused', () => {
    const bytes = prng(0x7ab2e)
    const keys = Array.from({ length: 24 }, () => {
      const d = bytes(64)
      const data = bytes(40)
      return { point: gostPublicKey512(d), data, sig: gostSign512(d, data) }
    })
    const turn = () => {
      for (const k of keys) expect(gostVerify512(k.point, k.sig, k.data)).toBe(true)
    }
    turn()
    expect(keyTableStats()).toEqual({ held: 0, built: 0 }) // a key seen once gets no table
    turn()
    expect(keyTableStats()).toEqual({ held: 16, built: 16 })
    // two more turns: by recency alone the 8 keys without a table would each evict one and build their own, every turn
    turn()
    turn()
    expect(keyTableStats()).toEqual({ held: 16, built: 16 })
    // a key used more than the others gets a table in place of a less used one
    const busy = keys[23]
    for (let i = 0; i < 4; i++) expect(gostVerify512(busy.point, busy.sig, busy.data)).toBe(true)
    expect(keyTableStats()).toEqual({ held: 16, built: 17 })
    const changed = busy.sig.slice()
    changed[70] ^= 1
    expect(gostVerify512(busy.point, changed, busy.data)).toBe(false)
    expect(gostVerify512(keys[0].point, busy.sig, busy.data)).toBe(false)
  }, 120_000)
})
