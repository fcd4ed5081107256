/**
 * The browser workstation's secret prompt. A tiny HTTP server on its OWN loopback origin (own port) serves one page
 * per prompt; the renderer shows it in a cross-origin <iframe> (its CSP frame-src allows exactly this origin), so the
 * renderer's scripts can neither read the field nor the page's one-time token. The page is a plain form (no script)
 * that POSTs the secret straight here; the pending SecretPrompt.ask() in main resolves with it.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { errorText, isErrorCode, type Lang } from '../../../src-shared/errors'
import type { SecretPrompt, SecretRequest } from '../../services/crypto/secret-prompt'
import { langFrom, signingHtml } from '../../services/crypto/signing-summary'

export interface PromptInfo extends SecretRequest {
  id: string
  /** URL of the page to frame (carries the prompt id, not the token). */
  url: string
}

export interface SecretPromptServer {
  readonly origin: string
  readonly prompt: SecretPrompt
  /** The prompt waiting for the user, if any (the renderer polls this through crypto.pendingPrompt). */
  pending(): PromptInfo | null
  /** Cancels the prompt with this id as if its Cancel button were pressed; false when it is no longer waiting. */
  cancel(id: string): boolean
  /** Lets a host origin frame the prompt pages (known only once the host has bound its port). */
  allowFrameAncestor(origin: string): void
  close(): Promise<void>
}

interface Pending {
  info: PromptInfo
  token: string
  resolve(secret: string | null): void
  timer: NodeJS.Timeout
}

const TEXT: Record<Lang, Record<string, string>> = {
  kk: { password: 'Кілт құпиясөзі', pin: 'Токен PIN-коды', ok: 'Растау', sign: 'Қол қою', cancel: 'Болдырмау', done: 'Қабылданды. Бұл терезені жабуға болады.', key: 'Кілт', holder: 'Иесі', signing: 'Қол қойылатын құжат' },
  ru: { password: 'Пароль ключа', pin: 'PIN-код токена', ok: 'Подтвердить', sign: 'Подписать', cancel: 'Отмена', done: 'Принято. Окно можно закрыть.', key: 'Ключ', holder: 'Владелец', signing: 'Подписывается' },
  en: { password: 'Key password', pin: 'Token PIN', ok: 'Confirm', sign: 'Sign', cancel: 'Cancel', done: 'Accepted. You can close this window.', key: 'Key', holder: 'Holder', signing: 'To be signed' },
}

/**
 * The page's one script: Chromium ignores `autofocus` in a cross-origin frame, so without it the operator had to click
 * into the field first. Constant, and allowed by its hash alone (CSP script-src), so nothing else can run here.
 */
const FOCUS_SCRIPT = "(document.getElementById('secret')||document.querySelector('button[value=ok]')).focus()"
const FOCUS_SCRIPT_SRC = `'sha256-${createHash('sha256').update(FOCUS_SCRIPT).digest('base64')}'`

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

