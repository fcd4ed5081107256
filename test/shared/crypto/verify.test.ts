import { describe, expect, it } from 'vitest'
import { join } from 'node:path'
import {
  OID,
  checkCertificate,
  createTrustStore,
  decodeCertificate,
  isValidIinOrBin,
  parseCertificate,
  signCades,
  verifyCms,
  type CmsSigner,
} from '../../../src-shared/crypto'
import { keySigner } from '../../../src-main/services/crypto/signer'
import { DEMO, HAS_NCA, NCA_KEYS, demoCrl, demoKey, demoTrust, file, ncaCrl, ncaKey, ncaTrust } from '../../support/crypto-helpers'

const content = new TextEncoder().encode('{"v":1,"serviceId":"demo","form":{"a":"Қазақ тілі"}}\n')

async function sign(name: string, detached = true, signingTime?: Date): Promise<Uint8Array> {
  return signCades({ content, signer: keySigner(demoKey(name)), detached, signingTime })
}

describe('certificate facts (NCA DN layout)', () => {
  it('reads ФИО, ИИН, БИН, organisation, purposes and roles of the demo operator', () => {
    const f = demoKey('operator-sign').facts
    expect(f.fullName).toBe('АСАНОВА АЙГЕРИМ СЕРІКҚЫЗЫ')
    expect(f.iin).toBe('830717350867')
    expect(f.iinValid).toBe(true)
    expect(f.bin).toBe('961141000023')
    expect(f.binValid).toBe(true)
    expect(f.organization).toContain('Правительство для граждан')
    expect(f.purposes).toEqual(['SIGN'])
    expect(f.ncaRoles).toEqual(['legal-entity', 'employee'])
    expect(f.keyAlgorithm).toBe('RSA')
    expect(demoKey('operator-auth').facts.purposes).toEqual(['AUTH'])
    expect(f.issuer.commonName).toContain('DEMO')
  })

  it.skipIf(!HAS_NCA)('reads NCA GOST test certificates: test ИИН/БИН fail the check digit, roles from the EKU', () => {
    const head = ncaKey('legal/valid/head.p12').facts
    expect(head.keyAlgorithm).toBe('GOST-2015-512')
    expect(head.iin).toBe('123456789011')
    expect(head.iinValid).toBe(false)
    expect(head.bin).toBe('123456789021')
    expect(head.ncaRoles).toContain('head')
    expect(head.purposes).toEqual(['AUTH', 'SIGN'])
    expect(ncaKey('legal/valid/employee_signright.p12').facts.ncaRoles).toContain('sign-right')
    expect(ncaKey('individual/valid/individual_valid.p12').facts.ncaRoles).toEqual(['individual'])
  })

  it('ИИН/БИН check digit', () => {
    for (const ok of ['830717350867', '871008401427', '760212350620', '940140000385', '950341000052']) expect(isValidIinOrBin(ok)).toBe(true)
    for (const bad of ['830717350860', '123456789011', '000813159890', '12345']) expect(isValidIinOrBin(bad)).toBe(false)
  })

  it('parseCertificate accepts PEM and refuses garbage with CERT_CORRUPT', () => {
    expect(parseCertificate(file(join(DEMO, 'root.crt'))).isCa).toBe(true)
    expect(() => parseCertificate(new Uint8Array([0x30, 0x03, 0x02, 0x01]))).toThrow(expect.objectContaining({ code: 'CERT_CORRUPT' }))
  })
})

