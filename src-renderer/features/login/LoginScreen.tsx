import { Brand } from '../../ui/Brand'
import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import type { KeyOption } from '../../bridge/crypto'
import { preferredKey } from '@shared/crypto/keyChoice'
import { KeySelect } from '../../ui/KeySelect'
import { useTexts } from '../../i18n/texts'
import { loginTexts } from './texts'
import { useErrorText } from '../../i18n/errorTexts'
import { useSession, type Credentials, type SignInMode } from '../../session/store'
import { LanguageSwitch } from '../../ui/LanguageSwitch'
import { StatusLine } from '../../ui/StatusLine'

const MODES: { mode: SignInMode; label: 'modeLogin' | 'modeIin' | 'modeEcp'; hint: 'modeLoginHint' | 'modeIinHint' | 'modeEcpHint' }[] = [
  { mode: 'login', label: 'modeLogin', hint: 'modeLoginHint' },
  { mode: 'iin', label: 'modeIin', hint: 'modeIinHint' },
  { mode: 'ecp', label: 'modeEcp', hint: 'modeEcpHint' },
]

type FieldError = 'required' | 'iinFormat' | null

/**
 * The first screen: sign-in method, credentials, language, and the workstation status line. Enter submits. ЭЦП sign-in
 * names the AUTH key by its holder: a desk's key folder may hold several people's keys, and signing in as whoever's
 * key happens to come first would open someone else's session.
 */
export function LoginScreen({ signIn, listKeys }: { signIn: (credentials: Credentials) => Promise<void>; listKeys?: () => Promise<KeyOption[]> }) {
  const tx = useTexts(loginTexts)
  const status = useSession((s) => s.status)
  const error = useSession((s) => s.error)
  const [mode, setMode] = useState<SignInMode>('login')
  const [login, setLogin] = useState('')
  const [iin, setIin] = useState('')
  const [password, setPassword] = useState('')
  const [authKeys, setAuthKeys] = useState<KeyOption[]>([])
  const [keyRef, setKeyRef] = useState('')
  const [errors, setErrors] = useState<{ id: FieldError; password: FieldError }>({ id: null, password: null })
  const idRef = useRef<HTMLInputElement>(null)
  const passwordRef = useRef<HTMLInputElement>(null)
  const ids = { id: useId(), password: useId(), idErr: useId(), pwErr: useId(), err: useId() }
  const busy = status === 'signingIn'
  const errorSentence = useErrorText(error?.code)

  useEffect(() => {
    if (mode !== 'ecp' || !listKeys) return
    let live = true
    void listKeys()
      .then((keys) => {
        if (!live) return
        // A locked .p12 may not tell its purposes yet: offer it rather than hide it.
        const auth = keys.filter((k) => !k.purposes || k.purposes.includes('AUTH'))
        setAuthKeys(auth)
        setKeyRef((cur) => (cur && auth.some((k) => k.keyRef === cur) ? cur : preferredKey(auth, 'AUTH')?.keyRef ?? ''))
      })
      .catch(() => live && setAuthKeys([]))
    return () => {
      live = false
    }
  }, [mode, listKeys])

  const onSubmit = (e: FormEvent) => {
    e.preventDefault()
    if (busy) return
    let credentials: Credentials
    if (mode === 'ecp') {
      credentials = keyRef ? { mode: 'ecp', keyRef } : { mode: 'ecp' }
    } else {
      const idValue = mode === 'login' ? login.trim() : iin.trim()
      const idError: FieldError = !idValue ? 'required' : mode === 'iin' && !/^\d{12}$/.test(idValue) ? 'iinFormat' : null
      const pwError: FieldError = password ? null : 'required'
      setErrors({ id: idError, password: pwError })
      if (idError) return idRef.current?.focus()
      if (pwError) return passwordRef.current?.focus()
      credentials = mode === 'login' ? { mode, login: idValue, password } : { mode, iin: idValue, password }
    }
    void signIn(credentials).then(() => setPassword(''))
  }

  const switchMode = (m: SignInMode) => {
    setMode(m)
    setErrors({ id: null, password: null })
  }

  return (
    <div className="login-page">
      <header className="topbar">
        <Brand />
        <LanguageSwitch />
      </header>

      <main className="login-main" id="main">
        <form className="login-card" onSubmit={onSubmit} noValidate aria-labelledby="login-title" data-testid="login-form">
          <h1 id="login-title">{tx.title}</h1>
          <p className="login-card__subtitle">{tx.subtitle}</p>

          <fieldset className="mode-switch">
            <legend>{tx.modeLabel}</legend>
            {MODES.map(({ mode: m, label, hint }) => (
              <label key={m} className={`mode-switch__option${mode === m ? ' mode-switch__option--active' : ''}`}>
                <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => switchMode(m)} data-testid={`mode-${m}`} />
                <span className="mode-switch__label">{tx[label]}</span>
                <span className="mode-switch__hint">{tx[hint]}</span>
              </label>
            ))}
          </fieldset>

          {mode !== 'ecp' ? (
            <>
              <div className="field">
                <label htmlFor={ids.id}>{mode === 'login' ? tx.login : tx.iin}</label>
                <input
                  id={ids.id}
                  ref={idRef}
                  name={mode === 'login' ? 'login' : 'iin'}
                  autoComplete="username"
                  autoFocus
                  inputMode={mode === 'iin' ? 'numeric' : 'text'}
                  maxLength={mode === 'iin' ? 12 : 64}
                  value={mode === 'login' ? login : iin}
                  onChange={(e) => (mode === 'login' ? setLogin(e.target.value) : setIin(e.target.value.replace(/\D/g, '')))}
                  aria-invalid={errors.id ? true : undefined}
                  aria-describedby={errors.id ? ids.idErr : undefined}
                  data-testid="field-id"
                />
                {errors.id && (
                  <p className="field__error" id={ids.idErr}>
                    {tx[errors.id]}
                  </p>
                )}
              </div>
              <div className="field">
                <label htmlFor={ids.password}>{tx.password}</label>
                <input
                  id={ids.password}
                  ref={passwordRef}
                  name="password"
                  type="password"
                  autoComplete="current-password"
                  value={password}
                  onChange={(e) => setPassword(e.target.value)}
                  aria-invalid={errors.password ? true : undefined}
                  aria-describedby={errors.password ? ids.pwErr : undefined}
                  data-testid="field-password"
                />
                {errors.password && (
                  <p className="field__error" id={ids.pwErr}>
                    {tx[errors.password]}
                  </p>
                )}
              </div>
            </>
          ) : (
            <>
              <p className="login-card__hint">{tx.ecpHint}</p>
              {authKeys.length > 0 && (
                <div className="field">
                  <KeySelect keys={authKeys} value={keyRef} onChange={setKeyRef} testId="login-key" />
                </div>
              )}
            </>
          )}

          {error && (
            <div className="login-card__error" role="alert" id={ids.err} data-testid="login-error" data-code={error.code}>
              <strong>[{error.code}]</strong> {errorSentence}
            </div>
          )}

          <button type="submit" className="button button--primary button--wide" disabled={busy} data-testid="submit">
            {busy ? tx.submitting : tx.submit}
          </button>
        </form>
      </main>

      <StatusLine />
    </div>
  )
}
