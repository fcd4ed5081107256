import { describe, expect, it } from 'vitest'
import { ArmError, ERRORS, isErrorCode } from '@shared/errors'
import { makeIin } from '@shared/identity'
import { decodeEnvelope, encodeEnvelope, type RequestEnvelope } from '@shared/envelope'
import {
  applicantOf,
  catalog,
  fieldSchema,
  sampleFieldValue,
  sampleFormValues,
  SERVICES,
  ServiceCatalog,
  type FieldDef,
  type ServiceDefinition,
  type When,
  REQUEST_STATUS_LABELS,
  statusLabel,
  TERMINAL_STATUSES,
} from '@shared/catalog'
import { RequestStatus } from '@shared/gateway/api'

const TODAY = '2026-11-22'
const REGISTER = [
  'zags.repeat-certificate',
  'zags.marriage-application',
  'zags.civil-status-certificate',
  'realty.rights-certificate',
  'realty.absence-presence-certificate',
  'legal.gbdul-certificate',
  'land.id-document-production-info',
  'land.cadastral-info',
  'land.ownership-info',
  'land.primary-title-info',
  'akimat.unemployed-certificate',
  'akimat.disabled-child-home-support',
  'akimat.preschool-queue',
  'akimat.minor-deposits-certificate',
  'akimat.minor-property-certificate',
  'akimat.guardianship-certificate',
  'akimat.housing-queue',
  'archive.certificate',
]

/** A value each field kind must refuse, with the code it must give. */
function invalidSample(f: FieldDef): [unknown, string] {
  switch (f.kind) {
    case 'iin':
      return ['810521300640', 'IIN_CHECKSUM']
    case 'bin':
      return ['800800800800', 'BIN_TYPE']
    case 'text':
    case 'textarea':
    case 'address':
      return ['я'.repeat(f.maxLength + 1), 'FIELD_TOO_LONG']
    case 'date':
      return ['31.02.2020', 'DATE_FORMAT']
    case 'year':
      return [1000, 'YEAR_FORMAT']
    case 'select':
      return ['__no_such_option__', 'SELECT_UNKNOWN_OPTION']
    case 'number':
    case 'money':
      return ['двенадцать', 'NUMBER_FORMAT']
    case 'cadastralNumber':
      return ['12345', 'CADASTRAL_FORMAT']
    case 'phone':
      return ['+7 912 000 00 00', 'PHONE_FORMAT']
    case 'email':
      return ['no-at-sign.kz', 'EMAIL_FORMAT']
    case 'postcode':
      return ['07140', 'POSTCODE_FORMAT']
    case 'idDocumentNumber':
      return ['12345', 'ID_DOCUMENT_NUMBER_FORMAT']
    case 'checkbox':
      return ['yes', 'FIELD_FORMAT']
    case 'list':
      return ['not a list', 'FIELD_FORMAT']
  }
}

function allFields(s: ServiceDefinition): Array<[string, FieldDef]> {
  return s.fields.flatMap((f) => [[`${s.id}.${f.id}`, f] as [string, FieldDef], ...(f.kind === 'list' ? f.item.map((i) => [`${s.id}.${f.id}[].${i.id}`, i] as [string, FieldDef]) : [])])
}

function conditionFields(w: When | boolean | undefined): string[] {
  if (w === undefined || typeof w === 'boolean') return []
  if ('all' in w) return w.all.map((c) => c.field)
  if ('any' in w) return w.any.map((c) => c.field)
  return [w.field]
}

function issuesOf(serviceId: string, values: unknown, channel: 'tson' | 'provider' | 'portal' = 'tson') {
  const r = catalog.validateForm(serviceId, values, { channel, today: TODAY })
  return r.ok ? [] : r.issues
}

