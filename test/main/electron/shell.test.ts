import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { CONTRACT } from '../../../src-shared/bridge/contract'

// The Electron binary cannot run here, so `electron` is replaced by a recording fake and the real shell code
// (app.ts, security.ts, ipc.ts, protocol.ts) is driven through it. Each security setting is asserted.
type Listener = (...args: unknown[]) => unknown
const fake = vi.hoisted(() => {
  const state = {
    lock: true,
    appListeners: new Map<string, Listener>(),
    ipcHandlers: new Map<string, Listener>(),
    windows: [] as { options: Record<string, unknown>; loaded: string[]; listeners: Map<string, Listener> }[],
    privileged: [] as unknown[],
    protocolHandlers: new Map<string, Listener>(),
    permissionRequest: null as Listener | null,
    permissionCheck: null as Listener | null,
    verifyProc: null as Listener | null,
    menu: undefined as unknown,
    calls: [] as string[],
    /** What the system print dialog answers (webContents.print's callback) and what it was shown. */
    printAnswer: { ok: true, reason: '' },
    printed: [] as { title: unknown; options: unknown; file: string; bytes: Uint8Array; plugins: unknown }[],
  }
  class BrowserWindow {
    loaded: string[] = []
    listeners = new Map<string, Listener>()
    constructor(public options: Record<string, unknown>) {
      state.windows.push(this)
    }
    once(ev: string, fn: Listener) { this.listeners.set(ev, fn) }
    on(ev: string, fn: Listener) { this.listeners.set(ev, fn) }
    async loadURL(url: string) { this.loaded.push(url) }
    async loadFile(file: string) {
      this.loaded.push(file)
      // The print window may only ever show the PDF it was given: its bytes are read as the viewer would.
      this.file = { path: file, bytes: new Uint8Array((await import('node:fs')).readFileSync(file)) }
    }
    file: { path: string; bytes: Uint8Array } | null = null
    webContents = {
      print: (options: unknown, done: (ok: boolean, reason: string) => void) => {
        const prefs = this.options.webPreferences as Record<string, unknown>
        state.printed.push({ title: this.options.title, options, file: this.file!.path, bytes: this.file!.bytes, plugins: prefs.plugins })
        setTimeout(() => done(state.printAnswer.ok, state.printAnswer.reason), 1)
      },
    }
    destroy() { state.calls.push('destroy') }
    show() {}
    isMinimized() { return false }
    restore() {}
    focus() { state.calls.push('focus') }
  }
  const electron = {
    Menu: {
      buildFromTemplate: (t: unknown) => ({ template: t }),
      setApplicationMenu: (m: unknown) => (state.menu = m),
    },
    app: {
      isPackaged: true,
      requestSingleInstanceLock: () => (state.calls.push('lock'), state.lock),
      quit: () => state.calls.push('quit'),
      enableSandbox: () => state.calls.push('enableSandbox'),
      on: (ev: string, fn: Listener) => state.appListeners.set(ev, fn),
      whenReady: () => Promise.resolve(),
      // The desk's log file goes beside userData (a throwaway folder of this test process).
      getPath: (name: string) => `${process.env.TMPDIR ?? '/tmp'}/arm-shell-test-${process.pid}/${name}`,
      getVersion: () => '0.0.0-test',
    },
    BrowserWindow,
    ipcMain: { handle: (ch: string, fn: Listener) => state.ipcHandlers.set(ch, fn) },
    protocol: {
      registerSchemesAsPrivileged: (s: unknown[]) => state.privileged.push(...s),
      handle: (scheme: string, fn: Listener) => state.protocolHandlers.set(scheme, fn),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: Listener) => (state.permissionRequest = fn),
        setPermissionCheckHandler: (fn: Listener) => (state.permissionCheck = fn),
        setCertificateVerifyProc: (fn: Listener) => (state.verifyProc = fn),
      },
    },
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => state.calls.push(`expose:${key}`) && ((state as Record<string, unknown>).exposed = api) },
    ipcRenderer: { invoke: async (ch: string, req: unknown) => ((state as Record<string, unknown>).invoked = [ch, req], { ok: true, value: { ok: true, version: '0', runtime: 'electron', startedAt: 'x' } }) },
  }
  return { state, electron }
})
vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }))

function reset(lock = true) {
  fake.state.lock = lock
  fake.state.appListeners.clear()
  fake.state.ipcHandlers.clear()
  fake.state.windows.length = 0
  fake.state.privileged.length = 0
  fake.state.protocolHandlers.clear()
  fake.state.permissionRequest = null
  fake.state.permissionCheck = null
  fake.state.verifyProc = null
  fake.state.menu = undefined
  fake.state.calls.length = 0
  fake.state.printAnswer = { ok: true, reason: '' }
  fake.state.printed.length = 0
  fake.electron.app.isPackaged = true
  for (const k of ['ARM_DEV', 'ELECTRON_RENDERER_URL', 'ARM_GATEWAY_CA']) delete process.env[k]
  // The tests below talk plain http to a loopback gateway: the marked development mode, set explicitly.
  process.env.ARM_GATEWAY_DEV_HTTP = '1'
}

