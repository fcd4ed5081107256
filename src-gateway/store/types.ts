/**
 * GatewayStore: everything the gateway persists, behind one asynchronous interface so a PostgreSQL store (pg pool,
 * one client per transaction) can follow the embedded SQLite one without touching the services.
 */
import type { AuditEntry } from '../../src-shared/audit'
import type { RequestStatus, ResultKind, Role } from '../../src-shared/gateway/api'
import type { BlobReader, BlobStore, ByteSource } from '../blobs/types'

export interface UserRecord {
  id: string
  login: string | null
  iin: string | null
  passwordHash: string
  role: Role
  displayName: string
  tsonId: string | null
  departmentId: string | null
  failedCount: number
  lockedUntil: number | null
  /** Only usable when the gateway runs with test trust (NCA test key holders, ИИН 123456789011). */
  testOnly: boolean
  /** Disabled by an administrator: cannot sign in, its sessions end (absent = enabled). */
  disabled?: boolean
}

/** What an administrator may change on an account. */
export type UserPatch = Partial<Pick<UserRecord, 'displayName' | 'role' | 'tsonId' | 'departmentId' | 'passwordHash' | 'disabled' | 'failedCount' | 'lockedUntil'>>

/** A ЦОН or a department of a service provider, with its names (shown instead of its id). */
export interface OrgUnitRecord {
  id: string
  kind: 'tson' | 'department'
  nameKk: string
  nameRu: string
  nameEn: string
  /** The department's БИН (departments only). */
  bin: string | null
}

/** Audit trail filters (keyset-paged by seq, ascending). */
export interface AuditFilter {
  actorId?: string
  requestId?: string
  action?: string
  departmentId?: string
  fromAt?: number
  toAt?: number
  /** Entries with seq strictly greater. */
  afterSeq?: number
  limit: number
}

/**
 * The activity rollup: how many times an actor did an action for a service of a ЦОН × department on one day
 * (Kazakhstan calendar day), kept in the audit entry's transaction so the dashboards never scan the trail.
 */
export interface ActivityCountRow {
  day: string
  actorId: string
  action: string
  serviceId: string
  tsonId: string
  departmentId: string
  /** 1 when the action came after the request's regulated deadline (a decision made late). */
  late: 0 | 1
  n: number
}

/** What a desk last reported of its outbox (POST /desk/outbox on its sync cycle). */
export interface DeskOutboxRecord {
  desk: string
  /** Who was signed in at the desk when it reported. */
  userId: string
  tsonId: string | null
  departmentId: string | null
  /** Items not yet delivered (pending or in flight). */
  waiting: number
  /** When the oldest waiting item was queued (ms), or null when none waits. */
  oldestAt: number | null
  /** The code of the last delivery error, if any. */
  lastError: string | null
  reportedAt: number
}

/** Open requests whose regulated deadline falls on one (UTC) day. */
export interface DueDayCount {
  day: string
  open: number
}

export interface SessionRecord {
  tokenHash: string
  userId: string
  expiresAt: number
}

export interface ChallengeRecord {
  id: string
  challenge: Uint8Array
  expiresAt: number
  used: boolean
}

export interface AttachmentRecord {
  sha256: string
  size: number
  mediaType: string
  createdAt: number
  /**
   * What the stored bytes say, found once when they arrived (the scan is content-addressed, so it never changes): the
   * bytes start as `mediaType` says and hold this many pages; 0 when they match but do not tell their pages. Absent
   * (null) for a row stored before the facts were recorded, or for bytes that are not what their type says: intake
   * then reads the bytes and checks them itself.
   */
  pages?: number | null
}

export interface AttachmentUploader {
  userId: string
  tsonId: string | null
}

/**
 * One line of the supervision rollups: requests of a ЦОН × department × service in one status, with how many of them
 * are open and past their regulated deadline at the time asked (`overdue`) or open with an unknown term.
 */
