/**
 * Valid sample values for every field kind: used by the tests that prove each field definition yields a working
 * schema, by the gateway's synthetic seeding and by demos. Deterministic for a given seed and day.
 */
import { makeBin, makeIin } from '../identity'
import type { JsonValue } from '../envelope'
import { isVisible } from './form'
import type { ChannelKind, FieldDef, ServiceDefinition } from './types'

function shiftYears(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number)
  const dd = m === 2 && d === 29 ? 28 : d
  return `${String(y + years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(dd).padStart(2, '0')}`
}
function shiftDays(day: string, days: number): string {
  const t = Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10)) + days * 86_400_000
  return new Date(t).toISOString().slice(0, 10)
}

function birthDateFor(age: { minYears?: number; maxYearsExclusive?: number } | undefined, today: string): string {
  if (age?.maxYearsExclusive !== undefined) return shiftDays(shiftYears(today, -Math.max(0, age.maxYearsExclusive - 3)), -40)
  return shiftDays(shiftYears(today, -Math.max(35, age?.minYears ?? 0)), -40)
}

const TEXT_EXAMPLES: Record<string, string> = {
  '^\\d{12}$': '600700500800',
  '^KZ\\d{2}[0-9A-Z]{16}$': 'KZ86125KZT5004100100',
  '^[A-HJ-NPR-Z0-9]{17}$': 'JTDBR32E720123456',
}

export function sampleFieldValue(f: FieldDef, seed = 1, today = new Date().toISOString().slice(0, 10)): JsonValue {
  switch (f.kind) {
    case 'iin':
      return makeIin({ birthDate: birthDateFor(f.age, today), sex: seed % 2 ? 'male' : 'female', serial: (seed * 37) % 10_000 })
    case 'bin':
      return makeBin({ registered: '2015-03', serial: (seed * 101) % 100_000 })
    case 'text':
    case 'textarea':
    case 'address': {
      if (f.pattern) return TEXT_EXAMPLES[f.pattern] ?? ''
      const base = f.kind === 'address' ? 'Семей қ., Абай даңғылы, 12' : 'Тестова Әйгерім Серікқызы'
      const v = base.slice(0, f.maxLength)
      return f.minLength && v.length < f.minLength ? v.padEnd(f.minLength, 'а') : v
    }
    case 'date': {
      if (f.notInPast) return shiftDays(today, 30)
      if (f.age) return birthDateFor(f.age, today)
      const d = '2015-06-15'
      return f.minDate && d < f.minDate ? f.minDate : d > today ? today : d
    }
    case 'year': {
      const max = f.max === 'current' ? Number(today.slice(0, 4)) : f.max
      return Math.max(f.min, max - 3)
    }
    case 'select':
      return f.defaultValue ?? f.options[0].value
    case 'number':
    case 'money':
      return f.integer ? Math.max(f.min, Math.min(f.max, 12)) : Math.max(f.min, Math.min(f.max, 1500000.5))
    case 'cadastralNumber':
      return '01-011-004-256'
    case 'phone':
      return '+77011234567'
    case 'email':
      return 'applicant@example.kz'
    case 'postcode':
      return '071400'
    case 'idDocumentNumber':
      return '043210987'
    case 'checkbox':
      return true
    case 'list':
      return Array.from({ length: Math.max(1, f.minItems) }, (_, i) => sampleItem(f.item, seed + i + 1, today))
  }
}

function sampleItem(fields: readonly FieldDef[], seed: number, today: string): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {}
  fields.forEach((f, i) => (out[f.id] = sampleFieldValue(f, seed * 13 + i, today)))
  return out
}

/**
 * A complete valid form for a service: every field visible under the values chosen so far gets a sample (conditions
 * refer to earlier fields). `overrides` fix some values first, e.g. `{ certificateType: 'marriage' }`.
 */
export function sampleFormValues(
  service: ServiceDefinition,
  opts: { seed?: number; channel?: ChannelKind; today?: string; overrides?: Record<string, JsonValue> } = {},
): Record<string, JsonValue> {
  const today = opts.today ?? new Date().toISOString().slice(0, 10)
  const channel = opts.channel ?? 'tson'
  const values: Record<string, JsonValue> = { ...(opts.overrides ?? {}) }
  service.fields.forEach((f, i) => {
    if (f.id in values) return
    if (!isVisible(f, values, channel)) return
    if (f.kind === 'checkbox' && f.id === 'hasRepresentative') return void (values[f.id] = false)
    values[f.id] = sampleFieldValue(f, (opts.seed ?? 1) * 31 + i, today)
  })
  // Drop values of fields that an override or a later choice hid again.
  for (const f of service.fields) if (f.id in values && !isVisible(f, values, channel)) delete values[f.id]
  return values
}
