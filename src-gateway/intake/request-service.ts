/**
 * Intake (ЦОН → ШЭП → АРМ РШЭП): verifies a signed envelope, registers it with a registration number, routes it to
 * the provider's department inbox and answers idempotently. Also status by number, status changes and results,
 * always filtered by who is asking (a ЦОН sees only its requests, a department only its own).
 */
import { createHash, randomUUID } from 'node:crypto'
import { bytesToBase64 } from '../../src-shared/bytes'
import { ArmError } from '../../src-shared/errors'
import type { RequestStatus, RequestStatusResponse, ResultDocument, StatusChange, SubmitResponse } from '../../src-shared/gateway/api'
import { SubmitRequest, route } from '../../src-shared/gateway/api'
import type { Principal } from '../auth/auth-service'
import type { Clock, EnvelopeCodec, EnvelopeFacts, EnvelopeVerifier, RoutedService, ServiceDirectory } from '../ports'
import type { GatewayStore, RequestRecord, StatusChangeRecord, StatusFilter, StoreTx } from '../store/types'
import type { StatusEvents } from './events'
import { digestOf, type MessageLog } from './message-log'
import { queueFor } from './queues'
import { NO_REQUEST_AUDIT, type RequestAudit } from '../audit/audit-trail'
import type { AttachmentAccess } from '../attachments/attachment-access'
import { matchesMagic, pageCount } from '../attachments/document-facts'
import { catalog } from '../../src-shared/catalog'
import { resultValidUntil } from '../../src-shared/deadline'

export interface SubmitOutcome {
  statusCode: number
  body: unknown
  /** True when this answer was committed now (fault injection may drop it after the commit). */
  committed: boolean
  request?: RequestRecord
}

export interface IntakePolicy {
  testTrust: boolean
  /** How far ahead of the gateway's clock a signing time or createdAt may be. */
  clockToleranceMs: number
}

const iso = (ms: number) => new Date(ms).toISOString()
type FormIssue = ReturnType<RoutedService['validateForm']>[number]

export class RequestService {
  /**
   * Called inside the registering transaction (automated services enqueue their answer as a durable job there, so
   * the job exists exactly when the request does).
   */
  registeredIn: (tx: StoreTx, r: RequestRecord) => Promise<void> = async () => {}
  /**
   * ГБД ФЛ for a person applicant (throws REGISTRY_PERSON_NOT_FOUND, the M3 refusal, when absent). The desk checks
   * before signing; a request signed offline could not, so the gateway checks every one at intake.
   */
  applicantCheck: (applicant: EnvelopeFacts['applicant']) => void = () => {}
  /** Called after a request is registered and committed. */
  onRegistered: (r: RequestRecord) => void = () => {}

  constructor(
    private readonly store: GatewayStore,
    private readonly clock: Clock,
    private readonly verifier: EnvelopeVerifier,
    private readonly codec: EnvelopeCodec,
    private readonly services: ServiceDirectory,
    private readonly log: MessageLog,
    private readonly events: StatusEvents,
    private readonly policy: IntakePolicy,
    private readonly attachments: AttachmentAccess,
  ) {}