export interface SupervisionCountRow {
  tsonId: string | null
  departmentId: string
  serviceId: string
  status: RequestStatus
  count: number
  overdue: number
  unknownTerm: number
}

/** Where the next inbox page starts: the work-order key of the last item of the previous page. */
export interface InboxCursor {
  settled: 0 | 1
  sortKey: number
  id: string
}

export interface InboxListOptions {
  status?: RequestStatus
  assigneeId?: string
  serviceId?: string
  /** Page size (default 100). */
  limit?: number
  /** Items strictly after this key in work order. */
  after?: InboxCursor
}

export interface IdempotencyRecord {
  scopeKey: string
  bodyHash: string
  statusCode: number
  response: string
  createdAt: number
}

export interface RequestRecord {
  id: string
  registrationNumber: string
  envelopeId: string
  serviceId: string
  tsonId: string | null
  departmentId: string
  operatorUserId: string
  status: RequestStatus
  receivedAt: number
  envelope: Uint8Array
  signature: Uint8Array
  assigneeId: string | null
  resultKind: ResultKind | null
  resultDocument: Uint8Array | null
  resultSignature: Uint8Array | null
  resultMediaType: string | null
  resultReason: string | null
  resultReasonCode: string | null
  resultSignedBy: 'specialist' | 'department' | null
  resultSignerIin: string | null
  resultSignerBin: string | null
  decidedAt: number | null
  /**
   * The regulated deadline (ms), written at registration from the service's term and the working-day calendar; null
   * when the catalogue does not know the service. Left undefined, the store computes it on insert.
   */
  dueAt?: number | null
}

export interface StatusChangeRecord {
  seq: number
  requestId: string
  registrationNumber: string
  serviceId: string
  envelopeId: string
  tsonId: string | null
  departmentId: string
  status: RequestStatus
  at: number
  note: string | null
  /** Who moved the request into this step (their display name at the time); absent/null for the system. */
  actorName?: string | null
}

export interface MessageLogEntry {
  seq: number
  at: number
  kind: string
  requestId: string
  /** SHA-256 hex of the logged message (envelope bytes + signature, or the decision). */
  digest: string
  prevHash: string
  hash: string
}

/** A durable job (src-gateway/jobs): `kind` names the handler, `key` makes enqueueing idempotent per kind. */
export interface JobRecord {
  id: string
  kind: string
  key: string
  /** JSON. */
  payload: string
  state: 'pending' | 'running' | 'done' | 'dead'
  attempts: number
  runAt: number
  leaseOwner: string | null
  leaseUntil: number | null
  lastError: string | null
  createdAt: number
  doneAt: number | null
}

export type NewJob = Pick<JobRecord, 'id' | 'kind' | 'key' | 'payload' | 'runAt' | 'createdAt'>

/** One registry lookup of personal data: who, when, which registry, about whom (masked), why (request/draft id). */
export interface RegistryLookupRecord {
  seq: number
  at: number
  userId: string
  role: string
  registry: string
  /** The ИИН/БИН looked up, masked (8307******67). */
  subject: string
  reason: string | null
}

/** The state duty of one request (CATALOG §2.5.4): offered when the ИС ЗАГС record is found, then paid or expired once. */
export interface PaymentRecord {
  requestId: string
  registrationNumber: string
  serviceId: string
  tsonId: string | null
  departmentId: string
  /** Whole tiyn (1 ₸ = 100 тиын). */
  amountTiyn: number
  mrpYear: number
  mrpTenge: number
  mrpPercent: number
  offeredAt: number
  dueAt: number
  state: 'awaiting' | 'paid' | 'expired'
  paidAt: number | null
  /** The bank's receipt («чек») number of the one transaction that paid. */
  receiptNumber: string | null
  transactionId: string | null
  channel: 'pos' | 'phone' | null
  expiredAt: number | null
}

/**
 * One bank transaction about a request's duty, keyed by the bank's transaction id: a callback delivered twice finds
 * its row and changes nothing. `refunded`: money taken after expiry (or a second payment) and given back.
 */
