import { useEffect, useMemo, useRef, useState } from 'react'
import { statusLabel, type FieldDef, type ServiceDefinition } from '@shared/catalog'
import { toArmError, type ArmErrorPayload, type Lang } from '@shared/errors'
import type { InboxItem, RequestStatus, SessionUser } from '@shared/gateway/api'
import { useLang } from '../../i18n/lang'
import { DecisionForm } from './decision/DecisionForm'
import { PreparedDecisionReview } from './decision/PreparedDecisionReview'
import { useInboxDeps } from './deps'
import { AttachmentPreview, type AttachmentRef } from './AttachmentPreview'
import { ErrorNote } from '../../ui/ErrorNote'
import { useTexts } from '../../i18n/texts'
import { inboxTexts } from './texts'
import { applicantOfEnvelope, toRow } from './model'
import { formatDate, formatDateTime } from '@shared/format'
import { PaperMarks } from './PaperMarks'
import { StepsPanel } from './StepsPanel'
import { TermExtensionPanel } from './term/TermExtensionPanel'
import { useLeftText } from './timeLeft'

/** A form value in words: select options and checkboxes through the catalogue's labels, lists as lines. */
export function fieldValueText(f: FieldDef | undefined, v: unknown, lang: Lang): string {
  if (v === null || v === undefined || v === '') return '—'
  if (f?.kind === 'select') return f.options.find((o) => o.value === v)?.label[lang] ?? String(v)
  if (f?.kind === 'date' && typeof v === 'string') return formatDate(v)
  if (typeof v === 'boolean') return v ? (lang === 'kk' ? 'Иә' : lang === 'ru' ? 'Да' : 'Yes') : lang === 'kk' ? 'Жоқ' : lang === 'ru' ? 'Нет' : 'No'
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'object' ? Object.values(x as object).join(', ') : String(x))).join('; ')
  if (typeof v === 'object') return JSON.stringify(v)
  return String(v)
}

function formEntries(service: ServiceDefinition | undefined, form: Record<string, unknown>, lang: Lang): { id: string; label: string; value: string }[] {
  const byId = new Map((service?.fields ?? []).map((f) => [f.id, f]))
  // Catalogue order first, then anything the catalogue does not know (shown by id so nothing is hidden).
  const ids = [...(service?.fields ?? []).map((f) => f.id).filter((id) => id in form), ...Object.keys(form).filter((k) => !byId.has(k))]
  return ids.map((id) => ({ id, label: byId.get(id)?.label[lang] ?? id, value: fieldValueText(byId.get(id), form[id], lang) }))
}

/**
 * One request of the inbox: the form with catalogue labels, the attachments, take, and the decision (result or
 * мотивированный отказ) signed in main and sent to the gateway.
 */
