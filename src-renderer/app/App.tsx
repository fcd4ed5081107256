import { lazy, Suspense, use, useCallback, useEffect } from 'react'
import type { DiagnosticsPort } from '../features/diagnostics/DiagnosticsButton'
import { useTexts } from '../i18n/texts'
import { uiTexts } from '../ui/texts'
import { LoginScreen } from '../features/login/LoginScreen'
import { whenBridge } from '../bridge/ready'
import { useSession } from '../session/store'
import { handleLanguageShortcut } from '../ui/LanguageSwitch'
import { WorkstationContext } from './context'
import { ErrorBoundary } from './ErrorBoundary'
import type { Workstation } from './workstation'

/** The desk's diagnostics run in main, through the bridge; the report is handed over as downloadable files. */
const diagnostics: DiagnosticsPort = {
  run: async (lang) => (await whenBridge()).app.diagnostics({ lang }),
  present: (bytes, name, type) => URL.createObjectURL(new File([bytes as BlobPart], name, { type })),
}

// The signed-in frame (every area, PDF, QR, pdf.js, fonts) is its own chunk: the login screen does not load it.
const Frame = lazy(() => import('./Frame').then((m) => ({ default: m.Frame })))
// What the login screen offers through the bridge comes with the bridge, after the form's first paint: main's
// password/PIN form (an ЭЦП sign-in may ask for it), framed by an overlay that polls the bridge, and the diagnostics
// button (fixed in the status bar, so nothing moves when it appears).
const SecretPromptOverlay = lazy(() =>
  whenBridge()
    .then(() => import('../features/secret-prompt/SecretPromptOverlay'))
    .then((m) => ({ default: m.SecretPromptOverlay })),
)
const DiagnosticsButton = lazy(() =>
  whenBridge()
    .then(() => import('./diagnostics'))
    .then((m) => ({ default: m.DiagnosticsButton })),
)

/** The frame under the composition root's context, once the root is built (main.tsx builds it after the first paint). */
function SignedInFrame({ workstation }: { workstation: Workstation | Promise<Workstation> }) {
  const ws = workstation instanceof Promise ? use(workstation) : workstation
  return (
    <WorkstationContext.Provider value={ws}>
      <Frame />
    </WorkstationContext.Provider>
  )
}

/** Root: the composition root's context, global shortcuts, the error boundary, and login or the signed-in frame. */
export function App({ workstation }: { workstation: Workstation | Promise<Workstation> }) {
  const ui = useTexts(uiTexts)
  const signedIn = useSession((s) => s.status === 'signedIn')
  const locked = useSession((s) => s.status === 'signedIn' && s.locked)
  const listAuthKeys = useCallback(async () => (await workstation).crypto.listKeys(), [workstation])

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
    <ErrorBoundary>
      <a className="skip-link" href="#main">
        {ui.app.skipToContent}
      </a>
      {signedIn ? (
        <Suspense fallback={null}>
          <SignedInFrame workstation={workstation} />
        </Suspense>
      ) : (
        <LoginScreen signIn={async (c) => (await workstation).session.open(c)} listKeys={listAuthKeys} />
      )}
      {/* Outside the frame (it serves the login screen too), so the idle lock makes it inert itself. */}
      <div inert={locked} data-testid="diagnostics-slot">
        <Suspense fallback={null}>
          <DiagnosticsButton port={diagnostics} />
        </Suspense>
      </div>
      {/* Browser workstation: main's password/PIN form for a pending signature (ЭЦП sign-in too, so outside the frame). */}
      <Suspense fallback={null}>
        <SecretPromptOverlay />
      </Suspense>
    </ErrorBoundary>
  )
}
