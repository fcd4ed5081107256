/**
 * The specialist's inbox as data: rows with the catalogue's service name, the masked applicant, the regulated
 * deadline (working-day calendar, CATALOG §3.2) and how much time is left; the filters and the sort of the table.
 * Pure functions (no DOM, no React) so the same rules serve the table, the supervisor's board and the tests.
 */
import { TERMINAL_STATUSES, type ServiceDefinition } from '@shared/catalog'
import { deadline as regulatedDeadline } from '@shared/calendar'
import type { Lang } from '@shared/errors'
import type { InboxItem, RequestStatus } from '@shared/gateway/api'
import { maskIdentifier } from '@shared/identity'

/** What the inbox needs from the catalogue (ServiceCatalog satisfies it). */
export interface InboxCatalog {
  find(id: string): ServiceDefinition | undefined
}

/** Decided or closed: no deadline runs any more. */
const SETTLED: readonly RequestStatus[] = [...(TERMINAL_STATUSES as readonly RequestStatus[]), 'RESULT_READY']

/** Less than this share of the regulated term left, or less than a day: "near the deadline". */
export const NEAR_SHARE = 0.25
export const NEAR_MIN_MS = 24 * 3600 * 1000

export type DeadlineMark = 'overdue' | 'near' | 'ok' | 'settled' | 'unknown'

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
}

export function applicantOfEnvelope(env: Record<string, unknown>): string {
  const a = env.applicant as { iin?: unknown; bin?: unknown } | undefined
  const v = a?.iin ?? a?.bin
  return typeof v === 'string' ? v : ''
}

export function deadlineMark(status: RequestStatus, receivedAt: number, deadlineAt: number | null, now: number): DeadlineMark {
  if (SETTLED.includes(status)) return 'settled'
  if (deadlineAt === null) return 'unknown'
  const left = deadlineAt - now
  if (left < 0) return 'overdue'
  if (left < NEAR_MIN_MS || left < (deadlineAt - receivedAt) * NEAR_SHARE) return 'near'
  return 'ok'
}

export function toRow(item: InboxItem, catalog: InboxCatalog, lang: Lang, now: number): InboxRow {
  const service = catalog.find(item.serviceId)
  const receivedAt = Date.parse(item.receivedAt)
  let deadlineAt: number | null = null
  if (service) {
    try {
      deadlineAt = regulatedDeadline(new Date(receivedAt), service.terms.regulated).getTime()
    } catch {
      // A year beyond the holiday table (CALENDAR_YEAR_UNSUPPORTED): shown as "unknown", never guessed.
      deadlineAt = null
    }
  }
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
      return rows.filter((r) => !r.assigneeId && !SETTLED.includes(r.status))
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

/** "2 д 3 ч" style in the UI's words: whole days and hours (minutes under an hour). */
export function splitDuration(ms: number): { days: number; hours: number; minutes: number } {
  const abs = Math.abs(ms)
  const days = Math.floor(abs / 86_400_000)
  const hours = Math.floor((abs % 86_400_000) / 3_600_000)
  const minutes = Math.floor((abs % 3_600_000) / 60_000)
  return { days, hours, minutes }
}
