/**
 * Reliability scenario (b): the workstation itself killed mid-drain. The outbox runs in Debian Chromium on real
 * IndexedDB (persistent profile); Chromium is SIGKILLed several times while sending and relaunched on the same
 * profile; the reopened window takes back what was in flight. Every request must be registered exactly once.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signedRequest } from './demoSigner'
import { bundlePage, KillableChromium, startHost } from './browserHost'
import { GatewayProcess, OPERATOR, report } from './gatewayProcess'

let gw: GatewayProcess
let profile: string
beforeAll(async () => {
  gw = await GatewayProcess.start()
  profile = mkdtempSync(join(tmpdir(), 'arm-chromium-'))
})
afterAll(async () => {
  await gw?.dispose()
  if (profile) rmSync(profile, { recursive: true, force: true })
})

/** Calls window.__outbox[method](arg) in the page (the function body may only use what exists in the page). */
function call<T>(p: Page, method: 'enqueue' | 'enqueueNoWait' | 'audit' | 'start' | 'stats' | 'active', arg?: unknown): Promise<T> {
  return p.evaluate(
    ([m, a]) => (globalThis as unknown as { __outbox: Record<string, (x: unknown) => unknown> }).__outbox[m as string](a),
    [method, arg] as const,
  ) as Promise<T>
}

type Stats = { total: number; sent: number; inFlight: number; interrupted: number; attempts: number; numbers: [string, string][] }

