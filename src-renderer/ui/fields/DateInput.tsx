import { useEffect, useState, type InputHTMLAttributes } from 'react'
import { dateInputText, parseDateInput } from '@shared/format'
import { useTexts } from '../../i18n/texts'
import { uiTexts } from '../texts'

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type'> & {
  /** The stored value: an ISO date once a real date was typed, otherwise the text as typed (validation says why). */
  value: unknown
  onChange: (value: string) => void
}

/**
 * The date field of every catalogue form: a text box taking dd.mm.yyyy in every language. Not <input type=date>:
 * Chromium has no kk locale data, so it showed mm/dd/yyyy in the Kazakh UI and turned 15.03.2015 into 2015-12-03.
 * What was typed stays on screen exactly as typed.
 */
export function DateInput({ value, onChange, ...rest }: Props) {
  const placeholder = useTexts(uiTexts).field.datePlaceholder
  const [text, setText] = useState(() => dateInputText(value))
  useEffect(() => {
    // A value set from outside (autofill, a reopened draft) replaces the text; our own echo does not.
    if (value !== (parseDateInput(text) ?? text)) setText(dateInputText(value))
  }, [value])
  return (
    <input
      {...rest}
      type="text"
      inputMode="numeric"
      placeholder={placeholder}
      maxLength={10}
      autoComplete="off"
      value={text}
      onChange={(e) => {
        setText(e.target.value)
        onChange(parseDateInput(e.target.value) ?? e.target.value)
      }}
    />
  )
}
