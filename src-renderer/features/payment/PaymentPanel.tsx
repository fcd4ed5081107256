/**
 * The operator's state-duty panel (CATALOG §2.5.4): the ЗАГС requests of this desk with their status as the status
 * stream brings it; for one request the amount and the time left, the counter's POS, the receipt («чек») and the
 * acceptance notice as PDF, M9 when the bank declines (the request keeps waiting), M8 when it expired — with a new
 * draft prefilled from the same data.
 */
import { useCallback, useEffect, useState } from 'react'
import { useLiveQuery } from 'dexie-react-hooks'
import { base64ToBytes } from '@shared/bytes'
import { decodeEnvelope } from '@shared/envelope'
import { errorText, type Lang } from '@shared/errors'
import { formatDateTime, formatNumber } from '@shared/format'
import type { PaymentAttemptResponse, PaymentView } from '@shared/gateway/api'
import { paymentReceiptModel, renderPdf, renderResultPdf, tengeText } from '@shared/print'
import { fromLegacy, isDecisionDocument, parseDecisionBytes } from '@shared/results'
import { useLang } from '../../i18n/lang'
import { useTexts } from '../../i18n/texts'
import type { RequestRecord } from '../../db/types'
import { usePaymentDeps, type PaymentDeps } from './deps'
import { tsonName } from './places'
import { paymentTexts } from './texts'
import { timeLeft } from './timeLeft'

type Texts = typeof paymentTexts.kk
type StatusKey = keyof Texts['statuses']
const statusLabel = (t: Texts, s: string | undefined) => t.statuses[(s && s in t.statuses ? s : 'other') as StatusKey]

export function PaymentPanel() {
  const deps = usePaymentDeps()
  const t = useTexts(paymentTexts)
  const lang = useLang()
  const rows = useLiveQuery(async () => (await deps.db.requests.orderBy('updatedAt').reverse().limit(300).toArray()).filter((r) => r.serviceId.startsWith('zags.') && r.registrationNumber), [deps])
  const [selected, setSelected] = useState<string | undefined>()
  const current = rows?.find((r) => r.id === selected) ?? rows?.[0]
  return (
    <section className="payment" data-testid="payment-panel">
      <h2>{t.title}</h2>
      {!rows ? (
        <p>{t.loading}</p>
      ) : rows.length === 0 ? (
        <p className="muted">{t.empty}</p>
      ) : (
        <div className="payment__layout">
          <table className="payment__list" data-testid="payment-list">
            <thead>
              <tr>
                <th>{t.request}</th>
                <th>{t.service}</th>
                <th>{t.status}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} aria-selected={r.id === current?.id} data-testid={`payment-row-${r.registrationNumber}`} data-status={r.gatewayStatus}>
                  <td>
                    <button type="button" className="link" onClick={() => setSelected(r.id)}>
                      {r.registrationNumber}
                    </button>
                  </td>
                  <td>{deps.catalog.find(r.serviceId)?.shortName[lang] ?? r.serviceId}</td>
                  <td>{statusLabel(t, r.gatewayStatus)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {current && <PaymentDetail key={current.id} request={current} />}
        </div>
      )}
    </section>
  )
}

type Attempt =
  | { kind: 'idle' }
  | { kind: 'paying' }
  | { kind: 'answer'; answer: PaymentAttemptResponse }
  | { kind: 'timeout'; transactionId: string }
  | { kind: 'error'; code: string }

