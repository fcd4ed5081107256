/**
 * The full verification report of a signed document the desk holds — the operator's request in the inbox, a result at
 * the counter — instead of one line: checked in main (trust store, НУЦ CRLs, the CAdES-T timestamp), folded open on
 * demand so the view it sits in keeps its place. A result that verifies is offered as a digital document card too
 * (PDF/A-3 with the document and its CMS attached). The composition root mounts it (features do not import each other).
 */
import { useEffect, useState } from 'react'
import { base64ToBytes } from '@shared/bytes'
import { verifySigned, type DocumentVerification } from '@shared/verify'
import type { SignatureReportProps } from '../../ui/signatureReportSlot'
import { useTexts } from '../../i18n/texts'
import { DocumentCardButton } from './DocumentCardButton'
import { useVerifyDeps } from './deps'
import { ReportView } from './ReportView'
import { verifyTexts } from './texts'

export function SignedReport(props: SignatureReportProps) {
  const deps = useVerifyDeps()
  const tx = useTexts(verifyTexts)
  const [result, setResult] = useState<DocumentVerification | null>(null)
  const { what, registrationNumber, document, signature } = props
  useEffect(() => {
    let live = true
    setResult(null)
    void verifySigned({ what, registrationNumber, document: base64ToBytes(document), signature: base64ToBytes(signature) }, { check: deps.check }).then((r) => live && setResult(r))
    return () => {
      live = false
    }
  }, [deps, what, registrationNumber, document, signature])
  return (
    <>
      <details className="verify__details" data-testid={`signed-report-${what}`} data-verdict={result?.verdict ?? 'checking'}>
        <summary>{result ? tx.reportOf(what) : tx.checking}</summary>
        {result && <ReportView result={result} testId={`signed-report-${what}-body`} />}
      </details>
      {what === 'result' && result?.verdict === 'valid' && <DocumentCardButton registrationNumber={registrationNumber} document={document} signature={signature} signerName={result.signatures[0]?.signer?.name} />}
    </>
  )
}
