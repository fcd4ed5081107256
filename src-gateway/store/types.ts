/**
 * GatewayStore: everything the gateway persists, behind one interface so a PostgreSQL store can follow the embedded
 * SQLite one. Methods are synchronous because better-sqlite3 is; a PostgreSQL store would wrap the services in an
 * async adapter (the services call the store only from request handlers, never from hot loops).
 */
import type { RequestStatus, ResultKind, Role } from '../../src-shared/gateway/api'

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

export interface StatusFilter {
  tsonId?: string
  departmentId?: string
}

export interface GatewayStore {
  readonly kind: 'sqlite' | 'postgres'
  /** Runs fn atomically (all or nothing). */
  transaction<T>(fn: () => T): T
  close(): void

  // accounts
  insertUser(u: UserRecord): void
  userById(id: string): UserRecord | undefined
  userByLogin(login: string): UserRecord | undefined
  userByIin(iin: string): UserRecord | undefined
  recordLoginFailure(userId: string, failedCount: number, lockedUntil: number | null): void
  recordLoginSuccess(userId: string): void
  insertSession(s: SessionRecord): void
  sessionByHash(tokenHash: string): SessionRecord | undefined
  deleteSession(tokenHash: string): void
  insertChallenge(c: ChallengeRecord): void
  /** Marks a challenge used and returns it (undefined when unknown or already used): a challenge signs in once. */
  consumeChallenge(id: string): ChallengeRecord | undefined

  // attachments
  attachment(sha256: string): AttachmentRecord | undefined
  attachmentBytes(sha256: string): Uint8Array | undefined
  /** Returns false when it was already there (idempotent). */
  putAttachment(a: AttachmentRecord, bytes: Uint8Array): boolean

  // idempotency
  idempotency(scopeKey: string): IdempotencyRecord | undefined
  putIdempotency(r: IdempotencyRecord): void

  // requests
  nextRegistrationSeq(day: string): number
  insertRequest(r: RequestRecord): void
  requestById(id: string): RequestRecord | undefined
  requestByRegNo(regNo: string): RequestRecord | undefined
  requestByEnvelopeId(envelopeId: string): RequestRecord | undefined
  updateRequest(id: string, patch: Partial<RequestRecord>): void
  listInbox(departmentId: string, opts: { status?: RequestStatus; assigneeId?: string }): RequestRecord[]
  appendStatus(c: Omit<StatusChangeRecord, 'seq'>): StatusChangeRecord
  statusHistory(requestId: string): StatusChangeRecord[]
  statusChangesSince(since: number, filter: StatusFilter, limit: number): StatusChangeRecord[]

  // message log (append-only, hash-chained)
  lastLogEntry(): MessageLogEntry | undefined
  appendLog(e: MessageLogEntry): void
  logEntries(fromSeq: number, limit: number): MessageLogEntry[]
}
