/**
 * What every scanning system (SANE's scanimage on Linux, WIA through PowerShell on Windows) offers the scanner
 * service, and the one page-file protocol both helpers follow: the helper writes each finished page as a PNG file into
 * a folder of ours and prints that file's path on its own stdout line, so pages arrive (and progress is known) one by
 * one, and a cancel is a kill of the helper.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { ArmError, type ErrorCode } from '../../../src-shared/errors'
import type { ProcessExit, ProcessRunner } from './process'

export type ScannerDriverName = 'sane' | 'wia'
export type ColourMode = 'color' | 'gray' | 'lineart'
export type PaperSource = 'auto' | 'flatbed' | 'feeder'

export interface ScannerDevice {
  /** What to pass back as `device` (SANE device name, WIA DeviceID). */
  id: string
  vendor: string
  model: string
  /** flatbed scanner, sheetfed scanner, virtual device … as the system describes it. */
  kind: string
  driver: ScannerDriverName
}

export interface ScanOptions {
  device: string
  /** Stop after this many pages; without it a feeder is scanned until empty and a flatbed gives one page. */
  pages?: number
  resolution: number
  mode: ColourMode
  source: PaperSource
}

export interface ScannedPage {
  /** 0-based, in scan order. */
  index: number
  mediaType: 'image/png'
  bytes: Uint8Array
  width: number
  height: number
  dpi: number
}

export interface ScanHooks {
  onPage?: (page: ScannedPage) => void
  /** Set when the helper has started: how to stop it. */
  onStarted?: (stop: () => void) => void
}

export interface ScanOutcome {
  pages: ScannedPage[]
  /** The feeder ran out before `pages` were scanned (what was scanned is still returned). */
  feederEmptied: boolean
}

export interface ScannerDriver {
  readonly name: ScannerDriverName
  list(): Promise<ScannerDevice[]>
  scan(options: ScanOptions, hooks: ScanHooks): Promise<ScanOutcome>
}

/** Width and height from a PNG's IHDR. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
  if (bytes.length < 24 || sig.some((b, i) => bytes[i] !== b)) throw new ArmError('SCANNER_FAILED', 'the scanner helper wrote something that is not a PNG')
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  return { width: dv.getUint32(16), height: dv.getUint32(20) }
}

export interface PageBatch {
  runner: ProcessRunner
  command: string
  /** Arguments, given the folder the pages go into. */
  args: (dir: string) => string[]
  /** The helper's environment; a function when it must name the page folder (WIA's script reads it from there). */
  env?: Record<string, string | undefined> | ((dir: string) => Record<string, string | undefined>)
  tmpDir: string
  resolution: number
  hooks: ScanHooks
  /** Turns a failed run into the coded error the operator sees (or null when the run ended normally). */
  classify: (exit: ProcessExit, pagesScanned: number) => { error: ErrorCode | null; feederEmptied: boolean }
}

/** Runs one helper under the page-file protocol; the temporary folder is removed whatever happens. */
export async function runPageBatch(b: PageBatch): Promise<ScanOutcome> {
  const dir = await mkdtemp(join(b.tmpDir, 'arm-scan-'))
  try {
    const proc = b.runner.start(b.command, b.args(dir), { env: typeof b.env === 'function' ? b.env(dir) : b.env })
    let cancelled = false
    b.hooks.onStarted?.(() => {
      cancelled = true
      proc.kill()
    })
    const pages: ScannedPage[] = []
    let reading = Promise.resolve()
    proc.onStdoutLine((line) => {
      const path = line.trim()
      // Only files in our own folder: anything else the helper prints is not a page.
      if (!path.startsWith(dir)) return
      reading = reading.then(async () => {
        const bytes = new Uint8Array(await readFile(path))
        const page: ScannedPage = { index: pages.length, mediaType: 'image/png', bytes, ...pngSize(bytes), dpi: b.resolution }
        pages.push(page)
        if (!cancelled) b.hooks.onPage?.(page)
      })
    })
    const exit = await proc.exited
    if (exit.spawnError === 'ENOENT') throw new ArmError('SCANNER_DRIVER_MISSING', `${b.command} is not installed`)
    if (exit.spawnError) throw new ArmError('SCANNER_FAILED', `${b.command}: ${exit.spawnError}`)
    await reading
    if (cancelled) throw new ArmError('SCANNER_CANCELLED', undefined, { pagesScanned: pages.length })
    const verdict = b.classify(exit, pages.length)
    if (verdict.error) throw new ArmError(verdict.error, lastLine(exit.stderr), { pagesScanned: pages.length })
    return { pages, feederEmptied: verdict.feederEmptied }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

export function lastLine(text: string): string {
  return text.trim().split('\n').at(-1)?.slice(0, 300) ?? ''
}
