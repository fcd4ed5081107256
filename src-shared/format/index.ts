/**
 * The product's one formatter for dates, times and numbers: the renderer's screens, printing and the gateway use it,
 * so one moment reads the same everywhere. Kazakhstan time is UTC+5 for the whole country (since 1 March 2024), so it
 * is a fixed offset here and never the browser's zone; Kazakh month names are written out here because Chromium has
 * no kk locale data (Intl would guess). Numbers are grouped by thousands with a no-break space.
 */
import type { Lang } from '../errors'

/** UTC+5, the whole of Kazakhstan since 2024-03-01. */
export const KZ_OFFSET_MINUTES = 5 * 60

const MONTHS: Record<Lang, readonly string[]> = {
  kk: ['қаңтар', 'ақпан', 'наурыз', 'сәуір', 'мамыр', 'маусым', 'шілде', 'тамыз', 'қыркүйек', 'қазан', 'қараша', 'желтоқсан'],
  ru: ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
}

export type Moment = number | string | Date

const pad = (n: number) => String(n).padStart(2, '0')

/** The calendar date and wall-clock time in Kazakhstan of a moment (ms, ISO string or Date). */
export function kzParts(at: Moment): { year: number; month: number; day: number; hour: number; minute: number } {
  const ms = typeof at === 'number' ? at : typeof at === 'string' ? Date.parse(at) : at.getTime()
  const d = new Date(ms + KZ_OFFSET_MINUTES * 60_000)
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes() }
}

/** dd.MM.yyyy in Kazakhstan time. A bare calendar date ('2015-03-15') is printed as that date, with no zone shift. */
export function formatDate(at: Moment): string {
  if (typeof at === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(at)) return at.split('-').reverse().join('.')
  const p = kzParts(at)
  return `${pad(p.day)}.${pad(p.month)}.${p.year}`
}

/** HH:mm in Kazakhstan time. */
export function formatTime(at: Moment): string {
  const p = kzParts(at)
  return `${pad(p.hour)}:${pad(p.minute)}`
}

/** dd.MM.yyyy HH:mm in Kazakhstan time. */
export function formatDateTime(at: Moment): string {
  return `${formatDate(at)} ${formatTime(at)}`
}

/** The month's name as dates print it (1–12): ru genitive «марта» («15 марта»), kk «наурыз», en «March». */
export function monthName(month: number, lang: Lang): string {
  return MONTHS[lang][month - 1] ?? ''
}

/** The date in words: «2026 жылғы 15 наурыз», «15 марта 2026 г.», «15 March 2026». */
export function formatLongDate(at: Moment, lang: Lang): string {
  const p = typeof at === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(at) ? (([y, m, d]) => ({ year: y, month: m, day: d }))(at.split('-').map(Number)) : kzParts(at)
  const month = MONTHS[lang][p.month - 1]
  if (lang === 'kk') return `${p.year} жылғы ${p.day} ${month}`
  if (lang === 'ru') return `${p.day} ${month} ${p.year} г.`
  return `${p.day} ${month} ${p.year}`
}

/** Thousands grouped by a no-break space, a comma before decimals in kk/ru and a point in en: «1 234 567,5». */
export function formatNumber(n: number, lang: Lang = 'kk', decimals?: number): string {
  const fixed = decimals === undefined ? String(Math.abs(n)) : Math.abs(n).toFixed(decimals)
  const [int, frac] = fixed.split('.')
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0')
  return `${n < 0 ? '−' : ''}${grouped}${frac ? (lang === 'en' ? '.' : ',') + frac : ''}`
}

/**
 * A date as typed at the desk, in every language: dd.mm.yyyy (dots, slashes or dashes between). Answers the ISO date
 * ('2015-03-15') when it is a real calendar date, otherwise undefined — never a reinterpretation (no month/day swap,
 * no rolling 31.02 over into March).
 */
export function parseDateInput(text: string): string | undefined {
  const m = /^\s*(\d{1,2})[./-](\d{1,2})[./-](\d{4})\s*$/.exec(text)
  if (!m) return undefined
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (month < 1 || month > 12 || day < 1) return undefined
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate()
  if (day > days) return undefined
  return `${year}-${pad(month)}-${pad(day)}`
}

/** How a stored ISO date is shown in the date field: dd.mm.yyyy; anything else is shown as it is. */
export function dateInputText(value: unknown): string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(value) : typeof value === 'string' ? value : ''
}
