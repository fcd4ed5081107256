import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import type { Lang } from '@shared/errors'

export const DEFAULT_LANG: Lang = 'kk'

/** One i18next instance for the renderer; resources are bundled (no network, the CSP forbids it anyway). */
export const i18n = i18next.createInstance()
void i18n.use(initReactI18next).init({
  lng: DEFAULT_LANG,
  fallbackLng: 'ru',
  supportedLngs: ['kk', 'ru', 'en'],
  resources: { kk: { translation: {} }, ru: { translation: {} }, en: { translation: {} } },
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
  showSupportNotice: false,
})
