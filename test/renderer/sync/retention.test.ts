import { describe, expect, it } from 'vitest'
import type { OutboxItem, OutboxState, RequestRecord } from '../../../src-renderer/db/types'
import { DEFAULT_RETENTION_DAYS, purgeHandedOver, retentionMs } from '../../../src-renderer/sync/retention'
import { OutboxService } from '../../../src-renderer/sync/OutboxService'
import { freshDb } from '../outbox-helpers'

const DAY = 24 * 3600_000
const NOW = 400 * DAY

function request(id: string, status: string | undefined, statusAgeDays: number, hashes: string[]): RequestRecord {
  return {
    id, serviceId: 's', state: 'queued', documentHashes: hashes, registrationNumber: `N-${id}`,
    ...(status ? { gatewayStatus: status, gatewayStatusAt: NOW - statusAgeDays * DAY } : {}),
    createdAt: NOW - 100 * DAY, updatedAt: NOW - statusAgeDays * DAY,
  }
}
const outboxItem = (id: string, state: OutboxState): OutboxItem => ({
  id: `o-${id}`, idempotencyKey: `k-${id}`, orderingKey: id, state, attempts: 1, nextAttemptAt: 0, createdAt: 0, windowStartedAt: 0, updatedAt: NOW - 90 * DAY, history: [],
})

async function fill() {
  const db = freshDb()
  const reqs = [
    request('issued-old', 'ISSUED', 40, ['h-own', 'h-shared']),
    request('issued-new', 'ISSUED', 10, ['h-new']),
    request('result-ready-old', 'RESULT_READY', 200, ['h-ready']), // result not handed over yet: stays
    request('refused-old', 'REFUSED', 200, ['h-refused']), // refusal not handed over: stays
    request('registered-old', 'REGISTERED', 300, ['h-shared']), // holds the shared scan
    request('issued-unsent', 'ISSUED', 60, ['h-unsent']), // odd, but a queue item not sent keeps it
    request('never-sent', undefined, 300, ['h-never']),
  ]
  await db.requests.bulkAdd(reqs)
  for (const r of reqs) for (const h of r.documentHashes) await db.documents.put({ sha256: h, requestId: r.id, mediaType: 'application/pdf', size: 1, bytes: new Uint8Array([1]), createdAt: 0 })
  await db.outbox.bulkAdd([...reqs.filter((r) => r.id !== 'issued-unsent' && r.id !== 'never-sent').map((r) => outboxItem(r.id, 'sent')), outboxItem('issued-unsent', 'dead'), outboxItem('never-sent', 'pending')])
  await db.statuses.bulkAdd(reqs.map((r) => ({ requestId: r.id, registrationNumber: r.registrationNumber!, status: r.gatewayStatus ?? 'x', at: 1, source: 'poll' as const })))
  return db
}

describe('retention of handed-over requests', () => {
  it('removes only requests handed over longer ago than the kept period, with their queue items, statuses and own scans', async () => {
    const db = await fill()
    const service = new OutboxService({ db, clock: { now: () => NOW } as never })
    await service.counts() // the incremental counts must follow the deletes
    const r = await purgeHandedOver(db, { now: NOW, keepMs: 30 * DAY })
    expect(r).toMatchObject({ requests: 1, outbox: 1, statuses: 1, documents: 1, kept: 1 })
    expect((await db.requests.toCollection().primaryKeys()).sort()).toEqual(['issued-new', 'issued-unsent', 'never-sent', 'refused-old', 'registered-old', 'result-ready-old'])
    expect(await db.documents.get('h-own')).toBeUndefined()
    // the scan another request still holds stays
    expect(await db.documents.get('h-shared')).toBeDefined()
    expect(await db.outbox.get('o-issued-old')).toBeUndefined()
    expect(await db.statuses.where('requestId').equals('issued-old').count()).toBe(0)
    expect((await db.audit.toArray()).filter((a) => a.action === 'retention.purge')).toHaveLength(1)
    expect(await service.counts()).toMatchObject({ sent: 4, dead: 1, pending: 1 })
    // a second run finds nothing more; a shorter period takes the newer one too
    expect((await purgeHandedOver(db, { now: NOW, keepMs: 30 * DAY })).requests).toBe(0)
    expect((await purgeHandedOver(db, { now: NOW, keepMs: 5 * DAY })).requests).toBe(1)
    expect(await db.requests.get('issued-new')).toBeUndefined()
  })

  it('works through many candidates in batches, each its own transaction', async () => {
    const db = freshDb()
    const reqs = Array.from({ length: 450 }, (_, i) => request(`r${String(i).padStart(3, '0')}`, 'ISSUED', 31 + (i % 7), [`h${i}`]))
    await db.requests.bulkAdd(reqs)
    await db.outbox.bulkAdd(reqs.map((r) => outboxItem(r.id, i(r) % 50 === 0 ? 'rejected' : 'sent')))
    function i(r: RequestRecord) {
      return Number(r.id.slice(1))
    }
    const res = await purgeHandedOver(db, { now: NOW, keepMs: 30 * DAY, batch: 100 })
    expect(res.kept).toBe(9)
    expect(res.requests).toBe(441)
    expect(await db.requests.count()).toBe(9)
  })

  it('reads the kept period from the desk setting (days, at least one), else the default', () => {
    const store = (v: string | null) => ({ getItem: () => v })
    expect(retentionMs(store('7'))).toBe(7 * DAY)
    expect(retentionMs(store(null))).toBe(DEFAULT_RETENTION_DAYS * DAY)
    expect(retentionMs(store('0'))).toBe(DEFAULT_RETENTION_DAYS * DAY)
    expect(retentionMs(store('abc'))).toBe(DEFAULT_RETENTION_DAYS * DAY)
    expect(retentionMs({ getItem: () => { throw new Error('denied') } })).toBe(DEFAULT_RETENTION_DAYS * DAY)
  })
})
