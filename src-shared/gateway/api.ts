/**
 * The regional gateway's HTTP API (v1): route constants and the zod schemas of every request and response.
 * One definition shared by the gateway (src-gateway validates and answers with these) and the workstation's
 * outbox/sync client (src-main parses answers with these). Error bodies are always ArmErrorPayload.
 */
import { z } from 'zod'
import { isCanonicalBase64 } from '../bytes'
import { ArmErrorPayload } from '../errors'
import { ATTACHMENT_MEDIA_TYPES } from '../media'

export const API_VERSION = 'v1'
const P = '/api/v1'

/** Route templates (Fastify syntax `:param`). Use `route.*` helpers to build concrete URLs. */
export const ROUTES = {
  health: '/health',
  openapi: '/openapi.json',
  login: `${P}/auth/login`,
  loginIin: `${P}/auth/login-iin`,
  challenge: `${P}/auth/challenge`,
  ecp: `${P}/auth/ecp`,
  logout: `${P}/auth/logout`,
  me: `${P}/auth/me`,
  attachment: `${P}/attachments/:sha256`,
  requests: `${P}/requests`,
  request: `${P}/requests/:registrationNumber`,
  requestResult: `${P}/requests/:registrationNumber/result`,
  events: `${P}/events`,
  person: `${P}/registry/persons/:iin`,
  entity: `${P}/registry/entities/:bin`,
  powerOfAttorney: `${P}/registry/powers-of-attorney/:number`,
  civilActs: `${P}/registry/civil-acts`,
  realEstate: `${P}/registry/real-estate`,
  landPlot: `${P}/registry/land-plots/:cadastralNumber`,
  archive: `${P}/registry/archive`,
  guardianship: `${P}/registry/guardianship`,
  inbox: `${P}/inbox`,
  inboxTake: `${P}/inbox/:requestId/take`,
  inboxAssign: `${P}/inbox/:requestId/assign`,
  inboxDecision: `${P}/inbox/:requestId/decision`,
  inboxPreparedDecision: `${P}/inbox/:requestId/prepared-decision`,
  inboxTermExtension: `${P}/inbox/:requestId/term-extension`,
  crl: '/pki/crl/:name',
  ocsp: '/pki/ocsp',
  tsa: '/pki/tsa',
  tsaToken: `${P}/tsa/token`,
  adminFaults: `${P}/admin/faults`,
  adminLog: `${P}/admin/message-log/verify`,
  supervisionSummary: `${P}/supervision/summary`,
  payments: `${P}/payments`,
  payment: `${P}/payments/:registrationNumber`,
  paymentPos: `${P}/payments/:registrationNumber/pos`,
  bankPay: `${P}/payment-gateway/pay`,
  bankCallback: `${P}/payment-gateway/callback`,
  adminBankFaults: `${P}/admin/payment-gateway/faults`,
  adminTestClock: `${P}/admin/test-clock`,
  supervisionPayments: `${P}/supervision/payments`,
  paperHandover: `${P}/requests/:registrationNumber/paper-handover`,
  counterResults: `${P}/counter/results`,
  counterResult: `${P}/counter/results/:registrationNumber`,
  counterHandOver: `${P}/counter/results/:registrationNumber/hand-over`,
  counterPrints: `${P}/counter/results/:registrationNumber/prints`,
  surveyReport: `${P}/supervision/survey-report`,
  publicVerify: '/public/verify/:registrationNumber',
  publicVerifyBarcode: '/public/verify',
} as const

const enc = encodeURIComponent
export const route = {
  attachment: (sha256: string) => `${P}/attachments/${enc(sha256)}`,
  request: (regNo: string) => `${P}/requests/${enc(regNo)}`,
  requestResult: (regNo: string) => `${P}/requests/${enc(regNo)}/result`,
  publicVerify: (regNo: string, sha256: string) => `/public/verify/${enc(regNo)}${qs({ sha256 })}`,
  requestsSince: (cursor?: string) => `${P}/requests${cursor ? `?since=${enc(cursor)}` : ''}`,
  /** `reason`: the request or draft the lookup is for (recorded with the lookup; optional for now, issue 10 point 13). */
  person: (iin: string, reason?: string) => `${P}/registry/persons/${enc(iin)}${qs({ reason })}`,
  entity: (bin: string) => `${P}/registry/entities/${enc(bin)}`,
  powerOfAttorney: (n: string, q: { principalIin?: string; agentIin?: string } = {}) =>
    `${P}/registry/powers-of-attorney/${enc(n)}${qs(q)}`,
  civilActs: (q: { iin: string; type?: CivilActType }) => `${P}/registry/civil-acts${qs(q)}`,
  realEstate: (q: { iin?: string; bin?: string }) => `${P}/registry/real-estate${qs(q)}`,
  landPlot: (cad: string) => `${P}/registry/land-plots/${enc(cad)}`,
  archive: (q: { iin?: string; bin?: string; query?: string }) => `${P}/registry/archive${qs(q)}`,
  inboxTake: (id: string) => `${P}/inbox/${enc(id)}/take`,
  inboxAssign: (id: string) => `${P}/inbox/${enc(id)}/assign`,
  inboxDecision: (id: string) => `${P}/inbox/${enc(id)}/decision`,
  inboxPreparedDecision: (id: string) => `${P}/inbox/${enc(id)}/prepared-decision`,
  inboxTermExtension: (id: string) => `${P}/inbox/${enc(id)}/term-extension`,
  crl: (name: string) => `/pki/crl/${enc(name)}.crl`,
  payment: (regNo: string) => `${P}/payments/${enc(regNo)}`,
  paymentPos: (regNo: string) => `${P}/payments/${enc(regNo)}/pos`,
  supervisionPayments: (days?: number) => `${P}/supervision/payments${qs({ days: days === undefined ? undefined : String(days) })}`,
  paperHandover: (regNo: string) => `${P}/requests/${enc(regNo)}/paper-handover`,
  counterResults: (q: { state?: CounterState; cursor?: string; limit?: number } = {}) =>
    `${P}/counter/results${qs({ state: q.state, cursor: q.cursor, limit: q.limit === undefined ? undefined : String(q.limit) })}`,
  counterResult: (regNo: string) => `${P}/counter/results/${enc(regNo)}`,
  counterHandOver: (regNo: string) => `${P}/counter/results/${enc(regNo)}/hand-over`,
  counterPrints: (regNo: string) => `${P}/counter/results/${enc(regNo)}/prints`,
  surveyReport: (q: { from: string; to: string }) => `${P}/supervision/survey-report${qs(q)}`,
} as const

