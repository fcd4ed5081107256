import type { i18n as I18n } from 'i18next'

/** Texts of the secret-prompt overlay (namespace `secretPrompt`). The form itself is main's page, in the same language. */
const kk = {
  titlePassword: '{{label}} кілтінің құпиясөзін енгізіңіз',
  titlePin: '{{label}} токенінің PIN-кодын енгізіңіз',
  titleConfirm: '{{label}} кілтімен қол қоюды растаңыз',
  attempt: '{{n}}-әрекет',
  hint: 'Құпиясөз тікелей АРМ-ның негізгі процесіне жіберіледі: бұл бет оны көрмейді және сақтамайды.',
  frameTitle: 'АРМ негізгі процесінің құпиясөз терезесі',
  keys: 'Tab — құпиясөз өрісіне, Enter — растау',
  cancel: 'Қол қоюды болдырмау',
}
const ru: typeof kk = {
  titlePassword: 'Введите пароль ключа {{label}}',
  titlePin: 'Введите PIN-код токена {{label}}',
  titleConfirm: 'Подтвердите подпись ключом {{label}}',
  attempt: 'Попытка {{n}}',
  hint: 'Пароль уходит прямо в основной процесс АРМ: эта страница его не видит и не хранит.',
  frameTitle: 'Окно пароля основного процесса АРМ',
  keys: 'Tab — к полю пароля, Enter — подтвердить',
  cancel: 'Отменить подпись',
}
const en: typeof kk = {
  titlePassword: 'Enter the password of key {{label}}',
  titlePin: 'Enter the PIN of token {{label}}',
  titleConfirm: 'Confirm the signature with key {{label}}',
  attempt: 'Attempt {{n}}',
  hint: "The password goes straight to the workstation's main process: this page neither sees nor keeps it.",
  frameTitle: "Password window of the workstation's main process",
  keys: 'Tab — to the password field, Enter — confirm',
  cancel: 'Cancel signing',
}

export const SECRET_PROMPT_NS = 'secretPrompt'
export const secretPromptTexts = { kk, ru, en }

export function registerSecretPromptI18n(i18n: I18n): void {
  for (const [lng, tree] of Object.entries(secretPromptTexts)) {
    if (!i18n.hasResourceBundle(lng, SECRET_PROMPT_NS)) i18n.addResourceBundle(lng, SECRET_PROMPT_NS, tree, true, true)
  }
}
