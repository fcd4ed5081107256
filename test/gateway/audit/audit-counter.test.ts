/**
 * The audit trail of one request from the operator's sign-in to the hand-over at the counter (look-up, submit, take,
 * decide, print, reprint with its reason, hand-over with the survey), and of a ЗАГС request with its state duty
 * (a declined POS charge, the POS payment, a phone payment refunded, the paper hand-over): every entry carries the
 * desk, is written in the action's own transaction, and the export verifies with `arm audit-verify`.
 * A refused action (a reprint without a reason, a payment for a request without a duty, a replayed submission)
 * records nothing: only what happened is in the trail; a refusal by the bank is a money event and is recorded.
 */
import { execFileSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { InjectOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bytesToBase64 } from '../../../src-shared/envelope'
import type { AuditPage } from '../../../src-shared/gateway/admin-api'
import { decisionFor, envelope, IIN, inProcessGateway, PASSWORDS, putInProcess, ROOT, signedBody, signWith, uploadScans } from '../../support/gateway-helpers'

const DAY = 86_400_000
const clock = { now: () => Date.now() }
let g: ReturnType<typeof inProcessGateway>
let dir: string
const inject = (o: InjectOptions) => g.gw.app.inject(o)
const as = (token: string, desk?: string) => ({ authorization: `Bearer ${token}`, ...(desk ? { 'x-arm-desk': desk } : {}) })
const DESK_OP = 'desk-astana-07'
const DESK_SP = 'desk-akimat-02'
const DESK_ZAGS = 'desk-zags-01'

async function signIn(path: string, payload: Record<string, string>, desk: string): Promise<string> {
  const r = await inject({ method: 'POST', url: `/api/v1/auth/${path}`, headers: { 'x-arm-desk': desk }, payload })
  expect(r.statusCode, r.body).toBe(200)
  return r.json().token as string
}
async function statusOf(op: string, regNo: string): Promise<string> {
  return (await inject({ method: 'GET', url: `/api/v1/requests/${regNo}`, headers: as(op) })).json().status as string
}
async function until(op: string, regNo: string, status: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if ((await statusOf(op, regNo)) === status) return
    await new Promise((r) => setTimeout(r, 20))
  }
  throw new Error(`${regNo} never reached ${status}`)
}
async function submit(op: string, serviceId: string, form?: Record<string, string>, key = `audit-${randomUUID()}`) {
  const env = envelope({ serviceId, createdAt: new Date(clock.now() - 1000).toISOString() }, form)
  await uploadScans(putInProcess(g.gw.app, op), env)
  const body = await signedBody(env, 'operator-sign', new Date(clock.now() - 500))
  const r = await inject({ method: 'POST', url: '/api/v1/requests', headers: { ...as(op, DESK_OP), 'idempotency-key': key }, payload: { envelope: body.envelope, signature: body.signature } })
  expect(r.statusCode, r.body).toBe(201)
  return { ...(r.json() as { requestId: string; registrationNumber: string }), replay: () => inject({ method: 'POST', url: '/api/v1/requests', headers: { ...as(op, DESK_OP), 'idempotency-key': key }, payload: { envelope: body.envelope, signature: body.signature } }) }
}
async function trail(token: string, requestId: string) {
  const r = await inject({ method: 'GET', url: `/api/v1/audit?request=${requestId}&limit=100`, headers: as(token) })
  expect(r.statusCode, r.body).toBe(200)
  return (r.json() as AuditPage).items
}

