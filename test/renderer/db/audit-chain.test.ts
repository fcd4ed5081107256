/**
 * The desk's local audit as a hash chain (real Dexie over fake-indexeddb): entries written the usual way are sealed in
 * order, sealing resumes after the last seal, and a rewritten or dropped entry is named by verifyAudit.
 */
import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { ArmDb } from '../../../src-renderer/db/ArmDb'
import { sealAudit, verifyAudit } from '../../../src-renderer/db/auditChain'

describe('local audit chain', () => {
  it('seals new entries in order, resumes, and finds a rewrite or a gap', async () => {
    const db = new ArmDb(`audit-chain-${Math.random()}`)
    await db.audit.bulkAdd([
      { at: 1, action: 'outbox.enqueue', requestId: 'r1', outboxId: 'o1' },
      { at: 2, action: 'outbox.sent', requestId: 'r1', outboxId: 'o1', detail: { registrationNumber: 'GW-1' } },
    ])
    expect(await sealAudit(db)).toBe(2)
    expect(await sealAudit(db)).toBe(0)
    await db.audit.add({ at: 3, action: 'outbox.cancel', requestId: 'r2', outboxId: 'o2', detail: { reason: 'ошибка' } })
    expect(await sealAudit(db)).toBe(1)
    expect(await verifyAudit(db)).toEqual({ ok: true, length: 3 })
    const all = await db.audit.orderBy(':id').toArray()
    expect(all.map((r) => (r as { seq?: number }).seq)).toEqual([1, 2, 3])

    await db.audit.update(all[1].id!, { detail: { registrationNumber: 'GW-2' } })
    expect(await verifyAudit(db)).toEqual({ ok: false, brokenAt: 2 })
    await db.audit.update(all[1].id!, { detail: { registrationNumber: 'GW-1' } })
    expect(await verifyAudit(db)).toEqual({ ok: true, length: 3 })
    await db.audit.delete(all[1].id!)
    expect(await verifyAudit(db)).toEqual({ ok: false, brokenAt: 3 })
    db.close()
  })
})
