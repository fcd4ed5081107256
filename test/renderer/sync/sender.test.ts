import { afterEach, describe, expect, it } from 'vitest'
import { ArmError } from '../../../src-shared/errors'
import { Connectivity } from '../../../src-renderer/sync/Connectivity'
import { OutboxTransport } from '../../../src-renderer/sync/transport'
import { LocalWake, OutboxService } from '../../../src-renderer/sync/OutboxService'
import { OutboxSender, type SenderLimits } from '../../../src-renderer/sync/OutboxSender'
import { InProcessLock, type LockPort } from '../../../src-renderer/sync/ports'
import { FakeClock, FakeGateway, FakeOnline, FakeSession, freshDb, makeSigned, runFor, until } from '../outbox-helpers'

const senders: OutboxSender[] = []
afterEach(async () => {
  for (const s of senders.splice(0)) await s.stop()
})

function rig(opts: { limits?: Partial<SenderLimits>; locks?: LockPort; canReauth?: boolean; withConnectivity?: boolean } = {}) {
  const db = freshDb()
  const clock = new FakeClock()
  const gw = new FakeGateway()
  const session = new FakeSession(gw, opts.canReauth ?? true)
  const wake = new LocalWake()
  const online = new FakeOnline()
  const gateway = OutboxTransport.over({ baseUrl: 'http://gw.test', fetch: gw.fetch, session, clock })
  const connectivity = opts.withConnectivity ? new Connectivity({ online, probe: () => gateway.health(), clock, random: () => 0.5 }) : undefined
  const service = new OutboxService({ db, clock, wake })
  const locks = opts.locks ?? new InProcessLock()
  const mkSender = (ownerId: string) => {
    const s = new OutboxSender({ db, gateway, session, clock, random: () => 0.5, locks, wake, connectivity, ownerId, limits: { concurrency: 2, ...opts.limits } })
    senders.push(s)
    return s
  }
  return { db, clock, gw, session, wake, online, gateway, connectivity, service, mkSender, locks }
}

async function itemOf(db: ReturnType<typeof freshDb>, requestId: string) {
  return (await db.outbox.where('orderingKey').equals(requestId).first())!
}

describe('OutboxService.enqueue', () => {
  it('queues the request and creates the item in one transaction', async () => {
    const { db, service } = rig()
    const s = makeSigned(2)
    const item = await service.enqueueSigned(s)
    expect(item.state).toBe('pending')
    expect(item.idempotencyKey).toBe(`env-${s.request.envelopeId}`)
    expect(item.orderingKey).toBe(s.request.id)
    expect((await db.requests.get(s.request.id))!.state).toBe('queued')
    expect(await db.documents.count()).toBe(2)
    expect(await db.audit.where('requestId').equals(s.request.id).count()).toBe(1)
  })

  it('leaves the request signed and adds nothing when the outbox write fails', async () => {
    const { db, service, clock } = rig()
    const s = makeSigned(1)
    await db.requests.put({ ...s.request, state: 'signed', createdAt: 1, updatedAt: 1 })
    await db.documents.bulkPut(s.documents.map((d) => ({ ...d, requestId: s.request.id, createdAt: 1 })))
    // A stale item holding the same idempotency key makes the add fail inside the transaction.
    await db.outbox.add({ id: 'x', idempotencyKey: `env-${s.request.envelopeId}`, orderingKey: 'other', state: 'sent', attempts: 1, nextAttemptAt: 0, createdAt: 0, updatedAt: 0, history: [] })
    await expect(service.enqueue(s.request.id)).rejects.toThrow()
    expect((await db.requests.get(s.request.id))!.state).toBe('signed')
    expect(await db.outbox.count()).toBe(1)
    expect(await db.audit.count()).toBe(0)
    void clock
  })

  it('refuses an unsigned request with OUTBOX_NOT_SIGNED and a missing scan with OUTBOX_DOCUMENT_MISSING', async () => {
    const { db, service } = rig()
    await db.requests.put({ id: 'd1', serviceId: 's', state: 'draft', documentHashes: [], createdAt: 1, updatedAt: 1 })
    await expect(service.enqueue('d1')).rejects.toMatchObject({ code: 'OUTBOX_NOT_SIGNED' })
    const s = makeSigned(1)
    await db.requests.put({ ...s.request, state: 'signed', createdAt: 1, updatedAt: 1 })
    const err = await service.enqueue(s.request.id).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ArmError)
    expect((err as ArmError).code).toBe('OUTBOX_DOCUMENT_MISSING')
    expect((await db.requests.get(s.request.id))!.state).toBe('signed')
  })
})

