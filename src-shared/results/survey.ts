/**
 * The quality survey of CATALOG §5.7 («качество» и «доступность»): two questions, three answers each, answered at the
 * counter when the result or the refusal is handed over and stored at the gateway with its request (q1, q2 ∈ {1, 2, 3}).
 */
import type { Localized } from '../catalog'

export type SurveyScore = 1 | 2 | 3

const L = (kk: string, ru: string, en: string): Localized => ({ kk, ru, en })

/** §5.7 literal questions (RU, KK from 003) and answers; all three answers are always offered. */
export const SURVEY = {
  title: L(
    '«Сапа» және «қолжетімділік» электрондық мемлекеттік қызмет көрсеткіштерін анықтауға арналған сауалнама нысаны',
    'Форма анкеты для определения показателей электронной государственной услуги: «качество» и «доступность»',
    'Survey form for the e-government service indicators "quality" and "accessibility"',
  ),
  caption: L('(қызметтің атауы)', '(наименование услуги)', '(name of the service)'),
  questions: {
    q1: L(
      'Электрондық мемлекеттік қызметті көрсету үдерісінің сапасына және нәтижесіне қанағаттанасыз ба?',
      'Удовлетворены ли Вы качеством процесса и результатом оказания электронной государственной услуги?',
      'Are you satisfied with the quality of the process and the result of the e-government service?',
    ),
    q2: L(
      'Электрондық мемлекеттік қызметті көрсету тәртібі туралы ақпараттың сапасына қанағаттанасыз ба?',
      'Удовлетворены ли Вы качеством информации о порядке оказания электронной государственной услуги?',
      'Are you satisfied with the quality of the information on how the e-government service is provided?',
    ),
  },
  answers: {
    1: L('қанағаттанған жоқпын', 'не удовлетворен', 'not satisfied'),
    2: L('ішінара қанағаттанамын', 'частично удовлетворен', 'partly satisfied'),
    3: L('қанағаттанамын', 'удовлетворен', 'satisfied'),
  } as Record<SurveyScore, Localized>,
} as const

export const isScore = (v: unknown): v is SurveyScore => v === 1 || v === 2 || v === 3
