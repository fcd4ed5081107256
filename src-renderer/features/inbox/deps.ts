import { depsContext } from '../../ui/depsContext'
import type { ServiceDefinition } from '@shared/catalog'
import type { CryptoAdapter } from '../../bridge/crypto'
import type { ProviderApi } from '../../gateway/provider'
import type { SignatureReportSlot } from '../../ui/signatureReportSlot'

/** Signs bytes in main (CMS, detached); the password is asked by main's own prompt, never by the page. */
export type DecisionSigner = Pick<CryptoAdapter, 'listKeys' | 'sign'>

/** Re-verifies the operator's CMS over the envelope bytes in main (window.arm.crypto.verify). */
export type EnvelopeVerifier = Pick<CryptoAdapter, 'verify'>

/** Creates and revokes object URLs (URL.createObjectURL in the app; a recorder in jsdom, which has none). */
export interface ObjectUrls {
  create(blob: Blob): string
  revoke(url: string): void
}

export interface InboxDeps {
  api: Pick<ProviderApi, 'me' | 'inbox' | 'inboxPage' | 'take' | 'decide' | 'attachment' | 'person' | 'status'> & Partial<Pick<ProviderApi, 'extendTerm' | 'prepareDecision'>>
  /** Absent where no crypto bridge is wired (the check is then simply not shown). */
  verifier?: EnvelopeVerifier
  /** The full verification report of the operator's signature (features/verify, mounted by the app). */
  signatureReport?: SignatureReportSlot
  catalog: { find(id: string): ServiceDefinition | undefined }
  signer: DecisionSigner
  now: () => number
  /** blob: URLs for attachment previews; URL.createObjectURL when absent. */
  objectUrls?: ObjectUrls
}

export const [InboxDepsContext, useInboxDeps] = depsContext<InboxDeps>('InboxDepsContext')
