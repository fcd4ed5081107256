import { useEffect, useMemo, useRef, useState } from 'react'
import { statusLabel, type RefusalCode, type ServiceDefinition } from '@shared/catalog'
import { bytesToBase64 } from '@shared/bytes'
import { formatDateTime } from '@shared/format'
import { errorText, toArmError } from '@shared/errors'
import type { InboxItem, RequestStatus, SessionUser } from '@shared/gateway/api'
import { applicantName, decisionBytes, formFields, gatewayKind, prefillValues, type DecisionDocument, type RegistryAnswers } from '@shared/results'
import { useLang } from '../../../i18n/lang'
import { useTexts } from '../../../i18n/texts'
import { ErrorNote } from '../../../ui/ErrorNote'
import { ValueControl } from '../../../ui/fields/ValueControl'
import { useInboxDeps } from '../deps'
import { SigningKeyField, useDecisionSigning } from './SigningKey'
import { buildDecision, checkDraft, decisionTemplates, refusalGrounds, type DecisionDraft, type DecisionIssue } from './model'
import { decisionTexts } from './texts'

const specialistOf = (s: ServiceDefinition) => ({ kk: `${s.provider.name.kk} маманы`, ru: `Специалист ${s.provider.name.ru}`, en: `Specialist of ${s.provider.name.en}` })

type Applicant = { kind: 'person' | 'entity'; iin?: string; bin?: string }

function applicantOf(item: InboxItem): Applicant {
  const a = item.envelope.applicant as { kind?: unknown; iin?: unknown; bin?: unknown } | undefined
  return a?.kind === 'entity' ? { kind: 'entity', bin: typeof a.bin === 'string' ? a.bin : undefined } : { kind: 'person', iin: typeof a?.iin === 'string' ? a.iin : undefined }
}

/**
 * The specialist's decision: any result subtype or refusal form of the service, its fields labelled in the desk's
 * language, prefilled from the request and ГБД ФЛ, checked with intake's rules, and signed in main as the one
 * `arm.decision/1` document the gateway checks again.
 */
