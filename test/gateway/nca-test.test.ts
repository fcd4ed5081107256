/**
 * The real NCA RK test PKI (GOST 34.10-2015, /work/shared/nca-test-pki): accepted only in test-trust mode, checked by
 * the NCA test CA's own CRL (served by the gateway too), usable by the seeded test-only account ИИН 123456789011.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signCades } from '../../src-shared/crypto'
import { openPkcs12 } from '../../src-main/services/crypto/pkcs12'
import { keySigner } from '../../src-main/services/crypto/signer'
import { loadConfig } from '../../src-gateway/config'
import { b64, envelope, inProcessGateway, putInProcess, signedBody, uploadScans } from '../support/gateway-helpers'
import { encodeEnvelope } from '../../src-shared/envelope'

const NCA = '/work/shared/nca-test-pki/gost2015-current'
const available = existsSync(NCA)

function ncaKey(file: string) {
  const [e] = openPkcs12(new Uint8Array(readFileSync(join(NCA, file))), 'Qwerty12')
  return keySigner({ certificate: e.certificate, chain: e.chain, algorithm: e.algorithm, privateKey: e.privateKey })
}

// The same switch an operator of the gateway uses: GATEWAY_NCA_TEST_PKI=<folder>.
const pki = loadConfig({ GATEWAY_NCA_TEST_PKI: join(NCA, '..') }, []).pki

describe.skipIf(!available)('NCA test PKI', () => {
  let test: ReturnType<typeof inProcessGateway>
  let prod: ReturnType<typeof inProcessGateway>
  beforeAll(() => {
    test = inProcessGateway({ testTrust: true, pki })
    prod = inProcessGateway({ testTrust: false, pki })
  })
  afterAll(async () => {
    await test.close()
    await prod.close()
  })

  async function ecp(g: ReturnType<typeof inProcessGateway>, file: string) {
    const ch = (await g.gw.app.inject({ method: 'POST', url: '/api/v1/auth/challenge', payload: {} })).json()
    const cms = await signCades({ content: Buffer.from(ch.challenge, 'base64'), signer: ncaKey(file) })
    return g.gw.app.inject({ method: 'POST', url: '/api/v1/auth/ecp', payload: { challengeId: ch.challengeId, cms: b64(cms) } })
  }

  it('signs in the NCA test key holder by ЭЦП in test-trust mode only', async () => {
    const ok = await ecp(test, 'individual/valid/individual_valid.p12')
    expect(ok.statusCode).toBe(200)
    expect(ok.json().user).toMatchObject({ iin: '123456789011', role: 'tson_operator' })
    const refused = await ecp(prod, 'individual/valid/individual_valid.p12')
    expect(refused.statusCode).toBeGreaterThanOrEqual(400)
    expect(refused.statusCode).toBeLessThan(500)
    expect(['GW_CERT_UNTRUSTED', 'GW_TEST_KEY_NOT_ALLOWED']).toContain(refused.json().code)
  })

  it('finds the revoked NCA test certificate in the NCA test CA’s CRL', async () => {
    const r = await ecp(test, 'individual/revoked/individual_revoked.p12')
    expect(r.statusCode).toBe(422)
    expect(r.json().code).toBe('GW_CERT_REVOKED')
    const crl = await test.gw.app.inject({ method: 'GET', url: '/pki/crl/nca-gost2022-test.crl' })
    expect(crl.statusCode).toBe(200)
    expect(Buffer.compare(crl.rawPayload, readFileSync(join(NCA, 'nca_gost2022_test.crl')))).toBe(0)
  })

  it('accepts an envelope signed with the GOST test key from the test-only operator', async () => {
    const token = (await ecp(test, 'individual/valid/individual_valid.p12')).json().token
    const env = envelope({ operator: { iin: '123456789011' } })
    await uploadScans(putInProcess(test.gw.app, token), env)
    const bytes = encodeEnvelope(env)
    const cms = await signCades({ content: bytes, signer: ncaKey('individual/valid/individual_valid.p12') })
    const r = await test.gw.app.inject({ method: 'POST', url: '/api/v1/requests', headers: { authorization: `Bearer ${token}`, 'idempotency-key': 'nca-test-key-1' }, payload: { envelope: b64(bytes), signature: b64(cms) } })
    expect(r.statusCode).toBe(201)
    // The demo operator's RSA signature is no use for this account: signer and session must match.
    const other = await signedBody(envelope({ operator: { iin: '123456789011' } }))
    const r2 = await test.gw.app.inject({ method: 'POST', url: '/api/v1/requests', headers: { authorization: `Bearer ${token}`, 'idempotency-key': 'nca-test-key-2' }, payload: { envelope: other.envelope, signature: other.signature } })
    expect(r2.json().code).toBe('GW_SIGNER_MISMATCH')
  })
})
