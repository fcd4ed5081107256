/**
 * The working-day calendar of the Republic of Kazakhstan and the deadlines of services (CATALOG §3.2, G1, G2).
 *
 * Days off: Saturdays, Sundays and the public holidays. A public holiday that falls on a Saturday or Sunday moves to
 * the next working day; the religious holidays (Orthodox Christmas 7 January, the first day of Құрбан айт) are days
 * off without that transfer.
 *
 * Legal sources: the Law of the Republic of Kazakhstan «О праздниках в Республике Казахстан» of 13 December 2001
 * No. 267-II (the list of holidays and the weekend transfer), and the Constitution of the Republic
 * of Kazakhstan adopted at the republican referendum of 15 March 2026 (in force from 1 July 2026), art. 94 p. 2: the
 * day the Constitution was adopted at the referendum is the state holiday Constitution Day. So 30 August (the 1995
 * Constitution) is a holiday up to 2025; in 2026 Constitution Day is not celebrated (30 August no longer, 15 March not
 * yet: the referendum day itself was an ordinary Sunday); from 2027 it is 15 March. No other holiday of the list is
 * changed by that law as far as the project's sources go (the seeds and /work/shared name none). Government decrees that swap single days are not modelled; pass them as
 * `extraDaysOff` / `extraWorkingDays`.
 *
 * Pure date arithmetic on calendar dates (no time-zone database): instants are converted to Kazakhstan local time with
 * a fixed offset (UTC+5 since 1 March 2024).
 */
import { ArmError } from '../errors'
import type { Localized, Term } from '../catalog/types'

/** `YYYY-MM-DD`. */
export type IsoDate = string

const L = (kk: string, ru: string, en: string): Localized => ({ kk, ru, en })

interface FixedHoliday {
  month: number
  day: number
  name: Localized
  transfer: boolean
  /** First year the holiday is kept (absent: always). */
  fromYear?: number
  /** Last year the holiday is kept (absent: still kept). */
  untilYear?: number
}

const CONSTITUTION_DAY = L('Қазақстан Республикасының Конституциясы күні', 'День Конституции Республики Казахстан', 'Constitution Day')

const NEW_YEAR = L('Жаңа жыл', 'Новый год', 'New Year')
const NAURYZ = L('Наурыз мейрамы', 'Наурыз мейрамы', 'Nauryz')
export const FIXED_HOLIDAYS: readonly FixedHoliday[] = [
  { month: 1, day: 1, name: NEW_YEAR, transfer: true },
  { month: 1, day: 2, name: NEW_YEAR, transfer: true },
  { month: 1, day: 7, name: L('Православиелік Рождество', 'Православное Рождество', 'Orthodox Christmas'), transfer: false },
  { month: 3, day: 8, name: L('Халықаралық әйелдер күні', 'Международный женский день', 'International Women’s Day'), transfer: true },
  { month: 3, day: 21, name: NAURYZ, transfer: true },
  { month: 3, day: 22, name: NAURYZ, transfer: true },
  { month: 3, day: 23, name: NAURYZ, transfer: true },
  { month: 5, day: 1, name: L('Қазақстан халқының бірлігі мерекесі', 'Праздник единства народа Казахстана', 'Unity Day of the People of Kazakhstan'), transfer: true },
  { month: 5, day: 7, name: L('Отан қорғаушы күні', 'День защитника Отечества', 'Defender of the Fatherland Day'), transfer: true },
  { month: 5, day: 9, name: L('Жеңіс күні', 'День Победы', 'Victory Day'), transfer: true },
  { month: 7, day: 6, name: L('Астана күні', 'День столицы', 'Capital City Day'), transfer: true },
  // The 1995 Constitution's day, up to 2025; the 2026 Constitution's day (art. 94 p. 2) from 2027 — none in 2026.
  { month: 8, day: 30, name: CONSTITUTION_DAY, transfer: true, untilYear: 2025 },
  { month: 3, day: 15, name: CONSTITUTION_DAY, transfer: true, fromYear: 2027 },
  { month: 10, day: 25, name: L('Республика күні', 'День Республики', 'Republic Day'), transfer: true },
  { month: 12, day: 16, name: L('Тәуелсіздік күні', 'День Независимости', 'Independence Day'), transfer: true },
]

/**
 * The first day of Құрбан айт (a day off, no transfer). Announced yearly by the Spiritual Administration of Muslims;
 * 2027 and 2028 are the astronomical forecasts and must be checked against the official announcement.
 */
export const KURBAN_AIT: Readonly<Record<number, IsoDate>> = {
  2024: '2024-06-16',
  2025: '2025-06-06',
  2026: '2026-05-27',
  2027: '2027-05-16',
  2028: '2028-05-05',
}
const KURBAN_NAME = L('Құрбан айт', 'Курбан айт', 'Kurban Ait (Eid al-Adha)')
const TRANSFER_NAME = (n: Localized) => L(`${n.kk} (ауыстырылған демалыс)`, `${n.ru} (перенесённый выходной)`, `${n.en} (day off moved)`)

