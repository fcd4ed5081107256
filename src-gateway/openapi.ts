/**
 * GET /openapi.json: the OpenAPI 3.0 document generated from the same zod schemas the gateway validates with
 * (src-shared/gateway/api.ts), so the document cannot drift from the code. A test checks every registered route is in it.
 */
import { z } from 'zod'
import * as A from '../src-shared/gateway/api'
import { ERRORS } from '../src-shared/errors'

type Schema = z.ZodType
interface Op {
  method: 'get' | 'post' | 'put' | 'head'
  path: string
  summary: string
  tag: string
  auth?: boolean
  body?: Schema | { raw: string[] }
  query?: Schema
  ok: Schema | { raw: string | string[] } | null
  okStatus?: number
  errors?: string[]
  headers?: string[]
}

const OPS: Op[] = [
  { method: 'get', path: A.ROUTES.health, summary: 'Liveness and store kind', tag: 'meta', ok: A.HealthResponse },
  { method: 'get', path: A.ROUTES.openapi, summary: 'This document', tag: 'meta', ok: { raw: 'application/json' } },
  { method: 'post', path: A.ROUTES.login, summary: 'Sign in with login and password (ЦОН operator)', tag: 'auth', body: A.LoginRequest, ok: A.Session, errors: ['GW_BAD_CREDENTIALS', 'GW_LOGIN_THROTTLED', 'GW_RATE_LIMITED'] },
  { method: 'post', path: A.ROUTES.loginIin, summary: 'Sign in with ИИН and password (provider specialist)', tag: 'auth', body: A.LoginIinRequest, ok: A.Session, errors: ['GW_BAD_CREDENTIALS', 'GW_LOGIN_THROTTLED', 'GW_RATE_LIMITED'] },
  { method: 'post', path: A.ROUTES.challenge, summary: 'A random ≥256-bit challenge for ЭЦП sign-in (lives 5 minutes; 60 per minute per client)', tag: 'auth', ok: A.ChallengeResponse, errors: ['GW_RATE_LIMITED'] },
  { method: 'post', path: A.ROUTES.ecp, summary: 'Sign in with a CMS over the challenge made with an AUTH certificate', tag: 'auth', body: A.EcpLoginRequest, ok: A.Session, errors: ['GW_CHALLENGE_INVALID', 'GW_SIGNATURE_INVALID', 'GW_CERT_NOT_AUTH', 'GW_NO_ACCOUNT_FOR_CERT', 'GW_CERT_REVOKED'] },
  { method: 'post', path: A.ROUTES.logout, summary: 'End the session', tag: 'auth', auth: true, ok: A.LogoutResponse },
  { method: 'get', path: A.ROUTES.me, summary: 'The signed-in user', tag: 'auth', auth: true, ok: A.SessionUser },
  { method: 'put', path: A.ROUTES.attachment, summary: 'Upload an attachment by its SHA-256 (idempotent: 201 new, 200 already there)', tag: 'intake', auth: true, body: { raw: [...A.ATTACHMENT_MEDIA_TYPES] }, ok: A.AttachmentPutResponse, okStatus: 201, errors: ['GW_HASH_MISMATCH', 'GW_PAYLOAD_TOO_LARGE', 'GW_UNSUPPORTED_MEDIA_TYPE', 'GW_RATE_LIMITED', 'GW_REQUEST_TIMEOUT'] },
  { method: 'get', path: A.ROUTES.attachment, summary: 'Download an attachment (stored media type, Content-Disposition: inline, nosniff); only the ЦОН that sent or uploaded it and the staff of the department its request is routed to', tag: 'intake', auth: true, ok: { raw: [...A.ATTACHMENT_MEDIA_TYPES] }, errors: ['GW_BAD_REQUEST', 'GW_ATTACHMENT_MISSING'] },
  { method: 'head', path: A.ROUTES.attachment, summary: 'Is the attachment uploaded? 200 / 404', tag: 'intake', auth: true, ok: null },
  { method: 'post', path: A.ROUTES.requests, summary: 'Submit a signed envelope (Idempotency-Key required; a replay returns the original answer)', tag: 'intake', auth: true, headers: ['Idempotency-Key'], body: A.SubmitRequest, ok: A.SubmitResponse, okStatus: 201, errors: ['GW_IDEMPOTENCY_CONFLICT', 'GW_ENVELOPE_INVALID', 'GW_SIGNATURE_INVALID', 'GW_SIGNER_MISMATCH', 'GW_CERT_REVOKED', 'GW_FORM_INVALID', 'GW_ATTACHMENT_MISSING', 'GW_SERVICE_UNKNOWN', 'GW_CERT_NOT_SIGN', 'GW_SIGNING_TIME_INVALID', 'GW_CREATED_AT_INVALID', 'GW_ATTACHMENT_TYPE_MISMATCH', 'GW_ATTACHMENT_PAGES_MISMATCH'] },
  { method: 'get', path: A.ROUTES.requests, summary: 'Status changes after a cursor (polling fallback of the SSE stream)', tag: 'status', auth: true, query: A.StatusChangesQuery, ok: A.StatusChangesResponse },
  { method: 'get', path: A.ROUTES.request, summary: 'Status of a request by registration number', tag: 'status', auth: true, ok: A.RequestStatusResponse, errors: ['GW_NOT_FOUND'] },
  { method: 'get', path: A.ROUTES.requestResult, summary: 'The signed result document (or мотивированный отказ)', tag: 'status', auth: true, ok: A.ResultDocument, errors: ['GW_RESULT_NOT_READY', 'GW_NOT_FOUND'] },
  { method: 'get', path: A.ROUTES.events, summary: 'Server-sent events: status changes of the caller’s ЦОН (token also as ?token=; Last-Event-ID resumes; at most 4 per session, ended at logout and session expiry)', tag: 'status', auth: true, ok: { raw: 'text/event-stream' }, errors: ['GW_TOO_MANY_STREAMS'] },
  { method: 'get', path: A.ROUTES.person, summary: 'ГБД ФЛ: person by ИИН (ЦОН operators and provider specialists only; recorded with ?reason=<request or draft id>)', tag: 'registry', auth: true, query: A.RegistryReasonQuery, ok: A.Person, errors: ['REGISTRY_PERSON_NOT_FOUND', 'REGISTRY_BAD_KEY', 'GW_FORBIDDEN'] },
  { method: 'get', path: A.ROUTES.entity, summary: 'ГБД ЮЛ: legal entity by БИН (head, founders)', tag: 'registry', auth: true, ok: A.Entity, errors: ['REGISTRY_ENTITY_NOT_FOUND', 'REGISTRY_BAD_KEY'] },
  { method: 'get', path: A.ROUTES.powerOfAttorney, summary: 'ЕНИС: power of attorney by number (and principal/agent ИИН)', tag: 'registry', auth: true, query: A.PoaQuery, ok: A.PowerOfAttorney, errors: ['REGISTRY_POA_NOT_FOUND'] },
  { method: 'get', path: A.ROUTES.civilActs, summary: 'ИС ЗАГС: acts (birth, marriage, divorce, name change) of a person', tag: 'registry', auth: true, query: A.CivilActsQuery, ok: A.CivilActsResponse, errors: ['REGISTRY_CIVIL_ACT_NOT_FOUND'] },
  { method: 'get', path: A.ROUTES.realEstate, summary: 'ГБД РН: real estate of an owner', tag: 'registry', auth: true, query: A.RealEstateQuery, ok: A.RealEstateResponse, errors: ['REGISTRY_REAL_ESTATE_NOT_FOUND'] },
  { method: 'get', path: A.ROUTES.landPlot, summary: 'АИС ГЗК: land plot by cadastral number', tag: 'registry', auth: true, ok: A.LandPlot, errors: ['REGISTRY_LAND_PLOT_NOT_FOUND'] },
  { method: 'get', path: A.ROUTES.archive, summary: 'Archive records by ИИН/БИН or text', tag: 'registry', auth: true, query: A.ArchiveQuery, ok: A.ArchiveResponse, errors: ['REGISTRY_ARCHIVE_NOT_FOUND'] },
  { method: 'get', path: A.ROUTES.inbox, summary: 'The department inbox (provider staff)', tag: 'provider', auth: true, query: A.InboxQuery, ok: A.InboxResponse },
  { method: 'post', path: A.ROUTES.inboxTake, summary: 'Take a request (→ IN_PROCESSING)', tag: 'provider', auth: true, ok: A.TakeResponse, errors: ['GW_ALREADY_TAKEN', 'GW_INVALID_TRANSITION'] },
  { method: 'post', path: A.ROUTES.inboxAssign, summary: 'Supervisor assigns a request to a specialist', tag: 'provider', auth: true, body: A.AssignRequest, ok: A.TakeResponse },
  { method: 'post', path: A.ROUTES.inboxDecision, summary: 'Decide: a result or a мотивированный отказ, signed by the assignee with a SIGN key of the department’s БИН', tag: 'provider', auth: true, body: A.DecisionRequest, ok: A.DecisionResponse, errors: ['GW_SIGNER_MISMATCH', 'GW_SIGNATURE_INVALID', 'GW_INVALID_TRANSITION', 'GW_NOT_ASSIGNEE', 'GW_SIGNER_ORG_MISMATCH', 'GW_CERT_NOT_SIGN', 'GW_SIGNING_TIME_INVALID'] },
  { method: 'get', path: A.ROUTES.crl, summary: 'НУЦ CRL by name (`<name>.crl`)', tag: 'nuc', ok: { raw: 'application/pkix-crl' } },
  { method: 'post', path: A.ROUTES.ocsp, summary: 'OCSP responder (RFC 6960) for the demo CA', tag: 'nuc', body: { raw: ['application/ocsp-request'] }, ok: { raw: 'application/ocsp-response' } },
  { method: 'get', path: A.ROUTES.supervisionSummary, summary: 'Supervisor/admin: request counts per status, department and ЦОН, with overdue ones (regulated term, working-day calendar)', tag: 'supervision', auth: true, ok: A.SupervisionSummary },
  { method: 'get', path: A.ROUTES.adminFaults, summary: 'Current fault injection', tag: 'admin', auth: true, ok: A.FaultConfig },
  { method: 'put', path: A.ROUTES.adminFaults, summary: 'Set fault injection (partial)', tag: 'admin', auth: true, body: A.FaultConfigPatch, ok: A.FaultConfig },
  { method: 'get', path: A.ROUTES.adminLog, summary: 'Verify the hash chain of the append-only message log', tag: 'admin', auth: true, ok: A.LogVerifyResponse },
]

