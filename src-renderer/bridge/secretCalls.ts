/**
 * Counts the bridge calls that may make main ask for a password/PIN: the channels the contract marks `asksSecret`
 * (crypto.sign, crypto.certificateInfo of a locked key). The browser bridge counts them itself (install.ts), so no
 * feature has to remember to; while the count is above zero the secret-prompt overlay polls crypto.pendingPrompt
 * quickly and it closes as soon as the last such call ends.
 */
type Listener = (active: number) => void

class SecretCalls {
  private active = 0
  private readonly listeners = new Set<Listener>()

  get count(): number {
    return this.active
  }

  track<T>(call: Promise<T>): Promise<T> {
    this.set(this.active + 1)
    // finally(): the count drops whether the call resolves or fails (cancelled prompt, wrong password…).
    return call.finally(() => this.set(this.active - 1))
  }

  subscribe(fn: Listener): () => void {
    this.listeners.add(fn)
    return () => void this.listeners.delete(fn)
  }

  private set(n: number): void {
    this.active = Math.max(0, n)
    for (const fn of [...this.listeners]) fn(this.active)
  }
}

/** The renderer's one counter (one window, one overlay). */
export const secretCalls = new SecretCalls()
