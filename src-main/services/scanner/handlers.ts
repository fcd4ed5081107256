/** Main-side handlers of the scanner bridge channels. */
import type { Handlers } from '../../../src-shared/bridge/registry'
import { toBase64 } from '../../../src-shared/crypto'
import type { ScannerService } from './service'

export interface ScannerDeps {
  readonly scanner: ScannerService
}

type ScannerChannel = 'scanner.list' | 'scanner.scan' | 'scanner.progress' | 'scanner.cancel'

export function createScannerHandlers(deps: ScannerDeps): Pick<Handlers, ScannerChannel> {
  const { scanner } = deps
  return {
    'scanner.list': async () => ({ driver: scanner.driverName, devices: scanner.driverName ? await scanner.list() : [] }),
    'scanner.scan': async (req) => {
      const { jobId, ...request } = req
      const outcome = await scanner.scan(request, { jobId })
      return {
        feederEmptied: outcome.feederEmptied,
        pages: outcome.pages.map((p) => ({ index: p.index, mediaType: p.mediaType, content: toBase64(p.bytes), width: p.width, height: p.height, dpi: p.dpi })),
      }
    },
    'scanner.progress': (req) => scanner.progress(req.jobId),
    'scanner.cancel': (req) => ({ cancelled: scanner.cancel(req.jobId) }),
  }
}
