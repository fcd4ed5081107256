/**
 * The workstation's log file, next to its data: JSON lines with time, level, message and plain facts, rotated by size
 * (arm.log → arm.1.log … arm.<keep>.log, the oldest dropped), personal data masked before anything is written: every
 * 12-digit number (ИИН/БИН) as 8307******67, values of secret-looking keys (password, pin, token, key, cms, signature)
 * redacted. Support reads it with the diagnostics report.
 */
import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { maskIdentifier } from '../../../src-shared/identity'

export interface DeskLogOptions {
  /** Rotate once the file is larger (default 1 MiB). */
  maxBytes?: number
  /** Rotated files kept (default 5). */
  keep?: number
  now?: () => Date
}

const TWELVE = /(?<!\d)\d{12}(?!\d)/g
const SECRET_KEY = /pass(word)?|pin|token|secret|^key$|cms|signature|authorization/i

/** A text with every ИИН/БИН masked. */
export function maskText(text: string): string {
  return text.replace(TWELVE, (m) => maskIdentifier(m))
}

/** A value as it may be logged: strings masked, secret keys redacted, nested objects walked (bounded depth). */
export function maskValue(v: unknown, depth = 0): unknown {
  if (typeof v === 'string') return maskText(v)
  if (typeof v === 'number' && Number.isInteger(v) && String(v).length === 12) return maskText(String(v))
  if (v === null || typeof v !== 'object') return v
  if (depth > 4) return '[…]'
  if (Array.isArray(v)) return v.slice(0, 50).map((x) => maskValue(x, depth + 1))
  return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, SECRET_KEY.test(k) ? '[redacted]' : maskValue(x, depth + 1)]))
}

export class DeskLog {
  readonly file: string
  private readonly maxBytes: number
  private readonly keep: number
  private readonly now: () => Date

  constructor(readonly dir: string, opts: DeskLogOptions = {}) {
    mkdirSync(dir, { recursive: true })
    this.file = join(dir, 'arm.log')
    this.maxBytes = opts.maxBytes ?? 1024 * 1024
    this.keep = opts.keep ?? 5
    this.now = opts.now ?? (() => new Date())
  }

  info(message: string, fields: Record<string, unknown> = {}): void {
    this.write('info', message, fields)
  }
  warn(message: string, fields: Record<string, unknown> = {}): void {
    this.write('warn', message, fields)
  }
  error(message: string, fields: Record<string, unknown> = {}): void {
    this.write('error', message, fields)
  }

  private write(level: 'info' | 'warn' | 'error', message: string, fields: Record<string, unknown>): void {
    const line = JSON.stringify({ at: this.now().toISOString(), level, msg: maskText(message), ...(maskValue(fields) as Record<string, unknown>) }) + '\n'
    try {
      if (existsSync(this.file) && statSync(this.file).size + line.length > this.maxBytes) this.rotate()
      appendFileSync(this.file, line, { mode: 0o600 })
    } catch {
      // A full or read-only disk must not stop the desk: the log is for support, not for the work.
    }
  }

  private rotate(): void {
    const name = (i: number) => join(this.dir, i === 0 ? 'arm.log' : `arm.${i}.log`)
    if (existsSync(name(this.keep))) rmSync(name(this.keep))
    for (let i = this.keep - 1; i >= 0; i--) if (existsSync(name(i))) renameSync(name(i), name(i + 1))
  }
}
