/**
 * The canonical request envelope: what the operator signs and the gateway verifies (api.md). One encoding shared by the
 * workstation (renderer), the host and the gateway: canonical JSON (envelope/canonical-json.ts) in UTF-8.
 */
import { z } from 'zod'
import { ArmError } from '../errors'
import { binSchema, iinSchema } from '../identity/schema'
import { canonicalJson, dropUndefined } from './canonical-json'
import { sha256, toHex } from '../bytes'
import { ATTACHMENT_MEDIA_TYPES } from '../media'

export { canonicalJson, canonicalJsonBytes, dropUndefined, type JsonValue } from './canonical-json'
export { sha256, sha256Hex, toHex, fromHex, bytesToBase64, base64ToBytes } from '../bytes'

export const ENVELOPE_VERSION = 1

/** Media types of attached documents; the intake composes scans into PDFs but images are allowed as they are. */
export { ATTACHMENT_MEDIA_TYPES }
export const AttachmentMediaType = z.enum(ATTACHMENT_MEDIA_TYPES)
export type AttachmentMediaType = z.infer<typeof AttachmentMediaType>

export const Sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/, 'SHA256_HEX')

/** A reference to an uploaded document (the bytes travel separately, PUT /attachments/:sha256). */
export const AttachmentRef = z.strictObject({
  /** Catalogue document id (ServiceDefinition.documents[].id), e.g. `identity-document`. */
  docType: z.string().min(1).max(100),
  sha256: Sha256HexSchema,
  size: z.number().int().min(1),
  mediaType: AttachmentMediaType,
  pages: z.number().int().min(1).max(10_000),
})
export type AttachmentRef = z.infer<typeof AttachmentRef>

export const EnvelopeApplicant = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('person'), iin: iinSchema() }),
  z.strictObject({ kind: z.literal('entity'), bin: binSchema() }),
])
export type EnvelopeApplicant = z.infer<typeof EnvelopeApplicant>

/** Catalogue service ids look like `zags.repeat-certificate`. Membership in the catalogue is the caller's check. */
export const ServiceIdSchema = z.string().regex(/^[a-z]+(\.[a-z0-9]+(-[a-z0-9]+)*)+$/, 'CATALOG_UNKNOWN_SERVICE')

/**
 * The request envelope. Strict objects everywhere: the signed bytes hold nothing that was not validated.
 * Form values are plain JSON (the field values of the catalogue form, keyed by field id).
 */
export const RequestEnvelope = z
  .strictObject({
    v: z.literal(ENVELOPE_VERSION),
    envelopeId: z.uuid(),
    serviceId: ServiceIdSchema,
    channel: z.enum(['tson', 'provider']),
    tsonId: z.string().min(1).max(64).optional(),
    departmentId: z.string().min(1).max(64).optional(),
    // The operator signs with their own key; NCA test certificates carry test IINs, so those are admitted here only.
    operator: z.strictObject({ iin: iinSchema({ testTrust: true }) }),
    applicant: EnvelopeApplicant,
    representative: z.strictObject({ iin: iinSchema(), poaNumber: z.string().min(1).max(64) }).optional(),
    form: z.record(z.string().min(1).max(100), z.json()),
    attachments: z.array(AttachmentRef).max(200),
    /**
     * Catalogue document ids whose paper original the operator saw at the counter («отметка о наличии документов в
     * бумажной форме»): signed with the request so the specialist sees them. Absent when none was marked.
     */
    paperPresented: z.array(z.string().min(1).max(100)).max(100).optional(),
    createdAt: z.iso.datetime(),
    /** Request version: 1 for the first signature; an edit of a signed request is a new envelope with version + 1. */
    version: z.number().int().min(1),
    previousEnvelopeId: z.uuid().optional(),
  })
  .superRefine((e, ctx) => {
    if (e.version === 1 && e.previousEnvelopeId !== undefined)
      ctx.addIssue({ code: 'custom', path: ['previousEnvelopeId'], message: 'ENVELOPE_INVALID' })
    if (e.version > 1 && e.previousEnvelopeId === undefined)
      ctx.addIssue({ code: 'custom', path: ['previousEnvelopeId'], message: 'ENVELOPE_INVALID' })
    if (e.previousEnvelopeId !== undefined && e.previousEnvelopeId === e.envelopeId)
      ctx.addIssue({ code: 'custom', path: ['previousEnvelopeId'], message: 'ENVELOPE_INVALID' })
  })
