/**
 * Term extension (CATALOG G16; §2.3 TERM_EXTENDED is a notification, not a state; N1) on the in-process gateway: the
 * assignee extends once with a reason, the new deadline is the regulated term again on the working-day calendar
 * (16 December, Independence Day, is skipped), the request stays IN_PROCESSING, the inbox order and the supervision
 * rollup follow the new deadline, the ЦОН reads the change on its status changes; and every refusal is coded.
 */
import type { InjectOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { KZ_CALENDAR } from '../../../src-shared/calendar'
import { catalog } from '../../../src-shared/catalog'
import { parseTermExtendedNote } from '../../../src-shared/gateway/term-extension'
import { IIN, PASSWORDS, b64, decisionFor, envelope, inProcessGateway, putInProcess, signWith, signedBody, uploadScans } from '../../support/gateway-helpers'

const START = Date.parse('2026-12-07T05:00:00.000Z') // Monday 10:00 in Astana
const clock = { t: START, now() { return this.t } }
let g: ReturnType<typeof inProcessGateway>
const inject = (o: InjectOptions) => g.gw.app.inject(o)
const auth = (t: string) => ({ authorization: `Bearer ${t}` })
let op: string
let sp: string
let sup: string

async function token(url: string, payload: Record<string, string>): Promise<string> {
  const r = await inject({ method: 'POST', url, payload })
  expect(r.statusCode, r.body).toBe(200)
  return r.json().token as string
}

/** Files a request of the service at the ЦОН and has the education specialist take it. */
async function taken(serviceId: string, take = true): Promise<{ requestId: string; registrationNumber: string }> {
  const env = envelope({ serviceId })
  await uploadScans(putInProcess(g.gw.app, op), env)
  const body = await signedBody(env, 'operator-sign', new Date(clock.now()))
  const r = await inject({ method: 'POST', url: '/api/v1/requests', headers: { ...auth(op), 'idempotency-key': `term-${Math.random()}` }, payload: { envelope: body.envelope, signature: body.signature } })
  expect(r.statusCode, r.body).toBe(201)
  const out = r.json() as { requestId: string; registrationNumber: string }
  if (take) expect((await inject({ method: 'POST', url: `/api/v1/inbox/${out.requestId}/take`, headers: auth(sp) })).statusCode).toBe(200)
  return out
}

const extend = (requestId: string, t: string, reason: unknown = 'ГБД ФЛ жауабы күтілуде / ожидается ответ ГБД ФЛ') =>
  inject({ method: 'POST', url: `/api/v1/inbox/${requestId}/term-extension`, headers: auth(t), payload: { reason } })

beforeAll(async () => {
  g = inProcessGateway({}, clock)
  op = await token('/api/v1/auth/login', { login: 'operator1', password: PASSWORDS.operator })
  sp = await token('/api/v1/auth/login-iin', { iin: IIN.specialist, password: PASSWORDS.specialist })
  sup = await token('/api/v1/auth/login', { login: 'supervisor1', password: PASSWORDS.supervisor })
})
afterAll(async () => {
  await g?.close()
})

describe('term extension (TERM_EXTENDED)', () => {
  it('the assignee extends once: new deadline by the working-day calendar, IN_PROCESSING kept, the ЦОН sees it', async () => {
    const svc = catalog.get('akimat.minor-deposits-certificate')
    expect(svc.terms.extendable).toBe(true)
    const { requestId, registrationNumber } = await taken(svc.id)
    const inbox = async () => ((await inject({ method: 'GET', url: '/api/v1/inbox', headers: auth(sp) })).json().items as { requestId: string; dueAt?: string }[]).find((i) => i.requestId === requestId)
    const due = KZ_CALENDAR.deadline(new Date(START), svc.terms.regulated)
    expect((await inbox())?.dueAt).toBe(due.toISOString())
    expect(due.toISOString()).toBe('2026-12-14T18:59:59.999Z')

    const before = (await inject({ method: 'GET', url: '/api/v1/requests', headers: auth(op), query: { since: '0' } })).json() as { cursor: string }
    const since = before.cursor
    clock.t = START + 3_600_000
    const r = await extend(requestId, sp, '  Ведомство ещё не ответило на запрос  ')
    expect(r.statusCode, r.body).toBe(200)
    const out = r.json()
    // 5 working days after 14 December: 15, 17, 18, 21, 22 — the 16th is Independence Day.
    expect(out).toMatchObject({ status: 'IN_PROCESSING', previousDueAt: due.toISOString(), dueAt: '2026-12-22T18:59:59.999Z', reason: 'Ведомство ещё не ответило на запрос' })
    expect(out.dueAt).toBe(KZ_CALENDAR.deadline(due, svc.terms.regulated).toISOString())
    expect((await inbox())?.dueAt).toBe(out.dueAt)

    // The status history: one more IN_PROCESSING entry carrying the TERM_EXTENDED note, by the specialist.
    const st = (await inject({ method: 'GET', url: `/api/v1/requests/${registrationNumber}`, headers: auth(op) })).json()
    expect(st.status).toBe('IN_PROCESSING')
    const last = st.statusHistory[st.statusHistory.length - 1]
    expect(last).toMatchObject({ status: 'IN_PROCESSING', by: 'Беков Ерлан' })
    expect(parseTermExtendedNote(last.note)).toEqual({ dueAt: out.dueAt, reason: 'Ведомство ещё не ответило на запрос' })
    // The ЦОН's status changes (the stream's polling fallback) carry it.
    const changes = (await inject({ method: 'GET', url: '/api/v1/requests', headers: auth(op), query: { since } })).json().items as { registrationNumber: string; status: string; note?: string }[]
    expect(changes.filter((c) => c.registrationNumber === registrationNumber).map((c) => parseTermExtendedNote(c.note)?.dueAt)).toContain(out.dueAt)

    // The supervision rollup follows the new deadline: past the old one, before the new one, not overdue.
    const overdueAt = async (iso: string) => {
      clock.t = Date.parse(iso)
      const fresh = await token('/api/v1/auth/login', { login: 'supervisor1', password: PASSWORDS.supervisor })
      const sum = (await inject({ method: 'GET', url: '/api/v1/supervision/summary', headers: auth(fresh) })).json()
      return sum.total.overdue as number
    }
    expect(await overdueAt('2026-12-17T05:00:00.000Z')).toBe(0)
    expect(await overdueAt('2026-12-23T05:00:00.000Z')).toBe(1)
    clock.t = START + 7_200_000
    // Sessions did not live through the jump of the clock: sign in again.
    sp = await token('/api/v1/auth/login-iin', { iin: IIN.specialist, password: PASSWORDS.specialist })
    op = await token('/api/v1/auth/login', { login: 'operator1', password: PASSWORDS.operator })
    sup = await token('/api/v1/auth/login', { login: 'supervisor1', password: PASSWORDS.supervisor })

    // Refused a second time.
    const again = await extend(requestId, sp)
    expect(again.statusCode).toBe(409)
    expect(again.json().code).toBe('GW_TERM_ALREADY_EXTENDED')
  })

  it('refuses a service that does not allow it, a non-assignee, before taking and after a decision, and a bad reason', async () => {
    const notExtendable = await taken('akimat.preschool-queue')
    expect(catalog.get('akimat.preschool-queue').terms.extendable).toBe(false)
    const r1 = await extend(notExtendable.requestId, sp)
    expect([r1.statusCode, r1.json().code]).toEqual([409, 'GW_TERM_NOT_EXTENDABLE'])

    const other = await taken('akimat.minor-property-certificate')
    const r2 = await extend(other.requestId, sup)
    expect([r2.statusCode, r2.json().code]).toEqual([403, 'GW_TERM_NOT_ASSIGNEE'])
    // The social department's specialist does not even see it.
    const social = await token('/api/v1/auth/login-iin', { iin: '900315440056', password: PASSWORDS.specialist })
    expect((await extend(other.requestId, social)).statusCode).toBe(404)
    for (const reason of ['', '   ', 'x'.repeat(501)]) {
      const bad = await extend(other.requestId, sp, reason)
      expect([bad.statusCode, bad.json().code]).toEqual([400, 'GW_BAD_REQUEST'])
    }
    expect((await extend(other.requestId, sp, 'x'.repeat(500))).statusCode).toBe(200)

    const notTaken = await taken('akimat.guardianship-certificate', false)
    const r3 = await extend(notTaken.requestId, sp)
    expect([r3.statusCode, r3.json().code]).toEqual([409, 'GW_TERM_NOT_IN_PROCESSING'])

    const decided = await taken('akimat.guardianship-certificate')
    const { bytes } = decisionFor(decided.registrationNumber, { serviceId: 'akimat.guardianship-certificate' })
    const d = await inject({ method: 'POST', url: `/api/v1/inbox/${decided.requestId}/decision`, headers: auth(sp), payload: { kind: 'result', payload: b64(bytes), signature: b64(await signWith('specialist-sign', bytes, true, new Date(clock.now()))) } })
    expect(d.statusCode, d.body).toBe(200)
    const r4 = await extend(decided.requestId, sp)
    expect([r4.statusCode, r4.json().code]).toEqual([409, 'GW_TERM_NOT_IN_PROCESSING'])
  })
})
