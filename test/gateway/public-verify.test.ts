/**
 * The public verification endpoint (issue 17 point 2) on the real wiring: no sign-in, answers only what a verifier
 * needs (valid / tampered / unknown; details only with the right hash; the holder masked), refuses bursts per client.
 */
import type { InjectOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ServiceCatalog } from '../../src-shared/catalog'
import { route } from '../../src-shared/gateway/api'
import { findTemplate, sampleDocument, type DecisionDocument } from '../../src-shared/results'
import { encodeSignedBarcode } from '../../src-shared/verify'
import { IIN, PASSWORDS, b64, envelope, inProcessGateway, putInProcess, sha256hex, signWith, signedBody, uploadScans } from '../support/gateway-helpers'

const catalog = new ServiceCatalog()
let g: ReturnType<typeof inProcessGateway>
const inject = (opts: InjectOptions) => g.gw.app.inject(opts)
const bearer = (t: string) => ({ authorization: `Bearer ${t}` })
let regNo = ''
let hash = ''
let parts: string[] = []

beforeAll(async () => {
  g = inProcessGateway({ security: { rateLimit: { signInPerMinute: 1000, challengesPerMinute: 1000, uploadsPerMinute: 1000, verificationsPerMinute: 12 } } })
  const op = (await inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'operator1', password: PASSWORDS.operator } })).json().token
  const sp = (await inject({ method: 'POST', url: '/api/v1/auth/login-iin', payload: { iin: IIN.specialist, password: PASSWORDS.specialist } })).json().token
  const env = envelope()
  await uploadScans(putInProcess(g.gw.app, op), env)
  const body = await signedBody(env)
  const reg = (await inject({ method: 'POST', url: '/api/v1/requests', headers: { ...bearer(op), 'idempotency-key': `pv-${Date.now()}` }, payload: { envelope: body.envelope, signature: body.signature } })).json()
  await inject({ method: 'POST', url: `/api/v1/inbox/${reg.requestId}/take`, headers: bearer(sp) })
  const service = catalog.get('akimat.preschool-queue')
  const doc: DecisionDocument = { ...sampleDocument(service, findTemplate(service, 'queue-notice')), registrationNumber: reg.registrationNumber }
  const bytes = Buffer.from(JSON.stringify(doc))
  const signature = await signWith('specialist-sign', bytes)
  const decided = await inject({ method: 'POST', url: `/api/v1/inbox/${reg.requestId}/decision`, headers: bearer(sp), payload: { kind: 'result', payload: b64(bytes), signature: b64(signature) } })
  parts = encodeSignedBarcode({ registrationNumber: reg.registrationNumber, document: bytes, signature })
  expect(decided.statusCode).toBe(200)
  regNo = reg.registrationNumber
  hash = sha256hex(bytes)
})
afterAll(async () => {
  await g.close()
})

describe('public verification', () => {
  it('answers without a login: valid with service, issue date, issuer and masked holder; tampered and unknown say nothing more', async () => {
    const ok = await inject({ method: 'GET', url: route.publicVerify(regNo, hash) })
    expect(ok.statusCode).toBe(200)
    const v = ok.json()
    expect(v).toMatchObject({ status: 'valid', registrationNumber: regNo, serviceId: 'akimat.preschool-queue' })
    expect(v.serviceName.kk).toBeTruthy()
    expect(v.issuer).toBeTruthy()
    expect(v.holder).toMatch(/^\S\*{3,}/)
    expect(JSON.stringify(v)).not.toMatch(/\d{12}/) // no ИИН/БИН
    expect(Object.keys(v).sort()).toEqual(['checkedAt', 'holder', 'issuedAt', 'issuer', 'registrationNumber', 'serviceId', 'serviceName', 'status'])

    const oneDigit = hash.slice(0, 10) + (hash[10] === '0' ? '1' : '0') + hash.slice(11)
    expect((await inject({ method: 'GET', url: route.publicVerify(regNo, oneDigit) })).json()).toEqual({ status: 'tampered', registrationNumber: regNo, checkedAt: expect.any(String) })
    expect((await inject({ method: 'GET', url: route.publicVerify('20991231-999999', hash) })).json()).toEqual({ status: 'unknown', registrationNumber: '20991231-999999', checkedAt: expect.any(String) })
    const bad = await inject({ method: 'GET', url: route.publicVerify(regNo, 'XYZ') })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().code).toBe('VERIFY_INPUT_INVALID')
    const doc = (await inject({ method: 'GET', url: '/openapi.json' })).json()
    expect(doc.paths['/public/verify/{registrationNumber}']?.get).toBeTruthy()
  })

  it('takes the QR texts of a printout too: parsed by the shared parser, coded when incomplete or foreign', async () => {
    const ok = await inject({ method: 'POST', url: '/public/verify', payload: { parts: [...parts].reverse() } })
    expect(ok.json()).toMatchObject({ status: 'valid', registrationNumber: regNo })
    const missing = await inject({ method: 'POST', url: '/public/verify', payload: { parts: parts.slice(1) } })
    expect([missing.statusCode, missing.json().code]).toEqual([422, 'BARCODE_PART_MISSING'])
    const foreign = await inject({ method: 'POST', url: '/public/verify', payload: { parts: ['https://example.org'] } })
    expect([foreign.statusCode, foreign.json().code]).toEqual([422, 'BARCODE_FOREIGN'])
  })

  it('refuses a burst from one client with GW_RATE_LIMITED', async () => {
    const codes: number[] = []
    for (let i = 0; i < 16; i++) codes.push((await inject({ method: 'GET', url: route.publicVerify(regNo, hash) })).statusCode)
    expect(codes).toContain(429)
    const r = await inject({ method: 'GET', url: route.publicVerify(regNo, hash) })
    expect(r.json().code).toBe('GW_RATE_LIMITED')
  })
})
