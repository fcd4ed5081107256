import { CONTRACT, type ArmApi, type ChannelName } from './contract'
import { unwrapResult } from './result'

/** The transport under `window.arm`: ipcRenderer.invoke in the preload, an HTTP call to the host in the browser. */
export type BridgeTransport = (channel: ChannelName, request: unknown) => Promise<unknown>

/**
 * Builds the `window.arm` object from the contract: one named function per channel, nothing generic.
 * The caller validates nothing here on purpose: main (or the host) is the trust boundary and validates every input.
 */
export function createArmApi(transport: BridgeTransport): ArmApi {
  const api: Record<string, Record<string, (req: unknown) => Promise<unknown>>> = {}
  for (const name of Object.keys(CONTRACT) as ChannelName[]) {
    const [area, method] = name.split('.') as [string, string]
    api[area] ??= {}
    api[area][method] = async (request: unknown) => unwrapResult(await transport(name, request ?? {}))
  }
  for (const area of Object.values(api)) Object.freeze(area)
  return Object.freeze(api) as unknown as ArmApi
}
