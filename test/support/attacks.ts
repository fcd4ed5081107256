/**
 * The gateway attacks of issue 10, each against a REAL gateway process (startGatewayProcess): what an attacker tries,
 * which refusal is expected, what came back. test/gateway/hardening.test.ts runs them one by one as tests;
 * test/reliability/gateway-abuse.test.ts runs them all and prints the table (attack → expected refusal → got).
 *
 * Most attacks share one process with the default limits (`ctx.gw`); those that need their own settings (tight
 * timeouts, a short session, fast retention) or kill the process start their own through `ctx.start`.
 */
import { randomUUID } from 'node:crypto'
import { request as httpRequest } from 'node:http'
import { connect } from 'node:net'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { b64, decisionFor, envelope, IIN, login, loginIin, PASSWORDS, pdf, putOverHttp, rssBytes, sha256hex, signWith, signedBody, sleep, uploadScans, type GatewayProcess } from './gateway-helpers'

export interface AttackContext {
  gw: GatewayProcess
  start(env?: Record<string, string>): Promise<GatewayProcess>
}

export interface AttackOutcome {
  /** What came back, in a few words (status, code, figure). */
  got: string
  /** Nothing got through. */
  refused: boolean
}

export interface Attack {
  point: string
  name: string
  expected: string
  run(ctx: AttackContext): Promise<AttackOutcome>
}

interface Answer {
  status: number
  body: { code?: string; details?: Record<string, unknown>; [k: string]: unknown }
}

async function call(gw: GatewayProcess, path: string, init: { method?: string; token?: string; body?: unknown; headers?: Record<string, string>; raw?: Uint8Array; type?: string } = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...init.headers }
  if (init.token) headers.authorization = `Bearer ${init.token}`
  let body: Buffer | string | undefined
  if (init.raw) {
    headers['content-type'] = init.type ?? 'application/pdf'
    body = Buffer.from(init.raw)
  } else if (init.body !== undefined) {
    headers['content-type'] = 'application/json'
    body = JSON.stringify(init.body)
  }
  const r = await fetch(`${gw.url}${path}`, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body })
  const text = await r.text()
  let parsed: Answer['body']
  try {
    parsed = text ? JSON.parse(text) : {}
  } catch {
    parsed = { text }
  }
  return { status: r.status, body: parsed }
}

const said = (a: Answer) => `${a.status} ${a.body.code ?? ''}`.trim()
const refusedWith = (a: Answer, status: number, code: string): AttackOutcome => ({ got: said(a), refused: a.status === status && a.body.code === code })

const scansUploaded = new WeakMap<GatewayProcess, Set<string>>()
/** Submits as `token`, whose scope has first uploaded the scans a pattern-B request must carry (once). */
async function submit(gw: GatewayProcess, token: string, body: { envelope: string; signature: string }) {
  const done = scansUploaded.get(gw) ?? new Set<string>()
  scansUploaded.set(gw, done)
  // Only the default request's two scans: the upload rate limit of the real process is the default one here.
  if (!done.has(token)) await uploadScans(putOverHttp(gw.url, token), envelope())
  done.add(token)
  return call(gw, '/api/v1/requests', { token, body: { envelope: body.envelope, signature: body.signature }, headers: { 'idempotency-key': `atk-${randomUUID()}` } })
}

/** The required scans of the default request, with `identity` as its identity document. */
const identityAs = (identity: { sha256: string; size: number; mediaType: 'application/pdf'; pages: number }) => [
  ...envelope().attachments.filter((a) => a.docType !== 'identity-document'),
  { docType: 'identity-document', ...identity },
]

function upload(gw: GatewayProcess, token: string, bytes: Uint8Array, type = 'application/pdf') {
  return call(gw, `/api/v1/attachments/${sha256hex(bytes)}`, { method: 'PUT', token, raw: bytes, type })
}

/** A PDF with `pages` page objects (uncompressed: what a simple scanner driver writes). */
export function pdfWithPages(pages: number): Uint8Array {
  const kids = Array.from({ length: pages }, (_, i) => `${i + 3} 0 R`).join(' ')
  const objs = [
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
    `2 0 obj << /Type /Pages /Kids [${kids}] /Count ${pages} >> endobj`,
    ...Array.from({ length: pages }, (_, i) => `${i + 3} 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj`),
  ]
  return new TextEncoder().encode(`%PDF-1.4\n% ${randomUUID()}\n${objs.join('\n')}\ntrailer << /Root 1 0 R >>\n%%EOF\n`)
}

