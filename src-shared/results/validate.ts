/**
 * Checks of a decision document against the catalogue: the same checks at the gateway (every decision), in the
 * decision form (before signing) and before printing. Each failure is a coded, translated error (errors/results.ts).
 */
import type { ServiceCatalog } from '../catalog'
import type { ServiceDefinition } from '../catalog/types'
import { canonicalJsonBytes, dropUndefined } from '../envelope/canonical-json'
import { ArmError, type ErrorCode } from '../errors'
import { kzParts, type Moment } from '../format'
import type { ResultField } from './fields'
import { DecisionDocument, type ResultValue } from './schema'
import { findTemplate, type ResultTemplate } from './templates'

export interface ValueIssue {
  /** Field id, `field[row].column` for list cells. */
  path: string
  code: Extract<ErrorCode, 'RESULT_FIELD_MISSING' | 'RESULT_FIELD_INVALID'>
}

const isEmpty = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '')
const isLocalized = (v: unknown): v is { kk: string; ru: string; en: string } => !!v && typeof v === 'object' && !Array.isArray(v) && 'ru' in v

function checkScalar(f: ResultField, v: unknown): boolean {
  switch (f.kind) {
    case 'date':
      return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v))
    case 'number':
    case 'money':
      return typeof v === 'number' && Number.isFinite(v)
    case 'year':
      return typeof v === 'number' && Number.isInteger(v) && v >= 1800 && v <= 2200
    case 'iin':
    case 'bin':
      return typeof v === 'string' && /^\d{12}$/.test(v)
    case 'select':
      return typeof v === 'string' && (!f.options || f.options.some((o) => o.value === v))
    case 'checkbox':
      return typeof v === 'boolean'
    case 'list':
      return Array.isArray(v)
    default:
      return typeof v === 'string' || typeof v === 'number' || isLocalized(v)
  }
}

/** The Kazakhstan calendar day of a moment as yyyy-MM-dd (what a date field is compared with). */
function kzDay(at: Moment): string {
  const p = kzParts(at)
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`
}

/** The field's own limits beyond its kind (the same ones intake's fieldSchema applies in the decision form). */
function withinLimits(f: ResultField, v: unknown, decidedOn: string | undefined): boolean {
  if (f.pattern && typeof v === 'string' && !new RegExp(f.pattern).test(v.trim())) return false
  if (f.notInFuture && decidedOn && typeof v === 'string' && v > decidedOn) return false
  return true
}

/**
 * Every non-system field of the template: present (unless optional), of its kind and within its limits.
 * `decidedAt`: the document's moment — a `notInFuture` date may not be after its Kazakhstan day.
 */
export function checkValues(t: ResultTemplate, values: Record<string, ResultValue>, decidedAt?: Moment): ValueIssue[] {
  const decidedOn = decidedAt === undefined ? undefined : kzDay(decidedAt)
  const issues: ValueIssue[] = []
  for (const f of t.fields) {
    if (f.source === 'system') continue
    const v = values[f.id]
    if (isEmpty(v)) {
      if (!f.optional) issues.push({ path: f.id, code: 'RESULT_FIELD_MISSING' })
      continue
    }
    if (!checkScalar(f, v) || !withinLimits(f, v, decidedOn)) {
      issues.push({ path: f.id, code: 'RESULT_FIELD_INVALID' })
      continue
    }
    if (f.kind === 'list' && Array.isArray(v) && f.item) {
      v.forEach((row, i) => {
        for (const c of f.item ?? []) {
          const cell = (row as Record<string, unknown>)[c.id]
          // A registry row may lack a column (printed as «—»); what is there must be of its kind.
          if (!isEmpty(cell) && !checkScalar(c, cell)) issues.push({ path: `${f.id}[${i}].${c.id}`, code: 'RESULT_FIELD_INVALID' })
        }
      })
    }
  }
  return issues
}

/** Parses the signed bytes (UTF-8 canonical JSON) into a document, or RESULT_DOCUMENT_INVALID. */
export function parseDecisionBytes(bytes: Uint8Array): DecisionDocument {
  let raw: unknown
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
  } catch {
    throw new ArmError('RESULT_DOCUMENT_INVALID', 'the decision document is not UTF-8 JSON')
  }
  const parsed = DecisionDocument.safeParse(raw)
  if (!parsed.success) throw new ArmError('RESULT_DOCUMENT_INVALID', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ').slice(0, 500))
  return parsed.data
}

/** The bytes a document is signed as: canonical JSON, UTF-8 (the same function the envelope uses). */
export function decisionBytes(doc: DecisionDocument): Uint8Array {
  return canonicalJsonBytes(dropUndefined(doc))
}

/** True when the raw JSON claims the one schema (older clients sent a free-form document without `schema`). */
export function isDecisionDocument(raw: unknown): boolean {
  return !!raw && typeof raw === 'object' && 'schema' in raw
}

/**
 * The document fits the catalogue: known service, the template belongs to it and is of the document's kind, every
 * field is there and of its kind, a refusal cites one of the service's grounds and says why in words.
 * `opts.sample`: the values are the catalogue's sample data (a missing one is RESULT_SAMPLE_MISSING);
 * `opts.values: false`: skip the field checks (legacy documents, printed leniently).
 * `opts.reasonInBothLanguages`: a refusal must give its reason in Kazakh as well (every new decision at the gateway).
 */
export function checkDecision(doc: DecisionDocument, catalog: Pick<ServiceCatalog, 'find'>, opts: { sample?: boolean; values?: boolean; reasonInBothLanguages?: boolean } = {}): { service: ServiceDefinition; template: ResultTemplate } {
  const service = catalog.find(doc.serviceId)
  if (!service) throw new ArmError('RESULT_SERVICE_UNKNOWN', `unknown service ${doc.serviceId}`, { serviceId: doc.serviceId })
  const template = findTemplate(service, doc.templateId)
  if (template.kind !== doc.kind) throw new ArmError('RESULT_TEMPLATE_UNKNOWN', `${doc.templateId} is a ${template.kind} template, not ${doc.kind}`, { templateId: doc.templateId })
  if (doc.kind === 'refusal') {
    const r = doc.refusal
    if (!r || r.text.trim() === '') throw new ArmError('RESULT_REFUSAL_REASON_MISSING')
    // A new refusal states its reason in the state language and in Russian (each letter prints its own); a Kazakh
    // reason, when there is one, is never blank. Refusals signed before are read as signed (opts off).
    if ((opts.reasonInBothLanguages || r.kk !== undefined) && !r.kk?.trim()) throw new ArmError('RESULT_REFUSAL_REASON_KK_MISSING')
    if (!service.refusal.grounds.some((g) => g.code === r.code) || (template.grounds && !template.grounds.includes(r.code))) throw new ArmError('RESULT_REFUSAL_GROUND_UNKNOWN', `${r.code} is not a ground of ${service.id}`, { code: r.code })
  }
  const issues = opts.values === false ? [] : checkValues(template, doc.values, doc.decidedAt)
  if (issues.length) {
    const first = issues[0]
    const code = opts.sample && first.code === 'RESULT_FIELD_MISSING' ? 'RESULT_SAMPLE_MISSING' : first.code
    throw new ArmError(code, `${service.id}/${template.id}: ${issues.map((i) => `${i.path} ${i.code}`).join(', ')}`, { fields: issues.map((i) => i.path) })
  }
  return { service, template }
}
