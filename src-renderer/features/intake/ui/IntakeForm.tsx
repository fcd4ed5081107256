import { zodResolver } from '@hookform/resolvers/zod'
import { ValueControl, type ControlAttrs, type ControlField } from '../../../ui/fields/ValueControl'
import { uiTexts } from '../../../ui/texts'
import { KeySelect } from '../../../ui/KeySelect'
import { isUnreachable } from '../../../gateway/client'
import { chooseKey } from '../../../bridge/crypto'
import { useEffect, useMemo, useRef, useState } from 'react'
import { useController, useForm, type FieldErrors, type UseFormReturn } from 'react-hook-form'
import { useLang } from '../../../i18n/lang'
import { useTexts } from '../../../i18n/texts'
import type { FieldDef, ServiceDefinition } from '@shared/catalog/types'
import type { JsonValue } from '@shared/envelope'
import { errorText, isErrorCode, toArmError, type Lang } from '@shared/errors'
import type { Person } from '@shared/gateway/api'
import { isValidBin, isValidIin, maskIdentifier } from '@shared/identity'
import { dateInputText, formatDate } from '@shared/format'
import { intakeTexts } from '../texts'
import { deskSigningTexts } from '../desk-signing-texts'
import { registryTexts } from '../registry-texts'
import { poaExpired } from '../core/checks'
import { DraftAutosaver } from '../core/autosave'
import type { CheckState, IntakeDraft } from '../core/model'
import type { KeyOption } from '../core/ports'
import { newVersionDraft, type RequiredDocument, type SignedResult } from '../core/signAndQueue'
import { holds, useIntakeDeps } from './deps'
import { ScansPanel } from './ScansPanel'
import { RegistrationLine } from './RegistrationLine'

type Values = Record<string, unknown>

/** A zod issue message is an error code (catalogue convention); anything else falls back to a generic text. */
export function messageFor(message: string | undefined, lang: Lang): string {
  if (!message) return errorText('VALIDATION_FAILED', lang)
  return isErrorCode(message) ? errorText(message, lang) : errorText('VALIDATION_FAILED', lang)
}

function personFullName(p: Person, lang: Lang): string {
  const n = lang === 'kk' ? p.name.kk : p.name.ru
  return [n.lastName, n.firstName, n.middleName].filter(Boolean).join(' ')
}

/** Values from a registry answer for the fields that declare `prefill` (CATALOG G5/G6). */
function prefillFrom(fields: readonly FieldDef[], by: string, answer: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const f of fields) if (f.prefill && f.prefill.by === by && answer[f.prefill.path] !== undefined) out[f.id] = answer[f.prefill.path]
  return out
}

function defaultsOf(service: ServiceDefinition, saved: Record<string, JsonValue>): Values {
  const v: Values = {}
  for (const f of service.fields) {
    if (f.kind === 'checkbox') v[f.id] = false
    else if ('defaultValue' in f && f.defaultValue !== undefined) v[f.id] = f.defaultValue
    else if (f.kind === 'list') v[f.id] = []
    else if (f.kind !== 'number' && f.kind !== 'money' && f.kind !== 'year') v[f.id] = ''
  }
  return { ...v, ...saved }
}

/** Only what the operator filled in goes into the envelope: empty strings are dropped. */
function cleanForm(values: Values): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {}
  for (const [k, v] of Object.entries(values)) if (v !== '' && v !== undefined && v !== null) out[k] = v as JsonValue
  return out
}

/** One form value bound to react-hook-form (validated as the form's mode says), shown by the one control of its kind. */
function Bound(props: { name: string; field: ControlField; form: UseFormReturn<Values>; lang: Lang; invalid: boolean; readOnly?: boolean; attrs?: ControlAttrs }) {
  const { field: c } = useController({ name: props.name, control: props.form.control })
  return (
    <ValueControl
      field={props.field}
      lang={props.lang}
      id={`f-${props.name}`}
      value={c.value}
      onChange={c.onChange}
      invalid={props.invalid}
      readOnly={props.readOnly}
      attrs={{ className: 'input', onBlur: c.onBlur, 'data-field': props.name, ...props.attrs }}
    />
  )
}

