import { HandlerRegistry, type Handlers } from '../../src-shared/bridge/registry'
import { createAppHandlers, type AppDeps } from './app/handlers'

/**
 * Everything the services need, built once by the shell (Electron main or the browser host).
 * Each area adds its own ports here (keystore, storage, paths …) and its `create<Area>Handlers(deps)` below.
 */
export type ServiceDeps = AppDeps // & CryptoDeps & …

/**
 * The handler of every bridge channel. The `Handlers` type makes a channel without a handler a compile error,
 * so a new channel in src-shared/bridge/channels/<area>.ts must be wired here.
 */
export function createHandlers(deps: ServiceDeps): Handlers {
  return {
    ...createAppHandlers(deps),
    // ...createCryptoHandlers(deps),   (crypto area: src-main/services/crypto/handlers.ts)
    // ...createCatalogHandlers(deps),
    // ...createGatewayHandlers(deps),
    // ...createOutboxHandlers(deps),
  }
}

/** The one registry both ipcMain and the browser host dispatch through. */
export function createRegistry(deps: ServiceDeps): HandlerRegistry {
  return new HandlerRegistry(createHandlers(deps))
}
