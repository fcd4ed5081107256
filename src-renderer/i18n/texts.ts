/**
 * The renderer's one way to write user-facing text (CONVENTIONS §5): each feature keeps a `texts.ts` with
 * `defineTexts({ kk, ru, en })`. The Kazakh table is the reference type, so a key missing or misspelt in `ru` or `en`
 * — or a text that takes parameters in one language and not in another — is a `tsc` error, and a component reads
 * `useTexts(table).someKey` with the key checked too. A text with parameters is a function of them; counts go through
 * `plural` so «1 бет / 2 страницы / 5 страниц / 1 page / 2 pages» come out right in all three languages.
 */
import type { Lang } from '@shared/errors'
import { currentLang, useLang } from './lang'

/** The shape `ru` and `en` must have: the same keys as `kk`, strings for strings, the same parameters for functions. */
export type TextShape<T> = {
  [K in keyof T]: T[K] extends string ? string : T[K] extends (...args: infer A) => string ? (...args: A) => string : TextShape<T[K]>
}

export interface TextTable<T> {
  kk: T
  ru: TextShape<T>
  en: TextShape<T>
}

/** Declares one feature's texts; `T` is inferred from the Kazakh table. */
export function defineTexts<T>(table: { kk: T; ru: TextShape<T>; en: TextShape<T> }): TextTable<T> {
  return table
}

/** The texts of `table` in the desk's language (re-renders when the language changes). */
export function useTexts<T>(table: TextTable<T>): T {
  return table[useLang()] as T
}

/** The same outside React (callbacks, notifications built in services). */
export function textsNow<T>(table: TextTable<T>, lang: Lang = currentLang()): T {
  return table[lang] as T
}

/** The word forms a count needs: Kazakh and English use `one`/`other` (Kazakh keeps the noun singular after a number). */
export interface PluralForms {
  one: string
  /** Russian 2–4 (22, 103…): «страницы». */
  few?: string
  /** Russian 5–20, 0 (25, 111…): «страниц». */
  many?: string
  other: string
}

/**
 * The form of a noun after `n` in `lang`. Written out rather than taken from Intl.PluralRules because Chromium here has
 * no kk locale data and the rules are short: ru one (1, 21, 101, not 11), few (2–4, 22–24, not 12–14), many (the rest);
 * en one (1) / other; kk one form after every number.
 */
export function plural(lang: Lang, n: number, forms: PluralForms): string {
  const whole = Math.abs(Math.trunc(n))
  if (lang === 'kk') return forms.one
  if (lang === 'en') return whole === 1 && Number.isInteger(n) ? forms.one : forms.other
  if (!Number.isInteger(n)) return forms.few ?? forms.other
  const d = whole % 10
  const h = whole % 100
  if (d === 1 && h !== 11) return forms.one
  if (d >= 2 && d <= 4 && (h < 12 || h > 14)) return forms.few ?? forms.other
  return forms.many ?? forms.other
}
