/**
 * Accounts and sign-in: login+password (ЦОН), ИИН+password (provider), ЭЦП challenge–response with an AUTH
 * certificate. Sessions are random bearer tokens stored only as SHA-256 hashes; failed password attempts are throttled
 * per client and per sign-in name with growing delays (auth/throttle.ts), never a lock of the account.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { ArmError } from '../../src-shared/errors'
import type { ChallengeResponse, Session, SessionUser } from '../../src-shared/gateway/api'
import type { Clock, EnvelopeVerifier, SignerFacts } from '../ports'
import type { GatewayStore, UserRecord } from '../store/types'
import { DUMMY_HASH, verifyPassword } from './passwords'
import { CLIENT, LoginThrottle, type ThrottlePolicy } from './throttle'

export interface AuthPolicy {
  sessionTtlMs: number
  challengeTtlMs: number
  throttle: ThrottlePolicy
  /** Accept NCA test certificates and test-only accounts. */
  testTrust: boolean
  /** ЭЦП sign-in only with a certificate bound to the account by the admin (config auth.requireBoundCertificate). */
  requireBoundCertificate?: boolean
}

export const DEFAULT_AUTH_POLICY: AuthPolicy = {
  sessionTtlMs: 8 * 3600_000,
  challengeTtlMs: 5 * 60_000,
  throttle: { freeFailures: 3, clientFreeFailures: 30, baseDelayMs: 1_000, maxDelayMs: 5 * 60_000 },
  testTrust: false,
}

export interface Principal {
  user: UserRecord
  tokenHash: string
  /** When the session ends (live streams of the session are closed then). */
  sessionExpiresAt: number
}

const sha256hex = (s: string | Uint8Array) => createHash('sha256').update(s).digest('hex')

/** How long a resolved bearer token is trusted without asking the store again (logout drops it at once). */
const PRINCIPAL_FRESH_MS = 5_000
const PRINCIPAL_CACHE_MAX = 10_000

export class AuthService {
  /**
   * Token hash → principal, so that a busy workstation's calls (every POST, PUT, status poll) do not read the session
   * and the user row each time. Session expiry is still checked on every call; logout removes the entry.
   */
  private readonly principals = new Map<string, { principal: Principal; sessionExpiresAt: number; freshUntil: number }>()
  private readonly throttle: LoginThrottle

  constructor(
    private readonly store: GatewayStore,
    private readonly clock: Clock,
    private readonly verifier: EnvelopeVerifier,
    private readonly policy: AuthPolicy,
  ) {
    this.throttle = new LoginThrottle(clock, policy.throttle)
  }

  /**
   * Password sign-in. Unknown and existing names get the same answers for the same work (an unknown name is checked
   * against a dummy scrypt hash), and the same throttling: nothing tells whether an account exists.
   */
  async loginWithPassword(by: 'login' | 'iin', id: string, password: string, client = 'unknown'): Promise<Session> {
    const keys = [`name:${by}:${id.trim().toLowerCase()}`, `${CLIENT}${client}`]
    const wait = this.throttle.waitMs(keys)
    if (wait > 0) throw new ArmError('GW_LOGIN_THROTTLED', undefined, { retryAfterSeconds: Math.ceil(wait / 1000) })
    const user = by === 'login' ? await this.store.userByLogin(id) : await this.store.userByIin(id)
    const usable = !!user && !(user.testOnly && !this.policy.testTrust) && !user.disabled
    const ok = verifyPassword(password, usable ? user.passwordHash : DUMMY_HASH) && usable
    if (!ok || !user) {
      this.throttle.failure(keys)
      throw new ArmError('GW_BAD_CREDENTIALS')
    }
    this.throttle.success(keys[0])
    return this.openSession(user)
  }

  async issueChallenge(): Promise<ChallengeResponse> {
    const challenge = new Uint8Array(randomBytes(32))
    const id = randomUUID()
    const expiresAt = this.clock.now() + this.policy.challengeTtlMs
    await this.store.insertChallenge({ id, challenge, expiresAt, used: false })
    return { challengeId: id, challenge: Buffer.from(challenge).toString('base64'), expiresAt: new Date(expiresAt).toISOString() }
  }

