import path from 'node:path'
import { app, BrowserWindow, ipcMain, protocol, session } from 'electron'
import { buildCsp, DEFAULT_GATEWAY_URL } from '../services/app/csp'
import { createRegistry } from '../services/handlers'
import { createCryptoServices } from '../services/crypto/setup'
import { registerBridge } from './ipc'
import { createElectronSecretPrompt } from './pin-dialog/window'
import { createAppProtocolHandler } from './protocol'
import {
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  APP_START_URL,
  hardenSession,
  hardenWebContents,
  secureWebPreferences,
  type AppTrust,
} from './security'

export interface ElectronAppOptions {
  readonly gatewayUrl?: string
  /** Extra frame-src origins (the crypto area's PIN dialog origin). */
  readonly frameOrigins?: readonly string[]
  /** Folder of the built bundle (out/main); defaults to this file's folder. */
  readonly outMainDir?: string
}

export interface ElectronAppHandle {
  /** false when another instance already runs (this one quits). */
  readonly primary: boolean
  readonly ready: Promise<void>
}

/**
 * Lifecycle of the Electron shell: single-instance lock, app:// protocol, security handlers, the bridge, one window.
 * Everything it sets is defined in security.ts / ipc.ts / protocol.ts and checked by test/electron with electron mocked.
 */
export function startElectronApp(opts: ElectronAppOptions = {}): ElectronAppHandle {
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return { primary: false, ready: Promise.resolve() }
  }
  const outMain = opts.outMainDir ?? __dirname
  const gatewayUrl = opts.gatewayUrl ?? process.env.ARM_GATEWAY_URL ?? DEFAULT_GATEWAY_URL
  const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined
  const trust: AppTrust = devServerUrl ? { devServerOrigin: new URL(devServerUrl).origin } : {}

  // Must happen before ready: app:// behaves like https (secure context, own origin).
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES])
  app.enableSandbox()

  let mainWindow: BrowserWindow | null = null
  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, trust))
  app.on('window-all-closed', () => app.quit())

  const ready = app.whenReady().then(async () => {
    hardenSession(session.defaultSession)
    const csp = buildCsp({ gatewayUrl, frameOrigins: opts.frameOrigins })
    protocol.handle(APP_SCHEME, createAppProtocolHandler(path.join(outMain, '../renderer'), csp))
    // Crypto area: keys from resources/demo-pki (+ configured folders); passwords/PINs asked in main's own modal window.
    const resourcesDir = app.isPackaged && process.resourcesPath ? path.join(process.resourcesPath, 'resources') : path.resolve('resources')
    const crypto = createCryptoServices({
      resourcesDir,
      prompt: createElectronSecretPrompt({ parent: () => mainWindow, preloadPath: path.join(outMain, '../preload/pinDialog.js') }),
    })
    registerBridge(ipcMain, createRegistry({ runtime: 'electron', clock: { now: () => new Date() }, gatewayUrl, crypto }), trust)

    mainWindow = new BrowserWindow({
      width: 1280,
      height: 800,
      minWidth: 1024,
      minHeight: 640,
      show: false,
      backgroundColor: '#f4f6f8',
      autoHideMenuBar: true,
      webPreferences: secureWebPreferences(path.join(outMain, '../preload/index.js')),
    })
    const win = mainWindow
    win.once('ready-to-show', () => win.show())
    win.on('closed', () => {
      mainWindow = null
    })
    await win.loadURL(devServerUrl ?? APP_START_URL)
  })
  return { primary: true, ready }
}
