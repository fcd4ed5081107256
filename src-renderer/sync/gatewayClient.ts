import { bytesToBase64 as toBase64 } from '../../src-shared/bytes'
import { route, ROUTES, SubmitResponse } from '../../src-shared/gateway/api'
import { parseRetryAfter } from './backoff'
import { classifyHttp, networkFailure, type GatewayErrorBody, type SendOutcome } from './classify'
import type { ClockPort, FetchPort, SessionPort } from './ports'

/** Paths of the agreed gateway API v1, from the shared definition. */
export const GATEWAY_PATHS = {
  health: ROUTES.health,
  attachment: route.attachment,
  requests: ROUTES.requests,
} as const

export type SubmitAnswer = SubmitResponse

export type CallResult<T> = { outcome: SendOutcome & { kind: 'ok' }; value: T } | { outcome: Exclude<SendOutcome, { kind: 'ok' }> }

/**
 * The workstation's calls to the gateway, each answered as a classified outcome rather than a thrown error, so the
 * sender decides retry / re-auth / reject in one place. Network failures and timeouts are outcomes too.
 */
export class GatewayClient {
  constructor(
    private readonly deps: { baseUrl: string; fetch: FetchPort; session: SessionPort; clock: ClockPort; timeoutMs?: number },
  ) {}

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    const token = this.deps.session.token()
    return token ? { authorization: `Bearer ${token}`, ...extra } : extra
  }

  private async call(path: string, init: RequestInit): Promise<{ res: Response } | { outcome: Exclude<SendOutcome, { kind: 'ok' }> }> {
    const ctl = new AbortController()
    const timer = setTimeout(() => ctl.abort(), this.deps.timeoutMs ?? 30_000)
    try {
      // redirect 'error': the gateway API never redirects, and a redirect must not carry the bearer token or the scans
      // elsewhere. It also spares a copy of every body: for any other mode the Fetch standard has the request (and its
      // body stream, teed) cloned before it goes out (HTTP-network-or-cache fetch, step 8), which Node's fetch does.
      const res = await this.deps.fetch(this.deps.baseUrl + path, { ...init, redirect: 'error', signal: ctl.signal })
      return { res }
    } catch (err) {
      return { outcome: networkFailure(err) as Exclude<SendOutcome, { kind: 'ok' }> }
    } finally {
      clearTimeout(timer)
    }
  }

  private async failure(res: Response): Promise<Exclude<SendOutcome, { kind: 'ok' }>> {
    let body: GatewayErrorBody | undefined
    try {
      const text = await res.text()
      body = text ? (JSON.parse(text) as GatewayErrorBody) : undefined
    } catch {
      body = undefined
    }
    const retryAfter = parseRetryAfter(res.headers.get('retry-after'), this.deps.clock.now())
    return classifyHttp(res.status, body, retryAfter) as Exclude<SendOutcome, { kind: 'ok' }>
  }

  async health(): Promise<boolean> {
    const r = await this.call(GATEWAY_PATHS.health, { method: 'GET' })
    if (!('res' in r)) return false
    await r.res.body?.cancel().catch(() => undefined)
    return r.res.ok
  }

  /** HEAD: does the gateway already hold this document? true / false, or a failure outcome. */
  async hasAttachment(sha256: string): Promise<CallResult<boolean>> {
    const r = await this.call(GATEWAY_PATHS.attachment(sha256), { method: 'HEAD', headers: this.headers() })
    if (!('res' in r)) return r
    if (r.res.status === 404) return { outcome: { kind: 'ok' }, value: false }
    if (r.res.ok) return { outcome: { kind: 'ok' }, value: true }
    return { outcome: await this.failure(r.res) }
  }

  async putAttachment(sha256: string, mediaType: string, bytes: Uint8Array): Promise<CallResult<void>> {
    const r = await this.call(GATEWAY_PATHS.attachment(sha256), {
      method: 'PUT',
      headers: this.headers({ 'content-type': mediaType }),
      body: bytes as unknown as NonNullable<RequestInit['body']>,
    })
    if (!('res' in r)) return r
    if (r.res.ok) {
      // Read the short answer to its end rather than cancel it: a cancelled body aborts the fetch (an AbortError built
      // per scan) where a read one simply completes and leaves the connection to be reused.
      await r.res.arrayBuffer().catch(() => undefined)
      return { outcome: { kind: 'ok' }, value: undefined }
    }
    return { outcome: await this.failure(r.res) }
  }

  /** POST the signed envelope. A replay with the same key returns the original answer, so this is safe to repeat. */
  async submit(idempotencyKey: string, envelope: Uint8Array, signature: string): Promise<CallResult<SubmitAnswer>> {
    const r = await this.call(GATEWAY_PATHS.requests, {
      method: 'POST',
      headers: this.headers({ 'content-type': 'application/json', 'idempotency-key': idempotencyKey }),
      body: JSON.stringify({ envelope: toBase64(envelope), signature }),
    })
    if (!('res' in r)) return r
    if (!r.res.ok) return { outcome: await this.failure(r.res) }
    try {
      const body = SubmitResponse.parse(await r.res.json())
      return { outcome: { kind: 'ok' }, value: body }
    } catch (err) {
      // A 2xx we cannot read: the request may be registered, so retry with the same key and let the gateway replay.
      return { outcome: { kind: 'retry', code: 'OUTBOX_BAD_RESPONSE', httpStatus: r.res.status, message: String(err) } }
    }
  }

  async getJson<T>(path: string): Promise<CallResult<T>> {
    const r = await this.call(path, { method: 'GET', headers: this.headers({ accept: 'application/json' }) })
    if (!('res' in r)) return r
    if (!r.res.ok) return { outcome: await this.failure(r.res) }
    try {
      return { outcome: { kind: 'ok' }, value: (await r.res.json()) as T }
    } catch (err) {
      return { outcome: { kind: 'retry', code: 'OUTBOX_BAD_RESPONSE', httpStatus: r.res.status, message: String(err) } }
    }
  }

  get baseUrl(): string {
    return this.deps.baseUrl
  }
  token(): string | null {
    return this.deps.session.token()
  }
}
