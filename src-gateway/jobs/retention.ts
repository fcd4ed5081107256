/**
 * Retention, as a recurring job on the job runner: expired sessions and sign-in challenges (useless, and they hold
 * token hashes), idempotency answers older than the stated window (a client replays within hours; policy.ts says 7
 * days), and finished job rows older than the same window. Scans (kept one year) belong to the blob store: its owner
 * registers a `scan-retention` job on the same runner.
 */
import { purgeExpiredScans } from '../blobs/scans'
import type { Clock } from '../ports'
import type { GatewayStore } from '../store/types'
import type { JobHandler } from './runner'

export const RETENTION_JOB = 'retention'

export interface RetentionReport {
  sessionsAndChallenges: number
  idempotency: number
  jobs: number
}

export function retentionJob(store: GatewayStore, clock: Clock, windowMs: number, onDone: (r: RetentionReport) => void = () => {}): JobHandler {
  return {
    kind: RETENTION_JOB,
    run: async () => {
      const now = clock.now()
      onDone({
        sessionsAndChallenges: await store.purgeExpired(now),
        idempotency: await store.purgeIdempotencyBefore(now - windowMs),
        jobs: await store.purgeJobsDoneBefore(now - windowMs),
      })
    },
  }
}

export const SCAN_RETENTION_JOB = 'scan-retention'

/**
 * Scan retention (one year, blobs/scans.ts) as a recurring job: purges in batches until a batch comes back short, so
 * one run clears a backlog without one long statement; a crash midway leaves the rest for the next slot.
 */
export function scanRetentionJob(store: Pick<GatewayStore, 'purgeScansBefore'>, clock: Clock, onDone: (purged: number) => void = () => {}, batch = 1000): JobHandler {
  return {
    kind: SCAN_RETENTION_JOB,
    run: async () => {
      let purged = 0
      let n: number
      do {
        n = await purgeExpiredScans(store, clock.now(), batch)
        purged += n
      } while (n === batch)
      onDone(purged)
    },
  }
}
