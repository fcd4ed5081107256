/**
 * The automated responder (pattern A, and C's acceptance notice) answers with the one result-document schema
 * (src-shared/results, `arm.decision/1`): every automated service of the catalogue, against the in-process gateway and
 * its synthetic registries, gets a complete document of the right template — values filled from the registries,
 * checked by the same checkDecision the gateway applies to a specialist's decision — signed by the department's key.
 * A registry that lacks the subject gives the catalogue's refusal (M5) in the same schema.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { catalog, type ServiceDefinition } from '../../src-shared/catalog'
import type { JsonValue } from '../../src-shared/envelope'
import { checkDecision, parseDecisionBytes, type DecisionDocument } from '../../src-shared/results'
import { envelope, inProcessGateway, PASSWORDS, signedBody, sleep } from '../support/gateway-helpers'

let g: ReturnType<typeof inProcessGateway>
let token = ''
let n = 0

beforeAll(async () => {
  g = inProcessGateway()
  await g.gw.app.ready()
  token = (await g.gw.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'operator1', password: PASSWORDS.operator } })).json().token
})
afterAll(async () => {
  await g.close()
})

/** Submits a request of the service and waits for the gateway's own answer; returns the status and the signed document. */
async function answered(serviceId: string, form: Record<string, JsonValue> = {}): Promise<{ status: string; doc: DecisionDocument; signedBy: string }> {
  const body = await signedBody(envelope({ serviceId }, form))
  const reg = await g.gw.app.inject({ method: 'POST', url: '/api/v1/requests', headers: { authorization: `Bearer ${token}`, 'idempotency-key': `auto-${++n}-${Date.now()}` }, payload: { envelope: body.envelope, signature: body.signature } })
  expect(reg.statusCode, reg.body).toBe(201)
  const regNo = reg.json().registrationNumber as string
  let paid = false
  for (let i = 0; i < 200; i++) {
    const st = (await g.gw.app.inject({ method: 'GET', url: `/api/v1/requests/${regNo}`, headers: { authorization: `Bearer ${token}` } })).json()
    if (st.status === 'RESULT_READY' || st.status === 'REFUSED') {
      const res = (await g.gw.app.inject({ method: 'GET', url: `/api/v1/requests/${regNo}/result`, headers: { authorization: `Bearer ${token}` } })).json()
      return { status: st.status, doc: parseDecisionBytes(Buffer.from(res.document, 'base64')), signedBy: res.signedBy }
    }
    if (st.status === 'AWAITING_PAYMENT' && !paid) {
      // Pattern C with a state duty: the consumer pays at the counter, then the acceptance notice follows.
      const duty = (await g.gw.app.inject({ method: 'GET', url: `/api/v1/payments/${regNo}`, headers: { authorization: `Bearer ${token}` } })).json()
      const pay = await g.gw.app.inject({ method: 'POST', url: `/api/v1/payments/${regNo}/pos`, headers: { authorization: `Bearer ${token}` }, payload: { transactionId: randomUUID(), amountTiyn: duty.amountTiyn } })
      expect(pay.statusCode, pay.body).toBe(200)
      paid = true
    }
    await sleep(25)
  }
  throw new Error(`${serviceId}: no automatic answer`)
}

describe('automated answers in the one document schema', () => {
  // Through the ЦОН (the only channel of this suite's operator); zags.marriage-application is e-gov only.
  const automated = catalog.list().filter((s) => (s.pattern === 'A' || s.pattern === 'C') && s.channels.tson)

  it('every pattern A / C service gets a complete document of its template, filled from the registries', async () => {
    const keys = g.gw.registry.sampleKeys(5)
    const plot = keys.cadastral[0]
    const bin = keys.bins[0]
    const formFor = (s: ServiceDefinition): Record<string, JsonValue> =>
      s.id.startsWith('land.') ? { cadastralNumber: plot } : s.id === 'legal.gbdul-certificate' ? { applicantKind: 'entity', certificateSubtype: 'b', subjectBin: bin } : s.id.startsWith('zags.') ? { certificateType: 'birth' } : {}
    expect(automated.length).toBeGreaterThanOrEqual(9)
    for (const s of automated) {
      const { status, doc, signedBy } = await answered(s.id, formFor(s))
      expect({ id: s.id, status, refusal: doc.refusal }).toEqual({ id: s.id, status: 'RESULT_READY', refusal: undefined })
      expect(signedBy).toBe('department')
      // The very check a specialist's decision passes: template of the service, every field present and of its kind.
      expect(() => checkDecision(doc, catalog)).not.toThrow()
      expect(doc.kind).toBe(s.pattern === 'C' ? 'acceptance' : 'result')
      expect(doc.signer).toMatchObject({ role: 'department', name: s.provider.name.ru })
      if (s.id === 'zags.civil-status-certificate') expect(doc.templateId).toBe('birth')
      if (s.id === 'legal.gbdul-certificate') expect(doc.templateId).toBe('b')
      if (s.id.startsWith('land.')) expect(doc.values.cadastralNumber).toBe(plot)
    }
  }, 30_000)

  it('a plot the registry does not hold: the refusal notice with ground M5 and the registry\'s words, same schema', async () => {
    const { status, doc } = await answered('land.ownership-info', { cadastralNumber: '99-999-999-999' })
    expect(status).toBe('REFUSED')
    expect(doc).toMatchObject({ kind: 'refusal', templateId: 'refusal-notice', refusal: { code: 'M5' } })
    expect(() => checkDecision(doc, catalog)).not.toThrow()
  })
})
