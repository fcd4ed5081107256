import { bytesToBase64 } from '@shared/envelope'
import { IDEMPOTENCY_HEADER, SubmitResponse } from '@shared/gateway/api'
import { API } from '@shared/gateway/routes'
import { Gateway, pathOf, type FetchPort } from '../gateway/client'
import { parseRetryAfter } from './backoff'
import { classifyHttp, networkFailure, type GatewayErrorBody, type SendOutcome } from './classify'
import type { ClockPort, SessionPort } from './ports'

export type SubmitAnswer = SubmitResponse
type Failure = Exclude<SendOutcome, { kind: 'ok' }>
export type CallResult<T> = { outcome: SendOutcome & { kind: 'ok' }; value: T } | { outcome: Failure }

const SEND_TIMEOUT_MS = 30_000

/**
 * The outbox's view of the desk's one gateway client: the same requests, answered as classified outcomes rather than
 * thrown errors, so the sender decides retry / re-auth / reject in one place. Network failures and timeouts are
 * outcomes too.
 */
export class OutboxTransport {
  constructor(private readonly deps: { gateway: Gateway; clock: ClockPort; timeoutMs?: number }) {}

  /** A transport with its own client, for a sender outside the desk (the Node outbox of the reliability suite, the bench). */
  static over(o: { baseUrl: string; fetch: FetchPort; session: SessionPort; clock: ClockPort; timeoutMs?: number }): OutboxTransport {
    return new OutboxTransport({ gateway: new Gateway({ baseUrl: () => o.baseUrl, token: () => o.session.token(), fetch: o.fetch }), clock: o.clock, timeoutMs: o.timeoutMs })
  }

  /** `as`: the bearer of the person whose item this is, when it is not the signed-in person's. */
  private async call(path: string, init: RequestInit, as?: string): Promise<{ res: Response; done: () => void } | { outcome: Failure }> {
    try {
      return await this.deps.gateway.send(path, { ...init, token: as, timeoutMs: this.deps.timeoutMs ?? SEND_TIMEOUT_MS })
    } catch (err) {
      return { outcome: networkFailure(err) as Failure }
    }
  }

  private async failure(res: Response): Promise<Failure> {
    let body: GatewayErrorBody | undefined
    try {
      const text = await res.text()
      body = text ? (JSON.parse(text) as GatewayErrorBody) : undefined
    } catch {
      body = undefined
    }
    const retryAfter = parseRetryAfter(res.headers.get('retry-after'), this.deps.clock.now())
    return classifyHttp(res.status, body, retryAfter) as Failure
  }

  private async answer<T>(r: { res: Response; done: () => void } | { outcome: Failure }, read: (res: Response) => Promise<T>): Promise<CallResult<T>> {
    if (!('res' in r)) return r
    try {
      if (!r.res.ok) return { outcome: await this.failure(r.res) }
      return { outcome: { kind: 'ok' }, value: await read(r.res) }
    } catch (err) {
      // A 2xx we cannot read: the request may be registered, so retry with the same key and let the gateway replay.
      return { outcome: { kind: 'retry', code: 'OUTBOX_BAD_RESPONSE', httpStatus: r.res.status, message: String(err) } }
    } finally {
      r.done()
    }
  }

  async health(): Promise<boolean> {
    const r = await this.call(API.health.path, { method: 'GET' })
    if (!('res' in r)) return false
    await r.res.body?.cancel().catch(() => undefined)
    r.done()
    return r.res.ok
  }

  /** HEAD: does the gateway already hold this document? true / false, or a failure outcome. */
  async hasAttachment(sha256: string, as?: string): Promise<CallResult<boolean>> {
    const r = await this.call(pathOf(API.hasAttachment.path, { sha256 }), { method: 'HEAD' }, as)
    if ('res' in r && r.res.status === 404) {
      r.done()
      return { outcome: { kind: 'ok' }, value: false }
    }
    return this.answer(r, async () => true)
  }

  async putAttachment(sha256: string, mediaType: string, bytes: Uint8Array, as?: string): Promise<CallResult<void>> {
    const r = await this.call(pathOf(API.putAttachment.path, { sha256 }), {
      method: 'PUT',
      headers: { 'content-type': mediaType },
      body: bytes as unknown as NonNullable<RequestInit['body']>,
    }, as)
    // Read the short answer to its end rather than cancel it: a cancelled body aborts the fetch (an AbortError built
    // per scan) where a read one simply completes and leaves the connection to be reused.
    return this.answer(r, async (res) => void (await res.arrayBuffer().catch(() => undefined)))
  }

  /** POST the signed envelope. A replay with the same key returns the original answer, so this is safe to repeat. */
  async submit(idempotencyKey: string, envelope: Uint8Array, signature: string, as?: string): Promise<CallResult<SubmitAnswer>> {
    const r = await this.call(API.submit.path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [IDEMPOTENCY_HEADER]: idempotencyKey },
      body: JSON.stringify({ envelope: bytesToBase64(envelope), signature }),
    }, as)
    return this.answer(r, async (res) => SubmitResponse.parse(await res.json()))
  }

  async getJson<T>(path: string): Promise<CallResult<T>> {
    return this.answer(await this.call(path, { method: 'GET', headers: { accept: 'application/json' } }), async (res) => (await res.json()) as T)
  }

  get baseUrl(): string {
    return this.deps.gateway.baseUrl
  }
  token(): string | null {
    return this.deps.gateway.token()
  }
}
