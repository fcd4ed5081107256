/**
 * The supervisor's queue/deadline board as data: counts per status, per ЦОН and per department, and the overdue
 * requests, all computed from the department inbox the gateway gives a supervisor (GET /inbox).
 */
import type { Lang } from '@shared/errors'
import type { InboxItem, RequestStatus } from '@shared/gateway/api'
import { sortRows, toRow, type InboxCatalog, type InboxRow } from '../model'

export interface Board {
  total: number
  byStatus: Array<{ status: RequestStatus; count: number }>
  byTson: Array<{ tsonId: string; count: number; overdue: number }>
  byDepartment: Array<{ departmentId: string; count: number; overdue: number }>
  overdue: InboxRow[]
  near: number
  decided: InboxRow[]
}

/** The order statuses appear on the board: the request's life (CATALOG §2.3). */
const STATUS_ORDER: RequestStatus[] = ['REGISTERED', 'IN_PROCESSING', 'AWAITING_PAYMENT', 'RESULT_READY', 'ISSUED', 'REFUSED', 'REJECTED', 'EXPIRED', 'CANCELLED']
/** Walk-in requests at the provider carry no ЦОН. */
export const NO_TSON = '—'

function group<K extends string>(rows: InboxRow[], key: (r: InboxRow) => K): Array<{ key: K; count: number; overdue: number }> {
  const m = new Map<K, { key: K; count: number; overdue: number }>()
  for (const r of rows) {
    const k = key(r)
    const g = m.get(k) ?? { key: k, count: 0, overdue: 0 }
    g.count++
    if (r.mark === 'overdue') g.overdue++
    m.set(k, g)
  }
  return [...m.values()].sort((a, b) => b.count - a.count || a.key.localeCompare(b.key))
}

export function buildBoard(items: readonly InboxItem[], catalog: InboxCatalog, lang: Lang, now: number): Board {
  const rows = items.map((i) => toRow(i, catalog, lang, now))
  const counts = new Map<RequestStatus, number>()
  for (const r of rows) counts.set(r.status, (counts.get(r.status) ?? 0) + 1)
  const byStatus = [...counts.entries()]
    .map(([status, count]) => ({ status, count }))
    .sort((a, b) => (STATUS_ORDER.indexOf(a.status) + 1 || 99) - (STATUS_ORDER.indexOf(b.status) + 1 || 99))
  return {
    total: rows.length,
    byStatus,
    byTson: group(rows, (r) => r.item.tsonId ?? NO_TSON).map((g) => ({ tsonId: g.key, count: g.count, overdue: g.overdue })),
    byDepartment: group(rows, (r) => r.item.departmentId).map((g) => ({ departmentId: g.key, count: g.count, overdue: g.overdue })),
    overdue: sortRows(rows.filter((r) => r.mark === 'overdue'), { key: 'leftMs', dir: 'asc' }),
    near: rows.filter((r) => r.mark === 'near').length,
    decided: sortRows(rows.filter((r) => r.status === 'RESULT_READY' || r.status === 'REFUSED' || r.status === 'ISSUED'), { key: 'receivedAt', dir: 'desc' }),
  }
}
