import { scryptAsync } from '@noble/hashes/scrypt.js'
import type { SessionUser } from '@shared/gateway/api'

/**
 * Offline sign-in: after an online sign-in the workstation keeps a scrypt verifier of the password (never the
 * password) with the user's profile, valid for a limited period. When the gateway cannot be reached, the same
 * credentials unlock an offline session until that period ends. Only password sign-ins get a verifier: an ЭЦП
 * sign-in proves possession of a key to the gateway, which cannot be replayed locally.
 */
export interface OfflineVerifier {
  /** `login:<login>` or `iin:<iin>`; lower-cased login so "Operator1" and "operator1" are one account. */
  account: string
  user: SessionUser
  saltB64: string
  hashB64: string
  params: { N: number; r: number; p: number; dkLen: number }
  cachedAt: number
  validUntil: number
}

/** Where verifiers are kept (localStorage in the browser, a Map in tests). */
export interface VerifierStorage {
  get(account: string): OfflineVerifier | undefined
  put(v: OfflineVerifier): void
  delete(account: string): void
}

export interface Clock {
  now(): number
}

/** 2^14 × r8: about 16 MiB and well under a second in Chromium, enough to make a stolen verifier slow to brute-force. */
export const DEFAULT_SCRYPT = { N: 1 << 14, r: 8, p: 1, dkLen: 32 } as const
/** How long a workstation may sign a user in offline after the last online sign-in. */
export const DEFAULT_OFFLINE_PERIOD_MS = 72 * 3600 * 1000

const b64 = (u: Uint8Array) => btoa(String.fromCharCode(...u))
const unb64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0))

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let d = 0
  for (let i = 0; i < a.length; i++) d |= a[i] ^ b[i]
  return d === 0
}

export function accountKey(kind: 'login' | 'iin', id: string): string {
  return `${kind}:${id.trim().toLowerCase()}`
}

export class OfflineVerifierCache {
  constructor(
    private readonly deps: {
      storage: VerifierStorage
      clock: Clock
      periodMs?: number
      params?: { N: number; r: number; p: number; dkLen: number }
      random?: (n: number) => Uint8Array
    },
  ) {}

  private get params() {
    return this.deps.params ?? DEFAULT_SCRYPT
  }

  /** Called after every successful online password sign-in: refreshes the verifier and its period. */
  async remember(account: string, password: string, user: SessionUser): Promise<void> {
    const salt = this.deps.random ? this.deps.random(16) : crypto.getRandomValues(new Uint8Array(16))
    const hash = await scryptAsync(password, salt, this.params)
    const now = this.deps.clock.now()
    this.deps.storage.put({
      account,
      user,
      saltB64: b64(salt),
      hashB64: b64(hash),
      params: { ...this.params },
      cachedAt: now,
      validUntil: now + (this.deps.periodMs ?? DEFAULT_OFFLINE_PERIOD_MS),
    })
  }

  /**
   * The cached user when the password matches a verifier still in its period; otherwise null. A wrong password and a
   * missing verifier both answer null on purpose: the screen must not tell which accounts were cached on this desk.
   */
  async verify(account: string, password: string): Promise<{ user: SessionUser; validUntil: number } | null> {
    const v = this.deps.storage.get(account)
    if (!v) return null
    if (this.deps.clock.now() > v.validUntil) {
      this.deps.storage.delete(account)
      return null
    }
    const hash = await scryptAsync(password, unb64(v.saltB64), v.params)
    return equalBytes(hash, unb64(v.hashB64)) ? { user: v.user, validUntil: v.validUntil } : null
  }

  /** Whether this desk ever cached the account: 'none' (never signed in here), 'expired', or 'present'. */
  status(account: string): 'none' | 'expired' | 'present' {
    const v = this.deps.storage.get(account)
    if (!v) return 'none'
    return this.deps.clock.now() > v.validUntil ? 'expired' : 'present'
  }

  forget(account: string): void {
    this.deps.storage.delete(account)
  }
}

/** Verifiers in localStorage, one key per account. They hold no password and no token. */
export function localStorageVerifiers(storage: Storage = globalThis.localStorage, prefix = 'arm.offline.'): VerifierStorage {
  return {
    get(account) {
      const raw = storage.getItem(prefix + account)
      if (!raw) return undefined
      try {
        return JSON.parse(raw) as OfflineVerifier
      } catch {
        return undefined
      }
    },
    put(v) {
      storage.setItem(prefix + v.account, JSON.stringify(v))
    },
    delete(account) {
      storage.removeItem(prefix + account)
    },
  }
}

export function memoryVerifiers(): VerifierStorage & { map: Map<string, OfflineVerifier> } {
  const map = new Map<string, OfflineVerifier>()
  return { map, get: (a) => map.get(a), put: (v) => void map.set(v.account, v), delete: (a) => void map.delete(a) }
}
