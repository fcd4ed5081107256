/**
 * Several stateless gateway instances on one PostgreSQL (real processes, a throwaway server): sessions are shared, the
 * same envelope sent to two instances at once registers once, a desk's status stream on one instance hears changes
 * committed on the other (LISTEN/NOTIFY), scans uploaded to one are read from the other, and a kill -9 of one instance
 * loses nothing it acknowledged (the survivor has every acknowledged request and an intact hash chain); automatic
 * answers are durable jobs claimed once across instances, also when one of them is killed holding some.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Client as PgClient } from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PROJECT_ROOT } from '../../src-gateway/config'
import { envelope, pdf, putOverHttp, sha256hex, signedBody, uploadScans } from '../support/gateway-helpers'
import { POSTGRES_SKIP_REASON, startPostgres, type ThrowawayPostgres } from '../support/postgres'

interface Instance { url: string; proc: ChildProcess }

/** A gateway process started with node itself (no npx/tsx wrapper), so a SIGKILL kills the gateway. */
async function instance(env: Record<string, string>): Promise<Instance> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src-gateway/main.ts'], {
    cwd: PROJECT_ROOT, env: { ...process.env, GATEWAY_PORT: '0', GATEWAY_HOST: '127.0.0.1', GATEWAY_LOG_LEVEL: 'warn', GATEWAY_AUTOMATED_DELAY_MS: '600000', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  proc.stderr?.on('data', (d) => (err += String(d)))
  const url = await new Promise<string>((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`gateway did not start: ${err}`)), 90_000)
    proc.stdout?.on('data', (d) => {
      const m = /GATEWAY_LISTENING (http:\/\/[0-9.:]+)/.exec((out += String(d)))
      if (m) {
        clearTimeout(timer)
        res(m[1])
      }
    })
    proc.on('exit', (c) => rej(new Error(`gateway exited ${c}: ${err}`)))
  })
  return { url, proc }
}

async function stop(i: Instance | undefined, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!i || i.proc.exitCode !== null || i.proc.signalCode !== null) return
  const exited = new Promise((r) => i.proc.once('exit', r))
  i.proc.kill(signal)
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))])
  if (i.proc.exitCode === null && i.proc.signalCode === null) i.proc.kill('SIGKILL')
}

async function token(url: string, login: string, password: string): Promise<string> {
  const r = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password }) })
  expect(r.status).toBe(200)
  return ((await r.json()) as { token: string }).token
}

function submit(url: string, tok: string, key: string, body: { envelope: string; signature: string }) {
  return fetch(`${url}/api/v1/requests`, {
    method: 'POST', headers: { authorization: `Bearer ${tok}`, 'content-type': 'application/json', 'idempotency-key': key }, body: JSON.stringify({ envelope: body.envelope, signature: body.signature }),
  })
}

