import { defineTexts } from '../../i18n/texts'

/** The supervision area's texts (the board's older texts are still in i18n.ts until they move here). */
export const supervisionTexts = defineTexts({
  kk: {
    left: (days: number, hours: number) => `${days} к ${hours} сағ`,
    leftMinutes: (minutes: number) => `${minutes} мин`,
    overdueBy: (value: string) => `${value} кешікті`,
    overdue: 'мерзімі өтті',
  },
  ru: {
    left: (days: number, hours: number) => `${days} д ${hours} ч`,
    leftMinutes: (minutes: number) => `${minutes} мин`,
    overdueBy: (value: string) => `просрочен на ${value}`,
    overdue: 'просрочен',
  },
  en: {
    left: (days: number, hours: number) => `${days} d ${hours} h`,
    leftMinutes: (minutes: number) => `${minutes} min`,
    overdueBy: (value: string) => `overdue by ${value}`,
    overdue: 'overdue',
  },
})
