/**
 * The browser host's secret prompt: a separate loopback origin, a one-time token in a script-free form, the secret
 * POSTed straight to main. Checked over HTTP and in real Chromium: the framing page cannot read the frame or the token.
 */
import { existsSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSecretPromptServer, type SecretPromptServer } from '../../../../src-main/host/pin-dialog/server'

let server: SecretPromptServer
beforeAll(async () => {
  server = await startSecretPromptServer({ hostOrigins: ['http://127.0.0.1:5180'], timeoutMs: 30_000 })
})
afterAll(() => server.close())

const tokenOf = (html: string) => /name="token" value="([^"]+)"/.exec(html)![1]
const post = (url: string, form: Record<string, string>) =>
  fetch(url, { method: 'POST', body: new URLSearchParams(form).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } })

describe('secret prompt on its own loopback origin', () => {
  it('serves a form (no script but the hash-pinned focus line) with a one-time token; the POSTed secret resolves ask(); the page is gone afterwards', async () => {
    expect(server.pending()).toBeNull()
    const answer = server.prompt.ask({ kind: 'p12-password', keyLabel: 'operator-sign.p12', holder: 'АСАНОВА АЙГЕРИМ', attempt: 2, previousError: 'P12_BAD_PASSWORD' })
    const p = server.pending()!
    expect(p.url.startsWith(server.origin)).toBe(true)
    expect(new URL(p.url).hostname).toBe('127.0.0.1')
    const res = await fetch(p.url)
    const html = await res.text()
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors http://127.0.0.1:5180")
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'")
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
    // No script but the constant focus line, allowed by its hash alone.
    expect([...html.matchAll(/<script>([^<]*)<\/script>/gi)].map((m) => m[1])).toEqual(["(document.getElementById('secret')||document.querySelector('button[value=ok]')).focus()"])
    expect((html.match(/<script/gi) ?? []).length).toBe(1)
    expect(res.headers.get('content-security-policy')).toMatch(/script-src 'sha256-[A-Za-z0-9+/]+=*';/)
    expect(html).toContain('АСАНОВА АЙГЕРИМ')
    expect(html).toContain('Неверный пароль') // previous error shown, in Russian by default
    expect((await post(p.url, { token: 'guess', secret: 'x' })).status).toBe(403)
    expect((await post(p.url, { token: tokenOf(html), secret: 'Qwerty12', action: 'ok' })).status).toBe(200)
    await expect(answer).resolves.toBe('Qwerty12')
    expect(server.pending()).toBeNull()
    expect((await fetch(p.url)).status).toBe(410)
    expect((await post(p.url, { token: tokenOf(html), secret: 'again' })).status).toBe(410)
  })

  it('a signature prompt shows what is signed; a confirm-only prompt has no field and answers "" on confirm', async () => {
    const { summarizeSigning } = await import('../../../../src-main/services/crypto/signing-summary')
    const signing = [summarizeSigning(new TextEncoder().encode('doc one')), summarizeSigning(new TextEncoder().encode('doc two'))]
    const answer = server.prompt.ask({ kind: 'sign-confirm', keyLabel: 'operator-sign.p12', attempt: 1, signing })
    const p = server.pending()!
    expect(p.kind).toBe('sign-confirm')
    const html = await (await fetch(`${p.url}?lang=en`)).text()
    expect(html).not.toContain('type="password"')
    for (const s of signing) expect(html).toContain(s.sha256)
    expect(html).toContain('Documents in the batch: 2')
    expect((await post(p.url, { token: tokenOf(html), secret: 'ignored', action: 'ok' })).status).toBe(200)
    await expect(answer).resolves.toBe('')
  })

  it('input is validated: a hostile lang, a foreign Host or Origin, an odd path or an oversized form never end the server', async () => {
    const answer = server.prompt.ask({ kind: 'p12-password', keyLabel: 'k', attempt: 1 })
    const p = server.pending()!
    for (const lang of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', '%00', 'x'.repeat(5000)]) {
      const res = await fetch(`${p.url}?lang=${encodeURIComponent(lang)}`)
      expect(res.status, lang).toBe(200)
      expect(await res.text()).toContain('Пароль ключа') // the default language
    }
    const html = await (await fetch(p.url)).text()
    const raw = (path: string, headers: Record<string, string>, method = 'GET', body?: string) =>
      new Promise<number>((resolve, reject) => {
        const u = new URL(server.origin)
        const req = http.request({ host: u.hostname, port: u.port, path, method, headers }, (r) => {
          r.resume()
          resolve(r.statusCode ?? 0)
        })
        req.on('error', () => resolve(-1))
        req.end(body)
        void reject
      })
    const path = new URL(p.url).pathname
    expect(await raw(path, { host: `evil.example:${new URL(server.origin).port}` })).toBe(421)
    expect(await raw(path, { host: new URL(server.origin).host, origin: 'http://evil.example', 'content-type': 'application/x-www-form-urlencoded' }, 'POST', `token=${tokenOf(html)}&secret=x&action=ok`)).toBe(403)
    for (const odd of ['/prompt/constructor', '/prompt/__proto__', '/prompt/%ZZ', '//', '/prompt/' + 'a'.repeat(300), '/?lang=constructor']) {
      expect([404, 410]).toContain(await raw(odd, { host: new URL(server.origin).host }))
    }
    expect([413, -1]).toContain(await raw(path, { host: new URL(server.origin).host, 'content-type': 'application/x-www-form-urlencoded' }, 'POST', 'lang=constructor&token=' + 'x'.repeat(10_000)))
    // The server still answers, and the prompt is still waiting for the person.
    expect(server.pending()?.id).toBe(p.id)
    expect((await post(p.url, { token: tokenOf(html), secret: 'pw', action: 'ok', lang: 'constructor' })).status).toBe(200)
    await expect(answer).resolves.toBe('pw')
  })

  it('cancel resolves null; prompts queue one at a time', async () => {
    const a = server.prompt.ask({ kind: 'token-pin', keyLabel: 'operator: signer', attempt: 1 })
    const b = server.prompt.ask({ kind: 'p12-password', keyLabel: 'second', attempt: 1 })
    const first = server.pending()!
    expect(first.keyLabel).toBe('operator: signer')
    const html = await (await fetch(first.url)).text()
    await post(first.url, { token: tokenOf(html), action: 'cancel' })
    await expect(a).resolves.toBeNull()
    const second = server.pending()!
    expect(second.keyLabel).toBe('second')
    await post(second.url, { token: tokenOf(await (await fetch(second.url)).text()), secret: '1234', action: 'ok' })
    await expect(b).resolves.toBe('1234')
  })
})

