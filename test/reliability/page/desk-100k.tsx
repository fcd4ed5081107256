/**
 * The queue screen over a year of a desk's work in real IndexedDB (bench part "desk"): 100,000 outbox items with their
 * requests, mostly sent. Exposes timings for the bench: the top-bar counts after a change, opening each filter tab,
 * and one more queued request on each tab — each beside its baseline measured in the same page (a recount through the
 * state index; reading the whole filter).
 */
import { createRoot } from 'react-dom/client'
import { ArmDb } from '../../../src-renderer/db/ArmDb'
import type { OutboxItem, OutboxState, RequestRecord } from '../../../src-renderer/db/types'
import { OutboxCounts, OutboxScreen } from '../../../src-renderer/features/outbox/OutboxScreen'
import { FILTER_STATES, OutboxService, type OutboxFilter } from '../../../src-renderer/sync/OutboxService'
import { systemClock } from '../../../src-renderer/sync/ports'

const g = globalThis as unknown as { document: Document; __desk: unknown; location: Location }
const N = Number(g.location.hash.slice(1)) || 100_000 // the item count rides in the hash (the host serves only "/")

function stateOf(i: number): OutboxState {
  if (i % 100 === 1) return 'pending'
  if (i % 100 === 2) return 'rejected'
  if (i % 200 === 3) return 'dead'
  if (i % 200 === 4) return 'cancelled'
  if (i % 500 === 5) return 'in_flight'
  return 'sent'
}

let seq = 0
const newItem = (i: number, state: OutboxState, at: number): [OutboxItem, RequestRecord] => {
  const id = `req-${i}-${++seq}`
  return [
    { id: `o-${id}`, idempotencyKey: `k-${id}`, orderingKey: id, state, attempts: 1, nextAttemptAt: at + 3600_000, createdAt: at, windowStartedAt: at, updatedAt: at, history: [{ at, kind: 'enqueued' }] },
    { id, serviceId: 'zags-birth', state: state === 'sent' ? 'sent' : 'queued', documentHashes: [], registrationNumber: state === 'sent' ? `ZAGS-${i}` : undefined, applicantMasked: '8307•••••867', createdAt: at, updatedAt: at },
  ]
}

/** Resolves when the DOM first shows what `done()` checks (a MutationObserver, so no frame alignment in the figure); ms since `t0`. */
function frameWhen(done: () => boolean, t0: number, timeoutMs = 20_000): Promise<number> {
  return new Promise((resolve, reject) => {
    if (done()) return resolve(performance.now() - t0)
    const timer = setTimeout(() => {
      observer.disconnect()
      reject(new Error('timed out'))
    }, timeoutMs)
    const observer = new MutationObserver(() => {
      if (!done()) return
      const ms = performance.now() - t0
      observer.disconnect()
      clearTimeout(timer)
      resolve(ms)
    })
    observer.observe(g.document.body, { subtree: true, childList: true, attributes: true, characterData: true })
  })
}

const q = (s: string) => g.document.querySelector(s) as HTMLElement | null

async function main(): Promise<void> {
  g.document.title = 'desk-filling'
  const db = new ArmDb(`desk-${Date.now()}`)
  const start = Date.now() - N * 60_000
  for (let from = 0; from < N; from += 10_000) {
    const batch = Array.from({ length: Math.min(10_000, N - from) }, (_, k) => newItem(from + k, stateOf(from + k), start + (from + k) * 60_000))
    await db.transaction('rw', [db.outbox, db.requests], async () => {
      await db.outbox.bulkAdd(batch.map((b) => b[0]))
      await db.requests.bulkAdd(batch.map((b) => b[1]))
    })
  }
  const service = new OutboxService({ db, clock: systemClock })
  createRoot(g.document.getElementById('root')!).render(
    <div className="frame__main">
      <OutboxCounts service={service} />
      <OutboxScreen deps={{ db, service }} initialFilter="needs_attention" />
    </div>,
  )
  await frameWhen(() => !!q('[data-testid="outbox-counts"]') && !!q('[data-testid="outbox-row"]'), performance.now(), 120_000)
  const rowsOf = (f: OutboxFilter) => [...g.document.querySelectorAll('[data-testid="outbox-row"]')].filter((r) => FILTER_STATES[f].includes((r as HTMLElement).dataset.state as OutboxState))
  let extra = N
  g.__desk = {
    n: N,
    /** Baseline: the counts as they were read before, six index counts over 100,000 items. */
    async recount(): Promise<number> {
      const t0 = performance.now()
      for (const s of ['pending', 'in_flight', 'sent', 'rejected', 'dead', 'cancelled']) await db.outbox.where('state').equals(s).count()
      return performance.now() - t0
    },
    /** A queue item changes state (the sender marks one sent): from the write's commit, ms until the top bar shows the new count. */
    async countsAfterChange(): Promise<{ countsMs: number; writeMs: number }> {
      const before = Number(q('[data-testid="outbox-counts"]')!.dataset.pending)
      const one = await db.outbox.where('[state+updatedAt]').between(['pending', -Infinity], ['pending', Infinity]).first()
      const w0 = performance.now()
      await db.outbox.update(one!.id, { state: 'sent', updatedAt: Date.now() })
      const t0 = performance.now()
      const countsMs = await frameWhen(() => Number(q('[data-testid="outbox-counts"]')!.dataset.pending) === before - 1, t0)
      return { countsMs, writeMs: t0 - w0 }
    },
    /** Baseline: the whole filter read as the list did before (every item of the tab). */
    async readWholeFilter(f: OutboxFilter): Promise<number> {
      const t0 = performance.now()
      await service.list(f)
      return performance.now() - t0
    },
    /** Clicks a filter tab: ms until its first rows are on screen. */
    async openTab(f: OutboxFilter): Promise<number> {
      const tab = q(`[data-testid="outbox-filter-${f}"]`)!
      if (tab.getAttribute('aria-selected') === 'true') {
        // leave it first, so that opening it is a real open
        const other = (['needs_attention', 'in_progress', 'done'] as OutboxFilter[]).find((x) => x !== f)!
        q(`[data-testid="outbox-filter-${other}"]`)!.click()
        await frameWhen(() => rowsOf(other).length > 0, performance.now())
      }
      const t0 = performance.now()
      tab.click()
      return frameWhen(() => tab.getAttribute('aria-selected') === 'true' && rowsOf(f).length > 0 && rowsOf(f).length === g.document.querySelectorAll('[data-testid="outbox-row"]').length, t0)
    },
    /** One more request queued (request + item, one transaction) while a tab is open: ms until the top bar shows it. */
    async oneMoreSend(): Promise<number> {
      const before = Number(q('[data-testid="outbox-counts"]')!.dataset.pending)
      const [item, req] = newItem(++extra, 'pending', Date.now())
      const t0 = performance.now()
      await db.transaction('rw', [db.outbox, db.requests], async () => {
        await db.requests.add(req)
        await db.outbox.add(item)
      })
      // on the in-progress tab the new request also shows as the top row
      const listed = q('[data-testid="outbox-filter-in_progress"]')!.getAttribute('aria-selected') === 'true'
      return frameWhen(() => Number(q('[data-testid="outbox-counts"]')!.dataset.pending) === before + 1 && (!listed || !!q(`[data-request-id="${req.id}"]`)), t0)
    },
  }
  g.document.title = 'desk-ready'
}
void main()
