/**
 * Composition of the sync layer for a workstation window: one call at start-up wires the outbox service, the sender
 * (it waits for the Web Lock; only one window sends), connectivity (navigator.onLine + /health) and status tracking.
 *
 *   const sync = createOutboxRuntime({ db, baseUrl, session, notify })
 *   sync.start()            // after sign-in
 *   <OutboxCounts db={db} onOpen={…} />  and  <OutboxScreen deps={sync} />
 */
import type { ArmDb } from '../db/ArmDb'
import { BroadcastWake, navigatorOnline, webLocks } from './browserPorts'
import { Connectivity } from './Connectivity'
import { GatewayClient } from './gatewayClient'
import { OutboxService } from './OutboxService'
import { OutboxSender, type SenderEvent, type SenderLimits } from './OutboxSender'
import { systemClock, type FetchPort, type NotifyPort, type SessionPort } from './ports'
import { statusTrackerSettings } from './settings'
import { StatusTracker } from './StatusTracker'

export interface OutboxRuntime {
  db: ArmDb
  service: OutboxService
  sender: OutboxSender
  tracker: StatusTracker
  connectivity: Connectivity
  start(): void
  stop(): Promise<void>
}

export function createOutboxRuntime(opts: {
  db: ArmDb
  baseUrl: string
  session: SessionPort
  notify?: NotifyPort
  fetch?: FetchPort
  limits?: Partial<SenderLimits>
  onEvent?: (e: SenderEvent) => void
}): OutboxRuntime {
  const fetchPort: FetchPort = opts.fetch ?? ((u, i) => fetch(u, i))
  const clock = systemClock
  const wake = new BroadcastWake()
  const gateway = new GatewayClient({ baseUrl: opts.baseUrl, fetch: fetchPort, session: opts.session, clock })
  const connectivity = new Connectivity({ online: navigatorOnline(), probe: () => gateway.health(), clock, random: Math.random })
  const service = new OutboxService({ db: opts.db, clock, wake })
  const sender = new OutboxSender({
    db: opts.db, gateway, session: opts.session, clock, random: Math.random, locks: webLocks(), connectivity, wake,
    ownerId: `window-${globalThis.crypto.randomUUID()}`, limits: opts.limits, onEvent: opts.onEvent,
  })
  const tracker = new StatusTracker({ db: opts.db, gateway, fetch: fetchPort, clock, notify: opts.notify, options: statusTrackerSettings() })
  return {
    db: opts.db, service, sender, tracker, connectivity,
    start() {
      sender.start()
      tracker.start()
    },
    async stop() {
      await tracker.stop()
      await sender.stop()
      connectivity.stop()
      wake.close()
    },
  }
}
