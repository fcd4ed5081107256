/**
 * The gateway's pino logger. Personal data never reaches the log: 12-digit identifiers (ИИН/БИН) in URLs and
 * messages are masked, authorization headers and bodies are not logged at all.
 */
import pino from 'pino'
import { maskIdentifier } from '../src-shared/identity'

const TWELVE = /(?<!\d)\d{12}(?!\d)/g

export function maskPersonalData(text: string): string {
  return text.replace(TWELVE, (m) => maskIdentifier(m))
}

export function createLogger(opts: { level?: string; destination?: pino.DestinationStream } = {}): pino.Logger {
  return pino(
    {
      level: opts.level ?? 'info',
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.token', 'password', 'token'], censor: '[redacted]' },
      serializers: {
        req: (req: { method?: string; url?: string; id?: string }) => ({ method: req.method, url: maskPersonalData(String(req.url ?? '').replace(/([?&]token=)[^&]*/, '$1[redacted]')), id: req.id }),
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? maskPersonalData(a) : a)) as Parameters<typeof method>)
        },
      },
    },
    opts.destination,
  )
}
