/** The queue screen in a real Chromium page over 10,000 outbox items in real IndexedDB (scroll bench, screenshot). */
import { setLang } from '../../../src-renderer/i18n/lang'
import { createRoot } from 'react-dom/client'
import { ArmDb } from '../../../src-renderer/db/ArmDb'
import type { OutboxItem } from '../../../src-renderer/db/types'
import { OutboxCounts, OutboxScreen } from '../../../src-renderer/features/outbox/OutboxScreen'
import { OutboxService } from '../../../src-renderer/sync/OutboxService'
import { systemClock } from '../../../src-renderer/sync/ports'

const N = 10_000
const g = globalThis as unknown as { document: Document; __ui: unknown }

async function main(): Promise<void> {
  const db = new ArmDb(`ui-${Date.now()}`)
  const codes = ['GW_SIGNATURE_INVALID', 'OUTBOX_NETWORK', 'GW_UNAVAILABLE', 'OUTBOX_DEAD_ATTEMPTS']
  const items: OutboxItem[] = Array.from({ length: N }, (_, i) => {
    const state = i % 10 === 0 ? 'in_flight' : i % 7 === 0 ? 'rejected' : i % 13 === 0 ? 'dead' : 'pending'
    return {
      id: `o${i}`, idempotencyKey: `k${i}`, orderingKey: crypto.randomUUID(), state, attempts: i % 5, nextAttemptAt: i, createdAt: i, updatedAt: i,
      lastError: i % 3 === 0 ? { code: codes[i % codes.length], httpStatus: 503, at: i } : undefined,
      progress: state === 'in_flight' ? { sent: (i * 37) % 200, total: 200 } : undefined,
      history: [{ at: i, kind: 'enqueued' }],
    }
  })
  await db.outbox.bulkAdd(items)
  setLang('kk')
  const service = new OutboxService({ db, clock: systemClock })
  const root = g.document.getElementById('root')!
  createRoot(root).render(
    <>
      <div className="frame__main">
        <OutboxCounts service={service} />
        <OutboxScreen deps={{ db, service }} initialFilter="in_progress" />
      </div>
    </>,
  )
  g.__ui = {
    /** Scrolls the list through its whole height in `ms`, one step per frame; returns frame intervals. */
    async scroll(ms: number, move: boolean): Promise<number[]> {
      const list = g.document.querySelector('[data-testid="outbox-list"]') as HTMLElement
      const frames: number[] = []
      const t0 = performance.now()
      let last = t0
      await new Promise<void>((resolve) => {
        const step = (now: number) => {
          frames.push(now - last)
          last = now
          if (move) list.scrollTop = ((now - t0) / ms) * (list.scrollHeight - list.clientHeight)
          if (now - t0 < ms) requestAnimationFrame(step)
          else resolve()
        }
        requestAnimationFrame(step)
      })
      return frames.slice(1)
    },
    rows: () => g.document.querySelectorAll('[data-testid="outbox-row"]').length,
    count: () => Number((g.document.querySelector('[data-testid="outbox-list"]') as HTMLElement | null)?.dataset.count ?? 0),
  }
  g.document.title = 'ui-ready'
}
void main()