export const DOCUMENTED_ROUTES = OPS.map((o) => `${o.method.toUpperCase()} ${o.path}`)

const json = (s: Schema, io: 'input' | 'output') => z.toJSONSchema(s, { target: 'openapi-3.0', io, unrepresentable: 'any' }) as Record<string, unknown>
const oapiPath = (p: string) => p.replace(/:([A-Za-z0-9_]+)/g, '{$1}')

export function buildOpenApi(version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {}
  const errorSchema = json(A.ErrorBody, 'output')
  for (const op of OPS) {
    const params: unknown[] = [...op.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }))
    if (op.query) {
      const qs = json(op.query, 'input') as { properties?: Record<string, unknown>; required?: string[] }
      for (const [name, schema] of Object.entries(qs.properties ?? {})) params.push({ name, in: 'query', required: (qs.required ?? []).includes(name), schema })
    }
    for (const h of op.headers ?? []) params.push({ name: h, in: 'header', required: true, schema: { type: 'string' } })
    const responses: Record<string, unknown> = {}
    const okContent = op.ok === null ? undefined : 'raw' in op.ok ? Object.fromEntries([op.ok.raw].flat().map((t) => [t, { schema: {} }])) : { 'application/json': { schema: json(op.ok as Schema, 'output') } }
    responses[String(op.okStatus ?? 200)] = { description: 'OK', ...(okContent ? { content: okContent } : {}) }
    responses['4XX'] = {
      description: `Coded error (ArmErrorPayload). Codes: ${(op.errors ?? ['GW_BAD_REQUEST']).concat(op.auth ? ['GW_UNAUTHENTICATED', 'GW_FORBIDDEN'] : []).join(', ')}`,
      content: { 'application/json': { schema: errorSchema } },
    }
    if (op.auth) responses['429'] = { description: 'GW_RATE_LIMITED (Retry-After)', content: { 'application/json': { schema: errorSchema } } }
    if (op.auth) responses['503'] = { description: 'GW_UNAVAILABLE', content: { 'application/json': { schema: errorSchema } } }
    const body = op.body
      ? { required: true, content: 'raw' in op.body ? Object.fromEntries(op.body.raw.map((t) => [t, { schema: { type: 'string', format: 'binary' } }])) : { 'application/json': { schema: json(op.body as Schema, 'input') } } }
      : undefined
    paths[oapiPath(op.path)] ??= {}
    paths[oapiPath(op.path)][op.method] = {
      summary: op.summary, tags: [op.tag], operationId: `${op.method}_${op.path.replace(/[^A-Za-z0-9]+/g, '_')}`,
      ...(op.auth ? { security: [{ bearer: [] }] } : {}), ...(params.length ? { parameters: params } : {}), ...(body ? { requestBody: body } : {}), responses,
    }
  }
  return {
    openapi: '3.0.3',
    info: { title: 'АРМ regional gateway (simulated РШЭП/ШЭП, registries, НУЦ)', version },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { ArmErrorPayload: errorSchema },
      'x-error-codes': Object.fromEntries(Object.entries(ERRORS).filter(([k]) => k.startsWith('GW_') || k.startsWith('REGISTRY_')).map(([k, v]) => [k, v])),
    },
    paths,
  }
}
