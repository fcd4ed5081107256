/**
 * The verification report as DSS / DigiDoc4 show it: the verdict a person reads first, the plain summary, per signature
 * the indication and sub-indication, signer, certificate, chain, revocation evidence and its time, signature format
 * (CAdES-BES / CAdES-T), timestamp and best signature time, the warnings — and the same report as a PDF. One
 * component for the Verify screen, the inbox's request view and the counter's result view.
 */
import { useState } from 'react'
import { renderVerificationPdf } from '@shared/print'
import type { DocumentVerification } from '@shared/verify'
import { reportModel } from '@shared/verify/summary'
import { useLang } from '../../i18n/lang'
import { useTexts } from '../../i18n/texts'
import { useVerifyDeps } from './deps'
import { verifyTexts } from './texts'
import './verify.css'

export function ReportView(props: { result: DocumentVerification; testId?: string }) {
  const { result } = props
  const deps = useVerifyDeps()
  const lang = useLang()
  const tx = useTexts(verifyTexts)
  const [pdfUrl, setPdfUrl] = useState<{ url: string; of: DocumentVerification } | null>(null)
  const model = reportModel(result, lang, result.document ? deps.serviceName(result.document.serviceId, lang) : undefined)
  const fileName = `verification-${result.registrationNumber || 'document'}.pdf`

  const exportPdf = async () => {
    const pdf = await renderVerificationPdf(model, await deps.fonts())
    setPdfUrl({ url: deps.present(pdf, fileName), of: result })
  }

  return (
    <section className="verify__report" aria-label={tx.report} data-testid={props.testId ?? 'verify-report'}>
      <div className={`verify__verdict verify__verdict--${model.verdict}`} data-testid="verify-verdict" data-verdict={model.verdict} data-indication={result.indication} role="status">
        {model.headline}
      </div>
      {model.summary.map((s) => (
        <p key={s} className="verify__summary">
          {s}
        </p>
      ))}
      {model.sections.map((section) => (
        <div key={section.title} className={`verify__section verify__section--${section.tone}`}>
          <h3>{section.title}</h3>
          <dl>
            {section.rows.map(([k, v], i) => (
              <div key={`${k}-${i}`} className="verify__row">
                <dt>{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
        </div>
      ))}
      {model.warnings.length > 0 && (
        <div className="verify__warnings" data-testid="verify-warnings">
          <h3>{tx.warnings}</h3>
          <ul>
            {model.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="verify__actions">
        <button type="button" className="button" onClick={() => void exportPdf()} data-testid="verify-export">
          {tx.exportPdf}
        </button>
        {pdfUrl?.of === result && (
          <a href={pdfUrl.url} target="_blank" rel="noreferrer" download={fileName} data-testid="verify-pdf">
            {tx.openPdf}
          </a>
        )}
      </div>
    </section>
  )
}
