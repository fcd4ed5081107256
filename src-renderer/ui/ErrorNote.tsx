import { useTexts } from '../i18n/texts'
import { uiTexts } from './texts'
import { errorText, type ArmErrorPayload } from '@shared/errors'
import { useLang } from '../i18n/lang'

/**
 * A coded error in the UI language: what happened and what to do next (the text of the shared error table); the code
 * follows, small, as the reference support asks for — never in front of the words.
 */
export function ErrorNote(props: { error: ArmErrorPayload; onRetry?: () => void; testId?: string }) {
  const ui = useTexts(uiTexts)
  const lang = useLang()
  return (
    <div className="inbox-error" role="alert" data-testid={props.testId ?? 'inbox-error'} data-code={props.error.code}>
      <span>{errorText(props.error.code, lang)}</span> <small className="error-code">[{props.error.code}]</small>
      {props.onRetry && (
        <button type="button" className="button button--ghost" onClick={props.onRetry}>
          {ui.error.retry}
        </button>
      )}
    </div>
  )
}
