import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { I18nextProvider } from 'react-i18next'
import { App } from './app/App'
import { installWorkstation } from './features/intake/workstation'
import { installDelivery } from './features/workstation'
import './features/outbox/outbox.css'
import { installBrowserBridge } from './bridge/install'
import { i18n } from './i18n'
import { restoreLang } from './state/ui'
import './styles.css'

// Electron's preload exposes window.arm; in the browser workstation the HTTP shim is installed instead.
installBrowserBridge(window, document)
restoreLang()
// Intake: gateway-backed sign-in (login, ИИН, ЭЦП, offline verifier), idle lock, drafts and signing.
installWorkstation({ gatewayUrl: async () => (await window.arm.app.config({})).gatewayUrl })
// Delivery: the outbox sender and status tracker run while signed in (same ArmDb, same gateway URL as intake).
installDelivery({ gatewayUrl: async () => (await window.arm.app.config({})).gatewayUrl })

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <App />
    </I18nextProvider>
  </StrictMode>,
)