function qs(q: Record<string, string | undefined>): string {
  const parts = Object.entries(q).filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `${enc(k)}=${enc(v as string)}`)
  return parts.length ? `?${parts.join('&')}` : ''
}

/** Header carrying the client's idempotency key on POST /requests (and decisions). */
export const IDEMPOTENCY_HEADER = 'idempotency-key'

// ───────────────────────────── primitives ─────────────────────────────

export const Iin = z.string().regex(/^\d{12}$/, 'ИИН: 12 digits')
export const Bin = z.string().regex(/^\d{12}$/, 'БИН: 12 digits')
export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'lower-case hex SHA-256')
/** Canonical padded base64 only (src-shared/bytes): a signed body has one spelling. */
export const Base64 = z.string().refine(isCanonicalBase64, 'base64')
export const IsoDateTime = z.string().datetime({ offset: true })
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)
export const Idempotency = z.string().min(8).max(200).regex(/^[A-Za-z0-9._:-]+$/)

/** Localised text in the three UI languages (state language first). */
export const LocalText = z.object({ kk: z.string(), ru: z.string(), en: z.string() })
export type LocalText = z.infer<typeof LocalText>

export const ErrorBody = ArmErrorPayload
export type ErrorBody = z.infer<typeof ErrorBody>

// ───────────────────────────── health ─────────────────────────────

export const HealthResponse = z.object({ ok: z.literal(true), version: z.string(), db: z.enum(['sqlite', 'postgres']) })
export type HealthResponse = z.infer<typeof HealthResponse>

// ───────────────────────────── auth ─────────────────────────────

/**
 * `supervisor`: the akimat's (bound to a department and so its region); `tson_supervisor`: a ЦОН's (bound to a ЦОН);
 * `auditor`: reads and exports the audit trail.
 */
export const Role = z.enum(['tson_operator', 'provider_specialist', 'supervisor', 'admin', 'tson_supervisor', 'auditor'])
export type Role = z.infer<typeof Role>

export const SessionUser = z.object({
  id: z.string(),
  role: Role,
  displayName: z.string(),
  iin: Iin.optional(),
  tsonId: z.string().optional(),
  departmentId: z.string().optional(),
})
export type SessionUser = z.infer<typeof SessionUser>

export const Session = z.object({ token: z.string().min(32), expiresAt: IsoDateTime, user: SessionUser })
export type Session = z.infer<typeof Session>

export const LoginRequest = z.object({ login: z.string().min(1).max(100), password: z.string().min(1).max(200) })
export type LoginRequest = z.infer<typeof LoginRequest>

export const LoginIinRequest = z.object({ iin: Iin, password: z.string().min(1).max(200) })
export type LoginIinRequest = z.infer<typeof LoginIinRequest>

export const ChallengeRequest = z.object({}).strict()
export const ChallengeResponse = z.object({
  challengeId: z.string(),
  /** ≥ 32 random bytes, base64; the client signs exactly these bytes. */
  challenge: Base64,
  expiresAt: IsoDateTime,
})
export type ChallengeResponse = z.infer<typeof ChallengeResponse>

export const EcpLoginRequest = z.object({
  challengeId: z.string().min(1).max(100),
  /** base64 CMS SignedData over the challenge bytes (attached or detached), signed with an AUTH certificate. */
  cms: Base64.min(1),
})
export type EcpLoginRequest = z.infer<typeof EcpLoginRequest>

export const LogoutResponse = z.object({ ok: z.literal(true) })

// ───────────────────────────── attachments ─────────────────────────────

export { ATTACHMENT_MEDIA_TYPES }
export const AttachmentMediaType = z.enum(ATTACHMENT_MEDIA_TYPES)
/** Upper bound of one attachment; the gateway answers 413 GW_PAYLOAD_TOO_LARGE above it. */
export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024

