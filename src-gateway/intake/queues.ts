/**
 * Waiting lists kept by departments (CATALOG §4.5, 002 S3 and S7): a positive decision on a preschool-queue request
 * puts the child in the department's queue, in the category the request claims (a privileged category or the general
 * one); a housing-queue registration by the housing commission puts the family in its category's list.
 * Positions are given by the store, one after the category's last, whatever the number of concurrent decisions.
 */
import type { CommissionDecision, QueueEntry, StoreTx } from '../store/types'

export const GENERAL_CATEGORY = 'general'

/** The queue and category a decided request joins, or undefined when its service keeps no queue. */
export function queueFor(serviceId: string, departmentId: string, form: Record<string, unknown>): { queue: string; category: string } | undefined {
  if (serviceId === 'akimat.preschool-queue') {
    const claimed = typeof form.privilegedCategory === 'string' && form.privilegedCategory !== 'none' ? form.privilegedCategory : GENERAL_CATEGORY
    return { queue: `preschool:${departmentId}`, category: claimed }
  }
  // 002 S7: the housing commission registers the family in the category the request names; numbers run per category.
  if (serviceId === 'akimat.housing-queue') return { queue: `housing:${departmentId}`, category: typeof form.category === 'string' && form.category ? form.category : GENERAL_CATEGORY }
  return undefined
}

/**
 * The commission decision a signed result records, where a commission decides (the housing commission, 002 S7): its
 * No. and date as the specialist entered them — required and checked against the result template before this point.
 */
export function commissionDecisionOf(serviceId: string, values: Record<string, unknown>): CommissionDecision | undefined {
  if (serviceId !== 'akimat.housing-queue') return undefined
  const { decisionNo, decisionDate } = values
  return typeof decisionNo === 'string' && typeof decisionDate === 'string' ? { number: decisionNo.trim(), date: decisionDate } : undefined
}

/** The granted request joins its queue; `values` are the signed result's (the commission decision is kept with it). */
export function joinQueue(tx: StoreTx, at: number, r: { id: string; serviceId: string; departmentId: string }, form: Record<string, unknown>, values: Record<string, unknown> = {}): Promise<QueueEntry | undefined> {
  const q = queueFor(r.serviceId, r.departmentId, form)
  const commissionDecision = commissionDecisionOf(r.serviceId, values)
  return q ? tx.enqueueInQueue({ ...q, requestId: r.id, at, ...(commissionDecision ? { commissionDecision } : {}) }) : Promise.resolve(undefined)
}
