/**
 * The preschool направление is valid five days from issue (002 S3: «Направление должно быть предоставлено в
 * дошкольную организацию в течение пяти дней со дня его выдачи»): the gateway states until when on the request's
 * result, counted on the working-day calendar (a last day off moves to the next working day), marks it expired once
 * that has passed — the child keeps the queue place — and states no validity for the queue notice.
 */
import type { InjectOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { IIN, PASSWORDS, b64, decisionFor, envelope, inProcessGateway, putInProcess, signWith, signedBody, uploadScans } from '../support/gateway-helpers'

const DECIDED = Date.parse('2026-12-22T05:00:00.000Z') // Tuesday 10:00 in Astana (the demo keys are valid then)
const clock = { t: DECIDED, now() { return this.t } }
let g: ReturnType<typeof inProcessGateway>
const inject = (o: InjectOptions) => g.gw.app.inject(o)
const auth = (t: string) => ({ authorization: `Bearer ${t}` })
let op: string
let sp: string

async function token(url: string, payload: Record<string, string>): Promise<string> {
  const r = await inject({ method: 'POST', url, payload })
  expect(r.statusCode, r.body).toBe(200)
  return r.json().token as string
}

/** A preschool request filed at the ЦОН, taken and decided with the given template by the education specialist. */
async function decided(templateId: 'referral' | 'queue-notice'): Promise<string> {
  const env = envelope({ createdAt: new Date(clock.now() - 1000).toISOString() })
  await uploadScans(putInProcess(g.gw.app, op), env)
  const body = await signedBody(env, 'operator-sign', new Date(clock.now()))
  const r = await inject({ method: 'POST', url: '/api/v1/requests', headers: { ...auth(op), 'idempotency-key': `referral-${env.envelopeId}` }, payload: { envelope: body.envelope, signature: body.signature } })
  expect(r.statusCode, r.body).toBe(201)
  const { requestId, registrationNumber } = r.json() as { requestId: string; registrationNumber: string }
  expect((await inject({ method: 'POST', url: `/api/v1/inbox/${requestId}/take`, headers: auth(sp) })).statusCode).toBe(200)
  const { bytes } = decisionFor(registrationNumber, { templateId })
  const d = await inject({ method: 'POST', url: `/api/v1/inbox/${requestId}/decision`, headers: auth(sp), payload: { kind: 'result', payload: b64(bytes), signature: b64(await signWith('specialist-sign', bytes, true, new Date(clock.now()))) } })
  expect(d.statusCode, d.body).toBe(200)
  return registrationNumber
}

const status = async (regNo: string, t = op) => (await inject({ method: 'GET', url: `/api/v1/requests/${regNo}`, headers: auth(t) })).json()

beforeAll(async () => {
  g = inProcessGateway({ auth: { sessionTtlMs: 30 * 86_400_000 } }, clock)
  op = await token('/api/v1/auth/login', { login: 'operator1', password: PASSWORDS.operator })
  sp = await token('/api/v1/auth/login-iin', { iin: IIN.specialist, password: PASSWORDS.specialist })
})
afterAll(async () => {
  await g?.close()
})

describe('the preschool направление: five days from issue', () => {
  it('states until when it is valid, to the ЦОН and to the department, and marks it expired after; the queue place stays', async () => {
    const regNo = await decided('referral')
    // Issued Tuesday 22 December: five days end on Sunday 27 December, a day off, so the term runs to the end of
    // Monday 28 December in Astana (UTC+5).
    const until = '2026-12-28T18:59:59.999Z'
    for (const who of [op, sp]) expect((await status(regNo, who)).result).toMatchObject({ kind: 'result', validUntil: until, expired: false })
    const queued = (await status(regNo)).queue
    expect(queued).toMatchObject({ category: 'general', position: expect.any(Number) })

    clock.t = Date.parse(until) // the last moment: still valid
    expect((await status(regNo)).result.expired).toBe(false)
    clock.t = Date.parse(until) + 1
    const after = await status(regNo)
    expect(after.result).toMatchObject({ validUntil: until, expired: true })
    expect(after.queue).toEqual(queued)
  })

  it('the queue notice states no validity (only the направление has one)', async () => {
    clock.t = DECIDED
    const regNo = await decided('queue-notice')
    const s = await status(regNo)
    expect(s.result.kind).toBe('result')
    expect(s.result.validUntil).toBeUndefined()
    expect(s.result.expired).toBeUndefined()
  })
})