const tokens = new WeakMap<GatewayProcess, Promise<{ op: string; sp: string; sup: string; admin: string }>>()
function people(gw: GatewayProcess) {
  let t = tokens.get(gw)
  if (!t) {
    t = (async () => ({
      op: await login(gw.url, 'operator1', PASSWORDS.operator),
      sp: await loginIin(gw.url, IIN.specialist, PASSWORDS.specialist),
      sup: await login(gw.url, 'supervisor1', PASSWORDS.supervisor),
      admin: await login(gw.url, 'admin', PASSWORDS.admin),
    }))()
    tokens.set(gw, t)
  }
  return t
}

/** A request of the education department (manual, pattern B) registered by operator1. */
async function registered(gw: GatewayProcess): Promise<{ requestId: string; registrationNumber: string }> {
  const { op } = await people(gw)
  const r = await submit(gw, op, await signedBody(envelope()))
  if (r.status !== 201) throw new Error(`setup: submit ${said(r)}`)
  return r.body as unknown as { requestId: string; registrationNumber: string }
}

async function decision(gw: GatewayProcess, token: string, req: { requestId: string; registrationNumber: string }, key: string) {
  const doc = decisionFor(req.registrationNumber).bytes
  return call(gw, `/api/v1/inbox/${req.requestId}/decision`, { token, body: { kind: 'result', payload: b64(doc), signature: b64(await signWith(key, doc)) } })
}

function db(gw: GatewayProcess) {
  return new Database(gw.dbFile, { readonly: true, fileMustExist: true })
}

