/** Shared bits of the `arm` commands: I/O port, argument parsing, secrets from a file or a no-echo prompt. */
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { ArmError, errorText, isErrorCode, type Lang } from '../../src-shared/errors'

export interface CliIo {
  stdout: (s: string) => void
  stderr: (s: string) => void
  /** Reads a secret from the terminal without echo (or a line of stdin when it is not a terminal). */
  readSecret?: (prompt: string) => Promise<string>
  env?: Record<string, string | undefined>
}

export interface ParsedArgs {
  positional: string[]
  has(name: string): boolean
  get(name: string): string | undefined
  all(name: string): string[]
}

/** One subcommand's command line: its usage text, its options (nothing else is accepted) and how many positionals. */
export interface CommandSpec {
  usage: string
  options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>
  /** [min, max] positional arguments; default none. */
  positionals?: [number, number]
}

/** `--help` / `-h` anywhere in a subcommand's arguments: print its usage, exit 0. */
export const wantsHelp = (args: readonly string[]): boolean => args.includes('--help') || args.includes('-h')

/**
 * Strict parsing with node:util parseArgs: an unknown flag (a typo such as --expected-inn), a missing value, a value
 * given to a switch or an unexpected positional is ARGUMENT_INVALID (exit 2) — never silently ignored, so a check the
 * user asked for is never skipped. Secrets are refused as arguments with their own message.
 */
export function parseCommand(args: string[], spec: CommandSpec): ParsedArgs {
  for (const a of args) {
    const name = /^--(password|pin)(=|$)/.exec(a)?.[1]
    if (name) throw new ArmError('ARGUMENT_INVALID', `--${name} is not accepted: secrets never go on the command line (use --${name}-file or the prompt)`)
  }
  let parsed: { values: Record<string, string | boolean | Array<string | boolean> | undefined>; positionals: string[] }
  try {
    parsed = parseArgs({ args, options: spec.options, strict: true, allowPositionals: true })
  } catch (err) {
    // ERR_PARSE_ARGS_UNKNOWN_OPTION / _INVALID_OPTION_VALUE / _UNEXPECTED_POSITIONAL: the message names the argument.
    throw new ArmError('ARGUMENT_INVALID', `${(err as Error).message.split('\n')[0]}\n${spec.usage.trimEnd()}`)
  }
  const [min, max] = spec.positionals ?? [0, 0]
  if (parsed.positionals.length < min || parsed.positionals.length > max) {
    throw new ArmError('ARGUMENT_INVALID', `${parsed.positionals.length < min ? 'missing argument' : `unexpected argument "${parsed.positionals[max]}"`}\n${spec.usage.trimEnd()}`)
  }
  // Own keys only: parseArgs returns a null-prototype object, but a name like "constructor" must not reach Object's.
  const own = (n: string) => (Object.prototype.hasOwnProperty.call(parsed.values, n) ? parsed.values[n] : undefined)
  const list = (n: string): string[] => {
    const v = own(n)
    return v === undefined ? [] : (Array.isArray(v) ? v : [v]).map(String)
  }
  return {
    positional: parsed.positionals,
    has: (n) => own(n) !== undefined && own(n) !== false,
    get: (n) => list(n).at(-1),
    all: list,
  }
}

/** A required option's value, or ARGUMENT_INVALID naming it. */
export function required(a: ParsedArgs, name: string, spec: CommandSpec): string {
  const v = a.get(name)
  if (v === undefined || v === '') throw new ArmError('ARGUMENT_INVALID', `--${name} is required\n${spec.usage.trimEnd()}`)
  return v
}

/** --expected-iin: twelve digits or ARGUMENT_INVALID (a malformed value must not turn the check off). */
export function iinOption(a: ParsedArgs): string | undefined {
  const v = a.get('expected-iin')
  if (v !== undefined && !/^\d{12}$/.test(v)) throw new ArmError('ARGUMENT_INVALID', `--expected-iin must be 12 digits, got "${v}"`)
  return v
}

export function readInput(path: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path))
  } catch (err) {
    throw new ArmError('FILE_UNREADABLE', `${path}: ${(err as Error).message}`, { path })
  }
}

/** A secret from --password-file / --pin-file (first line, trailing newline dropped) or from the prompt. */
export async function secretFrom(file: string | undefined, io: CliIo, prompt: string): Promise<string> {
  if (file) return new TextDecoder().decode(readInput(file)).replace(/\r?\n$/, '').split(/\r?\n/)[0]
  if (!io.readSecret) throw new ArmError('SECRET_PROMPT_UNAVAILABLE', 'no terminal to ask the secret; use --password-file')
  return io.readSecret(prompt)
}

export function langOf(io: CliIo): Lang {
  const v = (io.env?.ARM_LANG ?? '').slice(0, 2)
  return v === 'kk' || v === 'ru' || v === 'en' ? v : 'en'
}

/** Prints a coded error in the user's language; returns the exit code (2 = usage, 3 = refused/failed). */
export function reportError(err: unknown, io: CliIo): number {
  const code = err instanceof ArmError ? err.code : 'INTERNAL'
  const text = isErrorCode(code) ? errorText(code, langOf(io)) : String(err)
  const detail = err instanceof Error && err.message && err.message !== code ? ` (${err.message})` : ''
  io.stderr(`${code}: ${text}${detail}\n`)
  return code === 'ARGUMENT_INVALID' ? 2 : 3
}
