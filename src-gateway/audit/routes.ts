/**
 * Routes of the audit trail, the dashboards' activity rollup, the units directory and account administration.
 * buildGateway registers them with one call; every admin change goes through AdminService (audited there).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { ArmError } from '../../src-shared/errors'
import {
  ActivityQuery, ADMIN_ROUTES, AuditExportQuery, BindCertificateRequest, UnbindCertificateRequest, DeskOutboxReport, AuditQuery, CreateUserRequest, OrgUnit, OrgUnitPut, UpdateUserRequest, type AuditEntryView,
} from '../../src-shared/gateway/admin-api'
import type { Role } from '../../src-shared/gateway/api'
import type { Principal } from '../auth/auth-service'
import { regionOfDepartment, regionOfTson } from '../results/regions'
import type { GatewayStore } from '../store/types'
import type { AdminService } from './admin-service'
import { deskOf, type AuditTrail } from './audit-trail'

export interface AuditRoutesDeps {
  principal: (req: FastifyRequest) => Promise<Principal>
  parse: <T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, value: unknown) => T
  audit: AuditTrail
  admin: AdminService
  store: GatewayStore
  now: () => number
}

/** Desks that have not reported for a day are no longer shown in the queue health. */
const DESK_REPORT_FRESH_MS = 86_400_000

const READERS: readonly Role[] = ['supervisor', 'auditor', 'admin']

