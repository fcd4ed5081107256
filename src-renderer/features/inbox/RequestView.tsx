import { useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { statusLabel, type FieldDef, type ServiceDefinition } from '@shared/catalog'
import { bytesToBase64 } from '@shared/envelope'
import { toArmError, type ArmErrorPayload, type Lang } from '@shared/errors'
import type { InboxItem, RequestStatus, SessionUser } from '@shared/gateway/api'
import { useLang } from '../../i18n/lang'
import { decisionBytes, decisionDocument, emptyDraft, refusalGrounds, resultFields, validateDecision, type DecisionDraft, type DecisionIssue } from './decision'
import { chooseKey, type KeyOption } from '../../bridge/crypto'
import { useInboxDeps } from './deps'
import { AttachmentPreview, type AttachmentRef } from './AttachmentPreview'
import { ErrorNote } from '../../ui/ErrorNote'
import { INBOX_NS } from './i18n'
import { applicantOfEnvelope, toRow } from './model'
import { formatDateTime } from '@shared/format'
import { PaperMarks } from './PaperMarks'
import { StepsPanel } from './StepsPanel'
import { useLeftText } from './timeLeft'

/** A form value in words: select options and checkboxes through the catalogue's labels, lists as lines. */
export function fieldValueText(f: FieldDef | undefined, v: unknown, lang: Lang): string {
  if (v === null || v === undefined || v === '') return '—'
  if (f?.kind === 'select') return f.options.find((o) => o.value === v)?.label[lang] ?? String(v)
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
  const { t } = useTranslation(INBOX_NS)
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
          ← {t('view.back')}
        </button>
        <h2>{t('view.request', { regNo: item.registrationNumber })}</h2>
        <span className="request-view__status" data-testid="request-status">
          {statusLabel(status, lang)}
        </span>
        <span className={`mark mark--${row.mark}`}>{leftText(row)}</span>
      </header>
      <p className="request-view__service">
        <strong>{service?.name[lang] ?? item.serviceId}</strong>
        <br />
        {t('cols.received')}: {formatDateTime(row.receivedAt)} · {t('cols.deadline')}: {row.deadlineAt === null ? '—' : formatDateTime(row.deadlineAt)}
      </p>
      <div className="request-view__cols">
        <div>
          <h3>{t('view.applicant')}</h3>
          <p className="mono" data-testid="request-applicant">
            {applicantOfEnvelope(item.envelope) || '—'}
          </p>
          {check && 'error' in check && <ErrorNote error={check.error} testId="signature-check-error" />}
          {check && !('error' in check) && (
            <p className={`sigcheck sigcheck--${check.indication}`} data-testid="signature-check" data-indication={check.indication}>
              {t(`view.sig.${check.indication}`)}
              {check.signerName ? ` · ${check.signerName}` : ''}
              {check.signerIin ? ` · ${check.signerIin}` : ''}
              {check.subIndication ? ` (${check.subIndication})` : ''}
            </p>
          )}
          <h3>{t('view.form')}</h3>
          <dl className="request-form" data-testid="request-form">
            {entries.map((e) => (
              <div key={e.id} className="request-form__row" data-field-id={e.id}>
                <dt>{e.label}</dt>
                <dd>{e.value}</dd>
              </div>
            ))}
          </dl>
          <h3>{t('view.attachments')}</h3>
          {attachments.length === 0 ? (
            <p>{t('view.noAttachments')}</p>
          ) : (
            <ul className="request-attachments" data-testid="request-attachments">
              {attachments.map((a, i) => (
                <li key={a.sha256 + a.docType} data-sha256={a.sha256}>
                  {docName(a)} · {a.mediaType} · {t('view.pages', { count: a.pages })} · {Math.ceil(a.size / 1024)} KB{' '}
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
                    {t('view.openAttachment')}
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
              {busy ? t('view.taking') : t('view.take')}
            </button>
          )}
          {open && assignee && !mine && <p data-testid="taken-by-other">{t('view.takenByOther')}</p>}
          {status === 'IN_PROCESSING' && mine && (
            <>
              <p data-testid="taken-by-me">{t('view.takenByMe')}</p>
              <DecisionForm
                item={item}
                service={service}
                me={me}
                onDecided={async (s) => {
                  setStatus(s)
                  await props.onChanged()
                }}
              />
            </>
          )}
          {!open && <p data-testid="decided">{t('view.decided', { status: statusLabel(status, lang) })}</p>}
        </div>
      </div>
    </section>
  )
}

export function DecisionForm(props: { item: InboxItem; service: ServiceDefinition | undefined; me: SessionUser; onDecided: (s: RequestStatus) => Promise<void> }) {
  const { t } = useTranslation(INBOX_NS)
  const lang = useLang()
  const deps = useInboxDeps()
  const { service } = props
  const [draft, setDraft] = useState<DecisionDraft>(() => emptyDraft('refusal'))
  const [issues, setIssues] = useState<DecisionIssue[]>([])
  const [tried, setTried] = useState(false)
  const [keys, setKeys] = useState<KeyOption[] | null>(null)
  const [keyRef, setKeyRef] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ArmErrorPayload | null>(null)
  const [sent, setSent] = useState<RequestStatus | null>(null)

  useEffect(() => {
    let live = true
    deps.signer.listKeys().then(
      (ks) => {
        if (!live) return
        setKeys(ks)
        setKeyRef(chooseKey(ks, 'SIGN', props.me)?.keyRef ?? '')
      },
      (err) => live && setError(toArmError(err).toPayload()),
    )
    return () => {
      live = false
    }
  }, [deps, props.me])

  const update = (patch: Partial<DecisionDraft>) => {
    const next = { ...draft, ...patch }
    setDraft(next)
    if (tried) setIssues(validateDecision(next, service))
  }
  const issueOf = (field: string) => issues.find((i) => i.field === field)
  const errorOf = (field: string) => {
    const i = issueOf(field)
    return i ? (
      <span className="field-error" data-testid={`decision-error-${field}`} data-code={i.code}>
        {t(`decision.errors.${i.code}`)}
      </span>
    ) : null
  }

  const submit = async () => {
    setTried(true)
    const found = validateDecision(draft, service)
    setIssues(found)
    if (found.length) return
    setBusy(true)
    setError(null)
    try {
      const doc = decisionDocument({ registrationNumber: props.item.registrationNumber, serviceId: props.item.serviceId, draft, service, decidedAt: new Date(deps.now()) })
      const bytes = decisionBytes(doc)
      const { cms } = await deps.signer.sign(bytes, { purpose: 'SIGN', keyRef, expectedIin: props.me.iin })
      const r = await deps.api.decide(props.item.requestId, {
        kind: draft.kind,
        payload: bytesToBase64(bytes),
        signature: cms,
        ...(doc.reason ? { reason: doc.reason, reasonCode: doc.reasonCode } : {}),
      })
      setSent(r.status)
      await props.onDecided(r.status)
    } catch (err) {
      setError(toArmError(err).toPayload())
    } finally {
      setBusy(false)
    }
  }

  const tpl = service?.result[0]
  const grounds = refusalGrounds(service)
  return (
    <form
      className="decision"
      data-testid="decision-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault()
        void submit()
      }}
    >
      <h3>{t('decision.title')}</h3>
      <div className="decision__kind" role="radiogroup">
        {(['result', 'refusal'] as const).map((k) => (
          <label key={k}>
            <input type="radio" name="kind" value={k} checked={draft.kind === k} data-testid={`decision-kind-${k}`} onChange={() => update({ kind: k })} /> {t(`decision.${k}`)}
          </label>
        ))}
      </div>
      {draft.kind === 'result' ? (
        <fieldset>
          {tpl && <legend>{t('decision.resultTemplate', { title: tpl.title[lang] })}</legend>}
          {resultFields(service).map((f) => (
            <label key={f.id} className="decision__field">
              <span>{f.id}</span>
              <input
                data-testid={`decision-field-${f.id}`}
                inputMode={f.numeric ? 'numeric' : undefined}
                value={draft.fields[f.id] ?? ''}
                aria-invalid={!!issueOf(f.id)}
                onChange={(e) => update({ fields: { ...draft.fields, [f.id]: e.target.value } })}
              />
              {errorOf(f.id)}
            </label>
          ))}
          <label className="decision__field">
            <span>{t('decision.resultText')}</span>
            <textarea data-testid="decision-result-text" rows={4} value={draft.resultText} aria-invalid={!!issueOf('resultText')} onChange={(e) => update({ resultText: e.target.value })} />
            {errorOf('resultText')}
          </label>
        </fieldset>
      ) : (
        <fieldset>
          <label className="decision__field">
            <span>{t('decision.ground')}</span>
            <select data-testid="decision-ground" value={draft.reasonCode} aria-invalid={!!issueOf('reasonCode')} onChange={(e) => update({ reasonCode: e.target.value })}>
              <option value="">{t('decision.chooseGround')}</option>
              {grounds.map((g) => (
                <option key={g.code} value={g.code}>
                  {g.code} — {g.text[lang].replace(/^…/, '')}
                </option>
              ))}
            </select>
            {errorOf('reasonCode')}
          </label>
          <label className="decision__field">
            <span>{t('decision.reasonText')}</span>
            <textarea data-testid="decision-reason-text" rows={4} value={draft.reasonText} aria-invalid={!!issueOf('reasonText')} onChange={(e) => update({ reasonText: e.target.value })} />
            {errorOf('reasonText')}
          </label>
        </fieldset>
      )}
      <label className="decision__field">
        <span>{t('decision.key')}</span>
        {keys && keys.length === 0 ? (
          <span>{t('decision.noKeys')}</span>
        ) : (
          <select data-testid="decision-key" value={keyRef} onChange={(e) => setKeyRef(e.target.value)}>
            {(keys ?? []).map((k) => (
              <option key={k.keyRef} value={k.keyRef}>
                {k.label}
              </option>
            ))}
          </select>
        )}
      </label>
      {tried && issues.length > 0 && (
        <p className="field-error" data-testid="decision-fix">
          {t('decision.fixErrors')}
        </p>
      )}
      {error && <ErrorNote error={error} testId="decision-error" />}
      {sent ? (
        <p className="decision__sent" data-testid="decision-sent" data-status={sent}>
          {t('decision.sent', { status: statusLabel(sent, lang) })}
        </p>
      ) : (
        <button type="submit" className="button button--primary" data-testid="decision-sign" disabled={busy || !keyRef}>
          {busy ? t('decision.signing') : t('decision.sign')}
        </button>
      )}
    </form>
  )
}
