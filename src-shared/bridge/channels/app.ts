import { z } from 'zod'
import { isCanonicalBase64 } from '../../bytes'
import { defineChannel } from '../define'

/** One check of the desk's diagnostics: what, its outcome, and the facts a support engineer needs. */
export const DiagnosticCheckSchema = z.object({
  id: z.enum(['gateway', 'clock', 'ocsp', 'crl', 'tsa', 'keys', 'pkcs11', 'versions']),
  status: z.enum(['ok', 'warning', 'failed', 'skipped']),
  /** Plain facts (URL, version, skew in ms, next update…): no personal data, no secrets. */
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  /** The coded error when it failed. */
  code: z.string().optional(),
})
export type DiagnosticCheck = z.infer<typeof DiagnosticCheckSchema>
export const DiagnosticsReportSchema = z.object({
  format: z.literal('arm.diagnostics/1'),
  at: z.string(),
  runtime: z.enum(['electron', 'browser-host']),
  checks: z.array(DiagnosticCheckSchema),
})
export type DiagnosticsReport = z.infer<typeof DiagnosticsReportSchema>

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
  'app.diagnostics': defineChannel({
    summary: 'Checks from main: gateway reachable, clock skew, OCSP responder, CRL freshness, TSA, key stores, PKCS#11 modules and tokens, versions; the report as JSON and as a readable PDF (base64) for support.',
    request: z.object({ lang: z.enum(['kk', 'ru', 'en']) }).strict(),
    response: z.object({ report: DiagnosticsReportSchema, pdf: z.string() }),
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
