import { useTexts } from '../i18n/texts'
import { uiTexts } from './texts'

/** The product's mark and name at the left of every top bar (sign-in page and the frame). */
export function Brand() {
  const ui = useTexts(uiTexts)
  return (
    <div className="brand">
      <span className="brand__mark" aria-hidden="true">
        {ui.app.name}
      </span>
      <span className="brand__title">{ui.app.title}</span>
    </div>
  )
}
