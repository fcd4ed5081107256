/**
 * The specialist's decision: a result (the catalogue's result template, minimal — its text/number placeholders plus
 * the result text) or a мотивированный отказ (a refusal ground of the catalogue plus the reason in words).
 * The signed bytes are exactly what the gateway checks (src-gateway/intake/provider-service.ts decide()): canonical
 * JSON naming the registration number and the kind, so a signature cannot be replayed onto another request.
 */
import type { RefusalGround, ServiceDefinition } from '@shared/catalog'
import { canonicalJsonBytes, dropUndefined } from '@shared/envelope'
import type { ResultKind } from '@shared/gateway/api'

/** Placeholders filled by the workstation itself (dates, signer), never typed. */
const AUTO_PLACEHOLDERS = new Set(['uniqueNo', 'issueDate', 'dd', 'mm', 'yy', 'yyyy', 'month', 'noticeNo', 'fio', 'specialistFio', 'headFio', 'signingUnit', 'region'])
/** Placeholders holding a number (queue place, registration numbers of the result). */
export const isNumberPlaceholder = (p: string) => /(No|Number|Place|Count)$/.test(p)

export const REASON_MIN = 10
export const REASON_MAX = 4000
export const RESULT_TEXT_MIN = 3

export interface DecisionDraft {
  kind: ResultKind
  /** Result: the template's typed placeholders. */
  fields: Record<string, string>
  resultText: string
  /** Refusal: the catalogue ground code (M4, M5, OTHER …) and the reason in words. */
  reasonCode: string
  reasonText: string
}

export const emptyDraft = (kind: ResultKind): DecisionDraft => ({ kind, fields: {}, resultText: '', reasonCode: '', reasonText: '' })

/** The result template's fields the specialist types (minimal: text, or digits for numbers). */
export function resultFields(service: ServiceDefinition | undefined): { id: string; numeric: boolean }[] {
  const tpl = service?.result[0]
  if (!tpl) return []
  return tpl.placeholders.filter((p) => !AUTO_PLACEHOLDERS.has(p)).map((id) => ({ id, numeric: isNumberPlaceholder(id) }))
}

/** Grounds a decision may cite: those of the "refused" stage (M1–M3 happen at intake, before registration). */
export function refusalGrounds(service: ServiceDefinition | undefined): RefusalGround[] {
  const all = service?.refusal.grounds ?? []
  const refused = all.filter((g) => g.stage === 'refused')
  return refused.length ? refused : all
}

/** Validation codes are keys of the inbox texts (`decision.errors.<code>`). */
export type DecisionIssue = { field: string; code: 'required' | 'reasonTooShort' | 'tooLong' | 'notNumber' | 'unknownGround' }

export function validateDecision(d: DecisionDraft, service: ServiceDefinition | undefined): DecisionIssue[] {
  const issues: DecisionIssue[] = []
  if (d.kind === 'refusal') {
    if (!d.reasonCode) issues.push({ field: 'reasonCode', code: 'required' })
    else if (!refusalGrounds(service).some((g) => g.code === d.reasonCode)) issues.push({ field: 'reasonCode', code: 'unknownGround' })
    const text = d.reasonText.trim()
    if (!text) issues.push({ field: 'reasonText', code: 'required' })
    else if (text.length < REASON_MIN) issues.push({ field: 'reasonText', code: 'reasonTooShort' })
    else if (text.length > REASON_MAX) issues.push({ field: 'reasonText', code: 'tooLong' })
    return issues
  }
  const text = d.resultText.trim()
  if (text.length < RESULT_TEXT_MIN) issues.push({ field: 'resultText', code: 'required' })
  else if (text.length > REASON_MAX) issues.push({ field: 'resultText', code: 'tooLong' })
  for (const f of resultFields(service)) {
    const v = (d.fields[f.id] ?? '').trim()
    if (f.numeric && v && !/^\d{1,12}$/.test(v)) issues.push({ field: f.id, code: 'notNumber' })
    if (v.length > 500) issues.push({ field: f.id, code: 'tooLong' })
  }
  return issues
}

/** The full reason of a refusal as sent and signed: the ground's words, then the specialist's text. */
export function refusalReason(d: DecisionDraft, service: ServiceDefinition | undefined): string {
  const ground = refusalGrounds(service).find((g) => g.code === d.reasonCode)
  const words = ground ? ground.text.ru.replace(/^…/, '').trim() : d.reasonCode
  // The catalogue's ground texts continue a sentence ("…об отказе"); printed on their own they start a sentence.
  const head = words.charAt(0).toLocaleUpperCase('ru') + words.slice(1)
  return `${head}: ${d.reasonText.trim()}`
}

export interface DecisionDocument {
  registrationNumber: string
  serviceId: string
  kind: ResultKind
  decidedAt: string
  data?: { text: string; fields: Record<string, string> }
  reason?: string
  reasonCode?: string
}

/** The document the specialist signs (and the gateway stores as the result): canonical JSON, UTF-8. */
export function decisionDocument(p: { registrationNumber: string; serviceId: string; draft: DecisionDraft; service?: ServiceDefinition; decidedAt: Date }): DecisionDocument {
  const { draft } = p
  const base = { registrationNumber: p.registrationNumber, serviceId: p.serviceId, kind: draft.kind, decidedAt: p.decidedAt.toISOString() }
  if (draft.kind === 'refusal') return { ...base, reason: refusalReason(draft, p.service), reasonCode: draft.reasonCode }
  const fields: Record<string, string> = {}
  for (const f of resultFields(p.service)) {
    const v = (draft.fields[f.id] ?? '').trim()
    if (v) fields[f.id] = v
  }
  return { ...base, data: { text: draft.resultText.trim(), fields } }
}

export function decisionBytes(doc: DecisionDocument): Uint8Array {
  return canonicalJsonBytes(dropUndefined(doc))
}
