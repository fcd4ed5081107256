/**
 * Queue health: a desk reports its outbox (the renderer's reporter over a real Dexie outbox in fake-indexeddb, sent
 * by the renderer's gateway client to the gateway over HTTP) and the supervisor reads it with the operator's name,
 * beside the open requests per deadline day. Only a named desk may report; an operator may not read the health.
 */
import 'fake-indexeddb/auto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { QueueHealth } from '../../../src-shared/gateway/admin-api'
import { ArmDb } from '../../../src-renderer/db/ArmDb'
import type { OutboxItem } from '../../../src-renderer/db/types'
import { Gateway } from '../../../src-renderer/gateway/client'
import { outboxReport } from '../../../src-renderer/sync/outboxReport'
import { envelope, inProcessGateway, PASSWORDS, putInProcess, signedBody, uploadScans } from '../../support/gateway-helpers'

let g: ReturnType<typeof inProcessGateway>
let base = ''
beforeAll(async () => {
  g = inProcessGateway()
  base = await g.gw.app.listen({ port: 0, host: '127.0.0.1' })
})
afterAll(async () => {
  // The job runner first (it may still be claiming the submitted request's jobs), then the store with the server.
  await g?.gw.jobs.stop()
  await g?.close()
})

async function tokenOf(login: string, password: string): Promise<string> {
  const r = await g.gw.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login, password } })
  expect(r.statusCode, r.body).toBe(200)
  return r.json().token as string
}

const item = (id: string, state: OutboxItem['state'], createdAt: number, lastError?: OutboxItem['lastError']): OutboxItem => ({
  id, idempotencyKey: `k-${id}`, orderingKey: id, state, attempts: lastError ? 3 : 0, nextAttemptAt: createdAt, createdAt, updatedAt: createdAt, history: [],
  ...(lastError ? { lastError } : {}),
})

describe('queue health', () => {
  it('a desk reports its outbox; the supervisor sees it stuck, by name; open requests per deadline day', async () => {
    const op = await tokenOf('operator1', PASSWORDS.operator)
    const sup = await tokenOf('supervisor1', PASSWORDS.supervisor)
    // One open request of the supervisor's department.
    const env = envelope({ serviceId: 'akimat.preschool-queue' })
    await uploadScans(putInProcess(g.gw.app, op), env)
    const body = await signedBody(env)
    const sent = await g.gw.app.inject({ method: 'POST', url: '/api/v1/requests', headers: { authorization: `Bearer ${op}`, 'idempotency-key': `qh-${Date.now()}` }, payload: body })
    expect(sent.statusCode, sent.body).toBe(201)

    const db = new ArmDb(`queue-health-${Math.random()}`)
    const t0 = Date.now() - 3 * 3_600_000
    await db.outbox.bulkAdd([
      item('a', 'pending', t0, { code: 'GW_UNAVAILABLE', at: t0 + 1000 }),
      item('b', 'in_flight', t0 + 60_000, { code: 'TIMEOUT', at: t0 + 5000 }),
      item('c', 'sent', t0 - 60_000),
      item('d', 'dead', t0 - 120_000, { code: 'GW_FORBIDDEN', at: t0 + 9000 }),
    ])
    const report = await outboxReport(db)
    expect(report).toEqual({ waiting: 2, oldestAt: t0, lastError: 'TIMEOUT' })
    const desk = new Gateway({ baseUrl: () => base, token: () => op, desk: () => 'desk-astana-07' })
    await desk.call('deskOutbox', { body: report })
    db.close()

    // Without X-Arm-Desk there is no desk to report for.
    const anonymous = new Gateway({ baseUrl: () => base, token: () => op })
    await expect(anonymous.call('deskOutbox', { body: report })).rejects.toMatchObject({ code: 'GW_BAD_REQUEST' })
    // An operator does not read the supervisor's health.
    await expect(desk.call('queueHealth')).rejects.toMatchObject({ code: 'GW_FORBIDDEN' })

    const health: QueueHealth = await new Gateway({ baseUrl: () => base, token: () => sup }).call('queueHealth')
    const d = health.desks.find((x) => x.desk === 'desk-astana-07')
    expect(d).toMatchObject({ userName: 'Асанова Айгерим Серікқызы', tsonId: 'tson-astana-1', waiting: 2, oldestAt: t0, lastError: 'TIMEOUT' })
    expect(JSON.stringify(health.desks)).not.toContain('userId')
    expect(health.dueDays.reduce((n, x) => n + x.open, 0)).toBeGreaterThanOrEqual(1)
  })
})
