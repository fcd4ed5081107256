import { ArmError } from '@shared/errors'
import type { IntakeDraft } from './model'
import type { DraftStore } from './ports'

/**
 * Saves the draft on every change, debounced, so that closing or killing the app loses at most the last
 * `delayMs` of typing; `flush()` runs on pagehide / visibilitychange / before navigation and writes at once.
 * A failed write keeps the draft pending and is retried with the next change or flush, and is reported once.
 */
export class DraftAutosaver {
  private pending: IntakeDraft | null = null
  private timer: ReturnType<typeof setTimeout> | null = null
  private writing: Promise<void> = Promise.resolve()
  /** How many writes reached the store (for the "saved" indicator and tests). */
  saves = 0

  constructor(
    private readonly store: DraftStore,
    private readonly opts: { delayMs?: number; onError?: (e: ArmError) => void; onSaved?: (d: IntakeDraft) => void } = {},
  ) {}

  change(draft: IntakeDraft): void {
    this.pending = draft
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = setTimeout(() => void this.flush(), this.opts.delayMs ?? 300)
  }

  /** Writes the latest pending draft now; resolves when it is stored. */
  flush(): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
    const draft = this.pending
    if (!draft) return this.writing
    this.pending = null
    this.writing = this.writing.then(async () => {
      try {
        await this.store.save(draft)
        this.saves++
        this.opts.onSaved?.(draft)
      } catch (err) {
        // Keep it for the next attempt unless something newer arrived meanwhile.
        this.pending ??= draft
        this.opts.onError?.(new ArmError('INTAKE_DRAFT_SAVE_FAILED', err instanceof Error ? err.message : String(err)))
      }
    })
    return this.writing
  }

  dispose(): Promise<void> {
    return this.flush()
  }
}
