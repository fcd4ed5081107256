import { describe, expect, it } from 'vitest'
import { dateInputText, formatDate, formatDateTime, formatLongDate, formatNumber, formatTime, parseDateInput } from '../../../src-shared/format'

describe('the one formatter', () => {
  it('prints a moment in Kazakhstan time (UTC+5 everywhere), whatever the machine zone', () => {
    // 10:59 UTC is 15:59 in Astana and in Aktau alike since 2024.
    expect(formatDateTime('2026-03-15T10:59:00Z')).toBe('15.03.2026 15:59')
    expect(formatTime(Date.parse('2026-03-15T20:30:00Z'))).toBe('01:30')
    expect(formatDate(Date.parse('2026-03-15T20:30:00Z'))).toBe('16.03.2026')
    // A calendar date is a date, not a moment: no zone shift.
    expect(formatDate('2015-03-15')).toBe('15.03.2015')
  })

  it('writes month names itself in kk, ru, en (Chromium has no kk data to guess from)', () => {
    expect(formatLongDate('2026-03-15T10:00:00Z', 'kk')).toBe('2026 жылғы 15 наурыз')
    expect(formatLongDate('2026-03-15T10:00:00Z', 'ru')).toBe('15 марта 2026 г.')
    expect(formatLongDate('2026-12-01', 'en')).toBe('1 December 2026')
  })

  it('groups thousands with a space', () => {
    expect(formatNumber(1234567)).toBe('1\u00a0234\u00a0567')
    expect(formatNumber(3692, 'ru', 2)).toBe('3\u00a0692,00')
    expect(formatNumber(-1000.5, 'en', 1)).toBe('−1\u00a0000.5')
    expect(formatNumber(999)).toBe('999')
  })

  it('takes dd.mm.yyyy as typed, in every language, and never reinterprets it', () => {
    expect(parseDateInput('15.03.2015')).toBe('2015-03-15')
    expect(parseDateInput('5.3.2015')).toBe('2015-03-05')
    expect(parseDateInput('15/03/2015')).toBe('2015-03-15')
    // Not a month/day swap, not a roll-over, not an ISO guess.
    expect(parseDateInput('03.15.2015')).toBeUndefined()
    expect(parseDateInput('31.02.2015')).toBeUndefined()
    expect(parseDateInput('29.02.2024')).toBe('2024-02-29')
    expect(parseDateInput('29.02.2023')).toBeUndefined()
    expect(parseDateInput('2015-03-15')).toBeUndefined()
    expect(parseDateInput('15.03.15')).toBeUndefined()
    expect(dateInputText('2015-03-15')).toBe('15.03.2015')
    expect(dateInputText('15.03.20')).toBe('15.03.20')
  })
})