const outRoot = mkdtempSync(path.join(tmpdir(), 'arm-out-'))
mkdirSync(path.join(outRoot, 'main'))
mkdirSync(path.join(outRoot, 'renderer'))
writeFileSync(path.join(outRoot, 'renderer', 'index.html'), '<!doctype html><title>АРМ</title>')

async function start(gatewayUrl = 'http://127.0.0.1:8787') {
  const { startElectronApp } = await import('../../../src-main/electron/app')
  const handle = startElectronApp({ outMainDir: path.join(outRoot, 'main'), gatewayUrl })
  await handle.ready
  return handle
}

describe('Electron shell (electron mocked)', () => {
  beforeEach(() => reset())

  it('takes the single-instance lock and quits without a window when another instance runs', async () => {
    reset(false)
    const handle = await start()
    expect(handle.primary).toBe(false)
    expect(fake.state.calls).toEqual(['lock', 'quit'])
    expect(fake.state.windows).toHaveLength(0)
    expect(fake.state.ipcHandlers.size).toBe(0)
  })

  it('focuses the existing window on a second instance', async () => {
    await start()
    expect(fake.state.calls[0]).toBe('lock')
    fake.state.appListeners.get('second-instance')!()
    expect(fake.state.calls).toContain('focus')
  })

  it('creates the window with contextIsolation, sandbox, no nodeIntegration, webSecurity and the preload', async () => {
    await start()
    expect(fake.state.calls).toContain('enableSandbox')
    expect(fake.state.windows).toHaveLength(1)
    const prefs = fake.state.windows[0].options.webPreferences as Record<string, unknown>
    expect(prefs.contextIsolation).toBe(true)
    expect(prefs.sandbox).toBe(true)
    expect(prefs.nodeIntegration).toBe(false)
    expect(prefs.nodeIntegrationInWorker).toBe(false)
    expect(prefs.nodeIntegrationInSubFrames).toBe(false)
    expect(prefs.webSecurity).toBe(true)
    expect(prefs.allowRunningInsecureContent).toBe(false)
    expect(prefs.webviewTag).toBe(false)
    expect(prefs.experimentalFeatures).toBe(false)
    expect(prefs.preload).toBe(path.join(outRoot, 'preload', 'index.js'))
    expect(fake.state.windows[0].loaded).toEqual(['app://arm/index.html'])
  })

  it('serves the renderer from a privileged app:// scheme with the strict CSP header', async () => {
    await start()
    expect(fake.state.privileged).toEqual([expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) })])
    const handler = fake.state.protocolHandlers.get('app')!
    const res = (await handler(new Request('app://arm/index.html'))) as Response
    expect(res.status).toBe(200)
    const csp = res.headers.get('content-security-policy')!
    expect(csp).toContain("default-src 'none'")
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toMatch(/unsafe-eval|unsafe-inline/)
    expect(csp).toContain("connect-src 'self' http://127.0.0.1:8787")
    expect(csp).toContain("object-src 'none'")
    expect(((await handler(new Request('app://arm/../../etc/passwd.txt'))) as Response).status).toBe(404)
    expect(((await handler(new Request('app://other/index.html'))) as Response).status).toBe(404)
  })

  it('denies every permission request and check by default', async () => {
    await start()
    const granted: boolean[] = []
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) fake.state.permissionRequest!(null, p, (g: boolean) => granted.push(g))
    expect(granted).toEqual([false, false, false, false, false])
    expect(fake.state.permissionCheck!(null, 'media')).toBe(false)
  })

  it('denies window.open, navigation and redirects away from the app, and webviews, on every web contents', async () => {
    await start()
    const listeners = new Map<string, Listener>()
    let openHandler: Listener | null = null
    fake.state.appListeners.get('web-contents-created')!({}, { on: (ev: string, fn: Listener) => listeners.set(ev, fn), setWindowOpenHandler: (fn: Listener) => (openHandler = fn) })
    expect(openHandler!({ url: 'https://evil.example' })).toEqual({ action: 'deny' })
    expect(openHandler!({ url: 'app://arm/index.html' })).toEqual({ action: 'deny' })
    const nav = (ev: string, url: string) => {
      const event = { prevented: false, preventDefault() { this.prevented = true } }
      listeners.get(ev)!(event, url)
      return event.prevented
    }
    expect(nav('will-navigate', 'https://evil.example/')).toBe(true)
    expect(nav('will-navigate', 'file:///etc/passwd')).toBe(true)
    expect(nav('will-redirect', 'http://127.0.0.1:8787/')).toBe(true)
    expect(nav('will-navigate', 'app://arm/index.html#/operator')).toBe(false)
    expect(nav('will-attach-webview', 'app://arm/')).toBe(true)
  })

  it('registers exactly one ipcMain handler per contract channel and checks the sender frame first', async () => {
    await start()
    expect([...fake.state.ipcHandlers.keys()].sort()).toEqual(Object.keys(CONTRACT).map((c) => `arm:${c}`).sort())
    const health = fake.state.ipcHandlers.get('arm:app.health')!
    const top = { url: 'app://arm/index.html', parent: null }
    expect(await health({ senderFrame: top }, {})).toMatchObject({ ok: true, value: { runtime: 'electron' } })
    for (const senderFrame of [
      { url: 'https://evil.example/', parent: null },
      { url: 'app://arm/index.html', parent: top },
      { url: 'file:///tmp/x.html', parent: null },
      null,
    ]) {
      expect(await health({ senderFrame }, {})).toMatchObject({ ok: false, error: { code: 'BRIDGE_FOREIGN_SENDER' } })
    }
    expect(await health({ senderFrame: top }, { unexpected: true })).toMatchObject({ ok: false, error: { code: 'BRIDGE_INVALID_REQUEST' } })
  })
})

