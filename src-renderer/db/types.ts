/**
 * Record shapes of the workstation's local database (IndexedDB through Dexie). Everything an operator accepted lives
 * here until the gateway has it: the request, its scans, the outbox item that delivers it, and what came back.
 */

/** A request's life on this desk. `signed→queued` happens in the same transaction that creates its OutboxItem. */
export type RequestState =
  | 'draft'
  | 'signed'
  | 'queued'
  | 'registered'
  | 'rejected'
  | 'cancelled'

export interface DraftRecord {
  id: string
  serviceId: string
  form: Record<string, unknown>
  createdAt: number
  updatedAt: number
  /** The person who started the draft (session user id); absent on drafts from before v5. */
  ownerId?: string
}

export interface RequestRecord {
  id: string
  serviceId: string
  state: RequestState
  /** envelopeId of the canonical envelope that was signed. */
  envelopeId?: string
  /** Canonical envelope bytes exactly as signed (what the gateway verifies). */
  envelope?: Uint8Array
  /** base64 detached CMS over `envelope`. */
  signature?: string
  /** sha256 (hex) of every attached document, in envelope order. */
  documentHashes: string[]
  /** Assigned by the gateway on acceptance. */
  registrationNumber?: string
  gatewayRequestId?: string
  /** Latest provider-side status seen from the gateway (e.g. registered, in_progress, result, refused). */
  gatewayStatus?: string
  gatewayStatusAt?: number
  /** Masked for lists and logs (e.g. 8307•••••867); the full ИИН lives only inside the signed envelope. */
  applicantMasked?: string
  createdAt: number
  updatedAt: number
}

/** A scanned document, stored once per content hash. Bytes rather than Blob so Node tests and Chromium store the same. */
export interface DocumentRecord {
  sha256: string
  requestId: string
  mediaType: 'application/pdf' | 'image/jpeg' | 'image/png' | 'image/tiff'
  size: number
  bytes: Uint8Array
  createdAt: number
}

/**
 * pending → in_flight → sent; in_flight → pending (transient failure, backoff) | rejected (gateway refused: 4xx) |
 * dead (attempt or age limit). The operator can retry rejected/dead items or cancel them with a reason (cancelled).
 */
export type OutboxState = 'pending' | 'in_flight' | 'sent' | 'rejected' | 'dead' | 'cancelled'

export interface OutboxError {
  code: string
  httpStatus?: number
  message?: string
  at: number
}

/** One attempt (or operator action) in an item's history, shown to the operator. */
export interface OutboxHistoryEntry {
  at: number
  kind: 'enqueued' | 'attempt' | 'sent' | 'retry_scheduled' | 'rejected' | 'dead' | 'interrupted' | 'operator_retry' | 'cancelled' | 'reauth'
  attempt?: number
  code?: string
  httpStatus?: number
  message?: string
  delayMs?: number
}

export interface OutboxItem {
  id: string
  /** Stable across retries, crashes and restarts: the gateway dedupes on it. */
  idempotencyKey: string
  /** Items with the same ordering key (the request id) are delivered strictly one after another. */
  orderingKey: string
  state: OutboxState
  attempts: number
  /** When the item is due. While in_flight it holds the lease expiry, so one index finds both due and abandoned items. */
  nextAttemptAt: number
  createdAt: number
  /** Start of the current age window (createdAt, or the operator's last retry). */
  windowStartedAt?: number
  updatedAt: number
  lastError?: OutboxError
  /** While in_flight: the sender that holds it and until when. An expired lease means that sender died mid-send. */
  leaseOwner?: string
  leaseUntil?: number
  /** Upload progress of the current attempt, bytes. */
  progress?: { sent: number; total: number }
  cancelReason?: string
  history: OutboxHistoryEntry[]
  /** The person (user id) who signed and queued it: their queue view, and their token sends it. */
  ownerId?: string
}

export interface StatusRecord {
  id?: number
  requestId: string
  registrationNumber: string
  status: string
  at: number
  source: 'submit' | 'stream' | 'poll' | 'manual'
  /** The gateway's change sequence number (absent for the submit answer). */
  seq?: number
  note?: string
}

export interface MetaRecord {
  key: string
  value: unknown
}

export interface AuditRecord {
  id?: number
  at: number
  action: string
  requestId?: string
  outboxId?: string
  detail?: Record<string, unknown>
}
