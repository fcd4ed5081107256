/**
 * Group commit for bookkeeping writes: the writes that arrive close together are committed in ONE IndexedDB
 * transaction instead of one each (per-transaction cost dominates small writes: a batch of 12 costs about a quarter of
 * 12 single ones). A write goes out when `maxBatch` are waiting, when the owner says nothing more is coming soon
 * (flush()), or at the latest `gatherMs` after the first one queued — never on the critical path of a send: the caller
 * has already freed its network slot. Each caller's promise settles when ITS write is committed (or fails with the
 * batch's error), so "recorded" still means "on disk".
 */
export class WriteBatcher<T> {
  private queue: { value: T; resolve: () => void; reject: (e: unknown) => void }[] = []
  private writing = false
  private timer: ReturnType<typeof setTimeout> | undefined

  constructor(
    private readonly write: (values: T[]) => Promise<void>,
    private readonly opts: { maxBatch: number; gatherMs: number },
  ) {}

  record(value: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ value, resolve, reject })
      if (this.queue.length >= this.opts.maxBatch) this.flush()
      else if (!this.timer && !this.writing) this.timer = setTimeout(() => this.flush(), this.opts.gatherMs)
    })
  }

  /** Write what is queued now (a write in progress picks the rest up as soon as it ends). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    if (!this.writing && this.queue.length) void this.drain()
  }

  private async drain(): Promise<void> {
    this.writing = true
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0, this.opts.maxBatch)
        try {
          await this.write(batch.map((b) => b.value))
          for (const b of batch) b.resolve()
        } catch (err) {
          for (const b of batch) b.reject(err)
        }
      }
    } finally {
      this.writing = false
    }
  }
}
