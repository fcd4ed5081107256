/**
 * The audit trail: every action of a person (sign-in and out, a citizen look-up, open, take, assign, decide, print,
 * hand-over, payment, every admin change) as one hash-chained entry — who, in which role, when, from which desk, on
 * which request — plus the activity rollup the dashboards read. Services call `record` (inside their own store
 * transaction when they have one, so the entry commits with the action); the chain is the message log's
 * (src-shared/audit), never a second copy of it.
 */
import { createHash } from 'node:crypto'
import { AUDIT_EXPORT_FORMAT, auditEntryHash as sharedEntryHash, chainStart, nextLink, walkChain, type AuditAction, type AuditEntry, type AuditExportHeader } from '../../src-shared/audit'
import { kzParts } from '../../src-shared/format'
import type { Clock } from '../ports'
import type { ActivityCountRow, AuditFilter, GatewayStore, RequestRecord, StoreTx } from '../store/types'

/** The shared entry hash over node:crypto's SHA-256 (the same digest; the portable JS one is slower per entry). */
const auditEntryHash = (e: Omit<AuditEntry, 'hash'>): string => sharedEntryHash(e, (text) => createHash('sha256').update(text, 'utf8').digest('hex'))

/** Who acted: a signed-in user (UserRecord and Principal['user'] both fit), or a name for a failed sign-in. */
export interface AuditActor {
  id: string
  role: string
  departmentId?: string | null
}

/** The request an action was about (a RequestRecord fits). */
export type AuditedRequest = Pick<RequestRecord, 'id' | 'serviceId' | 'tsonId' | 'departmentId'> & { dueAt?: number | null }

export interface AuditEvent {
  actor: AuditActor
  action: AuditAction
  /** The desk it came from (`deskOf(req)` in a route). */
  desk?: string | null
  request?: AuditedRequest | null
  /** Facts of the action (a reason, the masked subject of a look-up, what an admin changed); never a password. */
  detail?: Record<string, unknown>
}

/** The desk id the workstation sends in X-Arm-Desk; anything else is not trusted into the trail. */
export const DESK_HEADER = 'x-arm-desk'
export function deskOf(headers: Record<string, string | string[] | undefined>): string | null {
  const v = headers[DESK_HEADER]
  return typeof v === 'string' && /^[A-Za-z0-9._:-]{1,64}$/.test(v) ? v : null
}

/** yyyy-mm-dd of a moment in Kazakhstan (the rollup's day). */
export function kzDay(at: number): string {
  const p = kzParts(at)
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`
}

const EXPORT_PAGE = 1000

/**
 * Records one action on a request inside the caller's store transaction: the route binds who and from which desk
 * (`AuditTrail.onRequest`), the service says what, on which request and with which facts, once the change is made
 * (so the entry commits with the action or not at all, and a replayed or refused action records nothing).
 * Call it as the transaction's LAST step: on PostgreSQL the audit head's lock must come after the message log's
 * (status changes and log entries take that one), or two transactions could wait on each other.
 */
export type RequestAudit = (tx: StoreTx, action: AuditAction, r: AuditedRequest & { registrationNumber: string }, detail?: Record<string, unknown>) => Promise<void>
/** No trail (services built without one, e.g. in unit tests). */
export const NO_REQUEST_AUDIT: RequestAudit = async () => {}
/** The actor of what the payment gateway reports on its own (a phone payment, a late callback): not a person of АРМ. */
export const PAYMENT_GATEWAY_ACTOR: AuditActor = { id: 'payment-gateway', role: 'system' }

export class AuditTrail {
  constructor(
    private readonly store: GatewayStore,
    private readonly clock: Clock,
  ) {}

  /** Appends one entry (inside `tx` when given: it commits with the caller's change) and counts it in the rollup. */
  async record(ev: AuditEvent, tx?: StoreTx): Promise<AuditEntry> {
    if (!tx) return this.store.transaction((t) => this.record(ev, t))
    const at = this.clock.now()
    const base = {
      ...nextLink(await tx.lastAuditEntry()),
      at,
      actorId: ev.actor.id,
      actorRole: ev.actor.role,
      desk: ev.desk ?? null,
      action: ev.action,
      requestId: ev.request?.id ?? null,
      departmentId: ev.request?.departmentId ?? ev.actor.departmentId ?? null,
      detail: JSON.stringify(ev.detail ?? {}),
    }
    const entry: AuditEntry = { ...base, hash: auditEntryHash(base) }
    await tx.appendAudit(entry)
    if (ev.request) {
      const late = ev.request.dueAt != null && at > ev.request.dueAt ? 1 : 0
      await tx.bumpActivity({
        day: kzDay(at), actorId: ev.actor.id, action: ev.action, serviceId: ev.request.serviceId, tsonId: ev.request.tsonId ?? '',
        departmentId: ev.request.departmentId, late,
      })
    }
    return entry
  }

  /** The RequestAudit of one person at one desk (`deskOf(req.headers)`). */
  onRequest(actor: AuditActor, desk: string | null): RequestAudit {
    return async (tx, action, r, detail = {}) => {
      await this.record({ actor, action, desk, request: r, detail: { registrationNumber: r.registrationNumber, ...detail } }, tx)
    }
  }

  page(f: AuditFilter): Promise<AuditEntry[]> {
    return this.store.auditEntries(f)
  }

  activity(fromDay: string, toDay: string): Promise<ActivityCountRow[]> {
    return this.store.activityCounts(fromDay, toDay)
  }

  /** Walks the whole chain from the genesis hash; the first entry that does not link, if any. */
  async verify(): Promise<{ ok: true; length: number; head: string } | { ok: false; brokenAt: number }> {
    const cursor = chainStart()
    for (;;) {
      const batch = await this.store.auditEntries({ afterSeq: cursor.nextSeq - 1, limit: EXPORT_PAGE })
      const broken = walkChain(cursor, batch, auditEntryHash)
      if (broken !== null) return { ok: false, brokenAt: broken }
      if (batch.length < EXPORT_PAGE) return { ok: true, length: cursor.length, head: cursor.prevHash }
    }
  }

  /**
   * The trail from `fromSeq` as JSON Lines (header, then the entries), page by page: `arm audit-verify FILE` checks
   * it with nothing but the file. The header's anchor is the previous entry's hash (GENESIS_HASH from the start).
   */
  async exportLines(fromSeq = 1): Promise<string[]> {
    const from = Math.max(1, fromSeq)
    const before = from > 1 ? (await this.store.auditEntries({ afterSeq: from - 2, limit: 1 }))[0] : undefined
    const lines: string[] = []
    let after = from - 1
    let head = before?.hash ?? nextLink(undefined).prevHash
    for (;;) {
      const batch = await this.store.auditEntries({ afterSeq: after, limit: EXPORT_PAGE })
      for (const e of batch) lines.push(JSON.stringify(e))
      if (batch.length) {
        after = batch[batch.length - 1].seq
        head = batch[batch.length - 1].hash
      }
      if (batch.length < EXPORT_PAGE) break
    }
    const header: AuditExportHeader = {
      format: AUDIT_EXPORT_FORMAT, exportedAt: this.clock.now(), fromSeq: from, anchor: before?.hash ?? nextLink(undefined).prevHash, count: lines.length, head,
    }
    return [JSON.stringify(header), ...lines]
  }
}
