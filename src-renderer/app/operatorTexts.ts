import type { i18n as I18n } from 'i18next'

// Apart from operator.tsx so that registering texts at start does not pull the queue screen into the login chunk.
export const operatorTexts = {
  kk: { offline: 'Шлюз жоқ', intakeTab: 'Өтініш қабылдау', outboxTab: 'Жіберу кезегі', tabs: 'Оператор бөлімдері', shortcut: 'Alt+O' },
  ru: { offline: 'Нет шлюза', intakeTab: 'Приём заявлений', outboxTab: 'Очередь отправки', tabs: 'Разделы оператора', shortcut: 'Alt+O' },
  en: { offline: 'No gateway', intakeTab: 'Intake', outboxTab: 'Outbox', tabs: 'Operator sections', shortcut: 'Alt+O' },
} as const

export function registerOperatorI18n(i18n: I18n): void {
  for (const lang of ['kk', 'ru', 'en'] as const) i18n.addResourceBundle(lang, 'translation', { workstation: operatorTexts[lang] }, true, false)
}
