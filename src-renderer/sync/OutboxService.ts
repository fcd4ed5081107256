import { ArmError } from '../../src-shared/errors'
import type { ArmDb } from '../db/ArmDb'
import type { DocumentRecord, OutboxItem, OutboxState, RequestRecord } from '../db/types'
import { OutboxCounter } from './OutboxCounter'
import type { ClockPort } from './ports'

/** Wakes the sender (in this window directly, in other windows through a BroadcastChannel adapter). */
export interface WakePort {
  notify(): void
  subscribe(listener: () => void): () => void
}

export class LocalWake implements WakePort {
  private listeners = new Set<() => void>()
  notify(): void {
    for (const l of [...this.listeners]) l()
  }
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}

export const OUTBOX_STATES: readonly OutboxState[] = ['pending', 'in_flight', 'sent', 'rejected', 'dead', 'cancelled']

/** The queue filters of the UI. */
export type OutboxFilter = 'needs_attention' | 'in_progress' | 'done'
export const FILTER_STATES: Record<OutboxFilter, OutboxState[]> = {
  needs_attention: ['rejected', 'dead'],
  in_progress: ['pending', 'in_flight'],
  done: ['sent', 'cancelled'],
}

export interface SignedRequestInput {
  request: Omit<RequestRecord, 'state' | 'createdAt' | 'updatedAt'> & { envelope: Uint8Array; signature: string; envelopeId: string }
  documents: Omit<DocumentRecord, 'createdAt' | 'requestId'>[]
}

const MIN_REASON = 3

/**
 * The operator-facing side of the outbox: enqueue (atomically with the request's signed→queued change), counts,
 * filtered lists, retry and cancel-with-reason. Sending is the OutboxSender's job.
 */
export class OutboxService {
  constructor(
    private readonly deps: {
      db: ArmDb
      clock: ClockPort
      wake?: WakePort
      newId?: () => string
      /** The signed-in person (user id): owns what they queue and sees only their own queue (and unowned items). */
      owner?: () => string | undefined
    },
  ) {}

  private liveCounts: OutboxCounter | undefined

  /** The counts per state, kept incrementally (made on first use: its hooks then see every later write). */
  get counter(): OutboxCounter {
    this.liveCounts ??= new OutboxCounter(this.deps.db)
    return this.liveCounts
  }

  private newId(): string {
    return this.deps.newId ? this.deps.newId() : globalThis.crypto.randomUUID()
  }

  private newItem(request: RequestRecord, now: number): OutboxItem {
    return {
      id: this.newId(),
      // Derived from the signed envelope: the same envelope can never be registered twice, whichever desk sends it.
      idempotencyKey: `env-${request.envelopeId}`,
      orderingKey: request.id,
      state: 'pending',
      attempts: 0,
      nextAttemptAt: now,
      createdAt: now,
      windowStartedAt: now,
      updatedAt: now,
      history: [{ at: now, kind: 'enqueued' }],
      ...(this.deps.owner?.() ? { ownerId: this.deps.owner() } : {}),
    }
  }

  /** True when the queue view is one person's (someone is signed in), not the whole desk's. */
  personal(): boolean {
    return !!this.deps.owner?.()
  }

  /** Whether an item is in the signed-in person's queue view. */
  mine(): (item: OutboxItem) => boolean {
    const me = this.deps.owner?.()
    return (item) => !me || !item.ownerId || item.ownerId === me
  }

  /** Stores a signed request with its scans and queues it: one transaction, so a crash leaves either all or nothing. */
  async enqueueSigned(input: SignedRequestInput): Promise<OutboxItem> {
    const { db, clock } = this.deps
    const now = clock.now()
    const request: RequestRecord = { ...input.request, state: 'queued', createdAt: now, updatedAt: now }
    const item = this.newItem(request, now)
    await db.transaction('rw', [db.requests, db.documents, db.outbox, db.audit], async () => {
      const existing = await db.requests.get(request.id)
      if (existing && existing.state !== 'signed' && existing.state !== 'draft') {
        throw new ArmError('OUTBOX_BAD_STATE', `request already ${existing.state}`, { requestId: request.id })
      }
      await db.documents.bulkPut(input.documents.map((d) => ({ ...d, requestId: request.id, createdAt: now })))
      await db.requests.put(request)
      await db.outbox.add(item)
      await db.audit.add({ at: now, action: 'outbox.enqueue', requestId: request.id, outboxId: item.id })
    })
    this.deps.wake?.notify()
    return item
  }