  /** `audit` records the registration in its transaction: once, never for a replayed or refused submission. */
  async submit(p: Principal, idempotencyKey: string, rawBody: unknown, audit: RequestAudit = NO_REQUEST_AUDIT): Promise<SubmitOutcome> {
    const raw = rawBody as { envelope?: unknown; signature?: unknown } | null
    if (raw && typeof raw === 'object' && typeof raw.envelope === 'string' && (raw.signature === undefined || raw.signature === '' || raw.signature === null)) {
      throw new ArmError('GW_SIGNATURE_MISSING', 'the envelope comes without its detached CMS')
    }
    const parsed = SubmitRequest.safeParse(rawBody)
    if (!parsed.success) throw new ArmError('GW_BAD_REQUEST', 'body must be {envelope, signature} in base64', { issues: parsed.error.issues.slice(0, 5).map((i) => i.path.join('.') + ': ' + i.message) })
    const { envelope: envB64, signature: sigB64 } = parsed.data
    const scopeKey = `${p.user.id}:${idempotencyKey}`
    const bodyHash = createHash('sha256').update(envB64).update('\n').update(sigB64).digest('hex')

    const replay = await this.replay(scopeKey, bodyHash)
    if (replay) return replay

    // Node's native decoder (the schema has already checked both are canonical base64, what base64ToBytes accepts),
    // into buffers of their own (a small Buffer.from shares a pooled ArrayBuffer).
    const envelopeBytes = new Uint8Array(Buffer.from(envB64, 'base64'))
    const signature = new Uint8Array(Buffer.from(sigB64, 'base64'))
    const now = this.clock.now()
    // Cheap structural refusals first (a garbled envelope costs no signature check): it decodes, it is for this
    // channel, the service exists.
    const decoded = this.codec.decode(envelopeBytes)
    if (!decoded.ok) throw new ArmError('GW_ENVELOPE_INVALID', decoded.message)
    const env = decoded.envelope
    this.checkChannel(p, env)
    const service = this.services.service(env.serviceId)
    if (!service) throw new ArmError('GW_SERVICE_UNKNOWN', `unknown service ${env.serviceId}`)
    // A walk-in registered at a department's own desk goes into that department's inbox or nowhere: a service of
    // another department is refused, never routed there behind the specialist's back.
    if (env.channel === 'provider' && service.departmentId !== env.departmentId) {
      throw new ArmError('GW_SERVICE_NOT_OF_DEPARTMENT', `${env.serviceId} is served by another department`, { serviceId: env.serviceId })
    }
    // The signature binds the operator to these exact bytes: nothing in them is trusted before it passes. Its
    // public-key step runs on the crypto thread pool; meanwhile (setImmediate: once the check has handed that step
    // over) this thread checks the form against the service schema, whose verdict is reported after the signature's.
    const verifying = this.verifier.verify({ content: envelopeBytes, cms: signature, at: new Date(now), detached: true })
    verifying.catch(() => undefined) // awaited below; never left rejecting unobserved if the form check throws
    const formIssues = await new Promise<FormIssue[]>((resolve, reject) =>
      setImmediate(() => {
        try {
          resolve(service.validateForm(env.form, { channel: env.channel, today: iso(now).slice(0, 10), applicant: env.applicant }))
        } catch (err) {
          reject(err)
        }
      }),
    )
    const check = await verifying
    if (!check.ok) throw new ArmError(check.code, check.message)
    if (check.signer.test && !this.policy.testTrust) throw new ArmError('GW_TEST_KEY_NOT_ALLOWED')
    if (!check.signer.iin || check.signer.iin !== p.user.iin || env.operatorIin !== p.user.iin) {
      throw new ArmError('GW_SIGNER_MISMATCH', 'the signer, the envelope operator and the signed-in user must be the same person')
    }
    // An envelope is a document: signed with a SIGN key (nonRepudiation), not the AUTH key that signs in.
    if (!check.signer.sign) throw new ArmError('GW_CERT_NOT_SIGN')
    this.checkTimes(env, check.signer.signingTime, now)
    if (formIssues.length) throw new ArmError('GW_FORM_INVALID', 'the form does not match the service schema', { issues: formIssues.slice(0, 20) })
    this.checkRequiredScans(service, env)
    this.applicantCheck(env.applicant)
    await this.checkAttachments(p, env)

    const departmentId = service.departmentId
    const pending: StatusChangeRecord[] = []
    const outcome = await this.store.transaction(async (tx): Promise<SubmitOutcome> => {
      // Re-check inside the transaction: a concurrent duplicate may have committed meanwhile.
      const again = await this.replay(scopeKey, bodyHash, tx)
      if (again) return again
      const existing = await tx.requestByEnvelopeId(env.envelopeId)
      if (existing) {
        // The same signed envelope under a new key (e.g. a client that lost its key): answer with the original
        // registration; a different envelope reusing an envelopeId is a conflict.
        if (Buffer.compare(Buffer.from(existing.envelope), Buffer.from(envelopeBytes)) !== 0) {
          throw new ArmError('GW_IDEMPOTENCY_CONFLICT', 'envelopeId already used by a different envelope')
        }
        const body = this.submitBody(existing)
        await tx.putIdempotency({ scopeKey, bodyHash, statusCode: 201, response: JSON.stringify(body), createdAt: now })
        return { statusCode: 201, body, committed: false }
      }
      const day = iso(now).slice(0, 10).replace(/-/g, '')
      const seq = await tx.nextRegistrationSeq(day)
      const req: RequestRecord = {
        id: randomUUID(), registrationNumber: `GW-${day}-${String(seq).padStart(6, '0')}`, envelopeId: env.envelopeId, serviceId: env.serviceId,
        tsonId: env.channel === 'tson' ? env.tsonId ?? null : null, departmentId, operatorUserId: p.user.id, status: 'REGISTERED', receivedAt: now,
        envelope: envelopeBytes, signature, assigneeId: null, resultKind: null, resultDocument: null, resultSignature: null, resultMediaType: null,
        resultReason: null, resultReasonCode: null, resultSignedBy: null, resultSignerIin: null, resultSignerBin: null, decidedAt: null,
      }
      await tx.insertRequest(req)
      await this.registeredIn(tx, req)
      const change = await this.appendStatusRaw(tx, req, 'REGISTERED', now, `pattern ${service.pattern}`, p.user.displayName)
      await this.log.append(tx, 'request', req.id, digestOf(envelopeBytes, signature), now)
      const body = this.submitBody(req)
      await tx.putIdempotency({ scopeKey, bodyHash, statusCode: 201, response: JSON.stringify(body), createdAt: now })
      await audit(tx, 'request.submit', req)
      pending.push(change)
      return { statusCode: 201, body, committed: true, request: req }
    })
    for (const c of pending.splice(0)) this.events.publish(c)
    if (outcome.committed && outcome.request) this.onRegistered(outcome.request)
    return outcome
  }

