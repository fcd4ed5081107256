import type { Handlers } from '../../../src-shared/bridge/registry'
import { base64ToBytes } from '../../../src-shared/bytes'
import { ArmError } from '../../../src-shared/errors'
import { APP_VERSION } from './version'

export interface Clock {
  now(): Date
}

export interface AppDeps {
  /** Which shell answers the bridge: the Electron main process or the loopback browser host. */
  readonly runtime: 'electron' | 'browser-host'
  readonly clock: Clock
  /** Base URL of the regional gateway the renderer talks to (also allowed in the CSP's connect-src). */
  readonly gatewayUrl: string
  /** Overrides package.json's version (tests). */
  readonly version?: string
  /** Electron: the system print dialog for a PDF (false: the person cancelled). Absent: this shell prints in the page. */
  readonly printPdf?: (pdf: Uint8Array, title: string) => Promise<boolean>
}

/** Handlers of the `app.*` channels. startedAt is fixed when the handlers are created, i.e. when the shell starts. */
export function createAppHandlers(deps: AppDeps): Pick<Handlers, 'app.health' | 'app.config' | 'app.printPdf'> {
  const startedAt = deps.clock.now().toISOString()
  const version = deps.version ?? APP_VERSION
  return {
    'app.health': () => ({ ok: true as const, version, runtime: deps.runtime, startedAt }),
    'app.config': () => ({ gatewayUrl: deps.gatewayUrl }),
    'app.printPdf': async (r) => {
      if (!deps.printPdf) throw new ArmError('COUNTER_NO_PRINTER', `the ${deps.runtime} prints in the page`)
      const pdf = base64ToBytes(r.pdf)
      // Only a PDF reaches the print window: the viewer is the one thing it may load.
      if (new TextDecoder().decode(pdf.subarray(0, 5)) !== '%PDF-') throw new ArmError('BRIDGE_INVALID_REQUEST', 'app.printPdf: not a PDF')
      return { printed: await deps.printPdf(pdf, r.title) }
    },
  }
}
