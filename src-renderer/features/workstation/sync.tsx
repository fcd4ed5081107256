/**
 * The workstation's delivery wiring: the outbox sender and the status tracker run while an operator is signed in,
 * on the SAME ArmDb intake enqueues into and the SAME gateway base URL intake signed in against.
 *
 * Lifecycle (why this way):
 *  - sign-in starts the runtime; sign-out stops it (the next operator's token must not carry the previous one's queue
 *    further, and a signed-out desk has no token to send with anyway);
 *  - the idle lock does NOT stop it: what was already signed stays deliverable while the operator is away;
 *  - a 401 the sender cannot fix locks the desk, so the operator's password (in the unlock form) renews the token;
 *    the new token wakes the sender at once.
 *
 * The two HTTP clients stay separate on purpose — gateway-client/client.ts throws coded errors for interactive screens,
 * sync/gatewayClient.ts answers classified outcomes for retry/backoff — but they share one base URL (intake's client,
 * resolved at sign-in) and one token (the session store), so there is one gateway as far as the desk is concerned.
 */
import { liveQuery } from 'dexie'
import { useEffect, useState, useSyncExternalStore, type ComponentType } from 'react'
import { useTranslation } from 'react-i18next'
import { create } from 'zustand'
import type { i18n as I18n } from 'i18next'
import type { ArmDb } from '../../db/ArmDb'
import { createOutboxRuntime, type OutboxRuntime } from '../../sync/runtime'
import type { NotifyPort, SessionPort } from '../../sync/ports'
import { useSessionStore } from '../../state/session'
import { useUiStore } from '../../state/ui'
import { OutboxCounts, OutboxScreen } from '../outbox/OutboxScreen'
import { noticeNotifier, outboxNotices, OutboxNotifications } from '../outbox/notifications'
import { useIntakeSession } from '../session/sessionChrome'
import './workstation.css'

export type OperatorView = 'intake' | 'outbox'

interface SyncState {
  /** The desk's database (set at install, before sign-in, so the counts can show at once). */
  db: ArmDb | null
  /** The running delivery runtime, while signed in. */
  runtime: OutboxRuntime | null
  view: OperatorView
  setView(v: OperatorView): void
}

export const useSyncStore = create<SyncState>((set) => ({
  db: null,
  runtime: null,
  view: 'intake',
  setView: (view) => set({ view }),
}))

export type RuntimeFactory = typeof createOutboxRuntime

export interface SyncInstallOptions {
  db: ArmDb
  /** The gateway origin intake signed in against (intake's client knows it after sign-in); '' if not yet known. */
  baseUrl: () => string
  /** Fallback source of the same URL (window.arm.app.config). */
  gatewayUrl: () => Promise<string>
  create?: RuntimeFactory
  notify?: NotifyPort
}

export const workstationI18n = {
  kk: { offline: 'Шлюз жоқ', intakeTab: 'Өтініш қабылдау', outboxTab: 'Жіберу кезегі', tabs: 'Оператор бөлімдері', shortcut: 'Alt+O' },
  ru: { offline: 'Нет шлюза', intakeTab: 'Приём заявлений', outboxTab: 'Очередь отправки', tabs: 'Разделы оператора', shortcut: 'Alt+O' },
  en: { offline: 'No gateway', intakeTab: 'Intake', outboxTab: 'Outbox', tabs: 'Operator sections', shortcut: 'Alt+O' },
} as const

export function registerWorkstationI18n(i18n: I18n): void {
  for (const lang of ['kk', 'ru', 'en'] as const) i18n.addResourceBundle(lang, 'translation', { workstation: workstationI18n[lang] }, true, false)
}

/**
 * Starts/stops the delivery runtime with the session. Returns a function that unsubscribes and stops (tests, HMR).
 * Idempotent per db: a second install with the same db returns the first one's disposer.
 */