export interface PaymentTransactionRecord {
  transactionId: string
  requestId: string
  registrationNumber: string
  tsonId: string | null
  departmentId: string
  at: number
  amountTiyn: number
  channel: 'pos' | 'phone'
  outcome: 'paid' | 'declined' | 'refunded'
  receiptNumber: string | null
  refundNumber: string | null
  /** Why declined or refunded (an error code or 'already-paid'). */
  reason: string | null
}

/** An AUTH certificate the admin bound to an account (ЭЦП sign-in finds the account by issuer + serial). */
export interface CertificateBindingRecord {
  /** SHA-256 of the DER, hex. */
  fingerprint: string
  userId: string
  /** The issuer's name as the verifier reports it (SignerFacts.issuer). */
  issuer: string
  serialHex: string
  holderName: string
  iin: string | null
  notBefore: number
  notAfter: number
  boundAt: number
}

/** The hand-over of a result or refusal at the counter (once per request): who and when. */
export interface HandOverRecord {
  requestId: string
  at: number
  userId: string
  tsonId: string | null
  kind: ResultKind
}

/** One print of a result or receipt at a counter or by a supervisor; a reprint carries its reason. */
export interface PrintRecord {
  seq: number
  requestId: string
  at: number
  userId: string
  role: string
  document: 'result' | 'receipt'
  reprint: boolean
  reason: string | null
}

/** The quality survey of CATALOG §5.7, answered at hand-over (one per request). */
export interface SurveyRecord {
  requestId: string
  serviceId: string
  tsonId: string | null
  at: number
  userId: string
  q1: 1 | 2 | 3
  q2: 1 | 2 | 3
}

/** Survey answers of one service at one ЦОН: how many of each answer to each question. */
export interface SurveyReportRow {
  serviceId: string
  tsonId: string | null
  n: number
  /** Answers 1, 2, 3 to question 1 («качество») and question 2 («доступность»). */
  q1: [number, number, number]
  q2: [number, number, number]
}

/** The counter's view of a request: waiting for a decision, result ready, refused (not handed over), issued. */
export type CounterState = 'waiting' | 'ready' | 'refused' | 'issued'

export interface CounterListOptions {
  state?: CounterState
  limit?: number
  /** Items strictly after this key (newest first). */
  after?: { receivedAt: number; id: string }
}

export interface CounterRow {
  request: RequestRecord
  handOver: HandOverRecord | null
}

export interface StatusFilter {
  tsonId?: string
  departmentId?: string
}

/** A request's place in a waiting list kept by a department (the preschool queue, the housing queue), per category. */
export interface QueueEntry {
  queue: string
  category: string
  requestId: string
  /** 1-based, gap-free and unique within (queue, category), in the order the entries were made. */
  position: number
  at: number
  /** The commission decision that registered it (the housing commission's No. and yyyy-MM-dd date), where one decides. */
  commissionDecision?: CommissionDecision
}

/** A commission's decision as the specialist recorded it in the signed result (CATALOG §4.5.7 DEFAULT). */
export interface CommissionDecision {
  number: string
  /** yyyy-MM-dd, the commission's calendar day. */
  date: string
}

/**
 * A decision prepared by the request's specialist for the department's authorised person to review and sign (issue 13
 * point 2): the unsigned `arm.decision/1` document as prepared. Preparing again replaces it; the audit trail keeps each.
 */
export interface PreparedDecisionRecord {
  requestId: string
  kind: 'result' | 'refusal'
  /** The document's canonical JSON bytes as the specialist prepared them. */
  payload: Uint8Array
  preparedById: string
  preparedByName: string
  preparedAt: number
}

export interface GatewayStore {
  readonly kind: 'sqlite' | 'postgres'
  /** Where scans' bytes live (content-addressed); the store keeps their metadata rows. */
  readonly blobs: BlobStore
  /**
   * Runs fn atomically (all or nothing) and isolated: other store calls wait until it ends. fn works through `tx`, the
   * same calls bound to this transaction (a call on the store itself from inside fn would wait for fn: a deadlock).
   * An explicit handle rather than an implicit context (AsyncLocalStorage): that context taxes every promise of the
   * process — the signature checks' included — and cost the intake a quarter of its throughput.
   */
  transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>
  close(): Promise<void>

