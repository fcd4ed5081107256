/**
 * Which PKCS#11 modules (token drivers) this desk loads: the known Kazakh token drivers by name with the paths their
 * installers usually use, found automatically when present; a custom path checked here, in main, before it is kept;
 * the choice kept in one small settings file beside the desk's data. The diagnostics and the key service read the
 * modules from here, so there is one answer to "which tokens does this desk see".
 */
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { dirname, isAbsolute, win32 } from 'node:path'
import * as pkcs11js from 'pkcs11js'
import { ArmError } from '../../../src-shared/errors'

export type TokenModuleId = 'kaztoken' | 'etoken' | 'jacarta' | 'softhsm2'

export interface KnownTokenModule {
  id: TokenModuleId
  /** The name operators know the token by. */
  name: string
  /** Where the vendor's installer usually puts the driver, most common first. */
  paths: { win32: string[]; linux: string[] }
}

/**
 * The usual install paths. A desk whose driver is elsewhere (another installer version, a 32-bit folder) sets the path
 * by hand; it is checked the same way.
 */
export const KNOWN_TOKEN_MODULES: readonly KnownTokenModule[] = [
  {
    id: 'kaztoken',
    name: 'Kaztoken',
    paths: {
      win32: ['C:\\Windows\\System32\\kztokenpkcs11.dll', 'C:\\Program Files\\Kaztoken\\kztokenpkcs11.dll'],
      linux: ['/usr/lib/libkztokenpkcs11.so', '/usr/lib/x86_64-linux-gnu/libkztokenpkcs11.so', '/opt/kaztoken/lib/libkztokenpkcs11.so'],
    },
  },
  {
    id: 'etoken',
    name: 'eToken (SafeNet)',
    paths: {
      win32: ['C:\\Windows\\System32\\eTPKCS11.dll'],
      linux: ['/usr/lib/libeTPkcs11.so', '/usr/lib/x86_64-linux-gnu/libeTPkcs11.so'],
    },
  },
  {
    id: 'jacarta',
    name: 'JaCarta',
    paths: {
      win32: ['C:\\Windows\\System32\\jcPKCS11-2.dll'],
      linux: ['/usr/lib/libjcPKCS11-2.so', '/usr/lib/x86_64-linux-gnu/libjcPKCS11-2.so', '/usr/lib64/pkcs11/libjcPKCS11-2.so'],
    },
  },
  {
    id: 'softhsm2',
    name: 'SoftHSM2',
    paths: {
      win32: ['C:\\SoftHSM2\\lib\\softhsm2-x64.dll'],
      linux: ['/usr/lib/softhsm/libsofthsm2.so', '/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so'],
    },
  },
]

export interface TokenModuleOption {
  id: TokenModuleId
  name: string
  /** The first usual path that exists on this desk; null: the driver is not installed here. */
  found: string | null
  /** The usual paths on this platform (what the screen shows when nothing is found). */
  usualPaths: string[]
}

type Platform = NodeJS.Platform

const pathsOf = (m: KnownTokenModule, platform: Platform) => (platform === 'win32' ? m.paths.win32 : m.paths.linux)

/** The known drivers with where each is installed on this desk, if it is. */
export function detectTokenModules(platform: Platform = process.platform, exists: (p: string) => boolean = existsSync): TokenModuleOption[] {
  return KNOWN_TOKEN_MODULES.map((m) => ({ id: m.id, name: m.name, found: pathsOf(m, platform).find((p) => exists(p)) ?? null, usualPaths: pathsOf(m, platform) }))
}

/** The known driver a path belongs to, if any (by its file name): the screen shows "JaCarta", not a path. */
export function knownModuleOf(path: string): KnownTokenModule | undefined {
  const file = path.split(/[\\/]/).pop()?.toLowerCase()
  return KNOWN_TOKEN_MODULES.find((m) => [...m.paths.win32, ...m.paths.linux].some((p) => p.split(/[\\/]/).pop()?.toLowerCase() === file))
}

const LIBRARY_EXT = { win32: /\.dll$/i, darwin: /\.(dylib|so)$/i, other: /\.so(\.\d+)*$/i }

/**
 * Checks a module path before it is kept: an absolute path to an existing file with the platform's library extension
 * that loads as a PKCS#11 module (C_GetInfo answers). A path typed by a person is never loaded otherwise.
 */
export function checkModulePath(path: string, platform: Platform = process.platform, probe: (p: string) => void = probeModule): void {
  const absolute = platform === 'win32' ? win32.isAbsolute(path) : isAbsolute(path)
  const ext = platform === 'win32' ? LIBRARY_EXT.win32 : platform === 'darwin' ? LIBRARY_EXT.darwin : LIBRARY_EXT.other
  if (!absolute || !ext.test(path) || /[\0\r\n]/.test(path)) throw new ArmError('PKCS11_MODULE_PATH_INVALID', undefined, { path })
  const file = (() => {
    try {
      return statSync(path).isFile()
    } catch {
      return false
    }
  })()
  if (!file) throw new ArmError('PKCS11_MODULE_MISSING', undefined, { path })
  probe(path)
}

/** Loads the library and asks C_GetInfo in a throw-away instance; anything else is PKCS11_MODULE_FAILED. */
export function probeModule(path: string): void {
  const lib = new pkcs11js.PKCS11()
  try {
    lib.load(path)
    try {
      lib.C_Initialize()
    } catch (err) {
      if ((err as { code?: number }).code !== pkcs11js.CKR_CRYPTOKI_ALREADY_INITIALIZED) throw err
    }
    lib.C_GetInfo()
  } catch (err) {
    throw new ArmError('PKCS11_MODULE_FAILED', err instanceof Error ? err.message : String(err), { module: path })
  }
  // No C_Finalize: another instance in this process may hold sessions on the same library (pkcs11.ts).
}

/** The desk's chosen modules, kept as JSON ({ modules: string[] }) in one file; absent: the environment's list. */
export class TokenModuleSettings {
  constructor(private readonly file: string | undefined, private readonly fallback: string[]) {}

  read(): string[] {
    if (!this.file || !existsSync(this.file)) return [...this.fallback]
    try {
      const data = JSON.parse(readFileSync(this.file, 'utf8')) as { modules?: unknown }
      return Array.isArray(data.modules) ? data.modules.filter((m): m is string => typeof m === 'string') : [...this.fallback]
    } catch {
      return [...this.fallback]
    }
  }

  /** Written whole and renamed into place, so a crash leaves the old list or the new one, never half of one. */
  write(modules: string[]): void {
    if (!this.file) return
    mkdirSync(dirname(this.file), { recursive: true })
    const tmp = `${this.file}.tmp`
    writeFileSync(tmp, JSON.stringify({ modules }, null, 2))
    renameSync(tmp, this.file)
  }
}
