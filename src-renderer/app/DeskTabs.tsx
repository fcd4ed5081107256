import { useEffect, useState, type ComponentType } from 'react'
import type { StoreApi, UseBoundStore } from 'zustand'
import { useSession } from '../session/store'

/** One section of a desk: its tab and its screen. */
export interface DeskSection<V extends string> {
  view: V
  label: string
  Screen: ComponentType
  /** Stays mounted while hidden, so a half-typed form survives a look at another section. */
  keep?: boolean
  /** Mounted anew each time it is opened (a list that must show what changed meanwhile). */
  fresh?: boolean
  /** Alt+<key> (KeyboardEvent.code, e.g. 'KeyO') toggles between this section and the first. */
  shortcut?: { code: string; label: string }
}

export type DeskView<V extends string> = UseBoundStore<StoreApi<{ view: V }>>

/**
 * A desk's sections as tabs, the same on every desk: one section at a time, Alt+<letter> toggles a section with the
 * first, and a locked desk shows the first section under the lock whatever tab was open.
 */
export function DeskTabs<V extends string>({ name, label, sections, store }: { name: string; label: string; sections: readonly DeskSection<V>[]; store: DeskView<V> }) {
  const chosen = store((s) => s.view)
  const locked = useSession((s) => s.locked)
  const first = sections[0].view
  const view = locked ? first : chosen
  const [opened, setOpened] = useState(0)

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const s = e.altKey && !e.ctrlKey && !e.metaKey ? sections.find((x) => x.shortcut?.code === e.code) : undefined
      if (!s) return
      e.preventDefault()
      store.setState({ view: store.getState().view === s.view ? first : s.view })
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [sections, store, first])
  useEffect(() => setOpened((n) => n + 1), [view])

  return (
    <div className="workstation" data-testid={`${name}-workspace`} data-view={view}>
      <div role="tablist" aria-label={label} className="workstation__tabs outbox__filters">
        {sections.map((s) => (
          <button
            key={s.view}
            type="button"
            role="tab"
            className="outbox__filter"
            aria-selected={view === s.view}
            aria-keyshortcuts={s.shortcut?.label}
            title={s.shortcut?.label}
            data-testid={`tab-${s.view}`}
            onClick={() => store.setState({ view: s.view })}
          >
            {s.label}
          </button>
        ))}
      </div>
      {sections.map(({ view: v, Screen, keep, fresh }) =>
        keep ? (
          <div key={v} hidden={view !== v} data-testid={`panel-${v}`}>
            <Screen />
          </div>
        ) : (
          view === v && (
            <div key={fresh ? `${v}-${opened}` : v} data-testid={`panel-${v}`}>
              <Screen />
            </div>
          )
        ),
      )}
    </div>
  )
}
