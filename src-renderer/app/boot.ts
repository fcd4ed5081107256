/**
 * What the desk starts after the login screen's first paint (main.tsx): the browser workstation's bridge shim, the
 * error table and the composition root (db, gateway client, crypto adapter, session, outbox, delivery). One chunk apart
 * from the login screen's, so the cold login page parses React and the form only; signing in waits for it.
 */
import { installBrowserBridge } from '../bridge/install'
import { bridgeInstalled } from '../bridge/ready'
import { noticeNotifier } from '../features/outbox/notifications'
import { loadErrorTexts } from '../i18n/errorTexts'
import { createWorkstation, type Workstation } from './workstation'

export function boot(): Workstation {
  // Electron's preload exposed window.arm already; in the browser workstation the HTTP shim is installed now.
  installBrowserBridge(window, document)
  bridgeInstalled(window.arm)
  void loadErrorTexts().catch(() => undefined)
  return createWorkstation({ gatewayUrl: async () => (await window.arm.app.config({})).gatewayUrl, notify: noticeNotifier() })
}
