import { join } from 'node:path'
import { HandlerRegistry, type Handlers } from '../../src-shared/bridge/registry'
import { createAppHandlers, type AppDeps } from './app/handlers'
import { createCryptoHandlers, type CryptoDeps } from './crypto/handlers'
import { createCryptoServices } from './crypto/setup'
import { createDiagnosticsHandlers } from './diagnostics/handlers'
import type { DeskLog } from './log/desk-log'
import { createScannerHandlers, type ScannerDeps } from './scanner/handlers'
import { createScannerService } from './scanner/service'

/**
 * Everything the services need, built once by the shell (Electron main or the browser host).
 * Each area adds its own ports here (keystore, storage, paths …) and its `create<Area>Handlers(deps)` below.
 */
export type ServiceDeps = AppDeps & Partial<CryptoDeps> & Partial<ScannerDeps> & { log?: DeskLog } // & …
// crypto: when the shell passes none, keys come from resources/demo-pki and secrets cannot be asked (SECRET_PROMPT_UNAVAILABLE).

/**
 * The handler of every bridge channel. The `Handlers` type makes a channel without a handler a compile error,
 * so a new channel in src-shared/bridge/channels/<area>.ts must be wired here.
 */
export function createHandlers(deps: ServiceDeps): Handlers {
  const resourcesDir = join(process.cwd(), 'resources')
  const crypto = deps.crypto ?? createCryptoServices({ resourcesDir })
  return {
    ...createAppHandlers(deps),
    ...createCryptoHandlers({ crypto }),
    ...createDiagnosticsHandlers({ ...deps, crypto, resourcesDir }),
    // scanner: when the shell passes none, the scanning system is detected from the platform and ARM_SCANNER.
    ...createScannerHandlers({ scanner: deps.scanner ?? createScannerService() }),
    // ...createCatalogHandlers(deps),
    // ...createGatewayHandlers(deps),
    // ...createOutboxHandlers(deps),
  }
}

/** The one registry both ipcMain and the browser host dispatch through. */
export function createRegistry(deps: ServiceDeps): HandlerRegistry {
  const registry = new HandlerRegistry(createHandlers(deps))
  const log = deps.log
  if (!log) return registry
  // Every bridge call in the desk's log file: the channel, the outcome and its code, how long — never the request.
  const dispatch = registry.dispatch.bind(registry)
  registry.dispatch = async (channel, request, ctx) => {
    const started = Date.now()
    const result = await dispatch(channel, request, ctx)
    const ms = Date.now() - started
    if (result.ok) log.info('bridge', { channel: String(channel), ms })
    else log.warn('bridge', { channel: String(channel), code: result.error.code, message: result.error.message, ms })
    return result
  }
  return registry
}
