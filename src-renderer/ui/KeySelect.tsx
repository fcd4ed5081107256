import type { KeyOption } from '../bridge/crypto'
import { useTexts } from '../i18n/texts'
import { uiTexts } from './texts'

/**
 * The key to sign with, the same on every desk: each key with its holder and purposes as main's certificate facts
 * say; while nothing is chosen (no key's certificate fits, see chooseKey) an empty choice, never a silent first key.
 */
export function KeySelect(props: { keys: readonly KeyOption[]; value: string; onChange: (keyRef: string) => void; className?: string; testId: string }) {
  const tx = useTexts(uiTexts).key
  return (
    <select className={props.className} value={props.value} onChange={(e) => props.onChange(e.target.value)} data-testid={props.testId} aria-label={tx.label}>
      {!props.value && <option value="">{tx.choose}</option>}
      {props.keys.map((k) => (
        <option key={k.keyRef} value={k.keyRef}>
          {[k.label, k.holder, k.purposes?.map((p) => tx[p]).join(', ')].filter(Boolean).join(' — ')}
        </option>
      ))}
    </select>
  )
}
