import { defineTexts } from '../../i18n/texts'

/** The TERM_EXTENDED notice (N1) on the ЦОН's request: the provider extended the term of the service. */
export const outboxTermTexts = defineTexts({
  kk: {
    extended: (p: { date: string }) => `Мерзімі ұзартылды: ${p.date} дейін`,
    reason: (p: { reason: string }) => `Себебі: ${p.reason}`,
    label: 'Мерзімді ұзарту',
  },
  ru: {
    extended: (p: { date: string }) => `Срок продлён до ${p.date}`,
    reason: (p: { reason: string }) => `Причина: ${p.reason}`,
    label: 'Продление срока',
  },
  en: {
    extended: (p: { date: string }) => `Term extended until ${p.date}`,
    reason: (p: { reason: string }) => `Reason: ${p.reason}`,
    label: 'Term extension',
  },
})
