import type { z } from 'zod'
import { appChannels } from './channels/app'
import { catalogChannels } from './channels/catalog'
import { cryptoChannels } from './channels/crypto'
import { gatewayChannels } from './channels/gateway'
import { outboxChannels } from './channels/outbox'
import { scannerChannels } from './channels/scanner'
import type { ChannelDef } from './define'

/**
 * THE bridge contract: every channel between the renderer and main, in one table.
 * Each area keeps its channels in channels/<area>.ts; this file only merges them.
 */
export const CONTRACT = {
  ...appChannels,
  ...cryptoChannels,
  ...catalogChannels,
  ...gatewayChannels,
  ...outboxChannels,
  ...scannerChannels,
} as const

export type Contract = typeof CONTRACT
export type ChannelName = keyof Contract & string

type AreaOf<K> = K extends `${infer A}.${string}` ? A : never
type Areas = AreaOf<ChannelName>

export type RequestOf<K extends ChannelName> = z.input<Contract[K]['request']>
export type ResponseOf<K extends ChannelName> = z.output<Contract[K]['response']>

/** `window.arm`: derived from the contract, so preload, browser shim and renderer share one type. */
export type ArmApi = {
  readonly [A in Areas]: {
    readonly [K in ChannelName as K extends `${A}.${infer M}` ? M : never]: (request: RequestOf<K>) => Promise<ResponseOf<K>>
  }
}

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(CONTRACT, name)
}

export function channelDef(name: ChannelName): ChannelDef {
  return CONTRACT[name] as ChannelDef
}
