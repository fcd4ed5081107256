import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { catalog } from '@shared/catalog'
import { bytesToBase64 } from '@shared/envelope'
import { ArmError } from '@shared/errors'
import { i18n } from '../../i18n'
import { useSessionStore } from '../../state/session'
import { getWorkstation } from '../intake/workstation'
import { InboxApi } from './api'
import { InboxDepsContext, type DecisionSigner, type EnvelopeVerifier, type InboxDeps } from './deps'
import { registerInboxI18n } from './i18n'
import { InboxScreen } from './InboxScreen'
import './inbox.css'

registerInboxI18n(i18n)

function cryptoBridge() {
  return (window.arm as Partial<typeof window.arm>).crypto ?? null
}

/** window.arm.crypto as the decision signer: keys with what main knows of them, CMS made in main. */
export const bridgeSigner: DecisionSigner = {
  async listKeys() {
    const c = cryptoBridge()
    if (!c) return []
    const { keys } = await c.listKeys({})
    return keys.map((k) => ({ keyRef: k.keyRef, label: k.label, iin: k.facts?.iin, purposes: k.facts?.purposes ?? (/auth/i.test(k.label) ? ['AUTH'] : ['SIGN']) }))
  },
  async sign(bytes, opts) {
    const c = cryptoBridge()
    if (!c) throw new ArmError('SIGN_FAILED', 'window.arm.crypto is not available')
    const r = await c.sign({ keyRef: opts.keyRef, content: bytesToBase64(bytes), detached: true, purpose: 'SIGN', expectedIin: opts.expectedIin })
    return { cms: r.cms }
  },
}

/** window.arm.crypto.verify: the operator's signature over the envelope, checked in main (chain, revocation). */
export const bridgeVerifier: EnvelopeVerifier = {
  async verify(p) {
    const c = cryptoBridge()
    if (!c) throw new ArmError('SIGN_FAILED', 'window.arm.crypto is not available')
    const r = await c.verify({ cms: p.cms, content: p.content })
    const s = r.signatures[0]
    return { indication: r.indication, subIndication: r.subIndication, signerName: s?.signer?.fullName, signerIin: s?.signer?.iin }
  },
}

/** The gateway API of the signed-in workstation: the origin learnt at sign-in, the token of the session store. */
export function workstationInboxApi(): InboxApi {
  return new InboxApi({
    baseUrl: () => getWorkstation()?.gateway.baseUrl ?? '',
    token: () => useSessionStore.getState().session?.token || null,
    fetch: (url, init) => window.fetch(url, init),
  })
}

/** The provider specialist's area (АРМ РШЭП), mounted through the frame's AREA_SCREENS slot. */
export function SpecialistArea() {
  const { t } = useTranslation()
  const deps = useMemo<InboxDeps>(() => ({ api: workstationInboxApi(), catalog, signer: bridgeSigner, verifier: bridgeVerifier, now: () => Date.now() }), [])
  return (
    <>
      <h1 className="area-title">{t('frame.specialistTitle')}</h1>
      <InboxDepsContext.Provider value={deps}>
        <InboxScreen />
      </InboxDepsContext.Provider>
    </>
  )
}
