/**
 * Form validation built from the field definitions (format-logical control, ФЛК). Issue messages are error CODES
 * (FIELD_REQUIRED, IIN_CHECKSUM …) that the UI translates with errorText(code, lang); paths are field ids
 * (list items: [listId, index, itemId]). The output holds only visible, filled fields, normalised
 * (ИИН without spaces, dates as YYYY-MM-DD, phones as +77XXXXXXXXX, numbers as numbers).
 */
import { z } from 'zod'
import type { ErrorCode } from '../errors'
import { normalizeIdentifier, parseBin, parseIin } from '../identity'
import type { EnvelopeApplicant, JsonValue } from '../envelope'
import type { ChannelKind, Condition, FieldDef, ServiceDefinition, When } from './types'

export interface FormOptions {
  /** The channel the form is filled in; fields limited to other channels are hidden (default `tson`). */
  channel?: ChannelKind
  /** The application date `YYYY-MM-DD` for "not in the future" and age checks (default: today, UTC). */
  today?: string
  /** Keys that are not fields of the service: reported as CATALOG_UNKNOWN_FIELD (default) or dropped. */
  unknownKeys?: 'reject' | 'strip'
}

type Check = { ok: true; value: JsonValue } | { ok: false; code: ErrorCode }
const bad = (code: ErrorCode): Check => ({ ok: false, code })
const good = (value: JsonValue): Check => ({ ok: true, value })

/** Empty means "not filled": absent, null, blank text, an unticked box, an empty list. */
export function isEmptyValue(v: unknown): boolean {
  return v === undefined || v === null || v === false || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0)
}

function conditionHolds(c: Condition, values: Record<string, unknown>): boolean {
  const raw = values[c.field]
  const v = typeof raw === 'string' ? raw.trim() : raw
  if (c.empty !== undefined && c.empty !== isEmptyValue(v)) return false
  if (c.equals !== undefined && v !== c.equals) return false
  if (c.oneOf !== undefined && !c.oneOf.includes(v as string)) return false
  if (c.notEquals !== undefined && v === c.notEquals) return false
  return true
}

/** Evaluates a catalogue condition against form values (the same rule the renderer uses for visibility). */
export function holds(when: When | undefined, values: Record<string, unknown>): boolean {
  if (!when) return true
  if ('all' in when) return when.all.every((c) => conditionHolds(c, values))
  if ('any' in when) return when.any.some((c) => conditionHolds(c, values))
  return conditionHolds(when, values)
}

export function isVisible(f: FieldDef, values: Record<string, unknown>, channel: ChannelKind): boolean {
  return (!f.channels || f.channels.includes(channel)) && holds(f.visibleWhen, values)
}
export function isRequired(f: FieldDef, values: Record<string, unknown>): boolean {
  return typeof f.required === 'boolean' ? f.required : holds(f.required, values)
}

// ── Dates ────────────────────────────────────────────────────────────────────────────────────────────────────
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const RU_DATE = /^(\d{2})\.(\d{2})\.(\d{4})$/

function realIsoDate(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || y < 1000) return null
  const dim = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
  if (d > dim) return null
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

/** Accepts `YYYY-MM-DD` (date inputs) or `ДД.ММ.ГГГГ` (typed), returns `YYYY-MM-DD` or null. */
export function parseFormDate(v: string): string | null {
  const s = v.trim()
  let m = ISO_DATE.exec(s)
  if (m) return realIsoDate(+m[1], +m[2], +m[3])
  m = RU_DATE.exec(s)
  if (m) return realIsoDate(+m[3], +m[2], +m[1])
  return null
}

/** Whole years between a birth date and a day (both YYYY-MM-DD). */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number)
  const [y, m, d] = day.split('-').map(Number)
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0)
}

function ageOk(birthDate: string, age: { minYears?: number; maxYearsExclusive?: number } | undefined, today: string): boolean {
  if (!age) return true
  const a = ageOn(birthDate, today)
  if (age.minYears !== undefined && a < age.minYears) return false
  if (age.maxYearsExclusive !== undefined && a >= age.maxYearsExclusive) return false
  return true
}

function toNumber(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null
  if (typeof v !== 'string') return null
  const s = v.replace(/[\s\u00a0]/g, '').replace(',', '.')
  if (!/^-?\d+(\.\d+)?$/.test(s)) return null
  return Number(s)
}

const CADASTRAL = /^\d{2}[-:]\d{3}[-:]\d{3}[-:]\d{3,4}$/
const CADASTRAL_BUILDING = /^\d{2}[-:]\d{3}[-:]\d{3}[-:]\d{3,4}(:\d{1,4})?(\/\d{1,4})?$/
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/

interface Ctx {
  today: string
  channel: ChannelKind
}

