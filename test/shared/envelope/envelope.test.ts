import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { ArmError } from '@shared/errors'
import { makeBin, makeIin } from '@shared/identity'
import {
  base64ToBytes,
  bytesToBase64,
  canonicalJson,
  decodeEnvelope,
  encodeEnvelope,
  envelopeDigestHex,
  nextEnvelopeVersion,
  parseEnvelope,
  sha256Hex,
  type RequestEnvelope,
} from '@shared/envelope'

const td = new TextDecoder()
const te = new TextEncoder()

function codeOf(fn: () => unknown): string {
  try {
    fn()
  } catch (e) {
    if (e instanceof ArmError) return e.code
    throw e
  }
  throw new Error('did not throw')
}

function sample(): RequestEnvelope {
  return {
    v: 1,
    envelopeId: randomUUID(),
    serviceId: 'akimat.unemployed-certificate',
    channel: 'tson',
    tsonId: 'TSON-0101',
    operator: { iin: '123456789011' },
    applicant: { kind: 'person', iin: makeIin({ birthDate: '1990-04-12', sex: 'female', serial: 77 }) },
    form: { yearFrom: 2020, yearTo: 2024, address: 'Семей қ., Абай к-сі 12 — «ё» ї 😀', phone: '+77011234567', consent: true, note: null },
    attachments: [
      { docType: 'identity-document', sha256: sha256Hex(te.encode('scan-1')), size: 1234, mediaType: 'application/pdf', pages: 2 },
    ],
    createdAt: '2026-11-22T10:00:00.000Z',
    version: 1,
  }
}

describe('canonical JSON (RFC 8785 style)', () => {
  it('sorts keys by UTF-16 code units (RFC 8785 §3.2.3 example)', () => {
    const obj = { '\u20ac': 'Euro Sign', '\r': 'Carriage Return', '\ufb33': 'Hebrew Letter Dalet With Dagesh', '1': 'One', '\ud83d\ude00': 'Emoji: Grinning Face', '\u0080': 'Control', '\u00f6': 'Latin Small Letter O With Diaeresis' }
    const keys = Object.keys(JSON.parse(canonicalJson(obj)) as object)
    // insertion order of integer-like keys is lost by JSON.parse, so compare the raw text order instead
    const text = canonicalJson(obj)
    const order = ['\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33'].map((k) => text.indexOf(JSON.stringify(k) + ':'))
    expect(order).toEqual([...order].sort((a, b) => a - b))
    expect(keys).toHaveLength(7)
  })

  it('writes numbers and strings in the JCS form, without whitespace', () => {
    expect(canonicalJson({ numbers: [333333333.3333333, 1 / 3, 1e30, 4.5, 2e-3, 0.000001, 1e-7, -0, 100] })).toBe(
      '{"numbers":[333333333.3333333,0.3333333333333333,1e+30,4.5,0.002,0.000001,1e-7,0,100]}',
    )
    expect(canonicalJson({ string: '\u20ac$\u000F\u000aA\'\u0042\u0022\u005c\\"/' })).toBe('{"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}')
    expect(canonicalJson({ b: [true, false, null], a: { d: 1, c: 'x' } })).toBe('{"a":{"c":"x","d":1},"b":[true,false,null]}')
  })

  it('refuses what JSON cannot carry faithfully', () => {
    for (const bad of [{ a: undefined }, { a: NaN }, { a: Infinity }, { a: new Date(0) }, { a: 1n }, { a: () => 1 }, ['x', undefined], { a: '\ud800' }, { ['\udc00']: 1 }, new Map()]) {
      expect(codeOf(() => canonicalJson(bad))).toBe('CANONICAL_JSON_UNSUPPORTED')
    }
    let deep: unknown = 1
    for (let i = 0; i < 100; i++) deep = [deep]
    expect(codeOf(() => canonicalJson(deep))).toBe('CANONICAL_JSON_UNSUPPORTED')
  })
})

