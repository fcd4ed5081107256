import 'fake-indexeddb/auto'
import { createHash } from 'node:crypto'
import { ArmDb } from '../../src-renderer/db/ArmDb'
import type { ClockPort, FetchPort, OnlinePort, SessionPort } from '../../src-renderer/sync/ports'

let dbSeq = 0
export function freshDb(): ArmDb {
  return new ArmDb(`test-${process.pid}-${++dbSeq}-${Math.random().toString(36).slice(2)}`)
}

/** A clock that moves only when the test says so; sleepers wake in time order. */
export class FakeClock implements ClockPort {
  t = 1_700_000_000_000
  private sleepers: { at: number; resolve: () => void }[] = []
  now(): number {
    return this.t
  }
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve()
      const s = { at: this.t + Math.max(0, ms), resolve }
      this.sleepers.push(s)
      signal?.addEventListener(
        'abort',
        () => {
          this.sleepers = this.sleepers.filter((x) => x !== s)
          resolve()
        },
        { once: true },
      )
    })
  }
  get pendingSleepers(): number {
    return this.sleepers.length
  }
  async advance(ms: number): Promise<void> {
    const end = this.t + ms
    for (;;) {
      await settle()
      const due = this.sleepers.filter((s) => s.at <= end).sort((a, b) => a.at - b.at)[0]
      if (!due) break
      this.t = Math.max(this.t, due.at)
      this.sleepers = this.sleepers.filter((s) => s !== due)
      due.resolve()
    }
    this.t = end
    await settle()
  }
}

/** Lets Dexie/fake-indexeddb work through its queued callbacks (they use setImmediate/timers). */
export async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setImmediate(r))
}

/** Lets fake time pass in steps, giving real IndexedDB work a moment between steps (Dexie does not run on the fake clock). */
export async function runFor(clock: FakeClock, totalMs: number, stepMs = 500): Promise<void> {
  for (let t = 0; t < totalMs; t += stepMs) {
    await clock.advance(stepMs)
    await new Promise((r) => setTimeout(r, 1))
  }
}

export async function until(cond: () => boolean | Promise<boolean>, clock?: FakeClock, stepMs = 0, max = 2000): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await cond()) return
    if (clock && stepMs) await clock.advance(stepMs)
    else await new Promise((r) => setTimeout(r, 2))
  }
  throw new Error('condition not reached')
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

export type Fault = 'net' | 'drop' | { status: number; code?: string; retryAfter?: string }

/**
 * An in-memory stand-in for the gateway's intake (HEAD/PUT attachments, POST requests with Idempotency-Key replay),
 * scriptable per call. The real gateway is exercised by test/reliability; this one makes unit tests exact.
 */
export class FakeGateway {
  attachments = new Map<string, Uint8Array>()
  registrations = new Map<string, { registrationNumber: string; body: string }>()
  submits = 0
  calls: { method: string; path: string; idem?: string; auth?: string }[] = []
  /** Faults applied to the next POST /requests calls, in order. */
  submitFaults: Fault[] = []
  putFaults: Fault[] = []
  validToken = 'tok-1'
  /** More people's tokens the gateway accepts (one desk, several people). */
  alsoValid = new Set<string>()
  rejectEnvelope = new Set<string>()
  seq = 0
  /** Gateway unreachable: every call fails like a refused connection. */
  down = false
  refused = 0
  /** /health answers but every /api call has its connection reset (a broken proxy, a half-up gateway). */
  apiReset = false

