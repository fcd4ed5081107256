/**
 * The supervision summary (GET /supervision/summary): counts over the region's requests per status, department and
 * ЦОН, with the overdue ones. "Overdue" is the catalogue's rule: not settled (terminal or RESULT_READY) and past the
 * regulated deadline computed by the shared working-day calendar from the registration time (written as the request's
 * dueAt at registration). Read from the store's rollups, which every status change updates in its own transaction:
 * the cost follows the number of rollup lines, not of requests.
 */
import type { RequestStatus, SupervisionSummary } from '../../src-shared/gateway/api'
import type { Clock } from '../ports'
import type { GatewayStore } from '../store/types'
import { isSettled } from './work'

/** The order statuses are listed in: the request's life (CATALOG §2.3). */
const STATUS_ORDER: RequestStatus[] = ['REGISTERED', 'IN_PROCESSING', 'AWAITING_PAYMENT', 'RESULT_READY', 'ISSUED', 'REFUSED', 'REJECTED', 'EXPIRED', 'CANCELLED']

interface Counter { count: number; open: number; overdue: number }
const counter = (): Counter => ({ count: 0, open: 0, overdue: 0 })

export class SupervisionSummaryService {
  constructor(
    private readonly store: GatewayStore,
    private readonly clock: Clock,
  ) {}

  async summary(): Promise<SupervisionSummary> {
    const now = this.clock.now()
    const lines = await this.store.supervisionCounts(now)
    const total = counter()
    const byStatus = new Map<RequestStatus, number>()
    const byDept = new Map<string, Counter>()
    const byTson = new Map<string, Counter>()
    let unknownTerm = 0
    for (const l of lines) {
      const open = isSettled(l.status) ? 0 : l.count
      unknownTerm += l.unknownTerm
      byStatus.set(l.status, (byStatus.get(l.status) ?? 0) + l.count)
      const dept = byDept.get(l.departmentId) ?? counter()
      byDept.set(l.departmentId, dept)
      // '' stands for walk-in requests at the provider (no ЦОН); it becomes an absent tsonId on the wire.
      const tson = byTson.get(l.tsonId ?? '') ?? counter()
      byTson.set(l.tsonId ?? '', tson)
      for (const c of [total, dept, tson]) {
        c.count += l.count
        c.open += open
        c.overdue += l.overdue
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