export function DecisionForm(props: { item: InboxItem; service: ServiceDefinition; me: SessionUser; onDecided: (s: RequestStatus) => Promise<void> }) {
  const tx = useTexts(decisionTexts)
  const lang = useLang()
  const deps = useInboxDeps()
  const { item, service, me } = props
  const templates = useMemo(() => decisionTemplates(service), [service])
  const form = (item.envelope.form ?? {}) as Record<string, unknown>
  const applicant = useMemo(() => applicantOf(item), [item])
  const [registries, setRegistries] = useState<RegistryAnswers | null>(null)
  const [registryFailed, setRegistryFailed] = useState(false)
  const [draft, setDraft] = useState<DecisionDraft>({ templateId: templates[0]?.id ?? '', values: {}, reasonCode: '', reasonText: '' })
  const [issues, setIssues] = useState<DecisionIssue[]>([])
  const [tried, setTried] = useState(false)
  const { keys, keyRef, setKeyRef, busy, error, setError, sent, signAndSend } = useDecisionSigning(item, me, props.onDecided)
  const [preparing, setPreparing] = useState(false)
  const [preparedAt, setPreparedAt] = useState<string | null>(props.item.prepared?.preparedAt ?? null)
  /** Fields the specialist has typed into: a later registry answer never overwrites them. */
  const typed = useRef<Set<string>>(new Set())
  const template = templates.find((t) => t.id === draft.templateId) ?? templates[0]
  const today = new Date(deps.now() + 5 * 3600_000).toISOString().slice(0, 10)

  // ГБД ФЛ about the applicant and the child the request names, once: the registry values of every template.
  useEffect(() => {
    let live = true
    const ask = (iin: unknown) =>
      typeof iin === 'string' && iin
        ? deps.api.person(iin, item.requestId).catch(() => {
            if (live) setRegistryFailed(true)
            return undefined
          })
        : Promise.resolve(undefined)
    void Promise.all([ask(applicant.iin), ask(form.childIin)]).then(([person, child]) => {
      if (live) setRegistries({ ...(person ? { person } : {}), ...(child ? { child } : {}) })
    })
    return () => {
      live = false
    }
    // The request does not change while it is open; `form` is derived from it.
  }, [deps, applicant, item.requestId])

  const prefilled = (templateId: string, answers: RegistryAnswers) => {
    const t = templates.find((x) => x.id === templateId)
    if (!t) return {}
    const values: Record<string, unknown> = prefillValues(t, { form, applicant, registries: answers, formFields: service.fields, registrationNumber: item.registrationNumber, receivedOn: item.receivedAt.slice(0, 10) })
    // The specialist's own name where the document names the one who prepared it.
    for (const f of formFields(t)) if (f.id === 'specialistFio' && values[f.id] === undefined) values[f.id] = me.displayName
    return values
  }
  // Opening a template (and the registry's answer arriving) fills what is known; what the specialist typed stays.
  useEffect(() => {
    if (!registries) return
    setDraft((d) => ({ ...d, values: { ...prefilled(d.templateId, registries), ...Object.fromEntries(Object.entries(d.values).filter(([k]) => typed.current.has(k))) } }))
  }, [registries])


  const update = (patch: Partial<DecisionDraft>) => {
    const next = { ...draft, ...patch }
    setDraft(next)
    if (tried && template) setIssues(checkDraft(next, template, service, today).issues)
  }
  const chooseTemplate = (templateId: string) => {
    typed.current = new Set()
    const t = templates.find((x) => x.id === templateId)
    const grounds = t?.kind === 'refusal' ? refusalGrounds(service, t) : []
    update({ templateId, values: registries ? prefilled(templateId, registries) : {}, reasonCode: grounds.some((g) => g.code === draft.reasonCode) ? draft.reasonCode : '' })
  }
  const setValue = (id: string, v: unknown) => {
    typed.current.add(id)
    update({ values: { ...draft.values, [id]: v } })
  }
  const issueOf = (field: string) => issues.find((i) => i.field === field || i.field.startsWith(`${field}[`))
  const errorOf = (field: string) => {
    const i = issueOf(field)
    return i ? (
      <span className="field-error" data-testid={`decision-error-${field}`} data-code={i.code}>
        {errorText(i.code, lang)}
      </span>
    ) : null
  }

  /** The document as checked now, or null (the marked fields say what to correct). */
  const composed = () => {
    if (!template) return null
    setTried(true)
    const checked = checkDraft(draft, template, service, today)
    setIssues(checked.issues)
    if (checked.issues.length) return null
    const name = applicantName({ form, applicant, registries: registries ?? {} }) ?? applicant.iin ?? applicant.bin ?? '—'
    return { checked, name }
  }

  /** Prepared, not signed: kept at the gateway for the head or the person with the right to sign (issue 13 point 2). */
  const prepare = async () => {
    const c = composed()
    const prepareDecision = deps.api.prepareDecision
    if (!c || !template || !prepareDecision) return
    setPreparing(true)
    setError(null)
    try {
      const doc = docOf(c.checked.values, c.name)
      const r = await prepareDecision(item.requestId, { kind: gatewayKind(doc.kind), payload: bytesToBase64(decisionBytes(doc)) })
      setPreparedAt(r.prepared.preparedAt)
    } catch (err) {
      setError(toArmError(err).toPayload())
    } finally {
      setPreparing(false)
    }
  }

  const docOf = (values: ReturnType<typeof checkDraft>['values'], name: string): DecisionDocument =>
    buildDecision({
      registrationNumber: item.registrationNumber, service, template: template!, values, draft,
      applicant: { kind: applicant.kind, ...(applicant.iin ? { iin: applicant.iin } : {}), ...(applicant.bin ? { bin: applicant.bin } : {}), name },
      signer: { role: 'specialist', name: me.displayName, position: specialistOf(service), ...(me.iin ? { iin: me.iin } : {}), unit: service.provider.name },
      decidedAt: new Date(deps.now()),
    })

  const submit = async () => {
    const c = composed()
    // The §5.4 block names who signs as what they are: the template's position is the head's, and the specialist
    // is not the head; a prepared decision is signed by the authorised person under their own name (review panel).
    if (c && template) await signAndSend(() => docOf(c.checked.values, c.name))
  }

  if (!template) return null
  const sourceWord = (s: string) => (s === 'request' ? tx.fromRequest : s === 'registry' ? tx.fromRegistry : tx.byYou)
  const grounds = template.kind === 'refusal' ? refusalGrounds(service, template) : []
  return (
    <form
      className="decision"
      data-testid="decision-form"
      data-template={template.id}
      data-prefill={registries ? 'done' : 'pending'}
      noValidate
      onSubmit={(e) => {
        e.preventDefault()
        void submit()
      }}
    >
      <h3>{tx.title}</h3>
      <label className="decision__field">
        <span>{tx.template}</span>
        <select data-testid="decision-template" value={template.id} onChange={(e) => chooseTemplate(e.target.value)}>
          {(['result', 'refusal'] as const).map((kind) => (
            <optgroup key={kind} label={kind === 'result' ? tx.result : tx.refusal}>
              {templates
                .filter((t) => t.kind === kind)
                .map((t) => (
                  <option key={t.id} value={t.id} data-kind={t.kind}>
                    {t.title[lang].replace(/\s*№\s*\{\w+\}/g, '').replace(/\{\w+\}/g, '…')}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
      </label>
      {!registries && <p className="decision__note">{tx.prefilling}</p>}
      {registryFailed && <p className="decision__note" data-testid="decision-registry-failed">{tx.registryUnavailable}</p>}
      {template.kind === 'refusal' && (
        <fieldset>
          <label className="decision__field">
            <span>{tx.ground}</span>
            <select data-testid="decision-ground" value={draft.reasonCode} aria-invalid={!!issueOf('reasonCode')} onChange={(e) => update({ reasonCode: e.target.value as RefusalCode | '' })}>
              <option value="">{tx.chooseGround}</option>
              {grounds.map((g) => (
                <option key={g.code} value={g.code}>
                  {g.code} — {g.text[lang].replace(/^…/, '')}
                </option>
              ))}
            </select>
            {errorOf('reasonCode')}
          </label>
          <label className="decision__field">
            <span>{tx.reasonText}</span>
            <textarea data-testid="decision-reason-text" rows={4} value={draft.reasonText} aria-invalid={!!issueOf('reasonText')} onChange={(e) => update({ reasonText: e.target.value })} />
            {errorOf('reasonText')}
          </label>
        </fieldset>
      )}
      {formFields(template).length > 0 && (
        <fieldset data-testid="decision-fields">
          <legend>{tx.fields}</legend>
          {formFields(template).map((f) => (
            <div key={`${template.id}-${f.id}`} className="decision__field" data-field-id={f.id} data-source={f.source}>
              <label htmlFor={`d-${f.id}`}>
                {f.label[lang]} <small className="decision__source">({sourceWord(f.source)})</small>
              </label>
              <ValueControl
                id={`d-${f.id}`}
                field={f}
                value={draft.values[f.id]}
                lang={lang}
                testId={`decision-field-${f.id}`}
                invalid={!!issueOf(f.id)}
                listWords={{ ...tx.list, empty: f.emptyText?.[lang] ?? tx.list.empty }}
                onChange={(v) => setValue(f.id, v)}
              />
              {f.hint && <small className="decision__hint">{f.hint[lang]}</small>}
              {errorOf(f.id)}
            </div>
          ))}
        </fieldset>
      )}
      <SigningKeyField label={tx.key} noKeys={tx.noKeys} keys={keys} keyRef={keyRef} onChange={setKeyRef} testId="decision-key" />
      {tried && issues.length > 0 && (
        <p className="field-error" data-testid="decision-fix">
          {tx.fixErrors}
        </p>
      )}
      {error && <ErrorNote error={error} testId="decision-error" />}
      {sent ? (
        <p className="decision__sent" data-testid="decision-sent" data-status={sent}>
          {tx.sent(statusLabel(sent, lang))}
        </p>
      ) : (
        <div className="decision__actions">
          <button type="submit" className="button button--primary" data-testid="decision-sign" disabled={busy || preparing || !keyRef}>
            {busy ? tx.signing : tx.sign}
          </button>
          {deps.api.prepareDecision && (
            <button type="button" className="button" data-testid="decision-prepare" disabled={busy || preparing} onClick={() => void prepare()}>
              {preparing ? tx.preparing : tx.prepare}
            </button>
          )}
        </div>
      )}
      {!sent && deps.api.prepareDecision && (
        <p className="decision__note" data-testid={preparedAt ? 'decision-prepared' : 'decision-prepare-hint'}>
          {preparedAt ? tx.prepared(formatDateTime(preparedAt)) : tx.prepareHint}
        </p>
      )}
    </form>
  )
}
