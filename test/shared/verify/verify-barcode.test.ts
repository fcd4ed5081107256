/**
 * The signed barcode (src-shared/verify): round trip, offline verification against the demo НУЦ, and a fuzzed parser —
 * garbage, truncated, reordered, bit-flipped, another document's part — each a coded verdict, never a crash.
 */
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ServiceCatalog } from '../../../src-shared/catalog'
import { signCades, type CmsSigner } from '../../../src-shared/crypto'
import { ArmError } from '../../../src-shared/errors'
import { renderResultPdf } from '../../../src-shared/print'
import { decisionBytes, defaultTemplate, sampleDocument, type DecisionDocument } from '../../../src-shared/results'
import { base45Decode, base45Encode, encodeSignedBarcode, maskHolderName, parseSignedBarcode, trustedCheck, verifyBarcode, verifyTyped } from '../../../src-shared/verify'
import { compactCms } from '../../../src-shared/verify/compact-cms'
import { scanQrCodes } from '../../../src-shared/verify/qr-scan'
import { keySigner } from '../../../src-main/services/crypto/signer'
import { DEMO, demoKey, demoTrust, file } from '../../support/crypto-helpers'

const catalog = new ServiceCatalog()
const signer = (name: string): CmsSigner => keySigner(demoKey(name))
const crl = file(join(DEMO, 'intermediate.crl'))

function docOf(serviceId: string, number = '20261207-000154'): DecisionDocument {
  const service = catalog.find(serviceId)!
  return { ...sampleDocument(service, defaultTemplate(service, 'result')!), registrationNumber: number }
}

async function signed(doc: DecisionDocument, key = 'specialist-sign') {
  const bytes = decisionBytes(doc)
  const cms = await signCades({ content: bytes, signer: signer(key) })
  return { bytes, cms, parts: encodeSignedBarcode({ registrationNumber: doc.registrationNumber, document: bytes, signature: cms }) }
}

function code(f: () => unknown): string | undefined {
  try {
    f()
  } catch (err) {
    if (err instanceof ArmError) return err.code
    throw err
  }
  return undefined
}

describe('base45', () => {
  it('round-trips every length and refuses foreign text', () => {
    for (let n = 0; n < 40; n++) {
      const b = Uint8Array.from({ length: n }, (_, i) => (i * 97 + n) & 0xff)
      expect(base45Decode(base45Encode(b))).toEqual(b)
    }
    expect(base45Encode(new TextEncoder().encode('AB'))).toBe('BB8') // RFC 9285 §4.3
    expect(base45Decode('GGW')).toBeUndefined() // 65535 < value
    expect(base45Decode('abc')).toBeUndefined()
    expect(base45Decode('A')).toBeUndefined()
  })
})

