/**
 * Durable jobs: the queue mechanics only (CONVENTIONS §3 — mechanics apart from what a job does). A job is a row in
 * the store (kind, key, payload, when); a runner claims due rows under a lease, runs the handler of their kind, marks
 * them done, or gives them back with a growing delay. What survives a crash is the row: a job whose process died is
 * claimed again when its lease runs out, a pending one is simply still pending at the next start.
 *
 * "Done exactly once" is the pair of this and the handler: the runner may run a job again after a crash (at least
 * once), so every handler's effect is conditional in its own transaction (the automated answer writes only a request
 * that has no answer yet) — a second run finds the work done and completes without a second effect.
 *
 * Handlers: `register({ kind, run })`; recurring work (retention) with `every(kind, periodMs)`: one job per period
 * slot, keyed by the slot, so several gateway instances on one database run it once per period. Engineer `scale`
 * adds scan retention this way (`runner.register({ kind: 'scan-retention', run }); runner.every('scan-retention', day)`).
 */
import { randomUUID } from 'node:crypto'
import type { Clock } from '../ports'
import type { GatewayStore, JobRecord, StoreTx } from '../store/types'

export interface JobHandler {
  kind: string
  /** The work; throw to have it retried later. `payload` is the parsed JSON given at enqueue. */
  run(payload: unknown, job: JobRecord): Promise<void>
}

export interface JobRunnerOptions {
  /** How long a claimed job is this runner's; after that another runner (or this one after a restart) may take it. */
  leaseMs: number
  /** How often due jobs are looked for besides the wake-ups at enqueue. */
  pollMs: number
  /** Retry delays: baseMs · 2^(attempt−1), at most maxMs; after maxAttempts the job is `dead` (kept, reported). */
  backoff: { baseMs: number; maxMs: number; maxAttempts: number }
  /** Jobs run at once by this runner. */
  concurrency: number
  onError: (err: unknown, job: JobRecord) => void
}

export const DEFAULT_JOB_RUNNER_OPTIONS: JobRunnerOptions = {
  leaseMs: 30_000,
  pollMs: 1_000,
  backoff: { baseMs: 1_000, maxMs: 5 * 60_000, maxAttempts: 10 },
  concurrency: 4,
  onError: () => {},
}

export class JobRunner {
  /** This process's identity on the leases it holds. */
  readonly owner = randomUUID()
  private readonly handlers = new Map<string, JobHandler>()
  private readonly recurring = new Map<string, { periodMs: number; payload: unknown }>()
  private readonly opts: JobRunnerOptions
  private poll?: NodeJS.Timeout
  private wake?: NodeJS.Timeout
  /** When the pending wake-up fires (an earlier nudge keeps its time: a stream of nudges must not postpone it). */
  private wakeAt = Infinity
  private running = false
  /** A tick asked for while a pass runs: one more pass follows (work enqueued meanwhile is not left to the poll). */
  private again = false
  private stopped = true
  private ticking?: Promise<void>
  private readonly inFlight = new Set<Promise<void>>()

  constructor(
    private readonly store: GatewayStore,
    private readonly clock: Clock,
    opts: Partial<JobRunnerOptions> = {},
  ) {
    this.opts = { ...DEFAULT_JOB_RUNNER_OPTIONS, ...opts }
  }

  register(handler: JobHandler): void {
    if (this.handlers.has(handler.kind)) throw new Error(`job kind ${handler.kind} registered twice`)
    this.handlers.set(handler.kind, handler)
  }

  /** Runs `kind` once per period (its handler must be registered). */
  every(kind: string, periodMs: number, payload: unknown = {}): void {
    this.recurring.set(kind, { periodMs, payload })
  }

  /**
   * Adds a job (idempotent per kind + key). Inside a business transaction pass its `tx`, so the job exists exactly
   * when the change that calls for it was committed; call `nudge()` after the commit.
   */
  async enqueue(kind: string, key: string, payload: unknown, runAt: number, tx: StoreTx = this.store): Promise<boolean> {
    return tx.enqueueJob({ id: randomUUID(), kind, key, payload: JSON.stringify(payload ?? null), runAt, createdAt: this.clock.now() })
  }

  /** Looks for due work at `at` (default now) instead of waiting for the next poll. */
  nudge(at = this.clock.now()): void {
    if (this.stopped || at >= this.wakeAt) return
    if (this.wake) clearTimeout(this.wake)
    this.wakeAt = at
    this.wake = setTimeout(() => {
      this.wakeAt = Infinity
      void this.tick()
    }, Math.max(0, at - this.clock.now()))
    this.wake.unref?.()
  }

  /** Starts polling; whatever is due (left pending or stranded by a dead process) is picked up at once. */
  start(): void {
    if (!this.stopped) return
    this.stopped = false
    this.poll = setInterval(() => void this.tick(), this.opts.pollMs)
    this.poll.unref?.()
    void this.tick()
  }

  /** Stops claiming and waits for the jobs in flight (a graceful stop leaves no job half-done by this process). */
  async stop(): Promise<void> {
    this.stopped = true
    clearInterval(this.poll)
    if (this.wake) clearTimeout(this.wake)
    await this.ticking
    await Promise.allSettled([...this.inFlight])
  }

  /** One pass: schedule recurring slots, claim due jobs, run them. Resolves when what it claimed has finished. */
  tick(): Promise<void> {
    if (this.stopped) return this.ticking ?? Promise.resolve()
    if (this.running) {
      this.again = true
      return this.ticking ?? Promise.resolve()
    }
    this.running = true
    this.ticking = (async () => {
      try {
        do {
          this.again = false
          await this.pass()
        } while (this.again && !this.stopped)
      } finally {
        this.running = false
      }
    })()
    return this.ticking
  }

  private async pass(): Promise<void> {
    const now = this.clock.now()
    for (const [kind, r] of this.recurring) {
      const slot = Math.floor(now / r.periodMs)
      await this.enqueue(kind, `slot:${slot}`, r.payload, slot * r.periodMs).catch((err) => this.opts.onError(err, stub(kind)))
    }
    while (!this.stopped) {
      const free = this.opts.concurrency - this.inFlight.size
      if (free <= 0) {
        await Promise.race(this.inFlight)
        continue
      }
      const claimed = await this.store.claimJobs(this.clock.now(), this.owner, this.opts.leaseMs, free)
      if (!claimed.length) break
      for (const job of claimed) {
        const p = this.execute(job).finally(() => this.inFlight.delete(p))
        this.inFlight.add(p)
      }
    }
    await Promise.allSettled([...this.inFlight])
  }

  private async execute(job: JobRecord): Promise<void> {
    const handler = this.handlers.get(job.kind)
    try {
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`)
      await handler.run(JSON.parse(job.payload), job)
      await this.store.completeJob(job.id, this.owner, this.clock.now())
    } catch (err) {
      this.opts.onError(err, job)
      const b = this.opts.backoff
      const delay = Math.min(b.maxMs, b.baseMs * 2 ** Math.max(0, job.attempts - 1))
      const message = err instanceof Error ? err.message : String(err)
      await this.store.retryJob(job.id, this.owner, this.clock.now() + delay, message, job.attempts >= b.maxAttempts).catch(() => undefined)
      this.nudge(this.clock.now() + delay)
    }
  }
}

function stub(kind: string): JobRecord {
  return { id: '', kind, key: '', payload: 'null', state: 'pending', attempts: 0, runAt: 0, leaseOwner: null, leaseUntil: null, lastError: null, createdAt: 0, doneAt: null }
}
