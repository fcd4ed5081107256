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
        // The modules the desk loads: the ones chosen on its tokens screen (crypto/token-modules.ts), else ARM_PKCS11_MODULES.
        pkcs11Modules: deps.crypto.keys.tokenModules(),
        tsaUrl: process.env.ARM_TSA_URL || undefined,
      })
      const pdf = await diagnosticsPdf(report, lang, join(deps.resourcesDir, 'fonts'))
      return { report, pdf: Buffer.from(pdf).toString('base64') }
    },
  }
}
