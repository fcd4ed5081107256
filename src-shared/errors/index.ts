import { z } from 'zod'
import { adminErrors } from './admin'
import { bridgeErrors } from './bridge'
import { catalogErrors } from './catalog'
import { commonErrors } from './common'
import { counterErrors } from './counter'
import { cryptoErrors } from './crypto'
import { devicesErrors } from './devices'
import { gatewayErrors } from './gateway'
import { intakeErrors } from './intake'
import { outboxErrors } from './outbox'
import { paymentsErrors } from './payments'
import { providerErrors } from './provider'
import { resultsErrors } from './results'
import { signerErrors } from './signer'
import { termErrors } from './term'
import { verifyErrors } from './verify'
import type { ErrorText, Lang } from './types'

export { LANGS, defineErrors } from './types'
export type { ErrorText, Lang } from './types'

/**
 * Every code a user can meet, from every domain. Each domain declares its codes in its own file
 * (errors/<domain>.ts) and is merged here; the renderer, the CLI and the gateway translate from this one table.
 */
export const ERRORS = {
  ...commonErrors,
  ...bridgeErrors,
  ...cryptoErrors,
  ...gatewayErrors,
  ...catalogErrors,
  ...outboxErrors,
  ...intakeErrors,
  ...devicesErrors,
  ...resultsErrors,
  ...adminErrors,
  ...paymentsErrors,
  ...providerErrors,
  ...counterErrors,
  ...verifyErrors,
  ...termErrors,
  ...signerErrors,
} as const satisfies Record<string, ErrorText>

export type ErrorCode = keyof typeof ERRORS

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERRORS, value)
}

/** The text of a code in a language; unknown codes fall back to INTERNAL so the user always sees a sentence. */
export function errorText(code: string, lang: Lang): string {
  return isErrorCode(code) ? ERRORS[code][lang] : ERRORS.INTERNAL[lang]
}

/** A failure that carries a code across the bridge, the host and the gateway. `details` must never hold secrets. */
export class ArmError extends Error {
  readonly code: ErrorCode
  readonly details?: Record<string, unknown>
  constructor(code: ErrorCode, message?: string, details?: Record<string, unknown>) {
    super(message ?? code)
    this.name = 'ArmError'
    this.code = code
    this.details = details
  }
  toPayload(): ArmErrorPayload {
    return { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) }
  }
}

/** The wire form of an error (bridge responses and gateway 4xx/5xx bodies). */
export const ArmErrorPayload = z.object({
  code: z.string(),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
})
export type ArmErrorPayload = z.infer<typeof ArmErrorPayload>

export function toArmError(err: unknown): ArmError {
  if (err instanceof ArmError) return err
  return new ArmError('INTERNAL', err instanceof Error ? err.message : String(err))
}
