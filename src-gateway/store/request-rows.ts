/**
 * Row ↔ record of the accounts, requests, status changes and message log, shared by the SQLite and PostgreSQL stores
 * (same columns in both; a boolean column reads 0/1 from SQLite and false/true from PostgreSQL).
 */
import type { RequestStatus } from '../../src-shared/gateway/api'
import type { MessageLogEntry, RequestRecord, StatusChangeRecord, UserRecord } from './types'

type Row = Record<string, unknown>
const u8 = (v: unknown): Uint8Array => (v == null ? new Uint8Array() : new Uint8Array(v as Buffer))
const u8n = (v: unknown): Uint8Array | null => (v == null ? null : new Uint8Array(v as Buffer))

export function toUser(r: Row | undefined): UserRecord | undefined {
  if (!r) return undefined
  return {
    id: r.id as string, login: (r.login as string) ?? null, iin: (r.iin as string) ?? null, passwordHash: r.password_hash as string,
    role: r.role as UserRecord['role'], displayName: r.display_name as string, tsonId: (r.tson_id as string) ?? null,
    departmentId: (r.department_id as string) ?? null, failedCount: r.failed_count as number,
    lockedUntil: (r.locked_until as number) ?? null, testOnly: !!r.test_only, disabled: !!r.disabled,
  }
}

export function toRequest(r: Row | undefined): RequestRecord | undefined {
  if (!r) return undefined
  return {
    id: r.id as string, registrationNumber: r.registration_number as string, envelopeId: r.envelope_id as string,
    serviceId: r.service_id as string, tsonId: (r.tson_id as string) ?? null, departmentId: r.department_id as string,
    operatorUserId: r.operator_user_id as string, status: r.status as RequestStatus, receivedAt: r.received_at as number,
    envelope: u8(r.envelope), signature: u8(r.signature), assigneeId: (r.assignee_id as string) ?? null,
    resultKind: (r.result_kind as RequestRecord['resultKind']) ?? null, resultDocument: u8n(r.result_document),
    resultSignature: u8n(r.result_signature), resultMediaType: (r.result_media_type as string) ?? null,
    resultReason: (r.result_reason as string) ?? null, resultReasonCode: (r.result_reason_code as string) ?? null,
    resultSignedBy: (r.result_signed_by as RequestRecord['resultSignedBy']) ?? null,
    resultSignerIin: (r.result_signer_iin as string) ?? null, resultSignerBin: (r.result_signer_bin as string) ?? null,
    decidedAt: (r.decided_at as number) ?? null, dueAt: (r.due_at as number) ?? null,
  }
}

export function toChange(r: Row): StatusChangeRecord {
  return {
    seq: r.seq as number, requestId: r.request_id as string, registrationNumber: r.registration_number as string,
    serviceId: r.service_id as string, envelopeId: r.envelope_id as string, tsonId: (r.tson_id as string) ?? null,
    departmentId: r.department_id as string, status: r.status as RequestStatus, at: r.at as number, note: (r.note as string) ?? null,
    actorName: (r.actor_name as string) ?? null,
  }
}

export function toLog(r: Row | undefined): MessageLogEntry | undefined {
  if (!r) return undefined
  return {
    seq: r.seq as number, at: r.at as number, kind: r.kind as string, requestId: r.request_id as string,
    digest: r.digest as string, prevHash: r.prev_hash as string, hash: r.hash as string,
  }
}

/** camelCase RequestRecord field → column. */
export const REQUEST_COLUMNS: Record<keyof RequestRecord, string> = {
  id: 'id', registrationNumber: 'registration_number', envelopeId: 'envelope_id', serviceId: 'service_id', tsonId: 'tson_id',
  departmentId: 'department_id', operatorUserId: 'operator_user_id', status: 'status', receivedAt: 'received_at',
  envelope: 'envelope', signature: 'signature', assigneeId: 'assignee_id', resultKind: 'result_kind',
  resultDocument: 'result_document', resultSignature: 'result_signature', resultMediaType: 'result_media_type',
  resultReason: 'result_reason', resultReasonCode: 'result_reason_code', resultSignedBy: 'result_signed_by',
  resultSignerIin: 'result_signer_iin', resultSignerBin: 'result_signer_bin', decidedAt: 'decided_at', dueAt: 'due_at',
}
