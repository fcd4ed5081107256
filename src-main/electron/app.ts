import path from 'node:path'
import { app, BrowserWindow, ipcMain, Menu, protocol, session } from 'electron'
import { buildCsp, DEFAULT_GATEWAY_URL } from '../services/app/csp'
import { DEV_HTTP_MARK, gatewayCertificateVerifier, resolveGatewayTls } from '../services/app/gateway-tls'
import { createRegistry } from '../services/handlers'
import { DeskLog } from '../services/log/desk-log'
import { printPdfWithDialog } from './print'
import { createCryptoServices } from '../services/crypto/setup'
import { registerBridge } from './ipc'
import { createElectronSecretPrompt } from './pin-dialog/window'
import { createAppProtocolHandler } from './protocol'
import {
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  APP_START_URL,
  devServerTrust,
  hardenSession,
  hardenWebContents,
  isDevRun,
  productionMenuTemplate,
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
 * Everything it sets is defined in security.ts / ipc.ts / protocol.ts and checked by test/main/electron/shell.test.ts with electron mocked.
 */
export function startElectronApp(opts: ElectronAppOptions = {}): ElectronAppHandle {
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return { primary: false, ready: Promise.resolve() }
  }
  const outMain = opts.outMainDir ?? __dirname
  const gatewayUrl = opts.gatewayUrl ?? process.env.ARM_GATEWAY_URL ?? DEFAULT_GATEWAY_URL
  // DevTools and a dev-server renderer only in an explicit development run (unpackaged + ARM_DEV=1, loopback URL).
  const devRun = isDevRun(app.isPackaged, process.env)
  const trust: AppTrust = devServerTrust(app.isPackaged, process.env)
  const devServerUrl = trust.devServerOrigin ? process.env.ELECTRON_RENDERER_URL : undefined

  // Must happen before ready: app:// behaves like https (secure context, own origin).
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES])
  app.enableSandbox()

  let mainWindow: BrowserWindow | null = null
  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, trust, { devTools: devRun }))
  app.on('window-all-closed', () => app.quit())

  const ready = app.whenReady().then(async () => {
    // https with the region's CA pinned (ARM_GATEWAY_CA), or plain http in a marked development mode; else
    // GATEWAY_INSECURE and the desk does not start.
    const gatewayTls = resolveGatewayTls({ url: gatewayUrl, caFile: process.env.ARM_GATEWAY_CA, isPackaged: app.isPackaged, env: process.env })
    // Production: a menu without View (DevTools, reload); a development run keeps Electron's default menu.
    if (!devRun) Menu.setApplicationMenu(Menu.buildFromTemplate(productionMenuTemplate()))
    hardenSession(session.defaultSession)
    session.defaultSession.setCertificateVerifyProc(gatewayCertificateVerifier(gatewayTls))
    const csp = buildCsp({ gatewayUrl, frameOrigins: opts.frameOrigins })
    protocol.handle(APP_SCHEME, createAppProtocolHandler(path.join(outMain, '../renderer'), csp))
    // Crypto area: keys from resources/demo-pki (+ configured folders); passwords/PINs asked in main's own modal window.
    const resourcesDir = app.isPackaged && process.resourcesPath ? path.join(process.resourcesPath, 'resources') : path.resolve('resources')
    const crypto = createCryptoServices({
      resourcesDir,
      prompt: createElectronSecretPrompt({ parent: () => mainWindow, preloadPath: path.join(outMain, '../preload/pinDialog.js') }),
      // The token modules chosen on the desk's tokens screen, kept beside its data.
      tokenSettingsFile: path.join(app.getPath('userData'), 'token-modules.json'),
    })
    // The desk's log file beside its data (userData holds the renderer's database): rotated, personal data masked.
    const log = new DeskLog(path.join(app.getPath('userData'), 'logs'))
    log.info('workstation starting', { version: app.getVersion(), gatewayUrl })
    registerBridge(ipcMain, createRegistry({ runtime: 'electron', clock: { now: () => new Date() }, gatewayUrl, crypto, log, printPdf: printPdfWithDialog }), trust)

    mainWindow = new BrowserWindow({
      width: 1280,
      height: 800,
      minWidth: 1024,
      minHeight: 640,
      show: false,
      backgroundColor: '#f4f6f8',
      autoHideMenuBar: true,
      webPreferences: secureWebPreferences(path.join(outMain, '../preload/index.js'), { devTools: devRun }),
      ...(gatewayTls.devHttp ? { title: `АРМ — ${DEV_HTTP_MARK}` } : {}),
    })
    if (gatewayTls.devHttp) console.warn(`АРМ: ${DEV_HTTP_MARK} (${gatewayUrl})`)
    const win = mainWindow
    win.once('ready-to-show', () => win.show())
    win.on('closed', () => {
      mainWindow = null
    })
    await win.loadURL(devServerUrl ?? APP_START_URL)
  })
  return { primary: true, ready }
}
