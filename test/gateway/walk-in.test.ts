/**
 * Walk-in intake at АРМ РШЭП (CATALOG §2.5.2) through the real wiring (createGateway, SQLite, the demo PKI): a
 * specialist registers a consumer who came in person straight into their department's inbox; a service of another
 * department is refused with a coded error and reaches no inbox at all (before, it was routed to the other
 * department and vanished from its sender).
 */
import type { InjectOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ERRORS } from '../../src-shared/errors'
import { departmentFor, servesService } from '../../src-shared/gateway/departments'
import { IIN, PASSWORDS, envelope, inProcessGateway, putInProcess, signedBody, uploadScans } from '../support/gateway-helpers'

type G = ReturnType<typeof inProcessGateway>
let g: G
const SOCIAL_SPECIALIST_IIN = '900315440056'

beforeAll(() => {
  g = inProcessGateway({ auth: { sessionTtlMs: 3_600_000 } })
})
afterAll(async () => {
  await g.close()
})

const inject = (opts: InjectOptions) => g.gw.app.inject(opts)
const bearer = (t: string) => ({ authorization: `Bearer ${t}` })
async function specialistToken(iin: string): Promise<string> {
  const r = await inject({ method: 'POST', url: '/api/v1/auth/login-iin', payload: { iin, password: PASSWORDS.specialist } })
  expect(r.statusCode).toBe(200)
  return r.json().token
}
let n = 0
const scansUploaded = new Set<string>()
const submit = async (token: string, body: { envelope: string; signature: string }) => {
  // Pattern-B requests carry the scans of their required documents: each caller's scope uploads them once.
  if (!scansUploaded.has(token)) await uploadScans(putInProcess(g.gw.app, token))
  scansUploaded.add(token)
  return inject({ method: 'POST', url: '/api/v1/requests', headers: { ...bearer(token), 'idempotency-key': `walk-in-${++n}-${Date.now()}` }, payload: body })
}
const walkIn = (serviceId: string, departmentId = 'akimat-astana-education') =>
  envelope({ serviceId, channel: 'provider', tsonId: undefined, departmentId, operator: { iin: IIN.specialist } }, { applicantIin: IIN.operator })
async function inboxNumbers(token: string): Promise<string[]> {
  const r = await inject({ method: 'GET', url: '/api/v1/inbox?limit=200', headers: bearer(token) })
  expect(r.statusCode).toBe(200)
  return (r.json().items as { registrationNumber: string }[]).map((i) => i.registrationNumber)
}

describe('walk-in intake at the department', () => {
  it('the desk and the gateway read one routing table', () => {
    expect(departmentFor('akimat.preschool-queue')).toBe('akimat-astana-education')
    expect(departmentFor('akimat.disabled-child-home-support')).toBe('akimat-astana-social')
    expect(servesService('akimat-astana-social', 'akimat.disabled-child-home-support')).toBe(true)
    expect(servesService('akimat-astana-education', 'akimat.unemployed-certificate')).toBe(false)
    expect(servesService(undefined, 'akimat.preschool-queue')).toBe(false)
  })

  it('registers the department’s own service straight into its inbox, with no ЦОН', async () => {
    const sp = await specialistToken(IIN.specialist)
    const ok = await submit(sp, await signedBody(walkIn('akimat.preschool-queue'), 'specialist-sign'))
    expect(ok.statusCode).toBe(201)
    const st = await inject({ method: 'GET', url: `/api/v1/requests/${ok.json().registrationNumber}`, headers: bearer(sp) })
    expect(st.json()).toMatchObject({ departmentId: 'akimat-astana-education', status: 'REGISTERED' })
    expect(st.json().tsonId).toBeUndefined()
    expect(await inboxNumbers(sp)).toContain(ok.json().registrationNumber)
  })

  it('refuses another department’s service with GW_SERVICE_NOT_OF_DEPARTMENT and routes it nowhere', async () => {
    const sp = await specialistToken(IIN.specialist)
    const social = await specialistToken(SOCIAL_SPECIALIST_IIN)
    const before = await inboxNumbers(social)
    const foreign = await submit(sp, await signedBody(walkIn('akimat.unemployed-certificate'), 'specialist-sign'))
    expect(foreign.statusCode).toBe(403)
    expect(foreign.json()).toMatchObject({ code: 'GW_SERVICE_NOT_OF_DEPARTMENT', details: { serviceId: 'akimat.unemployed-certificate' } })
    expect(ERRORS.GW_SERVICE_NOT_OF_DEPARTMENT.kk).toMatch(/бөлім/)
    expect(await inboxNumbers(social)).toEqual(before)
    // Claiming the other department in the envelope is not a way round it either.
    const claimed = await submit(sp, await signedBody(walkIn('akimat.unemployed-certificate', 'akimat-astana-social'), 'specialist-sign'))
    expect(claimed.json().code).toBe('GW_FORBIDDEN')
    expect(await inboxNumbers(social)).toEqual(before)
  })
})

