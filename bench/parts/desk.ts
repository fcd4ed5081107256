/**
 * Bench part "desk" (#18 point 4): the operator's queue after a year of work — 100,000 outbox items with their
 * requests in Chromium's real IndexedDB (test/reliability/page/desk-100k.tsx). Times what the person waits for: the
 * top-bar counts after a change, opening each filter tab, one more queued request on each tab; beside each, the
 * baseline measured in the same page (the recount through the state index; reading the whole tab).
 * BENCH_DESK_N changes the item count, BENCH_DESK_ROUNDS the repetitions (median).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { bundlePage, KillableChromium, startHost } from '../../test/reliability/browserHost'
import type { BenchPart } from '../types'

const FILTERS = ['needs_attention', 'in_progress', 'done'] as const
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d

export async function run(): Promise<BenchPart> {
  const N = Number(process.env.BENCH_DESK_N ?? 100_000)
  const ROUNDS = Math.max(3, Number(process.env.BENCH_DESK_ROUNDS ?? 5))
  const root = join(__dirname, '..', '..')
  const css = ['src-renderer/styles.css', 'src-renderer/features/outbox/outbox.css'].map((f) => readFileSync(join(root, f), 'utf8')).join('\n')
  const host = await startHost(await bundlePage('page/desk-100k.tsx'), () => 0, css + '\nhtml,body,#root{height:100%} .frame__main{height:100%;padding:12px}')
  const dir = mkdtempSync(join(tmpdir(), 'arm-desk-bench-'))
  const browser = new KillableChromium(dir)
  try {
    const fillStart = Date.now()
    const page = await browser.launch(`${host.url}#${N}`, 'desk-filling')
    await page.waitForFunction(() => (globalThis as unknown as { document: { title: string } }).document.title === 'desk-ready', undefined, { timeout: 600_000, polling: 500 })
    const fillMs = Date.now() - fillStart
    await page.setViewportSize({ width: 1280, height: 800 })
    const desk = <T>(fn: string, ...args: unknown[]) =>
      page.evaluate(([f, a]) => (globalThis as unknown as { __desk: Record<string, (...x: unknown[]) => Promise<unknown>> }).__desk[f as string](...(a as unknown[])), [fn, args] as const) as Promise<T>
    const r = { recount: [] as number[], counts: [] as number[], write: [] as number[], open: {} as Record<string, number[]>, whole: {} as Record<string, number[]>, send: {} as Record<string, number[]> }
    for (const f of FILTERS) {
      r.open[f] = []
      r.whole[f] = []
      r.send[f] = []
    }
    for (let i = 0; i < ROUNDS; i++) {
      r.recount.push(await desk<number>('recount'))
      const c = await desk<{ countsMs: number; writeMs: number }>('countsAfterChange')
      r.counts.push(c.countsMs)
      r.write.push(c.writeMs)
      for (const f of FILTERS) {
        r.whole[f].push(await desk<number>('readWholeFilter', f))
        r.open[f].push(await desk<number>('openTab', f))
        r.send[f].push(await desk<number>('oneMoreSend'))
      }
    }
    if (process.env.BENCH_SCREENSHOT) await page.screenshot({ path: process.env.BENCH_SCREENSHOT })
    const openWorst = Math.max(...FILTERS.map((f) => median(r.open[f])))
    const sendWorst = Math.max(...FILTERS.map((f) => median(r.send[f])))
    const counts = median(r.counts)
    const per = (x: Record<string, number[]>) => FILTERS.map((f) => `${f} ${round(median(x[f]))} ms`).join(', ')
    return {
      metrics: {
        countsAfterChange100k: { value: round(counts), unit: 'ms', target: '≤ 10 ms', met: counts <= 10, note: `a queue item changes state: from its write's commit (the write itself ${round(median(r.write))} ms) to the top bar showing the new count, median of ${ROUNDS}; baseline: the recount through the state index the bar ran on every change, ${round(median(r.recount))} ms` },
        openTabWorst100k: { value: round(openWorst), unit: 'ms', target: '≤ 100 ms', met: openWorst <= 100, note: `click → the tab's first rows on screen: ${per(r.open)}; baseline: reading the whole tab as before, ${per(r.whole)}` },
        oneMoreSendWorst100k: { value: round(sendWorst), unit: 'ms', target: '≤ 50 ms', met: sendWorst <= 50, note: `one more request queued (request + item, one transaction) → the top bar (and on the in-progress tab the new top row) shows it, per open tab: ${per(r.send)}` },
        deskItems: { value: N, unit: 'items', note: `outbox items (+ as many requests) in Chromium IndexedDB, 90 % sent; filled and first screen in ${round(fillMs / 1000)} s` },
      },
      raw: r,
    }
  } finally {
    await browser.close()
    await host.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
