import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import { useLang } from '../../../i18n/lang'
import { useTexts } from '../../../i18n/texts'
import type { Lang } from '@shared/errors'
import type { ServiceDefinition } from '@shared/catalog/types'
import { intakeTexts } from '../texts'
import { walkInTexts } from '../walk-in-texts'

/**
 * The service picker: a search box driving a listbox, fully usable from the keyboard (type, ↑/↓, Home/End, Enter).
 * The input keeps focus; the active option is announced through aria-activedescendant.
 */
export function ServicePicker(props: {
  search: (query: string, lang: Lang) => readonly ServiceDefinition[]
  onPick: (s: ServiceDefinition) => void
  /** Services listed but not registrable at this desk (another department's), marked so before they are picked. */
  foreign?: (s: ServiceDefinition) => boolean
}) {
  const tx = useTexts(intakeTexts)
  const walkIn = useTexts(walkInTexts)
  const lang = useLang()
  const [query, setQuery] = useState('')
  const [active, setActive] = useState(0)
  const listId = useId()
  const inputRef = useRef<HTMLInputElement>(null)
  const results = useMemo(() => props.search(query, lang), [props, query, lang])
  const current = Math.min(active, Math.max(0, results.length - 1))

  function onKey(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, results.length - 1))
    else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0))
    else if (e.key === 'Home' && e.ctrlKey) setActive(0)
    else if (e.key === 'End' && e.ctrlKey) setActive(results.length - 1)
    else if (e.key === 'Enter' && results[current]) props.onPick(results[current])
    else return
    e.preventDefault()
  }

  return (
    <section className="intake-picker" aria-labelledby={`${listId}-title`}>
      <h2 id={`${listId}-title`}>{tx.picker.title}</h2>
      <input
        ref={inputRef}
        type="search"
        role="combobox"
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={results[current] ? `${listId}-${current}` : undefined}
        aria-label={tx.picker.search}
        placeholder={tx.picker.search}
        value={query}
        autoFocus
        onChange={(e) => {
          setQuery(e.target.value)
          setActive(0)
        }}
        onKeyDown={onKey}
        data-testid="service-search"
        className="input intake-picker__search"
      />
      <p className="intake-picker__meta" aria-live="polite">
        {results.length ? tx.picker.count({ count: results.length }) : tx.picker.empty} · {tx.picker.hint}
      </p>
      <ul id={listId} role="listbox" className="intake-picker__list" aria-label={tx.picker.title}>
        {results.map((s, i) => (
          <li
            key={s.id}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === current}
            className={i === current ? 'intake-picker__item intake-picker__item--active' : 'intake-picker__item'}
            onMouseEnter={() => setActive(i)}
            onClick={() => props.onPick(s)}
            data-service-id={s.id}
            data-foreign={props.foreign?.(s) ? 'true' : undefined}
          >
            <span className="intake-picker__name">{s.name[lang]}</span>
            <span className="intake-picker__provider">
              {tx.picker.provider}: {s.provider.name[lang]}
            </span>
            {props.foreign?.(s) && <span className="badge badge--warn intake-picker__foreign">{walkIn.otherDepartment}</span>}
          </li>
        ))}
      </ul>
    </section>
  )
}
