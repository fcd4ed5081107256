/**
 * The state duty of the ЗАГС services (CATALOG §2.4 T9–T10, §2.5.4; seed 000 S1–S3). When the automatic answer finds
 * the record in ИС ЗАГС, the request waits in AWAITING_PAYMENT with its amount and a due time (24 h) instead of being
 * answered; a bank callback pays it (→ IN_PROCESSING → the regulated answer, a durable job), a decline (M9) leaves it
 * waiting, and the durable expiry job makes it EXPIRED (M8) when the window ends unpaid.
 *
 * Exactly once: every bank transaction is a row keyed by the bank's transaction id, written in the same transaction as
 * its effect (payment row, request status, status change, answer job). A callback delivered twice finds its row and
 * answers what the first one did; a second transaction for a paid or expired duty is refused and refunded, with a row.
 */
import { createHash } from 'node:crypto'
import { catalog } from '../../src-shared/catalog'
import { canonicalJsonBytes } from '../../src-shared/envelope/canonical-json'
import { ArmError } from '../../src-shared/errors'
import { CivilActType, type PaymentFigures, type PaymentView } from '../../src-shared/gateway/api'
import { PAYMENT_GATEWAY_ACTOR, type AuditActor, type AuditTrail } from '../audit/audit-trail'
import type { Principal } from '../auth/auth-service'
import type { JobRunner } from '../jobs/runner'
import { type MessageLog } from '../intake/message-log'
import type { RequestService } from '../intake/request-service'
import type { Clock, EnvelopeFacts } from '../ports'
import type { RegistryService } from '../registries/registry-service'
import { AUTOMATED_ANSWER_JOB } from '../results/automated-responder'
import type { GatewayStore, PaymentRecord, PaymentTransactionRecord, StatusChangeRecord } from '../store/types'
import { stateDuty } from './state-duty'

export const PAYMENT_EXPIRY_JOB = 'payment-expiry'

/** What the bank tells the gateway about one transaction (the body of the signed callback). */
export interface BankCallback {
  transactionId: string
  registrationNumber: string
  amountTiyn: number
  channel: 'pos' | 'phone'
  outcome: 'approved' | 'declined'
  /** The bank's receipt («чек») number of an approved transaction. */
  receiptNumber?: string
  /** The bank's words for a decline (M9 «подробное описание ошибки»). */
  declineReason?: string
}

export interface SettleOutcome {
  outcome: PaymentTransactionRecord['outcome']
  /** This callback had been delivered before: nothing changed now. */
  duplicate: boolean
  receiptNumber: string | null
  refundNumber: string | null
  reason: string | null
}

/** Who took a payment at the counter, from which desk. */
export interface PaymentActor {
  actor: AuditActor
  desk: string | null
}

export interface PaymentPolicy {
  mrpByYear: Readonly<Record<string, number>>
}

const iso = (ms: number) => new Date(ms).toISOString()
const hashOf = (o: unknown) => createHash('sha256').update(canonicalJsonBytes(o as never)).digest('hex')
/** Refund numbers are derived from the refunded transaction: the same refund is never numbered twice. */
const refundNumberOf = (transactionId: string) => `R-${createHash('sha256').update(`refund:${transactionId}`).digest('hex').slice(0, 12).toUpperCase()}`

export class PaymentService {
  constructor(
    private readonly store: GatewayStore,
    private readonly clock: Clock,
    private readonly requests: RequestService,
    private readonly registry: RegistryService,
    private readonly jobs: JobRunner,
    private readonly log: MessageLog,
    private readonly policy: PaymentPolicy,
    /** Every money event (paid, declined, refunded) goes into the audit trail in its own transaction. */
    private readonly audit?: AuditTrail,
  ) {
    jobs.register({
      kind: PAYMENT_EXPIRY_JOB,
      run: async (payload) => {
        const requestId = (payload as { requestId?: unknown } | null)?.requestId
        if (typeof requestId !== 'string') throw new Error('payment-expiry job without a requestId')
        await this.expire(requestId)
      },
    })
  }

