/**
 * A stand-in Electron distribution for packaging tests, since the real one cannot be downloaded here: the folder
 * layout electron-builder copies (electron.exe, resources/, locales/, version, LICENSE), where electron.exe is a real
 * but empty Windows PE image carrying what packaging touches — a VERSIONINFO resource (electron-builder adds the asar
 * integrity resource next to it) and Electron's fuse wire (sentinel, wire version 1, 8 fuses), which the afterPack hook
 * flips as in a real binary.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'

export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
/** Electron's defaults for the 8 fuses of wire version 1, as '0'/'1' (RunAsNode on, cookie encryption off, …). */
export const DEFAULT_FUSES = '10111001'

/** Packages that come with electron-builder, resolved where electron-builder resolves them. */
export const fromBuilder = createRequire(createRequire(__filename).resolve('app-builder-lib/package.json'))

/** The part of resedit used here, typed locally: resedit's own typings pull the DOM library into the Node build. */
interface ResourceEntry {
  type: string | number
  id: string | number
  lang: number
  codepage: number
  bin: ArrayBuffer | Uint8Array
}
interface PeImage {
  generate(): ArrayBuffer
}
interface VersionInfo {
  setStringValues(lang: { lang: number; codepage: number }, values: Record<string, string>): void
  getStringValues(lang: { lang: number; codepage: number }): Record<string, string>
  outputToResourceEntries(entries: ResourceEntry[]): void
}
export interface ResEditApi {
  NtExecutable: { createEmpty(is32Bit: boolean, isDll: boolean): PeImage; from(bin: ArrayBuffer | Uint8Array): PeImage }
  NtExecutableResource: { from(exe: PeImage): { entries: ResourceEntry[]; outputResource(exe: PeImage): void } }
  Resource: { VersionInfo: { createEmpty(): VersionInfo; fromEntries(entries: ResourceEntry[]): VersionInfo[] } }
}
export const ResEdit = fromBuilder('resedit') as ResEditApi

export function writeElectronStandin(dir: string, version: string): string {
  mkdirSync(join(dir, 'resources'), { recursive: true })
  mkdirSync(join(dir, 'locales'), { recursive: true })
  const exe = ResEdit.NtExecutable.createEmpty(false, false)
  const res = ResEdit.NtExecutableResource.from(exe)
  const vi = ResEdit.Resource.VersionInfo.createEmpty()
  vi.setStringValues({ lang: 1033, codepage: 1200 }, { ProductName: 'Electron', FileDescription: 'Electron', CompanyName: 'GitHub, Inc.', OriginalFilename: 'electron.exe' })
  vi.outputToResourceEntries(res.entries)
  const wire = Buffer.concat([Buffer.from(FUSE_SENTINEL, 'latin1'), Buffer.from([1, DEFAULT_FUSES.length]), Buffer.from(DEFAULT_FUSES, 'latin1')])
  res.entries.push({ type: 10 /* RT_RCDATA */, id: 1, lang: 1033, codepage: 1200, bin: wire })
  res.outputResource(exe)
  writeFileSync(join(dir, 'electron.exe'), Buffer.from(exe.generate()))
  writeFileSync(join(dir, 'version'), version)
  writeFileSync(join(dir, 'LICENSE'), 'stand-in for packaging tests')
  writeFileSync(join(dir, 'locales', 'ru.pak'), 'stand-in')
  return dir
}

/** The fuse states ('0'/'1' per fuse) in an executable's bytes. */
export function fuseWireOf(bytes: Buffer): string {
  const at = bytes.indexOf(FUSE_SENTINEL, 0, 'latin1')
  if (at < 0) throw new Error('no fuse sentinel')
  const len = bytes[at + FUSE_SENTINEL.length + 1]
  return bytes.subarray(at + FUSE_SENTINEL.length + 2, at + FUSE_SENTINEL.length + 2 + len).toString('latin1')
}
