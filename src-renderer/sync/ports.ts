/**
 * Everything the sync layer touches in the outside world comes through these ports, so unit tests swap a port
 * (fake clock, scripted HTTP, in-memory lock) and never the logic. Browser adapters live in ./browserPorts.ts.
 */

export interface ClockPort {
  now(): number
  /** Resolves after `ms`, or early (without throwing) when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>
}

/** Uniform in [0, 1): jitter. */
export type RandomPort = () => number

/** The subset of fetch the sync layer uses (Node 20 and Chromium fetch both satisfy it). */
export type FetchPort = (url: string, init?: RequestInit) => Promise<Response>

/**
 * A named exclusive lock held for the duration of `fn`. In windows this is navigator.locks (Web Locks), so exactly
 * one window sends at a time and the lock passes to another window when the holder closes or crashes.
 */
export interface LockPort {
  request<T>(name: string, fn: () => Promise<T>, options?: { signal?: AbortSignal }): Promise<T>
}

/** Re-authentication when the gateway says 401. Returns the new bearer token, or null if the operator must sign in. */
export interface SessionPort {
  token(): string | null
  reauthenticate(): Promise<string | null>
  /**
   * The bearer to send an item queued by `ownerId` with: undefined = the signed-in person's (their own item, or one
   * queued before items had owners); a token = the owner's, kept after they signed out so what they signed drains;
   * null = the owner must sign in again (the gateway accepts an envelope only from the person who signed it).
   */
  tokenFor?(ownerId: string | undefined): string | null | undefined
  /** The owner's kept token was refused (expired): forget it; the item waits for the owner's next sign-in. */
  forget?(ownerId: string): void
}

/** navigator.onLine and its events. */
export interface OnlinePort {
  isOnline(): boolean
  subscribe(listener: (online: boolean) => void): () => void
}

/** A visible notification (result or refusal arrived). */
export interface NotifyPort {
  notify(n: { kind: 'result' | 'refusal' | 'status'; requestId: string; registrationNumber: string; status: string }): void
  /** The person left the desk: their notices go with them. */
  clear?(): void
}

export const systemClock: ClockPort = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve()
      const t = setTimeout(done, Math.max(0, ms))
      function done(): void {
        clearTimeout(t)
        signal?.removeEventListener('abort', done)
        resolve()
      }
      signal?.addEventListener('abort', done, { once: true })
    }),
}

/** A lock for a single process (Node sender, tests): exclusive within this process only. */
export class InProcessLock implements LockPort {
  private tails = new Map<string, Promise<unknown>>()
  async request<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.tails.get(name) ?? Promise.resolve()
    let release!: () => void
    const mine = new Promise<void>((r) => (release = r))
    const tail = prev.then(() => mine)
    this.tails.set(name, tail)
    await prev.catch(() => undefined)
    try {
      return await fn()
    } finally {
      release()
      if (this.tails.get(name) === tail) this.tails.delete(name)
    }
  }
}
