import { formatNumber } from '@shared/format'
import type { Lang } from '@shared/errors'
import { defineTexts } from '../../i18n/texts'

/** «1 сағ 5 мин», «2 мин 10 с», «40 с»: the largest two units, numbers through the one formatter. */
function duration(lang: Lang, units: { d: string; h: string; m: string; s: string }) {
  return (ms: number): string => {
    const s = Math.round(ms / 1000)
    const parts: [number, string][] = [
      [Math.floor(s / 86_400), units.d],
      [Math.floor((s % 86_400) / 3600), units.h],
      [Math.floor((s % 3600) / 60), units.m],
      [s % 60, units.s],
    ]
    const first = parts.findIndex(([n]) => n > 0)
    if (first < 0) return `0 ${units.s}`
    return parts
      .slice(first, first + 2)
      .filter(([n]) => n > 0)
      .map(([n, u]) => `${formatNumber(n, lang)} ${u}`)
      .join(' ')
  }
}

export const stepsTexts = defineTexts({
  kk: {
    title: 'Кезеңдер мен мерзімдер',
    step: 'Кезең',
    began: 'Басталды',
    who: 'Кім',
    took: 'Ұзақтығы',
    limit: 'Шекті мерзім',
    registration: 'Тіркеу және нөмір беру',
    system: 'Жүйе',
    running: 'жүріп жатыр',
    overdue: 'Мерзімі өтті',
    onTime: 'Мерзімінде',
    until: (when: string) => `${when} дейін`,
    duration: duration('kk', { d: 'күн', h: 'сағ', m: 'мин', s: 'с' }),
    due: (when: string) => `Орындау мерзімі: ${when}`,
    queuePosition: (position: string, category: string) => `Кезектегі орны: ${position} (${category})`,
    generalCategory: 'жалпы кезек',
    validUntil: (when: string) => `Жолдама ${when} дейін жарамды: осы мерзімде мектепке дейінгі ұйымға ұсынылуы тиіс`,
    validityExpired: (when: string) => `Жолдаманың мерзімі ${when} өтті: жолдама жарамсыз, бала кезектегі орнын сақтайды`,
  },
  ru: {
    title: 'Этапы и сроки',
    step: 'Этап',
    began: 'Начат',
    who: 'Кто',
    took: 'Длительность',
    limit: 'Норматив',
    registration: 'Регистрация и присвоение номера',
    system: 'Система',
    running: 'идёт',
    overdue: 'Просрочено',
    onTime: 'В срок',
    until: (when: string) => `до ${when}`,
    duration: duration('ru', { d: 'дн', h: 'ч', m: 'мин', s: 'с' }),
    due: (when: string) => `Срок исполнения: ${when}`,
    queuePosition: (position: string, category: string) => `Место в очереди: ${position} (${category})`,
    generalCategory: 'общая очередь',
    validUntil: (when: string) => `Направление действительно до ${when}: в этот срок его предоставляют в дошкольную организацию`,
    validityExpired: (when: string) => `Срок направления истёк ${when}: направление недействительно, ребёнок сохраняет место в очереди`,
  },
  en: {
    title: 'Steps and deadlines',
    step: 'Step',
    began: 'Began',
    who: 'Who',
    took: 'Took',
    limit: 'Limit',
    registration: 'Registration and numbering',
    system: 'System',
    running: 'running',
    overdue: 'Overdue',
    onTime: 'On time',
    until: (when: string) => `by ${when}`,
    duration: duration('en', { d: 'd', h: 'h', m: 'min', s: 's' }),
    due: (when: string) => `Due: ${when}`,
    queuePosition: (position: string, category: string) => `Place in the queue: ${position} (${category})`,
    generalCategory: 'general queue',
    validUntil: (when: string) => `The referral is valid until ${when}: it is presented to the kindergarten within that time`,
    validityExpired: (when: string) => `The referral expired on ${when}: it is void; the child keeps the queue place`,
  },
})
