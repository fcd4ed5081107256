/**
 * The one signed decision / result document (issue 9 point 7, issue 11 point 1). The specialist's inbox builds it, the
 * gateway's automated responder builds it, the gateway validates every decision with it, and printing reads it.
 * The signed bytes are the canonical JSON of this object (src-shared/envelope canonicalJsonBytes), so the document
 * names its request, service, template and signer: a signature cannot be replayed onto another request or template.
 */
import { z } from 'zod'
import { Bin, Iin, IsoDateTime } from '../gateway/api'

/** Version tag inside the signed bytes: a reader knows which shape it holds without guessing. */
export const DECISION_SCHEMA_ID = 'arm.decision/1'

export const DOCUMENT_KINDS = ['result', 'refusal', 'acceptance', 'receipt'] as const
/**
 * result: the service's справка/уведомление; refusal: §5.6 мотивированный отказ; acceptance: §5.5a notice that the
 * request was taken for processing (pattern C); receipt: §5.5d ЦОН расписка printed when the request is signed.
 */
export const DocumentKind = z.enum(DOCUMENT_KINDS)
export type DocumentKind = z.infer<typeof DocumentKind>

export const LocalizedText = z.strictObject({ kk: z.string().max(2000), ru: z.string().max(2000), en: z.string().max(2000) })

/** One row of a list field (a property, a branch, a payment, a child): column id → value. */
export const ResultRow = z.record(z.string().regex(/^\w{1,64}$/), z.union([z.string().max(2000), z.number().finite()]))
/** A template field's value: text, number, yes/no, a text in the three languages, or rows of a list field. */
export const ResultValue = z.union([z.string().max(8000), z.number().finite(), z.boolean(), LocalizedText, z.array(ResultRow).max(500)])
export type ResultValue = z.infer<typeof ResultValue>
export type ResultRow = z.infer<typeof ResultRow>

export const REFUSAL_CODES = ['M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'M7', 'OTHER'] as const

/** Who signs: the specialist (pattern B), the department's key (pattern A/C automated), the ЦОН operator (receipt). */
export const DecisionSigner = z.strictObject({
  role: z.enum(['specialist', 'department', 'operator']),
  /** Full name as printed in the §5.4 signature block (a department key prints the department's name). */
  name: z.string().trim().min(1).max(255),
  position: LocalizedText,
  iin: Iin.optional(),
  bin: Bin.optional(),
  /** «Электронный акимат» barcode note §5.3: the signing unit and its region. */
  unit: LocalizedText.optional(),
  region: LocalizedText.optional(),
})
export type DecisionSigner = z.infer<typeof DecisionSigner>

export const DecisionApplicant = z.strictObject({
  kind: z.enum(['person', 'entity']),
  iin: Iin.optional(),
  bin: Bin.optional(),
  /** ФИО or the entity's name: refusal letters are addressed to it (issue 11). */
  name: z.string().trim().min(1).max(500),
})

export const DecisionDocument = z
  .strictObject({
    schema: z.literal(DECISION_SCHEMA_ID),
    /** The gateway's registration number; a receipt printed offline carries the desk's local number instead. */
    registrationNumber: z.string().trim().min(1).max(64),
    serviceId: z.string().min(1).max(100),
    templateId: z.string().regex(/^[a-z0-9-]{1,64}$/),
    kind: DocumentKind,
    decidedAt: IsoDateTime,
    applicant: DecisionApplicant,
    /** Template field id → value (src-shared/results/templates.ts says which fields a template has). */
    values: z.record(z.string().regex(/^\w{1,64}$/), ResultValue),
    /**
     * Refusals only: the catalogue ground and the reason in words (printed after the ground's text). `text` is the
     * reason in Russian and `kk` in Kazakh: each printout uses its own language. A refusal signed before the reason was
     * asked for in both languages holds only `text`, in the words the specialist typed; it stays readable as signed.
     */
    refusal: z.strictObject({ code: z.enum(REFUSAL_CODES), text: z.string().max(4000), kk: z.string().max(4000).optional() }).optional(),
    signer: DecisionSigner,
  })
  .refine((d) => (d.kind === 'refusal') === (d.refusal !== undefined), { message: 'a refusal, and only a refusal, carries refusal', path: ['refusal'] })
export type DecisionDocument = z.infer<typeof DecisionDocument>

/** The gateway's decision kind (DecisionRequest.kind / ResultDocument.kind) of a document. */
export function gatewayKind(kind: DocumentKind): 'result' | 'refusal' {
  return kind === 'refusal' ? 'refusal' : 'result'
}
