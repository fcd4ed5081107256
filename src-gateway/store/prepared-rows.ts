/** Row ↔ record of prepared_decisions (the authorised signer's queue), shared by the SQLite and PostgreSQL stores. */
import type { PreparedDecisionRecord } from './types'

type Row = Record<string, unknown>

/** The upsert of both stores; `p(i)` writes the i-th (0-based) placeholder. A decision prepared again replaces the row. */
export const PREPARED_UPSERT = (p: (i: number) => string) => `INSERT INTO prepared_decisions (request_id, kind, payload, prepared_by_id, prepared_by_name, prepared_at)
  VALUES (${[0, 1, 2, 3, 4, 5].map(p).join(', ')})
  ON CONFLICT (request_id) DO UPDATE SET kind = excluded.kind, payload = excluded.payload, prepared_by_id = excluded.prepared_by_id,
  prepared_by_name = excluded.prepared_by_name, prepared_at = excluded.prepared_at`

export const preparedArgs = (d: PreparedDecisionRecord) => [d.requestId, d.kind, Buffer.from(d.payload), d.preparedById, d.preparedByName, d.preparedAt]

export function toPreparedDecision(r: Row): PreparedDecisionRecord {
  return {
    requestId: r.request_id as string, kind: r.kind as PreparedDecisionRecord['kind'], payload: new Uint8Array(r.payload as Buffer),
    preparedById: r.prepared_by_id as string, preparedByName: r.prepared_by_name as string, preparedAt: Number(r.prepared_at),
  }
}