describe('reliability: browser killed mid-drain', () => {
  it('(b) Chromium SIGKILLed 4 times mid-drain and once mid-enqueue, relaunched: every request delivered exactly once, nothing lost', async () => {
    const N = 200
    const KILLS = 4
    const host = await startHost(await bundlePage(), () => gw.port)
    const browser = new KillableChromium(profile)
    const creds = { login: OPERATOR.login, password: 'Operator#2026' }
    try {
      const fixtures = await Promise.all(Array.from({ length: N }, () => signedRequest({ tsonId: OPERATOR.tsonId, docSize: 8192, docs: 2 })))
      const wire = fixtures.map((f) => ({
        request: { ...f.request, envelopeB64: Buffer.from(f.request.envelope).toString('base64'), envelope: undefined },
        documents: f.documents.map((d) => ({ sha256: d.sha256, mediaType: d.mediaType, size: d.size, bytesB64: Buffer.from(d.bytes).toString('base64') })),
      }))
      // Slow the gateway a little so kills land mid-send, with some 5xx on top.
      await gw.setFaults({ latencyMs: 25, error5xxRate: 0.1 })
      let page = await browser.launch(host.url)
      for (let i = 0; i < wire.length; i += 50) await page.evaluate((batch) => (globalThis as never as { __outbox: { enqueue(b: unknown): Promise<number> } }).__outbox.enqueue(batch), wire.slice(i, i + 50))
      const sentAtKill: number[] = []
      const inFlightAtKill: number[] = []
      for (let k = 0; k < KILLS; k++) {
        await page.evaluate((c) => (globalThis as never as { __outbox: { start(c: unknown): Promise<void> } }).__outbox.start(c), creds)
        await new Promise((r) => setTimeout(r, 1200 + Math.random() * 1200))
        const s = (await page.evaluate(() => (globalThis as never as { __outbox: { stats(): Promise<unknown> } }).__outbox.stats())) as Stats
        sentAtKill.push(s.sent)
        inFlightAtKill.push(s.inFlight)
        await browser.kill()
        page = await browser.launch(host.url)
      }
      // One more kill while the operator is still enqueueing: each request must be all there (request + scans +
      // outbox item, one transaction) or not there at all, and whatever is there must still be delivered.
      await call(page, 'start', creds)
      const extra = (await Promise.all(Array.from({ length: 60 }, () => signedRequest({ tsonId: OPERATOR.tsonId, docSize: 65536, docs: 2 })))).map((f) => ({
        request: { ...f.request, envelopeB64: Buffer.from(f.request.envelope).toString('base64'), envelope: undefined },
        documents: f.documents.map((d) => ({ sha256: d.sha256, mediaType: d.mediaType, size: d.size, bytesB64: Buffer.from(d.bytes).toString('base64') })),
      }))
      await call(page, 'enqueueNoWait', extra)
      await new Promise((r) => setTimeout(r, 150 + Math.random() * 250))
      await browser.kill()
      page = await browser.launch(host.url)
      const audit = await call<{ requests: number; items: number; requestsWithoutItem: number; itemsWithoutRequest: number; missingDocs: number; ids: string[] }>(page, 'audit')
      expect(audit.requestsWithoutItem).toBe(0)
      expect(audit.itemsWithoutRequest).toBe(0)
      expect(audit.missingDocs).toBe(0)
      const extraStored = audit.requests - N
      const expectedIds = audit.ids
      await page.evaluate((c) => (globalThis as never as { __outbox: { start(c: unknown): Promise<void> } }).__outbox.start(c), creds)
      let s: Stats | undefined
      const end = Date.now() + 120_000
      while (Date.now() < end) {
        s = (await page.evaluate(() => (globalThis as never as { __outbox: { stats(): Promise<unknown> } }).__outbox.stats())) as Stats
        if (s.sent === expectedIds.length) break
        await new Promise((r) => setTimeout(r, 250))
      }
      await gw.setFaults({})
      const ids = expectedIds
      expect(new Set(fixtures.map((f) => f.request.envelopeId)).size).toBe(N)
      for (const f of fixtures) expect(ids).toContain(f.request.envelopeId)
      const tally = gw.tally(ids)
      const clientNumbers = new Map(s!.numbers)
      const mismatched = ids.filter((e) => clientNumbers.get(e) !== tally.numbers.get(e)).length
      report(
        'b browser SIGKILL',
        tally,
        `${KILLS + 1} kills (the last during enqueue: ${extraStored} of 60 extra requests had committed, all whole); sent before each kill ${sentAtKill.join('/')}, in flight at kill ${inFlightAtKill.join('/')}; items taken back after a kill ${s!.interrupted}; client total ${s!.total}, sent ${s!.sent}; number mismatches ${mismatched}`,
      )
      expect(s!.total).toBe(ids.length) // nothing lost locally across kills
      expect(s!.sent).toBe(ids.length)
      expect(tally).toMatchObject({ registrations: ids.length, duplicates: 0, lost: 0 })
      // No request that never committed locally reached the gateway either.
      const ghosts = gw.tally(extra.map((e) => e.request.envelopeId).filter((e) => !ids.includes(e)))
      expect(ghosts.registrations).toBe(0)
      expect(mismatched).toBe(0)
      // The kills really landed mid-drain.
      expect(sentAtKill[0]).toBeLessThan(N)
    } finally {
      await browser.close()
      await host.close()
    }
  }, 300_000)

  it('one sender across windows: of two windows on one profile exactly one holds the Web Lock; an enqueue in the other wakes it; closing it hands over', async () => {
    const host = await startHost(await bundlePage(), () => gw.port)
    const dir = mkdtempSync(join(tmpdir(), 'arm-chromium-2w-'))
    const browser = new KillableChromium(dir)
    const creds = { login: OPERATOR.login, password: 'Operator#2026' }
    const wireOf = async (n: number) =>
      (await Promise.all(Array.from({ length: n }, () => signedRequest({ tsonId: OPERATOR.tsonId, docSize: 1024 })))).map((f) => ({
        request: { ...f.request, envelopeB64: Buffer.from(f.request.envelope).toString('base64'), envelope: undefined },
        documents: f.documents.map((d) => ({ sha256: d.sha256, mediaType: d.mediaType, size: d.size, bytesB64: Buffer.from(d.bytes).toString('base64') })),
      }))
    try {
      await gw.setFaults({})
      const a = await browser.launch(host.url)
      const b = await a.context().newPage()
      await b.goto(host.url)
      await b.waitForFunction(() => (globalThis as unknown as { document: { title: string } }).document.title === 'outbox-ready')
      await call(a, 'start', creds)
      await call(b, 'start', creds)
      await new Promise((r) => setTimeout(r, 1000))
      const actives = [await call<boolean>(a, 'active'), await call<boolean>(b, 'active')]
      expect(actives.filter(Boolean)).toHaveLength(1)
      const [holder, other] = actives[0] ? [a, b] : [b, a]
      // Enqueued in the window that does not send: the BroadcastChannel wakes the sender in the other one.
      const first = await wireOf(10)
      await call(other, 'enqueue', first)
      const waitSent = async (p: Page, n: number) => {
        const end = Date.now() + 30_000
        while (Date.now() < end) {
          if ((await call<Stats>(p, 'stats')).sent >= n) return true
          await new Promise((r) => setTimeout(r, 100))
        }
        return false
      }
      expect(await waitSent(other, 10)).toBe(true)
      await holder.close()
      const end = Date.now() + 10_000
      while (Date.now() < end && !(await call<boolean>(other, 'active'))) await new Promise((r) => setTimeout(r, 100))
      expect(await call<boolean>(other, 'active')).toBe(true)
      const second = await wireOf(5)
      await call(other, 'enqueue', second)
      expect(await waitSent(other, 15)).toBe(true)
      const tally = gw.tally([...first, ...second].map((f) => f.request.envelopeId))
      report('windows', tally, 'two windows, one Web Lock, hand-over on close')
      expect(tally).toMatchObject({ registrations: 15, duplicates: 0, lost: 0 })
    } finally {
      await browser.close()
      await host.close()
      rmSync(dir, { recursive: true, force: true })
    }
  }, 120_000)
})