describe('Electron hardening: DevTools, renderer URL, gateway transport (electron mocked)', () => {
  beforeEach(() => reset())

  it('packaged: no DevTools (webPreferences.devTools false, a menu without View/DevTools/reload, opened DevTools closed)', async () => {
    await start()
    const prefs = fake.state.windows[0].options.webPreferences as Record<string, unknown>
    expect(prefs.devTools).toBe(false)
    const menu = JSON.stringify(fake.state.menu)
    expect(menu).toContain('"role":"copy"')
    expect(menu).not.toMatch(/toggleDevTools|toggledevtools|reload|forceReload|viewMenu/i)
    const listeners = new Map<string, Listener>()
    let closed = 0
    fake.state.appListeners.get('web-contents-created')!({}, { on: (ev: string, fn: Listener) => listeners.set(ev, fn), setWindowOpenHandler: () => {}, closeDevTools: () => closed++ })
    listeners.get('devtools-opened')!()
    expect(closed).toBe(1)
  })

  it('ELECTRON_RENDERER_URL is the app only in an explicit development run with a loopback URL', async () => {
    fake.electron.app.isPackaged = false
    process.env.ELECTRON_RENDERER_URL = 'http://127.0.0.1:5173/'
    await start()
    expect(fake.state.windows[0].loaded).toEqual(['app://arm/index.html']) // no ARM_DEV=1: ignored
    for (const [url, loaded] of [
      ['http://127.0.0.1:5173/', 'http://127.0.0.1:5173/'],
      ['https://evil.example/', 'app://arm/index.html'],
      ['http://user:pw@localhost:5173/', 'app://arm/index.html'],
      ['file:///tmp/index.html', 'app://arm/index.html'],
      ['not a url', 'app://arm/index.html'],
    ]) {
      reset()
      fake.electron.app.isPackaged = false
      process.env.ARM_DEV = '1'
      process.env.ELECTRON_RENDERER_URL = url
      await start()
      expect(fake.state.windows[0].loaded, url).toEqual([loaded])
    }
    // Development run: DevTools allowed, the default menu kept.
    expect((fake.state.windows[0].options.webPreferences as Record<string, unknown>).devTools).toBe(true)
    expect(fake.state.menu).toBeUndefined()
    reset()
    process.env.ARM_DEV = '1'
    process.env.ELECTRON_RENDERER_URL = 'http://127.0.0.1:5173/'
    await start() // packaged: ARM_DEV means nothing
    expect(fake.state.windows[0].loaded).toEqual(['app://arm/index.html'])
    expect((fake.state.windows[0].options.webPreferences as Record<string, unknown>).devTools).toBe(false)
  })

  it('the gateway: plain http only in the marked development mode (window title says so); otherwise the desk does not start', async () => {
    await start()
    expect(String(fake.state.windows[0].options.title)).toContain('DEVELOPMENT MODE')
    reset()
    delete process.env.ARM_GATEWAY_DEV_HTTP
    await expect(start('http://10.1.2.3:8787')).rejects.toMatchObject({ code: 'GATEWAY_INSECURE' })
    expect(fake.state.windows).toHaveLength(0)
    await expect(start('https://gw.region.kz')).rejects.toMatchObject({ code: 'GATEWAY_INSECURE' }) // https without the region CA
  })
})

