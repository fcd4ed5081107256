import { Component, type ErrorInfo, type ReactNode } from 'react'
import { useTexts } from '../i18n/texts'
import { uiTexts } from '../ui/texts'
import type { Lang } from '@shared/errors'
import { useErrorText } from '../i18n/errorTexts'
import { useLang } from '../i18n/lang'
import { LanguageSwitch } from '../ui/LanguageSwitch'

/** The code of anything thrown: an ArmError (or a bridge error carrying a code), else INTERNAL. */
export function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && /^[A-Z][A-Z0-9_]+$/.test(code) ? code : 'INTERNAL'
}

/** A coded error in the chosen language: what happened and what to do next (the texts in src-shared/errors say both). */
export function ErrorView({ code, onRetry }: { code: string; onRetry?: () => void }) {
  const ui = useTexts(uiTexts)
  const text = useErrorText(code)
  return (
    <div className="error-view" role="alert" data-testid="error-view" data-code={code}>
      <div className="error-view__head">
        <h1>{ui.error.title}</h1>
        <LanguageSwitch />
      </div>
      <p className="error-view__text">{text}</p>
      <p className="error-view__code">{ui.error.code({ code })}</p>
      <div className="error-view__actions">
        {onRetry && (
          <button type="button" className="button button--primary" onClick={onRetry}>
            {ui.error.retry}
          </button>
        )}
        <button type="button" className="button" onClick={() => window.location.reload()}>
          {ui.error.reload}
        </button>
      </div>
    </div>
  )
}

interface InnerProps {
  lang: Lang
  children: ReactNode
}

class ErrorBoundaryInner extends Component<InnerProps, { error: unknown; failed: boolean }> {
  state = { error: null as unknown, failed: false }

  static getDerivedStateFromError(error: unknown) {
    return { error, failed: true }
  }

  componentDidCatch(error: unknown, info: ErrorInfo) {
    // Only the code and the component stack: error messages may hold personal data.
    console.error(`[АРМ] ${codeOf(error)}`, info.componentStack)
  }

  render() {
    if (this.state.failed) return <ErrorView code={codeOf(this.state.error)} onRetry={() => this.setState({ error: null, failed: false })} />
    return this.props.children
  }
}

/** Catches render errors anywhere below and shows them as coded, translated errors (the language can still be switched). */
export function ErrorBoundary({ children }: { children: ReactNode }) {
  const lang = useLang()
  return <ErrorBoundaryInner lang={lang}>{children}</ErrorBoundaryInner>
}
