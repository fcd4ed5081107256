/** OCSP client against OpenSSL's own responder (`openssl ocsp -index … -reqin … -respout …` behind the http port). */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { decodeCertificate, parseOcspResponse, signCades, verifyCms } from '../../../../src-shared/crypto'
import { OcspClient, type HttpPort } from '../../../../src-main/services/crypto/ocsp-client'
import { keySigner } from '../../../../src-main/services/crypto/signer'
import { DEMO, demoKey, demoTrust, file } from '../../../support/crypto-helpers'

const NCANODE = '/work/shared/nca-test-pki/ncanode-fixtures'
const dir = mkdtempSync(join(tmpdir(), 'arm-ocsp-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const stamp = (iso: string) => iso.replace(/[-:T]/g, '').slice(2, 14) + 'Z'
const operator = demoKey('operator-sign')
const revoked = demoKey(join(DEMO, 'variants', 'variant-revoked.p12'))
const line = (status: 'V' | 'R', facts: typeof operator.facts, revokedAt = '') =>
  [status, stamp(facts.notAfter), revokedAt ? `${revokedAt},keyCompromise` : '', facts.serialNumber.toUpperCase(), 'unknown', '/CN=x'].join('\t')
writeFileSync(join(dir, 'index.txt'), `${line('V', operator.facts)}\n${line('R', revoked.facts, '260101000000Z')}\n`)

class OpensslResponder implements HttpPort {
  calls = 0
  tamper?: (resp: Uint8Array) => Uint8Array
  async post(_url: string, body: Uint8Array): Promise<{ status: number; body: Uint8Array }> {
    this.calls++
    writeFileSync(join(dir, 'req.der'), body)
    execFileSync('openssl', [
      'ocsp', '-index', join(dir, 'index.txt'), '-CA', join(DEMO, 'intermediate.crt'), '-rsigner', join(DEMO, 'ocsp-signer.crt'),
      '-rkey', join(DEMO, 'ocsp-signer.key.pem'), '-reqin', join(dir, 'req.der'), '-respout', join(dir, 'resp.der'), '-ndays', '1',
    ], { stdio: 'pipe' })
    const resp = new Uint8Array(readFileSync(join(dir, 'resp.der')))
    return { status: 200, body: this.tamper ? this.tamper(resp) : resp }
  }
}

const issuer = decodeCertificate(file(join(DEMO, 'intermediate.crt')))
const stored = (e: typeof operator) => decodeCertificate(e.certificate)

describe('OCSP client (RFC 6960)', () => {
  it('good, revoked and unknown answers from a delegated OCSP responder', async () => {
    const client = new OcspClient(new OpensslResponder(), { url: 'http://127.0.0.1:8787/pki/ocsp' })
    expect(await client.check(stored(operator), issuer)).toEqual({ status: 'good', source: 'ocsp' })
    expect(await client.check(stored(revoked), issuer)).toMatchObject({ status: 'revoked', source: 'ocsp', revokedAt: '2026-01-01T00:00:00.000Z' })
    expect(await client.check(stored(demoKey('supervisor-sign')), issuer)).toMatchObject({ status: 'unknown' })
  })

  it('a tampered response, a replayed one (nonce) and an HTTP error are OCSP_FAILED', async () => {
    const responder = new OpensslResponder()
    const client = new OcspClient(responder, { url: 'http://x/ocsp' })
    responder.tamper = (r) => {
      const t = r.slice()
      t[t.length - 10] ^= 0xff
      return t
    }
    await expect(client.check(stored(operator), issuer)).rejects.toMatchObject({ code: 'OCSP_FAILED' })
    const old = await new OpensslResponder().post('', new Uint8Array(readFileSync(join(dir, 'req.der'))))
    responder.tamper = () => old.body
    await expect(client.check(stored(operator), issuer)).rejects.toMatchObject({ code: 'OCSP_FAILED', message: expect.stringContaining('nonce') })
    const down = new OcspClient({ post: async () => ({ status: 503, body: new Uint8Array() }) }, { url: 'http://x' })
    await expect(down.check(stored(operator), issuer)).rejects.toMatchObject({ code: 'OCSP_FAILED' })
  })

  it('verification uses OCSP when no CRL answers: PASSED with source ocsp; revoked → FAILED/REVOKED', async () => {
    const client = new OcspClient(new OpensslResponder(), { url: 'http://x/ocsp' })
    const content = new TextEncoder().encode('ocsp-checked')
    const good = await verifyCms({ cms: await signCades({ content, signer: keySigner(operator) }), content, trust: demoTrust(), revocation: (c, i) => client.check(c, i) })
    expect(good.indication).toBe('PASSED')
    expect(good.signatures[0].checks.certificate?.revocation).toMatchObject({ status: 'good', source: 'ocsp' })
    const bad = await verifyCms({ cms: await signCades({ content, signer: keySigner(revoked) }), content, trust: demoTrust(), revocation: (c, i) => client.check(c, i) })
    expect(bad).toMatchObject({ indication: 'FAILED', subIndication: 'REVOKED' })
  })
})

describe.skipIf(!existsSync(NCANODE))('recorded NCA OCSP responses (NCANode fixtures)', () => {
  it('the NCA responder’s signature verifies with our parser; a certificate it does not name gets no answer; a tampered copy fails the signature', async () => {
    const leaf = decodeCertificate(file(join(NCANODE, 'certs/individual_valid_sign_2004_rsa.cer')))
    const ca = decodeCertificate(file(join(NCANODE, 'ca/nca_rsa_test.crt')))
    const der = file(join(NCANODE, 'ocsp/ocsp_response_individual_sign_2004.bin'))
    const at = new Date('2022-09-02T17:00:00Z')
    await expect(parseOcspResponse(der, leaf, ca, { at })).rejects.toMatchObject({ code: 'OCSP_FAILED', message: expect.stringContaining('no answer for this certificate') })
    const tampered = der.slice()
    tampered[tampered.length - 5] ^= 0x55
    await expect(parseOcspResponse(tampered, leaf, ca, { at })).rejects.toMatchObject({ code: 'OCSP_FAILED', message: expect.stringMatching(/signature|BER|basic/) })
  })
})

describe('against the gateway’s НУЦ responder (src-gateway/pki/nuc-service.ts)', () => {
  it('our client and the gateway responder agree: good for the operator, revoked for the revoked variant (from the demo CRL)', async () => {
    const { NucService } = await import('../../../../src-gateway/pki/nuc-service')
    const pem = readFileSync(join(DEMO, 'ocsp-signer.key.pem'), 'utf8')
    const pkcs8 = new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64'))
    const nuc = new NucService(new Map([['intermediate', file(join(DEMO, 'intermediate.crl'))]]), { now: () => Date.now() }, {
      caCert: file(join(DEMO, 'intermediate.crt')),
      signerCert: file(join(DEMO, 'ocsp-signer.crt')),
      signerKeyPkcs8: pkcs8,
      crlName: 'intermediate',
    })
    const client = new OcspClient({ post: async (_u, body) => ({ status: 200, body: await nuc.ocsp(body) }) }, { url: 'http://127.0.0.1:8787/pki/ocsp' })
    expect(await client.check(stored(operator), issuer)).toMatchObject({ status: 'good', source: 'ocsp' })
    expect(await client.check(stored(revoked), issuer)).toMatchObject({ status: 'revoked', source: 'ocsp' })
  })
})
