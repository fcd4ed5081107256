/**
 * The gateway's HTTP surface (Fastify 5). Composition only: every decision lives in the services; this file maps
 * routes to them, parses bodies, and turns every failure into a coded ArmErrorPayload (4xx for bad input, never 500).
 */
import { createServer, STATUS_CODES, type OutgoingHttpHeaders } from 'node:http'
import rateLimit from '@fastify/rate-limit'
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify'
import type pino from 'pino'
import { ArmError, ERRORS, isErrorCode, type ErrorCode } from '../src-shared/errors'
import { matchesMagic } from '../src-shared/media'
import { base64ToBytes, bytesToBase64, fromHex } from '../src-shared/bytes'
import {
  ArchiveQuery, GuardianshipQuery, ATTACHMENT_MAX_BYTES, ATTACHMENT_MEDIA_TYPES, AssignRequest, CivilActsQuery, DecisionRequest, PrepareDecisionRequest, TermExtensionRequest, EcpLoginRequest,
  ENVELOPE_MAX_BYTES, IDEMPOTENCY_HEADER, Idempotency, InboxQuery, LoginIinRequest, LoginRequest, PoaQuery, PublicVerifyBarcodeRequest, PublicVerifyQuery, RealEstateQuery, REGISTRY_REASON_PARAM, RegistryReasonQuery, ROUTES,
  SSE_EVENT_STATUS, Sha256Hex, StatusChangesQuery, TimeStampTokenRequest, type Session,
} from '../src-shared/gateway/api'
import { AuthService, DEFAULT_AUTH_POLICY, sessionUser, type AuthPolicy, type Principal } from './auth/auth-service'
import { FaultInjector } from './faults/fault-injector'
import { httpStatusOf } from './http/errors'
import { parse } from './http/parse'
import { StatusEvents } from './intake/events'
import { MessageLog } from './intake/message-log'
import { ProviderService } from './intake/provider-service'
import { RequestService, toStatusChange } from './intake/request-service'
import { buildOpenApi } from './openapi'
import type { Clock, EnvelopeCodec, EnvelopeVerifier, ResultSigner, ServiceDirectory } from './ports'
import { RegistryService } from './registries/registry-service'
import type { RegistryData } from './registries/synthetic'
import { AutomatedResponder } from './results/automated-responder'
import type { TimeStampAuthority } from './tsa/authority'
import { signatureTimestampJob, stampOnStatus, stampRegistrationIn } from './tsa/stamp-job'
import { PublicVerifier } from './pki/public-verify'
import type { GatewayStore } from './store/types'
import type { NucService } from './pki/nuc-service'
import { maskPersonalData } from './log'
import { maskIdentifier } from '../src-shared/identity'
import { refusalFor } from './registries/refusals'
import { AttachmentAccess } from './attachments/attachment-access'
import { registerReadRoutes } from './http/read-routes'
import { registerCounterRoutes } from './http/counter-routes'
import { CounterService } from './results/counter-service'
import { SupervisionSummaryService } from './supervision/summary-service'
import { DEFAULT_SECURITY_POLICY, type SecurityPolicy } from './policy'
import { JobRunner, type JobRunnerOptions } from './jobs/runner'
import { RETENTION_JOB, retentionJob, SCAN_RETENTION_JOB, scanRetentionJob } from './jobs/retention'
import { AdminService } from './audit/admin-service'
import { AuditTrail, deskOf } from './audit/audit-trail'
import { registerAuditRoutes } from './audit/routes'
import { PaymentService } from './payments/payment-service'
import { registerPaymentRoutes } from './payments/routes'
import { SimulatedBank } from './payments/simulated-bank'
import { DEFAULT_MRP_BY_YEAR } from './payments/state-duty'
import type { AdjustableClock } from './payments/test-clock'

export const GATEWAY_VERSION = '1.0.0'

export interface GatewayDeps {
  store: GatewayStore
  clock: Clock
  verifier: EnvelopeVerifier
  codec: EnvelopeCodec
  services: ServiceDirectory
  registries: RegistryData
  resultSigner: ResultSigner
  nuc?: NucService
  logger?: pino.Logger | false
  testTrust: boolean
  auth?: Partial<AuthPolicy>
  automatedDelayMs?: number
  faults?: FaultInjector
  /** The simulated НУЦ TSA (RFC 3161); absent: no timestamps, signatures stay CAdES-BES. */
  tsa?: TimeStampAuthority
  /** Limits of issue 10 (clock tolerance, department БИНs, streams, rate limits, timeouts, retention); defaults in policy.ts. */
  security?: Partial<SecurityPolicy>
  jobs?: Partial<Omit<JobRunnerOptions, 'onError'>>
  /** Status fan-out (default: in-process; several instances on PostgreSQL pass the relayed one). */
  events?: StatusEvents
  /** State duty: МРП per year (default 2026's) and the simulated bank's callback secret. */
  payments?: { mrpByYear?: Readonly<Record<string, number>>; callbackSecret?: string }
  /** The same clock as `clock` when it may be moved by POST /admin/test-clock (GATEWAY_TEST_CLOCK=1). */
  testClock?: AdjustableClock
}

