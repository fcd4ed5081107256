import { z } from 'zod'
import { isCanonicalBase64 } from '../../bytes'
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
  'app.printPdf': defineChannel({
    summary: 'Electron: print a PDF (a result, a receipt) through the system print dialog; the browser host prints in the page.',
    request: z.object({
      /** base64 of the PDF; at most 8 MB of text (a result document is a few hundred KB). */
      pdf: z.string().min(8).max(8 * 1024 * 1024).refine(isCanonicalBase64, 'base64'),
      title: z.string().min(1).max(200),
    }).strict(),
    response: z.object({ printed: z.boolean() }),
    errors: ['COUNTER_NO_PRINTER'],
  }),
} as const
