/**
 * Token insertion and removal, noticed in main: every configured module's slot list (C_GetSlotList with tokens
 * present, through the keystore's one-operation-at-a-time queue) is read on a short interval and compared with the
 * last reading. Each change is an event with a growing number; the renderer asks for the events after the last number
 * it saw (crypto.tokenEvents), and that call waits until there is one (the bridge has no push, so it is a long poll).
 */
import type { TokenInfo } from './pkcs11'
import { knownModuleOf } from './token-modules'

export interface TokenEvent {
  seq: number
  kind: 'inserted' | 'removed'
  at: string
  module: string
  /** The known driver's name (Kaztoken, eToken, JaCarta, SoftHSM2), or the module's file name. */
  moduleName: string
  label: string
  serial: string
}

export interface PresentToken {
  module: string
  moduleName: string
  label: string
  serial: string
  pinState: TokenInfo['pinState']
}

export interface TokenWatchDeps {
  /** The configured modules and a reader of each one's tokens (the keystore's listTokens). */
  sources: () => Array<{ module: string; listTokens: () => Promise<TokenInfo[]> }>
  intervalMs?: number
  now?: () => Date
}

const KEEP_EVENTS = 50

export const moduleNameOf = (module: string): string => knownModuleOf(module)?.name ?? module.split(/[\\/]/).pop() ?? module

export class TokenWatcher {
  private present = new Map<string, PresentToken>()
  private events: TokenEvent[] = []
  private seq = 0
  private timer: NodeJS.Timeout | undefined
  private waiters = new Set<() => void>()
  private polling: Promise<void> | null = null
  private first = true

  constructor(private readonly deps: TokenWatchDeps) {}

  /** Starts polling (idempotent); the timer never keeps the process alive. */
  start(): void {
    if (this.timer) return
    this.timer = setInterval(() => void this.poll(), this.deps.intervalMs ?? 1500)
    this.timer.unref()
    void this.poll()
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = undefined
    for (const w of this.waiters) w()
    this.waiters.clear()
  }

  /** One reading of every module; a module that fails to answer counts as holding no tokens this time. */
  poll(): Promise<void> {
    if (this.polling) return this.polling
    this.polling = (async () => {
      const now = new Map<string, PresentToken>()
      for (const s of this.deps.sources()) {
        const tokens = await s.listTokens().catch(() => [] as TokenInfo[])
        for (const t of tokens) now.set(`${s.module}\n${t.serial}`, { module: s.module, moduleName: moduleNameOf(s.module), label: t.label, serial: t.serial, pinState: t.pinState })
      }
      const at = (this.deps.now?.() ?? new Date()).toISOString()
      const changes: TokenEvent[] = []
      // The first reading is the state at start, not a stream of insertions.
      if (!this.first) {
        for (const [k, t] of now) if (!this.present.has(k)) changes.push({ seq: 0, kind: 'inserted', at, module: t.module, moduleName: t.moduleName, label: t.label, serial: t.serial })
        for (const [k, t] of this.present) if (!now.has(k)) changes.push({ seq: 0, kind: 'removed', at, module: t.module, moduleName: t.moduleName, label: t.label, serial: t.serial })
      }
      this.first = false
      this.present = now
      for (const c of changes) this.events.push({ ...c, seq: ++this.seq })
      this.events = this.events.slice(-KEEP_EVENTS)
      if (changes.length) {
        for (const w of this.waiters) w()
        this.waiters.clear()
      }
    })().finally(() => {
      this.polling = null
    })
    return this.polling
  }

  /** The configured modules changed: read again at once; what appears is reported as inserted. */
  async refresh(): Promise<void> {
    await this.polling
    await this.poll()
  }

  tokens(): PresentToken[] {
    return [...this.present.values()]
  }

  /** The latest event number (0: none yet). */
  get lastSeq(): number {
    return this.seq
  }

  /** Events after `after`; waits up to waitMs for one when there are none yet. */
  async eventsAfter(after: number, waitMs: number): Promise<{ events: TokenEvent[]; last: number }> {
    if (this.seq <= after && waitMs > 0) {
      this.start()
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(t)
          this.waiters.delete(done)
          resolve()
        }
        const t = setTimeout(done, waitMs)
        t.unref()
        this.waiters.add(done)
      })
    }
    return { events: this.events.filter((e) => e.seq > after), last: this.seq }
  }
}
