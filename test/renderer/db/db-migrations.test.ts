import 'fake-indexeddb/auto'
import { Dexie } from 'dexie'
import { describe, expect, it } from 'vitest'
import { ArmDb } from '../../../src-renderer/db/ArmDb'
import { declareVersions, LATEST_VERSION, SCHEMA_VERSIONS } from '../../../src-renderer/db/versions'

/** Fills a database created at `version` with records in that version's shape. */
async function seed(db: Dexie, version: number): Promise<void> {
  const doc = new Uint8Array([1, 2, 3, 4, 5])
  await db.table('requests').put({ id: 'r1', serviceId: 's1', state: 'queued', documentHashes: ['h1'], createdAt: 10, updatedAt: 10 })
  await db.table('drafts').put({ id: 'd1', serviceId: 's1', form: { a: 1 }, createdAt: 5, updatedAt: 6 })
  // handed over before v6 stored the status time beside the status
  await db.table('requests').put({ id: 'r9', serviceId: 's1', state: 'queued', documentHashes: ['h9'], gatewayStatus: 'ISSUED', createdAt: 20, updatedAt: 30 })
  if (version === 1) {
    await db.table('documents').put({ sha256: 'h1', requestId: 'r1', mediaType: 'application/pdf', data: doc.buffer.slice(0), createdAt: 10 })
    await db.table('outbox').bulkPut([
      { id: 'o1', idempotencyKey: 'k1', requestId: 'r1', state: 'inflight', attempts: 2, nextAttemptAt: 99, lastError: 'OUTBOX_NETWORK', createdAt: 10 },
      { id: 'o2', idempotencyKey: 'k2', requestId: 'r2', state: 'failed', attempts: 9, nextAttemptAt: 99, createdAt: 11 },
    ])
  } else if (version >= 3) {
    await db.table('documents').put({ sha256: 'h1', requestId: 'r1', mediaType: 'application/pdf', bytes: doc, size: 5, createdAt: 10 })
    await db.table('outbox').bulkPut([
      { id: 'o1', idempotencyKey: 'k1', orderingKey: 'r1', state: 'pending', attempts: 2, nextAttemptAt: 99, lastError: { code: 'OUTBOX_NETWORK', at: 10 }, createdAt: 10, updatedAt: 10, history: [] },
      { id: 'o2', idempotencyKey: 'k2', orderingKey: 'r2', state: 'dead', attempts: 9, nextAttemptAt: 99, createdAt: 11, updatedAt: 11, history: [] },
    ])
    await db.table('statuses').add({ requestId: 'r1', registrationNumber: 'N1', status: 'registered', at: 12, source: 'poll' })
    await db.table('audit').add({ at: 12, action: 'x' })
  } else {
    await db.table('documents').put({ sha256: 'h1', requestId: 'r1', mediaType: 'application/pdf', bytes: doc, size: 5, createdAt: 10 })
    await db.table('outbox').bulkPut([
      { id: 'o1', idempotencyKey: 'k1', requestId: 'r1', state: 'inflight', attempts: 2, nextAttemptAt: 99, lastError: 'OUTBOX_NETWORK', createdAt: 10 },
      { id: 'o2', idempotencyKey: 'k2', requestId: 'r2', state: 'failed', attempts: 9, nextAttemptAt: 99, createdAt: 11 },
    ])
    await db.table('statuses').add({ requestId: 'r1', registrationNumber: 'N1', status: 'registered', at: 12, source: 'poll' })
    await db.table('audit').add({ at: 12, action: 'x' })
  }
}

