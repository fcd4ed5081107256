/**
 * Sync bench (issue 6): the outbox draining requests with 200 KB of scans each into the real gateway process, against
 * a raw loopback upload of the same bytes to the same gateway, in many short interleaved rounds (median, spread);
 * the enqueue rate; and the "needs attention" query over 100,000 outbox items through the compound index against a
 * full scan. Runs under Node with fake-indexeddb (Chromium's IndexedDB is faster on bulk writes, slower to open).
 */
import 'fake-indexeddb/auto'
import { createHash, randomUUID } from 'node:crypto'
import { ArmDb } from '../../src-renderer/db/ArmDb'
import type { OutboxItem, OutboxState } from '../../src-renderer/db/types'
import { OutboxTransport } from '../../src-renderer/sync/transport'
import { LocalWake, OutboxService } from '../../src-renderer/sync/OutboxService'
import { DEFAULT_LIMITS, OutboxSender } from '../../src-renderer/sync/OutboxSender'
import { InProcessLock, systemClock, type SessionPort } from '../../src-renderer/sync/ports'
import { route } from '../../src-shared/gateway/api'
import { signedRequest } from '../../test/reliability/demoSigner'
import { GatewayProcess, OPERATOR } from '../../test/reliability/gatewayProcess'
import { bundlePage, KillableChromium, startHost } from '../../test/reliability/browserHost'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BenchPart } from '../types'

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
/** What the product ships (createOutboxRuntime passes no limits): the drain and both baselines use it. */
const CONCURRENCY = DEFAULT_LIMITS.concurrency

function docOf(size: number): { sha256: string; bytes: Uint8Array } {
  const bytes = new Uint8Array(size)
  const head = Buffer.from(`%PDF-1.7\n% ${randomUUID()}\n`)
  bytes.set(head)
  for (let j = head.length; j < size; j++) bytes[j] = (j * 131) & 0xff
  return { sha256: createHash('sha256').update(bytes).digest('hex'), bytes }
}

type Fixture = Awaited<ReturnType<typeof signedRequest>>

/** The body the outbox POSTs for a request (what GatewayClient.submit sends). */
function submitBody(f: Fixture): string {
  return JSON.stringify({ envelope: Buffer.from(f.request.envelope).toString('base64'), signature: f.request.signature })
}

/**
 * The raw baseline's blobs: for each request, ITS bytes on the wire — its scans followed by its envelope body — as one
 * content-addressed blob, so the raw upload moves exactly the bytes the outbox moves, in one PUT per request.
 */
function rawBlobsOf(fixtures: Fixture[]): { sha256: string; bytes: Uint8Array }[] {
  return fixtures.map((f) => {
    const bytes = Buffer.concat([...f.documents.map((d) => d.bytes), Buffer.from(submitBody(f))])
    return { sha256: createHash('sha256').update(bytes).digest('hex'), bytes }
  })
}

/**
 * Raw upload: PUT each blob to the gateway with the same concurrency, nothing else. Every fetch here uses the outbox's
 * options (redirect: 'error' — with any other mode Node's fetch copies each request body before sending it), so the
 * baselines are not slowed by a copy the outbox does not make.
 */
async function rawUpload(baseUrl: string, token: string, docs: { sha256: string; bytes: Uint8Array }[]): Promise<number> {
  let next = 0
  const t0 = performance.now()
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < docs.length) {
        const d = docs[next++]
        const res = await fetch(baseUrl + route.attachment(d.sha256), { method: 'PUT', redirect: 'error', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/pdf' }, body: d.bytes })
        if (res.status !== 201) throw new Error(`raw PUT ${res.status}`)
        await res.arrayBuffer()
      }
    }),
  )
  return performance.now() - t0
}

/**
 * The same HTTP protocol the outbox speaks, with no outbox at all (no IndexedDB, no bookkeeping): per request, PUT each
 * scan by hash (a first attempt does not probe with HEAD), then POST the signed envelope with its Idempotency-Key.
 */
async function rawProtocol(baseUrl: string, token: string, fixtures: Awaited<ReturnType<typeof signedRequest>>[]): Promise<number> {
  let next = 0
  const t0 = performance.now()
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < fixtures.length) {
        const f = fixtures[next++]
        for (const d of f.documents) {
          const p = await fetch(baseUrl + route.attachment(d.sha256), { method: 'PUT', redirect: 'error', headers: { authorization: `Bearer ${token}`, 'content-type': d.mediaType }, body: d.bytes })
          if (p.status !== 201 && p.status !== 200) throw new Error(`raw PUT ${p.status}`)
          await p.arrayBuffer()
        }
        const r = await fetch(baseUrl + '/api/v1/requests', {
          method: 'POST',
          redirect: 'error',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': `env-${f.request.envelopeId}` },
          body: submitBody(f),
        })
        if (r.status !== 201) throw new Error(`raw POST ${r.status} ${await r.text()}`)
        await r.arrayBuffer()
      }
    }),
  )
  return performance.now() - t0
}

