/**
 * The dashboards as data, from the gateway's daily activity rollup (GET /supervision/activity — never the requests
 * themselves): throughput per operator (submissions), per specialist (decisions), per service, ЦОН and department,
 * per day and per week; decisions made after the regulated deadline per day. Names instead of ids throughout.
 */
import type { ServiceDefinition } from '@shared/catalog'
import type { Lang } from '@shared/errors'
import { formatDate } from '@shared/format'
import type { ActivityResponse, OrgUnit, QueueHealth } from '@shared/gateway/admin-api'

export interface NamedCount {
  key: string
  name: string
  n: number
  /** Of those, after the deadline (decisions). */
  late: number
}

export interface Dashboard {
  /** Days from..to, as ms at 00:00 Kazakhstan time. */
  days: number[]
  submitted: number[]
  decided: number[]
  lateDecided: number[]
  /** Per step of the work, how many were done after the request's regulated deadline, per day. */
  lateSteps: Record<LateStep, number[]>
  weeks: Array<{ start: number; submitted: number; decided: number; late: number }>
  byOperator: NamedCount[]
  bySpecialist: NamedCount[]
  byService: NamedCount[]
  byTson: NamedCount[]
  byDepartment: NamedCount[]
  totals: { submitted: number; decided: number; late: number }
}

export interface DashboardCatalog {
  find(id: string): ServiceDefinition | undefined
}

const DAY_MS = 86_400_000
const KZ_MS = 5 * 3_600_000
/** 00:00 in Kazakhstan of a yyyy-mm-dd day, as ms. */
export const dayStart = (day: string): number => Date.parse(`${day}T00:00:00Z`) - KZ_MS
export const dayOf = (ms: number): string => new Date(ms + KZ_MS).toISOString().slice(0, 10)

export const SUBMIT = 'request.submit'
export const DECIDE = 'request.decide'
/** The steps whose overruns the SLA chart shows (the audit actions of the work on a request). */
export const LATE_STEPS = ['request.take', 'request.decide', 'result.print', 'result.hand-over'] as const
export type LateStep = (typeof LATE_STEPS)[number]
const isLateStep = (a: string): a is LateStep => (LATE_STEPS as readonly string[]).includes(a)

export function unitName(units: readonly OrgUnit[], id: string, lang: Lang): string {
  const u = units.find((x) => x.id === id)
  return u ? (lang === 'kk' ? u.nameKk : lang === 'ru' ? u.nameRu : u.nameEn) : id
}

function tally(into: Map<string, NamedCount>, key: string, name: string, n: number, late: number) {
  const c = into.get(key) ?? { key, name, n: 0, late: 0 }
  c.n += n
  c.late += late
  into.set(key, c)
}
const sorted = (m: Map<string, NamedCount>) => [...m.values()].sort((a, b) => b.n - a.n || a.name.localeCompare(b.name, 'ru'))