  /**
   * Called by the automatic answer of a request in IN_PROCESSING: true when the answer must wait for the duty. A fee
   * service whose ИС ЗАГС record is found gets its duty offered (T9, once); one whose record is absent is answered (M5
   * by the responder). A paid duty lets the answer go on.
   */
  async holdForDuty(requestId: string, env: EnvelopeFacts): Promise<boolean> {
    const service = catalog.find(env.serviceId)
    if (!service || service.fee.kind !== 'mrp') return false
    const existing = await this.store.paymentByRequestId(requestId)
    if (existing) return existing.state !== 'paid'
    if (!this.recordFound(env)) return false
    const offeredAt = this.clock.now()
    const duty = stateDuty(service.fee, offeredAt, this.policy.mrpByYear)
    if (!duty) return false
    const dueAt = offeredAt + duty.windowMs
    const change = await this.store.transaction(async (tx) => {
      const r = await tx.requestById(requestId)
      if (!r || r.status !== 'IN_PROCESSING' || r.resultKind || (await tx.paymentByRequestId(requestId))) return undefined
      await tx.insertPayment({
        requestId, registrationNumber: r.registrationNumber, serviceId: r.serviceId, tsonId: r.tsonId, departmentId: r.departmentId,
        amountTiyn: duty.amountTiyn, mrpYear: duty.mrpYear, mrpTenge: duty.mrpTenge, mrpPercent: duty.mrpPercent, offeredAt, dueAt,
        state: 'awaiting', paidAt: null, receiptNumber: null, transactionId: null, channel: null, expiredAt: null,
      })
      await tx.updateRequest(requestId, { status: 'AWAITING_PAYMENT' })
      await this.jobs.enqueue(PAYMENT_EXPIRY_JOB, requestId, { requestId }, dueAt, tx)
      return this.requests.appendStatusRaw(tx, r, 'AWAITING_PAYMENT', offeredAt, `duty ${duty.amountTiyn} tiyn due ${iso(dueAt)}`)
    })
    if (change) this.requests.publish(change)
    return true
  }

  /** T9's condition: the record the request is about exists in ИС ЗАГС (the person, for a marriage application). */
  private recordFound(env: EnvelopeFacts): boolean {
    if (env.applicant.kind !== 'person') return false
    try {
      if (env.serviceId === 'zags.marriage-application') return !!this.registry.person(env.applicant.iin)
      // The same search as the answer's (automated-responder lookup): paternity/adoption acts are not typed in ИС ЗАГС.
      const type = CivilActType.safeParse(env.form.certificateType)
      return this.registry.civilActs(env.applicant.iin, type.success ? type.data : undefined).length > 0
    } catch {
      return false
    }
  }