function PaymentDetail({ request }: { request: RequestRecord }) {
  const deps = usePaymentDeps()
  const t = useTexts(paymentTexts)
  const lang = useLang()
  const regNo = request.registrationNumber as string
  const status = request.gatewayStatus
  const [view, setView] = useState<{ v: PaymentView; readAt: number } | undefined>()
  const [attempt, setAttempt] = useState<Attempt>({ kind: 'idle' })
  const [receiptPdf, setReceiptPdf] = useState<{ url: string; name: string } | undefined>()
  const [noticePdfLink, setNoticePdfLink] = useState<{ url: string; name: string } | undefined>()
  const [notice, setNotice] = useState<string | undefined>()
  const [, tick] = useState(0)

  const load = useCallback(async () => {
    try {
      setView({ v: await deps.gateway.call('payment', { params: { registrationNumber: regNo } }), readAt: deps.now() })
    } catch {
      setView(undefined)
    }
  }, [deps, regNo])
  // The status stream moves `status`; every move (paid at the counter or on the phone, expired) reloads the duty.
  useEffect(() => void load(), [load, status])
  useEffect(() => {
    const timer = setInterval(() => tick((n) => n + 1), 15_000)
    return () => clearInterval(timer)
  }, [])

  const pay = async (transactionId = deps.newId()) => {
    if (!view) return
    setAttempt({ kind: 'paying' })
    try {
      const answer = await deps.gateway.call('paymentPos', { params: { registrationNumber: regNo }, body: { transactionId, amountTiyn: view.v.amountTiyn } })
      setAttempt({ kind: 'answer', answer })
    } catch (err) {
      const code = (err as { code?: string }).code ?? 'INTERNAL'
      // A lost answer is retried with the same transaction: the bank never charges it twice.
      setAttempt(code === 'PAY_TIMEOUT' ? { kind: 'timeout', transactionId } : { kind: 'error', code })
    }
    await load()
  }

  const v = view?.v
  const left = v && view ? timeLeft({ dueAt: v.dueAt, gatewayNow: v.now, readAt: view.readAt, now: deps.now() }) : undefined
  const declined = attempt.kind === 'answer' && attempt.answer.outcome === 'declined' ? attempt.answer : undefined
  const expired = status === 'EXPIRED' || v?.state === 'expired'
  const service = deps.catalog.find(request.serviceId)

  const printReceipt = async () => {
    if (!v?.receiptNumber || !v.paidAt || !service) return
    const paidTx = v.transactions.find((x) => x.outcome === 'paid')
    const model = paymentReceiptModel({
      registrationNumber: regNo, serviceName: service.name, receiptNumber: v.receiptNumber, transactionId: paidTx?.transactionId ?? '',
      amountTiyn: v.amountTiyn, mrp: v.mrp, paidAt: v.paidAt, channel: v.channel ?? 'pos', place: v.tsonId ? tsonName(v.tsonId, lang, '') : undefined, lang,
    })
    const name = `chek-${v.receiptNumber}.pdf`
    setReceiptPdf({ url: deps.present(await renderPdf(model, await deps.fonts()), name), name })
  }

  const printNotice = async () => {
    setNotice(undefined)
    const link = await noticePdf(deps, regNo, lang)
    if (link) setNoticePdfLink(link)
    else setNotice(t.noticeUnverified)
  }

  const startAgain = async () => {
    if (!request.envelope) return
    const env = decodeEnvelope(request.envelope)
    await deps.startAgain({ serviceId: env.serviceId, fields: env.form as Record<string, unknown> })
    setNotice(t.startedAgain)
  }

  return (
    <div className="payment__detail" data-testid="payment-detail" data-reg-no={regNo}>
      <h3>
        {regNo} · {statusLabel(t, status)}
      </h3>
      {v && (
        <dl className="payment__facts">
          <dt>{t.amount}</dt>
          <dd data-testid="payment-amount">{tengeText(v.amountTiyn, lang)}</dd>
          <dd className="muted">{t.basis(t.mrpShare(v.mrp.percent), formatNumber(v.mrp.tenge, lang), v.mrp.year)}</dd>
          {v.state === 'awaiting' && (
            <>
              <dt>{t.due}</dt>
              <dd>
                {formatDateTime(v.dueAt)} · <span data-testid="payment-left">{left ? t.left(left.hours, left.minutes) : t.leftNone}</span>
              </dd>
            </>
          )}
        </dl>
      )}
      {v?.state === 'awaiting' && !expired && (
        <p className="payment__actions">
          <button type="button" className="button button--primary" data-testid="payment-pos" disabled={attempt.kind === 'paying'} onClick={() => void pay()}>
            {attempt.kind === 'paying' ? t.paying : t.payPos}
          </button>
        </p>
      )}
      {declined && v?.state === 'awaiting' && (
        <div className="payment__error" role="alert" data-testid="payment-declined">
          <strong>{t.declinedTitle}</strong>
          <p>{errorText('PAY_DECLINED', lang)}</p>
          {declined.reason && (
            <p className="muted">
              {t.bankSaid}: {declined.reason}
            </p>
          )}
        </div>
      )}
      {attempt.kind === 'timeout' && v?.state === 'awaiting' && (
        <div className="payment__error" role="alert" data-testid="payment-timeout">
          <p>{errorText('PAY_TIMEOUT', lang)}</p>
          <button type="button" className="button" onClick={() => void pay(attempt.transactionId)}>
            {t.retry}
          </button>
        </div>
      )}
      {attempt.kind === 'error' && (
        <p className="payment__error" role="alert">
          {errorText(attempt.code, lang)}
        </p>
      )}
      {attempt.kind === 'answer' && attempt.answer.outcome === 'refunded' && attempt.answer.refundNumber && (
        <p className="payment__error" role="alert" data-testid="payment-refunded">
          {t.refunded(attempt.answer.refundNumber)}
          {attempt.answer.reason === 'PAY_EXPIRED' ? ` — ${errorText('PAY_EXPIRED', lang)}` : ''}
        </p>
      )}
      {v?.state === 'paid' && v.receiptNumber && (
        <div className="payment__ok" data-testid="payment-paid">
          <p role="status">
            {t.paid(v.receiptNumber)}
            {v.channel === 'phone' ? ` ${t.paidByPhone}` : ''}
          </p>
          <button type="button" className="button" data-testid="payment-print-receipt" onClick={() => void printReceipt()}>
            {t.printReceipt}
          </button>{' '}
          {receiptPdf && (
            <a href={receiptPdf.url} download={receiptPdf.name} data-testid="payment-receipt-pdf">
              {t.openReceipt}
            </a>
          )}
        </div>
      )}
      {(status === 'RESULT_READY' || status === 'ISSUED') && (
        <p>
          <button type="button" className="button" data-testid="payment-print-notice" onClick={() => void printNotice()}>
            {t.printNotice}
          </button>{' '}
          {noticePdfLink && (
            <a href={noticePdfLink.url} download={noticePdfLink.name} data-testid="payment-notice-pdf">
              {t.openNotice}
            </a>
          )}
        </p>
      )}
      {expired && (
        <div className="payment__error" role="alert" data-testid="payment-expired">
          <strong>{t.expiredTitle}</strong>
          <p>{t.expiredText}</p>
          <button type="button" className="button button--primary" data-testid="payment-start-again" onClick={() => void startAgain()}>
            {t.startAgain}
          </button>
        </div>
      )}
      {notice && (
        <p role="status" data-testid="payment-notice">
          {notice}
        </p>
      )}
    </div>
  )
}