describe('preload (electron mocked)', () => {
  it('exposes only the contract-derived window.arm, forwarding to arm:<channel>', async () => {
    await import('../../../src-main/electron/preload')
    const st = fake.state as unknown as { exposed: Record<string, Record<string, (r: unknown) => Promise<unknown>>>; invoked: unknown }
    expect(fake.state.calls).toContain('expose:arm')
    expect(Object.keys(st.exposed).sort()).toEqual([...new Set(Object.keys(CONTRACT).map((c) => c.split('.')[0]))].sort())
    await expect(st.exposed.app.health({})).resolves.toMatchObject({ runtime: 'electron' })
    expect(st.invoked).toEqual(['arm:app.health', {}])
  })
})

describe('app.printPdf: the counter’s print through the system print dialog (electron mocked)', () => {
  beforeEach(() => reset())

  const top = { url: 'app://arm/index.html', parent: null }
  const pdf = new TextEncoder().encode('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')
  const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64')
  const call = async (req: unknown, senderFrame: unknown = top) => fake.state.ipcHandlers.get('arm:app.printPdf')!({ senderFrame }, req)

  it('shows the PDF in a hidden sandboxed window of its own and opens the system dialog (not silent); the temp file goes after', async () => {
    await start()
    expect(await call({ pdf: b64(pdf), title: 'Нәтиже GW-20261207-000042' })).toEqual({ ok: true, value: { printed: true } })
    expect(fake.state.printed).toHaveLength(1)
    const p = fake.state.printed[0]
    expect(p.options).toMatchObject({ silent: false })
    expect(p.title).toBe('Нәтиже GW-20261207-000042')
    expect(p.bytes).toEqual(pdf)
    expect(p.file.endsWith('.pdf')).toBe(true)
    const w = fake.state.windows.find((x) => x.options.title === 'Нәтиже GW-20261207-000042')!
    expect(w.options.show).toBe(false)
    expect(fake.state.windows.indexOf(w)).toBeGreaterThan(0)
    const prefs = w.options.webPreferences as Record<string, unknown>
    expect(prefs).toMatchObject({ plugins: true, sandbox: true, contextIsolation: true, nodeIntegration: false, devTools: false })
    // The desk's own window keeps plugins off: only the print window shows the PDF viewer.
    expect((fake.state.windows[0].options.webPreferences as Record<string, unknown>).plugins).not.toBe(true)
    expect(fake.state.calls).toContain('destroy')
    expect((await import('node:fs')).existsSync(p.file)).toBe(false)
  })

  it('a cancelled dialog is «not printed», not an error', async () => {
    await start()
    fake.state.printAnswer = { ok: false, reason: 'cancelled' }
    expect(await call({ pdf: b64(pdf), title: 'Қолхат' })).toEqual({ ok: true, value: { printed: false } })
  })

  it('no printer is COUNTER_NO_PRINTER (coded, translated); the window and the temp file are gone', async () => {
    await start()
    fake.state.printAnswer = { ok: false, reason: 'Invalid deviceName provided' }
    const r = (await call({ pdf: b64(pdf), title: 'Нәтиже' })) as { ok: false; error: { code: string } }
    expect(r).toMatchObject({ ok: false, error: { code: 'COUNTER_NO_PRINTER' } })
    const { ERRORS } = await import('../../../src-shared/errors')
    for (const lang of ['kk', 'ru', 'en'] as const) expect(ERRORS.COUNTER_NO_PRINTER[lang].length).toBeGreaterThan(10)
    expect(fake.state.calls).toContain('destroy')
    expect((await import('node:fs')).existsSync(fake.state.printed[0].file)).toBe(false)
  })

  it('main validates the request before any window: not base64, not a PDF, extra keys, no title, a foreign sender', async () => {
    await start()
    const before = fake.state.windows.length
    for (const req of [
      { pdf: '%%%not-base64%%%', title: 'x' },
      { pdf: b64(new TextEncoder().encode('<html><script>alert(1)</script></html>')), title: 'x' },
      { pdf: b64(pdf), title: 'x', silent: true },
      { pdf: b64(pdf), title: '' },
      { pdf: b64(pdf), title: 'x'.repeat(201) },
      { pdf: b64(pdf) },
    ]) {
      expect(await call(req)).toMatchObject({ ok: false, error: { code: 'BRIDGE_INVALID_REQUEST' } })
    }
    expect(await call({ pdf: b64(pdf), title: 'x' }, { url: 'https://evil.example/', parent: null })).toMatchObject({ ok: false, error: { code: 'BRIDGE_FOREIGN_SENDER' } })
    expect(fake.state.windows.length).toBe(before)
    expect(fake.state.printed).toHaveLength(0)
  })
})
