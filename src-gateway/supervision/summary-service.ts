/**
 * The supervision summary (GET /supervision/summary): counts over the region's requests per status, department and
 * ЦОН, with the overdue ones. "Overdue" is the catalogue's rule: not settled (terminal or RESULT_READY) and past the
 * regulated deadline computed by the shared working-day calendar from the registration time.
 */
import { catalog, TERMINAL_STATUSES } from '../../src-shared/catalog'
import { deadline } from '../../src-shared/calendar'
import type { RequestStatus, SupervisionSummary } from '../../src-shared/gateway/api'
import type { Clock } from '../ports'
import type { GatewayStore, RequestFact } from '../store/types'

/** Decided or closed: the regulated term no longer runs. */
const SETTLED = new Set<RequestStatus>([...(TERMINAL_STATUSES as readonly RequestStatus[]), 'RESULT_READY'])
/** The order statuses are listed in: the request's life (CATALOG §2.3). */
const STATUS_ORDER: RequestStatus[] = ['REGISTERED', 'IN_PROCESSING', 'AWAITING_PAYMENT', 'RESULT_READY', 'ISSUED', 'REFUSED', 'REJECTED', 'EXPIRED', 'CANCELLED']

interface Counter { count: number; open: number; overdue: number }
const counter = (): Counter => ({ count: 0, open: 0, overdue: 0 })

export class SupervisionSummaryService {
  constructor(
    private readonly store: GatewayStore,
    private readonly clock: Clock,
  ) {}

  /** Whether a request is open and past its deadline at `now`; undefined when the service (and so its term) is unknown. */
  overdue(f: RequestFact, now: number): boolean | undefined {
    if (SETTLED.has(f.status)) return false
    const svc = catalog.find(f.serviceId)
    if (!svc) return undefined
    return deadline(new Date(f.receivedAt), svc.terms.regulated).getTime() < now
  }

  async summary(): Promise<SupervisionSummary> {
    const now = this.clock.now()
    const facts = await this.store.requestFacts()
    const total = counter()
    const byStatus = new Map<RequestStatus, number>()
    const byDept = new Map<string, Counter>()
    const byTson = new Map<string, Counter>()
    let unknownTerm = 0
    for (const f of facts) {
      const open = !SETTLED.has(f.status)
      const late = this.overdue(f, now)
      if (late === undefined) unknownTerm++
      byStatus.set(f.status, (byStatus.get(f.status) ?? 0) + 1)
      const dept = byDept.get(f.departmentId) ?? counter()
      byDept.set(f.departmentId, dept)
      // '' stands for walk-in requests at the provider (no ЦОН); it becomes an absent tsonId on the wire.
      const tson = byTson.get(f.tsonId ?? '') ?? counter()
      byTson.set(f.tsonId ?? '', tson)
      for (const c of [total, dept, tson]) {
        c.count++
        if (open) c.open++
        if (late) c.overdue++
      }
    }
    const rank = (s: RequestStatus) => (STATUS_ORDER.indexOf(s) + 1) || 99
    const sorted = <T extends Counter>(xs: T[]) => xs.sort((a, b) => b.overdue - a.overdue || b.count - a.count)
    return {
      generatedAt: new Date(now).toISOString(),
      total,
      byStatus: [...byStatus].map(([status, count]) => ({ status, count })).sort((a, b) => rank(a.status) - rank(b.status) || a.status.localeCompare(b.status)),
      byDepartment: sorted([...byDept].map(([departmentId, c]) => ({ departmentId, ...c }))),
      byTson: sorted([...byTson].map(([k, c]) => ({ ...(k ? { tsonId: k } : {}), ...c }))),
      unknownTerm,
    }
  }
}
