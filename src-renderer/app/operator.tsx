/**
 * The operator's desk parts the frame shows: the queue counts and the gateway's offline mark in the top bar, the
 * result/refusal notices, and the queue as a section of the desk (app/areas.tsx lays the sections out).
 */
import { useSyncExternalStore } from 'react'
import { useTexts } from '../i18n/texts'
import { create } from 'zustand'
import { OutboxCounts, OutboxScreen } from '../features/outbox/OutboxScreen'
import { OutboxNotifications } from '../features/outbox/notifications'
import { outboxTexts } from '../features/outbox/texts'
import { setArea } from '../session/store'
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

/** The send queue as the operator desk's section; it opens on what is still in progress. */
export function OutboxSection() {
  const ws = useWorkstation()
  const runtime = ws.delivery.useRuntime((r) => r)
  return runtime ? <OutboxScreen deps={{ db: ws.db, service: ws.outbox, tracker: runtime.tracker }} initialFilter="in_progress" /> : <p className="outbox__empty">…</p>
}
