/**
 * Reliability scenario (b): the workstation itself killed mid-drain. The outbox runs in Debian Chromium on real
 * IndexedDB (persistent profile); Chromium is SIGKILLed several times while sending and relaunched on the same
 * profile; the reopened window takes back what was in flight. Every request must be registered exactly once.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
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

type Stats = { total: number; sent: number; inFlight: number; interrupted: number; attempts: number; numbers: [string, string][] }

describe('reliability: browser killed mid-drain', () => {
  it('(b) Chromium SIGKILLed 4 times mid-drain and relaunched: every request delivered exactly once, nothing lost', async () => {
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
      await page.evaluate((c) => (globalThis as never as { __outbox: { start(c: unknown): Promise<void> } }).__outbox.start(c), creds)
      let s: Stats | undefined
      const end = Date.now() + 120_000
      while (Date.now() < end) {
        s = (await page.evaluate(() => (globalThis as never as { __outbox: { stats(): Promise<unknown> } }).__outbox.stats())) as Stats
        if (s.sent === N) break
        await new Promise((r) => setTimeout(r, 250))
      }
      await gw.setFaults({})
      const ids = fixtures.map((f) => f.request.envelopeId)
      const tally = gw.tally(ids)
      const clientNumbers = new Map(s!.numbers)
      const mismatched = ids.filter((e) => clientNumbers.get(e) !== tally.numbers.get(e)).length
      report(
        'b browser SIGKILL',
        tally,
        `${KILLS} kills; sent before each kill ${sentAtKill.join('/')}, in flight at kill ${inFlightAtKill.join('/')}; items taken back after a kill ${s!.interrupted}; client total ${s!.total}, sent ${s!.sent}; number mismatches ${mismatched}`,
      )
      expect(s!.total).toBe(N) // nothing lost locally across kills
      expect(s!.sent).toBe(N)
      expect(tally).toMatchObject({ registrations: N, duplicates: 0, lost: 0 })
      expect(mismatched).toBe(0)
      // The kills really landed mid-drain.
      expect(sentAtKill[0]).toBeLessThan(N)
    } finally {
      await browser.close()
      await host.close()
    }
  }, 300_000)
})