export interface Gateway {
  app: FastifyInstance
  auth: AuthService
  requests: RequestService
  provider: ProviderService
  registry: RegistryService
  automated: AutomatedResponder
  /** The durable job runner (automatic answers, retention; other owners register their kinds on it). */
  jobs: JobRunner
  payments: PaymentService
  bank: SimulatedBank
  faults: FaultInjector
  log: MessageLog
  /** The audit trail: `audit.record({ actor, action, desk, request, detail }, tx?)` for every action of a person. */
  audit: AuditTrail
  events: StatusEvents
  routes: string[]
}

const PAYLOAD_OF = (code: ErrorCode, message?: string, details?: Record<string, unknown>) => new ArmError(code, message, details).toPayload()

function bearer(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization
  if (typeof h === 'string' && h.startsWith('Bearer ')) return h.slice(7).trim()
  return undefined
}

/**
 * Routes anyone may call without a session. Every other route is authenticated in an onRequest hook — before its body
 * is read — so an anonymous client cannot make the gateway buffer megabytes (issue 10 point 6).
 */
const PUBLIC_ROUTES = new Set<string>([ROUTES.health, ROUTES.openapi, ROUTES.login, ROUTES.loginIin, ROUTES.challenge, ROUTES.ecp, ROUTES.crl, ROUTES.ocsp, ROUTES.tsa, ROUTES.publicVerify, ROUTES.publicVerifyBarcode, ROUTES.bankPay, ROUTES.bankCallback])

/** Routes limited per client (IP) by @fastify/rate-limit: sign-in, challenges (a row each), uploads (bytes each). */
const RATE_LIMITED: Record<string, 'signIn' | 'challenge' | 'upload' | 'verify'> = {
  [`POST ${ROUTES.login}`]: 'signIn', [`POST ${ROUTES.loginIin}`]: 'signIn', [`POST ${ROUTES.ecp}`]: 'signIn',
  [`POST ${ROUTES.challenge}`]: 'challenge', [`PUT ${ROUTES.attachment}`]: 'upload', [`GET ${ROUTES.publicVerify}`]: 'verify', [`POST ${ROUTES.publicVerifyBarcode}`]: 'verify',
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the authentication hook for every non-public route. */
    principal?: Principal
  }
}

/**
 * The body of a scan upload, passed on chunk by chunk once its first bytes show it is what its type says (magic
 * numbers: a renamed executable is not stored as a "PDF"); an empty body is refused.
 */
async function* checkedScan(body: AsyncIterable<Buffer>, type: string): AsyncGenerator<Buffer> {
  let head: Buffer | undefined = Buffer.alloc(0)
  for await (const chunk of body) {
    if (!head) {
      yield chunk
      continue
    }
    head = Buffer.concat([head, chunk])
    if (head.length < 8) continue
    if (!matchesMagic(type, head)) throw new ArmError('GW_UNSUPPORTED_MEDIA_TYPE', 'the content does not match its declared type')
    yield head
    head = undefined
  }
  if (head) {
    if (head.length === 0) throw new ArmError('GW_BAD_REQUEST', 'empty attachment')
    if (!matchesMagic(type, head)) throw new ArmError('GW_UNSUPPORTED_MEDIA_TYPE', 'the content does not match its declared type')
    yield head
  }
}

