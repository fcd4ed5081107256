import type { Dexie, Transaction } from 'dexie'

/**
 * The schema history of the workstation database. A version, once shipped, is never edited: a change is a new entry
 * with its own upgrade function. Tests open the database at every earlier version, fill it in that version's shape,
 * and then open it with the full history to prove every upgrade path.
 */
export interface SchemaVersion {
  version: number
  stores: Record<string, string | null>
  upgrade?: (tx: Transaction) => Promise<void>
}

export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  {
    // v1 (first release): requests, scans and a flat outbox keyed to the request.
    version: 1,
    stores: {
      drafts: 'id, updatedAt',
      requests: 'id, state, updatedAt',
      documents: 'sha256, requestId',
      outbox: 'id, &idempotencyKey, requestId, state, nextAttemptAt',
    },
  },
  {
    // v2: status tracking and the audit trail; scans stored as Uint8Array `bytes` instead of ArrayBuffer `data`
    // (same structured clone in Chromium and in Node tests, and a view we can hash without copying).
    version: 2,
    stores: {
      requests: 'id, state, registrationNumber, updatedAt',
      statuses: '++id, requestId, registrationNumber, at',
      audit: '++id, at, requestId',
    },
    upgrade: async (tx) => {
      await tx
        .table('documents')
        .toCollection()
        .modify((doc: Record<string, unknown>) => {
          if (doc.data instanceof ArrayBuffer) {
            doc.bytes = new Uint8Array(doc.data)
            doc.size = doc.bytes instanceof Uint8Array ? doc.bytes.byteLength : 0
            delete doc.data
          }
        })
    },
  },
  {
    // v3: per-request ordering key, per-item history, and compound indexes so "due now" and "needs attention" are
    // index range reads rather than scans over 100,000 items.
    version: 3,
    stores: {
      requests: 'id, state, registrationNumber, updatedAt, [state+updatedAt]',
      outbox: 'id, &idempotencyKey, orderingKey, state, [state+nextAttemptAt], [state+updatedAt]',
    },
    upgrade: async (tx) => {
      await tx
        .table('outbox')
        .toCollection()
        .modify((item: Record<string, unknown>) => {
          if (item.orderingKey === undefined) item.orderingKey = item.requestId
          delete item.requestId
          // v1 knew 'inflight' and 'failed'; an item caught in flight by the upgrade is simply retried (the gateway dedupes).
          if (item.state === 'inflight') item.state = 'pending'
          if (item.state === 'failed') item.state = 'dead'
          if (typeof item.lastError === 'string') item.lastError = { code: item.lastError, at: item.createdAt ?? 0 }
          if (!Array.isArray(item.history)) item.history = []
          if (typeof item.updatedAt !== 'number') item.updatedAt = item.createdAt ?? 0
        })
    },
  },
  {
    // v4: small key/value store for sync bookkeeping (the status stream cursor survives restarts), and statuses
    // de-duplicated by the gateway's change sequence number.
    version: 4,
    stores: {
      meta: 'key',
      statuses: '++id, requestId, registrationNumber, at, seq',
    },
  },
  {
    // v5: one desk, several people. Drafts belong to the person who started them (ownerId; earlier drafts have none
    // and stay visible to everyone), and a status change finds its request by envelope id even before the
    // registration number was stored (the gateway may announce a status before the submit's answer is written).
    version: 5,
    stores: {
      drafts: 'id, updatedAt, ownerId',
      requests: 'id, state, registrationNumber, updatedAt, [state+updatedAt], envelopeId',
    },
  },
  {
    // v6: retention. Requests handed over ([gatewayStatus+gatewayStatusAt]: the ISSUED ones older than the kept period
    // are an index range, not a scan) and which requests hold a scan (*documentHashes: a scan shared by two requests
    // stays until the last of them goes). Rows from before the status time was stored get it from updatedAt.
    version: 6,
    stores: {
      requests: 'id, state, registrationNumber, updatedAt, [state+updatedAt], envelopeId, [gatewayStatus+gatewayStatusAt], *documentHashes',
    },
    upgrade: async (tx) => {
      await tx
        .table('requests')
        .toCollection()
        .modify((r: Record<string, unknown>) => {
          if (typeof r.gatewayStatus === 'string' && typeof r.gatewayStatusAt !== 'number') r.gatewayStatusAt = r.updatedAt
          if (!Array.isArray(r.documentHashes)) r.documentHashes = []
        })
    },
  },
]

export const LATEST_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1].version

/** Declares versions 1..upTo on a Dexie instance (upTo defaults to the latest). */
export function declareVersions(db: Dexie, upTo: number = LATEST_VERSION): void {
  for (const v of SCHEMA_VERSIONS) {
    if (v.version > upTo) break
    const declared = db.version(v.version).stores(v.stores)
    if (v.upgrade) declared.upgrade(v.upgrade)
  }
}
