/**
 * The embedded GatewayStore: one better-sqlite3 file in WAL mode. Prepared statements are created once; the message
 * log is protected by triggers so that even a bug in the gateway cannot rewrite history.
 */
import { Worker } from 'node:worker_threads'
import Database from 'better-sqlite3'
import type { AuditEntry } from '../../src-shared/audit'
import {
  ACTIVITY_RANGE, ACTIVITY_UPSERT, activityArgs, AUDIT_INSERT, auditInsertArgs, auditQuery, ORG_UNIT_UPSERT, orgUnitArgs, toActivity, toAuditEntry, toOrgUnit, userUpdate, CERT_BIND, certBindArgs, toCertBinding,
} from './audit-sql'
import type {
  ActivityCountRow, AuditFilter, CertificateBindingRecord, OrgUnitRecord, UserPatch, QueueEntry, PreparedDecisionRecord,
  AttachmentRecord, AttachmentUploader, ChallengeRecord, GatewayStore, IdempotencyRecord, InboxListOptions, MessageLogEntry, RequestRecord,
  SessionRecord, StatusChangeRecord, StatusFilter, StoreTx, SupervisionCountRow, UserRecord, JobRecord, NewJob, RegistryLookupRecord, PaymentRecord, PaymentTransactionRecord,
} from './types'
import { filterSql, insertParts, PAYMENT_TX_COLUMNS, paymentInsert, paymentsSinceQuery, paymentUpdate, toPayment, toPaymentTx } from './payment-rows'
import { REQUEST_COLUMNS, toChange, toLog, toRequest, toUser } from './request-rows'
import { DESK_OUTBOX_UPSERT, DESK_OUTBOXES_SINCE, deskOutboxArgs, openByDueDayQuery, toDeskOutbox, toDueDay } from './supervision-sql'
import type { DeskOutboxRecord, DueDayCount } from './types'
import { PREPARED_UPSERT, preparedArgs, toPreparedDecision } from './prepared-rows'
import { toQueueEntry } from './queue-rows'
import type { RequestStatus } from '../../src-shared/gateway/api'
import { DAY_MS, regulatedDueAt, rollupDay, workOrder } from '../supervision/work'
import { migrateSqlite } from './sqlite-migrations'
import { counterQuery, surveyReportQuery, toHandOver, toPrint, toSurvey, toSurveyReportRow } from './counter-sql'
import type { CounterListOptions, CounterRow, HandOverRecord, PrintRecord, SurveyRecord, SurveyReportRow } from './types'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { FileBlobStore } from '../blobs/file-blob-store'
import { Scans, type ScanRows } from '../blobs/scans'
import type { BlobReader, BlobStore, ByteSource } from '../blobs/types'

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
`

type Row = Record<string, unknown>
const u8 = (v: unknown): Uint8Array => (v == null ? new Uint8Array() : new Uint8Array(v as Buffer))
const buf = (v: Uint8Array | null | undefined): Buffer | null => (v == null ? null : Buffer.from(v.buffer, v.byteOffset, v.byteLength))


/** The columns a status change moves between rollup keys and work-order positions. */
interface WorkFacts { status: RequestStatus; tsonId: string | null; departmentId: string; serviceId: string; dueAt: number | null; receivedAt: number }

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

/**
 * One inbox page. Every filter combination has an index that starts with its equalities and ends with
 * (settled, sort_key, id): the page is read in index order, no sort, and the cursor continues it. Exported for the
 * query-plan tests.
 */
export function sqliteInboxQuery(departmentId: string, opts: InboxListOptions): { sql: string; args: unknown[] } {
  let sql = 'SELECT * FROM requests WHERE department_id = ?'
  const args: unknown[] = [departmentId]
  if (opts.status) { sql += ' AND status = ?'; args.push(opts.status) }
  if (opts.assigneeId) { sql += ' AND assignee_id = ?'; args.push(opts.assigneeId) }
  if (opts.serviceId) { sql += ' AND service_id = ?'; args.push(opts.serviceId) }
  if (opts.after) { sql += ' AND (settled, sort_key, id) > (?, ?, ?)'; args.push(opts.after.settled, opts.after.sortKey, opts.after.id) }
  sql += ' ORDER BY settled, sort_key, id LIMIT ?'
  args.push(opts.limit ?? 100)
  return { sql, args }
}

/** Status changes after a cursor, for whoever may see them (index per ЦОН and per department, in seq order). */
export function sqliteChangesQuery(since: number, filter: StatusFilter, limit: number): { sql: string; args: unknown[] } {
  let sql = 'SELECT * FROM status_changes'
  const args: unknown[] = []
  if (filter.tsonId) { sql += ' WHERE tson_id = ? AND seq > ?'; args.push(filter.tsonId, since) }
  else if (filter.departmentId) { sql += ' WHERE department_id = ? AND seq > ?'; args.push(filter.departmentId, since) }
  else { sql += ' WHERE seq > ?'; args.push(since) }
  // Both filters at once (not used by any role today) keep the department as a residual condition.
  if (filter.tsonId && filter.departmentId) { sql += ' AND department_id = ?'; args.push(filter.departmentId) }
  sql += ' ORDER BY seq LIMIT ?'
  args.push(limit)
  return { sql, args }
}

/** The supervision reads, exported for the query-plan tests. */
export const SQLITE_SUPERVISION_SQL = {
  // Rollup lines: overdue = open with a due day before today; today's due ones are counted exactly by countsDueToday.
  countsRollup: `SELECT tson_id, department_id, service_id, status, SUM(n) AS n,
      SUM(CASE WHEN day NOT IN ('', '?') AND day < ? THEN n ELSE 0 END) AS overdue, SUM(CASE WHEN day = '?' THEN n ELSE 0 END) AS unknown
    FROM request_counts GROUP BY tson_id, department_id, service_id, status`,
  countsDueToday: `SELECT COALESCE(tson_id, '') AS tson_id, department_id, service_id, status, COUNT(*) AS n FROM requests
    WHERE settled = 0 AND due_at >= ? AND due_at < ? GROUP BY 1, 2, 3, 4`,
}

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
    migrateSqlite(this.db)
    if (file !== ':memory:' && !file.startsWith('file::memory:')) {
      this.db.pragma(`wal_autocheckpoint = ${SAFETY_AUTOCHECKPOINT_PAGES}`)
      this.checkpointer = new Worker(CHECKPOINTER, { eval: true, workerData: { file, module: require.resolve('better-sqlite3'), intervalMs: CHECKPOINT_INTERVAL_MS } })
      // A failing checkpointer only means the writer's own automatic checkpoint does the work again.
      this.checkpointer.on('error', () => this.db.open && this.db.pragma('wal_autocheckpoint = 1000'))
      this.checkpointer.unref()
    }
    const p = (sql: string) => this.db.prepare(sql)
    this.st = {
      insertUser: p(`INSERT OR IGNORE INTO users (id, login, iin, password_hash, role, display_name, tson_id, department_id, failed_count, locked_until, test_only)
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
      attachment: p('SELECT sha256, size, media_type, created_at, pages FROM attachments WHERE sha256 = ?'),
      // Scans live in the blob store; the row keeps an empty `bytes` (the column of the first schema is NOT NULL).
      legacyBytes: p('SELECT bytes FROM attachments WHERE sha256 = ? AND length(bytes) > 0'),
      putAttachmentRow: p("INSERT OR IGNORE INTO attachments (sha256, size, media_type, created_at, pages, bytes) VALUES (?, ?, ?, ?, ?, x'')"),
      scansInDb: p('SELECT sha256, bytes FROM attachments WHERE length(bytes) > 0 LIMIT ?'),
      clearScanBytes: p("UPDATE attachments SET bytes = x'' WHERE sha256 = ?"),
      scansBefore: p('SELECT sha256 FROM attachments WHERE created_at < ? ORDER BY created_at LIMIT ?'),
      deleteScanRow: p('DELETE FROM attachments WHERE sha256 = ?'),
      deleteScanUploaders: p('DELETE FROM attachment_uploaders WHERE sha256 = ?'),
      migrationDone: p('SELECT 1 FROM schema_migrations WHERE name = ?'),
      recordMigration: p('INSERT OR IGNORE INTO schema_migrations (name, applied_at) VALUES (?, ?)'),
      noteUploader: p('INSERT OR IGNORE INTO attachment_uploaders (sha256, user_id, tson_id) VALUES (?, ?, ?)'),
      uploaders: p('SELECT user_id, tson_id FROM attachment_uploaders WHERE sha256 = ?'),
      requestsMentioning: p('SELECT r.* FROM request_attachments ra JOIN requests r ON r.id = ra.request_id WHERE ra.sha256 = ? ORDER BY r.received_at LIMIT ?'),
      // The envelope is canonical JSON: its attachment list is read where the row is written, in the same statement batch.
      linkAttachments: p(`INSERT OR IGNORE INTO request_attachments (sha256, request_id) SELECT json_extract(value, '$.sha256'), ? FROM json_each(CAST(? AS TEXT), '$.attachments')`),
      countAdd: p(`INSERT INTO request_counts (tson_id, department_id, service_id, status, day, n) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (tson_id, department_id, service_id, status, day) DO UPDATE SET n = n + excluded.n`),
      countDropEmpty: p('DELETE FROM request_counts WHERE tson_id = ? AND department_id = ? AND service_id = ? AND status = ? AND day = ? AND n = 0'),
      workFacts: p('SELECT status, tson_id, department_id, service_id, due_at, received_at FROM requests WHERE id = ?'),
      countsRollup: p(SQLITE_SUPERVISION_SQL.countsRollup),
      countsDueToday: p(SQLITE_SUPERVISION_SQL.countsDueToday),
      idempotency: p('SELECT * FROM idempotency WHERE scope_key = ?'),
      putIdempotency: p('INSERT INTO idempotency (scope_key, body_hash, status_code, response, created_at) VALUES (?, ?, ?, ?, ?)'),
      nextSeq: p('INSERT INTO reg_counters (day, seq) VALUES (?, 1) ON CONFLICT(day) DO UPDATE SET seq = seq + 1 RETURNING seq'),
      insertRequest: p(`INSERT INTO requests (${Object.values(REQUEST_COLUMNS).join(', ')}, settled, sort_key)
        VALUES (${Object.keys(REQUEST_COLUMNS).map((k) => '@' + k).join(', ')}, @settled, @sortKey)`),
      requestById: p('SELECT * FROM requests WHERE id = ?'),
      requestByRegNo: p('SELECT * FROM requests WHERE registration_number = ?'),
      requestByEnvelopeId: p('SELECT * FROM requests WHERE envelope_id = ?'),
      appendStatus: p(`INSERT INTO status_changes (request_id, registration_number, service_id, envelope_id, tson_id, department_id, status, at, note, actor_name)
        VALUES (@requestId, @registrationNumber, @serviceId, @envelopeId, @tsonId, @departmentId, @status, @at, @note, @actorName) RETURNING seq`),
      statusHistory: p('SELECT * FROM status_changes WHERE request_id = ? ORDER BY seq'),
      lastLog: p('SELECT * FROM message_log ORDER BY seq DESC LIMIT 1'),
      appendLog: p('INSERT INTO message_log (seq, at, kind, request_id, digest, prev_hash, hash) VALUES (@seq, @at, @kind, @requestId, @digest, @prevHash, @hash)'),
      logEntries: p('SELECT * FROM message_log WHERE seq >= ? ORDER BY seq LIMIT ?'),
    }
  }

  /** Resolves once the checkpointer thread has closed its connection too: until then it holds the -wal/-shm files, and
   *  a caller that deletes the folder right after close() would race it (ENOTEMPTY). */
  close(): Promise<void> {
    const worker = this.checkpointer
    this.checkpointer = undefined
    this.db.close()
    if (!worker) return Promise.resolve()
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()))
    // The thread is unref'd while it runs; waiting for its exit must keep the process alive, or a caller awaiting
    // close() as its last work (a bench, a script) sees the event loop drain and exit before the promise settles.
    worker.ref()
    worker.postMessage('close')
    return exited
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
    return r ? { sha256: r.sha256 as string, size: r.size as number, mediaType: r.media_type as string, createdAt: r.created_at as number, pages: (r.pages as number | null) ?? null } : undefined
  }
  /** The bytes of a scan stored before scans moved to the blob store and not moved yet (undefined otherwise). */
  legacyScanBytes(sha256: string): Uint8Array | undefined {
    const r = this.st.legacyBytes.get(sha256) as Row | undefined
    return r ? u8(r.bytes) : undefined
  }
  /** The metadata row of a scan whose bytes are already durable in the blob store; false when it was there. */
  putAttachmentRow(a: AttachmentRecord): boolean {
    return this.st.putAttachmentRow.run(a.sha256, a.size, a.mediaType, a.createdAt, a.pages ?? null).changes === 1
  }
  scansStillInDb(limit: number): { sha256: string; bytes: Uint8Array }[] {
    return (this.st.scansInDb.all(limit) as Row[]).map((r) => ({ sha256: r.sha256 as string, bytes: u8(r.bytes) }))
  }
  clearScanBytes(sha256: string): void { this.st.clearScanBytes.run(sha256) }
  scansCreatedBefore(cutoff: number, limit: number): string[] {
    return (this.st.scansBefore.all(cutoff, limit) as Row[]).map((r) => r.sha256 as string)
  }
  deleteScanRows(shas: string[]): void {
    this.inTx(() => {
      for (const sha of shas) {
        this.st.deleteScanRow.run(sha)
        this.st.deleteScanUploaders.run(sha)
      }
    })
  }
  migrationDone(name: string): boolean { return this.st.migrationDone.get(name) !== undefined }
  recordMigration(name: string): void { this.st.recordMigration.run(name, Date.now()) }

  noteAttachmentUploader(sha256: string, u: AttachmentUploader): void {
    this.st.noteUploader.run(sha256, u.userId, u.tsonId)
  }
  attachmentUploaders(sha256: string): AttachmentUploader[] {
    return (this.st.uploaders.all(sha256) as Row[]).map((r) => ({ userId: r.user_id as string, tsonId: (r.tson_id as string) ?? null }))
  }
  requestsMentioning(sha256: string, limit: number): RequestRecord[] {
    return (this.st.requestsMentioning.all(sha256, limit) as Row[]).map((r) => toRequest(r) as RequestRecord)
  }
  supervisionCounts(now: number): SupervisionCountRow[] {
    const dayStart = Math.floor(now / DAY_MS) * DAY_MS
    const today = new Date(dayStart).toISOString().slice(0, 10)
    const key = (r: Row) => `${r.tson_id}\u0000${r.department_id}\u0000${r.service_id}\u0000${r.status}`
    const rows = new Map<string, SupervisionCountRow>()
    for (const r of this.st.countsRollup.all(today) as Row[]) {
      rows.set(key(r), {
        tsonId: (r.tson_id as string) || null, departmentId: r.department_id as string, serviceId: r.service_id as string,
        status: r.status as RequestStatus, count: r.n as number, overdue: r.overdue as number, unknownTerm: r.unknown as number,
      })
    }
    for (const r of this.st.countsDueToday.all(dayStart, now) as Row[]) {
      const line = rows.get(key(r))
      if (line) line.overdue += r.n as number
    }
    return [...rows.values()].filter((r) => r.count > 0)
  }

  /** Moves one request between rollup keys: −1 under `from` (if any), +1 under `to` (if any). */
  private recount(from: WorkFacts | undefined, to: WorkFacts | undefined): void {
    const args = (f: WorkFacts) => [f.tsonId ?? '', f.departmentId, f.serviceId, f.status, rollupDay(f)] as const
    if (from && to) {
      const a = args(from), b = args(to)
      if (a.every((v, i) => v === b[i])) return
    }
    if (from) {
      this.st.countAdd.run(...args(from), -1)
      this.st.countDropEmpty.run(...args(from))
    }
    if (to) this.st.countAdd.run(...args(to), 1)
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
    const dueAt = r.dueAt === undefined ? regulatedDueAt(r.serviceId, r.receivedAt) : r.dueAt
    const row: Record<string, unknown> = {}
    for (const k of Object.keys(REQUEST_COLUMNS) as (keyof RequestRecord)[]) row[k] = sqlValue(r[k])
    row.dueAt = dueAt
    const w = workOrder({ status: r.status, dueAt, receivedAt: r.receivedAt })
    row.settled = w.settled
    row.sortKey = w.sortKey
    this.inTx(() => {
      this.st.insertRequest.run(row)
      this.st.linkAttachments.run(r.id, row.envelope)
      this.recount(undefined, { status: r.status, tsonId: r.tsonId, departmentId: r.departmentId, serviceId: r.serviceId, dueAt, receivedAt: r.receivedAt })
    })
  }

  /** Runs fn atomically: inside the store's open transaction as a savepoint, otherwise as its own transaction. */
  private inTx(fn: () => void): void {
    // Inside the store's transaction a failure propagates and rolls all of it back: no savepoint needed per call.
    if (this.db.inTransaction) fn()
    else this.db.transaction(fn)()
  }
  requestById(id: string) { return toRequest(this.st.requestById.get(id) as Row) }
  requestByRegNo(regNo: string) { return toRequest(this.st.requestByRegNo.get(regNo) as Row) }
  requestByEnvelopeId(envelopeId: string) { return toRequest(this.st.requestByEnvelopeId.get(envelopeId) as Row) }
  /**
   * Updates columns of a request. A change of status, deadline or routing moves the request's rollup line and its
   * work-order position in the same transaction, so the summary and the inbox never disagree with the rows.
   */
  updateRequest(id: string, patch: Partial<RequestRecord>): void {
    const keys = (Object.keys(patch) as (keyof RequestRecord)[]).filter((k) => k !== 'id')
    if (!keys.length) return
    const sets = keys.map((k) => `${REQUEST_COLUMNS[k]} = ?`)
    const args = keys.map((k) => sqlValue(patch[k]))
    const moves = keys.some((k) => k === 'status' || k === 'dueAt' || k === 'tsonId' || k === 'departmentId' || k === 'serviceId' || k === 'receivedAt')
    this.inTx(() => {
      if (moves) {
        const r = this.st.workFacts.get(id) as Row | undefined
        if (r) {
          const before: WorkFacts = {
            status: r.status as RequestStatus, tsonId: (r.tson_id as string) ?? null, departmentId: r.department_id as string,
            serviceId: r.service_id as string, dueAt: (r.due_at as number) ?? null, receivedAt: r.received_at as number,
          }
          const after: WorkFacts = { ...before }
          for (const k of keys) if (k in after) (after as unknown as Record<string, unknown>)[k] = patch[k] ?? null
          const w = workOrder(after)
          sets.push('settled = ?', 'sort_key = ?')
          args.push(w.settled, w.sortKey)
          this.recount(before, after)
        }
      }
      this.prepared(`UPDATE requests SET ${sets.join(', ')} WHERE id = ?`).run(...args, id)
    })
  }
  listInbox(departmentId: string, opts: InboxListOptions): RequestRecord[] {
    const q = sqliteInboxQuery(departmentId, opts)
    return (this.prepared(q.sql).all(...q.args) as Row[]).map((r) => toRequest(r) as RequestRecord)
  }
  appendStatus(c: Omit<StatusChangeRecord, 'seq'>): StatusChangeRecord {
    const seq = (this.st.appendStatus.get({ ...c, note: c.note ?? null, actorName: c.actorName ?? null }) as Row).seq as number
    return { ...c, seq }
  }
  statusHistory(requestId: string): StatusChangeRecord[] {
    return (this.st.statusHistory.all(requestId) as Row[]).map(toChange)
  }
  statusChangesSince(since: number, filter: StatusFilter, limit: number): StatusChangeRecord[] {
    const q = sqliteChangesQuery(since, filter, limit)
    return (this.prepared(q.sql).all(...q.args) as Row[]).map(toChange)
  }

  lastLogEntry() { return toLog(this.st.lastLog.get() as Row) }
  appendLog(e: MessageLogEntry): void { this.st.appendLog.run(e) }
  logEntries(fromSeq: number, limit: number): MessageLogEntry[] {
    return (this.st.logEntries.all(fromSeq, limit) as Row[]).map((r) => toLog(r) as MessageLogEntry)
  }

  // ── administration and the audit trail (issue 14) ──
  listUsers(): UserRecord[] {
    return (this.prepared('SELECT * FROM users ORDER BY display_name, id').all() as Row[]).map((r) => toUser(r) as UserRecord)
  }
  updateUser(id: string, patch: UserPatch): void {
    const q = userUpdate(id, patch, () => '?', (b) => (b ? 1 : 0))
    if (q) this.prepared(q.sql).run(...q.args)
  }
  deleteSessionsOf(userId: string): number {
    return this.prepared('DELETE FROM sessions WHERE user_id = ?').run(userId).changes
  }
  orgUnits(): OrgUnitRecord[] {
    return (this.prepared('SELECT * FROM org_units ORDER BY kind, id').all() as Row[]).map(toOrgUnit)
  }
  putOrgUnit(u: OrgUnitRecord): void {
    this.prepared(ORG_UNIT_UPSERT(() => '?')).run(...orgUnitArgs(u))
  }
  bindCertificate(b: CertificateBindingRecord): boolean {
    return this.prepared(CERT_BIND(() => '?')).run(...certBindArgs(b)).changes === 1
  }
  unbindCertificate(userId: string, fingerprint: string): boolean {
    return this.prepared('DELETE FROM user_certificates WHERE user_id = ? AND fingerprint = ?').run(userId, fingerprint).changes === 1
  }
  certificateBindings(): CertificateBindingRecord[] {
    return (this.prepared('SELECT * FROM user_certificates ORDER BY user_id, bound_at').all() as Row[]).map(toCertBinding)
  }
  certificatesOf(userId: string): CertificateBindingRecord[] {
    return (this.prepared('SELECT * FROM user_certificates WHERE user_id = ? ORDER BY bound_at').all(userId) as Row[]).map(toCertBinding)
  }
  certificateBySerial(issuer: string, serialHex: string): CertificateBindingRecord | undefined {
    const r = this.prepared('SELECT * FROM user_certificates WHERE issuer = ? AND serial_hex = ?').get(issuer, serialHex) as Row | undefined
    return r ? toCertBinding(r) : undefined
  }
  lastAuditEntry(): AuditEntry | undefined {
    return toAuditEntry(this.prepared('SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1').get() as Row | undefined)
  }
  appendAudit(e: AuditEntry): void {
    this.prepared(AUDIT_INSERT(() => '?')).run(...auditInsertArgs(e))
  }
  auditEntries(f: AuditFilter): AuditEntry[] {
    const q = auditQuery(f, () => '?')
    return (this.prepared(q.sql).all(...q.args) as Row[]).map((r) => toAuditEntry(r) as AuditEntry)
  }
  bumpActivity(r: Omit<ActivityCountRow, 'n'>): void {
    this.prepared(ACTIVITY_UPSERT(() => '?')).run(...activityArgs(r))
  }
  activityCounts(fromDay: string, toDay: string): ActivityCountRow[] {
    return (this.prepared(ACTIVITY_RANGE(() => '?')).all(fromDay, toDay) as Row[]).map(toActivity)
  }
  putDeskOutbox(r: DeskOutboxRecord): void {
    this.prepared(DESK_OUTBOX_UPSERT(() => '?')).run(...deskOutboxArgs(r))
  }
  deskOutboxes(since: number): DeskOutboxRecord[] {
    return (this.prepared(DESK_OUTBOXES_SINCE(() => '?')).all(since) as Row[]).map(toDeskOutbox)
  }
  openByDueDay(departmentId?: string): DueDayCount[] {
    const q = openByDueDayQuery(departmentId, () => '?')
    return (this.prepared(q.sql).all(...q.args) as Row[]).map(toDueDay)
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
  insertPayment(p: PaymentRecord): void {
    const q = paymentInsert(p, () => '?')
    this.prepared(q.sql).run(...q.args)
  }
  paymentByRequestId(requestId: string): PaymentRecord | undefined {
    return toPayment(this.prepared('SELECT * FROM payments WHERE request_id = ?').get(requestId) as Row | undefined)
  }
  updatePayment(requestId: string, patch: Partial<Omit<PaymentRecord, 'requestId'>>): void {
    const q = paymentUpdate(requestId, patch, () => '?', 'MAX')
    if (q) this.prepared(q.sql).run(...q.args)
  }
  insertPaymentTransaction(t: PaymentTransactionRecord): boolean {
    const { cols, values } = insertParts(PAYMENT_TX_COLUMNS, t)
    return this.prepared(`INSERT INTO payment_transactions (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')}) ON CONFLICT DO NOTHING`).run(...values).changes === 1
  }
  paymentTransaction(transactionId: string): PaymentTransactionRecord | undefined {
    return toPaymentTx(this.prepared('SELECT * FROM payment_transactions WHERE transaction_id = ?').get(transactionId) as Row | undefined)
  }
  paymentTransactions(requestId: string): PaymentTransactionRecord[] {
    return (this.prepared('SELECT * FROM payment_transactions WHERE request_id = ? ORDER BY at, rowid').all(requestId) as Row[]).map((r) => toPaymentTx(r) as PaymentTransactionRecord)
  }
  paymentsSince(since: number, filter: StatusFilter, limit: number): PaymentRecord[] {
    const q = paymentsSinceQuery(since, filter, limit, () => '?')
    return (this.prepared(q.sql).all(...q.args) as Row[]).map((r) => toPayment(r) as PaymentRecord)
  }
  awaitingPayments(filter: StatusFilter, limit: number): PaymentRecord[] {
    const f = filterSql(filter, () => '?', 0)
    return (this.prepared(`SELECT * FROM payments WHERE state = 'awaiting'${f.sql} ORDER BY due_at LIMIT ?`).all(...f.args, limit) as Row[]).map((r) => toPayment(r) as PaymentRecord)
  }
  refundsSince(since: number, filter: StatusFilter, limit: number): PaymentTransactionRecord[] {
    const f = filterSql(filter, () => '?', 0)
    return (this.prepared(`SELECT * FROM payment_transactions WHERE outcome = 'refunded' AND at >= ?${f.sql} ORDER BY at LIMIT ?`).all(since, ...f.args, limit) as Row[])
      .map((r) => toPaymentTx(r) as PaymentTransactionRecord)
  }
  enqueueInQueue(e: Omit<QueueEntry, 'position'>): QueueEntry {
    // One statement under SQLite's single writer: the next position and the row are written together.
    this.prepared(`INSERT INTO queue_entries (queue, category, request_id, position, at, commission_decision_no, commission_decision_date)
      SELECT ?, ?, ?, COALESCE(MAX(position), 0) + 1, ?, ?, ? FROM queue_entries WHERE queue = ? AND category = ?
      ON CONFLICT (queue, request_id) DO NOTHING`).run(e.queue, e.category, e.requestId, e.at, e.commissionDecision?.number ?? null, e.commissionDecision?.date ?? null, e.queue, e.category)
    return this.queueEntry(e.queue, e.requestId) as QueueEntry
  }
  queueEntry(queue: string, requestId: string): QueueEntry | undefined {
    return toQueueEntry(this.prepared('SELECT * FROM queue_entries WHERE queue = ? AND request_id = ?').get(queue, requestId) as Row | undefined)
  }
  putPreparedDecision(d: PreparedDecisionRecord): void {
    this.prepared(PREPARED_UPSERT(() => '?')).run(...preparedArgs(d))
  }
  preparedDecisions(requestIds: string[]): PreparedDecisionRecord[] {
    if (!requestIds.length) return []
    const rows = this.db.prepare(`SELECT * FROM prepared_decisions WHERE request_id IN (${requestIds.map(() => '?').join(', ')})`).all(...requestIds) as Row[]
    return rows.map(toPreparedDecision)
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

  // ── the ЦОН counter ──
  listCounter(tsonId: string, opts: CounterListOptions): CounterRow[] {
    const q = counterQuery(tsonId, opts, () => '?')
    return (this.prepared(q.sql).all(...q.args) as Row[]).map((r) => ({ request: toRequest(r) as RequestRecord, handOver: toHandOver(r, 'h_') ?? null }))
  }
  recordHandOver(h: HandOverRecord): boolean {
    return this.prepared('INSERT OR IGNORE INTO hand_overs (request_id, at, user_id, tson_id, kind) VALUES (?, ?, ?, ?, ?)')
      .run(h.requestId, h.at, h.userId, h.tsonId, h.kind).changes === 1
  }
  handOver(requestId: string): HandOverRecord | undefined {
    return toHandOver(this.prepared('SELECT * FROM hand_overs WHERE request_id = ?').get(requestId) as Row | undefined)
  }
  recordPrint(p: Omit<PrintRecord, 'seq'>): PrintRecord {
    const r = this.prepared('INSERT INTO result_prints (request_id, at, user_id, role, document, reprint, reason) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING seq')
      .get(p.requestId, p.at, p.userId, p.role, p.document, p.reprint ? 1 : 0, p.reason) as Row
    return { ...p, seq: r.seq as number }
  }
  prints(requestId: string): PrintRecord[] {
    return (this.prepared('SELECT * FROM result_prints WHERE request_id = ? ORDER BY seq').all(requestId) as Row[]).map(toPrint)
  }
  putSurvey(s: SurveyRecord): boolean {
    return this.prepared('INSERT OR IGNORE INTO surveys (request_id, service_id, tson_id, at, user_id, q1, q2) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(s.requestId, s.serviceId, s.tsonId, s.at, s.userId, s.q1, s.q2).changes === 1
  }
  survey(requestId: string): SurveyRecord | undefined {
    return toSurvey(this.prepared('SELECT * FROM surveys WHERE request_id = ?').get(requestId) as Row | undefined)
  }
  surveyReport(q: { from: number; to: number; tsonIds?: string[] }): SurveyReportRow[] {
    const sq = surveyReportQuery(q, () => '?', (_first, n) => `(${Array.from({ length: n }, () => '?').join(', ')})`)
    return (this.prepared(sq.sql).all(...sq.args) as Row[]).map(toSurveyReportRow)
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
  constructor(file: string, opts: { txTimeoutMs?: number; blobs?: BlobStore } = {}) {
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
    // Scans: bytes in the blob store (files next to the database by default), rows here. The blob write is not queued:
    // a slow upload streams while other calls run; only its metadata row takes a turn.
    const memory = file === ':memory:' || file.startsWith('file::memory:')
    this.blobs = opts.blobs ?? new FileBlobStore(memory ? mkdtempSync(join(tmpdir(), 'arm-gw-blobs-')) : `${file}.blobs`, { removeOnClose: memory })
    this.scans = new Scans(this as unknown as ScanRows, this.blobs)
    const txScans = new Scans(this.tx as unknown as ScanRows, this.blobs)
    this.tx.putAttachment = (a, bytes) => txScans.put(a, bytes)
    this.tx.attachmentBytes = (sha) => txScans.bytes(sha)
  }

  readonly blobs: BlobStore
  private readonly scans: Scans

  putAttachment(a: AttachmentRecord, bytes: Uint8Array): Promise<boolean> {
    return this.scans.put(a, bytes)
  }
  putAttachmentStream(a: Omit<AttachmentRecord, 'size'>, source: ByteSource, opts: { maxBytes: number }): Promise<{ created: boolean; size: number }> {
    return this.scans.putStream(a, source, opts)
  }
  attachmentBytes(sha256: string): Promise<Uint8Array | undefined> {
    return this.scans.bytes(sha256)
  }
  attachmentReader(sha256: string): Promise<BlobReader | undefined> {
    return this.scans.reader(sha256)
  }
  migrateScansOut(): Promise<number> {
    return this.scans.moveOutOfDb()
  }
  purgeScansBefore(cutoff: number, limit?: number): Promise<number> {
    return this.scans.purgeBefore(cutoff, limit)
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
    await this.blobs.close()
  }
}
// The per-method wrappers are installed in the constructor; this declaration gives them their types.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface SqliteGatewayStore extends AsyncOf<Core> {}