  /**
   * A bank callback, applied once (see the file comment). `by` is the operator who took it at the POS, when the
   * charge came from their counter; otherwise (phone, late callback) the payment gateway is the actor in the trail.
   */
  async settle(cb: BankCallback, by?: PaymentActor): Promise<SettleOutcome> {
    const pending: StatusChangeRecord[] = []
    let answerAt: number | undefined
    const out = await this.store.transaction(async (tx): Promise<SettleOutcome> => {
      const prior = await tx.paymentTransaction(cb.transactionId)
      if (prior) return { ...outcomeOf(prior), duplicate: true }
      const r = await tx.requestByRegNo(cb.registrationNumber)
      if (!r) throw new ArmError('GW_NOT_FOUND', 'no request with this registration number')
      await tx.requestById(r.id) // locks the request row (PostgreSQL) for the status change below
      const pay = await tx.paymentByRequestId(r.id)
      if (!pay) throw new ArmError('PAY_NOT_AWAITING', 'this request has no state duty')
      const now = this.clock.now()
      const row: PaymentTransactionRecord = {
        transactionId: cb.transactionId, requestId: r.id, registrationNumber: r.registrationNumber, tsonId: r.tsonId, departmentId: r.departmentId,
        at: now, amountTiyn: cb.amountTiyn, channel: cb.channel, outcome: 'declined', receiptNumber: cb.receiptNumber ?? null, refundNumber: null, reason: null,
      }
      if (cb.outcome === 'declined') {
        // M9: the request stays in AWAITING_PAYMENT; the decline is recorded with the bank's words.
        row.reason = cb.declineReason ?? 'PAY_DECLINED'
      } else if (cb.amountTiyn !== pay.amountTiyn) {
        row.outcome = 'refunded'
        row.reason = 'PAY_AMOUNT_MISMATCH'
        row.refundNumber = refundNumberOf(cb.transactionId)
      } else if (pay.state === 'paid') {
        row.outcome = 'refunded'
        row.reason = 'already-paid'
        row.refundNumber = refundNumberOf(cb.transactionId)
      } else if (pay.state === 'expired' || now >= pay.dueAt) {
        // Money that arrives after the window is refused and given back; the window's end is the expiry even when
        // the expiry job has not run yet.
        row.outcome = 'refunded'
        row.reason = 'PAY_EXPIRED'
        row.refundNumber = refundNumberOf(cb.transactionId)
        if (pay.state === 'awaiting') pending.push(...(await this.expireIn(tx, pay, now)))
      } else {
        row.outcome = 'paid'
        await tx.updatePayment(r.id, { state: 'paid', paidAt: now, receiptNumber: cb.receiptNumber ?? null, transactionId: cb.transactionId, channel: cb.channel })
        await tx.updateRequest(r.id, { status: 'IN_PROCESSING' })
        pending.push(await this.requests.appendStatusRaw(tx, r, 'IN_PROCESSING', now, `paid, receipt ${cb.receiptNumber ?? ''}`.trim()))
        // The regulated answer follows as a durable job, so a crash right after this commit still answers.
        await this.jobs.enqueue(AUTOMATED_ANSWER_JOB, `${r.id}:paid`, { requestId: r.id }, now, tx)
        answerAt = now
      }
      await tx.insertPaymentTransaction(row)
      await this.log.append(tx, `payment:${row.outcome}`, r.id, hashOf(row), now)
      // A duplicate callback returned above and a refused callback (unknown request, no duty) rolls back: one entry per
      // transaction the bank made, a decline and a refund included (money moved or was refused: both are facts).
      await this.audit?.record({
        actor: by?.actor ?? PAYMENT_GATEWAY_ACTOR, action: 'payment.record', desk: by?.desk ?? null, request: r,
        detail: {
          registrationNumber: r.registrationNumber, transactionId: row.transactionId, channel: row.channel, outcome: row.outcome, amountTiyn: row.amountTiyn,
          ...(row.receiptNumber ? { receiptNumber: row.receiptNumber } : {}), ...(row.refundNumber ? { refundNumber: row.refundNumber } : {}), ...(row.reason ? { reason: row.reason } : {}),
        },
      }, tx)
      return { ...outcomeOf(row), duplicate: false }
    })
    for (const c of pending) this.requests.publish(c)
    if (answerAt !== undefined) this.jobs.nudge(answerAt)
    return out
  }

  /** The expiry job: an unpaid duty whose window has ended makes its request EXPIRED (M8). Idempotent. */
  async expire(requestId: string): Promise<void> {
    const changes = await this.store.transaction(async (tx) => {
      const pay = await tx.paymentByRequestId(requestId)
      const now = this.clock.now()
      if (!pay || pay.state !== 'awaiting') return []
      if (now < pay.dueAt) throw new Error('payment window not over yet') // retried later by the runner
      return this.expireIn(tx, pay, now)
    })
    for (const c of changes) this.requests.publish(c)
  }

  private async expireIn(tx: Parameters<Parameters<GatewayStore['transaction']>[0]>[0], pay: PaymentRecord, now: number): Promise<StatusChangeRecord[]> {
    const r = await tx.requestById(pay.requestId)
    await tx.updatePayment(pay.requestId, { state: 'expired', expiredAt: now })
    if (!r || r.status !== 'AWAITING_PAYMENT') return []
    await tx.updateRequest(r.id, { status: 'EXPIRED' })
    return [await this.requests.appendStatusRaw(tx, r, 'EXPIRED', now, 'M8')]
  }

  /** The duty of a request as the workstation shows it (only to whom may see the request). */
  async view(p: Principal, regNo: string): Promise<PaymentView> {
    const r = await this.requests.visibleByRegNo(p, regNo)
    const pay = await this.store.paymentByRequestId(r.id)
    if (!pay) throw new ArmError('GW_NOT_FOUND', 'this request has no state duty')
    return this.toView(pay, await this.store.paymentTransactions(r.id))
  }