describe('CAdES-BES sign and verify (RSA, ECDSA)', () => {
  it('detached RSA signature passes with the demo trust store and CRL', async () => {
    const cms = await sign('operator-sign')
    const r = await verifyCms({ cms, content, trust: demoTrust(), crls: [demoCrl()] })
    expect(r.indication).toBe('PASSED')
    expect(r.detached).toBe(true)
    const s = r.signatures[0]
    expect(s.checks).toMatchObject({ signatureValue: true, messageDigest: true, contentType: true, signingCertificate: 'v2' })
    expect(s.checks.certificate?.revocation).toMatchObject({ status: 'good', source: 'crl' })
    expect(s.signer?.iin).toBe('830717350867')
    expect(s.testTrust).toBe(false)
    expect(r.testTrust).toBe(false)
  })

  it('attached ECDSA P-256 signature passes and returns the content', async () => {
    const cms = await sign(join(DEMO, 'variants', 'variant-ec-sign.p12'), false)
    const r = await verifyCms({ cms, trust: demoTrust() })
    expect(r.indication).toBe('PASSED')
    expect(r.signatures[0].signatureAlgorithm).toBe('ECDSA-SHA-256')
    expect(Buffer.from(r.content!).equals(Buffer.from(content))).toBe(true)
  })

  it('signed attributes are DER-sorted and carry the four CAdES-BES attributes', async () => {
    const cms = await sign('operator-sign')
    const pkijs = await import('pkijs')
    const ci = pkijs.ContentInfo.fromBER(cms.slice().buffer)
    const sd = new pkijs.SignedData({ schema: ci.content })
    const attrs = sd.signerInfos[0].signedAttrs!.attributes
    expect(attrs.map((a) => a.type).sort()).toEqual([OID.contentType, OID.messageDigest, OID.signingTime, OID.signingCertificateV2].sort())
    const encoded = attrs.map((a) => Buffer.from(a.toSchema().toBER()))
    const sorted = [...encoded].sort(Buffer.compare)
    expect(encoded).toEqual(sorted)
  })

  it('a changed byte of content → FAILED/HASH_FAILURE; missing detached content → CMS_CONTENT_MISSING', async () => {
    const cms = await sign('operator-sign')
    const changed = content.slice()
    changed[5] ^= 1
    const r = await verifyCms({ cms, content: changed, trust: demoTrust() })
    expect(r).toMatchObject({ indication: 'FAILED', subIndication: 'HASH_FAILURE', errorCode: 'SIGNATURE_INVALID' })
    await expect(verifyCms({ cms, trust: demoTrust() })).rejects.toMatchObject({ code: 'CMS_CONTENT_MISSING' })
  })

  it('a signature value that does not match → FAILED/SIG_CRYPTO_FAILURE', async () => {
    const op = demoKey('operator-sign')
    const inner = keySigner(op)
    const liar: CmsSigner = { ...inner, sign: async (tbs) => inner.sign(new Uint8Array([...tbs, 0])) }
    const cms = await signCades({ content, signer: liar })
    const r = await verifyCms({ cms, content, trust: demoTrust() })
    expect(r).toMatchObject({ indication: 'FAILED', subIndication: 'SIG_CRYPTO_FAILURE' })
  })

  it('a signing-certificate attribute naming another certificate → FAILED/SIG_CONSTRAINTS_FAILURE', async () => {
    const op = demoKey('operator-sign')
    // variant-revoked has the same key pair as operator-sign (the script reuses the key): sign naming it, then put the
    // operator's own certificate in the CMS — the signature value still verifies, the ESS certHash does not match.
    const other = demoKey(join(DEMO, 'variants', 'variant-revoked.p12'))
    const cms = await signCades({ content, signer: { ...keySigner(op), certificate: other.certificate } })
    const pkijs = await import('pkijs')
    const ci = pkijs.ContentInfo.fromBER(cms.slice().buffer)
    const sd = new pkijs.SignedData({ schema: ci.content })
    const real = decodeCertificate(op.certificate).cert
    sd.certificates = [real]
    const si = sd.signerInfos[0]
    si.sid = new pkijs.IssuerAndSerialNumber({ issuer: real.issuer, serialNumber: real.serialNumber })
    const tampered = new Uint8Array(new pkijs.ContentInfo({ contentType: OID.signedData, content: sd.toSchema(true) }).toSchema().toBER())
    const r = await verifyCms({ cms: tampered, content, trust: demoTrust() })
    expect(r.signatures[0].checks.signatureValue).toBe(true)
    expect(r).toMatchObject({ indication: 'FAILED', subIndication: 'SIG_CONSTRAINTS_FAILURE' })
  })
})

