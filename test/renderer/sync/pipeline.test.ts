import { afterEach, describe, expect, it } from 'vitest'
import { OutboxTransport } from '../../../src-renderer/sync/transport'
import { LocalWake, OutboxService } from '../../../src-renderer/sync/OutboxService'
import { OutboxSender, type SenderEvent, type SenderLimits } from '../../../src-renderer/sync/OutboxSender'
import { InProcessLock, type FetchPort } from '../../../src-renderer/sync/ports'
import { WriteBatcher } from '../../../src-renderer/sync/WriteBatcher'
import { FakeClock, FakeGateway, FakeSession, freshDb, makeSigned, until } from '../outbox-helpers'

/**
 * The drain pipeline (issue 6, sync bench): items claimed ahead of the free slots, sent items recorded by group
 * commit, progress written at most once a second. None of it may weaken a guarantee: an item claimed but never
 * started is handed back as it was, every sent item gets its own record, progress and lease still reach the store on
 * a long upload.
 */
const senders: OutboxSender[] = []
afterEach(async () => {
  for (const s of senders.splice(0)) await s.stop()
})

function rig(opts: { limits?: Partial<SenderLimits>; wrap?: (inner: FetchPort, clock: FakeClock) => FetchPort } = {}) {
  const db = freshDb()
  const clock = new FakeClock()
  const gw = new FakeGateway()
  const session = new FakeSession(gw)
  const wake = new LocalWake()
  const fetch = opts.wrap ? opts.wrap(gw.fetch, clock) : gw.fetch
  const gateway = OutboxTransport.over({ baseUrl: 'http://gw.test', fetch, session, clock })
  const service = new OutboxService({ db, clock, wake })
  const events: SenderEvent[] = []
  const sender = new OutboxSender({
    db, gateway, session, clock, random: () => 0.5, locks: new InProcessLock(), wake, ownerId: 'w1',
    limits: { concurrency: 1, ...opts.limits }, onEvent: (e) => events.push(e),
  })
  senders.push(sender)
  return { db, clock, gw, service, sender, events }
}

