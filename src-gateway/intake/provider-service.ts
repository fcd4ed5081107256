/**
 * АРМ РШЭП side: the department inbox, take/assign, and the decision — a result or a мотивированный отказ — signed by
 * the specialist over a document that names the request, so a signature cannot be replayed onto another request.
 */
import { joinQueue } from './queues'
import { base64ToBytes, bytesEqual, bytesToBase64 } from '../../src-shared/bytes'
import { ServiceCatalog } from '../../src-shared/catalog'
import { ArmError } from '../../src-shared/errors'
import {
  INBOX_PAGE_DEFAULT, type TermExtensionResponse, type DecisionRequest, type DecisionResponse, type InboxItem, type PrepareDecisionRequest, type PrepareDecisionResponse,
  type PreparedDecision, type RequestStatus, type TakeResponse,
} from '../../src-shared/gateway/api'
import { refusalReasonText } from '../../src-shared/print/compose'
import { checkDecision, gatewayKind, parseDecisionBytes, type DecisionDocument } from '../../src-shared/results'
import type { Principal } from '../auth/auth-service'
import type { Clock, EnvelopeCodec, EnvelopeVerifier } from '../ports'
import type { GatewayStore, InboxCursor, PreparedDecisionRecord, RequestRecord, StoreTx } from '../store/types'
import { assertAuthorisedSigner, sameDecisionContent } from './authorised-signer'
import { NO_REQUEST_AUDIT, type RequestAudit } from '../audit/audit-trail'
import { extendedDueAt, regulatedDueAt, workOrder } from '../supervision/work'
import { parseTermExtendedNote, termExtendedNote } from '../../src-shared/gateway/term-extension'
import { digestOf, type MessageLog } from './message-log'
import type { RequestService } from './request-service'

const CATALOG = new ServiceCatalog()

const preparedOnWire = (d: PreparedDecisionRecord): PreparedDecision => ({
  kind: d.kind, payload: bytesToBase64(d.payload), preparedBy: d.preparedByName, preparedById: d.preparedById, preparedAt: new Date(d.preparedAt).toISOString(),
})
const iso = (ms: number) => new Date(ms).toISOString()

/** The inbox cursor on the wire: the work-order key of a page's last item, base64url JSON (opaque to clients). */
export function encodeInboxCursor(r: RequestRecord): string {
  const w = workOrder({ status: r.status, dueAt: r.dueAt ?? null, receivedAt: r.receivedAt })
  return Buffer.from(JSON.stringify([w.settled, w.sortKey, r.id])).toString('base64url')
}

export function decodeInboxCursor(cursor: string): InboxCursor {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (Array.isArray(v) && v.length === 3 && (v[0] === 0 || v[0] === 1) && Number.isSafeInteger(v[1]) && typeof v[2] === 'string' && v[2].length <= 100) {
      return { settled: v[0], sortKey: v[1], id: v[2] }
    }
  } catch {
    // fall through: the same coded refusal for every malformed cursor
  }
  throw new ArmError('GW_BAD_REQUEST', 'cursor is not one this gateway issued')
}

export class ProviderService {
  constructor(
    private readonly store: GatewayStore,
    private readonly clock: Clock,
    private readonly verifier: EnvelopeVerifier,
    private readonly codec: EnvelopeCodec,
    private readonly requests: RequestService,
    private readonly log: MessageLog,
    private readonly policy: { testTrust: boolean; clockToleranceMs: number; departmentBins: Record<string, string[]>; testBins: string[] },
  ) {}

  /** The БИНs whose certificates sign for a department (with test trust also the NCA test PKI's). */
  private binsOf(departmentId: string): string[] {
    return [...(this.policy.departmentBins[departmentId] ?? []), ...(this.policy.testTrust ? this.policy.testBins : [])]
  }

  private department(p: Principal): string {
    const u = p.user
    if ((u.role !== 'provider_specialist' && u.role !== 'supervisor') || !u.departmentId) throw new ArmError('GW_FORBIDDEN', 'only provider staff have an inbox')
    return u.departmentId
  }

  /** A request of the principal's department, or 404 (other departments' requests do not exist for them). */
  private async own(p: Principal, requestId: string, store: StoreTx = this.store): Promise<RequestRecord> {
    const dept = this.department(p)
    const r = await store.requestById(requestId)
    if (!r || r.departmentId !== dept) throw new ArmError('GW_NOT_FOUND')
    return r
  }