describe('ArmDb migrations', () => {
  it('declares strictly increasing versions, the last being LATEST_VERSION', () => {
    const nums = SCHEMA_VERSIONS.map((v) => v.version)
    expect(nums).toEqual([...nums].sort((a, b) => a - b))
    expect(new Set(nums).size).toBe(nums.length)
    expect(nums.at(-1)).toBe(LATEST_VERSION)
  })

  for (const from of SCHEMA_VERSIONS.slice(0, -1).map((v) => v.version)) {
    it(`upgrades a database created at v${from} to v${LATEST_VERSION} without losing anything`, async () => {
      const name = `migrate-from-${from}-${Math.random()}`
      const old = new Dexie(name)
      declareVersions(old, from)
      await old.open()
      await seed(old, from)
      old.close()

      const db = new ArmDb(name)
      await db.open()
      expect(db.verno).toBe(LATEST_VERSION)
      expect(await db.drafts.get('d1')).toMatchObject({ form: { a: 1 } })
      expect(await db.requests.get('r1')).toMatchObject({ state: 'queued', documentHashes: ['h1'] })
      const doc = (await db.documents.get('h1'))!
      expect(doc.bytes).toBeInstanceOf(Uint8Array)
      expect([...doc.bytes]).toEqual([1, 2, 3, 4, 5])
      expect(doc.size).toBe(5)
      expect((doc as unknown as Record<string, unknown>).data).toBeUndefined()

      const o1 = (await db.outbox.get('o1'))!
      expect(o1).toMatchObject({ orderingKey: 'r1', state: 'pending', attempts: 2, lastError: { code: 'OUTBOX_NETWORK', at: 10 }, history: [], updatedAt: 10 })
      expect((o1 as unknown as Record<string, unknown>).requestId).toBeUndefined()
      expect((await db.outbox.get('o2'))!.state).toBe('dead')
      // The new compound indexes answer queries over migrated rows.
      expect(await db.outbox.where('[state+nextAttemptAt]').between(['pending', 0], ['pending', 100]).count()).toBe(1)
      expect(await db.outbox.where('orderingKey').equals('r2').count()).toBe(1)
      expect(await db.outbox.where('idempotencyKey').equals('k1').count()).toBe(1)
      if (from >= 2) expect(await db.statuses.where('registrationNumber').equals('N1').count()).toBe(1)
      await db.statuses.add({ requestId: 'r1', registrationNumber: 'N2', status: 'result', at: 20, source: 'stream' })
      await db.audit.add({ at: 20, action: 'after-migration' })
      await db.meta.put({ key: 'status.cursor', value: '7' })
      expect(await db.statuses.where('seq').equals(0).count()).toBe(0)
      // v5: a status change finds its request by envelope id; drafts are listed per person (old ones have no owner).
      await db.requests.update('r1', { envelopeId: 'env-r1' })
      expect((await db.requests.where('envelopeId').equals('env-r1').first())?.id).toBe('r1')
      expect(await db.drafts.where('ownerId').equals('u-1').count()).toBe(0)
      expect((await db.drafts.get('d1'))?.ownerId).toBeUndefined()
      // v6: handed-over requests by status time (backfilled from updatedAt) and requests by the scans they hold.
      expect(await db.requests.where('[gatewayStatus+gatewayStatusAt]').between(['ISSUED', 0], ['ISSUED', 100]).primaryKeys()).toEqual(['r9'])
      expect((await db.requests.get('r9'))?.gatewayStatusAt).toBe(30)
      expect(await db.requests.where('documentHashes').equals('h1').primaryKeys()).toEqual(['r1'])
      db.close()
    })
  }

  it('the idempotency key stays unique after migration', async () => {
    const db = new ArmDb(`uniq-${Math.random()}`)
    await db.outbox.add({ id: 'a', idempotencyKey: 'same', orderingKey: 'r', state: 'pending', attempts: 0, nextAttemptAt: 0, createdAt: 0, updatedAt: 0, history: [] })
    await expect(
      db.outbox.add({ id: 'b', idempotencyKey: 'same', orderingKey: 'r', state: 'pending', attempts: 0, nextAttemptAt: 0, createdAt: 0, updatedAt: 0, history: [] }),
    ).rejects.toThrow()
    db.close()
  })
})
