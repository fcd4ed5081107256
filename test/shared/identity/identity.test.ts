import { describe, expect, it } from 'vitest'
import { ArmError, ERRORS } from '@shared/errors'
import {
  checkDigit,
  hasValidCheckDigit,
  makeBin,
  makeIin,
  maskIdentifier,
  parseBin,
  parseIin,
  parseIinOrBin,
  assertIin,
  TEST_BINS,
  TEST_IINS,
} from '@shared/identity'

const VALID_IINS = ['830717350867', '871008401427', '760212350620', '800416300257', '680503450037', '840731400431', '810921300640', '850101300603']
const VALID_BINS = ['940140000385', '950341000052', '961141000023', '070941024691', '100540005673', '060541001241', '120460005553']

describe('ИИН', () => {
  it.each(VALID_IINS)('accepts the published valid vector %s', (iin) => {
    const r = parseIin(iin)
    expect(r.ok).toBe(true)
  })

  it('parses birth date and sex from the century digit', () => {
    const a = parseIin('840731400431')
    expect(a).toEqual({ ok: true, value: { kind: 'iin', iin: '840731400431', test: false, birthDate: '1984-07-31', sex: 'female', serial: 43 } })
    const b = parseIin('810921300640')
    expect(b.ok && !b.value.test && [b.value.birthDate, b.value.sex]).toEqual(['1981-09-21', 'male'])
  })

  it('850101300603 needs the second weight pass', () => {
    const first = [...'85010130060'].reduce((s, d, i) => s + Number(d) * (i + 1), 0) % 11
    expect(first).toBe(10)
    expect(checkDigit('85010130060')).toBe(3)
  })

  it('rejects numbers whose both passes give 10 (never issued)', () => {
    expect(checkDigit('00081315989')).toBeNull()
    expect(checkDigit('90010140043')).toBeNull()
    expect(parseIin('000813159890')).toEqual({ ok: false, code: 'IIN_CHECKSUM' })
    expect(parseIin('900101400430')).toEqual({ ok: false, code: 'IIN_CHECKSUM' })
  })

  it('gives a coded reason for each kind of wrong input', () => {
    expect(parseIin('81052130064')).toEqual({ ok: false, code: 'IIN_FORMAT' })
    expect(parseIin('8105213006a0')).toEqual({ ok: false, code: 'IIN_FORMAT' })
    expect(parseIin('810521300640')).toEqual({ ok: false, code: 'IIN_CHECKSUM' })
    expect(parseIin('802021300640')).toEqual({ ok: false, code: 'IIN_DATE' })
    expect(parseIin('810230300640')).toEqual({ ok: false, code: 'IIN_DATE' }) // 30 February
    expect(parseIin('810921700640')).toEqual({ ok: false, code: 'IIN_CENTURY' })
    expect(parseIin('810921000640')).toEqual({ ok: false, code: 'IIN_CENTURY' })
  })

  it('every single-digit typo in the check digit is caught', () => {
    for (const iin of VALID_IINS) {
      for (let d = 0; d <= 9; d++) {
        const typo = iin.slice(0, 11) + d
        if (typo !== iin) expect(parseIin(typo)).toEqual({ ok: false, code: 'IIN_CHECKSUM' })
      }
    }
  })

  it('tolerates spaces and dashes a person types, nothing else', () => {
    expect(parseIin(' 8307 1735 0867 ').ok).toBe(true)
    expect(parseIin('830-717-350-867').ok).toBe(true)
  })

  it('NCA test identifiers only with testTrust, and reported as test values', () => {
    for (const v of TEST_IINS) {
      expect(parseIin(v).ok).toBe(false)
      expect(parseIin(v, { testTrust: true })).toEqual({ ok: true, value: { kind: 'iin', iin: v, test: true } })
    }
    for (const v of TEST_BINS) {
      expect(parseBin(v).ok).toBe(false)
      expect(parseBin(v, { testTrust: true })).toEqual({ ok: true, value: { kind: 'bin', bin: v, test: true } })
      expect(parseIin(v, { testTrust: true }).ok).toBe(false)
    }
  })

  it('makeIin produces valid numbers that parse back to the inputs', () => {
    let skipped = 0
    for (let serial = 0; serial < 400; serial++) {
      const birthDate = `${1930 + (serial % 95)}-${String(1 + (serial % 12)).padStart(2, '0')}-${String(1 + (serial % 28)).padStart(2, '0')}`
      const sex = serial % 2 ? 'female' : 'male'
      const iin = makeIin({ birthDate, sex, serial })
      const r = parseIin(iin)
      expect(r.ok, iin).toBe(true)
      if (r.ok && !r.value.test) {
        expect(r.value.birthDate).toBe(birthDate)
        expect(r.value.sex).toBe(sex)
        if (r.value.serial !== serial) skipped++
      }
    }
    // about 1 in 121 prefixes admits no check digit; the generator moves to the next serial then
    expect(skipped).toBeLessThan(20)
    expect(makeIin({ birthDate: '2005-02-28', sex: 'male', serial: 1 }).slice(0, 7)).toBe('0502285')
    expect(makeIin({ birthDate: '1899-12-31', sex: 'female', serial: 1 })[6]).toBe('2')
    expect(() => makeIin({ birthDate: '2001-02-29', sex: 'male', serial: 1 })).toThrow(ArmError)
  })

  it('assertIin throws the coded error', () => {
    try {
      assertIin('810521300640')
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(ArmError)
      expect((e as ArmError).code).toBe('IIN_CHECKSUM')
    }
  })

  it('masks for logs', () => {
    expect(maskIdentifier('840731400431')).toBe('8407******31')
    expect(maskIdentifier('8407314')).not.toContain('84073')
  })
})