describe('catalogue contents', () => {
  it('holds exactly the 18 services of the register, in order, with unique ids', () => {
    expect(SERVICES.map((s) => s.id)).toEqual(REGISTER)
    expect(new Set(SERVICES.map((s) => s.id)).size).toBe(18)
  })

  it('every text anywhere in the catalogue has kk, ru and en', () => {
    let count = 0
    const walk = (v: unknown, path: string) => {
      if (Array.isArray(v)) return v.forEach((x, i) => walk(x, `${path}[${i}]`))
      if (v && typeof v === 'object') {
        const o = v as Record<string, unknown>
        if ('kk' in o && 'ru' in o && 'en' in o && !Array.isArray(o.kk)) {
          count++
          for (const l of ['kk', 'ru', 'en']) expect(typeof o[l] === 'string' && (o[l] as string).trim().length > 0, `${path}.${l}`).toBe(true)
          return
        }
        for (const [k, x] of Object.entries(o)) walk(x, `${path}.${k}`)
      }
    }
    walk(SERVICES, 'SERVICES')
    expect(count).toBeGreaterThan(500)
    for (const s of SERVICES) for (const l of ['kk', 'ru', 'en'] as const) expect(s.name[l].length, `${s.id} name ${l}`).toBeGreaterThan(10)
  })

  it('is plain data: survives a JSON round trip unchanged', () => {
    const json = JSON.parse(JSON.stringify(catalog.toJSON()))
    expect(json.services).toEqual(SERVICES)
  })

  it('definitions are consistent: conditions, rules and prefills point at real fields', () => {
    for (const s of SERVICES) {
      const ids = new Set(s.fields.map((f) => f.id))
      for (const f of s.fields) {
        for (const ref of [...conditionFields(f.visibleWhen), ...conditionFields(f.required)]) expect(ids.has(ref), `${s.id}.${f.id} → ${ref}`).toBe(true)
        if (f.prefill?.by) expect(ids.has(f.prefill.by), `${s.id}.${f.id} prefill by ${f.prefill.by}`).toBe(true)
        if (f.kind === 'select') {
          expect(f.options.length).toBeGreaterThan(0)
          expect(new Set(f.options.map((o) => o.value)).size).toBe(f.options.length)
        }
      }
      for (const d of s.documents) for (const ref of conditionFields(d.requiredWhen)) expect(ids.has(ref), `${s.id} doc ${d.id} → ${ref}`).toBe(true)
      for (const r of s.rules) expect(ids.has(r.from) && ids.has(r.to)).toBe(true)
      expect(new Set(s.documents.map((d) => d.id)).size).toBe(s.documents.length)
      // the consumer block is the same everywhere, so the envelope's applicant is found the same way
      expect(ids.has('applicantIin') || ids.has('applicantBin')).toBe(true)
      expect(s.result.length).toBeGreaterThan(0)
      expect(s.refusal.grounds.length).toBeGreaterThan(0)
      expect(s.terms.regulated.amount).toBeGreaterThan(0)
      expect(s.channels.tson || s.channels.provider || s.channels.portal).toBe(true)
      for (const t of [...s.result, s.refusal.template]) for (const l of t.lines) for (const lang of ['ru'] as const) {
        for (const m of l[lang].matchAll(/\{(\w+)\}/g)) expect(t.placeholders, `${s.id}/${t.id} {${m[1]}}`).toContain(m[1])
      }
    }
  })

  it('carries the literal texts of the sources where they exist', () => {
    const g = catalog.get('akimat.guardianship-certificate')
    expect(g.refusal.grounds.find((x) => x.code === 'M7')?.text.ru).toBe('Причина отказа: запись не найдена в Электронном реестре по опеке и попечительству.')
    expect(catalog.get('akimat.housing-queue').refusal.template.lines.map((l) => l.ru)).toContain('В случае несогласия с данным решением, Вы вправе обжаловать его в порядке, установленном законодательством.')
    expect(catalog.get('zags.repeat-certificate').fee).toEqual({ kind: 'mrp', multiplier: 1, payWithinHours: 24 })
    expect(catalog.get('zags.civil-status-certificate').fee).toEqual({ kind: 'mrp', multiplier: 0.3, payWithinHours: 24 })
    expect(catalog.get('archive.certificate').terms.regulated).toEqual({ amount: 15, unit: 'calendarDays' })
    expect(catalog.get('akimat.minor-property-certificate').terms.resultValidity?.text.ru).toBe('Справка действительна в течение 1 (одного) месяца со дня выдачи.')
    const disabled = catalog.get('akimat.disabled-child-home-support')
    expect(disabled.documents.filter((d) => d.source === 'spec').map((d) => d.name.ru)).toContain('Электронная копия заключения психолого-педагогической консультации')
    expect(disabled.channels).toMatchObject({ tson: false, provider: true })
    expect(catalog.get('zags.marriage-application').channels).toMatchObject({ tson: false, provider: false, portal: true })
    expect(catalog.get('land.cadastral-info').pattern).toBe('A')
    expect(catalog.get('archive.certificate').pattern).toBe('B')
    expect(catalog.get('zags.repeat-certificate').pattern).toBe('C')
  })
})

