/**
 * Where the gateway's JSON log goes. Next to its database by default (`gateway.log` beside the SQLite file), so the
 * terminal of `npm start` stays readable for the people trying the demo; `--verbose` (or GATEWAY_VERBOSE=1) prints it
 * to stdout as before; GATEWAY_LOG_FILE names another file. An in-memory database or a
 * PostgreSQL URL has no folder: stdout.
 */
import { dirname, join, resolve } from 'node:path'
import pino from 'pino'
import { dbKind } from './config'

export interface LogTarget {
  /** The file the log is appended to, or undefined for stdout. */
  file?: string
  destination?: pino.DestinationStream
}

export function logTarget(db: string, argv: string[] = process.argv.slice(2), env: NodeJS.ProcessEnv = process.env): LogTarget {
  if (argv.includes('--verbose') || env.GATEWAY_VERBOSE === '1') return {}
  const file = env.GATEWAY_LOG_FILE ? resolve(env.GATEWAY_LOG_FILE) : db === ':memory:' || dbKind(db) === 'postgres' ? undefined : join(dirname(db), 'gateway.log')
  if (!file) return {}
  // Synchronous appends: a line is on disk before the process may exit (the demo's volume is small).
  return { file, destination: pino.destination({ dest: file, append: true, mkdir: true, sync: true }) }
}
