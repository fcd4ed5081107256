/**
 * The specialist's decision as data: every result and refusal template of the service (src-shared/results), the draft
 * the form edits, its check — intake's own per-kind rules (src-shared/catalog fieldSchema) plus the gateway's document
 * check — and the DecisionDocument (`arm.decision/1`) the specialist signs. Pure: no DOM, no React.
 */
import { fieldSchema, isEmptyValue, type FieldDef, type RefusalCode, type RefusalGround, type ServiceDefinition } from '@shared/catalog'
import type { ErrorCode } from '@shared/errors'
import { checkDecision, DECISION_SCHEMA_ID, formFields, serviceTemplates, type DecisionDocument, type ResultField, type ResultTemplate, type ResultValue } from '@shared/results'

const isLocalized = (v: unknown): v is { kk: string; ru: string; en: string } => !!v && typeof v === 'object' && !Array.isArray(v) && typeof (v as { ru?: unknown }).ru === 'string'

export const REASON_MIN = 10
export const REASON_MAX = 4000

/** The templates a specialist may issue: every result subtype and every refusal form of the service. */
export function decisionTemplates(service: ServiceDefinition): ResultTemplate[] {
  return serviceTemplates(service).filter((t) => t.kind === 'result' || t.kind === 'refusal')
}

/** Grounds a refusal template may cite: the "refused" stage (M1–M3 happen at intake), narrowed to the form's own. */
export function refusalGrounds(service: ServiceDefinition, template?: ResultTemplate): RefusalGround[] {
  const all = service.refusal.grounds
  const refused = all.filter((g) => g.stage === 'refused')
  const pool = refused.length ? refused : all
  return template?.grounds ? all.filter((g) => template.grounds?.includes(g.code)) : pool
}

export interface DecisionDraft {
  templateId: string
  /** Field id → the value as the controls hold it (text typed, ISO date, rows). */
  values: Record<string, unknown>
  reasonCode: RefusalCode | ''
  /** The reason in Russian (`refusal.text`). */
  reasonText: string
  /** The reason in Kazakh (`refusal.kk`): the Kazakh letter prints it. */
  reasonTextKk?: string
}

export interface DecisionIssue {
  /** Field id, `reasonCode`, `reasonTextKk`, `reasonText`, or `field[row].column`. */
  field: string
  code: ErrorCode
}

/** The field as intake's catalogue knows it, so the same per-kind rules check it (one definition per field kind). */
export function asFieldDef(f: ResultField): FieldDef {
  const base = { id: f.id, label: f.label, required: !f.optional, section: 'service' as const }
  switch (f.kind) {
    case 'text':
    case 'address':
      return { ...base, kind: f.kind, maxLength: 2000, ...(f.pattern ? { pattern: f.pattern } : {}) }
    case 'textarea':
      return { ...base, kind: 'textarea', maxLength: 8000 }
    case 'year':
      return { ...base, kind: 'year', min: 1800, max: 2200 }
    case 'number':
    case 'money':
      return { ...base, kind: f.kind, min: 0, max: 1e12, integer: false }
    case 'select':
      return { ...base, kind: 'select', options: f.options ?? [] }
    case 'list':
      return { ...base, kind: 'list', minItems: 0, maxItems: 500, item: (f.item ?? []).map((c) => ({ ...asFieldDef(c), required: false })) as Exclude<FieldDef, { kind: 'list' }>[] }
    case 'date':
      return { ...base, kind: 'date', ...(f.notInFuture ? { notInFuture: true } : {}) }
    case 'checkbox':
      return { ...base, kind: 'checkbox' }
    case 'iin':
    case 'bin':
      return { ...base, kind: f.kind }
    default:
      return { ...base, kind: f.kind }
  }
}

/** Checks every field of the draft with intake's rules; answers the issues and the values as they will be signed. */
export function checkDraft(draft: DecisionDraft, template: ResultTemplate, service: ServiceDefinition, today: string): { issues: DecisionIssue[]; values: Record<string, ResultValue> } {
  const issues: DecisionIssue[] = []
  const values: Record<string, ResultValue> = {}
  for (const f of formFields(template)) {
    const raw = draft.values[f.id]
    if (isEmptyValue(raw) || (Array.isArray(raw) && raw.length === 0 && f.kind === 'list')) {
      if (Array.isArray(raw) && f.kind === 'list') values[f.id] = []
      else if (!f.optional) issues.push({ field: f.id, code: 'FIELD_REQUIRED' })
      continue
    }
    if (isLocalized(raw) && (f.kind === 'text' || f.kind === 'address' || f.kind === 'textarea')) {
      // A registry's answer in the three languages (a registry office's name) is signed as the registry gave it.
      values[f.id] = raw
      continue
    }
    const r = fieldSchema(asFieldDef(f), { today, channel: 'provider' }).safeParse(raw)
    if (r.success) values[f.id] = r.data as ResultValue
    else for (const i of r.error.issues) issues.push({ field: i.path.length ? `${f.id}[${String(i.path[0])}].${String(i.path[1] ?? '')}` : f.id, code: i.message as ErrorCode })
  }
  if (template.kind === 'refusal') {
    if (!draft.reasonCode) issues.push({ field: 'reasonCode', code: 'FIELD_REQUIRED' })
    else if (!refusalGrounds(service, template).some((g) => g.code === draft.reasonCode)) issues.push({ field: 'reasonCode', code: 'RESULT_REFUSAL_GROUND_UNKNOWN' })
    // The reason in both languages: the consumer may take the letter in Kazakh or in Russian, each prints its own.
    for (const [field, raw] of [['reasonTextKk', draft.reasonTextKk ?? ''], ['reasonText', draft.reasonText]] as const) {
      const text = raw.trim()
      if (!text) issues.push({ field, code: 'FIELD_REQUIRED' })
      else if (text.length < REASON_MIN) issues.push({ field, code: 'FIELD_TOO_SHORT' })
      else if (text.length > REASON_MAX) issues.push({ field, code: 'FIELD_TOO_LONG' })
    }
  }
  return { issues, values }
}

/**
 * The document the specialist signs: the one schema, naming the request, service and template, checked exactly as the
 * gateway will check it (a coded ArmError here rather than a refusal after signing).
 */
export function buildDecision(p: {
  registrationNumber: string
  service: ServiceDefinition
  template: ResultTemplate
  values: Record<string, ResultValue>
  draft: DecisionDraft
  applicant: DecisionDocument['applicant']
  signer: DecisionDocument['signer']
  decidedAt: Date
}): DecisionDocument {
  const doc: DecisionDocument = {
    schema: DECISION_SCHEMA_ID,
    registrationNumber: p.registrationNumber,
    serviceId: p.service.id,
    templateId: p.template.id,
    kind: p.template.kind,
    decidedAt: p.decidedAt.toISOString(),
    applicant: p.applicant,
    values: p.values,
    ...(p.template.kind === 'refusal' && p.draft.reasonCode ? { refusal: { code: p.draft.reasonCode, text: p.draft.reasonText.trim(), kk: (p.draft.reasonTextKk ?? '').trim() } } : {}),
    signer: p.signer,
  }
  checkDecision(doc, { find: (id) => (id === p.service.id ? p.service : undefined) }, { reasonInBothLanguages: true })
  return doc
}
