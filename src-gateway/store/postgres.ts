/**
 * The GatewayStore on PostgreSQL (GATEWAY_DB=postgres://…), for several stateless gateway instances on one database:
 * sessions, idempotency and registration numbers live in the shared database; what the SQLite store gets from running
 * one call at a time is made explicit here with locks held until the transaction ends:
 * - the hash-chained message log: an advisory lock on the chain head before it is read, so two instances never append
 *   two entries after the same one;
 * - idempotency keys and envelope ids: an advisory lock per key/id before the look-up inside a transaction, so the same
 *   envelope sent to two instances at once registers once and the second answers with the first's registration;
 * - a request read inside a transaction is locked (FOR UPDATE) for its read-modify-write (take, decide).
 * The reads are the SQLite store's (same indexes, rollups and keyset pages); scans' bytes are in the blob store.
 */
import pg from 'pg'
import type { RequestStatus } from '../../src-shared/gateway/api'
import { Scans, type ScanRows } from '../blobs/scans'
import type { BlobReader, BlobStore, ByteSource } from '../blobs/types'
import { DAY_MS, regulatedDueAt, rollupDay, workOrder } from '../supervision/work'
import { migratePostgres } from './postgres-migrations'
import { counterQuery, surveyReportQuery, toHandOver, toPrint, toSurvey, toSurveyReportRow } from './counter-sql'
import type { CounterListOptions, CounterRow, HandOverRecord, PrintRecord, SurveyRecord, SurveyReportRow } from './types'
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

type Row = Record<string, unknown>
type Exec = (sql: string, args?: unknown[]) => Promise<Row[]>

/** BIGINT columns (ms timestamps, seq) come back as numbers: every value the gateway stores is below 2^53. */
const TYPES = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === 20 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
}

const LOG_HEAD_LOCK = 0x41524d4c
/** The audit trail's head lock (its own: the trail and the message log append independently). */
const AUDIT_HEAD_LOCK = 0x41524d41
const pgPh = (n: number) => `$${n}`
/** The NOTIFY channel of committed status changes (payload: the StatusChangeRecord as JSON, well under 8000 bytes). */
export const STATUS_CHANNEL = 'arm_status'
const u8 = (v: unknown): Uint8Array => (v == null ? new Uint8Array() : new Uint8Array(v as Buffer))
const buf = (v: Uint8Array | null | undefined): Buffer | null => (v == null ? null : Buffer.from(v.buffer, v.byteOffset, v.byteLength))

const REQUEST_KEYS = Object.keys(REQUEST_COLUMNS) as (keyof RequestRecord)[]
const INSERT_REQUEST = `INSERT INTO requests (${REQUEST_KEYS.map((k) => REQUEST_COLUMNS[k]).join(', ')}, settled, sort_key)
  VALUES (${REQUEST_KEYS.map((_, i) => `$${i + 1}`).join(', ')}, $${REQUEST_KEYS.length + 1}, $${REQUEST_KEYS.length + 2})`

function sqlValue(v: unknown): unknown {
  if (v instanceof Uint8Array) return buf(v)
  return v ?? null
}


interface WorkFacts { status: RequestStatus; tsonId: string | null; departmentId: string; serviceId: string; dueAt: number | null; receivedAt: number }

/** One inbox page (the same shape and indexes as the SQLite store's). */
export function pgInboxQuery(departmentId: string, opts: InboxListOptions): { sql: string; args: unknown[] } {
  const args: unknown[] = [departmentId]
  const p = (v: unknown) => `$${args.push(v)}`
  let sql = 'SELECT * FROM requests WHERE department_id = $1'
  if (opts.status) sql += ` AND status = ${p(opts.status)}`
  if (opts.assigneeId) sql += ` AND assignee_id = ${p(opts.assigneeId)}`
  if (opts.serviceId) sql += ` AND service_id = ${p(opts.serviceId)}`
  if (opts.after) sql += ` AND (settled, sort_key, id) > (${p(opts.after.settled)}, ${p(opts.after.sortKey)}, ${p(opts.after.id)})`
  sql += ` ORDER BY settled, sort_key, id LIMIT ${p(opts.limit ?? 100)}`
  return { sql, args }
}

/**
 * The store's calls over one executor: the pool (each call its own implicit transaction) or one client inside a
 * transaction (`inTx`), where look-ups that precede a write take the locks described above.
 */
class PgOps implements ScanRows {
  constructor(
    private readonly q: Exec,
    private readonly inTx: boolean,
    private readonly atomic: <T>(fn: (ops: PgOps) => Promise<T>) => Promise<T>,
  ) {}