function count(gw: GatewayProcess, sql: string, ...args: unknown[]): number {
  const d = db(gw)
  try {
    return (d.prepare(sql).get(...args) as { n: number }).n
  } finally {
    d.close()
  }
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, deadlineMs: number): Promise<T> {
  const end = Date.now() + deadlineMs
  for (;;) {
    const v = await probe()
    if (v !== undefined) return v
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}`)
    await sleep(200)
  }
}

/** A 20 MiB PUT without a token; resolves with the status, or 0 when the server closed the connection instead. */
function anonymousUpload(gw: GatewayProcess, body: Buffer): Promise<number> {
  return new Promise((resolve) => {
    const u = new URL(`${gw.url}/api/v1/attachments/${'a'.repeat(64)}`)
    const req = httpRequest({ host: u.hostname, port: u.port, path: u.pathname, method: 'PUT', headers: { 'content-type': 'application/pdf', 'content-length': body.length } }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
    })
    req.on('error', () => resolve(0))
    req.end(body)
  })
}

/** Opens the SSE stream; `ended` resolves when the server ends it. */
async function openStream(gw: GatewayProcess, token: string): Promise<{ status: number; code?: string; ended: Promise<void>; cancel(): void }> {
  const ac = new AbortController()
  const r = await fetch(`${gw.url}/api/v1/events`, { headers: { authorization: `Bearer ${token}` }, signal: ac.signal })
  if (r.status !== 200) return { status: r.status, code: ((await r.json()) as { code?: string }).code, ended: Promise.resolve(), cancel: () => {} }
  const reader = r.body!.getReader()
  const ended = (async () => {
    try {
      while (!(await reader.read()).done) {
        /* pings and events */
      }
    } catch {
      /* aborted */
    }
  })()
  return { status: 200, ended, cancel: () => ac.abort() }
}

function tempConfig(json: unknown): { file: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'gw-atk-'))
  const file = join(dir, 'gateway.json')
  writeFileSync(file, JSON.stringify(json))
  return { file, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

/** Pattern A requests registered, then the process dies (`signal`) mid-flight and comes back on the same database. */
async function crashDuringAutomatedAnswers(ctx: AttackContext, signal: 'SIGKILL' | 'SIGTERM'): Promise<AttackOutcome> {
  const dir = mkdtempSync(join(tmpdir(), 'gw-crash-'))
  const env = { GATEWAY_DB: join(dir, 'gw.sqlite'), GATEWAY_AUTOMATED_DELAY_MS: '150', GATEWAY_JOB_LEASE_MS: '1500' }
  let gw = await ctx.start(env)
  try {
    const op = await login(gw.url, 'operator1', PASSWORDS.operator)
    const N = 40
    const bodies = await Promise.all(Array.from({ length: N }, () => signedBody(envelope({ serviceId: 'realty.rights-certificate' }))))
    let sent = 0
    const sending = (async () => {
      for (const b of bodies) {
        await submit(gw, op, b).catch(() => undefined)
        sent++
      }
    })()
    await until('half of the requests sent', () => (sent >= N / 2 ? true : undefined), 60_000)
    process.kill(gw.pid, signal)
    await sending
    await gw.stop()
    gw = await ctx.start(env)
    const total = count(gw, 'SELECT count(*) AS n FROM requests')
    const open = () => count(gw, `SELECT count(*) AS n FROM requests WHERE status IN ('REGISTERED', 'IN_PROCESSING')`)
    await until('every automatic answer', () => (open() === 0 ? true : undefined), 60_000).catch(() => undefined)
    const stuck = open()
    const twice = count(gw, `SELECT count(*) AS n FROM (SELECT request_id FROM message_log WHERE kind LIKE 'automated:%' GROUP BY request_id HAVING count(*) > 1)`)
    const terminalTwice = count(gw, `SELECT count(*) AS n FROM (SELECT request_id FROM status_changes WHERE status IN ('RESULT_READY', 'REFUSED') GROUP BY request_id HAVING count(*) > 1)`)
    return { got: `${total} registered before ${signal}/restart, ${stuck} stuck, ${twice + terminalTwice} answered twice`, refused: total > 0 && stuck === 0 && twice === 0 && terminalTwice === 0 }
  } finally {
    await gw.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

export const ATTACKS: Attack[] = [
  {
    point: '1', name: 'envelope signed with the operator’s AUTH key (clientAuth)', expected: '422 GW_CERT_NOT_SIGN',
    run: async ({ gw }) => {
      const { op } = await people(gw)
      return refusedWith(await submit(gw, op, await signedBody(envelope(), 'operator-auth')), 422, 'GW_CERT_NOT_SIGN')
    },
  },
  {
    point: '1', name: 'decision signed with the specialist’s AUTH key', expected: '422 GW_CERT_NOT_SIGN',
    run: async ({ gw }) => {
      const { sp } = await people(gw)
      const req = await registered(gw)
      await call(gw, `/api/v1/inbox/${req.requestId}/take`, { method: 'POST', token: sp })
      const out = refusedWith(await decision(gw, sp, req, 'specialist-auth'), 422, 'GW_CERT_NOT_SIGN')
      // Control: the same person with the SIGN key decides.
      const ok = await decision(gw, sp, req, 'specialist-sign')
      return { got: `${out.got}; with the SIGN key ${ok.status}`, refused: out.refused && ok.status === 200 }
    },
  },
  {
    point: '4', name: 'supervisor decides a request another specialist has taken (no reassignment)', expected: '403 GW_NOT_ASSIGNEE',
    run: async ({ gw }) => {
      const { sp, sup } = await people(gw)
      const req = await registered(gw)
      await call(gw, `/api/v1/inbox/${req.requestId}/take`, { method: 'POST', token: sp })
      return refusedWith(await decision(gw, sup, req, 'supervisor-sign'), 403, 'GW_NOT_ASSIGNEE')
    },
  },
  {
    point: '4', name: 'the assignee decides with a certificate of another organisation (ЦОН БИН, not the department’s)', expected: '403 GW_SIGNER_ORG_MISMATCH',
    run: async ({ gw }) => {
      const { sup } = await people(gw)
      const req = await registered(gw)
      const took = await call(gw, `/api/v1/inbox/${req.requestId}/take`, { method: 'POST', token: sup })
      if (took.status !== 200) return { got: `take ${said(took)}`, refused: false }
      return refusedWith(await decision(gw, sup, req, 'variants/variant-supervisor-other-org'), 403, 'GW_SIGNER_ORG_MISMATCH')
    },
  },
  {
    point: '5', name: 'envelope with createdAt in 2099', expected: '422 GW_CREATED_AT_INVALID',
    run: async ({ gw }) => {
      const { op } = await people(gw)
      return refusedWith(await submit(gw, op, await signedBody(envelope({ createdAt: '2099-01-01T00:00:00.000Z' }))), 422, 'GW_CREATED_AT_INVALID')
    },
  },
  {
    point: '5', name: 'CMS signing time 400 days ahead of the gateway clock', expected: '422 GW_SIGNING_TIME_INVALID',
    run: async ({ gw }) => {
      const { op } = await people(gw)
      const late = await submit(gw, op, await signedBody(envelope(), 'operator-sign', new Date(Date.now() + 400 * 86_400_000)))
      // Within the stated tolerance (5 min ahead) a drifting clock is fine.
      const drift = await submit(gw, op, await signedBody(envelope(), 'operator-sign', new Date(Date.now() + 4 * 60_000)))
      const out = refusedWith(late, 422, 'GW_SIGNING_TIME_INVALID')
      return { got: `${out.got}; 4 min ahead ${drift.status}`, refused: out.refused && drift.status === 201 }
    },
  },
  {
    point: '5', name: 'envelope declares a stored PNG as application/pdf', expected: '422 GW_ATTACHMENT_TYPE_MISMATCH',
    run: async ({ gw }) => {
      const { op } = await people(gw)
      const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(randomUUID())])
      await upload(gw, op, png, 'image/png')
      const env = envelope({ attachments: identityAs({ sha256: sha256hex(png), size: png.length, mediaType: 'application/pdf', pages: 1 }) })
      return refusedWith(await submit(gw, op, await signedBody(env)), 422, 'GW_ATTACHMENT_TYPE_MISMATCH')
    },
  },
  {
    point: '5', name: 'envelope declares 3 pages for a 2-page PDF', expected: '422 GW_ATTACHMENT_PAGES_MISMATCH',
    run: async ({ gw }) => {
      const { op } = await people(gw)
      const doc = pdfWithPages(2)
      await upload(gw, op, doc)
      const ref = (pages: number) => envelope({ attachments: identityAs({ sha256: sha256hex(doc), size: doc.length, mediaType: 'application/pdf', pages }) })
      const wrong = await submit(gw, op, await signedBody(ref(3)))
      const right = await submit(gw, op, await signedBody(ref(2)))
      const out = refusedWith(wrong, 422, 'GW_ATTACHMENT_PAGES_MISMATCH')
      return { got: `${out.got}; declared 2: ${right.status}`, refused: out.refused && right.status === 201 }
    },
  },
  {
    point: '5', name: 'a scan stored before its facts were kept (row without pages): 3 pages declared for a 2-page PDF', expected: '422 GW_ATTACHMENT_PAGES_MISMATCH',
    run: async ({ gw }) => {
      const { op } = await people(gw)
      const doc = pdfWithPages(2)
      await upload(gw, op, doc)
      // As an older database holds it: the row says nothing about the bytes, so intake must read them.
      const d = new Database(gw.dbFile, { fileMustExist: true })
      try {
        d.prepare('UPDATE attachments SET pages = NULL WHERE sha256 = ?').run(sha256hex(doc))
      } finally {
        d.close()
      }
      const ref = (pages: number) => envelope({ attachments: identityAs({ sha256: sha256hex(doc), size: doc.length, mediaType: 'application/pdf', pages }) })
      const wrong = await submit(gw, op, await signedBody(ref(3)))
      const right = await submit(gw, op, await signedBody(ref(2)))
      const out = refusedWith(wrong, 422, 'GW_ATTACHMENT_PAGES_MISMATCH')
      return { got: `${out.got}; declared 2: ${right.status}`, refused: out.refused && right.status === 201 }
    },
  },
  {
    point: '6', name: '48 concurrent unauthenticated 20 MiB uploads', expected: 'all 401, gateway RSS +< 100 MB',
    run: async ({ gw }) => {
      const body = Buffer.alloc(20 * 1024 * 1024, 0x25)
      const before = rssBytes(gw.pid)
      let peak = before
      const sampler = setInterval(() => (peak = Math.max(peak, rssBytes(gw.pid))), 20)
      const statuses = await Promise.all(Array.from({ length: 48 }, () => anonymousUpload(gw, body)))
      clearInterval(sampler)
      peak = Math.max(peak, rssBytes(gw.pid))
      const grew = (peak - before) / 1024 / 1024
      const accepted = statuses.filter((s) => s !== 401 && s !== 0).length
      return { got: `${statuses.filter((s) => s === 401).length}×401, ${statuses.filter((s) => s === 0).length}× closed, ${accepted} other; RSS +${grew.toFixed(1)} MB (peak)`, refused: accepted === 0 && grew < 100 }
    },
  },
  {
    point: '6', name: 'authenticated upload body trickled 1 byte / 5 s (request timeout 3 s)', expected: 'cut: 408 GW_REQUEST_TIMEOUT before the body ends',
    run: async (ctx) => {
      const gw = await ctx.start({ GATEWAY_SECURITY: JSON.stringify({ timeouts: { requestMs: 3000, connectionMs: 0, keepAliveMs: 5000, headersMs: 3000 } }) })
      try {
        const op = await login(gw.url, 'operator1', PASSWORDS.operator)
        const u = new URL(gw.url)
        const outcome = await new Promise<{ bytes: number; status: string }>((resolve) => {
          const s = connect(Number(u.port), u.hostname)
          let bytes = 0
          let answer = ''
          const done = () => {
            clearInterval(timer)
            resolve({ bytes, status: `${/^HTTP\/1\.1 (\d+)/.exec(answer)?.[1] ?? 'closed'} ${/"code":"(\w+)"/.exec(answer)?.[1] ?? ''}`.trim() })
          }
          s.on('data', (d) => (answer += String(d)))
          s.on('close', done)
          s.on('error', () => undefined)
          s.write(`PUT /api/v1/attachments/${'c'.repeat(64)} HTTP/1.1\r\nHost: ${u.host}\r\nAuthorization: Bearer ${op}\r\nContent-Type: application/pdf\r\nContent-Length: 20\r\n\r\n`)
          const timer = setInterval(() => {
            if (bytes >= 20) return
            s.write('%')
            bytes++
          }, 5000)
        })
        return { got: `${outcome.status} after ${outcome.bytes} of 20 bytes`, refused: outcome.bytes < 20 && outcome.status === '408 GW_REQUEST_TIMEOUT' }
      } finally {
        await gw.stop()
      }
    },
  },
  {
    point: '6/12', name: '100 unauthenticated challenge requests in a burst', expected: '429 GW_RATE_LIMITED after 60, ≤ 60 rows written',
    run: async ({ gw }) => {
      const before = count(gw, 'SELECT count(*) AS n FROM challenges')
      const answers = await Promise.all(Array.from({ length: 100 }, () => call(gw, '/api/v1/auth/challenge', { body: {} })))
      const limited = answers.filter((a) => a.status === 429 && a.body.code === 'GW_RATE_LIMITED').length
      const rows = count(gw, 'SELECT count(*) AS n FROM challenges') - before
      return { got: `${limited}×429 GW_RATE_LIMITED, ${rows} rows`, refused: limited >= 40 && rows <= 60 }
    },
  },
  {
    point: '6', name: '150 password sign-in attempts from one client', expected: '429 (GW_RATE_LIMITED / GW_LOGIN_THROTTLED)',
    run: async (ctx) => {
      // A process of its own: this client address is throttled afterwards.
      const gw = await ctx.start()
      try {
        const answers: Answer[] = []
        for (let i = 0; i < 150; i++) answers.push(await call(gw, '/api/v1/auth/login', { body: { login: `guess-${i}`, password: 'x' } }))
        const limited = answers.filter((a) => a.status === 429).length
        const codes = [...new Set(answers.filter((a) => a.status === 429).map((a) => a.body.code))].join('/')
        return { got: `${limited}×429 ${codes}`, refused: limited > 0 && answers.every((a) => a.status === 401 || a.status === 429) }
      } finally {
        await gw.stop()
      }
    },
  },
  {
    point: '7', name: 'specialist names another ЦОН’s scan hash in an own signed walk-in request', expected: '422 GW_ATTACHMENT_MISSING, same as an unknown hash; the scan stays unreadable',
    run: async ({ gw }) => {
      const { op, sp } = await people(gw)
      const scan = pdf('passport of someone')
      await upload(gw, op, scan)
      const walkIn = (sha: string, size: number) => envelope({ channel: 'provider', tsonId: undefined, departmentId: 'akimat-astana-education', operator: { iin: IIN.specialist }, attachments: identityAs({ sha256: sha, size, mediaType: 'application/pdf', pages: 1 }) })
      const theirs = await submit(gw, sp, await signedBody(walkIn(sha256hex(scan), scan.length), 'specialist-sign'))
      const unknown = pdf('never uploaded')
      const none = await submit(gw, sp, await signedBody(walkIn(sha256hex(unknown), unknown.length), 'specialist-sign'))
      const read = await call(gw, `/api/v1/attachments/${sha256hex(scan)}`, { token: sp })
      const same = theirs.status === none.status && theirs.body.code === none.body.code && theirs.body.message === none.body.message?.toString().replace(sha256hex(unknown), sha256hex(scan))
      return { got: `${said(theirs)} (unknown hash: ${said(none)}); GET ${read.status}`, refused: theirs.status === 422 && theirs.body.code === 'GW_ATTACHMENT_MISSING' && same && read.status === 404 }
    },
  },
  {
    point: '8', name: 'SIGKILL of the gateway while automatic answers are pending', expected: '0 stuck, 0 answered twice after restart',
    run: (ctx) => crashDuringAutomatedAnswers(ctx, 'SIGKILL'),
  },
  {
    point: '8', name: 'plain SIGTERM while automatic answers are pending', expected: '0 stuck, 0 answered twice after restart',
    run: (ctx) => crashDuringAutomatedAnswers(ctx, 'SIGTERM'),
  },
  {
    point: '9', name: 'a 5th live status stream on one session; streams after logout', expected: '429 GW_TOO_MANY_STREAMS; all 4 end at logout',
    run: async ({ gw }) => {
      const token = await login(gw.url, 'operator1', PASSWORDS.operator)
      const streams = await Promise.all(Array.from({ length: 4 }, () => openStream(gw, token)))
      const fifth = await openStream(gw, token)
      await call(gw, '/api/v1/auth/logout', { method: 'POST', token })
      const ended = await Promise.race([Promise.all(streams.map((s) => s.ended)).then(() => true), sleep(10_000).then(() => false)])
      streams.forEach((s) => s.cancel())
      return { got: `${streams.map((s) => s.status).join('/')}, 5th ${fifth.status} ${fifth.code ?? ''}; ended at logout: ${ended}`, refused: streams.every((s) => s.status === 200) && fifth.status === 429 && fifth.code === 'GW_TOO_MANY_STREAMS' && ended }
    },
  },
  {
    point: '9', name: 'a live status stream outliving its session (session TTL 2.5 s)', expected: 'the stream ends at expiry',
    run: async (ctx) => {
      const cfg = tempConfig({ auth: { sessionTtlMs: 2500 } })
      const gw = await ctx.start({ GATEWAY_CONFIG: cfg.file })
      try {
        const token = await login(gw.url, 'operator1', PASSWORDS.operator)
        const s = await openStream(gw, token)
        const ended = await Promise.race([s.ended.then(() => true), sleep(15_000).then(() => false)])
        s.cancel()
        return { got: `stream ${s.status}, ended by the gateway: ${ended}`, refused: s.status === 200 && ended }
      } finally {
        await gw.stop()
        cfg.cleanup()
      }
    },
  },
  {
    point: '10', name: 'wrong passwords to lock the specialist out; unknown vs existing names', expected: '429 GW_LOGIN_THROTTLED alike for both; ЭЦП sign-in still 200',
    run: async (ctx) => {
      const gw = await ctx.start()
      try {
        const attempt = (iin: string) => call(gw, '/api/v1/auth/login-iin', { body: { iin, password: 'wrong' } })
        let known: Answer | undefined
        let unknown: Answer | undefined
        for (let i = 0; i < 6; i++) {
          known = await attempt(IIN.specialist)
          unknown = await attempt('900101300019')
        }
        const ch = await call(gw, '/api/v1/auth/challenge', { body: {} })
        const cms = await signWith('specialist-auth', Buffer.from(String(ch.body.challenge), 'base64'))
        const ecp = await call(gw, '/api/v1/auth/ecp', { body: { challengeId: ch.body.challengeId, cms: b64(cms) } })
        const alike = known!.status === unknown!.status && JSON.stringify(known!.body) === JSON.stringify(unknown!.body)
        return { got: `existing ${said(known!)}, unknown ${said(unknown!)}; ЭЦП ${ecp.status}`, refused: known!.status === 429 && known!.body.code === 'GW_LOGIN_THROTTLED' && alike && ecp.status === 200 }
      } finally {
        await gw.stop()
      }
    },
  },
  {
    point: '11', name: 'token as ?%74oken=, ИИН after %20, a name in a free-text query', expected: 'none of them in the log',
    run: async (ctx) => {
      const gw = await ctx.start({ GATEWAY_LOG_LEVEL: 'info' })
      try {
        const token = await login(gw.url, 'operator1', PASSWORDS.operator)
        await call(gw, `/api/v1/auth/me?%74oken=${token}`, { token })
        await call(gw, `/api/v1/auth/me?TOKEN=${token}`, { token })
        await call(gw, `/api/v1/registry/archive?query=${encodeURIComponent('Асанова Айгерим')}%20${IIN.operator}`, { token })
        await call(gw, `/api/v1/registry/archive?query=Asanova+Aigerim&iin=${IIN.operator}`, { token })
        await sleep(300)
        const log = gw.output()
        const leaks = [token, IIN.operator, 'Асанова', 'Айгерим', encodeURIComponent('Асанова'), 'Asanova', 'Aigerim'].filter((s) => log.includes(s))
        return { got: leaks.length ? `leaked: ${leaks.map((l) => l.slice(0, 12)).join(', ')}` : `clean (${log.split('\n').length} log lines)`, refused: leaks.length === 0 && log.includes('8307******67') }
      } finally {
        await gw.stop()
      }
    },
  },
  {
    point: '12', name: 'idempotency answers kept forever (retention window 1 s here, 7 days by default)', expected: 'purged by the retention job',
    run: async (ctx) => {
      const gw = await ctx.start({ GATEWAY_SECURITY: JSON.stringify({ idempotencyRetentionMs: 1000, retentionEveryMs: 1000 }) })
      try {
        const op = await login(gw.url, 'operator1', PASSWORDS.operator)
        const r = await submit(gw, op, await signedBody(envelope()))
        const stored = count(gw, 'SELECT count(*) AS n FROM idempotency')
        const left = await until('retention', () => (count(gw, 'SELECT count(*) AS n FROM idempotency') === 0 ? 0 : undefined), 20_000).catch(() => count(gw, 'SELECT count(*) AS n FROM idempotency'))
        return { got: `submit ${r.status}; ${stored} idempotency row(s), ${left} left after the window`, refused: r.status === 201 && stored > 0 && left === 0 }
      } finally {
        await gw.stop()
      }
    },
  },
  {
    point: '13', name: 'admin and supervisor read a citizen’s ГБД ФЛ record', expected: '403 GW_FORBIDDEN; operators’ lookups recorded (who, when, masked ИИН, why)',
    run: async ({ gw }) => {
      const { op, sup, admin } = await people(gw)
      const byAdmin = await call(gw, `/api/v1/registry/persons/${IIN.operator}`, { token: admin })
      const bySup = await call(gw, `/api/v1/registry/persons/${IIN.operator}`, { token: sup })
      const reason = `draft-${randomUUID()}`
      const byOp = await call(gw, `/api/v1/registry/persons/${IIN.operator}?reason=${reason}`, { token: op })
      const d = db(gw)
      const row = d.prepare('SELECT * FROM registry_lookups WHERE reason = ?').get(reason) as { subject: string; role: string; registry: string; at: number } | undefined
      const all = (d.prepare('SELECT count(*) AS n FROM registry_lookups WHERE subject = ?').get(IIN.operator) as { n: number }).n
      d.close()
      return {
        got: `admin ${said(byAdmin)}, supervisor ${said(bySup)}, operator ${byOp.status}; recorded ${row ? `${row.registry} ${row.subject} ${row.role}` : 'nothing'}`,
        refused: byAdmin.status === 403 && bySup.status === 403 && byOp.status === 200 && row?.subject === '8307******67' && row.role === 'tson_operator' && all === 0,
      }
    },
  },
]
