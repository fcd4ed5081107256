/**
 * The gateway API of supervision dashboards, the audit trail and administration (issue 14): paths and zod schemas,
 * read by the one route table (routes.ts).
 */
import { z } from 'zod'
import { AUDIT_ACTIONS } from '../audit'
import { Iin, Role } from './api'

const P = '/api/v1'
export const ADMIN_ROUTES = {
  audit: `${P}/audit`,
  auditExport: `${P}/audit/export`,
  auditVerify: `${P}/audit/verify`,
  activity: `${P}/supervision/activity`,
  units: `${P}/directory/units`,
  adminUsers: `${P}/admin/users`,
  adminUser: `${P}/admin/users/:userId`,
  adminUserCertificates: `${P}/admin/users/:userId/certificates`,
  adminUserCertificateUnbind: `${P}/admin/users/:userId/certificates/unbind`,
  adminUnit: `${P}/admin/units/:unitId`,
  deskOutbox: `${P}/desk/outbox`,
  queueHealth: `${P}/supervision/queue-health`,
} as const

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'yyyy-mm-dd')
const Seq = z.coerce.number().int().nonnegative()

// ───────────────────────────── the audit trail ─────────────────────────────

export const AuditAction = z.enum(AUDIT_ACTIONS)
export const AuditQuery = z.object({
  actor: z.string().max(100).optional(),
  /** A request's id or registration number. */
  request: z.string().max(100).optional(),
  action: AuditAction.optional(),
  /** ms since epoch, inclusive / exclusive. */
  from: Seq.optional(),
  to: Seq.optional(),
  /** Keyset cursor: entries after this seq. */
  after: Seq.optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
})
export type AuditQuery = z.infer<typeof AuditQuery>

export const AuditEntryView = z.object({
  seq: z.number().int(),
  at: z.number().int(),
  actorId: z.string(),
  /** The actor's name (never only an id on screen). */
  actorName: z.string(),
  actorRole: z.string(),
  desk: z.string().nullable(),
  action: z.string(),
  requestId: z.string().nullable(),
  departmentId: z.string().nullable(),
  detail: z.string(),
  prevHash: z.string(),
  hash: z.string(),
})
export type AuditEntryView = z.infer<typeof AuditEntryView>
export const AuditPage = z.object({ items: z.array(AuditEntryView), next: z.number().int().optional() })
export type AuditPage = z.infer<typeof AuditPage>
export const AuditExportQuery = z.object({ from: Seq.optional() })
export const AuditVerifyResponse = z.union([
  z.object({ ok: z.literal(true), length: z.number().int(), head: z.string() }),
  z.object({ ok: z.literal(false), brokenAt: z.number().int() }),
])
export type AuditVerifyResponse = z.infer<typeof AuditVerifyResponse>

// ───────────────────────────── dashboards ─────────────────────────────

export const ActivityQuery = z.object({ from: Day, to: Day })
export const ActivityRow = z.object({
  day: Day,
  actorId: z.string(),
  action: z.string(),
  serviceId: z.string(),
  tsonId: z.string(),
  departmentId: z.string(),
  late: z.union([z.literal(0), z.literal(1)]),
  n: z.number().int().nonnegative(),
})
export type ActivityRow = z.infer<typeof ActivityRow>
/** GET /supervision/activity: the rollup rows of the days asked, with the actors' names and roles. */
export const ActivityResponse = z.object({
  from: Day,
  to: Day,
  rows: z.array(ActivityRow),
  actors: z.record(z.string(), z.object({ name: z.string(), role: z.string() })),
})
export type ActivityResponse = z.infer<typeof ActivityResponse>

// ───────────────────────────── queue health ─────────────────────────────

/** POST /desk/outbox: what the signed-in desk's outbox holds now (sent on its sync cycle; X-Arm-Desk names the desk). */
export const DeskOutboxReport = z.object({
  /** Items not yet delivered (pending or in flight). */
  waiting: z.number().int().nonnegative().max(10_000_000),
  /** When the oldest waiting item was queued (ms), null when none waits. */
  oldestAt: z.number().int().nonnegative().nullable(),
  /** The code of the last delivery error (an ArmError code), null when none. */
  lastError: z.string().regex(/^[A-Z0-9_]{2,64}$/).nullable(),
})
export type DeskOutboxReport = z.infer<typeof DeskOutboxReport>
export const DeskOutboxAck = z.object({ reportedAt: z.number().int() })

