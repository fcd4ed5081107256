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
  maxLength?: number
}

/** What a form adds to the control element: its look, its label's wiring, the name tests and autofill find it by. */
export interface ControlAttrs {
  className?: string
  onBlur?: () => void
  'aria-describedby'?: string
  'aria-required'?: boolean
  'data-field'?: string
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
  attrs?: ControlAttrs
} & Pick<InputHTMLAttributes<HTMLInputElement>, 'readOnly' | 'disabled'>

const numberText = (v: unknown) => (typeof v === 'number' ? String(v) : typeof v === 'string' ? v : '')

/**
 * One control per field kind, for the decision form's state and intake's react-hook-form alike (intake binds each
 * through a controller). Dates are dd.mm.yyyy text (DateInput), numbers stay as typed until the catalogue's rule
 * checks them («1 000,50» too), selects show the catalogue's words, lists are rows of their columns' controls.
 */
export function ValueControl({ field: f, value, onChange, lang, id, testId, invalid, listWords, readOnly, disabled, attrs }: Props) {
  const common = { id, 'data-testid': testId, 'aria-invalid': invalid || undefined, readOnly, disabled, ...attrs }
  switch (f.kind) {
    case 'select':
      return (
        // A select has no read-only state of its own: a read-only one cannot be changed at all.
        <select {...common} disabled={disabled || readOnly} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value)}>
          <option value="">—</option>
          {(f.options ?? []).map((o) => (
            <option key={o.value} value={o.value}>
              {o.label[lang]}
            </option>
          ))}
        </select>
      )
    case 'checkbox':
      return <input type="checkbox" {...common} className={undefined} checked={value === true} onChange={(e) => onChange(e.target.checked)} />
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
          type={f.kind === 'email' ? 'email' : f.kind === 'phone' ? 'tel' : 'text'}
          autoComplete="off"
          {...common}
          inputMode={f.kind === 'iin' || f.kind === 'bin' ? 'numeric' : undefined}
          maxLength={f.kind === 'iin' || f.kind === 'bin' ? 12 : f.maxLength}
          value={typeof value === 'string' || typeof value === 'number' ? String(value) : value && typeof value === 'object' && lang in value ? String((value as Record<Lang, unknown>)[lang]) : ''}
          onChange={(e) => onChange(e.target.value)}
        />
      )
  }
}
