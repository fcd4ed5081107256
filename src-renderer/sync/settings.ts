import type { StatusTrackerOptions } from './StatusTracker'

/**
 * Desk setting (localStorage) for how statuses reach the desk. The gateway pushes them over the status stream; the
 * poll every 15 s is the fallback for when the stream is down. `arm.statusPollMs` = `0` switches the poll off
 * (stream only: what proves push delivery in the e2e); a number of ms ≥ 1000 sets another poll period.
 */
export const STATUS_POLL_SETTING_KEY = 'arm.statusPollMs'

/** Without polling, a failed stream is tried again this soon (nothing else would bring the statuses). */
const STREAM_ONLY_RETRY_MS = 2_000

type KeyValueStore = { getItem(key: string): string | null }

export function statusTrackerSettings(storage?: KeyValueStore): StatusTrackerOptions {
  let raw: string | null
  try {
    // Reading localStorage itself may throw (storage denied): then the defaults hold.
    raw = (storage ?? (globalThis as { localStorage?: KeyValueStore }).localStorage)?.getItem(STATUS_POLL_SETTING_KEY) ?? null
  } catch {
    return {}
  }
  if (raw === null || raw.trim() === '') return {}
  const ms = Number(raw)
  if (ms === 0) return { pollMs: 0, streamRetryMs: STREAM_ONLY_RETRY_MS }
  return Number.isFinite(ms) && ms >= 1000 ? { pollMs: ms } : {}
}
