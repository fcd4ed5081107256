import type { Lang } from '@shared/errors'

/** The demo region's ЦОНs by name (screens show names, never ids). */
const TSON_NAMES: Record<string, Record<Lang, string>> = {
  'tson-astana-1': { kk: 'Астана қ. №1 ХҚКО', ru: 'ЦОН № 1 г. Астаны', en: 'ЦОН No. 1, Astana' },
  'tson-semey-1': { kk: 'Семей қ. №1 ХҚКО', ru: 'ЦОН № 1 г. Семей', en: 'ЦОН No. 1, Semey' },
}

export function tsonName(id: string | undefined, lang: Lang, unknown: string): string {
  return (id && TSON_NAMES[id]?.[lang]) || unknown
}