export function buildDashboard(a: ActivityResponse, units: readonly OrgUnit[], catalog: DashboardCatalog, lang: Lang): Dashboard {
  const days: number[] = []
  for (let t = dayStart(a.from); t <= dayStart(a.to); t += DAY_MS) days.push(t)
  const index = new Map(days.map((d, i) => [dayOf(d), i]))
  const submitted = days.map(() => 0)
  const decided = days.map(() => 0)
  const lateDecided = days.map(() => 0)
  const lateSteps = Object.fromEntries(LATE_STEPS.map((k) => [k, days.map(() => 0)])) as Record<LateStep, number[]>
  const ops = new Map<string, NamedCount>()
  const specs = new Map<string, NamedCount>()
  const services = new Map<string, NamedCount>()
  const tsons = new Map<string, NamedCount>()
  const depts = new Map<string, NamedCount>()
  const actorName = (id: string) => a.actors[id]?.name ?? id
  for (const r of a.rows) {
    const i = index.get(r.day)
    if (i === undefined) continue
    const late = r.late ? r.n : 0
    if (late && isLateStep(r.action)) lateSteps[r.action][i] += late
    const service = catalog.find(r.serviceId)
    const serviceName = service ? service.shortName[lang] || service.name[lang] : r.serviceId
    if (r.action === SUBMIT) {
      submitted[i] += r.n
      tally(ops, r.actorId, actorName(r.actorId), r.n, 0)
      tally(services, r.serviceId, serviceName, r.n, 0)
      if (r.tsonId) tally(tsons, r.tsonId, unitName(units, r.tsonId, lang), r.n, 0)
    } else if (r.action === DECIDE) {
      decided[i] += r.n
      lateDecided[i] += late
      tally(specs, r.actorId, actorName(r.actorId), r.n, late)
      tally(depts, r.departmentId, unitName(units, r.departmentId, lang), r.n, late)
    }
  }
  // Weeks start on Monday (Kazakhstan calendar).
  const weeks = new Map<number, { start: number; submitted: number; decided: number; late: number }>()
  days.forEach((d, i) => {
    const weekday = (new Date(d + KZ_MS).getUTCDay() + 6) % 7
    const start = d - weekday * DAY_MS
    const w = weeks.get(start) ?? { start, submitted: 0, decided: 0, late: 0 }
    w.submitted += submitted[i]
    w.decided += decided[i]
    w.late += lateDecided[i]
    weeks.set(start, w)
  })
  const sum = (xs: number[]) => xs.reduce((x, y) => x + y, 0)
  return {
    days, submitted, decided, lateDecided, lateSteps, weeks: [...weeks.values()],
    byOperator: sorted(ops), bySpecialist: sorted(specs), byService: sorted(services), byTson: sorted(tsons), byDepartment: sorted(depts),
    totals: { submitted: sum(submitted), decided: sum(decided), late: sum(lateDecided) },
  }
}

/** CSV (RFC 4180, `;` for spreadsheets set to Russian/Kazakh, UTF-8 BOM) of every table of the dashboard. */
export function dashboardCsv(d: Dashboard, t: { day: string; submitted: string; decided: string; late: string; section: Record<'byOperator' | 'bySpecialist' | 'byService' | 'byTson' | 'byDepartment', string>; name: string; count: string }): string {
  const q = (v: string | number) => (typeof v === 'number' ? String(v) : `"${v.replace(/"/g, '""')}"`)
  const lines: string[] = [[t.day, t.submitted, t.decided, t.late].map(q).join(';')]
  d.days.forEach((day, i) => lines.push([q(formatDate(day)), d.submitted[i], d.decided[i], d.lateDecided[i]].join(';')))
  for (const key of ['byOperator', 'bySpecialist', 'byService', 'byTson', 'byDepartment'] as const) {
    lines.push('', [q(t.section[key]), q(t.count), q(t.late)].join(';'))
    for (const c of d[key]) lines.push([q(c.name), c.n, c.late].join(';'))
  }
  return '\ufeff' + lines.join('\r\n') + '\r\n'
}

/**
 * Open requests by the day of their deadline, from `back` days ago to `ahead` days on: overdue (before today), nearly
 * due (today and tomorrow) and later — the SLA's state now, from the gateway's rollup. Older deadlines count in the
 * first bar, later ones in the last.
 */
export function dueByDay(h: QueueHealth, now: number, back = 13, ahead = 3): { days: number[]; overdue: number[]; nearly: number[]; later: number[]; totals: { overdue: number; nearly: number } } {
  const today = dayStart(dayOf(now))
  const days: number[] = []
  for (let t = today - back * DAY_MS; t <= today + ahead * DAY_MS; t += DAY_MS) days.push(t)
  const overdue = days.map(() => 0)
  const nearly = days.map(() => 0)
  const later = days.map(() => 0)
  const totals = { overdue: 0, nearly: 0 }
  for (const d of h.dueDays) {
    const at = dayStart(d.day)
    const i = Math.round((Math.min(Math.max(at, days[0]), days[days.length - 1]) - days[0]) / DAY_MS)
    if (at < today) {
      overdue[i] += d.open
      totals.overdue += d.open
    } else if (at <= today + DAY_MS) {
      nearly[i] += d.open
      totals.nearly += d.open
    } else later[i] += d.open
  }
  return { days, overdue, nearly, later, totals }
}
