import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/App'
import type { Workstation } from './app/workstation'
import { noticeNotifier } from './features/outbox/notifications'
import './features/outbox/outbox.css'
import { installBrowserBridge } from './bridge/install'
import { restoreLang } from './i18n/lang'
import './styles.css'

// Electron's preload exposes window.arm; in the browser workstation the HTTP shim is installed instead.
installBrowserBridge(window, document)
restoreLang()
// The composition root, built once: db, gateway client, crypto adapter, session, outbox, delivery. It is its own chunk
// (Dexie, the catalogue, the gateway client, the sync runtime), loaded right after the login screen's first paint so
// that the cold login page parses only what it shows; signing in waits for it.
const workstation = new Promise<Workstation>((resolve, reject) =>
  requestAnimationFrame(() =>
    setTimeout(() => {
      import('./app/workstation')
        .then((m) => resolve(m.createWorkstation({ gatewayUrl: async () => (await window.arm.app.config({})).gatewayUrl, notify: noticeNotifier() })))
        .catch(reject)
    }),
  ),
)

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App workstation={workstation} />
  </StrictMode>,
)
