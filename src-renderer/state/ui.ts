import { create } from 'zustand'
import { LANGS, type Lang } from '@shared/errors'
import { DEFAULT_LANG, i18n } from '../i18n'

export type Area = 'operator' | 'specialist' | 'supervisor'
export const AREAS: readonly Area[] = ['operator', 'specialist', 'supervisor']

const LANG_KEY = 'arm.lang'

function storedLang(): Lang {
  try {
    const v = window.localStorage.getItem(LANG_KEY)
    return (LANGS as readonly string[]).includes(v ?? '') ? (v as Lang) : DEFAULT_LANG
  } catch {
    return DEFAULT_LANG
  }
}

interface UiState {
  lang: Lang
  area: Area
  setLang(lang: Lang): void
  setArea(area: Area): void
}

/** UI choices of this desk: the language (kept across restarts) and the open area. */
export const useUiStore = create<UiState>((set) => ({
  lang: DEFAULT_LANG,
  area: 'operator',
  setLang(lang) {
    void i18n.changeLanguage(lang)
    document.documentElement.lang = lang
    try {
      window.localStorage.setItem(LANG_KEY, lang)
    } catch {
      // storage may be disabled; the choice then lasts for this session only
    }
    set({ lang })
  },
  setArea(area) {
    set({ area })
  },
}))

/** Applies the stored language at start-up (kk when nothing was chosen yet). */
export function restoreLang(): void {
  useUiStore.getState().setLang(storedLang())
}
