import { ArmError, toArmError } from '../errors'
import { CONTRACT, isChannelName, type ChannelName, type RequestOf, type ResponseOf } from './contract'
import type { BridgeResult } from './result'

/** Who is calling, as established by the transport (Electron sender frame, or host token check). */
export interface CallContext {
  /** The origin of the calling frame; the transport refuses foreign origins before dispatch. */
  readonly origin: string
}

export type Handler<K extends ChannelName> = (request: ResponseOfInput<K>, ctx: CallContext) => Promise<ResponseOf<K>> | ResponseOf<K>
type ResponseOfInput<K extends ChannelName> = import('zod').z.output<(typeof CONTRACT)[K]['request']>

/** A handler for every channel of the contract: the type makes a missing one a compile error. */
export type Handlers = { [K in ChannelName]: Handler<K> }

/**
 * The one dispatch path used by ipcMain and by the browser host: validate the request with the contract's
 * schema, run the service, validate the response, and always answer with a coded result.
 */
export class HandlerRegistry {
  constructor(private readonly handlers: Handlers) {}

  async dispatch(channel: unknown, rawRequest: unknown, ctx: CallContext): Promise<BridgeResult> {
    try {
      if (!isChannelName(channel)) throw new ArmError('BRIDGE_UNKNOWN_CHANNEL', `unknown channel`)
      const def = CONTRACT[channel]
      const parsed = def.request.safeParse(rawRequest)
      if (!parsed.success) {
        throw new ArmError('BRIDGE_INVALID_REQUEST', `invalid request for ${channel}`, {
          issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        })
      }
      const handler = this.handlers[channel] as unknown as Handler<ChannelName>
      const value = await handler(parsed.data as never, ctx)
      const out = def.response.safeParse(value)
      if (!out.success) throw new ArmError('BRIDGE_BAD_RESPONSE', `handler for ${channel} answered outside the contract`)
      return { ok: true, value: out.data }
    } catch (err) {
      return { ok: false, error: toArmError(err).toPayload() }
    }
  }
}

export type { RequestOf, ResponseOf }
