import { join } from 'node:path'
import type { Handlers } from '../../../src-shared/bridge/registry'
import { APP_VERSION } from '../app/version'
import type { AppDeps } from '../app/handlers'
import type { CryptoServices } from '../crypto/setup'
import { runDiagnostics } from './checks'
import { diagnosticsPdf } from './report-pdf'

/** The `app.diagnostics` handler: the checks, then the same report as a PDF for support. */
export function createDiagnosticsHandlers(deps: AppDeps & { crypto: CryptoServices; resourcesDir: string }): Pick<Handlers, 'app.diagnostics'> {
  return {
    'app.diagnostics': async ({ lang }) => {
      const report = await runDiagnostics({
        runtime: deps.runtime, gatewayUrl: deps.gatewayUrl, appVersion: deps.version ?? APP_VERSION, now: () => deps.clock.now(),
        listKeys: () => deps.crypto.keys.listKeys(), crls: deps.crypto.crls,
        pkcs11Modules: process.env.ARM_PKCS11_MODULES ? process.env.ARM_PKCS11_MODULES.split(':').filter(Boolean) : [],
        tsaUrl: process.env.ARM_TSA_URL || undefined,
      })
      const pdf = await diagnosticsPdf(report, lang, join(deps.resourcesDir, 'fonts'))
      return { report, pdf: Buffer.from(pdf).toString('base64') }
    },
  }
}