describe('OutboxSender', () => {
  it('first attempt PUTs each document by hash (idempotent, no HEAD round trip), then posts the envelope with its Idempotency-Key', async () => {
    const { db, gw, service, mkSender } = rig()
    const s = makeSigned(2)
    gw.attachments.set(s.documents[0].sha256, s.documents[0].bytes) // already on the gateway
    const item = await service.enqueueSigned(s)
    mkSender('w1').start()
    await until(async () => (await db.outbox.get(item.id))!.state === 'sent')
    const calls = gw.calls.map((c) => `${c.method} ${c.path.replace(/[0-9a-f]{64}/, (h) => (h === s.documents[0].sha256 ? 'A' : 'B'))}`)
    expect(calls).toEqual(['PUT /api/v1/attachments/A', 'PUT /api/v1/attachments/B', 'POST /api/v1/requests'])
    expect(gw.calls[2].idem).toBe(item.idempotencyKey)
    expect(gw.attachments.size).toBe(2)
    const req = (await db.requests.get(s.request.id))!
    expect(req.state).toBe('registered')
    expect(req.registrationNumber).toBe('REG-000001')
    expect(await db.statuses.where('requestId').equals(s.request.id).count()).toBe(1)
    const sent = (await db.outbox.get(item.id))!
    expect(sent.progress).toEqual({ sent: 2000, total: 2000 })
    expect(sent.history.map((h) => h.kind)).toEqual(['enqueued', 'attempt', 'sent'])
  })

  it('a retry asks HEAD first and PUTs only the documents the gateway does not hold yet', async () => {
    const { db, gw, clock, service, mkSender } = rig()
    gw.submitFaults.push({ status: 503 })
    const s = makeSigned(2)
    const item = await service.enqueueSigned(s)
    mkSender('w1').start()
    await until(async () => (await db.outbox.get(item.id))!.state === 'pending' && (await db.outbox.get(item.id))!.attempts === 1)
    gw.attachments.delete(s.documents[1].sha256) // as if the gateway lost B: the retry must send it again
    gw.calls.length = 0
    await clock.advance((await db.outbox.get(item.id))!.nextAttemptAt - clock.now())
    await until(async () => (await db.outbox.get(item.id))!.state === 'sent')
    const calls = gw.calls.map((c) => `${c.method} ${c.path.replace(/[0-9a-f]{64}/, (h) => (h === s.documents[0].sha256 ? 'A' : 'B'))}`)
    expect(calls).toEqual(['HEAD /api/v1/attachments/A', 'HEAD /api/v1/attachments/B', 'PUT /api/v1/attachments/B', 'POST /api/v1/requests'])
    expect(gw.submits).toBe(1)
  })

  it('retries 5xx with backoff and honours Retry-After on 429', async () => {
    const { db, gw, clock, service, mkSender } = rig()
    gw.submitFaults.push({ status: 503 }, { status: 429, code: 'GW_RATE_LIMITED', retryAfter: '120' })
    const s = makeSigned(1)
    const item = await service.enqueueSigned(s)
    mkSender('w1').start()
    await until(async () => (await db.outbox.get(item.id))!.attempts === 1 && (await db.outbox.get(item.id))!.state === 'pending')
    let it1 = (await db.outbox.get(item.id))!
    expect(it1.lastError?.code).toBe('GW_UNAVAILABLE')
    const firstDelay = it1.nextAttemptAt - clock.now()
    expect(firstDelay).toBeGreaterThanOrEqual(500)
    expect(firstDelay).toBeLessThanOrEqual(1000)
    await clock.advance(firstDelay)
    await until(async () => (await db.outbox.get(item.id))!.attempts === 2 && (await db.outbox.get(item.id))!.state === 'pending')
    it1 = (await db.outbox.get(item.id))!
    expect(it1.lastError).toMatchObject({ code: 'GW_RATE_LIMITED', httpStatus: 429 })
    expect(it1.nextAttemptAt - clock.now()).toBeGreaterThanOrEqual(120_000)
    await clock.advance(119_000)
    expect((await db.outbox.get(item.id))!.state).toBe('pending')
    await clock.advance(1_000)
    await until(async () => (await db.outbox.get(item.id))!.state === 'sent')
    expect(gw.submits).toBe(1)
  })

  it('a response lost after the gateway committed is retried with the same key and registered once', async () => {
    const { db, gw, clock, service, mkSender } = rig()
    gw.submitFaults.push('drop', 'drop')
    const item = await service.enqueueSigned(makeSigned(1))
    mkSender('w1').start()
    await until(async () => (await db.outbox.get(item.id))!.state === 'sent', clock, 1_000)
    expect(gw.submits).toBe(1)
    const posts = gw.calls.filter((c) => c.method === 'POST')
    expect(posts).toHaveLength(3)
    expect(new Set(posts.map((p) => p.idem)).size).toBe(1)
  })

  it('401 → re-authenticates through the session port and retries at once', async () => {
    const { db, gw, service, session, mkSender } = rig()
    session.current = 'expired'
    const item = await service.enqueueSigned(makeSigned(1))
    mkSender('w1').start()
    await until(async () => (await db.outbox.get(item.id))!.state === 'sent')
    expect(session.reauths).toBe(1)
    expect((await db.outbox.get(item.id))!.attempts).toBe(1)
    expect(gw.calls.filter((c) => c.auth === 'Bearer expired').length).toBe(1)
  })

  it('401 with no way to re-authenticate waits with OUTBOX_REAUTH_REQUIRED instead of rejecting', async () => {
    const { db, service, session, mkSender } = rig({ canReauth: false })
    session.current = 'expired'
    const item = await service.enqueueSigned(makeSigned(1))
    mkSender('w1').start()
    await until(async () => (await db.outbox.get(item.id))!.lastError?.code === 'OUTBOX_REAUTH_REQUIRED')
    expect((await db.outbox.get(item.id))!.state).toBe('pending')
  })

  it('claims several requests in one go but never two versions of one request: the later waits for the earlier', async () => {
    const { db, gw, service, mkSender } = rig({ limits: { concurrency: 4 } })
    const first = await service.enqueueSigned(makeSigned(1))
    // A second version of the same request queued behind the first (same ordering key, later), and other requests.
    const second = { ...first, id: `${first.id}-v2`, idempotencyKey: `${first.idempotencyKey}-v2`, createdAt: first.createdAt + 1, history: [] }
    await db.outbox.add(second)
    const others = [await service.enqueueSigned(makeSigned(1)), await service.enqueueSigned(makeSigned(1))]
    let maxSameRequest = 0
    const poll = setInterval(() => {
      void db.outbox.where('state').equals('in_flight').toArray().then((xs) => {
        const perKey = new Map<string, number>()
        for (const x of xs) perKey.set(x.orderingKey, (perKey.get(x.orderingKey) ?? 0) + 1)
        maxSameRequest = Math.max(maxSameRequest, ...perKey.values(), 0)
      })
    }, 1)
    mkSender('w1').start()
    await until(async () => (await service.counts()).sent === 4).catch(async (e: unknown) => {
      clearInterval(poll)
      throw new Error(`${String(e)} ${JSON.stringify(await service.counts())} ${JSON.stringify(gw.calls.map((c) => c.method))}`)
    })
    clearInterval(poll)
    const posts = gw.calls.filter((c) => c.method === 'POST').map((c) => c.idem)
    expect(posts.indexOf(first.idempotencyKey)).toBeLessThan(posts.indexOf(second.idempotencyKey))
    expect(posts).toHaveLength(4)
    expect(maxSameRequest).toBeLessThanOrEqual(1)
    for (const o of others) expect((await db.outbox.get(o.id))!.state).toBe('sent')
  })

  it('a 4xx rejects only that item, with the gateway code, and the others are still sent', async () => {
    const { db, gw, service, mkSender } = rig()
    const bad = makeSigned(1)
    gw.rejectEnvelope.add(bad.request.envelopeId)
    const a = await service.enqueueSigned(makeSigned(1))
    const b = await service.enqueueSigned(bad)
    const c = await service.enqueueSigned(makeSigned(1))
    mkSender('w1').start()
    await until(async () => (await service.counts()).sent === 2 && (await service.counts()).rejected === 1)
    expect((await db.outbox.get(b.id))!.lastError).toMatchObject({ code: 'GW_SIGNATURE_INVALID', httpStatus: 422 })
    expect((await db.requests.get(bad.request.id))!.state).toBe('rejected')
    expect((await db.outbox.get(a.id))!.state).toBe('sent')
    expect((await db.outbox.get(c.id))!.state).toBe('sent')
    expect(await service.needsAttentionCount()).toBe(1)
    expect((await service.list('needs_attention')).map((i) => i.id)).toEqual([b.id])
  })

  it('past the attempt limit the item is dead; operator retry sends it; cancel needs a reason', async () => {
    const { db, gw, clock, service, mkSender } = rig({ limits: { maxAttempts: 3 } })
    gw.submitFaults.push({ status: 500 }, { status: 500 }, { status: 500 })
    const item = await service.enqueueSigned(makeSigned(1))
    const other = await service.enqueueSigned(makeSigned(1))
    gw.submitFaults.splice(0) // the second item's POSTs must not eat the first's faults; re-add in order below
    gw.submitFaults.push({ status: 500 }, { status: 500 }, { status: 500 }, { status: 500 }, { status: 500 }, { status: 500 })
    mkSender('w1').start()
    await until(async () => (await service.counts()).dead === 2, clock, 2_000)
    const dead = (await db.outbox.get(item.id))!
    expect(dead.attempts).toBe(3)
    expect(dead.history.filter((h) => h.kind === 'attempt')).toHaveLength(3)
    expect(dead.history.at(-1)).toMatchObject({ kind: 'dead', code: 'OUTBOX_DEAD_ATTEMPTS' })
    await expect(service.cancel(other.id, ' ')).rejects.toMatchObject({ code: 'OUTBOX_CANCEL_REASON_REQUIRED' })
    await service.cancel(other.id, 'заявитель отказался')
    expect((await db.requests.get(other.orderingKey))!.state).toBe('cancelled')
    await expect(service.retry(other.id)).rejects.toMatchObject({ code: 'OUTBOX_BAD_STATE' })
    await service.retry(item.id)
    await until(async () => (await db.outbox.get(item.id))!.state === 'sent', clock, 1_000)
    expect(gw.submits).toBe(1)
    expect((await db.outbox.get(other.id))!.state).toBe('cancelled')
  })

  it('an item left in flight by a crashed sender is taken back and the gateway dedupes the repeat', async () => {
    const { db, gw, service, mkSender, clock } = rig()
    const s = makeSigned(1)
    const item = await service.enqueueSigned(s)
    // The crashed sender had claimed the item and the gateway had already registered it (response never stored).
    gw.attachments.set(s.documents[0].sha256, s.documents[0].bytes)
    await gw.fetch('http://gw.test/api/v1/requests', {
      method: 'POST',
      headers: { authorization: 'Bearer tok-1', 'idempotency-key': item.idempotencyKey },
      body: JSON.stringify({ envelope: Buffer.from(s.request.envelope).toString('base64'), signature: s.request.signature }),
    })
    await db.outbox.update(item.id, { state: 'in_flight', attempts: 1, leaseOwner: 'dead-window', leaseUntil: clock.now() + 1e9, nextAttemptAt: clock.now() + 1e9 })
    mkSender('w2').start()
    await until(async () => (await db.outbox.get(item.id))!.state === 'sent')
    const done = (await db.outbox.get(item.id))!
    expect(done.history.map((h) => h.kind)).toContain('interrupted')
    expect(gw.submits).toBe(1)
    expect((await db.requests.get(s.request.id))!.registrationNumber).toBe('REG-000001')
  })

  it('only one sender sends at a time; when it stops the next one takes over', async () => {
    const locks = new InProcessLock()
    const { db, service, mkSender } = rig({ locks })
    const a = mkSender('window-a')
    const b = mkSender('window-b')
    a.start()
    b.start()
    await until(() => a.active)
    expect(b.active).toBe(false)
    await a.stop()
    await until(() => b.active)
    const item = await service.enqueueSigned(makeSigned(1))
    await until(async () => (await db.outbox.get(item.id))!.state === 'sent')
    expect((await db.outbox.get(item.id))!.history.length).toBe(3)
  })

  it('offline: no sends and no busy loop; back online: drains at once', async () => {
    const { db, gw, clock, online, service, mkSender, connectivity } = rig({ withConnectivity: true })
    online.set(false)
    const items = [await service.enqueueSigned(makeSigned(1)), await service.enqueueSigned(makeSigned(1))]
    mkSender('w1').start()
    await clock.advance(10 * 60_000)
    expect(gw.calls.length).toBe(0)
    expect(connectivity!.online).toBe(false)
    // The gateway goes away while the OS says we are online: a network failure, then /health probes with backoff.
    gw.down = true
    online.set(true)
    await until(async () => (await itemOf(db, items[0].orderingKey)).lastError?.code === 'OUTBOX_NETWORK')
    const before = (await db.outbox.toArray()).reduce((n, i) => n + i.attempts, 0)
    const refusedBefore = gw.refused
    await clock.advance(30 * 60_000)
    // Only /health probes, backing off to ~30 s: about 70 in 30 minutes, not thousands.
    expect(gw.refused - refusedBefore).toBeLessThan(100)
    expect(gw.refused - refusedBefore).toBeGreaterThan(10)
    const after = (await db.outbox.toArray()).reduce((n, i) => n + i.attempts, 0)
    expect(after - before).toBe(0) // offline by probe: the sender waits, it does not spin attempts
    gw.down = false
    await clock.advance(30_000) // one probe period at most
    await until(async () => (await service.counts()).sent === 2)
    expect(gw.submits).toBe(2)
  })

  it('past the age limit the item is dead with OUTBOX_DEAD_AGE, and other items keep flowing', async () => {
    const { db, gw, clock, service, mkSender } = rig({ limits: { maxAgeMs: 60_000, maxAttempts: 1000 } })
    const old = await service.enqueueSigned(makeSigned(1))
    gw.submitFaults.push(...Array.from({ length: 40 }, () => ({ status: 503 })))
    mkSender('w1').start()
    await until(async () => (await db.outbox.get(old.id))!.state === 'dead', clock, 5_000)
    const dead = (await db.outbox.get(old.id))!
    expect(dead.history.at(-1)).toMatchObject({ kind: 'dead', code: 'OUTBOX_DEAD_AGE' })
    expect(dead.lastError?.code).toBe('GW_UNAVAILABLE')
    expect(clock.now() - dead.createdAt).toBeGreaterThanOrEqual(60_000)
    gw.submitFaults.splice(0)
    const fresh = await service.enqueueSigned(makeSigned(1))
    await until(async () => (await db.outbox.get(fresh.id))!.state === 'sent', clock, 1_000)
  })

  it('navigator "online" after an OS link loss probes at once instead of waiting out the probe backoff', async () => {
    const { db, gw, clock, online, service, mkSender, connectivity } = rig({ withConnectivity: true })
    const item = await service.enqueueSigned(makeSigned(1))
    gw.down = true
    mkSender('w1').start()
    await until(async () => (await db.outbox.get(item.id))!.lastError?.code === 'OUTBOX_NETWORK')
    await clock.advance(10 * 60_000) // the probe backoff has grown to its cap
    online.set(false)
    gw.down = false
    const probesBefore = gw.calls.length
    online.set(true) // the OS reports the link back: probe now, not after the current backoff sleep
    await until(() => connectivity!.online)
    expect(gw.calls.length).toBeGreaterThan(probesBefore)
    await until(async () => (await db.outbox.get(item.id))!.state === 'sent')
  })

  it('health answers but the API resets every connection: attempts follow the backoff, no hot loop of probe → retry', async () => {
    const { db, gw, clock, service, mkSender } = rig({ withConnectivity: true })
    const item = await service.enqueueSigned(makeSigned(1))
    gw.apiReset = true
    mkSender('w1').start()
    await runFor(clock, 5 * 60_000)
    const attempts = (await db.outbox.get(item.id))!.attempts
    // Backoff 1 s, 2 s, 4 s … capped at 5 min: about 9 attempts in 5 minutes; a hot loop would make hundreds.
    expect(attempts).toBeGreaterThanOrEqual(5)
    expect(attempts).toBeLessThanOrEqual(12)
    expect(gw.refused).toBeLessThan(40)
    gw.apiReset = false
    await until(async () => (await db.outbox.get(item.id))!.state === 'sent', clock, 10_000)
  })
})

