import { useEffect, useState } from 'react'
import { useTexts } from '../i18n/texts'
import { uiTexts } from './texts'
import type { ResponseOf } from '@shared/bridge/contract'
import { whenBridge } from '../bridge/ready'
import { useErrorText } from '../i18n/errorTexts'

type Health = ResponseOf<'app.health'>
type State = { kind: 'checking' } | { kind: 'ok'; health: Health } | { kind: 'failed'; code: string }

/** The footer line: app version and whether the bridge answers, read through window.arm.app.health() once the bridge is there. */
export function StatusLine() {
  const ui = useTexts(uiTexts)
  const [state, setState] = useState<State>({ kind: 'checking' })

  useEffect(() => {
    let live = true
    whenBridge()
      .then((arm) => arm.app.health({}))
      .then((health) => live && setState({ kind: 'ok', health }))
      .catch((err: unknown) => {
        const code = (err as { code?: unknown })?.code
        if (live) setState({ kind: 'failed', code: typeof code === 'string' ? code : 'INTERNAL' })
      })
    return () => {
      live = false
    }
  }, [])
  const failure = useErrorText(state.kind === 'failed' ? state.code : null)

  return (
    <footer className="status-line" role="status" aria-label={ui.status.label} data-testid="status-line" data-state={state.kind}>
      <span className="status-line__app">{ui.app.name}</span>
      {state.kind === 'ok' && <span data-testid="status-version">{ui.status.version({ version: state.health.version })}</span>}
      <span className={`status-line__bridge status-line__bridge--${state.kind}`}>
        <span className="status-dot" aria-hidden="true" />
        {state.kind === 'checking' && ui.status.checking}
        {state.kind === 'ok' &&
          `${ui.status.ok} (${state.health.runtime === 'electron' ? ui.status.runtimeElectron : ui.status.runtimeBrowser})`}
        {state.kind === 'failed' && `${ui.status.failed}: ${failure ? `${failure} ` : ''}[${state.code}]`}
      </span>
      <span className="status-line__hint">{ui.lang.hint}</span>
    </footer>
  )
}