describe.skipIf(!!POSTGRES_SKIP_REASON)(`two gateway instances on one PostgreSQL${POSTGRES_SKIP_REASON ? ` (skipped: ${POSTGRES_SKIP_REASON})` : ''}`, () => {
  let pg: ThrowawayPostgres
  let blobs: string
  let a: Instance
  let b: Instance
  let tok: string

  beforeAll(async () => {
    pg = await startPostgres()
    blobs = mkdtempSync(path.join(tmpdir(), 'arm-multi-blobs-'))
    const env = { GATEWAY_DB: pg.url, GATEWAY_BLOBS: blobs }
    // Both at once: migrations and demo accounts must come out once.
    ;[a, b] = await Promise.all([instance(env), instance(env)])
    tok = await token(a.url, 'operator1', 'Operator#2026')
    // The ЦОН's scans are in the shared store: one upload serves the requests sent to either instance.
    await uploadScans(putOverHttp(a.url, tok))
  }, 180_000)

  afterAll(async () => {
    await stop(a)
    await stop(b)
    await pg?.stop()
    if (blobs) rmSync(blobs, { recursive: true, force: true })
  }, 60_000)

  it('runs on PostgreSQL and shares sessions: a token issued by one instance works on the other', async () => {
    expect(await (await fetch(`${b.url}/health`)).json()).toMatchObject({ ok: true, db: 'postgres' })
    const me = await fetch(`${b.url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${tok}` } })
    expect(me.status).toBe(200)
  })

  it('registers the same envelope sent to both instances at once exactly once (same key, then another key)', async () => {
    const body = await signedBody(envelope())
    const [ra, rb] = await Promise.all([submit(a.url, tok, 'same-key-0001', body), submit(b.url, tok, 'same-key-0001', body)])
    expect([ra.status, rb.status]).toEqual([201, 201])
    const [ja, jb] = (await Promise.all([ra.json(), rb.json()])) as { registrationNumber: string; requestId: string }[]
    expect(ja.registrationNumber).toBe(jb.registrationNumber)
    expect(ja.requestId).toBe(jb.requestId)
    const [rc, rd] = await Promise.all([submit(a.url, tok, 'other-key-0001', body), submit(b.url, tok, 'other-key-0002', body)])
    expect(((await rc.json()) as { requestId: string }).requestId).toBe(ja.requestId)
    expect(((await rd.json()) as { requestId: string }).requestId).toBe(ja.requestId)
    const history = (await (await fetch(`${b.url}/api/v1/requests/${ja.registrationNumber}`, { headers: { authorization: `Bearer ${tok}` } })).json()) as { statusHistory: unknown[] }
    expect(history.statusHistory).toHaveLength(1)
  })

  it('streams a change committed on one instance to a desk connected to the other', async () => {
    const ctl = new AbortController()
    const sse = await fetch(`${b.url}/api/v1/events`, { headers: { authorization: `Bearer ${tok}` }, signal: ctl.signal })
    expect(sse.status).toBe(200)
    const reader = (sse.body as ReadableStream<Uint8Array>).getReader()
    await reader.read() // the retry: line — the stream is open
    const r = await submit(a.url, tok, 'sse-key-00001', await signedBody(envelope()))
    const { registrationNumber } = (await r.json()) as { registrationNumber: string }
    let text = ''
    const dec = new TextDecoder()
    while (!text.includes(registrationNumber)) {
      const { value, done } = await reader.read()
      if (done) break
      text += dec.decode(value)
    }
    ctl.abort()
    expect(text).toContain(`"registrationNumber":"${registrationNumber}"`)
    expect(text.split(registrationNumber).length - 1).toBe(1)
  })

  it('reads a scan uploaded to one instance from the other (one blob folder)', async () => {
    const scan = pdf('shared')
    const put = await fetch(`${a.url}/api/v1/attachments/${sha256hex(scan)}`, { method: 'PUT', headers: { authorization: `Bearer ${tok}`, 'content-type': 'application/pdf' }, body: scan })
    expect(put.status).toBe(201)
    const got = await fetch(`${b.url}/api/v1/attachments/${sha256hex(scan)}`, { headers: { authorization: `Bearer ${tok}` } })
    expect(got.status).toBe(200)
    expect(Buffer.from(await got.arrayBuffer()).equals(Buffer.from(scan))).toBe(true)
  })

  it('answers automatic requests once across instances, also when one is killed with SIGKILL holding jobs', async () => {
    // Two more instances that answer pattern A quickly (a and b keep theirs far off, but their runners claim due jobs too).
    const env = { GATEWAY_DB: pg.url, GATEWAY_BLOBS: blobs, GATEWAY_AUTOMATED_DELAY_MS: '150', GATEWAY_JOB_LEASE_MS: '1500' }
    const [c, d] = await Promise.all([instance(env), instance(env)])
    const db = new PgClient(pg.url)
    await db.connect()
    try {
      const bodies = await Promise.all(Array.from({ length: 16 }, () => signedBody(envelope({ serviceId: 'realty.rights-certificate' }))))
      const numbers = await Promise.all(bodies.map(async (body, i) => {
        const r = await submit((i % 2 ? c : d).url, tok, `auto-key-${String(i).padStart(4, '0')}`, body)
        expect(r.status).toBe(201)
        return ((await r.json()) as { registrationNumber: string }).registrationNumber
      }))
      d.proc.kill('SIGKILL')
      const n = async (sql: string) => Number((await db.query<{ n: string }>(sql, [numbers])).rows[0].n)
      const open = () => n(`SELECT count(*) AS n FROM requests WHERE registration_number = ANY($1) AND status IN ('REGISTERED', 'IN_PROCESSING')`)
      const ids = `SELECT id FROM requests WHERE registration_number = ANY($1)`
      const done = () => n(`SELECT count(*) AS n FROM jobs WHERE kind = 'automated-answer' AND key IN (${ids}) AND state = 'done'`)
      // A job whose answer d committed just before SIGKILL stays claimed until its lease ends; then c finds it answered
      // and completes it without a second effect. So wait for both: every request answered and every job done.
      for (let tries = 0; ((await open()) > 0 || (await done()) < bodies.length) && tries < 600; tries++) await new Promise((r) => setTimeout(r, 100))
      expect(await open()).toBe(0)
      expect(await done()).toBe(bodies.length)
      expect(await n(`SELECT count(*) AS n FROM (SELECT request_id FROM message_log WHERE kind LIKE 'automated:%' AND request_id IN (${ids})
        GROUP BY request_id HAVING count(*) > 1) t`)).toBe(0)
      expect(await n(`SELECT count(*) AS n FROM (SELECT request_id FROM status_changes WHERE status IN ('RESULT_READY', 'REFUSED') AND request_id IN (${ids})
        GROUP BY request_id HAVING count(*) > 1) t`)).toBe(0)
    } finally {
      await db.end()
      await stop(c)
      await stop(d, 'SIGKILL')
    }
  }, 240_000)

  it('loses nothing it acknowledged when one instance is killed with SIGKILL mid-intake', async () => {
    const admin = await token(b.url, 'admin', 'Admin#2026')
    const verify = async () => (await (await fetch(`${b.url}/api/v1/admin/message-log/verify`, { headers: { authorization: `Bearer ${admin}` } })).json()) as { ok: boolean; length: number }
    const before = (await verify()).length
    const bodies = await Promise.all(Array.from({ length: 24 }, () => signedBody(envelope())))
    const acknowledged: string[] = []
    const sends = bodies.map((body, i) =>
      submit(a.url, tok, `kill-key-${String(i).padStart(4, '0')}`, body).then(async (r) => {
        if (r.status === 201) acknowledged.push(((await r.json()) as { registrationNumber: string }).registrationNumber)
      }).catch(() => undefined),
    )
    await new Promise((r) => setTimeout(r, 150))
    a.proc.kill('SIGKILL')
    await Promise.all(sends)
    // The desk retries everything it has no answer for on the survivor, with the same keys: each registers once.
    const all: string[] = []
    for (const [i, body] of bodies.entries()) {
      const r = await submit(b.url, tok, `kill-key-${String(i).padStart(4, '0')}`, body)
      expect(r.status).toBe(201)
      all.push(((await r.json()) as { registrationNumber: string }).registrationNumber)
    }
    for (const n of acknowledged) expect(all).toContain(n)
    expect(new Set(all).size).toBe(bodies.length)
    const chain = await verify()
    expect(chain.ok).toBe(true)
    // One entry per registered request: each envelope once.
    expect(chain.length).toBe(before + bodies.length)
  })
})
