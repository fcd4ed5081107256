/**
 * Our Streebog (src-shared/crypto/streebog.ts: the WebAssembly core and the pure-JS core) against OpenSSL's gost
 * engine, the RFC 6986 / GOST R 34.11-2012 test vectors and the old pure-JS library as a second oracle.
 * OpenSSL is asked once for all 1,200 random inputs: `openssl dgst -r` hashes every file named on its command line.
 */
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { Streebog, fromHex, reverseBytes, streebog256, streebog512, streebogEngine, toHex } from '../../../src-shared/crypto'
import { libraryStreebog } from './gost-library'
import { hasGostEngine, loadGostEngineInProcess } from '../../support/crypto-helpers'

/** Deterministic pseudo-random bytes (xorshift32), so a failure reproduces. */
function prng(seed: number) {
  let x = seed >>> 0 || 1
  const next = () => ((x ^= x << 13), (x ^= x >>> 17), (x ^= x << 5), x >>> 0)
  return { next, bytes: (n: number) => Uint8Array.from({ length: n }, () => next() & 255) }
}

/** Lengths around every block boundary that matters, then random ones up to 9 KB. */
function inputs(count: number, seed: number): Uint8Array[] {
  const r = prng(seed)
  const fixed = [0, 1, 2, 31, 32, 55, 56, 63, 64, 65, 127, 128, 129, 191, 192, 193, 255, 256, 257, 511, 512, 513, 1000, 1023, 1024, 1025, 4095, 4096, 4097]
  return Array.from({ length: count }, (_, i) => r.bytes(i < fixed.length ? fixed[i] : r.next() % (i % 10 === 0 ? 9000 : 700)))
}

const engines = ['wasm', 'js'] as const
const ours = (engine: 'wasm' | 'js', data: Uint8Array, bits: 512 | 256 = 512) => new Streebog(bits, { engine }).update(data).digest()

describe('Streebog: the standard test vectors (RFC 6986 §10, printed there as big-endian numbers)', () => {
  // M1: the 63 ASCII digits; M2: 72 bytes given in the standard as a big-endian number (so reversed here).
  const m1 = new TextEncoder().encode('012345678901234567890123456789012345678901234567890123456789012')
  const m2 = reverseBytes(fromHex('fbe2e5f0eee3c820fbeafaebef20fffbf0e1e0f0f520e0ed20e8ece0ebe5f0f2f120fff0eeec20f120faf2fee5e2202ce8f6f3ede220e8e6eee1e8f0f2d1202ce8f0f2e5e220e5d1'))
  const vectors: Array<[string, Uint8Array, 512 | 256, string]> = [
    ['M1, 512', m1, 512, '486f64c1917879417fef082b3381a4e211c324f074654c38823a7b76f830ad00fa1fbae42b1285c0352f227524bc9ab16254288dd6863dccd5b9f54a1ad0541b'],
    ['M1, 256', m1, 256, '00557be5e584fd52a449b16b0251d05d27f94ab76cbaa6da890b59d8ef1e159d'],
    ['M2, 512', m2, 512, '28fbc9bada033b1460642bdcddb90c3fb3e56c497ccd0f62b8a2ad4935e85f037613966de4ee00531ae60f3b5a47f8dae06915d5f2f194996fcabf2622e6881e'],
    ['M2, 256', m2, 256, '508f7e553c06501d749a66fc28c6cac0b005746d97537fa85d9e40904efed29d'],
  ]
  for (const engine of engines) {
    for (const [label, m, bits, expected] of vectors) {
      it(`${label} (${engine} core)`, () => {
        expect(toHex(reverseBytes(ours(engine, m, bits)))).toBe(expected)
      })
    }
  }

  it('runs on the WebAssembly core in Node (the JS core is the fallback, tested above and below)', () => {
    expect(streebogEngine()).toBe('wasm')
  })
})

