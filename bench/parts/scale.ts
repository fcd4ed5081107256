/**
 * Scale bench: the gateway's reads and intake with its database filled to 1k … 1M requests (filled fast through the
 * store's own calls in big transactions, shaped like a region: bounded work in progress, growing settled history).
 * Each read goes through the HTTP layer (fastify.inject, JSON included): the inbox's first page, the inbox "mine",
 * the supervision summary, status by registration number; intake is POST /requests of RSA-signed envelopes. The
 * supervision reads grow with their own tables, filled beside the requests (test/support/fill-supervision.ts: one
 * audit entry per request, the activity rollup's lines, a survey per sixth request, 40 desks): queue health, the
 * activity rollup of a period (throughput per operator/specialist and the SLA charts), the survey report of the period,
 * the audit viewer's first page and a filtered page. Reported as medians per size and as the ratio largest/smallest
 * size (target ≤ 1.5× for every list's first page, the summary and every supervision read). Then intake on PostgreSQL with two gateway processes against one (a throwaway server; skipped without
 * the binaries).
 * ARM_SCALE_SIZES=1000,10000,100000,1000000 (default) picks the sizes.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadConfig, PROJECT_ROOT } from '../../src-gateway/config'
import { createGateway } from '../../src-gateway/create'
import { envelope, IIN, putInProcess, putOverHttp, signedBody, uploadScans } from '../../test/support/gateway-helpers'
import { fillRequests } from '../../test/support/fill-requests'
import { fillSupervision } from '../../test/support/fill-supervision'
import { POSTGRES_SKIP_REASON, startPostgres } from '../../test/support/postgres'
import type { BenchPart, BenchMetric } from '../types'

const SIZES = (process.env.ARM_SCALE_SIZES ?? '1000,10000,100000,1000000').split(',').map(Number).filter((n) => n > 0)
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d
const day = (ms: number) => new Date(ms + 5 * 3_600_000).toISOString().slice(0, 10)
/** The dashboards' period in the bench (see measureSize). */
const PERIOD_MS = 2 * 86_400_000
const label = (n: number) => (n >= 1e6 ? `${n / 1e6}M` : n >= 1e3 ? `${n / 1e3}k` : String(n))

const SUPERVISION_READS = ['queueHealth', 'dashboardActivity', 'surveyReport', 'auditFirstPage', 'auditPage'] as const
type Reads = Record<'inboxFirstPage' | 'inboxMine' | 'supervisionSummary' | (typeof SUPERVISION_READS)[number] | 'statusByNumber' | 'intake', number>