  /** The duties still awaiting payment that the caller may see, nearest due first. */
  async awaiting(p: Principal): Promise<PaymentView[]> {
    const rows = await this.store.awaitingPayments(this.requests.filterOf(p), 200)
    return Promise.all(rows.map(async (pay) => this.toView(pay, await this.store.paymentTransactions(pay.requestId))))
  }

  toView(pay: PaymentRecord, txs: PaymentTransactionRecord[]): PaymentView {
    return {
      registrationNumber: pay.registrationNumber, serviceId: pay.serviceId, ...(pay.tsonId ? { tsonId: pay.tsonId } : {}),
      amountTiyn: pay.amountTiyn, mrp: { year: pay.mrpYear, tenge: pay.mrpTenge, percent: pay.mrpPercent },
      offeredAt: iso(pay.offeredAt), dueAt: iso(pay.dueAt), now: iso(this.clock.now()), state: pay.state,
      ...(pay.paidAt ? { paidAt: iso(pay.paidAt) } : {}), ...(pay.receiptNumber ? { receiptNumber: pay.receiptNumber } : {}),
      ...(pay.channel ? { channel: pay.channel } : {}), ...(pay.expiredAt ? { expiredAt: iso(pay.expiredAt) } : {}),
      transactions: txs.map((t) => ({
        transactionId: t.transactionId, at: iso(t.at), amountTiyn: t.amountTiyn, channel: t.channel, outcome: t.outcome,
        ...(t.receiptNumber ? { receiptNumber: t.receiptNumber } : {}), ...(t.refundNumber ? { refundNumber: t.refundNumber } : {}), ...(t.reason ? { reason: t.reason } : {}),
      })),
    }
  }

  /**
   * Supervision: per Kazakhstan day and ЦОН, the duties paid (count, sum), expired and refunded over the last `days`
   * days, and the expired requests themselves.
   */
  async figures(p: Principal, days: number): Promise<PaymentFigures> {
    const filter = this.requests.filterOf(p)
    const now = this.clock.now()
    const since = now - days * 86_400_000
    const payments = await this.store.paymentsSince(since, filter, 10_000)
    const refunds = await this.store.refundsSince(since, filter, 10_000)
    const rows = new Map<string, PaymentFigures['rows'][number]>()
    const day = (ms: number) => iso(ms + 5 * 3600_000).slice(0, 10)
    const row = (d: string, tsonId: string | null) => {
      const key = `${d}|${tsonId ?? ''}`
      let r = rows.get(key)
      if (!r) rows.set(key, (r = { day: d, ...(tsonId ? { tsonId } : {}), paid: 0, paidTiyn: 0, expired: 0, refunded: 0, awaiting: 0 }))
      return r
    }
    for (const pay of payments) {
      if (pay.state === 'paid' && pay.paidAt && pay.paidAt >= since) {
        const r = row(day(pay.paidAt), pay.tsonId)
        r.paid++
        r.paidTiyn += pay.amountTiyn
      }
      if (pay.state === 'expired' && pay.expiredAt && pay.expiredAt >= since) row(day(pay.expiredAt), pay.tsonId).expired++
      if (pay.state === 'awaiting') row(day(pay.offeredAt), pay.tsonId).awaiting++
    }
    for (const t of refunds) row(day(t.at), t.tsonId).refunded++
    return {
      since: iso(since), now: iso(now),
      rows: [...rows.values()].sort((a, b) => (a.day === b.day ? (a.tsonId ?? '').localeCompare(b.tsonId ?? '') : b.day.localeCompare(a.day))),
      expired: payments.filter((x) => x.state === 'expired').map((x) => ({
        registrationNumber: x.registrationNumber, serviceId: x.serviceId, ...(x.tsonId ? { tsonId: x.tsonId } : {}), amountTiyn: x.amountTiyn, dueAt: iso(x.dueAt),
      })),
    }
  }
}

function outcomeOf(t: PaymentTransactionRecord): Omit<SettleOutcome, 'duplicate'> {
  return { outcome: t.outcome, receiptNumber: t.receiptNumber, refundNumber: t.refundNumber, reason: t.reason }
}
