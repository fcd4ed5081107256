import { useEffect, useState } from 'react'
import { bytesToBase64 } from '@shared/bytes'
import { toArmError, type ArmErrorPayload } from '@shared/errors'
import type { InboxItem, RequestStatus, SessionUser } from '@shared/gateway/api'
import { decisionBytes, gatewayKind, type DecisionDocument } from '@shared/results'
import { chooseKey, type KeyOption } from '../../../bridge/crypto'
import { KeySelect } from '../../../ui/KeySelect'
import { useInboxDeps } from '../deps'

/**
 * Signing a decision, the same for the specialist's form and the authorised person's review: the desk's keys (listed
 * by main) with the person's own SIGN key preselected, then the document signed in main with the chosen key and sent
 * to the gateway. A failure of either step is kept as `error` for the ErrorNote.
 */
export function useDecisionSigning(item: InboxItem, me: SessionUser, onSent: (s: RequestStatus) => Promise<void>) {
  const deps = useInboxDeps()
  const [keys, setKeys] = useState<KeyOption[] | null>(null)
  const [keyRef, setKeyRef] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ArmErrorPayload | null>(null)
  const [sent, setSent] = useState<RequestStatus | null>(null)
  useEffect(() => {
    let live = true
    deps.signer.listKeys().then(
      (ks) => {
        if (!live) return
        setKeys(ks)
        setKeyRef(chooseKey(ks, 'SIGN', me)?.keyRef ?? '')
      },
      (err) => live && setError(toArmError(err).toPayload()),
    )
    return () => {
      live = false
    }
  }, [deps, me])
  /** `build` runs inside the attempt: a document that cannot be built is said like a refused signature. */
  const signAndSend = async (build: () => DecisionDocument) => {
    setBusy(true)
    setError(null)
    try {
      const doc = build()
      const bytes = decisionBytes(doc)
      const { cms } = await deps.signer.sign(bytes, { purpose: 'SIGN', keyRef, expectedIin: me.iin })
      const r = await deps.api.decide(item.requestId, { kind: gatewayKind(doc.kind), payload: bytesToBase64(bytes), signature: cms, ...(doc.refusal ? { reasonCode: doc.refusal.code } : {}) })
      setSent(r.status)
      await onSent(r.status)
    } catch (err) {
      setError(toArmError(err).toPayload())
    } finally {
      setBusy(false)
    }
  }
  return { keys, keyRef, setKeyRef, busy, error, setError, sent, signAndSend }
}

/** The signing key select of a decision (the decision form and the authorised person's review). */
export function SigningKeyField(props: { label: string; noKeys: string; keys: KeyOption[] | null; keyRef: string; onChange: (keyRef: string) => void; testId: string }) {
  return (
    <label className="decision__field">
      <span>{props.label}</span>
      {props.keys && props.keys.length === 0 ? <span>{props.noKeys}</span> : <KeySelect keys={props.keys} value={props.keyRef} onChange={props.onChange} testId={props.testId} />}
    </label>
  )
}
