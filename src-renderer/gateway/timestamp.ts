/**
 * CAdES-T at the desk (issue 17 point 4): right after a signature is made, the desk asks the gateway's НУЦ TSA for a
 * signature-time-stamp over the signature value (`tsaToken`: SHA-256 in, RFC 3161 token out) and adds it as the
 * unsigned attribute — the signed part, and so the signature, is untouched. Offline, with the TSA down or slow, the
 * signature goes on as CAdES-BES (the outbox shows it so) and the gateway's signature-timestamp job stamps it once it
 * arrives. A token the desk cannot attach is never a reason to lose the signature.
 */
import { base64ToBytes, bytesToBase64, sha256Hex } from '@shared/bytes'
import { addSignatureTimeStamp, hasSignatureTimeStamp, signatureValuesOf } from '@shared/crypto'
import type { Gateway } from './client'

/** Enough for the TSA on a working link; a desk that waits longer for a timestamp than for the signature is worse off. */
const STAMP_TIMEOUT_MS = 5000

export type SignatureLevel = 'CAdES-T' | 'CAdES-BES'

/** The signature's CAdES level as the desk holds it (base64 CMS); undefined when it is not a CMS we can read. */
export function signatureLevel(cmsBase64: string): SignatureLevel | undefined {
  try {
    return hasSignatureTimeStamp(base64ToBytes(cmsBase64)) ? 'CAdES-T' : 'CAdES-BES'
  } catch {
    return undefined
  }
}

export interface StampOptions {
  /** The desk is offline: do not ask, the signature stays CAdES-BES. */
  offline?: () => boolean
  /**
   * Does the stamped CMS verify with a valid timestamp under the desk's trusted roots (main's crypto.verify)? A token
   * the gateway would refuse (TSA_UNTRUSTED, TSA_IMPRINT_MISMATCH) must not turn a good request into a rejected one.
   */
  accept?: (stamped: Uint8Array) => Promise<boolean>
}

/** The CMS (base64) with the TSA's signature-time-stamp on each signer, or as it was when none could be had. */
export async function withSignatureTimeStamp(gateway: Pick<Gateway, 'call'>, cmsBase64: string, o: StampOptions = {}): Promise<string> {
  if (o.offline?.()) return cmsBase64
  try {
    let cms = base64ToBytes(cmsBase64)
    for (const [i, value] of signatureValuesOf(cms).entries()) {
      if (hasSignatureTimeStamp(cms, i)) continue
      const { token } = await gateway.call('tsaToken', { body: { imprint: sha256Hex(value) }, timeoutMs: STAMP_TIMEOUT_MS })
      cms = addSignatureTimeStamp(cms, base64ToBytes(token), i)
    }
    if (o.accept && !(await o.accept(cms))) return cmsBase64
    return bytesToBase64(cms)
  } catch {
    return cmsBase64 // CAdES-BES: the gateway stamps it later
  }
}