  fetch: FetchPort = async (url, init) => {
    if (this.down) {
      this.refused++
      throw new TypeError('connect ECONNREFUSED')
    }
    const u = new URL(url)
    if (this.apiReset && u.pathname.startsWith('/api/')) {
      this.refused++
      throw new TypeError('socket hang up')
    }
    const method = init?.method ?? 'GET'
    const headers = new Headers(init?.headers)
    this.calls.push({ method, path: u.pathname, idem: headers.get('idempotency-key') ?? undefined, auth: headers.get('authorization') ?? undefined })
    if (u.pathname === '/health') return Response.json({ ok: true })
    const bearer = headers.get('authorization')?.replace(/^Bearer /, '')
    if (bearer !== this.validToken && !this.alsoValid.has(bearer ?? '')) return Response.json({ code: 'GW_UNAUTHENTICATED', message: 'no' }, { status: 401 })
    const att = /^\/api\/v1\/attachments\/([0-9a-f]{64})$/.exec(u.pathname)
    if (att) {
      if (method === 'HEAD') return new Response(null, { status: this.attachments.has(att[1]) ? 200 : 404 })
      const f = this.putFaults.shift()
      if (f === 'net') throw new TypeError('fetch failed')
      if (f && f !== 'drop') return Response.json({ code: f.code ?? 'GW_UNAVAILABLE', message: 'x' }, { status: f.status })
      const body = new Uint8Array(init?.body as ArrayBufferLike)
      if (sha256Hex(body) !== att[1]) return Response.json({ code: 'GW_ATTACHMENT_HASH_MISMATCH', message: 'hash' }, { status: 400 })
      const existed = this.attachments.has(att[1])
      this.attachments.set(att[1], body)
      if (f === 'drop') throw new TypeError('socket hang up')
      return Response.json({ sha256: att[1], size: body.length }, { status: existed ? 200 : 201 })
    }
    if (u.pathname === '/api/v1/requests' && method === 'POST') {
      const f = this.submitFaults.shift()
      if (f === 'net') throw new TypeError('fetch failed')
      if (f && f !== 'drop') {
        const h: Record<string, string> = f.retryAfter ? { 'retry-after': f.retryAfter } : {}
        return Response.json({ code: f.code ?? 'GW_UNAVAILABLE', message: 'fault' }, { status: f.status, headers: h })
      }
      const key = headers.get('idempotency-key')!
      const body = String(init?.body)
      const parsed = JSON.parse(body) as { envelope: string }
      const env = JSON.parse(Buffer.from(parsed.envelope, 'base64').toString('utf8')) as { attachments?: { sha256: string }[]; envelopeId: string }
      for (const a of env.attachments ?? []) {
        if (!this.attachments.has(a.sha256)) return Response.json({ code: 'GW_ATTACHMENT_MISSING', message: a.sha256 }, { status: 422 })
      }
      if (this.rejectEnvelope.has(env.envelopeId)) return Response.json({ code: 'GW_SIGNATURE_INVALID', message: 'bad signature' }, { status: 422 })
      let reg = this.registrations.get(key)
      if (reg && reg.body !== body) return Response.json({ code: 'GW_IDEMPOTENCY_CONFLICT', message: 'conflict' }, { status: 409 })
      if (!reg) {
        this.submits++
        reg = { registrationNumber: `REG-${String(++this.seq).padStart(6, '0')}`, body }
        this.registrations.set(key, reg)
      }
      if (f === 'drop') throw new TypeError('socket hang up')
      return Response.json({ requestId: `r-${reg.registrationNumber}`, registrationNumber: reg.registrationNumber, status: 'REGISTERED', receivedAt: new Date().toISOString() }, { status: 201 })
    }
    return Response.json({ code: 'NOT_FOUND', message: u.pathname }, { status: 404 })
  }
}

export class FakeSession implements SessionPort {
  current: string | null
  reauths = 0
  constructor(
    private gw: FakeGateway,
    private canReauth = true,
  ) {
    this.current = gw.validToken
  }
  token(): string | null {
    return this.current
  }
  async reauthenticate(): Promise<string | null> {
    this.reauths++
    this.current = this.canReauth ? this.gw.validToken : null
    return this.current
  }
}

export class FakeOnline implements OnlinePort {
  up = true
  private ls = new Set<(b: boolean) => void>()
  isOnline(): boolean {
    return this.up
  }
  subscribe(l: (b: boolean) => void): () => void {
    this.ls.add(l)
    return () => this.ls.delete(l)
  }
  set(up: boolean): void {
    this.up = up
    for (const l of [...this.ls]) l(up)
  }
}

let envSeq = 0
/** A signed request as intake would hand it over (the fake gateway does not verify the signature). */
export function makeSigned(docCount = 1, docSize = 1000): {
  request: { id: string; serviceId: string; envelope: Uint8Array; signature: string; envelopeId: string; documentHashes: string[] }
  documents: { sha256: string; mediaType: 'application/pdf'; size: number; bytes: Uint8Array }[]
} {
  const n = ++envSeq
  const documents = Array.from({ length: docCount }, (_, i) => {
    const bytes = new Uint8Array(docSize)
    for (let j = 0; j < docSize; j++) bytes[j] = (j * 31 + i * 7 + n) & 0xff
    return { sha256: sha256Hex(bytes), mediaType: 'application/pdf' as const, size: docSize, bytes }
  })
  const envelopeId = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`
  const envelope = new TextEncoder().encode(JSON.stringify({ envelopeId, attachments: documents.map((d) => ({ sha256: d.sha256 })) }))
  return {
    request: { id: `req-${n}`, serviceId: 'svc', envelope, signature: 'c2ln', envelopeId, documentHashes: documents.map((d) => d.sha256) },
    documents,
  }
}
