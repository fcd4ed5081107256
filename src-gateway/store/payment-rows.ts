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
