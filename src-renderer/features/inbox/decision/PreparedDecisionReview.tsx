import { useMemo } from 'react'
import { base64ToBytes } from '@shared/bytes'
import { statusLabel, type ServiceDefinition } from '@shared/catalog'
import { formatDateTime } from '@shared/format'
import type { InboxItem, RequestStatus, SessionUser } from '@shared/gateway/api'
import { composeDocument } from '@shared/print'
import { findTemplate, parseDecisionBytes, type DecisionDocument } from '@shared/results'
import { useLang } from '../../../i18n/lang'
import { useTexts } from '../../../i18n/texts'
import { ErrorNote } from '../../../ui/ErrorNote'
import { useInboxDeps } from '../deps'
import { SigningKeyField, useDecisionSigning } from './SigningKey'
import { reviewTexts } from './texts'

/** The prepared document, or null when it cannot be read against the catalogue (then nothing can be signed). */
function readPrepared(item: InboxItem): DecisionDocument | null {
  try {
    return item.prepared ? parseDecisionBytes(base64ToBytes(item.prepared.payload)) : null
  } catch {
    return null
  }
}

/**
 * The authorised person's review (issue 13 point 2): the decision the specialist prepared, as its regulated text will
 * be printed, signed under the signer's own name and the template's signatory position. The gateway signs it off only
 * with a certificate of the department's БИН carrying NCA's "first head" or "right to sign" policy, and only if the
 * contents are exactly what was prepared.
 */
export function PreparedDecisionReview(props: { item: InboxItem; service: ServiceDefinition; me: SessionUser; onSigned: (s: RequestStatus) => Promise<void> }) {
  const tx = useTexts(reviewTexts)
  const lang = useLang()
  const deps = useInboxDeps()
  const { item, service, me } = props
  const prepared = item.prepared
  const doc = useMemo(() => readPrepared(item), [item])
  const template = doc ? findTemplate(service, doc.templateId) : undefined
  // The text the consumer will receive, composed by the one print model (no signature block until it is signed).
  const model = useMemo(() => {
    if (!doc || !template) return null
    try {
      return composeDocument({ doc, service, template, lang, verdict: { status: 'sample' } })
    } catch {
      return null
    }
  }, [doc, service, template, lang])
  const { keys, keyRef, setKeyRef, busy, error, sent: signed, signAndSend } = useDecisionSigning(item, me, props.onSigned)

  if (!prepared) return null
  const sign = () =>
    doc && template
      ? signAndSend(() => ({
          ...doc,
          decidedAt: new Date(deps.now()).toISOString(),
          signer: { role: 'specialist', name: me.displayName, position: template.signer, ...(me.iin ? { iin: me.iin } : {}), unit: service.provider.name },
        }))
      : undefined

  return (
    <form
      className="decision decision--review"
      data-testid="prepared-review"
      data-kind={prepared.kind}
      noValidate
      onSubmit={(e) => {
        e.preventDefault()
        void sign()
      }}
    >
      <h3>{tx.title}</h3>
      <p className="decision__note" data-testid="prepared-by">
        {prepared.kind === 'refusal' ? tx.kindRefusal : tx.kindResult} · {tx.preparedBy(prepared.preparedBy, formatDateTime(prepared.preparedAt))}
      </p>
      {model ? (
        <fieldset data-testid="prepared-document">
          <legend>{tx.document}</legend>
          {model.title.map((line, i) => (
            <p key={`t${i}`} className="decision__doc-title">
              <strong>{line}</strong>
            </p>
          ))}
          {model.body.map((line, i) => (
            <p key={`b${i}`} className="decision__doc-line" style={line.indent ? { paddingLeft: `${line.indent}em` } : undefined}>
              {line.bold ? <strong>{line.text}</strong> : line.text}
            </p>
          ))}
        </fieldset>
      ) : (
        <p className="field-error" data-testid="prepared-unreadable">
          {tx.badDocument}
        </p>
      )}
      <SigningKeyField label={tx.key} noKeys={tx.noKeys} keys={keys} keyRef={keyRef} onChange={setKeyRef} testId="review-key" />
      <p className="decision__note">{tx.rightNote}</p>
      {error && <ErrorNote error={error} testId="review-error" />}
      {signed ? (
        <p className="decision__sent" data-testid="review-signed" data-status={signed}>
          {tx.signed(statusLabel(signed, lang))}
        </p>
      ) : (
        <button type="submit" className="button button--primary" data-testid="review-sign" disabled={busy || !keyRef || !model}>
          {busy ? tx.signing : tx.sign}
        </button>
      )}
    </form>
  )
}