  // accounts
  /**
   * Adds an account; one whose id, login or ИИН exists already is left as it is (instances seeding the demo accounts
   * of one database at the same time add each once).
   */
  insertUser(u: UserRecord): Promise<void>
  userById(id: string): Promise<UserRecord | undefined>
  userByLogin(login: string): Promise<UserRecord | undefined>
  userByIin(iin: string): Promise<UserRecord | undefined>
  recordLoginFailure(userId: string, failedCount: number, lockedUntil: number | null): Promise<void>
  recordLoginSuccess(userId: string): Promise<void>
  insertSession(s: SessionRecord): Promise<void>
  sessionByHash(tokenHash: string): Promise<SessionRecord | undefined>
  deleteSession(tokenHash: string): Promise<void>
  insertChallenge(c: ChallengeRecord): Promise<void>
  /** Marks a challenge used and returns it (undefined when unknown or already used): a challenge signs in once. */
  consumeChallenge(id: string): Promise<ChallengeRecord | undefined>
  /** Deletes sessions and challenges that expired before `now`; returns how many rows went. */
  purgeExpired(now: number): Promise<number>

  // attachments
  attachment(sha256: string): Promise<AttachmentRecord | undefined>
  /** The bytes of a scan: from the blob store (or, until moved out, from an old database). */
  attachmentBytes(sha256: string): Promise<Uint8Array | undefined>
  /** The same bytes as a stream with their size, for a GET that must not hold a whole scan in memory. */
  attachmentReader(sha256: string): Promise<BlobReader | undefined>
  /** Returns false when it was already there (idempotent). The bytes are durable in the blob store before the row. */
  putAttachment(a: AttachmentRecord, bytes: Uint8Array): Promise<boolean>
  /**
   * An upload as it streams in (bounded memory): hashed on the way, refused over `maxBytes` (GW_PAYLOAD_TOO_LARGE) or
   * when the bytes are not `a.sha256` (GW_HASH_MISMATCH); durable before it resolves. `created` false: already stored.
   */
  putAttachmentStream(a: Omit<AttachmentRecord, 'size'>, source: ByteSource, opts: { maxBytes: number }): Promise<{ created: boolean; size: number }>
  /** Moves the scans an old database holds into the blob store (once; resumable). Returns how many moved. */
  migrateScansOut(): Promise<number>
  /** Scan retention: deletes up to `limit` scans first stored before `cutoff`; returns how many went. */
  purgeScansBefore(cutoff: number, limit?: number): Promise<number>
  /** Remembers who uploaded an attachment (one row per uploader; repeats are ignored), for read authorisation. */
  noteAttachmentUploader(sha256: string, u: AttachmentUploader): Promise<void>
  attachmentUploaders(sha256: string): Promise<AttachmentUploader[]>
  /**
   * Requests whose envelope lists this attachment, found by an index written with the request row (the caller still
   * decodes each envelope before granting access).
   */
  requestsMentioning(sha256: string, limit: number): Promise<RequestRecord[]>

  // supervision
  /**
   * The rollups (kept in the same transaction as every status change) with `overdue` as of `now`: reads the rollup
   * table and, for the one day in progress, the open requests due earlier today by index — never every request.
   */
  supervisionCounts(now: number): Promise<SupervisionCountRow[]>

  // idempotency
  idempotency(scopeKey: string): Promise<IdempotencyRecord | undefined>
  putIdempotency(r: IdempotencyRecord): Promise<void>