/** The regulated answer (acceptance notice) as PDF, printed only when main confirms the department's signature. */
async function noticePdf(deps: PaymentDeps, regNo: string, lang: Lang): Promise<{ url: string; name: string } | undefined> {
  const result = await deps.gateway.call('result', { params: { registrationNumber: regNo } })
  const check = deps.verify ? await deps.verify({ cms: result.signature, content: result.document }) : undefined
  if (!check || check.indication !== 'PASSED') return undefined
  const bytes = base64ToBytes(result.document)
  const raw: unknown = JSON.parse(new TextDecoder().decode(bytes))
  const legacy = !isDecisionDocument(raw)
  const serviceId = (raw as { serviceId?: string }).serviceId ?? ''
  const service = deps.catalog.find(serviceId)
  if (!service) return undefined
  const doc = legacy
    ? fromLegacy(raw, service, { registrationNumber: regNo, decidedAt: result.decidedAt, signer: { role: 'department', name: check.signerName ?? service.provider.name[lang], position: service.provider.name } })
    : parseDecisionBytes(bytes)
  if (!doc) return undefined
  const pdf = await renderResultPdf({ doc, lang, verdict: { status: 'verified', signerName: check.signerName }, fonts: await deps.fonts(), catalog: deps.catalog, signedBytes: bytes, lenient: legacy })
  const name = `notice-${regNo}.pdf`
  return { url: deps.present(pdf, name), name }
}