export function registerAuditRoutes(app: FastifyInstance, deps: AuditRoutesDeps): void {
  const { parse } = deps
  const allow = async (req: FastifyRequest, roles: readonly Role[]): Promise<Principal> => {
    const p = await deps.principal(req)
    if (!roles.includes(p.user.role)) throw new ArmError('GW_FORBIDDEN')
    return p
  }
  /** Names of the actors of a page (a handful of distinct ids), so the screen never shows an id. */
  const namesOf = async (ids: Iterable<string>): Promise<Map<string, { name: string; role: string }>> => {
    const out = new Map<string, { name: string; role: string }>()
    for (const id of new Set(ids)) {
      const u = await deps.store.userById(id)
      out.set(id, u ? { name: u.displayName, role: u.role } : { name: id, role: '' })
    }
    return out
  }

  app.get(ADMIN_ROUTES.audit, async (req) => {
    const p = await allow(req, READERS)
    const q = parse(AuditQuery, req.query)
    const limit = q.limit ?? 100
    // A supervisor reads the trail of the own department only (its requests and its people).
    const departmentId = p.user.role === 'supervisor' ? (p.user.departmentId ?? '-') : undefined
    // People know a request by its registration number; the trail keys it by id.
    const requestId = q.request ? ((await deps.store.requestByRegNo(q.request))?.id ?? q.request) : undefined
    const items = await deps.audit.page({ actorId: q.actor, requestId, action: q.action, departmentId, fromAt: q.from, toAt: q.to, afterSeq: q.after, limit })
    const names = await namesOf(items.map((e) => e.actorId))
    const views: AuditEntryView[] = items.map((e) => ({ ...e, actorName: names.get(e.actorId)?.name ?? e.actorId }))
    return { items: views, ...(items.length === limit ? { next: items[items.length - 1].seq } : {}) }
  })

  app.get(ADMIN_ROUTES.auditExport, async (req, reply) => {
    const p = await allow(req, ['auditor', 'admin'])
    const q = parse(AuditExportQuery, req.query)
    // The export is itself an action: recorded first, so the file holds its own entry.
    await deps.audit.record({ actor: p.user, action: 'admin.audit-export', desk: deskOf(req.headers), detail: { fromSeq: q.from ?? 1 } })
    const lines = await deps.audit.exportLines(q.from ?? 1)
    return reply
      .code(200)
      .header('content-type', 'application/x-ndjson; charset=utf-8')
      .header('content-disposition', 'attachment; filename="audit-trail.jsonl"')
      .header('cache-control', 'private, no-store')
      .send(lines.join('\n') + '\n')
  })

  app.get(ADMIN_ROUTES.auditVerify, async (req) => {
    await allow(req, READERS)
    return deps.audit.verify()
  })

  app.get(ADMIN_ROUTES.activity, async (req) => {
    const p = await allow(req, READERS)
    const q = parse(ActivityQuery, req.query)
    if (q.from > q.to) throw new ArmError('GW_BAD_REQUEST', 'from is after to')
    const all = await deps.audit.activity(q.from, q.to)
    const rows = p.user.role === 'supervisor' ? all.filter((r) => r.departmentId === p.user.departmentId) : all
    const names = await namesOf(rows.map((r) => r.actorId))
    return { from: q.from, to: q.to, rows, actors: Object.fromEntries(names) }
  })

  // A desk reports its outbox on its sync cycle: the supervisor sees stuck desks without visiting them.
  app.post(ADMIN_ROUTES.deskOutbox, async (req) => {
    const p = await deps.principal(req)
    const desk = deskOf(req.headers)
    if (!desk) throw new ArmError('GW_BAD_REQUEST', 'X-Arm-Desk names the desk that reports')
    const body = parse(DeskOutboxReport, req.body)
    const reportedAt = deps.now()
    await deps.store.putDeskOutbox({
      desk, userId: p.user.id, tsonId: p.user.tsonId ?? null, departmentId: p.user.departmentId ?? null,
      waiting: body.waiting, oldestAt: body.waiting > 0 ? body.oldestAt : null, lastError: body.lastError, reportedAt,
    })
    return { reportedAt }
  })

  app.get(ADMIN_ROUTES.queueHealth, async (req) => {
    const p = await allow(req, READERS)
    const now = deps.now()
    const own = p.user.role === 'supervisor' ? (p.user.departmentId ?? '-') : undefined
    const [dueDays, reports] = await Promise.all([deps.store.openByDueDay(own), deps.store.deskOutboxes(now - DESK_REPORT_FRESH_MS)])
    // A supervisor sees the own department's desks and the desks of the ЦОНs of its region (they send to it); an
    // admin or auditor sees every desk.
    const region = own ? regionOfDepartment(own) : undefined
    const desks = own ? reports.filter((d) => d.departmentId === own || (!!region && regionOfTson(d.tsonId) === region)) : reports
    const names = await namesOf(desks.map((d) => d.userId))
    return {
      generatedAt: now,
      dueDays,
      desks: desks.map(({ userId, ...d }) => ({ ...d, userName: names.get(userId)?.name ?? userId })),
    }
  })

  app.get(ADMIN_ROUTES.units, async (req) => {
    await deps.principal(req)
    return { units: await deps.admin.units() }
  })

  app.get(ADMIN_ROUTES.adminUsers, async (req) => {
    await allow(req, ['admin'])
    return { items: await deps.admin.users() }
  })
  app.post(ADMIN_ROUTES.adminUsers, async (req, reply) => {
    const p = await allow(req, ['admin'])
    return reply.code(201).send(await deps.admin.create(p, parse(CreateUserRequest, req.body), deskOf(req.headers)))
  })
  app.put<{ Params: { userId: string } }>(ADMIN_ROUTES.adminUser, async (req) => {
    const p = await allow(req, ['admin'])
    return deps.admin.update(p, req.params.userId, parse(UpdateUserRequest, req.body), deskOf(req.headers))
  })
  app.post<{ Params: { userId: string } }>(ADMIN_ROUTES.adminUserCertificates, async (req) => {
    const p = await allow(req, ['admin'])
    return deps.admin.bindCertificate(p, req.params.userId, parse(BindCertificateRequest, req.body).certificate, deskOf(req.headers))
  })
  app.post<{ Params: { userId: string } }>(ADMIN_ROUTES.adminUserCertificateUnbind, async (req) => {
    const p = await allow(req, ['admin'])
    return deps.admin.unbindCertificate(p, req.params.userId, parse(UnbindCertificateRequest, req.body).fingerprint, deskOf(req.headers))
  })
  app.put<{ Params: { unitId: string } }>(ADMIN_ROUTES.adminUnit, async (req) => {
    const p = await allow(req, ['admin'])
    const body = parse(OrgUnitPut, req.body)
    const id = parse(OrgUnit.shape.id, req.params.unitId)
    return deps.admin.putUnit(p, { ...body, id }, deskOf(req.headers))
  })
}
