/**
 * The ЗАГС state duty end to end in-process (issue 12): a found record → AWAITING_PAYMENT with 1 МРП (30 % for the
 * справка) and a 24 h due time; paid at the POS → IN_PROCESSING → the answer; M9 decline leaves it waiting; duplicated
 * and retried callbacks pay once; 24 h unpaid → EXPIRED (M8) by the durable job; a payment after expiry is refunded.
 */
import { randomUUID } from 'node:crypto'
import type { InjectOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signCallback } from '../../../src-gateway/payments/simulated-bank'
import { DEFAULT_MRP_BY_YEAR, stateDuty } from '../../../src-gateway/payments/state-duty'
import { envelope, inProcessGateway, PASSWORDS, signedBody } from '../../support/gateway-helpers'

const DAY = 86_400_000
const clock = { offset: 0, now() { return Date.now() + this.offset } }
let g: ReturnType<typeof inProcessGateway>
let op: string
let admin: string

const inject = (o: InjectOptions) => g.gw.app.inject(o)
const bearer = (t: string) => ({ authorization: `Bearer ${t}` })
async function login(login: string, password: string) {
  const r = await inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login, password } })
  expect(r.statusCode).toBe(200)
  return r.json().token as string
}
async function statusOf(regNo: string) {
  return (await inject({ method: 'GET', url: `/api/v1/requests/${regNo}`, headers: bearer(op) })).json() as { status: string; statusHistory: { status: string; note?: string }[] }
}
async function until(regNo: string, status: string) {
  for (let i = 0; i < 200; i++) {
    const s = await statusOf(regNo)
    if (s.status === status) return s
    await new Promise((r) => setTimeout(r, 20))
  }
  throw new Error(`${regNo} never reached ${status}: ${(await statusOf(regNo)).status}`)
}
async function file(serviceId = 'zags.repeat-certificate', form: Record<string, string> = { certificateType: 'birth' }) {
  const body = await signedBody(envelope({ serviceId, createdAt: new Date(clock.now() - 1000).toISOString() }, form), 'operator-sign', new Date(clock.now() - 500))
  const r = await inject({ method: 'POST', url: '/api/v1/requests', headers: { ...bearer(op), 'idempotency-key': `pay-${randomUUID()}` }, payload: { envelope: body.envelope, signature: body.signature } })
  expect(r.statusCode, r.body).toBe(201)
  return r.json().registrationNumber as string
}
const payment = async (regNo: string) => (await inject({ method: 'GET', url: `/api/v1/payments/${regNo}`, headers: bearer(op) })).json()
const pos = (regNo: string, amountTiyn: number, transactionId = randomUUID()) =>
  inject({ method: 'POST', url: `/api/v1/payments/${regNo}/pos`, headers: bearer(op), payload: { transactionId, amountTiyn } })
const callback = (body: Record<string, unknown>, secret = g.cfg.payments.callbackSecret) =>
  inject({ method: 'POST', url: '/api/v1/payment-gateway/callback', headers: { 'x-payment-signature': signCallback(secret, body as never) }, payload: body })
const bankFaults = (patch: Record<string, number>) => inject({ method: 'PUT', url: '/api/v1/admin/payment-gateway/faults', headers: bearer(admin), payload: patch })

beforeAll(async () => {
  g = inProcessGateway({ auth: { sessionTtlMs: 30 * DAY } }, clock)
  await g.gw.app.ready()
  op = await login('operator1', PASSWORDS.operator)
  admin = await login('admin', PASSWORDS.admin)
})
afterAll(async () => {
  await g.close()
})

