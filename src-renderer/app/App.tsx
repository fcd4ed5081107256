import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { LoginScreen } from '../features/login/LoginScreen'
import { SecretPromptOverlay } from '../features/secret-prompt'
import { useSessionStore } from '../state/session'
import { AppFrame } from './AppFrame'
import { ErrorBoundary } from './ErrorBoundary'
import { handleLanguageShortcut } from './LanguageSwitch'

/** Root: global shortcuts, the error boundary, and login or the signed-in frame. */
export function App() {
  const { t } = useTranslation()
  const signedIn = useSessionStore((s) => s.status === 'signedIn')

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (handleLanguageShortcut(e)) e.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  useEffect(() => {
    document.title = `${t('app.name')} — ${t('app.title')}`
  }, [t])

  return (
    <ErrorBoundary>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      {signedIn ? <AppFrame /> : <LoginScreen />}
      {/* Browser workstation: main's password/PIN form for a pending signature (ЭЦП sign-in too, so outside the frame). */}
      <SecretPromptOverlay />
    </ErrorBoundary>
  )
}
