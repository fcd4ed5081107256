/**
 * Search over the catalogue in Kazakh and Russian (English too): case-insensitive, ё = е, and Kazakh letters folded to
 * their Russian look-alikes (ә→а, қ→к, ө→о, ұ/ү→у, і→и …) so an operator without a Kazakh layout still finds
 * «Мұрағаттық анықтама» by typing «мурагаттык». Every query word must match the start of some word of the service
 * (or, for longer words, its stem), so endings such as «рождения» / «рождении» do not matter.
 */
import type { Lang } from '../errors'
import { REGISTRY_NAMES } from './common'
import type { Localized, ServiceDefinition } from './types'

const KK_FOLD: Record<string, string> = { ә: 'а', ғ: 'г', қ: 'к', ң: 'н', ө: 'о', ұ: 'у', ү: 'у', һ: 'х', і: 'и', ё: 'е' }
const CYRILLIC = /[\u0400-\u04ff]/

export function foldForSearch(text: string): string {
  const lower = text.normalize('NFC').toLowerCase().replace(/[әғқңөұүһіё]/g, (c) => KK_FOLD[c])
  // A Latin "i" typed inside a Cyrillic word stands for the Kazakh «і».
  return lower.replace(/[\p{L}\p{N}]+/gu, (w) => (CYRILLIC.test(w) ? w.replace(/i/g, 'и') : w))
}

export function searchWords(text: string): string[] {
  return foldForSearch(text).split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0)
}

interface IndexedText {
  words: string[]
  weight: number
  lang: Lang | 'any'
}

export interface SearchHit {
  service: ServiceDefinition
  score: number
}

const LANGS: Lang[] = ['kk', 'ru', 'en']

function texts(l: Localized, weight: number): IndexedText[] {
  return LANGS.map((lang) => ({ words: searchWords(l[lang]), weight, lang }))
}

export class CatalogSearchIndex {
  private readonly entries: Array<{ service: ServiceDefinition; texts: IndexedText[]; order: number }>

  constructor(services: readonly ServiceDefinition[]) {
    this.entries = services.map((s, order) => ({
      service: s,
      order,
      texts: [
        ...texts(s.shortName, 4),
        ...texts(s.name, 3),
        { words: searchWords(s.id), weight: 3, lang: 'any' },
        ...s.lifeSituations.flatMap((l) => texts(l, 2)),
        ...s.keywords.kk.map((k) => ({ words: searchWords(k), weight: 2, lang: 'kk' as const })),
        ...s.keywords.ru.map((k) => ({ words: searchWords(k), weight: 2, lang: 'ru' as const })),
        ...texts(s.provider.name, 1),
        ...s.registries.flatMap((r) => texts(REGISTRY_NAMES[r], 1)),
      ],
    }))
  }

  search(query: string, lang: Lang = 'ru'): SearchHit[] {
    const tokens = searchWords(query).filter((t) => t.length >= 2 || /\d/.test(t))
    if (tokens.length === 0) return this.entries.map((e) => ({ service: e.service, score: 0 }))
    const hits: Array<SearchHit & { order: number }> = []
    for (const e of this.entries) {
      let total = 0
      let all = true
      for (const t of tokens) {
        const stem = t.length >= 5 ? t.slice(0, t.length - 2) : null
        let best = 0
        let matched = 0
        for (const tx of e.texts) {
          let inText = 0
          const boost = tx.lang === lang ? 1.25 : 1
          for (const w of tx.words) {
            let s = 0
            if (w === t) s = 3
            else if (w.startsWith(t)) s = 2
            else if (stem && w.startsWith(stem)) s = 1
            else if (t.length >= 4 && w.includes(t)) s = 0.5
            if (s) inText = Math.max(inText, s * tx.weight * boost)
          }
          if (inText) matched++
          best = Math.max(best, inText)
        }
        if (!best) {
          all = false
          break
        }
        // The strongest match counts fully; each further text that also matches (name, keyword, life situation…)
        // adds a little, so the service that is "about" the word ranks above one that merely mentions it.
        total += best + 0.5 * (matched - 1)
      }
      if (all) hits.push({ service: e.service, score: total, order: e.order })
    }
    return hits.sort((a, b) => b.score - a.score || a.order - b.order).map(({ service, score }) => ({ service, score }))
  }
}
