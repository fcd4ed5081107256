/**
 * The audit trail's and the units' SQL and row mapping, written once for both stores (SQLite `?`, PostgreSQL `$n`
 * placeholders): the filtered, keyset-paged read of the trail and the rollup upsert.
 */
import type { AuditEntry } from '../../src-shared/audit'
import type { ActivityCountRow, AuditFilter, CertificateBindingRecord, OrgUnitRecord, UserPatch } from './types'

type Row = Record<string, unknown>
export type Placeholder = (n: number) => string

export const AUDIT_INSERT = (ph: Placeholder) =>
  `INSERT INTO audit_log (seq, at, actor_id, actor_role, desk, action, request_id, department_id, detail, prev_hash, hash)
   VALUES (${[...Array(11).keys()].map((i) => ph(i + 1)).join(', ')})`
export const auditInsertArgs = (e: AuditEntry) => [e.seq, e.at, e.actorId, e.actorRole, e.desk, e.action, e.requestId, e.departmentId, e.detail, e.prevHash, e.hash]

/** Larger than any seq: a time bound past the newest entry. */
const NO_SEQ = 9_007_199_254_740_991
/** How far the clocks of two gateway instances appending to one trail may differ. */
const CLOCK_MARGIN_MS = 5 * 60_000

/** One page of the trail: each filter served by its own (column, seq) index, the time range by seq order. */
export function auditQuery(f: AuditFilter, ph: Placeholder): { sql: string; args: unknown[] } {
  const where: string[] = []
  const args: unknown[] = []
  const add = (cond: (p: string) => string, v: unknown) => {
    args.push(v)
    where.push(cond(ph(args.length)))
  }
  if (f.actorId) add((p) => `actor_id = ${p}`, f.actorId)
  if (f.requestId) add((p) => `request_id = ${p}`, f.requestId)
  if (f.action) add((p) => `action = ${p}`, f.action)
  if (f.departmentId) add((p) => `department_id = ${p}`, f.departmentId)
  // A time range becomes a seq range (the trail is appended in time order; the first entry at or after a moment is
  // found on the (at) index, with a margin for the clocks of several gateway instances), so a page reads the seq order
  // from where the range starts instead of every older entry. The exact bounds stay as filters; their `+at` keeps the
  // planner on the seq order (an index on at would have to sort the whole range for one page).
  const firstAtOrAfter = (p: string) => `COALESCE((SELECT seq FROM audit_log WHERE at >= ${p} ORDER BY at LIMIT 1), ${NO_SEQ})`
  if (f.fromAt !== undefined) add((p) => `+at >= ${p}`, f.fromAt)
  if (f.toAt !== undefined) {
    add((p) => `seq < ${firstAtOrAfter(p)}`, f.toAt + CLOCK_MARGIN_MS)
    add((p) => `+at < ${p}`, f.toAt)
  }
  // One lower bound (the cursor or where the time range starts, the later): an index on (column, seq) starts there.
  const after = f.afterSeq ?? 0
  if (f.fromAt === undefined) add((p) => `seq > ${p}`, after)
  else {
    const from = f.fromAt - CLOCK_MARGIN_MS
    args.push(from, after, from, after)
    const [a, b, c, d] = [args.length - 3, args.length - 2, args.length - 1, args.length].map(ph)
    where.push(`seq > CASE WHEN ${firstAtOrAfter(a)} - 1 > ${b} THEN ${firstAtOrAfter(c)} - 1 ELSE ${d} END`)
  }
  args.push(Math.max(1, Math.min(f.limit, 1000)))
  return { sql: `SELECT * FROM audit_log WHERE ${where.join(' AND ')} ORDER BY seq LIMIT ${ph(args.length)}`, args }
}

export function toAuditEntry(r: Row | undefined): AuditEntry | undefined {
  if (!r) return undefined
  return {
    seq: Number(r.seq), at: Number(r.at), actorId: r.actor_id as string, actorRole: r.actor_role as string, desk: (r.desk as string) ?? null,
    action: r.action as string, requestId: (r.request_id as string) ?? null, departmentId: (r.department_id as string) ?? null,
    detail: r.detail as string, prevHash: r.prev_hash as string, hash: r.hash as string,
  }
}

