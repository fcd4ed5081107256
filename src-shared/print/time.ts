/**
 * Kazakhstan time on paper: UTC+5 for the whole country since 2024, dd.MM.yyyy HH:mm.
 * A local stand-in until the product's one formatter (src-shared/format, engineer renov) lands; switch to it then.
 */
import type { Lang } from '../errors'

const KZ_OFFSET_MS = 5 * 3600_000
const pad = (n: number) => String(n).padStart(2, '0')

const MONTHS: Record<Lang, string[]> = {
  kk: ['қаңтар', 'ақпан', 'наурыз', 'сәуір', 'мамыр', 'маусым', 'шілде', 'тамыз', 'қыркүйек', 'қазан', 'қараша', 'желтоқсан'],
  // Genitive: «от «15» марта 2026 года».
  ru: ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
}

export interface KzParts {
  yyyy: string
  mm: string
  dd: string
  HH: string
  MM: string
  monthIndex: number
}

/** The wall-clock parts of an instant in Kazakhstan. */
export function kzParts(at: Date | string): KzParts {
  const d = new Date((typeof at === 'string' ? Date.parse(at) : at.getTime()) + KZ_OFFSET_MS)
  return { yyyy: String(d.getUTCFullYear()), mm: pad(d.getUTCMonth() + 1), dd: pad(d.getUTCDate()), HH: pad(d.getUTCHours()), MM: pad(d.getUTCMinutes()), monthIndex: d.getUTCMonth() }
}

export function kzDate(at: Date | string): string {
  const p = kzParts(at)
  return `${p.dd}.${p.mm}.${p.yyyy}`
}

export function kzDateTime(at: Date | string): string {
  const p = kzParts(at)
  return `${p.dd}.${p.mm}.${p.yyyy} ${p.HH}:${p.MM}`
}

/** A calendar date `YYYY-MM-DD` (no time zone: it is a date, not an instant) as dd.MM.yyyy. */
export function calendarDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso
}

export function monthName(index: number, lang: Lang): string {
  return MONTHS[lang][index] ?? ''
}

/** Thousands grouped by a space: 1 250 000. */
export function groupThousands(n: number): string {
  const [int, frac] = String(n).split('.')
  const g = int.replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0')
  return frac ? `${g},${frac}` : g
}
