/** The supervisor's compact state-duty figures: per Kazakhstan day and ЦОН, paid (count, sum), expired, refunded. */
import { useEffect, useState } from 'react'
import type { PaymentFigures } from '@shared/gateway/api'
import { tengeText } from '@shared/print'
import { useLang } from '../../i18n/lang'
import { useTexts } from '../../i18n/texts'
import { formatDate } from '@shared/format'
import { usePaymentDeps } from './deps'
import { tsonName } from './places'
import { paymentTexts } from './texts'

export function PaymentFiguresPanel() {
  const deps = usePaymentDeps()
  const t = useTexts(paymentTexts)
  const lang = useLang()
  const [figures, setFigures] = useState<PaymentFigures | undefined>()
  useEffect(() => {
    void deps.gateway.call('supervisionPayments', { query: { days: 7 } }).then(setFigures, () => undefined)
  }, [deps])
  if (!figures) return null
  return (
    <section className="payment" data-testid="payment-figures">
      <h2>{t.figuresTitle}</h2>
      {figures.rows.length === 0 ? (
        <p className="muted">{t.noFigures}</p>
      ) : (
        <table className="payment__list">
          <thead>
            <tr>
              <th>{t.day}</th>
              <th>{t.tson}</th>
              <th>{t.paidCount}</th>
              <th>{t.paidSum}</th>
              <th>{t.expiredCount}</th>
              <th>{t.refundedCount}</th>
              <th>{t.awaitingCount}</th>
            </tr>
          </thead>
          <tbody>
            {figures.rows.map((r) => (
              <tr key={`${r.day}-${r.tsonId ?? ''}`}>
                <td>{formatDate(r.day)}</td>
                <td>{tsonName(r.tsonId, lang, t.walkIn)}</td>
                <td>{r.paid}</td>
                <td>{tengeText(r.paidTiyn, lang)}</td>
                <td>{r.expired}</td>
                <td>{r.refunded}</td>
                <td>{r.awaiting}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {figures.expired.length > 0 && (
        <>
          <h3>{t.expiredList}</h3>
          <ul>
            {figures.expired.map((e) => (
              <li key={e.registrationNumber}>
                {e.registrationNumber} · {deps.catalog.find(e.serviceId)?.shortName[lang] ?? e.serviceId} · {tsonName(e.tsonId, lang, t.walkIn)} · {tengeText(e.amountTiyn, lang)}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}