function FieldControl(props: { field: FieldDef; form: UseFormReturn<Values>; lang: Lang; required: boolean; readOnly: boolean; after?: React.ReactNode }) {
  const { field: f, form, lang } = props
  const id = `f-${f.id}`
  const rawErr = (form.formState.errors as FieldErrors<Values>)[f.id]
  // A list's per-row errors are shown in its cells; only a list-level error (LIST_TOO_SHORT …) is shown here.
  const err = Array.isArray(rawErr) ? undefined : rawErr
  const errId = `${id}-err`
  const attrs = { 'aria-describedby': err ? errId : f.hint ? `${id}-hint` : undefined, 'aria-required': props.required || undefined }
  return (
    <div className={`field${err ? ' field--invalid' : ''}`} data-testid={`field-${f.id}`}>
      <label htmlFor={id} className="field__label">
        {f.label[lang]}
        {props.required && <span className="field__req" aria-hidden="true"> *</span>}
      </label>
      <div className="field__row">
        {f.kind === 'list' ? <ListControl field={f} form={form} lang={lang} /> : <Bound name={f.id} field={f} form={form} lang={lang} invalid={!!err} readOnly={props.readOnly} attrs={attrs} />}
        {props.after}
      </div>
      {f.hint && !err && (
        <small id={`${id}-hint`} className="field__hint">
          {f.hint[lang]}
        </small>
      )}
      {err && (
        <p id={errId} className="field-error" role="alert" data-testid={`error-${f.id}`}>
          {messageFor(err.message as string | undefined, lang)}
        </p>
      )}
    </div>
  )
}

type ListField = Extract<FieldDef, { kind: 'list' }>

/** A repeated group (children, family members): rows of the item's fields, add / remove, errors per cell. */
function ListControl(props: { field: ListField; form: UseFormReturn<Values>; lang: Lang }) {
  const { field: f, form, lang } = props
  const rows = (form.watch(f.id) as Record<string, unknown>[] | undefined) ?? []
  const errors = (form.formState.errors as Record<string, unknown>)[f.id] as Array<Record<string, { message?: string }> | undefined> | undefined
  const empty = () => Object.fromEntries(f.item.map((i) => [i.id, i.kind === 'checkbox' ? false : '']))
  return (
    <div className="list-control" data-testid={`list-${f.id}`}>
      {rows.map((_, i) => (
        <fieldset key={i} className="list-control__row">
          <legend>№ {i + 1}</legend>
          {f.item.map((it) => {
            const name = `${f.id}.${i}.${it.id}`
            const err = Array.isArray(errors) ? errors[i]?.[it.id] : undefined
            return (
              <div key={it.id} className={`field${err ? ' field--invalid' : ''}`}>
                <label htmlFor={`f-${name}`} className="field__label">
                  {it.label[lang]}
                </label>
                <Bound name={name} field={it} form={form} lang={lang} invalid={!!err} />
                {err && (
                  <p className="field-error" role="alert" data-testid={`error-${name}`}>
                    {messageFor(err.message, lang)}
                  </p>
                )}
              </div>
            )
          })}
          <button type="button" className="button button--small button--danger" onClick={() => form.setValue(f.id, rows.filter((__, k) => k !== i), { shouldDirty: true })}>
            ✕
          </button>
        </fieldset>
      ))}
      {rows.length < f.maxItems && (
        <button type="button" className="button button--small" onClick={() => form.setValue(f.id, [...rows, empty()], { shouldDirty: true })} data-testid={`add-${f.id}`}>
          +
        </button>
      )}
    </div>
  )
}

function CheckMark(props: { check: CheckState; okText: string; testId?: string }) {
  const tx = useTexts(intakeTexts)
  const id = props.testId ?? 'check'
  if (props.check.state === 'verified')
    return (
      <span className="badge badge--ok" data-testid={`${id}-verified`}>
        ✓ {props.okText}
      </span>
    )
  if (props.check.state === 'unverified_offline')
    return (
      <span className="badge badge--warn" data-testid={`${id}-unverified`}>
        ⚠ {tx.form.unverified}
      </span>
    )
  return null
}

