import { REQUEST_STATUS_LABELS, statusLabel, type RequestStatusCode } from '@shared/catalog/statuses'
import { currentLang } from '../../i18n/lang'
import { textsNow, useTexts } from '../../i18n/texts'
import { outboxTexts } from './texts'
import { createStore, useStore } from 'zustand'
import type { NotifyPort } from '../../sync/ports'

export interface OutboxNotice {
  id: number
  kind: 'result' | 'refusal' | 'status'
  requestId: string
  registrationNumber: string
  status: string
}

interface NoticeState {
  notices: OutboxNotice[]
  push(n: Omit<OutboxNotice, 'id'>): void
  dismiss(id: number): void
}

let seq = 0
/** Notices for the operator (a result or a refusal arrived). Kept until dismissed: an operator away from the desk must still see them. */
export const outboxNotices = createStore<NoticeState>((set) => ({
  notices: [],
  push: (n) => set((s) => ({ notices: [...s.notices.filter((x) => x.requestId !== n.requestId || x.kind !== n.kind), { ...n, id: ++seq }].slice(-20) })),
  dismiss: (id) => set((s) => ({ notices: s.notices.filter((x) => x.id !== id) })),
}))

/** The NotifyPort for StatusTracker: into the notice list, and to the OS notification area when the window is hidden. */
export function noticeNotifier(opts: { osNotification?: (title: string) => void } = {}): NotifyPort {
  return {
    notify(n) {
      outboxNotices.getState().push(n)
      const tx = textsNow(outboxTexts)
      // Words, never the raw status code: the OS notification is read by the person like the notice itself.
      opts.osNotification?.(n.kind === 'refusal' ? tx.notifyRefusal({ number: n.registrationNumber }) : n.kind === 'result' ? tx.notifyResult({ number: n.registrationNumber }) : `${n.registrationNumber}: ${n.status in REQUEST_STATUS_LABELS ? statusLabel(n.status as RequestStatusCode, currentLang()) : n.status}`)
    },
    clear: () => outboxNotices.setState({ notices: [] }),
  }
}

export function OutboxNotifications({ onOpen }: { onOpen?: (requestId: string) => void }) {
  const tx = useTexts(outboxTexts)
  const notices = useStore(outboxNotices, (s) => s.notices)
  const dismiss = useStore(outboxNotices, (s) => s.dismiss)
  if (!notices.length) return null
  return (
    <div className="outbox-notices" role="status" aria-live="polite" data-testid="outbox-notices">
      {notices.map((n) => (
        <div key={n.id} className={`outbox-notice outbox-notice--${n.kind}`} data-testid="outbox-notice" data-kind={n.kind}>
          <button type="button" className="outbox-notice__text" onClick={() => onOpen?.(n.requestId)}>
            {n.kind === 'refusal' ? tx.notifyRefusal({ number: n.registrationNumber }) : tx.notifyResult({ number: n.registrationNumber })}
          </button>
          <button type="button" className="outbox-notice__close" aria-label="×" onClick={() => dismiss(n.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  )
}