  /** Queues a request already stored as `signed`. Its scans must be in the documents store. */
  async enqueue(requestId: string): Promise<OutboxItem> {
    const { db, clock } = this.deps
    const item = await db.transaction('rw', [db.requests, db.documents, db.outbox, db.audit], async () => {
      const now = clock.now()
      const request = await db.requests.get(requestId)
      if (!request) throw new ArmError('NOT_FOUND', 'request not found', { requestId })
      if (request.state !== 'signed' || !request.envelope || !request.signature || !request.envelopeId) {
        throw new ArmError('OUTBOX_NOT_SIGNED', `request is ${request.state}`, { requestId })
      }
      const docs = await db.documents.bulkGet(request.documentHashes)
      const missing = request.documentHashes.filter((_, i) => !docs[i])
      if (missing.length) throw new ArmError('OUTBOX_DOCUMENT_MISSING', 'scan missing', { requestId, missing })
      const created = this.newItem(request, now)
      await db.requests.update(requestId, { state: 'queued', updatedAt: now })
      await db.outbox.add(created)
      await db.audit.add({ at: now, action: 'outbox.enqueue', requestId, outboxId: created.id })
      return created
    })
    this.deps.wake?.notify()
    return item
  }

  async counts(): Promise<Record<OutboxState, number>> {
    // The whole desk's counts are kept incrementally; one person's queue is counted over their items.
    if (!this.deps.owner?.()) return this.counter.get()
    const out = {} as Record<OutboxState, number>
    const mine = this.mine()
    await Promise.all(OUTBOX_STATES.map(async (s) => (out[s] = await this.deps.db.outbox.where('state').equals(s).filter(mine).count())))
    return out
  }

  /** Items of a filter, newest change first, read through the [state+updatedAt] index (no table scan). */
  async list(filter: OutboxFilter, limit = Infinity): Promise<OutboxItem[]> {
    const { db } = this.deps
    const mine = this.deps.owner?.() ? this.mine() : undefined
    const parts = await Promise.all(
      FILTER_STATES[filter].map((s) => {
        const all = db.outbox.where('[state+updatedAt]').between([s, -Infinity], [s, Infinity]).reverse()
        const c = mine ? all.filter(mine) : all
        return Number.isFinite(limit) ? c.limit(limit).toArray() : c.toArray()
      }),
    )
    const merged = parts.flat().sort((a, b) => b.updatedAt - a.updatedAt)
    return Number.isFinite(limit) ? merged.slice(0, limit) : merged
  }

  /** From the incrementally kept counts: no count over the index on each call. */
  async needsAttentionCount(): Promise<number> {
    const counts = await this.counts()
    return FILTER_STATES.needs_attention.reduce((n, s) => n + counts[s], 0)
  }

  /** Operator retry of a rejected or dead item: a fresh attempt budget and age window, same idempotency key. */
  async retry(itemId: string): Promise<void> {
    const { db, clock } = this.deps
    await db.transaction('rw', [db.outbox, db.requests, db.audit], async () => {
      const now = clock.now()
      const item = await db.outbox.get(itemId)
      if (!item) throw new ArmError('OUTBOX_ITEM_NOT_FOUND', undefined, { itemId })
      if (item.state !== 'dead' && item.state !== 'rejected') throw new ArmError('OUTBOX_BAD_STATE', item.state, { itemId })
      await db.outbox.update(itemId, {
        state: 'pending',
        attempts: 0,
        nextAttemptAt: now,
        windowStartedAt: now,
        updatedAt: now,
        history: [...item.history, { at: now, kind: 'operator_retry' }],
      })
      await db.requests.update(item.orderingKey, { state: 'queued', updatedAt: now })
      await db.audit.add({ at: now, action: 'outbox.retry', requestId: item.orderingKey, outboxId: itemId })
    })
    this.deps.wake?.notify()
  }

  /** Operator cancel with a reason. Not possible while the item is in flight or once sent. */
  async cancel(itemId: string, reason: string): Promise<void> {
    const { db, clock } = this.deps
    const trimmed = reason.trim()
    if (trimmed.length < MIN_REASON) throw new ArmError('OUTBOX_CANCEL_REASON_REQUIRED')
    await db.transaction('rw', [db.outbox, db.requests, db.audit], async () => {
      const now = clock.now()
      const item = await db.outbox.get(itemId)
      if (!item) throw new ArmError('OUTBOX_ITEM_NOT_FOUND', undefined, { itemId })
      if (item.state !== 'pending' && item.state !== 'dead' && item.state !== 'rejected') {
        throw new ArmError('OUTBOX_BAD_STATE', item.state, { itemId })
      }
      await db.outbox.update(itemId, {
        state: 'cancelled',
        cancelReason: trimmed,
        updatedAt: now,
        history: [...item.history, { at: now, kind: 'cancelled', code: 'OUTBOX_CANCELLED', message: trimmed }],
      })
      await db.requests.update(item.orderingKey, { state: 'cancelled', updatedAt: now })
      await db.audit.add({ at: now, action: 'outbox.cancel', requestId: item.orderingKey, outboxId: itemId, detail: { reason: trimmed } })
    })
  }
}
