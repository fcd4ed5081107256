import { describe, expect, it } from 'vitest'
import { kzIsoDate, poaExpired } from '../../../../../src-renderer/features/intake/core/checks'

describe('ЕНИС power of attorney expiry at intake', () => {
  it('is valid through its last day in Kazakhstan time and expired from the next day on', () => {
    // 19:30 UTC on 31 March is already 1 April 00:30 in Kazakhstan (UTC+5).
    expect(kzIsoDate(Date.parse('2026-03-31T19:30:00Z'))).toBe('2026-04-01')
    expect(poaExpired('2026-03-31', Date.parse('2026-03-31T18:59:00Z'))).toBe(false)
    expect(poaExpired('2026-03-31', Date.parse('2026-03-31T19:00:00Z'))).toBe(true)
    expect(poaExpired('2027-01-01', Date.parse('2026-12-07T12:00:00Z'))).toBe(false)
  })
})
