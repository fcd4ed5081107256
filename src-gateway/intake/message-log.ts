/**
 * The append-only message log: every accepted message (envelope, decision, automated answer) gets an entry whose hash
 * covers the previous entry's hash, so any rewrite of history breaks the chain (verifyChain finds where).
 */
import { createHash } from 'node:crypto'
import type { GatewayStore, MessageLogEntry, StoreTx } from '../store/types'

export const GENESIS_HASH = '0'.repeat(64)

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
    const last = await tx.lastLogEntry()
    const base = { seq: (last?.seq ?? 0) + 1, at, kind, requestId, digest, prevHash: last?.hash ?? GENESIS_HASH }
    const entry = { ...base, hash: entryHash(base) }
    await tx.appendLog(entry)
    return entry
  }

  /** Walks the whole chain; returns the first broken seq, if any. */
  async verifyChain(): Promise<{ ok: true; length: number } | { ok: false; brokenAt: number }> {
    let prev = GENESIS_HASH
    let from = 1
    let length = 0
    for (;;) {
      const batch = await this.store.logEntries(from, 1000)
      for (const e of batch) {
        if (e.prevHash !== prev || entryHash(e) !== e.hash || e.seq !== length + 1) return { ok: false, brokenAt: e.seq }
        prev = e.hash
        length++
      }
      if (batch.length < 1000) return { ok: true, length }
      from = batch[batch.length - 1].seq + 1
    }
  }
}