describe('form schemas', () => {
  const fields = SERVICES.flatMap(allFields)

  it.each(fields)('%s accepts a valid sample and rejects an invalid one', (_name, f) => {
    const schema = fieldSchema(f, { today: TODAY })
    const ok = schema.safeParse(sampleFieldValue(f, 7, TODAY))
    expect(ok.success, JSON.stringify(ok.error?.issues)).toBe(true)
    const [bad, code] = invalidSample(f)
    const r = schema.safeParse(bad)
    expect(r.success).toBe(false)
    expect(r.error?.issues[0].message).toBe(code)
    expect(isErrorCode(code)).toBe(true)
  })

  it.each(REGISTER)('%s: a complete sample form passes in each channel the service has, an empty one names the required fields', (id) => {
    const s = catalog.get(id)
    for (const channel of (['tson', 'provider', 'portal'] as const).filter((c) => s.channels[c])) {
      const values = sampleFormValues(s, { channel, today: TODAY, seed: 3 })
      const r = catalog.validateForm(id, values, { channel, today: TODAY })
      expect(r.ok, `${channel}: ${JSON.stringify(!r.ok && r.issues)}`).toBe(true)
      expect(applicantOf(s, r.ok ? r.value : {})).toBeDefined()
    }
    const empty = issuesOf(id, {})
    expect(empty.length).toBeGreaterThan(0)
    expect(empty.every((i) => isErrorCode(i.code))).toBe(true)
    const requiredNow = s.fields.filter((f) => f.required === true && !f.visibleWhen && !f.channels).map((f) => f.id)
    for (const f of requiredNow) expect(empty.map((i) => i.path)).toContain(f)
  })

  it('a wrong ИИН is reported at its field with the check-digit code', () => {
    const s = catalog.get('akimat.unemployed-certificate')
    const values = { ...sampleFormValues(s, { today: TODAY }), applicantIin: '810521300640' }
    expect(issuesOf(s.id, values)).toEqual([{ path: 'applicantIin', code: 'IIN_CHECKSUM' }])
  })

  it('the representative block is conditional and ЦОН-only', () => {
    const s = catalog.get('akimat.preschool-queue')
    const base = sampleFormValues(s, { today: TODAY })
    expect(issuesOf(s.id, { ...base, hasRepresentative: true }).map((i) => i.path).sort()).toEqual(['poaMethod', 'representativeIin'])
    expect(issuesOf(s.id, { ...base, hasRepresentative: true, representativeIin: '830717350867', poaMethod: 'notarial' }).map((i) => i.path).sort()).toEqual(['poaDate', 'poaNumber'])
    const other = { ...base, hasRepresentative: true, representativeIin: '830717350867', poaMethod: 'other' }
    expect(issuesOf(s.id, other)).toEqual([])
    expect(catalog.documentChecklist(s.id, other).find((d) => d.id === 'power-of-attorney')?.scanNeeded).toBe(true)
    expect(catalog.documentChecklist(s.id, base).find((d) => d.id === 'power-of-attorney')?.scanNeeded).toBe(false)
    // in the provider channel the block does not exist: its values are dropped, not validated
    const r = catalog.validateForm(s.id, { ...base, hasRepresentative: true, representativeIin: 'garbage' }, { channel: 'provider', today: TODAY })
    expect(r.ok && 'representativeIin' in r.value).toBe(false)
  })

  it('hidden fields are dropped from the output, unknown keys are refused', () => {
    const s = catalog.get('legal.gbdul-certificate')
    const values = { ...sampleFormValues(s, { today: TODAY, overrides: { certificateSubtype: 'd' } }), subjectBin: '940140000385' }
    const r = catalog.validateForm(s.id, values, { today: TODAY })
    expect(r.ok && Object.keys(r.value)).not.toContain('subjectBin')
    expect(r.ok && Object.keys(r.value)).toContain('subjectIin')
    expect(issuesOf(s.id, { ...values, injected: 'x' })).toEqual([{ path: 'injected', code: 'CATALOG_UNKNOWN_FIELD' }])
    const lax = catalog.validateForm(s.id, { ...values, injected: 'x' }, { today: TODAY, unknownKeys: 'strip' })
    expect(lax.ok).toBe(true)
  })

  it('normalises what people type: ДД.ММ.ГГГГ dates, phones, spaced ИИН', () => {
    const s = catalog.get('archive.certificate')
    const values = { ...sampleFormValues(s, { today: TODAY }), subjectBirthDate: '05.03.1961', phone: '8 (701) 123-45-67', applicantIin: ' 8307 1735 0867 ' }
    const r = catalog.validateForm(s.id, values, { today: TODAY })
    expect(r.ok).toBe(true)
    if (r.ok) expect([r.value.subjectBirthDate, r.value.phone, r.value.applicantIin]).toEqual(['1961-03-05', '+77011234567', '830717350867'])
  })

  it('checks ages, future dates, periods and list items', () => {
    const pre = catalog.get('akimat.preschool-queue')
    const eightYearOld = makeIin({ birthDate: '2018-01-10', sex: 'female', serial: 5 })
    expect(issuesOf(pre.id, { ...sampleFormValues(pre, { today: TODAY }), childIin: eightYearOld })).toEqual([{ path: 'childIin', code: 'AGE_LIMIT' }])
    const realty = catalog.get('realty.rights-certificate')
    const minor = makeIin({ birthDate: '2012-01-10', sex: 'male', serial: 5 })
    expect(issuesOf(realty.id, { ...sampleFormValues(realty, { today: TODAY }), applicantIin: minor })).toEqual([{ path: 'applicantIin', code: 'AGE_LIMIT' }])
    const un = catalog.get('akimat.unemployed-certificate')
    expect(issuesOf(un.id, { ...sampleFormValues(un, { today: TODAY }), yearFrom: 2025, yearTo: 2022 })).toEqual([{ path: 'yearTo', code: 'DATE_RANGE_ORDER' }])
    expect(issuesOf(un.id, { ...sampleFormValues(un, { today: TODAY }), yearTo: 2027 })).toEqual([{ path: 'yearTo', code: 'YEAR_FORMAT' }])
    const marriage = catalog.get('zags.marriage-application')
    expect(issuesOf(marriage.id, { ...sampleFormValues(marriage, { channel: 'portal', today: TODAY }), preferredDate: '2026-11-01' }, 'portal')).toEqual([{ path: 'preferredDate', code: 'DATE_TOO_EARLY' }])
    const dep = catalog.get('akimat.minor-deposits-certificate')
    const base = sampleFormValues(dep, { today: TODAY })
    const children = [...(base.children as object[]), { iin: '810521300640', fullName: '', birthYear: 2015, birthCertificateNo: 'I-123' }]
    expect(issuesOf(dep.id, { ...base, children })).toEqual([
      { path: 'children.1.iin', code: 'IIN_CHECKSUM' },
      { path: 'children.1.fullName', code: 'FIELD_REQUIRED' },
    ])
    expect(issuesOf(dep.id, { ...base, children: [] })).toEqual([{ path: 'children', code: 'LIST_TOO_SHORT' }])
  })

  it('validation is idempotent: the normalised output passes again unchanged (the gateway re-checks the envelope form)', () => {
    for (const s of SERVICES) {
      const channel = s.channels.tson ? 'tson' : s.channels.provider ? 'provider' : 'portal'
      const first = catalog.validateForm(s.id, sampleFormValues(s, { channel, today: TODAY, seed: 5 }), { channel, today: TODAY })
      expect(first.ok).toBe(true)
      if (!first.ok) continue
      const again = catalog.validateForm(s.id, first.value, { channel, today: TODAY })
      expect(again).toEqual(first)
      // and the values are canonical-JSON safe, so they can go straight into an envelope
      const env: RequestEnvelope = {
        v: 1,
        envelopeId: '0b9f6f4e-5b8a-4c1e-9a57-1f7f2d0c9e11',
        serviceId: s.id,
        channel: channel === 'portal' ? ('tson' as const) : channel,
        operator: { iin: '123456789011' },
        applicant: applicantOf(s, first.value)!,
        form: first.value,
        attachments: [],
        createdAt: '2026-11-22T10:00:00.000Z',
        version: 1,
      }
      expect(decodeEnvelope(encodeEnvelope(env)).form).toEqual(first.value)
    }
  })

  it('works with a renderer-style form (strings from inputs) and the intake port signature', () => {
    const s = catalog.get('akimat.unemployed-certificate')
    const values = Object.fromEntries(Object.entries(sampleFormValues(s, { today: TODAY })).map(([k, v]) => [k, typeof v === 'number' ? String(v) : v]))
    const r = catalog.formSchema(s.id, 'provider', { today: TODAY }).safeParse(values)
    expect(r.success).toBe(true)
    expect(typeof r.data?.yearFrom).toBe('number')
  })
})