export const AttachmentPutResponse = z.object({ sha256: Sha256Hex, size: z.number().int().nonnegative() })
export type AttachmentPutResponse = z.infer<typeof AttachmentPutResponse>
/*
 * GET /attachments/:sha256 answers the stored bytes with the stored media type, `Content-Disposition: inline` and
 * `X-Content-Type-Options: nosniff`; only the ЦОН that uploaded or referenced it and the staff of the department the
 * referencing request is routed to may read it (GW_FORBIDDEN), unknown hashes are 404 GW_ATTACHMENT_MISSING.
 */

// ───────────────────────────── requests ─────────────────────────────

/** Statuses as in CATALOG §2.3; the gateway sets REGISTERED … ISSUED. */
export const RequestStatus = z.enum([
  'DRAFT', 'CHECKING', 'FORMED', 'SIGNED', 'SENT', 'DELIVERED', 'REGISTERED', 'IN_PROCESSING', 'AWAITING_PAYMENT',
  'EXPIRED', 'RESULT_READY', 'ISSUED', 'REJECTED', 'REFUSED', 'CANCELLED',
])
export type RequestStatus = z.infer<typeof RequestStatus>

/** Upper bound of the JSON body of POST /requests. */
export const ENVELOPE_MAX_BYTES = 1024 * 1024

export const SubmitRequest = z.object({
  /** base64 of the canonical envelope bytes (src-shared/envelope encodeEnvelope). */
  envelope: Base64.min(1),
  /** base64 detached CMS SignedData over exactly those bytes. */
  signature: Base64.min(1),
})
export type SubmitRequest = z.infer<typeof SubmitRequest>

export const SubmitResponse = z.object({
  requestId: z.string(),
  registrationNumber: z.string(),
  status: RequestStatus,
  receivedAt: IsoDateTime,
})
export type SubmitResponse = z.infer<typeof SubmitResponse>

export const StatusChange = z.object({
  /** Monotonic sequence number; also the polling cursor. */
  seq: z.number().int().positive(),
  requestId: z.string(),
  registrationNumber: z.string(),
  serviceId: z.string(),
  envelopeId: z.string().optional(),
  status: RequestStatus,
  at: IsoDateTime,
  /** Free-form note (e.g. the refusal reason code). */
  note: z.string().optional(),
})
export type StatusChange = z.infer<typeof StatusChange>

export const ResultKind = z.enum(['result', 'refusal'])
export type ResultKind = z.infer<typeof ResultKind>

export const ResultSummary = z.object({
  kind: ResultKind,
  decidedAt: IsoDateTime,
  /** Refusal reason code (M4…M7 or REGISTRY_* code) and text. */
  reasonCode: z.string().optional(),
  reason: z.string().optional(),
  /** Where to download: GET route.requestResult(regNo). */
  href: z.string(),
  sha256: Sha256Hex,
  signerIin: Iin.optional(),
  signerBin: Bin.optional(),
  /**
   * A result the regulation gives a validity (the preschool направление: five days from issue): until when it must be
   * used, and whether that time has passed; after it the направление is void and the child keeps the queue place.
   */
  validUntil: IsoDateTime.optional(),
  expired: z.boolean().optional(),
})
export type ResultSummary = z.infer<typeof ResultSummary>

export const RequestStatusResponse = z.object({
  requestId: z.string(),
  registrationNumber: z.string(),
  serviceId: z.string(),
  envelopeId: z.string(),
  tsonId: z.string().optional(),
  departmentId: z.string(),
  status: RequestStatus,
  receivedAt: IsoDateTime,
  /**
   * Its place in the department's waiting list (the preschool queue, the housing queue), once a positive decision put
   * it there; the housing queue also names the housing commission's decision (No., yyyy-MM-dd date) that registered it.
   */
  queue: z
    .object({
      category: z.string(),
      position: z.number().int().min(1),
      commissionDecision: z.object({ number: z.string(), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }).optional(),
    })
    .optional(),
  /** Each step the request went through: its status, when it began and who moved it there (absent: the system). */
  statusHistory: z.array(z.object({ status: RequestStatus, at: IsoDateTime, note: z.string().optional(), by: z.string().optional() })),
  result: ResultSummary.optional(),
})
export type RequestStatusResponse = z.infer<typeof RequestStatusResponse>

export const StatusChangesQuery = z.object({ since: z.string().regex(/^\d+$/).optional(), limit: z.coerce.number().int().min(1).max(1000).optional() })
export const StatusChangesResponse = z.object({ items: z.array(StatusChange), cursor: z.string() })
export type StatusChangesResponse = z.infer<typeof StatusChangesResponse>

/**
 * The result document: JSON payload (what the provider decided, for the workstation to render as a PDF with the
 * barcode) plus a detached CMS over the canonical bytes of `document`.
 */
export const ResultDocument = z.object({
  registrationNumber: z.string(),
  kind: ResultKind,
  /** base64 of the signed bytes (canonical JSON of the decision payload). */
  document: Base64,
  mediaType: z.enum(['application/json', 'application/pdf']),
  /** base64 detached CMS over `document`. */
  signature: Base64,
  decidedAt: IsoDateTime,
  signedBy: z.enum(['specialist', 'department']),
})
export type ResultDocument = z.infer<typeof ResultDocument>

// ───────────────────────────── public verification (issue 17) ─────────────────────────────

