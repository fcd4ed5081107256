/**
 * `arm audit-verify FILE [--request ID] [--json]` — checks an audit trail exported from the gateway
 * (GET /api/v1/audit/export, JSON Lines): every entry's hash over its fields and the previous entry's hash, from the
 * anchor in the header to the announced head. Needs nothing but the file. Exit 0 only when the chain holds.
 */
import { verifyAuditExport, type AuditEntry } from '../../../src-shared/audit'
import { formatDateTime } from '../../../src-shared/format'
import { parseCommand, readInput, type CliIo, type CommandSpec } from '../io'

export const AUDIT_VERIFY_SPEC: CommandSpec = {
  usage: 'Usage: arm audit-verify FILE.jsonl [--request REQUEST_ID|REGISTRATION_NUMBER] [--json]   (exit 0 only when the chain holds)\n',
  options: { request: { type: 'string' }, json: { type: 'boolean' } },
  positionals: [1, 1],
}

export async function auditVerifyCommand(args: string[], io: CliIo): Promise<number> {
  const a = parseCommand(args, AUDIT_VERIFY_SPEC)
  const text = new TextDecoder().decode(readInput(a.positional[0]))
  const verdict = verifyAuditExport(text)
  const requestId = a.get('request')
  // The entries of one request (and of its actors' sign-ins) once the whole chain is known to hold.
  const trail = verdict.ok && requestId ? requestTrail(text, requestId) : []
  if (a.has('json')) {
    io.stdout(JSON.stringify({ ...verdict, ...(requestId ? { request: requestId, trail } : {}) }, null, 2) + '\n')
  } else if (verdict.ok) {
    io.stdout(`PASSED: ${verdict.count} entries from #${verdict.fromSeq}, chain intact; head ${verdict.head}\n`)
    for (const e of trail) io.stdout(`  #${e.seq} ${formatDateTime(e.at)} ${e.action} ${e.actorRole} ${e.actorId}${e.desk ? ` desk ${e.desk}` : ''}${e.requestId ? ` request ${e.requestId}` : ''}\n`)
  } else {
    io.stderr(`FAILED: the chain breaks at entry #${verdict.brokenAt}: ${verdict.reason}\n`)
  }
  return verdict.ok ? 0 : 1
}

/** The request's entries (by id or registration number) plus the sign-ins and sign-outs of the people who acted on it. */
function requestTrail(text: string, request: string): AuditEntry[] {
  const entries = text.split('\n').slice(1).filter((l) => l.trim()).map((l) => JSON.parse(l) as AuditEntry)
  const regNoOf = (e: AuditEntry) => (JSON.parse(e.detail) as { registrationNumber?: unknown }).registrationNumber
  const ids = new Set(entries.filter((e) => e.requestId && (e.requestId === request || regNoOf(e) === request)).map((e) => e.requestId))
  const actors = new Set(entries.filter((e) => ids.has(e.requestId)).map((e) => e.actorId))
  return entries.filter((e) => ids.has(e.requestId) || (actors.has(e.actorId) && e.action.startsWith('auth.')))
}
