import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assertLoopback, SESSION_COOKIE, startBrowserHost, TOKEN_HEADER, type BrowserHost } from '../../../src-main/host/server'
import { createRegistry } from '../../../src-main/services/handlers'

const gatewayUrl = 'http://127.0.0.1:8787'
const registry = createRegistry({ runtime: 'browser-host', clock: { now: () => new Date() }, gatewayUrl })
let rendererDir: string
let host: BrowserHost
/** What the browser holds after opening the launch URL: the session cookie and the request token of its page. */
let browser: { cookie: string; token: string; status: number }

/** Opens a launch URL as a browser does: follows the 303 with the cookie it set, reads the token from the page. */
async function launch(url: string): Promise<{ cookie: string; token: string; status: number }> {
  const res = await fetch(url, { redirect: 'manual' })
  const setCookie = res.headers.get('set-cookie') ?? ''
  const cookie = setCookie.split(';')[0]
  if (res.status !== 303) return { cookie, token: '', status: res.status }
  const page = await (await fetch(new URL(res.headers.get('location')!, url), { headers: { cookie } })).text()
  return { cookie, token: /name="arm-bridge-token" content="([^"]+)"/.exec(page)?.[1] ?? '', status: res.status }
}

beforeAll(async () => {
  rendererDir = mkdtempSync(path.join(tmpdir(), 'arm-renderer-'))
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><html><head><title>АРМ</title></head><body></body></html>')
  writeFileSync(path.join(rendererDir, 'app.js'), 'console.log(1)')
  host = await startBrowserHost({ rendererDir, registry, csp: { gatewayUrl, frameOrigins: ['http://127.0.0.1:8799'] } })
  browser = await launch(host.url)
})
afterAll(() => host?.close())