export function buildGateway(deps: GatewayDeps): Gateway {
  const policy: AuthPolicy = { ...DEFAULT_AUTH_POLICY, ...deps.auth, testTrust: deps.testTrust }
  const security: SecurityPolicy = { ...DEFAULT_SECURITY_POLICY, ...deps.security }
  const t = security.timeouts
  const app: FastifyInstance = Fastify({
    ...(deps.logger ? { loggerInstance: deps.logger as unknown as FastifyBaseLogger } : { logger: false }),
    bodyLimit: ENVELOPE_MAX_BYTES,
    // A body trickled in byte by byte is cut when the whole request has not arrived within requestMs (408), an idle
    // socket after connectionMs; Node checks those deadlines every connectionsCheckingInterval (default 30 s: too
    // coarse for a 5-second limit in a test configuration).
    serverFactory: (handler) => createServer({
      requestTimeout: t.requestMs, headersTimeout: Math.min(t.headersMs, t.requestMs || t.headersMs), keepAliveTimeout: t.keepAliveMs,
      connectionsCheckingInterval: Math.max(250, Math.min(30_000, Math.floor((t.requestMs || 30_000) / 4))),
    }, handler),
    connectionTimeout: t.connectionMs,
    keepAliveTimeout: t.keepAliveMs,
    requestTimeout: t.requestMs,
    // Errors Node answers on the socket itself (a request cut by the timeout, garbage instead of HTTP) are coded too.
    clientErrorHandler: (err: NodeJS.ErrnoException, socket) => {
      if (err.code === 'ECONNRESET' || socket.destroyed) return
      const [status, code] = err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? [408, 'GW_REQUEST_TIMEOUT' as const] : err.code === 'HPE_HEADER_OVERFLOW' ? [431, 'GW_BAD_REQUEST' as const] : [400, 'GW_BAD_REQUEST' as const]
      const body = JSON.stringify(PAYLOAD_OF(code))
      if (socket.writable) socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`)
      socket.destroy()
    },
    // Open SSE streams must not keep a stopping gateway alive.
    forceCloseConnections: true,
    // Unicode/encoded paths are decoded by Fastify; traversal attempts are refused by the parameter patterns.
    routerOptions: { maxParamLength: 200 },
  })
  /** Every route as `METHOD /path` (the OpenAPI test checks each one is documented). */
  const routes: string[] = []
  app.addHook('onRoute', (r) => {
    for (const m of [r.method].flat()) routes.push(`${m} ${r.url}`)
  })
  const events = deps.events ?? new StatusEvents()
  const log = new MessageLog(deps.store)
  const audit = new AuditTrail(deps.store, deps.clock)
  const auth = new AuthService(deps.store, deps.clock, deps.verifier, policy)
  const admin = new AdminService(deps.store, audit, (userId) => auth.forgetUser(userId), deps.verifier, deps.clock)
  const attachmentAccess = new AttachmentAccess(deps.store, deps.codec)
  const requests = new RequestService(deps.store, deps.clock, deps.verifier, deps.codec, deps.services, log, events, { testTrust: deps.testTrust, clockToleranceMs: security.clockToleranceMs }, attachmentAccess)
  const provider = new ProviderService(deps.store, deps.clock, deps.verifier, deps.codec, requests, log, {
    testTrust: deps.testTrust, clockToleranceMs: security.clockToleranceMs, departmentBins: security.departmentBins, testBins: security.testBins,
  })
  const registry = new RegistryService(deps.registries, { testTrust: deps.testTrust })
  requests.applicantCheck = (applicant) => {
    if (applicant.kind === 'person') registry.person(applicant.iin)
  }
  // Durable jobs: automatic answers (patterns A/C) and retention run from the store's job table, resumed at start.
  const jobs = new JobRunner(deps.store, deps.clock, {
    ...deps.jobs,
    onError: (err, job) => app.log.error({ err: err instanceof Error ? maskPersonalData(err.message) : String(err), job: job.kind, attempts: job.attempts }, 'job failed'),
  })
  const automated = new AutomatedResponder(deps.store, deps.clock, deps.codec, deps.services, registry, deps.resultSigner, requests, log, jobs, {
    delayMs: deps.automatedDelayMs ?? 300,
  })
  // ЗАГС services wait for their state duty between the found record and the answer (issue 12).
  const payments = new PaymentService(deps.store, deps.clock, requests, registry, jobs, log, { mrpByYear: deps.payments?.mrpByYear ?? DEFAULT_MRP_BY_YEAR }, audit)
  automated.dutyGate = (requestId, env) => payments.holdForDuty(requestId, env)
  const bank = new SimulatedBank((cb, by) => payments.settle(cb, by))
  requests.registeredIn = async (tx, r) => {
    await automated.enqueueIn(tx, r)
    // CAdES-T for the operator's signature: the stamp job commits with the registration (see stampRegistrationIn).
    if (deps.tsa) await stampRegistrationIn(jobs, tx, r)
  }
  requests.onRegistered = (r) => {
    if (deps.tsa) jobs.nudge()
    jobs.nudge(r.receivedAt + (deps.automatedDelayMs ?? 300))
  }
  jobs.register(retentionJob(deps.store, deps.clock, security.idempotencyRetentionMs, (r) => app.log.info(r, 'retention')))
  jobs.every(RETENTION_JOB, security.retentionEveryMs)
  jobs.register(scanRetentionJob(deps.store, deps.clock, (purged) => app.log.info({ purged }, 'scan retention')))
  jobs.every(SCAN_RETENTION_JOB, security.retentionEveryMs)
  // CAdES-T: signatures that arrive (or were made) without a timestamp get one from the TSA, retried while it is down.
  if (deps.tsa) {
    jobs.register(signatureTimestampJob(deps.store, deps.tsa))
    events.subscribe(stampOnStatus(jobs, deps.clock, (err) => app.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'signature timestamp not scheduled')))
  }
  app.addHook('onReady', async () => {
    await automated.adoptStranded()
    jobs.start()
  })
  const faults = deps.faults ?? new FaultInjector()

  // ── bodies: JSON (strict), attachments (raw, by media type), OCSP (raw DER) ──
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    const text = body as string
    if (text.length === 0) return done(null, undefined)
    try {
      done(null, JSON.parse(text))
    } catch {
      done(new ArmError('GW_MALFORMED_JSON'), undefined)
    }
  })
  app.addContentTypeParser(['application/ocsp-request', 'application/timestamp-query'], { parseAs: 'buffer', bodyLimit: ATTACHMENT_MAX_BYTES }, (_req, body, done) => done(null, body))
  // Scans are not parsed: the route streams the request body into the blob store (hashed on the way, bounded memory).
  app.addContentTypeParser([...ATTACHMENT_MEDIA_TYPES], (_req, payload, done) => done(null, payload))
  app.addContentTypeParser('*', (_req, _payload, done) => done(new ArmError('GW_UNSUPPORTED_MEDIA_TYPE'), undefined))

  app.setErrorHandler((err: unknown, req, reply) => {
    if (err instanceof ArmError) {
      // "Not found" answers of the registries carry the catalogue's refusal texts (M3/M5) in all three languages.
      if (err.code.startsWith('REGISTRY_') && isErrorCode(err.code)) {
        const text = ERRORS[err.code]
        const refusal = refusalFor(err.code)
        return reply.code(httpStatusOf(err.code)).send({ code: err.code, message: err.message === err.code ? text.ru : err.message, details: { ...err.details, text, ...(refusal ? { refusal } : {}) } })
      }
      return reply.code(httpStatusOf(err.code)).send(err.toPayload())
    }
    const e = err as { code?: string; statusCode?: number; message?: string }
    if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || e.statusCode === 413) return reply.code(413).send(PAYLOAD_OF('GW_PAYLOAD_TOO_LARGE'))
    if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || e.statusCode === 415) return reply.code(415).send(PAYLOAD_OF('GW_UNSUPPORTED_MEDIA_TYPE'))
    if (e.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || e.code === 'FST_ERR_CTP_INVALID_JSON_BODY') return reply.code(400).send(PAYLOAD_OF('GW_MALFORMED_JSON'))
    if (e.code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH') return reply.code(400).send(PAYLOAD_OF('GW_BAD_REQUEST', 'bad Content-Length'))
    if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) return reply.code(e.statusCode).send(PAYLOAD_OF('GW_BAD_REQUEST', e.message))
    req.log.error({ err: maskPersonalData(String(e.message)) }, 'unhandled error')
    return reply.code(500).send(PAYLOAD_OF('INTERNAL'))
  })
  app.setNotFoundHandler((_req, reply) => reply.code(404).send(PAYLOAD_OF('GW_NOT_FOUND', 'no such route')))

  // ── CORS for the workstation (added by intake): the renderer runs on its own loopback origin (browser host) or
  // app:// (Electron) and calls the gateway directly; answer preflights here, before faults and auth. ──
  app.addHook('onRequest', async (req, reply) => {
    const origin = req.headers.origin
    if (!origin || !/^(https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?|app:\/\/[a-z0-9.-]+)$/i.test(origin)) return
    reply.header('access-control-allow-origin', origin).header('vary', 'Origin')
    if (req.method === 'OPTIONS') {
      return reply
        .code(204)
        .header('access-control-allow-methods', 'GET, HEAD, POST, PUT, OPTIONS')
        .header('access-control-allow-headers', 'authorization, content-type, idempotency-key, last-event-id, x-arm-desk')
        .header('access-control-max-age', '600')
        .send()
    }
  })

  // ── faults: decided before any work on /api (the admin endpoint itself is exempt so tests can turn them off) ──
  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/api/') || req.url.startsWith(ROUTES.adminFaults)) return
    const d = faults.beforeRequest()
    if (d.kind === 'reset') {
      reply.hijack()
      req.raw.socket.destroy()
      return reply
    }
    const latency = faults.latencyMs()
    if (latency > 0) await new Promise((r) => setTimeout(r, latency))
    if (d.kind === 'error5xx') return reply.code(503).send(PAYLOAD_OF('GW_UNAVAILABLE', 'injected fault'))
    if (d.kind === 'rateLimit') return reply.code(429).header('retry-after', String(d.retryAfterSeconds)).send(PAYLOAD_OF('GW_RATE_LIMITED', 'injected fault', { retryAfterSeconds: d.retryAfterSeconds }))
  })

  // ── per-client rate limits (the plugin's limiters, picked per route here: the routes are declared on this instance
  // synchronously, before the plugin loads, so its per-route `config.rateLimit` would never see them) ──
  app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) => new ArmError('GW_RATE_LIMITED', `rate limit exceeded, retry in ${ctx.after}`, { retryAfterSeconds: Math.max(1, Math.ceil(ctx.ttl / 1000)) }),
  })
  let limiters: Record<'signIn' | 'challenge' | 'upload' | 'verify', (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>> | undefined
  app.addHook('onRequest', async (req, reply) => {
    const group = RATE_LIMITED[`${req.method} ${req.routeOptions.url}`]
    if (!group) return
    const r = security.rateLimit
    const l = (limiters ??= {
      signIn: app.rateLimit({ max: r.signInPerMinute, timeWindow: 60_000 }),
      challenge: app.rateLimit({ max: r.challengesPerMinute, timeWindow: 60_000 }),
      upload: app.rateLimit({ max: r.uploadsPerMinute, timeWindow: 60_000 }),
      verify: app.rateLimit({ max: r.verificationsPerMinute ?? 30, timeWindow: 60_000 }),
    })
    await l[group](req, reply)
  })

  // ── authentication before the body: Fastify runs onRequest hooks before the content-type parser reads a byte ──
  app.addHook('onRequest', async (req) => {
    const url = req.routeOptions.url
    if (url === undefined || PUBLIC_ROUTES.has(url)) return
    // EventSource cannot send headers: the status stream alone also takes the token from the query.
    const q = url === ROUTES.events ? (req.query as { token?: unknown }) : undefined
    req.principal = await auth.authenticate(bearer(req) ?? (typeof q?.token === 'string' ? q.token : undefined))
  })

  /** Open SSE streams by session (token hash): each entry ends its stream. */
  const streams = new Map<string, Set<() => void>>()
  const principal = async (req: FastifyRequest): Promise<Principal> => req.principal ?? auth.authenticate(bearer(req))
  const requireRole = (p: Principal, ...roles: Principal['user']['role'][]) => {
    if (!roles.includes(p.user.role)) throw new ArmError('GW_FORBIDDEN')
  }
  /** Drops the answer of a committed write (the client must learn the outcome by replaying its idempotency key). */
  const maybeDrop = (req: FastifyRequest, reply: FastifyReply, committed: boolean): boolean => {
    if (!committed || !faults.dropAfterCommit()) return false
    reply.hijack()
    req.raw.socket.destroy()
    return true
  }

  // ── health, openapi ──
  app.get(ROUTES.health, async () => ({ ok: true as const, version: GATEWAY_VERSION, db: deps.store.kind }))
  app.get(ROUTES.openapi, async () => buildOpenApi(GATEWAY_VERSION))

  // ── auth ──
  /** A sign-in, audited either way: the session's user, or (refused) the name tried, masked when it is an ИИН. */
  const signIn = async (req: FastifyRequest, method: 'password' | 'iin' | 'ecp', tried: string | null, open: () => Promise<Session>): Promise<Session> => {
    const desk = deskOf(req.headers)
    try {
      const s = await open()
      await audit.record({ actor: { id: s.user.id, role: s.user.role, departmentId: s.user.departmentId }, action: 'auth.sign-in', desk, detail: { method } })
      return s
    } catch (err) {
      const code = err instanceof ArmError ? err.code : 'INTERNAL'
      await audit.record({ actor: { id: '-', role: 'anonymous' }, action: 'auth.sign-in-failed', desk, detail: { method, tried: tried && /^\d{12}$/.test(tried) ? maskIdentifier(tried) : tried, code } })
      throw err
    }
  }
  app.post(ROUTES.login, async (req) => {
    const b = parse(LoginRequest, req.body)
    return signIn(req, 'password', b.login, () => auth.loginWithPassword('login', b.login, b.password, req.ip))
  })
  app.post(ROUTES.loginIin, async (req) => {
    const b = parse(LoginIinRequest, req.body)
    return signIn(req, 'iin', b.iin, () => auth.loginWithPassword('iin', b.iin, b.password, req.ip))
  })
  app.post(ROUTES.challenge, async () => auth.issueChallenge())
  app.post(ROUTES.ecp, async (req) => {
    const b = parse(EcpLoginRequest, req.body)
    return signIn(req, 'ecp', null, () => auth.loginWithSignature(b.challengeId, base64ToBytes(b.cms)))
  })
  app.post(ROUTES.logout, async (req) => {
    const p = await principal(req)
    await auth.logout(p)
    await audit.record({ actor: p.user, action: 'auth.sign-out', desk: deskOf(req.headers) })
    for (const end of [...(streams.get(p.tokenHash) ?? [])]) end()
    return { ok: true as const }
  })
  app.get(ROUTES.me, async (req) => sessionUser((await principal(req)).user))

  // ── attachments: content-addressed, idempotent; a scan the caller may not read answers as if absent ──
  app.put<{ Params: { sha256: string } }>(ROUTES.attachment, { bodyLimit: ATTACHMENT_MAX_BYTES }, async (req, reply) => {
    const uploader = await principal(req)
    const sha = parse(Sha256Hex, req.params.sha256)
    const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase()
    if (!(ATTACHMENT_MEDIA_TYPES as readonly string[]).includes(type)) throw new ArmError('GW_UNSUPPORTED_MEDIA_TYPE')
    const declared = Number(req.headers['content-length'])
    if (declared > ATTACHMENT_MAX_BYTES) throw new ArmError('GW_PAYLOAD_TOO_LARGE')
    // Streamed into the blob store: hashed and size-checked as it arrives, durable before the answer (see BlobStore).
    const { created, size } = await deps.store.putAttachmentStream({ sha256: sha, mediaType: type, createdAt: deps.clock.now() }, checkedScan(req.body as AsyncIterable<Buffer>, type), { maxBytes: ATTACHMENT_MAX_BYTES })
    // 200 "already stored" only to a caller who could read the scan before this upload; to anyone else it is new.
    const knownToCaller = !created && (await attachmentAccess.mayRead(uploader, sha))
    // The uploading ЦОН may read its scan back before the request that references it is registered.
    await deps.store.noteAttachmentUploader(sha, { userId: uploader.user.id, tsonId: uploader.user.tsonId })
    return reply.code(knownToCaller ? 200 : 201).send({ sha256: sha, size })
  })
  app.head<{ Params: { sha256: string } }>(ROUTES.attachment, async (req, reply) => {
    const p = await principal(req)
    const sha = parse(Sha256Hex, req.params.sha256)
    const a = await deps.store.attachment(sha)
    if (!a || !(await attachmentAccess.mayRead(p, sha))) return reply.code(404).send()
    return reply.code(200).header('content-length', String(a.size)).header('x-content-type', a.mediaType).send()
  })
  registerReadRoutes(app, { principal, attachments: attachmentAccess, summary: new SupervisionSummaryService(deps.store, deps.clock) })
  registerPaymentRoutes(app, {
    principal, parse, payments, bank, requests, store: deps.store, clock: deps.clock, jobs, audit,
    callbackSecret: deps.payments?.callbackSecret ?? 'arm-demo-payment-callback-secret', testClock: deps.testClock,
  })
  registerCounterRoutes(app, { principal, audit, counter: new CounterService(deps.store, deps.clock, deps.codec, requests, log) })

  // ── requests ──
  app.post(ROUTES.requests, async (req, reply) => {
    const p = await principal(req)
    const key = req.headers[IDEMPOTENCY_HEADER]
    if (typeof key !== 'string' || !Idempotency.safeParse(key).success) throw new ArmError('GW_IDEMPOTENCY_KEY_REQUIRED')
    // Recorded in the registering transaction, once per registration: a replayed answer is not a second submission.
    const out = await requests.submit(p, key, req.body, audit.onRequest(p.user, deskOf(req.headers)))
    if (maybeDrop(req, reply, out.committed)) return reply
    return reply.code(out.statusCode).send(out.body)
  })
  app.get(ROUTES.requests, async (req) => {
    const p = await principal(req)
    const q = parse(StatusChangesQuery, req.query)
    return requests.changesSince(p, Number(q.since ?? 0), q.limit ?? 200)
  })
  app.get<{ Params: { registrationNumber: string } }>(ROUTES.request, async (req) => requests.status(await principal(req), req.params.registrationNumber))
  app.get<{ Params: { registrationNumber: string } }>(ROUTES.requestResult, async (req) => {
    const p = await principal(req)
    const out = await requests.result(p, req.params.registrationNumber)
    const r = await deps.store.requestByRegNo(req.params.registrationNumber)
    if (r) await audit.record({ actor: p.user, action: 'request.open', desk: deskOf(req.headers), request: r, detail: { registrationNumber: r.registrationNumber, what: 'result' } })
    return out
  })
  // ── public verification of a printout (no session; rate-limited per client above) ──
  const publicVerifier = new PublicVerifier(deps.store, deps.verifier, deps.clock)
  app.get<{ Params: { registrationNumber: string } }>(ROUTES.publicVerify, async (req) => {
    const q = PublicVerifyQuery.safeParse(req.query)
    if (!q.success) throw new ArmError('VERIFY_INPUT_INVALID')
    return publicVerifier.verify(req.params.registrationNumber, q.data.sha256)
  })
  app.post(ROUTES.publicVerifyBarcode, async (req) => publicVerifier.verifyBarcode(parse(PublicVerifyBarcodeRequest, req.body).parts))

  // ── SSE: status changes of the caller's ЦОН (or department); resumes from Last-Event-ID. A stream lives no longer
  // than its session: it ends at logout, at the session's expiry, and when a ping finds the session gone; one session
  // holds at most maxStreamsPerSession of them. ──
  app.get(ROUTES.events, async (req, reply) => {
    const q = req.query as { since?: string }
    const p = await principal(req)
    const filter = requests.filterOf(p)
    const mine = streams.get(p.tokenHash) ?? new Set<() => void>()
    if (mine.size >= security.maxStreamsPerSession) throw new ArmError('GW_TOO_MANY_STREAMS', undefined, { max: security.maxStreamsPerSession })
    const last = Number(req.headers['last-event-id'] ?? q.since ?? NaN)
    reply.hijack()
    const res = reply.raw
    // The slot is taken before the first await, so concurrent opens cannot pass the cap together.
    let unsubscribe = () => {}
    const ping = setInterval(() => {
      void auth.sessionAlive(p.tokenHash).then((alive) => (alive ? res.write(': ping\n\n') : end()), () => undefined)
    }, 15_000)
    const expiry = setTimeout(() => end(), Math.min(2 ** 31 - 1, Math.max(0, p.sessionExpiresAt - deps.clock.now())))
    const end = () => {
      clearInterval(ping)
      clearTimeout(expiry)
      unsubscribe()
      mine.delete(end)
      if (!mine.size && streams.get(p.tokenHash) === mine) streams.delete(p.tokenHash)
      if (!res.writableEnded) res.end()
    }
    mine.add(end)
    streams.set(p.tokenHash, mine)
    // A hijacked reply bypasses Fastify's header handling: carry over what the hooks set (the CORS headers of the
    // workstation's origin), or the browser refuses the stream and the desk falls back to polling.
    res.writeHead(200, { ...(reply.getHeaders() as OutgoingHttpHeaders), 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' })
    res.write('retry: 2000\n\n')
    let maxSent = 0
    const send = (c: ReturnType<typeof toStatusChange>) => {
      if (c.seq <= maxSent) return
      maxSent = c.seq
      res.write(`id: ${c.seq}\nevent: ${SSE_EVENT_STATUS}\ndata: ${JSON.stringify(c)}\n\n`)
    }
    // Live changes that arrive while the stored ones are replayed wait in a buffer, so the order stays by seq.
    let replaying = Number.isFinite(last) && last >= 0
    const buffered: ReturnType<typeof toStatusChange>[] = []
    unsubscribe = events.subscribe((c) => {
      if ((filter.tsonId && c.tsonId !== filter.tsonId) || (filter.departmentId && c.departmentId !== filter.departmentId)) return
      if (replaying) buffered.push(toStatusChange(c))
      else send(toStatusChange(c))
    })
    if (replaying) {
      for (const c of await deps.store.statusChangesSince(last, filter, 1000)) send(toStatusChange(c))
      replaying = false
      for (const c of buffered.sort((a, b) => a.seq - b.seq)) send(c)
    }
    req.raw.on('close', end)
  })

  // ── registries: only the roles that take requests (ЦОН operator, provider specialist) look citizens up; every
  // lookup of a person's data is recorded — who, when, whose ИИН (masked), why (the request/draft id in ?reason=) ──
  const registryCaller = async (req: FastifyRequest, registry: string, subject?: string): Promise<void> => {
    const p = await principal(req)
    requireRole(p, 'tson_operator', 'provider_specialist')
    if (!subject) return
    const reason = parse(RegistryReasonQuery, { reason: (req.query as Record<string, unknown> | undefined)?.[REGISTRY_REASON_PARAM] }).reason ?? null
    await deps.store.recordRegistryLookup({ at: deps.clock.now(), userId: p.user.id, role: p.user.role, registry, subject: maskIdentifier(subject), reason })
    await audit.record({ actor: p.user, action: 'citizen.lookup', desk: deskOf(req.headers), detail: { registry, subject: maskIdentifier(subject), reason } })
  }
  app.get<{ Params: { iin: string } }>(ROUTES.person, async (req) => (await registryCaller(req, 'gbd-fl', req.params.iin), registry.person(req.params.iin)))
  app.get<{ Params: { bin: string } }>(ROUTES.entity, async (req) => (await registryCaller(req, 'gbd-ul'), registry.entity(req.params.bin)))
  app.get<{ Params: { number: string } }>(ROUTES.powerOfAttorney, async (req) => {
    const q = parse(PoaQuery, req.query)
    await registryCaller(req, 'enis-poa', q.principalIin ?? q.agentIin)
    return registry.powerOfAttorney(req.params.number, q)
  })
  app.get(ROUTES.civilActs, async (req) => {
    const q = parse(CivilActsQuery, req.query)
    await registryCaller(req, 'zags', q.iin)
    return { items: registry.civilActs(q.iin, q.type) }
  })
  app.get(ROUTES.realEstate, async (req) => {
    const q = parse(RealEstateQuery, req.query)
    await registryCaller(req, 'gbd-rn', q.iin)
    return { items: registry.realEstate(q) }
  })
  app.get<{ Params: { cadastralNumber: string } }>(ROUTES.landPlot, async (req) => (await registryCaller(req, 'ais-gzk'), registry.landPlot(req.params.cadastralNumber)))
  app.get(ROUTES.archive, async (req) => {
    const q = parse(ArchiveQuery, req.query)
    await registryCaller(req, 'archive', q.iin)
    return { items: registry.archive(q) }
  })
  app.get(ROUTES.guardianship, async (req) => {
    const q = parse(GuardianshipQuery, req.query)
    await registryCaller(req, 'guardianship', q.guardianIin)
    return { items: registry.guardianship(q) }
  })

  // ── provider inbox ──
  app.get(ROUTES.inbox, async (req) => {
    const p = await principal(req)
    const q = parse(InboxQuery, req.query)
    return provider.inbox(p, { status: q.status, mine: q.mine === '1', serviceId: q.service, limit: q.limit, cursor: q.cursor })
  })
  // Each inbox action is audited inside its own transaction (with the request's service, ЦОН, department and deadline).
  const audited = (req: FastifyRequest, p: Principal) => audit.onRequest(p.user, deskOf(req.headers))
  app.post<{ Params: { requestId: string } }>(ROUTES.inboxTake, async (req) => {
    const p = await principal(req)
    return provider.take(p, req.params.requestId, audited(req, p))
  })
  app.post<{ Params: { requestId: string } }>(ROUTES.inboxAssign, async (req) => {
    const p = await principal(req)
    const assigneeId = parse(AssignRequest, req.body).assigneeId
    return provider.assign(p, req.params.requestId, assigneeId, audited(req, p))
  })
  app.post<{ Params: { requestId: string } }>(ROUTES.inboxDecision, async (req, reply) => {
    const p = await principal(req)
    const out = await provider.decide(p, req.params.requestId, parse(DecisionRequest, req.body), audited(req, p))
    if (maybeDrop(req, reply, true)) return reply
    return out
  })

  app.post<{ Params: { requestId: string } }>(ROUTES.inboxPreparedDecision, async (req) => {
    const p = await principal(req)
    return provider.prepare(p, req.params.requestId, parse(PrepareDecisionRequest, req.body), audited(req, p))
  })

  app.post<{ Params: { requestId: string } }>(ROUTES.inboxTermExtension, async (req) => {
    const p = await principal(req)
    const { reason } = parse(TermExtensionRequest, req.body)
    const out = await provider.extendTerm(p, req.params.requestId, reason, audited(req, p))
    return out
  })

  // ── НУЦ: CRLs and OCSP ──
  app.get<{ Params: { name: string } }>(ROUTES.crl, async (req, reply) => {
    const m = /^([A-Za-z0-9_-]{1,64})\.crl$/.exec(req.params.name)
    const der = m && deps.nuc?.crl(m[1])
    if (!der) throw new ArmError('GW_NOT_FOUND', 'no such CRL')
    return reply.code(200).header('content-type', 'application/pkix-crl').send(Buffer.from(der))
  })
  app.post(ROUTES.ocsp, async (req, reply) => {
    const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase()
    if (type !== 'application/ocsp-request' || !Buffer.isBuffer(req.body)) throw new ArmError('GW_UNSUPPORTED_MEDIA_TYPE')
    if (!deps.nuc) throw new ArmError('GW_NOT_FOUND', 'no OCSP responder configured')
    const der = await deps.nuc.ocsp(new Uint8Array(req.body))
    return reply.code(200).header('content-type', 'application/ocsp-response').send(Buffer.from(der))
  })

  app.post(ROUTES.tsa, async (req, reply) => {
    const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase()
    if (type !== 'application/timestamp-query' || !Buffer.isBuffer(req.body)) throw new ArmError('GW_UNSUPPORTED_MEDIA_TYPE')
    if (!deps.tsa) throw new ArmError('GW_NOT_FOUND', 'no TSA configured')
    const der = await deps.tsa.respond(new Uint8Array(req.body))
    return reply.code(200).header('content-type', 'application/timestamp-reply').send(Buffer.from(der))
  })
  app.post(ROUTES.tsaToken, async (req) => {
    await principal(req)
    const { imprint } = parse(TimeStampTokenRequest, req.body)
    if (!deps.tsa) throw new ArmError('TSA_UNAVAILABLE', 'no TSA configured')
    const token = await deps.tsa.token(fromHex(imprint))
    return { token: bytesToBase64(token), time: new Date(deps.clock.now()).toISOString() }
  })

  // ── admin: fault injection ──
  app.get(ROUTES.adminFaults, async (req) => {
    requireRole(await principal(req), 'admin')
    return faults.get()
  })
  app.put(ROUTES.adminFaults, async (req) => {
    const p = await principal(req)
    requireRole(p, 'admin')
    let out
    try {
      out = faults.set(req.body)
    } catch {
      throw new ArmError('GW_BAD_REQUEST', 'fault config out of range')
    }
    await audit.record({ actor: p.user, action: 'admin.faults', desk: deskOf(req.headers), detail: { ...out } })
    return out
  })

  app.get(ROUTES.adminLog, async (req) => {
    const p = await principal(req)
    requireRole(p, 'admin', 'auditor')
    const out = await log.verifyChain()
    await audit.record({ actor: p.user, action: 'admin.log-verify', desk: deskOf(req.headers), detail: { ...out } })
    return out
  })
  registerAuditRoutes(app, { principal, parse, audit, admin, store: deps.store, now: () => deps.clock.now() })

  app.addHook('onClose', async () => jobs.stop())
  return { app, auth, requests, provider, registry, automated, jobs, payments, bank, faults, log, audit, events, routes }
}
