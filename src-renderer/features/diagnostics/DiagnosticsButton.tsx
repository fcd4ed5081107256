import { useState } from 'react'
import type { DiagnosticsReport } from '@shared/bridge/channels/app'
import { base64ToBytes } from '@shared/bytes'
import { useLang } from '../../i18n/lang'
import { useTexts } from '../../i18n/texts'
import { diagnosticsTexts } from './texts'

export interface DiagnosticsPort {
  run(lang: 'kk' | 'ru' | 'en'): Promise<{ report: DiagnosticsReport; pdf: string }>
  present(bytes: Uint8Array, name: string, type: string): string
}

/** One button on the desk (also before sign-in): main checks everything and gives a report for support. */
export function DiagnosticsButton({ port }: { port: DiagnosticsPort }) {
  const t = useTexts(diagnosticsTexts)
  const lang = useLang()
  const [state, setState] = useState<'idle' | 'running' | { report: DiagnosticsReport; json: string; pdf: string }>('idle')
  const run = async () => {
    setState('running')
    const { report, pdf } = await port.run(lang)
    setState({
      report,
      json: port.present(new TextEncoder().encode(JSON.stringify(report, null, 2)), 'arm-diagnostics.json', 'application/json'),
      pdf: port.present(base64ToBytes(pdf), 'arm-diagnostics.pdf', 'application/pdf'),
    })
  }
  const failed = typeof state === 'object' ? state.report.checks.filter((c) => c.status === 'failed') : []
  return (
    <div className="diagnostics">
      <button type="button" className="button button--ghost" data-testid="diagnostics-run" disabled={state === 'running'} onClick={() => void run().catch(() => setState('idle'))}>
        {state === 'running' ? t.running : t.run}
      </button>
      {typeof state === 'object' && (
        <section className="diagnostics__panel" role="dialog" aria-label={t.title} data-testid="diagnostics-report" data-failed={failed.map((c) => c.id).join(',')}>
          <h2>{t.title}</h2>
          <p className={failed.length ? 'field-error' : 'decision__sent'} data-testid="diagnostics-summary">
            {failed.length ? t.failedSummary(failed.map((c) => t.checks[c.id]).join(', ')) : t.allOk}
          </p>
          <ul>
            {state.report.checks.map((c) => (
              <li key={c.id} data-check={c.id} data-status={c.status}>
                <strong>{t.checks[c.id]}</strong>: {t.status[c.status]}
                {c.code ? ` [${c.code}]` : ''}
              </li>
            ))}
          </ul>
          <p>
            <a href={state.json} download="arm-diagnostics.json" data-testid="diagnostics-json">{t.json}</a>{' '}
            <a href={state.pdf} download="arm-diagnostics.pdf" data-testid="diagnostics-pdf">{t.pdf}</a>
          </p>
          <p className="supervisor__note">{t.hint}</p>
          <button type="button" className="button" onClick={() => setState('idle')}>{t.close}</button>
        </section>
      )}
    </div>
  )
}
