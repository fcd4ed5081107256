/**
 * Accounts and sign-in: login+password (ЦОН), ИИН+password (provider), ЭЦП challenge–response with an AUTH
 * certificate. Sessions are random bearer tokens stored only as SHA-256 hashes; failed attempts lock the account.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { ArmError } from '../../src-shared/errors'
import type { ChallengeResponse, Session, SessionUser } from '../../src-shared/gateway/api'
import type { Clock, EnvelopeVerifier } from '../ports'
import type { GatewayStore, UserRecord } from '../store/types'
import { DUMMY_HASH, verifyPassword } from './passwords'

export interface AuthPolicy {
  sessionTtlMs: number
  challengeTtlMs: number
  maxFailures: number
  lockoutMs: number
  /** Accept NCA test certificates and test-only accounts. */
  testTrust: boolean
}

export const DEFAULT_AUTH_POLICY: AuthPolicy = {
  sessionTtlMs: 8 * 3600_000,
  challengeTtlMs: 5 * 60_000,
  maxFailures: 5,
  lockoutMs: 15 * 60_000,
  testTrust: false,
}

export interface Principal {
  user: UserRecord
  tokenHash: string
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

  constructor(
    private readonly store: GatewayStore,
    private readonly clock: Clock,
    private readonly verifier: EnvelopeVerifier,
    private readonly policy: AuthPolicy,
  ) {}

  async loginWithPassword(by: 'login' | 'iin', id: string, password: string): Promise<Session> {
    const user = by === 'login' ? await this.store.userByLogin(id) : await this.store.userByIin(id)
    if (!user || (user.testOnly && !this.policy.testTrust)) {
      verifyPassword(password, DUMMY_HASH)
      throw new ArmError('GW_BAD_CREDENTIALS')
    }
    const now = this.clock.now()
    if (user.lockedUntil && user.lockedUntil > now) {
      throw new ArmError('GW_ACCOUNT_LOCKED', undefined, { lockedUntil: new Date(user.lockedUntil).toISOString() })
    }
    if (!verifyPassword(password, user.passwordHash)) {
      // A lock that has run out starts a fresh count.
      const failed = (user.lockedUntil && user.lockedUntil <= now ? 0 : user.failedCount) + 1
      const lock = failed >= this.policy.maxFailures ? now + this.policy.lockoutMs : null
      await this.store.recordLoginFailure(user.id, lock ? 0 : failed, lock)
      if (lock) throw new ArmError('GW_ACCOUNT_LOCKED', undefined, { lockedUntil: new Date(lock).toISOString() })
      throw new ArmError('GW_BAD_CREDENTIALS')
    }
    await this.store.recordLoginSuccess(user.id)
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
    const user = check.signer.iin ? await this.store.userByIin(check.signer.iin) : undefined
    if (!user || (user.testOnly && !this.policy.testTrust)) throw new ArmError('GW_NO_ACCOUNT_FOR_CERT')
    if (user.lockedUntil && user.lockedUntil > now) throw new ArmError('GW_ACCOUNT_LOCKED')
    return this.openSession(user)
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
    if (!user) throw new ArmError('GW_UNAUTHENTICATED')
    const principal = { user, tokenHash }
    if (this.principals.size >= PRINCIPAL_CACHE_MAX) this.principals.clear()
    this.principals.set(tokenHash, { principal, sessionExpiresAt: s.expiresAt, freshUntil: now + PRINCIPAL_FRESH_MS })
    return principal
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
