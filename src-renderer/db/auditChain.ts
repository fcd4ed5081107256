/**
 * The desk's local audit (db.audit) as a hash chain: entries are written by the outbox and intake as before, and
 * sealed here in id order — each gets seq, prevHash and a hash over its fields and the previous hash (the chain walk
 * of src-shared/audit). Sealing is idempotent and resumes after the last sealed entry; a rewritten, dropped or
 * reordered sealed entry makes verifyAudit name it. Retention may drop the oldest entries: the first one left is the
 * anchor.
 */
import { chainStart, nextLink, sha256HexOfText, walkChain, type ChainLink } from '@shared/audit'
import type { ArmDb } from './ArmDb'
import type { AuditRecord } from './types'

type Sealed = AuditRecord & ChainLink

export function localAuditHash(e: Omit<Sealed, 'hash'>): string {
  return sha256HexOfText(JSON.stringify([e.prevHash, e.seq, e.at, e.action, e.requestId ?? null, e.outboxId ?? null, e.detail ?? null]))
}

const isSealed = (r: AuditRecord): r is Sealed => typeof (r as Partial<Sealed>).hash === 'string'

/** Seals every entry written since the last seal; returns how many. */
export async function sealAudit(db: ArmDb): Promise<number> {
  return db.transaction('rw', db.audit, async () => {
    let last: Sealed | undefined
    const unsealed: AuditRecord[] = []
    // From the newest back to the last sealed one (new entries are few between two seals).
    await db.audit.orderBy(':id').reverse().until(() => last !== undefined).each((r) => {
      if (isSealed(r)) last = r
      else unsealed.push(r)
    })
    unsealed.reverse()
    for (const r of unsealed) {
      const base = { ...r, ...nextLink(last) }
      const sealed: Sealed = { ...base, hash: localAuditHash(base) }
      await db.audit.put(sealed)
      last = sealed
    }
    return unsealed.length
  })
}

/** Walks the sealed entries from the oldest kept one; the seq of the first that does not link, or null. */
export async function verifyAudit(db: ArmDb): Promise<{ ok: true; length: number } | { ok: false; brokenAt: number }> {
  const sealed = (await db.audit.orderBy(':id').toArray()).filter(isSealed)
  if (!sealed.length) return { ok: true, length: 0 }
  const cursor = chainStart({ prevHash: sealed[0].prevHash, seq: sealed[0].seq })
  const broken = walkChain(cursor, sealed, localAuditHash)
  return broken === null ? { ok: true, length: cursor.length } : { ok: false, brokenAt: broken }
}
