/**
 * The ЦОН counter's routes (list, open, print, hand over) and the survey report; the rules live in CounterService.
 * Opening, printing and handing over are recorded in the audit trail.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { ArmError } from '../../src-shared/errors'
import { CounterQuery, HandOverRequest, PrintRequest, ROUTES, SurveyReportQuery } from '../../src-shared/gateway/api'
import { deskOf, type AuditTrail } from '../audit/audit-trail'
import type { Principal } from '../auth/auth-service'
import type { CounterService } from '../results/counter-service'
import { parse } from './parse'

export interface CounterRoutesDeps {
  principal: (req: FastifyRequest) => Promise<Principal>
  counter: CounterService
  /** Prints, reprints (with the reason) and hand-overs (with the survey) are recorded in their transactions. */
  audit: AuditTrail
}

type ByNumber = { Params: { registrationNumber: string } }

export function registerCounterRoutes(app: FastifyInstance, deps: CounterRoutesDeps): void {
  const { counter, principal } = deps
  const trail = (req: FastifyRequest, p: Principal) => deps.audit.onRequest(p.user, deskOf(req.headers))
  app.get(ROUTES.counterResults, async (req) => counter.list(await principal(req), parse(CounterQuery, req.query)))
  app.get<ByNumber>(ROUTES.counterResult, async (req) => {
    const p = await principal(req)
    return counter.open(p, req.params.registrationNumber, trail(req, p))
  })
  app.post<ByNumber>(ROUTES.counterPrints, async (req, reply) => {
    const p = await principal(req)
    const out = await counter.print(p, req.params.registrationNumber, parse(PrintRequest, req.body), trail(req, p))
    return reply.code(201).send(out)
  })
  app.post<ByNumber>(ROUTES.counterHandOver, async (req) => {
    const body = req.body === undefined ? {} : req.body
    // A survey with an answer missing is the counter's mistake to correct, not a malformed call.
    const survey = (body as { survey?: { q1?: unknown; q2?: unknown } } | null)?.survey
    if (survey && typeof survey === 'object' && (survey.q1 === undefined || survey.q2 === undefined)) throw new ArmError('COUNTER_SURVEY_INCOMPLETE')
    const p = await principal(req)
    return counter.handOver(p, req.params.registrationNumber, parse(HandOverRequest, body), trail(req, p))
  })
  app.get(ROUTES.surveyReport, async (req) => {
    const q = parse(SurveyReportQuery, req.query)
    return counter.surveyReport(await principal(req), q.from, q.to)
  })
}
