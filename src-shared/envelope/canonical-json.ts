/**
 * Canonical JSON in the style of RFC 8785 (JCS): object keys sorted by UTF-16 code units, no whitespace, numbers in
 * the ECMAScript shortest form (which is what JCS prescribes), strings escaped as JSON.stringify does (the JCS escape
 * set). Values JSON cannot carry faithfully are refused instead of being silently changed: undefined, NaN/±Infinity,
 * bigint, functions, symbols, Dates and other class instances, lone surrogates.
 *
 * Why: the workstation signs these bytes and the gateway re-derives them; one byte of difference breaks the signature.
 */
import { ArmError } from '../errors'

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue }

const MAX_DEPTH = 64
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

function unsupported(path: string, what: string): never {
  throw new ArmError('CANONICAL_JSON_UNSUPPORTED', `${what} at ${path || '$'}`, { path: path || '$', what })
}

function str(s: string, path: string): string {
  if (LONE_SURROGATE.test(s)) unsupported(path, 'lone surrogate in string')
  return JSON.stringify(s)
}

function write(v: unknown, path: string, depth: number, out: string[]): void {
  if (depth > MAX_DEPTH) unsupported(path, `nesting deeper than ${MAX_DEPTH}`)
  if (v === null) {
    out.push('null')
    return
  }
  switch (typeof v) {
    case 'boolean':
      out.push(v ? 'true' : 'false')
      return
    case 'number':
      if (!Number.isFinite(v)) unsupported(path, String(v))
      // ES Number-to-String is the JCS number form; -0 becomes "0" as JCS requires.
      out.push(Object.is(v, -0) ? '0' : String(v))
      return
    case 'string':
      out.push(str(v, path))
      return
    case 'object':
      break
    default:
      unsupported(path, typeof v)
  }
  if (Array.isArray(v)) {
    out.push('[')
    for (let i = 0; i < v.length; i++) {
      if (i) out.push(',')
      if (!(i in v) || v[i] === undefined) unsupported(`${path}[${i}]`, 'undefined')
      write(v[i], `${path}[${i}]`, depth + 1, out)
    }
    out.push(']')
    return
  }
  const proto = Object.getPrototypeOf(v)
  if (proto !== Object.prototype && proto !== null) unsupported(path, `object of class ${(v as object).constructor?.name ?? '?'}`)
  const obj = v as Record<string, unknown>
  // Default sort compares UTF-16 code units, exactly the JCS key order.
  const keys = Object.keys(obj).sort()
  out.push('{')
  keys.forEach((k, i) => {
    const p = `${path}.${k}`
    if (obj[k] === undefined) unsupported(p, 'undefined')
    if (i) out.push(',')
    out.push(str(k, p), ':')
    write(obj[k], p, depth + 1, out)
  })
  out.push('}')
}

/** The canonical JSON text of a value; throws ArmError CANONICAL_JSON_UNSUPPORTED for values JSON cannot carry. */
export function canonicalJson(value: unknown): string {
  const out: string[] = []
  write(value, '', 0, out)
  return out.join('')
}

/**
 * A copy without object properties whose value is undefined (TypeScript optional fields often carry them). Arrays are
 * left alone: an undefined inside an array is still refused by canonicalJson.
 */
export function dropUndefined<T>(value: T): T {
  if (Array.isArray(value)) return value.map((x) => dropUndefined(x)) as T
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {}
    for (const [k, x] of Object.entries(value)) if (x !== undefined) out[k] = dropUndefined(x)
    return out as T
  }
  return value
}

const encoder = new TextEncoder()
/** UTF-8 bytes of the canonical JSON of a value. */
export function canonicalJsonBytes(value: unknown): Uint8Array {
  return encoder.encode(canonicalJson(value))
}
