import { catalog, REQUEST_STATUS_LABELS, statusLabel, type RequestStatusCode } from '../../../src-shared/catalog'
import { errorText, isErrorCode, type Lang } from '../../../src-shared/errors'
import { maskIdentifier } from '../../../src-shared/identity'
import type { OutboxError, RequestRecord } from '../../db/types'

/** What a queue row says about its request: enough for a ЦОН operator to recognise it without opening it. */
export interface RequestSummary {
  serviceName: string
  /** Masked ИИН/БИН (8307******67); never the full number. */
  applicantMasked?: string
  applicantName?: string
  /** When the envelope was signed (its createdAt), ms. */
  signedAt?: number
  registrationNumber?: string
  /** The gateway's status code as stored on the request (the same field intake's list reads). */
  gatewayStatus?: string
  /** That status in the UI language (statusLabel), or the raw code if the catalogue does not know it. */
  gatewayStatusLabel?: string
}

interface EnvelopeFacts {
  name?: string
  applicantId?: string
  signedAt?: number
}

/**
 * Envelopes are immutable once signed, so what we read from one is cached by envelopeId: scrolling back over rows
 * (or a live-query re-run after a status change) does not parse the same bytes again. Bounded so 10,000 rows do not
 * keep 10,000 entries.
 */
const envelopeCache = new Map<string, EnvelopeFacts>()
const CACHE_LIMIT = 500

/**
 * The applicant's name and identifier and the signing time, read from the signed envelope bytes. A plain JSON read
 * (no canonical re-check): this is for display only; the gateway verifies the signature over the same bytes.
 */
function envelopeFacts(request: RequestRecord): EnvelopeFacts {
  if (!request.envelope || !request.envelopeId) return {}
  const hit = envelopeCache.get(request.envelopeId)
  if (hit) return hit
  let facts: EnvelopeFacts = {}
  try {
    const env = JSON.parse(new TextDecoder().decode(request.envelope)) as {
      createdAt?: string
      applicant?: { iin?: string; bin?: string }
      form?: Record<string, unknown>
    }
    const form = env.form ?? {}
    const name = [form.applicantFullName, form.entityName, form.applicantFio].find((v) => typeof v === 'string' && v.trim())
    const signedAt = env.createdAt ? Date.parse(env.createdAt) : NaN
    facts = {
      name: typeof name === 'string' ? name.trim() : undefined,
      applicantId: env.applicant?.iin ?? env.applicant?.bin,
      signedAt: Number.isFinite(signedAt) ? signedAt : undefined,
    }
  } catch {
    // Unreadable bytes: the row still shows what the request record itself holds.
  }
  if (envelopeCache.size >= CACHE_LIMIT) envelopeCache.delete(envelopeCache.keys().next().value as string)
  envelopeCache.set(request.envelopeId, facts)
  return facts
}

export function isRequestStatus(s: string | undefined): s is RequestStatusCode {
  return s !== undefined && Object.prototype.hasOwnProperty.call(REQUEST_STATUS_LABELS, s)
}

/** The gateway status in the UI language; the registration number goes into REGISTERED's label when known. */
export function gatewayStatusText(status: string | undefined, lang: Lang, regNo?: string): string | undefined {
  if (!status) return undefined
  if (!isRequestStatus(status)) return status
  const text = statusLabel(status, lang, status === 'REGISTERED' ? regNo : undefined)
  // kk REGISTERED is «№ {regNo} тіркелді»: without the number it would start in lower case.
  return text.charAt(0).toLocaleUpperCase(lang) + text.slice(1)
}

export function serviceName(serviceId: string, lang: Lang): string {
  return catalog.find(serviceId)?.name[lang] ?? serviceId
}

export function summariseRequest(request: RequestRecord | undefined, lang: Lang): RequestSummary | undefined {
  if (!request) return undefined
  const env = envelopeFacts(request)
  return {
    serviceName: serviceName(request.serviceId, lang),
    applicantMasked: request.applicantMasked ?? (env.applicantId ? maskIdentifier(env.applicantId) : undefined),
    applicantName: env.name,
    signedAt: env.signedAt ?? (request.envelope ? request.createdAt : undefined),
    registrationNumber: request.registrationNumber,
    gatewayStatus: request.gatewayStatus,
    // Without the number: the row and the detail show the registration number on its own already.
    gatewayStatusLabel: gatewayStatusText(request.gatewayStatus, lang),
  }
}

/** The last error in the UI language: the shared table's text (it already says what to do), else a coded fallback. */
export function errorMessage(err: OutboxError, lang: Lang, unknownText: string): string {
  return isErrorCode(err.code) ? errorText(err.code, lang) : `${unknownText} (${err.code}${err.httpStatus ? `, HTTP ${err.httpStatus}` : ''})`
}
