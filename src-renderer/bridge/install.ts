import { createArmApi, type BridgeTransport } from '@shared/bridge/client'
import { channelDef } from '@shared/bridge/contract'
import type { BridgeResult } from '@shared/bridge/result'
import { secretCalls } from './secretCalls'

export const TOKEN_META = 'arm-bridge-token'

/** The browser workstation's transport: POST /bridge/<channel> on the page's own loopback origin, with the per-start token. */
export function createHttpTransport(token: string, fetchFn: typeof fetch = (...a) => fetch(...a)): BridgeTransport {
  return async (channel, request): Promise<BridgeResult> => {
    let res: Response
    try {
      res = await fetchFn(`/bridge/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-arm-token': token },
        body: JSON.stringify(request ?? {}),
        credentials: 'same-origin',
        cache: 'no-store',
      })
    } catch {
      return { ok: false, error: { code: 'BRIDGE_HOST_UNREACHABLE', message: 'the workstation host did not answer' } }
    }
    try {
      return (await res.json()) as BridgeResult
    } catch {
      return { ok: false, error: { code: 'BRIDGE_BAD_RESPONSE', message: `host answered HTTP ${res.status} without a result` } }
    }
  }
}

/**
 * Installs window.arm for the browser workstation unless Electron's preload already exposed it.
 * The token comes from a meta tag the host injects into index.html; it is never in a URL.
 */
export function installBrowserBridge(win: Window, doc: Document): 'preload' | 'browser-host' {
  if ((win as { arm?: unknown }).arm) return 'preload'
  const token = doc.querySelector(`meta[name="${TOKEN_META}"]`)?.getAttribute('content') ?? ''
  const http = createHttpTransport(token)
  // Calls during which main may ask for a password are counted, so main's framed prompt shows and goes without delay.
  const transport: BridgeTransport = (channel, request) => (channelDef(channel).asksSecret ? secretCalls.track(http(channel, request)) : http(channel, request))
  Object.defineProperty(win, 'arm', { value: createArmApi(transport), enumerable: true, writable: false, configurable: false })
  return 'browser-host'
}
