/**
 * The renderer's one composition root: everything the desk needs is built here once at start and handed out by one
 * React context (app/context.ts). Features never build or look up one another's parts; the frame gives each feature
 * what it needs through the feature's own deps context (app/areas.tsx).
 */
import { catalog } from '@shared/catalog'
import { bridgeCrypto, type CryptoAdapter } from '../bridge/crypto'
import { bridgeScanner, type ScannerPort } from '../bridge/scanner'
import { ArmDb } from '../db'
import { Gateway, type FetchPort } from '../gateway/client'
import { localStorageVerifiers, OfflineVerifierCache } from '../session/offlineVerifier'
import { IdleLock, SessionService } from '../session/service'
import { currentToken, useSession } from '../session/store'
import { deskId } from '../session/desk'
import { BroadcastWake } from '../sync/browserPorts'
import { createDelivery, type Delivery } from '../sync/delivery'
import { sealAudit } from '../db/auditChain'
import { OutboxService } from '../sync/OutboxService'
import { systemClock, type NotifyPort } from '../sync/ports'
import type { createOutboxRuntime } from '../sync/runtime'

export interface Workstation {
  db: ArmDb
  gateway: Gateway
  crypto: CryptoAdapter
  /** The document scanner in main. */
  scanner: ScannerPort
  session: SessionService
  /** The one outbox: intake enqueues into it, the queue screen reads it, its wake reaches the one sender. */
  outbox: OutboxService
  /** Sender, status tracker and connectivity, running while someone is signed in. */
  delivery: Delivery
  idle: IdleLock
  catalog: typeof catalog
}

export interface WorkstationOptions {
  gatewayUrl: () => Promise<string>
  db?: ArmDb
  fetch?: FetchPort
  idleMs?: number
  notify?: NotifyPort
  /** Cheaper scrypt parameters for the offline verifier (tests only: jsdom computes the real ones slowly). */
  verifierParams?: { N: number; r: number; p: number; dkLen: number }
  /** Tests swap the delivery runtime (jsdom has no Web Locks). */
  createRuntime?: typeof createOutboxRuntime
}

const IDLE_MS = 15 * 60 * 1000
/** Desk setting (localStorage) overriding the idle period, in ms; at least 5 s. */
export const IDLE_SETTING_KEY = 'arm.idleLockMs'

function idleMsSetting(fallback: number): number {
  try {
    const v = Number(window.localStorage.getItem(IDLE_SETTING_KEY))
    return Number.isFinite(v) && v >= 5000 ? v : fallback
  } catch {
    return fallback
  }
}

/** How often the desk's local audit entries are sealed into its hash chain. */
const AUDIT_SEAL_MS = 5_000

export function createWorkstation(opts: WorkstationOptions): Workstation {
  let base = ''
  const resolveBase = async () => {
    if (!base) base = (await opts.gatewayUrl()).replace(/\/$/, '')
  }
  const db = opts.db ?? new ArmDb()
  const gateway = new Gateway({ baseUrl: () => base, token: currentToken, fetch: opts.fetch, desk: () => { const u = useSession.getState().active?.user; return deskId(u?.tsonId ?? u?.departmentId) } })
  const crypto = bridgeCrypto()
  const wake = new BroadcastWake()
  const outbox = new OutboxService({ db, clock: systemClock, wake, owner: () => useSession.getState().active?.user.id })
  const idle = new IdleLock(opts.idleMs ?? idleMsSetting(IDLE_MS), () => session.lock())
  const delivery = createDelivery({ db, gateway, outbox, wake, notify: opts.notify, create: opts.createRuntime, lock: () => session.lock() })
  const session: SessionService = new SessionService({
    gateway,
    crypto,
    verifiers: new OfflineVerifierCache({ storage: localStorageVerifiers(), clock: systemClock, params: opts.verifierParams }),
    clock: systemClock,
    ready: resolveBase,
    keepsToken: (userId) => delivery.keepsToken(userId),
    onChange: (signedIn) => {
      if (signedIn) {
        idle.touch()
        void delivery.start()
      } else {
        idle.stop()
        void delivery.stop()
      }
    },
  })
  // Any activity of the person at the desk postpones the idle lock (not while locked: only the password unlocks).
  for (const ev of ['keydown', 'pointerdown', 'wheel'] as const) {
    window.addEventListener(ev, () => {
      const s = useSession.getState()
      if (s.status === 'signedIn' && !s.locked) idle.touch()
    }, { passive: true, capture: true })
  }
  // The local audit is chained by sealing what the outbox and intake wrote since the last seal (db/auditChain.ts).
  const sealing = setInterval(() => void sealAudit(db).catch(() => undefined), AUDIT_SEAL_MS)
  ;(sealing as { unref?: () => void }).unref?.()
  return { db, gateway, crypto, scanner: bridgeScanner(), session, outbox, delivery, idle, catalog }
}