  // requests
  nextRegistrationSeq(day: string): Promise<number>
  insertRequest(r: RequestRecord): Promise<void>
  requestById(id: string): Promise<RequestRecord | undefined>
  requestByRegNo(regNo: string): Promise<RequestRecord | undefined>
  requestByEnvelopeId(envelopeId: string): Promise<RequestRecord | undefined>
  updateRequest(id: string, patch: Partial<RequestRecord>): Promise<void>
  /**
   * One page of a department's inbox in work order: open requests first, nearest deadline first, then settled ones
   * newest first; keyset-paged (an index serves every filter combination without sorting).
   */
  listInbox(departmentId: string, opts: InboxListOptions): Promise<RequestRecord[]>
  /**
   * Puts a request at the end of a waiting list's category: its position is one after the category's last, never
   * shared with a concurrent entry (however many decisions run at once, on however many instances). Idempotent: a
   * request already in the queue keeps its entry.
   */
  enqueueInQueue(e: Omit<QueueEntry, 'position'>): Promise<QueueEntry>
  queueEntry(queue: string, requestId: string): Promise<QueueEntry | undefined>
  /** Stores (or replaces) the decision prepared for a request's authorised signer. */
  putPreparedDecision(d: PreparedDecisionRecord): Promise<void>
  /** The prepared decisions of these requests (an inbox page's), those that have one. */
  preparedDecisions(requestIds: string[]): Promise<PreparedDecisionRecord[]>
  appendStatus(c: Omit<StatusChangeRecord, 'seq'>): Promise<StatusChangeRecord>
  statusHistory(requestId: string): Promise<StatusChangeRecord[]>
  statusChangesSince(since: number, filter: StatusFilter, limit: number): Promise<StatusChangeRecord[]>

  // message log (append-only, hash-chained)
  lastLogEntry(): Promise<MessageLogEntry | undefined>
  appendLog(e: MessageLogEntry): Promise<void>
  logEntries(fromSeq: number, limit: number): Promise<MessageLogEntry[]>

  // durable jobs (src-gateway/jobs)
  /** Adds a pending job; false when a job of this kind and key already exists (enqueueing is idempotent). */
  enqueueJob(j: NewJob): Promise<boolean>
  /** Claims up to `limit` due jobs (pending and due, or running with an expired lease) for `owner` until now + leaseMs. */
  claimJobs(now: number, owner: string, leaseMs: number, limit: number): Promise<JobRecord[]>
  /** Marks a claimed job done; false when the lease is no longer this owner's (another runner took it over). */
  completeJob(id: string, owner: string, now: number): Promise<boolean>
  /** Gives a claimed job back for a later attempt at `runAt`, or buries it (`dead`) after its last attempt. */
  retryJob(id: string, owner: string, runAt: number, error: string, dead: boolean): Promise<boolean>
  jobs(filter: { kind?: string; state?: JobRecord['state'] }): Promise<JobRecord[]>
  purgeJobsDoneBefore(before: number): Promise<number>

  // retention
  /** Deletes idempotency answers written before `before`; returns how many. */
  purgeIdempotencyBefore(before: number): Promise<number>

  // accounts and units (administration)
  listUsers(): Promise<UserRecord[]>
  updateUser(id: string, patch: UserPatch): Promise<void>
  deleteSessionsOf(userId: string): Promise<number>
  orgUnits(): Promise<OrgUnitRecord[]>
  /** Adds or replaces a unit by id. */
  putOrgUnit(u: OrgUnitRecord): Promise<void>
  /** Binds a certificate; false when the certificate (fingerprint or issuer + serial) is bound already (to anyone). */
  bindCertificate(b: CertificateBindingRecord): Promise<boolean>
  /** Unbinds one certificate of an account; false when it was not bound to it. */
  unbindCertificate(userId: string, fingerprint: string): Promise<boolean>
  /** Every binding (the admin's accounts list: a handful per account). */
  certificateBindings(): Promise<CertificateBindingRecord[]>
  certificatesOf(userId: string): Promise<CertificateBindingRecord[]>
  /** The binding of the certificate a sign-in was made with (unique index on issuer + serial). */
  certificateBySerial(issuer: string, serialHex: string): Promise<CertificateBindingRecord | undefined>

