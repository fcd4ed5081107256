/** Result documents as data (issue 11 point 1): every service has its templates, every sample validates, faults are coded. */
import { describe, expect, it } from 'vitest'
import { ServiceCatalog } from '../../../src-shared/catalog'
import { ArmError, ERRORS } from '../../../src-shared/errors'
import {
  checkDecision,
  decisionBytes,
  DecisionDocument,
  formFields,
  groundReason,
  parseDecisionBytes,
  sampleDocument,
  serviceTemplates,
  type DocumentKind,
} from '../../../src-shared/results'

const catalog = new ServiceCatalog()
const code = (f: () => unknown) => {
  try {
    f()
  } catch (e) {
    return e instanceof ArmError ? e.code : String(e)
  }
  return 'no error'
}

describe('result templates of the catalogue', () => {
  it('every one of the 18 services has its result, refusal and acceptance templates; ЦОН services a receipt', () => {
    expect(catalog.list()).toHaveLength(18)
    for (const s of catalog.list()) {
      const kinds = new Set<DocumentKind>(serviceTemplates(s).map((t) => t.kind))
      expect(kinds.has('result') || s.id === 'zags.repeat-certificate', s.id).toBe(true)
      expect(kinds.has('refusal'), s.id).toBe(true)
      expect(kinds.has('acceptance'), s.id).toBe(true)
      expect(kinds.has('receipt'), s.id).toBe(s.channels.tson)
      const ids = serviceTemplates(s).map((t) => t.id)
      expect(new Set(ids).size, s.id).toBe(ids.length)
    }
  })

  it('every title starts with a capital letter in kk and ru (the land refusals\' kk titles began lower-case)', () => {
    const lowerStart = (t: string) => /^\p{Ll}/u.test(t.trim())
    for (const s of catalog.list()) for (const t of serviceTemplates(s)) for (const lang of ['kk', 'ru'] as const) expect(lowerStart(t.title[lang]), `${s.id}/${t.id} ${lang}: ${t.title[lang]}`).toBe(false)
  })

  it('carries every subtype the regulations have', () => {
    const ids = (id: string) => serviceTemplates(catalog.get(id)).filter((t) => t.kind === 'result').map((t) => t.id)
    expect(ids('legal.gbdul-certificate')).toEqual(['a', 'b', 'c', 'd'])
    expect(ids('zags.civil-status-certificate')).toEqual(['birth', 'marriage', 'divorce', 'name-change'])
    expect(ids('akimat.preschool-queue')).toEqual(['referral', 'queue-notice'])
    expect(ids('akimat.minor-deposits-certificate')).toEqual(['pension-fund', 'bank', 'road-police'])
    expect(ids('akimat.housing-queue')).toEqual(['registration-notice'])
    // guardianship: the «no record» form answers M7 only, the free-form letter every other ground
    const g = catalog.get('akimat.guardianship-certificate')
    expect(serviceTemplates(g).filter((t) => t.kind === 'refusal').map((t) => [t.id, t.grounds])).toEqual([['refusal-no-record', ['M7']], ['refusal-letter', ['M2', 'M3', 'OTHER']]])
    const letter = sampleDocument(g, serviceTemplates(g).find((t) => t.id === 'refusal-letter')!)
    expect(code(() => checkDecision({ ...letter, refusal: { code: 'M7', text: 'нет записи' } }, catalog))).toBe('RESULT_REFUSAL_GROUND_UNKNOWN')
    expect(() => checkDecision({ ...letter, refusal: { code: 'OTHER', text: 'иная причина' } }, catalog)).not.toThrow()
  })

  it('every field has kk/ru/en labels, a kind and a source; list fields their columns', () => {
    for (const s of catalog.list())
      for (const t of serviceTemplates(s))
        for (const f of t.fields) {
          for (const l of ['kk', 'ru', 'en'] as const) expect(f.label[l], `${s.id}/${t.id}.${f.id}`).toMatch(/\S/)
          expect(['request', 'registry', 'specialist', 'system']).toContain(f.source)
          if (f.kind === 'list') expect(f.item?.length, `${s.id}/${t.id}.${f.id}`).toBeGreaterThan(0)
          // a form field must not be a developer id shown as a label
          expect(f.label.ru).not.toBe(f.id)
        }
  })

  it('the specialist’s form of a pattern B result names real fields (not the system ones)', () => {
    const t = serviceTemplates(catalog.get('akimat.unemployed-certificate'))[0]
    const ids = formFields(t).map((f) => f.id)
    expect(ids).toContain('publicWorks')
    expect(ids).not.toContain('uniqueNo')
    expect(ids).not.toContain('barcodeCode')
    expect(formFields(t).find((f) => f.id === 'publicWorks')?.label.kk).toBe('Қоғамдық, әлеуметтік жұмыстарға қатысуы')
  })

  it('every template’s sample validates against the schema and the catalogue and survives the signed bytes', () => {
    let n = 0
    for (const s of catalog.list())
      for (const t of serviceTemplates(s)) {
        const doc = sampleDocument(s, t)
        expect(DecisionDocument.safeParse(doc).success, `${s.id}/${t.id}`).toBe(true)
        expect(() => checkDecision(doc, catalog, { sample: true }), `${s.id}/${t.id}`).not.toThrow()
        expect(parseDecisionBytes(decisionBytes(doc))).toEqual(doc)
        n++
      }
    expect(n).toBeGreaterThan(70)
  })

  it('refusal grounds are translated reasons, never a bare code', () => {
    for (const s of catalog.list())
      for (const g of s.refusal.grounds) {
        const r = groundReason(g.code, s)
        if (g.code === 'OTHER') expect(r).toBeUndefined()
        else for (const l of ['kk', 'ru', 'en'] as const) expect(r?.[l], `${s.id} ${g.code}`).not.toMatch(/\bM\d\b|^\s*$/)
      }
    expect(groundReason('M5', catalog.get('realty.rights-certificate'))?.ru).toContain('ГБД «Регистр недвижимости»')
  })
})