export interface DayOff {
  date: IsoDate
  kind: 'holiday' | 'religious' | 'transfer' | 'decree'
  name: Localized
}

export interface CalendarOptions {
  /** Overrides or extends the Құрбан айт table. */
  kurbanAit?: Record<number, IsoDate>
  /** Extra days off by government decree. */
  extraDaysOff?: IsoDate[]
  /** Saturdays/Sundays made working days by decree. */
  extraWorkingDays?: IsoDate[]
  /** Local time offset from UTC in minutes (Kazakhstan: +300). */
  utcOffsetMinutes?: number
  /** Years without a Құрбан айт date: `throw` (CALENDAR_YEAR_UNSUPPORTED, default) or `ignore` the holiday. */
  missingYear?: 'throw' | 'ignore'
}

const DAY_MS = 86_400_000
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/

function toDayNumber(d: IsoDate): number {
  const m = ISO.exec(d)
  if (!m) throw new ArmError('CALENDAR_TERM_INVALID', `not a date: ${d}`)
  return Date.UTC(+m[1], +m[2] - 1, +m[3]) / DAY_MS
}
function fromDayNumber(n: number): IsoDate {
  return new Date(n * DAY_MS).toISOString().slice(0, 10)
}
const weekday = (n: number) => new Date(n * DAY_MS).getUTCDay() // 0 Sunday … 6 Saturday
const isWeekend = (n: number) => {
  const w = weekday(n)
  return w === 0 || w === 6
}

export class WorkingCalendar {
  private readonly kurban: Record<number, IsoDate>
  private readonly years = new Map<number, Map<IsoDate, DayOff>>()
  private readonly extraOff: Set<IsoDate>
  private readonly extraWork: Set<IsoDate>
  readonly utcOffsetMinutes: number
  private readonly missingYear: 'throw' | 'ignore'

  constructor(opts: CalendarOptions = {}) {
    this.kurban = { ...KURBAN_AIT, ...(opts.kurbanAit ?? {}) }
    this.extraOff = new Set(opts.extraDaysOff ?? [])
    this.extraWork = new Set(opts.extraWorkingDays ?? [])
    this.utcOffsetMinutes = opts.utcOffsetMinutes ?? 300
    this.missingYear = opts.missingYear ?? 'throw'
  }

  /** All days off of a year other than ordinary weekends, in date order. */
  daysOff(year: number): DayOff[] {
    return [...this.yearTable(year).values()].sort((a, b) => (a.date < b.date ? -1 : 1))
  }

  private yearTable(year: number): Map<IsoDate, DayOff> {
    const cached = this.years.get(year)
    if (cached) return cached
    const table = new Map<IsoDate, DayOff>()
    const kurban = this.kurban[year]
    if (!kurban && this.missingYear === 'throw') {
      throw new ArmError('CALENDAR_YEAR_UNSUPPORTED', `no Kurban Ait date for ${year}`, { year })
    }
    const kept = FIXED_HOLIDAYS.filter((h) => (h.fromYear === undefined || year >= h.fromYear) && (h.untilYear === undefined || year <= h.untilYear))
    for (const h of kept) {
      const date = `${year}-${String(h.month).padStart(2, '0')}-${String(h.day).padStart(2, '0')}`
      table.set(date, { date, kind: h.transfer ? 'holiday' : 'religious', name: h.name })
    }
    if (kurban && !table.has(kurban)) table.set(kurban, { date: kurban, kind: 'religious', name: KURBAN_NAME })
    for (const d of this.extraOff) if (d.startsWith(`${year}-`)) table.set(d, { date: d, kind: 'decree', name: L('Қаулы бойынша демалыс', 'Выходной по постановлению', 'Day off by decree') })
    // Transfers in date order, so that e.g. Nauryz on Sat+Sun+Mon moves its weekend days to Tue and Wed.
    const transferable = kept.filter((h) => h.transfer).map((h) => ({ ...h, n: Date.UTC(year, h.month - 1, h.day) / DAY_MS }))
    for (const h of transferable) {
      if (!isWeekend(h.n) || this.extraWork.has(fromDayNumber(h.n))) continue
      let n = h.n + 1
      while (isWeekend(n) || table.has(fromDayNumber(n))) n++
      const date = fromDayNumber(n)
      table.set(date, { date, kind: 'transfer', name: TRANSFER_NAME(h.name) })
    }
    this.years.set(year, table)
    return table
  }