/** A desk asks for a signature-time-stamp: SHA-256 of its signature value (the key and the signature stay on the desk). */
export const TimeStampTokenRequest = z.strictObject({ imprint: Sha256Hex })
/** The RFC 3161 token (DER ContentInfo, base64) to add as the signature-time-stamp unsigned attribute. */
export const TimeStampTokenResponse = z.object({ token: z.string().min(1), time: z.string() })
export type TimeStampTokenResponse = z.infer<typeof TimeStampTokenResponse>

/** A printout's unique number and the SHA-256 printed under its barcode (lower-case hex). */
export const PublicVerifyQuery = z.object({ sha256: Sha256Hex })
/**
 * What anyone holding a printout may learn, and nothing more: valid / tampered (the number exists, the hash is not its
 * document's) / revoked (the signer's certificate was revoked) / unknown. Details only for a document the caller has
 * proven to hold (the right hash): service, issue date, issuer and the holder's name masked.
 */
export const PublicVerifyResponse = z.object({
  status: z.enum(['valid', 'tampered', 'revoked', 'unknown']),
  registrationNumber: z.string(),
  checkedAt: IsoDateTime,
  serviceId: z.string().optional(),
  serviceName: z.object({ kk: z.string(), ru: z.string(), en: z.string() }).optional(),
  issuedAt: IsoDateTime.optional(),
  issuer: z.string().optional(),
  holder: z.string().optional(),
})
export type PublicVerifyResponse = z.infer<typeof PublicVerifyResponse>
/** The decoded texts of a printout's QR codes (src-shared/verify/barcode.ts), for a client that cannot parse them. */
export const PublicVerifyBarcodeRequest = z.strictObject({ parts: z.array(z.string().max(4000)).min(1).max(8) })

/** SSE: each `data:` line is one StatusChange JSON; event name `status`; `id:` = seq (Last-Event-ID resumes). */
export const SSE_EVENT_STATUS = 'status'

// ───────────────────────────── registries ─────────────────────────────

export const PersonName = z.object({ lastName: z.string(), firstName: z.string(), middleName: z.string().optional() })
export const Person = z.object({
  iin: Iin,
  name: z.object({ kk: PersonName, ru: PersonName }),
  birthDate: IsoDate,
  sex: z.enum(['M', 'F']),
  citizenship: z.string(),
  address: z.object({ kk: z.string(), ru: z.string() }),
  document: z.object({ kind: z.enum(['id-card', 'passport', 'birth-certificate']), number: z.string(), issuedAt: IsoDate, validUntil: IsoDate.optional() }).optional(),
  deceased: z.boolean().optional(),
})
export type Person = z.infer<typeof Person>

export const Entity = z.object({
  bin: Bin,
  name: z.object({ kk: z.string(), ru: z.string() }),
  legalForm: z.string(),
  registeredAt: IsoDate,
  address: z.object({ kk: z.string(), ru: z.string() }),
  head: z.object({ iin: Iin, name: z.object({ kk: PersonName, ru: PersonName }), position: z.object({ kk: z.string(), ru: z.string() }) }),
  founders: z.array(z.union([
    z.object({ kind: z.literal('person'), iin: Iin, name: z.object({ kk: PersonName, ru: PersonName }), sharePercent: z.number() }),
    z.object({ kind: z.literal('entity'), bin: Bin, name: z.object({ kk: z.string(), ru: z.string() }), sharePercent: z.number() }),
  ])),
  branches: z.array(z.object({ bin: Bin, name: z.object({ kk: z.string(), ru: z.string() }) })),
  status: z.enum(['active', 'liquidated']),
})
export type Entity = z.infer<typeof Entity>

export const PowerOfAttorney = z.object({
  number: z.string(),
  principalIin: Iin,
  agentIin: Iin,
  notary: z.string(),
  issuedAt: IsoDate,
  validUntil: IsoDate,
  scope: z.array(z.string()),
  revoked: z.boolean(),
})
export type PowerOfAttorney = z.infer<typeof PowerOfAttorney>

export const CivilActType = z.enum(['birth', 'marriage', 'divorce', 'name-change'])
export type CivilActType = z.infer<typeof CivilActType>
export const CivilAct = z.object({
  actNumber: z.string(),
  type: CivilActType,
  registeredAt: IsoDate,
  registryOffice: z.object({ kk: z.string(), ru: z.string() }),
  /** Persons with a role in the act (child/mother/father, spouses, the person renamed). */
  parties: z.array(z.object({ role: z.string(), iin: Iin, name: z.object({ kk: PersonName, ru: PersonName }) })),
  details: z.record(z.string(), z.string()),
})
export type CivilAct = z.infer<typeof CivilAct>
export const CivilActsQuery = z.object({ iin: Iin, type: CivilActType.optional() })
export const CivilActsResponse = z.object({ items: z.array(CivilAct) })

export const RealEstate = z.object({
  cadastralNumber: z.string(),
  kind: z.enum(['apartment', 'house', 'non-residential', 'land']),
  address: z.object({ kk: z.string(), ru: z.string() }),
  areaM2: z.number(),
  owners: z.array(z.object({ iin: Iin.optional(), bin: Bin.optional(), sharePercent: z.number(), since: IsoDate })),
  encumbrances: z.array(z.object({ kind: z.string(), holder: z.string(), since: IsoDate })),
  technical: z.object({ floors: z.number().int().optional(), rooms: z.number().int().optional(), builtYear: z.number().int().optional() }),
})
export type RealEstate = z.infer<typeof RealEstate>
export const RealEstateQuery = z.object({ iin: Iin.optional(), bin: Bin.optional() }).refine((q) => !!q.iin !== !!q.bin, 'exactly one of iin, bin')
export const RealEstateResponse = z.object({ items: z.array(RealEstate) })

