import { create } from 'zustand'
import { ArmError, toArmError, type ArmErrorPayload } from '@shared/errors'
import { useUiStore, type Area } from './ui'

export type SignInMode = 'login' | 'iin' | 'ecp'

/** What the login form hands over. Passwords live only for the call; they are never stored in the state. */
export type Credentials =
  | { mode: 'login'; login: string; password: string }
  | { mode: 'iin'; iin: string; password: string }
  | { mode: 'ecp' }

export type Role = 'tson_operator' | 'provider_specialist' | 'supervisor' | 'admin'

export interface SessionUser {
  id: string
  role: Role
  displayName: string
}

export interface SignedIn {
  token: string
  expiresAt: string
  user: SessionUser
}

/** The sign-in port. The intake area injects the gateway-backed one with `useSessionStore.setState({ signInWith })`. */
export type SignInFn = (credentials: Credentials) => Promise<SignedIn>

/** Until the gateway client is wired in: check whether the gateway answers at all and say so with a code. */
export function probeOnlySignIn(getGatewayUrl: () => Promise<string>, fetchFn: typeof fetch = (...a) => fetch(...a)): SignInFn {
  return async () => {
    let url: string
    try {
      url = await getGatewayUrl()
    } catch (err) {
      throw toArmError(err)
    }
    const ctl = new AbortController()
    const timer = setTimeout(() => ctl.abort(), 5000)
    try {
      await fetchFn(`${url.replace(/\/$/, '')}/health`, { signal: ctl.signal, cache: 'no-store' })
    } catch {
      throw new ArmError('GATEWAY_UNREACHABLE', `no answer from ${url}`)
    } finally {
      clearTimeout(timer)
    }
    throw new ArmError('INTERNAL', 'sign-in is not wired to the gateway yet')
  }
}

/** Which areas of the frame a role may open. */
export function areasFor(role: Role): Area[] {
  switch (role) {
    case 'tson_operator':
      return ['operator']
    case 'provider_specialist':
      return ['specialist']
    case 'supervisor':
      return ['supervisor', 'operator']
    case 'admin':
      return ['operator', 'specialist', 'supervisor']
  }
}

interface SessionState {
  status: 'signedOut' | 'signingIn' | 'signedIn'
  session: SignedIn | null
  error: ArmErrorPayload | null
  signInWith: SignInFn
  signIn(credentials: Credentials): Promise<void>
  signOut(): void
}

export const useSessionStore = create<SessionState>((set, get) => ({
  status: 'signedOut',
  session: null,
  error: null,
  signInWith: probeOnlySignIn(async () => (await window.arm.app.config({})).gatewayUrl),
  async signIn(credentials) {
    if (get().status === 'signingIn') return
    set({ status: 'signingIn', error: null })
    try {
      const session = await get().signInWith(credentials)
      // Open the role's first area: a supervisor lands on supervision, not on intake.
      useUiStore.getState().setArea(areasFor(session.user.role)[0])
      set({ status: 'signedIn', session, error: null })
    } catch (err) {
      const code = (err as { code?: unknown })?.code
      const payload = typeof code === 'string' ? { code, message: (err as Error).message } : toArmError(err).toPayload()
      set({ status: 'signedOut', session: null, error: payload })
    }
  },
  signOut() {
    set({ status: 'signedOut', session: null, error: null })
  },
}))
