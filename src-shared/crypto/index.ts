/**
 * Crypto facts and CMS signatures — pure TypeScript (no node:*), usable in main, the gateway and the renderer.
 *
 * Verification (what the gateway imports):
 *   verifyCms({ cms, content?, trust, at?, crls?, testTrust?, revocation?, purpose?, expectedIin? }) → Promise<VerificationReport>
 *     report.indication 'PASSED' | 'FAILED' | 'INDETERMINATE' (worst of all signatures), report.signatures[i] =
 *     { indication, subIndication? (ETSI EN 319 102-1 names), errorCode? (from errors/crypto.ts), signer: CertificateFacts,
 *       signingTime?, checks: { signatureValue, messageDigest, contentType, signingCertificate, certificate }, testTrust }.
 *     Throws ArmError CMS_CORRUPT (unparsable) or CMS_CONTENT_MISSING (detached without content); never throws for a bad
 *     signature — that is a FAILED report. `cms` may be DER, PEM or bare base64 (as NCALayer/KalkanCrypt return it).
 *     Revocation: pass the CRLs of EVERY issuer you accept (demo intermediate.crl, NCA nca_gost2022_test.crl): when any
 *     CRL or a `revocation` callback (OCSP) is given, a signer whose status stays unknown is INDETERMINATE/TRY_LATER.
 *     Optional `cache: new VerificationCache({ maxCertificates?, maxSignatures?, maxCrls?, revocationTtlMs? })` shared
 *     between calls (servers): parsed certificates/CRLs by content hash, chain-link and CRL signature results, OCSP answers
 *     for a short TTL; bounded LRUs, cleared when another TrustStore is passed or by cache.clear(). The signed-attributes
 *     signature, messageDigest and signing-certificate hash are still checked on every call; validity, CRL currency and
 *     the listing of the serial are decided at `at` on every call. checkCertificate accepts the same `cache` option.
 *   createTrustStore({ production?: DER[], test?: DER[], intermediates?: DER[] }) → TrustStore
 *     (test anchors count only with testTrust: true, and results then say testTrust: true).
 *   splitPemBundle(pem) → DER[]
 *
 * Certificates:
 *   parseCertificate(derOrPem) → CertificateFacts { fullName, iin, iinValid, bin, binValid, organization, issuer, serialNumber,
 *     notBefore, notAfter, keyUsage, extendedKeyUsage, policies, ncaRoles, purposes ('AUTH'|'SIGN')[], keyAlgorithm, … }
 *   decodeCertificate(bytes) → { cert: pkijs.Certificate, der }
 *   checkCertificate({cert, der}, { trust, at?, carried?, crls?, revocation?, purpose?, expectedIin?, testTrust? }) → CertificateCheck
 *   parseCrl(der) → ParsedCrl;  checkCrl(cert, issuer, crls, at) → { status: 'good'|'revoked'|'unknown', revokedAt?, … }
 *   isValidIinOrBin('830717350867') → boolean
 *
 * Signing (main uses it with its keystores):
 *   signCades({ content, signer: CmsSigner, detached = true, signingTime? }) → DER ContentInfo
 *     CmsSigner = { certificate: DER, chain?: DER[], algorithm: 'RSA-SHA256'|'ECDSA-SHA256'|'GOST-2015-512', sign(tbs) }
 *
 * CAdES-T (RFC 3161): buildTimeStampRequest(signatureValue) → TimeStampReq; a TSA: parseTimeStampRequest / issueTimeStampToken /
 *   timeStampResponse; a client: tokenOfResponse(resp) → token, addSignatureTimeStamp(cms, token, i) (unsigned attribute,
 *   signed part untouched), signatureValuesOf(cms), hasSignatureTimeStamp(cms). verifyCms checks a carried token (imprint
 *   over the signature value, TSA signature, TSA chain + timeStamping EKU) → signatures[i].timestamp; TSA_* codes.
 * OCSP (RFC 6960, no transport here): buildOcspRequest(cert, issuer, { nonce }) / parseOcspResponse(der, cert, issuer, { at, nonce }).
 * GOST-2015-512 / Streebog: streebog512 / streebog256 / new Streebog(512).update(…).digest() (our table-driven hash,
 *   WebAssembly core, JS fallback), gostSign512 (our signer, KalkanCrypt byte order), gostPublicKey512 (d·G),
 *   gostVerify512 (our verifier, WebAssembly; also accepts the RFC 4491 order), gostSignatureToRfc4491 (for OpenSSL's
 *   gost engine), gostVerify512Kalkan (one byte order only). The old pure-JS library lives on only in the tests, as an oracle.
 * Errors: every failure is an ArmError with a code from src-shared/errors/crypto.ts (kk/ru/en texts).
 * Crypto operations use globalThis.crypto.subtle unless a CryptoPort { subtle } is passed (`port` option).
 */
export * from './bytes'
export { OID } from './oids'
export { isValidIinOrBin } from './iin'
export { streebog512, streebog256, Streebog, gostSign512, gostPublicKey512, gostVerify512, gostSignatureToRfc4491, type RandomFill } from './gost'
export { gostVerify512Kalkan } from './gost-verify'
export { streebogEngine } from './streebog'
export {
  defaultCryptoPort,
  digest,
  digestNameOf,
  verifySignature,
  keyAlgorithmOf,
  gostPublicKeyBytes,
  ecdsaDerToRaw,
  ecdsaRawToDer,
  type CryptoPort,
  type SubtleLike,
  type DigestName,
  type KeyAlgorithm,
} from './engine'
export {
  parseCertificate,
  decodeCertificate,
  factsOf,
  describeName,
  type CertificateFacts,
  type DistinguishedName,
  type KeyPurpose,
  type NcaRole,
} from './certificate'
export {
  createTrustStore,
  splitPemBundle,
  buildChain,
  verifyIssuedBy,
  parseCrl,
  checkCrl,
  type TrustStore,
  type StoredCertificate,
  type ChainResult,
  type ParsedCrl,
  type RevocationResult,
  type RevocationStatus,
} from './trust'
export { VerificationCache, LruMap, type VerificationCacheOptions, type VerificationCacheStats, type CachedCrl } from './cache'
export { checkCertificate, type CertificateCheck, type CertificateCheckOptions, type SubIndication } from './check'
export {
  signCades,
  verifyCms,
  cmsToDer,
  derSortAttributes,
  signatureValuesOf,
  hasSignatureTimeStamp,
  signatureTimeStampOf,
  addSignatureTimeStamp,
  type TimestampCheck,
  type CmsSigner,
  type SigningAlgorithm,
  type SignCadesOptions,
  type SignatureReport,
  type VerificationReport,
  type VerifyCmsOptions,
  type Indication,
} from './cms'
export { buildOcspRequest, parseOcspResponse } from './ocsp'
export { DEMO_TSA_POLICY, buildTimeStampRequest, parseTimeStampRequest, issueTimeStampToken, timeStampResponse, timeStampRejection, tokenOfResponse, type TimeStampRequest, type IssueTokenOptions } from './timestamp'