  /** One page of the department's inbox in work order (see InboxQuery); `next` continues it. */
  async inbox(p: Principal, q: { status?: RequestStatus; mine?: boolean; serviceId?: string; limit?: number; cursor?: string }): Promise<{ items: InboxItem[]; next?: string }> {
    const dept = this.department(p)
    const limit = q.limit ?? INBOX_PAGE_DEFAULT
    const rows = await this.store.listInbox(dept, {
      status: q.status, assigneeId: q.mine ? p.user.id : undefined, serviceId: q.serviceId, limit, after: q.cursor ? decodeInboxCursor(q.cursor) : undefined,
    })
    const last = rows[rows.length - 1]
    // The decisions prepared for signing on this page (open requests only: a decided one was signed already).
    const open = rows.filter((r) => r.status === 'IN_PROCESSING').map((r) => r.id)
    const prepared = new Map((await this.store.preparedDecisions(open)).map((d) => [d.requestId, preparedOnWire(d)]))
    // The assignees by name (a page holds a handful of distinct people): the screens never show an account id.
    const names = new Map<string, string>()
    for (const id of new Set(rows.map((r) => r.assigneeId).filter((x): x is string => !!x))) {
      const u = await this.store.userById(id)
      if (u) names.set(id, u.displayName)
    }
    return { items: this.inboxItems(rows, prepared, names), ...(rows.length === limit && last ? { next: encodeInboxCursor(last) } : {}) }
  }

  private inboxItems(rows: RequestRecord[], prepared: Map<string, PreparedDecision>, names: Map<string, string>): InboxItem[] {
    return rows.map((r) => {
      const decoded = this.codec.decode(r.envelope)
      return {
        requestId: r.id, registrationNumber: r.registrationNumber, serviceId: r.serviceId, departmentId: r.departmentId,
        ...(r.tsonId ? { tsonId: r.tsonId } : {}), status: r.status, receivedAt: iso(r.receivedAt),
        ...(r.assigneeId ? { assigneeId: r.assigneeId } : {}), ...(r.assigneeId && names.has(r.assigneeId) ? { assigneeName: names.get(r.assigneeId) } : {}), ...(r.dueAt != null ? { dueAt: iso(r.dueAt) } : {}),
        envelope: decoded.ok ? decoded.envelope.raw : {}, envelopeBytes: bytesToBase64(r.envelope), signature: bytesToBase64(r.signature),
        ...(prepared.has(r.id) ? { prepared: prepared.get(r.id) } : {}),
      }
    })
  }

  /** `audit` (here and in assign, decide) records the action in its transaction, only when it changed something. */
  take(p: Principal, requestId: string, audit: RequestAudit = NO_REQUEST_AUDIT): Promise<TakeResponse> {
    return this.assignTo(p, requestId, p.user.id, false, audit)
  }

  /** Supervisor hands a request to a specialist of the same department. */
  async assign(p: Principal, requestId: string, assigneeId: string, audit: RequestAudit = NO_REQUEST_AUDIT): Promise<TakeResponse> {
    if (p.user.role !== 'supervisor') throw new ArmError('GW_FORBIDDEN', 'only a supervisor assigns')
    const target = await this.store.userById(assigneeId)
    if (!target || target.departmentId !== p.user.departmentId || target.role !== 'provider_specialist') throw new ArmError('GW_FORBIDDEN', 'the assignee is not a specialist of this department')
    return this.assignTo(p, requestId, assigneeId, true, audit)
  }

  private async assignTo(p: Principal, requestId: string, assigneeId: string, reassign: boolean, audit: RequestAudit): Promise<TakeResponse> {
    const now = this.clock.now()
    const { res, change } = await this.store.transaction(async (tx) => {
      const r = await this.own(p, requestId, tx)
      if (r.status !== 'REGISTERED' && r.status !== 'IN_PROCESSING') throw new ArmError('GW_INVALID_TRANSITION', `status is ${r.status}`)
      if (r.assigneeId && r.assigneeId !== assigneeId && !reassign) throw new ArmError('GW_ALREADY_TAKEN')
      if (r.assigneeId === assigneeId && r.status === 'IN_PROCESSING') return { res: { requestId: r.id, status: r.status, assigneeId }, change: undefined }
      await tx.updateRequest(r.id, { assigneeId, status: 'IN_PROCESSING' })
      const change = r.status === 'IN_PROCESSING' ? undefined : await this.requests.appendStatusRaw(tx, r, 'IN_PROCESSING', now, undefined, p.user.displayName)
      await audit(tx, reassign ? 'request.assign' : 'request.take', r, reassign ? { assigneeId } : {})
      return { res: { requestId: r.id, status: 'IN_PROCESSING' as const, assigneeId }, change }
    })
    if (change) this.requests.publish(change)
    return res
  }

