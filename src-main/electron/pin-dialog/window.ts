/**
 * The secret prompt of the Electron shell: a modal child window of the workstation with its own minimal preload.
 * The secret goes from that window to main over one IPC message that main accepts only from that window's
 * webContents and only with that prompt's one-time id; the workstation's renderer is never involved.
 */
import { randomBytes } from 'node:crypto'
import { BrowserWindow, ipcMain, type IpcMainEvent } from 'electron'
import { errorText, isErrorCode, type Lang } from '../../../src-shared/errors'
import type { SecretPrompt, SecretRequest } from '../../services/crypto/secret-prompt'
import { signingHtml } from '../../services/crypto/signing-summary'

const PIN_ANSWER_CHANNEL = 'arm-pin:answer' // same literal as pin-dialog/preload.ts (kept apart: the preload is bundled alone)

const TEXT: Record<Lang, Record<string, string>> = {
  kk: { password: 'Кілт құпиясөзі', pin: 'Токен PIN-коды', ok: 'Растау', sign: 'Қол қою', cancel: 'Болдырмау', key: 'Кілт', holder: 'Иесі', signing: 'Қол қойылатын құжат' },
  ru: { password: 'Пароль ключа', pin: 'PIN-код токена', ok: 'Подтвердить', sign: 'Подписать', cancel: 'Отмена', key: 'Ключ', holder: 'Владелец', signing: 'Подписывается' },
  en: { password: 'Key password', pin: 'Token PIN', ok: 'Confirm', sign: 'Sign', cancel: 'Cancel', key: 'Key', holder: 'Holder', signing: 'To be signed' },
}
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/**
 * The prompt page: which key, and — for a signature — what is signed, as main derived it from the bytes (the same
 * blocks as the browser host's page). `sign-confirm` (an unlocked key) has no field: confirm or cancel.
 */
export function promptHtml(id: string, req: SecretRequest, lang: Lang): string {
  const t = TEXT[lang]
  const confirmOnly = req.kind === 'sign-confirm'
  const label = req.kind === 'token-pin' ? t.pin : t.password
  const warn = req.previousError && isErrorCode(req.previousError) ? `<p class="err" role="alert">${esc(errorText(req.previousError, lang))}</p>` : ''
  const field = confirmOnly ? '' : `<label for="secret">${esc(label)}</label><input id="secret" type="password" autofocus required>`
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; form-action 'none'">
<title>${esc(confirmOnly ? t.signing : label)}</title><style>body{font:15px system-ui,sans-serif;margin:16px}input{width:100%;font-size:16px;padding:6px}.err{color:#a00}button{margin:12px 8px 0 0;padding:6px 16px}dl.doc{display:grid;grid-template-columns:max-content 1fr;gap:2px 8px;font-size:13px}dt{color:#555}dd{margin:0}.hash{font-family:monospace;word-break:break-all}</style></head>
<body><form id="prompt" data-prompt-id="${esc(id)}" data-kind="${esc(req.kind)}" autocomplete="off">
<p>${esc(t.key)}: <b>${esc(req.keyLabel)}</b>${req.holder ? `<br>${esc(t.holder)}: ${esc(req.holder)}` : ''}</p>${signingHtml(req.signing, lang)}${warn}
${field}<button type="submit" id="ok"${confirmOnly ? ' autofocus' : ''}>${esc(req.signing?.length ? t.sign : t.ok)}</button><button type="button" id="cancel">${esc(t.cancel)}</button></form></body></html>`
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
        // Room for what is signed: one document's lines, or a scrolled list for a batch.
        height: req.signing?.length ? 480 : 300,
        resizable: false,
        minimizable: false,
        maximizable: false,
        fullscreenable: false,
        autoHideMenuBar: true,
        show: false,
        title: req.kind === 'token-pin' ? 'PIN' : req.kind === 'sign-confirm' ? 'Sign' : 'Password',
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
