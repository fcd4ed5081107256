/**
 * Fills what the supervision reads grow with, next to fillRequests' requests (for the plan test and
 * `npm run bench -- scale`): the audit trail (one hash-chained entry per request: a submit or a decision), the lines of
 * the daily activity rollup those entries make, a quality survey for every sixth request (answered at its hand-over)
 * and the desks' outbox reports (bounded: one row per desk). Straight through the store's own calls in big
 * transactions, on the same clock shape as fillRequests (one request every `stepMinutes`, ending at `now`).
 */
import { randomUUID } from 'node:crypto'
import { auditEntryHash, nextLink, type AuditAction, type AuditEntry } from '../../src-shared/audit'
import { kzDay } from '../../src-gateway/audit/audit-trail'
import { departmentFor } from '../../src-gateway/service-directory'
import type { GatewayStore } from '../../src-gateway/store/types'
import { FILL_SERVICES } from './fill-requests'

export interface SupervisionFillOptions {
  /** How many requests the history holds (one submit entry each). */
  count: number
  now: number
  /** The people who acted (their ids appear in the trail and the rollup): operators submit, specialists decide. */
  operators: string[]
  specialists: string[]
  /** Minutes between two requests (default 5, as fillRequests). */
  stepMinutes?: number
  /** Desks reporting their outbox (default 40). */
  desks?: number
  batch?: number
  tsons?: string[]
}

export async function fillSupervision(store: GatewayStore, o: SupervisionFillOptions): Promise<{ auditEntries: number; surveys: number }> {
  const step = (o.stepMinutes ?? 5) * 60_000
  const batch = o.batch ?? 20_000
  const tsons = o.tsons ?? ['tson-astana-1', 'tson-astana-2', 'tson-semey-1']
  let last: AuditEntry | undefined = await store.lastAuditEntry()
  let auditEntries = 0
  let surveys = 0
  for (let start = 0; start < o.count; start += batch) {
    const end = Math.min(o.count, start + batch)
    await store.transaction(async (tx) => {
      // The rollup gets each of its lines once per batch: its size (what the dashboards read) is the gateway's, its
      // counts are not (the bench measures reads, not sums).
      const lines = new Map<string, Parameters<typeof tx.bumpActivity>[0]>()
      for (let i = start; i < end; i++) {
        const at = o.now - (o.count - 1 - i) * step
        const serviceId = FILL_SERVICES[i % FILL_SERVICES.length]
        const tsonId = tsons[i % tsons.length]
        const departmentId = departmentFor(serviceId)
        const requestId = randomUUID()
        // One entry per request: the recent work and every other request are submits by an operator, the rest
        // decisions by a specialist (an hour later); every third decided one answered the survey at hand-over.
        const decided = i < o.count - 300 && i % 2 === 1
        const actorId = decided ? o.specialists[i % o.specialists.length] : o.operators[i % o.operators.length]
        const action: AuditAction = decided ? 'request.decide' : 'request.submit'
        const entryAt = decided ? at + 3_600_000 : at
        const base = { ...nextLink(last), at: entryAt, actorId, actorRole: decided ? 'provider_specialist' : 'tson_operator', desk: `${tsonId}.${String(i % 64).padStart(8, '0')}`, action, requestId, departmentId, detail: '{}' }
        last = { ...base, hash: auditEntryHash(base) }
        await tx.appendAudit(last)
        auditEntries++
        const day = kzDay(entryAt)
        lines.set(`${day}|${actorId}|${action}|${serviceId}|${tsonId}`, { day, actorId, action, serviceId, tsonId, departmentId, late: 0 })
        if (decided && i % 3 === 0 && (await tx.putSurvey({ requestId, serviceId, tsonId, at: entryAt + 3_600_000, userId: o.operators[i % o.operators.length], q1: ((i % 3) + 1) as 1 | 2 | 3, q2: 3 }))) surveys++
      }
      for (const line of lines.values()) await tx.bumpActivity(line)
    })
  }
  for (let d = 0; d < (o.desks ?? 40); d++) {
    await store.putDeskOutbox({
      desk: `${tsons[d % tsons.length]}.${String(d).padStart(8, '0')}`, userId: o.operators[d % o.operators.length], tsonId: tsons[d % tsons.length], departmentId: null,
      waiting: d % 4, oldestAt: d % 4 ? o.now - d * 60_000 : null, lastError: d % 4 ? 'GW_UNAVAILABLE' : null, reportedAt: o.now - d * 1000,
    })
  }
  return { auditEntries, surveys }
}
