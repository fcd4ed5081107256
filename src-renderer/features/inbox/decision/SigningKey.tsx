import { useEffect, useState } from 'react'
import { toArmError, type ArmErrorPayload } from '@shared/errors'
import type { SessionUser } from '@shared/gateway/api'
import { chooseKey, type KeyOption } from '../../../bridge/crypto'
import { KeySelect } from '../../../ui/KeySelect'
import { useInboxDeps } from '../deps'

/** The desk's SIGN keys (listed by main) with the person's own preselected; a listing failure goes to `onError`. */
export function useSigningKeys(me: SessionUser, onError: (e: ArmErrorPayload) => void) {
  const deps = useInboxDeps()
  const [keys, setKeys] = useState<KeyOption[] | null>(null)
  const [keyRef, setKeyRef] = useState('')
  useEffect(() => {
    let live = true
    deps.signer.listKeys().then(
      (ks) => {
        if (!live) return
        setKeys(ks)
        setKeyRef(chooseKey(ks, 'SIGN', me)?.keyRef ?? '')
      },
      (err) => live && onError(toArmError(err).toPayload()),
    )
    return () => {
      live = false
    }
    // onError is a state setter of the caller: stable.
  }, [deps, me])
  return { keys, keyRef, setKeyRef }
}

/** The signing key select of a decision (the decision form and the authorised person's review). */
export function SigningKeyField(props: { label: string; noKeys: string; keys: KeyOption[] | null; keyRef: string; onChange: (keyRef: string) => void; testId: string }) {
  return (
    <label className="decision__field">
      <span>{props.label}</span>
      {props.keys && props.keys.length === 0 ? (
        <span>{props.noKeys}</span>
      ) : (
        <KeySelect keys={props.keys ?? []} value={props.keyRef} onChange={props.onChange} testId={props.testId} />
      )}
    </label>
  )
}
