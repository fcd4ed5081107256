import type { ArmDb } from '../db/ArmDb'
import type { OutboxHistoryEntry, OutboxItem, RequestRecord } from '../db/types'
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff'
import type { SendOutcome } from './classify'
import type { Connectivity } from './Connectivity'
import type { GatewayClient, SubmitAnswer } from './gatewayClient'
import type { ClockPort, LockPort, RandomPort, SessionPort } from './ports'
import type { WakePort } from './OutboxService'

export const SENDER_LOCK = 'arm-outbox-sender'

export interface SenderLimits {
  /** Attempts before an item goes dead. */
  maxAttempts: number
  /** Age (from enqueue or the operator's last retry) after which an item goes dead, ms. */
  maxAgeMs: number
  /** How long a claimed item stays ours; past it another sender may take it over. Renewed while uploading. */
  leaseMs: number
  /** Items sent in parallel (always distinct requests). */
  concurrency: number
  /** Longest idle sleep even with nothing due (a safety net; wake-ups normally come first). */
  idleMaxMs: number
}

export const DEFAULT_LIMITS: SenderLimits = {
  maxAttempts: 50,
  maxAgeMs: 3 * 24 * 3600_000,
  leaseMs: 120_000,
  concurrency: 4,
  idleMaxMs: 60_000,
}

export interface SenderEvent {
  type: 'sent' | 'rejected' | 'dead' | 'retry' | 'progress'
  itemId: string
  requestId: string
  registrationNumber?: string
  code?: string
}

type Failure = Exclude<SendOutcome, { kind: 'ok' }>

/**
 * Delivers outbox items: scans first by hash (HEAD, then PUT if absent), then the signed envelope with its
 * Idempotency-Key. Exactly one sender runs across all windows: it holds a Web Lock for as long as it lives, so when its
 * window closes or crashes the lock passes to another window, which first takes back the items left in flight (the
 * gateway dedupes the repeat by idempotency key).
 */
export class OutboxSender {
  private readonly limits: SenderLimits
  private readonly policy: BackoffPolicy
  private stopCtl = new AbortController()
  private sleepCtl?: AbortController
  private wakeRequested = false
  private running?: Promise<void>
  private readonly busyKeys = new Set<string>()
  private unsubs: (() => void)[] = []
  /** True while this instance holds the lock and sends. */
  active = false

  constructor(
    private readonly deps: {
      db: ArmDb
      gateway: GatewayClient
      session: SessionPort
      clock: ClockPort
      random: RandomPort
      locks: LockPort
      connectivity?: Connectivity
      wake?: WakePort
      ownerId: string
      limits?: Partial<SenderLimits>
      backoff?: BackoffPolicy
      onEvent?: (e: SenderEvent) => void
    },
  ) {
    this.limits = { ...DEFAULT_LIMITS, ...deps.limits }
    this.policy = deps.backoff ?? DEFAULT_BACKOFF
  }

  /** Queues for the lock and, once held, sends until stop(). Returns at once; `done` settles when it ends. */
  start(): void {
    if (this.running) return
    this.stopCtl = new AbortController()
    if (this.deps.wake) this.unsubs.push(this.deps.wake.subscribe(() => this.wake()))
    if (this.deps.connectivity) {
      this.unsubs.push(
        this.deps.connectivity.subscribe((up, outage) => {
          if (up && outage) void this.onReconnect()
          else if (up) this.wake()
        }),
      )
    }
    this.running = this.deps.locks
      .request(SENDER_LOCK, () => this.holdLock(), { signal: this.stopCtl.signal })
      .catch((err: unknown) => {
        // An aborted wait for the lock is a normal stop.
        if (!this.stopCtl.signal.aborted) throw err
      })
  }

  get done(): Promise<void> {
    return this.running ?? Promise.resolve()
  }

  async stop(): Promise<void> {
    this.stopCtl.abort()
    this.sleepCtl?.abort()
    for (const u of this.unsubs.splice(0)) u()
    await this.running?.catch(() => undefined)
    this.running = undefined
  }

  /** Something changed (enqueue, operator retry, reconnect): look for due work now. */
  wake(): void {
    this.wakeRequested = true
    this.sleepCtl?.abort()
  }

