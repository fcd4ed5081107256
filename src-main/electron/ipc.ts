import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import { CONTRACT, type ChannelName } from '../../src-shared/bridge/contract'
import type { HandlerRegistry } from '../../src-shared/bridge/registry'
import type { BridgeResult } from '../../src-shared/bridge/result'
import { ArmError } from '../../src-shared/errors'
import { isTrustedSender, type AppTrust } from './security'

/** The IPC channel of a contract channel; the preload uses the same prefix and nothing else. */
export const ipcChannelOf = (name: ChannelName): string => `arm:${name}`

/**
 * One ipcMain.handle per contract channel (no generic invoke). The sender frame is checked before anything is
 * dispatched; the registry then validates the request and the response with the contract's schemas.
 */
export function registerBridge(ipcMain: Pick<IpcMain, 'handle'>, registry: HandlerRegistry, trust: AppTrust = {}): ChannelName[] {
  const names = Object.keys(CONTRACT) as ChannelName[]
  for (const name of names) {
    ipcMain.handle(ipcChannelOf(name), async (event: Pick<IpcMainInvokeEvent, 'senderFrame'>, request: unknown): Promise<BridgeResult> => {
      const frame = event.senderFrame
      if (!isTrustedSender(frame, trust)) {
        return { ok: false, error: new ArmError('BRIDGE_FOREIGN_SENDER', 'sender frame is not the app').toPayload() }
      }
      const url = new URL(frame!.url)
      return registry.dispatch(name, request, { origin: `${url.protocol}//${url.host}` })
    })
  }
  return names
}