async function drain(gw: GatewayProcess, n: number, size: number): Promise<{ enqueueMs: number; drainMs: number; bytes: number }> {
  const db = new ArmDb(`bench-drain-${randomUUID()}`)
  let token: string | null = await gw.login()
  const session: SessionPort = { token: () => token, reauthenticate: async () => (token = await gw.login()) }
  const wake = new LocalWake()
  const service = new OutboxService({ db, clock: systemClock, wake })
  const fixtures = []
  for (let i = 0; i < n; i++) fixtures.push(await signedRequest({ tsonId: OPERATOR.tsonId, docSize: size }))
  const t0 = performance.now()
  for (const f of fixtures) await service.enqueueSigned(f)
  const enqueueMs = performance.now() - t0
  const gateway = OutboxTransport.over({ baseUrl: gw.baseUrl, fetch: (u, i) => fetch(u, i), session, clock: systemClock })
  let sent = 0
  let done!: () => void
  const all = new Promise<void>((r) => (done = r))
  const sender = new OutboxSender({
    db, gateway, session, clock: systemClock, random: Math.random, locks: new InProcessLock(), wake, ownerId: 'bench',
    // no limits: DEFAULT_LIMITS, as the product runs it
    onEvent: (e) => {
      if (e.type === 'sent' && ++sent === n) done()
      if (e.type === 'rejected' || e.type === 'dead') throw new Error(`bench item ${e.type}: ${e.code}`)
    },
  })
  const t1 = performance.now()
  sender.start()
  await all
  const drainMs = performance.now() - t1
  await sender.stop()
  db.close()
  return { enqueueMs, drainMs, bytes: n * size }
}

async function needsAttention(total: number): Promise<{ indexMs: number; listMs: number; scanMs: number; found: number }> {
  const db = new ArmDb(`bench-attention-${randomUUID()}`)
  const service = new OutboxService({ db, clock: systemClock })
  const states: OutboxState[] = ['sent', 'sent', 'sent', 'sent', 'sent', 'sent', 'sent', 'pending', 'in_flight', 'cancelled']
  const batch: OutboxItem[] = []
  for (let i = 0; i < total; i++) {
    // 1 % need attention, spread through the table.
    const state: OutboxState = i % 200 === 0 ? 'rejected' : i % 200 === 100 ? 'dead' : states[i % states.length]
    batch.push({ id: `o${i}`, idempotencyKey: `k${i}`, orderingKey: `r${i}`, state, attempts: 1, nextAttemptAt: i, createdAt: i, updatedAt: i, history: [{ at: i, kind: 'enqueued' }, { at: i, kind: 'attempt', attempt: 1 }] })
    if (batch.length === 10_000) await db.outbox.bulkAdd(batch.splice(0))
  }
  if (batch.length) await db.outbox.bulkAdd(batch)
  const idx: number[] = []
  const list: number[] = []
  let found = 0
  for (let r = 0; r < 15; r++) {
    let t = performance.now()
    found = await service.needsAttentionCount()
    idx.push(performance.now() - t)
    t = performance.now()
    await service.list('needs_attention', 50)
    list.push(performance.now() - t)
  }
  const scan: number[] = []
  for (let r = 0; r < 3; r++) {
    const t = performance.now()
    const n = await db.outbox.filter((i) => i.state === 'rejected' || i.state === 'dead').count()
    scan.push(performance.now() - t)
    if (n !== found) throw new Error(`index ${found} ≠ scan ${n}`)
  }
  db.close()
  return { indexMs: median(idx), listMs: median(list), scanMs: median(scan), found }
}

