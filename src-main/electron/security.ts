import type { Event, MenuItemConstructorOptions, Session, WebContents, WebPreferences } from 'electron'

/**
 * The Electron security baseline as plain values and functions, so unit tests can check every setting
 * without the Electron binary. app.ts wires them in; nothing here imports electron at runtime.
 */

/** The renderer is served from app://arm/ (a privileged standard scheme), never from file:// or the network. */
export const APP_SCHEME = 'app'
export const APP_HOST = 'arm'
export const APP_START_URL = `${APP_SCHEME}://${APP_HOST}/index.html`

export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false, stream: true },
} as const

/** `devTools`: only in an explicit development run; a packaged desk has none (no menu item, no shortcut, no API). */
export function secureWebPreferences(preloadPath: string, opts: { devTools?: boolean } = {}): WebPreferences {
  return {
    preload: preloadPath,
    devTools: opts.devTools ?? false,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  }
}

/**
 * The application menu of a production desk: editing and window roles only. Electron's default menu carries View →
 * Toggle Developer Tools / Reload / Force Reload (and their shortcuts); none of them is here.
 */
export function productionMenuTemplate(): MenuItemConstructorOptions[] {
  return [
    { label: 'Edit', submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }] },
    { label: 'Window', submenu: [{ role: 'minimize' }, { role: 'close' }] },
  ]
}

/**
 * An explicit development run: not packaged AND ARM_DEV=1. Only then are DevTools and a dev-server renderer allowed.
 */
export function isDevRun(isPackaged: boolean, env: Record<string, string | undefined>): boolean {
  return !isPackaged && env.ARM_DEV === '1'
}

/**
 * Whether ELECTRON_RENDERER_URL may be the app's origin: only in an explicit development run and only for a loopback
 * http(s) dev server (electron-vite's). Anything else — a packaged app, no ARM_DEV=1, a remote or odd URL — is
 * ignored and the app loads from app://arm/.
 */
export function devServerTrust(isPackaged: boolean, env: Record<string, string | undefined>): AppTrust {
  const raw = env.ELECTRON_RENDERER_URL
  if (!raw || !isDevRun(isPackaged, env)) return {}
  let u: URL
  try {
    u = new URL(raw)
  } catch {
    return {}
  }
  if ((u.protocol !== 'http:' && u.protocol !== 'https:') || !['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname) || u.username || u.password) return {}
  return { devServerOrigin: u.origin }
}

/** Which URLs are "the app": app://arm/…, plus the electron-vite dev server origin when one is given. */
export interface AppTrust {
  readonly devServerOrigin?: string
}

export function isAppUrl(url: string, trust: AppTrust = {}): boolean {
  let u: URL
  try {
    u = new URL(url)
  } catch {
    return false
  }
  // Node's URL gives origin "null" for non-special schemes, so compare scheme and host directly.
  if (u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST) return true
  return !!trust.devServerOrigin && (u.protocol === 'http:' || u.protocol === 'https:') && u.origin === trust.devServerOrigin
}

/** The part of Electron's WebFrameMain the bridge looks at. */
export interface SenderFrame {
  readonly url: string
  readonly parent: unknown
}

/** A bridge call is served only for the app's own top-level frame: not a subframe (e.g. the PIN dialog's), not a foreign page. */
export function isTrustedSender(frame: SenderFrame | null | undefined, trust: AppTrust = {}): boolean {
  if (!frame) return false
  if (frame.parent !== null) return false
  return isAppUrl(frame.url, trust)
}

/** window.open and target=_blank: always denied (the workstation has one window; external links are not opened). */
export function denyWindowOpen(): { action: 'deny' } {
  return { action: 'deny' }
}

/** will-navigate / will-redirect: stay inside the app. */
export function guardNavigation(event: Pick<Event, 'preventDefault'>, url: string, trust: AppTrust = {}): boolean {
  if (isAppUrl(url, trust)) return true
  event.preventDefault()
  return false
}

/** Camera, geolocation, notifications, clipboard-read …: denied unless a later area adds an explicit allow. */
export function denyPermissionRequest(_contents: unknown, _permission: string, callback: (granted: boolean) => void): void {
  callback(false)
}

export function denyPermissionCheck(): boolean {
  return false
}

export function hardenWebContents(contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'> & Partial<Pick<WebContents, 'closeDevTools'>>, trust: AppTrust = {}, opts: { devTools?: boolean } = {}): void {
  contents.setWindowOpenHandler(denyWindowOpen)
  // Belt and braces with webPreferences.devTools=false: whatever opens DevTools in production closes them at once.
  if (!opts.devTools) contents.on('devtools-opened', () => contents.closeDevTools?.())
  contents.on('will-navigate', (event, url) => void guardNavigation(event, url, trust))
  contents.on('will-redirect', (event, url) => void guardNavigation(event, url, trust))
  contents.on('will-attach-webview', (event) => event.preventDefault())
}

export function hardenSession(ses: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>): void {
  ses.setPermissionRequestHandler(denyPermissionRequest)
  ses.setPermissionCheckHandler(denyPermissionCheck)
}
