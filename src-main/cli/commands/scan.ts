/**
 * `arm scan --list [--json]`
 * `arm scan [--device ID] [--pages N] [--resolution DPI] [--mode color|gray|lineart] [--source auto|flatbed|feeder] --out FILE.pdf`
 * For administrators setting up a desk: which scanners the machine sees, and a test scan into a PDF.
 * Progress goes to stderr page by page; Ctrl-C cancels the scan (the scanning program is stopped with all it started).
 */
import { writeFileSync } from 'node:fs'
import { ArmError } from '../../../src-shared/errors'
import type { ColourMode, PaperSource } from '../../services/scanner/driver'
import { pagesToPdf } from '../../services/scanner/pdf'
import { createScannerService, type ScannerService } from '../../services/scanner/service'
import { parseCommand, reportError, type CliIo, type CommandSpec } from '../io'

const USAGE = `Usage: arm scan --list [--json]
       arm scan [--device ID] [--pages N] [--resolution DPI] [--mode color|gray|lineart] [--source auto|flatbed|feeder] --out FILE.pdf
Environment: ARM_SCANNER=sane|wia|none, ARM_SCANIMAGE, ARM_POWERSHELL, SANE_CONFIG_DIR.
`
export const SCAN_SPEC: CommandSpec = {
  usage: USAGE,
  options: {
    list: { type: 'boolean' },
    json: { type: 'boolean' },
    help: { type: 'boolean' },
    out: { type: 'string' },
    device: { type: 'string' },
    pages: { type: 'string' },
    resolution: { type: 'string' },
    mode: { type: 'string' },
    source: { type: 'string' },
  },
}
const MODES = ['color', 'gray', 'lineart'] as const
const SOURCES = ['auto', 'flatbed', 'feeder'] as const

function intFlag(value: string | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isInteger(n) || n < min || n > max) throw new ArmError('ARGUMENT_INVALID', `--${name} must be a whole number from ${min} to ${max}`)
  return n
}

function oneOf<T extends string>(value: string | undefined, name: string, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined
  if (!(allowed as readonly string[]).includes(value)) throw new ArmError('ARGUMENT_INVALID', `--${name} must be one of ${allowed.join(', ')}`)
  return value as T
}

export async function scanCommand(args: string[], io: CliIo, scanner: ScannerService = createScannerService({ env: io.env })): Promise<number> {
  const a = parseCommand(args, SCAN_SPEC)
  if (a.has('help')) {
    io.stdout(USAGE)
    return 0
  }
  if (a.has('list')) {
    const devices = await scanner.list()
    if (a.has('json')) io.stdout(JSON.stringify({ driver: scanner.driverName, devices }, null, 2) + '\n')
    else for (const d of devices) io.stdout(`${d.id}\t${d.vendor} ${d.model} (${d.kind}, ${d.driver})\n`)
    if (devices.length === 0) throw new ArmError('SCANNER_NOT_FOUND', `${scanner.driverName} sees no scanner`)
    return 0
  }
  const out = a.get('out')
  if (!out || !/\.pdf$/i.test(out)) {
    io.stderr(USAGE)
    return 2
  }
  const pages = intFlag(a.get('pages'), 'pages', 1, 500)
  const request = {
    device: a.get('device'),
    pages,
    resolution: intFlag(a.get('resolution'), 'resolution', 75, 1200),
    mode: oneOf<ColourMode>(a.get('mode'), 'mode', MODES),
    source: oneOf<PaperSource>(a.get('source'), 'source', SOURCES),
  }
  if (request.device?.startsWith('-')) throw new ArmError('ARGUMENT_INVALID', '--device must be a device id from arm scan --list')
  const jobId = `cli-${process.pid}`
  const onInterrupt = () => void scanner.cancel(jobId)
  process.once('SIGINT', onInterrupt)
  try {
    const outcome = await scanner.scan(request, { jobId, onPage: (p) => io.stderr(`page ${p.index + 1}${pages ? ` of ${pages}` : ''} scanned (${p.width}×${p.height} px)\n`) })
    if (outcome.pages.length > 0) {
      writeFileSync(out, await pagesToPdf(outcome.pages))
      io.stderr(`${outcome.pages.length} page(s) written to ${out}\n`)
    }
    // Fewer pages than asked for: what was scanned is written, and the administrator is told with the code.
    if (outcome.feederEmptied) return reportError(new ArmError('SCANNER_FEEDER_EMPTY', `${outcome.pages.length} of ${pages} pages`), io)
    return 0
  } finally {
    process.removeListener('SIGINT', onInterrupt)
  }
}
