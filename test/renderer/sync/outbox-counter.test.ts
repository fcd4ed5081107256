import { describe, expect, it, vi } from 'vitest'
import type { OutboxItem, OutboxState } from '../../../src-renderer/db/types'
import { OutboxCounter, type CountsChannel } from '../../../src-renderer/sync/OutboxCounter'
import { OutboxService } from '../../../src-renderer/sync/OutboxService'
import { freshDb, makeSigned, settle } from '../outbox-helpers'
import type { ArmDb } from '../../../src-renderer/db/ArmDb'

const item = (id: string, state: OutboxState, at = 1): OutboxItem => ({
  id, idempotencyKey: `k-${id}`, orderingKey: `r-${id}`, state, attempts: 0, nextAttemptAt: at, createdAt: at, windowStartedAt: at, updatedAt: at, history: [],
})

async function indexCounts(db: ArmDb) {
  const out: Record<string, number> = {}
  for (const s of ['pending', 'in_flight', 'sent', 'rejected', 'dead', 'cancelled']) out[s] = await db.outbox.where('state').equals(s).count()
  return out
}

/** A channel between two windows of one desk, in memory. */
function channelPair(): [CountsChannel, CountsChannel] {
  const ls: [Set<() => void>, Set<() => void>] = [new Set(), new Set()]
  const end = (mine: number): CountsChannel => ({
    post: () => void setTimeout(() => ls[1 - mine].forEach((l) => l())),
    subscribe: (l) => (ls[mine].add(l), () => void ls[mine].delete(l)),
    close: () => undefined,
  })
  return [end(0), end(1)]
}

describe('OutboxCounter: counts kept incrementally', () => {
  it('follows creates, state changes, bulk writes, modify and deletes without recounting', async () => {
    const db = freshDb()
    await db.outbox.bulkAdd([item('a', 'pending'), item('b', 'sent'), item('c', 'sent'), item('d', 'dead')])
    const counter = new OutboxCounter(db, undefined)
    expect(await counter.get()).toEqual(await indexCounts(db))

    // Every later figure comes from the hooks: a recount would hide a wrong delta.
    const recount = vi.spyOn(counter as unknown as { recount: () => Promise<void> }, 'recount')

    const service = new OutboxService({ db, clock: { now: () => 5, sleep: async () => undefined } as never })
    await service.enqueueSigned(makeSigned())
    await db.outbox.update('a', { state: 'in_flight', updatedAt: 2 })
    await db.outbox.bulkPut([item('e', 'rejected'), { ...item('b', 'sent'), updatedAt: 3 }, { ...item('c', 'cancelled') }])
    await db.outbox.where('state').equals('dead').modify({ state: 'pending' })
    await db.outbox.delete('e')
    await db.outbox.update('a', { attempts: 3 }) // no state change: no move
    await settle()
    expect(counter.current()).toEqual(await indexCounts(db))
    expect(recount).not.toHaveBeenCalled()
    counter.close()
  })

  it('an aborted transaction moves nothing', async () => {
    const db = freshDb()
    const counter = new OutboxCounter(db, undefined)
    await counter.get()
    await expect(
      db.transaction('rw', db.outbox, async () => {
        await db.outbox.add(item('x', 'pending'))
        throw new Error('abort')
      }),
    ).rejects.toThrow('abort')
    await settle()
    expect(counter.current()).toEqual(await indexCounts(db))
    expect(counter.current()!.pending).toBe(0)
    counter.close()
  })

  it('a write racing the first count is counted exactly once', async () => {
    const db = freshDb()
    await db.outbox.bulkAdd(Array.from({ length: 200 }, (_, i) => item(`s${i}`, 'sent')))
    const counter = new OutboxCounter(db, undefined)
    const first = counter.get()
    const writes = Promise.all([db.outbox.add(item('n1', 'pending')), db.outbox.update('s1', { state: 'dead' })])
    await Promise.all([first, writes])
    await db.outbox.add(item('n2', 'pending'))
    await settle()
    expect(counter.current()).toEqual(await indexCounts(db))
    counter.close()
  })

  it("another window's change reaches this window's counts", async () => {
    const db = freshDb()
    const [here, there] = channelPair()
    const mine = new OutboxCounter(db, here)
    // the other window: same database, its own connection and counter
    const other = new (db.constructor as new (n: string) => ArmDb)(db.name)
    const theirs = new OutboxCounter(other, there)
    await mine.get()
    await theirs.get()
    await other.outbox.add(item('z', 'rejected'))
    for (let i = 0; i < 50 && mine.current()?.rejected !== 1; i++) await new Promise((r) => setTimeout(r, 20))
    expect(mine.current()!.rejected).toBe(1)
    expect(theirs.current()!.rejected).toBe(1)
    mine.close()
    theirs.close()
    other.close()
  })
})
