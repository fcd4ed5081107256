import { INBOX_PAGE_MAX, type DecisionRequest, type PrepareDecisionRequest, type RequestStatus } from '@shared/gateway/api'
import { downloadAttachment, type Gateway } from './client'

/**
 * The provider side's calls (АРМ РШЭП: inbox, take, decision; supervision: summary, status, result) as plain methods
 * over the desk's one gateway client, so the inbox and supervisor screens depend on what they call, not on HTTP.
 */
export function providerApi(gateway: Gateway) {
  return {
    me: () => gateway.call('me'),
    // The largest page the gateway gives (open work first, nearest deadline first), until the screens page by cursor.
    inbox: (q: { status?: RequestStatus; mine?: boolean } = {}) => gateway.call('inbox', { query: { status: q.status, mine: q.mine ? '1' : undefined, limit: INBOX_PAGE_MAX } }),
    /**
     * One page of the inbox in work order; pass the answer's `next` for the following page (same filters). Pages are
     * the gateway's largest (500): the screen's quick filters (mine, unassigned, overdue) still work on what is
     * loaded, and a page that size holds a desk's open work; what lies beyond is read when the person gets there.
     */
    inboxPage: (q: { status?: RequestStatus; mine?: boolean; cursor?: string; limit?: number } = {}) =>
      gateway.call('inbox', { query: { status: q.status, mine: q.mine ? '1' : undefined, cursor: q.cursor, limit: q.limit ?? INBOX_PAGE_MAX } }),
    take: (requestId: string) => gateway.call('take', { params: { requestId } }),
    assign: (requestId: string, assigneeId: string) => gateway.call('assign', { params: { requestId }, body: { assigneeId } }),
    decide: (requestId: string, body: DecisionRequest) => gateway.call('decide', { params: { requestId }, body }),
    /** The assignee's decision, unsigned, for the department's authorised person to review and sign (issue 13.2). */
    prepareDecision: (requestId: string, body: PrepareDecisionRequest) => gateway.call('prepareDecision', { params: { requestId }, body }),
    /** Extend the term once with a reason (TERM_EXTENDED); the gateway computes the new deadline. */
    extendTerm: (requestId: string, reason: string) => gateway.call('extendTerm', { params: { requestId }, body: { reason } }),
    attachment: (sha256: string) => downloadAttachment(gateway, sha256),
    /** ГБД ФЛ about a request's applicant, recorded at the gateway with the request as the reason. */
    person: (iin: string, requestId: string) => gateway.call('person', { params: { iin }, query: { reason: requestId } }),
    status: (registrationNumber: string) => gateway.call('status', { params: { registrationNumber } }),
    result: (registrationNumber: string) => gateway.call('result', { params: { registrationNumber } }),
    supervisionSummary: () => gateway.call('supervisionSummary'),
  }
}

export type ProviderApi = ReturnType<typeof providerApi>