  async loginWithSignature(challengeId: string, cms: Uint8Array): Promise<Session> {
    const c = await this.store.consumeChallenge(challengeId)
    const now = this.clock.now()
    if (!c || c.expiresAt < now) throw new ArmError('GW_CHALLENGE_INVALID')
    // Attached or detached: try detached over the challenge first, then attached (content inside the CMS).
    let check = await this.verifier.verify({ content: c.challenge, cms, at: new Date(now), detached: true })
    if (!check.ok && check.code === 'GW_SIGNATURE_MISSING') {
      check = await this.verifier.verify({ content: c.challenge, cms, at: new Date(now), detached: false })
    }
    if (!check.ok) throw new ArmError(check.code, check.message)
    if (check.signer.test && !this.policy.testTrust) throw new ArmError('GW_TEST_KEY_NOT_ALLOWED')
    if (!check.signer.auth) throw new ArmError('GW_CERT_NOT_AUTH')
    const user = await this.accountOfCertificate(check.signer)
    if (!user || user.disabled || (user.testOnly && !this.policy.testTrust)) throw new ArmError('GW_NO_ACCOUNT_FOR_CERT')
    // Password failures do not stand in the way: the key proves the person.
    return this.openSession(user)
  }

  /**
   * Whose certificate signed in: the account it is bound to (issuer + serial); else, unless the policy requires a bound
   * certificate, the account of its ИИН — only while that account has no bound certificates (binding narrows the
   * account's ЭЦП sign-in to exactly those).
   */
  private async accountOfCertificate(signer: SignerFacts): Promise<UserRecord | undefined> {
    const bound = await this.store.certificateBySerial(signer.issuer, signer.serialHex)
    if (bound) return this.store.userById(bound.userId)
    const user = signer.iin ? await this.store.userByIin(signer.iin) : undefined
    if (!user) return undefined
    if (this.policy.requireBoundCertificate || (await this.store.certificatesOf(user.id)).length > 0) throw new ArmError('GW_CERT_NOT_BOUND')
    return user
  }

  /** The principal of a bearer token, or throws GW_UNAUTHENTICATED. */
  async authenticate(token: string | undefined): Promise<Principal> {
    if (!token || token.length < 16 || token.length > 200) throw new ArmError('GW_UNAUTHENTICATED')
    const tokenHash = sha256hex(token)
    const now = this.clock.now()
    const known = this.principals.get(tokenHash)
    if (known && known.freshUntil > now && known.sessionExpiresAt > now) return known.principal
    this.principals.delete(tokenHash)
    const s = await this.store.sessionByHash(tokenHash)
    if (!s || s.expiresAt <= now) throw new ArmError('GW_UNAUTHENTICATED')
    const user = await this.store.userById(s.userId)
    if (!user || user.disabled) throw new ArmError('GW_UNAUTHENTICATED')
    const principal = { user, tokenHash, sessionExpiresAt: s.expiresAt }
    if (this.principals.size >= PRINCIPAL_CACHE_MAX) this.principals.clear()
    this.principals.set(tokenHash, { principal, sessionExpiresAt: s.expiresAt, freshUntil: now + PRINCIPAL_FRESH_MS })
    return principal
  }

  /** Whether a session is still there and unexpired (asked again by long-lived streams, past the principal cache). */
  async sessionAlive(tokenHash: string): Promise<boolean> {
    const s = await this.store.sessionByHash(tokenHash)
    return !!s && s.expiresAt > this.clock.now()
  }

  /** Forgets the cached principals of an account (disabled, new password, new role): its next call asks the store. */
  forgetUser(userId: string): void {
    for (const [hash, known] of this.principals) if (known.principal.user.id === userId) this.principals.delete(hash)
  }

  async logout(p: Principal): Promise<void> {
    this.principals.delete(p.tokenHash)
    await this.store.deleteSession(p.tokenHash)
  }

  private async openSession(user: UserRecord): Promise<Session> {
    const token = randomBytes(32).toString('base64url')
    const expiresAt = this.clock.now() + this.policy.sessionTtlMs
    await this.store.insertSession({ tokenHash: sha256hex(token), userId: user.id, expiresAt })
    return { token, expiresAt: new Date(expiresAt).toISOString(), user: sessionUser(user) }
  }
}

export function sessionUser(u: UserRecord): SessionUser {
  return {
    id: u.id, role: u.role, displayName: u.displayName,
    ...(u.iin ? { iin: u.iin } : {}), ...(u.tsonId ? { tsonId: u.tsonId } : {}), ...(u.departmentId ? { departmentId: u.departmentId } : {}),
  }
}
