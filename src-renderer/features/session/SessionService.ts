import { base64ToBytes as fromB64 } from '@shared/bytes'
import { ArmError, toArmError } from '@shared/errors'
import type { Role, SessionUser } from '@shared/gateway/api'
import type { GatewayClient } from '../../gateway-client/client'
import { accountKey, type Clock, type OfflineVerifierCache } from './offlineVerifier'

export type SignInRequest =
  | { method: 'password'; login: string; password: string }
  | { method: 'iin'; iin: string; password: string }
  | { method: 'ecp' }

export type SignInMethod = SignInRequest['method']

/** The workstation area a role lands in. */
export type Area = 'operator' | 'specialist' | 'supervisor'

export function areaOf(role: Role): Area {
  if (role === 'tson_operator') return 'operator'
  if (role === 'provider_specialist') return 'specialist'
  return 'supervisor'
}

export interface ActiveSession {
  user: SessionUser
  area: Area
  /** Bearer token; null in an offline session (the gateway verifies everything on delivery). */
  token: string | null
  offline: boolean
  method: SignInMethod
  /** ms since epoch: the gateway's expiry online, the verifier's period offline. */
  expiresAt: number
  startedAt: number
}

/**
 * Signs an AUTH challenge with a key chosen and unlocked in main (window.arm.crypto); the PIN never reaches the
 * renderer. Answers the base64 CMS.
 */
export interface ChallengeSigner {
  signChallenge(challenge: Uint8Array): Promise<string>
}


/** Errors that mean "the gateway is not there" (offline sign-in may take over), as opposed to "it said no". */
export function isUnreachable(err: unknown): boolean {
  const code = err instanceof ArmError ? err.code : undefined
  return code === 'GATEWAY_UNREACHABLE' || code === 'TIMEOUT' || code === 'GW_UNAVAILABLE'
}

/**
 * Sign-in and sign-out against the gateway: login+password (ЦОН operator), ИИН+password (provider specialist), ЭЦП
 * challenge–response. Falls back to the offline verifier only when the gateway is unreachable, never when it
 * refused the credentials.
 */
export class SessionService {
  constructor(
    private readonly deps: {
      gateway: GatewayClient
      verifiers: OfflineVerifierCache
      clock: Clock
      signer?: ChallengeSigner
    },
  ) {}

  async signIn(req: SignInRequest): Promise<ActiveSession> {
    const now = this.deps.clock.now()
    if (req.method === 'ecp') return this.signInEcp(now)
    const account = req.method === 'password' ? accountKey('login', req.login) : accountKey('iin', req.iin)
    try {
      const s = req.method === 'password'
        ? await this.deps.gateway.login({ login: req.login.trim(), password: req.password })
        : await this.deps.gateway.loginIin({ iin: req.iin.trim(), password: req.password })
      // Refresh the offline verifier; a failure to store it must not block an online sign-in.
      await this.deps.verifiers.remember(account, req.password, s.user).catch(() => undefined)
      return { user: s.user, area: areaOf(s.user.role), token: s.token, offline: false, method: req.method, expiresAt: Date.parse(s.expiresAt), startedAt: now }
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
      return { user: cached.user, area: areaOf(cached.user.role), token: null, offline: true, method: req.method, expiresAt: cached.validUntil, startedAt: now }
    }
  }

  private async signInEcp(now: number): Promise<ActiveSession> {
    if (!this.deps.signer) throw new ArmError('SESSION_ECP_UNAVAILABLE')
    const ch = await this.deps.gateway.challenge()
    const cms = await this.deps.signer.signChallenge(fromB64(ch.challenge))
    const s = await this.deps.gateway.loginEcp({ challengeId: ch.challengeId, cms })
    return { user: s.user, area: areaOf(s.user.role), token: s.token, offline: false, method: 'ecp', expiresAt: Date.parse(s.expiresAt), startedAt: now }
  }

  /** Ends the session at the gateway when online; local state is cleared by the caller whatever happens here. */
  async signOut(session: ActiveSession | null): Promise<void> {
    if (!session?.token) return
    await this.deps.gateway.logout().catch(() => undefined)
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
