import { useEffect, useState, type FormEvent } from 'react'
import { useTexts } from '../i18n/texts'
import { sessionTexts } from './texts'
import { errorText, toArmError } from '@shared/errors'
import { useLang } from '../i18n/lang'
import { useSession } from './store'

/** The visible "offline" mark of a session signed in against the cached verifier. */
export function OfflineBadge() {
  const tx = useTexts(sessionTexts)
  const offline = useSession((s) => s.active?.offline ?? false)
  if (!offline) return null
  return (
    <span className="badge badge--warn" title={tx.offlineTitle} data-testid="offline-badge" role="status">
      ⚠ {tx.offline}
    </span>
  )
}

/**
 * Covers the whole desk after idle time, whatever the role (the frame makes everything under it inert); the same
 * account's password (or ЭЦП) unlocks it. Nothing underneath is unmounted, so a draft on screen stays as it was.
 */
export function LockOverlay(props: { unlock: (password: string) => Promise<void>; signOut?: () => void }) {
  const tx = useTexts(sessionTexts)
  const lang = useLang()
  const locked = useSession((s) => s.locked)
  const account = useSession((s) => s.account)
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
      setError(`${errorText(c, lang)} [${c}]`)
    } finally {
      setBusy(false)
      setPassword('')
    }
  }
  return (
    <div className="lock-overlay" role="dialog" aria-modal="true" aria-labelledby="lock-title" data-testid="lock-overlay">
      <form className="login-card" onSubmit={(e) => void onSubmit(e)}>
        <h2 id="lock-title">{tx.locked}</h2>
        <p>{errorText('SESSION_LOCKED', lang)}</p>
        {account?.method !== 'ecp' && (
          <label className="lock-overlay__field">
            <span>
              {tx.password} ({account?.id})
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
            {tx.unlock}
          </button>
          {props.signOut && (
            <button type="button" className="button button--ghost" onClick={props.signOut} data-testid="lock-sign-out">
              {tx.signOut}
            </button>
          )}
        </div>
      </form>
    </div>
  )
}