  private async replay(scopeKey: string, bodyHash: string, store: StoreTx = this.store): Promise<SubmitOutcome | undefined> {
    const prior = await store.idempotency(scopeKey)
    if (!prior) return undefined
    if (prior.bodyHash !== bodyHash) throw new ArmError('GW_IDEMPOTENCY_CONFLICT')
    return { statusCode: prior.statusCode, body: JSON.parse(prior.response), committed: false }
  }

  /**
   * Signed times against the gateway's clock: the CMS signing time and the envelope's createdAt may be at most
   * `clockToleranceMs` ahead of now (clients' clocks drift; a year ahead is a forged or broken clock), and createdAt
   * not after the signature. Old times are legitimate: an offline outbox sends days later.
   */
  private checkTimes(env: EnvelopeFacts, signingTime: number | undefined, now: number): void {
    const tolerance = this.policy.clockToleranceMs
    if (signingTime !== undefined && signingTime > now + tolerance) {
      throw new ArmError('GW_SIGNING_TIME_INVALID', `signing time ${iso(signingTime)} is ahead of the gateway clock ${iso(now)} by more than ${tolerance / 1000} s`)
    }
    const created = Date.parse(env.createdAt)
    if (!Number.isFinite(created) || created > now + tolerance) throw new ArmError('GW_CREATED_AT_INVALID', `createdAt ${env.createdAt} is in the future`)
    if (signingTime !== undefined && created > signingTime + tolerance) throw new ArmError('GW_CREATED_AT_INVALID', 'createdAt is after the signing time')
  }

  /**
   * Each referenced scan must have been uploaded by the caller's own scope (ЦОН or department), with the signed size;
   * otherwise the answer is exactly that of a hash nobody uploaded (no oracle over others' scans). Then the signed
   * media type must be the stored one (and the bytes' magic), and a declared page count the document's own.
   */
  private async checkAttachments(p: Principal, env: EnvelopeFacts): Promise<void> {
    for (const a of env.attachments) {
      const stored = await this.store.attachment(a.sha256)
      if (!stored || stored.size !== a.size || !(await this.attachments.uploadedInScope(p, a.sha256))) {
        throw new ArmError('GW_ATTACHMENT_MISSING', `attachment ${a.sha256} is not uploaded`, { sha256: a.sha256 })
      }
      const typeMismatch = () => new ArmError('GW_ATTACHMENT_TYPE_MISMATCH', `attachment ${a.sha256} is stored as ${stored.mediaType}, signed as ${a.mediaType}`, { sha256: a.sha256 })
      if (stored.mediaType !== a.mediaType) throw typeMismatch()
      // The row holds what the bytes said when they arrived (their type matched; pages, 0 when they do not tell): the
      // scan is not read back. A row without those facts (stored before they were kept) is checked on its bytes.
      let pages: number | undefined
      if (stored.pages != null) pages = stored.pages || undefined
      else {
        const bytes = await this.store.attachmentBytes(a.sha256)
        if (!bytes || !matchesMagic(a.mediaType, bytes)) throw typeMismatch()
        pages = pageCount(a.mediaType, bytes)
      }
      if (a.pages !== undefined && pages !== undefined && pages !== a.pages) {
        throw new ArmError('GW_ATTACHMENT_PAGES_MISMATCH', `attachment ${a.sha256} has ${pages} page(s), signed as ${a.pages}`, { sha256: a.sha256, pages, declared: a.pages })
      }
    }
  }