  /** Reconnected: items waiting out a network backoff are due now — drain at once rather than at their next slot. */
  private async onReconnect(): Promise<void> {
    const now = this.deps.clock.now()
    await this.deps.db.outbox
      .where('[state+nextAttemptAt]')
      .between(['pending', -Infinity], ['pending', Infinity])
      .modify((item) => {
        if (item.nextAttemptAt > now && item.lastError?.code === 'OUTBOX_NETWORK') item.nextAttemptAt = now
      })
      .catch(() => undefined)
    this.wake()
  }

  private async holdLock(): Promise<void> {
    this.active = true
    try {
      await this.reclaimInFlight()
      await this.loop()
    } finally {
      this.active = false
    }
  }

  /** We hold the only sender lock, so anything in flight was left by a sender that died: make it due again. */
  private async reclaimInFlight(): Promise<void> {
    const { db, clock } = this.deps
    const now = clock.now()
    await db.transaction('rw', db.outbox, async () => {
      await db.outbox
        .where('state')
        .equals('in_flight')
        .modify((item) => {
          item.state = 'pending'
          item.nextAttemptAt = now
          item.updatedAt = now
          item.leaseOwner = undefined
          item.leaseUntil = undefined
          item.progress = undefined
          item.history.push({ at: now, kind: 'interrupted', attempt: item.attempts })
        })
    })
  }

  private async loop(): Promise<void> {
    const stop = this.stopCtl.signal
    while (!stop.aborted) {
      const conn = this.deps.connectivity
      if (conn && !conn.online) {
        // Offline: wait for the link, no polling here (Connectivity probes /health with backoff).
        this.wakeRequested = false
        await this.interruptible((signal) => conn.waitOnline(signal))
        continue
      }
      this.wakeRequested = false
      await Promise.all(Array.from({ length: this.limits.concurrency }, () => this.worker()))
      if (stop.aborted) break
      if (this.wakeRequested) continue
      const next = await this.nextDueAt()
      const delay = Math.min(this.limits.idleMaxMs, next === undefined ? Infinity : next - this.deps.clock.now())
      if (delay <= 0) continue
      if (this.wakeRequested) continue
      await this.interruptible((signal) => this.deps.clock.sleep(delay, signal))
    }
  }

  /** Runs a wait that ends early on stop() or wake(). */
  private async interruptible(wait: (signal: AbortSignal) => Promise<void>): Promise<void> {
    const ctl = new AbortController()
    const stop = this.stopCtl.signal
    const onStop = (): void => ctl.abort()
    stop.addEventListener('abort', onStop, { once: true })
    this.sleepCtl = ctl
    if (stop.aborted || this.wakeRequested) ctl.abort()
    try {
      await wait(ctl.signal)
    } finally {
      stop.removeEventListener('abort', onStop)
      if (this.sleepCtl === ctl) this.sleepCtl = undefined
    }
  }

  private async nextDueAt(): Promise<number | undefined> {
    const db = this.deps.db
    const [pending, inFlight] = await Promise.all([
      db.outbox.where('[state+nextAttemptAt]').between(['pending', -Infinity], ['pending', Infinity]).first(),
      db.outbox.where('[state+nextAttemptAt]').between(['in_flight', -Infinity], ['in_flight', Infinity]).first(),
    ])
    const times = [pending?.nextAttemptAt, inFlight?.nextAttemptAt].filter((t): t is number => t !== undefined)
    return times.length ? Math.min(...times) : undefined
  }

  private async worker(): Promise<void> {
    const stop = this.stopCtl.signal
    while (!stop.aborted) {
      if (this.deps.connectivity && !this.deps.connectivity.online) return
      const item = await this.claimNext()
      if (!item) return
      try {
        await this.process(item)
      } finally {
        this.busyKeys.delete(item.orderingKey)
      }
    }
  }

