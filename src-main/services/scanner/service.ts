/**
 * The scanner service: which scanners the desk has, one scan at a time with per-page progress, and cancel.
 * Plain Node; its one OS capability (starting scanimage / PowerShell) comes in as a ProcessRunner.
 *
 * Detection (createScannerService), in this order:
 *   1. ARM_SCANNER=sane|wia|none forces the choice (none: the desk has no scanner; the Scan button stays off).
 *   2. Windows: WIA through Windows PowerShell (%SystemRoot%\System32\WindowsPowerShell\v1.0\powershell.exe, or
 *      ARM_POWERSHELL). WIA is part of Windows; the scanner's own WIA driver must be installed (vendor package).
 *   3. Anything else: SANE's `scanimage` (ARM_SCANIMAGE, else on PATH; Debian/Ubuntu package sane-utils plus the
 *      backend of the scanner, most in libsane1, network scanners in sane-airscan).
 * What the administrator sees when nothing is found: `arm scan --list` (and scanner.list / scanner.scan) answers
 * SCANNER_DRIVER_MISSING when the program itself is missing (install sane-utils / repair WIA), and SCANNER_NOT_FOUND
 * when the system runs but sees no scanner (cable, power, driver; `scanimage -L` or Windows "Scanners and Cameras").
 */
import { tmpdir } from 'node:os'
import { win32 } from 'node:path'
import { ArmError } from '../../../src-shared/errors'
import type { ColourMode, PaperSource, ScanOutcome, ScannedPage, ScannerDevice, ScannerDriver, ScannerDriverName } from './driver'
import { nodeProcessRunner, type ProcessRunner } from './process'
import { SaneDriver } from './sane'
import { WiaDriver } from './wia'

export interface ScanRequest {
  /** A device id from list(); absent: the first scanner found. */
  device?: string
  pages?: number
  resolution?: number
  mode?: ColourMode
  source?: PaperSource
}

export type JobState = 'scanning' | 'done' | 'failed' | 'cancelled'

export interface JobProgress {
  state: JobState | 'unknown'
  pagesScanned: number
  pagesWanted?: number
  errorCode?: string
}

interface Job {
  progress: JobProgress
  stop?: () => void
  cancelRequested: boolean
}

/** Finished jobs kept so that a late progress poll still learns how a scan ended. */
const KEPT_JOBS = 32

export class ScannerService {
  private readonly jobs = new Map<string, Job>()
  private running: string | null = null

  /** `driver` null: this desk has no scanning system (ARM_SCANNER=none or nothing detected). */
  constructor(readonly driver: ScannerDriver | null) {}

  get driverName(): ScannerDriverName | null {
    return this.driver?.name ?? null
  }

  private need(): ScannerDriver {
    if (!this.driver) throw new ArmError('SCANNER_DRIVER_MISSING', 'no scanning system is configured on this desk')
    return this.driver
  }

  list(): Promise<ScannerDevice[]> {
    return this.need().list()
  }

  /**
   * Scans; pages are handed to onPage as they arrive and returned together at the end.
   * `jobId` (chosen by the caller) lets another call follow progress() and cancel() while this one runs.
   */
  async scan(request: ScanRequest, options: { jobId?: string; onPage?: (page: ScannedPage) => void } = {}): Promise<ScanOutcome> {
    const driver = this.need()
    if (this.running !== null) throw new ArmError('SCANNER_BUSY')
    const jobId = options.jobId ?? `job-${Date.now()}`
    if (this.jobs.has(jobId)) throw new ArmError('SCANNER_BUSY', 'that job id was used already')
    const job: Job = { progress: { state: 'scanning', pagesScanned: 0, pagesWanted: request.pages }, cancelRequested: false }
    this.running = jobId
    this.remember(jobId, job)
    try {
      let device = request.device
      if (!device) {
        device = (await driver.list())[0]?.id
        if (!device) throw new ArmError('SCANNER_NOT_FOUND')
      }
      if (job.cancelRequested) throw new ArmError('SCANNER_CANCELLED')
      const outcome = await driver.scan(
        { device, pages: request.pages, resolution: request.resolution ?? 300, mode: request.mode ?? 'color', source: request.source ?? 'auto' },
        {
          onStarted: (stop) => {
            job.stop = stop
            if (job.cancelRequested) stop()
          },
          onPage: (page) => {
            job.progress.pagesScanned = page.index + 1
            options.onPage?.(page)
          },
        },
      )
      job.progress.state = 'done'
      return outcome
    } catch (err) {
      const code = err instanceof ArmError ? err.code : 'SCANNER_FAILED'
      job.progress.state = code === 'SCANNER_CANCELLED' ? 'cancelled' : 'failed'
      job.progress.errorCode = code
      throw err
    } finally {
      this.running = null
      job.stop = undefined
    }
  }

  progress(jobId: string): JobProgress {
    return { ...(this.jobs.get(jobId)?.progress ?? { state: 'unknown', pagesScanned: 0 }) }
  }

  /** Stops a running scan (its helper process and all it started). False when that job is not running. */
  cancel(jobId: string): boolean {
    const job = this.jobs.get(jobId)
    if (!job || job.progress.state !== 'scanning') return false
    job.cancelRequested = true
    job.stop?.()
    return true
  }

  private remember(jobId: string, job: Job): void {
    this.jobs.set(jobId, job)
    for (const id of this.jobs.keys()) {
      if (this.jobs.size <= KEPT_JOBS) break
      if (id !== this.running) this.jobs.delete(id)
    }
  }
}

export interface ScannerSetup {
  env?: Record<string, string | undefined>
  platform?: NodeJS.Platform
  runner?: ProcessRunner
  tmpDir?: string
}

/** Picks the scanning system of this machine (see the order at the top of this file). */
export function createScannerService(setup: ScannerSetup = {}): ScannerService {
  const env = setup.env ?? process.env
  const platform = setup.platform ?? process.platform
  const runner = setup.runner ?? nodeProcessRunner(platform)
  const tmpDir = setup.tmpDir ?? tmpdir()
  const forced = env.ARM_SCANNER
  if (forced === 'none') return new ScannerService(null)
  if (forced === 'wia' || (forced !== 'sane' && platform === 'win32')) {
    const powershell = env.ARM_POWERSHELL ?? win32.join(env.SystemRoot ?? env.SYSTEMROOT ?? 'C:\\Windows', 'System32', 'WindowsPowerShell', 'v1.0', 'powershell.exe')
    return new ScannerService(new WiaDriver({ runner, tmpDir, powershell }))
  }
  return new ScannerService(new SaneDriver({ runner, tmpDir, scanimage: env.ARM_SCANIMAGE, env: { ...env } }))
}
