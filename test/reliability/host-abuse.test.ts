/**
 * Abuse suite, host half: the real browser workstation host (src-main/host/main.ts as its own process, its secret
 * prompt on a second loopback origin, the demo keys) attacked the way another local process or a hostile page would:
 * token theft from GET /, a replayed or guessed launch link, forged Origin/Host, prompt parameter attacks, oversized and
 * garbage bodies, a fuzz of paths/queries/headers/methods, malformed HTTP, and silent signing with an unlocked key.
 * Prints a table (attack → expected → got); every row must hold and the process must still be serving at the end.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import http from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const ROOT = join(__dirname, '..', '..')
const PASSWORD = 'Qwerty12'
const rows: Array<{ attack: string; expected: string; got: string; ok: boolean }> = []
const record = (attack: string, expected: string, got: string, ok: boolean) => rows.push({ attack, expected, got, ok })

let child: ChildProcess
let dir: string
let launchUrl: string
let origin: string
let session: { cookie: string; token: string }
let output = ''

interface Answer {
  status: number
  headers: http.IncomingHttpHeaders
  body: string
}

/** A raw HTTP request (any Host, method, header, body — what fetch would refuse to send). -1: the connection was cut. */
function request(base: string, path: string, opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Answer> {
  const u = new URL(base)
  return new Promise((resolve) => {
    const req = http.request({ host: u.hostname, port: u.port, path, method: opts.method ?? 'GET', headers: { host: u.host, ...opts.headers }, setHost: false }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }))
      res.on('error', () => resolve({ status: -1, headers: {}, body: '' }))
    })
    req.on('error', () => resolve({ status: -1, headers: {}, body: '' }))
    req.end(opts.body)
  })
}

