/** The three UI languages: the state language first. */
export const LANGS = ['kk', 'ru', 'en'] as const
export type Lang = (typeof LANGS)[number]

/** A user-facing message for one error code, in every UI language. Texts say what happened and what to do next. */
export interface ErrorText {
  kk: string
  ru: string
  en: string
}

/** Declares a domain's error codes; each domain keeps its own file so teams do not edit one shared list. */
export function defineErrors<const T extends Record<string, ErrorText>>(texts: T): T {
  return texts
}