  /**
   * Atomically takes the next due item: pending and due, or in flight with an expired lease (its sender died without
   * releasing the lock cleanly). Skips requests already being sent and items queued behind an earlier one of the same
   * request, so one request's versions go out in order while other requests are never held up.
   */
  private async claimNext(): Promise<OutboxItem | undefined> {
    const { db, clock } = this.deps
    return db.transaction('rw', db.outbox, async () => {
      const now = clock.now()
      const candidates = [
        ...(await db.outbox.where('[state+nextAttemptAt]').between(['pending', -Infinity], ['pending', now], true, true).limit(this.limits.concurrency * 4 + 8).toArray()),
        ...(await db.outbox.where('[state+nextAttemptAt]').between(['in_flight', -Infinity], ['in_flight', now], true, true).limit(8).toArray()),
      ]
      for (const c of candidates) {
        if (this.busyKeys.has(c.orderingKey)) continue
        const earlier = await db.outbox
          .where('orderingKey')
          .equals(c.orderingKey)
          .filter((o) => o.id !== c.id && o.createdAt < c.createdAt && (o.state === 'pending' || o.state === 'in_flight'))
          .count()
        if (earlier > 0) continue
        const attempt = c.attempts + 1
        const claimed: OutboxItem = {
          ...c,
          state: 'in_flight',
          attempts: attempt,
          leaseOwner: this.deps.ownerId,
          leaseUntil: now + this.limits.leaseMs,
          nextAttemptAt: now + this.limits.leaseMs,
          updatedAt: now,
          progress: undefined,
          history: [...c.history, { at: now, kind: 'attempt', attempt }],
        }
        await db.outbox.put(claimed)
        this.busyKeys.add(c.orderingKey)
        return claimed
      }
      return undefined
    })
  }

  private async process(item: OutboxItem): Promise<void> {
    const { db } = this.deps
    const request = await db.requests.get(item.orderingKey)
    if (!request || !request.envelope || !request.signature) {
      return this.finishFailure(item, { kind: 'reject', code: 'OUTBOX_NOT_SIGNED', httpStatus: 0 })
    }
    const uploaded = await this.withReauth(() => this.uploadDocuments(item, request))
    if (uploaded.kind !== 'ok') return this.finishFailure(item, uploaded)
    let answer: SubmitAnswer | undefined
    const submitted = await this.withReauth(async () => {
      const r = await this.deps.gateway.submit(item.idempotencyKey, request.envelope!, request.signature!)
      if (r.outcome.kind === 'ok' && 'value' in r) answer = r.value
      return r.outcome
    })
    if (submitted.kind !== 'ok' || !answer) return this.finishFailure(item, submitted.kind === 'ok' ? { kind: 'retry', code: 'OUTBOX_BAD_RESPONSE' } : submitted)
    this.deps.connectivity?.reportSuccess()
    await this.finishSent(item, answer)
  }

  /** 401 → renew the session once and repeat the step; if the operator must sign in, wait with backoff. */
  private async withReauth(step: () => Promise<SendOutcome>): Promise<SendOutcome> {
    const first = await step()
    if (first.kind !== 'reauth') return first
    const token = await this.deps.session.reauthenticate().catch(() => null)
    if (!token) return { kind: 'retry', code: 'OUTBOX_REAUTH_REQUIRED', httpStatus: 401, message: first.message }
    const second = await step()
    if (second.kind === 'reauth') return { kind: 'retry', code: 'OUTBOX_REAUTH_REQUIRED', httpStatus: 401, message: second.message }
    return second
  }

  private async uploadDocuments(item: OutboxItem, request: RequestRecord): Promise<SendOutcome> {
    const { db, gateway, clock } = this.deps
    const hashes = request.documentHashes
    if (!hashes.length) return { kind: 'ok' }
    const docs = await db.documents.bulkGet(hashes)
    const total = docs.reduce((n, d) => n + (d?.size ?? 0), 0)
    let sent = 0
    for (let i = 0; i < hashes.length; i++) {
      const doc = docs[i]
      if (!doc) return { kind: 'reject', code: 'OUTBOX_DOCUMENT_MISSING', httpStatus: 0, message: hashes[i] }
      const has = await gateway.hasAttachment(doc.sha256)
      if (has.outcome.kind !== 'ok') return has.outcome
      if (!('value' in has) || !has.value) {
        const put = await gateway.putAttachment(doc.sha256, doc.mediaType, doc.bytes)
        if (put.outcome.kind !== 'ok') return put.outcome
      }
      sent += doc.size
      const now = clock.now()
      // Progress for the UI, and a renewed lease: a long upload must not look abandoned.
      await db.outbox.update(item.id, {
        progress: { sent, total },
        leaseUntil: now + this.limits.leaseMs,
        nextAttemptAt: now + this.limits.leaseMs,
      })
      this.deps.onEvent?.({ type: 'progress', itemId: item.id, requestId: item.orderingKey })
    }
    return { kind: 'ok' }
  }

