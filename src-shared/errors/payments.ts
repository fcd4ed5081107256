import { defineErrors } from './types'

/**
 * Error codes of the state-duty payment (CATALOG §2.5.4): M9 «…уведомляет об этом потребителя подробным описанием
 * ошибки» is PAY_DECLINED with the bank's reason; M8 is PAY_EXPIRED.
 */
export const paymentsErrors = defineErrors({
  PAY_DECLINED: {
    kk: 'Төлем өтпеді: банк төлемді қабылдамады. Сұрау төлемді күтуде — картаны тексеріп, қайта төлеңіз немесе басқа тәсілмен төлеңіз.',
    ru: 'Платёж не прошёл: банк отклонил оплату. Запрос по-прежнему ожидает оплаты — проверьте карту и повторите оплату или оплатите другим способом.',
    en: 'The payment failed: the bank declined it. The request is still awaiting payment — check the card and pay again, or pay another way.',
  },
  PAY_TIMEOUT: {
    kk: 'Банк уақытында жауап бермеді. Төлем өтуі мүмкін: «Қайталау» батырмасын басыңыз — екі рет есептен шығарылмайды.',
    ru: 'Банк не ответил вовремя. Платёж мог пройти: нажмите «Повторить» — повторная попытка не спишет деньги дважды.',
    en: 'The bank did not answer in time. The payment may have gone through: press "Retry" — a retry never charges twice.',
  },
  PAY_EXPIRED: {
    kk: 'Сұрау мерзімі өтті: мемлекеттік баж 24 сағат ішінде төленбеді. Жаңа сұрау беруге болады; төленген сома қайтарылады.',
    ru: 'Срок запроса истёк: государственная пошлина не оплачена в течение 24 часов. Можно подать новый запрос; внесённая сумма возвращается.',
    en: 'The request has expired: the state duty was not paid within 24 hours. A new request is possible; any amount paid is refunded.',
  },
  PAY_NOT_AWAITING: {
    kk: 'Бұл сұрау төлемді күтпейді. Сұраудың мәртебесін жаңартыңыз.',
    ru: 'Этот запрос не ожидает оплаты. Обновите статус запроса.',
    en: 'This request is not awaiting payment. Refresh its status.',
  },
  PAY_AMOUNT_MISMATCH: {
    kk: 'Төлем сомасы мемлекеттік баж сомасына сәйкес келмейді. Соманы тексеріңіз.',
    ru: 'Сумма платежа не совпадает с суммой государственной пошлины. Проверьте сумму.',
    en: 'The amount paid does not match the state duty. Check the amount.',
  },
  PAY_CALLBACK_UNSIGNED: {
    kk: 'Төлем шлюзінің хабарламасы қол қойылмаған немесе қолтаңба қате.',
    ru: 'Уведомление платёжного шлюза не подписано или подпись неверна.',
    en: 'The payment gateway callback is unsigned or its signature is wrong.',
  },
  PAY_TEST_CLOCK_DISABLED: {
    kk: 'Сынақ сағаты өшірулі (GATEWAY_TEST_CLOCK).',
    ru: 'Тестовые часы выключены (GATEWAY_TEST_CLOCK).',
    en: 'The test clock is disabled (GATEWAY_TEST_CLOCK).',
  },
})
