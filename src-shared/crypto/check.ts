/**
 * CertificateCheck: everything that must hold before a key is used or a signature is accepted — validity period,
 * key usage fits the purpose, chain to the trust store, revocation (CRL, or a status the caller got by OCSP), the
 * ИИН check digit (production mode) and the ИИН of the signed-in user.
 */
import type * as pkijs from 'pkijs'
import type { ErrorCode } from '../errors'
import { describeName, factsOf, type CertificateFacts, type KeyPurpose } from './certificate'
import type { CryptoPort } from './engine'
import type { VerificationCache } from './cache'
import { buildChain, checkCrl, type ParsedCrl, type RevocationResult, type StoredCertificate, type TrustStore } from './trust'

export type SubIndication =
  | 'FORMAT_FAILURE'
  | 'HASH_FAILURE'
  | 'SIG_CRYPTO_FAILURE'
  | 'SIG_CONSTRAINTS_FAILURE'
  | 'SIGNED_DATA_NOT_FOUND'
  | 'NO_SIGNING_CERTIFICATE_FOUND'
  | 'NO_CERTIFICATE_CHAIN_FOUND'
  | 'CHAIN_CONSTRAINTS_FAILURE'
  | 'CRYPTO_CONSTRAINTS_FAILURE'
  | 'OUT_OF_BOUNDS_NO_POE'
  | 'NOT_YET_VALID'
  | 'REVOKED'
  | 'TRY_LATER'

export interface CertificateCheck {
  ok: boolean
  /** The first failure, as an error code for the UI. */
  errorCode?: ErrorCode
  subIndication?: SubIndication
  facts: CertificateFacts
  validity: 'valid' | 'expired' | 'not-yet-valid'
  chain: { status: 'trusted' | 'untrusted' | 'invalid-signature' | 'ca-invalid'; anchor?: 'production' | 'test'; path: string[] }
  revocation: RevocationResult | { status: 'not-checked' }
  purposeOk?: boolean
  iinMatches?: boolean
  /** True when the chain ends at a TEST anchor or a test ИИН/БИН was accepted: show it visibly. */
  testTrust: boolean
}

export interface CertificateCheckOptions {
  trust: TrustStore
  at?: Date
  /** Certificates carried with the leaf (CMS certificates, .p12 CA certs). */
  carried?: StoredCertificate[]
  crls?: ParsedCrl[]
  /** A status obtained elsewhere (OCSP); used when the CRLs give no answer. */
  revocation?: RevocationResult
  /** When true, revocation must be established (unknown → CERT_REVOCATION_UNKNOWN). Default: true when CRLs or a status are given. */
  requireRevocation?: boolean
  purpose?: KeyPurpose
  expectedIin?: string
  testTrust?: boolean
  port?: CryptoPort
  /** Reuses parsed certificates, chain-link and CRL signature results across calls (see cache.ts); checks stay the same. */
  cache?: VerificationCache
}

export async function checkCertificate(leaf: StoredCertificate, options: CertificateCheckOptions): Promise<CertificateCheck> {
  const at = options.at ?? new Date()
  const cache = options.cache
  if (cache) cache.useTrust(options.trust)
  const facts = cache ? cache.facts(leaf) : factsOf(leaf.cert, leaf.der)
  const fail: Array<[ErrorCode, SubIndication | undefined]> = []
  const c = leaf.cert as pkijs.Certificate

  const validity = at < c.notBefore.value ? 'not-yet-valid' : at > c.notAfter.value ? 'expired' : 'valid'
  if (validity === 'expired') fail.push(['CERT_EXPIRED', 'OUT_OF_BOUNDS_NO_POE'])
  if (validity === 'not-yet-valid') fail.push(['CERT_NOT_YET_VALID', 'NOT_YET_VALID'])

  const chain = await buildChain(leaf, options.carried ?? [], options.trust, { at, testTrust: options.testTrust, port: options.port, cache })
  if (chain.status !== 'trusted') fail.push(['CERT_UNTRUSTED', chain.status === 'untrusted' ? 'NO_CERTIFICATE_CHAIN_FOUND' : 'CHAIN_CONSTRAINTS_FAILURE'])

  let revocation: CertificateCheck['revocation'] = { status: 'not-checked' }
  const require = options.requireRevocation ?? (!!options.crls?.length || !!options.revocation)
  if (chain.status === 'trusted' && chain.path.length > 1) {
    const issuer = chain.path[1].cert
    revocation = options.crls?.length
      ? await checkCrl(c, issuer, options.crls, at, options.port, cache ? { verifier: cache, issuer: chain.path[1] } : undefined)
      : { status: 'unknown', detail: 'no CRL given' }
    if (revocation.status === 'unknown' && options.revocation) revocation = options.revocation
    if (revocation.status === 'revoked') fail.push(['CERT_REVOKED', 'REVOKED'])
    else if (revocation.status === 'unknown') {
      if (require) fail.push(['CERT_REVOCATION_UNKNOWN', 'TRY_LATER'])
      else revocation = { status: 'not-checked' }
    }
  }

  let purposeOk: boolean | undefined
  if (options.purpose) {
    purposeOk = facts.purposes.includes(options.purpose)
    if (!purposeOk) fail.push(['CERT_WRONG_PURPOSE', 'CHAIN_CONSTRAINTS_FAILURE'])
  }

  const badNumbers = facts.iinValid === false || facts.binValid === false
  if (badNumbers && !options.testTrust) fail.push(['CERT_IIN_CHECKSUM', 'CHAIN_CONSTRAINTS_FAILURE'])

  let iinMatches: boolean | undefined
  if (options.expectedIin !== undefined) {
    iinMatches = facts.iin === options.expectedIin
    if (!iinMatches) fail.push(['CERT_IIN_MISMATCH', 'CHAIN_CONSTRAINTS_FAILURE'])
  }

  // Order of report: revocation and chain trump validity trump the rest (ETSI-style: the gravest first).
  const order: ErrorCode[] = ['CERT_REVOKED', 'CERT_UNTRUSTED', 'CERT_EXPIRED', 'CERT_NOT_YET_VALID', 'CERT_IIN_CHECKSUM', 'CERT_REVOCATION_UNKNOWN', 'CERT_WRONG_PURPOSE', 'CERT_IIN_MISMATCH']
  fail.sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]))
  return {
    ok: fail.length === 0,
    errorCode: fail[0]?.[0],
    subIndication: fail[0]?.[1],
    facts,
    validity,
    chain: { status: chain.status, anchor: chain.anchor, path: chain.path.map((p) => describeName(p.cert.subject).text) },
    revocation,
    purposeOk,
    iinMatches,
    testTrust: chain.anchor === 'test' || (badNumbers && !!options.testTrust),
  }
}