beforeAll(async () => {
  g = inProcessGateway({ auth: { sessionTtlMs: 30 * DAY } }, clock)
  await g.gw.app.ready()
  dir = mkdtempSync(join(tmpdir(), 'arm-audit-counter-'))
})
afterAll(async () => {
  await g?.gw.jobs.stop() // before the store closes: a job claimed at close time read a closed database
  await g?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('audit trail at the counter and the cash desk', () => {
  it('one request from sign-in to hand-over with the survey, a ЗАГС request with its payments; the export verifies', async () => {
    const op = await signIn('login', { login: 'operator1', password: PASSWORDS.operator }, DESK_OP)
    const sp = await signIn('login-iin', { iin: IIN.specialist, password: PASSWORDS.specialist }, DESK_SP)
    const auditor = await signIn('login', { login: 'auditor1', password: 'Auditor#2026' }, 'desk-audit-01')
    const admin = await signIn('login', { login: 'admin', password: PASSWORDS.admin }, 'desk-admin-01')

    const look = await inject({ method: 'GET', url: `/api/v1/registry/persons/${IIN.operator}?reason=draft-1`, headers: as(op, DESK_OP) })
    expect(look.statusCode).toBe(200)
    const a = await submit(op, 'akimat.preschool-queue')
    // A replayed submission answers the same registration and is not a second entry.
    const again = await a.replay()
    expect(again.statusCode).toBe(201)
    expect(again.json().registrationNumber).toBe(a.registrationNumber)

    expect((await inject({ method: 'POST', url: `/api/v1/inbox/${a.requestId}/take`, headers: as(sp, DESK_SP) })).statusCode).toBe(200)
    // Taking it again changes nothing and records nothing.
    expect((await inject({ method: 'POST', url: `/api/v1/inbox/${a.requestId}/take`, headers: as(sp, DESK_SP) })).statusCode).toBe(200)
    const { bytes } = decisionFor(a.registrationNumber, { serviceId: 'akimat.preschool-queue' })
    const decided = await inject({
      method: 'POST', url: `/api/v1/inbox/${a.requestId}/decision`, headers: as(sp, DESK_SP),
      payload: { kind: 'result', payload: bytesToBase64(bytes), signature: bytesToBase64(await signWith('specialist-sign', bytes)) },
    })
    expect(decided.statusCode, decided.body).toBe(200)

    // The counter opens the result: a read of the citizen's document, recorded.
    expect((await inject({ method: 'GET', url: `/api/v1/counter/results/${a.registrationNumber}`, headers: as(op, DESK_OP) })).statusCode).toBe(200)
    const prints = `/api/v1/counter/results/${a.registrationNumber}/prints`
    expect((await inject({ method: 'POST', url: prints, headers: as(op, DESK_OP), payload: { document: 'result' } })).statusCode).toBe(201)
    // Refused: a reprint without its reason leaves no print and no entry.
    const noReason = await inject({ method: 'POST', url: prints, headers: as(op, DESK_OP), payload: { document: 'result' } })
    expect(noReason.json().code).toBe('COUNTER_REPRINT_REASON_REQUIRED')
    expect((await inject({ method: 'POST', url: prints, headers: as(op, DESK_OP), payload: { document: 'result', reason: 'Бумага замялась' } })).statusCode).toBe(201)
    const handed = await inject({ method: 'POST', url: `/api/v1/counter/results/${a.registrationNumber}/hand-over`, headers: as(op, DESK_OP), payload: { survey: { q1: 3, q2: 2 } } })
    expect(handed.statusCode, handed.body).toBe(200)

    const entries = await trail(auditor, a.requestId)
    expect(entries.map((e) => [e.action, e.actorName, e.desk])).toEqual([
      ['request.submit', 'Асанова Айгерим Серікқызы', DESK_OP],
      ['request.take', 'Беков Ерлан', DESK_SP],
      ['request.decide', 'Беков Ерлан', DESK_SP],
      ['request.open', 'Асанова Айгерим Серікқызы', DESK_OP],
      ['result.print', 'Асанова Айгерим Серікқызы', DESK_OP],
      ['result.reprint', 'Асанова Айгерим Серікқызы', DESK_OP],
      ['result.hand-over', 'Асанова Айгерим Серікқызы', DESK_OP],
    ])
    const detail = (action: string) => JSON.parse(entries.find((e) => e.action === action)!.detail) as Record<string, unknown>
    expect(detail('request.decide')).toMatchObject({ registrationNumber: a.registrationNumber, status: 'RESULT_READY' })
    expect(detail('request.open')).toMatchObject({ registrationNumber: a.registrationNumber, what: 'counter' })
    expect(detail('result.reprint')).toMatchObject({ document: 'result', reason: 'Бумага замялась' })
    expect(detail('result.hand-over')).toMatchObject({ kind: 'result', survey: { q1: 3, q2: 2 } })

    // A ЗАГС request: the duty is refused by the bank once (recorded: money was refused), paid at the POS, paid
    // again by phone (refunded, the payment gateway is the actor), the paper certificate handed over.
    const z = await submit(op, 'zags.repeat-certificate', { certificateType: 'birth' })
    await until(op, z.registrationNumber, 'AWAITING_PAYMENT')
    const pos = (transactionId = randomUUID()) => inject({ method: 'POST', url: `/api/v1/payments/${z.registrationNumber}/pos`, headers: as(op, DESK_OP), payload: { transactionId, amountTiyn: 432_500 } })
    expect((await inject({ method: 'PUT', url: '/api/v1/admin/payment-gateway/faults', headers: as(admin), payload: { declineNext: 1 } })).statusCode).toBe(200)
    expect((await pos()).json().outcome).toBe('declined')
    const txId = randomUUID()
    expect((await pos(txId)).json()).toMatchObject({ outcome: 'paid', duplicate: false })
    expect((await pos(txId)).json()).toMatchObject({ outcome: 'paid', duplicate: true }) // a retried charge: no entry
    await until(op, z.registrationNumber, 'RESULT_READY')
    const phone = await inject({ method: 'POST', url: '/api/v1/payment-gateway/pay', payload: { registrationNumber: z.registrationNumber, transactionId: randomUUID(), amountTiyn: 432_500 } })
    expect(phone.json()).toMatchObject({ outcome: 'refunded', reason: 'already-paid' })
    // Refused outright (this request has no duty): the transaction rolls back, nothing is recorded.
    expect((await inject({ method: 'POST', url: `/api/v1/payments/${a.registrationNumber}/pos`, headers: as(op, DESK_OP), payload: { transactionId: randomUUID(), amountTiyn: 432_500 } })).json().code).toBe('PAY_NOT_AWAITING')
    const zs = await signIn('login-iin', { iin: '850101301013', password: PASSWORDS.specialist }, DESK_ZAGS)
    expect((await inject({ method: 'POST', url: `/api/v1/requests/${z.registrationNumber}/paper-handover`, headers: as(zs, DESK_ZAGS) })).statusCode).toBe(200)
    // Refused: a second paper hand-over is not a second entry.
    expect((await inject({ method: 'POST', url: `/api/v1/requests/${z.registrationNumber}/paper-handover`, headers: as(zs, DESK_ZAGS) })).statusCode).toBe(409)

    const zEntries = await trail(auditor, z.requestId)
    expect(zEntries.map((e) => [e.action, e.actorRole, e.desk, (JSON.parse(e.detail) as { outcome?: string }).outcome ?? null])).toEqual([
      ['request.submit', 'tson_operator', DESK_OP, null],
      ['payment.record', 'tson_operator', DESK_OP, 'declined'],
      ['payment.record', 'tson_operator', DESK_OP, 'paid'],
      ['payment.record', 'system', null, 'refunded'],
      ['result.hand-over', 'provider_specialist', DESK_ZAGS, null],
    ])
    expect(JSON.parse(zEntries[2].detail)).toMatchObject({ channel: 'pos', amountTiyn: 432_500, transactionId: txId })
    expect(JSON.parse(zEntries[3].detail)).toMatchObject({ channel: 'phone', reason: 'already-paid' })
    expect((await trail(auditor, a.requestId)).length).toBe(entries.length) // the refused POS call left nothing

    // The export verifies with the documented command; the request's trail is listed from sign-in to hand-over.
    const exported = await inject({ method: 'GET', url: '/api/v1/audit/export', headers: as(auditor) })
    expect(exported.statusCode).toBe(200)
    const file = join(dir, 'trail.jsonl')
    writeFileSync(file, exported.body)
    const out = execFileSync(process.execPath, [join(ROOT, 'bin/arm.cjs'), 'audit-verify', file, '--request', a.requestId], { encoding: 'utf8' })
    expect(out).toMatch(/^PASSED: \d+ entries from #1, chain intact/)
    for (const action of ['auth.sign-in', 'request.submit', 'request.take', 'request.decide', 'result.print', 'result.reprint', 'result.hand-over']) expect(out).toContain(action)
    const zOut = execFileSync(process.execPath, [join(ROOT, 'bin/arm.cjs'), 'audit-verify', file, '--request', z.requestId], { encoding: 'utf8' })
    expect(zOut).toContain('payment.record')
  }, 30_000)
})
