import { useEffect, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { create } from 'zustand'
import { errorText, toArmError, type Lang } from '@shared/errors'
import { INTAKE_NS } from '../intake/i18n'
import type { ActiveSession, SignInRequest } from './SessionService'

interface IntakeSessionState {
  /** The active session as this area knows it (offline flag, method); the frame's store holds the token copy. */
  active: ActiveSession | null
  /** The login / ИИН used (never the password), to unlock the same account after an idle lock. */
  account: { method: SignInRequest['method']; id: string } | null
  locked: boolean
  set(p: Partial<Pick<IntakeSessionState, 'active' | 'account' | 'locked'>>): void
  clear(): void
}

/** Session facts the intake area shows: offline mark, idle lock. Cleared on sign-out. */
export const useIntakeSession = create<IntakeSessionState>((set) => ({
  active: null,
  account: null,
  locked: false,
  set: (p) => set(p),
  clear: () => set({ active: null, account: null, locked: false }),
}))

/** The visible "offline" mark of a session signed in against the cached verifier. */
export function OfflineBadge() {
  const { t } = useTranslation(INTAKE_NS)
  const offline = useIntakeSession((s) => s.active?.offline ?? false)
  if (!offline) return null
  return (
    <span className="badge badge--warn" title={t('session.offlineTitle')} data-testid="offline-badge" role="status">
      ⚠ {t('session.offline')}
    </span>
  )
}

/**
 * Covers the screen after idle time; the same account's password (or ЭЦП) unlocks it. Nothing underneath is
 * unmounted, so the draft on screen stays as it was (and is autosaved anyway).
 */
export function LockOverlay(props: { unlock: (password: string) => Promise<void>; signOut?: () => void }) {
  const { t, i18n } = useTranslation(INTAKE_NS)
  const locked = useIntakeSession((s) => s.locked)
  const account = useIntakeSession((s) => s.account)
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  useEffect(() => {
    if (!locked) {
      setPassword('')
      setError(null)
    }
  }, [locked])
  if (!locked) return null
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    try {
      await props.unlock(password)
    } catch (err) {
      const c = toArmError(err).code
      setError(`${errorText(c, i18n.language as Lang)} [${c}]`)
    } finally {
      setBusy(false)
      setPassword('')
    }
  }
  return (
    <div className="lock-overlay" role="dialog" aria-modal="true" aria-labelledby="lock-title" data-testid="lock-overlay">
      <form className="login-card" onSubmit={(e) => void onSubmit(e)}>
        <h2 id="lock-title">{t('session.locked')}</h2>
        <p>{errorText('SESSION_LOCKED', i18n.language as Lang)}</p>
        {account?.method !== 'ecp' && (
          <label className="lock-overlay__field">
            <span>
              {t('session.password')} ({account?.id})
            </span>
            <input type="password" className="input" autoFocus value={password} onChange={(e) => setPassword(e.target.value)} data-testid="unlock-password" />
          </label>
        )}
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <div className="button-row">
          <button type="submit" className="button button--primary" disabled={busy}>
            {t('session.unlock')}
          </button>
          {props.signOut && (
            <button type="button" className="button button--ghost" onClick={props.signOut} data-testid="lock-sign-out">
              {t('session.signOut')}
            </button>
          )}
        </div>
      </form>
    </div>
  )
}
