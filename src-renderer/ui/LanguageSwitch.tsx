import { useTexts } from '../i18n/texts'
import { uiTexts } from './texts'
import { LANGS } from '@shared/errors/types'
import { setLang, useLang } from '../i18n/lang'

const SHORT = { kk: 'shortKk', ru: 'shortRu', en: 'shortEn' } as const

/** Three buttons, always reachable by Tab; Alt+1/2/3 do the same from anywhere (App). */
export function LanguageSwitch() {
  const ui = useTexts(uiTexts)
  const lang = useLang()
  return (
    <div className="lang-switch" role="group" aria-label={ui.lang.label} title={ui.lang.hint}>
      {LANGS.map((l, i) => (
        <button
          key={l}
          type="button"
          lang={l}
          className="lang-switch__button"
          aria-pressed={lang === l}
          aria-label={`${ui.lang[l]} (Alt+${i + 1})`}
          onClick={() => setLang(l)}
          data-testid={`lang-${l}`}
        >
          {ui.lang[SHORT[l]]}
        </button>
      ))}
    </div>
  )
}

/** Alt+1/2/3 switch the language; returns true when the key was handled. */
export function handleLanguageShortcut(e: Pick<KeyboardEvent, 'altKey' | 'ctrlKey' | 'metaKey' | 'code' | 'key'>): boolean {
  if (!e.altKey || e.ctrlKey || e.metaKey) return false
  const digit = /^Digit([1-3])$/.exec(e.code)?.[1] ?? (/^[1-3]$/.test(e.key) ? e.key : undefined)
  if (!digit) return false
  setLang(LANGS[Number(digit) - 1])
  return true
}
