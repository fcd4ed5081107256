import type { ArmApi } from '@shared/bridge/contract'
import { bytesToBase64 } from '@shared/envelope'
import { ArmError } from '@shared/errors'
import type { KeyPurpose } from '@shared/crypto/certificate'
import { preferredKey, type KeyChoiceFacts } from '@shared/crypto/keyChoice'

export type { KeyPurpose }

/** A key main offers (crypto.listKeys) with what its certificate says, when main knows it. */
export interface KeyOption {
  keyRef: string
  label: string
  iin?: string
  /** From the certificate's key usage (main's facts); absent while a .p12 is locked (its certificate is encrypted). */
  purposes?: KeyPurpose[]
  /** The holder's name from the certificate. */
  holder?: string
  /** Main's certificate facts; absent until main has read the certificate. */
  facts?: KeyChoiceFacts
}

export interface SignatureCheck {
  indication: 'PASSED' | 'FAILED' | 'INDETERMINATE'
  subIndication?: string
  signerName?: string
  signerIin?: string
}

/** The key to offer first for a purpose: the one shared rule over the certificate's facts, never the key's name. */
export function chooseKey(keys: readonly KeyOption[], purpose: KeyPurpose, person: { iin?: string } = {}, now = Date.now()): KeyOption | undefined {
  return preferredKey(keys, purpose, person, now)
}

/** The desk's one adapter over window.arm.crypto: keys with main's facts, CMS made in main, signatures checked in main. */
export interface CryptoAdapter {
  listKeys(): Promise<KeyOption[]>
  sign(bytes: Uint8Array, opts: { purpose: KeyPurpose; keyRef?: string; expectedIin?: string }): Promise<{ cms: string; signerIin?: string }>
  verify(p: { cms: string; content: string }): Promise<SignatureCheck>
  /** Several documents with one key, confirmed once in main's prompt that lists them all (all or nothing). */
  signBatch(contents: Uint8Array[], opts: { keyRef: string; expectedIin?: string }): Promise<{ cms: string[] }>
  /** The whole per-signature report (chain, revocation evidence, times) main made: the Verify screen shows all of it. */
  verifyReport(p: { cms: string; content: string }): Promise<CmsReport>
}

/** What main's crypto.verify answers (src-shared/bridge/channels/crypto.ts). */
export type CmsReport = Awaited<ReturnType<ArmApi['crypto']['verify']>>

export function bridgeCrypto(api: () => Partial<ArmApi> | undefined = () => (globalThis as { window?: { arm?: Partial<ArmApi> } }).window?.arm): CryptoAdapter {
  const crypto = () => api()?.crypto ?? null
  const listKeys = async (): Promise<KeyOption[]> => {
    const c = crypto()
    if (!c) return []
    return (await c.listKeys({})).keys.map((k) => ({ keyRef: k.keyRef, label: k.label, iin: k.facts?.iin, purposes: k.facts?.purposes, holder: k.facts?.fullName, facts: k.facts }))
  }
  return {
    listKeys,
    async sign(bytes, opts) {
      const c = crypto()
      if (!c) throw new ArmError(opts.purpose === 'AUTH' ? 'SESSION_ECP_UNAVAILABLE' : 'SIGN_FAILED', 'window.arm.crypto is not available')
      const keyRef = opts.keyRef ?? chooseKey(await listKeys(), opts.purpose, { iin: opts.expectedIin })?.keyRef
      if (!keyRef) throw new ArmError(opts.purpose === 'AUTH' ? 'SESSION_ECP_UNAVAILABLE' : 'KEY_NOT_FOUND', `no ${opts.purpose} key`)
      const r = await c.sign({ keyRef, content: bytesToBase64(bytes), detached: true, purpose: opts.purpose, expectedIin: opts.expectedIin })
      return { cms: r.cms, signerIin: r.signer?.iin }
    },
    async signBatch(contents, opts) {
      const c = crypto()
      if (!c) throw new ArmError('SIGN_FAILED', 'window.arm.crypto is not available')
      const r = await c.signBatch({ keyRef: opts.keyRef, contents: contents.map(bytesToBase64), detached: true, purpose: 'SIGN', expectedIin: opts.expectedIin })
      return { cms: r.items.map((i) => i.cms) }
    },
    async verify(p) {
      const c = crypto()
      if (!c) throw new ArmError('SIGN_FAILED', 'window.arm.crypto is not available')
      const r = await c.verify({ cms: p.cms, content: p.content })
      const s = r.signatures[0]
      return { indication: r.indication, subIndication: r.subIndication, signerName: s?.signer?.fullName, signerIin: s?.signer?.iin }
    },
    async verifyReport(p) {
      const c = crypto()
      if (!c) throw new ArmError('SIGN_FAILED', 'window.arm.crypto is not available')
      return c.verify({ cms: p.cms, content: p.content })
    },
  }
}
