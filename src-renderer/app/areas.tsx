/**
 * Each area of the frame: the feature's screen with the deps the composition root gives it. This is the only place
 * features meet the desk's parts (and one another: the operator desk shows intake beside the queue).
 */
import { lazy, Suspense, useEffect, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { dexieDraftStore } from '../features/intake/core/dexieDraftStore'
import { SignAndQueue } from '../features/intake/core/signAndQueue'
import { IntakeDepsContext, type IntakeDeps } from '../features/intake/ui/deps'
import { IntakeScreen } from '../features/intake/ui/IntakeScreen'
import { InboxDepsContext, type InboxDeps } from '../features/inbox/deps'
import { InboxScreen } from '../features/inbox/InboxScreen'
import { bundledFonts } from '../features/inbox/supervision/fonts'
import { keyValueSurveyStore } from '../features/inbox/supervision/survey'
import { SupervisorDepsContext, SupervisorScreen, type SupervisorDeps } from '../features/inbox/supervision/SupervisorScreen'
import { servesService } from '@shared/gateway/departments'
import { VerifyDepsContext, type VerifyDeps } from '../features/verify/deps'
import { providerApi } from '../gateway/provider'
import { base64ToBytes, bytesToBase64 } from '@shared/bytes'
import type { CmsCheck } from '@shared/verify'
import { useSession, type Area } from '../session/store'
import { useWorkstation } from './context'
import { OperatorDesk } from './operator'
import { SpecialistDesk } from './specialist'
import { CounterScreen } from '../features/counter/CounterScreen'
import { CounterDepsContext, type CounterDeps } from '../features/counter/deps'
import { counterTexts } from '../features/counter/texts'
import { useTexts } from '../i18n/texts'
import { platformPdfPrinter, type PrintBridge } from '../ui/printPdf'
import type { Workstation } from './workstation'
import '../features/intake/intake.css'
import '../features/inbox/inbox.css'
import '../features/inbox/supervision/supervisor.css'

export function intakeDeps(ws: Workstation): IntakeDeps {
  const { db } = ws
  const store = dexieDraftStore(db, Date.now, () => useSession.getState().active?.user.id)
  const signer = new SignAndQueue({ store, outbox: ws.outbox, signer: { sign: (bytes, o) => ws.crypto.sign(bytes, { purpose: 'SIGN', ...o }) } })
  return {
    catalog: ws.catalog,
    gateway: ws.gateway,
    store,
    signer,
    operator: () => {
      const u = useSession.getState().active?.user
      return { iin: u?.iin ?? '', tsonId: u?.tsonId, departmentId: u?.departmentId, channel: u?.role === 'provider_specialist' ? 'provider' : 'tson' }
    },
    offline: () => useSession.getState().active?.offline ?? false,
    listKeys: () => ws.crypto.listKeys(),
    newId: () => crypto.randomUUID(),
    now: () => Date.now(),
    recentRequests: async () =>
      (await db.requests.orderBy('updatedAt').reverse().limit(20).toArray()).map((r) => ({
        id: r.id, serviceId: r.serviceId, state: r.state, registrationNumber: r.registrationNumber,
        // The provider-side status the StatusTracker stores on the request (the field the outbox shows too).
        gatewayStatus: r.gatewayStatus, applicantMasked: r.applicantMasked, updatedAt: r.updatedAt,
      })),
    recordRejection: async (p) => {
      const now = Date.now()
      await db.transaction('rw', [db.requests, db.audit], async () => {
        await db.requests.put({ id: p.draftId, serviceId: p.serviceId, state: 'rejected', documentHashes: [], applicantMasked: p.applicantMasked, createdAt: now, updatedAt: now })
        await db.audit.add({ at: now, action: 'intake.reject', requestId: p.draftId, detail: { code: p.code } })
      })
    },
  }
}

function IntakeArea() {
  const ws = useWorkstation()
  const deps = useMemo(() => intakeDeps(ws), [ws])
  useEffect(() => ws.idle.touch(), [ws])
  return (
    <IntakeDepsContext.Provider value={deps}>
      <IntakeScreen />
    </IntakeDepsContext.Provider>
  )
}

/**
 * The same intake at a department's own desk: the provider channel, the specialist's department, and only that
 * department's services (the gateway refuses any other and never routes it elsewhere).
 */
function WalkInArea() {
  const ws = useWorkstation()
  const deps = useMemo<IntakeDeps>(() => {
    const base = intakeDeps(ws)
    const department = () => useSession.getState().active?.user.departmentId
    return {
      ...base,
      operator: () => ({ ...base.operator(), tsonId: undefined, departmentId: department(), channel: 'provider' }),
      offers: (serviceId) => servesService(department(), serviceId),
    }
  }, [ws])
  useEffect(() => ws.idle.touch(), [ws])
  return (
    <IntakeDepsContext.Provider value={deps}>
      <IntakeScreen />
    </IntakeDepsContext.Provider>
  )
}

function InboxArea() {
  const ws = useWorkstation()
  const deps = useMemo<InboxDeps>(() => ({ api: providerApi(ws.gateway), catalog: ws.catalog, signer: ws.crypto, verifier: ws.crypto, now: () => Date.now() }), [ws])
  return (
    <InboxDepsContext.Provider value={deps}>
      <InboxScreen />
    </InboxDepsContext.Provider>
  )
}

function SupervisorArea() {
  const ws = useWorkstation()
  const deps = useMemo<SupervisorDeps>(
    () => ({
      api: providerApi(ws.gateway),
      catalog: ws.catalog,
      fonts: bundledFonts,
      survey: keyValueSurveyStore(window.localStorage),
      present: (pdf, name) => URL.createObjectURL(new File([pdf as BlobPart], name, { type: 'application/pdf' })),
      now: () => Date.now(),
    }),
    [ws],
  )
  return (
    <SupervisorDepsContext.Provider value={deps}>
      <SupervisorScreen />
    </SupervisorDepsContext.Provider>
  )
}

export function counterDeps(ws: Workstation): CounterDeps {
  return {
    gateway: ws.gateway,
    catalog: ws.catalog,
    verifier: ws.crypto,
    fonts: bundledFonts,
    printer: platformPdfPrinter(() => (window as unknown as { arm?: PrintBridge }).arm, bytesToBase64),
    localRequests: async () =>
      (await ws.db.requests.orderBy('updatedAt').reverse().limit(50).toArray()).map((r) => ({
        id: r.id, serviceId: r.serviceId, state: r.state, registrationNumber: r.registrationNumber, envelope: r.envelope, createdAt: r.createdAt, applicantMasked: r.applicantMasked,
      })),
    operator: () => {
      const u = useSession.getState().active?.user
      return { name: u?.displayName ?? '', iin: u?.iin, tsonId: u?.tsonId }
    },
  }
}

function CounterArea() {
  const ws = useWorkstation()
  const deps = useMemo(() => counterDeps(ws), [ws])
  return (
    <CounterDepsContext.Provider value={deps}>
      <CounterScreen />
    </CounterDepsContext.Provider>
  )
}

function OperatorArea() {
  const label = useTexts(counterTexts).tab
  const results = useMemo(() => ({ Screen: CounterArea, label }), [label])
  return <OperatorDesk intake={IntakeArea} results={results} />
}

/** The QR decoder and the report's PDF writer load when the screen is first opened, not with the desk. */
const VerifyScreen = lazy(() => import('../features/verify/VerifyScreen').then((m) => ({ default: m.VerifyScreen })))

function VerifyArea() {
  const ws = useWorkstation()
  const deps = useMemo<VerifyDeps>(
    () => ({
      // Main checks the carried CMS with its trust store and the НУЦ CRLs; the report's shape is the shared one.
      check: async (cms, content) => {
        const r = await ws.crypto.verifyReport({ cms: bytesToBase64(cms), content: bytesToBase64(content) })
        return { ...r, content: r.content ? base64ToBytes(r.content) : undefined } as unknown as Awaited<ReturnType<CmsCheck>>
      },
      online: (registrationNumber, sha256) => ws.gateway.call('publicVerify', { params: { registrationNumber }, query: { sha256 } }),
      serviceName: (id, lang) => ws.catalog.find(id)?.name[lang],
      fonts: bundledFonts,
      present: (pdf, name) => URL.createObjectURL(new File([pdf as BlobPart], name, { type: 'application/pdf' })),
    }),
    [ws],
  )
  return (
    <VerifyDepsContext.Provider value={deps}>
      <Suspense fallback={null}>
        <VerifyScreen />
      </Suspense>
    </VerifyDepsContext.Provider>
  )
}

const SCREENS = {
  operator: OperatorArea,
  specialist: () => <SpecialistDesk inbox={InboxArea} walkIn={WalkInArea} />,
  supervisor: SupervisorArea,
  verify: VerifyArea,
} as const

/** The open area under its title. */
export function AreaScreen({ area }: { area: Area }) {
  const { t } = useTranslation()
  const Screen = SCREENS[area]
  return (
    <>
      <h1 className="area-title">{t(`frame.${area}Title`)}</h1>
      <Screen />
    </>
  )
}