/** Cadastral number as the catalogue accepts it (`-` or `:` separators); the registries store the `:` form. */
export const CadastralNumber = z.string().regex(/^\d{2}[-:]\d{3}[-:]\d{3}[-:]\d{3,4}$/, 'cadastral number NN:NNN:NNN:NNNN')
export const LandPlot = z.object({
  cadastralNumber: CadastralNumber,
  address: z.object({ kk: z.string(), ru: z.string() }),
  areaHa: z.number(),
  purpose: z.object({ kk: z.string(), ru: z.string() }),
  rightKind: z.enum(['ownership', 'permanent-use', 'temporary-use']),
  holders: z.array(z.object({ iin: Iin.optional(), bin: Bin.optional() })),
  primaryTitle: z.object({ documentNumber: z.string(), issuedAt: IsoDate, issuer: z.string() }),
  idDocument: z.object({ status: z.enum(['ordered', 'in-production', 'ready', 'issued']), number: z.string().optional(), updatedAt: IsoDate }),
  /** Кадастровая (оценочная) стоимость, тенге: printed in the cadastral information справка. */
  cadastralValue: z.number().nonnegative().optional(),
})
export type LandPlot = z.infer<typeof LandPlot>

export const ArchiveRecord = z.object({
  id: z.string(),
  archive: z.object({ kk: z.string(), ru: z.string() }),
  fund: z.string(),
  inventory: z.string(),
  file: z.string(),
  subject: z.object({ iin: Iin.optional(), bin: Bin.optional() }),
  topic: z.enum(['employment', 'salary', 'education', 'land', 'social', 'other']),
  summary: z.object({ kk: z.string(), ru: z.string() }),
  period: z.object({ from: IsoDate, to: IsoDate }),
})
export type ArchiveRecord = z.infer<typeof ArchiveRecord>
export const ArchiveQuery = z.object({ iin: Iin.optional(), bin: Bin.optional(), query: z.string().max(200).optional() })
export const ArchiveResponse = z.object({ items: z.array(ArchiveRecord) })

/** The electronic register of guardianship and trusteeship (simulated): who is the guardian of whom, by which act. */
export const GuardianshipRecord = z.object({
  id: z.string(),
  guardianIin: Iin,
  wardIin: Iin,
  kind: z.enum(['guardianship', 'trusteeship']),
  resolution: z.object({ number: z.string(), date: IsoDate }),
  body: z.object({ kk: z.string(), ru: z.string() }),
})
export type GuardianshipRecord = z.infer<typeof GuardianshipRecord>
export const GuardianshipQuery = z.object({ guardianIin: Iin, wardIin: Iin.optional() })
export const GuardianshipResponse = z.object({ items: z.array(GuardianshipRecord) })

/**
 * Why a registry lookup of personal data is made: the id of the request or draft it serves (`?reason=`). Recorded with
 * the lookup (who, when, whose ИИН masked, why). Optional until the renderer sends it on every lookup.
 */
export const REGISTRY_REASON_PARAM = 'reason'
export const RegistryReason = z.string().regex(/^[A-Za-z0-9._:-]{1,100}$/, 'reason: a request or draft id')
export const RegistryReasonQuery = z.object({ reason: RegistryReason.optional() })

export const PoaQuery = z.object({ principalIin: Iin.optional(), agentIin: Iin.optional() })

// ───────────────────────────── provider inbox ─────────────────────────────

/** A decision the specialist prepared for the department's authorised person to review and sign (issue 13 point 2). */
export const PreparedDecision = z.object({
  kind: ResultKind,
  payload: Base64,
  /** Who prepared it: the specialist's name (and account id). */
  preparedBy: z.string(),
  preparedById: z.string(),
  preparedAt: IsoDateTime,
})
export type PreparedDecision = z.infer<typeof PreparedDecision>
export const InboxItem = z.object({
  requestId: z.string(),
  registrationNumber: z.string(),
  serviceId: z.string(),
  departmentId: z.string(),
  tsonId: z.string().optional(),
  status: RequestStatus,
  receivedAt: IsoDateTime,
  assigneeId: z.string().optional(),
  /** The assignee's name, for the screens (they never show the account id). */
  assigneeName: z.string().optional(),
  /** The regulated deadline written at registration (absent when the catalogue does not know the service's term). */
  dueAt: IsoDateTime.optional(),
  /** The decoded canonical envelope (form, applicant, attachments) for the specialist to check. */
  envelope: z.record(z.string(), z.unknown()),
  /** base64 of the original envelope bytes and the operator's CMS, so the specialist can re-verify. */
  envelopeBytes: Base64,
  signature: Base64,
  /** The decision prepared for signing, while the request waits for the authorised person. */
  prepared: PreparedDecision.optional(),
})
export type InboxItem = z.infer<typeof InboxItem>
/** Default and largest page of GET /inbox. */
export const INBOX_PAGE_DEFAULT = 100
export const INBOX_PAGE_MAX = 500
/**
 * GET /inbox: one page in work order — open requests first, nearest regulated deadline first, then settled ones newest
 * first. Without `cursor` the first page; pass the answer's `next` as `cursor` for the following one (same filters).
 */
