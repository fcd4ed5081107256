/** Row ↔ record of the payment tables, shared by the SQLite and PostgreSQL stores (same columns in both). */
import type { PaymentRecord, PaymentTransactionRecord, StatusFilter } from './types'

type Row = Record<string, unknown>

export const PAYMENT_COLUMNS: Record<Exclude<keyof PaymentRecord, never>, string> = {
  requestId: 'request_id', registrationNumber: 'registration_number', serviceId: 'service_id', tsonId: 'tson_id',
  departmentId: 'department_id', amountTiyn: 'amount_tiyn', mrpYear: 'mrp_year', mrpTenge: 'mrp_tenge', mrpPercent: 'mrp_percent',
  offeredAt: 'offered_at', dueAt: 'due_at', state: 'state', paidAt: 'paid_at', receiptNumber: 'receipt_number',
  transactionId: 'transaction_id', channel: 'channel', expiredAt: 'expired_at',
}

export const PAYMENT_TX_COLUMNS: Record<keyof PaymentTransactionRecord, string> = {
  transactionId: 'transaction_id', requestId: 'request_id', registrationNumber: 'registration_number', tsonId: 'tson_id', departmentId: 'department_id', at: 'at',
  amountTiyn: 'amount_tiyn', channel: 'channel', outcome: 'outcome', receiptNumber: 'receipt_number', refundNumber: 'refund_number', reason: 'reason',
}

function fromRow<T>(columns: Record<string, string>, r: Row): T {
  const out: Record<string, unknown> = {}
  for (const [key, col] of Object.entries(columns)) out[key] = r[col] ?? null
  return out as T
}

export const toPayment = (r: Row | undefined): PaymentRecord | undefined => (r ? fromRow<PaymentRecord>(PAYMENT_COLUMNS, r) : undefined)
export const toPaymentTx = (r: Row | undefined): PaymentTransactionRecord | undefined => (r ? fromRow<PaymentTransactionRecord>(PAYMENT_TX_COLUMNS, r) : undefined)

/** Column list and values of a record, in the order of `columns`, for an INSERT. */
export function insertParts<T extends object>(columns: Record<string, string>, rec: T): { cols: string[]; values: unknown[] } {
  const keys = Object.keys(columns)
  return { cols: keys.map((k) => columns[k]), values: keys.map((k) => (rec as Record<string, unknown>)[k] ?? null) }
}

/** `AND tson_id = ? AND department_id = ?` for a who-sees-what filter; `ph(i)` makes the i-th placeholder. */
export function filterSql(f: StatusFilter, ph: (i: number) => string, start: number): { sql: string; args: unknown[] } {
  const parts: string[] = []
  const args: unknown[] = []
  if (f.tsonId) parts.push(`tson_id = ${ph(start + args.push(f.tsonId) - 1)}`)
  if (f.departmentId) parts.push(`department_id = ${ph(start + args.push(f.departmentId) - 1)}`)
  return { sql: parts.map((p) => ` AND ${p}`).join(''), args }
}

/**
 * A payment's last event (offered, paid or expired) as the indexed `last_event_at` column, so `paymentsSince` reads an
 * index range instead of computing GREATEST(...) over every payment. Both stores write it with every insert and
 * update through these two builders; `greatest` is the dialect's many-argument maximum (SQLite MAX, PostgreSQL GREATEST).
 */
type Greatest = 'MAX' | 'GREATEST'
const EVENT_KEYS = ['offeredAt', 'paidAt', 'expiredAt'] as const

export function paymentInsert(p: PaymentRecord, ph: (i: number) => string): { sql: string; args: unknown[] } {
  const { cols, values } = insertParts(PAYMENT_COLUMNS, p)
  cols.push('last_event_at')
  values.push(Math.max(p.offeredAt, p.paidAt ?? 0, p.expiredAt ?? 0))
  return { sql: `INSERT INTO payments (${cols.join(', ')}) VALUES (${cols.map((_, i) => ph(i + 1)).join(', ')})`, args: values }
}

export function paymentUpdate(requestId: string, patch: Partial<Omit<PaymentRecord, 'requestId'>>, ph: (i: number) => string, greatest: Greatest): { sql: string; args: unknown[] } | null {
  const keys = Object.keys(patch) as (keyof typeof patch)[]
  if (!keys.length) return null
  const args: unknown[] = keys.map((k) => patch[k] ?? null)
  const sets = keys.map((k, i) => `${PAYMENT_COLUMNS[k]} = ${ph(i + 1)}`)
  if (EVENT_KEYS.some((k) => k in patch)) {
    // SET expressions read the row as it was: the new value of a changed column is passed again.
    const parts = EVENT_KEYS.map((k) => {
      if (!(k in patch)) return `COALESCE(${PAYMENT_COLUMNS[k]}, 0)`
      args.push(patch[k] ?? 0)
      return ph(args.length)
    })
    sets.push(`last_event_at = ${greatest}(${parts.join(', ')})`)
  }
  args.push(requestId)
  return { sql: `UPDATE payments SET ${sets.join(', ')} WHERE request_id = ${ph(args.length)}`, args }
}

/** Payments with an event at or after `since` (the figures' window), by that index. */
export function paymentsSinceQuery(since: number, filter: StatusFilter, limit: number, ph: (i: number) => string): { sql: string; args: unknown[] } {
  const f = filterSql(filter, (i) => ph(i + 2), 0)
  return { sql: `SELECT * FROM payments WHERE last_event_at >= ${ph(1)}${f.sql} ORDER BY last_event_at LIMIT ${ph(f.args.length + 2)}`, args: [since, ...f.args, limit] }
}
