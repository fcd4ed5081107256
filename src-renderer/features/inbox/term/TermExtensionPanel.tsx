import { useEffect, useState } from 'react'
import type { ServiceDefinition } from '@shared/catalog'
import { toArmError, type ArmErrorPayload } from '@shared/errors'
import { formatDate } from '@shared/format'
import { TERM_REASON_MAX, type InboxItem, type RequestStatus } from '@shared/gateway/api'
import { parseTermExtendedNote, type TermExtensionNote } from '@shared/gateway/term-extension'
import { useTexts } from '../../../i18n/texts'
import { ErrorNote } from '../../../ui/ErrorNote'
import { useInboxDeps } from '../deps'
import { termTexts } from './texts'
import './term.css'

/**
 * «Extend the term» (CATALOG G16): the assignee of a request in processing, of a service whose regulations allow it,
 * extends the term once with a reason; the gateway computes the new deadline on the working-day calendar and the ЦОН
 * sees it on the status stream. Once extended, the panel says until when and why.
 */
export function TermExtensionPanel(props: { item: InboxItem; status: RequestStatus; mine: boolean; service: ServiceDefinition | undefined; onExtended?: () => Promise<void> }) {
  const t = useTexts(termTexts)
  const deps = useInboxDeps()
  const { item } = props
  const [done, setDone] = useState<TermExtensionNote | undefined>()
  const [dueAt, setDueAt] = useState(item.dueAt)
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ArmErrorPayload | null>(null)
  const extendTerm = deps.api.extendTerm
  const shown = Boolean(props.service?.terms.extendable && extendTerm)

  // An earlier extension is in the request's status history (the TERM_EXTENDED note).
  useEffect(() => {
    if (!shown) return
    let live = true
    deps.api.status(item.registrationNumber).then(
      (s) => {
        const found = s.statusHistory.map((h) => parseTermExtendedNote(h.note)).find(Boolean)
        if (live && found) setDone(found)
      },
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [deps, item.registrationNumber, shown])

  if (!shown) return null
  if (done) {
    return (
      <section className="inbox-term" data-testid="term-extended" aria-label={t.title}>
        <p>{t.extended({ date: formatDate(done.dueAt) })}</p>
        <p>{t.reasonShown({ reason: done.reason })}</p>
      </section>
    )
  }
  if (props.status !== 'IN_PROCESSING' || !props.mine) return null
  const submit = async () => {
    setBusy(true)
    setError(null)
    try {
      const out = await extendTerm!(item.requestId, reason.trim())
      setDueAt(out.dueAt)
      setDone({ dueAt: out.dueAt, reason: out.reason })
      await props.onExtended?.()
    } catch (err) {
      setError(toArmError(err).toPayload())
    } finally {
      setBusy(false)
    }
  }
  return (
    <section className="inbox-term" data-testid="term-panel" aria-label={t.title}>
      <h3>{t.title}</h3>
      {dueAt && <p data-testid="term-due">{t.due({ date: formatDate(dueAt) })}</p>}
      <p className="inbox-term__hint">{t.hint}</p>
      <label>
        {t.reason}
        <textarea data-testid="term-reason" value={reason} maxLength={TERM_REASON_MAX} rows={3} onChange={(e) => setReason(e.target.value)} />
      </label>
      <p className="inbox-term__counter">{t.counter({ used: reason.length, max: TERM_REASON_MAX })}</p>
      {error && <ErrorNote error={error} testId="term-error" />}
      <button type="button" className="button" data-testid="term-extend" disabled={busy || !reason.trim()} onClick={() => void submit()}>
        {busy ? t.extending : t.extend}
      </button>
    </section>
  )
}
