import type { z } from 'zod'
import type { ErrorCode } from '../errors'

/**
 * One bridge channel: its request and response schemas and the coded errors it may answer with.
 * The name is `<area>.<method>`; the preload's `window.arm.<area>.<method>` and main's handler are both derived from it.
 */
export interface ChannelDef<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  readonly request: Req
  readonly response: Res
  readonly errors: readonly ErrorCode[]
  /** One line for maintainers: what the channel does. */
  readonly summary: string
  /**
   * Main may ask the user for a password/PIN while this call runs (a locked key). The browser workstation counts such
   * calls so that the overlay framing main's prompt appears at once and closes as soon as the call ends.
   */
  readonly asksSecret?: boolean
}

export function defineChannel<Req extends z.ZodType, Res extends z.ZodType>(def: ChannelDef<Req, Res>): ChannelDef<Req, Res> {
  return def
}

export type ChannelMap = Record<`${string}.${string}`, ChannelDef>
