/**
 * Each area of the frame: the feature's screen with the deps the composition root gives it. This is the only place
 * features meet the desk's parts (and one another: the operator desk shows intake beside the queue).
 */
import { lazy, Suspense, useEffect, useMemo, useState } from 'react'
import { useLang } from '../i18n/lang'
import type { OrgUnit } from '@shared/gateway/admin-api'
import { deskName } from '../session/desk'
import { useTexts } from '../i18n/texts'
import { frameTexts } from './texts'
import { dexieDraftStore } from '../features/intake/core/dexieDraftStore'
import { SignAndQueue } from '../features/intake/core/signAndQueue'
import { bridgeTokens } from '../bridge/tokens'
import { IntakeDepsContext, type IntakeDeps } from '../features/intake/ui/deps'
import { IntakeScreen } from '../features/intake/ui/IntakeScreen'
import { InboxDepsContext, type InboxDeps } from '../features/inbox/deps'
import { InboxScreen } from '../features/inbox/InboxScreen'
import { bundledFonts } from '../features/supervision/fonts'
import { SupervisorDepsContext, SupervisorScreen, type SupervisorDeps } from '../features/supervision/SupervisorScreen'
import { AuditScreen } from '../features/supervision/AuditScreen'
import { DashboardScreen, type DashboardDeps } from '../features/supervision/DashboardScreen'
import { AdminScreen } from '../features/admin/AdminScreen'
import { PaymentDepsContext, type PaymentDeps } from '../features/payment/deps'
import { PaperHandoverPanel } from '../features/payment/PaperHandoverPanel'
import { PaymentFiguresPanel } from '../features/payment/PaymentFiguresPanel'
import { PaymentPanel } from '../features/payment/PaymentPanel'
import { paymentTexts } from '../features/payment/texts'
import { emptyDraft } from '../features/intake/core/model'
import type { JsonValue } from '@shared/envelope'
import { servesService } from '@shared/gateway/departments'
import { VerifyDepsContext, type VerifyDeps } from '../features/verify/deps'
import type { SignatureReportProps } from '../ui/signatureReportSlot'
import { providerApi } from '../gateway/provider'
import { base64ToBytes, bytesToBase64 } from '@shared/bytes'
import type { CmsCheck } from '@shared/verify'
import { useSession, type Area } from '../session/store'
import { useWorkstation } from './context'
import { OutboxSection, useOperatorView, type OperatorView } from './operator'
import { DeskTabs, type DeskSection } from './DeskTabs'
import { operatorTexts, specialistTexts } from './texts'
import { create } from 'zustand'
import { CounterScreen } from '../features/counter/CounterScreen'
import { CounterDepsContext, type CounterDeps } from '../features/counter/deps'
import { counterTexts } from '../features/counter/texts'
import { platformPdfPrinter, type PrintBridge } from '../ui/printPdf'
import type { Workstation } from './workstation'
import '../features/intake/intake.css'
import '../features/inbox/inbox.css'
import '../features/supervision/supervisor.css'
import '../features/payment/payment.css'

/** A file made on the desk, handed to the person as an object URL (download link / new tab). */
const presentFile = (bytes: Uint8Array, name: string, type: string) => URL.createObjectURL(new File([bytes as BlobPart], name, { type }))

/**
 * The desk's signing with its own CAdES-T: each signature made in main gets the НУЦ TSA's signature-time-stamp from
 * the gateway before it is queued or sent; offline or with the TSA down it stays CAdES-BES (gateway/timestamp.ts, loaded
 * with the first signature: it brings the CMS code).
 */
function timestampedSigning(ws: Workstation) {
  const offline = () => useSession.getState().active?.offline ?? false
  const stamp = async (cms: string, content: Uint8Array) =>
    (await import('../gateway/timestamp')).withSignatureTimeStamp(ws.gateway, cms, {
      offline,
      // Main checks the token under the desk's roots: one the gateway would refuse leaves the signature CAdES-BES.
      accept: async (stamped) => (await ws.crypto.verifyReport({ cms: bytesToBase64(stamped), content: bytesToBase64(content) })).signatures.every((s) => s.timestamp?.status === 'valid'),
    })
  return {
    sign: async (bytes: Uint8Array, o: Parameters<Workstation['crypto']['sign']>[1]) => {
      const r = await ws.crypto.sign(bytes, o)
      return { ...r, cms: await stamp(r.cms, bytes) }
    },
    signBatch: async (contents: Uint8Array[], o: Parameters<Workstation['crypto']['signBatch']>[1]) => {
      const r = await ws.crypto.signBatch(contents, o)
      return { items: await Promise.all(r.items.map(async (i, k) => ('cms' in i ? { cms: await stamp(i.cms, contents[k]) } : i))) }
    },
  }
}

