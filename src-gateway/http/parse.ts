import { ArmError } from '../../src-shared/errors'

/** Validates with a zod schema; failures become GW_BAD_REQUEST with the failing paths (never the values). */
export function parse<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, value: unknown): T {
  const r = schema.safeParse(value)
  if (!r.success) throw new ArmError('GW_BAD_REQUEST', 'the request does not match the API', { issues: r.error.issues.slice(0, 10).map((i) => `${i.path.map(String).join('.')}: ${i.message}`) })
  return r.data
}