describe('signed barcode', () => {
  it('carries number, hash, document and the signer-only CMS in self-describing parts, read in any order', async () => {
    const doc = docOf('realty.rights-certificate')
    const { bytes, cms, parts } = await signed(doc)
    expect(parts.length).toBeGreaterThan(1)
    expect(parts.length).toBeLessThanOrEqual(5)
    for (const [i, p] of parts.entries()) expect(p).toMatch(new RegExp(`^ARM1:${i + 1}/${parts.length}:[0-9A-F]{8}:[0-9A-Z $%*+\\-./:]+$`))
    const b = parseSignedBarcode([...parts].reverse().concat(parts[0], 'https://example.org/other-qr'))
    expect(b.registrationNumber).toBe(doc.registrationNumber)
    expect(b.document).toEqual(bytes)
    // The intermediate travels in the signature but not in the barcode: verifiers hold it.
    expect(b.signature.length).toBeLessThan(cms.length)
    expect(b.signature).toEqual(compactCms(cms))
  })

  it('verifies offline against the demo НУЦ: PASSED with signer, chain and CRL evidence', async () => {
    const { parts } = await signed(docOf('realty.rights-certificate'))
    const v = await verifyBarcode(parts, { check: trustedCheck({ trust: demoTrust(), crls: [crl] }) })
    expect(v.verdict).toBe('valid')
    expect(v.indication).toBe('PASSED')
    expect(v.document?.holder).toMatch(/^\S\*{3,} /)
    const s = v.signatures[0]
    expect(s.signer?.name).toMatch(/БЕКОВ/)
    expect(s.chain.length).toBe(3)
    expect(s.chainStatus).toBe('trusted')
    expect(s.revocation).toMatchObject({ status: 'good', source: 'crl' })
    expect(v.warnings).toContain('NO_TIMESTAMP')
    expect(v.warnings).toContain('OFFLINE_ONLY')
  })

  it('works offline on the desk: an unreachable gateway leaves the offline verdict with a warning; an online objection wins', async () => {
    const { parts } = await signed(docOf('realty.rights-certificate'))
    const check = trustedCheck({ trust: demoTrust(), crls: [crl] })
    const down = await verifyBarcode(parts, { check, online: async () => { throw new ArmError('GATEWAY_UNREACHABLE') } })
    expect(down).toMatchObject({ verdict: 'valid', online: { error: 'GATEWAY_UNREACHABLE' } })
    expect(down.warnings).toContain('ONLINE_UNREACHABLE')
    const revokedSince = await verifyBarcode(parts, { check, online: async (n) => ({ status: 'revoked', registrationNumber: n, checkedAt: new Date().toISOString() }) })
    expect(revokedSince).toMatchObject({ verdict: 'revoked', subIndication: 'REVOKED' })
    const notRegistered = await verifyBarcode(parts, { check, online: async (n) => ({ status: 'unknown', registrationNumber: n, checkedAt: new Date().toISOString() }) })
    expect(notRegistered).toMatchObject({ verdict: 'unknown', indication: 'FAILED', errorCode: 'VERIFY_DOCUMENT_UNKNOWN' })
  })

  it('a revoked signer is REVOKED, another number under a real signature is tampered', async () => {
    const revoked = await signed(docOf('realty.rights-certificate'), 'variants/variant-revoked.p12'.replace('variants/', join(DEMO, 'variants') + '/'))
    const r = await verifyBarcode(revoked.parts, { check: trustedCheck({ trust: demoTrust(), crls: [crl] }) })
    expect(r.verdict).toBe('revoked')
    expect(r.subIndication).toBe('REVOKED')

    // A genuine document and signature, re-packed under another unique number.
    const doc = docOf('realty.rights-certificate')
    const { bytes, cms } = await signed(doc)
    const forged = encodeSignedBarcode({ registrationNumber: '20261207-000155', document: bytes, signature: cms })
    const f = await verifyBarcode(forged, { check: trustedCheck({ trust: demoTrust(), crls: [crl] }) })
    expect(f).toMatchObject({ verdict: 'tampered', errorCode: 'BARCODE_NUMBER_MISMATCH' })

    // A signature over another document carried with this one.
    const other = await signed(docOf('realty.rights-certificate', '20261207-000999'))
    const swapped = encodeSignedBarcode({ registrationNumber: doc.registrationNumber, document: bytes, signature: other.cms })
    const s = await verifyBarcode(swapped, { check: trustedCheck({ trust: demoTrust(), crls: [crl] }) })
    expect(s).toMatchObject({ verdict: 'tampered', indication: 'FAILED', subIndication: 'HASH_FAILURE' })
  })

  it('fuzz: garbage, truncation, reordering, bit flips and foreign parts are coded verdicts, never a crash', async () => {
    const a = await signed(docOf('realty.rights-certificate'))
    const b = await signed(docOf('land.cadastral-info', '20261207-000777'))
    const cases: Array<[string[], string[]]> = [
      [[], ['BARCODE_FOREIGN']],
      [['hello', '{"u":"1"}'], ['BARCODE_FOREIGN']],
      [a.parts.slice(1), ['BARCODE_PART_MISSING']],
      [[a.parts[0], ...b.parts.slice(1)], ['BARCODE_MIXED']],
      [[a.parts[0].slice(0, 40)], ['BARCODE_PART_MISSING', 'BARCODE_CORRUPT']],
      [['ARM1:1/1:00000000:'], ['BARCODE_CORRUPT']],
      [['ARM1:3/2:00000000:AB'], ['BARCODE_CORRUPT']],
      [['ARM1:1/1:00000000:abc'], ['BARCODE_CORRUPT']],
    ]
    for (const [texts, codes] of cases) expect(codes).toContain(code(() => parseSignedBarcode(texts)))

    // Random bit flips in the payload, truncations and junk: only coded errors, and never a PASSED verdict.
    let seed = 17
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed % n)
    const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:'
    const seen = new Set<string>()
    for (let i = 0; i < 300; i++) {
      const parts = [...a.parts]
      const k = rnd(parts.length)
      const p = parts[k]
      const head = p.indexOf(':', p.indexOf(':', 5) + 1) + 1
      const at = head + rnd(p.length - head)
      const mode = i % 3
      parts[k] = mode === 0 ? p.slice(0, at) + alphabet[rnd(45)] + p.slice(at + 1) : mode === 1 ? p.slice(0, at) : p.slice(0, at) + alphabet[rnd(45)].repeat(rnd(9) + 1) + p.slice(at)
      if (parts[k] === p) continue
      const c = code(() => parseSignedBarcode(parts))
      if (c) {
        seen.add(c)
        continue
      }
      // A change the deflate stream tolerates still cannot pass: the hash or the signature fails.
      const v = await verifyBarcode(parts, { check: trustedCheck({ trust: demoTrust(), crls: [crl] }) })
      expect(v.verdict).not.toBe('valid')
    }
    expect([...seen].every((c) => ['BARCODE_CORRUPT', 'BARCODE_HASH_MISMATCH', 'BARCODE_MIXED'].includes(c))).toBe(true)
    expect(seen.has('BARCODE_CORRUPT')).toBe(true)
    // Random junk in the right frame.
    for (let i = 0; i < 200; i++) {
      const junk = Array.from({ length: rnd(300) + 1 }, () => alphabet[rnd(45)]).join('')
      expect(['BARCODE_CORRUPT', 'BARCODE_MIXED']).toContain(code(() => parseSignedBarcode([`ARM1:1/1:ABCDEF01:${junk}`])))
    }
    // A decompression bomb in a valid frame is refused, not inflated.
    const { deflateSync } = await import('fflate')
    const bomb = base45Encode(deflateSync(new Uint8Array(4 * 1024 * 1024)))
    expect(code(() => parseSignedBarcode([`ARM1:1/1:ABCDEF01:${bomb}`]))).toBe('BARCODE_CORRUPT')
  })

  it('typed fields are checked online only; a bad hash is refused before asking', async () => {
    const asked: string[] = []
    const online = async (n: string, h: string) => (asked.push(n), { status: h.startsWith('0') ? ('tampered' as const) : ('valid' as const), registrationNumber: n, checkedAt: new Date().toISOString() })
    expect(await verifyTyped({ registrationNumber: 'X', sha256: '12' }, online)).toMatchObject({ errorCode: 'VERIFY_INPUT_INVALID' })
    expect(asked).toEqual([])
    expect(await verifyTyped({ registrationNumber: 'X', sha256: 'a'.repeat(64) }, online)).toMatchObject({ verdict: 'valid', indication: 'PASSED' })
    expect(await verifyTyped({ registrationNumber: 'X', sha256: '0'.repeat(64) }, online)).toMatchObject({ verdict: 'tampered', indication: 'FAILED' })
    expect(await verifyTyped({ registrationNumber: 'X', sha256: 'a'.repeat(64) }, async () => { throw new ArmError('GW_UNAVAILABLE') })).toMatchObject({ verdict: 'indeterminate', warnings: expect.arrayContaining(['ONLINE_UNREACHABLE']) })
  })

  it('masks the holder', () => {
    expect(maskHolderName('Ахметова Айгерим Серікқызы')).toBe('А******* А. С.')
    expect(maskHolderName('Ли')).toBe('Л***')
  })
})

