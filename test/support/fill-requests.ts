/**
 * Fills a gateway store fast with a region's history (for the scale tests and `npm run bench -- scale`): straight
 * through the store's own calls in big transactions (not via HTTP), so the rows, indexes and rollups are exactly what
 * intake writes. The shape follows a region: the work in progress is bounded (the last `open` requests are open, a
 * fixed few older ones are left open past their deadline), the history of settled requests grows.
 */
import { randomUUID } from 'node:crypto'
import { encodeEnvelope, type RequestEnvelope } from '../../src-shared/envelope'
import type { RequestStatus } from '../../src-shared/gateway/api'
import { departmentFor } from '../../src-gateway/service-directory'
import type { GatewayStore, RequestRecord } from '../../src-gateway/store/types'

export interface FillOptions {
  /** How many requests in total. */
  count: number
  /** The instant the newest request arrives at (the fill ends there). */
  now: number
  /** The most recent requests left open (work in progress). Default 300. */
  open?: number
  /** Old requests still open past their deadline. Default 20. */
  staleOpen?: number
  /** Every n-th request is assigned to this user (their "mine"). */
  assignee?: { userId: string; every: number }
  /** Minutes between two requests (default 5: ~100k a year). */
  stepMinutes?: number
  /** Rows per transaction (default 5000). */
  batch?: number
  /** Services to cycle through (default: three services of two departments). */
  services?: string[]
  tsons?: string[]
  onProgress?: (done: number) => void
}

export const FILL_SERVICES = ['akimat.preschool-queue', 'akimat.guardianship-certificate', 'akimat.housing-queue']
const SETTLED_STATUSES: RequestStatus[] = ['ISSUED', 'ISSUED', 'ISSUED', 'REFUSED', 'RESULT_READY']

/** One small but real canonical envelope per service (the inbox decodes what it lists). */
function envelopeBytes(serviceId: string, tsonId: string, envelopeId: string, createdAt: string): Uint8Array {
  const env = {
    v: 1, envelopeId, serviceId, channel: 'tson', tsonId, operator: { iin: '830717350867' },
    applicant: { kind: 'person', iin: '830717350867' }, form: { applicantIin: '830717350867' }, attachments: [], createdAt, version: 1,
  } as unknown as RequestEnvelope
  return encodeEnvelope(env)
}

/** Inserts `count` requests (each with its REGISTERED status change) and returns the records' ids in arrival order. */
export async function fillRequests(store: GatewayStore, o: FillOptions): Promise<{ newestOpenIds: string[] }> {
  const open = o.open ?? 300
  const stale = o.staleOpen ?? 20
  const step = (o.stepMinutes ?? 5) * 60_000
  const batch = o.batch ?? 5000
  const services = o.services ?? FILL_SERVICES
  const tsons = o.tsons ?? ['tson-astana-1', 'tson-astana-2', 'tson-semey-1']
  const signature = new Uint8Array(64).fill(7)
  const newestOpenIds: string[] = []
  for (let start = 0; start < o.count; start += batch) {
    const end = Math.min(o.count, start + batch)
    await store.transaction(async (tx) => {
      for (let i = start; i < end; i++) {
        const receivedAt = o.now - (o.count - 1 - i) * step
        const serviceId = services[i % services.length]
        const tsonId = tsons[i % tsons.length]
        const isOpen = i >= o.count - open || (i % Math.max(1, Math.floor(o.count / Math.max(1, stale))) === 0 && stale > 0)
        const assigned = o.assignee && i % o.assignee.every === 0 ? o.assignee.userId : null
        const status: RequestStatus = isOpen ? (assigned ? 'IN_PROCESSING' : 'REGISTERED') : SETTLED_STATUSES[i % SETTLED_STATUSES.length]
        const envelopeId = randomUUID()
        const day = new Date(receivedAt).toISOString().slice(0, 10).replace(/-/g, '')
        const r: RequestRecord = {
          id: randomUUID(), registrationNumber: `GW-${day}-F${String(i).padStart(8, '0')}`, envelopeId, serviceId, tsonId,
          departmentId: departmentFor(serviceId), operatorUserId: 'fill-operator', status, receivedAt,
          envelope: envelopeBytes(serviceId, tsonId, envelopeId, new Date(receivedAt).toISOString()), signature,
          assigneeId: assigned, resultKind: null, resultDocument: null, resultSignature: null, resultMediaType: null, resultReason: null,
          resultReasonCode: null, resultSignedBy: null, resultSignerIin: null, resultSignerBin: null, decidedAt: isOpen ? null : receivedAt + 3_600_000,
        }
        await tx.insertRequest(r)
        await tx.appendStatus({
          requestId: r.id, registrationNumber: r.registrationNumber, serviceId, envelopeId, tsonId, departmentId: r.departmentId,
          status, at: receivedAt, note: null,
        })
        if (i >= o.count - open) newestOpenIds.push(r.id)
      }
    })
    o.onProgress?.(end)
  }
  return { newestOpenIds }
}
