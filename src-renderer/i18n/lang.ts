import { create } from 'zustand'
import { LANGS, type Lang } from '@shared/errors/types'

/** Kazakh until the desk chooses otherwise. */
export const DEFAULT_LANG: Lang = 'kk'

const LANG_KEY = 'arm.lang'

function storedLang(): Lang {
  try {
    const v = window.localStorage.getItem(LANG_KEY)
    return (LANGS as readonly string[]).includes(v ?? '') ? (v as Lang) : DEFAULT_LANG
  } catch {
    return DEFAULT_LANG
  }
}

/** The desk's language (kept across restarts): the one source every screen reads through useLang(). */
const useLangStore = create<{ lang: Lang }>(() => ({ lang: DEFAULT_LANG }))

export function useLang(): Lang {
  return useLangStore((s) => s.lang)
}

export const currentLang = (): Lang => useLangStore.getState().lang

export function setLang(lang: Lang): void {
  document.documentElement.lang = lang
  try {
    window.localStorage.setItem(LANG_KEY, lang)
  } catch {
    // storage may be disabled; the choice then lasts for this session only
  }
  useLangStore.setState({ lang })
}

/** Applies the stored language at start-up (kk when nothing was chosen yet). */
export function restoreLang(): void {
  setLang(storedLang())
}
