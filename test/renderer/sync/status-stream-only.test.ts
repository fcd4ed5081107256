/**
 * The status tracker with polling switched off (desk setting `arm.statusPollMs` = 0): statuses must still arrive, by
 * the gateway's stream alone, and nothing asks `?since=` behind its back — so a passing e2e with the poll off proves
 * push delivery. The real gateway process; pattern A requests are answered by it within a moment.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { OutboxTransport } from '../../../src-renderer/sync/transport'
import { systemClock } from '../../../src-renderer/sync/ports'
import { STATUS_POLL_SETTING_KEY, statusTrackerSettings } from '../../../src-renderer/sync/settings'
import { StatusTracker } from '../../../src-renderer/sync/StatusTracker'
import { ROUTES } from '../../../src-shared/gateway/api'
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

async function waitFor(cond: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms
  while (Date.now() < end) {
    if (await cond()) return
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error('timed out')
}

const store = (v: string | null) => ({ getItem: (k: string) => (k === STATUS_POLL_SETTING_KEY ? v : null) })

describe('desk setting arm.statusPollMs', () => {
  it('0 switches polling off, a period ≥ 1 s replaces 15 s, anything else keeps the defaults', () => {
    expect(statusTrackerSettings(store('0'))).toEqual({ pollMs: 0, streamRetryMs: 2000 })
    expect(statusTrackerSettings(store('5000'))).toEqual({ pollMs: 5000 })
    for (const v of [null, '', '10', '-1', 'off?', 'NaN']) expect(statusTrackerSettings(store(v))).toEqual({})
    expect(statusTrackerSettings({ getItem: () => { throw new Error('storage denied') } })).toEqual({})
  })
})

describe('StatusTracker with polling switched off', () => {
  it('statuses arrive by the stream alone; no poll request is ever made', async () => {
    const box = nodeOutbox(gw)
    await box.login()
    const asked: string[] = []
    const spy = (u: string, i?: RequestInit) => {
      asked.push(new URL(u).pathname + new URL(u).search)
      return fetch(u, i)
    }
    const gateway = OutboxTransport.over({ baseUrl: gw.baseUrl, fetch: spy, session: box.session, clock: systemClock })
    const tracker = new StatusTracker({ db: box.db, gateway, fetch: spy, clock: systemClock, options: statusTrackerSettings(store('0')) })
    tracker.start()
    const f = await signedRequest({ tsonId: OPERATOR.tsonId, serviceId: 'land.cadastral-info', docSize: 1024 })
    await box.service.enqueueSigned(f)
    box.sender.start()
    expect(await box.waitDrained(1, 30_000)).toBe(true)
    await waitFor(async () => ['RESULT_READY', 'REFUSED'].includes((await box.db.requests.get(f.request.id))?.gatewayStatus ?? ''))
    expect(tracker.mode).toBe('stream')
    const sources = (await box.db.statuses.where('requestId').equals(f.request.id).toArray()).map((s) => s.source)
    expect(sources).toContain('stream')
    expect(sources).not.toContain('poll')
    expect(asked.filter((p) => p.startsWith(ROUTES.requests + '?'))).toEqual([])
    expect(asked).toContain(ROUTES.events)
    await tracker.stop()
    await box.close()
  }, 60_000)

  it('a stream that cannot open is retried, never replaced by polling', async () => {
    const box = nodeOutbox(gw)
    await box.login()
    const asked: string[] = []
    const noStream = (u: string, i?: RequestInit) => {
      asked.push(new URL(u).pathname)
      return u.includes(ROUTES.events) ? Promise.reject(new TypeError('blocked')) : fetch(u, i)
    }
    const gateway = OutboxTransport.over({ baseUrl: gw.baseUrl, fetch: noStream, session: box.session, clock: systemClock })
    const tracker = new StatusTracker({ db: box.db, gateway, fetch: noStream, clock: systemClock, options: { pollMs: 0, streamRetryMs: 100 } })
    tracker.start()
    await waitFor(async () => asked.filter((p) => p === ROUTES.events).length >= 3, 10_000)
    expect(asked.filter((p) => p !== ROUTES.events)).toEqual([])
    await tracker.stop()
    await box.close()
  }, 30_000)
})
