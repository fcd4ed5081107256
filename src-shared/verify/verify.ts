/**
 * Verifying a printed result (issue 17): the signed barcode checked offline against the trusted roots, optionally
 * joined with the gateway's public answer, into one report shaped like DSS / DigiDoc4 — per signature the indication
 * and sub-indication (ETSI EN 319 102-1), signer, chain, revocation evidence and its time, timestamp and warnings.
 * Pure: the workstation, `arm verify-print` and the gateway build the same report.
 */
import { sha256Hex } from '../bytes'
import { verifyCms, type CryptoPort, type Indication, type RevocationResult, type SignatureReport, type StoredCertificate, type SubIndication, type TrustStore, type VerificationReport } from '../crypto'
import { ArmError, isErrorCode, type ErrorCode } from '../errors'
import type { PublicVerifyResponse } from '../gateway/api'
import { parseDecisionBytes } from '../results/validate'
import type { DecisionDocument } from '../results/schema'
import { parseSignedBarcode, type SignedBarcode } from './barcode'
import { readDocumentCard, type DocumentCard } from './card'
import { maskHolderName } from './mask'

/** What a person is told first: genuine, altered, signed by a revoked key, not known, or not decidable now. */
export type Verdict = 'valid' | 'tampered' | 'revoked' | 'unknown' | 'indeterminate'

export type VerifyWarning = 'TEST_TRUST' | 'NO_TIMESTAMP' | 'REVOCATION_NOT_CHECKED' | 'OFFLINE_ONLY' | 'ONLINE_UNREACHABLE' | 'NO_SIGNATURE_OFFLINE' | 'CARD_BARCODE_NOT_READ'

export interface SignatureEvidence {
  indication: Indication
  subIndication?: SubIndication
  errorCode?: ErrorCode
  signer?: { name: string; iin?: string; bin?: string; organization?: string; serialNumber: string; issuer: string; notBefore: string; notAfter: string }
  /** Certificate subjects, signer first, anchor last. */
  chain: string[]
  chainStatus: 'trusted' | 'untrusted' | 'invalid-signature' | 'ca-invalid' | 'not-checked'
  revocation: { status: 'good' | 'revoked' | 'unknown' | 'not-checked'; source?: 'crl' | 'ocsp'; revokedAt?: string; checkedAt: string }
  /** The signing time the signer claims (signed attribute). */
  claimedSigningTime?: string
  /** CAdES-T when the signature carries a signature-time-stamp (valid or not), else CAdES-BES. */
  level: 'CAdES-T' | 'CAdES-BES'
  /** A trusted time (CAdES-T signature-time-stamp), when the signature has a valid one. */
  timestamp?: { time: string; authority: string }
  /** The time the verdict relies on: the timestamp when present, else the claimed time. */
  bestSignatureTime?: string
  algorithm: string
  warnings: VerifyWarning[]
}

export interface DocumentVerification {
  verdict: Verdict
  indication: Indication
  subIndication?: SubIndication
  /** Why the verdict is not `valid` (a code with kk/ru/en texts). */
  errorCode?: ErrorCode
  /**
   * barcode: read from the printout (offline check possible); typed: number and hash typed in (online only);
   * result / request: a signed result or request the desk holds (the inbox, the counter), checked as it is;
   * card: a digital document card (PDF/A-3 with the document and its CMS attached).
   */
  source: 'barcode' | 'typed' | 'result' | 'request' | 'card'
  registrationNumber: string
  sha256: string
  /** What the signed document says (barcode only), the holder already masked. */
  document?: { serviceId: string; kind: DecisionDocument['kind']; issuedAt: string; issuer: string; holder: string }
  signatures: SignatureEvidence[]
  online?: PublicVerifyResponse | { error: ErrorCode }
  warnings: VerifyWarning[]
  checkedAt: string
}

/**
 * Checks a detached CMS over its content: `trustedCheck` (verifyCms with the caller's trust store and CRLs) in the
 * CLI and the gateway; the workstation passes main's crypto.verify (key material and trust live in main).
 */
export type CmsCheck = (cms: Uint8Array, content: Uint8Array) => Promise<Pick<VerificationReport, 'indication' | 'subIndication' | 'errorCode' | 'signatures'>>

export interface VerifyOptions {
  check: CmsCheck
  at?: Date
}

export function trustedCheck(o: { trust: TrustStore; crls?: Uint8Array[]; revocation?: (cert: StoredCertificate, issuer: StoredCertificate) => Promise<RevocationResult>; testTrust?: boolean; at?: Date; port?: CryptoPort }): CmsCheck {
  return (cms, content) => verifyCms({ cms, content, trust: o.trust, crls: o.crls, revocation: o.revocation, testTrust: o.testTrust, at: o.at, port: o.port })
}

