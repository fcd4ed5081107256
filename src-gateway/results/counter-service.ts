/**
 * The ЦОН counter (CATALOG §5.5d, §5.7): the ЦОН's requests with their state, the signed result or refusal to print,
 * prints and reprints with their reason, the hand-over (→ ISSUED; a refusal keeps its status and gets handedOverAt),
 * and the quality survey answered at hand-over. Who may do what:
 * - a ЦОН operator and a ЦОН supervisor: the requests received at their ЦОН (list, open, print, hand over);
 * - an akimat supervisor: open and print the results of the requests received at the ЦОНs of their department's
 *   region (same records), never hand over — the consumer is at the ЦОН's counter.
 * Anything else answers as if the request did not exist (GW_NOT_FOUND), as the status routes do.
 */
import { createHash } from 'node:crypto'
import { ArmError } from '../../src-shared/errors'
import type {
  CounterItem, CounterResponse, CounterResultResponse, CounterState, HandOverRequest, PrintEntry, PrintRequest, SurveyReport,
} from '../../src-shared/gateway/api'
import { COUNTER_PAGE_MAX } from '../../src-shared/gateway/api'
import { maskIdentifier } from '../../src-shared/identity'
import { NO_REQUEST_AUDIT, type RequestAudit } from '../audit/audit-trail'
import type { Principal } from '../auth/auth-service'
import type { RequestService } from '../intake/request-service'
import type { MessageLog } from '../intake/message-log'
import type { Clock, EnvelopeCodec } from '../ports'
import { COUNTER_PAGE_DEFAULT } from '../store/counter-sql'
import type { GatewayStore, HandOverRecord, RequestRecord, SurveyReportRow } from '../store/types'
import { regionOfDepartment, regionOfTson, tsonsInRegion } from './regions'

const iso = (ms: number) => new Date(ms).toISOString()
const DAY_MS = 86_400_000
/** Kazakhstan time (UTC+5): a report's days start at local midnight. */
const KZ_OFFSET_MS = 5 * 3_600_000

export function counterStateOf(r: Pick<RequestRecord, 'status'>, handedOver: boolean): CounterState {
  if (r.status === 'ISSUED' || handedOver) return 'issued'
  if (r.status === 'RESULT_READY') return 'ready'
  if (r.status === 'REFUSED') return 'refused'
  return 'waiting'
}

function encodeCursor(r: RequestRecord): string {
  return Buffer.from(JSON.stringify([r.receivedAt, r.id])).toString('base64url')
}
function decodeCursor(cursor: string): { receivedAt: number; id: string } {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (Array.isArray(v) && v.length === 2 && Number.isSafeInteger(v[0]) && typeof v[1] === 'string') return { receivedAt: v[0], id: v[1] }
  } catch {
    // the same coded refusal for every malformed cursor
  }
  throw new ArmError('GW_BAD_REQUEST', 'cursor is not one this gateway issued')
}

function indicator(answers: [number, number, number]) {
  const n = answers[0] + answers[1] + answers[2]
  return { answers, satisfiedPercent: n ? Math.round((answers[2] * 1000) / n) / 10 : 0 }
}

export class CounterService {
  private readonly names = new Map<string, string>()

  constructor(
    private readonly store: GatewayStore,
    private readonly clock: Clock,
    private readonly codec: EnvelopeCodec,
    private readonly requests: RequestService,
    private readonly log: MessageLog,
  ) {}

  /** The ЦОН whose counter the principal works at (operator or ЦОН supervisor), or GW_FORBIDDEN. */
  private counterTson(p: Principal): string {
    const u = p.user
    if ((u.role === 'tson_operator' || u.role === 'tson_supervisor') && u.tsonId) return u.tsonId
    throw new ArmError('GW_FORBIDDEN')
  }

  /** May the principal open and print this request's documents? */
  private mayPrint(p: Principal, r: RequestRecord): boolean {
    const u = p.user
    if (u.role === 'tson_operator' || u.role === 'tson_supervisor') return !!u.tsonId && r.tsonId === u.tsonId
    if (u.role === 'supervisor') {
      const region = regionOfDepartment(u.departmentId)
      return !!region && regionOfTson(r.tsonId) === region
    }
    return false
  }

  private async printable(p: Principal, regNo: string): Promise<RequestRecord> {
    const r = await this.store.requestByRegNo(regNo)
    if (!r || !this.mayPrint(p, r)) throw new ArmError('GW_NOT_FOUND')
    return r
  }

