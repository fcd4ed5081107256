import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { I18nextProvider } from 'react-i18next'
import { App } from './app/App'
import { registerTexts } from './app/texts'
import { createWorkstation } from './app/workstation'
import { noticeNotifier } from './features/outbox/notifications'
import './features/outbox/outbox.css'
import { installBrowserBridge } from './bridge/install'
import { i18n } from './i18n'
import { restoreLang } from './i18n/lang'
import './styles.css'

// Electron's preload exposes window.arm; in the browser workstation the HTTP shim is installed instead.
installBrowserBridge(window, document)
registerTexts()
restoreLang()
// The composition root, built once: db, gateway client, crypto adapter, session, outbox, delivery.
const workstation = createWorkstation({ gatewayUrl: async () => (await window.arm.app.config({})).gatewayUrl, notify: noticeNotifier() })

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <App workstation={workstation} />
    </I18nextProvider>
  </StrictMode>,
)
