import { useCallback, useEffect, useState } from 'react'
import { AUDIT_ACTIONS, type AuditAction } from '@shared/audit'
import { toArmError, type ArmErrorPayload } from '@shared/errors'
import { formatDateTime } from '@shared/format'
import type { AuditEntryView, AuditVerifyResponse } from '@shared/gateway/admin-api'
import type { Gateway } from '../../gateway/client'
import { useTexts } from '../../i18n/texts'
import { ErrorNote } from '../../ui/ErrorNote'
import { actionTexts } from './actionTexts'
import { supervisionTexts } from './texts'

export interface AuditDeps {
  gateway: Pick<Gateway, 'call' | 'send'>
  /** Auditors and admins may export the whole chain. */
  canExport: boolean
  present: (bytes: Uint8Array, name: string, type: string) => string
  /** The desk's name (its ЦОН or department and number), never its id. */
  deskName: (desk: string | null) => string
}

const PAGE = 50
const isAction = (a: string): a is AuditAction => (AUDIT_ACTIONS as readonly string[]).includes(a)

/** The audit trail with filters (request, action), keyset pages, chain verification and the verifiable export. */
export function AuditScreen({ deps }: { deps: AuditDeps }) {
  const t = useTexts(supervisionTexts)
  const names = useTexts(actionTexts)
  const [filter, setFilter] = useState<{ request: string; action: AuditAction | '' }>({ request: '', action: '' })
  const [items, setItems] = useState<AuditEntryView[]>([])
  const [next, setNext] = useState<number | undefined>()
  const [error, setError] = useState<ArmErrorPayload | null>(null)
  const [verdict, setVerdict] = useState<AuditVerifyResponse | null>(null)
  const [file, setFile] = useState<string | null>(null)

  const load = useCallback(async (after?: number) => {
    setError(null)
    try {
      const page = await deps.gateway.call('audit', { query: { request: filter.request.trim() || undefined, action: filter.action || undefined, after, limit: PAGE } })
      setItems((old) => (after ? [...old, ...page.items] : page.items))
      setNext(page.next)
    } catch (err) {
      setError(toArmError(err).toPayload())
    }
  }, [deps, filter])
  useEffect(() => {
    void load()
    // Only the first page on open; the filters apply on "Search".
  }, [])

  const verify = async () => {
    try {
      setVerdict(await deps.gateway.call('auditVerify'))
    } catch (err) {
      setError(toArmError(err).toPayload())
    }
  }
  const exportTrail = async () => {
    try {
      const { res, done } = await deps.gateway.send('/api/v1/audit/export', { method: 'GET' })
      const bytes = new Uint8Array(await res.arrayBuffer())
      done()
      if (!res.ok) throw toArmError(new Error(`HTTP ${res.status}`))
      setFile(deps.present(bytes, 'audit-trail.jsonl', 'application/x-ndjson'))
    } catch (err) {
      setError(toArmError(err).toPayload())
    }
  }

  return (
    <section className="audit" data-testid="audit">
      <form
        className="inbox__bar"
        onSubmit={(e) => {
          e.preventDefault()
          void load()
        }}
      >
        <label>
          {t.request} <input value={filter.request} data-testid="audit-request" onChange={(e) => setFilter((f) => ({ ...f, request: e.target.value }))} />
        </label>
        <label>
          {t.action}{' '}
          <select value={filter.action} data-testid="audit-action" onChange={(e) => setFilter((f) => ({ ...f, action: isAction(e.target.value) ? e.target.value : '' }))}>
            <option value="">{t.any}</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>{names[a]}</option>
            ))}
          </select>
        </label>
        <button type="submit" className="button button--primary" data-testid="audit-search">{t.apply}</button>
        <button type="button" className="button" data-testid="audit-verify" onClick={() => void verify()}>{t.verify}</button>
        {deps.canExport && (
          <button type="button" className="button" data-testid="audit-export" onClick={() => void exportTrail()}>{t.exportTrail}</button>
        )}
        {file && <a href={file} download="audit-trail.jsonl" data-testid="audit-export-link">audit-trail.jsonl</a>}
      </form>
      {deps.canExport && <p className="supervisor__note">{t.exportHint}</p>}
      {verdict && (
        <p data-testid="audit-verdict" data-ok={verdict.ok} className={verdict.ok ? 'decision__sent' : 'field-error'}>
          {verdict.ok ? t.verified(verdict.length) : t.broken(verdict.brokenAt)}
        </p>
      )}
      {error && <ErrorNote error={error} onRetry={() => void load()} testId="audit-error" />}
      <p className="supervisor__note">{t.shown(items.length)}</p>
      <table className="supervisor__table" data-testid="audit-list">
        <thead>
          <tr><th>№</th><th>{t.when}</th><th>{t.actor}</th><th>{t.action}</th><th>{t.request}</th><th>{t.desk}</th></tr>
        </thead>
        <tbody>
          {items.map((e) => (
            <tr key={e.seq} data-action={e.action} data-seq={e.seq}>
              <td>{e.seq}</td>
              <td>{formatDateTime(e.at)}</td>
              <td>{e.actorName}</td>
              <td>{isAction(e.action) ? names[e.action] : e.action}</td>
              <td>{registrationOf(e) ?? '—'}</td>
              <td>{deps.deskName(e.desk)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {next !== undefined && (
        <button type="button" className="button" data-testid="audit-more" onClick={() => void load(next)}>{t.more}</button>
      )}
    </section>
  )
}

/** The registration number an entry names in its detail (what people know a request by), if any. */
function registrationOf(e: AuditEntryView): string | undefined {
  try {
    const d = JSON.parse(e.detail) as { registrationNumber?: unknown }
    return typeof d.registrationNumber === 'string' ? d.registrationNumber : undefined
  } catch {
    return undefined
  }
}