  /**
   * The one decision schema (src-shared/results) and nothing else: shape, template of the service, fields, refusal
   * ground and words (RESULT_* codes), and the document names this request, its service and the decision kind.
   */
  private checkedDocument(r: RequestRecord, payload: Uint8Array, kind: 'result' | 'refusal', reasonCode?: string) {
    const decision = parseDecisionBytes(payload)
    const { service } = checkDecision(decision, CATALOG)
    if (decision.registrationNumber !== r.registrationNumber || decision.serviceId !== r.serviceId || gatewayKind(decision.kind) !== kind || (decision.refusal && reasonCode && reasonCode !== decision.refusal.code)) {
      throw new ArmError('GW_BAD_REQUEST', 'the document must name this request, its service and the decision kind')
    }
    return { decision, service }
  }

  /**
   * The assignee prepares the decision for the department's authorised person (issue 13 point 2): unsigned, checked as
   * a signed one would be, kept until someone with the right to sign signs it (preparing again replaces it).
   */
  async prepare(p: Principal, requestId: string, d: PrepareDecisionRequest, audit: RequestAudit = NO_REQUEST_AUDIT): Promise<PrepareDecisionResponse> {
    const payload = base64ToBytes(d.payload)
    const now = this.clock.now()
    return this.store.transaction(async (tx) => {
      const r = await this.own(p, requestId, tx)
      if (r.status !== 'IN_PROCESSING') throw new ArmError('GW_INVALID_TRANSITION', `status is ${r.status}; take the request first`)
      if (r.assigneeId !== p.user.id) throw new ArmError('GW_NOT_ASSIGNEE', 'the request is assigned to someone else')
      this.checkedDocument(r, payload, d.kind)
      const record: PreparedDecisionRecord = { requestId: r.id, kind: d.kind, payload, preparedById: p.user.id, preparedByName: p.user.displayName, preparedAt: now }
      await tx.putPreparedDecision(record)
      await audit(tx, 'request.prepare-decision', r, { kind: d.kind })
      return { requestId: r.id, registrationNumber: r.registrationNumber, prepared: preparedOnWire(record) }
    })
  }

  async decide(p: Principal, requestId: string, d: DecisionRequest, audit: RequestAudit = NO_REQUEST_AUDIT): Promise<DecisionResponse> {
    const pre = await this.own(p, requestId)
    if (pre.status !== 'IN_PROCESSING') throw new ArmError('GW_INVALID_TRANSITION', `status is ${pre.status}; take the request first`)
    // The assignee decides their own request; anyone else of the department only signs what the assignee prepared —
    // never over someone else's unfinished work (a supervisor who wants to decide it reassigns it to themselves first).
    const assignee = pre.assigneeId === p.user.id
    const prepared = assignee ? undefined : (await this.store.preparedDecisions([pre.id]))[0]
    if (!assignee && !prepared) throw new ArmError('GW_NOT_ASSIGNEE', 'the request is assigned to someone else and nothing was prepared for signing')
    const payload = base64ToBytes(d.payload)
    const signature = base64ToBytes(d.signature)
    const { decision, service } = this.checkedDocument(pre, payload, d.kind, d.reasonCode)
    if (prepared && !sameDecisionContent(parseDecisionBytes(prepared.payload) as DecisionDocument, decision)) {
      throw new ArmError('GW_PREPARED_DECISION_CHANGED', 'the signed document is not the decision the specialist prepared')
    }
    const now = this.clock.now()
    const check = await this.verifier.verify({ content: payload, cms: signature, at: new Date(now), detached: true })
    if (!check.ok) throw new ArmError(check.code, check.message)
    if (check.signer.test && !this.policy.testTrust) throw new ArmError('GW_TEST_KEY_NOT_ALLOWED')
    if (!check.signer.iin || check.signer.iin !== p.user.iin) throw new ArmError('GW_SIGNER_MISMATCH')
    // A decision is a document: a SIGN key (nonRepudiation), of the department's organisation, signed now-ish.
    if (!check.signer.sign) throw new ArmError('GW_CERT_NOT_SIGN')
    // …with NCA's first-head or right-to-sign key-user policy for the department's БИН: the permission is the certificate's.
    assertAuthorisedSigner(check.signer, this.binsOf(pre.departmentId))
    if (check.signer.signingTime !== undefined && check.signer.signingTime > now + this.policy.clockToleranceMs) throw new ArmError('GW_SIGNING_TIME_INVALID')

    const status: RequestStatus = d.kind === 'result' ? 'RESULT_READY' : 'REFUSED'
    // The reason the ЦОН shows (status summary): the ground in words, then the specialist's own, as the letter prints it.
    const reason = decision.refusal ? refusalReasonText(decision, service, 'ru') : null
    const change = await this.store.transaction(async (tx) => {
      const r = await this.own(p, requestId, tx)
      if (r.status !== 'IN_PROCESSING') throw new ArmError('GW_INVALID_TRANSITION', `status is ${r.status}`)
      // Signed over the prepared decision: it must still be the one prepared (the assignee may have prepared anew).
      if (prepared) {
        const current = (await tx.preparedDecisions([r.id]))[0]
        if (!current || !bytesEqual(current.payload, prepared.payload)) throw new ArmError('GW_PREPARED_DECISION_CHANGED', 'the prepared decision changed while it was being signed')
      }
      await tx.updateRequest(r.id, {
        status, resultKind: d.kind, resultDocument: payload, resultSignature: signature, resultMediaType: 'application/json',
        resultReason: reason, resultReasonCode: decision.refusal?.code ?? null, resultSignedBy: 'specialist',
        resultSignerIin: check.signer.iin ?? null, resultSignerBin: check.signer.bin ?? null, decidedAt: now,
      })
      await this.log.append(tx, `decision:${d.kind}`, r.id, digestOf(payload, signature), now)
      if (d.kind === 'result') {
        // A granted queue request takes its place in the queue in the same transaction as the decision, with the
        // commission decision the signed result records (housing).
        const decoded = this.codec.decode(r.envelope)
        if (decoded.ok) await joinQueue(tx, now, r, decoded.envelope.form, decision.values)
      }
      const change = await this.requests.appendStatusRaw(tx, r, status, now, decision.refusal?.code, p.user.displayName)
      await audit(tx, 'request.decide', r, { status, ...(prepared ? { preparedBy: prepared.preparedById } : {}) })
      return change
    })
    this.requests.publish(change)
    return { requestId: pre.id, registrationNumber: pre.registrationNumber, status, decidedAt: iso(now) }
  }

