/**
 * The ЦОН counter (issue 11 points 4–7): the ЦОН's requests by state, one opened with its document and the verdict of
 * its signature, Print / Reprint (with a reason) through the desk's print dialog, Hand over with the §5.7 survey, and
 * the §5.5d receipt of every request signed at this desk — with the desk's local number until it is registered.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import { errorText, toArmError, type ArmErrorPayload } from '@shared/errors'
import { formatDateTime } from '@shared/format'
import type { CounterItem, CounterResultResponse, CounterState, SurveyAnswers } from '@shared/gateway/api'
import type { PrintModel } from '@shared/print'
import { SURVEY, type SurveyScore } from '@shared/results/survey'
import { isUnreachable } from '../../gateway/client'
import { useLang } from '../../i18n/lang'
import { useTexts } from '../../i18n/texts'
import { localNumber } from '../../db/localNumber'
import { openReceipt, pdfOf, previewOf, readResult, type OpenedDocument } from './documents'
import { useCounterDeps, type LocalRequest } from './deps'
import { counterTexts } from './texts'
import { tsonName } from './offices'
import './counter.css'

const STATES: CounterState[] = ['ready', 'refused', 'waiting', 'issued']

function Problem({ error }: { error: ArmErrorPayload }) {
  const lang = useLang()
  return (
    <div className="counter-error" role="alert" data-testid="counter-error" data-code={error.code}>
      {errorText(error.code, lang)} <small className="error-code">[{error.code}]</small>
    </div>
  )
}

export function CounterScreen() {
  const deps = useCounterDeps()
  const tx = useTexts(counterTexts)
  const lang = useLang()
  const [filter, setFilter] = useState<CounterState | undefined>(undefined)
  const [items, setItems] = useState<CounterItem[]>([])
  const [next, setNext] = useState<string | undefined>()
  const [local, setLocal] = useState<LocalRequest[]>([])
  const [error, setError] = useState<ArmErrorPayload | null>(null)
  /** Why the list is not there: an empty list then says it could not be loaded, never that there are no requests. */
  const [listFailed, setListFailed] = useState<ArmErrorPayload | null>(null)
  const [opened, setOpened] = useState<string | null>(null)
  const [notice, setNotice] = useState<'printedOk' | 'handedOk' | null>(null)

  const load = useCallback(async () => {
    setLocal((await deps.localRequests()).filter((r) => r.envelope && ['signed', 'queued', 'registered'].includes(r.state)))
    try {
      const page = await deps.gateway.call('counterResults', { query: { state: filter } })
      setItems(page.items)
      setNext(page.next)
      setError(null)
      setListFailed(null)
    } catch (err) {
      const failed = toArmError(err).toPayload()
      setError(failed)
      setListFailed(failed)
    }
  }, [deps, filter])

  useEffect(() => {
    void load()
    const timer = setInterval(() => void load(), deps.refreshMs ?? 5000)
    return () => clearInterval(timer)
  }, [load, deps.refreshMs])

  const more = async () => {
    if (!next) return
    const page = await deps.gateway.call('counterResults', { query: { state: filter, cursor: next } })
    setItems((xs) => [...xs, ...page.items])
    setNext(page.next)
  }

  const printReceipt = async (r: LocalRequest, reason?: string) => {
    setError(null)
    try {
      const op = deps.operator()
      const doc = openReceipt({ requestId: r.id, registrationNumber: r.registrationNumber, envelope: r.envelope!, signedAt: r.createdAt, tsonName: tsonName(op.tsonId), operator: op }, deps.catalog)
      const pdf = await pdfOf(doc, lang, deps.catalog, await deps.fonts())
      // Registered: the print is recorded at the gateway (a reprint with its reason); before that only this desk knows.
      if (r.registrationNumber) await deps.gateway.call('counterPrint', { params: { registrationNumber: r.registrationNumber }, body: { document: 'receipt', ...(reason ? { reason } : {}) } })
      await deps.printer.print(pdf, `${tx.receiptDoc} ${doc.doc.registrationNumber}`)
      setNotice('printedOk')
    } catch (err) {
      setError(toArmError(err).toPayload())
    }
  }

  if (opened) {
    return <ResultView registrationNumber={opened} local={local.find((l) => l.registrationNumber === opened)} onBack={() => (setOpened(null), void load())} printReceipt={printReceipt} />
  }

  const unregistered = local.filter((r) => !r.registrationNumber)
  return (
    <section className="counter" data-testid="counter">
      <h2 className="counter__title">{tx.title}</h2>
      {notice && <p className="counter__notice" role="status">{tx[notice]}</p>}
      {error && <Problem error={error} />}
      {unregistered.length > 0 && (
        <div className="counter__local" data-testid="counter-local">
          <h3>{tx.local}</h3>
          <p className="counter__hint">{tx.localHint}</p>
          <ul>
            {unregistered.map((r) => (
              <li key={r.id} data-testid="counter-local-row">
                <span className="counter__num">{localNumber(r.id)}</span> {deps.catalog.find(r.serviceId)?.shortName[lang] ?? r.serviceId}{' '}
                <span className="counter__iin">{r.applicantMasked}</span>{' '}
                <button type="button" className="button" onClick={() => void printReceipt(r)} data-testid="local-receipt">
                  {tx.receipt}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="counter__filters" role="tablist" aria-label={tx.filters}>
        {[undefined, ...STATES].map((s) => (
          <button key={s ?? 'all'} type="button" role="tab" aria-selected={filter === s} className="counter__filter" data-testid={`counter-filter-${s ?? 'all'}`} onClick={() => setFilter(s)}>
            {s ? tx.states[s] : tx.all}
          </button>
        ))}
      </div>
      <table className="counter__table" data-testid="counter-list">
        <thead>
          <tr>
            <th>{tx.number}</th>
            <th>{tx.service}</th>
            <th>{tx.applicant}</th>
            <th>{tx.received}</th>
            <th>{tx.state}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {items.length === 0 && (
            <tr>
              <td colSpan={6} data-testid="counter-list-empty" data-state={listFailed ? 'failed' : 'empty'}>
                {listFailed ? (isUnreachable(listFailed) ? tx.listOffline : tx.listFailed) : tx.empty}
              </td>
            </tr>
          )}
          {items.map((i) => (
            <tr key={i.requestId} data-testid="counter-row" data-reg={i.registrationNumber} data-state={i.state}>
              <td className="counter__num">{i.registrationNumber}</td>
              <td>{deps.catalog.find(i.serviceId)?.shortName[lang] ?? i.serviceId}</td>
              <td className="counter__iin">{i.applicantMasked}</td>
              <td>{formatDateTime(i.receivedAt)}</td>
              <td>
                <span className="counter__state" data-state={i.state}>
                  {tx.states[i.state]}
                </span>
              </td>
              <td>
                <button type="button" className="button" onClick={() => setOpened(i.registrationNumber)} data-testid="counter-open">
                  {tx.open}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {next && (
        <button type="button" className="button button--ghost" onClick={() => void more()}>
          {tx.more}
        </button>
      )}
    </section>
  )
}

type Verdict = { status: 'checking' } | { status: 'ok'; name: string } | { status: 'failed'; why: string }

function ResultView(props: { registrationNumber: string; local?: LocalRequest; onBack: () => void; printReceipt: (r: LocalRequest, reason?: string) => Promise<void> }) {
  const deps = useCounterDeps()
  const tx = useTexts(counterTexts)
  const lang = useLang()
  const [data, setData] = useState<CounterResultResponse | null>(null)
  const [doc, setDoc] = useState<OpenedDocument | null>(null)
  const [verdict, setVerdict] = useState<Verdict>({ status: 'checking' })
  const [error, setError] = useState<ArmErrorPayload | null>(null)
  const [asking, setAsking] = useState<null | 'result' | 'receipt'>(null)
  const [reason, setReason] = useState('')
  const [surveying, setSurveying] = useState(false)
  const [answers, setAnswers] = useState<Partial<SurveyAnswers>>({})
  const [notice, setNotice] = useState<'printedOk' | 'handedOk' | null>(null)
  const rootRef = useRef<HTMLElement>(null)

  const reload = useCallback(async () => {
    try {
      const r = await deps.gateway.call('counterResult', { params: { registrationNumber: props.registrationNumber } })
      setData(r)
      if (!r.result) return
      // The signature is checked in main every time the document is opened: only a PASSED check prints as valid.
      const check = await deps.verifier.verify({ cms: r.result.signature, content: r.result.document })
      setVerdict(check.indication === 'PASSED' ? { status: 'ok', name: check.signerName ?? '' } : { status: 'failed', why: check.subIndication ?? check.indication })
      setDoc(readResult(r.result, check, deps.catalog, r.item.serviceId))
    } catch (err) {
      setError(toArmError(err).toPayload())
    }
  }, [deps, props.registrationNumber])

  useEffect(() => {
    void reload()
    rootRef.current?.focus()
  }, [reload])

  const onBack = props.onBack
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) onBack()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [onBack])

  let preview: PrintModel | null = null
  let previewError: ArmErrorPayload | null = null
  if (doc) {
    try {
      preview = previewOf(doc, lang, deps.catalog)
    } catch (err) {
      previewError = toArmError(err).toPayload()
    }
  }
  const printedBefore = (d: 'result' | 'receipt') => !!data?.prints.some((p) => p.document === d)

  const printResult = async (why?: string) => {
    if (!doc) return
    setError(null)
    try {
      // Rendering first: a failed signature or a defective document stops here, before anything is recorded.
      const pdf = await pdfOf(doc, lang, deps.catalog, await deps.fonts())
      await deps.gateway.call('counterPrint', { params: { registrationNumber: props.registrationNumber }, body: { document: 'result', ...(why ? { reason: why } : {}) } })
      await deps.printer.print(pdf, `${tx.resultDoc} ${props.registrationNumber}`)
      setNotice('printedOk')
      setAsking(null)
      setReason('')
      await reload()
    } catch (err) {
      setError(toArmError(err).toPayload())
    }
  }

  const handOver = async (withSurvey: boolean) => {
    setError(null)
    try {
      const survey = withSurvey && answers.q1 && answers.q2 ? { q1: answers.q1, q2: answers.q2 } : undefined
      await deps.gateway.call('counterHandOver', { params: { registrationNumber: props.registrationNumber }, body: survey ? { survey } : {} })
      setSurveying(false)
      setNotice('handedOk')
      await reload()
    } catch (err) {
      setError(toArmError(err).toPayload())
    }
  }

  const item = data?.item
  const decided = item && (item.state === 'ready' || item.state === 'refused')
  const askFor = (what: 'result' | 'receipt') => (printedBefore(what) ? (setAsking(what), setReason('')) : what === 'result' ? void printResult() : props.local && void props.printReceipt(props.local))

  return (
    <section className="counter-result" data-testid="counter-result" ref={rootRef} tabIndex={-1}>
      <button type="button" className="button button--ghost" onClick={props.onBack}>
        ← {tx.back}
      </button>
      {item && (
        <header className="counter-result__head">
          <h2>
            {deps.catalog.find(item.serviceId)?.shortName[lang] ?? item.serviceId} — <span className="counter__num">{item.registrationNumber}</span>
          </h2>
          <span className="counter__state" data-state={item.state} data-testid="counter-result-state">
            {tx.states[item.state]}
          </span>
          {item.handedOverAt && <p data-testid="counter-handed">{tx.handedOver(item.handedOverBy ?? '—', formatDateTime(item.handedOverAt))}</p>}
        </header>
      )}
      {notice && <p className="counter__notice" role="status">{tx[notice]}</p>}
      {error && <Problem error={error} />}
      {data && !data.result && <p>{tx.notDecided}</p>}
      {data?.result && (
        <p className="counter-result__sig" data-testid="signature-verdict" data-status={verdict.status}>
          {tx.signature}: {verdict.status === 'checking' ? tx.checking : verdict.status === 'ok' ? tx.signatureOk(verdict.name) : tx.signatureFailed(verdict.why)}
        </p>
      )}
      {data?.result && deps.signatureReport && <deps.signatureReport what="result" registrationNumber={props.registrationNumber} document={data.result.document} signature={data.result.signature} />}
      {item?.resultKind === 'refusal' && item.reason && (
        <p className="counter-result__reason" data-testid="refusal-reason">
          {tx.refusalReason}: {item.reason}
        </p>
      )}
      {previewError && <Problem error={previewError} />}
      {preview && (
        <article className="counter-paper" data-testid="counter-paper" aria-label={tx.resultDoc}>
          {preview.header.lines.map((l, i) => (
            <p key={`h${i}`} className="counter-paper__header">{l}</p>
          ))}
          {preview.header.fields.map(([label, value], i) => (
            <p key={`f${i}`} className="counter-paper__field">
              {label}: <strong>{value}</strong>
            </p>
          ))}
          {preview.title.map((l, i) => (
            <h3 key={`t${i}`}>{l}</h3>
          ))}
          {preview.body.map((l, i) => (
            <p key={`b${i}`} className={l.bold ? 'counter-paper__bold' : undefined}>{l.text}</p>
          ))}
          {preview.signature.map((l, i) => (
            <p key={`s${i}`} className="counter-paper__sign">{l}</p>
          ))}
        </article>
      )}
      <div className="counter-result__actions">
        {doc && !previewError && verdict.status === 'ok' && (
          <button type="button" className="button button--primary" onClick={() => askFor('result')} data-testid="counter-print">
            {printedBefore('result') ? tx.reprint : tx.print}
          </button>
        )}
        {props.local && (
          <button type="button" className="button" onClick={() => askFor('receipt')} data-testid="counter-receipt">
            {printedBefore('receipt') ? tx.receiptAgain : tx.receipt}
          </button>
        )}
        {decided && (
          <button type="button" className="button button--primary" onClick={() => setSurveying(true)} data-testid="counter-hand-over">
            {tx.handOver}
          </button>
        )}
      </div>
      {asking && (
        <form
          className="counter-dialog"
          data-testid="reprint-reason"
          onSubmit={(e) => {
            e.preventDefault()
            if (asking === 'result') void printResult(reason.trim())
            else if (props.local) void props.printReceipt(props.local, reason.trim()).then(() => (setAsking(null), reload()))
          }}
        >
          <label>
            {tx.reason}
            <input autoFocus value={reason} onChange={(e) => setReason(e.target.value)} placeholder={tx.reasonHint} minLength={3} required data-testid="reprint-reason-input" />
          </label>
          <button type="submit" className="button button--primary" disabled={reason.trim().length < 3}>
            {tx.confirm}
          </button>
          <button type="button" className="button button--ghost" onClick={() => setAsking(null)}>
            {tx.cancel}
          </button>
        </form>
      )}
      {surveying && (
        <form
          className="counter-dialog counter-survey"
          data-testid="counter-survey"
          onSubmit={(e) => {
            e.preventDefault()
            void handOver(true)
          }}
        >
          <h3>{tx.surveyTitle}</h3>
          <p className="counter__hint">{SURVEY.title[lang]}</p>
          {(['q1', 'q2'] as const).map((q) => (
            <fieldset key={q}>
              <legend>{SURVEY.questions[q][lang]}</legend>
              {([1, 2, 3] as SurveyScore[]).map((a) => (
                <label key={a}>
                  <input type="radio" name={q} value={a} checked={answers[q] === a} onChange={() => setAnswers((x) => ({ ...x, [q]: a }))} data-testid={`survey-${q}-${a}`} /> {a}) {SURVEY.answers[a][lang]}
                </label>
              ))}
            </fieldset>
          ))}
          <button type="submit" className="button button--primary" disabled={!answers.q1 || !answers.q2} data-testid="survey-save">
            {tx.surveySave}
          </button>
          <button type="button" className="button" onClick={() => void handOver(false)} data-testid="survey-skip">
            {tx.surveySkip}
          </button>
          <button type="button" className="button button--ghost" onClick={() => setSurveying(false)}>
            {tx.cancel}
          </button>
        </form>
      )}
      {data?.survey && <p data-testid="counter-survey-done">{tx.surveyDone(SURVEY.answers[data.survey.q1][lang], SURVEY.answers[data.survey.q2][lang])}</p>}
      {data && data.prints.length > 0 && (
        <div className="counter-result__prints" data-testid="counter-prints">
          <h3>{tx.prints}</h3>
          <ul>
            {data.prints.map((p, i) => (
              <li key={i}>
                {p.document === 'receipt' ? tx.receiptDoc : tx.resultDoc}: {p.reprint ? tx.reprinted(p.by, formatDateTime(p.at), p.reason ?? '') : tx.printed(p.by, formatDateTime(p.at))}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  )
}