  private async nameOf(userId: string): Promise<string> {
    let name = this.names.get(userId)
    if (name === undefined) {
      name = (await this.store.userById(userId))?.displayName ?? '—'
      this.names.set(userId, name)
    }
    return name
  }

  private async item(r: RequestRecord, h: HandOverRecord | null): Promise<CounterItem> {
    const decoded = this.codec.decode(r.envelope)
    const applicant = decoded.ok ? (decoded.envelope.applicant.kind === 'person' ? decoded.envelope.applicant.iin : decoded.envelope.applicant.bin) : ''
    return {
      requestId: r.id, registrationNumber: r.registrationNumber, serviceId: r.serviceId, status: r.status, state: counterStateOf(r, !!h),
      receivedAt: iso(r.receivedAt), ...(r.dueAt != null ? { dueAt: iso(r.dueAt) } : {}), applicantMasked: applicant ? maskIdentifier(applicant) : '—',
      ...(r.resultKind ? { resultKind: r.resultKind } : {}), ...(r.decidedAt != null ? { decidedAt: iso(r.decidedAt) } : {}),
      ...(r.resultReasonCode ? { reasonCode: r.resultReasonCode } : {}), ...(r.resultReason ? { reason: r.resultReason } : {}),
      ...(h ? { handedOverAt: iso(h.at), handedOverBy: await this.nameOf(h.userId) } : {}),
    }
  }

  async list(p: Principal, q: { state?: CounterState; limit?: number; cursor?: string }): Promise<CounterResponse> {
    const tsonId = this.counterTson(p)
    const limit = Math.min(q.limit ?? COUNTER_PAGE_DEFAULT, COUNTER_PAGE_MAX)
    const rows = await this.store.listCounter(tsonId, { state: q.state, limit, after: q.cursor ? decodeCursor(q.cursor) : undefined })
    const items = await Promise.all(rows.map((row) => this.item(row.request, row.handOver)))
    const last = rows[rows.length - 1]
    return { items, ...(rows.length === limit && last ? { next: encodeCursor(last.request) } : {}) }
  }

  /** One request at the counter; its opening is recorded (who read the citizen's result, from which desk). */
  async open(p: Principal, regNo: string, audit: RequestAudit = NO_REQUEST_AUDIT): Promise<CounterResultResponse> {
    const r = await this.printable(p, regNo)
    await this.store.transaction((tx) => audit(tx, 'request.open', r, { what: 'counter' }))
    const [h, prints, survey] = await Promise.all([this.store.handOver(r.id), this.store.prints(r.id), this.store.survey(r.id)])
    const result = r.resultKind && r.resultDocument && r.resultSignature && r.decidedAt ? this.requests.resultOf(r) : undefined
    return {
      item: await this.item(r, h ?? null),
      ...(result ? { result } : {}),
      prints: await Promise.all(prints.map(async (x) => this.printEntry(x))),
      ...(survey ? { survey: { q1: survey.q1, q2: survey.q2, at: iso(survey.at) } } : {}),
    }
  }

  private async printEntry(x: { at: number; userId: string; document: 'result' | 'receipt'; reprint: boolean; reason: string | null }): Promise<PrintEntry> {
    return { at: iso(x.at), by: await this.nameOf(x.userId), document: x.document, reprint: x.reprint, ...(x.reason ? { reason: x.reason } : {}) }
  }

  /** Records a print; the first print of a document is free, each later one is a reprint with its reason. */
  async print(p: Principal, regNo: string, body: PrintRequest, audit: RequestAudit = NO_REQUEST_AUDIT): Promise<PrintEntry> {
    const r = await this.printable(p, regNo)
    if (body.document === 'result' && !r.resultDocument) throw new ArmError('GW_RESULT_NOT_READY')
    // The receipt is the ЦОН's own paper: only its counter prints it.
    if (body.document === 'receipt') this.counterTson(p)
    const rec = await this.store.transaction(async (tx) => {
      const earlier = (await tx.prints(r.id)).some((x) => x.document === body.document)
      if (earlier && !body.reason) throw new ArmError('COUNTER_REPRINT_REASON_REQUIRED')
      const rec = await tx.recordPrint({
        requestId: r.id, at: this.clock.now(), userId: p.user.id, role: p.user.role, document: body.document, reprint: earlier,
        reason: earlier ? (body.reason ?? null) : null,
      })
      await audit(tx, earlier ? 'result.reprint' : 'result.print', r, { document: body.document, ...(earlier ? { reason: body.reason } : {}) })
      return rec
    })
    return this.printEntry(rec)
  }

