import { route, ROUTES, SSE_EVENT_STATUS, RequestStatusResponse, StatusChange, StatusChangesResponse } from '../../src-shared/gateway/api'
import { ArmError } from '../../src-shared/errors'
import type { ArmDb } from '../db/ArmDb'
import type { OutboxTransport } from './transport'
import type { ClockPort, FetchPort, NotifyPort } from './ports'

const CURSOR_KEY = 'status.cursor'

/** Statuses that end the wait at the desk: the operator is told at once. */
const NOTIFY: Record<string, 'result' | 'refusal'> = { RESULT_READY: 'result', ISSUED: 'result', REFUSED: 'refusal', REJECTED: 'refusal' }

export interface StatusTrackerOptions {
  /** Polling period while the stream is down, ms. */
  pollMs?: number
  /** Delay before trying the stream again after it failed, ms. */
  streamRetryMs?: number
}

/**
 * Follows what happens to sent requests: the gateway's SSE stream of status changes (read with fetch, so the bearer
 * token goes in a header and the same code runs in Chromium and Node), falling back to polling `?since=cursor` while
 * the stream is down. The cursor is stored, so nothing is missed across restarts; changes are de-duplicated by seq.
 */
export class StatusTracker {
  private stopCtl = new AbortController()
  private running?: Promise<void>
  mode: 'idle' | 'stream' | 'poll' = 'idle'

  constructor(
    private readonly deps: {
      db: ArmDb
      gateway: OutboxTransport
      fetch: FetchPort
      clock: ClockPort
      notify?: NotifyPort
      options?: StatusTrackerOptions
      /**
       * Whose changes the gateway sends (`tson:<id>`, `dept:<id>`, `all`): each scope keeps its own cursor, so a
       * specialist signed in on an operator's desk never moves the ЦОН's cursor past changes it was not sent.
       */
      scope?: string
    },
  ) {}

  private get cursorKey(): string {
    return this.deps.scope ? `${CURSOR_KEY}:${this.deps.scope}` : CURSOR_KEY
  }

  start(): void {
    if (this.running) return
    this.stopCtl = new AbortController()
    this.running = this.run().catch(() => undefined)
  }

  async stop(): Promise<void> {
    this.stopCtl.abort()
    await this.running
    this.running = undefined
    this.mode = 'idle'
  }

  /** "Обновить статус": ask the gateway now about one request. Returns the status, or throws a coded error. */
  async refresh(requestId: string): Promise<string> {
    const req = await this.deps.db.requests.get(requestId)
    if (!req?.registrationNumber) throw new ArmError('OUTBOX_STATUS_UNAVAILABLE', 'not registered yet', { requestId })
    const r = await this.deps.gateway.getJson<unknown>(route.request(req.registrationNumber))
    if (r.outcome.kind !== 'ok' || !('value' in r)) throw new ArmError('OUTBOX_STATUS_UNAVAILABLE', r.outcome.kind === 'ok' ? 'no body' : r.outcome.code, { requestId })
    const parsed = RequestStatusResponse.safeParse(r.value)
    if (!parsed.success) throw new ArmError('OUTBOX_BAD_RESPONSE', 'bad status', { requestId })
    const last = parsed.data.statusHistory.at(-1)
    await this.apply(
      { seq: 0, requestId: parsed.data.requestId, registrationNumber: parsed.data.registrationNumber, serviceId: parsed.data.serviceId, status: parsed.data.status, at: last?.at ?? parsed.data.receivedAt, note: last?.note },
      'manual',
    )
    return parsed.data.status
  }

  /** Polls once (also used as the fallback loop body). Returns how many changes were applied. */
  async pollOnce(): Promise<number> {
    const cursor = (await this.deps.db.meta.get(this.cursorKey))?.value as string | undefined
    const r = await this.deps.gateway.getJson<unknown>(route.requestsSince(cursor))
    if (r.outcome.kind !== 'ok' || !('value' in r)) return -1
    const parsed = StatusChangesResponse.safeParse(r.value)
    if (!parsed.success) return -1
    let n = 0
    for (const c of parsed.data.items) if (await this.apply(c, 'poll')) n++
    await this.deps.db.meta.put({ key: this.cursorKey, value: parsed.data.cursor })
    return n
  }