export const ACTIVITY_UPSERT = (ph: Placeholder) =>
  `INSERT INTO activity_counts (day, actor_id, action, service_id, tson_id, department_id, late, n)
   VALUES (${ph(1)}, ${ph(2)}, ${ph(3)}, ${ph(4)}, ${ph(5)}, ${ph(6)}, ${ph(7)}, 1)
   ON CONFLICT (day, actor_id, action, service_id, tson_id, department_id, late) DO UPDATE SET n = activity_counts.n + 1`
export const activityArgs = (r: Omit<ActivityCountRow, 'n'>) => [r.day, r.actorId, r.action, r.serviceId, r.tsonId, r.departmentId, r.late]
export const ACTIVITY_RANGE = (ph: Placeholder) => `SELECT * FROM activity_counts WHERE day >= ${ph(1)} AND day <= ${ph(2)}`
export function toActivity(r: Row): ActivityCountRow {
  return {
    day: r.day as string, actorId: r.actor_id as string, action: r.action as string, serviceId: r.service_id as string, tsonId: r.tson_id as string,
    departmentId: r.department_id as string, late: Number(r.late) ? 1 : 0, n: Number(r.n),
  }
}

const USER_COLUMNS: Record<keyof UserPatch, string> = {
  displayName: 'display_name', role: 'role', tsonId: 'tson_id', departmentId: 'department_id', passwordHash: 'password_hash',
  disabled: 'disabled', failedCount: 'failed_count', lockedUntil: 'locked_until',
}
export function userUpdate(id: string, patch: UserPatch, ph: Placeholder, bool: (b: boolean) => unknown): { sql: string; args: unknown[] } | null {
  const sets: string[] = []
  const args: unknown[] = []
  for (const [k, col] of Object.entries(USER_COLUMNS) as Array<[keyof UserPatch, string]>) {
    if (!(k in patch)) continue
    const v = patch[k]
    args.push(typeof v === 'boolean' ? bool(v) : v ?? null)
    sets.push(`${col} = ${ph(args.length)}`)
  }
  if (!sets.length) return null
  args.push(id)
  return { sql: `UPDATE users SET ${sets.join(', ')} WHERE id = ${ph(args.length)}`, args }
}

export const ORG_UNIT_UPSERT = (ph: Placeholder) =>
  `INSERT INTO org_units (id, kind, name_kk, name_ru, name_en, bin) VALUES (${ph(1)}, ${ph(2)}, ${ph(3)}, ${ph(4)}, ${ph(5)}, ${ph(6)})
   ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, name_kk = excluded.name_kk, name_ru = excluded.name_ru, name_en = excluded.name_en, bin = excluded.bin`
export const orgUnitArgs = (u: OrgUnitRecord) => [u.id, u.kind, u.nameKk, u.nameRu, u.nameEn, u.bin]
export const toOrgUnit = (r: Row): OrgUnitRecord => ({
  id: r.id as string, kind: r.kind as OrgUnitRecord['kind'], nameKk: r.name_kk as string, nameRu: r.name_ru as string, nameEn: r.name_en as string, bin: (r.bin as string) ?? null,
})

/** Bound certificates (user_certificates): insert that does nothing when the certificate is bound already. */
export const CERT_BIND = (ph: Placeholder) =>
  `INSERT INTO user_certificates (fingerprint, user_id, issuer, serial_hex, holder_name, iin, not_before, not_after, bound_at)
   VALUES (${[...Array(9).keys()].map((i) => ph(i + 1)).join(', ')}) ON CONFLICT DO NOTHING`
export const certBindArgs = (b: CertificateBindingRecord) => [b.fingerprint, b.userId, b.issuer, b.serialHex, b.holderName, b.iin, b.notBefore, b.notAfter, b.boundAt]
export const toCertBinding = (r: Row): CertificateBindingRecord => ({
  fingerprint: r.fingerprint as string, userId: r.user_id as string, issuer: r.issuer as string, serialHex: r.serial_hex as string,
  holderName: r.holder_name as string, iin: (r.iin as string) ?? null, notBefore: Number(r.not_before), notAfter: Number(r.not_after), boundAt: Number(r.bound_at),
})
