import type { z } from 'zod'
import { ArmError, ArmErrorPayload, isErrorCode } from '@shared/errors'
import {
  ChallengeResponse,
  Entity,
  HealthResponse,
  LogoutResponse,
  Person,
  PowerOfAttorney,
  ROUTES,
  Session,
  route,
  type EcpLoginRequest,
  type LoginIinRequest,
  type LoginRequest,
} from '@shared/gateway/api'

/** The subset of fetch the client needs (window.fetch in Chromium, global fetch in Node tests). */
export type FetchPort = (url: string, init?: RequestInit) => Promise<Response>

export interface GatewayClientOptions {
  /** The gateway origin, or a function giving it (the workstation learns it from window.arm.app.config). */
  baseUrl: string | (() => string)
  fetch?: FetchPort
  /** The bearer token of the signed-in user; read at every call so a re-login takes effect at once. */
  token?: () => string | null
  timeoutMs?: number
}

/**
 * A typed client for the gateway API (src-shared/gateway/api.ts): every answer is parsed with the shared zod schema,
 * every failure is an ArmError with a code the UI can translate:
 *  - the gateway's own code from its ArmErrorPayload body (GW_BAD_CREDENTIALS, REGISTRY_PERSON_NOT_FOUND …);
 *  - GATEWAY_UNREACHABLE when the network fails (the caller may switch to offline mode);
 *  - TIMEOUT when no answer came in time; GW_UNAVAILABLE for a 5xx without a body.
 * The outbox's sender has its own classified-outcome client (src-renderer/sync); this one serves interactive screens.
 */
export class GatewayClient {
  private readonly fetchFn: FetchPort
  constructor(private readonly opts: GatewayClientOptions) {
    this.fetchFn = opts.fetch ?? ((url, init) => globalThis.fetch(url, init))
  }

  get baseUrl(): string {
    return typeof this.opts.baseUrl === 'function' ? this.opts.baseUrl() : this.opts.baseUrl
  }

  private async call<S extends z.ZodType>(method: string, path: string, schema: S, body?: unknown, auth = true): Promise<z.output<S>> {
    const headers: Record<string, string> = { accept: 'application/json' }
    if (body !== undefined) headers['content-type'] = 'application/json'
    const token = auth ? this.opts.token?.() : null
    if (token) headers.authorization = `Bearer ${token}`
    const ctl = new AbortController()
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      ctl.abort()
    }, this.opts.timeoutMs ?? 15_000)
    let res: Response
    try {
      res = await this.fetchFn(this.baseUrl.replace(/\/$/, '') + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: ctl.signal,
      })
    } catch (err) {
      throw new ArmError(timedOut ? 'TIMEOUT' : 'GATEWAY_UNREACHABLE', err instanceof Error ? err.message : String(err), { path })
    } finally {
      clearTimeout(timer)
    }
    let json: unknown
    const text = await res.text().catch(() => '')
    try {
      json = text ? JSON.parse(text) : undefined
    } catch {
      json = undefined
    }
    if (!res.ok) {
      const payload = ArmErrorPayload.safeParse(json)
      if (payload.success && isErrorCode(payload.data.code)) {
        throw new ArmError(payload.data.code, payload.data.message, { ...payload.data.details, httpStatus: res.status })
      }
      const code = res.status >= 500 ? 'GW_UNAVAILABLE' : res.status === 401 ? 'GW_UNAUTHENTICATED' : res.status === 404 ? 'GW_NOT_FOUND' : 'GW_BAD_REQUEST'
      throw new ArmError(code, `HTTP ${res.status}`, { httpStatus: res.status, path })
    }
    const parsed = schema.safeParse(json)
    if (!parsed.success) throw new ArmError('BRIDGE_BAD_RESPONSE', 'gateway answer does not match the API schema', { path })
    return parsed.data
  }

  health() {
    return this.call('GET', ROUTES.health, HealthResponse, undefined, false)
  }
  login(req: LoginRequest) {
    return this.call('POST', ROUTES.login, Session, req, false)
  }
  loginIin(req: LoginIinRequest) {
    return this.call('POST', ROUTES.loginIin, Session, req, false)
  }
  challenge() {
    return this.call('POST', ROUTES.challenge, ChallengeResponse, {}, false)
  }
  loginEcp(req: EcpLoginRequest) {
    return this.call('POST', ROUTES.ecp, Session, req, false)
  }
  logout() {
    return this.call('POST', ROUTES.logout, LogoutResponse, {})
  }
  /** ГБД ФЛ: REGISTRY_PERSON_NOT_FOUND is the "нет данных в ГБД ФЛ" refusal path. */
  person(iin: string) {
    return this.call('GET', route.person(iin), Person)
  }
  /** ГБД ЮЛ. */
  entity(bin: string) {
    return this.call('GET', route.entity(bin), Entity)
  }
  /** ЕНИС: a notarised power of attorney by number, checked against principal and agent. */
  powerOfAttorney(number: string, q: { principalIin?: string; agentIin?: string }) {
    return this.call('GET', route.powerOfAttorney(number, q), PowerOfAttorney)
  }
}

export type { Person, Entity, PowerOfAttorney, Session }
