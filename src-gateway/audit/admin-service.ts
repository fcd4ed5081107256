/**
 * Administration: accounts (create, disable, reset password, unlock, role, ЦОН/department) and the ЦОНs and
 * departments with their names. Every change is one audit entry in the same transaction as the change.
 */
import { randomUUID } from 'node:crypto'
import { base64ToBytes, isCanonicalBase64 } from '../../src-shared/bytes'
import { ArmError } from '../../src-shared/errors'
import type { AdminUser, BoundCertificate, CreateUserRequest, OrgUnit, UpdateUserRequest } from '../../src-shared/gateway/admin-api'
import type { Role } from '../../src-shared/gateway/api'
import type { Principal } from '../auth/auth-service'
import { hashPassword } from '../auth/passwords'
import type { Clock, EnvelopeVerifier } from '../ports'
import type { CertificateBindingRecord, GatewayStore, UserPatch, UserRecord } from '../store/types'
import type { AuditTrail } from './audit-trail'

const boundView = ({ userId: _userId, ...b }: CertificateBindingRecord): BoundCertificate => b

export function adminUser(u: UserRecord, certificates: readonly CertificateBindingRecord[] = []): AdminUser {
  return {
    id: u.id, login: u.login, iin: u.iin, role: u.role, displayName: u.displayName, tsonId: u.tsonId, departmentId: u.departmentId,
    disabled: !!u.disabled, lockedUntil: u.lockedUntil, certificates: certificates.map(boundView),
  }
}

/** A .crt/.cer/.pem as text: PEM as it is, DER as base64. */
function certificateBytes(text: string): Uint8Array {
  const t = text.trim()
  if (t.includes('-----BEGIN')) return new TextEncoder().encode(t)
  const b64 = t.replace(/\s+/g, '')
  if (!isCanonicalBase64(b64)) throw new ArmError('CERT_CORRUPT', 'neither PEM nor base64 DER')
  return base64ToBytes(b64)
}

/** At least 10 characters with a letter and a digit (the demo passwords pass; "1234567890" does not). */
export function checkPassword(password: string): void {
  if (password.length < 10 || !/\p{L}/u.test(password) || !/\d/.test(password)) throw new ArmError('ADMIN_PASSWORD_WEAK')
}

/** An operator works at a ЦОН; a specialist and a supervisor at a department. */
function checkUnits(role: Role, tsonId: string | null, departmentId: string | null): void {
  if (role === 'tson_operator' && !tsonId) throw new ArmError('ADMIN_UNIT_REQUIRED')
  if ((role === 'provider_specialist' || role === 'supervisor') && !departmentId) throw new ArmError('ADMIN_UNIT_REQUIRED')
}

export class AdminService {
  constructor(
    private readonly store: GatewayStore,
    private readonly audit: AuditTrail,
    /** Called after an account is disabled or changed, so cached sessions of it end at once. */
    private readonly dropSessions: (userId: string) => void,
    /** Checks a certificate to bind (the gateway's verifier: its trust store and test-trust mode). */
    private readonly certificates?: Pick<EnvelopeVerifier, 'checkAuthCertificate'>,
    private readonly clock: Clock = { now: () => Date.now() },
  ) {}

  async users(): Promise<AdminUser[]> {
    const [users, bindings] = await Promise.all([this.store.listUsers(), this.store.certificateBindings()])
    const byUser = new Map<string, CertificateBindingRecord[]>()
    for (const b of bindings) byUser.set(b.userId, [...(byUser.get(b.userId) ?? []), b])
    return users.map((u) => adminUser(u, byUser.get(u.id)))
  }

  /**
   * Binds an AUTH certificate to an account: trusted, valid now, AUTH, of the account's ИИН (when it has one); one
   * account per certificate. Its sessions stay: binding changes how the account signs in next, not who it is.
   */
  async bindCertificate(p: Principal, userId: string, text: string, desk: string | null): Promise<AdminUser> {
    const check = this.certificates?.checkAuthCertificate
    if (!check) throw new ArmError('INTERNAL', 'this gateway has no certificate checker')
    const user = await this.store.userById(userId)
    if (!user) throw new ArmError('ADMIN_ACCOUNT_NOT_FOUND')
    const now = this.clock.now()
    const f = await check.call(this.certificates, certificateBytes(text), new Date(now), user.iin ?? undefined)
    const binding: CertificateBindingRecord = {
      fingerprint: f.fingerprintSha256, userId, issuer: f.issuer.text, serialHex: f.serialNumber, holderName: f.fullName, iin: f.iin ?? null,
      notBefore: Date.parse(f.notBefore), notAfter: Date.parse(f.notAfter), boundAt: now,
    }
    return this.store.transaction(async (tx) => {
      if (!(await tx.bindCertificate(binding))) throw new ArmError('ADMIN_CERT_BOUND_ELSEWHERE')
      await this.audit.record({ actor: p.user, action: 'admin.certificate-bind', desk, detail: { userId, serialHex: binding.serialHex, issuer: binding.issuer, fingerprint: binding.fingerprint, holderName: binding.holderName } }, tx)
      return adminUser(user, await tx.certificatesOf(userId))
    })
  }

