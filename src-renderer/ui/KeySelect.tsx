import { useId } from 'react'
import type { KeyOption } from '../bridge/crypto'
import { useTexts } from '../i18n/texts'
import { uiTexts } from './texts'

/**
 * The key to sign with, the same on every desk: each key with its holder and purposes as main's certificate facts
 * say; while nothing is chosen (no key's certificate fits, see chooseKey) an empty choice, never a silent first key.
 * `keys` null: main is still listing them (the person's own key is preselected once it has) — said so, not «choose».
 * A native select cuts a long option to its width: the chosen key's whole text is its tooltip, and `showChosen` (for
 * narrow panels) spells out the holder and the token's label under it, wrapped, as the select's description.
 */
export function KeySelect(props: { keys: readonly KeyOption[] | null; value: string; onChange: (keyRef: string) => void; className?: string; testId: string; showChosen?: boolean }) {
  const tx = useTexts(uiTexts).key
  const describedBy = useId()
  const textOf = (k: KeyOption) => [k.label, k.holder, k.purposes?.map((p) => tx[p]).join(', ')].filter(Boolean).join(' — ')
  const chosen = props.keys?.find((k) => k.keyRef === props.value)
  return (
    <>
      <select
        className={props.className}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        data-testid={props.testId}
        aria-label={tx.label}
        title={chosen ? textOf(chosen) : tx.choose}
        aria-describedby={props.showChosen && chosen ? describedBy : undefined}
        aria-busy={!props.keys || undefined}
        disabled={!props.keys}
      >
        {!props.value && <option value="">{props.keys ? tx.choose : tx.reading}</option>}
        {(props.keys ?? []).map((k) => (
          <option key={k.keyRef} value={k.keyRef}>
            {textOf(k)}
          </option>
        ))}
      </select>
      {props.showChosen && chosen && (
        <small className="key-select__chosen" id={describedBy} data-testid={`${props.testId}-chosen`}>
          {chosen.holder && <strong>{chosen.holder}</strong>}
          <span>{chosen.label}</span>
          {chosen.purposes && <span>{chosen.purposes.map((p) => tx[p]).join(', ')}</span>}
        </small>
      )}
    </>
  )
}