  // audit trail (append-only, hash-chained; src-gateway/audit)
  /** The chain head; inside a transaction it is held until the transaction ends (one entry appended after it). */
  lastAuditEntry(): Promise<AuditEntry | undefined>
  appendAudit(e: AuditEntry): Promise<void>
  auditEntries(f: AuditFilter): Promise<AuditEntry[]>
  bumpActivity(r: Omit<ActivityCountRow, 'n'>): Promise<void>
  /** The rollup rows of the days fromDay..toDay (yyyy-mm-dd, inclusive). */
  activityCounts(fromDay: string, toDay: string): Promise<ActivityCountRow[]>
  // queue health (supervision)
  putDeskOutbox(r: DeskOutboxRecord): Promise<void>
  /** The desks that reported at or after `since`, the oldest waiting item first (at most 500). */
  deskOutboxes(since: number): Promise<DeskOutboxRecord[]>
  /** Open requests per deadline day from the rollup, of one department or all. */
  openByDueDay(departmentId?: string): Promise<DueDayCount[]>
  // state-duty payments (src-gateway/payments)
  insertPayment(p: PaymentRecord): Promise<void>
  /** Inside a transaction the row is locked for the read-modify-write that follows (settle, expire). */
  paymentByRequestId(requestId: string): Promise<PaymentRecord | undefined>
  updatePayment(requestId: string, patch: Partial<Omit<PaymentRecord, 'requestId'>>): Promise<void>
  /** Records a bank transaction; false when its id is already recorded (a duplicated callback). */
  insertPaymentTransaction(t: PaymentTransactionRecord): Promise<boolean>
  paymentTransaction(transactionId: string): Promise<PaymentTransactionRecord | undefined>
  paymentTransactions(requestId: string): Promise<PaymentTransactionRecord[]>
  /** Payments offered, paid or expired at or after `since` (supervision figures), at most `limit`. */
  paymentsSince(since: number, filter: StatusFilter, limit: number): Promise<PaymentRecord[]>
  /** Payments still awaiting, of a ЦОН (or all), nearest due first. */
  awaitingPayments(filter: StatusFilter, limit: number): Promise<PaymentRecord[]>
  /** Refunds recorded at or after `since`. */
  refundsSince(since: number, filter: StatusFilter, limit: number): Promise<PaymentTransactionRecord[]>

  // registry lookups (ГБД ФЛ audit)
  recordRegistryLookup(r: Omit<RegistryLookupRecord, 'seq'>): Promise<void>
  registryLookups(sinceSeq: number, limit: number): Promise<RegistryLookupRecord[]>

  // the ЦОН counter: hand-over, prints, quality survey
  /** A page of a ЦОН's requests, newest first, keyset-paged, with their hand-over (by index on ЦОН and time). */
  listCounter(tsonId: string, opts: CounterListOptions): Promise<CounterRow[]>
  /** Records the hand-over; false when the request was handed over already (the first one stays). */
  recordHandOver(h: HandOverRecord): Promise<boolean>
  handOver(requestId: string): Promise<HandOverRecord | undefined>
  recordPrint(p: Omit<PrintRecord, 'seq'>): Promise<PrintRecord>
  prints(requestId: string): Promise<PrintRecord[]>
  /** Stores the survey of a request; false when the request has one already (answered once). */
  putSurvey(s: SurveyRecord): Promise<boolean>
  survey(requestId: string): Promise<SurveyRecord | undefined>
  /** Survey answers answered in [from, to) per service and ЦОН (only the given ЦОНs when `tsonIds` is set). */
  surveyReport(q: { from: number; to: number; tsonIds?: string[] }): Promise<SurveyReportRow[]>
}

/** The calls of a GatewayStore inside one of its transactions. */
export type StoreTx = Omit<GatewayStore, 'transaction' | 'close' | 'kind' | 'blobs' | 'putAttachmentStream' | 'migrateScansOut' | 'purgeScansBefore'>
