import { createContext, useContext } from 'react'
import type { ServiceDefinition } from '@shared/catalog'
import type { InboxApi } from './api'

/** A key main offers for signing (window.arm.crypto.listKeys), with what is known of it before unlocking. */
export interface SigningKey {
  keyRef: string
  label: string
  iin?: string
  purposes?: Array<'AUTH' | 'SIGN'>
}

/** Signs bytes in main (CMS, detached); the password is asked by main's own prompt, never by the page. */
export interface DecisionSigner {
  listKeys(): Promise<SigningKey[]>
  sign(bytes: Uint8Array, opts: { keyRef: string; expectedIin?: string }): Promise<{ cms: string }>
}

/** Re-verifies the operator's CMS over the envelope bytes in main (window.arm.crypto.verify). */
export interface EnvelopeVerifier {
  verify(p: { cms: string; content: string }): Promise<{ indication: 'PASSED' | 'FAILED' | 'INDETERMINATE'; subIndication?: string; signerName?: string; signerIin?: string }>
}

/** Creates and revokes object URLs (URL.createObjectURL in the app; a recorder in jsdom, which has none). */
export interface ObjectUrls {
  create(blob: Blob): string
  revoke(url: string): void
}

export interface InboxDeps {
  api: Pick<InboxApi, 'me' | 'inbox' | 'take' | 'decide' | 'attachment'>
  /** Absent where no crypto bridge is wired (the check is then simply not shown). */
  verifier?: EnvelopeVerifier
  catalog: { find(id: string): ServiceDefinition | undefined }
  signer: DecisionSigner
  now: () => number
  /** blob: URLs for attachment previews; URL.createObjectURL when absent. */
  objectUrls?: ObjectUrls
}

export const InboxDepsContext = createContext<InboxDeps | null>(null)

export function useInboxDeps(): InboxDeps {
  const d = useContext(InboxDepsContext)
  if (!d) throw new Error('InboxDepsContext is not provided')
  return d
}

/**
 * The key to offer first: one whose certificate names the user, else a SIGN key whose file name names the role
 * (demo files specialist-sign.p12, supervisor-sign.p12), else any SIGN key. Main still checks the ИИН when signing.
 */
export function preferredKey(keys: readonly SigningKey[], user: { iin?: string; role?: string }): SigningKey | undefined {
  const sign = keys.filter((k) => !k.purposes || k.purposes.includes('SIGN'))
  const byIin = sign.find((k) => k.iin && user.iin && k.iin === user.iin)
  if (byIin) return byIin
  const roleWord = user.role === 'supervisor' ? 'supervisor' : user.role === 'provider_specialist' ? 'specialist' : ''
  return (roleWord && sign.find((k) => k.label.toLowerCase().includes(roleWord) && /sign/i.test(k.label))) || sign.find((k) => /sign/i.test(k.label)) || sign[0]
}
