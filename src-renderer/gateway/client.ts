import type { z } from 'zod'
import { sha256Hex } from '@shared/envelope'
import { ArmError, ArmErrorPayload, isErrorCode } from '@shared/errors'
import { API, type RouteName } from '@shared/gateway/routes'

/** The subset of fetch the client needs (window.fetch in Chromium, global fetch in Node tests). */
export type FetchPort = (url: string, init?: RequestInit) => Promise<Response>

export interface GatewayOptions {
  /** The gateway origin, read at every call (the desk learns it from window.arm.app.config at sign-in). */
  baseUrl: () => string
  /** The bearer token of the signed-in person; read at every call so a renewed token takes effect at once. */
  token: () => string | null
  fetch?: FetchPort
  timeoutMs?: number
  /** This workstation's id, sent as X-Arm-Desk so the gateway's audit trail says which desk acted. */
  desk?: () => string | null
}

export interface SendInit extends RequestInit {
  /** Send the bearer token (default true). */
  auth?: boolean
  /** 0: no timeout (the status stream); the timer also covers reading the body until done() is called. */
  timeoutMs?: number
  /** Another person's bearer token (a queue drained after its owner signed out); the signed-in person's otherwise. */
  token?: string
}

const UNREACHABLE = new Set(['GATEWAY_UNREACHABLE', 'TIMEOUT', 'GW_UNAVAILABLE'])

/** "Is the gateway down?" — decided here only: no answer, no answer in time, or a 5xx without a coded body. */
export function isUnreachable(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code
  return typeof code === 'string' && UNREACHABLE.has(code)
}

type Api = typeof API
type JsonRoute = { [K in RouteName]: Api[K]['ok'] extends z.ZodType ? K : never }[RouteName]
type BodyOf<K extends RouteName> = Api[K] extends { body: infer B extends z.ZodType } ? z.input<B> : undefined
type QueryOf<K extends RouteName> = Api[K] extends { query: infer Q extends z.ZodType } ? z.input<Q> : undefined
export type Answer<K extends JsonRoute> = Api[K]['ok'] extends infer S extends z.ZodType ? z.output<S> : never
export interface CallArgs<K extends RouteName> {
  params?: Record<string, string>
  query?: QueryOf<K>
  body?: BodyOf<K>
  token?: string
  /** A shorter wait than the client's default, for a call the desk can do without (e.g. the signature's timestamp). */
  timeoutMs?: number
}

