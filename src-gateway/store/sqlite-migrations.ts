/**
 * Versioned migrations of the SQLite store, applied in order once each and recorded by name in schema_migrations
 * (names, not numbers, so migrations written on separate branches merge without renumbering). A shipped migration is
 * never edited: a change of schema is a new entry at the end. The base schema (CREATE … IF NOT EXISTS in sqlite.ts) and
 * its user_version 1 step came before this list.
 */
import type Database from 'better-sqlite3'
import { regulatedDueAt, workOrder } from '../supervision/work'
import type { RequestStatus } from '../../src-shared/gateway/api'

export interface SqliteMigration {
  name: string
  up(db: Database.Database): void
}

type Row = Record<string, unknown>

export const SQLITE_MIGRATIONS: readonly SqliteMigration[] = [
  {
    // Flat reads: the inbox in work order by index, the supervision figures as rollups, status changes by who sees them.
    name: '2026-12-07-scale-work-order',
    up(db) {
      db.exec(`
        ALTER TABLE requests ADD COLUMN due_at INTEGER;
        ALTER TABLE requests ADD COLUMN settled INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE requests ADD COLUMN sort_key INTEGER NOT NULL DEFAULT 0;`)
      // Existing rows: deadline and work order computed once, in chunks by rowid (no statement open while updating).
      const read = db.prepare('SELECT rowid, service_id, status, received_at FROM requests WHERE rowid > ? ORDER BY rowid LIMIT 5000')
      const write = db.prepare('UPDATE requests SET due_at = ?, settled = ?, sort_key = ? WHERE rowid = ?')
      for (let last = 0; ;) {
        const rows = read.all(last) as Row[]
        if (!rows.length) break
        for (const r of rows) {
          const dueAt = regulatedDueAt(r.service_id as string, r.received_at as number)
          const w = workOrder({ status: r.status as RequestStatus, dueAt, receivedAt: r.received_at as number })
          write.run(dueAt, w.settled, w.sortKey, r.rowid)
        }
        last = rows[rows.length - 1].rowid as number
      }
      db.exec(`
        CREATE TABLE request_counts (
          tson_id TEXT NOT NULL, department_id TEXT NOT NULL, service_id TEXT NOT NULL, status TEXT NOT NULL,
          day TEXT NOT NULL, n INTEGER NOT NULL,
          PRIMARY KEY (tson_id, department_id, service_id, status, day)) WITHOUT ROWID;
        INSERT INTO request_counts (tson_id, department_id, service_id, status, day, n)
          SELECT COALESCE(tson_id, ''), department_id, service_id, status,
            CASE WHEN settled = 1 THEN '' WHEN due_at IS NULL THEN '?' ELSE strftime('%Y-%m-%d', due_at / 1000, 'unixepoch') END, COUNT(*)
          FROM requests GROUP BY 1, 2, 3, 4, 5;
        DROP INDEX IF EXISTS requests_dept;
        CREATE INDEX requests_inbox ON requests (department_id, settled, sort_key, id);
        CREATE INDEX requests_inbox_status ON requests (department_id, status, settled, sort_key, id);
        CREATE INDEX requests_inbox_assignee ON requests (department_id, assignee_id, settled, sort_key, id);
        CREATE INDEX requests_inbox_service ON requests (department_id, service_id, settled, sort_key, id);
        CREATE INDEX requests_open_due ON requests (settled, due_at);
        CREATE INDEX status_changes_tson ON status_changes (tson_id, seq);
        CREATE INDEX status_changes_dept ON status_changes (department_id, seq);`)
    },
  },
  {
    // Scan retention deletes the scans first stored before a cutoff, oldest first, by index.
    name: '2026-12-07-scale-scan-retention-index',
    up(db) {
      db.exec('CREATE INDEX attachments_created ON attachments (created_at)')
    },
  },
  {
    // Durable jobs (src-gateway/jobs): one row per (kind, key), claimed under a lease, retried with backoff, done once;
    // idempotency answers purged by age; each registry lookup of a person recorded (issue 10). IF NOT EXISTS: databases
    // made by the gwsec branch before migrations were named already hold these tables.
    name: '2026-12-07-gwsec-jobs-registry-lookups',
    up(db) {
      db.exec(`
        CREATE TABLE IF NOT EXISTS jobs (
          id TEXT PRIMARY KEY, kind TEXT NOT NULL, key TEXT NOT NULL, payload TEXT NOT NULL, state TEXT NOT NULL,
          attempts INTEGER NOT NULL DEFAULT 0, run_at INTEGER NOT NULL, lease_owner TEXT, lease_until INTEGER, last_error TEXT,
          created_at INTEGER NOT NULL, done_at INTEGER, UNIQUE (kind, key));
        CREATE INDEX IF NOT EXISTS jobs_due ON jobs (state, run_at);
        CREATE INDEX IF NOT EXISTS idempotency_created ON idempotency (created_at);
        CREATE TABLE IF NOT EXISTS registry_lookups (
          seq INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, user_id TEXT NOT NULL, role TEXT NOT NULL,
          registry TEXT NOT NULL, subject TEXT NOT NULL, reason TEXT);`)
    },
  },
  {
    // The ЦОН counter: its requests newest first by index; hand-over once per request; every print and reprint with
    // its reason; the quality survey (§5.7) once per request, reported by answer time.
    name: '2026-12-07-counter-hand-over-prints-survey',
    up(db) {
      db.exec(`
        CREATE INDEX requests_counter ON requests (tson_id, received_at, id);
        CREATE TABLE hand_overs (
          request_id TEXT PRIMARY KEY, at INTEGER NOT NULL, user_id TEXT NOT NULL, tson_id TEXT, kind TEXT NOT NULL);
        CREATE TABLE result_prints (
          seq INTEGER PRIMARY KEY AUTOINCREMENT, request_id TEXT NOT NULL, at INTEGER NOT NULL, user_id TEXT NOT NULL,
          role TEXT NOT NULL, document TEXT NOT NULL, reprint INTEGER NOT NULL, reason TEXT);
        CREATE INDEX result_prints_request ON result_prints (request_id, seq);
        CREATE TABLE surveys (
          request_id TEXT PRIMARY KEY, service_id TEXT NOT NULL, tson_id TEXT, at INTEGER NOT NULL, user_id TEXT NOT NULL,
          q1 INTEGER NOT NULL CHECK (q1 BETWEEN 1 AND 3), q2 INTEGER NOT NULL CHECK (q2 BETWEEN 1 AND 3));
        CREATE INDEX surveys_at ON surveys (at);`)
    },
  },
  {
    // State duty of the ЗАГС services (issue 12): one payment row per request, one row per bank transaction (its id
    // is the key that makes a duplicated callback a no-op).
    name: '2026-12-07-payment-state-duty',
    up(db) {
      db.exec(`
        CREATE TABLE payments (
          request_id TEXT PRIMARY KEY, registration_number TEXT NOT NULL, service_id TEXT NOT NULL, tson_id TEXT,
          department_id TEXT NOT NULL, amount_tiyn INTEGER NOT NULL, mrp_year INTEGER NOT NULL, mrp_tenge INTEGER NOT NULL,
          mrp_percent INTEGER NOT NULL, offered_at INTEGER NOT NULL, due_at INTEGER NOT NULL, state TEXT NOT NULL,
          paid_at INTEGER, receipt_number TEXT, transaction_id TEXT, channel TEXT, expired_at INTEGER);
        CREATE INDEX payments_state_due ON payments (state, due_at);
        CREATE INDEX payments_offered ON payments (offered_at);
        CREATE TABLE payment_transactions (
          transaction_id TEXT PRIMARY KEY, request_id TEXT NOT NULL, registration_number TEXT NOT NULL, tson_id TEXT, department_id TEXT NOT NULL,
          at INTEGER NOT NULL, amount_tiyn INTEGER NOT NULL, channel TEXT NOT NULL, outcome TEXT NOT NULL,
          receipt_number TEXT, refund_number TEXT, reason TEXT);
        CREATE INDEX payment_transactions_request ON payment_transactions (request_id, at);
        CREATE INDEX payment_transactions_at ON payment_transactions (outcome, at);`)
    },
  },
  {
    // Per-step deadlines (CATALOG §2.6): each status change records who moved the request into that step.
    name: '2026-12-07-provider-status-actor',
    up(db) {
      db.exec('ALTER TABLE status_changes ADD COLUMN actor_name TEXT')
    },
  },
  {
    // Waiting lists kept by departments (the preschool queue): a position per category, unique and gap-free.
    name: '2026-12-07-provider-queue-entries',
    up(db) {
      db.exec(`CREATE TABLE queue_entries (
        queue TEXT NOT NULL, category TEXT NOT NULL, request_id TEXT NOT NULL, position INTEGER NOT NULL, at INTEGER NOT NULL,
        PRIMARY KEY (queue, request_id), UNIQUE (queue, category, position))`)
    },
  },
  {
    // The audit trail (every action of a person, hash-chained like the message log), its activity rollup for the
    // dashboards, disabled accounts, and the ЦОНs and departments with their names (issue 14).
    name: '2026-12-07-audit-trail-admin',
    up(db) {
      db.exec(`
        CREATE TABLE audit_log (
          seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, actor_id TEXT NOT NULL, actor_role TEXT NOT NULL, desk TEXT,
          action TEXT NOT NULL, request_id TEXT, department_id TEXT, detail TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
        CREATE INDEX audit_actor ON audit_log (actor_id, seq);
        CREATE INDEX audit_request ON audit_log (request_id, seq);
        CREATE INDEX audit_action ON audit_log (action, seq);
        CREATE INDEX audit_department ON audit_log (department_id, seq);
        CREATE INDEX audit_at ON audit_log (at);
        CREATE TABLE activity_counts (
          day TEXT NOT NULL, actor_id TEXT NOT NULL, action TEXT NOT NULL, service_id TEXT NOT NULL, tson_id TEXT NOT NULL,
          department_id TEXT NOT NULL, late INTEGER NOT NULL, n INTEGER NOT NULL,
          PRIMARY KEY (day, actor_id, action, service_id, tson_id, department_id, late)) WITHOUT ROWID;
        ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
        CREATE TABLE org_units (id TEXT PRIMARY KEY, kind TEXT NOT NULL, name_kk TEXT NOT NULL, name_ru TEXT NOT NULL, name_en TEXT NOT NULL, bin TEXT);
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;`)
    },
  },
  {
    // A payment's last event (offered, paid, expired) as an indexed column: the payment figures' "since" read was a
    // MAX(...) over every payment; it is now an index range. Filled for the payments already there.
    name: '2026-12-08-payments-last-event',
    up(db) {
      db.exec(`
        ALTER TABLE payments ADD COLUMN last_event_at INTEGER NOT NULL DEFAULT 0;
        UPDATE payments SET last_event_at = MAX(offered_at, COALESCE(paid_at, 0), COALESCE(expired_at, 0));
        CREATE INDEX payments_last_event ON payments (last_event_at);`)
    },
  },
  {
    // What each desk last reported of its outbox (waiting, oldest, last error): one row per desk, read by the
    // supervisor's queue health; the cost follows the number of desks, never of requests.
    name: '2026-12-08-desk-outbox-reports',
    up(db) {
      db.exec(`
        CREATE TABLE desk_outboxes (
          desk TEXT PRIMARY KEY, user_id TEXT NOT NULL, tson_id TEXT, department_id TEXT, waiting INTEGER NOT NULL,
          oldest_at INTEGER, last_error TEXT, reported_at INTEGER NOT NULL);
        CREATE INDEX desk_outboxes_reported ON desk_outboxes (reported_at);`)
    },
  },
  {
    // The authorised signer (issue 13 point 2): the decision the specialist prepared, for the head or the person with
    // the right to sign to review and sign.
    name: '2026-12-08-pki-prepared-decisions',
    up(db) {
      db.exec(`CREATE TABLE prepared_decisions (
        request_id TEXT PRIMARY KEY, kind TEXT NOT NULL, payload BLOB NOT NULL, prepared_by_id TEXT NOT NULL,
        prepared_by_name TEXT NOT NULL, prepared_at INTEGER NOT NULL)`)
    },
  },
  {
    // The housing queue (issue 13 point 4): the housing commission's decision (No. and date) that registered the family.
    name: '2026-12-08-housing-commission-decision',
    up(db) {
      db.exec(`
        ALTER TABLE queue_entries ADD COLUMN commission_decision_no TEXT;
        ALTER TABLE queue_entries ADD COLUMN commission_decision_date TEXT;`)
    },
  },
  {
    // Intake (issue 16 point 5): what a scan's bytes say (type matched, pages), found once at upload, so registering a
    // request checks its attachments against their rows instead of reading every scan back. NULL: not known (rows
    // from before), intake reads the bytes as it did.
    name: '2026-12-08-intake-scan-facts',
    up(db) {
      db.exec('ALTER TABLE attachments ADD COLUMN pages INTEGER')
    },
  },
  {
    // AUTH certificates bound to accounts by the admin (issue 14 point 4): ЭЦП sign-in finds the account by the
    // certificate (issuer + serial); one account per certificate.
    name: '2026-12-08-user-certificates',
    up(db) {
      db.exec(`
        CREATE TABLE user_certificates (
          fingerprint TEXT PRIMARY KEY, user_id TEXT NOT NULL, issuer TEXT NOT NULL, serial_hex TEXT NOT NULL,
          holder_name TEXT NOT NULL, iin TEXT, not_before INTEGER NOT NULL, not_after INTEGER NOT NULL, bound_at INTEGER NOT NULL);
        CREATE UNIQUE INDEX user_certificates_issuer_serial ON user_certificates (issuer, serial_hex);
        CREATE INDEX user_certificates_user ON user_certificates (user_id);`)
    },
  },
]

/** Applies the migrations this database has not seen, each in its own transaction. */
export function migrateSqlite(db: Database.Database, migrations: readonly SqliteMigration[] = SQLITE_MIGRATIONS): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)')
  const done = new Set((db.prepare('SELECT name FROM schema_migrations').all() as Row[]).map((r) => r.name as string))
  const record = db.prepare('INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)')
  for (const m of migrations) {
    if (done.has(m.name)) continue
    db.transaction(() => {
      m.up(db)
      record.run(m.name, Date.now())
    })()
  }
}
