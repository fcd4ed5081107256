/**
 * The operator's desk: intake and the send queue as two tabs (Alt+O toggles), the queue counts and the gateway's
 * offline mark in the top bar, and the result/refusal notices.
 */
import { useEffect, useState, useSyncExternalStore, type ComponentType } from 'react'
import { useTexts } from '../i18n/texts'
import { create } from 'zustand'
import { OutboxCounts, OutboxScreen } from '../features/outbox/OutboxScreen'
import { OutboxNotifications } from '../features/outbox/notifications'
import { outboxTexts } from '../features/outbox/texts'
import { setArea, useSession } from '../session/store'
import { useWorkstation } from './context'
import { operatorTexts } from './texts'
import './operator.css'

export type OperatorView = 'intake' | 'outbox' | 'results' | 'payments'

export const useOperatorView = create<{ view: OperatorView }>(() => ({ view: 'intake' }))
const setView = (view: OperatorView) => useOperatorView.setState({ view })

/** Opens the operator area on the queue (from the top-bar counts, a notification, or Alt+O). */
export function openOutbox(): void {
  setArea('operator')
  setView('outbox')
}

const noSubscription = () => () => undefined

/** Top-bar part: counts per state and, while the gateway cannot be reached, a mark saying so (every role). */
export function OutboxTopBar() {
  const tx = useTexts(operatorTexts)
  const ox = useTexts(outboxTexts)
  const ws = useWorkstation()
  const connectivity = ws.delivery.useRuntime((r) => r?.connectivity)
  const online = useSyncExternalStore(connectivity ? (cb) => connectivity.subscribe(cb) : noSubscription, () => connectivity?.online ?? true)
  return (
    <span className="workstation__queue">
      <OutboxCounts service={ws.outbox} onOpen={openOutbox} />
      {!online && (
        <span className="workstation__offline" role="status" title={ox.offline} data-testid="gateway-offline">
          {tx.offline}
        </span>
      )}
    </span>
  )
}

export function OutboxNoticeArea() {
  return <OutboxNotifications onOpen={openOutbox} />
}

/** Intake (kept mounted while hidden, so a half-typed form survives a look at the queue) and the outbox. */
/**
 * `results`: the ЦОН counter (results, refusals, receipts, hand-over); `payments`: the ЗАГС state duty — each with its
 * tab label in the desk's language.
 */
export function OperatorDesk({ intake: Intake, results, payments }: { intake: ComponentType; results?: { Screen: ComponentType; label: string }; payments?: { Screen: ComponentType; label: string } }) {
  const tx = useTexts(operatorTexts)
  const ws = useWorkstation()
  const chosen = useOperatorView((s) => s.view)
  // A locked desk shows the intake panel under the lock whatever tab was open.
  const locked = useSession((s) => s.locked)
  const view: OperatorView = locked ? 'intake' : chosen
  const runtime = ws.delivery.useRuntime((r) => r)
  const [outboxKey, setOutboxKey] = useState(0)

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyO') {
        e.preventDefault()
        setView(useOperatorView.getState().view === 'outbox' ? 'intake' : 'outbox')
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
  useEffect(() => {
    if (view === 'outbox') setOutboxKey((k) => k + 1)
  }, [view])

  return (
    <div className="workstation" data-testid="operator-workspace" data-view={view}>
      <div role="tablist" aria-label={tx.tabs} className="workstation__tabs outbox__filters">
        <button type="button" role="tab" className="outbox__filter" aria-selected={view === 'intake'} data-testid="tab-intake" onClick={() => setView('intake')}>
          {tx.intakeTab}
        </button>
        <button
          type="button"
          role="tab"
          className="outbox__filter"
          aria-selected={view === 'outbox'}
          aria-keyshortcuts="Alt+O"
          title={tx.shortcut}
          data-testid="tab-outbox"
          onClick={() => setView('outbox')}
        >
          {tx.outboxTab}
        </button>
        {results && (
          <button type="button" role="tab" className="outbox__filter" aria-selected={view === 'results'} data-testid="tab-results" onClick={() => setView('results')}>
            {results.label}
          </button>
        )}
        {payments && (
          <button type="button" role="tab" className="outbox__filter" aria-selected={view === 'payments'} data-testid="tab-payments" onClick={() => setView('payments')}>
            {payments.label}
          </button>
        )}
      </div>
      <div hidden={view !== 'intake'} data-testid="panel-intake">
        <Intake />
      </div>
      {view === 'payments' && payments && (
        <div data-testid="panel-payments">
          <payments.Screen />
        </div>
      )}
      {view === 'outbox' && (
        <div data-testid="panel-outbox">
          {runtime ? <OutboxScreen key={outboxKey} deps={{ db: ws.db, service: ws.outbox, tracker: runtime.tracker }} initialFilter="in_progress" /> : <p className="outbox__empty">…</p>}
        </div>
      )}
      {view === 'results' && results && (
        <div data-testid="panel-results">
          <results.Screen />
        </div>
      )}
    </div>
  )
}
