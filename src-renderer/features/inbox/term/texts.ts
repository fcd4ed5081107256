import { defineTexts } from '../../../i18n/texts'

/** The term-extension panel of the inbox request view (CATALOG G16, TERM_EXTENDED / N1). */
export const termTexts = defineTexts({
  kk: {
    title: 'Қызмет көрсету мерзімін ұзарту',
    due: (p: { date: string }) => `Қазіргі мерзім: ${p.date}`,
    hint: 'Мерзімді бір рет қана ұзартуға болады. Жаңа мерзім жұмыс күндерінің күнтізбесі бойынша есептеледі; ХҚКО оны көреді.',
    reason: 'Ұзарту себебі',
    counter: (p: { used: number; max: number }) => `${p.used} / ${p.max}`,
    extend: 'Мерзімді ұзарту',
    extending: 'Ұзартылуда…',
    extended: (p: { date: string }) => `Мерзімі ұзартылды: ${p.date} дейін`,
    reasonShown: (p: { reason: string }) => `Себебі: ${p.reason}`,
  },
  ru: {
    title: 'Продление срока оказания услуги',
    due: (p: { date: string }) => `Текущий срок: ${p.date}`,
    hint: 'Срок можно продлить только один раз. Новый срок считается по календарю рабочих дней; ЦОН его увидит.',
    reason: 'Причина продления',
    counter: (p: { used: number; max: number }) => `${p.used} / ${p.max}`,
    extend: 'Продлить срок',
    extending: 'Продление…',
    extended: (p: { date: string }) => `Срок продлён до ${p.date}`,
    reasonShown: (p: { reason: string }) => `Причина: ${p.reason}`,
  },
  en: {
    title: 'Extend the term of the service',
    due: (p: { date: string }) => `Current deadline: ${p.date}`,
    hint: 'The term can be extended only once. The new deadline follows the working-day calendar; the ЦОН sees it.',
    reason: 'Reason for the extension',
    counter: (p: { used: number; max: number }) => `${p.used} / ${p.max}`,
    extend: 'Extend the term',
    extending: 'Extending…',
    extended: (p: { date: string }) => `Term extended until ${p.date}`,
    reasonShown: (p: { reason: string }) => `Reason: ${p.reason}`,
  },
})
