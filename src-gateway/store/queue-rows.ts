/** A waiting-list row of either store as a QueueEntry (the same columns on SQLite and PostgreSQL). */
import type { QueueEntry } from './types'

type Row = Record<string, unknown>

export function toQueueEntry(r: Row | undefined): QueueEntry | undefined {
  if (!r) return undefined
  const number = r.commission_decision_no
  const date = r.commission_decision_date
  return {
    queue: r.queue as string, category: r.category as string, requestId: r.request_id as string, position: Number(r.position), at: Number(r.at),
    ...(typeof number === 'string' && typeof date === 'string' ? { commissionDecision: { number, date } } : {}),
  }
}
