/**
 * Our GOST R 34.10-2015-512 signer (src-shared/crypto/gost-sign.ts) held against OpenSSL's gost engine, our verifier
 * and the old pure-JS library, with all 12 NCA test keys. OpenSSL reads the NCA public point under the tc26 OIDs and
 * the signature in RFC 4491 order (our bytes reversed). The engine is loaded into this process (node:crypto over the
 * system libcrypto), so 1,000 verifications cost no process each; a few go through the `openssl` CLI as well.
 */
import { execFileSync } from 'node:child_process'
import { createPrivateKey, createPublicKey, sign as osslSign, verify as osslVerify, type KeyObject } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as asn1js from 'asn1js'
import { afterAll, describe, expect, it } from 'vitest'
import {
  decodeCertificate,
  gostPublicKey512,
  gostPublicKeyBytes,
  gostSign512,
  gostSignatureToRfc4491,
  gostVerify512,
  gostVerify512Kalkan,
  toArrayBuffer,
} from '../../../src-shared/crypto'
import { gostSign512Library, gostVerify512Library } from './gost-library'
import { HAS_NCA, NCA_KEYS, hasGostEngine, loadGostEngineInProcess, ncaKey, tc26Pkcs8Pem, tc26Spki } from '../../support/crypto-helpers'

const ENGINE = loadGostEngineInProcess()
const ALL_KEYS = [...NCA_KEYS.valid, ...NCA_KEYS.revoked]

function prng(seed: number) {
  let x = seed >>> 0 || 1
  const next = () => ((x ^= x << 13), (x ^= x >>> 17), (x ^= x << 5), x >>> 0)
  return { next, bytes: (n: number) => Uint8Array.from({ length: n }, () => next() & 255) }
}

interface Key {
  rel: string
  d: Uint8Array
  point: Uint8Array
  ossl?: KeyObject
}

function keys(): Key[] {
  return ALL_KEYS.map((rel) => {
    const k = ncaKey(rel)
    if (k.privateKey.kind !== 'gost') throw new Error(`${rel} is not GOST`)
    const point = gostPublicKeyBytes(decodeCertificate(k.certificate).cert.subjectPublicKeyInfo)
    const ossl = ENGINE ? createPublicKey({ key: Buffer.from(tc26Spki(point)), format: 'der', type: 'spki' }) : undefined
    return { rel, d: k.privateKey.d, point, ossl }
  })
}

const opensslVerifies = (key: Key, sig: Uint8Array, data: Uint8Array) => osslVerify('md_gost12_512', data, key.ossl!, gostSignatureToRfc4491(sig))

describe.skipIf(!HAS_NCA)('GOST-2015-512 signing with all 12 NCA test keys', () => {
  it('d·G of every key is the point in its certificate (what pairs a .p12 key with its certificate)', () => {
    for (const k of keys()) expect(Buffer.from(gostPublicKey512(k.d)).equals(Buffer.from(k.point)), k.rel).toBe(true)
    // …and a different key is not
    const [a, b] = keys()
    expect(Buffer.from(gostPublicKey512(a.d)).equals(Buffer.from(b.point))).toBe(false)
  })

  it('every key signs; our verifier and the library accept, and refuse a changed byte', () => {
    for (const k of keys()) {
      const data = new TextEncoder().encode(`заявление, подписанное ${k.rel}`)
      const sig = gostSign512(k.d, data)
      expect(sig).toHaveLength(128)
      expect(gostVerify512Kalkan(k.point, sig, data), k.rel).toBe(true)
      expect(gostVerify512Library(k.point, sig, data), k.rel).toBe(true)
      const bad = data.slice()
      bad[3] ^= 1
      expect(gostVerify512(k.point, sig, bad), k.rel).toBe(false)
      expect(gostVerify512Library(k.point, sig, bad), k.rel).toBe(false)
    }
  })

  it('the library’s signatures verify with ours (the byte order conventions agree both ways)', () => {
    for (const k of keys().slice(0, 4)) {
      const data = prng(k.rel.length).bytes(200)
      expect(gostVerify512(k.point, gostSign512Library(k.d, data), data), k.rel).toBe(true)
    }
  })

  it('k comes from the injected random source: the same bytes give the same signature, other bytes another', () => {
    const [k] = keys()
    const data = new TextEncoder().encode('one request')
    const fixed = (seed: number) => (b: Uint8Array) => b.set(prng(seed).bytes(b.length))
    const a = gostSign512(k.d, data, fixed(1))
    expect(Buffer.from(gostSign512(k.d, data, fixed(1))).equals(Buffer.from(a))).toBe(true)
    const b = gostSign512(k.d, data, fixed(2))
    expect(Buffer.from(b).equals(Buffer.from(a))).toBe(false)
    expect(gostVerify512(k.point, a, data) && gostVerify512(k.point, b, data)).toBe(true)
    // and two default signatures differ (a fresh k each time)
    expect(Buffer.from(gostSign512(k.d, data)).equals(Buffer.from(gostSign512(k.d, data)))).toBe(false)
  })

  it('refuses a key of the wrong size with a clear error', () => {
    expect(() => gostSign512(new Uint8Array(32), new Uint8Array(1))).toThrow(/64 bytes/)
    expect(() => gostPublicKey512(new Uint8Array(64))).toThrow(/zero/)
  })
})

