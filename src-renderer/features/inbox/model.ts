/**
 * The specialist's inbox as data: rows with the catalogue's service name, the masked applicant, the regulated
 * deadline (working-day calendar, CATALOG §3.2) and how much time is left; the filters and the sort of the table.
 * Pure functions (no DOM, no React) so the same rules serve the table, the supervisor's board and the tests.
 */
import type { ServiceDefinition } from '@shared/catalog'
import { deadlineMark, regulatedDeadlineAt, SETTLED_STATUSES, type DeadlineMark } from '@shared/deadline'
import type { Lang } from '@shared/errors'
import type { InboxItem, RequestStatus } from '@shared/gateway/api'
import { maskIdentifier } from '@shared/identity'

/** What the inbox needs from the catalogue (ServiceCatalog satisfies it). */
export interface InboxCatalog {
  find(id: string): ServiceDefinition | undefined
}

export { deadlineMark, NEAR_MIN_MS, NEAR_SHARE, splitDuration, type DeadlineMark } from '@shared/deadline'

export interface InboxRow {
  item: InboxItem
  requestId: string
  registrationNumber: string
  serviceId: string
  serviceName: string
  applicantMasked: string
  /** The full identifier, shown only once the request is opened. */
  applicantId: string
  receivedAt: number
  /** Regulated deadline (ms) or null when the service is unknown to this catalogue. */
  deadlineAt: number | null
  /** deadline − now, ms (negative when overdue). */
  leftMs: number | null
  mark: DeadlineMark
  status: RequestStatus
  assigneeId?: string
  /** The assignee's name from the gateway (the list names people, never account ids). */
  assigneeName?: string
}

export function applicantOfEnvelope(env: Record<string, unknown>): string {
  const a = env.applicant as { iin?: unknown; bin?: unknown } | undefined
  const v = a?.iin ?? a?.bin
  return typeof v === 'string' ? v : ''
}

export function toRow(item: InboxItem, catalog: InboxCatalog, lang: Lang, now: number): InboxRow {
  const service = catalog.find(item.serviceId)
  const receivedAt = Date.parse(item.receivedAt)
  // The gateway's deadline when it sends one (it moves with a term extension, TERM_EXTENDED); else the regulated term.
  const deadlineAt = item.dueAt ? Date.parse(item.dueAt) : regulatedDeadlineAt(service, receivedAt)
  const applicantId = applicantOfEnvelope(item.envelope)
  return {
    item,
    requestId: item.requestId,
    registrationNumber: item.registrationNumber,
    serviceId: item.serviceId,
    serviceName: service ? service.shortName[lang] || service.name[lang] : item.serviceId,
    applicantMasked: applicantId ? maskIdentifier(applicantId) : '—',
    applicantId,
    receivedAt,
    deadlineAt,
    leftMs: deadlineAt === null ? null : deadlineAt - now,
    mark: deadlineMark(item.status, receivedAt, deadlineAt, now),
    status: item.status,
    assigneeId: item.assigneeId,
    ...(item.assigneeName ? { assigneeName: item.assigneeName } : {}),
  }
}

export type InboxFilter = 'all' | 'mine' | 'unassigned' | 'overdue'

export function applyFilter(rows: readonly InboxRow[], filter: InboxFilter, meId: string | undefined): InboxRow[] {
  switch (filter) {
    case 'all':
      return [...rows]
    case 'mine':
      return rows.filter((r) => !!meId && r.assigneeId === meId)
    case 'unassigned':
      return rows.filter((r) => !r.assigneeId && !SETTLED_STATUSES.includes(r.status))
    case 'overdue':
      return rows.filter((r) => r.mark === 'overdue')
  }
}

export type SortKey = 'registrationNumber' | 'serviceName' | 'receivedAt' | 'deadlineAt' | 'leftMs' | 'status' | 'assigneeId'
export interface Sort {
  key: SortKey
  dir: 'asc' | 'desc'
}
/** Default: the most urgent first (least time left; unknown deadlines last). */
export const DEFAULT_SORT: Sort = { key: 'leftMs', dir: 'asc' }

export function sortRows(rows: readonly InboxRow[], sort: Sort): InboxRow[] {
  const sign = sort.dir === 'asc' ? 1 : -1
  const val = (r: InboxRow): string | number | null => {
    const v = r[sort.key]
    return v === undefined ? null : v
  }
  return [...rows].sort((a, b) => {
    const x = val(a)
    const y = val(b)
    // Missing values go last whatever the direction, so "unknown" never hides the urgent ones.
    if (x === null && y === null) return a.registrationNumber.localeCompare(b.registrationNumber)
    if (x === null) return 1
    if (y === null) return -1
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'ru')
    return c !== 0 ? sign * c : a.registrationNumber.localeCompare(b.registrationNumber)
  })
}
