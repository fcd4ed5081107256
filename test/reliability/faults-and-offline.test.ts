/**
 * Reliability scenarios (a) and (c) against the real gateway process: the workstation's outbox (OutboxService +
 * OutboxSender from src-renderer/sync) in this Node process, really signed envelopes, the gateway's own fault injection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signedRequest } from './demoSigner'
import { GatewayProcess, OPERATOR, report } from './gatewayProcess'
import { nodeOutbox } from './nodeOutbox'

let gw: GatewayProcess
beforeAll(async () => {
  gw = await GatewayProcess.start()
})
afterAll(async () => {
  await gw?.dispose()
})

describe('reliability against the real gateway', () => {
  it('(a) faults on — 30 % 5xx, 10 % responses dropped after commit, 10 % 429 with Retry-After — 200 requests: exactly 200 registrations, none twice', async () => {
    const N = 200
    const box = nodeOutbox(gw)
    await box.login()
    const fixtures = await Promise.all(Array.from({ length: N }, () => signedRequest({ tsonId: OPERATOR.tsonId, docSize: 4096 })))
    for (const f of fixtures) await box.service.enqueueSigned(f)
    await gw.setFaults({ error5xxRate: 0.3, dropAfterCommitRate: 0.1, rateLimitRate: 0.1, retryAfterSeconds: 1 })
    const t0 = Date.now()
    box.sender.start()
    const drained = await box.waitDrained(N, 150_000)
    const secs = ((Date.now() - t0) / 1000).toFixed(1)
    await gw.setFaults({})
    const ids = fixtures.map((f) => f.request.envelopeId)
    const tally = gw.tally(ids)
    // The numbers the workstation stored must be the gateway's, one per envelope.
    const reqs = await box.db.requests.bulkGet(fixtures.map((f) => f.request.id))
    const mismatched = reqs.filter((r, i) => !r?.registrationNumber || tally.numbers.get(ids[i]) !== r.registrationNumber).length
    const attempts = (await box.db.outbox.toArray()).reduce((n, i) => n + i.attempts, 0)
    report('a faults', tally, `drained ${drained} in ${secs}s, ${attempts} attempts for ${N} items, client/gateway number mismatches ${mismatched}`)
    await box.close()
    expect(drained).toBe(true)
    expect(tally.registrations).toBe(N)
    expect(tally.duplicates).toBe(0)
    expect(tally.lost).toBe(0)
    expect(mismatched).toBe(0)
    expect(attempts).toBeGreaterThan(N) // the faults really bit
  }, 240_000)

  it('(c) offline for a while (gateway process stopped), then back: everything drains, no busy loop meanwhile', async () => {
    const N = 40
    const box = nodeOutbox(gw, { connectivity: true })
    await box.login()
    const fixtures = await Promise.all(Array.from({ length: N }, () => signedRequest({ tsonId: OPERATOR.tsonId, docSize: 4096 })))
    await gw.stop()
    for (const f of fixtures) await box.service.enqueueSigned(f)
    box.sender.start()
    await new Promise((r) => setTimeout(r, 6_000))
    const offlineAttempts = (await box.db.outbox.toArray()).reduce((n, i) => n + i.attempts, 0)
    const sentOffline = await box.db.outbox.where('state').equals('sent').count()
    expect(box.connectivity!.online).toBe(false)
    const t0 = Date.now()
    await gw.launch() // same port, same database
    const drained = await box.waitDrained(N, 60_000)
    const secs = ((Date.now() - t0) / 1000).toFixed(1)
    const tally = gw.tally(fixtures.map((f) => f.request.envelopeId))
    report('c offline', tally, `offline 6s: ${offlineAttempts} send attempts, ${sentOffline} sent; after restart drained ${drained} in ${secs}s`)
    await box.close()
    expect(sentOffline).toBe(0)
    // While offline the sender waits for the probe; it does not burn attempts (at most one per worker before the first failure is seen).
    expect(offlineAttempts).toBeLessThanOrEqual(12)
    expect(drained).toBe(true)
    expect(tally).toMatchObject({ registrations: N, duplicates: 0, lost: 0 })
  }, 180_000)

  it('(c) variant: fault 100 % (every API connection reset, /health still answering) for a while, then off: everything drains, attempts follow the backoff', async () => {
    const N = 40
    const box = nodeOutbox(gw, { connectivity: true })
    await box.login()
    const fixtures = await Promise.all(Array.from({ length: N }, () => signedRequest({ tsonId: OPERATOR.tsonId, docSize: 4096 })))
    for (const f of fixtures) await box.service.enqueueSigned(f)
    await gw.setFaults({ resetRate: 1 })
    box.sender.start()
    await new Promise((r) => setTimeout(r, 5_000))
    const during = (await box.db.outbox.toArray()).reduce((n, i) => n + i.attempts, 0)
    const sentDuring = await box.db.outbox.where('state').equals('sent').count()
    const t0 = Date.now()
    await gw.setFaults({})
    const drained = await box.waitDrained(N, 60_000)
    const secs = ((Date.now() - t0) / 1000).toFixed(1)
    const tally = gw.tally(fixtures.map((f) => f.request.envelopeId))
    report('c fault 100 %', tally, `5 s of resets: ${during} attempts for ${N} items, ${sentDuring} sent; after faults off drained ${drained} in ${secs}s`)
    await box.close()
    expect(sentDuring).toBe(0)
    // Backoff 100 ms doubling to 2 s: about 6 attempts per item in 5 s; a hot loop would make hundreds.
    expect(during).toBeLessThanOrEqual(N * 10)
    expect(drained).toBe(true)
    expect(tally).toMatchObject({ registrations: N, duplicates: 0, lost: 0 })
  }, 120_000)
})
