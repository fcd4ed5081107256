import { describe, expect, it } from 'vitest'
import { ArmError } from '@shared/errors'
import { catalog } from '@shared/catalog'
import { deadline, KZ_CALENDAR, WorkingCalendar } from '@shared/calendar'

const cal = KZ_CALENDAR
const offs = (y: number) => cal.daysOff(y).map((d) => d.date)

describe('Kazakhstan working-day calendar', () => {
  it('weekends are days off, ordinary weekdays are working days', () => {
    expect(cal.isWorkingDay('2026-11-20')).toBe(true) // Friday
    expect(cal.isWorkingDay('2026-11-21')).toBe(false) // Saturday
    expect(cal.isWorkingDay('2026-11-22')).toBe(false) // Sunday
    expect(cal.isWorkingDay('2026-11-23')).toBe(true)
  })

  it('has every fixed public holiday', () => {
    for (const d of ['01-01', '01-02', '01-07', '03-08', '03-21', '03-22', '03-23', '05-01', '05-07', '05-09', '07-06', '03-15', '10-25', '12-16']) {
      expect(cal.isWorkingDay(`2027-${d}`), d).toBe(false)
      expect(cal.dayOff(`2027-${d}`)?.name.kk.length).toBeGreaterThan(0)
    }
    expect(cal.isWorkingDay('2027-12-17')).toBe(true) // 17 December is no longer a holiday
  })

  it('Constitution Day follows the 2026 Constitution (art. 94 p. 2): 30 August up to 2025, none in 2026, 15 March from 2027', () => {
    expect(cal.dayOff('2025-08-30')?.name.ru).toBe('День Конституции Республики Казахстан')
    // 30 August 2026 is a Sunday: no longer a holiday, so no Monday off either.
    expect(cal.dayOff('2026-08-30')).toBeUndefined()
    expect(cal.isWorkingDay('2026-08-31')).toBe(true)
    expect(cal.daysOff(2026).some((d) => /Конституц/.test(d.name.ru))).toBe(false)
    expect(cal.dayOff('2026-03-15')).toBeUndefined()
    expect(cal.isWorkingDay('2026-03-16')).toBe(true)
    expect(cal.dayOff('2027-03-15')?.kind).toBe('holiday') // a Monday
    expect(cal.isWorkingDay('2027-08-30')).toBe(true) // a Monday, no longer a holiday
    // 15 March 2031 is a Saturday: moved to Monday 17 March.
    const c = new WorkingCalendar({ missingYear: 'ignore' })
    expect(c.dayOff('2031-03-17')?.kind).toBe('transfer')
    // A term across the old date: 5 working days from Friday 28 August 2026 end on Friday 4 September.
    expect(cal.addWorkingDays('2026-08-28', 5)).toBe('2026-09-04')
  })

  it('moves a holiday on a weekend to the next working day (2025 matches the official calendar)', () => {
    const t2025 = cal.daysOff(2025).filter((d) => d.kind === 'transfer').map((d) => d.date)
    // 8 March (Sat) → 10 March; Nauryz 22–23 (Sat, Sun) → 24, 25 March; 6 July (Sun) → 7 July;
    // 30 August (Sat) → 1 September; 25 October (Sat) → 27 October
    expect(t2025).toEqual(['2025-03-10', '2025-03-24', '2025-03-25', '2025-07-07', '2025-09-01', '2025-10-27'])
    expect(offs(2024)).toContain('2024-03-25') // Nauryz 23 March 2024 was a Saturday
    expect(offs(2024)).toContain('2024-07-08')
  })

  it('Christmas and Құрбан айт are days off without transfer', () => {
    // 7 January 2024 was a Sunday: no extra Monday off
    expect(cal.isWorkingDay('2024-01-08')).toBe(true)
    // Құрбан айт 16 June 2024 was a Sunday: 17 June is a working day
    expect(cal.dayOff('2024-06-16')?.kind).toBe('religious')
    expect(cal.isWorkingDay('2024-06-17')).toBe(true)
    expect(cal.isWorkingDay('2025-06-06')).toBe(false) // a Friday
    for (const y of [2024, 2025, 2026, 2027, 2028]) expect(cal.daysOff(y).some((d) => d.name.ru === 'Курбан айт')).toBe(true)
  })

  it('a year without a Құрбан айт date is a coded error unless told otherwise', () => {
    try {
      cal.isWorkingDay('2031-03-03')
      expect.unreachable()
    } catch (e) {
      expect((e as ArmError).code).toBe('CALENDAR_YEAR_UNSUPPORTED')
    }
    const lenient = new WorkingCalendar({ missingYear: 'ignore' })
    expect(lenient.isWorkingDay('2031-03-03')).toBe(true)
    const extended = new WorkingCalendar({ kurbanAit: { 2031: '2031-03-28' } })
    expect(extended.isWorkingDay('2031-03-28')).toBe(false)
  })

  it('decree swaps can be configured', () => {
    const c = new WorkingCalendar({ extraDaysOff: ['2026-01-05'], extraWorkingDays: ['2026-01-10'] })
    expect(c.isWorkingDay('2026-01-05')).toBe(false)
    expect(c.isWorkingDay('2026-01-10')).toBe(true)
  })

  it('counts working days across holidays and weekends', () => {
    // Thu 19 March 2026 + 1 working day = Fri 20; + 2 = Thu 26 (21–25 are off: Nauryz and its transfers)
    expect(cal.addWorkingDays('2026-03-19', 1)).toBe('2026-03-20')
    expect(cal.addWorkingDays('2026-03-19', 2)).toBe('2026-03-26')
    expect(cal.workingDaysBetween('2026-03-19', '2026-03-26')).toBe(2)
    expect(cal.addWorkingDays('2026-03-19', 0)).toBe('2026-03-19')
    expect(cal.nextWorkingDay('2025-12-31')).toBe('2026-01-05')
    // many days: the inverse relation holds
    for (const n of [1, 5, 15, 40, 250]) expect(cal.workingDaysBetween('2026-01-01', cal.addWorkingDays('2026-01-01', n))).toBe(n)
  })
})