  private dayOffAt(n: number): DayOff | undefined {
    const date = fromDayNumber(n)
    return this.yearTable(+date.slice(0, 4)).get(date)
  }

  private workingAt(n: number): boolean {
    const date = fromDayNumber(n)
    if (this.dayOffAt(n)) return false
    if (isWeekend(n)) return this.extraWork.has(date)
    return true
  }

  isWorkingDay(date: IsoDate): boolean {
    return this.workingAt(toDayNumber(date))
  }
  /** The holiday (or transferred day off) on a date, if any. */
  dayOff(date: IsoDate): DayOff | undefined {
    return this.dayOffAt(toDayNumber(date))
  }
  nextWorkingDay(date: IsoDate): IsoDate {
    let n = toDayNumber(date) + 1
    while (!this.workingAt(n)) n++
    return fromDayNumber(n)
  }
  /** The date itself when it is a working day, else the next working day. */
  sameOrNextWorkingDay(date: IsoDate): IsoDate {
    let n = toDayNumber(date)
    while (!this.workingAt(n)) n++
    return fromDayNumber(n)
  }
  /** The n-th working day after `date` (the start day itself is not counted). */
  addWorkingDays(date: IsoDate, n: number): IsoDate {
    if (!Number.isInteger(n) || n < 0) throw new ArmError('CALENDAR_TERM_INVALID', `working days must be a whole number ≥ 0, got ${n}`)
    let d = toDayNumber(date)
    for (let i = 0; i < n; i++) {
      d++
      while (!this.workingAt(d)) d++
    }
    return fromDayNumber(d)
  }
  /** Working days in (from, to]: how many working days have passed since `from`. */
  workingDaysBetween(from: IsoDate, to: IsoDate): number {
    let count = 0
    const end = toDayNumber(to)
    for (let d = toDayNumber(from) + 1; d <= end; d++) if (this.workingAt(d)) count++
    return count
  }

  /** The local (Kazakhstan) calendar date of an instant. */
  localDate(at: Date): IsoDate {
    return new Date(at.getTime() + this.utcOffsetMinutes * 60_000).toISOString().slice(0, 10)
  }
  /** The instant of local end of day (23:59:59.999) of a date. */
  endOfLocalDay(date: IsoDate): Date {
    return new Date((toDayNumber(date) + 1) * DAY_MS - this.utcOffsetMinutes * 60_000 - 1)
  }

  /**
   * When a service with this regulated term, started at `start`, is due.
   * - minutes / hours: elapsed time from the start;
   * - workingDays: end of the n-th working day after the start day (the day of submission is not counted);
   * - calendarDays / months: end of the day n days / months after the start day; a last day that is a day off moves
   *   to the next working day (Civil Code rule for terms).
   */
  deadline(start: Date, term: Term): Date {
    if (!(start instanceof Date) || Number.isNaN(start.getTime())) throw new ArmError('CALENDAR_TERM_INVALID', 'start is not a valid date')
    if (!(term.amount >= 0) || !Number.isFinite(term.amount)) throw new ArmError('CALENDAR_TERM_INVALID', `bad term amount ${term.amount}`)
    switch (term.unit) {
      case 'minutes':
        return new Date(start.getTime() + term.amount * 60_000)
      case 'hours':
        return new Date(start.getTime() + term.amount * 3_600_000)
      case 'workingDays':
        return this.endOfLocalDay(this.addWorkingDays(this.localDate(start), term.amount))
      case 'calendarDays': {
        if (!Number.isInteger(term.amount)) throw new ArmError('CALENDAR_TERM_INVALID', 'calendar days must be whole')
        const last = fromDayNumber(toDayNumber(this.localDate(start)) + term.amount)
        return this.endOfLocalDay(this.sameOrNextWorkingDay(last))
      }
      case 'months': {
        if (!Number.isInteger(term.amount)) throw new ArmError('CALENDAR_TERM_INVALID', 'months must be whole')
        const [y, m, d] = this.localDate(start).split('-').map(Number)
        const total = y * 12 + (m - 1) + term.amount
        const ty = Math.floor(total / 12)
        const tm = (total % 12) + 1
        const dim = new Date(Date.UTC(ty, tm, 0)).getUTCDate()
        const last = `${ty}-${String(tm).padStart(2, '0')}-${String(Math.min(d, dim)).padStart(2, '0')}`
        return this.endOfLocalDay(this.sameOrNextWorkingDay(last))
      }
      default:
        throw new ArmError('CALENDAR_TERM_INVALID', `unknown term unit ${(term as Term).unit}`)
    }
  }
}

/** The default calendar of the Republic of Kazakhstan. */
export const KZ_CALENDAR = new WorkingCalendar()

/** deadline() on the default calendar. */
export function deadline(start: Date, term: Term): Date {
  return KZ_CALENDAR.deadline(start, term)
}
