/**
 * The desk's delivery: the outbox sender and the status tracker run while someone is signed in, on the desk's one
 * ArmDb, one outbox and one gateway client.
 *  - sign-in starts the runtime, sign-out stops it; the idle lock does NOT (what was signed stays deliverable);
 *  - a 401 the sender cannot fix locks the desk, so the person's password (in the unlock form) renews the token;
 *    the renewed token wakes the sender at once.
 */
import { create } from 'zustand'
import type { ArmDb } from '../db/ArmDb'
import type { Gateway } from '../gateway/client'
import { useSession, type SessionUser } from '../session/store'
import type { BroadcastWake } from './browserPorts'
import type { OutboxService } from './OutboxService'
import type { NotifyPort, SessionPort } from './ports'
import { createOutboxRuntime, type OutboxRuntime } from './runtime'

export interface Delivery {
  /** The running runtime while signed in (null otherwise), for the screens that show the queue and the offline mark. */
  useRuntime: <T>(select: (r: OutboxRuntime | null) => T) => T
  current(): OutboxRuntime | null
  start(): Promise<void>
  stop(): Promise<void>
}

/** The gateway sends a ЦОН's changes to its operators, a department's to its staff, everything to an admin. */
export function scopeOf(user: SessionUser | undefined): string | undefined {
  if (!user) return undefined
  if (user.role === 'admin') return 'all'
  if (user.role === 'tson_operator') return user.tsonId ? `tson:${user.tsonId}` : undefined
  return user.departmentId ? `dept:${user.departmentId}` : undefined
}

export function createDelivery(opts: {
  db: ArmDb
  gateway: Gateway
  outbox: OutboxService
  wake: BroadcastWake
  notify?: NotifyPort
  create?: typeof createOutboxRuntime
  /** Locks the desk: the person re-enters the password and so renews the token. */
  lock: () => void
}): Delivery {
  const make = opts.create ?? createOutboxRuntime
  const store = create<{ runtime: OutboxRuntime | null }>(() => ({ runtime: null }))
  let generation = 0
  let stopping: Promise<void> = Promise.resolve()
  const session: SessionPort = {
    token: () => useSession.getState().active?.token || null,
    async reauthenticate() {
      // The gateway no longer accepts the token (expired, or an offline sign-in's empty one); the item retries meanwhile.
      opts.lock()
      return null
    },
  }
  // A renewed token (unlock after a 401): retry now rather than at the backoff.
  useSession.subscribe((state, prev) => {
    if (state.status === 'signedIn' && prev.status === 'signedIn' && state.active?.token !== prev.active?.token) store.getState().runtime?.sender.wake()
  })
  return {
    useRuntime: (select) => store((s) => select(s.runtime)),
    current: () => store.getState().runtime,
    async start() {
      const gen = ++generation
      await stopping
      if (gen !== generation || useSession.getState().status !== 'signedIn') return
      const runtime = make({ db: opts.db, gateway: opts.gateway, service: opts.outbox, wake: opts.wake, session, notify: opts.notify, scope: scopeOf(useSession.getState().active?.user) })
      runtime.start()
      store.setState({ runtime })
    },
    async stop() {
      generation++
      const runtime = store.getState().runtime
      store.setState({ runtime: null })
      opts.notify?.clear?.()
      if (runtime) {
        stopping = runtime.stop().catch(() => undefined)
        await stopping
      }
    },
  }
}
