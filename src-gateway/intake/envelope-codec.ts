/** EnvelopeCodec over the shared canonical envelope (src-shared/envelope): the gateway re-derives what was signed. */
import { ArmError } from '../../src-shared/errors'
import { decodeEnvelope } from '../../src-shared/envelope'
import type { DecodeResult, EnvelopeCodec } from '../ports'

export const sharedEnvelopeCodec: EnvelopeCodec = {
  decode(bytes: Uint8Array): DecodeResult {
    try {
      const e = decodeEnvelope(bytes)
      let raw: Record<string, unknown> | undefined
      return {
        ok: true,
        envelope: {
          envelopeId: e.envelopeId, serviceId: e.serviceId, channel: e.channel, tsonId: e.tsonId, departmentId: e.departmentId,
          operatorIin: e.operator.iin, applicant: e.applicant, representative: e.representative,
          form: e.form as Record<string, unknown>, attachments: e.attachments, createdAt: e.createdAt,
          // Parsed on first use: only the department inbox shows it, intake does not need a second parse per request.
          get raw() {
            return (raw ??= JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>)
          },
        },
      }
    } catch (err) {
      const code = err instanceof ArmError ? err.code : 'ENVELOPE_INVALID'
      return { ok: false, message: `${code}${err instanceof Error && err.message !== code ? `: ${err.message}` : ''}` }
    }
  },
}
