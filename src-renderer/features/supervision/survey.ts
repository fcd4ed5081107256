/**
 * The quality survey of CATALOG §5.7 («качество» и «доступность»): two questions, three answers each, stored per
 * request as q1, q2 ∈ {1, 2, 3}. src-renderer/db has no table for it, so the answers live in this small store of
 * the supervisor area (localStorage of the desk), behind a port so a Dexie table can replace it later.
 */
import { isScore, SURVEY, type SurveyScore } from '@shared/results/survey'

export { isScore, SURVEY, type SurveyScore }

export interface SurveyAnswer {
  registrationNumber: string
  serviceId: string
  q1: SurveyScore
  q2: SurveyScore
  /** ms since epoch. */
  at: number
}

/** Missing answers by question id (a survey is saved only whole). */
export function surveyIssues(p: { q1?: unknown; q2?: unknown }): Array<'q1' | 'q2'> {
  return (['q1', 'q2'] as const).filter((q) => !isScore(p[q]))
}

export interface SurveyStore {
  save(a: SurveyAnswer): Promise<void>
  get(registrationNumber: string): Promise<SurveyAnswer | undefined>
  all(): Promise<SurveyAnswer[]>
}

export interface KeyValuePort {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
}

export const SURVEY_STORAGE_KEY = 'arm.survey.v1'

/** One JSON map in a key-value storage (window.localStorage in the app); unreadable content counts as empty. */
export function keyValueSurveyStore(storage: KeyValuePort): SurveyStore {
  const read = (): Record<string, SurveyAnswer> => {
    try {
      const v = JSON.parse(storage.getItem(SURVEY_STORAGE_KEY) ?? '{}') as unknown
      return v && typeof v === 'object' ? (v as Record<string, SurveyAnswer>) : {}
    } catch {
      return {}
    }
  }
  return {
    async save(a) {
      if (surveyIssues(a).length) throw new Error('incomplete survey')
      const all = read()
      all[a.registrationNumber] = a
      storage.setItem(SURVEY_STORAGE_KEY, JSON.stringify(all))
    },
    async get(regNo) {
      return read()[regNo]
    },
    async all() {
      return Object.values(read()).sort((x, y) => y.at - x.at)
    },
  }
}