function page(p: Pending, lang: Lang): string {
  const t = TEXT[lang]
  const { info } = p
  const confirmOnly = info.kind === 'sign-confirm'
  const label = info.kind === 'token-pin' ? t.pin : t.password
  const warn = info.previousError && isErrorCode(info.previousError) ? `<p class="err" role="alert">${esc(errorText(info.previousError, lang))}</p>` : ''
  const pinWarn = info.pinState === 'final-try' || info.pinState === 'count-low' ? `<p class="err">${esc(errorText('PKCS11_PIN_INCORRECT', lang))}</p>` : ''
  const field = confirmOnly ? '' : `<label for="secret">${esc(label)}</label>\n<input id="secret" name="secret" type="password" autofocus required>`
  const okText = info.signing?.length ? t.sign : t.ok
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${esc(confirmOnly ? t.signing : label)}</title>
<style>body{font:15px system-ui,sans-serif;margin:12px;background:#fff}label{display:block;margin:8px 0 4px}input[type=password]{box-sizing:border-box;width:100%;font-size:16px;padding:6px}.err{color:#a00}button{margin:12px 8px 0 0;padding:6px 16px}dl.doc{display:grid;grid-template-columns:max-content 1fr;gap:2px 8px;margin:4px 0 8px;font-size:13px}dt{color:#555}dd{margin:0}.hash{font-family:monospace;word-break:break-all}p{margin:4px 0}</style></head>
<body><form method="post" action="/prompt/${esc(info.id)}" autocomplete="off" data-kind="${esc(info.kind)}">
<p>${esc(t.key)}: <b>${esc(info.keyLabel)}</b>${info.holder ? `<br>${esc(t.holder)}: ${esc(info.holder)}` : ''}</p>${signingHtml(info.signing, lang)}${warn}${pinWarn}
<input type="hidden" name="token" value="${esc(p.token)}"><input type="hidden" name="lang" value="${lang}">
${field}
<button type="submit" name="action" value="ok"${confirmOnly ? ' autofocus' : ''}>${esc(okText)}</button><button type="submit" name="action" value="cancel" formnovalidate>${esc(t.cancel)}</button>
</form><script>${FOCUS_SCRIPT}</script></body></html>`
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

const MAX_FORM_BYTES = 4096

export async function startSecretPromptServer(opts: { hostOrigins: string[]; port?: number; timeoutMs?: number; lang?: Lang }): Promise<SecretPromptServer> {
  const prompts = new Map<string, Pending>()
  const queue: Array<() => void> = []
  let active: Pending | null = null
  const timeoutMs = opts.timeoutMs ?? 120_000
  const ancestors = new Set(opts.hostOrigins.map((o) => new URL(o).origin))
  const csp = () => `default-src 'none'; style-src 'unsafe-inline'; script-src ${FOCUS_SCRIPT_SRC}; form-action 'self'; frame-ancestors ${[...ancestors].join(' ') || "'none'"}; base-uri 'none'`
  const headers = {
    'x-content-type-options': 'nosniff',
    // same-origin (not no-referrer): the form's own POST then carries its real Origin, which is checked.
    'referrer-policy': 'same-origin',
    'cache-control': 'no-store',
    'cross-origin-resource-policy': 'same-origin',
  }

  const finish = (p: Pending, secret: string | null) => {
    clearTimeout(p.timer)
    prompts.delete(p.info.id)
    active = null
    p.resolve(secret)
    queue.shift()?.()
  }

  // Known once the port is bound (the handler runs only after that).
  let selfOrigin = ''
  const handle = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const send = (status: number, body: string) => {
      if (res.headersSent) return void res.end()
      res.writeHead(status, { ...headers, 'content-security-policy': csp(), 'content-type': 'text/html; charset=utf-8' })
      res.end(body)
    }
    // DNS rebinding: only this origin's own Host is served (a page of evil.example resolved to 127.0.0.1 sends its own).
    if (`http://${req.headers.host ?? ''}` !== selfOrigin) return send(421, 'misdirected')
    // Path and query split by hand: new URL() throws on some request targets ("//"), and a throw is not an answer.
    const target = req.url ?? '/'
    const q = target.indexOf('?')
    const query = new URLSearchParams(q < 0 ? '' : target.slice(q + 1))
    const m = /^\/prompt\/([A-Za-z0-9_-]{16,64})$/.exec(q < 0 ? target : target.slice(0, q))
    // Own entries only: an id like "constructor" or "__proto__" must not reach Map/Object internals.
    const p = m && prompts.has(m[1]) ? prompts.get(m[1]) : undefined
    const lang = langFrom(query.get('lang'), opts.lang ?? 'ru')
    if (!p) return send(410, 'gone')
    if (req.method === 'GET' || req.method === 'HEAD') return send(200, page(p, lang))
    if (req.method !== 'POST') return send(405, 'method')
    // The form posts from this origin; a browser page elsewhere sends its own Origin (a bare client sends none and
    // still needs the one-time token, which only this page carries).
    const from = req.headers.origin
    if (from !== undefined && from !== selfOrigin) return send(403, 'forbidden')
    const chunks: Buffer[] = []
    let size = 0
    let tooBig = false
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > MAX_FORM_BYTES) {
        tooBig = true
        send(413, 'too large')
        req.destroy()
        return
      }
      chunks.push(c)
    })
    req.on('error', () => res.destroy())
    req.on('end', () => {
      if (tooBig) return
      try {
        const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'))
        const l = langFrom(form.get('lang'), 'ru')
        if (!sameSecret(form.get('token') ?? '', p.token)) return send(403, 'forbidden')
        if (prompts.get(p.info.id) !== p) return send(410, 'gone')
        finish(p, form.get('action') === 'cancel' ? null : p.info.kind === 'sign-confirm' ? '' : (form.get('secret') ?? ''))
        send(200, `<!doctype html><meta charset="utf-8"><p>${esc(TEXT[l].done)}</p>`)
      } catch {
        send(400, 'bad request')
      }
    })
  }
  // The request boundary: no handler error may end the workstation host (a thrown error answers 500, the process stays).
  const server = http.createServer((req, res) => {
    try {
      handle(req, res)
    } catch {
      if (!res.headersSent) res.writeHead(500, { ...headers, 'content-type': 'text/plain; charset=utf-8' })
      res.end('internal error')
    }
  })
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  selfOrigin = origin

  const prompt: SecretPrompt = {
    ask(request) {
      return new Promise<string | null>((resolve) => {
        const open = () => {
          const id = randomBytes(18).toString('base64url')
          const p: Pending = {
            info: { ...request, id, url: `${origin}/prompt/${id}` },
            token: randomBytes(32).toString('base64url'),
            resolve,
            timer: setTimeout(() => finish(p, null), timeoutMs),
          }
          p.timer.unref()
          prompts.set(id, p)
          active = p
        }
        // One prompt at a time: the user answers them in order.
        if (active) queue.push(open)
        else open()
      })
    },
  }

  return {
    origin,
    prompt,
    pending: () => (active ? { ...active.info } : null),
    cancel: (id) => {
      const p = prompts.get(id)
      if (!p) return false
      finish(p, null)
      return true
    },
    allowFrameAncestor: (o) => void ancestors.add(new URL(o).origin),
    close: () =>
      new Promise<void>((resolve) => {
        for (const p of [...prompts.values()]) finish(p, null)
        server.close(() => resolve())
        server.closeAllConnections?.()
      }),
  }
}
