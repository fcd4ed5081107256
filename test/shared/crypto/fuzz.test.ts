/**
 * Fuzz: ≥2,000 mutations of .p12 files and CMS signatures. Every one must end in a result or a coded ArmError —
 * never a crash, a raw exception or a hang. The PRNG is seeded so a failure can be replayed (FUZZ_SEED).
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { signCades, verifyCms } from '../../../src-shared/crypto'
import { ArmError } from '../../../src-shared/errors'
import { openPkcs12 } from '../../../src-main/services/crypto/pkcs12'
import { keySigner } from '../../../src-main/services/crypto/signer'
import { DEMO, HAS_NCA, PASSWORD, demoKey, demoTrust, ncaKey, ncaTrust } from '../../support/crypto-helpers'

const SEED = Number(process.env.FUZZ_SEED ?? 20261122)
function prng(seed: number) {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function mutate(input: Uint8Array, rnd: () => number): Uint8Array {
  const b = input.slice()
  const pos = Math.floor(rnd() * b.length)
  switch (Math.floor(rnd() * 6)) {
    case 0: // flip one bit
      b[pos] ^= 1 << Math.floor(rnd() * 8)
      return b
    case 1: // random byte
      b[pos] = Math.floor(rnd() * 256)
      return b
    case 2: // truncate
      return b.subarray(0, pos)
    case 3: { // insert a byte
      const out = new Uint8Array(b.length + 1)
      out.set(b.subarray(0, pos))
      out[pos] = Math.floor(rnd() * 256)
      out.set(b.subarray(pos), pos + 1)
      return out
    }
    case 4: { // delete a run
      const len = Math.min(1 + Math.floor(rnd() * 16), b.length - pos)
      const out = new Uint8Array(b.length - len)
      out.set(b.subarray(0, pos))
      out.set(b.subarray(pos + len).subarray(0, out.length - pos), pos)
      return out
    }
    default: { // length byte of a TLV near pos → 0x80 (indefinite) or 0xff
      b[pos] = rnd() < 0.5 ? 0x80 : 0xff
      return b
    }
  }
}

const P12_CODES = new Set(['P12_CORRUPT', 'P12_BAD_PASSWORD', 'P12_NO_KEY', 'P12_UNSUPPORTED_ENCRYPTION', 'CRYPTO_UNSUPPORTED_ALGORITHM', 'KEY_CERT_MISMATCH', 'CERT_CORRUPT'])
const CMS_CODES = new Set(['CMS_CORRUPT', 'CMS_CONTENT_MISSING', 'CERT_CORRUPT', 'CRYPTO_UNSUPPORTED_ALGORITHM'])

const dir = mkdtempSync(join(tmpdir(), 'arm-fuzz-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Re-exports the demo key with 1 KDF/MAC iteration so a mutation costs microseconds, not 50 ms. */
function cheapP12(legacy: boolean): Uint8Array {
  const src = join(DEMO, 'operator-sign.p12')
  const pem = join(dir, 'key.pem')
  execFileSync('openssl', ['pkcs12', '-in', src, '-passin', `pass:${PASSWORD}`, '-nodes', '-out', pem])
  const out = join(dir, legacy ? 'legacy.p12' : 'aes.p12')
  execFileSync('openssl', ['pkcs12', '-export', ...(legacy ? ['-legacy'] : []), '-noiter', '-nomaciter', '-in', pem, '-passout', `pass:${PASSWORD}`, '-out', out])
  return new Uint8Array(readFileSync(out))
}

describe('fuzz', () => {
  const counts: Record<string, { total: number; ok: number; codes: Record<string, number> }> = {}
  const tally = (kind: string, outcome: string) => {
    const c = (counts[kind] ??= { total: 0, ok: 0, codes: {} })
    c.total++
    if (outcome === 'ok') c.ok++
    else c.codes[outcome] = (c.codes[outcome] ?? 0) + 1
  }
  afterAll(() => {
    const total = Object.values(counts).reduce((n, c) => n + c.total, 0)
    console.log(`fuzz seed ${SEED}: ${total} mutations`, JSON.stringify(counts))
  })

  for (const legacy of [false, true]) {
    it(`.p12 (${legacy ? 'legacy 3DES/RC2' : 'PBES2/AES'}): 700 mutations → a key or a coded error`, () => {
      const base = cheapP12(legacy)
      expect(openPkcs12(base, PASSWORD)[0].facts.iin).toBe('830717350867')
      const rnd = prng(SEED + (legacy ? 1 : 0))
      for (let i = 0; i < 700; i++) {
        const m = mutate(base, rnd)
        try {
          openPkcs12(m, PASSWORD)
          tally(`p12-${legacy ? 'legacy' : 'aes'}`, 'ok')
        } catch (err) {
          if (!(err instanceof ArmError) || !P12_CODES.has(err.code)) throw new Error(`mutation ${i}: ${err instanceof ArmError ? err.code : String(err)}`, { cause: err })
          tally(`p12-${legacy ? 'legacy' : 'aes'}`, err.code)
        }
      }
    })
  }

  it('CMS (RSA attached and detached): 800 mutations → a report or a coded error; never PASSED for changed signed bytes', async () => {
    const content = new TextEncoder().encode('fuzzed content')
    const signer = keySigner(demoKey('operator-sign'))
    const bases = [await signCades({ content, signer, detached: false }), await signCades({ content, signer })]
    const rnd = prng(SEED + 2)
    for (let i = 0; i < 800; i++) {
      const base = bases[i % 2]
      const m = mutate(base, rnd)
      try {
        const r = await verifyCms({ cms: m, content: i % 2 ? content : undefined, trust: demoTrust() })
        // A mutation may hit bytes nobody signs (e.g. the carried intermediate, which the store also has); then the
        // signed content must still be exactly the original.
        if (r.indication === 'PASSED' && !r.detached) expect(Buffer.from(r.content!).equals(Buffer.from(content))).toBe(true)
        tally('cms-rsa', r.indication === 'PASSED' ? 'ok' : `${r.indication}`)
      } catch (err) {
        if (!(err instanceof ArmError) || !CMS_CODES.has(err.code)) throw new Error(`mutation ${i}: ${err instanceof ArmError ? err.code : String(err)}`, { cause: err })
        tally('cms-rsa', err.code)
      }
    }
  })

  it.skipIf(!HAS_NCA)('CMS (NCA GOST attached): 100 mutations', async () => {
    const content = new TextEncoder().encode('fuzzed GOST content')
    const base = await signCades({ content, signer: keySigner(ncaKey('legal/valid/head.p12')), detached: false })
    const rnd = prng(SEED + 3)
    for (let i = 0; i < 100; i++) {
      try {
        const r = await verifyCms({ cms: mutate(base, rnd), trust: ncaTrust(), testTrust: true })
        tally('cms-gost', r.indication === 'PASSED' ? 'ok' : r.indication)
      } catch (err) {
        if (!(err instanceof ArmError) || !CMS_CODES.has(err.code)) throw new Error(`mutation ${i}: ${err instanceof ArmError ? err.code : String(err)}`, { cause: err })
        tally('cms-gost', err.code)
      }
    }
  }, 120_000)
})