describe('one desk, several people', () => {
  it("each item goes out with its signer's token; a signed-out person's queue drains under the next person; an owner without a token waits without locking the desk; each sees only their own queue", async () => {
    const { db, gw, clock, session, wake, gateway } = rig()
    let me = 'u-a'
    const service = new OutboxService({ db, clock, wake, owner: () => me })
    const a = await service.enqueueSigned(makeSigned(1))
    me = 'u-c'
    const c = await service.enqueueSigned(makeSigned(1))
    me = 'u-b'
    const b = await service.enqueueSigned(makeSigned(1))
    expect((await service.list('in_progress')).map((i) => i.id)).toEqual([b.id])
    expect((await service.counts()).pending).toBe(1)
    // A signed out with the token kept; C's was never kept (the window was closed); B sits at the desk now.
    gw.alsoValid.add('tok-a')
    const kept = new Map([['u-a', 'tok-a']])
    const forgotten: string[] = []
    Object.assign(session, {
      tokenFor: (owner: string | undefined) => (!owner || owner === me ? undefined : (kept.get(owner) ?? null)),
      forget: (owner: string) => forgotten.push(owner),
    })
    const sender = new OutboxSender({ db, gateway, session, clock, random: () => 0.5, locks: new InProcessLock(), wake, ownerId: 'w1' })
    senders.push(sender)
    sender.start()
    await until(async () => (await db.outbox.get(a.id))!.state === 'sent' && (await db.outbox.get(b.id))!.state === 'sent')
    const posts = gw.calls.filter((x) => x.method === 'POST')
    expect(posts.map((p) => p.idem).sort()).toEqual([a.idempotencyKey, b.idempotencyKey].sort())
    expect(posts.find((p) => p.idem === a.idempotencyKey)!.auth).toBe('Bearer tok-a')
    expect(posts.find((p) => p.idem === b.idempotencyKey)!.auth).toBe(`Bearer ${gw.validToken}`)
    await until(async () => (await db.outbox.get(c.id))!.lastError?.code === 'OUTBOX_REAUTH_REQUIRED')
    expect((await db.outbox.get(c.id))!.state).toBe('pending')
    expect(gw.calls.some((x) => x.idem === c.idempotencyKey)).toBe(false)
    expect(session.reauths).toBe(0)
    // A's kept token expires at the gateway: A's next item waits for A, the desk (B's) is not locked.
    gw.alsoValid.delete('tok-a')
    me = 'u-a'
    const a2 = await service.enqueueSigned(makeSigned(1))
    me = 'u-b'
    wake.notify()
    await until(async () => (await db.outbox.get(a2.id))!.lastError?.code === 'OUTBOX_REAUTH_REQUIRED')
    expect(forgotten).toContain('u-a')
    expect(session.reauths).toBe(0)
    expect((await service.list('done')).map((i) => i.id)).toEqual([b.id])
  })
})