describe('certificate checks in verification', () => {
  const variant = (v: string) => join(DEMO, 'variants', `variant-${v}.p12`)

  it('revoked (demo CRL) → FAILED/REVOKED with CERT_REVOKED', async () => {
    const cms = await sign(variant('revoked'))
    const r = await verifyCms({ cms, content, trust: demoTrust(), crls: [demoCrl()] })
    expect(r).toMatchObject({ indication: 'FAILED', subIndication: 'REVOKED', errorCode: 'CERT_REVOKED' })
  })

  it('expired and not-yet-valid certificates are refused', async () => {
    const expired = await verifyCms({ cms: await sign(variant('expired')), content, trust: demoTrust(), crls: [demoCrl()] })
    expect(expired).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'OUT_OF_BOUNDS_NO_POE', errorCode: 'CERT_EXPIRED' })
    const notyet = await verifyCms({ cms: await sign(variant('notyet')), content, trust: demoTrust(), crls: [demoCrl()] })
    expect(notyet.errorCode).toBe('CERT_NOT_YET_VALID')
    expect(notyet.indication).not.toBe('PASSED')
  })

  it('bad ИИН check digit is refused in production mode; another person’s ИИН is refused as CERT_IIN_MISMATCH', async () => {
    const bad = await verifyCms({ cms: await sign(variant('bad-checksum')), content, trust: demoTrust() })
    expect(bad.errorCode).toBe('CERT_IIN_CHECKSUM')
    const wrong = await verifyCms({ cms: await sign(variant('wrong-iin')), content, trust: demoTrust(), expectedIin: '830717350867' })
    expect(wrong.errorCode).toBe('CERT_IIN_MISMATCH')
    const right = await verifyCms({ cms: await sign('operator-sign'), content, trust: demoTrust(), expectedIin: '830717350867', purpose: 'SIGN' })
    expect(right.indication).toBe('PASSED')
  })

  it('a key used for the wrong purpose is refused (AUTH key for signing)', async () => {
    const r = await verifyCms({ cms: await sign('operator-auth'), content, trust: demoTrust(), purpose: 'SIGN' })
    expect(r.errorCode).toBe('CERT_WRONG_PURPOSE')
  })

  it('an unknown CA → INDETERMINATE/NO_CERTIFICATE_CHAIN_FOUND; a CRL that is required but absent → TRY_LATER', async () => {
    const cms = await sign('operator-sign')
    const r = await verifyCms({ cms, content, trust: ncaTrust(true) })
    expect(r).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'NO_CERTIFICATE_CHAIN_FOUND', errorCode: 'CERT_UNTRUSTED' })
    const noCrl = await verifyCms({ cms, content, trust: demoTrust(), crls: HAS_NCA ? [ncaCrl()] : [] })
    if (HAS_NCA) expect(noCrl).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'TRY_LATER', errorCode: 'CERT_REVOCATION_UNKNOWN' })
  })

  it('checkCertificate before signing: purpose, ИИН of the signed-in user, revocation', async () => {
    const op = demoKey('operator-sign')
    const leaf = decodeCertificate(op.certificate)
    const { parseCrl } = await import('../../../src-shared/crypto')
    const ok = await checkCertificate(leaf, { trust: demoTrust(), crls: [parseCrl(demoCrl())], purpose: 'SIGN', expectedIin: '830717350867' })
    expect(ok).toMatchObject({ ok: true, validity: 'valid', purposeOk: true, iinMatches: true })
    expect(ok.chain.anchor).toBe('production')
    const no = await checkCertificate(leaf, { trust: demoTrust(), purpose: 'AUTH', expectedIin: '871008401427' })
    expect(no.ok).toBe(false)
    expect(no.errorCode).toBe('CERT_WRONG_PURPOSE')
  })
})

