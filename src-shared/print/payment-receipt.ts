/**
 * The state-duty receipt («чек», CATALOG §2.5.4: «чек … служит подтверждением факта осуществления платежа») as a
 * PrintModel, printed by renderPdf like every other document. Pure: the caller gives the paid duty as the gateway
 * reported it, the service's names and the language; amounts in tenge grouped by a space, times in Kazakhstan time.
 */
import type { Localized } from '../catalog/types'
import type { Lang } from '../errors'
import { formatDateTime, formatNumber } from '../format'
import type { PrintModel } from './compose'

export interface PaymentReceiptInput {
  registrationNumber: string
  serviceName: Localized
  receiptNumber: string
  transactionId: string
  amountTiyn: number
  mrp: { year: number; tenge: number; percent: number }
  paidAt: string
  channel: 'pos' | 'phone'
  /** The ЦОН's name where it was taken at the counter. */
  place?: string
  lang: Lang
}

const T = {
  title: { kk: 'МЕМЛЕКЕТТІК БАЖ ТӨЛЕНГЕНІ ТУРАЛЫ ЧЕК', ru: 'ЧЕК ОБ ОПЛАТЕ ГОСУДАРСТВЕННОЙ ПОШЛИНЫ', en: 'STATE DUTY PAYMENT RECEIPT' },
  receipt: 'Чек №',
  date: 'Төлем күні / Дата оплаты',
  service: { kk: 'Қызмет', ru: 'Услуга', en: 'Service' },
  request: { kk: 'Сұрау нөмірі', ru: 'Номер запроса', en: 'Request number' },
  amount: { kk: 'Төленген сома', ru: 'Оплаченная сумма', en: 'Amount paid' },
  basis: { kk: 'Есептеу негізі', ru: 'Основание расчёта', en: 'Basis' },
  channel: { kk: 'Төлем тәсілі', ru: 'Способ оплаты', en: 'Paid by' },
  pos: { kk: 'ХҚКО операторында (POS-терминал)', ru: 'У оператора ЦОН (POS-терминал)', en: 'At the ЦОН counter (POS terminal)' },
  phone: { kk: 'Телефон арқылы (электрондық үкімет төлем шлюзі)', ru: 'С телефона (платёжный шлюз электронного правительства)', en: 'By phone (e-government payment gateway)' },
  transaction: { kk: 'Транзакция', ru: 'Транзакция', en: 'Transaction' },
  place: { kk: 'Төлем қабылданған орын', ru: 'Место приёма оплаты', en: 'Taken at' },
  proof: {
    kk: 'Чек төлемнің жүзеге асырылу фактісін растайды.',
    ru: 'Чек служит подтверждением факта осуществления платежа.',
    en: 'The receipt confirms that the payment was made.',
  },
  mrpName: { kk: 'АЕК', ru: 'МРП', en: 'MCI' },
} as const

/** 432 500 tiyn → «4 325 ₸»; 129 750 → «1 297,50 ₸» (tiyn shown only when there are any). */
export function tengeText(amountTiyn: number, lang: Lang): string {
  const whole = amountTiyn % 100 === 0
  return `${formatNumber(whole ? amountTiyn / 100 : amountTiyn / 100, lang, whole ? undefined : 2)} ₸`
}

export function paymentReceiptModel(r: PaymentReceiptInput): PrintModel {
  const l = r.lang
  const share = r.mrp.percent === 100 ? `1 ${T.mrpName[l]}` : `${r.mrp.percent} % ${T.mrpName[l]}`
  const line = (label: Localized | { kk: string; ru: string; en: string }, value: string) => ({ text: `${label[l]}: ${value}` })
  return {
    lang: l,
    sample: false,
    header: {
      lines: ['Құжат электрондық үкімет жүйесінде құрылған', 'Документ сформирован системой электронного правительства'],
      fields: [[T.receipt, r.receiptNumber], [T.date, `${formatDateTime(r.paidAt)} (UTC+5)`]],
    },
    title: [T.title[l]],
    body: [
      line(T.service, r.serviceName[l]),
      line(T.request, r.registrationNumber),
      { text: `${T.amount[l]}: ${tengeText(r.amountTiyn, l)}`, bold: true, size: 13 },
      line(T.basis, `${share} × ${formatNumber(r.mrp.tenge, l)} ₸ (${r.mrp.year})`),
      line(T.channel, r.channel === 'pos' ? T.pos[l] : T.phone[l]),
      ...(r.place ? [line(T.place, r.place)] : []),
      line(T.transaction, r.transactionId),
      { text: '' },
      { text: T.proof[l] },
    ],
    signature: [],
    legal: [],
    qr: JSON.stringify({ c: r.receiptNumber, u: r.registrationNumber, a: r.amountTiyn }),
    docTitle: `${T.receipt} ${r.receiptNumber} — ${r.registrationNumber}`,
  }
}
