/**
 * Status tracking against the real gateway process: registration numbers stored on send, status changes from the SSE
 * stream, polling when the stream is unavailable, the "обновить статус" action, and a notification per result/refusal.
 * Pattern A services are answered by the gateway itself within a moment, so the changes are real.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { NotifyPort } from '../../../src-renderer/sync/ports'
import { StatusTracker } from '../../../src-renderer/sync/StatusTracker'
import { systemClock } from '../../../src-renderer/sync/ports'
import { OutboxTransport } from '../../../src-renderer/sync/transport'
import { signedRequest } from '../../reliability/demoSigner'
import { GatewayProcess, OPERATOR } from '../../reliability/gatewayProcess'
import { nodeOutbox } from '../../reliability/nodeOutbox'

let gw: GatewayProcess
beforeAll(async () => {
  gw = await GatewayProcess.start({ GATEWAY_AUTOMATED_DELAY_MS: '300' })
})
afterAll(async () => {
  await gw?.dispose()
})

const FINAL = new Set(['RESULT_READY', 'REFUSED', 'ISSUED'])

async function sendSome(box: ReturnType<typeof nodeOutbox>, n: number): Promise<string[]> {
  const fx = await Promise.all(Array.from({ length: n }, () => signedRequest({ tsonId: OPERATOR.tsonId, serviceId: 'land.cadastral-info', docSize: 1024 })))
  for (const f of fx) await box.service.enqueueSigned(f)
  box.sender.start()
  expect(await box.waitDrained(n, 30_000)).toBe(true)
  return fx.map((f) => f.request.id)
}

async function waitFor(cond: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms
  while (Date.now() < end) {
    if (await cond()) return
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error('timed out')
}

describe('StatusTracker against the real gateway', () => {
  it('follows the SSE stream: registration number on the request, final status, one notification each', async () => {
    const box = nodeOutbox(gw)
    await box.login()
    const notes: Parameters<NotifyPort['notify']>[0][] = []
    const gateway = OutboxTransport.over({ baseUrl: gw.baseUrl, fetch: (u, i) => fetch(u, i), session: box.session, clock: systemClock })
    const tracker = new StatusTracker({ db: box.db, gateway, fetch: (u, i) => fetch(u, i), clock: systemClock, notify: { notify: (n) => notes.push(n) }, options: { pollMs: 60_000 } })
    tracker.start()
    const ids = await sendSome(box, 3)
    for (const id of ids) expect((await box.db.requests.get(id))!.registrationNumber).toMatch(/^GW-\d{8}-\d{6}$/)
    await waitFor(async () => (await box.db.requests.bulkGet(ids)).every((r) => FINAL.has(r!.gatewayStatus ?? '')))
    expect(tracker.mode).toBe('stream')
    await waitFor(async () => notes.length >= 3)
    expect(new Set(notes.map((n) => n.requestId))).toEqual(new Set(ids))
    expect(notes.every((n) => n.kind === (n.status === 'REFUSED' ? 'refusal' : 'result'))).toBe(true)
    // "Обновить статус" asks the gateway directly and agrees with what the stream said.
    const st = await tracker.refresh(ids[0])
    expect(st).toBe((await box.db.requests.get(ids[0]))!.gatewayStatus)
    expect(await box.db.statuses.where('requestId').equals(ids[0]).count()).toBeGreaterThanOrEqual(2)
    await tracker.stop()
    await box.close()
  }, 60_000)

  it('falls back to polling with a stored cursor when the stream is unavailable', async () => {
    const box = nodeOutbox(gw)
    await box.login()
    const notes: unknown[] = []
    const noStream = (u: string, i?: RequestInit) => (u.includes('/api/v1/events') ? Promise.reject(new TypeError('proxy blocks event streams')) : fetch(u, i))
    const gateway = OutboxTransport.over({ baseUrl: gw.baseUrl, fetch: noStream, session: box.session, clock: systemClock })
    const tracker = new StatusTracker({ db: box.db, gateway, fetch: noStream, clock: systemClock, notify: { notify: (n) => notes.push(n) }, options: { pollMs: 300, streamRetryMs: 60_000 } })
    tracker.start()
    const ids = await sendSome(box, 2)
    await waitFor(async () => (await box.db.requests.bulkGet(ids)).every((r) => FINAL.has(r!.gatewayStatus ?? '')))
    expect(tracker.mode).toBe('poll')
    expect(notes.length).toBeGreaterThanOrEqual(2)
    const cursor = (await box.db.meta.get('status.cursor'))?.value
    expect(Number(cursor)).toBeGreaterThan(0)
    await tracker.stop()
    await box.close()
  }, 60_000)

  it('one desk, several people: another scope (a specialist signed in between) never moves the ЦОН\'s cursor past its changes', async () => {
    const box = nodeOutbox(gw)
    await box.login()
    const noStream = (u: string, i?: RequestInit) => (u.includes('/api/v1/events') ? Promise.reject(new TypeError('no stream')) : fetch(u, i))
    // The operator's requests are sent and answered while nobody of the ЦОН follows statuses on this desk.
    const ids = await sendSome(box, 2)
    const regNos = (await box.db.requests.bulkGet(ids)).map((r) => r!.registrationNumber!)
    await waitFor(async () => {
      const answers = await Promise.all(regNos.map(async (n) => (await (await fetch(`${gw.baseUrl}/api/v1/requests/${n}`, { headers: { authorization: `Bearer ${box.session.token()}` } })).json()) as { status: string }))
      return answers.every((a) => FINAL.has(a.status))
    })
    // A specialist of another department signs in on the same profile: the gateway sends them none of these changes,
    // and their cursor runs ahead (the gateway's sequence is global).
    const deptFeed = (u: string, i?: RequestInit) =>
      u.includes('/api/v1/requests') && !u.includes('/api/v1/requests/') ? Promise.resolve(new Response(JSON.stringify({ items: [], cursor: '999999' }), { status: 200 })) : noStream(u, i)
    const specialist = new StatusTracker({ db: box.db, gateway: OutboxTransport.over({ baseUrl: gw.baseUrl, fetch: deptFeed, session: box.session, clock: systemClock }), fetch: deptFeed, clock: systemClock, scope: 'dept:elsewhere' })
    expect(await specialist.pollOnce()).toBe(0)
    expect((await box.db.meta.get('status.cursor:dept:elsewhere'))?.value).toBe('999999')
    // The next operator of the ЦОН signs in: their tracker catches up from the ЦОН's own cursor and sees every status.
    const notes: unknown[] = []
    const operator = new StatusTracker({ db: box.db, gateway: OutboxTransport.over({ baseUrl: gw.baseUrl, fetch: noStream, session: box.session, clock: systemClock }), fetch: noStream, clock: systemClock, notify: { notify: (n) => notes.push(n) }, scope: `tson:${OPERATOR.tsonId}` })
    await operator.pollOnce()
    const reqs = await box.db.requests.bulkGet(ids)
    expect(reqs.map((r) => FINAL.has(r!.gatewayStatus ?? ''))).toEqual([true, true])
    expect(notes).toHaveLength(2)
    await box.close()
  }, 60_000)

  it('refresh of a request not yet registered is a coded error', async () => {
    const box = nodeOutbox(gw)
    const gateway = OutboxTransport.over({ baseUrl: gw.baseUrl, fetch: (u, i) => fetch(u, i), session: box.session, clock: systemClock })
    const tracker = new StatusTracker({ db: box.db, gateway, fetch: (u, i) => fetch(u, i), clock: systemClock })
    await box.db.requests.put({ id: 'x', serviceId: 's', state: 'queued', documentHashes: [], createdAt: 1, updatedAt: 1 })
    await expect(tracker.refresh('x')).rejects.toMatchObject({ code: 'OUTBOX_STATUS_UNAVAILABLE' })
    await box.close()
  })
})
