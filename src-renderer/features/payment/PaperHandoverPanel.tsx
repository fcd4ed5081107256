/**
 * The ЗАГС specialist's paper step (CATALOG §2.4 T13): repeat certificates whose notice is issued wait here until the
 * paper certificate is handed over at the place of filing; one click marks it ISSUED at the gateway.
 */
import { useCallback, useEffect, useState } from 'react'
import { errorText } from '@shared/errors'
import { formatDateTime } from '@shared/format'
import type { InboxResponse } from '@shared/gateway/api'
import { useLang } from '../../i18n/lang'
import { useTexts } from '../../i18n/texts'
import { usePaymentDeps } from './deps'
import { paymentTexts } from './texts'

type Item = InboxResponse['items'][number]
const PICKUP_OF = (i: Item) => ((i.envelope.form as Record<string, unknown> | undefined)?.pickupOffice as string | undefined) ?? ''

export function PaperHandoverPanel() {
  const deps = usePaymentDeps()
  const t = useTexts(paymentTexts)
  const lang = useLang()
  const [items, setItems] = useState<Item[]>([])
  const [message, setMessage] = useState<string | undefined>()
  const load = useCallback(async () => {
    const r = await deps.gateway.call('inbox', { query: { status: 'RESULT_READY', service: 'zags.repeat-certificate' } })
    setItems(r.items)
  }, [deps])
  useEffect(() => {
    void load().catch(() => undefined)
  }, [load])

  const handOver = async (regNo: string) => {
    try {
      await deps.gateway.call('paperHandover', { params: { registrationNumber: regNo } })
      setMessage(t.handedOver(regNo))
    } catch (err) {
      setMessage(errorText((err as { code?: string }).code ?? 'INTERNAL', lang))
    }
    await load()
  }

  // The place of filing by its catalogue name (the form keeps the option's value).
  const pickup = deps.catalog.find('zags.repeat-certificate')?.fields.find((f) => f.id === 'pickupOffice')
  const offices = pickup && 'options' in pickup ? (pickup.options ?? []) : []
  return (
    <section className="payment" data-testid="paper-handover">
      <h2>{t.handoverTitle}</h2>
      {items.length === 0 ? (
        <p className="muted">{t.handoverEmpty}</p>
      ) : (
        <table className="payment__list">
          <tbody>
            {items.map((i) => {
              const place = offices.find((o) => o.value === PICKUP_OF(i))?.label[lang]
              return (
                <tr key={i.requestId}>
                  <td>{i.registrationNumber}</td>
                  <td>{formatDateTime(i.receivedAt)}</td>
                  <td>{place ?? ''}</td>
                  <td>
                    <button type="button" className="button" data-testid={`handover-${i.registrationNumber}`} onClick={() => void handOver(i.registrationNumber)}>
                      {t.handOver}
                    </button>
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
      {message && <p role="status">{message}</p>}
    </section>
  )
}