function evidence(s: SignatureReport, checkedAt: string): SignatureEvidence {
  const c = s.checks.certificate
  const warnings: VerifyWarning[] = []
  if (s.testTrust) warnings.push('TEST_TRUST')
  const rev = c?.revocation
  if (!rev || rev.status === 'not-checked') warnings.push('REVOCATION_NOT_CHECKED')
  // CAdES-T: only a valid token is a trusted time; an invalid one has already failed the signature (TSA_* code).
  const ts = s.timestamp?.status === 'valid' && s.timestamp.time ? { time: s.timestamp.time, authority: s.timestamp.authority ?? '' } : undefined
  if (!s.timestamp) warnings.push('NO_TIMESTAMP')
  return {
    indication: s.indication,
    ...(s.subIndication ? { subIndication: s.subIndication } : {}),
    ...(s.errorCode ? { errorCode: s.errorCode } : {}),
    ...(s.signer
      ? {
          signer: {
            name: s.signer.fullName,
            ...(s.signer.iin ? { iin: s.signer.iin } : {}),
            ...(s.signer.bin ? { bin: s.signer.bin } : {}),
            ...(s.signer.organization ? { organization: s.signer.organization } : {}),
            serialNumber: s.signer.serialNumber,
            issuer: s.signer.issuer.commonName ?? s.signer.issuer.text,
            notBefore: s.signer.notBefore,
            notAfter: s.signer.notAfter,
          },
        }
      : {}),
    chain: (c?.chain.path ?? []).map(commonNameOf),
    chainStatus: c?.chain.status ?? 'not-checked',
    revocation: { status: rev?.status ?? 'not-checked', ...(rev && 'source' in rev && rev.source ? { source: rev.source } : {}), ...(rev && 'revokedAt' in rev && rev.revokedAt ? { revokedAt: rev.revokedAt } : {}), checkedAt },
    ...(s.signingTime ? { claimedSigningTime: s.signingTime } : {}),
    level: s.timestamp ? 'CAdES-T' : 'CAdES-BES',
    ...(ts ? { timestamp: ts } : {}),
    ...(ts?.time || s.signingTime ? { bestSignatureTime: ts?.time ?? s.signingTime } : {}),
    algorithm: s.signatureAlgorithm,
    warnings,
  }
}

/** «CN=ИС \\"Автоматические ответы\\", C=KZ, …» → «ИС "Автоматические ответы"»: a chain reads as names. */
function commonNameOf(dn: string): string {
  const m = /(?:^|,\s*)CN=((?:\\.|[^,\\])*)/.exec(dn)
  return m ? m[1].replace(/\\(.)/g, '$1') : dn
}

function verdictOf(indication: Indication, sub: SubIndication | undefined): Verdict {
  if (indication === 'PASSED') return 'valid'
  if (sub === 'REVOKED') return 'revoked'
  if (indication === 'FAILED') return 'tampered'
  return 'indeterminate'
}

/** The online answer folded in: the gateway knows revocations and numbers the printout cannot tell. */
function withOnline(v: DocumentVerification, online: DocumentVerification['online']): DocumentVerification {
  if (!online) return { ...v, warnings: [...v.warnings, 'OFFLINE_ONLY'] }
  if ('error' in online) return { ...v, online, warnings: [...v.warnings, 'ONLINE_UNREACHABLE'] }
  const out = { ...v, online }
  if (v.source === 'typed' || v.verdict === 'valid') {
    const map: Record<PublicVerifyResponse['status'], [Verdict, Indication, SubIndication | undefined, ErrorCode | undefined]> = {
      valid: ['valid', 'PASSED', undefined, undefined],
      tampered: ['tampered', 'FAILED', 'HASH_FAILURE', 'BARCODE_HASH_MISMATCH'],
      revoked: ['revoked', 'INDETERMINATE', 'REVOKED', 'CERT_REVOKED'],
      unknown: ['unknown', 'FAILED', 'SIGNED_DATA_NOT_FOUND', 'VERIFY_DOCUMENT_UNKNOWN'],
    }
    const [verdict, indication, sub, code] = map[online.status]
    // Offline PASSED and online valid agree; any online objection wins over a printout that looks right.
    if (v.source === 'typed' || verdict !== 'valid') {
      out.verdict = verdict
      out.indication = indication
      if (sub) out.subIndication = sub
      else delete out.subIndication
      if (code) out.errorCode = code
      else delete out.errorCode
    }
  }
  return out
}

/**
 * Offline verification of the QR texts read from a printout (then the online answer, when the caller has one).
 * Never throws for bad input: garbage, a missing part, another document's barcode or an altered document is a
 * FAILED / INDETERMINATE report with its code.
 */