describe('БИН', () => {
  it.each(VALID_BINS)('accepts the published valid vector %s', (bin) => {
    expect(parseBin(bin).ok).toBe(true)
  })

  it('parses registration month, type and attribute', () => {
    expect(parseBin('060541001241')).toEqual({
      ok: true,
      value: { kind: 'bin', bin: '060541001241', test: false, registered: '2006-05', entityType: 'resident', attribute: 'branch', serial: 124 },
    })
    const ip = parseBin('120460005553')
    expect(ip.ok && !ip.value.test && ip.value.entityType).toBe('jointEntrepreneur')
    const old = parseBin('940140000385')
    expect(old.ok && !old.value.test && old.value.registered).toBe('1994-01')
  })

  it('rejects structurally wrong numbers even when the checksum passes', () => {
    expect(hasValidCheckDigit('800800800800')).toBe(true)
    expect(parseBin('800800800800')).toEqual({ ok: false, code: 'BIN_TYPE' })
    expect(parseBin('941340000385')).toEqual({ ok: false, code: 'BIN_DATE' })
    expect(parseBin('940147000385')).toEqual({ ok: false, code: 'BIN_ATTRIBUTE' })
    expect(parseBin('940140000386')).toEqual({ ok: false, code: 'BIN_CHECKSUM' })
    expect(parseBin('94014000038')).toEqual({ ok: false, code: 'BIN_FORMAT' })
  })

  it('makeBin produces valid numbers for every type and attribute', () => {
    const types = ['resident', 'nonResident', 'jointEntrepreneur'] as const
    const attrs = ['head', 'branch', 'representative', 'farm'] as const
    for (let serial = 0; serial < 120; serial++) {
      const entityType = types[serial % 3]
      const attribute = attrs[serial % 4]
      const bin = makeBin({ registered: `20${String(serial % 25).padStart(2, '0')}-${String(1 + (serial % 12)).padStart(2, '0')}`, entityType, attribute, serial })
      const r = parseBin(bin)
      expect(r.ok, bin).toBe(true)
      if (r.ok && !r.value.test) expect([r.value.entityType, r.value.attribute]).toEqual([entityType, attribute])
    }
  })
})

describe('ИИН or БИН', () => {
  it('tells the kinds apart by the 5th digit', () => {
    const a = parseIinOrBin('830717350867')
    const b = parseIinOrBin('940140000385')
    expect(a.ok && a.value.kind).toBe('iin')
    expect(b.ok && b.value.kind).toBe('bin')
    expect(parseIinOrBin('12345')).toEqual({ ok: false, code: 'IIN_OR_BIN_FORMAT' })
    expect(parseIinOrBin('123456789021', { testTrust: true })).toEqual({ ok: true, value: { kind: 'bin', bin: '123456789021', test: true } })
  })

  it('every identity code has texts in three languages', () => {
    for (const code of ['IIN_FORMAT', 'IIN_CENTURY', 'IIN_DATE', 'IIN_CHECKSUM', 'BIN_FORMAT', 'BIN_DATE', 'BIN_TYPE', 'BIN_ATTRIBUTE', 'BIN_CHECKSUM', 'IIN_OR_BIN_FORMAT'] as const) {
      for (const lang of ['kk', 'ru', 'en'] as const) expect(ERRORS[code][lang].length).toBeGreaterThan(10)
    }
  })
})
