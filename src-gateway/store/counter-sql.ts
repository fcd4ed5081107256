/**
 * The ЦОН counter's reads, one SQL text for both stores (only the placeholder differs): a ЦОН's requests newest first
 * on the (tson_id, received_at, id) index, each with its hand-over, and the survey report grouped per service and ЦОН.
 */
import type { CounterListOptions, CounterState, HandOverRecord, PrintRecord, SurveyRecord, SurveyReportRow } from './types'

type Placeholder = (n: number) => string

/** Statuses after which nothing more happens to a request at the counter (except a refusal's hand-over). */
const CLOSED = `('RESULT_READY', 'REFUSED', 'ISSUED', 'REJECTED', 'CANCELLED', 'EXPIRED')`

const STATE_SQL: Record<CounterState, string> = {
  waiting: `r.status NOT IN ${CLOSED}`,
  ready: `r.status = 'RESULT_READY'`,
  refused: `r.status = 'REFUSED' AND h.request_id IS NULL`,
  issued: `(r.status = 'ISSUED' OR h.request_id IS NOT NULL)`,
}

export const COUNTER_PAGE_DEFAULT = 50

export function counterQuery(tsonId: string, opts: CounterListOptions, ph: Placeholder): { sql: string; args: unknown[] } {
  const args: unknown[] = [tsonId]
  const where = [`r.tson_id = ${ph(1)}`]
  if (opts.state) where.push(STATE_SQL[opts.state])
  if (opts.after) {
    // Each value once per placeholder: SQLite's `?` cannot be referred to twice.
    args.push(opts.after.receivedAt, opts.after.receivedAt, opts.after.id)
    where.push(`(r.received_at < ${ph(args.length - 2)} OR (r.received_at = ${ph(args.length - 1)} AND r.id < ${ph(args.length)}))`)
  }
  args.push(opts.limit ?? COUNTER_PAGE_DEFAULT)
  return {
    sql: `SELECT r.*, h.at AS h_at, h.user_id AS h_user_id, h.tson_id AS h_tson_id, h.kind AS h_kind, h.request_id AS h_request_id
      FROM requests r LEFT JOIN hand_overs h ON h.request_id = r.id
      WHERE ${where.join(' AND ')} ORDER BY r.received_at DESC, r.id DESC LIMIT ${ph(args.length)}`,
    args,
  }
}

export function surveyReportQuery(q: { from: number; to: number; tsonIds?: string[] }, ph: Placeholder, list: (first: number, n: number) => string): { sql: string; args: unknown[] } {
  const args: unknown[] = [q.from, q.to]
  let tson = ''
  if (q.tsonIds) {
    tson = q.tsonIds.length ? ` AND tson_id IN ${list(3, q.tsonIds.length)}` : ' AND false'
    args.push(...q.tsonIds)
  }
  return {
    sql: `SELECT service_id, tson_id, COUNT(*) AS n,
        SUM(CASE WHEN q1 = 1 THEN 1 ELSE 0 END) AS q1_1, SUM(CASE WHEN q1 = 2 THEN 1 ELSE 0 END) AS q1_2, SUM(CASE WHEN q1 = 3 THEN 1 ELSE 0 END) AS q1_3,
        SUM(CASE WHEN q2 = 1 THEN 1 ELSE 0 END) AS q2_1, SUM(CASE WHEN q2 = 2 THEN 1 ELSE 0 END) AS q2_2, SUM(CASE WHEN q2 = 3 THEN 1 ELSE 0 END) AS q2_3
      FROM surveys WHERE at >= ${ph(1)} AND at < ${ph(2)}${tson} GROUP BY service_id, tson_id ORDER BY service_id, tson_id`,
    args,
  }
}

export function toSurveyReportRow(r: Record<string, unknown>): SurveyReportRow {
  const n = (k: string) => Number(r[k] ?? 0)
  return {
    serviceId: r.service_id as string, tsonId: (r.tson_id as string) ?? null, n: n('n'),
    q1: [n('q1_1'), n('q1_2'), n('q1_3')], q2: [n('q2_1'), n('q2_2'), n('q2_3')],
  }
}

type Row = Record<string, unknown>

export function toHandOver(r: Row | undefined, prefix = ''): HandOverRecord | undefined {
  if (!r || r[`${prefix}request_id`] == null) return undefined
  return {
    requestId: r[`${prefix}request_id`] as string, at: Number(r[`${prefix}at`]), userId: r[`${prefix}user_id`] as string,
    tsonId: (r[`${prefix}tson_id`] as string) ?? null, kind: r[`${prefix}kind`] as HandOverRecord['kind'],
  }
}

export function toPrint(r: Row): PrintRecord {
  return {
    seq: Number(r.seq), requestId: r.request_id as string, at: Number(r.at), userId: r.user_id as string, role: r.role as string,
    document: r.document as PrintRecord['document'], reprint: r.reprint === true || r.reprint === 1, reason: (r.reason as string) ?? null,
  }
}

export function toSurvey(r: Row | undefined): SurveyRecord | undefined {
  if (!r) return undefined
  return {
    requestId: r.request_id as string, serviceId: r.service_id as string, tsonId: (r.tson_id as string) ?? null, at: Number(r.at),
    userId: r.user_id as string, q1: Number(r.q1) as SurveyRecord['q1'], q2: Number(r.q2) as SurveyRecord['q2'],
  }
}
