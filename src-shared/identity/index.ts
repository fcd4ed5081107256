/**
 * ИИН / БИН (ЖСН / БСН): structure, check digit, parsing and generation.
 *
 * The algorithm is the public one (CATALOG.md §6, domain-anchors §1.7): weights 1..11 mod 11; if that gives 10, weights
 * 3..11,1,2; if that also gives 10 the number can never be issued. Pure TypeScript: used by the renderer's forms, the
 * host, the CLI and the gateway's synthetic registries alike.
 */
import { ArmError } from '../errors'

/** Codes of identity failures; each has kk/ru/en texts in errors/catalog.ts. */
export type IdentityErrorCode =
  | 'IIN_FORMAT'
  | 'IIN_CENTURY'
  | 'IIN_DATE'
  | 'IIN_CHECKSUM'
  | 'BIN_FORMAT'
  | 'BIN_DATE'
  | 'BIN_TYPE'
  | 'BIN_ATTRIBUTE'
  | 'BIN_CHECKSUM'
  | 'IIN_OR_BIN_FORMAT'

/**
 * The identifiers carried by the NCA RK test certificates. They fail the check digit (their "date" 12-34-56 is not a
 * date either), so a test mode must accept them explicitly and say they are test values.
 */
export const TEST_IINS: readonly string[] = ['123456789011', '123456789012']
export const TEST_BINS: readonly string[] = ['123456789021']

export type Sex = 'male' | 'female'
export type BinEntityType = 'resident' | 'nonResident' | 'jointEntrepreneur'
export type BinAttribute = 'head' | 'branch' | 'representative' | 'farm'

export type ParsedIin =
  | { kind: 'iin'; iin: string; test: false; birthDate: string; sex: Sex; serial: number }
  | { kind: 'iin'; iin: string; test: true }

export type ParsedBin =
  | {
      kind: 'bin'
      bin: string
      test: false
      /** Registration year and month, `YYYY-MM`. The number holds only YY: 51..99 are read as 19YY. */
      registered: string
      entityType: BinEntityType
      attribute: BinAttribute
      serial: number
    }
  | { kind: 'bin'; bin: string; test: true }

export type IdentityResult<T> = { ok: true; value: T } | { ok: false; code: IdentityErrorCode }

export interface IdentityOptions {
  /** Accept the NCA test identifiers (TEST_IINS / TEST_BINS), reported with `test: true`. Off by default. */
  testTrust?: boolean
}

const WEIGHTS_1 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]
const WEIGHTS_2 = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]
const TWELVE_DIGITS = /^\d{12}$/

/**
 * The check digit for the first 11 digits, or null when both passes give 10 (no such number can be issued).
 */
export function checkDigit(first11: string): number | null {
  if (!/^\d{11}$/.test(first11)) throw new ArmError('IIN_FORMAT', 'checkDigit needs exactly 11 digits')
  const sum = (w: number[]) => w.reduce((s, wi, i) => s + wi * (first11.charCodeAt(i) - 48), 0) % 11
  const c1 = sum(WEIGHTS_1)
  if (c1 !== 10) return c1
  const c2 = sum(WEIGHTS_2)
  return c2 === 10 ? null : c2
}

/** True when the 12th digit matches the check digit of the first 11 (nothing else is checked). */
export function hasValidCheckDigit(value: string): boolean {
  if (!TWELVE_DIGITS.test(value)) return false
  const c = checkDigit(value.slice(0, 11))
  return c !== null && c === value.charCodeAt(11) - 48
}

/** Removes the spaces and dashes people type or paste inside a number; nothing else is forgiven. */
export function normalizeIdentifier(value: string): string {
  return value.replace(/[\s\u00a0-]/g, '')
}

function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false
  const days = [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
  return d <= days
}
function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
}
const pad = (n: number, w: number) => String(n).padStart(w, '0')