/** The queue screen over 10,000 items in Chromium: frame intervals while scrolling end to end vs idle frames. */
export async function listScroll(): Promise<{ p95: number; max: number; idleP95: number; rows: number; count: number; frames: number }> {
  const root = join(__dirname, '..', '..')
  const css = ['src-renderer/styles.css', 'src-renderer/features/outbox/outbox.css'].map((f) => readFileSync(join(root, f), 'utf8')).join('\n')
  const host = await startHost(await bundlePage('page/ui-entry.tsx'), () => 0, css + '\nhtml,body,#root{height:100%} .frame__main{height:100%;padding:12px}')
  const dir = mkdtempSync(join(tmpdir(), 'arm-ui-bench-'))
  const browser = new KillableChromium(dir)
  try {
    const page = await browser.launch(host.url, 'ui-ready')
    await page.setViewportSize({ width: 1280, height: 800 })
    const ui = <T>(fn: string, ...args: unknown[]) =>
      page.evaluate(([f, a]) => ((globalThis as unknown as { __ui: Record<string, (...x: unknown[]) => unknown> }).__ui[f as string](...(a as unknown[]))), [fn, args] as const) as Promise<T>
    await page.waitForFunction(() => Number((globalThis as unknown as { document: { querySelector(s: string): { getAttribute(n: string): string | null } | null } }).document.querySelector('[data-testid="outbox-list"]')?.getAttribute('data-count') ?? 0) > 5000)
    const idle = await ui<number[]>('scroll', 1500, false)
    const moving = await ui<number[]>('scroll', 3000, true)
    if (process.env.BENCH_SCREENSHOT) await page.screenshot({ path: process.env.BENCH_SCREENSHOT })
    const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)]
    const out = { p95: p95(moving), max: Math.max(...moving), idleP95: p95(idle), rows: await ui<number>('rows'), count: await ui<number>('count'), frames: moving.length }
    return out
  } finally {
    await browser.close()
    await host.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

export async function run(): Promise<BenchPart> {
  const N = Number(process.env.BENCH_SYNC_N ?? 100)
  const SIZE = 200 * 1024
  // One client here stands for many desks: ~300 scan uploads per round from one address would hit the per-client
  // upload limit (600 a minute) and turn rounds into 429 back-offs (the raw side fails, the outbox waits), so the
  // bench's gateway lifts that limit; everything else runs with the shipped policy.
  const gw = await GatewayProcess.start({ GATEWAY_SECURITY: JSON.stringify({ rateLimit: { signInPerMinute: 120, challengesPerMinute: 60, uploadsPerMinute: 1_000_000 } }) })
  try {
    const token = await gw.login()
    // Warm both paths (JIT, SQLite pages, connection pool) before measuring.
    await rawUpload(gw.baseUrl, token, Array.from({ length: 20 }, () => docOf(SIZE)))
    await drain(gw, 20, SIZE)
    // The machine is shared and its load swings over tens of seconds: with each path running once or twice for a
    // minute and keeping its best, the ratio read 27–55 % from run to run, and even 7 long rounds spread 31–58 %. So
    // the rounds are short (BENCH_SYNC_N = 100 requests, a few seconds per path) and many (≥ 5; 11 by default): each
    // runs the raw upload, the bare protocol and the outbox drain on fresh requests back to back, in an order that
    // rotates from round to round, so all three meet the same load; each round gives its own ratio of the same bytes,
    // and the figure is the median of the rounds, printed with their spread.
    const ROUNDS = Math.max(5, Number(process.env.BENCH_SYNC_ROUNDS ?? 11))
    const rounds: Array<{ rawMs: number; protoMs: number; drainMs: number; enqueueMs: number; ratio: number; protoRatio: number; order: string }> = []
    let wireBytes = N * SIZE
    for (let r = 0; r < ROUNDS; r++) {
      const fixtures: Fixture[] = []
      for (let i = 0; i < N; i++) fixtures.push(await signedRequest({ tsonId: OPERATOR.tsonId, docSize: SIZE }))
      const blobs = rawBlobsOf(fixtures)
      wireBytes = blobs.reduce((n, b) => n + b.bytes.length, 0)
      let rawMs = 0
      let protoMs = 0
      let dr = { enqueueMs: 0, drainMs: 0, bytes: 0 }
      const steps: Record<string, () => Promise<void>> = {
        raw: async () => void (rawMs = await rawUpload(gw.baseUrl, token, blobs)),
        // the raw blobs hash differently, so the gateway has none of these scans yet: a fair first attempt
        protocol: async () => void (protoMs = await rawProtocol(gw.baseUrl, token, fixtures)),
        drain: async () => void (dr = await drain(gw, N, SIZE)),
      }
      const names = Object.keys(steps)
      const order = names.map((_, i) => names[(i + r) % names.length])
      for (const name of order) await steps[name]()
      rounds.push({ rawMs, protoMs, drainMs: dr.drainMs, enqueueMs: dr.enqueueMs, ratio: rawMs / dr.drainMs, protoRatio: protoMs / dr.drainMs, order: order.join('→') })
      process.stdout.write(`  round ${r + 1}/${ROUNDS} (${order.join(' → ')}): raw ${round(rawMs / 1000)} s, protocol ${round(protoMs / 1000)} s, drain ${round(dr.drainMs / 1000)} s → ${round((rawMs / dr.drainMs) * 100, 1)} %\n`)
    }
    const ratios = rounds.map((x) => x.ratio)
    const ratio = median(ratios)
    const sorted = [...ratios].sort((a, b) => a - b)
    const spread = { min: sorted[0], max: sorted[sorted.length - 1], q1: sorted[Math.floor(sorted.length / 4)], q3: sorted[Math.floor((3 * sorted.length) / 4)] }
    const mid = rounds.find((x) => x.ratio === ratio)!
    const rawMs = mid.rawMs
    const protoRatio = median(rounds.map((x) => x.protoRatio))
    const protoMs = median(rounds.map((x) => x.protoMs))
    const d = { drainMs: median(rounds.map((x) => x.drainMs)), enqueueMs: median(rounds.map((x) => x.enqueueMs)) }
    // Both sides move the same bytes (scans + envelope bodies; the drain's fixtures are signed alike, same sizes).
    const rawMBs = wireBytes / 1e6 / (rawMs / 1000)
    const outMBs = wireBytes / 1e6 / (mid.drainMs / 1000)
    const small = await (async () => {
      const db = new ArmDb(`bench-enqueue-${randomUUID()}`)
      const service = new OutboxService({ db, clock: systemClock })
      const fx = []
      for (let i = 0; i < 2000; i++) fx.push(await signedRequest({ tsonId: OPERATOR.tsonId, docSize: 1024 }))
      const t = performance.now()
      for (const f of fx) await service.enqueueSigned(f)
      const ms = performance.now() - t
      db.close()
      return { n: fx.length, ms }
    })()
    const att = await needsAttention(100_000)
    const scroll = await listScroll()
    return {
      metrics: {
        drainVsRawUpload: { value: round(ratio * 100, 1), unit: '%', target: '≥ 60 %', met: ratio >= 0.6, note: `median of ${ROUNDS} interleaved rounds (each ${N} requests × 200 KB, order rotating), spread ${round(spread.min * 100, 1)}–${round(spread.max * 100, 1)} % (${ratios.map((x) => round(x * 100, 1)).join(', ')}); median round: outbox ${round(outMBs)} MB/s (${round(mid.drainMs / 1000)} s) vs a raw PUT of the same bytes (each request's scans + envelope body as one blob, ${round(wireBytes / N / 1024, 1)} KB each) ${round(rawMBs)} MB/s (${round(rawMs / 1000)} s); concurrency ${CONCURRENCY} on both sides (the product's DEFAULT_LIMITS)` },
        drainVsRawUploadSpread: { value: round((spread.max - spread.min) * 100, 1), unit: 'points', note: `max − min of the per-round ratios (min ${round(spread.min * 100, 1)} %, max ${round(spread.max * 100, 1)} %)` },
        drainVsRawUploadIqr: { value: round((spread.q3 - spread.q1) * 100, 1), unit: 'points', note: `the middle half of the rounds: ${round(spread.q1 * 100, 1)}–${round(spread.q3 * 100, 1)} %` },
        drainVsRawProtocol: { value: round(protoRatio * 100, 1), unit: '%', note: `the same PUT/POST calls with no outbox (no IndexedDB, no bookkeeping): ${round(protoMs / 1000)} s — the outbox's own overhead; the rest of the gap to raw PUT is the POST of each envelope with the gateway verifying its CAdES signature (ceiling for drainVsRawUpload: ${round((rawMs / protoMs) * 100, 1)} %)` },
        drainRequestsPerSecond: { value: round(N / (d.drainMs / 1000), 1), unit: 'req/s' },
        enqueueRate: { value: round(small.n / (small.ms / 1000), 0), unit: 'items/s', note: 'enqueueSigned (request + 1 KB scan + outbox item + audit, one transaction), fake-indexeddb' },
        enqueueRate200KB: { value: round(N / (d.enqueueMs / 1000), 0), unit: 'items/s', note: 'with a 200 KB scan each' },
        needsAttention100k: { value: round(att.indexMs, 2), unit: 'ms', note: `needs-attention count over 100,000 items from the outbox's incrementally kept counts (the first read counts once through the state index; median of 15 reads), ${att.found} found; full scan ${round(att.scanMs, 1)} ms` },
        needsAttentionList100k: { value: round(att.listMs, 2), unit: 'ms', note: 'first 50 rows, newest first, via [state+updatedAt]' },
        outboxListScrollP95: { value: round(scroll.p95, 1), unit: 'ms/frame', target: '≤ 2× idle frame', met: scroll.p95 <= 2 * scroll.idleP95, note: `Chromium, ${scroll.count} rows in the list, ${scroll.rows} in the DOM, scrolled end to end in 3 s (${scroll.frames} frames, worst ${round(scroll.max, 1)} ms); idle p95 ${round(scroll.idleP95, 1)} ms` },
        needsAttentionSpeedup: { value: round(att.scanMs / att.indexMs, 1), unit: '× vs full scan', target: '≥ 10×', met: att.scanMs / att.indexMs >= 10 },
      },
      raw: { scroll, N, SIZE, CONCURRENCY, rounds, rawMs, protoMs, drainMs: d.drainMs, enqueueMs: d.enqueueMs, attention: att, enqueueSmall: small },
    }
  } finally {
    await gw.dispose()
  }
}
