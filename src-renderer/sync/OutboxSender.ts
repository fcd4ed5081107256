import type { ArmDb } from '../db/ArmDb'
import type { AuditRecord, OutboxHistoryEntry, OutboxItem, RequestRecord, StatusRecord } from '../db/types'
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff'
import type { SendOutcome } from './classify'
import type { Connectivity } from './Connectivity'
import type { OutboxTransport, SubmitAnswer } from './transport'
import type { ClockPort, LockPort, RandomPort, SessionPort } from './ports'
import type { WakePort } from './OutboxService'
import { WriteBatcher } from './WriteBatcher'

export const SENDER_LOCK = 'arm-outbox-sender'
/** Scans of one request uploaded in parallel. */
const DOCUMENT_LANES = 3
/** Longest wait for more answers before recording the sent ones (off the wire path: the slot is already free). */
const SENT_GATHER_MS = 40
/** Least time between two progress writes of one item (the lease is renewed with them; it lasts far longer). */
const PROGRESS_WRITE_MS = 1_000

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

/** A claimed item with its request, and the item as it was before the claim (to hand it back if never started). */
interface Claimed {
  item: OutboxItem
  request: RequestRecord | undefined
  before: OutboxItem
}

interface SentRecord {
  item: OutboxItem
  answer: SubmitAnswer
  bytes: number
}

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
  /** Answers waiting to be recorded as sent, written together (group commit). */
  private readonly sentLog: WriteBatcher<SentRecord>
  /** True while this instance holds the lock and sends. */
  active = false

  constructor(
    private readonly deps: {
      db: ArmDb
      gateway: OutboxTransport
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
    // About one answer per slot gathered per transaction; the wait is bounded and never holds a slot.
    this.sentLog = new WriteBatcher((batch) => this.recordSent(batch), { maxBatch: Math.max(2, this.limits.concurrency), gatherMs: SENT_GATHER_MS })
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
      await this.drainDue()
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

  /**
   * Sends everything due with at most `concurrency` distinct requests on the wire, and keeps that pool full:
   * - items are claimed AHEAD (up to twice the pool more than the slots), one claim transaction per batch of at least a
   *   pool's worth, running while the slots are busy — so a freed slot starts its next item at once instead of
   *   waiting for a claim, and claims cost one transaction per several items;
   * - a slot is freed as soon as the gateway answers the envelope; recording the item as sent (item, request, status,
   *   audit) happens off the wire path, several answers per transaction (recordSent via WriteBatcher). The request
   *   stays busy — no later version of it is claimed — until its record is written.
   * Claimed items not started when the drain ends (stop, link lost) are handed back untouched (releaseUnstarted).
   */
  private async drainDue(): Promise<void> {
    const stop = this.stopCtl.signal
    const slots = this.limits.concurrency
    const ahead = 2 * slots
    const running = new Set<Promise<void>>()
    const settling = new Set<Promise<void>>()
    const ready: Claimed[] = []
    let claiming: Promise<void> | undefined
    let exhausted = false
    let crashed: { error: unknown } | undefined
    const fail = (error: unknown): void => void (crashed ??= { error })
    const offline = (): boolean => !!this.deps.connectivity && !this.deps.connectivity.online

    const claimMore = (): void => {
      if (claiming || exhausted) return
      // Refill once the reserve is down to one pool's worth: batches of at least a pool, before the slots run dry.
      if (ready.length > slots) return
      const want = slots + ahead - running.size - ready.length
      if (want <= 0) return
      claiming = this.claimDue(want)
        .then((claimed) => {
          // Fewer than asked: nothing else is due now. Look again only when a request settles (its next version may
          // have become due) — not in a tight loop.
          if (claimed.length < want) exhausted = true
          ready.push(...claimed)
        }, fail)
        .finally(() => (claiming = undefined))
    }

    const launch = (c: Claimed): void => {
      const { item } = c
      let freeSlot!: () => void
      const wire = new Promise<void>((resolve) => (freeSlot = resolve))
      const settled = this.process(c, freeSlot)
        // An unexpected throw (not a send outcome) stops this sender as before; the item stays in flight and the next
        // sender reclaims it. The other sends finish first.
        .catch(fail)
        .finally(() => {
          freeSlot()
          this.busyKeys.delete(item.orderingKey)
          settling.delete(settled)
          exhausted = false
        })
      settling.add(settled)
      const slot: Promise<void> = wire.then(() => void running.delete(slot))
      running.add(slot)
    }

    while (!crashed && !stop.aborted && !offline()) {
      while (running.size < slots && ready.length) launch(ready.shift()!)
      claimMore()
      if (!running.size && !ready.length && !claiming) {
        if (!settling.size) break
        // Only records are left: write them now (nothing else is on its way), then look again — one of them may make
        // a later version of its request due.
        this.sentLog.flush()
        await Promise.race(settling)
        continue
      }
      await Promise.race(claiming ? [...running, claiming] : running)
    }
    await claiming
    await Promise.all(running)
    if (ready.length) await this.releaseUnstarted(ready.splice(0)).catch(fail)
    this.sentLog.flush()
    await Promise.all(settling)
    if (crashed) throw crashed.error
  }

  /** Claimed ahead but never started: back to exactly what they were before the claim (no attempt spent). */
  private async releaseUnstarted(items: Claimed[]): Promise<void> {
    const { db } = this.deps
    await db.transaction('rw', db.outbox, async () => {
      const current = await db.outbox.bulkGet(items.map((c) => c.item.id))
      const back = items.filter((c, i) => {
        const cur = current[i]
        return cur && cur.state === 'in_flight' && cur.leaseOwner === this.deps.ownerId && cur.attempts === c.item.attempts
      })
      if (back.length) await db.outbox.bulkPut(back.map((c) => c.before))
    })
    for (const c of items) this.busyKeys.delete(c.item.orderingKey)
  }

  /**
   * Atomically takes up to `max` due items in ONE transaction: pending and due, or in flight with an expired lease (its
   * sender died without releasing the lock cleanly). Skips requests already being sent and items queued behind an
   * earlier one of the same request, so one request's versions go out in order while other requests are never held
   * up. Reads the claimed items' requests in the same transaction (small records; the scans are read only to upload).
   */
  private async claimDue(max: number): Promise<Claimed[]> {
    const { db, clock } = this.deps
    return db.transaction('rw', db.outbox, db.requests, async () => {
      const now = clock.now()
      const [pending, abandoned] = await Promise.all([
        db.outbox.where('[state+nextAttemptAt]').between(['pending', -Infinity], ['pending', now], true, true).limit(max * 2 + 4).toArray(),
        db.outbox.where('[state+nextAttemptAt]').between(['in_flight', -Infinity], ['in_flight', now], true, true).limit(4).toArray(),
      ])
      const candidates = [...pending, ...abandoned].filter((c) => !this.busyKeys.has(c.orderingKey))
      const taken = new Set<string>()
      const claimed: OutboxItem[] = []
      const before: OutboxItem[] = []
      let at = 0
      while (claimed.length < max && at < candidates.length) {
        // The next few candidates of distinct requests, and each one's siblings (one index getAll per request, all
        // issued together; usually just the item itself): an earlier version still to send holds a later one back.
        const chunk: OutboxItem[] = []
        while (chunk.length < max - claimed.length && at < candidates.length) {
          const c = candidates[at++]
          if (taken.has(c.orderingKey)) continue
          taken.add(c.orderingKey)
          chunk.push(c)
        }
        const siblings = await Promise.all(chunk.map((c) => db.outbox.where('orderingKey').equals(c.orderingKey).toArray()))
        chunk.forEach((c, i) => {
          const earlier = siblings[i].some((o) => o.id !== c.id && o.createdAt < c.createdAt && (o.state === 'pending' || o.state === 'in_flight'))
          if (earlier) return
          const attempt = c.attempts + 1
          before.push(c)
          claimed.push({
            ...c,
            state: 'in_flight',
            attempts: attempt,
            leaseOwner: this.deps.ownerId,
            leaseUntil: now + this.limits.leaseMs,
            nextAttemptAt: now + this.limits.leaseMs,
            updatedAt: now,
            progress: undefined,
            history: [...c.history, { at: now, kind: 'attempt', attempt }],
          })
        })
      }
      if (!claimed.length) return []
      const [, requests] = await Promise.all([db.outbox.bulkPut(claimed), db.requests.bulkGet(claimed.map((c) => c.orderingKey))])
      for (const c of claimed) this.busyKeys.add(c.orderingKey)
      return claimed.map((item, i) => ({ item, request: requests[i], before: before[i] }))
    })
  }

  /**
   * One item: scans, then the envelope. `freeSlot` is called as soon as the wire part is over, so the next item can go
   * out while this one's outcome is recorded.
   */
  private async process({ item, request }: Claimed, freeSlot: () => void): Promise<void> {
    if (!request || !request.envelope || !request.signature) {
      freeSlot()
      return this.finishFailure(item, { kind: 'reject', code: 'OUTBOX_NOT_SIGNED', httpStatus: 0 })
    }
    // Sent as the person who signed it: the gateway takes an envelope only from its signer, whoever sits at the desk now.
    const as = this.deps.session.tokenFor?.(item.ownerId)
    if (as === null) {
      freeSlot()
      return this.finishFailure(item, { kind: 'retry', code: 'OUTBOX_REAUTH_REQUIRED', httpStatus: 0 })
    }
    const reauth = (step: () => Promise<SendOutcome>) => (as === undefined ? this.withReauth(step) : this.asOwner(item.ownerId!, step))
    let bytes = 0
    const uploaded = await reauth(() => this.uploadDocuments(item, request, (total) => (bytes = total), as))
    if (uploaded.kind !== 'ok') {
      freeSlot()
      return this.finishFailure(item, uploaded)
    }
    let answer: SubmitAnswer | undefined
    const submitted = await reauth(async () => {
      const r = await this.deps.gateway.submit(item.idempotencyKey, request.envelope!, request.signature!, as)
      if (r.outcome.kind === 'ok' && 'value' in r) answer = r.value
      return r.outcome
    })
    freeSlot()
    if (submitted.kind !== 'ok' || !answer) return this.finishFailure(item, submitted.kind === 'ok' ? { kind: 'retry', code: 'OUTBOX_BAD_RESPONSE' } : submitted)
    this.deps.connectivity?.reportSuccess()
    await this.sentLog.record({ item, answer, bytes })
  }

  /** Another person's item: a 401 means their kept token ended; the desk is not locked for it, the item waits for them. */
  private async asOwner(ownerId: string, step: () => Promise<SendOutcome>): Promise<SendOutcome> {
    const outcome = await step()
    if (outcome.kind !== 'reauth') return outcome
    this.deps.session.forget?.(ownerId)
    return { kind: 'retry', code: 'OUTBOX_REAUTH_REQUIRED', httpStatus: 401, message: outcome.message }
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

  /**
   * Uploads the request's scans, a few at a time. On the first attempt each scan goes straight to PUT: the PUT is
   * idempotent (the gateway answers 200 for a hash it holds), so a HEAD first would only add a round trip per scan to
   * the common case, where the gateway has never seen it. On a later attempt a scan has probably arrived before the
   * failure, and a HEAD round trip is far cheaper than sending megabytes again, so we ask first.
   */
  private async uploadDocuments(item: OutboxItem, request: RequestRecord, onTotal: (bytes: number) => void, as?: string): Promise<SendOutcome> {
    const { db, gateway, clock } = this.deps
    const hashes = request.documentHashes
    if (!hashes.length) return { kind: 'ok' }
    const docs = await db.documents.bulkGet(hashes)
    const missing = hashes.findIndex((_, i) => !docs[i])
    if (missing >= 0) return { kind: 'reject', code: 'OUTBOX_DOCUMENT_MISSING', httpStatus: 0, message: hashes[missing] }
    const probeFirst = item.attempts > 1
    const total = docs.reduce((n, d) => n + (d?.size ?? 0), 0)
    onTotal(total)
    let sent = 0
    let done = 0
    let lastWrite = clock.now()
    let failed: SendOutcome | undefined
    let next = 0
    const uploadOne = async (doc: NonNullable<(typeof docs)[number]>): Promise<SendOutcome> => {
      if (probeFirst) {
        const has = await gateway.hasAttachment(doc.sha256, as)
        if (has.outcome.kind !== 'ok') return has.outcome
        if ('value' in has && has.value) return { kind: 'ok' }
      }
      const put = await gateway.putAttachment(doc.sha256, doc.mediaType, doc.bytes, as)
      return put.outcome
    }
    const lane = async (): Promise<void> => {
      while (!failed && next < docs.length) {
        const doc = docs[next++]!
        const outcome = await uploadOne(doc)
        if (outcome.kind !== 'ok') {
          failed ??= outcome
          return
        }
        sent += doc.size
        done++
        if (done === docs.length) continue
        this.deps.onEvent?.({ type: 'progress', itemId: item.id, requestId: item.orderingKey })
        // Progress for the UI's bar, and a renewed lease (a long upload must not look abandoned), written at most once
        // a PROGRESS_WRITE_MS per item: a fast upload needs no bar and would only pay a transaction per scan. After the
        // last scan the envelope follows at once and recordSent writes the full progress.
        const now = clock.now()
        if (now - lastWrite < PROGRESS_WRITE_MS) continue
        lastWrite = now
        await db.outbox.update(item.id, { progress: { sent, total }, leaseUntil: now + this.limits.leaseMs, nextAttemptAt: now + this.limits.leaseMs })
      }
    }
    await Promise.all(Array.from({ length: Math.min(DOCUMENT_LANES, docs.length) }, lane))
    return failed ?? { kind: 'ok' }
  }

  /**
   * Sent: item, request, status and audit written in one transaction — for every answer that arrived while the previous
   * batch was being written (WriteBatcher), so under load one transaction records several sends. Records are written
   * whole (bulkGet + bulkPut), not via Table.update, which in Dexie is a Collection.modify over a key range. An item
   * no longer in flight under our lease (taken over meanwhile) is left alone.
   */
  private async recordSent(batch: SentRecord[]): Promise<void> {
    const { db, clock } = this.deps
    const now = clock.now()
    await db.transaction('rw', [db.outbox, db.requests, db.statuses, db.audit], async () => {
      const [items, requests] = await Promise.all([
        db.outbox.bulkGet(batch.map((b) => b.item.id)),
        db.requests.bulkGet(batch.map((b) => b.item.orderingKey)),
      ])
      const outbox: OutboxItem[] = []
      const stored: RequestRecord[] = []
      const statuses: StatusRecord[] = []
      const audit: AuditRecord[] = []
      batch.forEach(({ item, answer, bytes }, i) => {
        const current = items[i]
        if (!current || current.state !== 'in_flight' || current.leaseOwner !== this.deps.ownerId) return
        outbox.push({
          ...current,
          state: 'sent',
          updatedAt: now,
          leaseOwner: undefined,
          leaseUntil: undefined,
          lastError: undefined,
          progress: bytes > 0 ? { sent: bytes, total: bytes } : current.progress,
          history: [...current.history, { at: now, kind: 'sent', attempt: current.attempts }],
        })
        const request = requests[i]
        if (request) {
          stored.push({
            ...request,
            state: 'registered',
            registrationNumber: answer.registrationNumber,
            gatewayRequestId: answer.requestId,
            gatewayStatus: answer.status,
            gatewayStatusAt: now,
            updatedAt: now,
          })
        }
        statuses.push({ requestId: item.orderingKey, registrationNumber: answer.registrationNumber, status: answer.status, at: now, source: 'submit' })
        audit.push({ at: now, action: 'outbox.sent', requestId: item.orderingKey, outboxId: item.id, detail: { registrationNumber: answer.registrationNumber } })
      })
      if (!outbox.length) return
      // Issued together: the store runs them in order within the transaction, without a task hop between each.
      await Promise.all([db.outbox.bulkPut(outbox), stored.length && db.requests.bulkPut(stored), db.statuses.bulkAdd(statuses), db.audit.bulkAdd(audit)])
    })
    for (const { item, answer } of batch) {
      this.deps.onEvent?.({ type: 'sent', itemId: item.id, requestId: item.orderingKey, registrationNumber: answer.registrationNumber })
    }
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
        await db.outbox.put({ ...current, ...base, state: 'rejected', history: [...history, { at: now, kind: 'rejected', code: outcome.code }] })
        await db.requests.update(item.orderingKey, { state: 'rejected', updatedAt: now })
        await db.audit.add({ at: now, action: 'outbox.rejected', requestId: item.orderingKey, outboxId: item.id, detail: { code: outcome.code } })
        return
      }
      const windowStart = current.windowStartedAt ?? current.createdAt
      const deadCode =
        current.attempts >= this.limits.maxAttempts ? 'OUTBOX_DEAD_ATTEMPTS' : now - windowStart >= this.limits.maxAgeMs ? 'OUTBOX_DEAD_AGE' : undefined
      if (deadCode) {
        event = 'dead'
        await db.outbox.put({ ...current, ...base, state: 'dead', history: [...history, { at: now, kind: 'dead', code: deadCode }] })
        await db.audit.add({ at: now, action: 'outbox.dead', requestId: item.orderingKey, outboxId: item.id, detail: { code: deadCode, last: outcome.code } })
        return
      }
      const retryAfterMs = outcome.kind === 'retry' ? outcome.retryAfterMs : undefined
      const delayMs = backoffDelay(current.attempts, random, this.policy, retryAfterMs)
      await db.outbox.put({
        ...current,
        ...base,
        state: 'pending',
        nextAttemptAt: now + delayMs,
        history: [...history, { at: now, kind: 'retry_scheduled', delayMs, code: outcome.code }],
      })
    })
    this.deps.onEvent?.({ type: event, itemId: item.id, requestId: item.orderingKey, code: outcome.code })
  }
}
