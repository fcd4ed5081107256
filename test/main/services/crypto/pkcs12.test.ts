import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openPkcs12 } from '../../../../src-main/services/crypto/pkcs12'
import { DEMO, HAS_NCA, NCA, NCA_KEYS, PASSWORD, file } from '../../../support/crypto-helpers'

const dir = mkdtempSync(join(tmpdir(), 'arm-p12-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** OpenSSL's own description of the file's encryption (printed on stderr). */
function asn1Dump(path: string, legacy = false): string {
  const r = spawnSync('openssl', ['pkcs12', '-info', '-noout', ...(legacy ? ['-legacy'] : []), '-in', path, '-passin', `pass:${PASSWORD}`], { encoding: 'utf8' })
  return `${r.stdout}${r.stderr}`
}

describe('PKCS#12 keystore', () => {
  const cases: Array<[string, string, string, boolean]> = [
    ['PBES2/AES-256 (OpenSSL 3 default)', join(DEMO, 'operator-sign.p12'), 'RSA-SHA256', false],
    ['legacy: 3DES key bag + RC2-40 cert bag, MAC sha1 (as NCA issues)', join(DEMO, 'legacy', 'operator-sign.p12'), 'RSA-SHA256', true],
    ['3DES for both bags', join(DEMO, 'legacy', 'operator-sign-3des.p12'), 'RSA-SHA256', true],
    ['EC P-256, PBES2', join(DEMO, 'variants', 'variant-ec-sign.p12'), 'ECDSA-SHA256', false],
    ['EC P-256, legacy', join(DEMO, 'variants', 'variant-ec-sign-legacy.p12'), 'ECDSA-SHA256', true],
  ]
  for (const [label, path, algorithm, legacy] of cases) {
    it(`${label}: opens with the password, pairs key and certificate; a wrong password is P12_BAD_PASSWORD`, () => {
      // The fixture really uses the scheme named (checked with OpenSSL, not assumed).
      const info = asn1Dump(path, legacy)
      if (label.startsWith('legacy')) expect(info).toMatch(/pbeWithSHA1And40BitRC2-CBC[\s\S]*pbeWithSHA1And3-KeyTripleDES-CBC|pbeWithSHA1And3-KeyTripleDES-CBC[\s\S]*pbeWithSHA1And40BitRC2-CBC/)
      if (label.startsWith('PBES2')) expect(info).toContain('PBES2')
      const [entry] = openPkcs12(file(path), PASSWORD)
      expect(entry.algorithm).toBe(algorithm)
      expect(entry.facts.iin).toBe('830717350867')
      expect(entry.chain.length).toBe(1) // the intermediate travels in the file
      expect(() => openPkcs12(file(path), 'Qwerty13')).toThrow(expect.objectContaining({ code: 'P12_BAD_PASSWORD' }))
    })
  }

  it.skipIf(!HAS_NCA)('all twelve NCA GOST-2015 test keys open (GOST key bag with NCA OIDs, legacy PBEs)', () => {
    for (const rel of [...NCA_KEYS.valid, ...NCA_KEYS.revoked]) {
      const [entry] = openPkcs12(file(join(NCA, rel)), PASSWORD)
      expect(entry.algorithm, rel).toBe('GOST-2015-512')
      expect(entry.privateKey.kind).toBe('gost')
      expect(entry.facts.bin ?? entry.facts.iin).toBeTruthy()
    }
  })

  it('truncated, empty and non-PKCS#12 input is P12_CORRUPT', () => {
    const good = file(join(DEMO, 'operator-sign.p12'))
    for (const bad of [good.subarray(0, 100), good.subarray(0, good.length - 1), new Uint8Array(), new TextEncoder().encode('not a key'), file(join(DEMO, 'root.crt'))]) {
      expect(() => openPkcs12(bad, PASSWORD)).toThrow(expect.objectContaining({ code: expect.stringMatching(/^P12_(CORRUPT|BAD_PASSWORD)$/) }))
    }
    expect(() => openPkcs12(good.subarray(0, 100), PASSWORD)).toThrow(expect.objectContaining({ code: 'P12_CORRUPT' }))
  })

  it('an unsupported key algorithm (EC P-384) is CRYPTO_UNSUPPORTED_ALGORITHM; a file without a key is P12_NO_KEY', () => {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-384', '-nodes', '-subj', '/CN=p384', '-days', '1', '-keyout', join(dir, 'k.pem'), '-out', join(dir, 'c.pem')], { stdio: 'pipe' })
    execFileSync('openssl', ['pkcs12', '-export', '-inkey', join(dir, 'k.pem'), '-in', join(dir, 'c.pem'), '-passout', `pass:${PASSWORD}`, '-out', join(dir, 'p384.p12')])
    expect(() => openPkcs12(new Uint8Array(readFileSync(join(dir, 'p384.p12'))), PASSWORD)).toThrow(expect.objectContaining({ code: 'CRYPTO_UNSUPPORTED_ALGORITHM' }))
    execFileSync('openssl', ['pkcs12', '-export', '-nokeys', '-in', join(dir, 'c.pem'), '-passout', `pass:${PASSWORD}`, '-out', join(dir, 'certonly.p12')])
    expect(() => openPkcs12(new Uint8Array(readFileSync(join(dir, 'certonly.p12'))), PASSWORD)).toThrow(expect.objectContaining({ code: 'P12_NO_KEY' }))
  })

  it('a key that does not match its certificate is KEY_CERT_MISMATCH', () => {
    execFileSync('openssl', ['pkcs12', '-in', join(DEMO, 'operator-auth.p12'), '-passin', `pass:${PASSWORD}`, '-nokeys', '-clcerts', '-out', join(dir, 'auth.pem')])
    execFileSync('openssl', ['pkcs12', '-in', join(DEMO, 'operator-sign.p12'), '-passin', `pass:${PASSWORD}`, '-nocerts', '-nodes', '-out', join(dir, 'signkey.pem')])
    // -nocerts + -certfile: OpenSSL packs the SIGN key with the AUTH certificate without checking the pair.
    execFileSync('openssl', ['x509', '-in', join(dir, 'auth.pem'), '-out', join(dir, 'auth.crt')])
    const mixed = join(dir, 'mixed.p12')
    try {
      execFileSync('openssl', ['pkcs12', '-export', '-inkey', join(dir, 'signkey.pem'), '-certfile', join(dir, 'auth.crt'), '-nocerts', '-passout', `pass:${PASSWORD}`, '-out', mixed], { stdio: 'pipe' })
    } catch {
      return // this OpenSSL refuses to build the file; nothing to check
    }
    expect(() => openPkcs12(new Uint8Array(readFileSync(mixed)), PASSWORD)).toThrow(expect.objectContaining({ code: 'KEY_CERT_MISMATCH' }))
  })
})
