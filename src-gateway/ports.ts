/**
 * Ports the gateway's services depend on. Real adapters live next to main.ts (crypto verification, catalogue,
 * envelope codec); tests inject the same real adapters, and only the clock is ever replaced.
 */
import type { CertificateFacts, NcaRole } from '../src-shared/crypto'
import type { ErrorCode } from '../src-shared/errors'

export interface Clock {
  now(): number
}
export const systemClock: Clock = { now: () => Date.now() }

/** What the gateway learns about the one signer of a verified CMS. */
export interface SignerFacts {
  iin?: string
  bin?: string
  commonName?: string
  serialHex: string
  issuer: string
  /** Issued by a test CA (NCA test PKI) — accepted only with test trust. */
  test: boolean
  /** The certificate is an AUTH certificate (clientAuth / authentication key usage). */
  auth: boolean
  /** The certificate is a SIGN certificate (keyUsage nonRepudiation, the NCA sign policy): the only kind that signs documents. */
  sign: boolean
  /** The CMS signingTime attribute (ms since epoch), when the signer put one in. */
  signingTime?: number
  /**
   * NCA key-user policy of the certificate (its extendedKeyUsage 1.2.398.3.3.4.1.x): 'head' (first head), 'sign-right'
   * (right to sign), 'employee', … — who may sign a department's decision.
   */
  roles?: NcaRole[]
}

export type SignatureCheck = { ok: true; signer: SignerFacts } | { ok: false; code: ErrorCode; message: string }

/**
 * Verifies a detached (or attached) CMS: signature, chain to a trusted root, revocation at `at`.
 * Never throws for bad input: a forged or damaged CMS is `{ok:false}` with a coded reason.
 */
export interface EnvelopeVerifier {
  verify(input: { content: Uint8Array; cms: Uint8Array; at: Date; detached: boolean }): Promise<SignatureCheck>
  /**
   * A certificate an admin binds to an account (DER or PEM): trusted chain, valid at `at`, AUTH, the account's ИИН
   * when given. Throws the first failure's CERT_* code. Verifiers without it cannot bind certificates.
   */
  checkAuthCertificate?(bytes: Uint8Array, at: Date, expectedIin?: string): Promise<CertificateFacts>
}

/** The canonical envelope as the gateway needs it (src-shared/envelope's RequestEnvelope). */
export interface EnvelopeFacts {
  envelopeId: string
  serviceId: string
  channel: 'tson' | 'provider'
  tsonId?: string
  departmentId?: string
  operatorIin: string
  applicant: { kind: 'person'; iin: string } | { kind: 'entity'; bin: string }
  representative?: { iin: string; poaNumber: string }
  form: Record<string, unknown>
  attachments: { sha256: string; size: number; mediaType: string; docType: string; pages?: number }[]
  createdAt: string
  raw: Record<string, unknown>
}

export type DecodeResult = { ok: true; envelope: EnvelopeFacts } | { ok: false; message: string }

export interface EnvelopeCodec {
  decode(bytes: Uint8Array): DecodeResult
}

/** One service as the gateway routes it. */
export interface RoutedService {
  serviceId: string
  departmentId: string
  /** CATALOG §2.2: A registry-automatic, B provider-manual, C accept-then-paper. */
  pattern: 'A' | 'B' | 'C'
  /** Validates the request form for a channel on a day (YYYY-MM-DD); returns the issues (empty = valid). */
  validateForm(form: unknown, ctx: { channel: 'tson' | 'provider'; today: string; applicant: EnvelopeFacts['applicant'] }): { path: string; message: string }[]
  /**
   * The documents whose scan a request of this service must carry for these form values (pattern B: the specialist
   * decides on the scans, CATALOG CB3), each with its name in kk/ru/en; empty for services answered by a registry.
   */
  requiredScans(form: Record<string, unknown>): { id: string; name: { kk: string; ru: string; en: string } }[]
}

export interface ServiceDirectory {
  service(serviceId: string): RoutedService | undefined
  all(): RoutedService[]
}

/** Signs result documents on behalf of a department (the "department test key"). */
export interface ResultSigner {
  /** The БИН of the department's certificate, named in the document before it is signed. */
  readonly signerBin?: string
  sign(content: Uint8Array): Promise<{ cms: Uint8Array; signerIin?: string; signerBin?: string }>
}
