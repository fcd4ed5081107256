import { z } from 'zod'
import { ArmError, ArmErrorPayload } from '../errors'

/**
 * What crosses the bridge for every call: never a thrown Error (Electron's IPC strips its fields),
 * always either a value or a coded error.
 */
export const BridgeResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: ArmErrorPayload }),
])
export type BridgeResult = z.infer<typeof BridgeResult>

/** Turns a wire result back into a value or a thrown ArmError on the calling side. */
export function unwrapResult(raw: unknown): unknown {
  const parsed = BridgeResult.safeParse(raw)
  if (!parsed.success) throw new ArmError('BRIDGE_BAD_RESPONSE', 'malformed bridge result')
  if (parsed.data.ok) return parsed.data.value
  const { code, message, details } = parsed.data.error
  const err = new ArmError('INTERNAL', message, details)
  // Keep the original code even if this build does not know it (a newer host): the UI falls back to INTERNAL text.
  ;(err as { code: string }).code = code
  throw err
}