export async function verifyBarcode(texts: readonly string[], options: VerifyOptions & { online?: (regNo: string, sha256: string) => Promise<PublicVerifyResponse> }): Promise<DocumentVerification> {
  const checkedAt = (options.at ?? new Date()).toISOString()
  let barcode: SignedBarcode
  try {
    barcode = parseSignedBarcode(texts)
  } catch (err) {
    return unreadable(err, 'barcode', checkedAt)
  }
  const base = await verifySignedBarcode(barcode, options, checkedAt)
  if (!options.online) return withOnline(base, undefined)
  return withOnline(base, await askOnline(options.online, barcode.registrationNumber, barcode.sha256))
}

/** The verdict on input that could not be read at all: altered (FAILED) or not ours / incomplete (INDETERMINATE). */
function unreadable(err: unknown, source: 'barcode' | 'card', checkedAt: string): DocumentVerification {
  const code: ErrorCode = err instanceof ArmError ? err.code : source === 'card' ? 'CARD_UNREADABLE' : 'BARCODE_CORRUPT'
  const tampered = code === 'BARCODE_HASH_MISMATCH' || code === 'BARCODE_CORRUPT' || code === 'BARCODE_MIXED' || code === 'CARD_HASH_MISMATCH'
  return { verdict: tampered ? 'tampered' : 'indeterminate', indication: tampered ? 'FAILED' : 'INDETERMINATE', subIndication: tampered ? (code === 'CARD_HASH_MISMATCH' ? 'HASH_FAILURE' : 'FORMAT_FAILURE') : code === 'CARD_UNREADABLE' ? 'FORMAT_FAILURE' : 'SIGNED_DATA_NOT_FOUND', errorCode: code, source, registrationNumber: '', sha256: '', signatures: [], warnings: [], checkedAt }
}

/**
 * A digital document card (src-shared/print/card.ts): the attached document and its CMS re-read and verified like a
 * printout's barcode (the full CMS, so a CAdES-T timestamp counts). `barcodes`: the QR texts read from the card's
 * own pages, when the caller rasterised them (the CLI does) — they must be this document's, or the card was altered.
 * Never throws for bad input.
 */
export async function verifyCard(pdf: Uint8Array, options: VerifyOptions & { online?: (regNo: string, sha256: string) => Promise<PublicVerifyResponse>; barcodes?: readonly string[] }): Promise<DocumentVerification> {
  const checkedAt = (options.at ?? new Date()).toISOString()
  let card: DocumentCard
  try {
    card = await readDocumentCard(pdf)
  } catch (err) {
    return unreadable(err, 'card', checkedAt)
  }
  const head = { source: 'card' as const, registrationNumber: card.registrationNumber, sha256: card.sha256, checkedAt }
  const extra: VerifyWarning[] = []
  if (options.barcodes) {
    let printed: SignedBarcode | undefined
    try {
      printed = parseSignedBarcode(options.barcodes)
    } catch (err) {
      const code = err instanceof ArmError ? err.code : undefined
      // Nothing of ours read from the page is a weaker check, not a forgery; a barcode that reads wrong is one.
      if (code !== 'BARCODE_FOREIGN' && code !== 'BARCODE_PART_MISSING') return { ...head, verdict: 'tampered', indication: 'FAILED', subIndication: 'HASH_FAILURE', errorCode: 'CARD_BARCODE_MISMATCH', signatures: [], warnings: [] }
      extra.push('CARD_BARCODE_NOT_READ')
    }
    if (printed && (printed.sha256 !== card.sha256 || printed.registrationNumber !== card.registrationNumber)) {
      return { ...head, verdict: 'tampered', indication: 'FAILED', subIndication: 'HASH_FAILURE', errorCode: 'CARD_BARCODE_MISMATCH', signatures: [], warnings: [] }
    }
  }
  const checked = await verifySignedBarcode(card, options, checkedAt, 'card')
  const base = extra.length ? { ...checked, warnings: [...checked.warnings, ...extra] } : checked
  if (!options.online) return withOnline(base, undefined)
  return withOnline(base, await askOnline(options.online, card.registrationNumber, card.sha256))
}

async function askOnline(online: (regNo: string, sha256: string) => Promise<PublicVerifyResponse>, regNo: string, hash: string): Promise<DocumentVerification['online']> {
  try {
    return await online(regNo, hash)
  } catch (err) {
    const code = err instanceof ArmError ? err.code : (err as { code?: unknown })?.code
    return { error: isErrorCode(code) ? code : 'GW_UNAVAILABLE' }
  }
}

/**
 * The report of a signed document the desk holds — a result (the counter, the inbox after a decision) or the
 * operator's request (the inbox) — with the same evidence as a printout's. A result's own number must match.
 */