/** '/x/:id' with { id } → '/x/<id>' (encoded), plus the query string of the defined values. */
export function pathOf(template: string, params: Record<string, string> = {}, query?: object): string {
  const path = template.replace(/:([A-Za-z0-9_]+)/g, (_, k: string) => encodeURIComponent(params[k] ?? ''))
  const qs = Object.entries(query ?? {})
    .filter(([, v]) => v !== undefined && v !== '' && v !== false)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v === true ? '1' : String(v))}`)
  return qs.length ? `${path}?${qs.join('&')}` : path
}

/** The coded error a failed answer carries: the gateway's own code from its body, else one chosen by status. */
export async function errorOf(res: Response, path: string): Promise<ArmError> {
  const text = await res.text().catch(() => '')
  let json: unknown
  try {
    json = text ? JSON.parse(text) : undefined
  } catch {
    json = undefined
  }
  const payload = ArmErrorPayload.safeParse(json)
  if (payload.success && isErrorCode(payload.data.code)) return new ArmError(payload.data.code, payload.data.message, { ...payload.data.details, httpStatus: res.status })
  const code = res.status >= 500 ? 'GW_UNAVAILABLE' : res.status === 401 ? 'GW_UNAUTHENTICATED' : res.status === 404 ? 'GW_NOT_FOUND' : 'GW_BAD_REQUEST'
  return new ArmError(code, `HTTP ${res.status}`, { httpStatus: res.status, path })
}

/**
 * The desk's one HTTP client for the gateway. send() is the one place a request leaves (base URL, bearer, timeout,
 * no redirects, network failures as GATEWAY_UNREACHABLE / TIMEOUT); call() is the typed client derived from the
 * shared route table: every answer parsed with the route's schema, every refusal an ArmError with the gateway's code.
 * The outbox's transport (sync/transport.ts) uses send() and classifies the same answers for retry and backoff.
 */
export class Gateway {
  private readonly fetchFn: FetchPort
  constructor(private readonly opts: GatewayOptions) {
    this.fetchFn = opts.fetch ?? ((url, init) => globalThis.fetch(url, init))
  }

  get baseUrl(): string {
    return this.opts.baseUrl().replace(/\/$/, '')
  }

  token(): string | null {
    return this.opts.token()
  }

  /** Any status comes back as a response; only "no answer" throws. Call done() once the body has been read. */
  async send(path: string, init: SendInit = {}): Promise<{ res: Response; done: () => void }> {
    const { auth = true, timeoutMs = this.opts.timeoutMs ?? 15_000, signal, headers, token: as, ...rest } = init
    const h: Record<string, string> = { ...(headers as Record<string, string> | undefined) }
    const token = auth ? (as ?? this.opts.token()) : null
    if (token) h.authorization = `Bearer ${token}`
    const desk = this.opts.desk?.()
    if (desk) h['x-arm-desk'] = desk
    const ctl = new AbortController()
    let timedOut = false
    const timer = timeoutMs > 0 ? setTimeout(() => ((timedOut = true), ctl.abort()), timeoutMs) : undefined
    const onAbort = () => ctl.abort()
    signal?.addEventListener('abort', onAbort, { once: true })
    const done = () => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', onAbort)
    }
    try {
      // redirect 'error': the gateway never redirects, and a redirect must not carry the token or the scans elsewhere.
      // It also spares a copy of every body (for other modes the Fetch standard tees the request body before sending).
      const res = await this.fetchFn(this.baseUrl + path, { ...rest, headers: h, redirect: 'error', signal: ctl.signal })
      return { res, done }
    } catch (err) {
      done()
      throw new ArmError(timedOut ? 'TIMEOUT' : 'GATEWAY_UNREACHABLE', err instanceof Error ? err.message : String(err), { path })
    }
  }

  /** A JSON route of the shared table, by name: `gateway.call('person', { params: { iin } })`. */
  async call<K extends JsonRoute>(name: K, args: CallArgs<K> = {}): Promise<Answer<K>> {
    const def = API[name]
    const path = pathOf(def.path, args.params, args.query as object | undefined)
    const body = args.body !== undefined ? JSON.stringify(args.body) : def.method === 'POST' ? '{}' : undefined
    const headers: Record<string, string> = { accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) }
    const { res, done } = await this.send(path, { method: def.method, headers, body, auth: 'auth' in def && def.auth === true, token: args.token, ...(args.timeoutMs ? { timeoutMs: args.timeoutMs } : {}) })
    try {
      if (!res.ok) throw await errorOf(res, path)
      const text = await res.text().catch(() => '')
      let json: unknown
      try {
        json = text ? JSON.parse(text) : undefined
      } catch {
        json = undefined
      }
      const parsed = (def.ok as z.ZodType).safeParse(json)
      if (!parsed.success) throw new ArmError('BRIDGE_BAD_RESPONSE', 'gateway answer does not match the API schema', { path })
      return parsed.data as Answer<K>
    } finally {
      done()
    }
  }
}

/**
 * The bytes of one attachment with the media type the gateway stored, checked against the hash that names them, so
 * what the specialist sees is exactly what the operator signed for.
 */
export async function downloadAttachment(gateway: Gateway, sha256: string): Promise<{ bytes: Uint8Array; mediaType: string }> {
  const path = pathOf(API.getAttachment.path, { sha256 })
  const { res, done } = await gateway.send(path, { headers: { accept: '*/*' } })
  let bytes: Uint8Array
  try {
    if (!res.ok) throw await errorOf(res, path)
    bytes = new Uint8Array(await res.arrayBuffer())
  } catch (err) {
    throw err instanceof ArmError ? err : new ArmError('GATEWAY_UNREACHABLE', err instanceof Error ? err.message : String(err), { path })
  } finally {
    done()
  }
  const actual = sha256Hex(bytes)
  if (actual !== sha256) throw new ArmError('GW_HASH_MISMATCH', 'the downloaded attachment does not match its SHA-256', { expected: sha256, actual })
  return { bytes, mediaType: (res.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase() }
}