export function RequestView(props: { item: InboxItem; me: SessionUser; now: number; onBack: () => void; onChanged: () => Promise<void> }) {
  const t = useTexts(inboxTexts)
  const lang = useLang()
  const deps = useInboxDeps()
  const { item, me } = props
  const service = deps.catalog.find(item.serviceId)
  const row = toRow(item, deps.catalog, lang, props.now)
  const leftText = useLeftText()
  const [status, setStatus] = useState<RequestStatus>(item.status)
  const [assignee, setAssignee] = useState(item.assigneeId)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ArmErrorPayload | null>(null)
  const rootRef = useRef<HTMLElement>(null)
  const [check, setCheck] = useState<{ indication: string; subIndication?: string; signerName?: string; signerIin?: string } | { error: ArmErrorPayload } | null>(null)
  const form = (item.envelope.form ?? {}) as Record<string, unknown>
  const attachments = (Array.isArray(item.envelope.attachments) ? item.envelope.attachments : []) as AttachmentRef[]
  const [previewing, setPreviewing] = useState<number | null>(null)
  const openButtons = useRef<(HTMLButtonElement | null)[]>([])
  const docName = (a: AttachmentRef) => service?.documents.find((d) => d.id === a.docType)?.name[lang] ?? a.docType
  const entries = useMemo(() => formEntries(service, form, lang), [service, form, lang])

  useEffect(() => {
    rootRef.current?.focus()
  }, [])
  // The operator's signature is checked again here, in main, before anyone decides on the request.
  useEffect(() => {
    if (!deps.verifier) return
    let live = true
    deps.verifier.verify({ cms: item.signature, content: item.envelopeBytes }).then(
      (r) => live && setCheck(r),
      (err) => live && setCheck({ error: toArmError(err).toPayload() }),
    )
    return () => {
      live = false
    }
  }, [deps, item])
  // Esc goes back wherever the focus is (after a decision the form is gone and the focus with it).
  const onBack = props.onBack
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) onBack()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [onBack])

  const take = async () => {
    setBusy(true)
    setError(null)
    try {
      const r = await deps.api.take(item.requestId)
      setStatus(r.status)
      setAssignee(r.assigneeId)
      await props.onChanged()
    } catch (err) {
      setError(toArmError(err).toPayload())
    } finally {
      setBusy(false)
    }
  }

  /** Signed by the specialist or by the authorised person: the request is decided, the list learns it. */
  const decided = async (s: RequestStatus) => {
    setStatus(s)
    await props.onChanged()
  }

  const mine = assignee === me.id
  const open = status === 'REGISTERED' || status === 'IN_PROCESSING'
  return (
    <section
      className="request-view"
      data-testid="request-view"
      data-status={status}
      tabIndex={-1}
      ref={rootRef}
    >
      <header className="request-view__bar">
        <button type="button" className="button button--ghost" data-testid="request-back" onClick={props.onBack}>
          ← {t.view.back}
        </button>
        <h2>{t.view.request(item.registrationNumber)}</h2>
        <span className="request-view__status" data-testid="request-status">
          {statusLabel(status, lang)}
        </span>
        <span className={`mark mark--${row.mark}`}>{leftText(row)}</span>
      </header>
      <p className="request-view__service">
        <strong>{service?.name[lang] ?? item.serviceId}</strong>
        <br />
        {t.cols.received}: {formatDateTime(row.receivedAt)} · {t.cols.deadline}: {row.deadlineAt === null ? '—' : formatDateTime(row.deadlineAt)}
      </p>
      <div className="request-view__cols">
        <div>
          <h3>{t.view.applicant}</h3>
          <p className="mono" data-testid="request-applicant">
            {applicantOfEnvelope(item.envelope) || '—'}
          </p>
          {check && 'error' in check && <ErrorNote error={check.error} testId="signature-check-error" />}
          {check && !('error' in check) && (
            <p className={`sigcheck sigcheck--${check.indication}`} data-testid="signature-check" data-indication={check.indication}>
              {t.view.sig[check.indication as keyof typeof t.view.sig] ?? check.indication}
              {check.signerName ? ` · ${check.signerName}` : ''}
              {check.signerIin ? ` · ${check.signerIin}` : ''}
              {check.subIndication ? ` (${check.subIndication})` : ''}
            </p>
          )}
          {deps.signatureReport && <deps.signatureReport what="request" registrationNumber={item.registrationNumber} document={item.envelopeBytes} signature={item.signature} />}
          <h3>{t.view.form}</h3>
          <dl className="request-form" data-testid="request-form">
            {entries.map((e) => (
              <div key={e.id} className="request-form__row" data-field-id={e.id}>
                <dt>{e.label}</dt>
                <dd>{e.value}</dd>
              </div>
            ))}
          </dl>
          <h3>{t.view.attachments}</h3>
          {attachments.length === 0 ? (
            <p>{t.view.noAttachments}</p>
          ) : (
            <ul className="request-attachments" data-testid="request-attachments">
              {attachments.map((a, i) => (
                <li key={a.sha256 + a.docType} data-sha256={a.sha256}>
                  {docName(a)} · {a.mediaType} · {t.view.pages(a.pages)} · {Math.ceil(a.size / 1024)} KB{' '}
                  <span className="mono">{a.sha256.slice(0, 12)}…</span>{' '}
                  <button
                    type="button"
                    className="button button--ghost"
                    data-testid="attachment-open"
                    aria-expanded={previewing === i}
                    ref={(el) => {
                      openButtons.current[i] = el
                    }}
                    onClick={() => setPreviewing(previewing === i ? null : i)}
                  >
                    {t.view.openAttachment}
                  </button>
                </li>
              ))}
            </ul>
          )}
          {previewing !== null && attachments[previewing] && (
            <AttachmentPreview
              key={attachments[previewing].sha256}
              attachment={attachments[previewing]}
              name={docName(attachments[previewing])}
              onClose={() => {
                const back = openButtons.current[previewing]
                setPreviewing(null)
                back?.focus()
              }}
            />
          )}
          <PaperMarks envelope={item.envelope} service={service} />
          <StepsPanel registrationNumber={item.registrationNumber} status={status} service={service} envelope={item.envelope} dueAt={row.deadlineAt} />
        </div>
        <div>
          {error && <ErrorNote error={error} onRetry={() => void props.onChanged()} testId="request-error" />}
          {status === 'REGISTERED' && !assignee && (
            <button type="button" className="button button--primary" data-testid="take" disabled={busy} onClick={() => void take()}>
              {busy ? t.view.taking : t.view.take}
            </button>
          )}
          {open && assignee && !mine && <p data-testid="taken-by-other">{t.view.takenByOther}</p>}
          {status === 'IN_PROCESSING' && !mine && item.prepared && service && (
            <PreparedDecisionReview
              item={item}
              service={service}
              me={me}
              onSigned={decided}
            />
          )}
          {status === 'IN_PROCESSING' && mine && service && (
            <>
              <p data-testid="taken-by-me">{t.view.takenByMe}</p>
              <DecisionForm
                item={item}
                service={service}
                me={me}
                onDecided={decided}
              />
            </>
          )}
          <TermExtensionPanel item={item} status={status} mine={mine} service={service} onExtended={props.onChanged} />
          {!open && <p data-testid="decided">{t.view.decided(statusLabel(status, lang))}</p>}
        </div>
      </div>
    </section>
  )
}
