/**
 * Administration: accounts (create, disable, reset password, unlock, role, ЦОН/department) and the ЦОНs and
 * departments with their names. Every change is one audit entry in the same transaction as the change.
 */
import { randomUUID } from 'node:crypto'
import { ArmError } from '../../src-shared/errors'
import type { AdminUser, CreateUserRequest, OrgUnit, UpdateUserRequest } from '../../src-shared/gateway/admin-api'
import type { Role } from '../../src-shared/gateway/api'
import type { Principal } from '../auth/auth-service'
import { hashPassword } from '../auth/passwords'
import type { GatewayStore, UserPatch, UserRecord } from '../store/types'
import type { AuditTrail } from './audit-trail'

export function adminUser(u: UserRecord): AdminUser {
  return {
    id: u.id, login: u.login, iin: u.iin, role: u.role, displayName: u.displayName, tsonId: u.tsonId, departmentId: u.departmentId,
    disabled: !!u.disabled, lockedUntil: u.lockedUntil,
  }
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
  ) {}

  async users(): Promise<AdminUser[]> {
    return (await this.store.listUsers()).map(adminUser)
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
      return { user: adminUser(after), endSessions }
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