export function intakeDeps(ws: Workstation): IntakeDeps {
  const { db } = ws
  const store = dexieDraftStore(db, Date.now, () => useSession.getState().active?.user.id)
  const stamped = timestampedSigning(ws)
  const signer = new SignAndQueue({ store, outbox: ws.outbox, signer: { sign: (bytes, o) => stamped.sign(bytes, { purpose: 'SIGN', ...o }), signBatch: stamped.signBatch } })
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
    scanner: ws.scanner,
    tokens: bridgeTokens(),
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

export function paymentDeps(ws: Workstation, openIntake: () => void = () => {}): PaymentDeps {
  const drafts = dexieDraftStore(ws.db, Date.now, () => useSession.getState().active?.user.id)
  return {
    gateway: ws.gateway,
    db: ws.db,
    catalog: ws.catalog,
    fonts: bundledFonts,
    verify: (p) => ws.crypto.verify(p),
    present: (pdf, name) => presentFile(pdf, name, 'application/pdf'),
    // An expired request starts again as a new draft with the same service data (the applicant is checked anew).
    startAgain: async ({ serviceId, fields }) => {
      const now = Date.now()
      const d = emptyDraft({ id: crypto.randomUUID(), serviceId, channel: 'tson', now })
      await drafts.save({ ...d, fields: fields as Record<string, JsonValue> })
      openIntake()
    },
    newId: () => crypto.randomUUID(),
    now: () => Date.now(),
  }
}

function PaymentArea() {
  const ws = useWorkstation()
  const deps = useMemo(() => paymentDeps(ws, () => useOperatorView.setState({ view: 'intake' })), [ws])
  return (
    <PaymentDepsContext.Provider value={deps}>
      <PaymentPanel />
    </PaymentDepsContext.Provider>
  )
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
  const deps = useMemo<InboxDeps>(() => ({ api: providerApi(ws.gateway), catalog: ws.catalog, signer: { listKeys: () => ws.crypto.listKeys(), sign: timestampedSigning(ws).sign }, verifier: ws.crypto, signatureReport: SignatureReportArea, now: () => Date.now() }), [ws])
  const payDeps = useMemo(() => paymentDeps(ws), [ws])
  const department = useSession((s) => s.active?.user.departmentId)
  return (
    <InboxDepsContext.Provider value={deps}>
      <InboxScreen />
      {department === ZAGS_DEPARTMENT && (
        <PaymentDepsContext.Provider value={payDeps}>
          <PaperHandoverPanel />
        </PaymentDepsContext.Provider>
      )}
    </InboxDepsContext.Provider>
  )
}

/** The ЗАГС department's specialists hand the paper certificates over (their inbox has no other work of pattern C). */
const ZAGS_DEPARTMENT = 'is-zags'

function SupervisorArea() {
  const ws = useWorkstation()
  const deps = useMemo<SupervisorDeps>(
    () => ({
      api: providerApi(ws.gateway),
      catalog: ws.catalog,
      fonts: bundledFonts,
      verifier: ws.crypto,
      present: (pdf, name) => presentFile(pdf, name, 'application/pdf'),
      now: () => Date.now(),
      units: async () => (await ws.gateway.call('units')).units,
    }),
    [ws],
  )
  const dashboard = useMemo<DashboardDeps>(() => ({ gateway: ws.gateway, catalog: ws.catalog, fonts: bundledFonts, present: presentFile, now: () => Date.now(), deskName }), [ws])
  const payDeps = useMemo(() => paymentDeps(ws), [ws])
  return (
    <SupervisorDepsContext.Provider value={deps}>
      <DashboardScreen deps={dashboard} />
      <SupervisorScreen />
      <PaymentDepsContext.Provider value={payDeps}>
        <PaymentFiguresPanel />
      </PaymentDepsContext.Provider>
    </SupervisorDepsContext.Provider>
  )
}

function AuditArea() {
  const ws = useWorkstation()
  const role = useSession((s) => s.active?.user.role)
  const lang = useLang()
  const [units, setUnits] = useState<OrgUnit[]>([])
  useEffect(() => {
    ws.gateway.call('units').then((r) => setUnits(r.units), () => undefined)
  }, [ws])
  const deps = useMemo(() => ({ gateway: ws.gateway, canExport: role === 'auditor' || role === 'admin', present: presentFile, deskName: (d: string | null) => deskName(d, units, lang) }), [ws, role, units, lang])
  return <AuditScreen deps={deps} />
}

function AdminArea() {
  const ws = useWorkstation()
  const deps = useMemo(() => ({ gateway: ws.gateway, now: () => Date.now() }), [ws])
  return <AdminScreen deps={deps} />
}

export function counterDeps(ws: Workstation): CounterDeps {
  return {
    gateway: ws.gateway,
    catalog: ws.catalog,
    verifier: ws.crypto,
    signatureReport: SignatureReportArea,
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
  const tx = useTexts(operatorTexts)
  const results = useTexts(counterTexts).tab
  const payments = useTexts(paymentTexts).tab
  const sections = useMemo<DeskSection<OperatorView>[]>(
    () => [
      { view: 'intake', label: tx.intakeTab, Screen: IntakeArea, keep: true },
      { view: 'outbox', label: tx.outboxTab, Screen: OutboxSection, fresh: true, shortcut: { code: 'KeyO', label: tx.shortcut } },
      { view: 'results', label: results, Screen: CounterArea },
      { view: 'payments', label: payments, Screen: PaymentArea },
    ],
    [tx, results, payments],
  )
  return <DeskTabs name="operator" label={tx.tabs} sections={sections} store={useOperatorView} />
}

/**
 * The specialist's desk at АРМ РШЭП: the department's inbox and the walk-in intake (a consumer who comes to the
 * department in person, CATALOG §2.5.2); Alt+W toggles.
 */
const useSpecialistView = create<{ view: 'inbox' | 'walk-in' }>(() => ({ view: 'inbox' }))

function SpecialistArea() {
  const tx = useTexts(specialistTexts)
  const sections = useMemo<DeskSection<'inbox' | 'walk-in'>[]>(
    () => [
      { view: 'inbox', label: tx.inboxTab, Screen: InboxArea },
      { view: 'walk-in', label: tx.walkInTab, Screen: WalkInArea, keep: true, shortcut: { code: 'KeyW', label: tx.shortcut } },
    ],
    [tx],
  )
  return <DeskTabs name="specialist" label={tx.tabs} sections={sections} store={useSpecialistView} />
}

/** The QR decoder and the report's PDF writer load when the screen is first opened, not with the desk. */
const VerifyScreen = lazy(() => import('../features/verify/VerifyScreen').then((m) => ({ default: m.VerifyScreen })))

/** What features/verify needs from the desk: main's check (trust store, CRLs), the gateway's public answer, fonts. */
function verifyDeps(ws: Workstation): VerifyDeps {
  return {
    // Main checks the carried CMS with its trust store and the НУЦ CRLs; the report's shape is the shared one.
    check: async (cms, content) => {
      const r = await ws.crypto.verifyReport({ cms: bytesToBase64(cms), content: bytesToBase64(content) })
      return { ...r, content: r.content ? base64ToBytes(r.content) : undefined } as unknown as Awaited<ReturnType<CmsCheck>>
    },
    online: (registrationNumber, sha256) => ws.gateway.call('publicVerify', { params: { registrationNumber }, query: { sha256 } }),
    serviceName: (id, lang) => ws.catalog.find(id)?.name[lang],
    catalog: ws.catalog,
    fonts: bundledFonts,
    present: (pdf, name) => presentFile(pdf, name, 'application/pdf'),
  }
}

const SignedReport = lazy(() => import('../features/verify/SignedReport').then((m) => ({ default: m.SignedReport })))

/** The inbox's and the counter's slot for the full report of a signature (see ui/signatureReportSlot). */
function SignatureReportArea(props: SignatureReportProps) {
  const ws = useWorkstation()
  const deps = useMemo(() => verifyDeps(ws), [ws])
  return (
    <VerifyDepsContext.Provider value={deps}>
      <Suspense fallback={null}>
        <SignedReport {...props} />
      </Suspense>
    </VerifyDepsContext.Provider>
  )
}

function VerifyArea() {
  const ws = useWorkstation()
  const deps = useMemo(() => verifyDeps(ws), [ws])
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
  specialist: SpecialistArea,
  supervisor: SupervisorArea,
  verify: VerifyArea,
  audit: AuditArea,
  admin: AdminArea,
} as const

/** The open area under its title. */
export function AreaScreen({ area }: { area: Area }) {
  const tx = useTexts(frameTexts)
  const Screen = SCREENS[area]
  return (
    <>
      <h1 className="area-title">{tx[`${area}Title`]}</h1>
      <Screen />
    </>
  )
}
