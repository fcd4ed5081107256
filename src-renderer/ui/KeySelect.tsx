import type { KeyOption } from '../bridge/crypto'
import { useTexts } from '../i18n/texts'
import { uiTexts } from './texts'

/**
 * The key to sign with, the same on every desk: each key with its holder and purposes as main's certificate facts
 * say; while nothing is chosen (no key's certificate fits, see chooseKey) an empty choice, never a silent first key.
 * `keys` null: main is still listing them (the person's own key is preselected once it has) — said so, not «choose».
 */
export function KeySelect(props: { keys: readonly KeyOption[] | null; value: string; onChange: (keyRef: string) => void; className?: string; testId: string }) {
  const tx = useTexts(uiTexts).key
  return (
    <select className={props.className} value={props.value} onChange={(e) => props.onChange(e.target.value)} data-testid={props.testId} aria-label={tx.label} aria-busy={!props.keys || undefined} disabled={!props.keys}>
      {!props.value && <option value="">{props.keys ? tx.choose : tx.reading}</option>}
      {(props.keys ?? []).map((k) => (
        <option key={k.keyRef} value={k.keyRef}>
          {[k.label, k.holder, k.purposes?.map((p) => tx[p]).join(', ')].filter(Boolean).join(' — ')}
        </option>
      ))}
    </select>
  )
}