  /**
   * Extends the term once (CATALOG G16; §2.3 TERM_EXTENDED is a notification, not a state): the assignee of a request in
   * processing, of a service whose regulations allow it, with a reason. The new deadline is the regulated term once more
   * on the working-day calendar; the request stays IN_PROCESSING and a status-history entry with the TERM_EXTENDED note
   * goes onto the status stream, so the ЦОН that sent the request sees the new date (N1).
   */
  async extendTerm(p: Principal, requestId: string, reason: string, audit: RequestAudit = NO_REQUEST_AUDIT): Promise<TermExtensionResponse> {
    const now = this.clock.now()
    const { res, change } = await this.store.transaction(async (tx) => {
      const r = await this.own(p, requestId, tx)
      if (r.status !== 'IN_PROCESSING') throw new ArmError('GW_TERM_NOT_IN_PROCESSING', `status is ${r.status}`)
      if (r.assigneeId !== p.user.id) throw new ArmError('GW_TERM_NOT_ASSIGNEE')
      const service = CATALOG.find(r.serviceId)
      if (!service?.terms.extendable) throw new ArmError('GW_TERM_NOT_EXTENDABLE', `${r.serviceId} is not extendable`)
      const history = await tx.statusHistory(r.id)
      if (history.some((c) => parseTermExtendedNote(c.note))) throw new ArmError('GW_TERM_ALREADY_EXTENDED')
      const previous = r.dueAt ?? regulatedDueAt(r.serviceId, r.receivedAt)
      const dueAt = previous == null ? null : extendedDueAt(r.serviceId, previous)
      if (previous == null || dueAt == null) throw new ArmError('GW_TERM_NOT_EXTENDABLE', 'no regulated term to extend')
      // Moves the request's inbox position and its supervision rollup day with it (the store does both on dueAt).
      await tx.updateRequest(r.id, { dueAt })
      const change = await this.requests.appendStatusRaw(tx, r, 'IN_PROCESSING', now, termExtendedNote({ dueAt: iso(dueAt), reason }), p.user.displayName)
      await audit(tx, 'request.extend-term', r, { dueAt: iso(dueAt), previousDueAt: iso(previous) })
      return {
        res: { requestId: r.id, registrationNumber: r.registrationNumber, status: r.status, previousDueAt: iso(previous), dueAt: iso(dueAt), extendedAt: iso(now), reason },
        change,
      }
    })
    this.requests.publish(change)
    return res
  }
}
