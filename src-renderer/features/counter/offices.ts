import type { Localized } from '@shared/catalog'

/** The names of this region's ЦОНs as printed on the receipt (§5.5d) — never the ЦОН's id. */
const TSON_NAMES: Record<string, Localized> = {
  'tson-astana-1': {
    kk: '«Азаматтарға арналған үкімет» МК КЕАҚ Астана қ. №1 ХҚКО',
    ru: 'ЦОН № 1 г. Астана НАО «ГК «Правительство для граждан»',
    en: 'ЦОН No. 1, Astana',
  },
  'tson-semey-1': {
    kk: '«Азаматтарға арналған үкімет» МК КЕАҚ Семей қ. №1 ХҚКО',
    ru: 'ЦОН № 1 г. Семей НАО «ГК «Правительство для граждан»',
    en: 'ЦОН No. 1, Semey',
  },
}

const UNKNOWN: Localized = { kk: 'ХҚКО', ru: 'ЦОН', en: 'ЦОН' }

export function tsonName(tsonId: string | undefined): Localized {
  return (tsonId && TSON_NAMES[tsonId]) || UNKNOWN
}
