import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/App'
import { restoreLang } from './i18n/lang'
import './styles.css'

/**
 * Resolves once the login screen is on the screen: at the browser's first contentful paint (reported when the frame
 * has been presented, not merely drawn). Without paint timing (a window still hidden, as Electron's is until
 * ready-to-show) after two frames; and after two seconds at the latest, whatever the browser reports.
 */
function afterFirstPaint(): Promise<void> {
  return new Promise((resolve) => {
    let settled = false
    // a task of its own: nothing of what follows runs inside a paint callback
    const go = () => {
      if (settled) return
      settled = true
      setTimeout(resolve)
    }
    setTimeout(go, 2000)
    if (document.visibilityState === 'visible' && typeof PerformanceObserver !== 'undefined' && PerformanceObserver.supportedEntryTypes?.includes('paint')) {
      new PerformanceObserver((list, observer) => {
        if (!list.getEntries().some((e) => e.name === 'first-contentful-paint')) return
        observer.disconnect()
        go()
      }).observe({ type: 'paint', buffered: true })
    } else {
      requestAnimationFrame(() => requestAnimationFrame(go))
    }
  })
}

restoreLang()
// Only the login screen before its first paint: React, the form, its texts (the build report lists this chunk set).
// Everything else — the bridge shim, the error table, the composition root with Dexie, the gateway client and the
// sync runtime — is app/boot.ts, started once the form is on screen (the frame after sign-in is a chunk of its own).
const workstation = afterFirstPaint()
  .then(() => import('./app/boot'))
  .then((m) => m.boot())

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App workstation={workstation} />
  </StrictMode>,
)
