/**
 * The secret prompt of the Electron shell: a modal child window of the workstation with its own minimal preload.
 * The secret goes from that window to main over one IPC message that main accepts only from that window's
 * webContents and only with that prompt's one-time id; the workstation's renderer is never involved.
 */
import { randomBytes } from 'node:crypto'
import { BrowserWindow, ipcMain, type IpcMainEvent } from 'electron'
import { errorText, isErrorCode, type Lang } from '../../../src-shared/errors'
import type { SecretPrompt, SecretRequest } from '../../services/crypto/secret-prompt'

const PIN_ANSWER_CHANNEL = 'arm-pin:answer' // same literal as pin-dialog/preload.ts (kept apart: the preload is bundled alone)

const TEXT: Record<Lang, Record<string, string>> = {
  kk: { password: 'Кілт құпиясөзі', pin: 'Токен PIN-коды', ok: 'Растау', cancel: 'Болдырмау', key: 'Кілт', holder: 'Иесі' },
  ru: { password: 'Пароль ключа', pin: 'PIN-код токена', ok: 'Подтвердить', cancel: 'Отмена', key: 'Ключ', holder: 'Владелец' },
  en: { password: 'Key password', pin: 'Token PIN', ok: 'Confirm', cancel: 'Cancel', key: 'Key', holder: 'Holder' },
}
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

export function promptHtml(id: string, req: SecretRequest, lang: Lang): string {
  const t = TEXT[lang]
  const label = req.kind === 'token-pin' ? t.pin : t.password
  const warn = req.previousError && isErrorCode(req.previousError) ? `<p class="err" role="alert">${esc(errorText(req.previousError, lang))}</p>` : ''
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; form-action 'none'">
<title>${esc(label)}</title><style>body{font:15px system-ui,sans-serif;margin:16px}input{width:100%;font-size:16px;padding:6px}.err{color:#a00}button{margin:12px 8px 0 0;padding:6px 16px}</style></head>
<body><form id="prompt" data-prompt-id="${esc(id)}" autocomplete="off">
<p>${esc(t.key)}: <b>${esc(req.keyLabel)}</b>${req.holder ? `<br>${esc(t.holder)}: ${esc(req.holder)}` : ''}</p>${warn}
<label for="secret">${esc(label)}</label><input id="secret" type="password" autofocus required>
<button type="submit">${esc(t.ok)}</button><button type="button" id="cancel">${esc(t.cancel)}</button></form></body></html>`
}

export function createElectronSecretPrompt(opts: { parent: () => BrowserWindow | null; preloadPath: string; lang?: Lang }): SecretPrompt {
  let chain: Promise<unknown> = Promise.resolve()
  const askOne = (req: SecretRequest) =>
    new Promise<string | null>((resolve) => {
      const id = randomBytes(16).toString('hex')
      const parent = opts.parent() ?? undefined
      const win = new BrowserWindow({
        parent,
        modal: !!parent,
        width: 440,
        height: 300,
        resizable: false,
        minimizable: false,
        maximizable: false,
        fullscreenable: false,
        autoHideMenuBar: true,
        show: false,
        title: req.kind === 'token-pin' ? 'PIN' : 'Password',
        webPreferences: { preload: opts.preloadPath, sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true, spellcheck: false, devTools: false },
      })
      let settled = false
      const done = (secret: string | null) => {
        if (settled) return
        settled = true
        ipcMain.removeListener(PIN_ANSWER_CHANNEL, onAnswer)
        if (!win.isDestroyed()) win.destroy()
        resolve(secret)
      }
      const onAnswer = (event: IpcMainEvent, msg: unknown) => {
        if (win.isDestroyed() || event.sender !== win.webContents) return // only this window may answer
        const m = msg as { id?: unknown; secret?: unknown }
        if (m?.id !== id) return
        done(typeof m.secret === 'string' ? m.secret : null)
      }
      ipcMain.on(PIN_ANSWER_CHANNEL, onAnswer)
      win.on('closed', () => done(null))
      win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }))
      win.webContents.on('will-navigate', (e) => e.preventDefault())
      win.once('ready-to-show', () => win.show())
      void win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(promptHtml(id, req, opts.lang ?? 'ru'))}`)
    })
  return {
    // One window at a time, in order.
    ask(req) {
      const next = chain.then(() => askOne(req))
      chain = next.catch(() => undefined)
      return next
    },
  }
}
