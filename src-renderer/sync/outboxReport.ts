/**
 * The desk tells the gateway what its outbox holds (POST /desk/outbox) on its sync cycle — waiting items, when the
 * oldest was queued, the last delivery error's code — so the supervisor's queue health shows a stuck desk without
 * anyone walking to it. Apart from the sender: it only reads the outbox (the state index) and never changes it.
 */
import type { DeskOutboxReport } from '@shared/gateway/admin-api'
import type { ArmDb } from '../db/ArmDb'
import type { Gateway } from '../gateway/client'

/** At most this many waiting items are read per report (a desk normally holds a handful; the bench holds 100,000). */
const SCAN_LIMIT = 5000
const FIRST_MS = 5_000
const EVERY_MS = 60_000

export async function outboxReport(db: ArmDb): Promise<DeskOutboxReport> {
  let oldestAt: number | null = null
  let last: { code: string; at: number } | null = null
  await db.outbox.where('state').anyOf('pending', 'in_flight').limit(SCAN_LIMIT).each((item) => {
    if (oldestAt === null || item.createdAt < oldestAt) oldestAt = item.createdAt
    const e = item.lastError
    if (e && /^[A-Z0-9_]{2,64}$/.test(e.code) && (!last || e.at > last.at)) last = { code: e.code, at: e.at }
  })
  const [pending, inFlight] = await Promise.all([db.outbox.where('state').equals('pending').count(), db.outbox.where('state').equals('in_flight').count()])
  return { waiting: pending + inFlight, oldestAt, lastError: (last as { code: string } | null)?.code ?? null }
}

/** Reports soon after start, then every minute while signed in; a failed report waits for the next cycle. */
export function startOutboxReports(db: ArmDb, gateway: Pick<Gateway, 'call'>, signedIn: () => boolean, everyMs = EVERY_MS): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined
  let stopped = false
  const tick = async () => {
    try {
      if (signedIn()) await gateway.call('deskOutbox', { body: await outboxReport(db) })
    } catch {
      // Offline or signed out: the outbox itself shows it on this desk; the next cycle reports again.
    }
    if (!stopped) timer = setTimeout(() => void tick(), everyMs)
  }
  timer = setTimeout(() => void tick(), Math.min(FIRST_MS, everyMs))
  return () => {
    stopped = true
    clearTimeout(timer)
  }
}
