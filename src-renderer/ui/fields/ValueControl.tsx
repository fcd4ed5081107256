import type { InputHTMLAttributes } from 'react'
import type { FieldKind, Localized, SelectOption } from '@shared/catalog'
import type { Lang } from '@shared/errors'
import { DateInput } from './DateInput'

/** What a control needs to know of a field: the catalogue's kind, its words, its options and (lists) its columns. */
export interface ControlField {
  id: string
  kind: FieldKind
  label: Localized
  options?: SelectOption[]
  item?: ControlField[]
}

type Props = {
  field: ControlField
  value: unknown
  onChange: (value: unknown) => void
  lang: Lang
  id?: string
  testId?: string
  invalid?: boolean
  /** Words of the list controls (add / remove a row), in the desk's language. */
  listWords?: { add: string; remove: string; empty: string }
} & Pick<InputHTMLAttributes<HTMLInputElement>, 'readOnly' | 'disabled'>

const numberText = (v: unknown) => (typeof v === 'number' ? String(v) : typeof v === 'string' ? v : '')

/**
 * One control per field kind for values held in a component's state (the decision form; intake binds the same kinds
 * through react-hook-form). Dates are dd.mm.yyyy text (DateInput), numbers stay as typed until checked, selects show
 * the catalogue's words, lists are rows of their columns' controls.
 */
export function ValueControl({ field: f, value, onChange, lang, id, testId, invalid, listWords, readOnly, disabled }: Props) {
  const common = { id, 'data-testid': testId, 'aria-invalid': invalid || undefined, readOnly, disabled }
  switch (f.kind) {
    case 'select':
      return (
        <select {...common} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value)}>
          <option value="">—</option>
          {(f.options ?? []).map((o) => (
            <option key={o.value} value={o.value}>
              {o.label[lang]}
            </option>
          ))}
        </select>
      )
    case 'checkbox':
      return <input type="checkbox" {...common} checked={value === true} onChange={(e) => onChange(e.target.checked)} />
    case 'textarea':
    case 'address':
      return <textarea {...common} rows={f.kind === 'textarea' ? 4 : 2} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value)} />
    case 'date':
      return <DateInput {...common} value={value} onChange={onChange} />
    case 'number':
    case 'money':
    case 'year':
      return <input type="text" inputMode="decimal" {...common} value={numberText(value)} onChange={(e) => onChange(e.target.value)} />
    case 'list': {
      const rows = Array.isArray(value) ? (value as Record<string, unknown>[]) : []
      const cols = f.item ?? []
      const set = (i: number, col: string, v: unknown) => onChange(rows.map((r, k) => (k === i ? { ...r, [col]: v } : r)))
      return (
        <div className="value-list" data-testid={testId}>
          {rows.length === 0 && <p className="value-list__empty">{listWords?.empty ?? '—'}</p>}
          {rows.map((row, i) => (
            <fieldset key={i} className="value-list__row" data-row={i}>
              {cols.map((c) => (
                <label key={c.id}>
                  <span>{c.label[lang]}</span>
                  <ValueControl field={c} value={row[c.id]} lang={lang} testId={testId ? `${testId}-${i}-${c.id}` : undefined} onChange={(v) => set(i, c.id, v)} readOnly={readOnly} disabled={disabled} />
                </label>
              ))}
              {!readOnly && (
                <button type="button" className="button button--ghost" onClick={() => onChange(rows.filter((_, k) => k !== i))}>
                  {listWords?.remove ?? '×'}
                </button>
              )}
            </fieldset>
          ))}
          {!readOnly && (
            <button type="button" className="button button--ghost" data-testid={testId ? `${testId}-add` : undefined} onClick={() => onChange([...rows, Object.fromEntries(cols.map((c) => [c.id, '']))])}>
              {listWords?.add ?? '+'}
            </button>
          )}
        </div>
      )
    }
    default:
      return (
        <input
          type="text"
          {...common}
          inputMode={f.kind === 'iin' || f.kind === 'bin' ? 'numeric' : undefined}
          maxLength={f.kind === 'iin' || f.kind === 'bin' ? 12 : undefined}
          value={typeof value === 'string' || typeof value === 'number' ? String(value) : value && typeof value === 'object' && lang in value ? String((value as Record<Lang, unknown>)[lang]) : ''}
          onChange={(e) => onChange(e.target.value)}
        />
      )
  }
}