describe.skipIf(!HAS_NCA)('NCA GOST 34.10-2015-512 keys (test trust)', () => {
  // The NCA test CRL (thisUpdate 2026-08-11) also lists two keys of the "valid" folder — legal/valid/employee
  // (serial 130D7A4B…, revoked 2026-06-02) and legal/valid/infosystem (60954F23…, 2026-06-02): NCA revoked them after the
  // fixtures were published. So: every valid-folder key PASSES without revocation data, and with the CRL exactly those two fail.
  const REVOKED_SINCE_PUBLICATION = ['legal/valid/employee.p12', 'legal/valid/infosystem.p12']

  it('every valid NCA test key signs a CAdES that PASSES in test-trust mode, visibly marked', async () => {
    for (const rel of NCA_KEYS.valid) {
      const key = ncaKey(rel)
      const cms = await signCades({ content, signer: keySigner(key) })
      const r = await verifyCms({ cms, content, trust: ncaTrust(), testTrust: true })
      expect(r.indication, rel).toBe('PASSED')
      expect(r.testTrust).toBe(true)
      expect(r.signatures[0].signatureAlgorithm).toBe('GOST34.10-2015-512/STREEBOG-512')
      expect(r.signatures[0].checks.certificate?.chain.anchor).toBe('test')
      expect(r.signatures[0].checks.certificate?.revocation.status).toBe('not-checked')
      const withCrl = await verifyCms({ cms, content, trust: ncaTrust(), crls: [ncaCrl()], testTrust: true })
      if (REVOKED_SINCE_PUBLICATION.includes(rel)) expect(withCrl.errorCode, rel).toBe('CERT_REVOKED')
      else expect(withCrl.indication, rel).toBe('PASSED')
    }
  })

  it('without test trust the same signature is not trusted; with the NCA CA as production anchor the test ИИН fails', async () => {
    const key = ncaKey(NCA_KEYS.valid[0]) // individual_valid: not on the CRL
    const cms = await signCades({ content, signer: keySigner(key) })
    const r = await verifyCms({ cms, content, trust: ncaTrust(), crls: [ncaCrl()] })
    expect(r).toMatchObject({ indication: 'INDETERMINATE', errorCode: 'CERT_UNTRUSTED' })
    const prod = await verifyCms({ cms, content, trust: ncaTrust(true), crls: [ncaCrl()] })
    expect(prod.errorCode).toBe('CERT_IIN_CHECKSUM')
  })

  it('all six revoked NCA test keys are refused with the NCA test CRL', async () => {
    for (const rel of NCA_KEYS.revoked) {
      const key = ncaKey(rel)
      const cms = await signCades({ content, signer: keySigner(key) })
      const r = await verifyCms({ cms, content, trust: ncaTrust(), crls: [ncaCrl()], testTrust: true })
      expect(r, rel).toMatchObject({ indication: 'FAILED', subIndication: 'REVOKED', errorCode: 'CERT_REVOKED' })
      expect(r.signatures[0].checks.certificate?.revocation).toMatchObject({ status: 'revoked', source: 'crl' })
    }
  })
})

describe.skipIf(!HAS_NCA)('CMS made by KalkanCrypt (NCA SDK test vectors, 2020 RSA keys, base64 files)', () => {
  const base = '/work/shared/nca-test-pki/rsa-gost2004-2020'
  const caDir = '/work/shared/nca-test-pki/ca-test'
  const trust = () =>
    createTrustStore({
      test: [file(join(caDir, 'root_rsa_test.crt'))],
      intermediates: [file(join(caDir, 'nca_rsa_test.crt'))],
    })

  it('RSA signatures verify (value, digest, chain at 2020-06-01 in test trust); signingCertificateV2 absent is tolerated', async () => {
    for (const f of ['personal/active/RSA256_11c707bd54cbfcccb3815e39c4eb57b1dc7dfea9.cms', 'organization/active/AUTH_RSA256_d682726b55b3e62600ea8fe1c74e75fc96f47790.cms']) {
      const r = await verifyCms({ cms: file(join(base, f)), trust: trust(), testTrust: true, at: new Date('2020-06-01T00:00:00Z') })
      expect(r.indication, f).toBe('PASSED')
      expect(r.signatures[0].checks).toMatchObject({ signatureValue: true, messageDigest: true, signingCertificate: 'absent' })
      expect(r.signatures[0].signer?.iin).toBe('123456789011')
      expect(new TextDecoder().decode(r.content)).toBe('asdasd')
      const now = await verifyCms({ cms: file(join(base, f)), trust: trust(), testTrust: true })
      expect(now.indication).not.toBe('PASSED') // today both the leaf and its 2019–2024 intermediate have expired
      expect(now.signatures[0].checks.certificate?.validity).toBe('expired')
    }
  })

  it('a CRL issued after the certificate expired cannot answer for it → TRY_LATER; GOST-2004 is a coded INDETERMINATE', async () => {
    const f = join(base, 'personal/revoked/RSA256_346a7e57c2995259140b6fc375b6ff3bba7e852f.cms')
    const crl = file('/work/shared/nca-test-pki/ncanode-fixtures/crl/nca_rsa_test.crl')
    const r = await verifyCms({ cms: file(f), trust: trust(), testTrust: true, at: new Date('2020-06-01T00:00:00Z'), crls: [crl] })
    expect(r).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'TRY_LATER' })
    const g = await verifyCms({ cms: file(join(base, 'organization/active/GOSTKNCA_13a3741b52d7bf860aab199b56fad1f4652e357b.cms')), trust: trust(), testTrust: true })
    expect(g).toMatchObject({ indication: 'INDETERMINATE', errorCode: 'CRYPTO_UNSUPPORTED_ALGORITHM' })
  })
})
