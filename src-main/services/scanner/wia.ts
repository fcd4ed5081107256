/**
 * Windows: scanning through WIA 2 (Windows Image Acquisition, built into every supported Windows) by a PowerShell
 * script driving the WIA Automation COM objects (WIA.DeviceManager). No extra software is installed at the desk.
 * The script follows the page-file protocol of driver.ts: each page is saved as PNG into our folder and its path
 * printed on stdout. Parameters travel in environment variables, never spliced into the script text, so no device
 * name can change what the script does. Failures are reported on stderr as `ARM:<WORD>` for classification.
 */
import { ArmError, type ErrorCode } from '../../../src-shared/errors'
import { lastLine, runPageBatch, type ColourMode, type ScanHooks, type ScanOptions, type ScanOutcome, type ScannerDevice, type ScannerDriver } from './driver'
import type { ProcessExit, ProcessRunner } from './process'

export interface WiaOptions {
  runner: ProcessRunner
  tmpDir: string
  /** powershell.exe (Windows PowerShell 5.1 ships with Windows; pwsh 7 works too). */
  powershell: string
}

/** WIA_IPS_CUR_INTENT: 1 colour, 2 greyscale, 4 text (black and white). */
const INTENT: Record<ColourMode, number> = { color: 1, gray: 2, lineart: 4 }

const COMMON = String.raw`
$ErrorActionPreference = 'Stop'
try { $dm = New-Object -ComObject WIA.DeviceManager } catch { [Console]::Error.WriteLine('ARM:NO_WIA ' + $_.Exception.Message); exit 2 }
function Set-WiaProp($props, [int]$id, $value) { foreach ($p in $props) { if ($p.PropertyID -eq $id) { $p.Value = $value; return } } }
function Get-WiaProp($props, [string]$name) { try { return [string]$props.Item($name).Value } catch { return '' } }
`

export const WIA_LIST_SCRIPT = COMMON + String.raw`
foreach ($info in $dm.DeviceInfos) {
  if ($info.Type -ne 1) { continue } # 1 = ScannerDeviceType (2 camera, 3 video)
  $name = (Get-WiaProp $info.Properties 'Name') -replace '\s', ' '
  $mfr = (Get-WiaProp $info.Properties 'Manufacturer') -replace '\s', ' '
  [Console]::Out.WriteLine($info.DeviceID + [char]9 + $mfr + [char]9 + $name + [char]9 + 'scanner')
}
`

export const WIA_SCAN_SCRIPT = COMMON + String.raw`
$info = $null
foreach ($i in $dm.DeviceInfos) { if ($i.DeviceID -eq $env:ARM_WIA_DEVICE) { $info = $i } }
if (-not $info) { [Console]::Error.WriteLine('ARM:NOT_FOUND'); exit 3 }
try { $dev = $info.Connect() } catch { [Console]::Error.WriteLine('ARM:BUSY ' + $_.Exception.Message); exit 3 }
$feeder = $env:ARM_WIA_SOURCE -eq 'feeder'
# WIA_DPS_DOCUMENT_HANDLING_SELECT (3088): 1 feeder, 2 flatbed; WIA_DPS_PAGES (3096): pages per transfer.
if ($feeder) { Set-WiaProp $dev.Properties 3088 1; Set-WiaProp $dev.Properties 3096 1 }
elseif ($env:ARM_WIA_SOURCE -eq 'flatbed') { Set-WiaProp $dev.Properties 3088 2 }
$item = $dev.Items.Item(1)
Set-WiaProp $item.Properties 6146 ([int]$env:ARM_WIA_INTENT)
Set-WiaProp $item.Properties 6147 ([int]$env:ARM_WIA_DPI)
Set-WiaProp $item.Properties 6148 ([int]$env:ARM_WIA_DPI)
$png = '{B96B3CAF-0728-11D3-9D7B-0000F81EF32E}'
$max = [int]$env:ARM_WIA_PAGES
$n = 0
while ($max -eq 0 -or $n -lt $max) {
  try { $img = $item.Transfer($png) } catch {
    $hr = '{0:X8}' -f $_.Exception.HResult
    $word = switch ($hr) { '80210003' { 'FEEDER_EMPTY' } '80210002' { 'JAMMED' } '80210016' { 'COVER_OPEN' } '80210006' { 'BUSY' } '80210005' { 'NOT_FOUND' } default { 'FAILED' } }
    if ($word -eq 'FEEDER_EMPTY' -and $n -gt 0) { break }
    [Console]::Error.WriteLine('ARM:' + $word + ' ' + $hr); exit 4
  }
  # Some drivers ignore the requested format and hand back BMP: convert, so every page is PNG.
  if ($img.FormatID -ne $png) {
    $ip = New-Object -ComObject WIA.ImageProcess
    $ip.Filters.Add($ip.FilterInfos.Item('Convert').FilterID)
    $ip.Filters.Item(1).Properties.Item('FormatID').Value = $png
    $img = $ip.Apply($img)
  }
  $n++
  $path = Join-Path $env:ARM_WIA_DIR ('page-' + $n + '.png')
  $img.SaveFile($path)
  [Console]::Out.WriteLine($path)
  [Console]::Out.Flush()
  if (-not $feeder) { break }
}
`

