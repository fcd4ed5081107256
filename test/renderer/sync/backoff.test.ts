import { describe, expect, it } from 'vitest'
import { backoffDelay, DEFAULT_BACKOFF, parseRetryAfter } from '../../../src-renderer/sync/backoff'
import { classifyHttp } from '../../../src-renderer/sync/classify'

describe('backoff', () => {
  it('grows exponentially within [d/2, d] and never passes the cap', () => {
    for (let n = 1; n <= 30; n++) {
      const d = Math.min(DEFAULT_BACKOFF.capMs, DEFAULT_BACKOFF.baseMs * 2 ** (n - 1))
      expect(backoffDelay(n, () => 0)).toBe(Math.round(d / 2))
      expect(backoffDelay(n, () => 0.999999)).toBeLessThanOrEqual(d)
      expect(backoffDelay(n, () => 0.999999)).toBeGreaterThan(d * 0.99)
    }
    expect(backoffDelay(100, Math.random)).toBeLessThanOrEqual(DEFAULT_BACKOFF.capMs)
  })

  it('jitter spreads desks coming back at the same time', () => {
    const seen = new Set(Array.from({ length: 50 }, () => backoffDelay(5, Math.random)))
    expect(seen.size).toBeGreaterThan(30)
  })

  it('Retry-After is a floor, itself capped', () => {
    expect(backoffDelay(1, () => 0, DEFAULT_BACKOFF, 42_000)).toBe(42_000)
    expect(backoffDelay(1, () => 0, DEFAULT_BACKOFF, 10 * 3600_000)).toBe(DEFAULT_BACKOFF.capMs)
  })

  it('parses Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-11-22T10:00:00Z')
    expect(parseRetryAfter('7', now)).toBe(7000)
    expect(parseRetryAfter('Sun, 22 Nov 2026 10:01:00 GMT', now)).toBe(60_000)
    expect(parseRetryAfter('garbage', now)).toBeUndefined()
    expect(parseRetryAfter(null, now)).toBeUndefined()
  })
})

describe('classifyHttp', () => {
  it('sorts statuses into retry, re-auth and reject', () => {
    expect(classifyHttp(201, undefined, undefined).kind).toBe('ok')
    expect(classifyHttp(500, undefined, undefined)).toMatchObject({ kind: 'retry', code: 'OUTBOX_SERVER_ERROR' })
    expect(classifyHttp(503, { code: 'GW_UNAVAILABLE' }, undefined)).toMatchObject({ kind: 'retry', code: 'GW_UNAVAILABLE' })
    expect(classifyHttp(429, { code: 'GW_RATE_LIMITED' }, 5000)).toMatchObject({ kind: 'retry', retryAfterMs: 5000 })
    expect(classifyHttp(401, undefined, undefined).kind).toBe('reauth')
    expect(classifyHttp(409, { code: 'GW_IDEMPOTENCY_CONFLICT', message: 'm' }, undefined)).toMatchObject({ kind: 'reject', code: 'GW_IDEMPOTENCY_CONFLICT', message: 'm' })
    expect(classifyHttp(422, undefined, undefined)).toMatchObject({ kind: 'reject', code: 'HTTP_422' })
    expect(classifyHttp(408, undefined, undefined).kind).toBe('retry')
  })
})
