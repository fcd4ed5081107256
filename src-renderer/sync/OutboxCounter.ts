import type { Transaction } from 'dexie'
import type { ArmDb } from '../db/ArmDb'
import type { OutboxItem, OutboxState } from '../db/types'

export type OutboxCounts = Record<OutboxState, number>

// Complete by type: a new OutboxState is a compile error here.
const zero = (): OutboxCounts => ({ pending: 0, in_flight: 0, sent: 0, rejected: 0, dead: 0, cancelled: 0 })
const STATES = Object.keys(zero()) as OutboxState[]

/** Tells the desk's other windows that this one changed the queue (BroadcastChannel in the browser). */
export interface CountsChannel {
  post(): void
  subscribe(listener: () => void): () => void
  close(): void
}

export function broadcastCountsChannel(name: string): CountsChannel | undefined {
  if (typeof BroadcastChannel === 'undefined') return undefined
  const channel = new BroadcastChannel(name)
  // Node (tests, bench) has BroadcastChannel too: an open channel must not keep the process alive.
  ;(channel as { unref?: () => void }).unref?.()
  const listeners = new Set<() => void>()
  channel.onmessage = () => {
    for (const l of [...listeners]) l()
  }
  return {
    post: () => channel.postMessage(1),
    subscribe: (l) => {
      listeners.add(l)
      return () => void listeners.delete(l)
    },
    close: () => channel.close(),
  }
}

/**
 * The queue's counts per state, kept incrementally: counted once through the state index, then moved by the outbox
 * table's own write hooks (creating, updating the state, deleting) when their transaction commits — so one more send
 * costs a few additions, not a recount of 100,000 items on every change (the top bar shows these counts all day).
 *
 * The first count runs in a read-write transaction on the outbox: IndexedDB serialises it with every other write on
 * that table, so a write either committed before the count (its delta is in the count and is dropped) or commits
 * after it (its delta is applied). A change made by another window of the desk arrives as a message and is recounted.
 */
export class OutboxCounter {
  private counts: OutboxCounts | undefined
  private counting: Promise<void> | undefined
  private readonly listeners = new Set<() => void>()
  private readonly pending = new WeakMap<Transaction, OutboxCounts>()
  private recountTimer: ReturnType<typeof setTimeout> | undefined
  private unsubscribeRemote: (() => void) | undefined

  constructor(
    private readonly db: ArmDb,
    private readonly channel: CountsChannel | undefined = broadcastCountsChannel(`arm-outbox-counts:${db.name}`),
  ) {
    const table = db.outbox
    table.hook('creating', (_key, obj: OutboxItem, tx) => this.add(tx, obj.state, 1))
    table.hook('updating', (mods: Partial<OutboxItem>, _key, obj: OutboxItem, tx) => {
      if ('state' in mods && mods.state !== obj.state) {
        this.add(tx, obj.state, -1)
        if (mods.state) this.add(tx, mods.state, 1)
      }
    })
    table.hook('deleting', (_key, obj: OutboxItem | undefined, tx) => {
      if (obj) this.add(tx, obj.state, -1)
    })
    this.unsubscribeRemote = channel?.subscribe(() => this.scheduleRecount())
  }

  /** The counts, or undefined until the first count is done (it starts on first use). */
  current(): OutboxCounts | undefined {
    if (!this.counts) void this.recount()
    return this.counts
  }

  /** The counts, counting first if needed. */
  async get(): Promise<OutboxCounts> {
    if (!this.counts) await this.recount()
    return { ...this.counts! }
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => void this.listeners.delete(listener)
  }

  close(): void {
    this.unsubscribeRemote?.()
    this.channel?.close()
    if (this.recountTimer) clearTimeout(this.recountTimer)
  }

  private recount(): Promise<void> {
    this.counting ??= (async () => {
      try {
        const fresh = zero()
        await this.db.transaction('rw', this.db.outbox, async () => {
          for (const s of STATES) fresh[s] = await this.db.outbox.where('state').equals(s).count()
        })
        this.counts = fresh
        this.emit()
      } finally {
        this.counting = undefined
      }
    })()
    return this.counting
  }

  private scheduleRecount(): void {
    if (this.recountTimer) return
    this.recountTimer = setTimeout(() => {
      this.recountTimer = undefined
      void this.recount()
    }, 50)
  }

  private add(tx: Transaction, state: OutboxState, n: number): void {
    let delta = this.pending.get(tx)
    if (!delta) {
      const d = zero()
      delta = d
      this.pending.set(tx, d)
      tx.on('complete', () => this.apply(d))
    }
    delta[state] += n
  }

  private apply(delta: OutboxCounts): void {
    this.channel?.post()
    // Before the first count (or while it runs) the count itself will hold this write.
    if (!this.counts || this.counting) return
    const next = { ...this.counts }
    for (const s of STATES) next[s] += delta[s]
    this.counts = next
    this.emit()
  }

  private emit(): void {
    for (const l of [...this.listeners]) l()
  }
}