export type RequestEnvelope = z.infer<typeof RequestEnvelope>

function issuesOf(err: z.ZodError): Array<{ path: string; code: string }> {
  return err.issues.slice(0, 20).map((i) => ({ path: i.path.join('.'), code: i.message }))
}

/** Validates an envelope object; throws ArmError ENVELOPE_INVALID with the failing paths (never the values). */
export function parseEnvelope(value: unknown): RequestEnvelope {
  const r = RequestEnvelope.safeParse(value)
  if (!r.success) throw new ArmError('ENVELOPE_INVALID', 'envelope does not match the schema', { issues: issuesOf(r.error) })
  return dropUndefined(r.data)
}

const encoder = new TextEncoder()

/** The canonical text of a valid envelope (for display / debugging; sign the bytes of encodeEnvelope). */
export function envelopeText(env: RequestEnvelope): string {
  return canonicalJson(parseEnvelope(env))
}

/**
 * The bytes to sign: UTF-8 of the canonical JSON. The envelope is validated first; optional fields set to undefined
 * are treated as absent.
 */
export function encodeEnvelope(env: RequestEnvelope): Uint8Array {
  return encoder.encode(envelopeText(env))
}

/**
 * Decodes signed bytes back to an envelope. Throws ArmError:
 * ENVELOPE_NOT_UTF8 (bytes are not valid UTF-8, or start with a BOM), ENVELOPE_NOT_CANONICAL (not JSON, or not the
 * canonical form of itself — whitespace, key order, escapes, number forms, duplicate keys), ENVELOPE_INVALID (schema).
 */
export function decodeEnvelope(bytes: Uint8Array): RequestEnvelope {
  let text: string
  try {
    // fatal: malformed UTF-8 throws; ignoreBOM: a BOM is kept in the text, so it then fails the canonical check.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)
  } catch {
    throw new ArmError('ENVELOPE_NOT_UTF8', 'envelope bytes are not valid UTF-8')
  }
  if (text.charCodeAt(0) === 0xfeff) throw new ArmError('ENVELOPE_NOT_UTF8', 'envelope starts with a byte-order mark')
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw new ArmError('ENVELOPE_NOT_CANONICAL', 'envelope is not JSON')
  }
  let again: string
  try {
    again = canonicalJson(parsed)
  } catch (e) {
    throw new ArmError('ENVELOPE_NOT_CANONICAL', 'envelope holds values canonical JSON cannot carry', {
      cause: e instanceof ArmError ? e.details : undefined,
    })
  }
  if (again !== text) {
    let at = 0
    while (at < text.length && text[at] === again[at]) at++
    throw new ArmError('ENVELOPE_NOT_CANONICAL', 'envelope is not in canonical form', { firstDifferenceAt: at })
  }
  return parseEnvelope(parsed)
}

/** SHA-256 of the envelope bytes: what the detached CMS covers and what idempotency compares. */
export function envelopeDigest(bytes: Uint8Array): Uint8Array {
  return sha256(bytes)
}
export function envelopeDigestHex(bytes: Uint8Array): string {
  return toHex(sha256(bytes))
}

/**
 * The next version of a signed request: a signed envelope is immutable, so an edit becomes a new envelope that points
 * back at the previous one. Id and time are passed in (no clock or randomness in shared code).
 */
export function nextEnvelopeVersion(
  previous: RequestEnvelope,
  changes: Partial<Pick<RequestEnvelope, 'form' | 'attachments' | 'applicant' | 'representative' | 'operator' | 'tsonId' | 'departmentId'>>,
  at: { envelopeId: string; createdAt: string },
): RequestEnvelope {
  return parseEnvelope({
    ...previous,
    ...changes,
    envelopeId: at.envelopeId,
    createdAt: at.createdAt,
    version: previous.version + 1,
    previousEnvelopeId: previous.envelopeId,
  })
}