export const InboxQuery = z.object({
  status: RequestStatus.optional(),
  mine: z.enum(['1', '0']).optional(),
  service: z.string().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(INBOX_PAGE_MAX).optional(),
  cursor: z.string().max(300).optional(),
})
export const InboxResponse = z.object({
  items: z.array(InboxItem),
  /** Cursor of the next page; absent on the last page. */
  next: z.string().optional(),
})
export type InboxResponse = z.infer<typeof InboxResponse>

export const TakeResponse = z.object({ requestId: z.string(), status: RequestStatus, assigneeId: z.string() })
export type TakeResponse = z.infer<typeof TakeResponse>
export const AssignRequest = z.object({ assigneeId: z.string().min(1) })

export const DecisionRequest = z.object({
  kind: ResultKind,
  /** base64 of the signed `arm.decision/1` document (src-shared/results): canonical JSON naming request, template, values. */
  payload: Base64.min(1),
  /** Unused: a refusal's ground and words are inside the signed document (`refusal`), where they cannot be changed. */
  reason: z.string().min(1).max(4000).optional(),
  /** When sent, must equal the signed document's refusal ground. */
  reasonCode: z.string().max(64).optional(),
  /** base64 detached CMS over `payload`, signed by the specialist (signer ИИН = signed-in specialist). */
  signature: Base64.min(1),
})
export type DecisionRequest = z.infer<typeof DecisionRequest>
/**
 * The specialist prepares a decision (issue 13 point 2): the unsigned `arm.decision/1` document, checked like a signed
 * one, kept at the gateway for the department's authorised person — a certificate with NCA's "first head" or "right to
 * sign" policy and the department's БИН — to review and sign through POST …/decision with these very contents.
 */
export const PrepareDecisionRequest = z.object({
  kind: ResultKind,
  /** base64 of the `arm.decision/1` document (canonical JSON) as the authorised person will sign it. */
  payload: Base64.min(1),
})
export type PrepareDecisionRequest = z.infer<typeof PrepareDecisionRequest>
export const PrepareDecisionResponse = z.object({ requestId: z.string(), registrationNumber: z.string(), prepared: PreparedDecision })
export type PrepareDecisionResponse = z.infer<typeof PrepareDecisionResponse>
export const DecisionResponse = z.object({ requestId: z.string(), registrationNumber: z.string(), status: RequestStatus, decidedAt: IsoDateTime })
export type DecisionResponse = z.infer<typeof DecisionResponse>

/** Term extension (CATALOG G16, TERM_EXTENDED / N1): once, by the assignee, with a reason; the gateway computes the new deadline. */
export const TERM_REASON_MAX = 500
export const TermExtensionRequest = z.object({ reason: z.string().trim().min(1).max(TERM_REASON_MAX) })
export type TermExtensionRequest = z.infer<typeof TermExtensionRequest>
export const TermExtensionResponse = z.object({
  requestId: z.string(), registrationNumber: z.string(), status: RequestStatus,
  previousDueAt: IsoDateTime, dueAt: IsoDateTime, extendedAt: IsoDateTime, reason: z.string(),
})
export type TermExtensionResponse = z.infer<typeof TermExtensionResponse>

// ───────────────────────────── admin: fault injection ─────────────────────────────

export const FaultConfig = z.object({
  /** Added delay before every /api answer, ms. */
  latencyMs: z.number().int().min(0).max(60_000),
  /** Share 0..1 of /api requests answered 503 GW_UNAVAILABLE before any work. */
  error5xxRate: z.number().min(0).max(1),
  /** Share 0..1 answered 429 GW_RATE_LIMITED with Retry-After. */
  rateLimitRate: z.number().min(0).max(1),
  retryAfterSeconds: z.number().int().min(0).max(3600),
  /** Share 0..1 of committed writes whose response is dropped (socket destroyed after the commit). */
  dropAfterCommitRate: z.number().min(0).max(1),
  /** Share 0..1 of requests whose connection is reset before any work. */
  resetRate: z.number().min(0).max(1),
  /** The НУЦ time-stamping service is down: tokens are refused, signatures stay CAdES-BES until it is back. */
  tsaDown: z.boolean(),
})
export type FaultConfig = z.infer<typeof FaultConfig>
export const NO_FAULTS: FaultConfig = { latencyMs: 0, error5xxRate: 0, rateLimitRate: 0, retryAfterSeconds: 1, dropAfterCommitRate: 0, resetRate: 0, tsaDown: false }
export const FaultConfigPatch = FaultConfig.partial()

/** GET /admin/message-log/verify: walks the hash chain of the message log. */
export const LogVerifyResponse = z.union([z.object({ ok: z.literal(true), length: z.number().int() }), z.object({ ok: z.literal(false), brokenAt: z.number().int() })])
export type LogVerifyResponse = z.infer<typeof LogVerifyResponse>


// ───────────────────────────── supervision ─────────────────────────────