  private async one(sql: string, args?: unknown[]): Promise<Row | undefined> {
    return (await this.q(sql, args))[0]
  }
  /** A transaction-scoped advisory lock on a text key (released at COMMIT/ROLLBACK); nothing outside a transaction. */
  private async lockKey(key: string): Promise<void> {
    if (this.inTx) await this.q('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [key])
  }
  private run<T>(fn: (ops: PgOps) => Promise<T>): Promise<T> {
    return this.inTx ? fn(this) : this.atomic(fn)
  }

  async insertUser(u: UserRecord): Promise<void> {
    await this.q(`INSERT INTO users (id, login, iin, password_hash, role, display_name, tson_id, department_id, failed_count, locked_until, test_only)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING`, [u.id, u.login, u.iin, u.passwordHash, u.role, u.displayName, u.tsonId, u.departmentId, u.failedCount, u.lockedUntil, u.testOnly])
  }
  async userById(id: string) { return toUser(await this.one('SELECT * FROM users WHERE id = $1', [id])) }
  async userByLogin(login: string) { return toUser(await this.one('SELECT * FROM users WHERE login = $1', [login])) }
  async userByIin(iin: string) { return toUser(await this.one('SELECT * FROM users WHERE iin = $1', [iin])) }
  async recordLoginFailure(userId: string, failedCount: number, lockedUntil: number | null): Promise<void> {
    await this.q('UPDATE users SET failed_count = $1, locked_until = $2 WHERE id = $3', [failedCount, lockedUntil, userId])
  }
  async recordLoginSuccess(userId: string): Promise<void> {
    await this.q('UPDATE users SET failed_count = 0, locked_until = NULL WHERE id = $1', [userId])
  }
  async insertSession(s: SessionRecord): Promise<void> {
    await this.q('INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, $3)', [s.tokenHash, s.userId, s.expiresAt])
  }
  async sessionByHash(tokenHash: string): Promise<SessionRecord | undefined> {
    const r = await this.one('SELECT * FROM sessions WHERE token_hash = $1', [tokenHash])
    return r ? { tokenHash: r.token_hash as string, userId: r.user_id as string, expiresAt: r.expires_at as number } : undefined
  }
  async deleteSession(tokenHash: string): Promise<void> {
    await this.q('DELETE FROM sessions WHERE token_hash = $1', [tokenHash])
  }
  async insertChallenge(c: ChallengeRecord): Promise<void> {
    await this.q('INSERT INTO challenges (id, challenge, expires_at, used) VALUES ($1, $2, $3, false)', [c.id, buf(c.challenge), c.expiresAt])
  }
  async consumeChallenge(id: string): Promise<ChallengeRecord | undefined> {
    const r = await this.one('UPDATE challenges SET used = true WHERE id = $1 AND used = false RETURNING *', [id])
    return r ? { id: r.id as string, challenge: u8(r.challenge), expiresAt: r.expires_at as number, used: true } : undefined
  }
  async purgeExpired(now: number): Promise<number> {
    const a = await this.q('DELETE FROM sessions WHERE expires_at < $1 RETURNING 1', [now])
    const b = await this.q('DELETE FROM challenges WHERE expires_at < $1 RETURNING 1', [now])
    return a.length + b.length
  }

  async attachment(sha256: string): Promise<AttachmentRecord | undefined> {
    const r = await this.one('SELECT * FROM attachments WHERE sha256 = $1', [sha256])
    return r ? { sha256: r.sha256 as string, size: r.size as number, mediaType: r.media_type as string, createdAt: r.created_at as number, pages: (r.pages as number | null) ?? null } : undefined
  }
  async putAttachmentRow(a: AttachmentRecord): Promise<boolean> {
    const r = await this.q('INSERT INTO attachments (sha256, size, media_type, created_at, pages) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING 1', [a.sha256, a.size, a.mediaType, a.createdAt, a.pages ?? null])
    return r.length === 1
  }
  // PostgreSQL databases never held scans' bytes.
  async legacyScanBytes(): Promise<undefined> { return undefined }
  async scansStillInDb(): Promise<{ sha256: string; bytes: Uint8Array }[]> { return [] }
  async clearScanBytes(): Promise<void> {}
  async scansCreatedBefore(cutoff: number, limit: number): Promise<string[]> {
    return (await this.q('SELECT sha256 FROM attachments WHERE created_at < $1 ORDER BY created_at LIMIT $2', [cutoff, limit])).map((r) => r.sha256 as string)
  }
  async deleteScanRows(shas: string[]): Promise<void> {
    await this.run(async (o) => {
      await o.q('DELETE FROM attachments WHERE sha256 = ANY($1)', [shas])
      await o.q('DELETE FROM attachment_uploaders WHERE sha256 = ANY($1)', [shas])
    })
  }
  async migrationDone(name: string): Promise<boolean> {
    return (await this.q('SELECT 1 FROM schema_migrations WHERE name = $1', [name])).length > 0
  }
  async recordMigration(name: string): Promise<void> {
    await this.q('INSERT INTO schema_migrations (name, applied_at) VALUES ($1, $2) ON CONFLICT DO NOTHING', [name, Date.now()])
  }
  async noteAttachmentUploader(sha256: string, u: AttachmentUploader): Promise<void> {
    await this.q('INSERT INTO attachment_uploaders (sha256, user_id, tson_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [sha256, u.userId, u.tsonId])
  }
  async attachmentUploaders(sha256: string): Promise<AttachmentUploader[]> {
    return (await this.q('SELECT user_id, tson_id FROM attachment_uploaders WHERE sha256 = $1', [sha256])).map((r) => ({ userId: r.user_id as string, tsonId: (r.tson_id as string) ?? null }))
  }
  async requestsMentioning(sha256: string, limit: number): Promise<RequestRecord[]> {
    const rows = await this.q('SELECT r.* FROM request_attachments ra JOIN requests r ON r.id = ra.request_id WHERE ra.sha256 = $1 ORDER BY r.received_at LIMIT $2', [sha256, limit])
    return rows.map((r) => toRequest(r) as RequestRecord)
  }

  async supervisionCounts(now: number): Promise<SupervisionCountRow[]> {
    const dayStart = Math.floor(now / DAY_MS) * DAY_MS
    const today = new Date(dayStart).toISOString().slice(0, 10)
    const key = (r: Row) => `${r.tson_id}\u0000${r.department_id}\u0000${r.service_id}\u0000${r.status}`
    const lines = new Map<string, SupervisionCountRow>()
    const rollup = await this.q(`SELECT tson_id, department_id, service_id, status, SUM(n)::bigint AS n,
        SUM(CASE WHEN day NOT IN ('', '?') AND day < $1 THEN n ELSE 0 END)::bigint AS overdue, SUM(CASE WHEN day = '?' THEN n ELSE 0 END)::bigint AS unknown
      FROM request_counts GROUP BY tson_id, department_id, service_id, status`, [today])
    for (const r of rollup) {
      lines.set(key(r), {
        tsonId: (r.tson_id as string) || null, departmentId: r.department_id as string, serviceId: r.service_id as string,
        status: r.status as RequestStatus, count: r.n as number, overdue: r.overdue as number, unknownTerm: r.unknown as number,
      })
    }
    const today2 = await this.q(`SELECT COALESCE(tson_id, '') AS tson_id, department_id, service_id, status, COUNT(*) AS n FROM requests
      WHERE settled = 0 AND due_at >= $1 AND due_at < $2 GROUP BY 1, 2, 3, 4`, [dayStart, now])
    for (const r of today2) {
      const line = lines.get(key(r))
      if (line) line.overdue += r.n as number
    }
    return [...lines.values()].filter((l) => l.count > 0)
  }

  async idempotency(scopeKey: string): Promise<IdempotencyRecord | undefined> {
    // Inside a transaction the key is locked first: a concurrent first use of the same key on another instance waits
    // for this one to commit, then finds its answer.
    await this.lockKey(`idem:${scopeKey}`)
    const r = await this.one('SELECT * FROM idempotency WHERE scope_key = $1', [scopeKey])
    return r
      ? { scopeKey: r.scope_key as string, bodyHash: r.body_hash as string, statusCode: r.status_code as number, response: r.response as string, createdAt: r.created_at as number }
      : undefined
  }
  async putIdempotency(r: IdempotencyRecord): Promise<void> {
    await this.q('INSERT INTO idempotency (scope_key, body_hash, status_code, response, created_at) VALUES ($1, $2, $3, $4, $5)', [r.scopeKey, r.bodyHash, r.statusCode, r.response, r.createdAt])
  }

  async nextRegistrationSeq(day: string): Promise<number> {
    const r = await this.one('INSERT INTO reg_counters (day, seq) VALUES ($1, 1) ON CONFLICT (day) DO UPDATE SET seq = reg_counters.seq + 1 RETURNING seq', [day])
    return (r as Row).seq as number
  }
  private async recount(from: WorkFacts | undefined, to: WorkFacts | undefined): Promise<void> {
    const args = (f: WorkFacts) => [f.tsonId ?? '', f.departmentId, f.serviceId, f.status, rollupDay(f)]
    if (from && to && args(from).every((v, i) => v === args(to)[i])) return
    const add = `INSERT INTO request_counts (tson_id, department_id, service_id, status, day, n) VALUES ($1, $2, $3, $4, $5, $6)
      ON CONFLICT (tson_id, department_id, service_id, status, day) DO UPDATE SET n = request_counts.n + EXCLUDED.n`
    if (from) {
      await this.q(add, [...args(from), -1])
      await this.q('DELETE FROM request_counts WHERE tson_id = $1 AND department_id = $2 AND service_id = $3 AND status = $4 AND day = $5 AND n = 0', args(from))
    }
    if (to) await this.q(add, [...args(to), 1])
  }
  async insertRequest(r: RequestRecord): Promise<void> {
    const dueAt = r.dueAt === undefined ? regulatedDueAt(r.serviceId, r.receivedAt) : r.dueAt
    const w = workOrder({ status: r.status, dueAt, receivedAt: r.receivedAt })
    const values = REQUEST_KEYS.map((k) => (k === 'dueAt' ? dueAt : sqlValue(r[k])))
    await this.run(async (o) => {
      await o.q(INSERT_REQUEST, [...values, w.settled, w.sortKey])
      // The envelope is canonical JSON: its attachment list is indexed where the row is written.
      await o.q(`INSERT INTO request_attachments (sha256, request_id)
        SELECT a->>'sha256', $1 FROM jsonb_array_elements(COALESCE(convert_from($2, 'UTF8')::jsonb->'attachments', '[]'::jsonb)) a
        WHERE a->>'sha256' IS NOT NULL ON CONFLICT DO NOTHING`, [r.id, buf(r.envelope)])
      await o.recount(undefined, { status: r.status, tsonId: r.tsonId, departmentId: r.departmentId, serviceId: r.serviceId, dueAt, receivedAt: r.receivedAt })
    })
  }
  async requestById(id: string) {
    // In a transaction the row is locked for the read-modify-write that follows (take, assign, decide).
    return toRequest(await this.one(`SELECT * FROM requests WHERE id = $1${this.inTx ? ' FOR UPDATE' : ''}`, [id]))
  }
  async requestByRegNo(regNo: string) { return toRequest(await this.one('SELECT * FROM requests WHERE registration_number = $1', [regNo])) }
  async requestByEnvelopeId(envelopeId: string) {
    await this.lockKey(`envelope:${envelopeId}`)
    return toRequest(await this.one('SELECT * FROM requests WHERE envelope_id = $1', [envelopeId]))
  }
  async updateRequest(id: string, patch: Partial<RequestRecord>): Promise<void> {
    const keys = (Object.keys(patch) as (keyof RequestRecord)[]).filter((k) => k !== 'id')
    if (!keys.length) return
    await this.run(async (o) => {
      const args: unknown[] = keys.map((k) => sqlValue(patch[k]))
      const sets = keys.map((k, i) => `${REQUEST_COLUMNS[k]} = $${i + 1}`)
      const moves = keys.some((k) => ['status', 'dueAt', 'tsonId', 'departmentId', 'serviceId', 'receivedAt'].includes(k))
      if (moves) {
        const r = await o.one('SELECT status, tson_id, department_id, service_id, due_at, received_at FROM requests WHERE id = $1 FOR UPDATE', [id])
        if (r) {
          const before: WorkFacts = {
            status: r.status as RequestStatus, tsonId: (r.tson_id as string) ?? null, departmentId: r.department_id as string,
            serviceId: r.service_id as string, dueAt: (r.due_at as number) ?? null, receivedAt: r.received_at as number,
          }
          const after: WorkFacts = { ...before }
          for (const k of keys) if (k in after) (after as unknown as Record<string, unknown>)[k] = patch[k] ?? null
          const w = workOrder(after)
          sets.push(`settled = $${args.push(w.settled)}`, `sort_key = $${args.push(w.sortKey)}`)
          await o.recount(before, after)
        }
      }
      await o.q(`UPDATE requests SET ${sets.join(', ')} WHERE id = $${args.push(id)}`, args)
    })
  }
  async listInbox(departmentId: string, opts: InboxListOptions): Promise<RequestRecord[]> {
    const q = pgInboxQuery(departmentId, opts)
    return (await this.q(q.sql, q.args)).map((r) => toRequest(r) as RequestRecord)
  }
  /**
   * Appends a status change and announces it to every instance (NOTIFY, delivered at COMMIT, so only committed changes
   * reach a status stream, and all of them even if this instance dies right after). Status changes take the chain
   * head's lock (one lock for both: no lock-order deadlock between intake and decisions), so seq order is commit
   * order: a stream or a poller that has seen seq N has seen every change below N.
   */
  async appendStatus(c: Omit<StatusChangeRecord, 'seq'>): Promise<StatusChangeRecord> {
    return this.run(async (o) => {
      await o.q('SELECT pg_advisory_xact_lock($1)', [LOG_HEAD_LOCK])
      const r = await o.one(`INSERT INTO status_changes (request_id, registration_number, service_id, envelope_id, tson_id, department_id, status, at, note, actor_name)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING seq`, [c.requestId, c.registrationNumber, c.serviceId, c.envelopeId, c.tsonId, c.departmentId, c.status, c.at, c.note ?? null, c.actorName ?? null])
      const change = { ...c, note: c.note ?? null, actorName: c.actorName ?? null, seq: (r as Row).seq as number }
      await o.q('SELECT pg_notify($1, $2)', [STATUS_CHANNEL, JSON.stringify(change)])
      return change
    })
  }
  async statusHistory(requestId: string): Promise<StatusChangeRecord[]> {
    return (await this.q('SELECT * FROM status_changes WHERE request_id = $1 ORDER BY seq', [requestId])).map(toChange)
  }
  async statusChangesSince(since: number, filter: StatusFilter, limit: number): Promise<StatusChangeRecord[]> {
    const args: unknown[] = [since]
    let sql = 'SELECT * FROM status_changes WHERE seq > $1'
    if (filter.tsonId) sql += ` AND tson_id = $${args.push(filter.tsonId)}`
    if (filter.departmentId) sql += ` AND department_id = $${args.push(filter.departmentId)}`
    sql += ` ORDER BY seq LIMIT $${args.push(limit)}`
    return (await this.q(sql, args)).map(toChange)
  }

  async lastLogEntry(): Promise<MessageLogEntry | undefined> {
    // The chain head is locked until this transaction ends: the entry appended after it is the only one.
    if (this.inTx) await this.q('SELECT pg_advisory_xact_lock($1)', [LOG_HEAD_LOCK])
    return toLog(await this.one('SELECT * FROM message_log ORDER BY seq DESC LIMIT 1'))
  }
  async appendLog(e: MessageLogEntry): Promise<void> {
    await this.q('INSERT INTO message_log (seq, at, kind, request_id, digest, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7)', [e.seq, e.at, e.kind, e.requestId, e.digest, e.prevHash, e.hash])
  }
  async logEntries(fromSeq: number, limit: number): Promise<MessageLogEntry[]> {
    return (await this.q('SELECT * FROM message_log WHERE seq >= $1 ORDER BY seq LIMIT $2', [fromSeq, limit])).map((r) => toLog(r) as MessageLogEntry)
  }

  // ── administration and the audit trail (issue 14) ──
  async listUsers(): Promise<UserRecord[]> {
    return (await this.q('SELECT * FROM users ORDER BY display_name, id')).map((r) => toUser(r) as UserRecord)
  }
  async updateUser(id: string, patch: UserPatch): Promise<void> {
    const q = userUpdate(id, patch, pgPh, (b) => b)
    if (q) await this.q(q.sql, q.args)
  }
  async deleteSessionsOf(userId: string): Promise<number> {
    return (await this.q('DELETE FROM sessions WHERE user_id = $1 RETURNING token_hash', [userId])).length
  }
  async orgUnits(): Promise<OrgUnitRecord[]> {
    return (await this.q('SELECT * FROM org_units ORDER BY kind, id')).map(toOrgUnit)
  }
  async putOrgUnit(u: OrgUnitRecord): Promise<void> {
    await this.q(ORG_UNIT_UPSERT(pgPh), orgUnitArgs(u))
  }
  async bindCertificate(b: CertificateBindingRecord): Promise<boolean> {
    return (await this.q(`${CERT_BIND(pgPh)} RETURNING 1`, certBindArgs(b))).length === 1
  }
  async unbindCertificate(userId: string, fingerprint: string): Promise<boolean> {
    return (await this.q('DELETE FROM user_certificates WHERE user_id = $1 AND fingerprint = $2 RETURNING 1', [userId, fingerprint])).length === 1
  }
  async certificateBindings(): Promise<CertificateBindingRecord[]> {
    return (await this.q('SELECT * FROM user_certificates ORDER BY user_id, bound_at')).map(toCertBinding)
  }
  async certificatesOf(userId: string): Promise<CertificateBindingRecord[]> {
    return (await this.q('SELECT * FROM user_certificates WHERE user_id = $1 ORDER BY bound_at', [userId])).map(toCertBinding)
  }
  async certificateBySerial(issuer: string, serialHex: string): Promise<CertificateBindingRecord | undefined> {
    const r = await this.one('SELECT * FROM user_certificates WHERE issuer = $1 AND serial_hex = $2', [issuer, serialHex])
    return r ? toCertBinding(r) : undefined
  }
  async lastAuditEntry(): Promise<AuditEntry | undefined> {
    // The head is locked until this transaction ends: the entry appended after it is the only one.
    if (this.inTx) await this.q('SELECT pg_advisory_xact_lock($1)', [AUDIT_HEAD_LOCK])
    return toAuditEntry(await this.one('SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1'))
  }
  async appendAudit(e: AuditEntry): Promise<void> {
    await this.q(AUDIT_INSERT(pgPh), auditInsertArgs(e))
  }
  async auditEntries(f: AuditFilter): Promise<AuditEntry[]> {
    const q = auditQuery(f, pgPh)
    return (await this.q(q.sql, q.args)).map((r) => toAuditEntry(r) as AuditEntry)
  }
  async bumpActivity(r: Omit<ActivityCountRow, 'n'>): Promise<void> {
    await this.q(ACTIVITY_UPSERT(pgPh), activityArgs(r))
  }
  async activityCounts(fromDay: string, toDay: string): Promise<ActivityCountRow[]> {
    return (await this.q(ACTIVITY_RANGE(pgPh), [fromDay, toDay])).map(toActivity)
  }
  async putDeskOutbox(r: DeskOutboxRecord): Promise<void> {
    await this.q(DESK_OUTBOX_UPSERT(pgPh), deskOutboxArgs(r))
  }
  async deskOutboxes(since: number): Promise<DeskOutboxRecord[]> {
    return (await this.q(DESK_OUTBOXES_SINCE(pgPh), [since])).map(toDeskOutbox)
  }
  async openByDueDay(departmentId?: string): Promise<DueDayCount[]> {
    const q = openByDueDayQuery(departmentId, pgPh)
    return (await this.q(q.sql, q.args)).map(toDueDay)
  }

  // ── durable jobs, retention, registry lookups (issue 10) ──
  async enqueueJob(j: NewJob): Promise<boolean> {
    const r = await this.q(`INSERT INTO jobs (id, kind, key, payload, state, attempts, run_at, created_at) VALUES ($1, $2, $3, $4, 'pending', 0, $5, $6)
      ON CONFLICT (kind, key) DO NOTHING RETURNING id`, [j.id, j.kind, j.key, j.payload, j.runAt, j.createdAt])
    return r.length === 1
  }
  /**
   * Due pending jobs and running ones whose lease ran out (their instance died), claimed in one statement: rows another
   * instance is claiming right now are skipped (SKIP LOCKED) rather than waited for, and a row it has just claimed is
   * re-checked after its commit and no longer due — so two instances never run the same job under live leases.
   */
  async claimJobs(now: number, owner: string, leaseMs: number, limit: number): Promise<JobRecord[]> {
    const rows = await this.q(`WITH due AS (
        SELECT id FROM jobs WHERE (state = 'pending' AND run_at <= $3) OR (state = 'running' AND lease_until <= $3)
        ORDER BY run_at LIMIT $4 FOR UPDATE SKIP LOCKED)
      UPDATE jobs j SET state = 'running', lease_owner = $1, lease_until = $2, attempts = j.attempts + 1
      FROM due WHERE j.id = due.id RETURNING j.*`, [owner, now + leaseMs, now, limit])
    return rows.map(toJob).sort((a, b) => a.runAt - b.runAt)
  }
  async completeJob(id: string, owner: string, now: number): Promise<boolean> {
    const r = await this.q(`UPDATE jobs SET state = 'done', done_at = $1, lease_owner = NULL, lease_until = NULL
      WHERE id = $2 AND lease_owner = $3 AND state = 'running' RETURNING id`, [now, id, owner])
    return r.length === 1
  }
  async retryJob(id: string, owner: string, runAt: number, error: string, dead: boolean): Promise<boolean> {
    const r = await this.q(`UPDATE jobs SET state = $1, run_at = $2, last_error = $3, lease_owner = NULL, lease_until = NULL
      WHERE id = $4 AND lease_owner = $5 AND state = 'running' RETURNING id`, [dead ? 'dead' : 'pending', runAt, error.slice(0, 500), id, owner])
    return r.length === 1
  }
  async jobs(filter: { kind?: string; state?: JobRecord['state'] }): Promise<JobRecord[]> {
    const args: unknown[] = []
    let sql = 'SELECT * FROM jobs WHERE true'
    if (filter.kind) sql += ` AND kind = $${args.push(filter.kind)}`
    if (filter.state) sql += ` AND state = $${args.push(filter.state)}`
    return (await this.q(sql + ' ORDER BY created_at, id LIMIT 10000', args)).map(toJob)
  }
  async purgeJobsDoneBefore(before: number): Promise<number> {
    return (await this.q(`DELETE FROM jobs WHERE state = 'done' AND done_at < $1 RETURNING id`, [before])).length
  }
  async purgeIdempotencyBefore(before: number): Promise<number> {
    return (await this.q('DELETE FROM idempotency WHERE created_at < $1 RETURNING scope_key', [before])).length
  }
  async insertPayment(p: PaymentRecord): Promise<void> {
    const q = paymentInsert(p, pgPh)
    await this.q(q.sql, q.args)
  }
  async paymentByRequestId(requestId: string): Promise<PaymentRecord | undefined> {
    // In a transaction the row is locked for the read-modify-write that follows (settle, expire).
    return toPayment(await this.one(`SELECT * FROM payments WHERE request_id = $1${this.inTx ? ' FOR UPDATE' : ''}`, [requestId]))
  }
  async updatePayment(requestId: string, patch: Partial<Omit<PaymentRecord, 'requestId'>>): Promise<void> {
    const q = paymentUpdate(requestId, patch, pgPh, 'GREATEST')
    if (q) await this.q(q.sql, q.args)
  }
  async insertPaymentTransaction(t: PaymentTransactionRecord): Promise<boolean> {
    const { cols, values } = insertParts(PAYMENT_TX_COLUMNS, t)
    // A concurrent insert of the same id waits for the first one's commit, then finds the conflict: one row, once.
    const rows = await this.q(`INSERT INTO payment_transactions (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')}) ON CONFLICT DO NOTHING RETURNING transaction_id`, values)
    return rows.length === 1
  }
  async paymentTransaction(transactionId: string): Promise<PaymentTransactionRecord | undefined> {
    return toPaymentTx(await this.one('SELECT * FROM payment_transactions WHERE transaction_id = $1', [transactionId]))
  }
  async paymentTransactions(requestId: string): Promise<PaymentTransactionRecord[]> {
    return (await this.q('SELECT * FROM payment_transactions WHERE request_id = $1 ORDER BY at, transaction_id', [requestId])).map((r) => toPaymentTx(r) as PaymentTransactionRecord)
  }
  async paymentsSince(since: number, filter: StatusFilter, limit: number): Promise<PaymentRecord[]> {
    const q = paymentsSinceQuery(since, filter, limit, pgPh)
    return (await this.q(q.sql, q.args)).map((r) => toPayment(r) as PaymentRecord)
  }
  async awaitingPayments(filter: StatusFilter, limit: number): Promise<PaymentRecord[]> {
    const f = filterSql(filter, (i) => `$${i + 1}`, 0)
    return (await this.q(`SELECT * FROM payments WHERE state = 'awaiting'${f.sql} ORDER BY due_at LIMIT $${f.args.length + 1}`, [...f.args, limit])).map((r) => toPayment(r) as PaymentRecord)
  }
  async refundsSince(since: number, filter: StatusFilter, limit: number): Promise<PaymentTransactionRecord[]> {
    const f = filterSql(filter, (i) => `$${i + 2}`, 0)
    return (await this.q(`SELECT * FROM payment_transactions WHERE outcome = 'refunded' AND at >= $1${f.sql} ORDER BY at LIMIT $${f.args.length + 2}`, [since, ...f.args, limit]))
      .map((r) => toPaymentTx(r) as PaymentTransactionRecord)
  }
  async enqueueInQueue(e: Omit<QueueEntry, 'position'>): Promise<QueueEntry> {
    return this.run(async (o) => {
      // Concurrent entries of one category (any instance) take turns on its lock, so MAX + 1 is never computed twice.
      await o.q('SELECT pg_advisory_xact_lock(hashtext($1))', [`queue:${e.queue}:${e.category}`])
      await o.q(`INSERT INTO queue_entries (queue, category, request_id, position, at, commission_decision_no, commission_decision_date)
        SELECT $1, $2, $3, COALESCE(MAX(position), 0) + 1, $4, $5, $6 FROM queue_entries WHERE queue = $1 AND category = $2
        ON CONFLICT (queue, request_id) DO NOTHING`, [e.queue, e.category, e.requestId, e.at, e.commissionDecision?.number ?? null, e.commissionDecision?.date ?? null])
      return toQueueEntry(await o.one('SELECT * FROM queue_entries WHERE queue = $1 AND request_id = $2', [e.queue, e.requestId])) as QueueEntry
    })
  }
  async queueEntry(queue: string, requestId: string): Promise<QueueEntry | undefined> {
    return toQueueEntry(await this.one('SELECT * FROM queue_entries WHERE queue = $1 AND request_id = $2', [queue, requestId]))
  }
  async putPreparedDecision(d: PreparedDecisionRecord): Promise<void> {
    await this.q(PREPARED_UPSERT((i) => `$${i + 1}`), preparedArgs(d))
  }
  async preparedDecisions(requestIds: string[]): Promise<PreparedDecisionRecord[]> {
    if (!requestIds.length) return []
    return (await this.q('SELECT * FROM prepared_decisions WHERE request_id = ANY($1)', [requestIds])).map(toPreparedDecision)
  }
  async recordRegistryLookup(r: Omit<RegistryLookupRecord, 'seq'>): Promise<void> {
    await this.q('INSERT INTO registry_lookups (at, user_id, role, registry, subject, reason) VALUES ($1, $2, $3, $4, $5, $6)',
      [r.at, r.userId, r.role, r.registry, r.subject, r.reason])
  }
  async registryLookups(sinceSeq: number, limit: number): Promise<RegistryLookupRecord[]> {
    return (await this.q('SELECT * FROM registry_lookups WHERE seq > $1 ORDER BY seq LIMIT $2', [sinceSeq, limit])).map((r) => ({
      seq: r.seq as number, at: r.at as number, userId: r.user_id as string, role: r.role as string, registry: r.registry as string,
      subject: r.subject as string, reason: (r.reason as string) ?? null,
    }))
  }

  // ── the ЦОН counter ──
  async listCounter(tsonId: string, opts: CounterListOptions): Promise<CounterRow[]> {
    const q = counterQuery(tsonId, opts, (n) => `$${n}`)
    return (await this.q(q.sql, q.args)).map((r) => ({ request: toRequest(r) as RequestRecord, handOver: toHandOver(r, 'h_') ?? null }))
  }
  async recordHandOver(h: HandOverRecord): Promise<boolean> {
    return (await this.q('INSERT INTO hand_overs (request_id, at, user_id, tson_id, kind) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING 1',
      [h.requestId, h.at, h.userId, h.tsonId, h.kind])).length === 1
  }
  async handOver(requestId: string): Promise<HandOverRecord | undefined> {
    return toHandOver(await this.one('SELECT * FROM hand_overs WHERE request_id = $1', [requestId]))
  }
  async recordPrint(p: Omit<PrintRecord, 'seq'>): Promise<PrintRecord> {
    const r = await this.one('INSERT INTO result_prints (request_id, at, user_id, role, document, reprint, reason) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING seq',
      [p.requestId, p.at, p.userId, p.role, p.document, p.reprint, p.reason])
    return { ...p, seq: (r as Row).seq as number }
  }
  async prints(requestId: string): Promise<PrintRecord[]> {
    return (await this.q('SELECT * FROM result_prints WHERE request_id = $1 ORDER BY seq', [requestId])).map(toPrint)
  }
  async putSurvey(s: SurveyRecord): Promise<boolean> {
    return (await this.q('INSERT INTO surveys (request_id, service_id, tson_id, at, user_id, q1, q2) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING 1',
      [s.requestId, s.serviceId, s.tsonId, s.at, s.userId, s.q1, s.q2])).length === 1
  }
  async survey(requestId: string): Promise<SurveyRecord | undefined> {
    return toSurvey(await this.one('SELECT * FROM surveys WHERE request_id = $1', [requestId]))
  }
  async surveyReport(q: { from: number; to: number; tsonIds?: string[] }): Promise<SurveyReportRow[]> {
    const sq = surveyReportQuery(q, (n) => `$${n}`, (first, n) => `(${Array.from({ length: n }, (_, i) => `$${first + i}`).join(', ')})`)
    return (await this.q(sq.sql, sq.args)).map(toSurveyReportRow)
  }
}

function toJob(r: Row): JobRecord {
  return {
    id: r.id as string, kind: r.kind as string, key: r.key as string, payload: r.payload as string, state: r.state as JobRecord['state'],
    attempts: r.attempts as number, runAt: r.run_at as number, leaseOwner: (r.lease_owner as string) ?? null, leaseUntil: (r.lease_until as number) ?? null,
    lastError: (r.last_error as string) ?? null, createdAt: r.created_at as number, doneAt: (r.done_at as number) ?? null,
  }
}

type OpsMethods = Omit<PgOps, 'legacyScanBytes' | 'scansStillInDb' | 'clearScanBytes' | 'scansCreatedBefore' | 'deleteScanRows' | 'migrationDone' | 'recordMigration' | 'putAttachmentRow'>

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class PgGatewayStore implements GatewayStore {
  readonly kind = 'postgres' as const
  readonly pool: pg.Pool
  readonly blobs: BlobStore
  private readonly ready: Promise<void>
  private readonly ops: PgOps
  private readonly scans: Scans

  /** @param opts.poolSize connections of this instance (default 10). */
  constructor(
    private readonly url: string,
    opts: { blobs: BlobStore; poolSize?: number },
  ) {
    this.pool = new pg.Pool({ connectionString: url, max: opts.poolSize ?? 10, types: TYPES })
    // An idle client's error (the server restarted) must not crash the process; the next query reconnects.
    this.pool.on('error', () => undefined)
    this.blobs = opts.blobs
    this.ready = this.pool.connect().then(async (c) => {
      try {
        await migratePostgres(c)
      } finally {
        c.release()
      }
    })
    this.ready.catch(() => undefined)
    const exec: Exec = async (sql, args) => {
      await this.ready
      return (await this.pool.query(sql, args)).rows as Row[]
    }
    this.ops = new PgOps(exec, false, (fn) => this.transaction((tx) => fn(tx as unknown as PgOps)))
    this.scans = new Scans(this.ops, this.blobs)
    // Every call of GatewayStore goes to the pool's PgOps (bound), except the scan and transaction calls below.
    for (const name of Object.getOwnPropertyNames(PgOps.prototype)) {
      if (name === 'constructor' || name in this) continue
      const fn = (this.ops as unknown as Record<string, (...a: unknown[]) => unknown>)[name]
      if (typeof fn === 'function') (this as unknown as Record<string, unknown>)[name] = fn.bind(this.ops)
    }
  }

  /**
   * Every committed status change of every instance on this database, this one's included (LISTEN on its own
   * connection, reconnected after a failure; changes committed while it was down are what SSE clients resume with
   * Last-Event-ID). Returns the unsubscribe function.
   */
  subscribeStatus(fn: (c: StatusChangeRecord) => void): () => void {
    let stopped = false
    let client: pg.Client | undefined
    const connect = async () => {
      if (stopped) return
      const c = new pg.Client({ connectionString: this.url, types: TYPES })
      client = c
      const retry = () => {
        c.removeAllListeners()
        c.end().catch(() => undefined)
        if (!stopped) setTimeout(() => void connect(), 1000).unref()
      }
      c.on('error', retry)
      c.on('notification', (n) => {
        if (n.channel !== STATUS_CHANNEL || !n.payload) return
        try {
          fn(JSON.parse(n.payload) as StatusChangeRecord)
        } catch {
          // a malformed payload is not ours: ignore it
        }
      })
      try {
        await c.connect()
        await c.query(`LISTEN ${STATUS_CHANNEL}`)
      } catch {
        retry()
      }
    }
    void connect()
    this.listeners.add(() => {
      stopped = true
      client?.end().catch(() => undefined)
    })
    return () => {
      stopped = true
      client?.end().catch(() => undefined)
    }
  }
  private readonly listeners = new Set<() => void>()

  /** Resolves once the database is reachable and migrated (rejects with the connection error otherwise). */
  whenReady(): Promise<void> {
    return this.ready
  }

  async transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    await this.ready
    const client = await this.pool.connect()
    let broken = false
    try {
      await client.query('BEGIN')
      const ops: PgOps = new PgOps(async (sql, args) => (await client.query(sql, args)).rows as Row[], true, <R>(f: (o: PgOps) => Promise<R>): Promise<R> => f(ops))
      const txScans = new Scans(ops, this.blobs)
      const tx = Object.assign(Object.create(ops) as StoreTx, {
        putAttachment: (a: AttachmentRecord, bytes: Uint8Array) => txScans.put(a, bytes),
        attachmentBytes: (sha: string) => txScans.bytes(sha),
      })
      const result = await fn(tx)
      await client.query('COMMIT')
      return result
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {
        broken = true
      })
      throw err
    } finally {
      client.release(broken)
    }
  }

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

  async close(): Promise<void> {
    for (const stop of this.listeners) stop()
    await this.pool.end()
    await this.blobs.close()
  }
}
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface PgGatewayStore extends Omit<OpsMethods, 'putAttachment'> {}
