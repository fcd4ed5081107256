/**
 * The sync layer of one window, over the desk's one outbox and one gateway client: the sender (it waits for the Web
 * Lock; only one window sends), connectivity (navigator.onLine + /health) and status tracking.
 */
import type { ArmDb } from '../db/ArmDb'
import type { Gateway } from '../gateway/client'
import { navigatorOnline, webLocks, type BroadcastWake } from './browserPorts'
import { Connectivity } from './Connectivity'
import type { OutboxService } from './OutboxService'
import { OutboxSender, type SenderEvent, type SenderLimits } from './OutboxSender'
import { systemClock, type FetchPort, type NotifyPort, type SessionPort } from './ports'
import { statusTrackerSettings } from './settings'
import { StatusTracker } from './StatusTracker'
import { purgeHandedOver, retentionMs } from './retention'
import { OutboxTransport } from './transport'
import { startOutboxReports } from './outboxReport'

export interface OutboxRuntime {
  db: ArmDb
  service: OutboxService
  sender: OutboxSender
  tracker: StatusTracker
  connectivity: Connectivity
  start(): void
  stop(): Promise<void>
}

const RETENTION_FIRST_MS = 60_000
const RETENTION_EVERY_MS = 60 * 60_000

export function createOutboxRuntime(opts: {
  db: ArmDb
  gateway: Gateway
  service: OutboxService
  wake: BroadcastWake
  session: SessionPort
  notify?: NotifyPort
  /** Whose status changes the tracker follows (its cursor is kept per scope). */
  scope?: string
  fetch?: FetchPort
  limits?: Partial<SenderLimits>
  onEvent?: (e: SenderEvent) => void
}): OutboxRuntime {
  const fetchPort: FetchPort = opts.fetch ?? ((u, i) => fetch(u, i))
  const clock = systemClock
  const transport = new OutboxTransport({ gateway: opts.gateway, clock })
  const connectivity = new Connectivity({ online: navigatorOnline(), probe: () => transport.health(), clock, random: Math.random })
  const sender = new OutboxSender({
    db: opts.db, gateway: transport, session: opts.session, clock, random: Math.random, locks: webLocks(), connectivity, wake: opts.wake,
    ownerId: `window-${globalThis.crypto.randomUUID()}`, limits: opts.limits, onEvent: opts.onEvent,
  })
  const tracker = new StatusTracker({ db: opts.db, gateway: transport, fetch: fetchPort, clock, notify: opts.notify, scope: opts.scope, options: statusTrackerSettings() })
  // Retention: handed-over requests older than the kept period leave the desk, soon after sign-in and then hourly.
  let retention: ReturnType<typeof setTimeout> | undefined
  let stopReports: (() => void) | undefined
  const purge = () => {
    retention = setTimeout(purge, RETENTION_EVERY_MS)
    void purgeHandedOver(opts.db, { now: clock.now(), keepMs: retentionMs() }).catch(() => undefined) // next hour tries again
  }
  return {
    db: opts.db, service: opts.service, sender, tracker, connectivity,
    start() {
      sender.start()
      tracker.start()
      retention = setTimeout(purge, RETENTION_FIRST_MS)
      stopReports = startOutboxReports(opts.db, opts.gateway, () => !!opts.session.token())
    },
    async stop() {
      clearTimeout(retention)
      stopReports?.()
      await tracker.stop()
      await sender.stop()
      connectivity.stop()
    },
  }
}