  /**
   * A pattern-B request is decided on its scans: each document the service requires for these form values must be
   * among the signed attachments. The refusal names the first missing one (its id and its name in kk/ru/en), so the
   * desk can say which paper to scan. A lookup over the signed list only: the bytes are checked after.
   */
  private checkRequiredScans(service: RoutedService, env: EnvelopeFacts): void {
    const attached = new Set(env.attachments.map((a) => a.docType))
    const missing = service.requiredScans(env.form).find((d) => !attached.has(d.id))
    if (missing) {
      throw new ArmError('GW_REQUIRED_SCAN_MISSING', `the request carries no scan of the required document «${missing.name.ru}» (${missing.id})`, { docType: missing.id, document: missing.name })
    }
  }

  private checkChannel(p: Principal, env: EnvelopeFacts): void {
    const u = p.user
    if (u.role === 'tson_operator') {
      if (env.channel !== 'tson' || !u.tsonId || env.tsonId !== u.tsonId) throw new ArmError('GW_FORBIDDEN', 'an operator submits only for their own ЦОН')
    } else if (u.role === 'provider_specialist' || u.role === 'supervisor') {
      if (env.channel !== 'provider' || !u.departmentId || env.departmentId !== u.departmentId) throw new ArmError('GW_FORBIDDEN', 'a specialist submits only for their own department')
    } else {
      throw new ArmError('GW_FORBIDDEN', 'this role does not submit requests')
    }
  }

  private submitBody(r: RequestRecord): SubmitResponse {
    return { requestId: r.id, registrationNumber: r.registrationNumber, status: 'REGISTERED', receivedAt: iso(r.receivedAt) }
  }

  /** Appends a status change inside the caller's transaction `tx`; publish it after the commit. */
  appendStatusRaw(tx: StoreTx, r: RequestRecord, status: RequestStatus, at: number, note?: string, actorName?: string): Promise<StatusChangeRecord> {
    return tx.appendStatus({
      requestId: r.id, registrationNumber: r.registrationNumber, serviceId: r.serviceId, envelopeId: r.envelopeId,
      tsonId: r.tsonId, departmentId: r.departmentId, status, at, note: note ?? null, actorName: actorName ?? null,
    })
  }

  publish(c: StatusChangeRecord): void {
    this.events.publish(c)
  }

  /** What a principal may see: their ЦОН's requests, their department's, or everything (admin). */
  filterOf(p: Principal): StatusFilter {
    const u = p.user
    if (u.role === 'admin') return {}
    if (u.role === 'tson_operator' || u.role === 'tson_supervisor') {
      if (!u.tsonId) throw new ArmError('GW_FORBIDDEN')
      return { tsonId: u.tsonId }
    }
    if (!u.departmentId) throw new ArmError('GW_FORBIDDEN')
    return { departmentId: u.departmentId }
  }

  visible(p: Principal, r: RequestRecord): boolean {
    const f = this.filterOf(p)
    return (!f.tsonId || r.tsonId === f.tsonId) && (!f.departmentId || r.departmentId === f.departmentId)
  }

  /** The request by number if the principal may see it; otherwise the same 404 as for a number that does not exist. */
  async visibleByRegNo(p: Principal, regNo: string): Promise<RequestRecord> {
    const r = await this.store.requestByRegNo(regNo)
    if (!r || !this.visible(p, r)) throw new ArmError('GW_NOT_FOUND')
    return r
  }

