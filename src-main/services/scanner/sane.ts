/**
 * Linux (and any Unix with SANE): scanning through `scanimage` from sane-utils.
 * Device list: `scanimage --formatted-device-list` (one tab-separated line per device).
 * A scan: `scanimage --device-name=ID --batch=DIR/page-%d.png --batch-print --format=png --resolution R --mode M
 * [--source S] [--batch-count N]`; --batch-print prints each finished page's path, which is our per-page progress.
 * Mode and source names differ between backends ("Color"/"Colour"/"24bit Color", "ADF"/"Automatic Document Feeder"),
 * so they are read from the device's own option list (`scanimage -A`) and matched, not assumed.
 */
import { ArmError, type ErrorCode } from '../../../src-shared/errors'
import { lastLine, runPageBatch, type ColourMode, type PaperSource, type ScanHooks, type ScanOptions, type ScanOutcome, type ScannerDevice, type ScannerDriver } from './driver'
import type { ProcessExit, ProcessRunner } from './process'

export interface SaneOptions {
  runner: ProcessRunner
  /** Where page files are written while a scan runs. */
  tmpDir: string
  /** The scanimage program (ARM_SCANIMAGE), default `scanimage` on PATH. */
  scanimage?: string
  /** Environment for scanimage, e.g. SANE_CONFIG_DIR (tests point it at a folder whose dll.conf says `test`). */
  env?: Record<string, string | undefined>
}

export interface SaneDeviceOptions {
  modes: string[]
  sources: string[]
}

/** Words each backend uses for our three colour modes and two paper sources, most specific first. */
const MODE_WORDS: Record<ColourMode, RegExp[]> = {
  color: [/^colou?r$/i, /colou?r/i],
  gray: [/^gr[ae]y(scale)?$/i, /gr[ae]y/i],
  lineart: [/^lineart$/i, /line ?art|binary|black ?& ?white|halftone/i],
}
const SOURCE_WORDS: Record<Exclude<PaperSource, 'auto'>, RegExp[]> = {
  feeder: [/^automatic document feeder$/i, /^adf( front)?$/i, /adf|feeder/i],
  flatbed: [/^flatbed$/i, /flatbed|platen/i],
}

export function pickOption(values: string[], words: RegExp[]): string | undefined {
  for (const w of words) {
    const hit = values.find((v) => w.test(v))
    if (hit) return hit
  }
  return undefined
}

/** Reads `--mode A|B [cur]` and `--source A|B [cur]` out of `scanimage -A`. */
export function parseSaneOptions(text: string): SaneDeviceOptions {
  const list = (name: string) => {
    const m = new RegExp(`^\\s+--${name} (.+?)(?: \\[[^\\]]*\\])?$`, 'm').exec(text)
    return m ? m[1].split('|').map((v) => v.trim()) : []
  }
  return { modes: list('mode'), sources: list('source') }
}

export function parseSaneDeviceList(stdout: string): ScannerDevice[] {
  return stdout
    .split('\n')
    .map((l) => l.split('\t'))
    .filter((f) => f.length >= 4 && f[0])
    .map(([id, vendor, model, kind]) => ({ id, vendor, model, kind, driver: 'sane' as const }))
}

/** scanimage's messages (sane_strstatus) → the operator's codes. */
export function classifySaneExit(exit: ProcessExit, pagesScanned: number, wanted?: number): { error: ErrorCode | null; feederEmptied: boolean } {
  const err = exit.stderr
  const outOfPaper = /out of documents|no documents|feeder empty|document feeder out/i.test(err)
  if (outOfPaper) {
    if (pagesScanned === 0) return { error: 'SCANNER_FEEDER_EMPTY', feederEmptied: true }
    return { error: null, feederEmptied: wanted !== undefined && pagesScanned < wanted }
  }
  if (exit.code === 0) return { error: null, feederEmptied: wanted !== undefined && pagesScanned < wanted }
  if (/jammed/i.test(err)) return { error: 'SCANNER_JAMMED', feederEmptied: false }
  if (/cover (is )?open/i.test(err)) return { error: 'SCANNER_COVER_OPEN', feederEmptied: false }
  if (/device busy/i.test(err)) return { error: 'SCANNER_BUSY', feederEmptied: false }
  if (/open of device .* failed|no such device|invalid argument/i.test(err) && pagesScanned === 0) return { error: 'SCANNER_NOT_FOUND', feederEmptied: false }
  return { error: 'SCANNER_FAILED', feederEmptied: false }
}

