import { useEffect, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { catalog } from '@shared/catalog'
import { bytesToBase64 } from '@shared/envelope'
import { ArmError } from '@shared/errors'
import { ArmDb } from '../../db'
import { GatewayClient } from '../../gateway-client/client'
import { i18n } from '../../i18n'
import { useSessionStore, type Credentials, type SignedIn } from '../../state/session'
import { OutboxService } from '../../sync/OutboxService'
import { systemClock } from '../../sync/ports'
import { OfflineVerifierCache, localStorageVerifiers } from '../session/offlineVerifier'
import { IdleLock, SessionService, type ChallengeSigner, type SignInRequest } from '../session/SessionService'
import { LockOverlay, OfflineBadge, useIntakeSession } from '../session/sessionChrome'
import { dexieDraftStore } from './core/dexieDraftStore'
import type { EnvelopeSigner, KeyOption } from './core/ports'
import { SignAndQueue } from './core/signAndQueue'
import { registerIntakeI18n } from './i18n'
import './intake.css'
import { IntakeDepsContext, type IntakeCatalog, type IntakeDeps } from './ui/deps'
import { IntakeScreen } from './ui/IntakeScreen'

/** window.arm.crypto (typed by the contract); absent only where a shell wires no crypto. */
function cryptoBridge() {
  return (window.arm as Partial<typeof window.arm>).crypto ?? null
}

/** Keys main offers, with the purpose from the certificate (or, for a still-locked .p12, from its file name). */
export async function listKeyOptions(): Promise<KeyOption[]> {
  const c = cryptoBridge()
  if (!c) return []
  const { keys } = await c.listKeys({})
  return keys.map((k) => ({
    keyRef: k.keyRef,
    label: k.label,
    purposes: k.facts?.purposes ?? (/auth/i.test(k.label) ? ['AUTH'] : /sign|rsa|gost/i.test(k.label) ? ['SIGN'] : undefined),
  }))
}

export const envelopeSignerFromBridge: EnvelopeSigner = {
  async sign(bytes, opts) {
    const c = cryptoBridge()
    if (!c) throw new ArmError('SIGN_FAILED', 'window.arm.crypto is not available')
    let keyRef = opts?.keyRef
    if (!keyRef) keyRef = (await listKeyOptions()).find((k) => k.purposes?.includes('SIGN'))?.keyRef
    if (!keyRef) throw new ArmError('KEY_NOT_FOUND')
    const r = await c.sign({ keyRef, content: bytesToBase64(bytes), detached: true, purpose: 'SIGN', expectedIin: opts?.expectedIin })
    return { cms: r.cms, signerIin: r.signer?.iin }
  },
}

const challengeSignerFromBridge: ChallengeSigner = {
  async signChallenge(challenge) {
    const c = cryptoBridge()
    if (!c) throw new ArmError('SESSION_ECP_UNAVAILABLE')
    const key = (await listKeyOptions()).find((k) => k.purposes?.includes('AUTH'))
    if (!key) throw new ArmError('SESSION_ECP_UNAVAILABLE', 'no AUTH key')
    return (await c.sign({ keyRef: key.keyRef, content: bytesToBase64(challenge), detached: true, purpose: 'AUTH' })).cms
  },
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

/**
 * The signed-in workstation's intake wiring, built once: gateway client (token from the session store), sign-in
 * service injected into the frame's login, offline verifiers, idle lock, drafts in Dexie, outbox enqueue.
 */
export interface Workstation {
  gateway: GatewayClient
  sessions: SessionService
  db: ArmDb
  deps: (catalog: IntakeCatalog) => IntakeDeps
  idle: IdleLock
}

let current: Workstation | null = null

export function installWorkstation(opts: { gatewayUrl: () => Promise<string>; idleMs?: number }): Workstation {
  if (current) return current
  registerIntakeI18n(i18n)
  let base = ''
  const gateway = new GatewayClient({ baseUrl: () => base, token: () => useSessionStore.getState().session?.token || null })
  const verifiers = new OfflineVerifierCache({ storage: localStorageVerifiers(), clock: { now: () => Date.now() } })
  const sessions = new SessionService({ gateway, verifiers, clock: { now: () => Date.now() }, signer: challengeSignerFromBridge })
  const idle = new IdleLock(opts.idleMs ?? idleMsSetting(IDLE_MS), () => {
    if (useSessionStore.getState().status === 'signedIn') useIntakeSession.getState().set({ locked: true })
  })
  const db = new ArmDb()
  const outbox = new OutboxService({ db, clock: systemClock })
  const store = dexieDraftStore(db)
  const signer = new SignAndQueue({ store, signer: envelopeSignerFromBridge, outbox })

  const signInWith = async (c: Credentials): Promise<SignedIn> => {
    if (!base) base = await opts.gatewayUrl()
    const req: SignInRequest =
      c.mode === 'login' ? { method: 'password', login: c.login, password: c.password } : c.mode === 'iin' ? { method: 'iin', iin: c.iin, password: c.password } : { method: 'ecp' }
    const s = await sessions.signIn(req)
    useIntakeSession.getState().set({
      active: s,
      locked: false,
      account: { method: s.method, id: c.mode === 'login' ? c.login : c.mode === 'iin' ? c.iin : s.user.displayName },
    })
    idle.touch()
    return { token: s.token ?? '', expiresAt: new Date(s.expiresAt).toISOString(), user: { id: s.user.id, role: s.user.role, displayName: s.user.displayName } }
  }
  useSessionStore.setState({ signInWith })

  // Sign-out (from the frame's button) ends the gateway session and clears everything this area held.
  useSessionStore.subscribe((state, prev) => {
    if (prev.status === 'signedIn' && state.status === 'signedOut') {
      const active = useIntakeSession.getState().active
      void sessions.signOut(active)
      useIntakeSession.getState().clear()
      idle.stop()
    }
  })
  for (const ev of ['keydown', 'pointerdown', 'wheel'] as const) {
    window.addEventListener(ev, () => {
      if (useSessionStore.getState().status === 'signedIn' && !useIntakeSession.getState().locked) idle.touch()
    }, { passive: true, capture: true })
  }

  current = {
    gateway,
    sessions,
    db,
    idle,
    deps: (catalog) => ({
      catalog,
      gateway,
      store,
      signer,
      operator: () => {
        const s = useIntakeSession.getState().active
        return {
          iin: s?.user.iin ?? '',
          tsonId: s?.user.tsonId,
          departmentId: s?.user.departmentId,
          channel: s?.user.role === 'provider_specialist' ? 'provider' : 'tson',
        }
      },
      offline: () => useIntakeSession.getState().active?.offline ?? false,
      listKeys: listKeyOptions,
      newId: () => crypto.randomUUID(),
      now: () => Date.now(),
      recentRequests: async () =>
        (await db.requests.orderBy('updatedAt').reverse().limit(20).toArray()).map((r) => ({
          id: r.id,
          serviceId: r.serviceId,
          state: r.state,
          registrationNumber: r.registrationNumber,
          // The provider-side status the StatusTracker stores on the request (the field the outbox shows too).
          gatewayStatus: r.gatewayStatus,
          applicantMasked: r.applicantMasked,
          updatedAt: r.updatedAt,
        })),
      recordRejection: async (p) => {
        const now = Date.now()
        await db.transaction('rw', [db.requests, db.audit], async () => {
          await db.requests.put({ id: p.draftId, serviceId: p.serviceId, state: 'rejected', documentHashes: [], applicantMasked: p.applicantMasked, createdAt: now, updatedAt: now })
          await db.audit.add({ at: now, action: 'intake.reject', requestId: p.draftId, detail: { code: p.code } })
        })
      },
    }),
  }
  return current
}

/** The operator / walk-in specialist area: the intake screen with its dependencies, plus the idle lock. */
export function OperatorArea(props: { workstation: Workstation; catalog: IntakeCatalog }) {
  const deps = useMemo(() => props.workstation.deps(props.catalog), [props.workstation, props.catalog])
  useEffect(() => {
    props.workstation.idle.touch()
  }, [props.workstation])
  const unlock = async (password: string) => {
    const st = useIntakeSession.getState()
    const acc = st.account
    if (!acc) throw new ArmError('SESSION_EXPIRED')
    const req: SignInRequest = acc.method === 'password' ? { method: 'password', login: acc.id, password } : acc.method === 'iin' ? { method: 'iin', iin: acc.id, password } : { method: 'ecp' }
    const s = await props.workstation.sessions.signIn(req)
    if (s.user.id !== st.active?.user.id) throw new ArmError('SESSION_BAD_CREDENTIALS')
    useIntakeSession.getState().set({ active: s, locked: false })
    if (s.token) {
      const cur = useSessionStore.getState().session
      if (cur) useSessionStore.setState({ session: { ...cur, token: s.token } })
    }
    props.workstation.idle.touch()
  }
  return (
    <IntakeDepsContext.Provider value={deps}>
      <OfflineBadge />
      <IntakeScreen />
      <LockOverlay unlock={unlock} signOut={() => useSessionStore.getState().signOut()} />
    </IntakeDepsContext.Provider>
  )
}

/** The workstation installed at start-up (main.tsx), for the frame's area slot. */
export function getWorkstation(): Workstation | null {
  return current
}

/** The operator area's screen, mounted through the frame's AREA_SCREENS slot. */
export function IntakeArea() {
  const { t } = useTranslation()
  const ws = getWorkstation()
  return (
    <>
      <h1 className="area-title">{t('frame.operatorTitle')}</h1>
      {ws && <OperatorArea workstation={ws} catalog={catalog} />}
    </>
  )
}