  async status(p: Principal, regNo: string): Promise<RequestStatusResponse> {
    const r = await this.visibleByRegNo(p, regNo)
    const history = await this.store.statusHistory(r.id)
    const waitingList = queueFor(r.serviceId, r.departmentId, {})
    const queued = waitingList ? await this.store.queueEntry(waitingList.queue, r.id) : undefined
    return {
      requestId: r.id, registrationNumber: r.registrationNumber, serviceId: r.serviceId, envelopeId: r.envelopeId,
      ...(r.tsonId ? { tsonId: r.tsonId } : {}), departmentId: r.departmentId, status: r.status, receivedAt: iso(r.receivedAt),
      ...(queued ? { queue: { category: queued.category, position: queued.position, ...(queued.commissionDecision ? { commissionDecision: queued.commissionDecision } : {}) } } : {}),
      statusHistory: history.map((h) => ({ status: h.status, at: iso(h.at), ...(h.note ? { note: h.note } : {}), ...(h.actorName ? { by: h.actorName } : {}) })),
      ...(r.resultKind && r.resultDocument && r.decidedAt
        ? {
            result: {
              kind: r.resultKind, decidedAt: iso(r.decidedAt), href: route.requestResult(r.registrationNumber),
              sha256: createHash('sha256').update(r.resultDocument).digest('hex'),
              ...(r.resultReasonCode ? { reasonCode: r.resultReasonCode } : {}), ...(r.resultReason ? { reason: r.resultReason } : {}),
              ...(r.resultSignerIin ? { signerIin: r.resultSignerIin } : {}), ...(r.resultSignerBin ? { signerBin: r.resultSignerBin } : {}),
              ...this.validity(r),
            },
          }
        : {}),
    }
  }

  /** The validity of a positive result, when its service's regulation states one (the preschool направление). */
  private validity(r: RequestRecord): { validUntil?: string; expired?: boolean } {
    const service = catalog.find(r.serviceId)
    if (r.resultKind !== 'result' || !r.resultDocument || !r.decidedAt || !service?.terms.resultValidity) return {}
    let templateId: string | undefined
    try {
      templateId = (JSON.parse(Buffer.from(r.resultDocument).toString('utf8')) as { templateId?: unknown }).templateId as string | undefined
    } catch {
      return {} // a result document that is not JSON (a registry's PDF) states no template
    }
    const until = resultValidUntil(service, typeof templateId === 'string' ? templateId : undefined, r.decidedAt)
    return until === null ? {} : { validUntil: iso(until), expired: this.clock.now() > until }
  }

  async changesSince(p: Principal, since: number, limit: number): Promise<{ items: StatusChange[]; cursor: string }> {
    const rows = await this.store.statusChangesSince(since, this.filterOf(p), limit)
    return { items: rows.map(toStatusChange), cursor: String(rows.length ? rows[rows.length - 1].seq : since) }
  }

  async result(p: Principal, regNo: string): Promise<ResultDocument> {
    return this.resultOf(await this.visibleByRegNo(p, regNo))
  }

  /** The signed result or refusal of a request the caller has already been allowed to see. */
  resultOf(r: RequestRecord): ResultDocument {
    if (!r.resultKind || !r.resultDocument || !r.resultSignature || !r.decidedAt) throw new ArmError('GW_RESULT_NOT_READY')
    return {
      registrationNumber: r.registrationNumber, kind: r.resultKind, document: bytesToBase64(r.resultDocument),
      mediaType: (r.resultMediaType as ResultDocument['mediaType']) ?? 'application/json', signature: bytesToBase64(r.resultSignature),
      decidedAt: iso(r.decidedAt), signedBy: r.resultSignedBy ?? 'department',
    }
  }
}

export function toStatusChange(c: StatusChangeRecord): StatusChange {
  return {
    seq: c.seq, requestId: c.requestId, registrationNumber: c.registrationNumber, serviceId: c.serviceId, envelopeId: c.envelopeId,
    status: c.status, at: iso(c.at), ...(c.note ? { note: c.note } : {}),
  }
}
