/**
 * HTTP routes of the state duty (src-shared/gateway/routes.ts documents them): the duty of a request, the ЦОН POS,
 * the simulated bank's phone payment and signed callback, its faults, the test clock, the supervisor's figures and
 * the ЗАГС paper hand-over. Registered by buildGateway with one call.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { ArmError } from '../../src-shared/errors'
import {
  BankCallbackBody, PAYMENT_SIGNATURE_HEADER, PaymentBankFaultsPatch, PaymentFiguresQuery, PhonePaymentRequest, PosPaymentRequest, ROUTES,
  TestClockRequest, type PaymentAttemptResponse,
} from '../../src-shared/gateway/api'
import { deskOf, type AuditTrail } from '../audit/audit-trail'
import type { Principal } from '../auth/auth-service'
import type { RequestService } from '../intake/request-service'
import type { Clock } from '../ports'
import type { GatewayStore } from '../store/types'
import { handOverPaperCertificate } from '../zags/paper-handover'
import type { JobRunner } from '../jobs/runner'
import type { PaymentService, SettleOutcome } from './payment-service'
import { callbackSignatureValid, type SimulatedBank } from './simulated-bank'
import type { AdjustableClock } from './test-clock'

export interface PaymentRoutesDeps {
  principal: (req: FastifyRequest) => Promise<Principal>
  parse: <T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, value: unknown) => T
  payments: PaymentService
  bank: SimulatedBank
  requests: RequestService
  store: GatewayStore
  clock: Clock
  jobs: JobRunner
  callbackSecret: string
  testClock?: AdjustableClock
  audit: AuditTrail
}

const answer = (o: SettleOutcome): PaymentAttemptResponse => ({
  outcome: o.outcome, duplicate: o.duplicate, ...(o.receiptNumber ? { receiptNumber: o.receiptNumber } : {}),
  ...(o.refundNumber ? { refundNumber: o.refundNumber } : {}), ...(o.reason ? { reason: o.reason } : {}),
})

export function registerPaymentRoutes(app: FastifyInstance, d: PaymentRoutesDeps): void {
  const role = (p: Principal, ...roles: Principal['user']['role'][]) => {
    if (!roles.includes(p.user.role)) throw new ArmError('GW_FORBIDDEN')
  }

  app.get(ROUTES.payments, async (req) => ({ items: await d.payments.awaiting(await d.principal(req)) }))
  app.get<{ Params: { registrationNumber: string } }>(ROUTES.payment, async (req) => d.payments.view(await d.principal(req), req.params.registrationNumber))

  app.post<{ Params: { registrationNumber: string } }>(ROUTES.paymentPos, async (req) => {
    const p = await d.principal(req)
    role(p, 'tson_operator')
    const body = d.parse(PosPaymentRequest, req.body)
    // Only the ЦОН that filed the request takes its duty at the counter.
    const r = await d.requests.visibleByRegNo(p, req.params.registrationNumber)
    const by = { actor: p.user, desk: deskOf(req.headers) }
    return answer(await d.bank.charge({ registrationNumber: r.registrationNumber, transactionId: body.transactionId, amountTiyn: body.amountTiyn, channel: 'pos' }, by))
  })

  app.post(ROUTES.bankPay, async (req) => {
    const body = d.parse(PhonePaymentRequest, req.body)
    return answer(await d.bank.charge({ ...body, channel: 'phone' }))
  })

  app.post(ROUTES.bankCallback, async (req) => {
    const body = d.parse(BankCallbackBody, req.body)
    if (!callbackSignatureValid(d.callbackSecret, body, req.headers[PAYMENT_SIGNATURE_HEADER])) throw new ArmError('PAY_CALLBACK_UNSIGNED')
    return answer(await d.payments.settle(body))
  })

  app.get(ROUTES.adminBankFaults, async (req) => {
    role(await d.principal(req), 'admin')
    return d.bank.getFaults()
  })
  app.put(ROUTES.adminBankFaults, async (req) => {
    role(await d.principal(req), 'admin')
    return d.bank.setFaults(d.parse(PaymentBankFaultsPatch, req.body))
  })

  app.post(ROUTES.adminTestClock, async (req) => {
    role(await d.principal(req), 'admin')
    if (!d.testClock) throw new ArmError('PAY_TEST_CLOCK_DISABLED')
    const now = d.testClock.advance(d.parse(TestClockRequest, req.body).advanceMs)
    // Timers that became due by the jump run now rather than at the next poll.
    d.jobs.nudge(now)
    return { now: new Date(now).toISOString(), offsetMs: d.testClock.offsetMs }
  })

  app.get(ROUTES.supervisionPayments, async (req) => {
    const p = await d.principal(req)
    role(p, 'supervisor', 'tson_supervisor', 'admin')
    return d.payments.figures(p, d.parse(PaymentFiguresQuery, req.query).days ?? 7)
  })

  app.post<{ Params: { registrationNumber: string } }>(ROUTES.paperHandover, async (req) => {
    const p = await d.principal(req)
    return handOverPaperCertificate({ store: d.store, clock: d.clock, requests: d.requests }, p, req.params.registrationNumber, d.audit.onRequest(p.user, deskOf(req.headers)))
  })
}
