import type { ArmApi } from '@shared/bridge/contract'

/**
 * `window.arm` as soon as it is there. Electron's preload exposes it before any page script runs; the browser
 * workstation's HTTP shim (bridge/install.ts: it carries the whole channel table with its schemas) is installed by
 * app/boot.ts after the login screen's first paint, so the cold login page does not parse it. Screens shown before
 * sign-in (the status line, the secret-prompt overlay, the diagnostics button) ask through this; screens after sign-in
 * may use `window.arm` directly (signing in waits for the boot).
 */
const waiting = new Set<(api: ArmApi) => void>()

export function whenBridge(): Promise<ArmApi> {
  const arm = (window as { arm?: ArmApi }).arm
  return arm ? Promise.resolve(arm) : new Promise((resolve) => waiting.add(resolve))
}

/** Called once the shim is on `window.arm` (app/boot.ts): whoever asked before gets it now. */
export function bridgeInstalled(api: ArmApi): void {
  for (const resolve of waiting) resolve(api)
  waiting.clear()
}
