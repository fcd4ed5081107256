/**
 * Password sign-in throttling (issue 10 point 10), replacing "5 wrong passwords lock the account for 15 minutes":
 * that lock was a weapon (anyone who knows a login locks its owner out, ЭЦП included) and an oracle (only existing
 * accounts answered "locked").
 *
 * Failures are counted per client (IP) and per sign-in name as typed — the same for a name with no account behind it
 * — and after `freeFailures` each further failure makes that key wait, base · 2^n up to max. While a key waits, the
 * answer is GW_LOGIN_THROTTLED with the wait, whether or not the account exists. A success clears the name's count.
 * ЭЦП sign-in does not consult this: a guessed password never stands between a person and their key.
 *
 * Kept in memory, bounded (the oldest keys go first): a restart forgets the counts, which costs an attacker nothing
 * they could not get by waiting `maxDelayMs`.
 */
import type { Clock } from '../ports'

export interface ThrottlePolicy {
  /** Free failures per sign-in name. */
  freeFailures: number
  /** Free failures per client address: many people share one (a ЦОН behind one NAT), so it gets more. */
  clientFreeFailures: number
  baseDelayMs: number
  maxDelayMs: number
}

interface Entry {
  failures: number
  notBefore: number
  lastAt: number
}

const MAX_KEYS = 50_000
/** Keys of client addresses start with this; all others are sign-in names. */
export const CLIENT = 'client:'

export class LoginThrottle {
  private readonly entries = new Map<string, Entry>()

  constructor(
    private readonly clock: Clock,
    private readonly policy: ThrottlePolicy,
  ) {}

  /** Milliseconds these keys must still wait (0 = may try now). */
  waitMs(keys: string[]): number {
    const now = this.clock.now()
    return Math.max(0, ...keys.map((k) => (this.entries.get(k)?.notBefore ?? 0) - now))
  }

  failure(keys: string[]): void {
    const now = this.clock.now()
    for (const k of keys) {
      const e = this.entries.get(k) ?? { failures: 0, notBefore: 0, lastAt: now }
      // A key quiet for the longest delay starts over.
      if (now - e.lastAt > this.policy.maxDelayMs * 2) e.failures = 0
      e.failures++
      e.lastAt = now
      const over = e.failures - (k.startsWith(CLIENT) ? this.policy.clientFreeFailures : this.policy.freeFailures)
      e.notBefore = over > 0 ? now + Math.min(this.policy.maxDelayMs, this.policy.baseDelayMs * 2 ** (over - 1)) : 0
      this.entries.delete(k)
      this.entries.set(k, e)
    }
    while (this.entries.size > MAX_KEYS) this.entries.delete(this.entries.keys().next().value as string)
  }

  success(key: string): void {
    this.entries.delete(key)
  }
}