  private async run(): Promise<void> {
    const o = { pollMs: 15_000, streamRetryMs: 60_000, ...this.deps.options }
    const stop = this.stopCtl.signal
    while (!stop.aborted) {
      // Catch up first (covers the time we were not listening), then listen.
      await this.pollOnce().catch(() => -1)
      const streamed = await this.stream().catch(() => false)
      if (stop.aborted) break
      // The stream failed or ended: poll until it is time to try the stream again.
      this.mode = 'poll'
      const until = this.deps.clock.now() + (streamed ? 0 : o.streamRetryMs)
      while (!stop.aborted && this.deps.clock.now() < until) {
        await this.deps.clock.sleep(o.pollMs, stop)
        await this.pollOnce().catch(() => -1)
      }
    }
  }

  /** Reads the SSE stream until it ends or fails. True if it was open at some point. */
  private async stream(): Promise<boolean> {
    const token = this.deps.gateway.token()
    const cursor = (await this.deps.db.meta.get(this.cursorKey))?.value as string | undefined
    const headers: Record<string, string> = { accept: 'text/event-stream' }
    if (token) headers.authorization = `Bearer ${token}`
    if (cursor) headers['last-event-id'] = cursor
    const res = await this.deps.fetch(this.deps.gateway.baseUrl + ROUTES.events, { headers, signal: this.stopCtl.signal })
    if (!res.ok || !res.body) {
      await res.body?.cancel().catch(() => undefined)
      return false
    }
    this.mode = 'stream'
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader()
    let buf = ''
    for (;;) {
      const { value, done } = await reader.read()
      if (done) break
      buf += value
      let sep: number
      while ((sep = buf.search(/\r?\n\r?\n/)) >= 0) {
        const block = buf.slice(0, sep)
        buf = buf.slice(sep).replace(/^\r?\n\r?\n/, '')
        await this.onEvent(block)
      }
    }
    return true
  }

  private async onEvent(block: string): Promise<void> {
    let event = 'message'
    let id: string | undefined
    const data: string[] = []
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith(':')) continue
      const i = line.indexOf(':')
      const field = i < 0 ? line : line.slice(0, i)
      const val = i < 0 ? '' : line.slice(i + 1).replace(/^ /, '')
      if (field === 'event') event = val
      else if (field === 'data') data.push(val)
      else if (field === 'id') id = val
    }
    if (event !== SSE_EVENT_STATUS || !data.length) return
    let json: unknown
    try {
      json = JSON.parse(data.join('\n'))
    } catch {
      return
    }
    const change = StatusChange.safeParse(json)
    if (!change.success) return
    await this.apply(change.data, 'stream')
    if (id) await this.deps.db.meta.put({ key: this.cursorKey, value: id })
  }

  /** Records one change on the request it belongs to. False when already seen or not ours. */
  private async apply(c: StatusChange, source: 'stream' | 'poll' | 'manual'): Promise<boolean> {
    const { db, clock } = this.deps
    const applied = await db.transaction('rw', [db.requests, db.statuses], async () => {
      // By envelope when the registration number is not stored yet (the change may beat the submit's answer).
      const req = (await db.requests.where('registrationNumber').equals(c.registrationNumber).first()) ?? (c.envelopeId ? await db.requests.where('envelopeId').equals(c.envelopeId).first() : undefined)
      if (!req) return false
      if (c.seq > 0 && (await db.statuses.where('seq').equals(c.seq).count()) > 0) return false
      const at = Date.parse(c.at) || clock.now()
      await db.statuses.add({ requestId: req.id, registrationNumber: c.registrationNumber, status: c.status, at, source, ...(c.seq > 0 ? { seq: c.seq } : {}), ...(c.note ? { note: c.note } : {}) })
      if (req.gatewayStatus === c.status) return false
      if (req.gatewayStatusAt && at < req.gatewayStatusAt && source !== 'manual') return false
      await db.requests.update(req.id, { gatewayStatus: c.status, gatewayStatusAt: at, updatedAt: clock.now(), ...(req.registrationNumber ? {} : { registrationNumber: c.registrationNumber }) })
      return req.id
    })
    if (!applied) return false
    const kind = NOTIFY[c.status]
    if (kind) this.deps.notify?.notify({ kind, requestId: applied, registrationNumber: c.registrationNumber, status: c.status })
    return true
  }
}
