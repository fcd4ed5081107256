import { z } from 'zod'
import { Base64 } from '../../gateway/api'
import { defineChannel } from '../define'

/**
 * Bridge channels of the desk's document scanner (`scanner.<method>`): SANE on Linux, WIA on Windows, in main.
 * The bridge has no events, so a scan is one long call whose pages come back at its end, and the renderer follows it
 * by polling `scanner.progress` with the job id it chose, and stops it with `scanner.cancel`.
 */

const JobId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'job id')

export const ScannerDeviceSchema = z.object({
  id: z.string(),
  vendor: z.string(),
  model: z.string(),
  kind: z.string(),
  driver: z.enum(['sane', 'wia']),
})

export const ScannedPageSchema = z.object({
  index: z.number().int().min(0),
  mediaType: z.literal('image/png'),
  content: Base64,
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  dpi: z.number().positive(),
})

const SCAN_ERRORS = [
  'SCANNER_DRIVER_MISSING',
  'SCANNER_NOT_FOUND',
  'SCANNER_BUSY',
  'SCANNER_FEEDER_EMPTY',
  'SCANNER_JAMMED',
  'SCANNER_COVER_OPEN',
  'SCANNER_CANCELLED',
  'SCANNER_FAILED',
] as const

export const scannerChannels = {
  'scanner.list': defineChannel({
    summary: 'The scanners this desk sees, and which scanning system found them (null: none configured). An empty list means no scanner is connected.',
    request: z.object({}).strict(),
    response: z.object({ driver: z.enum(['sane', 'wia']).nullable(), devices: z.array(ScannerDeviceSchema) }),
    errors: ['SCANNER_DRIVER_MISSING', 'SCANNER_FAILED'],
  }),
  'scanner.scan': defineChannel({
    summary:
      'Scans pages (a feeder until empty or `pages`; a flatbed one page) and answers with them as PNG at the end. Follow it with scanner.progress and stop it with scanner.cancel, both by the same jobId.',
    request: z
      .object({
        jobId: JobId,
        /** A device id from scanner.list; absent: the first scanner found. Never starts with "-" (it becomes an argument). */
        device: z
          .string()
          .min(1)
          .max(256)
          .regex(/^[^-\s][^\r\n\0]*$/, 'device id')
          .optional(),
        pages: z.number().int().min(1).max(500).optional(),
        resolution: z.number().int().min(75).max(1200).default(300),
        mode: z.enum(['color', 'gray', 'lineart']).default('color'),
        source: z.enum(['auto', 'flatbed', 'feeder']).default('auto'),
      })
      .strict(),
    response: z.object({ pages: z.array(ScannedPageSchema), feederEmptied: z.boolean() }),
    errors: [...SCAN_ERRORS],
  }),
  'scanner.progress': defineChannel({
    summary: 'How far the scan with this jobId is: pages scanned so far and its state (unknown: no such job).',
    request: z.object({ jobId: JobId }).strict(),
    response: z.object({
      state: z.enum(['scanning', 'done', 'failed', 'cancelled', 'unknown']),
      pagesScanned: z.number().int().min(0),
      pagesWanted: z.number().int().optional(),
      errorCode: z.string().optional(),
    }),
    errors: [],
  }),
  'scanner.cancel': defineChannel({
    summary: 'Stops the running scan with this jobId (kills the scanning program); its scanner.scan call then ends with SCANNER_CANCELLED. False when it is not running.',
    request: z.object({ jobId: JobId }).strict(),
    response: z.object({ cancelled: z.boolean() }),
    errors: [],
  }),
} as const
