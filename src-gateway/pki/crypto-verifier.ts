/**
 * The real EnvelopeVerifier: src-shared/crypto verifyCms (signature value, message digest, ESS signing certificate,
 * chain to the НУЦ roots, revocation by the НУЦ CRLs) mapped to the gateway's coded answers.
 */
import { createHash, webcrypto } from 'node:crypto'
import { ArmError, type ErrorCode } from '../../src-shared/errors'
import { bytesEqual, checkCertificate, decodeCertificate, verifyCms, VerificationCache, type CertificateFacts, type CryptoPort, type SubtleLike, type TrustStore } from '../../src-shared/crypto'
import type { EnvelopeVerifier, SignatureCheck } from '../ports'

const CODE_BY_CRYPTO: Partial<Record<ErrorCode, ErrorCode>> = {
  CERT_REVOKED: 'GW_CERT_REVOKED',
  CERT_EXPIRED: 'GW_CERT_EXPIRED',
  CERT_NOT_YET_VALID: 'GW_CERT_EXPIRED',
  CERT_UNTRUSTED: 'GW_CERT_UNTRUSTED',
  CERT_IIN_CHECKSUM: 'GW_CERT_UNTRUSTED',
  CERT_REVOCATION_UNKNOWN: 'GW_REVOCATION_UNKNOWN',
}

const NODE_HASH = { 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' } as const

/**
 * The gateway's CryptoPort: WebCrypto for signature checks, node:crypto's synchronous hash for digests. The same
 * SHA-2 digests, computed in place: WebCrypto's digest is a thread-pool round trip, and each envelope needs three of
 * them (CRL identity, content messageDigest, ESS signing-certificate hash), which cost more than the hashing itself.
 */
export const nodeCryptoPort: CryptoPort = {
  subtle: webcrypto.subtle as unknown as SubtleLike,
  digest: (name, data) => new Uint8Array(createHash(NODE_HASH[name]).update(data).digest()),
}

export interface RevocationSource {
  /** Current DER CRLs of the НУЦ (the same ones /pki/crl serves). */
  crls(): Uint8Array[]
}

export class CryptoEnvelopeVerifier implements EnvelopeVerifier {
  /**
   * One cache for this trust store: the operators' certificates, the chain links to the НУЦ roots and the parsed CRLs
   * are the same for thousands of envelopes. A new CRL has new bytes (a cache miss, checked at once); the signature
   * over each envelope's signed attributes and its messageDigest are verified every time.
   */
  readonly cache: VerificationCache

  constructor(
    private readonly trust: TrustStore,
    private readonly revocation: RevocationSource,
    private readonly opts: { testTrust: boolean; cache?: VerificationCache; port?: CryptoPort },
  ) {
    this.cache = opts.cache ?? new VerificationCache()
  }

  async verify(input: { content: Uint8Array; cms: Uint8Array; at: Date; detached: boolean }): Promise<SignatureCheck> {
    if (!input.cms.length) return { ok: false, code: 'GW_SIGNATURE_MISSING', message: 'no signature' }
    let report
    try {
      report = await verifyCms({
        cms: input.cms, content: input.detached ? input.content : undefined, trust: this.trust, at: input.at,
        crls: this.revocation.crls(), testTrust: this.opts.testTrust, cache: this.cache, port: this.opts.port ?? nodeCryptoPort,
      })
    } catch (err) {
      const code = err instanceof ArmError ? err.code : 'INTERNAL'
      if (code === 'CMS_CONTENT_MISSING') return { ok: false, code: 'GW_SIGNATURE_MISSING', message: 'the CMS carries no content' }
      return { ok: false, code: 'GW_SIGNATURE_INVALID', message: code === 'CMS_CORRUPT' ? 'the signature is not a CMS SignedData' : 'the signature could not be read' }
    }
    // An attached CMS signs what it carries: it counts only when that is exactly the content we were given.
    if (!report.detached && !(report.content && bytesEqual(report.content, input.content))) {
      return { ok: false, code: input.detached ? 'GW_SIGNATURE_INVALID' : 'GW_SIGNATURE_INVALID', message: 'the signed content is not the submitted content' }
    }
    if (report.detached && !input.detached) return { ok: false, code: 'GW_SIGNATURE_MISSING', message: 'detached CMS' }
    if (report.signatures.length !== 1) return { ok: false, code: 'GW_SIGNATURE_INVALID', message: 'exactly one signer is expected' }
    const sig = report.signatures[0]
    if (report.indication !== 'PASSED' || !sig.signer) {
      const code = (report.errorCode && CODE_BY_CRYPTO[report.errorCode]) ?? 'GW_SIGNATURE_INVALID'
      return { ok: false, code, message: `${report.indication}/${report.subIndication ?? '-'}${report.errorCode ? ` (${report.errorCode})` : ''}` }
    }
    const f = sig.signer
    return {
      ok: true,
      signer: {
        iin: f.iin, bin: f.bin, commonName: f.commonName, serialHex: f.serialNumber, issuer: f.issuer.text,
        test: report.testTrust, auth: f.purposes.includes('AUTH'), sign: f.purposes.includes('SIGN'), roles: f.ncaRoles,
        ...(sig.signingTime && Number.isFinite(Date.parse(sig.signingTime)) ? { signingTime: Date.parse(sig.signingTime) } : {}),
      },
    }
  }

  /**
   * An AUTH certificate an admin binds to an account: trusted chain (test roots only with test trust), valid now, an
   * AUTH key, the account's ИИН when it has one. Throws the first failure's code (CERT_*); the facts when it holds.
   */
  async checkAuthCertificate(bytes: Uint8Array, at: Date, expectedIin?: string): Promise<CertificateFacts> {
    const leaf = decodeCertificate(bytes)
    const check = await checkCertificate(leaf, {
      trust: this.trust, at, purpose: 'AUTH', expectedIin, testTrust: this.opts.testTrust, requireRevocation: false, cache: this.cache, port: this.opts.port ?? nodeCryptoPort,
    })
    if (!check.ok) throw new ArmError(check.errorCode ?? 'CERT_UNTRUSTED')
    return check.facts
  }
}