describe('request envelope', () => {
  it('round-trips through canonical UTF-8 bytes', () => {
    const env = sample()
    const bytes = encodeEnvelope(env)
    const text = td.decode(bytes)
    // no whitespace between tokens: same length as JSON.stringify's compact output
    expect(text.length).toBe(JSON.stringify(JSON.parse(text)).length)
    expect(text.indexOf('"applicant"')).toBeLessThan(text.indexOf('"attachments"'))
    expect(decodeEnvelope(bytes)).toEqual(env)
    // encoding is deterministic whatever the property order of the input
    const shuffled = Object.fromEntries(Object.entries(env).reverse()) as RequestEnvelope
    expect(bytesToBase64(encodeEnvelope(shuffled))).toBe(bytesToBase64(bytes))
  })

  it('treats optional fields set to undefined as absent', () => {
    const env = { ...sample(), departmentId: undefined, representative: undefined }
    const text = td.decode(encodeEnvelope(env))
    expect(text).not.toContain('departmentId')
    const back = decodeEnvelope(encodeEnvelope(env))
    expect('departmentId' in back || 'representative' in back).toBe(false)
    expect(back.envelopeId).toBe(env.envelopeId)
  })

  it('rejects bytes that are not UTF-8 or carry a BOM', () => {
    const good = encodeEnvelope(sample())
    const broken = new Uint8Array([...good.slice(0, 10), 0xc3, 0x28, ...good.slice(10)])
    expect(codeOf(() => decodeEnvelope(broken))).toBe('ENVELOPE_NOT_UTF8')
    expect(codeOf(() => decodeEnvelope(new Uint8Array([0xef, 0xbb, 0xbf, ...good])))).toBe('ENVELOPE_NOT_UTF8')
  })

  it('rejects JSON that is not in canonical form', () => {
    const env = sample()
    const text = td.decode(encodeEnvelope(env))
    const variants = [
      JSON.stringify(JSON.parse(text), null, 1), // whitespace
      JSON.stringify(env), // insertion order, not sorted
      text.replace('"v":1', '"v":1.0'), // number form
      text.replace('"channel":"tson"', '"channel":"\\u0074son"'), // needless escape
      text.replace('{"applicant"', '{"v":1,"applicant"'), // duplicate key
      text + '\n',
      'not json',
    ]
    for (const v of variants) expect(codeOf(() => decodeEnvelope(te.encode(v)))).toBe('ENVELOPE_NOT_CANONICAL')
  })

  it('rejects canonical JSON that does not match the schema, naming the paths', () => {
    const bad = (patch: Record<string, unknown>) => te.encode(canonicalJson({ ...sample(), ...patch }))
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ v: 2 }, 'v'],
      [{ envelopeId: 'x' }, 'envelopeId'],
      [{ applicant: { kind: 'person', iin: '810521300640' } }, 'applicant.iin'],
      [{ applicant: { kind: 'entity', bin: '800800800800' } }, 'applicant.bin'],
      [{ operator: { iin: '123' } }, 'operator.iin'],
      [{ channel: 'portal' }, 'channel'],
      [{ extra: 1 }, ''],
      [{ version: 2 }, 'previousEnvelopeId'],
      [{ attachments: [{ docType: 'x', sha256: 'ABC', size: 1, mediaType: 'application/pdf', pages: 1 }] }, 'attachments.0.sha256'],
      [{ attachments: [{ docType: 'x', sha256: sha256Hex(te.encode('a')), size: 1, mediaType: 'text/html', pages: 1 }] }, 'attachments.0.mediaType'],
      [{ createdAt: '22.11.2026' }, 'createdAt'],
    ]
    for (const [patch, path] of cases) {
      try {
        decodeEnvelope(bad(patch))
        expect.unreachable(JSON.stringify(patch))
      } catch (e) {
        expect((e as ArmError).code).toBe('ENVELOPE_INVALID')
        const issues = (e as ArmError).details?.issues as Array<{ path: string; code: string }>
        expect(issues.map((i) => i.path), JSON.stringify(patch)).toContain(path)
      }
    }
    // the identity code reaches the caller through the issue
    try {
      decodeEnvelope(bad({ applicant: { kind: 'person', iin: '810521300640' } }))
    } catch (e) {
      expect(((e as ArmError).details?.issues as Array<{ code: string }>)[0].code).toBe('IIN_CHECKSUM')
    }
  })

  it('accepts an entity applicant and a representative', () => {
    const env = { ...sample(), applicant: { kind: 'entity' as const, bin: makeBin({ registered: '2015-03', serial: 42 }) }, representative: { iin: '830717350867', poaNumber: 'ЕНИС-2026-001' } }
    expect(decodeEnvelope(encodeEnvelope(env))).toEqual(env)
  })

  it('an edit of a signed request is a new version pointing back', () => {
    const v1 = sample()
    const v2 = nextEnvelopeVersion(v1, { form: { ...v1.form, yearFrom: 2021 } }, { envelopeId: randomUUID(), createdAt: '2026-11-22T11:00:00.000Z' })
    expect(v2.version).toBe(2)
    expect(v2.previousEnvelopeId).toBe(v1.envelopeId)
    expect(decodeEnvelope(encodeEnvelope(v2))).toEqual(v2)
    expect(envelopeDigestHex(encodeEnvelope(v2))).not.toBe(envelopeDigestHex(encodeEnvelope(v1)))
    expect(codeOf(() => parseEnvelope({ ...v1, previousEnvelopeId: v1.envelopeId }))).toBe('ENVELOPE_INVALID')
  })
})

describe('bytes helpers', () => {
  it('SHA-256 agrees with node:crypto, including the empty input and odd lengths', () => {
    for (const n of [0, 1, 55, 56, 63, 64, 65, 1000, 100_000]) {
      const b = new Uint8Array(randomBytes(n))
      expect(sha256Hex(b)).toBe(createHash('sha256').update(b).digest('hex'))
    }
    const bytes = encodeEnvelope(sample())
    expect(envelopeDigestHex(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'))
  })

  it('base64 agrees with Buffer and rejects malformed input', () => {
    for (const n of [0, 1, 2, 3, 4, 5, 100, 1001]) {
      const b = new Uint8Array(randomBytes(n))
      const s = bytesToBase64(b)
      expect(s).toBe(Buffer.from(b).toString('base64'))
      expect(Array.from(base64ToBytes(s))).toEqual(Array.from(b))
    }
    for (const bad of ['abc', 'ab=c', 'a*cd', 'ab==cd==']) expect(() => base64ToBytes(bad)).toThrow(TypeError)
  })
})
