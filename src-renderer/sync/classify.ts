/**
 * What to do with a failed send. Network failures, 5xx and 429 are transient (retry with backoff); 401 means the
 * session must be renewed; any other 4xx is the gateway refusing this one item (rejected, shown to the operator,
 * never blocking others). PowerSync's rule: throwing on a 4xx would block the queue forever.
 */
export type SendOutcome =
  | { kind: 'ok' }
  | { kind: 'retry'; code: string; httpStatus?: number; message?: string; retryAfterMs?: number; network?: boolean }
  | { kind: 'reauth'; code: string; httpStatus: number; message?: string }
  | { kind: 'reject'; code: string; httpStatus: number; message?: string }

export interface GatewayErrorBody {
  code?: string
  message?: string
}

export function classifyHttp(status: number, body: GatewayErrorBody | undefined, retryAfterMs: number | undefined): SendOutcome {
  if (status >= 200 && status < 300) return { kind: 'ok' }
  const message = body?.message
  if (status === 401) return { kind: 'reauth', code: body?.code ?? 'GW_UNAUTHENTICATED', httpStatus: status, message }
  if (status === 429) return { kind: 'retry', code: body?.code ?? 'OUTBOX_RATE_LIMITED', httpStatus: status, message, retryAfterMs }
  // 408 Request Timeout is transient too; everything else in 4xx is the gateway's considered refusal.
  if (status === 408) return { kind: 'retry', code: body?.code ?? 'OUTBOX_NETWORK', httpStatus: status, message, retryAfterMs }
  if (status >= 400 && status < 500) return { kind: 'reject', code: body?.code ?? `HTTP_${status}`, httpStatus: status, message }
  return { kind: 'retry', code: body?.code ?? 'OUTBOX_SERVER_ERROR', httpStatus: status, message, retryAfterMs }
}

export function networkFailure(err: unknown): SendOutcome {
  const message = err instanceof Error ? err.message : String(err)
  return { kind: 'retry', code: 'OUTBOX_NETWORK', message, network: true }
}