  /**
   * The consumer takes the result (status → ISSUED) or the refusal (status stays REFUSED, the hand-over is recorded and
   * announced with the note `handed-over`): one transaction with the survey and the message-log entry, then every desk
   * of the ЦОН learns it from the status stream.
   */
  async handOver(p: Principal, regNo: string, body: HandOverRequest, audit: RequestAudit = NO_REQUEST_AUDIT): Promise<CounterItem> {
    const tsonId = this.counterTson(p)
    const pre = await this.store.requestByRegNo(regNo)
    if (!pre || pre.tsonId !== tsonId) throw new ArmError('GW_NOT_FOUND')
    const now = this.clock.now()
    const { change, record, hand } = await this.store.transaction(async (tx) => {
      const r = await tx.requestById(pre.id)
      if (!r) throw new ArmError('GW_NOT_FOUND')
      if (r.status !== 'RESULT_READY' && r.status !== 'REFUSED') {
        throw new ArmError(r.status === 'ISSUED' ? 'COUNTER_ALREADY_HANDED_OVER' : 'COUNTER_NOT_DECIDED', `status is ${r.status}`)
      }
      const hand: HandOverRecord = { requestId: r.id, at: now, userId: p.user.id, tsonId, kind: r.status === 'REFUSED' ? 'refusal' : 'result' }
      if (!(await tx.recordHandOver(hand))) throw new ArmError('COUNTER_ALREADY_HANDED_OVER')
      if (body.survey && !(await tx.putSurvey({ requestId: r.id, serviceId: r.serviceId, tsonId, at: now, userId: p.user.id, q1: body.survey.q1, q2: body.survey.q2 }))) {
        throw new ArmError('COUNTER_SURVEY_ALREADY_ANSWERED')
      }
      const status = hand.kind === 'result' ? 'ISSUED' : 'REFUSED'
      if (status === 'ISSUED') await tx.updateRequest(r.id, { status })
      const digest = createHash('sha256').update(JSON.stringify({ hand, survey: body.survey ?? null })).digest('hex')
      await this.log.append(tx, `hand-over:${hand.kind}`, r.id, digest, now)
      const change = await this.requests.appendStatusRaw(tx, r, status, now, 'handed-over')
      await audit(tx, 'result.hand-over', r, { kind: hand.kind, survey: body.survey ? { q1: body.survey.q1, q2: body.survey.q2 } : null })
      return { change, record: { ...r, status } as RequestRecord, hand }
    })
    this.requests.publish(change)
    return this.item(record, hand)
  }

  /** The two §5.7 indicators per service and ЦОН over [from, to] (Kazakhstan days), for the supervisor's region/ЦОН. */
  async surveyReport(p: Principal, from: string, to: string): Promise<SurveyReport> {
    const u = p.user
    let tsonIds: string[] | undefined
    if (u.role === 'tson_supervisor' && u.tsonId) tsonIds = [u.tsonId]
    else if (u.role === 'supervisor') {
      const region = regionOfDepartment(u.departmentId)
      tsonIds = region ? tsonsInRegion(region) : []
    } else if (u.role !== 'admin') throw new ArmError('GW_FORBIDDEN')
    const start = Date.parse(`${from}T00:00:00Z`) - KZ_OFFSET_MS
    const end = Date.parse(`${to}T00:00:00Z`) - KZ_OFFSET_MS + DAY_MS
    if (!(end > start)) throw new ArmError('GW_BAD_REQUEST', 'the period ends before it starts')
    const rows = await this.store.surveyReport({ from: start, to: end, tsonIds })
    const sum = (k: 'q1' | 'q2') => rows.reduce<[number, number, number]>((a, r) => [a[0] + r[k][0], a[1] + r[k][1], a[2] + r[k][2]], [0, 0, 0])
    return {
      from, to,
      rows: rows.map((r: SurveyReportRow) => ({ serviceId: r.serviceId, ...(r.tsonId ? { tsonId: r.tsonId } : {}), n: r.n, quality: indicator(r.q1), accessibility: indicator(r.q2) })),
      total: { n: rows.reduce((a, r) => a + r.n, 0), quality: indicator(sum('q1')), accessibility: indicator(sum('q2')) },
    }
  }
}
