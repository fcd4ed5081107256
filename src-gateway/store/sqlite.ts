/**
 * The embedded GatewayStore: one better-sqlite3 file in WAL mode. Prepared statements are created once; the message
 * log is protected by triggers so that even a bug in the gateway cannot rewrite history.
 */
import { Worker } from 'node:worker_threads'
import Database from 'better-sqlite3'
import type {
  AttachmentRecord, AttachmentUploader, ChallengeRecord, GatewayStore, IdempotencyRecord, MessageLogEntry, RequestRecord, SessionRecord,
  RequestFact, StatusChangeRecord, StatusFilter, StoreTx, UserRecord, JobRecord, NewJob, RegistryLookupRecord,
} from './types'
import type { RequestStatus } from '../../src-shared/gateway/api'

const SCHEMA = `
CREATE TABLE IF NOT EXISTS users (
  id TEXT PRIMARY KEY, login TEXT UNIQUE, iin TEXT UNIQUE, password_hash TEXT NOT NULL, role TEXT NOT NULL,
  display_name TEXT NOT NULL, tson_id TEXT, department_id TEXT, failed_count INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER, test_only INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS sessions (token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL, expires_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS challenges (id TEXT PRIMARY KEY, challenge BLOB NOT NULL, expires_at INTEGER NOT NULL, used INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS attachments (sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, media_type TEXT NOT NULL, created_at INTEGER NOT NULL, bytes BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS attachment_uploaders (sha256 TEXT NOT NULL, user_id TEXT NOT NULL, tson_id TEXT, PRIMARY KEY (sha256, user_id));
-- Which requests list which attachment (filled with the request row), so a read of a scan finds its requests by index.
CREATE TABLE IF NOT EXISTS request_attachments (sha256 TEXT NOT NULL, request_id TEXT NOT NULL, PRIMARY KEY (sha256, request_id));
CREATE TABLE IF NOT EXISTS idempotency (scope_key TEXT PRIMARY KEY, body_hash TEXT NOT NULL, status_code INTEGER NOT NULL, response TEXT NOT NULL, created_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS reg_counters (day TEXT PRIMARY KEY, seq INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS requests (
  id TEXT PRIMARY KEY, registration_number TEXT NOT NULL UNIQUE, envelope_id TEXT NOT NULL UNIQUE, service_id TEXT NOT NULL,
  tson_id TEXT, department_id TEXT NOT NULL, operator_user_id TEXT NOT NULL, status TEXT NOT NULL, received_at INTEGER NOT NULL,
  envelope BLOB NOT NULL, signature BLOB NOT NULL, assignee_id TEXT, result_kind TEXT, result_document BLOB, result_signature BLOB,
  result_media_type TEXT, result_reason TEXT, result_reason_code TEXT, result_signed_by TEXT, result_signer_iin TEXT,
  result_signer_bin TEXT, decided_at INTEGER);
CREATE INDEX IF NOT EXISTS requests_dept ON requests(department_id, status);
CREATE TABLE IF NOT EXISTS status_changes (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, request_id TEXT NOT NULL, registration_number TEXT NOT NULL, service_id TEXT NOT NULL,
  envelope_id TEXT NOT NULL, tson_id TEXT, department_id TEXT NOT NULL, status TEXT NOT NULL, at INTEGER NOT NULL, note TEXT);
CREATE INDEX IF NOT EXISTS status_changes_req ON status_changes(request_id);
CREATE TABLE IF NOT EXISTS message_log (
  seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, kind TEXT NOT NULL, request_id TEXT NOT NULL, digest TEXT NOT NULL,
  prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
CREATE TRIGGER IF NOT EXISTS message_log_no_update BEFORE UPDATE ON message_log BEGIN SELECT RAISE(ABORT, 'message_log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS message_log_no_delete BEFORE DELETE ON message_log BEGIN SELECT RAISE(ABORT, 'message_log is append-only'); END;
-- Durable jobs (src-gateway/jobs): one row per (kind, key); claimed under a lease, retried with backoff, done once.
CREATE TABLE IF NOT EXISTS jobs (
  id TEXT PRIMARY KEY, kind TEXT NOT NULL, key TEXT NOT NULL, payload TEXT NOT NULL, state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
  run_at INTEGER NOT NULL, lease_owner TEXT, lease_until INTEGER, last_error TEXT, created_at INTEGER NOT NULL, done_at INTEGER, UNIQUE (kind, key));
CREATE INDEX IF NOT EXISTS jobs_due ON jobs(state, run_at);
CREATE INDEX IF NOT EXISTS idempotency_created ON idempotency(created_at);
-- ГБД ФЛ and other registry lookups: who asked, when, about whom (masked), why (the request/draft id the caller gave).
CREATE TABLE IF NOT EXISTS registry_lookups (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, user_id TEXT NOT NULL, role TEXT NOT NULL, registry TEXT NOT NULL,
  subject TEXT NOT NULL, reason TEXT);
`