  async unbindCertificate(p: Principal, userId: string, fingerprint: string, desk: string | null): Promise<AdminUser> {
    return this.store.transaction(async (tx) => {
      const user = await tx.userById(userId)
      if (!user) throw new ArmError('ADMIN_ACCOUNT_NOT_FOUND')
      const before = (await tx.certificatesOf(userId)).find((b) => b.fingerprint === fingerprint)
      if (!before || !(await tx.unbindCertificate(userId, fingerprint))) throw new ArmError('ADMIN_CERT_NOT_BOUND')
      await this.audit.record({ actor: p.user, action: 'admin.certificate-unbind', desk, detail: { userId, serialHex: before.serialHex, issuer: before.issuer, fingerprint } }, tx)
      return adminUser(user, await tx.certificatesOf(userId))
    })
  }

  async create(p: Principal, body: CreateUserRequest, desk: string | null): Promise<AdminUser> {
    if (!body.login && !body.iin) throw new ArmError('GW_BAD_REQUEST', 'a login or an ИИН is needed to sign in')
    checkPassword(body.password)
    checkUnits(body.role, body.tsonId, body.departmentId)
    const u: UserRecord = {
      id: randomUUID(), login: body.login, iin: body.iin, passwordHash: hashPassword(body.password), role: body.role, displayName: body.displayName,
      tsonId: body.tsonId, departmentId: body.departmentId, failedCount: 0, lockedUntil: null, testOnly: false, disabled: false,
    }
    return this.store.transaction(async (tx) => {
      if ((u.login && (await tx.userByLogin(u.login))) || (u.iin && (await tx.userByIin(u.iin)))) throw new ArmError('ADMIN_ACCOUNT_EXISTS')
      await tx.insertUser(u)
      await this.audit.record({ actor: p.user, action: 'admin.user-create', desk, detail: { userId: u.id, login: u.login, role: u.role, tsonId: u.tsonId, departmentId: u.departmentId } }, tx)
      return adminUser(u)
    })
  }

  async update(p: Principal, userId: string, body: UpdateUserRequest, desk: string | null): Promise<AdminUser> {
    if (userId === p.user.id && (body.disabled === true || (body.role !== undefined && body.role !== 'admin'))) throw new ArmError('ADMIN_SELF_LOCKOUT')
    if (body.password !== undefined) checkPassword(body.password)
    const out = await this.store.transaction(async (tx) => {
      const before = await tx.userById(userId)
      if (!before) throw new ArmError('ADMIN_ACCOUNT_NOT_FOUND')
      const patch: UserPatch = {}
      if (body.role !== undefined) patch.role = body.role
      if (body.displayName !== undefined) patch.displayName = body.displayName
      if (body.tsonId !== undefined) patch.tsonId = body.tsonId
      if (body.departmentId !== undefined) patch.departmentId = body.departmentId
      if (body.disabled !== undefined) patch.disabled = body.disabled
      if (body.password !== undefined) patch.passwordHash = hashPassword(body.password)
      if (body.unlock) Object.assign(patch, { failedCount: 0, lockedUntil: null })
      const after: UserRecord = { ...before, ...patch }
      checkUnits(after.role, after.tsonId, after.departmentId)
      await tx.updateUser(userId, patch)
      // A disabled account, a new password or a new role ends the account's sessions: it signs in again as what it is now.
      const endSessions = patch.disabled === true || patch.passwordHash !== undefined || patch.role !== undefined
      if (endSessions) await tx.deleteSessionsOf(userId)
      // What changed, never the password itself.
      const changed = Object.keys(body).filter((k) => k !== 'password')
      await this.audit.record({
        actor: p.user, action: 'admin.user-update', desk,
        detail: { userId, changed, ...(body.password !== undefined ? { passwordReset: true } : {}), ...Object.fromEntries(changed.map((k) => [k, body[k as keyof UpdateUserRequest]])) },
      }, tx)
      return { user: adminUser(after, await tx.certificatesOf(userId)), endSessions }
    })
    if (out.endSessions) this.dropSessions(userId)
    return out.user
  }

  async units(): Promise<OrgUnit[]> {
    return this.store.orgUnits()
  }

  async putUnit(p: Principal, unit: OrgUnit, desk: string | null): Promise<OrgUnit> {
    return this.store.transaction(async (tx) => {
      await tx.putOrgUnit(unit)
      await this.audit.record({ actor: p.user, action: 'admin.unit-put', desk, detail: { ...unit } }, tx)
      return unit
    })
  }
}