export const DeskOutboxView = DeskOutboxReport.extend({
  desk: z.string(),
  /** Who was signed in at the desk (a name, never an id). */
  userName: z.string(),
  tsonId: z.string().nullable(),
  departmentId: z.string().nullable(),
  reportedAt: z.number().int(),
})
export type DeskOutboxView = z.infer<typeof DeskOutboxView>
/** GET /supervision/queue-health: open requests per deadline day and the desks' outboxes (reported in the last day). */
export const QueueHealth = z.object({
  generatedAt: z.number().int(),
  dueDays: z.array(z.object({ day: Day, open: z.number().int().nonnegative() })),
  desks: z.array(DeskOutboxView),
})
export type QueueHealth = z.infer<typeof QueueHealth>

// ───────────────────────────── units and accounts ─────────────────────────────

export const OrgUnit = z.object({
  id: z.string().regex(/^[a-z0-9-]{2,64}$/),
  kind: z.enum(['tson', 'department']),
  nameKk: z.string().min(1).max(200),
  nameRu: z.string().min(1).max(200),
  nameEn: z.string().min(1).max(200),
  bin: z.string().regex(/^\d{12}$/).nullable(),
})
export type OrgUnit = z.infer<typeof OrgUnit>
export const OrgUnitsResponse = z.object({ units: z.array(OrgUnit) })
export type OrgUnitsResponse = z.infer<typeof OrgUnitsResponse>
export const OrgUnitPut = OrgUnit.omit({ id: true })

/** An AUTH certificate bound to an account: what the admin sees of it (never the key). */
export const BoundCertificate = z.object({
  /** SHA-256 of the DER, hex: the binding's key. */
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  serialHex: z.string(),
  issuer: z.string(),
  /** ФИО as the certificate names its holder. */
  holderName: z.string(),
  iin: z.string().nullable(),
  /** Validity (ms since epoch). */
  notBefore: z.number().int(),
  notAfter: z.number().int(),
  boundAt: z.number().int(),
})
export type BoundCertificate = z.infer<typeof BoundCertificate>
/** POST /admin/users/:id/certificates: the certificate as PEM text or base64 DER (a .crt/.cer file or the key store's). */
export const BindCertificateRequest = z.object({ certificate: z.string().min(100).max(20_000) })
export type BindCertificateRequest = z.infer<typeof BindCertificateRequest>
export const UnbindCertificateRequest = z.object({ fingerprint: BoundCertificate.shape.fingerprint })
export type UnbindCertificateRequest = z.infer<typeof UnbindCertificateRequest>

export const AdminUser = z.object({
  id: z.string(),
  login: z.string().nullable(),
  iin: z.string().nullable(),
  role: Role,
  displayName: z.string(),
  tsonId: z.string().nullable(),
  departmentId: z.string().nullable(),
  disabled: z.boolean(),
  /** Locked after failed sign-ins until this moment (ms), or null. */
  lockedUntil: z.number().int().nullable(),
  /** AUTH certificates bound to the account (ЭЦП sign-in; see the gateway's certificate policy). */
  certificates: z.array(BoundCertificate),
})
export type AdminUser = z.infer<typeof AdminUser>
export const AdminUsersResponse = z.object({ items: z.array(AdminUser) })
export type AdminUsersResponse = z.infer<typeof AdminUsersResponse>
const Password = z.string().min(1).max(200)
export const CreateUserRequest = z.object({
  login: z.string().regex(/^[a-z0-9._-]{3,50}$/).nullable(),
  iin: Iin.nullable(),
  password: Password,
  role: Role,
  displayName: z.string().min(2).max(200),
  tsonId: z.string().max(64).nullable(),
  departmentId: z.string().max(64).nullable(),
})
export type CreateUserRequest = z.infer<typeof CreateUserRequest>
/** PUT /admin/users/:id: every field optional; `password` resets it, `unlock` clears the failed sign-ins. */
export const UpdateUserRequest = z.object({
  role: Role.optional(),
  displayName: z.string().min(2).max(200).optional(),
  tsonId: z.string().max(64).nullable().optional(),
  departmentId: z.string().max(64).nullable().optional(),
  disabled: z.boolean().optional(),
  password: Password.optional(),
  unlock: z.literal(true).optional(),
})
export type UpdateUserRequest = z.infer<typeof UpdateUserRequest>
