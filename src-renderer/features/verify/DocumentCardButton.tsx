/**
 * «Электрондық құжат карточкасы»: the verified result as a PDF/A-3 card (src-shared/print renderDocumentCard) — the
 * printed pages with the signed barcode, a card page, the signed document and its CMS attached — saved from a link.
 * Offered only for a result whose signature PASSED (SignedReport), in the desk's language.
 */
import { useState } from 'react'
import { base64ToBytes } from '@shared/bytes'
import { ArmError, errorText, type ErrorCode } from '@shared/errors'
import { renderDocumentCard } from '@shared/print'
import { parseDecisionBytes } from '@shared/results/validate'
import { useLang } from '../../i18n/lang'
import { useTexts } from '../../i18n/texts'
import { useVerifyDeps } from './deps'
import { verifyTexts } from './texts'

export function DocumentCardButton(props: { registrationNumber: string; document: string; signature: string; signerName?: string }) {
  const deps = useVerifyDeps()
  const lang = useLang()
  const tx = useTexts(verifyTexts)
  const [card, setCard] = useState<{ url: string; name: string; lang: string } | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ErrorCode | null>(null)
  const make = async () => {
    setBusy(true)
    setError(null)
    try {
      const signedBytes = base64ToBytes(props.document)
      const pdf = await renderDocumentCard({ doc: parseDecisionBytes(signedBytes), lang, verdict: { status: 'verified', ...(props.signerName ? { signerName: props.signerName } : {}) }, fonts: await deps.fonts(), catalog: deps.catalog, signedBytes, signature: base64ToBytes(props.signature) })
      const name = `card-${props.registrationNumber}-${lang}.pdf`
      setCard({ url: deps.present(pdf, name), name, lang })
    } catch (err) {
      setError(err instanceof ArmError ? err.code : 'RESULT_SIGNATURE_INVALID')
    } finally {
      setBusy(false)
    }
  }
  return (
    <div className="verify__card" data-testid="document-card">
      <button type="button" className="button" onClick={() => void make()} disabled={busy} title={tx.cardHint} data-testid="document-card-make">
        {tx.card}
      </button>
      <span className="verify__card-hint">{tx.cardHint}</span>
      {card?.lang === lang && (
        <a href={card.url} download={card.name} data-testid="document-card-pdf">
          {tx.openCard(card.name)}
        </a>
      )}
      {error && (
        <p className="verify__error" role="alert" data-code={error}>
          {errorText(error, lang)}
        </p>
      )}
    </div>
  )
}
