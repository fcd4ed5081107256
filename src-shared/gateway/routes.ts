/**
 * The gateway's HTTP API as one table: method, path, request/query/response schemas and the coded errors of every
 * route. The gateway's OpenAPI document is generated from it (src-gateway/openapi.ts) and the renderer's one typed
 * client is derived from it (src-renderer/gateway/client.ts), so a path and its schemas are paired exactly once.
 */
import type { z } from 'zod'
import type { ErrorCode } from '../errors'
import {
  ArchiveQuery, ArchiveResponse, GuardianshipQuery, GuardianshipResponse, AssignRequest, ATTACHMENT_MEDIA_TYPES, AttachmentPutResponse, ChallengeResponse, CivilActsQuery,
  CivilActsResponse, DecisionRequest, DecisionResponse, PrepareDecisionRequest, PrepareDecisionResponse, TermExtensionRequest, TermExtensionResponse, EcpLoginRequest, Entity, FaultConfig, FaultConfigPatch, HealthResponse,
  InboxQuery, InboxResponse, LandPlot, LoginIinRequest, LoginRequest, LogoutResponse, LogVerifyResponse, Person, PoaQuery,
  PowerOfAttorney, PublicVerifyBarcodeRequest, PublicVerifyQuery, PublicVerifyResponse, TimeStampTokenRequest, TimeStampTokenResponse, RealEstateQuery, RealEstateResponse, RegistryReasonQuery, RequestStatusResponse, ResultDocument, ROUTES, Session, SessionUser,
  StatusChangesQuery, StatusChangesResponse, SubmitRequest, SubmitResponse, SupervisionSummary, TakeResponse,
  BankCallbackBody, PaperHandoverResponse, PaymentAttemptResponse, PaymentBankFaults, PaymentBankFaultsPatch, PaymentFigures, PaymentFiguresQuery,
  PaymentList, PaymentView, PhonePaymentRequest, PosPaymentRequest, TestClockRequest, TestClockResponse,
  CounterQuery, CounterResponse, CounterResultResponse, HandOverRequest, CounterItem, PrintRequest, PrintEntry, SurveyReportQuery, SurveyReport,
} from './api'
import {
  ActivityQuery, ActivityResponse, ADMIN_ROUTES, DeskOutboxAck, DeskOutboxReport, QueueHealth, AdminUser, AdminUsersResponse, AuditExportQuery, AuditPage, AuditQuery, AuditVerifyResponse, CreateUserRequest,
  OrgUnit, OrgUnitPut, OrgUnitsResponse, UpdateUserRequest, BindCertificateRequest, UnbindCertificateRequest,
} from './admin-api'

/** Bytes rather than JSON, with the media types that may travel. */
export interface Raw {
  raw: string | readonly string[]
}

export interface RouteDef {
  method: 'GET' | 'POST' | 'PUT' | 'HEAD'
  path: string
  summary: string
  tag: string
  /** Needs the bearer token of a session. */
  auth?: boolean
  body?: z.ZodType | Raw
  query?: z.ZodType
  ok: z.ZodType | Raw | null
  okStatus?: number
  errors?: readonly ErrorCode[]
  headers?: readonly string[]
}

