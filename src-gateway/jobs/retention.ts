/**
 * Retention, as a recurring job on the job runner: expired sessions and sign-in challenges (useless, and they hold
 * token hashes), idempotency answers older than the stated window (a client replays within hours; policy.ts says 7
 * days), and finished job rows older than the same window. Scans (kept one year) belong to the blob store: its owner
 * registers a `scan-retention` job on the same runner.
 */
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
