/** HTTP status of every coded gateway answer; anything unknown is 400 for ArmErrors and 500 only for real bugs. */
import { ArmError, isErrorCode, type ErrorCode } from '../../src-shared/errors'

const STATUS: Partial<Record<ErrorCode, number>> = {
  GW_UNAUTHENTICATED: 401,
  GW_BAD_CREDENTIALS: 401,
  GW_CHALLENGE_INVALID: 401,
  GW_CERT_NOT_AUTH: 401,
  GW_NO_ACCOUNT_FOR_CERT: 401,
  GW_ACCOUNT_LOCKED: 423,
  GW_FORBIDDEN: 403,
  GW_SIGNER_MISMATCH: 403,
  GW_NOT_FOUND: 404,
  NOT_FOUND: 404,
  REGISTRY_PERSON_NOT_FOUND: 404,
  REGISTRY_ENTITY_NOT_FOUND: 404,
  REGISTRY_POA_NOT_FOUND: 404,
  REGISTRY_CIVIL_ACT_NOT_FOUND: 404,
  REGISTRY_REAL_ESTATE_NOT_FOUND: 404,
  REGISTRY_LAND_PLOT_NOT_FOUND: 404,
  REGISTRY_ARCHIVE_NOT_FOUND: 404,
  GW_METHOD_NOT_ALLOWED: 405,
  GW_IDEMPOTENCY_CONFLICT: 409,
  GW_INVALID_TRANSITION: 409,
  GW_ALREADY_TAKEN: 409,
  GW_RESULT_NOT_READY: 409,
  GW_PAYLOAD_TOO_LARGE: 413,
  GW_UNSUPPORTED_MEDIA_TYPE: 415,
  GW_HASH_MISMATCH: 422,
  GW_ATTACHMENT_MISSING: 422,
  GW_ENVELOPE_INVALID: 422,
  GW_FORM_INVALID: 422,
  GW_SERVICE_UNKNOWN: 422,
  GW_SIGNATURE_MISSING: 422,
  GW_SIGNATURE_INVALID: 422,
  GW_CERT_UNTRUSTED: 422,
  GW_CERT_REVOKED: 422,
  GW_CERT_EXPIRED: 422,
  GW_TEST_KEY_NOT_ALLOWED: 422,
  REGISTRY_POA_INVALID: 422,
  GW_RATE_LIMITED: 429,
  GW_UNAVAILABLE: 503,
  // Revocation could not be established: a temporary condition, so the outbox retries instead of giving up.
  GW_REVOCATION_UNKNOWN: 503,
  INTERNAL: 500,
}

export function httpStatusOf(code: string): number {
  return (isErrorCode(code) && STATUS[code]) || 400
}

export function statusOfError(err: ArmError): number {
  return httpStatusOf(err.code)
}