describe('request statuses', () => {
  it('label every status the gateway uses, in three languages', () => {
    expect(Object.keys(REQUEST_STATUS_LABELS).sort()).toEqual([...RequestStatus.options].sort())
    expect(statusLabel('REGISTERED', 'ru', '10100005498600')).toBe('Зарегистрирован № 10100005498600')
    expect(statusLabel('REGISTERED', 'kk', '10100005498600')).toBe('№ 10100005498600 тіркелді')
    expect(statusLabel('REGISTERED', 'ru')).toBe('Зарегистрирован')
    expect(statusLabel('REGISTERED', 'kk')).toBe('тіркелді')
    expect(TERMINAL_STATUSES).toContain('REFUSED')
  })
})

describe('ServiceCatalog', () => {
  it('get() of an unknown id is a coded error; channel checks too', () => {
    expect(() => catalog.get('zags.nope')).toThrow(ArmError)
    try {
      catalog.get('zags.nope')
    } catch (e) {
      expect((e as ArmError).code).toBe('CATALOG_UNKNOWN_SERVICE')
    }
    try {
      catalog.assertChannel('zags.marriage-application', 'tson')
      expect.unreachable()
    } catch (e) {
      expect((e as ArmError).code).toBe('CATALOG_CHANNEL_UNAVAILABLE')
    }
    expect(catalog.forChannel('tson').map((s) => s.id)).not.toContain('akimat.disabled-child-home-support')
    expect(() => new ServiceCatalog([SERVICES[0], SERVICES[0]])).toThrow(ArmError)
  })

  const top = (q: string, lang: 'kk' | 'ru' = 'ru') => catalog.search(q, lang).map((s) => s.id)

  it('search finds services by Russian words, any case, ё = е, any ending', () => {
    expect(top('справка безработного')[0]).toBe('akimat.unemployed-certificate')
    expect(top('БЕЗРАБОТНЫЙ')[0]).toBe('akimat.unemployed-certificate')
    expect(top('детский сад')[0]).toBe('akimat.preschool-queue')
    expect(top('жильё')[0]).toBe('akimat.housing-queue')
    expect(top('жилье')[0]).toBe('akimat.housing-queue')
    expect(top('свидетельство о рождении')).toContain('zags.repeat-certificate')
    expect(top('архивная справка')[0]).toBe('archive.certificate')
    expect(top('опека')[0]).toBe('akimat.guardianship-certificate')
    expect(top('кадастровая информация')[0]).toBe('land.cadastral-info')
  })

  it('search finds services by Kazakh words, with or without Kazakh letters', () => {
    expect(top('мұрағаттық анықтама', 'kk')[0]).toBe('archive.certificate')
    expect(top('мурагаттык', 'kk')[0]).toBe('archive.certificate')
    expect(top('МҰРАҒАТ', 'kk')[0]).toBe('archive.certificate')
    expect(top('балабақша', 'kk')[0]).toBe('akimat.preschool-queue')
    expect(top('жұмыссыз', 'kk')[0]).toBe('akimat.unemployed-certificate')
    expect(top('тұрғын үй кезегі', 'kk')[0]).toBe('akimat.housing-queue')
    expect(top('жер учаскесі', 'kk').slice(0, 4).every((id) => id.startsWith('land.'))).toBe(true)
    expect(top('неке', 'kk')).toContain('zags.marriage-application')
    // a Latin "i" typed for the Kazakh «і»
    expect(top('мүгедек бала', 'kk')[0]).toBe('akimat.disabled-child-home-support')
    expect(top('кiрiстер', 'kk')).toEqual(top('кірістер', 'kk'))
  })

  it('search by provider, registry and life situation; nonsense finds nothing; empty lists all', () => {
    expect(top('Отдел образования').length).toBeGreaterThanOrEqual(4)
    expect(top('ГБД ЮЛ')[0]).toBe('legal.gbdul-certificate')
    expect(top('наследство')[0]).toBe('akimat.minor-deposits-certificate')
    expect(top('выход на пенсию')[0]).toBe('archive.certificate')
    expect(top('зейнетақыға шығу', 'kk')[0]).toBe('archive.certificate')
    expect(top('qwertyzxcv')).toEqual([])
    expect(top('')).toHaveLength(18)
  })

  it('every code the forms can produce has kk/ru/en texts', () => {
    const codes = ['FIELD_REQUIRED', 'FIELD_TOO_LONG', 'FIELD_TOO_SHORT', 'FIELD_FORMAT', 'DATE_FORMAT', 'DATE_IN_FUTURE', 'DATE_TOO_EARLY', 'DATE_RANGE_ORDER', 'YEAR_FORMAT', 'NUMBER_FORMAT', 'NUMBER_RANGE', 'SELECT_UNKNOWN_OPTION', 'PHONE_FORMAT', 'EMAIL_FORMAT', 'CADASTRAL_FORMAT', 'POSTCODE_FORMAT', 'ID_DOCUMENT_NUMBER_FORMAT', 'CHECKBOX_REQUIRED', 'LIST_TOO_SHORT', 'AGE_LIMIT', 'CATALOG_UNKNOWN_FIELD', 'CATALOG_UNKNOWN_SERVICE', 'CATALOG_CHANNEL_UNAVAILABLE'] as const
    for (const c of codes) for (const l of ['kk', 'ru', 'en'] as const) expect(ERRORS[c][l].length).toBeGreaterThan(5)
  })
})