/**
 * One request: consumer (with ГБД ФЛ/ЮЛ autofill), representative (ЕНИС check), service fields, documents, review
 * and sign. Every change is autosaved to the draft store; nothing typed is lost if the app dies.
 */
export function IntakeForm(props: {
  service: ServiceDefinition
  draft: IntakeDraft
  /** next: 'set-aside' when the request was reviewed and set aside for batch signing (the screen says so). */
  onDone: (next?: 'set-aside') => void
  onOpenDraft: (d: IntakeDraft) => void
  /** Grows when main notices a token plugged in or removed: the key list is read again. */
  keysVersion?: number
}) {
  const tx = useTexts(intakeTexts)
  const deskTx = useTexts(deskSigningTexts)
  const lang = useLang()
  const deps = useIntakeDeps()
  const registry = useTexts(registryTexts)
  const ui = useTexts(uiTexts)
  const yesNo = ui.field
  const { service } = props
  const channel = props.draft.channel
  const [draft, setDraft] = useState<IntakeDraft>(props.draft)
  const draftRef = useRef(draft)
  draftRef.current = draft
  const [saveState, setSaveState] = useState<'idle' | 'saving' | 'saved' | 'error'>('idle')
  const [busy, setBusy] = useState<string | null>(null)
  const [signError, setSignError] = useState<string | null>(null)
  const [done, setDone] = useState<SignedResult | null>(null)
  const [refused, setRefused] = useState(false)
  const [keys, setKeys] = useState<KeyOption[]>([])
  const [keyRef, setKeyRef] = useState<string>('')

  useEffect(() => {
    let live = true
    void deps.listKeys?.().then(
      (ks) => {
        if (!live) return
        // Signing keys first: the AUTH key is for sign-in only. The preselection is the one rule over certificate facts.
        const sorted = [...ks].sort((a, b) => Number(!!b.purposes?.includes('SIGN')) - Number(!!a.purposes?.includes('SIGN')))
        setKeys(sorted)
        setKeyRef((cur) => cur || chooseKey(sorted, 'SIGN', { iin: deps.operator().iin || undefined })?.keyRef || '')
      },
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [deps, props.keysVersion])

  const saver = useMemo(
    () =>
      new DraftAutosaver(deps.store, {
        delayMs: 300,
        onSaved: () => setSaveState('saved'),
        onError: () => setSaveState('error'),
      }),
    [deps.store],
  )
  useEffect(() => {
    const flush = () => void saver.flush()
    const onVis = () => document.visibilityState === 'hidden' && flush()
    window.addEventListener('pagehide', flush)
    document.addEventListener('visibilitychange', onVis)
    return () => {
      window.removeEventListener('pagehide', flush)
      document.removeEventListener('visibilitychange', onVis)
      void saver.dispose()
    }
  }, [saver])

  const schema = useMemo(() => deps.catalog.formSchema(service.id, channel), [deps.catalog, service.id, channel])
  const form = useForm<Values>({
    resolver: zodResolver(schema as never) as never,
    mode: 'onTouched',
    defaultValues: defaultsOf(service, draft.fields),
  })

  const update = (fn: (d: IntakeDraft) => IntakeDraft) => {
    setDraft((d) => {
      const next = { ...fn(d), updatedAt: deps.now() }
      setSaveState('saving')
      saver.change(next)
      return next
    })
  }

  // Autosave on every change of any field.
  useEffect(() => {
    const sub = form.watch((values) => update((d) => ({ ...d, fields: cleanForm(values as Values) })))
    return () => sub.unsubscribe()
  }, [form])

  const values = form.watch()
  const visible = (f: FieldDef) => (!f.channels || f.channels.includes(channel)) && holds(f.visibleWhen, values)
  const requiredNow = (f: FieldDef) => (typeof f.required === 'boolean' ? f.required : holds(f.required, values))
  const applicantKind = (values.applicantKind as string) || (service.applicantKinds.length === 1 ? service.applicantKinds[0] : 'person')

  /**
   * One registry look-up (ГБД ФЛ, ГБД ЮЛ, ЕНИС): offline or unreachable leaves the check "not verified — offline";
   * the registry's own "not found"/"invalid" codes mark it so; anything else is said on the form with its code.
   */
  async function lookUp(busyAs: string, setCheck: (c: CheckState) => void, notFound: readonly string[], ask: () => Promise<CheckState>) {
    if (deps.offline()) return setCheck({ state: 'unverified_offline', at: deps.now() })
    setBusy(busyAs)
    try {
      setCheck(await ask())
    } catch (err) {
      const e = toArmError(err)
      if (notFound.includes(e.code)) setCheck({ state: 'not_found', at: deps.now(), code: e.code })
      else if (isUnreachable(e)) setCheck({ state: 'unverified_offline', at: deps.now() })
      else setSignError(`${errorText(e.code, lang)} [${e.code}]`)
    } finally {
      setBusy(null)
    }
  }
  const fill = (by: string, answer: Record<string, string>) => {
    for (const [k, v] of Object.entries(prefillFrom(service.fields, by, answer))) form.setValue(k, v, { shouldValidate: true, shouldDirty: true })
  }

  async function autofillPerson(fieldId: 'applicantIin' | 'representativeIin') {
    const ok = await form.trigger(fieldId)
    const iin = String(form.getValues(fieldId) ?? '').trim()
    if (!ok || !isValidIin(iin)) return
    const isApplicant = fieldId === 'applicantIin'
    const setCheck = (check: CheckState) =>
      update((d) =>
        isApplicant
          ? { ...d, applicant: { kind: 'person', iin }, applicantCheck: check }
          : { ...d, representative: { iin, poaNumber: d.representative?.poaNumber ?? '', notarised: d.representative?.notarised ?? false, check } },
      )
    await lookUp(fieldId, setCheck, ['REGISTRY_PERSON_NOT_FOUND'], async () => {
      const p = await deps.gateway.call('person', { params: { iin } })
      const answer: Record<string, string> = { fullName: personFullName(p, lang), birthDate: p.birthDate, address: lang === 'kk' ? p.address.kk : p.address.ru }
      fill(fieldId, answer)
      return { state: 'verified', at: deps.now(), summary: answer.fullName }
    })
  }

  async function autofillEntity() {
    const ok = await form.trigger('applicantBin')
    const bin = String(form.getValues('applicantBin') ?? '').trim()
    if (!ok || !isValidBin(bin)) return
    const setCheck = (check: CheckState) => update((d) => ({ ...d, applicant: { kind: 'entity', bin }, applicantCheck: check }))
    await lookUp('applicantBin', setCheck, ['REGISTRY_ENTITY_NOT_FOUND'], async () => {
      const e = await deps.gateway.call('entity', { params: { bin } })
      const name = lang === 'kk' ? e.name.kk : e.name.ru
      fill('applicantBin', { name, address: lang === 'kk' ? e.address.kk : e.address.ru })
      return { state: 'verified', at: deps.now(), summary: name }
    })
  }

  async function checkPoa() {
    const ok = await form.trigger(['poaNumber', 'representativeIin', 'applicantIin'])
    if (!ok) return
    const number = String(form.getValues('poaNumber'))
    const agentIin = String(form.getValues('representativeIin'))
    const principalIin = String(form.getValues('applicantIin') ?? '') || undefined
    const setCheck = (check: CheckState) => update((d) => ({ ...d, representative: { iin: agentIin, poaNumber: number, notarised: true, check } }))
    await lookUp('poa', setCheck, ['REGISTRY_POA_NOT_FOUND', 'REGISTRY_POA_INVALID'], async () => {
      const poa = await deps.gateway.call('powerOfAttorney', { params: { number }, query: { principalIin, agentIin } })
      // ЕНИС keeps expired powers of attorney too: one past its validUntil (Kazakhstan date) is as invalid as a revoked one.
      if (poa.revoked) return { state: 'not_found', at: deps.now(), code: 'REGISTRY_POA_INVALID' }
      if (poaExpired(poa.validUntil, deps.now())) return { state: 'not_found', at: deps.now(), code: 'REGISTRY_POA_INVALID', expiredOn: poa.validUntil }
      return { state: 'verified', at: deps.now(), summary: `№ ${poa.number}` }
    })
  }

  const documents = service.documents
    .filter((d) => d.scan !== 'none')
    .map((req) => ({ req, need: (req.scan === 'required' || (req.scan === 'conditional' && holds(req.requiredWhen, values)) ? 'required' : 'optional') as 'required' | 'optional' }))
    .filter((d) => d.req.scan !== 'conditional' || d.need === 'required')
  const requiredDocuments: RequiredDocument[] = documents.map((d) => ({ id: d.req.id, required: d.need === 'required', paperOriginal: d.req.paperOriginal }))

  const notFound = draft.applicantCheck.state === 'not_found'
  // ГБД ЮЛ «субъект не найден» is M5 (the requested data are absent); a person not in ГБД ФЛ or a POA not in ЕНИС is M3.
  const entityMissing = draft.applicantCheck.state === 'not_found' && draft.applicantCheck.code === 'REGISTRY_ENTITY_NOT_FOUND'
  const poaCheck = draft.representative?.check
  const poaRefused = poaCheck?.state === 'not_found' && values.hasRepresentative === true
  const poaInvalid = poaCheck?.state === 'not_found' && poaCheck.code === 'REGISTRY_POA_INVALID'
  const poaExpiredOn = poaCheck?.state === 'not_found' ? poaCheck.expiredOn : undefined

  async function refuse() {
    const id = applicantKind === 'entity' ? String(values.applicantBin ?? '') : String(values.applicantIin ?? '')
    await deps.recordRejection?.({ draftId: draft.id, serviceId: service.id, code: entityMissing ? 'M5' : 'M3', applicantMasked: maskIdentifier(id) })
    await saver.flush()
    await deps.store.remove(draft.id)
    setRefused(true)
  }

  /** The reviewed request as it will be signed, after the checks the regulations ask first; null when refused. */
  async function reviewedDraft(valid: Values): Promise<IntakeDraft | null> {
    setSignError(null)
    // A draft of another department's service (resumed, or left by a colleague) is refused before anything is signed.
    if (deps.offers && !deps.offers(service.id)) {
      setSignError(`${errorText('PROVIDER_SERVICE_NOT_OF_DEPARTMENT', lang)} [PROVIDER_SERVICE_NOT_OF_DEPARTMENT]`)
      return null
    }
    const applicant =
      applicantKind === 'entity' ? ({ kind: 'entity', bin: String(valid.applicantBin) } as const) : ({ kind: 'person', iin: String(valid.applicantIin) } as const)
    // The regulations query ГБД ФЛ/ЮЛ before the request is formed: run it now if the operator skipped the button.
    if (draftRef.current.applicantCheck.state === 'unchecked') {
      if (applicant.kind === 'person') await autofillPerson('applicantIin')
      else await autofillEntity()
      if ((draftRef.current.applicantCheck.state as CheckState['state']) === 'not_found') return null
    }
    const rep =
      valid.hasRepresentative === true && valid.representativeIin
        ? { iin: String(valid.representativeIin), // A non-notarised POA has no number (CB2: «данные доверенности не заполняются»); its scan is attached instead.
            poaNumber: valid.poaMethod === 'notarial' ? String(valid.poaNumber) : 'other', notarised: valid.poaMethod === 'notarial', check: draftRef.current.representative?.check ?? { state: 'unchecked' as const } }
        : undefined
    return { ...draftRef.current, applicant, representative: rep, fields: cleanForm(valid) }
  }

  // Reviewed now, signed later with others in one confirmation (the «Ready to sign» list beside the form).
  const onSetAside = form.handleSubmit(
    async (valid) => {
      const toSign = await reviewedDraft(valid)
      if (!toSign) return
      await saver.flush()
      await deps.store.save({ ...toSign, reviewed: { at: deps.now(), requiredDocuments }, updatedAt: deps.now() })
      props.onDone('set-aside')
    },
    () => setSignError(tx.review.fixErrors),
  )

  const onSign = form.handleSubmit(
    async (valid) => {
      const toSign = await reviewedDraft(valid)
      if (!toSign) return
      const op = deps.operator()
      setBusy('sign')
      try {
        await saver.flush()
        const result = await deps.signer.signAndQueue(toSign, {
          operatorIin: op.iin,
          tsonId: op.tsonId,
          departmentId: op.departmentId,
          requiredDocuments,
          now: () => new Date(deps.now()),
          newId: deps.newId,
          keyRef: keyRef || undefined,
          onProgress: (stage, d, total) => setBusy(stage === 'compose' ? tx.review.composing({ done: d, total }) : tx.review.signing),
        })
        setDone(result)
      } catch (err) {
        const e = toArmError(err)
        setSignError(`${errorText(e.code, lang)} [${e.code}]`)
      } finally {
        setBusy(null)
      }
    },
    () => setSignError(tx.review.fixErrors),
  )

  if (refused) {
    return (
      <section className="intake-done intake-done--refused" data-testid="intake-refused" role="status">
        <h2>{tx.form.notFoundTitle}</h2>
        <p>{tx.form.refused}</p>
        <button type="button" className="button" onClick={() => props.onDone()}>
          {tx.review.another}
        </button>
      </section>
    )
  }

  if (done) {
    return (
      <section className="intake-done" data-testid="intake-queued" role="status">
        <h2>✓ {tx.review.queued}</h2>
        <p>{tx.review.queuedBody}</p>
        <RegistrationLine requestId={done.requestId} />
        <dl className="summary">
          <dt>{service.name[lang]}</dt>
          <dd>
            {tx.review.version({ v: done.envelope.version })} · {done.envelope.envelopeId.slice(0, 8)} · {done.attachments.length} PDF
          </dd>
        </dl>
        <p className="muted">{tx.review.immutable}</p>
        <div className="button-row">
          <button type="button" className="button button--primary" onClick={() => props.onDone()} data-testid="next-request">
            {tx.review.another}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => props.onOpenDraft(newVersionDraft(done.envelope, draft, { id: deps.newId(), now: deps.now() }))}
          >
            {tx.review.newVersion}
          </button>
        </div>
      </section>
    )
  }

  const sections: { id: FieldDef['section']; title: string }[] = [
    { id: 'consumer', title: tx.form.consumer },
    { id: 'representative', title: tx.form.representative },
    { id: 'service', title: tx.form.service },
  ]

  const afterField = (f: FieldDef) => {
    if (f.id === 'applicantIin')
      return (
        <>
          <button type="button" className="button" disabled={busy !== null} onClick={() => void autofillPerson('applicantIin')} data-testid="autofill-gbdfl">
            {tx.form.autofill}
          </button>
          <CheckMark check={draft.applicantCheck} okText={tx.form.verified({ summary: draft.applicantCheck.state === 'verified' ? draft.applicantCheck.summary : '' })} />
        </>
      )
    if (f.id === 'applicantBin')
      return (
        <>
          <button type="button" className="button" disabled={busy !== null} onClick={() => void autofillEntity()} data-testid="autofill-gbdul">
            {tx.form.autofillUl}
          </button>
          <CheckMark check={draft.applicantCheck} okText={tx.form.verified({ summary: draft.applicantCheck.state === 'verified' ? draft.applicantCheck.summary : '' })} />
        </>
      )
    if (f.id === 'representativeIin')
      return (
        <button type="button" className="button" disabled={busy !== null} onClick={() => void autofillPerson('representativeIin')} data-testid="autofill-rep">
          {tx.form.autofill}
        </button>
      )
    if (f.id === 'poaNumber')
      return (
        <>
          <button type="button" className="button" disabled={busy !== null} onClick={() => void checkPoa()} data-testid="check-poa">
            {tx.form.checkPoa}
          </button>
          {draft.representative && <CheckMark check={draft.representative.check} okText={tx.form.poaVerified} testId="poa-check" />}
        </>
      )
    return undefined
  }

  return (
    <form className="intake-form" onSubmit={(e) => void onSign(e)} noValidate data-testid="intake-form" data-service-id={service.id}>
      <header className="intake-form__head">
        <h2>{service.name[lang]}</h2>
        <p className="muted">
          {service.provider.name[lang]} · {tx.review.version({ v: draft.version })}{' '}
          <span className="save-state" aria-live="polite" data-testid="save-state">
            {saveState === 'saving' ? tx.form.saving : saveState === 'saved' ? tx.form.saved : saveState === 'error' ? errorText('INTAKE_DRAFT_SAVE_FAILED', lang) : ''}
          </span>
        </p>
      </header>

      {sections.map((sec) => {
        const fields = service.fields.filter((f) => f.section === sec.id && visible(f))
        if (!fields.length) return null
        return (
          <fieldset key={sec.id} className="intake-section">
            <legend>{sec.title}</legend>
            {fields.map((f) => (
              <FieldControl key={f.id} field={f} form={form} lang={lang} required={requiredNow(f)} readOnly={!!f.readOnly} after={afterField(f)} />
            ))}
          </fieldset>
        )
      })}

      {(notFound || poaRefused) && (
        <section className="refusal" role="alert" data-testid="refusal-m3" data-code={entityMissing ? 'M5' : 'M3'}>
          <h3>{entityMissing ? registry.entityNotFoundTitle : notFound ? tx.form.notFoundTitle : poaInvalid ? registry.poaRefusedTitle : errorText('INTAKE_POA_NOT_FOUND', lang)}</h3>
          <p>
            {entityMissing
              ? errorText('REGISTRY_ENTITY_NOT_FOUND', lang)
              : notFound
                ? tx.form.notFoundBody
                : poaInvalid
                  ? `${errorText('REGISTRY_POA_INVALID', lang)}${poaExpiredOn ? ' ' + registry.poaExpired(formatDate(poaExpiredOn)) : ''}`
                  : errorText('INTAKE_POA_NOT_FOUND', lang)}
          </p>
          <button type="button" className="button button--danger" onClick={() => void refuse()} data-testid="refuse-m3">
            {tx.form.refuse}
          </button>
        </section>
      )}

      <ScansPanel documents={documents} draft={draft} update={update} />

      <section className="intake-section" aria-labelledby="review-title">
        <h3 id="review-title">{tx.review.title}</h3>
        <h4>{tx.review.summary}</h4>
        <dl className="summary" data-testid="review-summary">
          {service.fields
            .filter((f) => visible(f) && values[f.id] !== '' && values[f.id] !== undefined && values[f.id] !== false)
            .map((f) => (
              <div key={f.id} className="summary__row">
                <dt>{f.label[lang]}</dt>
                <dd>{f.kind === 'select' ? (f.options.find((o) => o.value === values[f.id])?.label[lang] ?? String(values[f.id])) : f.kind === 'date' ? dateInputText(values[f.id]) : typeof values[f.id] === 'boolean' ? (values[f.id] ? yesNo.yes : yesNo.no) : String(values[f.id])}</dd>
              </div>
            ))}
          <div className="summary__row">
            <dt>{tx.review.attachments}</dt>
            <dd>
              {documents
                .filter((d) => (draft.documents[d.req.id]?.pages.length ?? 0) > 0)
                .map((d) => `${d.req.name[lang]} (${tx.scans.pages({ count: draft.documents[d.req.id].pages.length })})`)
                .join('; ') || '—'}
            </dd>
          </div>
        </dl>
        {signError && (
          <p className="field-error" role="alert" data-testid="sign-error">
            {signError}
          </p>
        )}
        {busy && (
          <p className="muted" aria-live="polite" data-testid="busy">
            {busy}
          </p>
        )}
        {keys.length > 0 && (
          <label className="field">
            <span className="field__label">{ui.key.label}</span>
            <KeySelect className="input" keys={keys} value={keyRef} onChange={setKeyRef} testId="sign-key" />
          </label>
        )}
        <div className="button-row">
          <button type="submit" className="button button--primary" disabled={busy !== null || notFound || poaRefused} data-testid="sign-and-send">
            {tx.review.sign}
          </button>
          <button type="button" className="button" disabled={busy !== null || notFound || poaRefused} onClick={() => void onSetAside()} data-testid="set-aside">
            {deskTx.batch.setAside}
          </button>
        </div>
      </section>
    </form>
  )
}