describe.skipIf(!hasGostEngine())('Streebog against OpenSSL’s gost engine (openssl dgst -md_gost12_512 / _256)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'arm-streebog-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  /** One openssl process for all files: "hex *path" lines in order. */
  function opensslDigests(files: string[], md: string): string[] {
    const out = execFileSync('openssl', ['dgst', '-engine', 'gost', `-${md}`, '-r', ...files], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    })
    return out.trim().split('\n').map((line) => line.split(' ')[0])
  }

  it('1,200 random inputs of varied length: both cores, one-shot and fed in uneven pieces, equal OpenSSL (512 and 256)', () => {
    const data = inputs(1200, 0x51ee)
    const files = data.map((d, i) => {
      const f = join(dir, `m${i}`)
      writeFileSync(f, d)
      return f
    })
    const ossl512 = opensslDigests(files, 'md_gost12_512')
    const ossl256 = opensslDigests(files.slice(0, 300), 'md_gost12_256')
    expect(ossl512).toHaveLength(1200)
    let compared = 0
    data.forEach((d, i) => {
      expect(toHex(streebog512(d)), `input ${i} (${d.length} bytes)`).toBe(ossl512[i])
      expect(toHex(ours('js', d)), `input ${i} (${d.length} bytes), JS core`).toBe(ossl512[i])
      // streaming: pieces of 1…97 bytes, so the 64-byte buffer is entered and left at every offset
      const s = new Streebog(512, { engine: i % 2 ? 'js' : 'wasm' })
      for (let at = 0, step = 1; at < d.length; at += step, step = (step * 7 + 3) % 97 || 1) s.update(d.subarray(at, at + step))
      expect(toHex(s.digest()), `input ${i} streamed`).toBe(ossl512[i])
      if (i < 300) expect(toHex(streebog256(d)), `input ${i}, 256`).toBe(ossl256[i])
      compared++
    })
    expect(compared).toBe(1200)
  }, 120_000)

  it('a 3 MB input (past the WebAssembly input window) in one piece and in 100,003-byte pieces', () => {
    const big = prng(7).bytes(3 * 1024 * 1024 + 17)
    const f = join(dir, 'big')
    writeFileSync(f, big)
    const [expected] = opensslDigests([f], 'md_gost12_512')
    expect(toHex(streebog512(big))).toBe(expected)
    const s = new Streebog(512)
    for (let at = 0; at < big.length; at += 100_003) s.update(big.subarray(at, at + 100_003))
    expect(toHex(s.digest())).toBe(expected)
  })

  it('a changed byte changes the digest (the comparison can fail)', () => {
    const d = prng(9).bytes(500)
    const e = d.slice()
    e[250] ^= 0x10
    expect(toHex(streebog512(e))).not.toBe(toHex(streebog512(d)))
  })
})

describe('Streebog against the old pure-JS library (a second, independent oracle)', () => {
  it('300 random inputs, 512 and 256', () => {
    for (const [i, d] of inputs(300, 0xbeef).entries()) {
      expect(toHex(streebog512(d)), `input ${i}`).toBe(toHex(libraryStreebog(d)))
      if (i % 3 === 0) expect(toHex(streebog256(d)), `input ${i}, 256`).toBe(toHex(libraryStreebog(d, 256)))
    }
  })
})

describe.skipIf(!loadGostEngineInProcess())('Streebog against the gost engine loaded into this process', () => {
  it('node:crypto md_gost12_512 (the engine’s C code) agrees on 500 more inputs', () => {
    for (const [i, d] of inputs(500, 0xc0de).entries()) expect(toHex(streebog512(d)), `input ${i}`).toBe(createHash('md_gost12_512').update(d).digest('hex'))
  })
})

describe('Streebog API', () => {
  it('refuses update after digest and a second digest', () => {
    const s = new Streebog(512)
    s.update(new Uint8Array(3)).digest()
    expect(() => s.update(new Uint8Array(1))).toThrow()
    expect(() => s.digest()).toThrow()
  })
})
