/**
 * The gateway's pino logger. Personal data never reaches the log: 12-digit identifiers (ИИН/БИН) anywhere in a logged
 * string are masked, free-text query values (a name typed into a search) are masked, bearer tokens are redacted
 * wherever a parameter carries one, authorization headers and bodies are not logged at all.
 *
 * Everything is matched on the DECODED text: `?%74oken=` is `?token=`, `%20830717350867` is ` 830717350867`, a `+` in
 * a query is a space — an encoding must not walk a secret past a pattern.
 */
import pino from 'pino'
import { maskIdentifier } from '../src-shared/identity'

const TWELVE = /(?<!\d)\d{12}(?!\d)/g
/** Runs of percent-escapes, decoded as UTF-8 where they form valid text. */
const ESCAPES = /(?:%[0-9A-Fa-f]{2})+/g

/** Percent-escapes decoded (repeatedly, for double encoding), invalid sequences left as they are. */
export function decodeEscapes(text: string): string {
  let out = text
  for (let i = 0; i < 3 && ESCAPES.test(out); i++) {
    ESCAPES.lastIndex = 0
    out = out.replace(ESCAPES, (m) => {
      try {
        return decodeURIComponent(m)
      } catch {
        return m
      }
    })
  }
  ESCAPES.lastIndex = 0
  return out
}

export function maskPersonalData(text: string): string {
  return decodeEscapes(text).replace(TWELVE, (m) => maskIdentifier(m))
}

/** Query parameters whose values are codes, numbers or enums: logged as they are (after the 12-digit mask). */
const PLAIN_PARAMS = new Set(['since', 'limit', 'status', 'mine', 'type', 'lang', 'iin', 'bin', 'principaliin', 'agentiin', 'reason'])
/** Parameters that carry credentials, in any case and spelling a client may use. */
const SECRET_PARAM = /^(access[_-]?)?token$|^auth(orization)?$|^password$|^key$/i

/**
 * A request URL as it may be logged: the path masked, each query parameter decoded and judged by its decoded name —
 * credentials redacted, free text (names, addresses) reduced to its first letter, the rest masked by pattern.
 */
export function safeUrl(url: string): string {
  const q = url.indexOf('?')
  const path = maskPersonalData(q < 0 ? url : url.slice(0, q))
  if (q < 0) return path
  const parts = url.slice(q + 1).split('&').filter((p) => p.length > 0).map((pair) => {
    const eq = pair.indexOf('=')
    const rawName = eq < 0 ? pair : pair.slice(0, eq)
    const name = decodeEscapes(rawName.replace(/\+/g, ' ')).trim()
    if (eq < 0) return maskPersonalData(name)
    const value = decodeEscapes(pair.slice(eq + 1).replace(/\+/g, ' '))
    if (SECRET_PARAM.test(name)) return `${maskPersonalData(name)}=[redacted]`
    if (PLAIN_PARAMS.has(name.toLowerCase())) return `${maskPersonalData(name)}=${maskPersonalData(value)}`
    return `${maskPersonalData(name)}=${value ? `${value.slice(0, 1)}***` : ''}`
  })
  return `${path}?${parts.join('&')}`
}

/** Strings masked; the string fields of a logged object too (a message or an error text next to the structured fields). */
function maskArg(a: unknown): unknown {
  if (typeof a === 'string') return maskPersonalData(a)
  if (a && typeof a === 'object' && !Array.isArray(a) && !(a instanceof Error)) {
    return Object.fromEntries(Object.entries(a).map(([k, v]) => [k, typeof v === 'string' ? maskPersonalData(v) : v]))
  }
  return a
}

export function createLogger(opts: { level?: string; destination?: pino.DestinationStream } = {}): pino.Logger {
  return pino(
    {
      level: opts.level ?? 'info',
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.token', 'password', 'token'], censor: '[redacted]' },
      serializers: {
        req: (req: { method?: string; url?: string; id?: string }) => ({ method: req.method, url: safeUrl(String(req.url ?? '')), id: req.id }),
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map(maskArg) as Parameters<typeof method>)
        },
      },
    },
    opts.destination,
  )
}
