/**
 * VerificationCache must make repeated verifications cheaper WITHOUT weakening them: every test first warms the cache
 * with a verification that passes, then shows that what changed (the CRL, the signature bytes, the time) is still
 * noticed. A throw-away CA is made with OpenSSL so that a second CRL can revoke a certificate the first one did not.
 */
import { execFileSync } from 'node:child_process'
import { createPrivateKey, sign as nodeSign } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkCertificate, createTrustStore, decodeCertificate, LruMap, signCades, verifyCms, VerificationCache, type CmsSigner, type TrustStore } from '../../../src-shared/crypto'
import { keySigner } from '../../../src-main/services/crypto/signer'
import { DEMO, demoCrl, demoKey, demoTrust } from '../../support/crypto-helpers'

const content = new TextEncoder().encode('{"v":1,"serviceId":"demo","form":{"a":"Қазақ тілі"}}\n')

/** A one-level CA (anchor) with one signing leaf, and two CRLs: before and after the leaf is revoked. */
interface MiniCa {
  trust: TrustStore
  signer: CmsSigner
  crlGood: Uint8Array
  crlRevoked: Uint8Array
}

function makeMiniCa(dir: string): MiniCa {
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' })
  writeFileSync(
    join(dir, 'ca.cnf'),
    [
      '[ ca ]', 'default_ca = mini', '[ mini ]', `dir = ${dir}`, 'database = $dir/index.txt', 'new_certs_dir = $dir', 'serial = $dir/serial',
      'crlnumber = $dir/crlnumber', 'default_md = sha256', 'policy = any', 'preserve = yes', 'default_crl_days = 30', '[ any ]', 'commonName = supplied',
      '[ req ]', 'distinguished_name = dn', '[ dn ]', '[ v3_ca ]', 'basicConstraints = critical,CA:TRUE', 'keyUsage = critical,keyCertSign,cRLSign',
      'subjectKeyIdentifier = hash', '[ v3_sign ]', 'basicConstraints = CA:FALSE', 'keyUsage = critical,nonRepudiation,digitalSignature',
      'authorityKeyIdentifier = keyid', '',
    ].join('\n'),
  )
  writeFileSync(join(dir, 'index.txt'), '')
  writeFileSync(join(dir, 'serial'), '2000\n')
  writeFileSync(join(dir, 'crlnumber'), '01\n')
  run('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-subj', '/CN=Cache test CA/C=KZ', '-days', '30', '-config', 'ca.cnf', '-extensions', 'v3_ca')
  run('req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'leaf.key', '-out', 'leaf.csr', '-subj', '/CN=CACHE TEST/serialNumber=IIN830717350867/C=KZ', '-config', 'ca.cnf')
  run('ca', '-batch', '-config', 'ca.cnf', '-cert', 'ca.crt', '-keyfile', 'ca.key', '-in', 'leaf.csr', '-out', 'leaf.crt', '-days', '10', '-extensions', 'v3_sign', '-notext')
  run('ca', '-config', 'ca.cnf', '-cert', 'ca.crt', '-keyfile', 'ca.key', '-gencrl', '-out', 'good.crl')
  run('ca', '-config', 'ca.cnf', '-cert', 'ca.crt', '-keyfile', 'ca.key', '-revoke', 'leaf.crt', '-crl_reason', 'keyCompromise')
  // The revocation date is "now" to the second; the CRL is made a second later so that it covers verification time.
  run('ca', '-config', 'ca.cnf', '-cert', 'ca.crt', '-keyfile', 'ca.key', '-gencrl', '-out', 'revoked.crl')
  const der = (f: string) => new Uint8Array(execFileSync('openssl', ['crl', '-in', f, '-outform', 'DER'], { cwd: dir }))
  const key = createPrivateKey(readFileSync(join(dir, 'leaf.key')))
  const pem = (f: string) => new Uint8Array(readFileSync(join(dir, f)))
  return {
    trust: createTrustStore({ production: [pem('ca.crt')] }),
    signer: { certificate: decodeCertificate(pem('leaf.crt')).der, algorithm: 'RSA-SHA256', sign: async (tbs) => new Uint8Array(nodeSign('sha256', tbs, key)) },
    crlGood: der('good.crl'),
    crlRevoked: der('revoked.crl'),
  }
}

describe('VerificationCache keeps every check', () => {
  let dir: string
  let ca: MiniCa
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'arm-cache-ca-'))
    ca = makeMiniCa(dir)
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('reuses parsed certificates, chain links and CRLs between envelopes of the same signer', async () => {
    const cache = new VerificationCache()
    const trust = demoTrust()
    const crls = [demoCrl()]
    const signer = keySigner(demoKey('operator-sign'))
    for (let i = 0; i < 3; i++) {
      const body = new TextEncoder().encode(`envelope ${i}`)
      const cms = await signCades({ content: body, signer })
      const r = await verifyCms({ cms, content: body, trust, crls, cache })
      expect(r.indication).toBe('PASSED')
      expect(r.signatures[0].checks).toMatchObject({ signatureValue: true, messageDigest: true, signingCertificate: 'v2' })
    }
    expect(cache.stats.certificateHits).toBeGreaterThan(0)
    expect(cache.stats.linkHits).toBeGreaterThan(0)
    expect(cache.stats.crlHits).toBeGreaterThan(0)
    // The same answers as without a cache.
    const cms = await signCades({ content, signer })
    const cached = await verifyCms({ cms, content, trust, crls, cache })
    const plain = await verifyCms({ cms, content, trust, crls })
    expect(cached).toEqual(plain)
  })

  it('a certificate revoked by a NEW CRL is refused right after a cached good verification', async () => {
    const cache = new VerificationCache()
    const cms = await signCades({ content, signer: ca.signer })
    const before = await verifyCms({ cms, content, trust: ca.trust, crls: [ca.crlGood], cache })
    expect(before.indication).toBe('PASSED')
    expect(before.signatures[0].checks.certificate?.revocation).toMatchObject({ status: 'good', source: 'crl' })
    // Same CMS, same cache, the CA has published a CRL listing the certificate.
    const after = await verifyCms({ cms, content, trust: ca.trust, crls: [ca.crlRevoked], cache, at: new Date(Date.now() + 2000) })
    expect(after).toMatchObject({ indication: 'FAILED', subIndication: 'REVOKED', errorCode: 'CERT_REVOKED' })
    // And checkCertificate with the same cache agrees.
    const leaf = decodeCertificate(ca.signer.certificate)
    const { parseCrl } = await import('../../../src-shared/crypto')
    const check = await checkCertificate(leaf, { trust: ca.trust, crls: [parseCrl(ca.crlRevoked)], cache, at: new Date(Date.now() + 2000) })
    expect(check).toMatchObject({ ok: false, errorCode: 'CERT_REVOKED' })
  })

  it('a revoked demo certificate stays refused however often it was looked at; a good one stays good', async () => {
    const cache = new VerificationCache()
    const revoked = keySigner(demoKey(join(DEMO, 'variants', 'variant-revoked.p12')))
    const good = keySigner(demoKey('operator-sign'))
    for (let i = 0; i < 2; i++) {
      const bad = await verifyCms({ cms: await signCades({ content, signer: revoked }), content, trust: demoTrust(), crls: [demoCrl()], cache })
      expect(bad).toMatchObject({ indication: 'FAILED', errorCode: 'CERT_REVOKED' })
      const ok = await verifyCms({ cms: await signCades({ content, signer: good }), content, trust: demoTrust(), crls: [demoCrl()], cache })
      expect(ok.indication).toBe('PASSED')
    }
  })

  it('a tampered signature value of a cached signer is refused; so is changed content', async () => {
    const cache = new VerificationCache()
    const trust = demoTrust()
    const signer = keySigner(demoKey('operator-sign'))
    const cms = await signCades({ content, signer })
    expect((await verifyCms({ cms, content, trust, crls: [demoCrl()], cache })).indication).toBe('PASSED')
    // The signature OCTET STRING is the last field of the last SignerInfo: its last byte is the CMS's last byte.
    const tampered = cms.slice()
    tampered[tampered.length - 1] ^= 0x01
    const r = await verifyCms({ cms: tampered, content, trust, crls: [demoCrl()], cache })
    expect(r).toMatchObject({ indication: 'FAILED', subIndication: 'SIG_CRYPTO_FAILURE', errorCode: 'SIGNATURE_INVALID' })
    expect(r.signatures[0].checks.signatureValue).toBe(false)
    const changed = content.slice()
    changed[3] ^= 0x20
    expect(await verifyCms({ cms, content: changed, trust, crls: [demoCrl()], cache })).toMatchObject({ indication: 'FAILED', subIndication: 'HASH_FAILURE' })
    // A signature made by another key over the same attributes is refused too (the link cache is not a signer cache).
    const liar: CmsSigner = { ...signer, sign: async (tbs) => signer.sign(new Uint8Array([...tbs, 0])) }
    expect(await verifyCms({ cms: await signCades({ content, signer: liar }), content, trust, cache })).toMatchObject({ indication: 'FAILED', subIndication: 'SIG_CRYPTO_FAILURE' })
    // The untampered CMS still passes afterwards: nothing bad was cached either.
    expect((await verifyCms({ cms, content, trust, crls: [demoCrl()], cache })).indication).toBe('PASSED')
  })

  it('a certificate expired at signing time is refused after cached good verifications; so is one expired at `at`', async () => {
    const cache = new VerificationCache()
    const trust = demoTrust()
    const op = demoKey('operator-sign')
    const signer = keySigner(op)
    expect((await verifyCms({ cms: await signCades({ content, signer }), content, trust, crls: [demoCrl()], cache })).indication).toBe('PASSED')
    const notAfter = new Date(op.facts.notAfter)
    const late = await signCades({ content, signer, signingTime: new Date(notAfter.getTime() + 86_400_000) })
    expect(await verifyCms({ cms: late, content, trust, crls: [demoCrl()], cache })).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'OUT_OF_BOUNDS_NO_POE', errorCode: 'CERT_EXPIRED' })
    const cms = await signCades({ content, signer })
    const atLater = await verifyCms({ cms, content, trust, cache, at: new Date(notAfter.getTime() + 86_400_000) })
    expect(atLater.indication).not.toBe('PASSED')
    expect(atLater.signatures[0].checks.certificate?.validity).toBe('expired')
    const expired = keySigner(demoKey(join(DEMO, 'variants', 'variant-expired.p12')))
    expect(await verifyCms({ cms: await signCades({ content, signer: expired }), content, trust, crls: [demoCrl()], cache })).toMatchObject({ errorCode: 'CERT_EXPIRED' })
  })

  it('another trust store clears the cache: a chain trusted before is untrusted with a store that lacks its root', async () => {
    const cache = new VerificationCache()
    const signer = keySigner(demoKey('operator-sign'))
    const cms = await signCades({ content, signer })
    expect((await verifyCms({ cms, content, trust: demoTrust(), cache })).indication).toBe('PASSED')
    const empty = createTrustStore({})
    expect(await verifyCms({ cms, content, trust: empty, cache })).toMatchObject({ indication: 'INDETERMINATE', errorCode: 'CERT_UNTRUSTED' })
  })

  it('OCSP answers are reused only for the TTL', async () => {
    let clock = 1_000_000
    const cache = new VerificationCache({ revocationTtlMs: 1000, now: () => clock })
    const signer = keySigner(demoKey('operator-sign'))
    let asked = 0
    let answer: 'good' | 'revoked' = 'good'
    const revocation = async () => {
      asked++
      return answer === 'good' ? { status: 'good' as const, source: 'ocsp' as const } : { status: 'revoked' as const, source: 'ocsp' as const, revokedAt: new Date(0).toISOString() }
    }
    const trust = demoTrust()
    const cms = await signCades({ content, signer })
    expect((await verifyCms({ cms, content, trust, revocation, cache })).indication).toBe('PASSED')
    expect((await verifyCms({ cms, content, trust, revocation, cache })).indication).toBe('PASSED')
    expect(asked).toBe(1)
    answer = 'revoked'
    clock += 500
    expect((await verifyCms({ cms, content, trust, revocation, cache })).indication).toBe('PASSED') // within the TTL
    clock += 501
    expect(await verifyCms({ cms, content, trust, revocation, cache })).toMatchObject({ indication: 'FAILED', errorCode: 'CERT_REVOKED' })
    expect(asked).toBe(2)
    // Another trust store object forgets cached answers at once.
    answer = 'good'
    expect((await verifyCms({ cms, content, trust: demoTrust(), revocation, cache })).indication).toBe('PASSED')
    expect(asked).toBe(3)
  })

  it('a BER (indefinite-length) CMS is read by pkijs instead and gives the same report as its DER form', async () => {
    const signer = keySigner(demoKey('operator-sign'))
    const cms = await signCades({ content, signer, detached: false })
    const header = cms[1] & 0x80 ? 2 + (cms[1] & 0x7f) : 2
    const ber = new Uint8Array([0x30, 0x80, ...cms.subarray(header), 0x00, 0x00])
    const cache = new VerificationCache()
    const fromDer = await verifyCms({ cms, trust: demoTrust(), crls: [demoCrl()], cache })
    const fromBer = await verifyCms({ cms: ber, trust: demoTrust(), crls: [demoCrl()], cache })
    expect(fromDer.indication).toBe('PASSED')
    expect(fromBer).toEqual(fromDer)
    // Changed attached content is caught on either path.
    const i = Buffer.from(ber).indexOf(Buffer.from(content.subarray(0, 16)))
    const tampered = ber.slice()
    tampered[i + 2] ^= 0x01
    expect(await verifyCms({ cms: tampered, trust: demoTrust(), cache })).toMatchObject({ indication: 'FAILED', subIndication: 'HASH_FAILURE' })
  })

  it('a corrupt certificate inside the CMS is still CMS_CORRUPT; the caches are bounded', async () => {
    const cache = new VerificationCache({ maxCertificates: 2 })
    const signer = keySigner(demoKey('operator-sign'))
    const cms = await signCades({ content, signer })
    const certDer = demoKey('operator-sign').certificate
    const at = Buffer.from(cms).indexOf(Buffer.from(certDer.subarray(0, 64)))
    expect(at).toBeGreaterThan(0)
    const broken = cms.slice()
    broken[at + 4] = 0x05 // the TBSCertificate SEQUENCE tag becomes NULL
    await expect(verifyCms({ cms: broken, content, trust: demoTrust(), cache })).rejects.toMatchObject({ code: 'CMS_CORRUPT' })
    for (const name of ['operator-sign', 'specialist-sign', 'supervisor-sign']) {
      await verifyCms({ cms: await signCades({ content, signer: keySigner(demoKey(name)) }), content, trust: demoTrust(), cache })
    }
    const lru = new LruMap<string, number>(2)
    lru.set('a', 1)
    lru.set('b', 2)
    lru.get('a')
    lru.set('c', 3)
    expect([lru.get('a'), lru.get('b'), lru.get('c'), lru.size]).toEqual([1, undefined, 3, 2])
  })
})
