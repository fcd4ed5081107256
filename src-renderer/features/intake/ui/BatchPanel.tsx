/**
 * «Ready to sign»: requests the operator reviewed and set aside, signed together with one key and ONE confirmation in
 * main's prompt (which lists every request). Each one's outcome is shown on its own line: one that fails stays here,
 * with what went wrong and a retry, and costs the others nothing.
 */
import { useEffect, useState } from 'react'
import { errorText, toArmError } from '@shared/errors'
import { formatTime } from '@shared/format'
import { maskIdentifier } from '@shared/identity'
import type { ServiceDefinition } from '@shared/catalog/types'
import { chooseKey } from '../../../bridge/crypto'
import { useLang } from '../../../i18n/lang'
import { KeySelect } from '../../../ui/KeySelect'
import { useTexts } from '../../../i18n/texts'
import type { IntakeDraft } from '../core/model'
import type { KeyOption } from '../core/ports'
import type { BatchOutcome } from '../core/signAndQueue'
import { deskSigningTexts } from '../desk-signing-texts'
import { useIntakeDeps } from './deps'

/** One request's outcome; texts are made at render time, in the desk's current language. */
type Outcome = { draftId: string; draft?: IntakeDraft; ok: boolean; code?: string }

export function BatchPanel(props: { drafts: IntakeDraft[]; service: (id: string) => ServiceDefinition | undefined; onChanged: () => void; onOpen: (d: IntakeDraft) => void; keysVersion: number }) {
  const t = useTexts(deskSigningTexts).batch
  const lang = useLang()
  const deps = useIntakeDeps()
  const ready = props.drafts.filter((d) => d.reviewed)
  const [unselected, setUnselected] = useState<Set<string>>(new Set())
  const [keys, setKeys] = useState<KeyOption[]>([])
  const [keyRef, setKeyRef] = useState('')
  const [busy, setBusy] = useState<number | null>(null)
  const [outcomes, setOutcomes] = useState<Outcome[]>([])
  const [error, setError] = useState<string | null>(null) // a code

  useEffect(() => {
    let live = true
    void deps.listKeys?.().then((ks) => {
      if (!live) return
      const signing = ks.filter((k) => !k.purposes || k.purposes.includes('SIGN'))
      setKeys(signing)
      // The desk's one key rule (the certificate's facts, the operator's ИИН), as the form's own choice.
      setKeyRef((cur) => (signing.some((k) => k.keyRef === cur) ? cur : (chooseKey(signing, 'SIGN', { iin: deps.operator().iin || undefined })?.keyRef ?? '')))
    }, () => undefined)
    return () => {
      live = false
    }
  }, [deps, props.keysVersion])

  const nameOf = (d: IntakeDraft) => {
    const s = props.service(d.serviceId)
    const who = d.applicant.kind === 'person' ? d.applicant.iin : d.applicant.bin
    // Reviewed at: two requests of one consumer for one service still read apart.
    return `${s?.shortName[lang] ?? d.serviceId} · ${maskIdentifier(who)}${d.reviewed ? ` · ${formatTime(d.reviewed.at)}` : ''}`
  }

  async function sign(items: IntakeDraft[]) {
    if (!items.length || !keyRef) return
    setError(null)
    setBusy(items.length)
    const op = deps.operator()
    try {
      const results: BatchOutcome[] = await deps.signer.signBatch(
        items.map((draft) => ({
          draft,
          ctx: {
            operatorIin: op.iin,
            tsonId: op.tsonId,
            departmentId: op.departmentId,
            requiredDocuments: draft.reviewed?.requiredDocuments ?? [],
            now: () => new Date(deps.now()),
            newId: deps.newId,
          },
        })),
        { keyRef, operatorIin: op.iin },
      )
      const byId = new Map(items.map((d) => [d.id, d]))
      setOutcomes(results.map((r) => ({ draftId: r.draftId, draft: byId.get(r.draftId), ok: r.ok, code: r.ok ? undefined : r.error.code })))
    } catch (err) {
      // The batch as a whole did not happen (cancelled, wrong PIN, refused certificate): every request stays here.
      setError(toArmError(err).code)
    } finally {
      setBusy(null)
      props.onChanged()
    }
  }

  if (!ready.length && !outcomes.length) return null
  const chosen = ready.filter((d) => !unselected.has(d.id))
  const failedIds = new Set(outcomes.filter((o) => !o.ok).map((o) => o.draftId))
  const failedStill = ready.filter((d) => failedIds.has(d.id))
  const okCount = outcomes.filter((o) => o.ok).length

  return (
    <section className="batch" data-testid="batch-panel" aria-labelledby="batch-title">
      <h3 id="batch-title">{t.title}</h3>
      <ul className="batch__list">
        {ready.map((d) => (
          <li key={d.id} data-testid="batch-item" data-draft-id={d.id}>
            <label>
              <input
                type="checkbox"
                checked={!unselected.has(d.id)}
                aria-label={t.select({ name: nameOf(d) })}
                onChange={(e) =>
                  setUnselected((u) => {
                    const n = new Set(u)
                    if (e.target.checked) n.delete(d.id)
                    else n.add(d.id)
                    return n
                  })
                }
              />{' '}
              {nameOf(d)}
            </label>{' '}
            <button type="button" className="link" onClick={() => props.onOpen(d)}>
              {t.review}
            </button>
          </li>
        ))}
      </ul>
      {keys.length > 0 && ready.length > 0 && (
        <label className="field">
          <span className="field__label">{t.key}</span>
          <KeySelect className="input" keys={keys} value={keyRef} onChange={setKeyRef} testId="batch-key" showChosen />
        </label>
      )}
      {ready.length > 0 && (
        <button type="button" className="button button--primary" disabled={busy !== null || !chosen.length || !keyRef} onClick={() => void sign(chosen)} data-testid="batch-sign">
          {t.sign({ count: chosen.length })}
        </button>
      )}
      {busy !== null && (
        <p className="muted" aria-live="polite" data-testid="batch-busy">
          {t.signing({ count: busy })}
        </p>
      )}
      {error && (
        <p className="field-error" role="alert" data-testid="batch-error">
          {`${errorText(error, lang)} [${error}]`}
        </p>
      )}
      {outcomes.length > 0 && (
        <>
          <p role="status" data-testid="batch-summary">
            {t.summary({ ok: okCount, failed: outcomes.length - okCount })}
          </p>
          <ul className="batch__outcomes">
            {outcomes.map((o) => (
              <li key={o.draftId} className={o.ok ? 'batch__ok' : 'batch__failed'} data-testid="batch-outcome" data-ok={o.ok ? 'true' : 'false'}>
                {o.ok ? '✓' : '✗'} {o.draft ? nameOf(o.draft) : o.draftId} — {o.ok ? t.signed : `${errorText(o.code ?? 'SIGN_FAILED', lang)} [${o.code}]`}
              </li>
            ))}
          </ul>
          {failedStill.length > 0 && (
            <button type="button" className="button" disabled={busy !== null} onClick={() => void sign(failedStill)} data-testid="batch-retry">
              {t.retry}
            </button>
          )}
        </>
      )}
    </section>
  )
}
