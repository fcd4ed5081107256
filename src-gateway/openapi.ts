/**
 * GET /openapi.json: the OpenAPI 3.0 document generated from the same zod schemas the gateway validates with
 * (src-shared/gateway/api.ts), so the document cannot drift from the code. A test checks every registered route is in it.
 */
import { z } from 'zod'
import * as A from '../src-shared/gateway/api'
import { ERRORS } from '../src-shared/errors'
import { API, type RouteDef } from '../src-shared/gateway/routes'

type Schema = z.ZodType
/** The routes as the shared table declares them (src-shared/gateway/routes.ts): one pairing of path and schemas. */
const OPS: RouteDef[] = Object.values(API)

export const DOCUMENTED_ROUTES = OPS.map((o) => `${o.method} ${o.path}`)

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
      ? { required: true, content: 'raw' in op.body ? Object.fromEntries([op.body.raw].flat().map((t) => [t, { schema: { type: 'string', format: 'binary' } }])) : { 'application/json': { schema: json(op.body as Schema, 'input') } } }
      : undefined
    paths[oapiPath(op.path)] ??= {}
    paths[oapiPath(op.path)][op.method.toLowerCase()] = {
      summary: op.summary, tags: [op.tag], operationId: `${op.method.toLowerCase()}_${op.path.replace(/[^A-Za-z0-9]+/g, '_')}`,
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
