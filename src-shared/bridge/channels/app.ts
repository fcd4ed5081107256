import { z } from 'zod'
import { defineChannel } from '../define'

/** Channels about the workstation itself. */
export const appChannels = {
  'app.health': defineChannel({
    summary: 'Liveness of the bridge and the version of the host that answers.',
    request: z.object({}).strict(),
    response: z.object({
      ok: z.literal(true),
      version: z.string(),
      runtime: z.enum(['electron', 'browser-host']),
      startedAt: z.string(),
    }),
    errors: [],
  }),
  'app.config': defineChannel({
    summary: 'Settings the renderer needs from main: where the gateway is.',
    request: z.object({}).strict(),
    response: z.object({
      gatewayUrl: z.url(),
    }),
    errors: [],
  }),
} as const
