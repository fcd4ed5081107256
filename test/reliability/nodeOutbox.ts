import 'fake-indexeddb/auto'
import { ArmDb } from '../../src-renderer/db/ArmDb'
import { Connectivity } from '../../src-renderer/sync/Connectivity'
import { OutboxTransport } from '../../src-renderer/sync/transport'
import { LocalWake, OutboxService } from '../../src-renderer/sync/OutboxService'
import { OutboxSender, type SenderLimits } from '../../src-renderer/sync/OutboxSender'
import { InProcessLock, systemClock, type OnlinePort, type SessionPort } from '../../src-renderer/sync/ports'
import type { GatewayProcess } from './gatewayProcess'

/** The workstation's outbox running in this Node process against the real gateway (IndexedDB from fake-indexeddb). */
export function nodeOutbox(gw: GatewayProcess, opts: { limits?: Partial<SenderLimits>; connectivity?: boolean } = {}) {
  const db = new ArmDb(`rel-${process.pid}-${Math.random().toString(36).slice(2)}`)
  let token: string | null = null
  const session: SessionPort = {
    token: () => token,
    reauthenticate: async () => (token = await gw.login()),
  }
  const wake = new LocalWake()
  const clock = systemClock
  const gateway = OutboxTransport.over({ baseUrl: gw.baseUrl, fetch: (u, i) => fetch(u, i), session, clock, timeoutMs: 10_000 })
  const alwaysUp: OnlinePort = { isOnline: () => true, subscribe: () => () => undefined }
  const connectivity = opts.connectivity
    ? new Connectivity({ online: alwaysUp, probe: () => gateway.health(), clock, random: Math.random, policy: { baseMs: 200, factor: 2, capMs: 2_000, jitter: 0.3 } })
    : undefined
  const service = new OutboxService({ db, clock, wake })
  const events = { sent: 0, retry: 0, rejected: 0, dead: 0 }
  const sender = new OutboxSender({
    db, gateway, session, clock, random: Math.random, locks: new InProcessLock(), wake, connectivity, ownerId: 'node-sender',
    limits: { concurrency: 6, maxAttempts: 200, ...opts.limits },
    backoff: { baseMs: 100, factor: 2, capMs: 2_000, jitter: 0.5 },
    onEvent: (e) => {
      if (e.type in events) events[e.type as keyof typeof events]++
    },
  })
  return {
    db, service, sender, connectivity, events, session,
    async login() {
      token = await gw.login()
    },
    async waitDrained(expected: number, timeoutMs: number): Promise<boolean> {
      const end = Date.now() + timeoutMs
      while (Date.now() < end) {
        if ((await db.outbox.where('state').equals('sent').count()) >= expected) return true
        await new Promise((r) => setTimeout(r, 100))
      }
      return false
    },
    async close() {
      await sender.stop()
      connectivity?.stop()
      db.close()
    },
  }
}
