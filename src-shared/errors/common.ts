import { defineErrors } from './types'

export const commonErrors = defineErrors({
  INTERNAL: {
    kk: 'Ішкі қате орын алды. Әрекетті қайталаңыз; қате қайталанса, әкімшіге хабарлаңыз.',
    ru: 'Произошла внутренняя ошибка. Повторите действие; если ошибка повторится, сообщите администратору.',
    en: 'An internal error occurred. Try again; if it happens again, tell your administrator.',
  },
  VALIDATION_FAILED: {
    kk: 'Деректер тексеруден өтпеді. Белгіленген өрістерді түзетіңіз.',
    ru: 'Данные не прошли проверку. Исправьте отмеченные поля.',
    en: 'The data did not pass validation. Correct the marked fields.',
  },
  NOT_FOUND: {
    kk: 'Сұралған жазба табылмады.',
    ru: 'Запрошенная запись не найдена.',
    en: 'The requested record was not found.',
  },
  TIMEOUT: {
    kk: 'Жауап уақытында келмеді. Әрекетті қайталаңыз.',
    ru: 'Ответ не получен вовремя. Повторите действие.',
    en: 'No answer arrived in time. Try again.',
  },
})
