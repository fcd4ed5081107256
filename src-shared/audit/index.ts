/**
 * Hash chains: the gateway's message log, the gateway's audit trail and the workstation's local audit are each an
 * append-only list where an entry's hash covers the previous entry's hash, so any rewrite of history breaks the chain
 * at the first rewritten entry. The walk that checks a chain is here once, used by the gateway, by `arm audit-verify`
 * (an exported trail checked by anyone) and by the workstation. Pure: no DOM, no Node.
 */
import { sha256, toHex } from '../bytes'

export const GENESIS_HASH = '0'.repeat(64)

/** The link every chained entry carries. */
export interface ChainLink {
  seq: number
  prevHash: string
  hash: string
}

export function sha256HexOfText(text: string): string {
  return toHex(sha256(new TextEncoder().encode(text)))
}

/** Where a chain walk is: the hash the next entry must name as its previous, and the seq it must have. */
export interface ChainCursor {
  prevHash: string
  nextSeq: number
  length: number
}

export const chainStart = (anchor: { prevHash: string; seq: number } = { prevHash: GENESIS_HASH, seq: 1 }): ChainCursor => ({ prevHash: anchor.prevHash, nextSeq: anchor.seq, length: 0 })

/**
 * Checks `entries` (in seq order) against the cursor and advances it; returns the seq of the first entry that does not
 * link (wrong seq, wrong previous hash, or a hash its own fields do not give), or null when every entry links.
 */
export function walkChain<E extends ChainLink>(cursor: ChainCursor, entries: Iterable<E>, hashOf: (e: E) => string): number | null {
  for (const e of entries) {
    if (e.seq !== cursor.nextSeq || e.prevHash !== cursor.prevHash || hashOf(e) !== e.hash) return e.seq
    cursor.prevHash = e.hash
    cursor.nextSeq++
    cursor.length++
  }
  return null
}

/** The seq and previous hash the entry appended after `last` gets (the first entry: seq 1 after GENESIS_HASH). */
export function nextLink(last: ChainLink | undefined): { seq: number; prevHash: string } {
  return { seq: (last?.seq ?? 0) + 1, prevHash: last?.hash ?? GENESIS_HASH }
}

// ───────────────────────────── the audit trail ─────────────────────────────

/** What a person did. Other services add theirs here (print, hand-over, payment…): one list, one spelling. */
export const AUDIT_ACTIONS = [
  'auth.sign-in', 'auth.sign-in-failed', 'auth.sign-out',
  'citizen.lookup',
  'request.submit', 'request.open', 'request.take', 'request.assign', 'request.decide', 'request.extend-term', 'request.prepare-decision',
  'result.print', 'result.reprint', 'result.hand-over', 'payment.record',
  'admin.user-create', 'admin.user-update', 'admin.unit-put', 'admin.certificate-bind', 'admin.certificate-unbind', 'admin.faults', 'admin.log-verify', 'admin.audit-export',
] as const
export type AuditAction = (typeof AUDIT_ACTIONS)[number]

/** One audit entry: who (actor, role), when, where (desk), what (action, request), the rest as JSON text. */
export interface AuditEntry extends ChainLink {
  at: number
  actorId: string
  actorRole: string
  /** The workstation the action came from (X-Arm-Desk), when the desk says it. */
  desk: string | null
  action: string
  requestId: string | null
  /** The request's department (or else the actor's): what a supervisor's view is limited to. */
  departmentId: string | null
  /** JSON text exactly as hashed (never re-serialised). */
  detail: string
}

/** The hash of an audit entry: its fields as a JSON array (no separator ambiguity) after the previous hash. */
/** `hashText`: SHA-256 hex of a UTF-8 text; the gateway passes node:crypto's (the same digest, native, per entry). */
export function auditEntryHash(e: Omit<AuditEntry, 'hash'>, hashText: (text: string) => string = sha256HexOfText): string {
  return hashText(JSON.stringify([e.prevHash, e.seq, e.at, e.actorId, e.actorRole, e.desk, e.action, e.requestId, e.departmentId, e.detail]))
}

/** The first line of an exported trail (JSON Lines: this header, then one entry per line in seq order). */
export interface AuditExportHeader {
  format: 'arm.audit/1'
  exportedAt: number
  /** The seq of the first entry exported and the previous hash it must name (GENESIS_HASH from the beginning). */
  fromSeq: number
  anchor: string
  count: number
  /** The hash of the last entry: compare it with the gateway's head (GET /api/audit/head) to know nothing was cut. */
  head: string
}

export const AUDIT_EXPORT_FORMAT = 'arm.audit/1'

export type AuditVerdict =
  | { ok: true; count: number; fromSeq: number; head: string }
  | { ok: false; brokenAt: number; reason: string }

/** Checks an exported trail (the text of the file). */
export function verifyAuditExport(text: string): AuditVerdict {
  const lines = text.split('\n').filter((l) => l.trim() !== '')
  if (!lines.length) return { ok: false, brokenAt: 0, reason: 'empty file' }
  let header: AuditExportHeader
  try {
    header = JSON.parse(lines[0]) as AuditExportHeader
  } catch {
    return { ok: false, brokenAt: 0, reason: 'the first line is not the export header' }
  }
  if (header.format !== AUDIT_EXPORT_FORMAT) return { ok: false, brokenAt: 0, reason: `unknown format ${String(header.format)}` }
  const cursor = chainStart({ prevHash: header.anchor, seq: header.fromSeq })
  const entries: AuditEntry[] = []
  for (let i = 1; i < lines.length; i++) {
    try {
      entries.push(JSON.parse(lines[i]) as AuditEntry)
    } catch {
      return { ok: false, brokenAt: header.fromSeq + i - 1, reason: `line ${i + 1} is not JSON` }
    }
  }
  const broken = walkChain(cursor, entries, auditEntryHash)
  if (broken !== null) return { ok: false, brokenAt: broken, reason: 'the entry does not link to the one before it' }
  if (header.fromSeq === 1 && header.anchor !== GENESIS_HASH) return { ok: false, brokenAt: 1, reason: 'a trail from the beginning must start at the genesis hash' }
  if (cursor.length !== header.count) return { ok: false, brokenAt: header.fromSeq + cursor.length, reason: `the header announces ${header.count} entries, the file has ${cursor.length}` }
  if (cursor.prevHash !== header.head && cursor.length > 0) return { ok: false, brokenAt: header.fromSeq + cursor.length - 1, reason: 'the last entry is not the announced head' }
  return { ok: true, count: cursor.length, fromSeq: header.fromSeq, head: cursor.prevHash }
}
