import { useEffect } from 'react'
import { useTexts } from '../i18n/texts'
import { uiTexts } from '../ui/texts'
import { LoginScreen } from '../features/login/LoginScreen'
import { SecretPromptOverlay } from '../features/secret-prompt'
import { useSession } from '../session/store'
import { handleLanguageShortcut } from '../ui/LanguageSwitch'
import { WorkstationContext } from './context'
import { ErrorBoundary } from './ErrorBoundary'
import { Frame } from './Frame'
import type { Workstation } from './workstation'

/** Root: the composition root's context, global shortcuts, the error boundary, and login or the signed-in frame. */
export function App({ workstation }: { workstation: Workstation }) {
  const ui = useTexts(uiTexts)
  const signedIn = useSession((s) => s.status === 'signedIn')

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (handleLanguageShortcut(e)) e.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  useEffect(() => {
    document.title = `${ui.app.name} — ${ui.app.title}`
  }, [ui])

  return (
    <WorkstationContext.Provider value={workstation}>
      <ErrorBoundary>
        <a className="skip-link" href="#main">
          {ui.app.skipToContent}
        </a>
        {signedIn ? <Frame /> : <LoginScreen signIn={(c) => workstation.session.open(c)} />}
        {/* Browser workstation: main's password/PIN form for a pending signature (ЭЦП sign-in too, so outside the frame). */}
        <SecretPromptOverlay />
      </ErrorBoundary>
    </WorkstationContext.Provider>
  )
}
