import type { RandomPort } from './ports'

export interface BackoffPolicy {
  /** Delay after the first failure, ms. */
  baseMs: number
  factor: number
  /** No delay ever exceeds this (Retry-After included, so a hostile header cannot park an item for days). */
  capMs: number
  /** Fraction of the delay that is randomised ("equal jitter"): 0.5 → delay in [d/2, d]. */
  jitter: number
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, factor: 2, capMs: 5 * 60_000, jitter: 0.5 }

/**
 * Delay before attempt `attempts + 1`, given that `attempts` have failed. Capped exponential with jitter, so a
 * hundred desks coming back online do not hammer the gateway in step. A Retry-After from the gateway is a floor.
 */
export function backoffDelay(attempts: number, random: RandomPort, policy: BackoffPolicy = DEFAULT_BACKOFF, retryAfterMs?: number): number {
  const exp = Math.min(policy.capMs, policy.baseMs * Math.pow(policy.factor, Math.max(0, attempts - 1)))
  const jittered = exp * (1 - policy.jitter) + exp * policy.jitter * random()
  const floor = retryAfterMs !== undefined ? Math.min(policy.capMs, retryAfterMs) : 0
  return Math.round(Math.max(jittered, floor))
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). Returns ms from `now`, or undefined. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (!value) return undefined
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000
  const date = Date.parse(trimmed)
  if (Number.isNaN(date)) return undefined
  return Math.max(0, date - now)
}