  private async finishSent(item: OutboxItem, answer: SubmitAnswer): Promise<void> {
    const { db, clock } = this.deps
    const now = clock.now()
    await db.transaction('rw', [db.outbox, db.requests, db.statuses, db.audit], async () => {
      const current = await db.outbox.get(item.id)
      if (!current || current.state !== 'in_flight' || current.leaseOwner !== this.deps.ownerId) return
      await db.outbox.update(item.id, {
        state: 'sent',
        updatedAt: now,
        leaseOwner: undefined,
        leaseUntil: undefined,
        lastError: undefined,
        history: [...current.history, { at: now, kind: 'sent', attempt: current.attempts }],
      })
      await db.requests.update(item.orderingKey, {
        state: 'registered',
        registrationNumber: answer.registrationNumber,
        gatewayRequestId: answer.requestId,
        gatewayStatus: answer.status,
        gatewayStatusAt: now,
        updatedAt: now,
      })
      await db.statuses.add({ requestId: item.orderingKey, registrationNumber: answer.registrationNumber, status: answer.status, at: now, source: 'submit' })
      await db.audit.add({ at: now, action: 'outbox.sent', requestId: item.orderingKey, outboxId: item.id, detail: { registrationNumber: answer.registrationNumber } })
    })
    this.deps.onEvent?.({ type: 'sent', itemId: item.id, requestId: item.orderingKey, registrationNumber: answer.registrationNumber })
  }

  private async finishFailure(item: OutboxItem, outcome: Failure): Promise<void> {
    const { db, clock, random } = this.deps
    const now = clock.now()
    if (outcome.kind === 'retry' && outcome.network) this.deps.connectivity?.reportFailure()
    let event: SenderEvent['type'] = 'retry'
    await db.transaction('rw', [db.outbox, db.requests, db.audit], async () => {
      const current = await db.outbox.get(item.id)
      if (!current || current.state !== 'in_flight' || current.leaseOwner !== this.deps.ownerId) return
      const lastError = { code: outcome.code, httpStatus: outcome.httpStatus, message: outcome.message?.slice(0, 300), at: now }
      const base = { updatedAt: now, lastError, leaseOwner: undefined, leaseUntil: undefined, progress: undefined }
      const entry: OutboxHistoryEntry = { at: now, kind: 'attempt', attempt: current.attempts, code: outcome.code, httpStatus: outcome.httpStatus, message: lastError.message }
      const history = [...current.history.slice(0, -1), { ...current.history[current.history.length - 1], ...entry }]
      if (outcome.kind === 'reject') {
        event = 'rejected'
        await db.outbox.update(item.id, { ...base, state: 'rejected', history: [...history, { at: now, kind: 'rejected', code: outcome.code }] })
        await db.requests.update(item.orderingKey, { state: 'rejected', updatedAt: now })
        await db.audit.add({ at: now, action: 'outbox.rejected', requestId: item.orderingKey, outboxId: item.id, detail: { code: outcome.code } })
        return
      }
      const windowStart = current.windowStartedAt ?? current.createdAt
      const deadCode =
        current.attempts >= this.limits.maxAttempts ? 'OUTBOX_DEAD_ATTEMPTS' : now - windowStart >= this.limits.maxAgeMs ? 'OUTBOX_DEAD_AGE' : undefined
      if (deadCode) {
        event = 'dead'
        await db.outbox.update(item.id, { ...base, state: 'dead', history: [...history, { at: now, kind: 'dead', code: deadCode }] })
        await db.audit.add({ at: now, action: 'outbox.dead', requestId: item.orderingKey, outboxId: item.id, detail: { code: deadCode, last: outcome.code } })
        return
      }
      const retryAfterMs = outcome.kind === 'retry' ? outcome.retryAfterMs : undefined
      const delayMs = backoffDelay(current.attempts, random, this.policy, retryAfterMs)
      await db.outbox.update(item.id, {
        ...base,
        state: 'pending',
        nextAttemptAt: now + delayMs,
        history: [...history, { at: now, kind: 'retry_scheduled', delayMs, code: outcome.code }],
      })
    })
    this.deps.onEvent?.({ type: event, itemId: item.id, requestId: item.orderingKey, code: outcome.code })
  }
}