const call = (channel: string, body: unknown, headers: Record<string, string>) =>
  fetch(`${host.origin}/bridge/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })
const authed = () => ({ [TOKEN_HEADER]: browser.token, cookie: browser.cookie, origin: host.origin })

describe('browser host: binding', () => {
  it.each(['0.0.0.0', '::', '192.168.1.10', '10.0.0.5', 'example.org', 'localhost', ''])('refuses to listen on %j', async (h) => {
    expect(() => assertLoopback(h)).toThrow(expect.objectContaining({ code: 'HOST_NOT_LOOPBACK' }))
    await expect(startBrowserHost({ host: h, rendererDir, registry, csp: { gatewayUrl } })).rejects.toMatchObject({ code: 'HOST_NOT_LOOPBACK' })
  })

  it('listens on 127.0.0.1 and prints a one-time launch URL with a fresh ≥32-byte secret per start', async () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/launch\?t=[A-Za-z0-9_-]{43}$/)
    const other = await startBrowserHost({ rendererDir, registry, csp: { gatewayUrl } })
    expect(other.url.split('?t=')[1]).not.toBe(host.url.split('?t=')[1])
    await other.close()
  })
})

describe('browser host: the session (launch URL → HttpOnly cookie → request token)', () => {
  it('the launch URL set an HttpOnly SameSite=Strict cookie and the page it led to carries the request token', async () => {
    expect(browser.status).toBe(303)
    expect(browser.cookie.startsWith(`${SESSION_COOKIE}=`)).toBe(true)
    expect(browser.token.length).toBeGreaterThanOrEqual(43)
    const again = await fetch(host.url, { redirect: 'manual' })
    expect(again.status).toBe(403) // used once: another local process cannot replay it
    expect(again.headers.get('set-cookie')).toBeNull()
  })

  it('GET / without the cookie reveals no token (another local process reading the page learns nothing)', async () => {
    const html = await (await fetch(`${host.origin}/`)).text()
    expect(html).not.toContain('arm-bridge-token')
    expect(html).not.toContain(browser.token)
    const forged = await fetch(`${host.origin}/`, { headers: { origin: host.origin, cookie: `${SESSION_COOKIE}=guess` } })
    expect(await forged.text()).not.toContain(browser.token)
  })

  it('a bridge call needs both the cookie and the request token; with a forged Origin and no cookie it is refused', async () => {
    expect((await call('app.health', {}, { [TOKEN_HEADER]: browser.token, origin: host.origin })).status).toBe(401)
    expect((await call('app.health', {}, { cookie: browser.cookie, origin: host.origin })).status).toBe(401)
    expect((await call('app.health', {}, authed())).status).toBe(200)
  })
})

describe('browser host: bridge guard', () => {
  it('answers a call with the right token and Origin through the registry', async () => {
    const res = await call('app.health', {}, authed())
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ ok: true, value: { ok: true, runtime: 'browser-host' } })
  })

  it('refuses a call without the token', async () => {
    const res = await call('app.health', {}, { origin: host.origin, cookie: browser.cookie })
    expect(res.status).toBe(401)
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'BRIDGE_UNAUTHORIZED' } })
  })

  it('refuses a call with a wrong token (same length and different length)', async () => {
    const flipped = (browser.token[0] === 'A' ? 'B' : 'A') + browser.token.slice(1)
    for (const t of [flipped, 'short', browser.token + 'x']) {
      const res = await call('app.health', {}, { ...authed(), [TOKEN_HEADER]: t })
      expect(res.status).toBe(401)
      expect(await res.json()).toMatchObject({ error: { code: 'BRIDGE_UNAUTHORIZED' } })
    }
  })

  it('refuses a foreign or missing Origin even with the token', async () => {
    for (const origin of ['http://evil.example', 'http://127.0.0.1:1', 'null']) {
      const res = await call('app.health', {}, { ...authed(), origin })
      expect(res.status).toBe(403)
      expect(await res.json()).toMatchObject({ error: { code: 'BRIDGE_FOREIGN_SENDER' } })
    }
    const { origin: _o, ...noOrigin } = authed()
    const res = await call('app.health', {}, noOrigin)
    expect(res.status).toBe(403)
  })

  it('refuses a foreign Host header (DNS rebinding) for pages and bridge', async () => {
    const http = await import('node:http')
    const status = (p: string, method = 'GET') =>
      new Promise<number>((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port: host.port, path: p, method, headers: { ...authed(), host: `evil.example:${host.port}` } }, (r) => {
          r.resume()
          resolve(r.statusCode ?? 0)
        })
        req.on('error', reject)
        req.end()
      })
    expect(await status('/')).toBe(421)
    expect(await status('/bridge/app.health', 'POST')).toBe(421)
  })

  it('refuses invalid payloads and GET on the bridge with coded errors', async () => {
    const h = authed()
    expect(await (await call('app.health', { x: 1 }, h)).json()).toMatchObject({ ok: false, error: { code: 'BRIDGE_INVALID_REQUEST' } })
    expect(await (await call('app.nope', {}, h)).json()).toMatchObject({ ok: false, error: { code: 'BRIDGE_UNKNOWN_CHANNEL' } })
    const notJson = await fetch(`${host.origin}/bridge/app.health`, { method: 'POST', headers: { 'content-type': 'application/json', ...h }, body: '{' })
    expect(notJson.status).toBe(400)
    const get = await fetch(`${host.origin}/bridge/app.health`, { headers: h })
    expect(get.status).toBe(405)
    const malformed = await call('%E0%A4%A', {}, h)
    expect(malformed.status).toBe(400)
    expect(await malformed.json()).toMatchObject({ ok: false, error: { code: 'BRIDGE_UNKNOWN_CHANNEL' } })
    // …and the host is still up.
    expect((await call('app.health', {}, h)).status).toBe(200)
  })
})

describe('browser host: pages', () => {
  it('serves index.html with the strict CSP and, to the launched browser, the request token in a meta tag', async () => {
    const res = await fetch(`${host.origin}/`, { headers: { cookie: browser.cookie } })
    expect(res.status).toBe(200)
    const csp = res.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toContain('unsafe-eval')
    expect(csp).not.toContain('unsafe-inline')
    expect(csp).toContain(`connect-src 'self' ${gatewayUrl}`)
    expect(csp).toContain('frame-src http://127.0.0.1:8799')
    expect(csp).toContain("frame-ancestors 'none'")
    expect(res.headers.get('cache-control')).toBe('no-store')
    const html = await res.text()
    expect(html).toContain(`<meta name="arm-bridge-token" content="${browser.token}">`)
  })

  it('serves assets with the CSP and never leaves the renderer folder', async () => {
    const js = await fetch(`${host.origin}/app.js`)
    expect(js.headers.get('content-type')).toMatch(/javascript/)
    expect(js.headers.get('content-security-policy')).toContain("default-src 'none'")
    expect((await fetch(`${host.origin}/missing.js`)).status).toBe(404)
    expect((await fetch(`${host.origin}/..%2f..%2fetc%2fpasswd.txt`)).status).toBe(404)
  })
})