export async function verifySigned(input: { what: 'result' | 'request'; registrationNumber: string; document: Uint8Array; signature: Uint8Array }, options: VerifyOptions): Promise<DocumentVerification> {
  const checkedAt = (options.at ?? new Date()).toISOString()
  const b = { registrationNumber: input.registrationNumber, sha256: sha256Hex(input.document), document: input.document, signature: input.signature }
  if (input.what === 'result') return verifySignedBarcode(b, options, checkedAt, 'result')
  const head = { source: 'request' as const, registrationNumber: b.registrationNumber, sha256: b.sha256, checkedAt }
  return checkedReport(head, undefined, b, options)
}

async function verifySignedBarcode(b: SignedBarcode, options: VerifyOptions, checkedAt: string, source: 'barcode' | 'result' | 'card' = 'barcode'): Promise<DocumentVerification> {
  const head = { source, registrationNumber: b.registrationNumber, sha256: b.sha256, checkedAt }
  let doc: DecisionDocument
  try {
    doc = parseDecisionBytes(b.document)
  } catch {
    return { ...head, verdict: 'tampered', indication: 'FAILED', subIndication: 'FORMAT_FAILURE', errorCode: 'BARCODE_CORRUPT', signatures: [], warnings: [] }
  }
  const document = { serviceId: doc.serviceId, kind: doc.kind, issuedAt: doc.decidedAt, issuer: doc.signer.unit?.ru ?? doc.signer.name, holder: maskHolderName(doc.applicant.name) }
  // The number printed in the barcode must be the number the signer signed: a real signature under another number is a forgery.
  if (doc.registrationNumber !== b.registrationNumber) return { ...head, document, verdict: 'tampered', indication: 'FAILED', subIndication: 'HASH_FAILURE', errorCode: 'BARCODE_NUMBER_MISMATCH', signatures: [], warnings: [] }
  return checkedReport(head, document, b, options)
}

async function checkedReport(
  head: Pick<DocumentVerification, 'source' | 'registrationNumber' | 'sha256' | 'checkedAt'>,
  document: DocumentVerification['document'],
  b: Pick<SignedBarcode, 'document' | 'signature'>,
  options: VerifyOptions,
): Promise<DocumentVerification> {
  const checkedAt = head.checkedAt
  let report
  try {
    report = await options.check(b.signature, b.document)
  } catch (err) {
    return { ...head, ...(document ? { document } : {}), verdict: 'tampered', indication: 'FAILED', subIndication: 'FORMAT_FAILURE', errorCode: err instanceof ArmError ? err.code : 'CMS_CORRUPT', signatures: [], warnings: [] }
  }
  const signatures = report.signatures.map((s) => evidence(s, checkedAt))
  return {
    ...head,
    ...(document ? { document } : {}),
    verdict: verdictOf(report.indication, report.subIndication),
    indication: report.indication,
    ...(report.subIndication ? { subIndication: report.subIndication } : {}),
    ...(report.errorCode ? { errorCode: report.errorCode } : {}),
    signatures,
    warnings: [...new Set(signatures.flatMap((s) => s.warnings))],
  }
}

/** Number and hash typed from the paper: only the gateway can answer (the signature is in the barcode, not the text). */
export async function verifyTyped(input: { registrationNumber: string; sha256: string }, online: ((regNo: string, sha256: string) => Promise<PublicVerifyResponse>) | undefined, at = new Date()): Promise<DocumentVerification> {
  const registrationNumber = input.registrationNumber.trim()
  const hash = input.sha256.replace(/\s+/g, '').toLowerCase()
  const checkedAt = at.toISOString()
  const head = { source: 'typed' as const, registrationNumber, sha256: hash, checkedAt, signatures: [] }
  if (!registrationNumber || registrationNumber.length > 64 || !/^[0-9a-f]{64}$/.test(hash)) {
    return { ...head, verdict: 'indeterminate', indication: 'INDETERMINATE', subIndication: 'FORMAT_FAILURE', errorCode: 'VERIFY_INPUT_INVALID', warnings: [] }
  }
  const pending: DocumentVerification = { ...head, verdict: 'indeterminate', indication: 'INDETERMINATE', subIndication: 'TRY_LATER', errorCode: 'GW_UNAVAILABLE', warnings: ['NO_SIGNATURE_OFFLINE'] }
  if (!online) return withOnline(pending, undefined)
  return withOnline(pending, await askOnline(online, registrationNumber, hash))
}

/** SHA-256 of the signed bytes as printed under the barcode (for typing in). */
export function printedHash(document: Uint8Array): string {
  return sha256Hex(document)
}
