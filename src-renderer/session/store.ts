import { create } from 'zustand'
import type { ArmErrorPayload } from '@shared/errors'
import type { Role, SessionUser } from '@shared/gateway/api'

export type { Role, SessionUser }

/** The areas of the frame. One type and one role→areas map for the whole renderer. */
export type Area = 'operator' | 'specialist' | 'supervisor' | 'verify' | 'audit' | 'admin'
export const AREAS: readonly Area[] = ['operator', 'specialist', 'supervisor', 'verify', 'audit', 'admin']

/**
 * Which areas a role may open, the first being where it lands. Admin lands on administration and sees every area.
 * «Verify a document» is the counter's and the supervisor's.
 */
export function areasFor(role: Role): Area[] {
  switch (role) {
    case 'tson_operator':
      return ['operator', 'verify']
    case 'provider_specialist':
      return ['specialist']
    case 'supervisor':
      return ['supervisor', 'audit', 'operator', 'verify']
    case 'tson_supervisor':
      return ['operator', 'verify']
    case 'admin':
      return ['admin', 'supervisor', 'audit', 'operator', 'specialist', 'verify']
    case 'auditor':
      return ['audit']
  }
}

export type SignInMode = 'login' | 'iin' | 'ecp'
export type SignInMethod = 'password' | 'iin' | 'ecp'

/** What the login form hands over. Passwords live only for the call; they are never stored in the state. */
export type Credentials =
  | { mode: 'login'; login: string; password: string }
  | { mode: 'iin'; iin: string; password: string }
  /** keyRef: the AUTH key the person chose on the login screen (a desk may hold several people's keys). */
  | { mode: 'ecp'; keyRef?: string }

export interface ActiveSession {
  user: SessionUser
  /** Bearer token; null in an offline session (the gateway verifies everything on delivery). */
  token: string | null
  offline: boolean
  method: SignInMethod
  /** ms since epoch: the gateway's expiry online, the verifier's period offline. */
  expiresAt: number
  startedAt: number
}

export interface SessionState {
  status: 'signedOut' | 'signingIn' | 'signedIn'
  active: ActiveSession | null
  /** The login / ИИН used (never the password), to unlock the same account after an idle lock. */
  account: { method: SignInMethod; id: string } | null
  /** The idle lock (or a token the gateway no longer accepts) covers the whole desk, whatever the role. */
  locked: boolean
  error: ArmErrorPayload | null
  /** The open area of the frame. */
  area: Area
}

export const SIGNED_OUT: Omit<SessionState, 'area'> = { status: 'signedOut', active: null, account: null, locked: false, error: null }

/**
 * The one session store of the desk: who is signed in, whether the desk is locked, which area is open. Only the
 * SessionService (session/service.ts) changes who is signed in; screens read it.
 */
export const useSession = create<SessionState>(() => ({ ...SIGNED_OUT, area: 'operator' }))

export const currentToken = (): string | null => useSession.getState().active?.token || null
export const setArea = (area: Area): void => useSession.setState({ area })