export function installSync(opts: SyncInstallOptions): () => Promise<void> {
  const make = opts.create ?? createOutboxRuntime
  const notify = opts.notify ?? noticeNotifier()
  let generation = 0
  let stopping: Promise<void> = Promise.resolve()
  let unwatchQueue: (() => void) | undefined
  useSyncStore.setState({ db: opts.db })

  const session: SessionPort = {
    token: () => useSessionStore.getState().session?.token || null,
    async reauthenticate() {
      // The gateway no longer accepts the token (expired, or an offline sign-in's empty one). The password lives
      // only in the operator's head: lock the desk so the unlock form renews the token; the item retries meanwhile.
      if (useSessionStore.getState().status === 'signedIn') useIntakeSession.getState().set({ locked: true })
      return null
    },
  }

  const start = async (): Promise<void> => {
    const gen = ++generation
    await stopping
    const baseUrl = opts.baseUrl() || (await opts.gatewayUrl())
    if (gen !== generation || useSessionStore.getState().status !== 'signedIn') return
    const runtime = make({ db: opts.db, baseUrl: baseUrl.replace(/\/$/, ''), session, notify })
    runtime.start()
    // Intake enqueues through its own OutboxService (no wake port): watch the pending count and wake the sender when
    // it grows, after the enqueue transaction committed, so a fresh request leaves at once instead of at the idle poll.
    let lastPending = -1
    const sub = liveQuery(() => opts.db.outbox.where('state').equals('pending').count()).subscribe({
      next: (n) => {
        if (n > lastPending && lastPending >= 0) runtime.sender.wake()
        lastPending = n
      },
      error: () => undefined,
    })
    unwatchQueue = () => sub.unsubscribe()
    useSyncStore.setState({ runtime })
  }

  const stop = async (): Promise<void> => {
    generation++
    const runtime = useSyncStore.getState().runtime
    unwatchQueue?.()
    unwatchQueue = undefined
    useSyncStore.setState({ runtime: null, view: 'intake' })
    // The next operator must not see the previous one's notices.
    outboxNotices.setState({ notices: [] })
    if (runtime) {
      stopping = runtime.stop().catch(() => undefined)
      await stopping
    }
  }

  const unsubSession = useSessionStore.subscribe((state, prev) => {
    if (state.status === 'signedIn' && prev.status !== 'signedIn') void start()
    else if (state.status !== 'signedIn' && prev.status === 'signedIn') void stop()
    // A renewed token (unlock after a 401): retry now rather than at the backoff.
    else if (state.status === 'signedIn' && state.session?.token !== prev.session?.token) useSyncStore.getState().runtime?.sender.wake()
  })
  if (useSessionStore.getState().status === 'signedIn') void start()

  return async () => {
    unsubSession()
    await stop()
  }
}

/** Opens the operator area on the queue (from the top-bar counts, a notification, or Alt+O). */
export function openOutbox(): void {
  useUiStore.getState().setArea('operator')
  useSyncStore.getState().setView('outbox')
}

const noSubscription = () => () => undefined

/** Top-bar part: counts per state (always visible) and, while the gateway cannot be reached, a mark saying so. */
export function OutboxTopBar() {
  const { t } = useTranslation()
  const db = useSyncStore((s) => s.db)
  const connectivity = useSyncStore((s) => s.runtime?.connectivity)
  const online = useSyncExternalStore(
    connectivity ? (cb) => connectivity.subscribe(cb) : noSubscription,
    () => connectivity?.online ?? true,
  )
  if (!db) return null
  return (
    <span className="workstation__queue">
      <OutboxCounts db={db} onOpen={openOutbox} />
      {!online && (
        <span className="workstation__offline" role="status" title={t('outbox.offline')} data-testid="gateway-offline">
          {t('workstation.offline')}
        </span>
      )}
    </span>
  )
}

export function OutboxNoticeArea() {
  return <OutboxNotifications onOpen={openOutbox} />
}

/**
 * The operator area with two sections: intake (kept mounted while hidden, so a half-typed form survives a look at
 * the queue) and the outbox. Alt+O toggles between them.
 */
export function OperatorWorkspace({ intake: Intake }: { intake: ComponentType }) {
  const { t } = useTranslation()
  const chosen = useSyncStore((s) => s.view)
  // The idle lock's overlay lives in the intake panel: a locked desk shows that panel whatever tab was open.
  const locked = useIntakeSession((s) => s.locked)
  const view: OperatorView = locked ? 'intake' : chosen
  const setView = useSyncStore((s) => s.setView)
  const runtime = useSyncStore((s) => s.runtime)
  const [outboxKey, setOutboxKey] = useState(0)

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyO') {
        e.preventDefault()
        setView(useSyncStore.getState().view === 'outbox' ? 'intake' : 'outbox')
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [setView])
  useEffect(() => {
    if (view === 'outbox') setOutboxKey((k) => k + 1)
  }, [view])

  return (
    <div className="workstation" data-testid="operator-workspace" data-view={view}>
      <div role="tablist" aria-label={t('workstation.tabs')} className="workstation__tabs outbox__filters">
        <button type="button" role="tab" className="outbox__filter" aria-selected={view === 'intake'} data-testid="tab-intake" onClick={() => setView('intake')}>
          {t('workstation.intakeTab')}
        </button>
        <button
          type="button"
          role="tab"
          className="outbox__filter"
          aria-selected={view === 'outbox'}
          aria-keyshortcuts="Alt+O"
          title={t('workstation.shortcut')}
          data-testid="tab-outbox"
          onClick={() => setView('outbox')}
        >
          {t('workstation.outboxTab')}
        </button>
      </div>
      <div hidden={view !== 'intake'} data-testid="panel-intake">
        <Intake />
      </div>
      {view === 'outbox' && (
        <div data-testid="panel-outbox">
          {runtime ? <OutboxScreen key={outboxKey} deps={runtime} initialFilter="in_progress" /> : <p className="outbox__empty">…</p>}
        </div>
      )}
    </div>
  )
}
