/**
 * The one bytes module (src-shared/bytes): base64 identical to Node's for every length, strict decoding that refuses
 * each non-canonical spelling Node would quietly accept, the schema check agreeing with the decoder on random
 * mutations, hex, SHA-256 (FIPS 180-4 vectors and Node's), and the one media-type/magic table.
 */
import { createHash, randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { base64ToBytes, bytesEqual, bytesToBase64, fromHex, isCanonicalBase64, sha256, sha256Hex, toHex } from '../../../src-shared/bytes'
import { fromBase64, pemToDer, toBase64 } from '../../../src-shared/crypto'
import { Base64 } from '../../../src-shared/gateway/api'
import { ATTACHMENT_MEDIA_TYPES, findMediaType, matchesMagic, MEDIA_MAGIC, PDF_HEADER_WINDOW } from '../../../src-shared/media'

describe('base64', () => {
  it('encodes and decodes exactly as Node for lengths 0..300 and 1 MB', () => {
    for (let n = 0; n <= 300; n++) {
      const b = new Uint8Array(randomBytes(n))
      const s = bytesToBase64(b)
      expect(s).toBe(Buffer.from(b).toString('base64'))
      expect(bytesEqual(base64ToBytes(s), b)).toBe(true)
      expect(isCanonicalBase64(s)).toBe(true)
    }
    const big = new Uint8Array(randomBytes(1 << 20))
    expect(bytesToBase64(big)).toBe(Buffer.from(big).toString('base64'))
  })

  it('refuses every non-canonical spelling (Node would decode each of them)', () => {
    for (const bad of ['QR==', 'QUJ=', 'QQ', 'QQ=', 'QQ===', 'Q===', 'QQ==QQ==', 'Q Q==', 'QQ==\n', 'QUJD\nREVG', '-_8=', 'QUJD!', 'QQ=A', '====', 'ÄÄÄÄ']) {
      expect(() => base64ToBytes(bad), bad).toThrow(TypeError)
      expect(isCanonicalBase64(bad), bad).toBe(false)
      expect(Base64.safeParse(bad).success, bad).toBe(false)
    }
    expect(base64ToBytes('QQ==')).toEqual(new Uint8Array([0x41]))
    expect(base64ToBytes('QUI=')).toEqual(new Uint8Array([0x41, 0x42]))
    expect(base64ToBytes('')).toEqual(new Uint8Array(0))
    // The crypto API's names are the same strict codec.
    expect(fromBase64).toBe(base64ToBytes)
    expect(toBase64).toBe(bytesToBase64)
  })

  it('the schema check and the decoder agree on 5,000 random mutations of valid text', () => {
    let seed = 7
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) >>> 0) % n)
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_ \n'
    for (let i = 0; i < 5000; i++) {
      const chars = [...Buffer.from(randomBytes(1 + rnd(8))).toString('base64')]
      const k = rnd(3)
      if (k === 0) chars[rnd(chars.length)] = alphabet[rnd(alphabet.length)]
      else if (k === 1) chars.splice(rnd(chars.length), 1)
      else chars.splice(rnd(chars.length + 1), 0, alphabet[rnd(alphabet.length)])
      const text = chars.join('')
      let decoded = true
      try {
        const b = base64ToBytes(text)
        expect(Buffer.from(b).toString('base64')).toBe(text) // canonical: re-encodes to the very same text
      } catch {
        decoded = false
      }
      expect(isCanonicalBase64(text), text).toBe(decoded)
    }
  })

  it('PEM bodies decode; a PEM with a mangled body is handed back for the DER parser to refuse', () => {
    const der = new Uint8Array(randomBytes(100))
    const body = Buffer.from(der).toString('base64').replace(/(.{64})/g, '$1\n')
    expect(pemToDer(new TextEncoder().encode(`-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`))).toEqual(der)
    const mangled = new TextEncoder().encode(`-----BEGIN CERTIFICATE-----\n${body.slice(0, -2)}!!\n-----END CERTIFICATE-----\n`)
    expect(pemToDer(mangled)).toBe(mangled)
  })
})

describe('hex and SHA-256', () => {
  it('hex round-trips in lower case and refuses odd or foreign input', () => {
    const b = new Uint8Array(randomBytes(64))
    expect(toHex(b)).toBe(Buffer.from(b).toString('hex'))
    expect(fromHex(toHex(b).toUpperCase())).toEqual(b)
    for (const bad of ['abc', 'zz', 'ab:cd', ' ab']) expect(() => fromHex(bad), bad).toThrow(TypeError)
  })

  it('SHA-256: FIPS 180-4 vectors, and Node’s digest for random sizes across block boundaries', () => {
    expect(sha256Hex(new Uint8Array(0))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
    expect(sha256Hex(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
    for (const n of [55, 56, 63, 64, 65, 1000, 100_000]) {
      const b = new Uint8Array(randomBytes(n))
      expect(toHex(sha256(b))).toBe(createHash('sha256').update(b).digest('hex'))
    }
  })
})

describe('media types and magic numbers (one table for the workstation and the gateway)', () => {
  const sample = (type: (typeof ATTACHMENT_MEDIA_TYPES)[number], i = 0) => new Uint8Array([...MEDIA_MAGIC[type][i], 1, 2, 3, 4])
  it('every type is recognised by its own signatures and by no other type', () => {
    for (const t of ATTACHMENT_MEDIA_TYPES) {
      for (let i = 0; i < MEDIA_MAGIC[t].length; i++) {
        expect(findMediaType(sample(t, i))).toBe(t)
        for (const other of ATTACHMENT_MEDIA_TYPES) expect(matchesMagic(other, sample(t, i))).toBe(other === t)
      }
    }
    expect(matchesMagic('application/x-msdownload', new Uint8Array([0x4d, 0x5a, 0x90, 0]))).toBe(false)
    expect(findMediaType(new Uint8Array([0x4d, 0x5a, 0x90, 0]))).toBeUndefined()
  })

  it('a PDF header after junk counts only where a scan is imported (window), never for the gateway', () => {
    const late = new Uint8Array([...new Uint8Array(100), ...MEDIA_MAGIC['application/pdf'][0]])
    expect(findMediaType(late)).toBeUndefined()
    expect(findMediaType(late, { pdfHeaderWindow: PDF_HEADER_WINDOW })).toBe('application/pdf')
    expect(matchesMagic('application/pdf', late)).toBe(false)
    const tooLate = new Uint8Array([...new Uint8Array(PDF_HEADER_WINDOW + 1), ...MEDIA_MAGIC['application/pdf'][0]])
    expect(findMediaType(tooLate, { pdfHeaderWindow: PDF_HEADER_WINDOW })).toBeUndefined()
  })
})
