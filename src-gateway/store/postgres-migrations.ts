/**
 * Versioned migrations of the PostgreSQL store, applied once each in order and recorded by name in schema_migrations,
 * under an advisory lock so that several gateway instances starting together migrate once. A shipped migration is
 * never edited: a change of schema is a new entry at the end.
 */
import type pg from 'pg'

export interface PgMigration {
  name: string
  sql: string
}

export const PG_MIGRATIONS: readonly PgMigration[] = [
  {
    name: '2026-12-07-pg-base',
    sql: `
CREATE TABLE users (
  id TEXT PRIMARY KEY, login TEXT UNIQUE, iin TEXT UNIQUE, password_hash TEXT NOT NULL, role TEXT NOT NULL,
  display_name TEXT NOT NULL, tson_id TEXT, department_id TEXT, failed_count INTEGER NOT NULL DEFAULT 0,
  locked_until BIGINT, test_only BOOLEAN NOT NULL DEFAULT false);
CREATE TABLE sessions (token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL, expires_at BIGINT NOT NULL);
CREATE INDEX sessions_expires ON sessions (expires_at);
CREATE TABLE challenges (id TEXT PRIMARY KEY, challenge BYTEA NOT NULL, expires_at BIGINT NOT NULL, used BOOLEAN NOT NULL DEFAULT false);
CREATE INDEX challenges_expires ON challenges (expires_at);
-- Scans' bytes live in the blob store; the row is the metadata.
CREATE TABLE attachments (sha256 TEXT PRIMARY KEY, size BIGINT NOT NULL, media_type TEXT NOT NULL, created_at BIGINT NOT NULL);
CREATE INDEX attachments_created ON attachments (created_at);
CREATE TABLE attachment_uploaders (sha256 TEXT NOT NULL, user_id TEXT NOT NULL, tson_id TEXT, PRIMARY KEY (sha256, user_id));
CREATE TABLE request_attachments (sha256 TEXT NOT NULL, request_id TEXT NOT NULL, PRIMARY KEY (sha256, request_id));
CREATE TABLE idempotency (scope_key TEXT PRIMARY KEY, body_hash TEXT NOT NULL, status_code INTEGER NOT NULL, response TEXT NOT NULL, created_at BIGINT NOT NULL);
CREATE TABLE reg_counters (day TEXT PRIMARY KEY, seq BIGINT NOT NULL);
CREATE TABLE requests (
  id TEXT PRIMARY KEY, registration_number TEXT NOT NULL UNIQUE, envelope_id TEXT NOT NULL UNIQUE, service_id TEXT NOT NULL,
  tson_id TEXT, department_id TEXT NOT NULL, operator_user_id TEXT NOT NULL, status TEXT NOT NULL, received_at BIGINT NOT NULL,
  envelope BYTEA NOT NULL, signature BYTEA NOT NULL, assignee_id TEXT, result_kind TEXT, result_document BYTEA, result_signature BYTEA,
  result_media_type TEXT, result_reason TEXT, result_reason_code TEXT, result_signed_by TEXT, result_signer_iin TEXT,
  result_signer_bin TEXT, decided_at BIGINT, due_at BIGINT, settled SMALLINT NOT NULL, sort_key BIGINT NOT NULL);
CREATE INDEX requests_inbox ON requests (department_id, settled, sort_key, id);
CREATE INDEX requests_inbox_status ON requests (department_id, status, settled, sort_key, id);
CREATE INDEX requests_inbox_assignee ON requests (department_id, assignee_id, settled, sort_key, id);
CREATE INDEX requests_inbox_service ON requests (department_id, service_id, settled, sort_key, id);
CREATE INDEX requests_open_due ON requests (settled, due_at);
CREATE TABLE status_changes (
  seq BIGSERIAL PRIMARY KEY, request_id TEXT NOT NULL, registration_number TEXT NOT NULL, service_id TEXT NOT NULL,
  envelope_id TEXT NOT NULL, tson_id TEXT, department_id TEXT NOT NULL, status TEXT NOT NULL, at BIGINT NOT NULL, note TEXT);
CREATE INDEX status_changes_req ON status_changes (request_id);
CREATE INDEX status_changes_tson ON status_changes (tson_id, seq);
CREATE INDEX status_changes_dept ON status_changes (department_id, seq);
CREATE TABLE request_counts (
  tson_id TEXT NOT NULL, department_id TEXT NOT NULL, service_id TEXT NOT NULL, status TEXT NOT NULL, day TEXT NOT NULL, n BIGINT NOT NULL,
  PRIMARY KEY (tson_id, department_id, service_id, status, day));
CREATE TABLE message_log (
  seq BIGINT PRIMARY KEY, at BIGINT NOT NULL, kind TEXT NOT NULL, request_id TEXT NOT NULL, digest TEXT NOT NULL,
  prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
CREATE FUNCTION message_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN RAISE EXCEPTION 'message_log is append-only'; END $$;
CREATE TRIGGER message_log_no_update BEFORE UPDATE OR DELETE ON message_log FOR EACH ROW EXECUTE FUNCTION message_log_append_only();
CREATE TRIGGER message_log_no_truncate BEFORE TRUNCATE ON message_log FOR EACH STATEMENT EXECUTE FUNCTION message_log_append_only();`,
  },
  {
    // Durable jobs (src-gateway/jobs), claimed by any instance with FOR UPDATE SKIP LOCKED under a lease; idempotency
    // answers purged by age; each registry lookup of a person recorded (issue 10).
    name: '2026-12-07-gwsec-jobs-registry-lookups',
    sql: `
CREATE TABLE jobs (
  id TEXT PRIMARY KEY, kind TEXT NOT NULL, key TEXT NOT NULL, payload TEXT NOT NULL, state TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0, run_at BIGINT NOT NULL, lease_owner TEXT, lease_until BIGINT, last_error TEXT,
  created_at BIGINT NOT NULL, done_at BIGINT, UNIQUE (kind, key));
CREATE INDEX jobs_due ON jobs (state, run_at);
CREATE INDEX jobs_lease ON jobs (state, lease_until);
CREATE INDEX idempotency_created ON idempotency (created_at);
CREATE TABLE registry_lookups (
  seq BIGSERIAL PRIMARY KEY, at BIGINT NOT NULL, user_id TEXT NOT NULL, role TEXT NOT NULL, registry TEXT NOT NULL,
  subject TEXT NOT NULL, reason TEXT);`,
  },
  {
    // The ЦОН counter: its requests newest first by index; hand-over once per request; every print and reprint with
    // its reason; the quality survey (§5.7) once per request, reported by answer time.
    name: '2026-12-07-counter-hand-over-prints-survey',
    sql: `
CREATE INDEX requests_counter ON requests (tson_id, received_at, id);
CREATE TABLE hand_overs (request_id TEXT PRIMARY KEY, at BIGINT NOT NULL, user_id TEXT NOT NULL, tson_id TEXT, kind TEXT NOT NULL);
CREATE TABLE result_prints (
  seq BIGSERIAL PRIMARY KEY, request_id TEXT NOT NULL, at BIGINT NOT NULL, user_id TEXT NOT NULL, role TEXT NOT NULL,
  document TEXT NOT NULL, reprint BOOLEAN NOT NULL, reason TEXT);
CREATE INDEX result_prints_request ON result_prints (request_id, seq);
CREATE TABLE surveys (
  request_id TEXT PRIMARY KEY, service_id TEXT NOT NULL, tson_id TEXT, at BIGINT NOT NULL, user_id TEXT NOT NULL,
  q1 SMALLINT NOT NULL CHECK (q1 BETWEEN 1 AND 3), q2 SMALLINT NOT NULL CHECK (q2 BETWEEN 1 AND 3));
CREATE INDEX surveys_at ON surveys (at);`,
  },
  {
    // State duty of the ЗАГС services (issue 12): one payment row per request, one row per bank transaction (its id
    // is the key that makes a duplicated callback a no-op).
    name: '2026-12-07-payment-state-duty',
    sql: `
CREATE TABLE payments (
  request_id TEXT PRIMARY KEY, registration_number TEXT NOT NULL, service_id TEXT NOT NULL, tson_id TEXT,
  department_id TEXT NOT NULL, amount_tiyn BIGINT NOT NULL, mrp_year INTEGER NOT NULL, mrp_tenge BIGINT NOT NULL,
  mrp_percent INTEGER NOT NULL, offered_at BIGINT NOT NULL, due_at BIGINT NOT NULL, state TEXT NOT NULL,
  paid_at BIGINT, receipt_number TEXT, transaction_id TEXT, channel TEXT, expired_at BIGINT);
CREATE INDEX payments_state_due ON payments (state, due_at);
CREATE INDEX payments_offered ON payments (offered_at);
CREATE TABLE payment_transactions (
  transaction_id TEXT PRIMARY KEY, request_id TEXT NOT NULL, registration_number TEXT NOT NULL, tson_id TEXT, department_id TEXT NOT NULL,
  at BIGINT NOT NULL, amount_tiyn BIGINT NOT NULL, channel TEXT NOT NULL, outcome TEXT NOT NULL,
  receipt_number TEXT, refund_number TEXT, reason TEXT);
CREATE INDEX payment_transactions_request ON payment_transactions (request_id, at);
CREATE INDEX payment_transactions_at ON payment_transactions (outcome, at);`,
  },
  {
    // Per-step deadlines (CATALOG §2.6): each status change records who moved the request into that step.
    name: '2026-12-07-provider-status-actor',
    sql: 'ALTER TABLE status_changes ADD COLUMN actor_name TEXT;',
  },
  {
    // Waiting lists kept by departments (the preschool queue): a position per category, unique and gap-free.
    name: '2026-12-07-provider-queue-entries',
    sql: `
CREATE TABLE queue_entries (
  queue TEXT NOT NULL, category TEXT NOT NULL, request_id TEXT NOT NULL, position INTEGER NOT NULL, at BIGINT NOT NULL,
  PRIMARY KEY (queue, request_id), UNIQUE (queue, category, position));`,
  },
  {
    // The audit trail (every action of a person, hash-chained like the message log), its activity rollup for the
    // dashboards, disabled accounts, and the ЦОНs and departments with their names (issue 14).
    name: '2026-12-07-audit-trail-admin',
    sql: `
CREATE TABLE audit_log (
  seq BIGINT PRIMARY KEY, at BIGINT NOT NULL, actor_id TEXT NOT NULL, actor_role TEXT NOT NULL, desk TEXT,
  action TEXT NOT NULL, request_id TEXT, department_id TEXT, detail TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
CREATE INDEX audit_actor ON audit_log (actor_id, seq);
CREATE INDEX audit_request ON audit_log (request_id, seq);
CREATE INDEX audit_action ON audit_log (action, seq);
CREATE INDEX audit_department ON audit_log (department_id, seq);
CREATE INDEX audit_at ON audit_log (at);
CREATE TABLE activity_counts (
  day TEXT NOT NULL, actor_id TEXT NOT NULL, action TEXT NOT NULL, service_id TEXT NOT NULL, tson_id TEXT NOT NULL,
  department_id TEXT NOT NULL, late SMALLINT NOT NULL, n BIGINT NOT NULL,
  PRIMARY KEY (day, actor_id, action, service_id, tson_id, department_id, late));
ALTER TABLE users ADD COLUMN disabled BOOLEAN NOT NULL DEFAULT false;
CREATE TABLE org_units (id TEXT PRIMARY KEY, kind TEXT NOT NULL, name_kk TEXT NOT NULL, name_ru TEXT NOT NULL, name_en TEXT NOT NULL, bin TEXT);
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();`,
  },
  {
    // A payment's last event (offered, paid, expired) as an indexed column: the payment figures' "since" read was a
    // GREATEST(...) over every payment; it is now an index range. Filled for the payments already there.
    name: '2026-12-08-payments-last-event',
    sql: `
ALTER TABLE payments ADD COLUMN last_event_at BIGINT NOT NULL DEFAULT 0;
UPDATE payments SET last_event_at = GREATEST(offered_at, COALESCE(paid_at, 0), COALESCE(expired_at, 0));
CREATE INDEX payments_last_event ON payments (last_event_at);`,
  },
  {
    // What each desk last reported of its outbox (waiting, oldest, last error): one row per desk, read by the
    // supervisor's queue health; the cost follows the number of desks, never of requests.
    name: '2026-12-08-desk-outbox-reports',
    sql: `
CREATE TABLE desk_outboxes (
  desk TEXT PRIMARY KEY, user_id TEXT NOT NULL, tson_id TEXT, department_id TEXT, waiting INTEGER NOT NULL,
  oldest_at BIGINT, last_error TEXT, reported_at BIGINT NOT NULL);
CREATE INDEX desk_outboxes_reported ON desk_outboxes (reported_at);`,
  },
  {
    // The authorised signer (issue 13 point 2): the decision the specialist prepared, for the head or the person with
    // the right to sign to review and sign.
    name: '2026-12-08-pki-prepared-decisions',
    sql: `
CREATE TABLE prepared_decisions (
  request_id TEXT PRIMARY KEY, kind TEXT NOT NULL, payload BYTEA NOT NULL, prepared_by_id TEXT NOT NULL,
  prepared_by_name TEXT NOT NULL, prepared_at BIGINT NOT NULL);`,
  },
  {
    // The housing queue (issue 13 point 4): the housing commission's decision (No. and date) that registered the family.
    name: '2026-12-08-housing-commission-decision',
    sql: `
ALTER TABLE queue_entries ADD COLUMN commission_decision_no TEXT;
ALTER TABLE queue_entries ADD COLUMN commission_decision_date TEXT;`,
  },
  {
    // Intake (issue 16 point 5): what a scan's bytes say (type matched, pages), found once at upload, so registering a
    // request checks its attachments against their rows instead of reading every scan back. NULL: not known.
    name: '2026-12-08-intake-scan-facts',
    sql: 'ALTER TABLE attachments ADD COLUMN pages INTEGER;',
  },
  {
    // AUTH certificates bound to accounts by the admin (issue 14 point 4): ЭЦП sign-in finds the account by the
    // certificate (issuer + serial); one account per certificate.
    name: '2026-12-08-user-certificates',
    sql: `
CREATE TABLE user_certificates (
  fingerprint TEXT PRIMARY KEY, user_id TEXT NOT NULL, issuer TEXT NOT NULL, serial_hex TEXT NOT NULL,
  holder_name TEXT NOT NULL, iin TEXT, not_before BIGINT NOT NULL, not_after BIGINT NOT NULL, bound_at BIGINT NOT NULL);
CREATE UNIQUE INDEX user_certificates_issuer_serial ON user_certificates (issuer, serial_hex);
CREATE INDEX user_certificates_user ON user_certificates (user_id);`,
  },
]

/** Serialises migrations across instances (any constant unique to this purpose). */
const MIGRATION_LOCK = 0x41524d4d

export async function migratePostgres(client: pg.ClientBase, migrations: readonly PgMigration[] = PG_MIGRATIONS): Promise<void> {
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK])
  try {
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)')
    const done = new Set((await client.query<{ name: string }>('SELECT name FROM schema_migrations')).rows.map((r) => r.name))
    for (const m of migrations) {
      if (done.has(m.name)) continue
      await client.query('BEGIN')
      try {
        await client.query(m.sql)
        await client.query('INSERT INTO schema_migrations (name, applied_at) VALUES ($1, $2)', [m.name, Date.now()])
        await client.query('COMMIT')
      } catch (err) {
        await client.query('ROLLBACK')
        throw err
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK])
  }
}
