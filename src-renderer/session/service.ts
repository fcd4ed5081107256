import { base64ToBytes } from '@shared/bytes'
import { ArmError, toArmError } from '@shared/errors'
import type { CryptoAdapter } from '../bridge/crypto'
import { isUnreachable, type Gateway } from '../gateway/client'
import { accountKey, type Clock, type OfflineVerifierCache } from './offlineVerifier'
import { areasFor, SIGNED_OUT, useSession, type ActiveSession, type Credentials } from './store'

export type SignInRequest =
  | { method: 'password'; login: string; password: string }
  | { method: 'iin'; iin: string; password: string }
  | { method: 'ecp'; keyRef?: string }


function requestOf(c: Credentials): SignInRequest {
  return c.mode === 'login' ? { method: 'password', login: c.login, password: c.password } : c.mode === 'iin' ? { method: 'iin', iin: c.iin, password: c.password } : { method: 'ecp', keyRef: c.keyRef }
}

/**
 * Sign-in and sign-out against the gateway: login+password (ЦОН operator), ИИН+password (provider specialist), ЭЦП
 * challenge–response. Falls back to the offline verifier only when the gateway is unreachable, never when it
 * refused the credentials.
 */
export class SessionService {
  constructor(
    private readonly deps: {
      gateway: Gateway
      verifiers: OfflineVerifierCache
      clock: Clock
      /** Signs the ЭЦП challenge with an AUTH key in main; the PIN never reaches the renderer. */
      crypto?: Pick<CryptoAdapter, 'sign'>
      /** Called once a person is signed in (the idle timer starts) and when they leave. */
      onChange?: (signedIn: boolean) => void
      /** Resolves what sign-in needs first (the gateway's address from main's config). */
      ready?: () => Promise<void>
      /** True when delivery keeps the person's token to send what they queued (it ends their session afterwards). */
      keepsToken?: (userId: string) => Promise<boolean>
    },
  ) {}

  /** The desk's sign-in: the store learns who is here and opens the role's first area. */
  async open(credentials: Credentials): Promise<void> {
    const store = useSession
    if (store.getState().status === 'signingIn') return
    store.setState({ status: 'signingIn', error: null })
    try {
      await this.deps.ready?.()
      const s = await this.signIn(requestOf(credentials))
      const id = credentials.mode === 'login' ? credentials.login : credentials.mode === 'iin' ? credentials.iin : s.user.displayName
      store.setState({ status: 'signedIn', active: s, account: { method: s.method, id }, locked: false, error: null, area: areasFor(s.user.role)[0] })
      this.deps.onChange?.(true)
    } catch (err) {
      store.setState({ ...SIGNED_OUT, error: toArmError(err).toPayload() })
    }
  }

  /** The same person's password (or ЭЦП) after the idle lock or a refused token; a renewed token wakes the outbox. */
  async unlock(password: string): Promise<void> {
    const { account, active } = useSession.getState()
    if (!account || !active) throw new ArmError('SESSION_EXPIRED')
    const req: SignInRequest = account.method === 'password' ? { method: 'password', login: account.id, password } : account.method === 'iin' ? { method: 'iin', iin: account.id, password } : { method: 'ecp' }
    const s = await this.signIn(req)
    if (s.user.id !== active.user.id) throw new ArmError('SESSION_BAD_CREDENTIALS')
    useSession.setState({ active: s, locked: false })
    this.deps.onChange?.(true)
  }

  lock(): void {
    if (useSession.getState().status === 'signedIn') useSession.setState({ locked: true })
  }

  /** Ends the gateway session (when online) and forgets everything the person held on this desk. */
  async close(): Promise<void> {
    const { active, status } = useSession.getState()
    if (status !== 'signedIn') return
    useSession.setState({ ...SIGNED_OUT })
    this.deps.onChange?.(false)
    await this.signOut(active)
  }

  async signIn(req: SignInRequest): Promise<ActiveSession> {
    const now = this.deps.clock.now()
    if (req.method === 'ecp') return this.signInEcp(now, req.keyRef)
    const account = req.method === 'password' ? accountKey('login', req.login) : accountKey('iin', req.iin)
    try {
      const s = req.method === 'password'
        ? await this.deps.gateway.call('login', { body: { login: req.login.trim(), password: req.password } })
        : await this.deps.gateway.call('loginIin', { body: { iin: req.iin.trim(), password: req.password } })
      // Refresh the offline verifier; a failure to store it must not block an online sign-in.
      await this.deps.verifiers.remember(account, req.password, s.user).catch(() => undefined)
      return { user: s.user, token: s.token, offline: false, method: req.method, expiresAt: Date.parse(s.expiresAt), startedAt: now }
    } catch (err) {
      if (!isUnreachable(err)) {
        const e = toArmError(err)
        if (e.code === 'GW_BAD_CREDENTIALS' || e.code === 'GW_UNAUTHENTICATED') {
          // The gateway said no: a cached verifier for an old password must not keep working offline.
          this.deps.verifiers.forget(account)
        }
        throw e
      }
      // Never signed in on this desk: the honest answer is that the gateway is unreachable (check the network).
      if (this.deps.verifiers.status(account) === 'none') throw toArmError(err)
      const cached = await this.deps.verifiers.verify(account, req.password)
      if (!cached) throw new ArmError('SESSION_OFFLINE_UNAVAILABLE', 'gateway unreachable and no valid offline verifier')
      return { user: cached.user, token: null, offline: true, method: req.method, expiresAt: cached.validUntil, startedAt: now }
    }
  }

  private async signInEcp(now: number, keyRef?: string): Promise<ActiveSession> {
    if (!this.deps.crypto) throw new ArmError('SESSION_ECP_UNAVAILABLE')
    const ch = await this.deps.gateway.call('challenge')
    const { cms } = await this.deps.crypto.sign(base64ToBytes(ch.challenge), { purpose: 'AUTH', keyRef })
    const s = await this.deps.gateway.call('loginEcp', { body: { challengeId: ch.challengeId, cms } })
    return { user: s.user, token: s.token, offline: false, method: 'ecp', expiresAt: Date.parse(s.expiresAt), startedAt: now }
  }

  /**
   * Ends the session at the gateway when online; local state is cleared by the caller whatever happens here. When the
   * person's signed requests are still queued, delivery keeps their token and ends the session once they are sent.
   */
  async signOut(session: ActiveSession | null): Promise<void> {
    if (!session?.token) return
    if (await this.deps.keepsToken?.(session.user.id)) return
    await this.deps.gateway.call('logout', { token: session.token }).catch(() => undefined)
  }
}

/**
 * Idle auto-lock: after `idleMs` without operator activity the session locks (the screen is covered and the
 * password is asked again). Timers come from the injected scheduler so tests drive time explicitly.
 */
export class IdleLock {
  private timer: ReturnType<typeof setTimeout> | null = null
  constructor(
    private readonly idleMs: number,
    private readonly onLock: () => void,
    private readonly schedule: { set: (fn: () => void, ms: number) => ReturnType<typeof setTimeout>; clear: (t: ReturnType<typeof setTimeout>) => void } = {
      set: (fn, ms) => setTimeout(fn, ms),
      clear: (t) => clearTimeout(t),
    },
  ) {}

  /** Any keyboard or pointer activity. */
  touch(): void {
    this.stop()
    this.timer = this.schedule.set(() => {
      this.timer = null
      this.onLock()
    }, this.idleMs)
  }

  stop(): void {
    if (this.timer !== null) this.schedule.clear(this.timer)
    this.timer = null
  }
}
