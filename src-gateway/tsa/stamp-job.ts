/**
 * CAdES-BES → CAdES-T later: a signature that reached the gateway without a signature-time-stamp (the desk could not
 * reach the TSA, or the TSA was down when the department signed) gets one from the gateway's TSA. One job per status
 * change that brings a signature (registration: the operator's; result/refusal: the specialist's or department's);
 * while the TSA is down the job fails with TSA_UNAVAILABLE and the runner retries it with its backoff.
 */
import { bytesEqual } from '../../src-shared/bytes'
import type { JobHandler, JobRunner } from '../jobs/runner'
import type { Clock } from '../ports'
import type { GatewayStore, RequestRecord, StatusChangeRecord, StoreTx } from '../store/types'
import type { TimeStampAuthority } from './authority'

export const SIGNATURE_TIMESTAMP_JOB = 'signature-timestamp'

const FIELDS = ['signature', 'resultSignature'] as const

export function signatureTimestampJob(store: GatewayStore, tsa: TimeStampAuthority): JobHandler {
  return {
    kind: SIGNATURE_TIMESTAMP_JOB,
    async run(payload) {
      const requestId = (payload as { requestId?: unknown } | null)?.requestId
      if (typeof requestId !== 'string') return
      const r = await store.requestById(requestId)
      if (!r) return
      for (const field of FIELDS) {
        const cms = r[field]
        if (!cms) continue
        const stamped = await tsa.stampCms(cms) // TSA_UNAVAILABLE: thrown, retried later
        if (stamped === cms) continue // already CAdES-T
        await store.transaction(async (tx) => {
          // Only the signature that was stamped is replaced (a run after another run, or after a new decision, changes nothing).
          const now = await tx.requestById(requestId)
          const current = now?.[field]
          if (current && bytesEqual(current, cms)) await tx.updateRequest(requestId, { [field]: stamped })
        })
      }
    },
  }
}

/**
 * A new request's stamp job, enqueued in the transaction that registers it (stampRegistrationIn): it exists exactly
 * when the request does — no commit of its own per request, no gap where a crash after the registration loses it.
 * Nudge the runner after the commit.
 */
export function stampRegistrationIn(jobs: JobRunner, tx: StoreTx, r: Pick<RequestRecord, 'id' | 'receivedAt'>): Promise<boolean> {
  return jobs.enqueue(SIGNATURE_TIMESTAMP_JOB, `${r.id}:REGISTERED`, { requestId: r.id }, r.receivedAt, tx)
}

/** The status changes that bring a signature after registration: a decision (a new request's job is enqueued with it). */
export function stampOnStatus(jobs: JobRunner, clock: Clock, onError: (err: unknown) => void): (c: StatusChangeRecord) => void {
  return (c) => {
    if (c.status !== 'RESULT_READY' && c.status !== 'REFUSED') return
    jobs
      .enqueue(SIGNATURE_TIMESTAMP_JOB, `${c.requestId}:${c.status}`, { requestId: c.requestId }, clock.now())
      .then((added) => added && jobs.nudge())
      .catch(onError) // e.g. the store closing under a late event: the signature stays CAdES-BES, as the report shows
  }
}
