/** GOST-2015-512: our BigInt verifier against the pure-JS library (independent), on NCA keys and the NCA CA's own signatures. */
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { decodeCertificate, gostPublicKeyBytes, gostSign512, gostVerify512, gostVerify512Kalkan, reverseBytes, streebog512, toHex } from '../../../src-shared/crypto'
import { gostVerify512Library } from './gost-library'
import { HAS_NCA, NCA, NCA_KEYS, file, ncaKey } from '../../support/crypto-helpers'

describe('Streebog-512', () => {
  it('matches the GOST R 34.11-2012 test vector M1', () => {
    // M1 = "012345678901234567890123456789012345678901234567890123456789012" (63 bytes); digest as the standard prints it, reversed.
    const m1 = new TextEncoder().encode('012345678901234567890123456789012345678901234567890123456789012')
    expect(toHex(reverseBytes(streebog512(m1)))).toBe(
      '486f64c1917879417fef082b3381a4e211c324f074654c38823a7b76f830ad00fa1fbae42b1285c0352f227524bc9ab16254288dd6863dccd5b9f54a1ad0541b',
    )
  })
})

describe.skipIf(!HAS_NCA)('GOST 34.10-2015-512 with NCA keys', () => {
  it('the NCA test CA’s certificate signatures verify with both implementations', () => {
    const ca = decodeCertificate(file(join(NCA, 'nca_gost2022_test.cer')))
    const root = decodeCertificate(file(join(NCA, 'root_test_gost_2022.cer')))
    for (const rel of NCA_KEYS.valid) {
      const leaf = decodeCertificate(ncaKey(rel).certificate).cert
      const args = [gostPublicKeyBytes(ca.cert.subjectPublicKeyInfo), new Uint8Array(leaf.signatureValue.valueBlock.valueHexView), new Uint8Array(leaf.tbsView)] as const
      expect(gostVerify512(...args), rel).toBe(true)
      expect(gostVerify512Library(...args), rel).toBe(true)
    }
    const caArgs = [gostPublicKeyBytes(root.cert.subjectPublicKeyInfo), new Uint8Array(ca.cert.signatureValue.valueBlock.valueHexView), new Uint8Array(ca.cert.tbsView)] as const
    expect(gostVerify512(...caArgs)).toBe(true)
    expect(gostVerify512Library(...caArgs)).toBe(true)
  })

  it('our signatures verify with the independent implementation; a changed byte fails in both', () => {
    for (const rel of NCA_KEYS.valid.slice(0, 3)) {
      const key = ncaKey(rel)
      if (key.privateKey.kind !== 'gost') throw new Error('not GOST')
      const pub = gostPublicKeyBytes(decodeCertificate(key.certificate).cert.subjectPublicKeyInfo)
      const data = new TextEncoder().encode(`document signed by ${rel}`)
      const sig = gostSign512(key.privateKey.d, data)
      expect(gostVerify512(pub, sig, data)).toBe(true)
      expect(gostVerify512Library(pub, sig, data)).toBe(true)
      const bad = data.slice()
      bad[0] ^= 1
      expect(gostVerify512(pub, sig, bad)).toBe(false)
      expect(gostVerify512Library(pub, sig, bad)).toBe(false)
    }
  })

  it('ours and the library agree on every mutation of signature, key and data (and ours never throws)', () => {
    const key = ncaKey(NCA_KEYS.valid[0])
    if (key.privateKey.kind !== 'gost') throw new Error('not GOST')
    const pub = gostPublicKeyBytes(decodeCertificate(key.certificate).cert.subjectPublicKeyInfo)
    const data = new TextEncoder().encode('the envelope bytes')
    const sig = gostSign512(key.privateKey.d, data)
    // Deterministic pseudo-random positions (xorshift), so a failure reproduces.
    let seed = 0x2545f491
    const next = () => ((seed ^= seed << 13), (seed ^= seed >>> 17), (seed ^= seed << 5), seed >>> 0)
    let compared = 0
    for (let i = 0; i < 60; i++) {
      const [s2, p2, d2] = [sig.slice(), pub.slice(), data.slice()]
      const target = [s2, p2, d2][i % 3]
      target[next() % target.length] ^= 1 << next() % 8
      const ours = gostVerify512Kalkan(p2, s2, d2)
      const theirs = gostVerify512Library(p2, s2, d2)
      expect(ours).toBe(false)
      if (theirs !== null) {
        expect(theirs).toBe(ours)
        compared++
      }
    }
    // Values out of range are refused, not thrown on: r = 0, s ≥ q, a key off the curve.
    expect(gostVerify512Kalkan(pub, new Uint8Array(128), data)).toBe(false)
    expect(gostVerify512Kalkan(pub, new Uint8Array(128).fill(0xff), data)).toBe(false)
    expect(gostVerify512Kalkan(new Uint8Array(128).fill(1), sig, data)).toBe(false)
    expect(compared).toBeGreaterThan(40)
  }, 120_000) // the library's verify is slow; on a shared machine this can pass 30 s
})
