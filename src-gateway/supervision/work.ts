/**
 * Where a request stands in the work of its department — one definition used by the store (it writes these facts as
 * columns and rollup keys with every status change, so the inbox and the supervision summary read indexes, never
 * every request) and by the summary service.
 */
import { catalog, TERMINAL_STATUSES } from '../../src-shared/catalog'
import { KZ_CALENDAR, WorkingCalendar } from '../../src-shared/calendar'
import type { Term } from '../../src-shared/catalog/types'
import type { RequestStatus } from '../../src-shared/gateway/api'

/** Decided or closed: the regulated term no longer runs. */
const SETTLED = new Set<RequestStatus>([...(TERMINAL_STATUSES as readonly RequestStatus[]), 'RESULT_READY'])
export const isSettled = (s: RequestStatus): boolean => SETTLED.has(s)

/**
 * The regulated deadline (ms) of a request of this service registered at `receivedAt`: the catalogue's regulated term
 * on the working-day calendar. null when the catalogue does not know the service (no term can be computed).
 */
export function regulatedDueAt(serviceId: string, receivedAt: number): number | null {
  const svc = catalog.find(serviceId)
  if (!svc) return null
  const term = svc.terms.regulated
  if (term.unit === 'minutes' || term.unit === 'hours') return deadline(new Date(receivedAt), term).getTime()
  // Day-based terms end at the end of a local day that depends only on the local start day: computed once per
  // service and day (the calendar walks working days; a bulk load or a busy intake asks the same question often).
  const key = `${serviceId}|${KZ_CALENDAR.localDate(new Date(receivedAt))}`
  let due = dueByDay.get(key)
  if (due === undefined) {
    if (dueByDay.size >= 4096) dueByDay.clear()
    due = deadline(new Date(receivedAt), term).getTime()
    dueByDay.set(key, due)
  }
  return due
}
const dueByDay = new Map<string, number>()

/**
 * The deadline after the one extension (CATALOG G16, TERM_EXTENDED): the regulated term once more, counted from the
 * current deadline on the same working-day calendar (the same function as regulatedDueAt). The regulations name no
 * other length (n/s), so the extension is the service's own regulated term (DEFAULT). null for an unknown service.
 */
export function extendedDueAt(serviceId: string, currentDueAt: number): number | null {
  const svc = catalog.find(serviceId)
  if (!svc) return null
  return deadline(new Date(currentDueAt), svc.terms.regulated).getTime()
}

/**
 * A year without a published Құрбан айт date (far past or future) must not make a request unregistrable: the deadline
 * is then computed without that one holiday (at most one working day early), as the calendar's `ignore` mode does.
 */
const LENIENT = new WorkingCalendar({ missingYear: 'ignore' })
function deadline(start: Date, term: Term): Date {
  try {
    return KZ_CALENDAR.deadline(start, term)
  } catch (err) {
    if ((err as { code?: string }).code !== 'CALENDAR_YEAR_UNSUPPORTED') throw err
    return LENIENT.deadline(start, term)
  }
}

/** An open request of an unknown term sorts after every open request with a deadline. */
const NO_DEADLINE = 8.64e15

/**
 * The inbox's work order as two columns: open requests first (settled = 0), nearest deadline first; then settled ones,
 * newest first (sortKey = −receivedAt). The keyset cursor is (settled, sortKey, id).
 */
export function workOrder(r: { status: RequestStatus; dueAt: number | null; receivedAt: number }): { settled: 0 | 1; sortKey: number } {
  return isSettled(r.status) ? { settled: 1, sortKey: -r.receivedAt } : { settled: 0, sortKey: r.dueAt ?? NO_DEADLINE }
}

/** The rollup day of a request: '' when settled (no term runs), '?' when open with an unknown term, else its due day (UTC). */
export function rollupDay(r: { status: RequestStatus; dueAt: number | null }): string {
  if (isSettled(r.status)) return ''
  if (r.dueAt == null) return '?'
  return new Date(r.dueAt).toISOString().slice(0, 10)
}

export const DAY_MS = 86_400_000
