import type { ArmApi } from '@shared/bridge/contract'

declare global {
  interface Window {
    /** The typed bridge: Electron's preload or, in the browser workstation, the HTTP shim (bridge/install.ts). */
    readonly arm: ArmApi
  }
}

export {}
