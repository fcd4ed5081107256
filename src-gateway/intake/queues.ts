/**
 * Waiting lists kept by departments (CATALOG §4.5, 002 S3 and S7): a positive decision on a preschool-queue request
 * puts the child in the department's queue, in the category the request claims (a privileged category or the general
 * one); a housing-queue registration by the housing commission puts the family in its category's list.
 * Positions are given by the store, one after the category's last, whatever the number of concurrent decisions.
 */
import type { QueueEntry, StoreTx } from '../store/types'

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

export function joinQueue(tx: StoreTx, at: number, r: { id: string; serviceId: string; departmentId: string }, form: Record<string, unknown>): Promise<QueueEntry | undefined> {
  const q = queueFor(r.serviceId, r.departmentId, form)
  return q ? tx.enqueueInQueue({ ...q, requestId: r.id, at }) : Promise.resolve(undefined)
}
