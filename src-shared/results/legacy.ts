/**
 * Documents signed before the one schema: the specialist inbox's `{registrationNumber, serviceId, kind, decidedAt,
 * data: {text, fields} | reason, reasonCode}` and the automated responder's registry answers. They are already stored
 * and signed, so they stay printable: mapped onto the service's first template of their kind and printed leniently
 * (a value the old document lacks prints «—»). Delete once no stored result predates `arm.decision/1`.
 */
import type { ServiceDefinition } from '../catalog/types'
import { DECISION_SCHEMA_ID, REFUSAL_CODES, type DecisionDocument, type ResultValue } from './schema'
import { defaultTemplate } from './templates'

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
