/**
 * Electron's secret prompt with `electron` replaced by a recording fake (the binary cannot run here): the window's
 * settings, the one-time id, answers accepted only from that window, and the preload's form wiring.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'

type Listener = (...args: unknown[]) => unknown
const fake = vi.hoisted(() => {
  const state = { windows: [] as FakeWindow[], ipcOn: new Map<string, Listener>(), sent: [] as unknown[][] }
  class FakeWindow {
    loaded: string[] = []
    listeners = new Map<string, Listener>()
    destroyed = false
    webContents = { setWindowOpenHandler: () => {}, on: () => {} }
    constructor(public options: Record<string, unknown>) {
      state.windows.push(this)
    }
    once(ev: string, fn: Listener) { this.listeners.set(ev, fn) }
    on(ev: string, fn: Listener) { this.listeners.set(ev, fn) }
    async loadURL(url: string) { this.loaded.push(url) }
    show() {}
    isDestroyed() { return this.destroyed }
    destroy() { this.destroyed = true }
  }
  const electron = {
    BrowserWindow: FakeWindow,
    ipcMain: {
      on: (ch: string, fn: Listener) => state.ipcOn.set(ch, fn),
      removeListener: (ch: string) => state.ipcOn.delete(ch),
    },
    ipcRenderer: { send: (...args: unknown[]) => state.sent.push(args) },
  }
  return { state, electron }
})
vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }))

import { createElectronSecretPrompt, promptHtml } from '../../../../src-main/electron/pin-dialog/window'

const parent = { id: 'workstation' }
beforeEach(() => {
  fake.state.windows.length = 0
  fake.state.ipcOn.clear()
  fake.state.sent.length = 0
})

function htmlOf(win: { loaded: string[] }): string {
  return decodeURIComponent(win.loaded[0].replace(/^data:text\/html;charset=utf-8,/, ''))
}

describe('Electron secret prompt', () => {
  it('opens a sandboxed modal child window with its own preload; only that window with the one-time id can answer', async () => {
    const prompt = createElectronSecretPrompt({ parent: () => parent as never, preloadPath: '/app/out/preload/pinDialog.js' })
    const answer = prompt.ask({ kind: 'p12-password', keyLabel: 'operator-sign.p12 <b>', holder: 'АСАНОВА', attempt: 2, previousError: 'P12_BAD_PASSWORD' })
    await Promise.resolve()
    const win = fake.state.windows[0]
    expect(win.options).toMatchObject({ parent, modal: true, webPreferences: { preload: '/app/out/preload/pinDialog.js', sandbox: true, contextIsolation: true, nodeIntegration: false } })
    const html = htmlOf(win)
    expect(html).not.toMatch(/<script/i)
    expect(html).toContain('operator-sign.p12 &#60;b&#62;')
    expect(html).toContain('Неверный пароль')
    const id = /data-prompt-id="([0-9a-f]+)"/.exec(html)![1]
    const onAnswer = fake.state.ipcOn.get('arm-pin:answer')!
    onAnswer({ sender: { other: true } }, { id, secret: 'from the workstation renderer' }) // another webContents: ignored
    onAnswer({ sender: win.webContents }, { id: 'forged', secret: 'x' }) // wrong id: ignored
    onAnswer({ sender: win.webContents }, { id, secret: 'Qwerty12' })
    await expect(answer).resolves.toBe('Qwerty12')
    expect(win.destroyed).toBe(true)
    expect(fake.state.ipcOn.has('arm-pin:answer')).toBe(false)
  })

  it('closing the window or pressing cancel answers null; prompts open one after another', async () => {
    const prompt = createElectronSecretPrompt({ parent: () => null, preloadPath: '/p.js' })
    const a = prompt.ask({ kind: 'token-pin', keyLabel: 'token', attempt: 1 })
    const b = prompt.ask({ kind: 'p12-password', keyLabel: 'file', attempt: 1 })
    await new Promise((r) => setTimeout(r, 0))
    expect(fake.state.windows.length).toBe(1)
    expect(fake.state.windows[0].options.modal).toBe(false)
    fake.state.windows[0].listeners.get('closed')!()
    await expect(a).resolves.toBeNull()
    await new Promise((r) => setTimeout(r, 0))
    expect(fake.state.windows.length).toBe(2)
    const id = /data-prompt-id="([0-9a-f]+)"/.exec(htmlOf(fake.state.windows[1]))![1]
    fake.state.ipcOn.get('arm-pin:answer')!({ sender: fake.state.windows[1].webContents }, { id, secret: null })
    await expect(b).resolves.toBeNull()
  })

  it('a signature: the window shows what main derived from the bytes; an unlocked key gets a confirm-only form (no field)', async () => {
    const { summarizeSigning } = await import('../../../../src-main/services/crypto/signing-summary')
    const signing = [summarizeSigning(new TextEncoder().encode('some file'))]
    const confirm = promptHtml('ab', { kind: 'sign-confirm', keyLabel: 'operator-sign.p12', attempt: 1, signing }, 'ru')
    expect(confirm).not.toContain('type="password"')
    expect(confirm).toContain(signing[0].sha256)
    expect(confirm).toContain('Нераспознанные данные')
    expect(confirm).toContain('Подписать')
    const withPassword = promptHtml('ab', { kind: 'p12-password', keyLabel: 'operator-sign.p12', attempt: 1, signing }, 'kk')
    expect(withPassword).toContain('type="password"')
    expect(withPassword).toContain(signing[0].sha256)
    const prompt = createElectronSecretPrompt({ parent: () => null, preloadPath: '/p.js' })
    const answer = prompt.ask({ kind: 'sign-confirm', keyLabel: 'k', attempt: 1, signing })
    await new Promise((r) => setTimeout(r, 0))
    const win = fake.state.windows[0]
    expect(win.options.height).toBeGreaterThan(300)
    const id = /data-prompt-id="([0-9a-f]+)"/.exec(htmlOf(win))![1]
    fake.state.ipcOn.get('arm-pin:answer')!({ sender: win.webContents }, { id, secret: '' })
    await expect(answer).resolves.toBe('')
  })

  it('the page names the key and warns in the chosen language', () => {
    expect(promptHtml('ab', { kind: 'token-pin', keyLabel: 'Kaztoken', attempt: 3, previousError: 'PKCS11_PIN_INCORRECT' }, 'kk')).toContain('PIN-код')
  })
})