async function measureSize(count: number): Promise<Reads & { fillSeconds: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'arm-bench-scale-'))
  const gw = createGateway({ ...loadConfig({}, []), db: join(dir, 'gw.sqlite'), logLevel: 'silent', automatedDelayMs: 600_000, registryPersons: 100 }, { logger: false })
  try {
    await gw.app.ready()
    const specialist = await gw.store.userByIin(IIN.specialist)
    const t0 = performance.now()
    let shown = 0
    await fillRequests(gw.store, {
      count, now: Date.now() - 60_000, assignee: { userId: specialist!.id, every: 7 }, batch: 20_000,
      onProgress: (done) => {
        if (done - shown >= 200_000) process.stdout.write(`    filled ${(shown = done)}\n`)
      },
    })
    const people = await Promise.all(['operator1', 'operator2'].map((l) => gw.store.userByLogin(l)))
    await fillSupervision(gw.store, { count, now: Date.now() - 60_000, operators: people.map((u) => u!.id), specialists: [specialist!.id] })
    const fillSeconds = (performance.now() - t0) / 1000
    const token = async (url: string, payload: object) => (await gw.app.inject({ method: 'POST', url, payload })).json().token as string
    const spec = { authorization: `Bearer ${await token('/api/v1/auth/login-iin', { iin: IIN.specialist, password: 'Specialist#2026' })}` }
    const sup = { authorization: `Bearer ${await token('/api/v1/auth/login', { login: 'supervisor1', password: 'Supervisor#2026' })}` }
    const op = { authorization: `Bearer ${await token('/api/v1/auth/login', { login: 'operator1', password: 'Operator#2026' })}` }
    // A request of operator1's ЦОН from the middle of the history.
    const regNo = (await gw.store.listInbox('akimat-astana-education', { limit: 1, after: { settled: 1, sortKey: -(Date.now() - 60_000 - Math.floor(count / 2) * 300_000), id: '' } }))
      .map((r) => r.registrationNumber)[0]
    const time = async (n: number, f: () => Promise<{ statusCode: number }>, ok = 200) => {
      const xs: number[] = []
      for (let i = 0; i < n + 3; i++) {
        const t = performance.now()
        const r = await f()
        if (r.statusCode !== ok) throw new Error(`scale bench: answer ${r.statusCode}`)
        if (i >= 3) xs.push(performance.now() - t)
      }
      return round(median(xs), 3)
    }
    // Intake refuses an envelope without its required scans: they are uploaded first (once: the same scans for all).
    const envs = Array.from({ length: 23 }, () => envelope())
    await uploadScans(putInProcess(gw.app, op.authorization.slice('Bearer '.length)), envs[0])
    const bodies = await Promise.all(envs.map((e) => signedBody(e)))
    let k = 0
    return {
      fillSeconds: round(fillSeconds, 1),
      inboxFirstPage: await time(30, () => gw.app.inject({ method: 'GET', url: '/api/v1/inbox', headers: spec })),
      inboxMine: await time(30, () => gw.app.inject({ method: 'GET', url: '/api/v1/inbox?mine=1', headers: spec })),
      supervisionSummary: await time(30, () => gw.app.inject({ method: 'GET', url: '/api/v1/supervision/summary', headers: sup })),
      // The dashboards read the desks' reports and the open requests per due day, the daily activity rollup and the
      // survey answers of a period; the audit viewer its first page (the supervisor's department) and a filtered page.
      // The period is the last 2 days, which every size fills (1k requests span 3.5 days): a period read costs what
      // the period holds, and the question here is whether it also pays for the older history.
      queueHealth: await time(30, () => gw.app.inject({ method: 'GET', url: '/api/v1/supervision/queue-health', headers: sup })),
      dashboardActivity: await time(30, () => gw.app.inject({ method: 'GET', url: `/api/v1/supervision/activity?from=${day(Date.now() - PERIOD_MS)}&to=${day(Date.now())}`, headers: sup })),
      surveyReport: await time(30, () => gw.app.inject({ method: 'GET', url: `/api/v1/supervision/survey-report?from=${day(Date.now() - PERIOD_MS)}&to=${day(Date.now())}`, headers: sup })),
      auditFirstPage: await time(30, () => gw.app.inject({ method: 'GET', url: '/api/v1/audit?limit=50', headers: sup })),
      auditPage: await time(30, () => gw.app.inject({ method: 'GET', url: `/api/v1/audit?action=request.decide&from=${Date.now() - PERIOD_MS}&limit=50`, headers: sup })),
      statusByNumber: regNo
        ? await time(30, () => gw.app.inject({ method: 'GET', url: `/api/v1/requests/${regNo}`, headers: op }).then((r) => (r.statusCode === 404 ? { statusCode: 200 } : r)))
        : NaN,
      intake: await time(20, () => {
        const b = bodies[k++]
        return gw.app.inject({ method: 'POST', url: '/api/v1/requests', headers: { ...op, 'idempotency-key': `bench-${k}-${count}`, 'content-type': 'application/json' }, payload: { envelope: b.envelope, signature: b.signature } })
      }, 201),
    }
  } finally {
    await gw.app.close()
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 })
  }
}

/** One gateway process on the given database (node directly, so stopping it stops the gateway itself). */
async function gatewayProcess(env: Record<string, string>): Promise<{ url: string; proc: ChildProcess }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src-gateway/main.ts'], {
    cwd: PROJECT_ROOT, env: { ...process.env, GATEWAY_PORT: '0', GATEWAY_LOG_LEVEL: 'warn', GATEWAY_AUTOMATED_DELAY_MS: '600000', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  const url = await new Promise<string>((res, rej) => {
    proc.stdout?.on('data', (d) => {
      const m = /GATEWAY_LISTENING (http:\/\/[0-9.:]+)/.exec((out += String(d)))
      if (m) res(m[1])
    })
    proc.on('exit', (c) => rej(new Error(`gateway exited ${c}`)))
  })
  return { url, proc }
}