const CHROMIUM = '/usr/bin/chromium'
describe.skipIf(!existsSync(CHROMIUM))('in Chromium: the framing renderer cannot read the prompt', () => {
  it('cancel(id) from the bridge ends the waiting prompt with null; an unknown or finished id is a no-op', async () => {
    const answer = server.prompt.ask({ kind: 'token-pin', keyLabel: 'operator token', attempt: 1 })
    const p = server.pending()!
    expect(server.cancel('no-such-prompt-id')).toBe(false)
    expect(server.pending()?.id).toBe(p.id)
    expect(server.cancel(p.id)).toBe(true)
    await expect(answer).resolves.toBeNull()
    expect(server.pending()).toBeNull()
    expect(server.cancel(p.id)).toBe(false)
    expect((await fetch(p.url)).status).toBe(410)
  })

  it('the renderer page frames the prompt; its scripts see neither the document nor the token; the user’s typing reaches main', async () => {
    const { chromium } = await import('playwright-core')
    // Stand-in renderer origin (the browser host) that frames the prompt URL.
    const rendererSrv = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x').searchParams.get('frame') ?? ''
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': `frame-src ${server.origin}` })
      res.end(`<!doctype html><iframe id="f" src="${url}" width="400" height="300"></iframe>`)
    })
    await new Promise<void>((r) => rendererSrv.listen(0, '127.0.0.1', r))
    const rendererOrigin = `http://127.0.0.1:${(rendererSrv.address() as AddressInfo).port}`
    server.allowFrameAncestor(rendererOrigin)
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']  // playwright gives each launch a fresh temporary profile,
    })
    try {
      const answer = server.prompt.ask({ kind: 'p12-password', keyLabel: 'operator-sign.p12', attempt: 1 })
      const p = server.pending()!
      const page = await browser.newPage()
      await page.goto(`${rendererOrigin}/?frame=${encodeURIComponent(p.url)}`)
      const frame = page.frameLocator('#f')
      await frame.locator('#secret').waitFor()
      // Runs in the renderer page (string form: this file is compiled without DOM types).
      const probe = await page.evaluate(`(async (url) => {
        const f = document.getElementById('f')
        let doc
        try { doc = f.contentDocument ? 'readable' : 'null' } catch { doc = 'threw' }
        let fetched
        try { const r = await fetch(url); fetched = 'read ' + (await r.text()).length } catch { fetched = 'blocked' }
        return { doc, fetched }
      })(${JSON.stringify(p.url)})`)
      expect(probe).toEqual({ doc: 'null', fetched: 'blocked' })
      // The field has the focus as the prompt opens (autofocus alone is ignored in a cross-origin frame): the
      // operator types and presses Enter without clicking into it.
      await page.keyboard.type('Qwerty12')
      await page.keyboard.press('Enter')
      await expect(answer).resolves.toBe('Qwerty12')
    } finally {
      await browser.close()
      rendererSrv.close()
    }
  }, 60_000)
})