/** Validates one non-empty value of a field; lists validate their items as sub-forms. */
function checkValue(f: FieldDef, raw: unknown, ctx: Ctx, issues: Array<{ path: Array<string | number>; code: ErrorCode }>, path: Array<string | number>): Check {
  switch (f.kind) {
    case 'iin':
    case 'bin': {
      if (typeof raw !== 'string') return bad(f.kind === 'iin' ? 'IIN_FORMAT' : 'BIN_FORMAT')
      const v = normalizeIdentifier(raw)
      if (f.kind === 'iin') {
        const r = parseIin(v, { testTrust: f.testTrust })
        if (!r.ok) return bad(r.code)
        if (!r.value.test && !ageOk(r.value.birthDate, f.age, ctx.today)) return bad('AGE_LIMIT')
        return good(v)
      }
      const r = parseBin(v, { testTrust: f.testTrust })
      return r.ok ? good(v) : bad(r.code)
    }
    case 'text':
    case 'textarea':
    case 'address': {
      if (typeof raw !== 'string') return bad('FIELD_FORMAT')
      const v = raw.trim()
      if (v.length > f.maxLength) return bad('FIELD_TOO_LONG')
      if (f.minLength !== undefined && v.length < f.minLength) return bad('FIELD_TOO_SHORT')
      if (f.pattern && !new RegExp(f.pattern).test(v)) return bad(f.patternCode ?? 'FIELD_FORMAT')
      return good(v)
    }
    case 'date': {
      if (typeof raw !== 'string') return bad('DATE_FORMAT')
      const v = parseFormDate(raw)
      if (!v) return bad('DATE_FORMAT')
      if (f.notInFuture && v > ctx.today) return bad('DATE_IN_FUTURE')
      if (f.notInPast && v < ctx.today) return bad('DATE_TOO_EARLY')
      if (f.minDate && v < f.minDate) return bad('DATE_TOO_EARLY')
      if (!ageOk(v, f.age, ctx.today)) return bad('AGE_LIMIT')
      return good(v)
    }
    case 'year': {
      const n = toNumber(raw)
      const max = f.max === 'current' ? Number(ctx.today.slice(0, 4)) : f.max
      if (n === null || !Number.isInteger(n) || n < f.min || n > max) return bad('YEAR_FORMAT')
      return good(n)
    }
    case 'select': {
      const v = typeof raw === 'string' ? raw.trim() : raw
      return f.options.some((o) => o.value === v) ? good(v as string) : bad('SELECT_UNKNOWN_OPTION')
    }
    case 'number':
    case 'money': {
      const n = toNumber(raw)
      if (n === null || (f.integer && !Number.isInteger(n))) return bad('NUMBER_FORMAT')
      if (n < f.min || n > f.max) return bad('NUMBER_RANGE')
      return good(f.kind === 'money' ? Math.round(n * 100) / 100 : n)
    }
    case 'cadastralNumber': {
      if (typeof raw !== 'string') return bad('CADASTRAL_FORMAT')
      const v = raw.trim()
      return (f.allowBuildingSuffix ? CADASTRAL_BUILDING : CADASTRAL).test(v) ? good(v) : bad('CADASTRAL_FORMAT')
    }
    case 'phone': {
      if (typeof raw !== 'string') return bad('PHONE_FORMAT')
      let d = raw.replace(/[\s\-()\u00a0]/g, '')
      if (/^8\d{10}$/.test(d)) d = '+7' + d.slice(1)
      // Kazakhstan numbers are +7 7XX… (mobile and city codes alike); +7 3/4/8/9 are Russian numbers.
      return /^\+77\d{9}$/.test(d) ? good(d) : bad('PHONE_FORMAT')
    }
    case 'email': {
      if (typeof raw !== 'string') return bad('EMAIL_FORMAT')
      const v = raw.trim()
      return v.length <= 254 && EMAIL.test(v) ? good(v) : bad('EMAIL_FORMAT')
    }
    case 'postcode': {
      const v = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : ''
      return /^\d{6}$/.test(v) ? good(v) : bad('POSTCODE_FORMAT')
    }
    case 'idDocumentNumber': {
      if (typeof raw !== 'string') return bad('ID_DOCUMENT_NUMBER_FORMAT')
      const v = raw.replace(/\s/g, '').toUpperCase()
      return /^\d{9}$/.test(v) || /^N\d{8}$/.test(v) ? good(v) : bad('ID_DOCUMENT_NUMBER_FORMAT')
    }
    case 'checkbox': {
      if (typeof raw !== 'boolean') return bad('FIELD_FORMAT')
      return good(raw)
    }
    case 'list': {
      if (!Array.isArray(raw)) return bad('FIELD_FORMAT')
      if (raw.length < f.minItems) return bad('LIST_TOO_SHORT')
      if (raw.length > f.maxItems) return bad('FIELD_TOO_LONG')
      const out: JsonValue[] = []
      let failed = false
      raw.forEach((item, i) => {
        if (item === null || typeof item !== 'object' || Array.isArray(item)) {
          issues.push({ path: [...path, i], code: 'FIELD_FORMAT' })
          failed = true
          return
        }
        const before = issues.length
        out.push(validateValues(f.item, item as Record<string, unknown>, ctx, issues, [...path, i], 'strip'))
        if (issues.length > before) failed = true
      })
      // Item issues are already recorded with their own paths; the list itself carries no extra issue.
      return failed ? { ok: false, code: 'VALIDATION_FAILED' } : good(out)
    }
  }
}

