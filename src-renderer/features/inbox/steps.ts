/**
 * The steps a request went through (CATALOG §2.6, the СФЕ tables) as the specialist sees them: who moved it into each
 * step, when, how long the step took, and whether it ran over its limit. Registration has the channel's step limit
 * («Регистрация и присвоение номера»: 1 min at a ЦОН, 1.5 min at the provider's desk); the department's own steps
 * (waiting in the inbox, processing) run against the request's regulated deadline.
 */
import type { ServiceDefinition } from '@shared/catalog'
import { TERMINAL_STATUSES } from '@shared/catalog'
import type { RequestStatus } from '@shared/gateway/api'

export interface HistoryEntry {
  status: RequestStatus
  at: string
  by?: string
}

export interface StepRow {
  /** `SIGNED→REGISTERED` is the registration step; otherwise the status the request was in. */
  step: 'registration' | RequestStatus
  startedAt: number
  /** When the step ended (the next step began); null while it runs, or for the final status. */
  endedAt: number | null
  by?: string
  /** How long it took (to now while it runs); null for a final status, which does not last. */
  durationMs: number | null
  /** The limit the step is measured against: a duration (registration) or the regulated deadline. */
  limit: { kind: 'duration'; ms: number } | { kind: 'deadline'; at: number } | null
  overdue: boolean
  running: boolean
}

/** The channel's «register and number» limit from the service's own step table (§2.6), if it has one. */
export function registrationLimitMs(service: ServiceDefinition | undefined, channel: 'tson' | 'provider'): number | null {
  const step = service?.terms.steps[channel]?.find((s) => s.id === 'register')
  return step ? step.seconds * 1000 : null
}

export function requestSteps(p: { signedAt: number | null; history: readonly HistoryEntry[]; dueAt: number | null; now: number; registrationLimitMs: number | null }): StepRow[] {
  const rows: StepRow[] = []
  const history = p.history.map((h) => ({ ...h, ms: Date.parse(h.at) }))
  const registered = history.find((h) => h.status === 'REGISTERED')
  if (registered && p.signedAt !== null && Number.isFinite(p.signedAt)) {
    const took = Math.max(0, registered.ms - p.signedAt)
    rows.push({
      step: 'registration', startedAt: p.signedAt, endedAt: registered.ms, by: registered.by, durationMs: took,
      limit: p.registrationLimitMs === null ? null : { kind: 'duration', ms: p.registrationLimitMs },
      overdue: p.registrationLimitMs !== null && took > p.registrationLimitMs, running: false,
    })
  }
  history.forEach((h, i) => {
    const next = history[i + 1]
    const final = TERMINAL_STATUSES.includes(h.status) || h.status === 'RESULT_READY'
    const end = next ? next.ms : final ? null : p.now
    const running = !next && !final
    const measuredEnd = end ?? h.ms
    rows.push({
      step: h.status, startedAt: h.ms, endedAt: next ? next.ms : null, by: h.by, durationMs: final && !next ? null : measuredEnd - h.ms,
      limit: p.dueAt === null ? null : { kind: 'deadline', at: p.dueAt },
      overdue: p.dueAt !== null && measuredEnd > p.dueAt, running,
    })
  })
  return rows
}
