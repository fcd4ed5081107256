/**
 * The outbox as it runs in a workstation window: real IndexedDB (Dexie), Web Locks, navigator.onLine, fetch. Built into
 * a page by the browser-kill scenario; the page is served from the same origin that proxies the gateway.
 */
import { ArmDb } from '../../../src-renderer/db/ArmDb'
import { BroadcastWake, navigatorOnline, webLocks } from '../../../src-renderer/sync/browserPorts'
import { Connectivity } from '../../../src-renderer/sync/Connectivity'
import { OutboxTransport } from '../../../src-renderer/sync/transport'
import { OutboxService } from '../../../src-renderer/sync/OutboxService'
import { OutboxSender } from '../../../src-renderer/sync/OutboxSender'
import { systemClock, type SessionPort } from '../../../src-renderer/sync/ports'

interface WireFixture {
  request: { id: string; serviceId: string; envelopeB64: string; signature: string; envelopeId: string; documentHashes: string[] }
  documents: { sha256: string; mediaType: 'application/pdf'; size: number; bytesB64: string }[]
}

const b64 = (s: string): Uint8Array => Uint8Array.from(atob(s), (c) => c.charCodeAt(0))

const db = new ArmDb('arm-workstation')
const wake = new BroadcastWake()
const service = new OutboxService({ db, clock: systemClock, wake })
let sender: OutboxSender | undefined

async function login(creds: { login: string; password: string }): Promise<string | null> {
  for (let i = 0; i < 50; i++) {
    try {
      const res = await fetch('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(creds) })
      if (res.ok) return ((await res.json()) as { token: string }).token
    } catch {
      // gateway fault or restart: try again
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  return null
}

const api = {
  async enqueue(fixtures: WireFixture[]): Promise<number> {
    for (const f of fixtures) {
      await service.enqueueSigned({
        request: { id: f.request.id, serviceId: f.request.serviceId, envelope: b64(f.request.envelopeB64), signature: f.request.signature, envelopeId: f.request.envelopeId, documentHashes: f.request.documentHashes },
        documents: f.documents.map((d) => ({ sha256: d.sha256, mediaType: d.mediaType, size: d.size, bytes: b64(d.bytesB64) })),
      })
    }
    return db.outbox.count()
  },
  async start(creds: { login: string; password: string }): Promise<void> {
    let token: string | null = await login(creds)
    const session: SessionPort = { token: () => token, reauthenticate: async () => (token = await login(creds)) }
    const gateway = OutboxTransport.over({ baseUrl: (globalThis as unknown as { location: { origin: string } }).location.origin, fetch: (u, i) => fetch(u, i), session, clock: systemClock, timeoutMs: 10_000 })
    const connectivity = new Connectivity({ online: navigatorOnline(), probe: () => gateway.health(), clock: systemClock, random: Math.random, policy: { baseMs: 200, factor: 2, capMs: 2000, jitter: 0.3 } })
    sender = new OutboxSender({
      db, gateway, session, clock: systemClock, random: Math.random, locks: webLocks(), wake, connectivity,
      ownerId: `window-${crypto.randomUUID()}`,
      limits: { concurrency: 4, maxAttempts: 500 },
      backoff: { baseMs: 100, factor: 2, capMs: 2000, jitter: 0.5 },
    })
    sender.start()
  },
  /** Starts enqueueing and returns at once (the harness kills the browser in the middle). */
  enqueueNoWait(fixtures: WireFixture[]): number {
    void api.enqueue(fixtures).catch(() => undefined)
    return fixtures.length
  },
  /** Invariants of the local store: a queued request always has its item and its scans, and the other way round. */
  async audit(): Promise<{ requests: number; items: number; requestsWithoutItem: number; itemsWithoutRequest: number; missingDocs: number; ids: string[] }> {
    const [reqs, items, docs] = await Promise.all([db.requests.toArray(), db.outbox.toArray(), db.documents.toArray()])
    const itemKeys = new Set(items.map((i) => i.orderingKey))
    const reqIds = new Set(reqs.map((r) => r.id))
    const docKeys = new Set(docs.map((d) => d.sha256))
    return {
      requests: reqs.length,
      items: items.length,
      requestsWithoutItem: reqs.filter((r) => !itemKeys.has(r.id)).length,
      itemsWithoutRequest: items.filter((i) => !reqIds.has(i.orderingKey)).length,
      missingDocs: reqs.reduce((n, r) => n + r.documentHashes.filter((h) => !docKeys.has(h)).length, 0),
      ids: reqs.map((r) => r.envelopeId!),
    }
  },
  active(): boolean {
    return sender?.active ?? false
  },
  async stats(): Promise<{ total: number; sent: number; inFlight: number; interrupted: number; attempts: number; numbers: [string, string][] }> {
    const items = await db.outbox.toArray()
    const reqs = await db.requests.toArray()
    return {
      total: items.length,
      sent: items.filter((i) => i.state === 'sent').length,
      inFlight: items.filter((i) => i.state === 'in_flight').length,
      interrupted: items.reduce((n, i) => n + i.history.filter((h) => h.kind === 'interrupted').length, 0),
      attempts: items.reduce((n, i) => n + i.attempts, 0),
      numbers: reqs.filter((r) => r.registrationNumber).map((r) => [r.envelopeId!, r.registrationNumber!]),
    }
  },
}

const g = globalThis as unknown as { __outbox: typeof api; document: { title: string } }
g.__outbox = api
g.document.title = 'outbox-ready'