describe('state duty', () => {
  it('is 1 МРП (4 325 ₸ in 2026) or 30 % of it, from the configured year', () => {
    const at = Date.parse('2026-06-01T00:00:00Z')
    expect(stateDuty({ kind: 'mrp', multiplier: 1, payWithinHours: 24 }, at, DEFAULT_MRP_BY_YEAR)).toMatchObject({ amountTiyn: 432_500, mrpYear: 2026, windowMs: DAY })
    expect(stateDuty({ kind: 'mrp', multiplier: 0.3, payWithinHours: 24 }, at, DEFAULT_MRP_BY_YEAR)?.amountTiyn).toBe(129_750)
    // A later year without its own value keeps the latest configured one; a configured year takes its own.
    expect(stateDuty({ kind: 'mrp', multiplier: 1, payWithinHours: 24 }, Date.parse('2027-03-01T00:00:00Z'), { '2026': 4325, '2027': 4500 })?.amountTiyn).toBe(450_000)
    expect(stateDuty({ kind: 'none' }, at, DEFAULT_MRP_BY_YEAR)).toBeUndefined()
  })

  it('a found record waits for the duty; paid at the POS it is answered; a repeated POS call and a second payment change nothing', async () => {
    const regNo = await file()
    await until(regNo, 'AWAITING_PAYMENT')
    const p = await payment(regNo)
    expect(p).toMatchObject({ state: 'awaiting', amountTiyn: 432_500, mrp: { year: 2026, tenge: 4325, percent: 100 } })
    expect(Date.parse(p.dueAt) - Date.parse(p.offeredAt)).toBe(DAY)

    const txId = randomUUID()
    const paid = await pos(regNo, 432_500, txId)
    expect(paid.json()).toMatchObject({ outcome: 'paid', duplicate: false })
    const receipt = paid.json().receiptNumber
    expect(receipt).toMatch(/^\d{12}$/)
    // The same transaction again (the desk retried): the same receipt, nothing new.
    expect((await pos(regNo, 432_500, txId)).json()).toMatchObject({ outcome: 'paid', duplicate: true, receiptNumber: receipt })
    const done = await until(regNo, 'RESULT_READY')
    // A second, different payment of a paid duty is refused and refunded, on record.
    const second = await pos(regNo, 432_500)
    expect(second.json()).toMatchObject({ outcome: 'refunded', reason: 'already-paid' })
    expect(second.json().refundNumber).toMatch(/^R-/)
    const after = await statusOf(regNo)
    expect(after.statusHistory.map((h) => h.status)).toEqual(['REGISTERED', 'IN_PROCESSING', 'AWAITING_PAYMENT', 'IN_PROCESSING', 'RESULT_READY'])
    expect(after.status).toBe(done.status)
    const view = await payment(regNo)
    expect(view).toMatchObject({ state: 'paid', receiptNumber: receipt, channel: 'pos' })
    expect(view.transactions.map((t: { outcome: string }) => t.outcome)).toEqual(['paid', 'refunded'])
    const result = (await inject({ method: 'GET', url: `/api/v1/requests/${regNo}/result`, headers: bearer(op) })).json()
    expect(result.kind).toBe('result')
  })

  it('the civil-status справка costs 30 % of an МРП; an absent record is refused (M5) without a duty', async () => {
    const regNo = await file('zags.civil-status-certificate', { certificateType: 'birth' })
    await until(regNo, 'AWAITING_PAYMENT')
    expect((await payment(regNo)).amountTiyn).toBe(129_750)
    const absent = await file('zags.repeat-certificate', { certificateType: 'divorce' })
    await until(absent, 'REFUSED')
    expect((await inject({ method: 'GET', url: `/api/v1/payments/${absent}`, headers: bearer(op) })).statusCode).toBe(404)
  })

  it('duplicated and concurrent signed callbacks pay once and move the state once; an unsigned one is refused', async () => {
    const regNo = await file()
    await until(regNo, 'AWAITING_PAYMENT')
    const body = { transactionId: randomUUID(), registrationNumber: regNo, amountTiyn: 432_500, channel: 'phone', outcome: 'approved', receiptNumber: '000000000042' }
    expect((await callback(body, 'a-wrong-secret-of-16+chars')).json().code).toBe('PAY_CALLBACK_UNSIGNED')
    const answers = await Promise.all([callback(body), callback(body), callback(body), callback(body)])
    expect(answers.map((a) => a.json().outcome)).toEqual(['paid', 'paid', 'paid', 'paid'])
    expect(answers.filter((a) => a.json().duplicate === false)).toHaveLength(1)
    await until(regNo, 'RESULT_READY')
    expect((await callback(body)).json()).toMatchObject({ outcome: 'paid', duplicate: true })
    const h = (await statusOf(regNo)).statusHistory.map((x) => x.status)
    expect(h.filter((s) => s === 'IN_PROCESSING')).toHaveLength(2) // T8, then once after the payment
    expect(h.filter((s) => s === 'RESULT_READY')).toHaveLength(1)
    expect((await payment(regNo)).transactions).toHaveLength(1)
  })

  it('the bank’s faults: a decline (M9) leaves the request waiting; a lost answer is retried without a second charge; doubled callbacks count once', async () => {
    const regNo = await file()
    await until(regNo, 'AWAITING_PAYMENT')
    await bankFaults({ declineNext: 1 })
    const declined = await pos(regNo, 432_500)
    expect(declined.json()).toMatchObject({ outcome: 'declined' })
    expect(declined.json().reason).toMatch(/Insufficient funds/)
    expect((await statusOf(regNo)).status).toBe('AWAITING_PAYMENT')

    await bankFaults({ timeoutNext: 1, callbackDelayMs: 50, duplicateCallbacksNext: 1 })
    const txId = randomUUID()
    const lost = await pos(regNo, 432_500, txId)
    expect(lost.statusCode).toBe(504)
    expect(lost.json().code).toBe('PAY_TIMEOUT')
    const retried = await pos(regNo, 432_500, txId)
    expect(retried.json().outcome).toBe('paid')
    await until(regNo, 'RESULT_READY')
    await new Promise((r) => setTimeout(r, 100)) // the late callback arrives and changes nothing
    const view = await payment(regNo)
    expect(view.transactions.map((t: { outcome: string }) => t.outcome)).toEqual(['declined', 'paid'])
    expect((await statusOf(regNo)).statusHistory.filter((x) => x.status === 'IN_PROCESSING')).toHaveLength(2)
  })

  it('the consumer pays on their phone through the simulated payment page; the request follows', async () => {
    const regNo = await file()
    await until(regNo, 'AWAITING_PAYMENT')
    const phone = await inject({ method: 'POST', url: '/api/v1/payment-gateway/pay', payload: { registrationNumber: regNo, transactionId: randomUUID(), amountTiyn: 432_500 } })
    expect(phone.json()).toMatchObject({ outcome: 'paid', duplicate: false })
    await until(regNo, 'RESULT_READY')
    expect(await payment(regNo)).toMatchObject({ state: 'paid', channel: 'phone', receiptNumber: phone.json().receiptNumber })
    // Another ЦОН's operator cannot take (or even see) this duty.
    const other = await login('operator2', PASSWORDS.operator)
    expect((await inject({ method: 'POST', url: `/api/v1/payments/${regNo}/pos`, headers: bearer(other), payload: { transactionId: randomUUID(), amountTiyn: 432_500 } })).statusCode).toBe(404)
  })

  it('24 h unpaid → EXPIRED (M8) by the durable job; a payment after expiry is refused and refunded with a record; figures count it', async () => {
    const regNo = await file()
    await until(regNo, 'AWAITING_PAYMENT')
    clock.offset += DAY - 60_000
    await g.gw.jobs.tick()
    expect((await statusOf(regNo)).status).toBe('AWAITING_PAYMENT')
    clock.offset += 60_000
    g.gw.jobs.nudge()
    const expired = await until(regNo, 'EXPIRED')
    expect(expired.statusHistory.at(-1)).toMatchObject({ status: 'EXPIRED', note: 'M8' })
    const late = await pos(regNo, 432_500)
    expect(late.json()).toMatchObject({ outcome: 'refunded', reason: 'PAY_EXPIRED' })
    expect((await statusOf(regNo)).status).toBe('EXPIRED')
    expect((await payment(regNo)).transactions).toMatchObject([{ outcome: 'refunded', reason: 'PAY_EXPIRED' }])

    const figures = (await inject({ method: 'GET', url: '/api/v1/supervision/payments?days=3', headers: bearer(admin) })).json()
    const sum = (k: string) => figures.rows.reduce((n: number, r: Record<string, number>) => n + r[k], 0)
    expect(sum('paid')).toBe(4)
    expect(sum('paidTiyn')).toBe(4 * 432_500)
    expect(sum('expired')).toBeGreaterThanOrEqual(1)
    expect(sum('refunded')).toBeGreaterThanOrEqual(2)
    expect(figures.expired.map((e: { registrationNumber: string }) => e.registrationNumber)).toContain(regNo)
    expect(figures.rows.every((r: { tsonId?: string }) => r.tsonId === 'tson-astana-1')).toBe(true)
    // An operator is not a supervisor.
    expect((await inject({ method: 'GET', url: '/api/v1/supervision/payments', headers: bearer(op) })).statusCode).toBe(403)
  })

  it('the ЗАГС specialist hands the paper certificate over (ISSUED); nobody else may; the test clock is off by default', async () => {
    const regNo = await file()
    await until(regNo, 'AWAITING_PAYMENT')
    await pos(regNo, 432_500)
    await until(regNo, 'RESULT_READY')
    expect((await inject({ method: 'POST', url: `/api/v1/requests/${regNo}/paper-handover`, headers: bearer(op) })).statusCode).toBe(403)
    const zr = await inject({ method: 'POST', url: '/api/v1/auth/login-iin', payload: { iin: '850101301013', password: PASSWORDS.specialist } })
    const zags = zr.json().token as string
    const handed = await inject({ method: 'POST', url: `/api/v1/requests/${regNo}/paper-handover`, headers: bearer(zags) })
    expect(handed.json()).toMatchObject({ status: 'ISSUED' })
    expect((await inject({ method: 'POST', url: `/api/v1/requests/${regNo}/paper-handover`, headers: bearer(zags) })).json().code).toBe('GW_INVALID_TRANSITION')
    expect((await statusOf(regNo)).status).toBe('ISSUED')
    expect((await inject({ method: 'POST', url: '/api/v1/admin/test-clock', headers: bearer(admin), payload: { advanceMs: 1000 } })).json().code).toBe('PAY_TEST_CLOCK_DISABLED')
  })
})
