import type { ArmApi, ResponseOf } from '@shared/bridge/contract'
import { ArmError } from '@shared/errors'

export type TokenModules = ResponseOf<'crypto.tokenModules'>
export type TokenEvents = ResponseOf<'crypto.tokenEvents'>

/** The token drivers and tokens main sees (PKCS#11 lives in main; the renderer only shows and chooses). */
export interface TokenPort {
  available(): boolean
  modules(): Promise<TokenModules>
  /** Main checks every path before keeping the list (a refused one is a coded error and the old list stays). */
  setModules(modules: string[]): Promise<TokenModules>
  /** Insertions/removals after event `after`; waits up to waitMs for one (a long poll). */
  events(after: number, waitMs: number): Promise<TokenEvents>
}

/** Over window.arm.crypto, looked up at each call (the bridge is installed after the workstation is built). */
export function bridgeTokens(api: () => Partial<ArmApi> | undefined = () => (globalThis as { window?: { arm?: Partial<ArmApi> } }).window?.arm): TokenPort {
  const c = () => {
    const crypto = api()?.crypto
    if (!crypto) throw new ArmError('PKCS11_MODULE_FAILED', 'window.arm.crypto is not available')
    return crypto
  }
  return {
    available: () => !!api()?.crypto,
    modules: () => c().tokenModules({}),
    setModules: (modules) => c().setTokenModules({ modules }),
    events: (after, waitMs) => c().tokenEvents({ after, waitMs }),
  }
}
