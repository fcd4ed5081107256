/** Shared bits of the `arm` commands: I/O port, argument parsing, secrets from a file or a no-echo prompt. */
import { readFileSync } from 'node:fs'
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
  flags: Map<string, string[]>
  has(name: string): boolean
  get(name: string): string | undefined
  all(name: string): string[]
}

/** --name value / --name=value / --switch. `switches` lists the flags that take no value. */
export function parseArgs(args: string[], switches: string[]): ParsedArgs {
  const positional: string[] = []
  const flags = new Map<string, string[]>()
  for (let i = 0; i < args.length; i++) {
    const a = args[i]
    if (!a.startsWith('--')) {
      positional.push(a)
      continue
    }
    const eq = a.indexOf('=')
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2)
    let value = eq > 0 ? a.slice(eq + 1) : 'true'
    if (eq < 0 && !switches.includes(name)) {
      const next = args[++i]
      if (next === undefined) throw new ArmError('ARGUMENT_INVALID', `--${name} needs a value`)
      value = next
    }
    if (['password', 'pin'].includes(name)) throw new ArmError('ARGUMENT_INVALID', `--${name} is not accepted: secrets never go on the command line (use --${name}-file or the prompt)`)
    flags.set(name, [...(flags.get(name) ?? []), value])
  }
  return {
    positional,
    flags,
    has: (n) => flags.has(n),
    get: (n) => flags.get(n)?.at(-1),
    all: (n) => flags.get(n) ?? [],
  }
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