describe('printed and read back', () => {
  const dir = mkdtempSync(join(tmpdir(), 'arm-verify-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('the PDF carries the signed barcode; pdftoppm at 200 dpi and jsQR read every part back', async () => {
    const doc = docOf('realty.rights-certificate')
    const { bytes, cms, parts } = await signed(doc)
    const pdf = await renderResultPdf({ doc, lang: 'ru', verdict: { status: 'verified' }, fonts: { regular: file('resources/fonts/DejaVuSans.ttf') }, catalog, signedBytes: bytes, signature: cms })
    const path = join(dir, 'r.pdf')
    writeFileSync(path, pdf)
    execFileSync('pdftoppm', ['-r', '200', '-gray', '-singlefile', path, join(dir, 'r')])
    const pgm = readFileSync(join(dir, 'r.pgm'))
    const m = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.toString('latin1', 0, 40))!
    const [w, h] = [Number(m[1]), Number(m[2])]
    const rgba = new Uint8ClampedArray(w * h * 4)
    for (let i = 0; i < w * h; i++) {
      rgba.fill(pgm[m[0].length + i], i * 4, i * 4 + 3)
      rgba[i * 4 + 3] = 255
    }
    const texts = scanQrCodes({ data: rgba, width: w, height: h })
    expect(texts.sort()).toEqual([...parts].sort())
    expect(execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' })).toContain(`SHA-256: ${createHash('sha256').update(bytes).digest('hex')}`)
  })
})
