import type { Handlers } from '../../../src-shared/bridge/registry'
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
}

/** Handlers of the `app.*` channels. startedAt is fixed when the handlers are created, i.e. when the shell starts. */
export function createAppHandlers(deps: AppDeps): Pick<Handlers, 'app.health' | 'app.config'> {
  const startedAt = deps.clock.now().toISOString()
  const version = deps.version ?? APP_VERSION
  return {
    'app.health': () => ({ ok: true as const, version, runtime: deps.runtime, startedAt }),
    'app.config': () => ({ gatewayUrl: deps.gatewayUrl }),
  }
}
