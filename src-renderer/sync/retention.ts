import type { ArmDb } from '../db/ArmDb'
import type { RequestRecord } from '../db/types'

/**
 * Retention of the desk's IndexedDB: a request the gateway has finished and whose result was handed over leaves the
 * desk, with its queue items, statuses and scans, once the kept period has passed — the gateway keeps the truth, and a
 * desk that keeps every request forever slows down a little more every day. Never before the hand-over: a request
 * still open, with a result not yet handed over, or with a queue item not yet sent stays whatever its age.
 */

/** Statuses that mean the person got the result (or the refusal) at the counter. */
export const HANDED_OVER_STATUSES = ['ISSUED'] as const

/** Desk setting (localStorage): days a handed-over request stays on the desk; at least 1. */
export const RETENTION_SETTING_KEY = 'arm.retentionDays'
export const DEFAULT_RETENTION_DAYS = 30
const DAY_MS = 24 * 60 * 60 * 1000

type KeyValueStore = { getItem(key: string): string | null }

export function retentionMs(storage?: KeyValueStore): number {
  try {
    const raw = (storage ?? (globalThis as { localStorage?: KeyValueStore }).localStorage)?.getItem(RETENTION_SETTING_KEY)
    const days = raw === null || raw === undefined || raw.trim() === '' ? NaN : Number(raw)
    return (Number.isFinite(days) && days >= 1 ? days : DEFAULT_RETENTION_DAYS) * DAY_MS
  } catch {
    return DEFAULT_RETENTION_DAYS * DAY_MS // storage denied: the default holds
  }
}

export interface PurgeResult {
  requests: number
  documents: number
  outbox: number
  statuses: number
  /** Candidates kept because something of theirs is still under way (a queue item not sent). */
  kept: number
}

/**
 * Removes handed-over requests whose hand-over is older than `keepMs`, in batches (one transaction each, so a crash
 * leaves whole requests either there or gone). Reads only the [gatewayStatus+gatewayStatusAt] range of candidates.
 */
export async function purgeHandedOver(db: ArmDb, opts: { now: number; keepMs: number; batch?: number; maxBatches?: number }): Promise<PurgeResult> {
  const cutoff = opts.now - opts.keepMs
  const batch = opts.batch ?? 200
  const total: PurgeResult = { requests: 0, documents: 0, outbox: 0, statuses: 0, kept: 0 }
  let after: [string, number, string] | undefined
  for (let round = 0; round < (opts.maxBatches ?? 50); round++) {
    const done = await db.transaction('rw', [db.requests, db.outbox, db.statuses, db.documents, db.audit], async () => {
      const candidates: RequestRecord[] = []
      for (const status of HANDED_OVER_STATUSES) {
        if (after && status < after[0]) continue
        const lower = after && status === after[0] ? [status, after[1]] : [status, -Infinity]
        const rows = await db.requests.where('[gatewayStatus+gatewayStatusAt]').between(lower, [status, cutoff], true, false).limit(batch - candidates.length + 1).toArray()
        // rows at exactly the last position were looked at in the previous batch
        candidates.push(...rows.filter((r) => !(after && r.gatewayStatus === after[0] && r.gatewayStatusAt === after[1] && r.id <= after[2])))
        if (candidates.length >= batch) break
      }
      if (!candidates.length) return true
      const last = candidates[candidates.length - 1]
      after = [last.gatewayStatus!, last.gatewayStatusAt!, last.id]
      const removed: string[] = []
      for (const r of candidates) {
        const items = await db.outbox.where('orderingKey').equals(r.id).toArray()
        if (items.some((i) => i.state !== 'sent' && i.state !== 'cancelled')) {
          total.kept++
          continue
        }
        await db.outbox.bulkDelete(items.map((i) => i.id))
        total.outbox += items.length
        total.statuses += await db.statuses.where('requestId').equals(r.id).delete()
        await db.requests.delete(r.id)
        // A scan goes with the last request that holds it.
        for (const hash of new Set(r.documentHashes)) {
          if ((await db.requests.where('documentHashes').equals(hash).count()) > 0) continue
          if (await db.documents.get(hash)) {
            await db.documents.delete(hash)
            total.documents++
          }
        }
        removed.push(r.id)
        total.requests++
      }
      if (removed.length) await db.audit.add({ at: opts.now, action: 'retention.purge', detail: { requests: removed.length, keepDays: Math.round(opts.keepMs / DAY_MS) } })
      return candidates.length < batch
    })
    if (done) break
  }
  return total
}