describe('fresh keys (the verifier keeps no per-key state: every key is new to it)', () => {
  it('20 fresh keys: good signatures accepted, a changed s or another key’s signature refused', () => {
    const r = prng(0x7ab1e)
    const fresh = Array.from({ length: 20 }, () => {
      const d = r.bytes(64)
      return { d, point: gostPublicKey512(d) }
    })
    for (const [i, k] of fresh.entries()) {
      const data = r.bytes(50 + i)
      const sig = gostSign512(k.d, data)
      expect(gostVerify512(k.point, sig, data), `key ${i}`).toBe(true)
      const bad = sig.slice()
      bad[64 + (i % 64)] ^= 2
      expect(gostVerify512(k.point, bad, data), `key ${i}, changed s`).toBe(false)
      const other = fresh[(i + 1) % fresh.length]
      expect(gostVerify512(k.point, gostSign512(other.d, data), data), `key ${i}, other key`).toBe(false)
    }
  })
})

describe.skipIf(!HAS_NCA || !ENGINE)('our signatures checked by OpenSSL’s gost engine (in-process, tc26 OIDs, RFC 4491 order)', () => {
  it('1,200 random messages over the 12 NCA keys: OpenSSL and our verifier accept every one; the library a sample', () => {
    const ks = keys()
    const r = prng(0x6057)
    let checked = 0
    let libraryAnswers = 0
    for (let i = 0; i < 1200; i++) {
      const k = ks[i % ks.length]
      const data = r.bytes(i % 50 === 0 ? r.next() % 20000 : r.next() % 1500)
      const sig = gostSign512(k.d, data)
      expect(opensslVerifies(k, sig, data), `message ${i}, ${k.rel}`).toBe(true)
      expect(gostVerify512(k.point, sig, data), `message ${i}, ${k.rel}`).toBe(true)
      // the library's inverse has a branch that throws (null = no answer); it never says false to a good signature
      if (i % 40 === 0) {
        const lib = gostVerify512Library(k.point, sig, data)
        expect(lib, `message ${i}`).not.toBe(false)
        if (lib) libraryAnswers++
      }
      checked++
    }
    expect(checked).toBe(1200)
    expect(libraryAnswers).toBeGreaterThan(20)
  }, 300_000)

  it('1,000 OpenSSL signatures with the 12 NCA keys verify with ours; a flipped bit of data or signature is refused', () => {
    const ks = keys().map((k) => ({ ...k, osslPrivate: createPrivateKey(tc26Pkcs8Pem(k.d)) }))
    const r = prng(0x0551)
    for (let i = 0; i < 1000; i++) {
      const k = ks[i % ks.length]
      const data = r.bytes(r.next() % 1200)
      const sig = new Uint8Array(osslSign('md_gost12_512', data, k.osslPrivate)) // RFC 4491 order
      expect(gostVerify512(k.point, sig, data), `message ${i}, ${k.rel}`).toBe(true)
      if (i % 10 === 0) {
        const badSig = sig.slice()
        badSig[r.next() % 128] ^= 1 << r.next() % 8
        expect(gostVerify512(k.point, badSig, data), `message ${i}, flipped signature bit`).toBe(false)
        if (data.length) {
          const badData = data.slice()
          badData[r.next() % data.length] ^= 1 << r.next() % 8
          expect(gostVerify512(k.point, sig, badData), `message ${i}, flipped data bit`).toBe(false)
        }
      }
    }
  }, 120_000)

  it('OpenSSL refuses our signature once a bit of data, r or s changes (the check can fail)', () => {
    const [k] = keys()
    const r = prng(99)
    for (let i = 0; i < 30; i++) {
      const data = r.bytes(100 + i)
      const sig = gostSign512(k.d, data)
      const d2 = data.slice()
      d2[i] ^= 1
      expect(opensslVerifies(k, sig, d2)).toBe(false)
      const s2 = sig.slice()
      s2[(i * 37) % 128] ^= 0x40
      expect(opensslVerifies(k, s2, data)).toBe(false)
      expect(gostVerify512(k.point, s2, data)).toBe(false)
    }
  })

  it('OpenSSL’s own signatures (a key it generates) verify with ours, and fail with a changed byte', () => {
    // node:crypto cannot generate engine keys; the openssl CLI can, and node:crypto then signs with it in-process
    const dir = mkdtempSync(join(tmpdir(), 'arm-gostkey-'))
    let privateKey: KeyObject
    try {
      execFileSync('openssl', ['genpkey', '-engine', 'gost', '-algorithm', 'gost2012_512', '-pkeyopt', 'paramset:A', '-out', join(dir, 'k.pem')], { stdio: 'pipe' })
      privateKey = createPrivateKey(readFileSync(join(dir, 'k.pem')))
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
    const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' })
    const bits = asn1js.fromBER(toArrayBuffer(spki)).result as asn1js.Sequence
    const inner = asn1js.fromBER((bits.valueBlock.value[1] as asn1js.BitString).valueBlock.valueHexView.slice().buffer).result as asn1js.OctetString
    const point = new Uint8Array(inner.valueBlock.valueHexView)
    const r = prng(5)
    for (let i = 0; i < 50; i++) {
      const data = r.bytes(r.next() % 3000)
      const sig = new Uint8Array(osslSign('md_gost12_512', data, privateKey))
      expect(gostVerify512(point, sig, data), `message ${i}`).toBe(true)
      const bad = sig.slice()
      bad[i] ^= 1
      expect(gostVerify512(point, bad, data)).toBe(false)
    }
  })
})

describe.skipIf(!HAS_NCA || !hasGostEngine())('our signatures checked by the `openssl dgst -verify` CLI (a separate process)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'arm-gostsign-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  it('each NCA key, one message', () => {
    for (const [i, k] of keys().entries()) {
      const data = prng(i + 1).bytes(1000 + i)
      const sig = gostSign512(k.d, data)
      writeFileSync(join(dir, 'pub.der'), tc26Spki(k.point))
      execFileSync('openssl', ['pkey', '-engine', 'gost', '-pubin', '-inform', 'DER', '-in', join(dir, 'pub.der'), '-out', join(dir, 'pub.pem')], { stdio: 'pipe' })
      writeFileSync(join(dir, 'sig'), gostSignatureToRfc4491(sig))
      writeFileSync(join(dir, 'data'), data)
      const out = execFileSync('openssl', ['dgst', '-engine', 'gost', '-md_gost12_512', '-verify', join(dir, 'pub.pem'), '-signature', join(dir, 'sig'), join(dir, 'data')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
      expect(out, k.rel).toContain('Verified OK')
    }
  })
})
