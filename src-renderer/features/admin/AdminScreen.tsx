import { Fragment, useCallback, useEffect, useState } from 'react'
import { toArmError, type ArmErrorPayload } from '@shared/errors'
import type { AdminUser, OrgUnit } from '@shared/gateway/admin-api'
import type { Role } from '@shared/gateway/api'
import type { Gateway } from '../../gateway/client'
import { useLang } from '../../i18n/lang'
import { useTexts } from '../../i18n/texts'
import { ErrorNote } from '../../ui/ErrorNote'
import { CertificatesPanel } from './CertificatesPanel'
import { UnitsEditor } from './UnitsEditor'
import { adminTexts } from './texts'

export interface AdminDeps {
  gateway: Pick<Gateway, 'call'>
  now: () => number
}

const ROLES: Role[] = ['tson_operator', 'provider_specialist', 'supervisor', 'auditor', 'admin']
const EMPTY = { displayName: '', login: '', iin: '', password: '', role: 'tson_operator' as Role, unit: '' }

/**
 * The administrator's screen: accounts (with their bound certificates), units by name, fault injection, log
 * verification. Every change is audited.
 */
export function AdminScreen({ deps }: { deps: AdminDeps }) {
  const t = useTexts(adminTexts)
  const lang = useLang()
  const [users, setUsers] = useState<AdminUser[] | null>(null)
  const [units, setUnits] = useState<OrgUnit[]>([])
  const [error, setError] = useState<ArmErrorPayload | null>(null)
  const [note, setNote] = useState('')
  const [form, setForm] = useState(EMPTY)
  const [reset, setReset] = useState<{ id: string; password: string } | null>(null)
  const [certsOf, setCertsOf] = useState<string | null>(null)
  const [faults, setFaults] = useState({ latencyMs: 0, error5xxRate: 0 })
  const [logs, setLogs] = useState<{ messages?: string; audit?: string }>({})

  const run = async <T,>(work: () => Promise<T>): Promise<T | undefined> => {
    setError(null)
    try {
      return await work()
    } catch (err) {
      setError(toArmError(err).toPayload())
      return undefined
    }
  }
  const load = useCallback(async () => {
    setError(null)
    try {
      const [u, o, f] = await Promise.all([deps.gateway.call('adminUsers'), deps.gateway.call('units'), deps.gateway.call('faults')])
      setUsers(u.items)
      setUnits(o.units)
      setFaults({ latencyMs: f.latencyMs, error5xxRate: f.error5xxRate })
    } catch (err) {
      setError(toArmError(err).toPayload())
    }
  }, [deps])
  useEffect(() => {
    void load()
  }, [load])

  const unitName = (id: string | null) => {
    if (!id) return t.none
    const u = units.find((x) => x.id === id)
    return u ? (lang === 'kk' ? u.nameKk : lang === 'ru' ? u.nameRu : u.nameEn) : id
  }
  const atTson = form.role === 'tson_operator'
  const create = async () => {
    const made = await run(() =>
      deps.gateway.call('adminCreateUser', {
        body: {
          displayName: form.displayName.trim(), login: form.login.trim() || null, iin: form.iin.trim() || null, password: form.password, role: form.role,
          tsonId: atTson && form.unit ? form.unit : null, departmentId: !atTson && form.unit ? form.unit : null,
        },
      }),
    )
    if (made) {
      setNote(t.created(made.displayName))
      setForm(EMPTY)
      await load()
    }
  }
  const update = async (u: AdminUser, body: { disabled?: boolean; unlock?: true; password?: string }) => {
    const changed = await run(() => deps.gateway.call('adminUpdateUser', { params: { userId: u.id }, body }))
    if (changed) {
      setNote(t.changed(changed.displayName))
      setReset(null)
      await load()
    }
  }
  const bind = async (u: AdminUser, certificate: string): Promise<boolean> => {
    const changed = await run(() => deps.gateway.call('adminBindCertificate', { params: { userId: u.id }, body: { certificate: certificate.trim() } }))
    if (!changed) return false
    const added = changed.certificates.find((c) => !u.certificates.some((o) => o.fingerprint === c.fingerprint))
    setNote(t.certBound(added?.holderName ?? changed.displayName))
    await load()
    return true
  }
  const unbind = async (u: AdminUser, fingerprint: string, holder: string) => {
    const changed = await run(() => deps.gateway.call('adminUnbindCertificate', { params: { userId: u.id }, body: { fingerprint } }))
    if (changed) {
      setNote(t.certUnbound(holder))
      await load()
    }
  }
  const saveUnit = async ({ id, ...unit }: OrgUnit): Promise<boolean> => {
    const saved = await run(() => deps.gateway.call('adminPutUnit', { params: { unitId: id }, body: unit }))
    if (!saved) return false
    setNote(t.unitSaved(lang === 'kk' ? saved.nameKk : lang === 'ru' ? saved.nameRu : saved.nameEn))
    await load()
    return true
  }
  const unitChoices = units.filter((u) => (atTson ? u.kind === 'tson' : u.kind === 'department'))
  const now = deps.now()

  return (
    <section className="admin" data-testid="admin">
      {error && <ErrorNote error={error} onRetry={() => void load()} testId="admin-error" />}
      {note && <p className="decision__sent" data-testid="admin-note">{note}</p>}
      <h2>{t.accounts}</h2>
      <table className="supervisor__table" data-testid="admin-users">
        <thead>
          <tr><th>{t.name}</th><th>{t.login}</th><th>{t.role}</th><th>{t.unit}</th><th>{t.state}</th><th /></tr>
        </thead>
        <tbody>
          {(users ?? []).map((u) => {
            const locked = u.lockedUntil !== null && u.lockedUntil > now
            return (
              <Fragment key={u.id}>
              <tr data-login={u.login ?? u.iin ?? ''} data-disabled={u.disabled}>
                <td>{u.displayName}</td>
                <td>{u.login ?? u.iin ?? t.none}</td>
                <td>{t.roles[u.role]}</td>
                <td>{unitName(u.tsonId ?? u.departmentId)}</td>
                <td>{u.disabled ? t.disabled : locked ? t.locked : t.active}</td>
                <td>
                  <button type="button" className="button button--ghost" data-testid="admin-toggle" onClick={() => void update(u, { disabled: !u.disabled })}>
                    {u.disabled ? t.enable : t.disable}
                  </button>
                  {locked && (
                    <button type="button" className="button button--ghost" onClick={() => void update(u, { unlock: true })}>{t.unlock}</button>
                  )}
                  {reset?.id === u.id ? (
                    <form
                      className="admin__inline"
                      onSubmit={(e) => {
                        e.preventDefault()
                        void update(u, { password: reset.password })
                      }}
                    >
                      <input type="password" aria-label={t.newPassword} autoComplete="new-password" value={reset.password} onChange={(e) => setReset({ id: u.id, password: e.target.value })} />
                      <button type="submit" className="button">{t.save}</button>
                    </form>
                  ) : (
                    <button type="button" className="button button--ghost" onClick={() => setReset({ id: u.id, password: '' })}>{t.resetPassword}</button>
                  )}
                  <button type="button" className="button button--ghost" data-testid="admin-certificates-toggle" aria-expanded={certsOf === u.id} onClick={() => setCertsOf(certsOf === u.id ? null : u.id)}>
                    {t.certificates(u.certificates.length)}
                  </button>
                </td>
              </tr>
              {certsOf === u.id && (
                <tr>
                  <td colSpan={6}>
                    <CertificatesPanel user={u} bind={(c) => bind(u, c)} unbind={(f, holder) => unbind(u, f, holder)} />
                  </td>
                </tr>
              )}
              </Fragment>
            )
          })}
        </tbody>
      </table>

      <form
        className="admin__create"
        data-testid="admin-create"
        onSubmit={(e) => {
          e.preventDefault()
          void create()
        }}
      >
        <h3>{t.create}</h3>
        <label>{t.name} <input required data-testid="new-name" value={form.displayName} onChange={(e) => setForm({ ...form, displayName: e.target.value })} /></label>
        <label>{t.login} <input data-testid="new-login" value={form.login} onChange={(e) => setForm({ ...form, login: e.target.value })} /></label>
        <label>{t.iin} <input data-testid="new-iin" inputMode="numeric" value={form.iin} onChange={(e) => setForm({ ...form, iin: e.target.value })} /></label>
        <label>{t.password} <input type="password" autoComplete="new-password" data-testid="new-password" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} /></label>
        <label>
          {t.role}{' '}
          <select data-testid="new-role" value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role, unit: '' })}>
            {ROLES.map((r) => <option key={r} value={r}>{t.roles[r]}</option>)}
          </select>
        </label>
        <label>
          {t.unit}{' '}
          <select data-testid="new-unit" value={form.unit} onChange={(e) => setForm({ ...form, unit: e.target.value })}>
            <option value="">{t.none}</option>
            {unitChoices.map((u) => <option key={u.id} value={u.id}>{unitName(u.id)}</option>)}
          </select>
        </label>
        <button type="submit" className="button button--primary" data-testid="new-submit">{t.create}</button>
      </form>

      <h3>{t.units}</h3>
      <UnitsEditor units={units} save={saveUnit} />

      <h3>{t.faults}</h3>
      <form
        className="admin__inline"
        onSubmit={(e) => {
          e.preventDefault()
          void run(() => deps.gateway.call('setFaults', { body: faults }))
        }}
      >
        <label>{t.latency} <input type="number" min={0} max={60000} value={faults.latencyMs} onChange={(e) => setFaults({ ...faults, latencyMs: Number(e.target.value) })} /></label>
        <label>{t.errorRate} <input type="number" min={0} max={1} step={0.05} value={faults.error5xxRate} onChange={(e) => setFaults({ ...faults, error5xxRate: Number(e.target.value) })} /></label>
        <button type="submit" className="button">{t.apply}</button>
      </form>

      <h3>{t.logs}</h3>
      <p>
        <button type="button" className="button" data-testid="verify-messages" onClick={() => void run(async () => {
          const v = await deps.gateway.call('adminLog')
          setLogs((l) => ({ ...l, messages: v.ok ? t.intact(v.length) : t.brokenAt(v.brokenAt) }))
        })}>{t.verifyMessages}</button>{' '}
        <span data-testid="verify-messages-result">{logs.messages}</span>{' '}
        <button type="button" className="button" data-testid="verify-audit" onClick={() => void run(async () => {
          const v = await deps.gateway.call('auditVerify')
          setLogs((l) => ({ ...l, audit: v.ok ? t.intact(v.length) : t.brokenAt(v.brokenAt) }))
        })}>{t.verifyAudit}</button>{' '}
        <span data-testid="verify-audit-result">{logs.audit}</span>
      </p>
    </section>
  )
}