const bridge = (channel: string, body: unknown, headers: Record<string, string>) =>
  request(origin, `/bridge/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })
const authed = () => ({ cookie: session.cookie, 'x-arm-token': session.token, origin })
const alive = async () => (await bridge('app.health', {}, authed())).status === 200 && child.exitCode === null

async function waitFor<T>(fn: () => Promise<T | null>, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const v = await fn()
    if (v) return v
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`never happened: ${what}`)
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'arm-host-abuse-'))
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html><head><title>АРМ</title></head><body></body></html>')
  child = spawn(process.execPath, ['--import', 'tsx', 'src-main/host/main.ts', '--port', '0'], {
    cwd: ROOT,
    // The gateway is not needed here: a closed port.
    env: { ...process.env, ARM_RENDERER_DIR: dir, ARM_GATEWAY_URL: 'http://127.0.0.1:9', ARM_KEY_IDLE_MS: '600000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()))
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()))
  const m = await waitFor(async () => /АРМ browser workstation: ((http:\/\/127\.0\.0\.1:\d+)\/launch\?t=[A-Za-z0-9_-]+)/.exec(output), 'host start')
  launchUrl = m[1]
  origin = m[2]
  // The person's browser opens the printed link once.
  const launched = await request(origin, new URL(launchUrl).pathname + new URL(launchUrl).search)
  const cookie = String(launched.headers['set-cookie']?.[0] ?? '').split(';')[0]
  const page = await request(origin, '/', { headers: { cookie } })
  session = { cookie, token: /name="arm-bridge-token" content="([^"]+)"/.exec(page.body)?.[1] ?? '' }
}, 60_000)

afterAll(async () => {
  if (child && child.exitCode === null) {
    await new Promise<void>((r) => {
      child.once('exit', () => r())
      child.kill('SIGTERM')
    })
  }
  rmSync(dir, { recursive: true, force: true })
  const w = (s: string, n: number) => (s.length > n ? s.slice(0, n - 1) + '…' : s.padEnd(n))
  console.log(
    ['', `host abuse suite: ${rows.filter((r) => r.ok).length}/${rows.length} held`, `${w('attack', 62)} ${w('expected', 34)} got`, '-'.repeat(130)]
      .concat(rows.map((r) => `${r.ok ? ' ' : '!'}${w(r.attack, 61)} ${w(r.expected, 34)} ${r.got}`))
      .join('\n'),
  )
})

describe('browser host abuse (real process)', () => {
  it('the launched browser has a session: HttpOnly SameSite=Strict cookie, token only in its page', async () => {
    expect(session.cookie).toMatch(/^arm_session=[A-Za-z0-9_-]{43}$/)
    expect(session.token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(await alive()).toBe(true)
  })

  it('token theft: another local process reads GET / and replays or guesses the launch link', async () => {
    const page = await request(origin, '/')
    const leaked = page.body.includes(session.token) || page.body.includes('arm-bridge-token')
    record('GET / without the session cookie (read the token)', 'page without token', leaked ? 'TOKEN LEAKED' : `${page.status}, no token`, !leaked)
    expect(leaked).toBe(false)
    const replay = await request(origin, new URL(launchUrl).pathname + new URL(launchUrl).search)
    record('replay the printed launch link', '403, no cookie', `${replay.status}${replay.headers['set-cookie'] ? ' + cookie!' : ''}`, replay.status === 403 && !replay.headers['set-cookie'])
    expect(replay.status).toBe(403)
    const guess = await request(origin, '/launch?t=' + 'A'.repeat(43))
    record('guess a launch link', '403', String(guess.status), guess.status === 403)
    for (const q of ['/launch', '/launch?t=', '/launch?t[]=x', '/launch?t=a&t=b', '/launch?constructor=1']) {
      const r = await request(origin, q)
      record(`launch with ${q}`, '403, no cookie', String(r.status), r.status === 403 && !r.headers['set-cookie'])
      expect(r.status).toBe(403)
    }
  })

  it('forged Origin and Host: no cookie, foreign Origin, DNS rebinding', async () => {
    const noCookie = await bridge('app.health', {}, { origin, 'x-arm-token': 'guess' })
    record('bridge call, forged Origin, no cookie', '401 BRIDGE_UNAUTHORIZED', `${noCookie.status} ${/"code":"(\w+)"/.exec(noCookie.body)?.[1]}`, noCookie.status === 401)
    expect(noCookie.status).toBe(401)
    const noToken = await bridge('app.health', {}, { origin, cookie: session.cookie })
    record('bridge call with the cookie but no request token', '401', String(noToken.status), noToken.status === 401)
    expect(noToken.status).toBe(401)
    for (const o of ['http://evil.example', 'null', 'http://127.0.0.1:1', `${origin}.evil.example`]) {
      const r = await bridge('app.health', {}, { ...authed(), origin: o })
      record(`bridge call with Origin ${o}`, '403 BRIDGE_FOREIGN_SENDER', String(r.status), r.status === 403)
      expect(r.status).toBe(403)
    }
    for (const [path, method] of [['/', 'GET'], ['/launch?t=x', 'GET'], ['/bridge/app.health', 'POST']] as const) {
      const r = await request(origin, path, { method, headers: { ...authed(), host: `evil.example:${new URL(origin).port}` } })
      record(`Host: evil.example on ${method} ${path}`, '421', String(r.status), r.status === 421)
      expect(r.status).toBe(421)
    }
  })

  it('oversized and garbage bodies answer coded 4xx; the host keeps serving', async () => {
    const big = await request(origin, '/bridge/app.health', { method: 'POST', headers: { ...authed(), 'content-type': 'application/json' }, body: Buffer.alloc(9 * 1024 * 1024, 0x20) })
    record('9 MiB bridge body', '413 or cut', String(big.status), big.status === 413 || big.status === -1)
    expect([413, -1]).toContain(big.status)
    const cases: Array<[string, Record<string, string>, string, number[]]> = [
      ['not JSON', { 'content-type': 'application/json' }, '{', [400]],
      ['JSON of the wrong shape', { 'content-type': 'application/json' }, '{"__proto__":{"x":1},"constructor":1}', [200]],
      ['wrong content-type', { 'content-type': 'text/plain' }, '{}', [415]],
      ['binary garbage', { 'content-type': 'application/json' }, '\u0000\u00ff\ufffe', [400]],
      ['deep nesting', { 'content-type': 'application/json' }, '['.repeat(100_000) + ']'.repeat(100_000), [200, 400]],
    ]
    for (const [name, headers, body, ok] of cases) {
      const r = await request(origin, '/bridge/app.health', { method: 'POST', headers: { ...authed(), ...headers }, body })
      const code = /"code":"(\w+)"/.exec(r.body)?.[1] ?? ''
      const good = ok.includes(r.status) && (r.status !== 200 || code === 'BRIDGE_INVALID_REQUEST')
      record(`bridge body: ${name}`, `${ok.join('/')} coded`, `${r.status} ${code}`, good)
      expect(good, name).toBe(true)
    }
    for (const ch of ['constructor', '__proto__', 'toString', 'app.health%00', '%E0%A4%A', 'crypto.sign/../app.health']) {
      const r = await bridge(ch, {}, authed())
      const code = /"code":"(\w+)"/.exec(r.body)?.[1] ?? ''
      record(`bridge channel ${ch}`, 'coded refusal', `${r.status} ${code}`, /BRIDGE_UNKNOWN_CHANNEL|BRIDGE_INVALID_REQUEST/.test(code))
      expect(code).toMatch(/BRIDGE_UNKNOWN_CHANNEL|BRIDGE_INVALID_REQUEST/)
    }
    expect(await alive()).toBe(true)
  })

  it('fuzz: paths, queries, headers and methods never end the host (every answer is an HTTP status)', async () => {
    const paths = ['/', '//', '///x', '/..', '/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/%00', '/%', '/%ZZ', '/index.html?lang=constructor', '/?__proto__[x]=1',
      '/bridge/', '/bridge', '/bridge/%', '/launch?t=%', '/launch?t=' + 'x'.repeat(8000), '/prompt/x?lang=constructor', '/' + 'a'.repeat(4000), '/assets/../../package.json', '*', 'http://evil.example/']
    const methods = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'TRACE', 'PATCH']
    const headerSets: Array<Record<string, string>> = [{}, { cookie: 'arm_session=' }, { cookie: ';;;=;constructor=1;__proto__=x' }, { cookie: 'x'.repeat(6000) }, { 'x-arm-token': '\u00ff' }, { origin: 'null', 'content-type': 'application/json; charset=constructor' }]
    let answered = 0
    let crashed = 0
    for (const p of paths) {
      for (const m of methods) {
        for (const h of headerSets) {
          const r = await request(origin, p, { method: m, headers: h, body: m === 'POST' || m === 'PUT' ? '{"a":' : undefined })
          if (r.status >= 100 && r.status < 600) answered++
          else crashed++
        }
      }
    }
    const n = paths.length * methods.length * headerSets.length
    const up = await alive()
    record(`fuzz: ${n} requests (paths × methods × headers)`, 'all answered, host up', `${answered} answered, ${crashed} cut, host ${up ? 'up' : 'DOWN'}`, up && crashed === 0)
    expect(crashed).toBe(0)
    expect(up).toBe(true)
  }, 120_000)

  it('malformed HTTP on the raw socket answers 400; the host stays', async () => {
    const port = Number(new URL(origin).port)
    for (const raw of ['GARBAGE\r\n\r\n', 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: -1\r\n\r\n', 'GET /\u0000 HTTP/1.1\r\n\r\n', `GET / HTTP/1.1\r\nX: ${'y'.repeat(20_000)}\r\n\r\n`]) {
      const reply = await new Promise<string>((resolve) => {
        const s = net.connect(port, '127.0.0.1', () => s.end(raw))
        let got = ''
        s.on('data', (d) => (got += d.toString()))
        s.on('close', () => resolve(got))
        s.on('error', () => resolve(got))
      })
      const status = /^HTTP\/1\.1 (\d+)/.exec(reply)?.[1] ?? 'closed'
      record(`raw: ${JSON.stringify(raw.slice(0, 40))}`, '4xx or closed', status, status === 'closed' || status.startsWith('4'))
    }
    expect(await alive()).toBe(true)
  })

  it('prompt parameter attacks on the secret prompt origin, and silent signing with an unlocked key', async () => {
    const keys = JSON.parse((await bridge('crypto.listKeys', {}, authed())).body) as { value: { keys: Array<{ keyRef: string; label: string }> } }
    const keyRef = keys.value.keys.find((k) => k.label === 'operator-sign.p12')!.keyRef
    const b64 = (s: string) => Buffer.from(s).toString('base64')
    // The person signs once: main's prompt asks the password (and shows what is signed).
    const first = bridge('crypto.sign', { keyRef, content: b64('the reviewed envelope') }, authed())
    const pending = async () => (JSON.parse((await bridge('crypto.pendingPrompt', {}, authed())).body) as { value: { prompt: { id: string; url: string; kind: string } | null } }).value.prompt
    const p1 = await waitFor(pending, 'password prompt')
    const pinOrigin = new URL(p1.url).origin
    const path1 = new URL(p1.url).pathname
    for (const lang of ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty', 'x'.repeat(3000), '%00']) {
      const r = await request(pinOrigin, `${path1}?lang=${encodeURIComponent(lang)}`)
      record(`prompt page ?lang=${lang.slice(0, 20)}`, '200 in the default language', String(r.status), r.status === 200)
      expect(r.status).toBe(200)
    }
    for (const odd of ['/prompt/constructor', '/prompt/__proto__?lang=constructor', '//', '/%', '/prompt/' + 'A'.repeat(100)]) {
      const r = await request(pinOrigin, odd)
      record(`prompt origin ${odd.slice(0, 40)}`, '404/410', String(r.status), r.status === 404 || r.status === 410)
    }
    const rebound = await request(pinOrigin, path1, { headers: { host: `evil.example:${new URL(pinOrigin).port}` } })
    record('prompt page with Host: evil.example', '421', String(rebound.status), rebound.status === 421)
    expect(rebound.status).toBe(421)
    const form = await request(pinOrigin, path1)
    const formToken = /name="token" value="([^"]+)"/.exec(form.body)![1]
    const foreign = await request(pinOrigin, path1, { method: 'POST', headers: { origin: 'http://evil.example', 'content-type': 'application/x-www-form-urlencoded' }, body: `token=${formToken}&secret=${PASSWORD}&action=ok` })
    record('prompt POST from a foreign Origin', '403', String(foreign.status), foreign.status === 403)
    expect(foreign.status).toBe(403)
    const guessed = await request(pinOrigin, path1, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `token=guess&secret=${PASSWORD}&action=ok` })
    record('prompt POST with a guessed form token', '403', String(guessed.status), guessed.status === 403)
    // The person answers in main's page.
    const ok = await request(pinOrigin, path1, { method: 'POST', headers: { origin: pinOrigin, 'content-type': 'application/x-www-form-urlencoded' }, body: `token=${formToken}&secret=${PASSWORD}&action=ok&lang=constructor` })
    expect(ok.status).toBe(200)
    expect(JSON.parse((await first).body)).toMatchObject({ ok: true })

    // Now the key is unlocked. Another caller of the bridge asks for a signature over its own bytes.
    const silent = bridge('crypto.sign', { keyRef, content: b64('attacker bytes') }, authed())
    const p2 = await waitFor(pending, 'confirmation prompt')
    const page2 = await request(pinOrigin, new URL(p2.url).pathname)
    const { createHash } = await import('node:crypto')
    const shows = page2.body.includes(createHash('sha256').update('attacker bytes').digest('hex')) && !page2.body.includes('type="password"')
    record('silent sign with an unlocked key', 'main asks the person, shows the hash', `prompt ${p2.kind}${shows ? ', hash shown' : ', HASH NOT SHOWN'}`, p2.kind === 'sign-confirm' && shows)
    expect(p2.kind).toBe('sign-confirm')
    expect(shows).toBe(true)
    // The person does not confirm.
    await bridge('crypto.cancelPrompt', { id: p2.id }, authed())
    const answer = JSON.parse((await silent).body) as { ok: boolean; error?: { code: string }; value?: { cms: string } }
    record('…the person cancels', 'SECRET_PROMPT_CANCELLED, no CMS', answer.ok ? 'SIGNED!' : (answer.error?.code ?? '?'), !answer.ok && answer.error?.code === 'SECRET_PROMPT_CANCELLED')
    expect(answer).toMatchObject({ ok: false, error: { code: 'SECRET_PROMPT_CANCELLED' } })
    const noSession = await bridge('crypto.sign', { keyRef, content: b64('attacker bytes') }, { origin, 'x-arm-token': session.token })
    record('silent sign from a local process without the cookie', '401', String(noSession.status), noSession.status === 401)
    expect(noSession.status).toBe(401)
    expect(await alive()).toBe(true)
    expect(rows.every((r) => r.ok), rows.filter((r) => !r.ok).map((r) => r.attack).join('; ')).toBe(true)
  }, 60_000)
})
