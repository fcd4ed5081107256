import { defineTexts } from '../../i18n/texts'

export const secretPromptTexts = defineTexts({
  kk: {
    titlePassword: (p: { label: string | number }) => `${p.label} кілтінің құпиясөзін енгізіңіз`,
    titlePin: (p: { label: string | number }) => `${p.label} токенінің PIN-кодын енгізіңіз`,
    titleConfirm: (p: { label: string | number }) => `${p.label} кілтімен қол қоюды растаңыз`,
    attempt: (p: { n: string | number }) => `${p.n}-әрекет`,
    hint: 'Құпиясөз тікелей АРМ-ның негізгі процесіне жіберіледі: бұл бет оны көрмейді және сақтамайды.',
    frameTitle: 'АРМ негізгі процесінің құпиясөз терезесі',
    keys: 'Tab — құпиясөз өрісіне, Enter — растау',
    cancel: 'Қол қоюды болдырмау',
  },
  ru: {
    titlePassword: (p: { label: string | number }) => `Введите пароль ключа ${p.label}`,
    titlePin: (p: { label: string | number }) => `Введите PIN-код токена ${p.label}`,
    titleConfirm: (p: { label: string | number }) => `Подтвердите подпись ключом ${p.label}`,
    attempt: (p: { n: string | number }) => `Попытка ${p.n}`,
    hint: 'Пароль уходит прямо в основной процесс АРМ: эта страница его не видит и не хранит.',
    frameTitle: 'Окно пароля основного процесса АРМ',
    keys: 'Tab — к полю пароля, Enter — подтвердить',
    cancel: 'Отменить подпись',
  },
  en: {
    titlePassword: (p: { label: string | number }) => `Enter the password of key ${p.label}`,
    titlePin: (p: { label: string | number }) => `Enter the PIN of token ${p.label}`,
    titleConfirm: (p: { label: string | number }) => `Confirm the signature with key ${p.label}`,
    attempt: (p: { n: string | number }) => `Attempt ${p.n}`,
    hint: "The password goes straight to the workstation's main process: this page neither sees nor keeps it.",
    frameTitle: "Password window of the workstation's main process",
    keys: 'Tab — to the password field, Enter — confirm',
    cancel: 'Cancel signing',
  },
})
