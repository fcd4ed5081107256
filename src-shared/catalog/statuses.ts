/**
 * Request statuses of CATALOG §2.3 with their UI labels (RU/KK as in the catalogue; codes and labels are DEFAULT
 * there), for status lists, receipts and the outbox. The gateway's RequestStatus enum uses the same codes.
 */
import type { Localized } from './types'

const L = (kk: string, ru: string, en: string): Localized => ({ kk, ru, en })

export const REQUEST_STATUS_LABELS = {
  DRAFT: L('Жоба', 'Черновик', 'Draft'),
  CHECKING: L('Деректерді тексеру', 'Проверка данных', 'Checking data'),
  FORMED: L('Сұрау қалыптастырылды', 'Запрос сформирован', 'Request formed'),
  SIGNED: L('ЭЦҚ-мен қол қойылды', 'Подписан ЭЦП', 'Signed'),
  SENT: L('Жіберілді', 'Отправлен', 'Sent'),
  DELIVERED: L('Жеткізілді', 'Доставлен', 'Delivered'),
  REGISTERED: L('№ {regNo} тіркелді', 'Зарегистрирован № {regNo}', 'Registered No. {regNo}'),
  IN_PROCESSING: L('Орындалуда', 'На исполнении', 'In processing'),
  AWAITING_PAYMENT: L('Төлемді күтуде', 'Ожидает оплаты', 'Awaiting payment'),
  EXPIRED: L('Сұрау мерзімі өтті', 'Срок запроса истёк', 'Request expired'),
  RESULT_READY: L('Нәтиже дайын', 'Результат готов', 'Result ready'),
  ISSUED: L('Берілді', 'Выдан', 'Issued'),
  REJECTED: L('Қабылдаудан бас тартылды', 'Отказано в приёме', 'Rejected at intake'),
  REFUSED: L('Дәлелді бас тарту', 'Мотивированный отказ', 'Reasoned refusal'),
  CANCELLED: L('Болдырылмады', 'Отменён', 'Cancelled'),
} as const satisfies Record<string, Localized>

export type RequestStatusCode = keyof typeof REQUEST_STATUS_LABELS

/** States a request never leaves (§2.3). */
export const TERMINAL_STATUSES: readonly RequestStatusCode[] = ['ISSUED', 'REFUSED', 'REJECTED', 'EXPIRED', 'CANCELLED']

/** The label of a status in a language, with `{regNo}` filled in when given. */
export function statusLabel(status: RequestStatusCode, lang: keyof Localized, regNo?: string): string {
  const text = REQUEST_STATUS_LABELS[status][lang]
  return regNo === undefined ? text.replace(/\s*(№|No\.) \{regNo\}\s*/, ' ').trim() : text.replace('{regNo}', regNo)
}
