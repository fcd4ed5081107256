import { backoffDelay, type BackoffPolicy } from './backoff'
import type { ClockPort, OnlinePort, RandomPort } from './ports'

const PROBE_BACKOFF: BackoffPolicy = { baseMs: 1_000, factor: 2, capMs: 30_000, jitter: 0.3 }

/**
 * Online = the OS says we have a link (navigator.onLine) AND the gateway answers /health. navigator.onLine alone
 * lies in both directions (a LAN without uplink reads "online"), so after a network failure we probe /health with
 * backoff until it answers, then tell listeners at once. While offline nothing polls faster than the probe backoff.
 */
export class Connectivity {
  private gatewayUp = true
  private probing = false
  private probeWake?: AbortController
  private listeners = new Set<(online: boolean, outage: boolean) => void>()
  /** A probe failed (or the OS link was down) since the last time we were online: a real outage, not one bad call. */
  private confirmedOutage = false
  private unsubscribe?: () => void
  private stopped = false

  constructor(
    private readonly deps: { online: OnlinePort; probe: () => Promise<boolean>; clock: ClockPort; random: RandomPort; policy?: BackoffPolicy },
  ) {
    this.unsubscribe = deps.online.subscribe((up) => {
      if (!up) this.confirmedOutage = true
      if (up) {
        // The OS link came back: probe now instead of waiting out the backoff.
        this.probeWake?.abort()
        if (!this.gatewayUp) this.startProbing()
      }
      this.emit()
    })
  }

  get online(): boolean {
    return this.deps.online.isOnline() && this.gatewayUp
  }

  /**
   * `outage` is true when coming back from a confirmed outage (the link or /health was down). The sender then makes
   * network-failed items due at once; after a single failed call with /health still answering it must not, or a
   * half-broken gateway (health fine, API resetting) would be hammered in a loop.
   */
  subscribe(listener: (online: boolean, outage: boolean) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Called by the sender after a network failure: the gateway is presumed unreachable until a probe succeeds. */
  reportFailure(): void {
    if (this.stopped) return
    const was = this.online
    this.gatewayUp = false
    if (was) this.emit()
    this.startProbing()
  }

  reportSuccess(): void {
    if (!this.gatewayUp) {
      this.gatewayUp = true
      this.emit()
    }
  }

  /** Resolves when online (at once if already), or when `signal` aborts. */
  waitOnline(signal?: AbortSignal): Promise<void> {
    if (this.online || signal?.aborted) return Promise.resolve()
    return new Promise((resolve) => {
      const done = (): void => {
        off()
        signal?.removeEventListener('abort', done)
        resolve()
      }
      const off = this.subscribe((up) => up && done())
      signal?.addEventListener('abort', done, { once: true })
    })
  }

  stop(): void {
    this.stopped = true
    this.unsubscribe?.()
    this.probeWake?.abort()
  }

  private emit(): void {
    const up = this.online
    const outage = up && this.confirmedOutage
    if (up) this.confirmedOutage = false
    for (const l of [...this.listeners]) l(up, outage)
  }

  private startProbing(): void {
    if (this.probing || this.stopped) return
    this.probing = true
    void (async () => {
      let n = 0
      try {
        while (!this.stopped && !this.gatewayUp) {
          if (this.deps.online.isOnline()) {
            const ok = await this.deps.probe().catch(() => false)
            if (ok) {
              this.gatewayUp = true
              this.emit()
              break
            }
          }
          this.confirmedOutage = true
          n++
          this.probeWake = new AbortController()
          // With the OS link down we still sleep here; the 'online' event aborts the sleep.
          await this.deps.clock.sleep(backoffDelay(n, this.deps.random, this.deps.policy ?? PROBE_BACKOFF), this.probeWake.signal)
        }
      } finally {
        this.probing = false
      }
    })()
  }
}
