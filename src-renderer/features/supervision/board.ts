/**
 * The supervisor's queue/deadline board as data: counts per status, per ЦОН and per department, and the overdue
 * requests, all computed from the department inbox the gateway gives a supervisor (GET /inbox).
 */
import type { ServiceDefinition } from '@shared/catalog'
import { deadlineMark, regulatedDeadlineAt, type DeadlineMark } from '@shared/deadline'
import type { Lang } from '@shared/errors'
import type { InboxItem, RequestStatus } from '@shared/gateway/api'

/** One request on the board: its service's name and its deadline mark (the inbox's rule, @shared/deadline). */
export interface BoardRow {
  item: InboxItem
  requestId: string
  registrationNumber: string
  serviceId: string
  serviceName: string
  receivedAt: number
  deadlineAt: number | null
  leftMs: number | null
  mark: DeadlineMark
  status: RequestStatus
  assigneeId?: string
  /** Who works it, by name (never the account id). */
  assigneeName?: string
}

export interface BoardCatalog {
  find(id: string): ServiceDefinition | undefined
}

function toBoardRow(item: InboxItem, catalog: BoardCatalog, lang: Lang, now: number): BoardRow {
  const service = catalog.find(item.serviceId)
  const receivedAt = Date.parse(item.receivedAt)
  const deadlineAt = regulatedDeadlineAt(service, receivedAt)
  return {
    item,
    requestId: item.requestId,
    registrationNumber: item.registrationNumber,
    serviceId: item.serviceId,
    serviceName: service ? service.shortName[lang] || service.name[lang] : item.serviceId,
    receivedAt,
    deadlineAt,
    leftMs: deadlineAt === null ? null : deadlineAt - now,
    mark: deadlineMark(item.status, receivedAt, deadlineAt, now),
    status: item.status,
    assigneeId: item.assigneeId,
    assigneeName: item.assigneeName,
  }
}

export interface Board {
  total: number
  byStatus: Array<{ status: RequestStatus; count: number }>
  byTson: Array<{ tsonId: string; count: number; overdue: number }>
  byDepartment: Array<{ departmentId: string; count: number; overdue: number }>
  overdue: BoardRow[]
  near: number
  decided: BoardRow[]
}

/** The order statuses appear on the board: the request's life (CATALOG §2.3). */
const STATUS_ORDER: RequestStatus[] = ['REGISTERED', 'IN_PROCESSING', 'AWAITING_PAYMENT', 'RESULT_READY', 'ISSUED', 'REFUSED', 'REJECTED', 'EXPIRED', 'CANCELLED']
/** Walk-in requests at the provider carry no ЦОН. */
export const NO_TSON = '—'

function group<K extends string>(rows: BoardRow[], key: (r: BoardRow) => K): Array<{ key: K; count: number; overdue: number }> {
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

export function buildBoard(items: readonly InboxItem[], catalog: BoardCatalog, lang: Lang, now: number): Board {
  const rows = items.map((i) => toBoardRow(i, catalog, lang, now))
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
    overdue: rows.filter((r) => r.mark === 'overdue').sort((a, b) => (a.leftMs ?? 0) - (b.leftMs ?? 0)),
    near: rows.filter((r) => r.mark === 'near').length,
    decided: rows.filter((r) => r.status === 'RESULT_READY' || r.status === 'REFUSED' || r.status === 'ISSUED').sort((a, b) => b.receivedAt - a.receivedAt),
  }
}