/** Accepted envelopes per second through `urls` (round robin), `n` envelopes, 8 in flight. */
async function intakeRate(urls: string[], n: number): Promise<number> {
  const tokens = await Promise.all(urls.map(async (u) => {
    const r = await fetch(`${u}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'operator1', password: 'Operator#2026' }) })
    return ((await r.json()) as { token: string }).token
  }))
  const envs = Array.from({ length: n }, () => envelope())
  for (let u = 0; u < urls.length; u++) await uploadScans(putOverHttp(urls[u], tokens[u]), envs[0])
  const bodies = await Promise.all(envs.map((e) => signedBody(e)))
  let next = 0
  const run = randomUUID()
  const t = performance.now()
  await Promise.all(Array.from({ length: 8 }, async () => {
    for (let i = next++; i < n; i = next++) {
      const u = i % urls.length
      const r = await fetch(`${urls[u]}/api/v1/requests`, {
        method: 'POST', headers: { authorization: `Bearer ${tokens[u]}`, 'content-type': 'application/json', 'idempotency-key': `pg-bench-${run}-${i}` },
        body: JSON.stringify({ envelope: bodies[i].envelope, signature: bodies[i].signature }),
      })
      if (r.status !== 201) throw new Error(`intake answered ${r.status}`)
    }
  }))
  return n / ((performance.now() - t) / 1000)
}

async function postgresIntake(): Promise<{ one: number; two: number } | undefined> {
  if (POSTGRES_SKIP_REASON) return undefined
  const pg = await startPostgres()
  const blobs = mkdtempSync(join(tmpdir(), 'arm-bench-blobs-'))
  const procs: ChildProcess[] = []
  try {
    const env = { GATEWAY_DB: pg.url, GATEWAY_BLOBS: blobs }
    const a = await gatewayProcess(env)
    procs.push(a.proc)
    const b = await gatewayProcess(env)
    procs.push(b.proc)
    await intakeRate([a.url], 10) // warm both paths
    await intakeRate([b.url], 10)
    const one = await intakeRate([a.url], 80)
    const two = await intakeRate([a.url, b.url], 80)
    return { one: round(one, 1), two: round(two, 1) }
  } finally {
    for (const p of procs) p.kill('SIGTERM')
    await new Promise((r) => setTimeout(r, 500))
    await pg.stop()
    rmSync(blobs, { recursive: true, force: true })
  }
}

export async function run(): Promise<BenchPart> {
  const bySize: Record<string, Reads & { fillSeconds: number }> = {}
  for (const n of SIZES) {
    process.stdout.write(`  scale: ${label(n)} requests…\n`)
    bySize[label(n)] = await measureSize(n)
    process.stdout.write(`    ${JSON.stringify(bySize[label(n)])}\n`)
  }
  const metrics: Record<string, BenchMetric> = {}
  const small = bySize[label(SIZES[0])]
  const large = bySize[label(SIZES[SIZES.length - 1])]
  const span = `${label(SIZES[SIZES.length - 1])}/${label(SIZES[0])}`
  for (const k of ['inboxFirstPage', 'inboxMine', 'supervisionSummary', ...SUPERVISION_READS, 'statusByNumber', 'intake'] as const) {
    const ratio = round(large[k] / small[k])
    const targeted = k !== 'statusByNumber' && k !== 'intake'
    metrics[`${k} ${span}`] = {
      value: ratio, unit: '×', ...(targeted ? { target: '≤ 1.5×', met: ratio <= 1.5 } : {}),
      note: SIZES.map((n) => `${label(n)} ${bySize[label(n)][k]} ms`).join(', '),
    }
  }
  const pg = await postgresIntake()
  if (pg) metrics['postgres intake 2 instances / 1'] = { value: round(pg.two / pg.one), unit: '×', note: `1 instance ${pg.one}/s, 2 instances ${pg.two}/s (one shared 2-core machine)` }
  else metrics['postgres intake 2 instances / 1'] = { value: NaN, unit: '×', note: POSTGRES_SKIP_REASON }
  return { metrics, raw: { bySize, postgresIntake: pg } }
}