/** Validates and parses an ИИН: 12 digits, century/sex digit 1–6, a real birth date, the check digit. */
export function parseIin(raw: string, opts: IdentityOptions = {}): IdentityResult<ParsedIin> {
  const iin = normalizeIdentifier(raw)
  if (opts.testTrust && TEST_IINS.includes(iin)) return { ok: true, value: { kind: 'iin', iin, test: true } }
  if (!TWELVE_DIGITS.test(iin)) return { ok: false, code: 'IIN_FORMAT' }
  const c7 = iin.charCodeAt(6) - 48
  if (c7 < 1 || c7 > 6) return { ok: false, code: 'IIN_CENTURY' }
  const century = 1800 + 100 * Math.floor((c7 - 1) / 2)
  const y = century + Number(iin.slice(0, 2))
  const m = Number(iin.slice(2, 4))
  const d = Number(iin.slice(4, 6))
  if (!isRealDate(y, m, d)) return { ok: false, code: 'IIN_DATE' }
  if (!hasValidCheckDigit(iin)) return { ok: false, code: 'IIN_CHECKSUM' }
  return {
    ok: true,
    value: {
      kind: 'iin',
      iin,
      test: false,
      birthDate: `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`,
      sex: c7 % 2 === 1 ? 'male' : 'female',
      serial: Number(iin.slice(7, 11)),
    },
  }
}

const BIN_TYPES: Record<string, BinEntityType> = { '4': 'resident', '5': 'nonResident', '6': 'jointEntrepreneur' }
const BIN_ATTRS: Record<string, BinAttribute> = { '0': 'head', '1': 'branch', '2': 'representative', '3': 'farm' }

/** Validates and parses a БИН: 12 digits, month 01–12, type 4–6, attribute 0–3, the check digit. */
export function parseBin(raw: string, opts: IdentityOptions = {}): IdentityResult<ParsedBin> {
  const bin = normalizeIdentifier(raw)
  if (opts.testTrust && TEST_BINS.includes(bin)) return { ok: true, value: { kind: 'bin', bin, test: true } }
  if (!TWELVE_DIGITS.test(bin)) return { ok: false, code: 'BIN_FORMAT' }
  const yy = Number(bin.slice(0, 2))
  const m = Number(bin.slice(2, 4))
  if (m < 1 || m > 12) return { ok: false, code: 'BIN_DATE' }
  const entityType = BIN_TYPES[bin[4]]
  if (!entityType) return { ok: false, code: 'BIN_TYPE' }
  const attribute = BIN_ATTRS[bin[5]]
  if (!attribute) return { ok: false, code: 'BIN_ATTRIBUTE' }
  if (!hasValidCheckDigit(bin)) return { ok: false, code: 'BIN_CHECKSUM' }
  const year = yy > 50 ? 1900 + yy : 2000 + yy
  return {
    ok: true,
    value: { kind: 'bin', bin, test: false, registered: `${year}-${pad(m, 2)}`, entityType, attribute, serial: Number(bin.slice(6, 11)) },
  }
}

/**
 * Either kind, told apart by the 5th digit: in an ИИН it is the tens of the day (0–3), in a БИН the type (4–6).
 */
export function parseIinOrBin(raw: string, opts: IdentityOptions = {}): IdentityResult<ParsedIin | ParsedBin> {
  const v = normalizeIdentifier(raw)
  if (opts.testTrust && TEST_IINS.includes(v)) return parseIin(v, opts)
  if (opts.testTrust && TEST_BINS.includes(v)) return parseBin(v, opts)
  if (!TWELVE_DIGITS.test(v)) return { ok: false, code: 'IIN_OR_BIN_FORMAT' }
  return v[4] >= '4' ? parseBin(v, opts) : parseIin(v, opts)
}

export const isValidIin = (v: string, opts?: IdentityOptions): boolean => parseIin(v, opts).ok
export const isValidBin = (v: string, opts?: IdentityOptions): boolean => parseBin(v, opts).ok