/** One group of the supervision summary: how many requests, how many still open, how many of the open past their deadline. */
export const SummaryCount = z.object({ count: z.number().int().nonnegative(), open: z.number().int().nonnegative(), overdue: z.number().int().nonnegative() })
/**
 * GET /supervision/summary (supervisor, admin): counts over the region's requests per status, per department and per
 * ЦОН (`tsonId` absent = walk-in at the provider), with overdue = not settled (terminal or RESULT_READY) and past the
 * regulated deadline (src-shared/calendar deadline() with the catalogue's term).
 */
export const SupervisionSummary = z.object({
  generatedAt: IsoDateTime,
  total: SummaryCount,
  byStatus: z.array(z.object({ status: RequestStatus, count: z.number().int().nonnegative() })),
  byDepartment: z.array(SummaryCount.extend({ departmentId: z.string() })),
  byTson: z.array(SummaryCount.extend({ tsonId: z.string().optional() })),
  /** Requests whose service this gateway's catalogue does not know (no deadline can be computed). */
  unknownTerm: z.number().int().nonnegative(),
})
export type SupervisionSummary = z.infer<typeof SupervisionSummary>


// ───────────────────────────── state duty (ЗАГС, CATALOG §2.5.4) ─────────────────────────────

const Tiyn = z.number().int().nonnegative().max(1e12)
export const PaymentChannel = z.enum(['pos', 'phone'])
export const PaymentOutcome = z.enum(['paid', 'declined', 'refunded'])

/** One bank transaction about a duty (declined ones stay on record: M9 with the bank's words). */
export const PaymentTransaction = z.object({
  transactionId: z.string(), at: IsoDateTime, amountTiyn: Tiyn, channel: PaymentChannel, outcome: PaymentOutcome,
  receiptNumber: z.string().optional(), refundNumber: z.string().optional(), reason: z.string().optional(),
})

/**
 * GET /payments/:registrationNumber: the state duty of a request — amount in tiyn (1 ₸ = 100), the МРП it is a share
 * of, the due time, and the gateway's `now` (the desk counts the time left from it, not from its own clock).
 */
export const PaymentView = z.object({
  registrationNumber: z.string(), serviceId: z.string(), tsonId: z.string().optional(), amountTiyn: Tiyn,
  mrp: z.object({ year: z.number().int(), tenge: z.number().int(), percent: z.number().int() }),
  offeredAt: IsoDateTime, dueAt: IsoDateTime, now: IsoDateTime, state: z.enum(['awaiting', 'paid', 'expired']),
  paidAt: IsoDateTime.optional(), receiptNumber: z.string().optional(), channel: PaymentChannel.optional(), expiredAt: IsoDateTime.optional(),
  transactions: z.array(PaymentTransaction),
})
export type PaymentView = z.infer<typeof PaymentView>
export const PaymentList = z.object({ items: z.array(PaymentView) })
export type PaymentList = z.infer<typeof PaymentList>

/** POST /payments/:registrationNumber/pos: the ЦОН counter's POS. A retry after a timeout reuses its transactionId. */
export const PosPaymentRequest = z.strictObject({ transactionId: z.string().uuid(), amountTiyn: Tiyn })
/** POST /payment-gateway/pay: the consumer pays on their phone (the simulated e-government payment page). */
export const PhonePaymentRequest = z.strictObject({ registrationNumber: z.string().min(1).max(64), transactionId: z.string().uuid(), amountTiyn: Tiyn })
export const PaymentAttemptResponse = z.object({
  outcome: PaymentOutcome, duplicate: z.boolean(), receiptNumber: z.string().optional(), refundNumber: z.string().optional(), reason: z.string().optional(),
})
export type PaymentAttemptResponse = z.infer<typeof PaymentAttemptResponse>

/** POST /payment-gateway/callback: the bank's signed callback (header x-payment-signature: HMAC-SHA256 hex of the canonical JSON). */
export const BankCallbackBody = z.strictObject({
  transactionId: z.string().min(1).max(100), registrationNumber: z.string().min(1).max(64), amountTiyn: Tiyn, channel: PaymentChannel,
  outcome: z.enum(['approved', 'declined']), receiptNumber: z.string().max(64).optional(), declineReason: z.string().max(500).optional(),
})
export const PAYMENT_SIGNATURE_HEADER = 'x-payment-signature'

/** The simulated bank's own faults (admin): the next N charges declined, answers lost (late callback), callbacks doubled. */
export const PaymentBankFaults = z.object({
  declineNext: z.number().int().min(0).max(1000), timeoutNext: z.number().int().min(0).max(1000),
  duplicateCallbacksNext: z.number().int().min(0).max(1000), callbackDelayMs: z.number().int().min(0).max(60_000),
})
export type PaymentBankFaults = z.infer<typeof PaymentBankFaults>
export const PaymentBankFaultsPatch = PaymentBankFaults.partial()

/** POST /admin/test-clock (only with GATEWAY_TEST_CLOCK=1): moves the gateway's clock forward. */
export const TestClockRequest = z.strictObject({ advanceMs: z.number().int().min(0).max(400 * 86_400_000) })
export const TestClockResponse = z.object({ now: IsoDateTime, offsetMs: z.number().int() })