/** -EncodedCommand takes the script as base64 of UTF-16LE: no temporary script file, no execution-policy prompt. */
export function powershellArgs(script: string): string[] {
  return ['-NoLogo', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand', Buffer.from(script, 'utf16le').toString('base64')]
}

const WORDS: Record<string, ErrorCode> = {
  NO_WIA: 'SCANNER_DRIVER_MISSING',
  NOT_FOUND: 'SCANNER_NOT_FOUND',
  BUSY: 'SCANNER_BUSY',
  FEEDER_EMPTY: 'SCANNER_FEEDER_EMPTY',
  JAMMED: 'SCANNER_JAMMED',
  COVER_OPEN: 'SCANNER_COVER_OPEN',
  FAILED: 'SCANNER_FAILED',
}

export function classifyWiaExit(exit: ProcessExit, pagesScanned: number, wanted?: number): { error: ErrorCode | null; feederEmptied: boolean } {
  const word = /ARM:([A-Z_]+)/.exec(exit.stderr)?.[1]
  if (exit.code === 0 && !word) return { error: null, feederEmptied: wanted !== undefined && pagesScanned < wanted }
  return { error: (word && WORDS[word]) || 'SCANNER_FAILED', feederEmptied: word === 'FEEDER_EMPTY' }
}

export class WiaDriver implements ScannerDriver {
  readonly name = 'wia' as const
  constructor(private readonly opts: WiaOptions) {}

  async list(): Promise<ScannerDevice[]> {
    const exit = await this.opts.runner.start(this.opts.powershell, powershellArgs(WIA_LIST_SCRIPT)).exited
    if (exit.spawnError === 'ENOENT') throw new ArmError('SCANNER_DRIVER_MISSING', `${this.opts.powershell} is not there`)
    const { error } = classifyWiaExit(exit, 0)
    if (error) throw new ArmError(error, lastLine(exit.stderr))
    return exit.stdout
      .split('\n')
      .map((l) => l.replace(/\r$/, '').split('\t'))
      .filter((f) => f.length >= 4 && f[0])
      .map(([id, vendor, model, kind]) => ({ id, vendor, model, kind, driver: 'wia' as const }))
  }

  scan(o: ScanOptions, hooks: ScanHooks): Promise<ScanOutcome> {
    return runPageBatch({
      runner: this.opts.runner,
      command: this.opts.powershell,
      tmpDir: this.opts.tmpDir,
      resolution: o.resolution,
      hooks,
      args: () => powershellArgs(WIA_SCAN_SCRIPT),
      env: (dir: string) => ({
        ...process.env,
        ARM_WIA_DEVICE: o.device,
        ARM_WIA_SOURCE: o.source === 'auto' && (o.pages ?? 1) > 1 ? 'feeder' : o.source,
        ARM_WIA_INTENT: String(INTENT[o.mode]),
        ARM_WIA_DPI: String(o.resolution),
        ARM_WIA_PAGES: String(o.pages ?? 0),
        ARM_WIA_DIR: dir,
      }),
      classify: (exit, n) => classifyWiaExit(exit, n, o.pages),
    })
  }
}