type Row = Record<string, unknown>
const u8 = (v: unknown): Uint8Array => (v == null ? new Uint8Array() : new Uint8Array(v as Buffer))
const u8n = (v: unknown): Uint8Array | null => (v == null ? null : new Uint8Array(v as Buffer))
const buf = (v: Uint8Array | null | undefined): Buffer | null => (v == null ? null : Buffer.from(v.buffer, v.byteOffset, v.byteLength))

function toUser(r: Row | undefined): UserRecord | undefined {
  if (!r) return undefined
  return {
    id: r.id as string, login: (r.login as string) ?? null, iin: (r.iin as string) ?? null, passwordHash: r.password_hash as string,
    role: r.role as UserRecord['role'], displayName: r.display_name as string, tsonId: (r.tson_id as string) ?? null,
    departmentId: (r.department_id as string) ?? null, failedCount: r.failed_count as number,
    lockedUntil: (r.locked_until as number) ?? null, testOnly: r.test_only === 1,
  }
}

function toRequest(r: Row | undefined): RequestRecord | undefined {
  if (!r) return undefined
  return {
    id: r.id as string, registrationNumber: r.registration_number as string, envelopeId: r.envelope_id as string,
    serviceId: r.service_id as string, tsonId: (r.tson_id as string) ?? null, departmentId: r.department_id as string,
    operatorUserId: r.operator_user_id as string, status: r.status as RequestStatus, receivedAt: r.received_at as number,
    envelope: u8(r.envelope), signature: u8(r.signature), assigneeId: (r.assignee_id as string) ?? null,
    resultKind: (r.result_kind as RequestRecord['resultKind']) ?? null, resultDocument: u8n(r.result_document),
    resultSignature: u8n(r.result_signature), resultMediaType: (r.result_media_type as string) ?? null,
    resultReason: (r.result_reason as string) ?? null, resultReasonCode: (r.result_reason_code as string) ?? null,
    resultSignedBy: (r.result_signed_by as RequestRecord['resultSignedBy']) ?? null,
    resultSignerIin: (r.result_signer_iin as string) ?? null, resultSignerBin: (r.result_signer_bin as string) ?? null,
    decidedAt: (r.decided_at as number) ?? null,
  }
}

function toChange(r: Row): StatusChangeRecord {
  return {
    seq: r.seq as number, requestId: r.request_id as string, registrationNumber: r.registration_number as string,
    serviceId: r.service_id as string, envelopeId: r.envelope_id as string, tsonId: (r.tson_id as string) ?? null,
    departmentId: r.department_id as string, status: r.status as RequestStatus, at: r.at as number, note: (r.note as string) ?? null,
  }
}

function toLog(r: Row | undefined): MessageLogEntry | undefined {
  if (!r) return undefined
  return {
    seq: r.seq as number, at: r.at as number, kind: r.kind as string, requestId: r.request_id as string,
    digest: r.digest as string, prevHash: r.prev_hash as string, hash: r.hash as string,
  }
}

/** camelCase RequestRecord field → column. */
const REQUEST_COLUMNS: Record<keyof RequestRecord, string> = {
  id: 'id', registrationNumber: 'registration_number', envelopeId: 'envelope_id', serviceId: 'service_id', tsonId: 'tson_id',
  departmentId: 'department_id', operatorUserId: 'operator_user_id', status: 'status', receivedAt: 'received_at',
  envelope: 'envelope', signature: 'signature', assigneeId: 'assignee_id', resultKind: 'result_kind',
  resultDocument: 'result_document', resultSignature: 'result_signature', resultMediaType: 'result_media_type',
  resultReason: 'result_reason', resultReasonCode: 'result_reason_code', resultSignedBy: 'result_signed_by',
  resultSignerIin: 'result_signer_iin', resultSignerBin: 'result_signer_bin', decidedAt: 'decided_at',
}

