/**
 * Documents signed before the one schema: the specialist inbox's `{registrationNumber, serviceId, kind, decidedAt,
 * data: {text, fields} | reason, reasonCode}` and the automated responder's registry answers. They are already stored
 * and signed, so they stay printable: mapped onto the service's first template of their kind and printed leniently
 * (a value the old document lacks prints «—»). Delete once no stored result predates `arm.decision/1`.
 */
import type { ServiceDefinition } from '../catalog/types'
import { ArmError } from '../errors'
import { DECISION_SCHEMA_ID, REFUSAL_CODES, type DecisionDocument, type ResultValue } from './schema'
import { defaultTemplate } from './templates'
import { isDecisionDocument, parseDecisionBytes } from './validate'

interface Legacy {
  registrationNumber?: unknown
  serviceId?: unknown
  kind?: unknown
  decidedAt?: unknown
  reason?: unknown
  reasonCode?: unknown
  applicant?: { kind?: unknown; iin?: unknown; bin?: unknown }
  data?: { text?: unknown; fields?: Record<string, unknown>; notice?: unknown }
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined)

export function fromLegacy(raw: unknown, service: ServiceDefinition, fallback: { registrationNumber: string; decidedAt: string; signer: DecisionDocument['signer'] }): DecisionDocument | undefined {
  if (!raw || typeof raw !== 'object') return undefined
  const d = raw as Legacy
  const refusal = d.kind === 'refusal'
  const accepted = d.data?.notice === 'accepted'
  const t = defaultTemplate(service, refusal ? 'refusal' : accepted ? 'acceptance' : 'result')
  if (!t) return undefined
  const values: Record<string, ResultValue> = {}
  for (const [k, v] of Object.entries(d.data?.fields ?? {})) if (typeof v === 'string' || typeof v === 'number') values[k] = v
  const code = str(d.reasonCode)
  const ident = str(d.applicant?.iin) ?? str(d.applicant?.bin)
  return {
    schema: DECISION_SCHEMA_ID,
    registrationNumber: str(d.registrationNumber) ?? fallback.registrationNumber,
    serviceId: service.id,
    templateId: t.id,
    kind: t.kind,
    decidedAt: str(d.decidedAt) ?? fallback.decidedAt,
    applicant: { kind: d.applicant?.kind === 'entity' ? 'entity' : 'person', name: ident ?? '—' },
    values,
    ...(refusal ? { refusal: { code: (REFUSAL_CODES as readonly string[]).includes(code ?? '') ? (code as (typeof REFUSAL_CODES)[number]) : 'OTHER', text: str(d.reason) ?? '' } } : {}),
    signer: fallback.signer,
  }
}

/**
 * The document inside a result's signed bytes: the one schema, or (already stored before it) a legacy document mapped
 * onto the service's first template of its kind and printed leniently. `fallback` comes from the gateway's result
 * envelope and the verified signature (a legacy document names neither its signer nor always its number).
 */
export function readSignedDocument(
  bytes: Uint8Array,
  catalog: { find(id: string): ServiceDefinition | undefined },
  fallback: {
    registrationNumber: string
    decidedAt: string
    signer: DecisionDocument['signer'] | ((service: ServiceDefinition) => DecisionDocument['signer'])
    /** The request's service, for a legacy document that does not name its own. */
    serviceId?: string
  },
): { doc: DecisionDocument; lenient: boolean } {
  let raw: unknown
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
  } catch {
    throw new ArmError('RESULT_DOCUMENT_INVALID', 'the signed document is not JSON')
  }
  if (isDecisionDocument(raw)) return { doc: parseDecisionBytes(bytes), lenient: false }
  const named = (raw as { serviceId?: unknown } | null)?.serviceId
  const serviceId = typeof named === 'string' ? named : fallback.serviceId
  const service = serviceId ? catalog.find(serviceId) : undefined
  if (!service) throw new ArmError('RESULT_SERVICE_UNKNOWN', 'the document names no known service')
  const signer = typeof fallback.signer === 'function' ? fallback.signer(service) : fallback.signer
  const doc = fromLegacy(raw, service, { registrationNumber: fallback.registrationNumber, decidedAt: fallback.decidedAt, signer })
  if (!doc) throw new ArmError('RESULT_DOCUMENT_INVALID', 'the signed document has no printable shape')
  return { doc, lenient: true }
}
