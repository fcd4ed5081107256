import type { z } from 'zod'
import { sha256Hex } from '@shared/envelope'
import { ArmError, ArmErrorPayload, isErrorCode } from '@shared/errors'
import {
  DecisionResponse,
  InboxResponse,
  RequestStatusResponse,
  ResultDocument,
  ROUTES,
  SessionUser,
  SupervisionSummary,
  TakeResponse,
  route,
  type DecisionRequest,
  type RequestStatus,
} from '@shared/gateway/api'

/** The subset of fetch the inbox needs (window.fetch in the app, fastify inject or global fetch in tests). */
export type FetchPort = (url: string, init?: RequestInit) => Promise<Response>

export interface InboxApiOptions {
  baseUrl: () => string
  token: () => string | null
  fetch?: FetchPort
  timeoutMs?: number
}

/**
 * АРМ РШЭП's calls to the gateway (inbox, take, decision, status, result), every answer parsed with the shared zod
 * schema and every failure an ArmError with the gateway's code (GW_ALREADY_TAKEN, GW_SIGNER_MISMATCH …), so the
 * screens can say what happened and what to do next. Kept beside the shared GatewayClient (which serves intake and
 * whose call() is private) rather than editing it.
 */
export class InboxApi {
  private readonly fetchFn: FetchPort
  constructor(private readonly opts: InboxApiOptions) {
    this.fetchFn = opts.fetch ?? ((url, init) => globalThis.fetch(url, init))
  }

  /** One request with the session token and a timeout; gateway failures become ArmErrors with the gateway's code. */
  private async send(method: string, path: string, accept: string, body?: unknown): Promise<{ res: Response; done: () => void }> {
    const headers: Record<string, string> = { accept }
    if (body !== undefined) headers['content-type'] = 'application/json'
    const token = this.opts.token()
    if (token) headers.authorization = `Bearer ${token}`
    const ctl = new AbortController()
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      ctl.abort()
    }, this.opts.timeoutMs ?? 15_000)
    let res: Response
    try {
      res = await this.fetchFn(this.opts.baseUrl().replace(/\/$/, '') + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: ctl.signal })
    } catch (err) {
      clearTimeout(timer)
      throw new ArmError(timedOut ? 'TIMEOUT' : 'GATEWAY_UNREACHABLE', err instanceof Error ? err.message : String(err), { path })
    }
    // The timer keeps running while the body is read (a stalled attachment download must end too).
    if (res.ok) return { res, done: () => clearTimeout(timer) }
    clearTimeout(timer)
    const text = await res.text().catch(() => '')
    let json: unknown
    try {
      json = text ? JSON.parse(text) : undefined
    } catch {
      json = undefined
    }
    const payload = ArmErrorPayload.safeParse(json)
    if (payload.success && isErrorCode(payload.data.code)) throw new ArmError(payload.data.code, payload.data.message, { ...payload.data.details, httpStatus: res.status })
    const code = res.status >= 500 ? 'GW_UNAVAILABLE' : res.status === 401 ? 'GW_UNAUTHENTICATED' : res.status === 404 ? 'GW_NOT_FOUND' : 'GW_BAD_REQUEST'
    throw new ArmError(code, `HTTP ${res.status}`, { httpStatus: res.status, path })
  }

  private async call<S extends z.ZodType>(method: string, path: string, schema: S, body?: unknown): Promise<z.output<S>> {
    const { res, done } = await this.send(method, path, 'application/json', body)
    const text = await res.text().catch(() => '')
    done()
    let json: unknown
    try {
      json = text ? JSON.parse(text) : undefined
    } catch {
      json = undefined
    }
    const parsed = schema.safeParse(json)
    if (!parsed.success) throw new ArmError('BRIDGE_BAD_RESPONSE', 'gateway answer does not match the API schema', { path })
    return parsed.data
  }

  /**
   * The bytes of one attachment (GET /attachments/:sha256) with the media type the gateway stored. The bytes are
   * checked against the hash the request names, so what the specialist sees is exactly what the operator signed for.
   */
  async attachment(sha256: string): Promise<{ bytes: Uint8Array; mediaType: string }> {
    const path = route.attachment(sha256)
    const { res, done } = await this.send('GET', path, '*/*')
    let bytes: Uint8Array
    try {
      bytes = new Uint8Array(await res.arrayBuffer())
    } catch (err) {
      throw new ArmError('GATEWAY_UNREACHABLE', err instanceof Error ? err.message : String(err), { path })
    } finally {
      done()
    }
    const actual = sha256Hex(bytes)
    if (actual !== sha256) throw new ArmError('GW_HASH_MISMATCH', 'the downloaded attachment does not match its SHA-256', { expected: sha256, actual })
    const mediaType = (res.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase()
    return { bytes, mediaType }
  }

  supervisionSummary() {
    return this.call('GET', ROUTES.supervisionSummary, SupervisionSummary)
  }

  me() {
    return this.call('GET', ROUTES.me, SessionUser)
  }
  inbox(q: { status?: RequestStatus; mine?: boolean } = {}) {
    const parts: string[] = []
    if (q.status) parts.push(`status=${encodeURIComponent(q.status)}`)
    if (q.mine) parts.push('mine=1')
    return this.call('GET', ROUTES.inbox + (parts.length ? `?${parts.join('&')}` : ''), InboxResponse)
  }
  take(requestId: string) {
    return this.call('POST', route.inboxTake(requestId), TakeResponse, {})
  }
  decide(requestId: string, d: DecisionRequest) {
    return this.call('POST', route.inboxDecision(requestId), DecisionResponse, d)
  }
  status(regNo: string) {
    return this.call('GET', route.request(regNo), RequestStatusResponse)
  }
  result(regNo: string) {
    return this.call('GET', route.requestResult(regNo), ResultDocument)
  }
}