function sqlValue(v: unknown): unknown {
  if (v instanceof Uint8Array) return buf(v)
  if (typeof v === 'boolean') return v ? 1 : 0
  return v ?? null
}

/**
 * Checkpoints the WAL from a second connection on a worker thread. SQLite's automatic checkpoint runs inside the
 * COMMIT that crosses the threshold, on the request path (copying ~1000 pages into the database and fsyncing it took
 * most of the COMMIT time of POST /requests). A PASSIVE checkpoint never blocks the writer and changes nothing about
 * what a COMMIT guarantees; the writer keeps a (larger) automatic checkpoint as a safety net should this thread lag.
 */
const CHECKPOINTER = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.module)
const db = new Database(workerData.file)
db.pragma('busy_timeout = 1000')
const timer = setInterval(() => { try { db.pragma('wal_checkpoint(PASSIVE)') } catch {} }, workerData.intervalMs)
parentPort.on('message', () => { clearInterval(timer); try { db.close() } catch {} parentPort.close() })
`
const CHECKPOINT_INTERVAL_MS = 250
const SAFETY_AUTOCHECKPOINT_PAGES = 10_000

/** The synchronous core over one better-sqlite3 connection; SqliteGatewayStore serialises access to it. */
class SqliteCore {
  readonly db: Database.Database
  private checkpointer?: Worker
  private readonly st: Record<string, Database.Statement>
  // Statements whose SQL depends on which filters/columns a call uses: prepared once per distinct text (a handful).
  private readonly dynamic = new Map<string, Database.Statement>()
  private prepared(sql: string): Database.Statement {
    let st = this.dynamic.get(sql)
    if (!st) {
      st = this.db.prepare(sql)
      this.dynamic.set(sql, st)
    }
    return st
  }

  constructor(file: string) {
    this.db = new Database(file)
    this.db.pragma('journal_mode = WAL')
    this.db.pragma('synchronous = NORMAL')
    this.db.pragma('busy_timeout = 5000')
    this.db.exec(SCHEMA)
    // Databases made before request_attachments existed: link their requests once (user_version 0 → 1).
    if ((this.db.pragma('user_version', { simple: true }) as number) < 1) {
      this.db.exec(`INSERT OR IGNORE INTO request_attachments (sha256, request_id)
        SELECT json_extract(a.value, '$.sha256'), r.id FROM requests r, json_each(CAST(r.envelope AS TEXT), '$.attachments') a`)
      this.db.pragma('user_version = 1')
    }
    if (file !== ':memory:' && !file.startsWith('file::memory:')) {
      this.db.pragma(`wal_autocheckpoint = ${SAFETY_AUTOCHECKPOINT_PAGES}`)
      this.checkpointer = new Worker(CHECKPOINTER, { eval: true, workerData: { file, module: require.resolve('better-sqlite3'), intervalMs: CHECKPOINT_INTERVAL_MS } })
      // A failing checkpointer only means the writer's own automatic checkpoint does the work again.
      this.checkpointer.on('error', () => this.db.open && this.db.pragma('wal_autocheckpoint = 1000'))
      this.checkpointer.unref()
    }
    const p = (sql: string) => this.db.prepare(sql)
    this.st = {
      insertUser: p(`INSERT INTO users (id, login, iin, password_hash, role, display_name, tson_id, department_id, failed_count, locked_until, test_only)
        VALUES (@id, @login, @iin, @passwordHash, @role, @displayName, @tsonId, @departmentId, @failedCount, @lockedUntil, @testOnly)`),
      userById: p('SELECT * FROM users WHERE id = ?'),
      userByLogin: p('SELECT * FROM users WHERE login = ?'),
      userByIin: p('SELECT * FROM users WHERE iin = ?'),
      loginFailure: p('UPDATE users SET failed_count = ?, locked_until = ? WHERE id = ?'),
      loginSuccess: p('UPDATE users SET failed_count = 0, locked_until = NULL WHERE id = ?'),
      insertSession: p('INSERT INTO sessions (token_hash, user_id, expires_at) VALUES (?, ?, ?)'),
      sessionByHash: p('SELECT * FROM sessions WHERE token_hash = ?'),
      deleteSession: p('DELETE FROM sessions WHERE token_hash = ?'),
      insertChallenge: p('INSERT INTO challenges (id, challenge, expires_at, used) VALUES (?, ?, ?, 0)'),
      consumeChallenge: p('UPDATE challenges SET used = 1 WHERE id = ? AND used = 0 RETURNING *'),
      purgeSessions: p('DELETE FROM sessions WHERE expires_at < ?'),
      purgeChallenges: p('DELETE FROM challenges WHERE expires_at < ?'),
      attachment: p('SELECT sha256, size, media_type, created_at FROM attachments WHERE sha256 = ?'),
      attachmentBytes: p('SELECT bytes FROM attachments WHERE sha256 = ?'),
      putAttachment: p('INSERT OR IGNORE INTO attachments (sha256, size, media_type, created_at, bytes) VALUES (?, ?, ?, ?, ?)'),
      noteUploader: p('INSERT OR IGNORE INTO attachment_uploaders (sha256, user_id, tson_id) VALUES (?, ?, ?)'),
      uploaders: p('SELECT user_id, tson_id FROM attachment_uploaders WHERE sha256 = ?'),
      requestsMentioning: p('SELECT r.* FROM request_attachments ra JOIN requests r ON r.id = ra.request_id WHERE ra.sha256 = ? ORDER BY r.received_at LIMIT ?'),
      // The envelope is canonical JSON: its attachment list is read where the row is written, in the same statement batch.
      linkAttachments: p(`INSERT OR IGNORE INTO request_attachments (sha256, request_id) SELECT json_extract(value, '$.sha256'), ? FROM json_each(CAST(? AS TEXT), '$.attachments')`),
      requestFacts: p('SELECT service_id, tson_id, department_id, status, received_at FROM requests'),
      idempotency: p('SELECT * FROM idempotency WHERE scope_key = ?'),
      putIdempotency: p('INSERT INTO idempotency (scope_key, body_hash, status_code, response, created_at) VALUES (?, ?, ?, ?, ?)'),
      nextSeq: p('INSERT INTO reg_counters (day, seq) VALUES (?, 1) ON CONFLICT(day) DO UPDATE SET seq = seq + 1 RETURNING seq'),
      insertRequest: p(`INSERT INTO requests (${Object.values(REQUEST_COLUMNS).join(', ')}) VALUES (${Object.keys(REQUEST_COLUMNS).map((k) => '@' + k).join(', ')})`),
      requestById: p('SELECT * FROM requests WHERE id = ?'),
      requestByRegNo: p('SELECT * FROM requests WHERE registration_number = ?'),
      requestByEnvelopeId: p('SELECT * FROM requests WHERE envelope_id = ?'),
      appendStatus: p(`INSERT INTO status_changes (request_id, registration_number, service_id, envelope_id, tson_id, department_id, status, at, note)
        VALUES (@requestId, @registrationNumber, @serviceId, @envelopeId, @tsonId, @departmentId, @status, @at, @note) RETURNING seq`),
      statusHistory: p('SELECT * FROM status_changes WHERE request_id = ? ORDER BY seq'),
      lastLog: p('SELECT * FROM message_log ORDER BY seq DESC LIMIT 1'),
      appendLog: p('INSERT INTO message_log (seq, at, kind, request_id, digest, prev_hash, hash) VALUES (@seq, @at, @kind, @requestId, @digest, @prevHash, @hash)'),
      logEntries: p('SELECT * FROM message_log WHERE seq >= ? ORDER BY seq LIMIT ?'),
    }
  }

  close(): void {
    if (this.checkpointer) {
      this.checkpointer.postMessage('close')
      this.checkpointer = undefined
    }
    this.db.close()
  }

  insertUser(u: UserRecord): void {
    this.st.insertUser.run({ ...u, testOnly: u.testOnly ? 1 : 0 })
  }
  userById(id: string) { return toUser(this.st.userById.get(id) as Row) }
  userByLogin(login: string) { return toUser(this.st.userByLogin.get(login) as Row) }
  userByIin(iin: string) { return toUser(this.st.userByIin.get(iin) as Row) }
  recordLoginFailure(userId: string, failedCount: number, lockedUntil: number | null): void {
    this.st.loginFailure.run(failedCount, lockedUntil, userId)
  }
  recordLoginSuccess(userId: string): void { this.st.loginSuccess.run(userId) }
  insertSession(s: SessionRecord): void { this.st.insertSession.run(s.tokenHash, s.userId, s.expiresAt) }
  sessionByHash(tokenHash: string): SessionRecord | undefined {
    const r = this.st.sessionByHash.get(tokenHash) as Row | undefined
    return r ? { tokenHash: r.token_hash as string, userId: r.user_id as string, expiresAt: r.expires_at as number } : undefined
  }
  deleteSession(tokenHash: string): void { this.st.deleteSession.run(tokenHash) }
  insertChallenge(c: ChallengeRecord): void { this.st.insertChallenge.run(c.id, buf(c.challenge), c.expiresAt) }
  consumeChallenge(id: string): ChallengeRecord | undefined {
    const r = this.st.consumeChallenge.get(id) as Row | undefined
    return r ? { id: r.id as string, challenge: u8(r.challenge), expiresAt: r.expires_at as number, used: true } : undefined
  }

  purgeExpired(now: number): number {
    return this.st.purgeSessions.run(now).changes + this.st.purgeChallenges.run(now).changes
  }

  attachment(sha256: string): AttachmentRecord | undefined {
    const r = this.st.attachment.get(sha256) as Row | undefined
    return r ? { sha256: r.sha256 as string, size: r.size as number, mediaType: r.media_type as string, createdAt: r.created_at as number } : undefined
  }
  attachmentBytes(sha256: string): Uint8Array | undefined {
    const r = this.st.attachmentBytes.get(sha256) as Row | undefined
    return r ? u8(r.bytes) : undefined
  }
  putAttachment(a: AttachmentRecord, bytes: Uint8Array): boolean {
    return this.st.putAttachment.run(a.sha256, a.size, a.mediaType, a.createdAt, buf(bytes)).changes === 1
  }

  noteAttachmentUploader(sha256: string, u: AttachmentUploader): void {
    this.st.noteUploader.run(sha256, u.userId, u.tsonId)
  }
  attachmentUploaders(sha256: string): AttachmentUploader[] {
    return (this.st.uploaders.all(sha256) as Row[]).map((r) => ({ userId: r.user_id as string, tsonId: (r.tson_id as string) ?? null }))
  }
  requestsMentioning(sha256: string, limit: number): RequestRecord[] {
    return (this.st.requestsMentioning.all(sha256, limit) as Row[]).map((r) => toRequest(r) as RequestRecord)
  }
  requestFacts(): RequestFact[] {
    return (this.st.requestFacts.all() as Row[]).map((r) => ({
      serviceId: r.service_id as string, tsonId: (r.tson_id as string) ?? null, departmentId: r.department_id as string,
      status: r.status as RequestStatus, receivedAt: r.received_at as number,
    }))
  }

  idempotency(scopeKey: string): IdempotencyRecord | undefined {
    const r = this.st.idempotency.get(scopeKey) as Row | undefined
    return r
      ? { scopeKey: r.scope_key as string, bodyHash: r.body_hash as string, statusCode: r.status_code as number, response: r.response as string, createdAt: r.created_at as number }
      : undefined
  }
  putIdempotency(r: IdempotencyRecord): void {
    this.st.putIdempotency.run(r.scopeKey, r.bodyHash, r.statusCode, r.response, r.createdAt)
  }

  nextRegistrationSeq(day: string): number {
    return (this.st.nextSeq.get(day) as Row).seq as number
  }
  insertRequest(r: RequestRecord): void {
    const row: Record<string, unknown> = {}
    for (const k of Object.keys(REQUEST_COLUMNS) as (keyof RequestRecord)[]) row[k] = sqlValue(r[k])
    this.st.insertRequest.run(row)
    this.st.linkAttachments.run(r.id, row.envelope)
  }
  requestById(id: string) { return toRequest(this.st.requestById.get(id) as Row) }
  requestByRegNo(regNo: string) { return toRequest(this.st.requestByRegNo.get(regNo) as Row) }
  requestByEnvelopeId(envelopeId: string) { return toRequest(this.st.requestByEnvelopeId.get(envelopeId) as Row) }
  updateRequest(id: string, patch: Partial<RequestRecord>): void {
    const keys = (Object.keys(patch) as (keyof RequestRecord)[]).filter((k) => k !== 'id')
    if (!keys.length) return
    const sql = `UPDATE requests SET ${keys.map((k) => `${REQUEST_COLUMNS[k]} = ?`).join(', ')} WHERE id = ?`
    this.prepared(sql).run(...keys.map((k) => sqlValue(patch[k])), id)
  }
  listInbox(departmentId: string, opts: { status?: RequestStatus; assigneeId?: string }): RequestRecord[] {
    let sql = 'SELECT * FROM requests WHERE department_id = ?'
    const args: unknown[] = [departmentId]
    if (opts.status) { sql += ' AND status = ?'; args.push(opts.status) }
    if (opts.assigneeId) { sql += ' AND assignee_id = ?'; args.push(opts.assigneeId) }
    sql += ' ORDER BY received_at LIMIT 500'
    return (this.prepared(sql).all(...args) as Row[]).map((r) => toRequest(r) as RequestRecord)
  }
  appendStatus(c: Omit<StatusChangeRecord, 'seq'>): StatusChangeRecord {
    const seq = (this.st.appendStatus.get({ ...c, note: c.note ?? null }) as Row).seq as number
    return { ...c, seq }
  }
  statusHistory(requestId: string): StatusChangeRecord[] {
    return (this.st.statusHistory.all(requestId) as Row[]).map(toChange)
  }
  statusChangesSince(since: number, filter: StatusFilter, limit: number): StatusChangeRecord[] {
    let sql = 'SELECT * FROM status_changes WHERE seq > ?'
    const args: unknown[] = [since]
    if (filter.tsonId) { sql += ' AND tson_id = ?'; args.push(filter.tsonId) }
    if (filter.departmentId) { sql += ' AND department_id = ?'; args.push(filter.departmentId) }
    sql += ' ORDER BY seq LIMIT ?'
    args.push(limit)
    return (this.prepared(sql).all(...args) as Row[]).map(toChange)
  }

  lastLogEntry() { return toLog(this.st.lastLog.get() as Row) }
  appendLog(e: MessageLogEntry): void { this.st.appendLog.run(e) }
  logEntries(fromSeq: number, limit: number): MessageLogEntry[] {
    return (this.st.logEntries.all(fromSeq, limit) as Row[]).map((r) => toLog(r) as MessageLogEntry)
  }

  // ── durable jobs, retention, registry lookups (issue 10) ──
  enqueueJob(j: NewJob): boolean {
    return this.prepared(`INSERT OR IGNORE INTO jobs (id, kind, key, payload, state, attempts, run_at, created_at) VALUES (?, ?, ?, ?, 'pending', 0, ?, ?)`)
      .run(j.id, j.kind, j.key, j.payload, j.runAt, j.createdAt).changes === 1
  }
  claimJobs(now: number, owner: string, leaseMs: number, limit: number): JobRecord[] {
    // Due pending jobs, and running ones whose lease ran out (their process died): one UPDATE, so two runners never
    // claim the same row.
    return (this.prepared(`UPDATE jobs SET state = 'running', lease_owner = ?, lease_until = ?, attempts = attempts + 1
      WHERE id IN (SELECT id FROM jobs WHERE (state = 'pending' AND run_at <= ?) OR (state = 'running' AND lease_until <= ?) ORDER BY run_at LIMIT ?)
      RETURNING *`).all(owner, now + leaseMs, now, now, limit) as Row[]).map(toJob)
  }
  completeJob(id: string, owner: string, now: number): boolean {
    return this.prepared(`UPDATE jobs SET state = 'done', done_at = ?, lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ? AND state = 'running'`)
      .run(now, id, owner).changes === 1
  }
  retryJob(id: string, owner: string, runAt: number, error: string, dead: boolean): boolean {
    return this.prepared(`UPDATE jobs SET state = ?, run_at = ?, last_error = ?, lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ? AND state = 'running'`)
      .run(dead ? 'dead' : 'pending', runAt, error.slice(0, 500), id, owner).changes === 1
  }
  jobs(filter: { kind?: string; state?: JobRecord['state'] }): JobRecord[] {
    let sql = 'SELECT * FROM jobs WHERE 1 = 1'
    const args: unknown[] = []
    if (filter.kind) { sql += ' AND kind = ?'; args.push(filter.kind) }
    if (filter.state) { sql += ' AND state = ?'; args.push(filter.state) }
    return (this.prepared(sql + ' ORDER BY created_at LIMIT 10000').all(...args) as Row[]).map(toJob)
  }
  purgeJobsDoneBefore(before: number): number {
    return this.prepared(`DELETE FROM jobs WHERE state = 'done' AND done_at < ?`).run(before).changes
  }
  purgeIdempotencyBefore(before: number): number {
    return this.prepared('DELETE FROM idempotency WHERE created_at < ?').run(before).changes
  }
  recordRegistryLookup(r: Omit<RegistryLookupRecord, 'seq'>): void {
    this.prepared('INSERT INTO registry_lookups (at, user_id, role, registry, subject, reason) VALUES (?, ?, ?, ?, ?, ?)')
      .run(r.at, r.userId, r.role, r.registry, r.subject, r.reason)
  }
  registryLookups(sinceSeq: number, limit: number): RegistryLookupRecord[] {
    return (this.prepared('SELECT * FROM registry_lookups WHERE seq > ? ORDER BY seq LIMIT ?').all(sinceSeq, limit) as Row[]).map((r) => ({
      seq: r.seq as number, at: r.at as number, userId: r.user_id as string, role: r.role as string, registry: r.registry as string,
      subject: r.subject as string, reason: (r.reason as string) ?? null,
    }))
  }
}

function toJob(r: Row): JobRecord {
  return {
    id: r.id as string, kind: r.kind as string, key: r.key as string, payload: r.payload as string, state: r.state as JobRecord['state'],
    attempts: r.attempts as number, runAt: r.run_at as number, leaseOwner: (r.lease_owner as string) ?? null, leaseUntil: (r.lease_until as number) ?? null,
    lastError: (r.last_error as string) ?? null, createdAt: r.created_at as number, doneAt: (r.done_at as number) ?? null,
  }
}

type Core = Omit<SqliteCore, 'db' | 'close'>
type AsyncOf<T> = { [K in keyof T]: T[K] extends (...a: infer A) => infer R ? (...a: A) => Promise<R> : never }

/**
 * The asynchronous GatewayStore over SqliteCore. One connection: every call and every transaction is queued, so a
 * transaction (BEGIN IMMEDIATE … COMMIT around an async function) is isolated from all other calls; the function's own
 * calls go through its `tx` handle, which runs them at once, inside it.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class SqliteGatewayStore implements GatewayStore {
  readonly kind = 'sqlite' as const
  private readonly core: SqliteCore
  private tail: Promise<unknown> = Promise.resolve()
  /** The calls of the open transaction: straight to the connection (the queue is held by the transaction). */
  private readonly tx = {} as StoreTx
  private txOpen = false
  private readonly txTimeoutMs: number

  /**
   * @param opts.txTimeoutMs a transaction still open after this long is rolled back with an error: the usual cause is
   *   a call on the store itself (not on `tx`) from inside the transaction's function, which would otherwise wait
   *   for the transaction forever and hold every other call with it.
   */
  constructor(file: string, opts: { txTimeoutMs?: number } = {}) {
    this.txTimeoutMs = opts.txTimeoutMs ?? 30_000
    this.core = new SqliteCore(file)
    const proto = SqliteCore.prototype as unknown as Record<string, unknown>
    const core = this.core as unknown as Record<string, (...a: unknown[]) => unknown>
    for (const name of Object.getOwnPropertyNames(SqliteCore.prototype)) {
      if (name === 'constructor' || name === 'close' || typeof proto[name] !== 'function') continue
      ;(this as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => this.enqueue(async () => core[name](...args))
      ;(this.tx as unknown as Record<string, unknown>)[name] = async (...args: unknown[]) => {
        // A handle kept past its transaction would write outside any transaction, unqueued: refuse loudly.
        if (!this.txOpen) throw new Error(`store tx.${name} used outside its transaction`)
        return core[name](...args)
      }
    }
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const next = this.tail.then(task, task)
    this.tail = next.catch(() => undefined)
    return next
  }

  transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    return this.enqueue(async () => {
      this.core.db.exec('BEGIN IMMEDIATE')
      this.txOpen = true
      let timer: NodeJS.Timeout | undefined
      const stuck = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`store transaction still open after ${this.txTimeoutMs} ms: a store call inside it must go through tx`)), this.txTimeoutMs)
      })
      try {
        const result = await Promise.race([fn(this.tx), stuck]).finally(() => clearTimeout(timer))
        this.txOpen = false
        this.core.db.exec('COMMIT')
        return result
      } catch (err) {
        this.txOpen = false
        if (this.core.db.inTransaction) this.core.db.exec('ROLLBACK')
        throw err
      }
    })
  }

  async close(): Promise<void> {
    await this.enqueue(async () => this.core.close())
  }
}
// The per-method wrappers are installed in the constructor; this declaration gives them their types.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface SqliteGatewayStore extends AsyncOf<Core> {}