/** Like parseIin but throws an ArmError with the code (for services; forms use the result form). */
export function assertIin(v: string, opts?: IdentityOptions): ParsedIin {
  const r = parseIin(v, opts)
  if (!r.ok) throw new ArmError(r.code, r.code)
  return r.value
}
export function assertBin(v: string, opts?: IdentityOptions): ParsedBin {
  const r = parseBin(v, opts)
  if (!r.ok) throw new ArmError(r.code, r.code)
  return r.value
}

/**
 * Masks an identifier for lists and logs (CATALOG.md G28: `8407******31`). Anything that is not 12 digits is fully
 * masked, so a typo never leaks a full number either.
 */
export function maskIdentifier(v: string): string {
  const s = normalizeIdentifier(v)
  return TWELVE_DIGITS.test(s) ? `${s.slice(0, 4)}******${s.slice(10)}` : '*'.repeat(Math.max(4, s.length))
}

function dateParts(d: string | Date): [number, number, number] {
  if (d instanceof Date) return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()]
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d)
  if (!m) throw new ArmError('IIN_DATE', `birthDate must be YYYY-MM-DD, got ${d}`)
  return [Number(m[1]), Number(m[2]), Number(m[3])]
}

function completeWithCheckDigit(first11: string, serialAt: number, serialWidth: number): string {
  // Some prefixes have no possible check digit (both passes give 10); such numbers are never issued, so the
  // generator moves on to the next serial instead of producing an invalid number.
  const head = first11.slice(0, serialAt)
  const serial = Number(first11.slice(serialAt, serialAt + serialWidth))
  const limit = 10 ** serialWidth
  for (let i = 0; i < limit; i++) {
    const candidate = head + pad((serial + i) % limit, serialWidth) + first11.slice(serialAt + serialWidth)
    const c = checkDigit(candidate)
    if (c !== null) return candidate + String(c)
  }
  throw new ArmError('IIN_CHECKSUM', 'no serial gives a check digit')
}

/**
 * A valid ИИН for a birth date, sex and 4-digit serial (synthetic registries, tests). When the serial admits no check
 * digit the next serial is used; parse the result to read the serial actually used.
 */
export function makeIin(p: { birthDate: string | Date; sex: Sex; serial: number }): string {
  const [y, m, d] = dateParts(p.birthDate)
  if (y < 1800 || y > 2099 || !isRealDate(y, m, d)) throw new ArmError('IIN_DATE', `no ИИН for birth date ${y}-${m}-${d}`)
  if (!Number.isInteger(p.serial) || p.serial < 0 || p.serial > 9999) throw new ArmError('IIN_FORMAT', 'serial must be 0..9999')
  const c7 = 1 + 2 * Math.floor((y - 1800) / 100) + (p.sex === 'female' ? 1 : 0)
  const first11 = pad(y % 100, 2) + pad(m, 2) + pad(d, 2) + String(c7) + pad(p.serial, 4)
  return completeWithCheckDigit(first11, 7, 4)
}

const TYPE_DIGIT: Record<BinEntityType, string> = { resident: '4', nonResident: '5', jointEntrepreneur: '6' }
const ATTR_DIGIT: Record<BinAttribute, string> = { head: '0', branch: '1', representative: '2', farm: '3' }

/** A valid БИН for a registration month (`YYYY-MM`), type, attribute and 5-digit serial. */
export function makeBin(p: { registered: string; entityType?: BinEntityType; attribute?: BinAttribute; serial: number }): string {
  const m = /^(\d{4})-(\d{2})$/.exec(p.registered)
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw new ArmError('BIN_DATE', `registered must be YYYY-MM, got ${p.registered}`)
  if (!Number.isInteger(p.serial) || p.serial < 0 || p.serial > 99999) throw new ArmError('BIN_FORMAT', 'serial must be 0..99999')
  const first11 =
    m[1].slice(2) + m[2] + TYPE_DIGIT[p.entityType ?? 'resident'] + ATTR_DIGIT[p.attribute ?? 'head'] + pad(p.serial, 5)
  return completeWithCheckDigit(first11, 6, 5)
}