describe('faults (issue 11 point 7): each a coded, translated error', () => {
  const s = catalog.get('akimat.unemployed-certificate')
  const [result] = serviceTemplates(s)
  const refusal = serviceTemplates(s).find((t) => t.kind === 'refusal')!
  const good = sampleDocument(s, result)

  it('a template whose sample data lacks a field', () => {
    const { publicWorks: _, ...values } = good.values
    expect(code(() => checkDecision({ ...good, values }, catalog, { sample: true }))).toBe('RESULT_SAMPLE_MISSING')
    expect(code(() => checkDecision({ ...good, values }, catalog))).toBe('RESULT_FIELD_MISSING')
  })
  it('a value of the wrong kind', () => {
    expect(code(() => checkDecision({ ...good, values: { ...good.values, registrationDate: '14.09.2026' } }, catalog))).toBe('RESULT_FIELD_INVALID')
  })
  it('an unknown template, a template of another kind, an unknown service', () => {
    expect(code(() => checkDecision({ ...good, templateId: 'no-such' }, catalog))).toBe('RESULT_TEMPLATE_UNKNOWN')
    expect(code(() => checkDecision({ ...good, templateId: refusal.id }, catalog))).toBe('RESULT_TEMPLATE_UNKNOWN')
    expect(code(() => checkDecision({ ...good, serviceId: 'x.y' }, catalog))).toBe('RESULT_SERVICE_UNKNOWN')
  })
  it('a refusal without text, or citing a ground the service does not have', () => {
    const r = sampleDocument(s, refusal)
    expect(code(() => checkDecision({ ...r, refusal: { code: 'M4', text: '   ' } }, catalog))).toBe('RESULT_REFUSAL_REASON_MISSING')
    expect(code(() => checkDecision({ ...r, refusal: { code: 'M6', text: 'причина' } }, catalog))).toBe('RESULT_REFUSAL_GROUND_UNKNOWN')
  })
  it('bytes that are not a document of the schema', () => {
    expect(code(() => parseDecisionBytes(new TextEncoder().encode('{"kind":"result"}')))).toBe('RESULT_DOCUMENT_INVALID')
    expect(code(() => parseDecisionBytes(new Uint8Array([0xff, 0xfe])))).toBe('RESULT_DOCUMENT_INVALID')
    // a result carrying a refusal block is not a document of the schema either
    expect(DecisionDocument.safeParse({ ...good, refusal: { code: 'M4', text: 'x' } }).success).toBe(false)
  })
  it('every results code has kk, ru and en text', () => {
    for (const [k, v] of Object.entries(ERRORS)) if (k.startsWith('RESULT_')) for (const l of ['kk', 'ru', 'en'] as const) expect(v[l], k).toMatch(/\S{3}/)
  })
})