export class SaneDriver implements ScannerDriver {
  readonly name = 'sane' as const
  private readonly program: string

  constructor(private readonly opts: SaneOptions) {
    this.program = opts.scanimage ?? 'scanimage'
  }

  private async run(args: string[]): Promise<ProcessExit> {
    const exit = await this.opts.runner.start(this.program, args, { env: this.opts.env }).exited
    if (exit.spawnError === 'ENOENT') throw new ArmError('SCANNER_DRIVER_MISSING', `${this.program} is not installed (Debian: sane-utils)`)
    if (exit.spawnError) throw new ArmError('SCANNER_FAILED', `${this.program}: ${exit.spawnError}`)
    return exit
  }

  async list(): Promise<ScannerDevice[]> {
    const exit = await this.run(['--formatted-device-list=%d\t%v\t%m\t%t%n'])
    if (exit.code !== 0) throw new ArmError('SCANNER_FAILED', lastLine(exit.stderr))
    return parseSaneDeviceList(exit.stdout)
  }

  async deviceOptions(device: string): Promise<SaneDeviceOptions> {
    const exit = await this.run([`--device-name=${device}`, '--all-options'])
    if (exit.code !== 0) {
      const { error } = classifySaneExit(exit, 0)
      throw new ArmError(error ?? 'SCANNER_FAILED', lastLine(exit.stderr), { device })
    }
    return parseSaneOptions(exit.stdout)
  }

  async scan(o: ScanOptions, hooks: ScanHooks): Promise<ScanOutcome> {
    const known = await this.deviceOptions(o.device)
    // A scanner without a line-art mode scans grey rather than in its default (often colour) mode.
    const mode = pickOption(known.modes, MODE_WORDS[o.mode]) ?? (o.mode === 'lineart' ? pickOption(known.modes, MODE_WORDS.gray) : undefined)
    // Several pages asked for without naming the source: the feeder, where the scanner has one.
    const wanted = o.source === 'auto' ? ((o.pages ?? 1) > 1 ? 'feeder' : undefined) : o.source
    const source = wanted ? pickOption(known.sources, SOURCE_WORDS[wanted]) : undefined
    if (o.source !== 'auto' && known.sources.length > 0 && !source) {
      throw new ArmError('SCANNER_FAILED', `the scanner has no ${o.source} (it offers ${known.sources.join(', ')})`, { device: o.device })
    }
    // A flatbed (or a device without a source choice) holds one sheet: without a page count it gives one page.
    const onFeeder = source !== undefined && SOURCE_WORDS.feeder.some((w) => w.test(source))
    const count = o.pages ?? (onFeeder ? undefined : 1)
    return runPageBatch({
      runner: this.opts.runner,
      command: this.program,
      env: this.opts.env,
      tmpDir: this.opts.tmpDir,
      resolution: o.resolution,
      hooks,
      args: (dir) => [
        `--device-name=${o.device}`,
        `--batch=${dir}/page-%d.png`,
        '--batch-print',
        '--format=png',
        `--resolution=${o.resolution}`,
        ...(mode ? [`--mode=${mode}`] : []),
        ...(source ? [`--source=${source}`] : []),
        ...(count ? [`--batch-count=${count}`] : []),
      ],
      classify: (exit, n) => classifySaneExit(exit, n, o.pages),
    })
  }
}