describe('OutboxSender pipeline', () => {
  it('claims ahead of the free slots, and a stop hands the unstarted claims back untouched (no attempt spent, nothing lost)', async () => {
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    let firstPut = false
    const { db, service, sender, gw } = rig({
      wrap: (inner) => async (url, init) => {
        if (init?.method === 'PUT') {
          firstPut = true
          await gate
        }
        return inner(url, init)
      },
    })
    const items = []
    for (let i = 0; i < 5; i++) items.push(await service.enqueueSigned(makeSigned(1)))
    sender.start()
    await until(() => firstPut)
    // One slot on the wire, more claimed behind it (in flight under our lease, each with its attempt recorded).
    await until(async () => (await db.outbox.where('state').equals('in_flight').count()) > 1)
    const claimedAhead = (await db.outbox.where('state').equals('in_flight').count()) - 1
    expect(claimedAhead).toBeGreaterThanOrEqual(1)
    const stopping = sender.stop()
    release()
    await stopping
    const after = await Promise.all(items.map((i) => db.outbox.get(i.id)))
    const sent = after.filter((i) => i!.state === 'sent')
    const back = after.filter((i) => i!.state !== 'sent')
    // The one on the wire finished; every other item is pending exactly as enqueued: no attempt, no lease, no
    // 'interrupted' entry — as if it had never been claimed.
    expect(sent).toHaveLength(1)
    expect(gw.submits).toBe(1)
    expect(back).toHaveLength(4)
    for (const i of back) {
      expect(i!.state).toBe('pending')
      expect(i!.attempts).toBe(0)
      expect(i!.leaseOwner).toBeUndefined()
      expect(i!.history.map((h) => h.kind)).toEqual(['enqueued'])
    }
    // And a new sender sends them all, each once.
    const s2 = new OutboxSender({
      db, gateway: OutboxTransport.over({ baseUrl: 'http://gw.test', fetch: gw.fetch, session: new FakeSession(gw), clock: new FakeClock() }),
      session: new FakeSession(gw), clock: new FakeClock(), random: () => 0.5, locks: new InProcessLock(), ownerId: 'w2', limits: { concurrency: 2 },
    })
    senders.push(s2)
    s2.start()
    await until(async () => (await service.counts()).sent === 5)
    expect(gw.submits).toBe(5)
    for (const i of await db.outbox.bulkGet(items.map((x) => x.id))) expect(i!.history.map((h) => h.kind)).toEqual(['enqueued', 'attempt', 'sent'])
  })

  it('answers that arrive together are recorded in shared transactions, each item with its own request, status and audit', async () => {
    const { db, gw, service, sender, events } = rig({ limits: { concurrency: 6 } })
    let recordTx = 0
    const tx = db.transaction.bind(db) as (...a: unknown[]) => unknown
    ;(db as unknown as { transaction: (...a: unknown[]) => unknown }).transaction = (...a: unknown[]) => {
      // recordSent is the only writer of item, request, status and audit together.
      if (Array.isArray(a[1]) && (a[1] as { name: string }[]).some((t) => t.name === 'statuses')) recordTx++
      return tx(...a)
    }
    const ids = []
    for (let i = 0; i < 18; i++) ids.push((await service.enqueueSigned(makeSigned(1, 200))).id)
    sender.start()
    await until(async () => (await service.counts()).sent === 18)
    expect(gw.submits).toBe(18)
    expect(recordTx).toBeGreaterThan(0)
    expect(recordTx).toBeLessThan(18)
    expect(events.filter((e) => e.type === 'sent').map((e) => e.itemId).sort()).toEqual([...ids].sort())
    const items = await db.outbox.bulkGet(ids)
    const regs = new Set<string>()
    for (const item of items) {
      const req = (await db.requests.get(item!.orderingKey))!
      expect(req.state).toBe('registered')
      regs.add(req.registrationNumber!)
      expect(await db.statuses.where('requestId').equals(item!.orderingKey).count()).toBe(1)
      expect(await db.audit.where('requestId').equals(item!.orderingKey).filter((a) => a.action === 'outbox.sent').count()).toBe(1)
    }
    expect(regs.size).toBe(18)
  })

  it('upload progress: a fast upload pays no progress write; a long one writes progress and renews the lease', async () => {
    // Fast: the clock does not move while scans go up.
    const fast = rig()
    const updates: unknown[] = []
    const spy = (db: typeof fast.db) => {
      const orig = db.outbox.update.bind(db.outbox)
      db.outbox.update = ((key: string, changes: Record<string, unknown>) => {
        updates.push(changes)
        return orig(key, changes as Parameters<typeof orig>[1])
      }) as typeof db.outbox.update
    }
    spy(fast.db)
    const a = await fast.service.enqueueSigned(makeSigned(3))
    fast.sender.start()
    await until(async () => (await fast.db.outbox.get(a.id))!.state === 'sent')
    expect(updates).toHaveLength(0)
    expect(fast.events.filter((e) => e.type === 'progress')).toHaveLength(2)
    expect((await fast.db.outbox.get(a.id))!.progress).toEqual({ sent: 3000, total: 3000 })

    // Slow: every scan takes 1.5 s on the (fake) clock.
    updates.length = 0
    const slow = rig({
      wrap: (inner, clock) => async (url, init) => {
        if (init?.method === 'PUT') clock.t += 1_500
        return inner(url, init)
      },
    })
    spy(slow.db)
    const b = await slow.service.enqueueSigned(makeSigned(3))
    const claimedAt = slow.clock.now()
    slow.sender.start()
    await until(async () => (await slow.db.outbox.get(b.id))!.state === 'sent')
    const written = updates as { progress: { sent: number; total: number }; leaseUntil: number }[]
    expect(written.length).toBeGreaterThanOrEqual(1)
    expect(written[0].progress.total).toBe(3000)
    expect(written[0].progress.sent).toBeLessThan(3000)
    expect(written[0].leaseUntil).toBeGreaterThan(claimedAt + 120_000)
    expect((await slow.db.outbox.get(b.id))!.progress).toEqual({ sent: 3000, total: 3000 })
  })
})

describe('WriteBatcher', () => {
  it('commits what queued meanwhile together, settles each caller with its batch, and a failed batch fails only its callers', async () => {
    const batches: number[][] = []
    let failNext = false
    const w = new WriteBatcher<number>(
      async (xs) => {
        await new Promise((r) => setTimeout(r, 5))
        if (failNext) {
          failNext = false
          throw new Error('disk full')
        }
        batches.push(xs)
      },
      { maxBatch: 3, gatherMs: 1_000 },
    )
    // Three at once reach maxBatch: written without waiting for the gather time.
    const t0 = Date.now()
    await Promise.all([w.record(1), w.record(2), w.record(3)])
    expect(Date.now() - t0).toBeLessThan(900)
    expect(batches).toEqual([[1, 2, 3]])
    // One alone waits for company until flush() says nothing more is coming.
    const lone = w.record(4)
    await new Promise((r) => setTimeout(r, 20))
    expect(batches).toHaveLength(1)
    w.flush()
    await lone
    expect(batches[1]).toEqual([4])
    // A failing batch rejects its callers; the next batch is written normally.
    failNext = true
    const failed = [w.record(5), w.record(6), w.record(7)]
    const results = await Promise.allSettled(failed)
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected'])
    const ok = w.record(8)
    w.flush()
    await ok
    expect(batches[2]).toEqual([8])
  })
})
