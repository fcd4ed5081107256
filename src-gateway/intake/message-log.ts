/**
 * The append-only message log: every accepted message (envelope, decision, automated answer) gets an entry whose hash
 * covers the previous entry's hash, so any rewrite of history breaks the chain (verifyChain finds where).
 */
import { createHash } from 'node:crypto'
import { chainStart, nextLink, walkChain } from '../../src-shared/audit'
import type { GatewayStore, MessageLogEntry, StoreTx } from '../store/types'

export { GENESIS_HASH } from '../../src-shared/audit'

export function entryHash(e: Omit<MessageLogEntry, 'hash'>): string {
  return createHash('sha256').update(`${e.prevHash}|${e.seq}|${e.at}|${e.kind}|${e.requestId}|${e.digest}`).digest('hex')
}

export function digestOf(...parts: Uint8Array[]): string {
  const h = createHash('sha256')
  for (const p of parts) h.update(createHash('sha256').update(p).digest())
  return h.digest('hex')
}

export class MessageLog {
  constructor(private readonly store: GatewayStore) {}

  /** Appends inside `tx`, the store transaction that commits the message. */
  async append(tx: StoreTx, kind: string, requestId: string, digest: string, at: number): Promise<MessageLogEntry> {
    const base = { ...nextLink(await tx.lastLogEntry()), at, kind, requestId, digest }
    const entry = { ...base, hash: entryHash(base) }
    await tx.appendLog(entry)
    return entry
  }

  /** Walks the whole chain; returns the first broken seq, if any. */
  async verifyChain(): Promise<{ ok: true; length: number } | { ok: false; brokenAt: number }> {
    const cursor = chainStart()
    for (;;) {
      const batch = await this.store.logEntries(cursor.nextSeq, 1000)
      const broken = walkChain(cursor, batch, entryHash)
      if (broken !== null) return { ok: false, brokenAt: broken }
      if (batch.length < 1000) return { ok: true, length: cursor.length }
    }
  }
}