/** GET /supervision/payments?days=N: per Kazakhstan day and ЦОН, duties paid (count, sum), expired, refunded, awaiting. */
export const PaymentFiguresQuery = z.object({ days: z.coerce.number().int().min(1).max(366).optional() })
export const PaymentFigures = z.object({
  since: IsoDateTime, now: IsoDateTime,
  rows: z.array(z.object({
    day: IsoDate, tsonId: z.string().optional(), paid: z.number().int(), paidTiyn: Tiyn, expired: z.number().int(), refunded: z.number().int(), awaiting: z.number().int(),
  })),
  expired: z.array(z.object({ registrationNumber: z.string(), serviceId: z.string(), tsonId: z.string().optional(), amountTiyn: Tiyn, dueAt: IsoDateTime })),
})
export type PaymentFigures = z.infer<typeof PaymentFigures>

/** POST /requests/:registrationNumber/paper-handover: the ЗАГС specialist hands the paper certificate over (→ ISSUED). */
export const PaperHandoverResponse = z.object({ registrationNumber: z.string(), status: RequestStatus, at: IsoDateTime })
// ───────────────────────────── the ЦОН counter ─────────────────────────────

/** The counter's view of a request: waiting for a decision, result ready, refused (not handed over), issued. */
export const CounterState = z.enum(['waiting', 'ready', 'refused', 'issued'])
export type CounterState = z.infer<typeof CounterState>
export const COUNTER_PAGE_MAX = 200

export const SurveyScore = z.union([z.literal(1), z.literal(2), z.literal(3)])
/** CATALOG §5.7: q1 «качество» (process and result), q2 «доступность» (information on the procedure); 1…3 each. */
export const SurveyAnswers = z.object({ q1: SurveyScore, q2: SurveyScore })
export type SurveyAnswers = z.infer<typeof SurveyAnswers>

export const CounterItem = z.object({
  requestId: z.string(),
  registrationNumber: z.string(),
  serviceId: z.string(),
  status: RequestStatus,
  state: CounterState,
  receivedAt: IsoDateTime,
  dueAt: IsoDateTime.optional(),
  /** The applicant's ИИН/БИН, masked (8307******67). */
  applicantMasked: z.string(),
  resultKind: ResultKind.optional(),
  decidedAt: IsoDateTime.optional(),
  reasonCode: z.string().optional(),
  reason: z.string().optional(),
  handedOverAt: IsoDateTime.optional(),
  /** The display name of who handed it over. */
  handedOverBy: z.string().optional(),
})
export type CounterItem = z.infer<typeof CounterItem>

/** GET /counter/results: a page of the ЦОН's requests, newest first (same cursor rules as the inbox). */
export const CounterQuery = z.object({
  state: CounterState.optional(),
  limit: z.coerce.number().int().min(1).max(COUNTER_PAGE_MAX).optional(),
  cursor: z.string().max(300).optional(),
})
export const CounterResponse = z.object({ items: z.array(CounterItem), next: z.string().optional() })
export type CounterResponse = z.infer<typeof CounterResponse>

export const PrintDocument = z.enum(['result', 'receipt'])
export type PrintDocument = z.infer<typeof PrintDocument>
export const PrintEntry = z.object({
  at: IsoDateTime,
  /** Display name of who printed. */
  by: z.string(),
  document: PrintDocument,
  reprint: z.boolean(),
  reason: z.string().optional(),
})
export type PrintEntry = z.infer<typeof PrintEntry>

/** GET /counter/results/:regNo: the request at the counter with its signed document (when decided), prints and survey. */
export const CounterResultResponse = z.object({
  item: CounterItem,
  result: ResultDocument.optional(),
  prints: z.array(PrintEntry),
  survey: SurveyAnswers.extend({ at: IsoDateTime }).optional(),
})
export type CounterResultResponse = z.infer<typeof CounterResultResponse>

/** POST …/hand-over: the consumer takes the result (→ ISSUED) or the refusal (handedOverAt); the survey if answered. */
export const HandOverRequest = z.object({ survey: SurveyAnswers.optional() }).strict()
export type HandOverRequest = z.infer<typeof HandOverRequest>

/** POST …/prints: records a print; every print after the first of the same document is a reprint and needs a reason. */
export const PrintRequest = z.object({ document: PrintDocument, reason: z.string().trim().min(3).max(500).optional() }).strict()
export type PrintRequest = z.infer<typeof PrintRequest>

export const SurveyReportQuery = z.object({ from: IsoDate, to: IsoDate })
export const SurveyIndicator = z.object({
  /** How many chose answer 1, 2, 3. */
  answers: z.tuple([z.number().int(), z.number().int(), z.number().int()]),
  /** Share (0…100, one decimal) of «удовлетворен» answers. */
  satisfiedPercent: z.number(),
})
/**
 * GET /supervision/survey-report?from&to (dates inclusive, Kazakhstan days): the two §5.7 indicators — «качество» (q1)
 * and «доступность» (q2) — per service and ЦОН, and in total.
 */
export const SurveyReport = z.object({
  from: IsoDate,
  to: IsoDate,
  rows: z.array(z.object({ serviceId: z.string(), tsonId: z.string().optional(), n: z.number().int(), quality: SurveyIndicator, accessibility: SurveyIndicator })),
  total: z.object({ n: z.number().int(), quality: SurveyIndicator, accessibility: SurveyIndicator }),
})
export type SurveyReport = z.infer<typeof SurveyReport>
