import { kzParts } from '@shared/format'

/** The Kazakhstan calendar date of a moment, YYYY-MM-DD (what a registry's validUntil is compared with). */
export function kzIsoDate(at: number): string {
  const p = kzParts(at)
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`
}

/** A power of attorney is valid through its validUntil day (Kazakhstan time) and expired from the next day on. */
export function poaExpired(validUntil: string, now: number): boolean {
  return validUntil < kzIsoDate(now)
}
