/**
 * A request's regulated deadline and how close it is: one rule for the specialist's inbox, the supervisor's board and
 * the dashboards (working-day calendar, CATALOG §3.2). Pure: no DOM, no Node.
 */
import { TERMINAL_STATUSES, type ServiceDefinition } from '../catalog'
import { deadline as regulatedDeadline } from '../calendar'
import type { RequestStatus } from '../gateway/api'

/** Decided or closed: no deadline runs any more. */
export const SETTLED_STATUSES: readonly RequestStatus[] = [...(TERMINAL_STATUSES as readonly RequestStatus[]), 'RESULT_READY']

/** Less than this share of the regulated term left, or less than a day: "near the deadline". */
export const NEAR_SHARE = 0.25
export const NEAR_MIN_MS = 24 * 3600 * 1000

export type DeadlineMark = 'overdue' | 'near' | 'ok' | 'settled' | 'unknown'

export function deadlineMark(status: RequestStatus, receivedAt: number, deadlineAt: number | null, now: number): DeadlineMark {
  if (SETTLED_STATUSES.includes(status)) return 'settled'
  if (deadlineAt === null) return 'unknown'
  const left = deadlineAt - now
  if (left < 0) return 'overdue'
  if (left < NEAR_MIN_MS || left < (deadlineAt - receivedAt) * NEAR_SHARE) return 'near'
  return 'ok'
}

/** The regulated deadline (ms) of a request received at `receivedAt`, or null when it cannot be computed. */
export function regulatedDeadlineAt(service: ServiceDefinition | undefined, receivedAt: number): number | null {
  if (!service) return null
  try {
    return regulatedDeadline(new Date(receivedAt), service.terms.regulated).getTime()
  } catch {
    // A year beyond the holiday table (CALENDAR_YEAR_UNSUPPORTED): shown as "unknown", never guessed.
    return null
  }
}

/**
 * Until when a positive result stays valid (ms), or null when the regulation states no validity for it. The validity
 * a service's terms state (e.g. 002 S3: «Направление должно быть предоставлено в дошкольную организацию в течение
 * пяти дней со дня его выдачи») is that of its main result, the first template: the preschool направление, not the
 * queue notice. Counted from the decision on the working-day calendar (a last day off moves to the next working day).
 */
export function resultValidUntil(service: ServiceDefinition | undefined, templateId: string | undefined, decidedAt: number): number | null {
  const validity = service?.terms.resultValidity
  if (!service || !validity || !templateId || service.result[0]?.id !== templateId) return null
  try {
    return regulatedDeadline(new Date(decidedAt), validity).getTime()
  } catch {
    return null
  }
}

/** "2 д 3 ч" style in the UI's words: whole days and hours (minutes under an hour). */
export function splitDuration(ms: number): { days: number; hours: number; minutes: number } {
  const abs = Math.abs(ms)
  const days = Math.floor(abs / 86_400_000)
  const hours = Math.floor((abs % 86_400_000) / 3_600_000)
  const minutes = Math.floor((abs % 3_600_000) / 60_000)
  return { days, hours, minutes }
}
