/**
 * The supervisor's queue health, written once for both stores (SQLite `?`, PostgreSQL `$n` placeholders): what each
 * desk last reported of its outbox (one row per desk) and the open requests per deadline day, read from the
 * request_counts rollup — both cost the number of desks or rollup lines, never the number of requests.
 */
import type { DeskOutboxRecord, DueDayCount } from './types'

type Row = Record<string, unknown>
type Placeholder = (n: number) => string

export const DESK_OUTBOX_UPSERT = (ph: Placeholder) =>
  `INSERT INTO desk_outboxes (desk, user_id, tson_id, department_id, waiting, oldest_at, last_error, reported_at)
   VALUES (${[...Array(8).keys()].map((i) => ph(i + 1)).join(', ')})
   ON CONFLICT (desk) DO UPDATE SET user_id = excluded.user_id, tson_id = excluded.tson_id, department_id = excluded.department_id,
     waiting = excluded.waiting, oldest_at = excluded.oldest_at, last_error = excluded.last_error, reported_at = excluded.reported_at`
export const deskOutboxArgs = (r: DeskOutboxRecord) => [r.desk, r.userId, r.tsonId, r.departmentId, r.waiting, r.oldestAt, r.lastError, r.reportedAt]
/** The desks that reported at or after a moment, the most stuck (oldest waiting item) first. */
export const DESK_OUTBOXES_SINCE = (ph: Placeholder) =>
  `SELECT * FROM desk_outboxes WHERE reported_at >= ${ph(1)} ORDER BY CASE WHEN oldest_at IS NULL THEN 1 ELSE 0 END, oldest_at, desk LIMIT 500`
export const toDeskOutbox = (r: Row): DeskOutboxRecord => ({
  desk: r.desk as string, userId: r.user_id as string, tsonId: (r.tson_id as string) ?? null, departmentId: (r.department_id as string) ?? null,
  waiting: Number(r.waiting), oldestAt: r.oldest_at == null ? null : Number(r.oldest_at), lastError: (r.last_error as string) ?? null, reportedAt: Number(r.reported_at),
})

/** Open requests per deadline day (UTC day of the regulated deadline), of one department or all. */
export function openByDueDayQuery(departmentId: string | undefined, ph: Placeholder): { sql: string; args: unknown[] } {
  const args: unknown[] = departmentId ? [departmentId] : []
  return {
    sql: `SELECT day, SUM(n) AS n FROM request_counts WHERE day NOT IN ('', '?')${departmentId ? ` AND department_id = ${ph(1)}` : ''} GROUP BY day HAVING SUM(n) > 0 ORDER BY day`,
    args,
  }
}
export const toDueDay = (r: Row): DueDayCount => ({ day: r.day as string, open: Number(r.n) })
