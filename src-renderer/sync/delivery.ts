/**
 * The desk's delivery: the outbox sender and the status tracker run while someone is signed in, on the desk's one
 * ArmDb, one outbox and one gateway client.
 *  - sign-in starts the runtime, sign-out stops it; the idle lock does NOT (what was signed stays deliverable);
 *  - a 401 the sender cannot fix locks the desk, so the person's password (in the unlock form) renews the token;
 *    the renewed token wakes the sender at once;
 *  - one desk, several people: each item goes out with the token of the person who signed it. Who signs out with
 *    requests still queued leaves their token here (memory only): the sender keeps draining them — under the next
 *    person's runtime, or alone while nobody is signed in — and their gateway session ends once the last is sent.
 */
import { create } from 'zustand'
import type { ArmDb } from '../db/ArmDb'
import { API } from '@shared/gateway/routes'
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
  /** After sign-out: true when the person's token is kept to finish their queue (their session ends afterwards). */
  keepsToken(userId: string): Promise<boolean>
}

const DRAIN_CHECK_MS = 1_000

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
  /** Tokens of the people who signed in here, by user id; a signed-out person's stays only while their queue drains. */
  const tokens = new Map<string, string>()
  const draining = new Set<string>()
  /** The runtime left sending while nobody is signed in. */
  let drainOnly: OutboxRuntime | null = null
  let drainTimer: ReturnType<typeof setInterval> | undefined
  let runningFor: string | undefined
  const undelivered = async (userId: string) => (await opts.db.outbox.where('state').anyOf('pending', 'in_flight').filter((i) => i.ownerId === userId).count()) > 0
  const endSession = async (token: string) => {
    const r = await opts.gateway.send(API.logout.path, { method: 'POST', token, headers: { 'content-type': 'application/json' }, body: '{}' }).catch(() => undefined)
    r?.done()
  }
  const checkDrained = async () => {
    for (const id of [...draining]) {
      if (useSession.getState().active?.user.id === id) {
        draining.delete(id) // back at the desk: their own runtime sends, their own sign-out decides again
        continue
      }
      const token = tokens.get(id)
      if (token && (await undelivered(id))) continue
      draining.delete(id)
      tokens.delete(id)
      if (token) await endSession(token)
    }
    if (draining.size) return
    clearInterval(drainTimer)
    drainTimer = undefined
    const idle = drainOnly
    drainOnly = null
    await idle?.stop()
  }
  const session: SessionPort = {
    token: () => useSession.getState().active?.token || null,
    tokenFor(ownerId) {
      if (!ownerId || ownerId === useSession.getState().active?.user.id) return undefined
      return tokens.get(ownerId) ?? null
    },
    forget: (ownerId) => void tokens.delete(ownerId),
    async reauthenticate() {
      // The gateway no longer accepts the token (expired, or an offline sign-in's empty one); the item retries meanwhile.
      opts.lock()
      return null
    },
  }
  // A renewed token (unlock after a 401): retry now rather than at the backoff.
  useSession.subscribe((state, prev) => {
    const active = state.active
    if (active?.token) tokens.set(active.user.id, active.token)
    if (state.status === 'signedIn' && prev.status === 'signedIn' && state.active?.token !== prev.active?.token) store.getState().runtime?.sender.wake()
  })
  return {
    useRuntime: (select) => store((s) => select(s.runtime)),
    current: () => store.getState().runtime,
    async start() {
      const gen = ++generation
      await stopping
      if (gen !== generation || useSession.getState().status !== 'signedIn') return
      // The next person's runtime takes over the draining (its sender sends every owner's items with their token).
      const idle = drainOnly
      drainOnly = null
      await idle?.stop()
      const runtime = make({ db: opts.db, gateway: opts.gateway, service: opts.outbox, wake: opts.wake, session, notify: opts.notify, scope: scopeOf(useSession.getState().active?.user) })
      runtime.start()
      store.setState({ runtime })
      runningFor = useSession.getState().active?.user.id
    },
    async stop() {
      generation++
      const runtime = store.getState().runtime
      store.setState({ runtime: null })
      opts.notify?.clear?.()
      const leaving = runningFor
      runningFor = undefined
      stopping = (async () => {
        if (leaving && tokens.has(leaving) && (await undelivered(leaving))) draining.add(leaving)
        else if (leaving) tokens.delete(leaving)
        if (!runtime) return
        if (draining.size) {
          // Nobody signed in to show statuses to (the next person catches up from the stored cursor): the sender goes on.
          await runtime.tracker.stop()
          drainOnly = runtime
        } else await runtime.stop()
        if (draining.size && !drainTimer) drainTimer = setInterval(() => void checkDrained().catch(() => undefined), DRAIN_CHECK_MS)
      })().catch(() => undefined)
      await stopping
    },
    async keepsToken(userId) {
      await stopping
      return draining.has(userId)
    },
  }
}