describe('a request signed offline is checked against ГБД ФЛ at intake', () => {
  it('an applicant absent from ГБД ФЛ is refused with REGISTRY_PERSON_NOT_FOUND and the M3 ground; nothing is registered', async () => {
    const op = (await inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'operator1', password: PASSWORDS.operator } })).json().token as string
    // operator2's ИИН is valid but not in the synthetic ГБД ФЛ: the desk, offline, could only mark it «not yet verified».
    const absent = envelope({ serviceId: 'akimat.preschool-queue' }, { applicantIin: '900102312343' })
    const r = await submit(op, await signedBody(absent))
    expect(r.statusCode).toBe(404)
    expect(r.json()).toMatchObject({ code: 'REGISTRY_PERSON_NOT_FOUND', details: { refusal: { code: 'M3' } } })
    const none = await inject({ method: 'GET', url: '/api/v1/requests?since=0&limit=500', headers: bearer(op) })
    expect(JSON.stringify(none.json())).not.toContain(absent.envelopeId)
    const present = await submit(op, await signedBody(envelope({ serviceId: 'akimat.preschool-queue' })))
    expect(present.statusCode).toBe(201)
  })
})

describe('the archive department', () => {
  it('has staff: a ЦОН request for an archive certificate reaches their inbox, and the archive search finds records by ИИН and by words', async () => {
    const op = (await inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'operator1', password: PASSWORDS.operator } })).json().token as string
    const sent = await submit(op, await signedBody(envelope({ serviceId: 'archive.certificate' })))
    expect(sent.statusCode).toBe(201)
    const archivist = await specialistToken('850615401004')
    expect(await inboxNumbers(archivist)).toContain(sent.json().registrationNumber)
    const me = await inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(archivist) })
    expect(me.json()).toMatchObject({ role: 'provider_specialist', departmentId: 'archive-pavlodar', displayName: 'Жақсыбекова Гүлмира' })
    const byIin = await inject({ method: 'GET', url: `/api/v1/registry/archive?iin=${IIN.operator}`, headers: bearer(archivist) })
    expect(byIin.statusCode).toBe(200)
    expect(byIin.json().items.map((r: { id: string }) => r.id)).toEqual(expect.arrayContaining(['ARC-DEMO-1', 'ARC-DEMO-2']))
    const words = await inject({ method: 'GET', url: `/api/v1/registry/archive?query=${encodeURIComponent('приказы Д-305')}`, headers: bearer(archivist) })
    expect(words.json().items.map((r: { id: string }) => r.id)).toEqual(['ARC-DEMO-1'])
    const none = await inject({ method: 'GET', url: `/api/v1/registry/archive?query=${encodeURIComponent('приказы Д-999999')}`, headers: bearer(archivist) })
    expect(none.json().code).toBe('REGISTRY_ARCHIVE_NOT_FOUND')
  })
})

describe('the electronic guardianship register (simulated)', () => {
  it('answers the guardian’s records; no record is REGISTRY_GUARDIANSHIP_NOT_FOUND with the M7 ground', async () => {
    const sp = await specialistToken(IIN.specialist)
    const found = await inject({ method: 'GET', url: `/api/v1/registry/guardianship?guardianIin=${IIN.operator}`, headers: bearer(sp) })
    expect(found.statusCode).toBe(200)
    expect(found.json().items).toEqual([expect.objectContaining({ id: 'GRD-DEMO-1', guardianIin: IIN.operator, resolution: { number: '1207-ҚҚ', date: '2024-03-12' } })])
    const ward = found.json().items[0].wardIin as string
    expect((await inject({ method: 'GET', url: `/api/v1/registry/guardianship?guardianIin=${IIN.operator}&wardIin=${ward}`, headers: bearer(sp) })).statusCode).toBe(200)
    const none = await inject({ method: 'GET', url: `/api/v1/registry/guardianship?guardianIin=${IIN.specialist}`, headers: bearer(sp) })
    expect(none.statusCode).toBe(404)
    expect(none.json()).toMatchObject({ code: 'REGISTRY_GUARDIANSHIP_NOT_FOUND', details: { refusal: { code: 'M7' }, text: { kk: expect.stringContaining('(M7)') } } })
  })
})
