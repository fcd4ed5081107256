/**
 * The specialist's desk at АРМ РШЭП: the department's inbox and the walk-in intake (a consumer who comes to the
 * department in person, CATALOG §2.5.2) as two tabs; Alt+W toggles. The intake is kept mounted while hidden, so a
 * half-typed walk-in survives a look at the inbox.
 */
import { useEffect, type ComponentType } from 'react'
import { create } from 'zustand'
import { defineTexts, useTexts } from '../i18n/texts'
import { useSession } from '../session/store'

export type SpecialistView = 'inbox' | 'walk-in'

const useSpecialistView = create<{ view: SpecialistView }>(() => ({ view: 'inbox' }))
const setView = (view: SpecialistView) => useSpecialistView.setState({ view })

const specialistTexts = defineTexts({
  kk: { tabs: 'Маман бөлімдері', inboxTab: 'Кіріс өтініштер', walkInTab: 'Жеке келген тұтынушыны қабылдау', shortcut: 'Alt+W' },
  ru: { tabs: 'Разделы специалиста', inboxTab: 'Входящие заявления', walkInTab: 'Приём при личном обращении', shortcut: 'Alt+W' },
  en: { tabs: 'Specialist sections', inboxTab: 'Incoming requests', walkInTab: 'Walk-in intake', shortcut: 'Alt+W' },
})

export function SpecialistDesk({ inbox: Inbox, walkIn: WalkIn }: { inbox: ComponentType; walkIn: ComponentType }) {
  const text = useTexts(specialistTexts)
  const chosen = useSpecialistView((s) => s.view)
  const locked = useSession((s) => s.locked)
  const view: SpecialistView = locked ? 'inbox' : chosen

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyW') {
        e.preventDefault()
        setView(useSpecialistView.getState().view === 'walk-in' ? 'inbox' : 'walk-in')
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  return (
    <div className="workstation" data-testid="specialist-workspace" data-view={view}>
      <div role="tablist" aria-label={text.tabs} className="workstation__tabs outbox__filters">
        <button type="button" role="tab" className="outbox__filter" aria-selected={view === 'inbox'} data-testid="tab-inbox" onClick={() => setView('inbox')}>
          {text.inboxTab}
        </button>
        <button
          type="button"
          role="tab"
          className="outbox__filter"
          aria-selected={view === 'walk-in'}
          aria-keyshortcuts="Alt+W"
          title={text.shortcut}
          data-testid="tab-walk-in"
          onClick={() => setView('walk-in')}
        >
          {text.walkInTab}
        </button>
      </div>
      {view === 'inbox' && (
        <div data-testid="panel-inbox">
          <Inbox />
        </div>
      )}
      <div hidden={view !== 'walk-in'} data-testid="panel-walk-in">
        <WalkIn />
      </div>
    </div>
  )
}