function validateValues(
  fields: readonly FieldDef[],
  values: Record<string, unknown>,
  ctx: Ctx,
  issues: Array<{ path: Array<string | number>; code: ErrorCode }>,
  path: Array<string | number>,
  unknownKeys: 'reject' | 'strip',
): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {}
  const known = new Set(fields.map((f) => f.id))
  if (unknownKeys === 'reject') for (const k of Object.keys(values)) if (!known.has(k)) issues.push({ path: [...path, k], code: 'CATALOG_UNKNOWN_FIELD' })
  for (const f of fields) {
    if (!isVisible(f, values, ctx.channel)) continue
    const raw = values[f.id]
    if (isEmptyValue(raw)) {
      if (isRequired(f, values)) issues.push({ path: [...path, f.id], code: f.kind === 'checkbox' ? 'CHECKBOX_REQUIRED' : f.kind === 'list' ? 'LIST_TOO_SHORT' : 'FIELD_REQUIRED' })
      else if (f.kind === 'list' && Array.isArray(raw) && raw.length < f.minItems) issues.push({ path: [...path, f.id], code: 'LIST_TOO_SHORT' })
      continue
    }
    if (f.kind === 'checkbox' && f.mustBeTrue && raw !== true) {
      issues.push({ path: [...path, f.id], code: 'CHECKBOX_REQUIRED' })
      continue
    }
    const r = checkValue(f, raw, ctx, issues, [...path, f.id])
    if (r.ok) out[f.id] = r.value
    else if (r.code !== 'VALIDATION_FAILED') issues.push({ path: [...path, f.id], code: r.code })
  }
  return out
}

function todayUtc(): string {
  return new Date().toISOString().slice(0, 10)
}

/** The schema of one field's non-empty value (exported for tests and for per-field checks in the UI). */
export function fieldSchema(f: FieldDef, opts: FormOptions = {}): z.ZodType<JsonValue> {
  const ctx: Ctx = { today: opts.today ?? todayUtc(), channel: opts.channel ?? 'tson' }
  return z.unknown().transform((raw, zctx) => {
    const issues: Array<{ path: Array<string | number>; code: ErrorCode }> = []
    const r = checkValue(f, raw, ctx, issues, [])
    for (const i of issues) zctx.addIssue({ code: 'custom', path: i.path, message: i.code })
    if (!r.ok) {
      if (r.code !== 'VALIDATION_FAILED') zctx.addIssue({ code: 'custom', message: r.code })
      return z.NEVER
    }
    return r.value
  }) as unknown as z.ZodType<JsonValue>
}

/** The whole form of a service: requirement, visibility, per-field checks and cross-field rules. */
export function buildFormSchema(service: ServiceDefinition, opts: FormOptions = {}): z.ZodType<Record<string, JsonValue>> {
  return z.record(z.string(), z.unknown()).transform((values, zctx) => {
    const ctx: Ctx = { today: opts.today ?? todayUtc(), channel: opts.channel ?? 'tson' }
    const issues: Array<{ path: Array<string | number>; code: ErrorCode }> = []
    const out = validateValues(service.fields, values, ctx, issues, [], opts.unknownKeys ?? 'reject')
    for (const rule of service.rules) {
      const a = out[rule.from]
      const b = out[rule.to]
      if (a !== undefined && b !== undefined && (a as number | string) > (b as number | string)) issues.push({ path: [rule.to], code: rule.code })
    }
    for (const i of issues) zctx.addIssue({ code: 'custom', path: i.path, message: i.code })
    return issues.length ? z.NEVER : out
  }) as unknown as z.ZodType<Record<string, JsonValue>>
}

/** The envelope's `applicant` from validated form values (fixed field ids of the consumer block, CB1). */
export function applicantOf(service: ServiceDefinition, values: Record<string, unknown>): EnvelopeApplicant | undefined {
  const kind = (values.applicantKind as string | undefined) ?? (service.applicantKinds.length === 1 ? service.applicantKinds[0] : 'person')
  if (kind === 'entity') return typeof values.applicantBin === 'string' ? { kind: 'entity', bin: normalizeIdentifier(values.applicantBin) } : undefined
  return typeof values.applicantIin === 'string' ? { kind: 'person', iin: normalizeIdentifier(values.applicantIin) } : undefined
}