describe('deadline()', () => {
  // 2026-03-19 10:00 in Astana (UTC+5) = 05:00 UTC
  const start = new Date('2026-03-19T05:00:00Z')

  it('minutes and hours are elapsed time', () => {
    expect(deadline(start, { amount: 30, unit: 'minutes' }).toISOString()).toBe('2026-03-19T05:30:00.000Z')
    expect(deadline(start, { amount: 24, unit: 'hours' }).toISOString()).toBe('2026-03-20T05:00:00.000Z')
  })

  it('working days end at local midnight of the n-th working day, skipping Nauryz', () => {
    const due = deadline(start, { amount: 5, unit: 'workingDays' })
    // Fri 20, Thu 26, Fri 27, Mon 30, Tue 31 March → end of 31 March local = 18:59:59.999 UTC
    expect(due.toISOString()).toBe('2026-03-31T18:59:59.999Z')
    expect(cal.localDate(due)).toBe('2026-03-31')
  })

  it('the start day counts by local time, not UTC', () => {
    // 21:00 UTC on 19 March is already 20 March in Astana
    const late = new Date('2026-03-19T21:00:00Z')
    expect(cal.localDate(late)).toBe('2026-03-20')
    expect(cal.localDate(deadline(late, { amount: 1, unit: 'workingDays' }))).toBe('2026-03-26')
  })

  it('calendar days and months move a last day off to the next working day', () => {
    // archive: 15 calendar days from Fri 10 April 2026 → Sat 25 April → Mon 27 April
    const archive = catalog.get('archive.certificate').terms.regulated
    expect(cal.localDate(deadline(new Date('2026-04-10T04:00:00Z'), archive))).toBe('2026-04-27')
    // 1 month from 31 January 2026 → 28 February (Saturday) → Monday 2 March
    expect(cal.localDate(deadline(new Date('2026-01-31T04:00:00Z'), { amount: 1, unit: 'months' }))).toBe('2026-03-02')
    // 7 calendar days from 1 May 2026 → 8 May (Friday, working)
    expect(cal.localDate(deadline(new Date('2026-05-01T04:00:00Z'), { amount: 7, unit: 'calendarDays' }))).toBe('2026-05-08')
  })

  it('every service term of the catalogue yields a deadline after its start', () => {
    for (const s of catalog.list()) {
      const due = deadline(start, s.terms.regulated)
      expect(due.getTime(), s.id).toBeGreaterThan(start.getTime())
      if (s.terms.resultValidity) expect(deadline(start, s.terms.resultValidity).getTime()).toBeGreaterThan(start.getTime())
    }
  })

  it('bad terms are coded errors', () => {
    for (const t of [{ amount: -1, unit: 'workingDays' }, { amount: 1.5, unit: 'workingDays' }, { amount: 1, unit: 'fortnights' }, { amount: NaN, unit: 'hours' }]) {
      expect(() => deadline(start, t as never)).toThrow(ArmError)
    }
    expect(() => deadline(new Date('x'), { amount: 1, unit: 'hours' })).toThrow(ArmError)
  })
})