export const API = {
  health: { method: 'GET', path: ROUTES.health, summary: 'Liveness and store kind', tag: 'meta', ok: HealthResponse },
  openapi: { method: 'GET', path: ROUTES.openapi, summary: 'This document', tag: 'meta', ok: { raw: 'application/json' } as Raw },
  login: { method: 'POST', path: ROUTES.login, summary: 'Sign in with login and password (ЦОН operator)', tag: 'auth', body: LoginRequest, ok: Session, errors: ['GW_BAD_CREDENTIALS', 'GW_LOGIN_THROTTLED', 'GW_RATE_LIMITED'] },
  loginIin: { method: 'POST', path: ROUTES.loginIin, summary: 'Sign in with ИИН and password (provider specialist)', tag: 'auth', body: LoginIinRequest, ok: Session, errors: ['GW_BAD_CREDENTIALS', 'GW_LOGIN_THROTTLED', 'GW_RATE_LIMITED'] },
  challenge: { method: 'POST', path: ROUTES.challenge, summary: 'A random ≥256-bit challenge for ЭЦП sign-in (lives 5 minutes; 60 per minute per client)', tag: 'auth', ok: ChallengeResponse, errors: ['GW_RATE_LIMITED'] },
  loginEcp: { method: 'POST', path: ROUTES.ecp, summary: 'Sign in with a CMS over the challenge made with an AUTH certificate', tag: 'auth', body: EcpLoginRequest, ok: Session, errors: ['GW_CHALLENGE_INVALID', 'GW_SIGNATURE_INVALID', 'GW_CERT_NOT_AUTH', 'GW_NO_ACCOUNT_FOR_CERT', 'GW_CERT_NOT_BOUND', 'GW_CERT_REVOKED'] },
  logout: { method: 'POST', path: ROUTES.logout, summary: 'End the session', tag: 'auth', auth: true, ok: LogoutResponse },
  me: { method: 'GET', path: ROUTES.me, summary: 'The signed-in user', tag: 'auth', auth: true, ok: SessionUser },
  putAttachment: { method: 'PUT', path: ROUTES.attachment, summary: 'Upload an attachment by its SHA-256 (idempotent: 201 new, 200 already there)', tag: 'intake', auth: true, body: { raw: [...ATTACHMENT_MEDIA_TYPES] } as Raw, ok: AttachmentPutResponse, okStatus: 201, errors: ['GW_HASH_MISMATCH', 'GW_PAYLOAD_TOO_LARGE', 'GW_UNSUPPORTED_MEDIA_TYPE', 'GW_RATE_LIMITED', 'GW_REQUEST_TIMEOUT'] },
  getAttachment: { method: 'GET', path: ROUTES.attachment, summary: 'Download an attachment (stored media type, Content-Disposition: inline, nosniff); only the ЦОН that sent or uploaded it and the staff of the department its request is routed to', tag: 'intake', auth: true, ok: { raw: [...ATTACHMENT_MEDIA_TYPES] } as Raw, errors: ['GW_BAD_REQUEST', 'GW_ATTACHMENT_MISSING'] },
  hasAttachment: { method: 'HEAD', path: ROUTES.attachment, summary: 'Is the attachment uploaded? 200 / 404', tag: 'intake', auth: true, ok: null },
  submit: { method: 'POST', path: ROUTES.requests, summary: 'Submit a signed envelope (Idempotency-Key required; a replay returns the original answer)', tag: 'intake', auth: true, headers: ['Idempotency-Key'], body: SubmitRequest, ok: SubmitResponse, okStatus: 201, errors: ['GW_IDEMPOTENCY_CONFLICT', 'GW_ENVELOPE_INVALID', 'GW_SIGNATURE_INVALID', 'GW_SIGNER_MISMATCH', 'GW_CERT_REVOKED', 'GW_FORM_INVALID', 'GW_ATTACHMENT_MISSING', 'GW_SERVICE_UNKNOWN', 'GW_CERT_NOT_SIGN', 'GW_SIGNING_TIME_INVALID', 'GW_CREATED_AT_INVALID', 'GW_ATTACHMENT_TYPE_MISMATCH', 'GW_ATTACHMENT_PAGES_MISMATCH', 'GW_SERVICE_NOT_OF_DEPARTMENT', 'GW_REQUIRED_SCAN_MISSING', 'REGISTRY_PERSON_NOT_FOUND'] },
  statusChanges: { method: 'GET', path: ROUTES.requests, summary: 'Status changes after a cursor (polling fallback of the SSE stream)', tag: 'status', auth: true, query: StatusChangesQuery, ok: StatusChangesResponse },
  status: { method: 'GET', path: ROUTES.request, summary: 'Status of a request by registration number', tag: 'status', auth: true, ok: RequestStatusResponse, errors: ['GW_NOT_FOUND'] },
  result: { method: 'GET', path: ROUTES.requestResult, summary: 'The signed result document (or мотивированный отказ)', tag: 'status', auth: true, ok: ResultDocument, errors: ['GW_RESULT_NOT_READY', 'GW_NOT_FOUND'] },
  events: { method: 'GET', path: ROUTES.events, summary: 'Server-sent events: status changes of the caller’s ЦОН (token also as ?token=; Last-Event-ID resumes; at most 4 per session, ended at logout and session expiry)', tag: 'status', auth: true, ok: { raw: 'text/event-stream', errors: ['GW_TOO_MANY_STREAMS'] } as Raw },
  person: { method: 'GET', path: ROUTES.person, summary: 'ГБД ФЛ: person by ИИН (ЦОН operators and provider specialists only; recorded with ?reason=<request or draft id>)', tag: 'registry', auth: true, query: RegistryReasonQuery, ok: Person, errors: ['REGISTRY_PERSON_NOT_FOUND', 'REGISTRY_BAD_KEY', 'GW_FORBIDDEN'] },
  entity: { method: 'GET', path: ROUTES.entity, summary: 'ГБД ЮЛ: legal entity by БИН (head, founders)', tag: 'registry', auth: true, ok: Entity, errors: ['REGISTRY_ENTITY_NOT_FOUND', 'REGISTRY_BAD_KEY'] },
  powerOfAttorney: { method: 'GET', path: ROUTES.powerOfAttorney, summary: 'ЕНИС: power of attorney by number (and principal/agent ИИН)', tag: 'registry', auth: true, query: PoaQuery, ok: PowerOfAttorney, errors: ['REGISTRY_POA_NOT_FOUND'] },
  civilActs: { method: 'GET', path: ROUTES.civilActs, summary: 'ИС ЗАГС: acts (birth, marriage, divorce, name change) of a person', tag: 'registry', auth: true, query: CivilActsQuery, ok: CivilActsResponse, errors: ['REGISTRY_CIVIL_ACT_NOT_FOUND'] },
  realEstate: { method: 'GET', path: ROUTES.realEstate, summary: 'ГБД РН: real estate of an owner', tag: 'registry', auth: true, query: RealEstateQuery, ok: RealEstateResponse, errors: ['REGISTRY_REAL_ESTATE_NOT_FOUND'] },
  landPlot: { method: 'GET', path: ROUTES.landPlot, summary: 'АИС ГЗК: land plot by cadastral number', tag: 'registry', auth: true, ok: LandPlot, errors: ['REGISTRY_LAND_PLOT_NOT_FOUND'] },
  archive: { method: 'GET', path: ROUTES.archive, summary: 'Archive records by ИИН/БИН or text', tag: 'registry', auth: true, query: ArchiveQuery, ok: ArchiveResponse, errors: ['REGISTRY_ARCHIVE_NOT_FOUND'] },
  guardianship: { method: 'GET', path: ROUTES.guardianship, summary: 'Electronic guardianship register: records of a guardian (and ward)', tag: 'registry', auth: true, query: GuardianshipQuery, ok: GuardianshipResponse, errors: ['REGISTRY_GUARDIANSHIP_NOT_FOUND', 'REGISTRY_BAD_KEY'] },
  inbox: { method: 'GET', path: ROUTES.inbox, summary: 'The department inbox (provider staff)', tag: 'provider', auth: true, query: InboxQuery, ok: InboxResponse },
  take: { method: 'POST', path: ROUTES.inboxTake, summary: 'Take a request (→ IN_PROCESSING)', tag: 'provider', auth: true, ok: TakeResponse, errors: ['GW_ALREADY_TAKEN', 'GW_INVALID_TRANSITION'] },
  assign: { method: 'POST', path: ROUTES.inboxAssign, summary: 'Supervisor assigns a request to a specialist', tag: 'provider', auth: true, body: AssignRequest, ok: TakeResponse },
  decide: { method: 'POST', path: ROUTES.inboxDecision, summary: 'Decide: a result or a мотивированный отказ, signed with a SIGN key of the department’s БИН carrying NCA’s "first head" or "right to sign" policy — by the assignee, or by any such person of the department over the decision the assignee prepared', tag: 'provider', auth: true, body: DecisionRequest, ok: DecisionResponse, errors: ['GW_SIGNER_MISMATCH', 'GW_SIGNATURE_INVALID', 'GW_INVALID_TRANSITION', 'GW_NOT_ASSIGNEE', 'GW_SIGNER_ORG_MISMATCH', 'GW_SIGNER_NOT_AUTHORISED', 'GW_PREPARED_DECISION_CHANGED', 'GW_CERT_NOT_SIGN', 'GW_SIGNING_TIME_INVALID'] },
  prepareDecision: { method: 'POST', path: ROUTES.inboxPreparedDecision, summary: 'The assignee prepares a decision (unsigned, checked like a signed one) for the department’s authorised person to review and sign; preparing again replaces it', tag: 'provider', auth: true, body: PrepareDecisionRequest, ok: PrepareDecisionResponse, errors: ['GW_INVALID_TRANSITION', 'GW_NOT_ASSIGNEE', 'GW_BAD_REQUEST', 'GW_NOT_FOUND'] },
  extendTerm: { method: 'POST', path: ROUTES.inboxTermExtension, summary: 'Extend the term once (TERM_EXTENDED / N1): the assignee, a service whose regulations allow it, a reason ≤ 500 chars; the new deadline is the regulated term again on the working-day calendar; the request stays IN_PROCESSING and the ЦОН sees the change on the status stream', tag: 'provider', auth: true, body: TermExtensionRequest, ok: TermExtensionResponse, errors: ['GW_TERM_ALREADY_EXTENDED', 'GW_TERM_NOT_EXTENDABLE', 'GW_TERM_NOT_ASSIGNEE', 'GW_TERM_NOT_IN_PROCESSING', 'GW_BAD_REQUEST', 'GW_NOT_FOUND'] },
  crl: { method: 'GET', path: ROUTES.crl, summary: 'НУЦ CRL by name (`<name>.crl`)', tag: 'nuc', ok: { raw: 'application/pkix-crl' } as Raw },
  ocsp: { method: 'POST', path: ROUTES.ocsp, summary: 'OCSP responder (RFC 6960) for the demo CA', tag: 'nuc', body: { raw: ['application/ocsp-request'] } as Raw, ok: { raw: 'application/ocsp-response' } as Raw },
  tsa: { method: 'POST', path: ROUTES.tsa, summary: 'НУЦ time-stamping authority (RFC 3161): TimeStampReq in, TimeStampResp out (a rejection while the service is down)', tag: 'nuc', body: { raw: ['application/timestamp-query'] } as Raw, ok: { raw: 'application/timestamp-reply' } as Raw },
  tsaToken: { method: 'POST', path: ROUTES.tsaToken, summary: 'A signature-time-stamp for a desk signature (CAdES-T): SHA-256 of the signature value in, the RFC 3161 token out', tag: 'nuc', auth: true, body: TimeStampTokenRequest, ok: TimeStampTokenResponse, errors: ['TSA_UNAVAILABLE'] },
  publicVerify: { method: 'GET', path: ROUTES.publicVerify, summary: 'Public, no sign-in: is this printout genuine? By unique number + SHA-256 → valid / tampered / revoked / unknown, with service, issue date, issuer and masked holder only (rate-limited per client)', tag: 'verify', query: PublicVerifyQuery, ok: PublicVerifyResponse, errors: ['VERIFY_INPUT_INVALID', 'GW_RATE_LIMITED'] },
  publicVerifyBarcode: { method: 'POST', path: ROUTES.publicVerifyBarcode, summary: 'Public, no sign-in: the decoded QR texts of a printout’s signed barcode; parsed by the shared parser, the carried document must be the registered one (same answer as by number + hash; rate-limited per client)', tag: 'verify', body: PublicVerifyBarcodeRequest, ok: PublicVerifyResponse, errors: ['BARCODE_FOREIGN', 'BARCODE_PART_MISSING', 'BARCODE_MIXED', 'BARCODE_CORRUPT', 'BARCODE_HASH_MISMATCH', 'GW_RATE_LIMITED'] },
  supervisionSummary: { method: 'GET', path: ROUTES.supervisionSummary, summary: 'Supervisor/admin: request counts per status, department and ЦОН, with overdue ones (regulated term, working-day calendar)', tag: 'supervision', auth: true, ok: SupervisionSummary },
  faults: { method: 'GET', path: ROUTES.adminFaults, summary: 'Current fault injection', tag: 'admin', auth: true, ok: FaultConfig },
  setFaults: { method: 'PUT', path: ROUTES.adminFaults, summary: 'Set fault injection (partial)', tag: 'admin', auth: true, body: FaultConfigPatch, ok: FaultConfig },
  adminLog: { method: 'GET', path: ROUTES.adminLog, summary: 'Verify the hash chain of the append-only message log', tag: 'admin', auth: true, ok: LogVerifyResponse },
  audit: { method: 'GET', path: ADMIN_ROUTES.audit, summary: 'Supervisor (own department), auditor, admin: the audit trail filtered by actor, request, action and time, keyset-paged by seq', tag: 'audit', auth: true, query: AuditQuery, ok: AuditPage, errors: ['GW_FORBIDDEN'] },
  auditExport: { method: 'GET', path: ADMIN_ROUTES.auditExport, summary: 'Auditor, admin: the trail from ?from= as JSON Lines (header + entries) that `arm audit-verify FILE` checks', tag: 'audit', auth: true, query: AuditExportQuery, ok: { raw: 'application/x-ndjson' } as Raw, errors: ['GW_FORBIDDEN'] },
  auditVerify: { method: 'GET', path: ADMIN_ROUTES.auditVerify, summary: 'Supervisor, auditor, admin: walk the audit chain; its head hash', tag: 'audit', auth: true, ok: AuditVerifyResponse, errors: ['GW_FORBIDDEN'] },
  activity: { method: 'GET', path: ADMIN_ROUTES.activity, summary: 'Supervisor (own department), auditor, admin: the daily activity rollup (actions per person, service, ЦОН, department; late decisions) with names', tag: 'supervision', auth: true, query: ActivityQuery, ok: ActivityResponse, errors: ['GW_FORBIDDEN'] },
  deskOutbox: { method: 'POST', path: ADMIN_ROUTES.deskOutbox, summary: 'A signed-in desk reports its outbox (waiting, oldest, last error code) on its sync cycle; X-Arm-Desk names the desk', tag: 'supervision', auth: true, body: DeskOutboxReport, ok: DeskOutboxAck, errors: ['GW_BAD_REQUEST'] },
  queueHealth: { method: 'GET', path: ADMIN_ROUTES.queueHealth, summary: 'Supervisor (own department), auditor, admin: open requests per deadline day and the desks’ reported outboxes (stuck first), with names', tag: 'supervision', auth: true, ok: QueueHealth, errors: ['GW_FORBIDDEN'] },
  units: { method: 'GET', path: ADMIN_ROUTES.units, summary: 'ЦОНs and departments with their names', tag: 'directory', auth: true, ok: OrgUnitsResponse },
  adminUsers: { method: 'GET', path: ADMIN_ROUTES.adminUsers, summary: 'Admin: every account', tag: 'admin', auth: true, ok: AdminUsersResponse, errors: ['GW_FORBIDDEN'] },
  adminCreateUser: { method: 'POST', path: ADMIN_ROUTES.adminUsers, summary: 'Admin: create an account (audited)', tag: 'admin', auth: true, body: CreateUserRequest, ok: AdminUser, okStatus: 201, errors: ['GW_FORBIDDEN', 'ADMIN_ACCOUNT_EXISTS', 'ADMIN_PASSWORD_WEAK', 'ADMIN_UNIT_REQUIRED'] },
  adminUpdateUser: { method: 'PUT', path: ADMIN_ROUTES.adminUser, summary: 'Admin: change role, unit, name; disable/enable; reset password; unlock (audited; disabling ends the sessions)', tag: 'admin', auth: true, body: UpdateUserRequest, ok: AdminUser, errors: ['GW_FORBIDDEN', 'ADMIN_ACCOUNT_NOT_FOUND', 'ADMIN_PASSWORD_WEAK', 'ADMIN_UNIT_REQUIRED', 'ADMIN_SELF_LOCKOUT'] },
  adminBindCertificate: { method: 'POST', path: ADMIN_ROUTES.adminUserCertificates, summary: 'Admin: bind an AUTH certificate (PEM or base64 DER) to an account: checked (trusted chain, valid now, AUTH, the account’s ИИН), one account per certificate (audited)', tag: 'admin', auth: true, body: BindCertificateRequest, ok: AdminUser, errors: ['GW_FORBIDDEN', 'ADMIN_ACCOUNT_NOT_FOUND', 'ADMIN_CERT_BOUND_ELSEWHERE', 'CERT_CORRUPT', 'CERT_UNTRUSTED', 'CERT_EXPIRED', 'CERT_NOT_YET_VALID', 'CERT_WRONG_PURPOSE', 'CERT_IIN_MISMATCH', 'CERT_IIN_CHECKSUM'] },
  adminUnbindCertificate: { method: 'POST', path: ADMIN_ROUTES.adminUserCertificateUnbind, summary: 'Admin: unbind a certificate from an account (audited)', tag: 'admin', auth: true, body: UnbindCertificateRequest, ok: AdminUser, errors: ['GW_FORBIDDEN', 'ADMIN_ACCOUNT_NOT_FOUND', 'ADMIN_CERT_NOT_BOUND'] },
  adminPutUnit: { method: 'PUT', path: ADMIN_ROUTES.adminUnit, summary: 'Admin: add or rename a ЦОН or department (audited)', tag: 'admin', auth: true, body: OrgUnitPut, ok: OrgUnit, errors: ['GW_FORBIDDEN'] },
  payments: { method: 'GET', path: ROUTES.payments, summary: 'State duties awaiting payment that the caller may see (a ЦОН its own), nearest due first', tag: 'payments', auth: true, ok: PaymentList },
  payment: { method: 'GET', path: ROUTES.payment, summary: 'The state duty of a request: amount (tiyn), МРП, due time, the gateway’s now, receipt, every bank transaction', tag: 'payments', auth: true, ok: PaymentView, errors: ['GW_NOT_FOUND'] },
  paymentPos: { method: 'POST', path: ROUTES.paymentPos, summary: 'Take the duty at the ЦОН counter (simulated POS); a retry with the same transactionId never charges twice', tag: 'payments', auth: true, body: PosPaymentRequest, ok: PaymentAttemptResponse, errors: ['PAY_TIMEOUT', 'PAY_NOT_AWAITING', 'GW_NOT_FOUND', 'GW_FORBIDDEN'] },
  bankPay: { method: 'POST', path: ROUTES.bankPay, summary: 'Simulated e-government payment page: the consumer pays the duty on their phone', tag: 'payment-gateway', body: PhonePaymentRequest, ok: PaymentAttemptResponse, errors: ['PAY_TIMEOUT', 'PAY_NOT_AWAITING', 'GW_NOT_FOUND'] },
  bankCallback: { method: 'POST', path: ROUTES.bankCallback, summary: 'The bank’s callback (x-payment-signature: HMAC-SHA256 of the canonical JSON); applied once per transactionId, a duplicate answers the first outcome', tag: 'payment-gateway', headers: ['x-payment-signature'], body: BankCallbackBody, ok: PaymentAttemptResponse, errors: ['PAY_CALLBACK_UNSIGNED', 'PAY_NOT_AWAITING', 'GW_NOT_FOUND'] },
  bankFaults: { method: 'GET', path: ROUTES.adminBankFaults, summary: 'The simulated bank’s faults', tag: 'admin', auth: true, ok: PaymentBankFaults },
  setBankFaults: { method: 'PUT', path: ROUTES.adminBankFaults, summary: 'Set the simulated bank’s faults: next N declined, answers lost (late callback), callbacks doubled', tag: 'admin', auth: true, body: PaymentBankFaultsPatch, ok: PaymentBankFaults },
  testClock: { method: 'POST', path: ROUTES.adminTestClock, summary: 'Move the gateway clock forward (only with GATEWAY_TEST_CLOCK=1; tests of the 24 h window)', tag: 'admin', auth: true, body: TestClockRequest, ok: TestClockResponse, errors: ['PAY_TEST_CLOCK_DISABLED'] },
  supervisionPayments: { method: 'GET', path: ROUTES.supervisionPayments, summary: 'Supervisors (akimat, ЦОН) and admin: state duties per day and ЦОН (paid, sum, expired, refunded) and the expired requests', tag: 'supervision', auth: true, query: PaymentFiguresQuery, ok: PaymentFigures },
  paperHandover: { method: 'POST', path: ROUTES.paperHandover, summary: 'ЗАГС specialist: the paper certificate was handed over at the place of filing (RESULT_READY → ISSUED)', tag: 'payments', auth: true, ok: PaperHandoverResponse, errors: ['GW_NOT_FOUND', 'GW_FORBIDDEN', 'GW_INVALID_TRANSITION'] },
  counterResults: { method: 'GET', path: ROUTES.counterResults, summary: 'The ЦОН counter: the caller’s ЦОН’s requests newest first with their state (waiting, ready, refused, issued); keyset-paged by `cursor`', tag: 'counter', auth: true, query: CounterQuery, ok: CounterResponse, errors: ['GW_FORBIDDEN'] },
  counterResult: { method: 'GET', path: ROUTES.counterResult, summary: 'One request at the counter with its signed result or refusal, its prints and survey (ЦОН operator/supervisor of its ЦОН; akimat supervisor of its region)', tag: 'counter', auth: true, ok: CounterResultResponse, errors: ['GW_NOT_FOUND'] },
  counterHandOver: { method: 'POST', path: ROUTES.counterHandOver, summary: 'Hand the result (→ ISSUED) or the refusal (handedOverAt) to the consumer, with the §5.7 survey if answered; every desk of the ЦОН sees it on the status stream', tag: 'counter', auth: true, body: HandOverRequest, ok: CounterItem, errors: ['GW_NOT_FOUND', 'GW_FORBIDDEN', 'COUNTER_NOT_DECIDED', 'COUNTER_ALREADY_HANDED_OVER', 'COUNTER_SURVEY_ALREADY_ANSWERED'] },
  counterPrint: { method: 'POST', path: ROUTES.counterPrints, summary: 'Record a print of the result or the receipt; a reprint needs a reason', tag: 'counter', auth: true, body: PrintRequest, ok: PrintEntry, okStatus: 201, errors: ['GW_NOT_FOUND', 'GW_RESULT_NOT_READY', 'COUNTER_REPRINT_REASON_REQUIRED'] },
  surveyReport: { method: 'GET', path: ROUTES.surveyReport, summary: 'The §5.7 survey indicators «качество» and «доступность» per service and ЦОН over a period (supervisors: akimat — its region, ЦОН — its ЦОН; admin)', tag: 'supervision', auth: true, query: SurveyReportQuery, ok: SurveyReport, errors: ['GW_FORBIDDEN'] },
} as const satisfies Record<string, RouteDef>

export type RouteName = keyof typeof API
