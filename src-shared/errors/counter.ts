import { defineErrors } from './types'

/**
 * Error codes of the ЦОН counter: hand-over of results and refusals, prints and reprints, the receipt, the quality
 * survey. Owned by that area; add codes here, never in another area's file.
 */
export const counterErrors = defineErrors({
  COUNTER_NOT_DECIDED: {
    kk: 'Өтінім бойынша әлі шешім жоқ: беретін нәтиже жоқ. Күйі «Нәтиже дайын» немесе «Бас тартылды» болғанда қайталаңыз.',
    ru: 'По заявке ещё нет решения: выдавать нечего. Повторите, когда статус станет «Результат готов» или «Отказано».',
    en: 'The request has no decision yet: there is nothing to hand over. Try again once it is “Result ready” or “Refused”.',
  },
  COUNTER_ALREADY_HANDED_OVER: {
    kk: 'Нәтиже тұтынушыға бұрын берілген. Қажет болса, себебін көрсетіп қайта басып шығарыңыз.',
    ru: 'Результат уже выдан потребителю. При необходимости перепечатайте его с указанием причины.',
    en: 'The result has already been handed over. If needed, reprint it with a reason.',
  },
  COUNTER_REPRINT_REASON_REQUIRED: {
    kk: 'Құжат бұрын басылған: қайта басу үшін себебін жазыңыз.',
    ru: 'Документ уже печатался: для повторной печати укажите причину.',
    en: 'The document was printed before: give a reason to reprint it.',
  },
  COUNTER_SURVEY_ALREADY_ANSWERED: {
    kk: 'Бұл өтінім бойынша сауалнамаға бұрын жауап берілген. Бір өтінімге бір сауалнама.',
    ru: 'Анкета по этой заявке уже заполнена. Одна анкета на заявку.',
    en: 'The survey of this request has already been answered. One survey per request.',
  },
  COUNTER_SURVEY_INCOMPLETE: {
    kk: 'Сауалнаманың екі сұрағына да жауап таңдаңыз немесе тұтынушы бас тартса, сауалнамасыз беріңіз.',
    ru: 'Выберите ответ на оба вопроса анкеты или выдайте без анкеты, если потребитель отказался.',
    en: 'Choose an answer to both survey questions, or hand over without the survey if the consumer declines.',
  },
  COUNTER_NO_PRINTER: {
    kk: 'Принтер табылмады немесе басып шығару басталмады. Принтерді қосып, қайталаңыз; өтінім мен нәтиже сақталған.',
    ru: 'Принтер не найден или печать не началась. Включите принтер и повторите; заявка и результат сохранены.',
    en: 'No printer was found or printing did not start. Turn the printer on and try again; the request and result are kept.',
  },
  COUNTER_SIGNATURE_FAILED: {
    kk: 'Нәтиженің қолтаңбасы тексеруден өтпеді: құжат жарамды ретінде басылмайды. Нәтижені қайта жүктеңіз немесе берушіге хабарлаңыз.',
    ru: 'Подпись результата не прошла проверку: документ не печатается как действительный. Загрузите результат заново или сообщите услугодателю.',
    en: 'The result’s signature failed verification: it is not printed as valid. Download it again or tell the provider.',
  },
})
