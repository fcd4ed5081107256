import { bytesToBase64, encodeEnvelope, parseEnvelope, type AttachmentRef, type RequestEnvelope } from '@shared/envelope'
import { ArmError, toArmError } from '@shared/errors'
import { maskIdentifier } from '@shared/identity'
import { composeDocumentPdf, type ComposePage } from '../scans/compose'
import { sha256Hex } from '../scans/hash'
import type { IntakeDraft } from './model'
import type { DraftStore, EnvelopeSigner, OutboxPort, QueueInput } from './ports'

export interface RequiredDocument {
  id: string
  required: boolean
  /** The operator must mark the paper original as seen (default true). */
  paperOriginal?: boolean
}

export interface SignContext {
  operatorIin: string
  tsonId?: string
  departmentId?: string
  requiredDocuments: readonly RequiredDocument[]
  now: () => Date
  newId: () => string
  /** The key chosen in the review step (window.arm.crypto keyRef). */
  keyRef?: string
  onProgress?: (stage: 'compose' | 'sign' | 'queue', done: number, total: number) => void
}

export interface SignedResult {
  requestId: string
  envelope: RequestEnvelope
  envelopeBytes: Uint8Array
  signature: string
  attachments: AttachmentRef[]
  outboxItemId: string
}

interface Prepared {
  draft: IntakeDraft
  ctx: SignContext
  envelope: RequestEnvelope
  envelopeBytes: Uint8Array
  refs: AttachmentRef[]
  docs: QueueInput['documents']
}

export type BatchOutcome = { draftId: string; ok: true; result: SignedResult } | { draftId: string; ok: false; error: ArmError }

/** The documents whose paper original was marked as seen, in id order; undefined when none (the field is omitted). */
function paperPresented(draft: IntakeDraft): string[] | undefined {
  const ids = Object.entries(draft.documents)
    .filter(([, slot]) => slot.originalSeen)
    .map(([id]) => id)
    .sort()
  return ids.length ? ids : undefined
}

/** Required documents that have no pages or whose paper original was not marked as seen. */
export function missingDocuments(draft: IntakeDraft, required: readonly RequiredDocument[]): string[] {
  return required
    .filter((d) => d.required)
    .filter((d) => {
      const slot = draft.documents[d.id]
      return !slot || slot.pages.length === 0 || (d.paperOriginal !== false && !slot.originalSeen)
    })
    .map((d) => d.id)
}

/**
 * Review & sign: composes each document's pages into one PDF, hashes it, builds the canonical envelope, has it
 * signed in main, and hands the signed request with its PDFs to the outbox in one transaction. From here on the
 * request is immutable: the outbox refuses to overwrite it, and an edit is a new version (see newVersionDraft).
 */
export class SignAndQueue {
  constructor(private readonly deps: { store: DraftStore; signer: EnvelopeSigner; outbox: OutboxPort }) {}

  async buildAttachments(draft: IntakeDraft, ctx: SignContext): Promise<{ refs: AttachmentRef[]; docs: QueueInput['documents'] }> {
    const refs: AttachmentRef[] = []
    const docs: QueueInput['documents'] = []
    const slots = Object.entries(draft.documents).filter(([, s]) => s.pages.length > 0)
    let done = 0
    for (const [docType, slot] of slots) {
      const cache = new Map<string, Uint8Array>()
      const pages: ComposePage[] = []
      for (const p of slot.pages) {
        const src = draft.sources[p.sourceId]
        if (!src) throw new ArmError('SCAN_CORRUPT_FILE', 'page refers to a missing source', { docType })
        let bytes = cache.get(src.sha256)
        if (!bytes) {
          bytes = await this.deps.store.getSource(src.sha256)
          if (!bytes) throw new ArmError('OUTBOX_DOCUMENT_MISSING', 'scan bytes missing from the store', { docType })
          cache.set(src.sha256, bytes)
        }
        pages.push({ source: { id: src.id, mediaType: src.mediaType, bytes }, index: p.index, rotation: p.rotation })
      }
      const pdf = await composeDocumentPdf(pages)
      const sha256 = await sha256Hex(pdf)
      refs.push({ docType, sha256, size: pdf.length, mediaType: 'application/pdf', pages: pages.length })
      docs.push({ sha256, mediaType: 'application/pdf', size: pdf.length, bytes: pdf })
      ctx.onProgress?.('compose', ++done, slots.length)
    }
    return { refs, docs }
  }

  buildEnvelope(draft: IntakeDraft, attachments: AttachmentRef[], ctx: SignContext, envelopeId: string): RequestEnvelope {
    return parseEnvelope({
      v: 1,
      envelopeId,
      serviceId: draft.serviceId,
      channel: draft.channel,
      tsonId: ctx.tsonId,
      departmentId: ctx.departmentId,
      operator: { iin: ctx.operatorIin },
      applicant: draft.applicant,
      representative: draft.representative ? { iin: draft.representative.iin, poaNumber: draft.representative.poaNumber } : undefined,
      form: draft.fields,
      attachments,
      paperPresented: paperPresented(draft),
      createdAt: ctx.now().toISOString(),
      version: draft.version,
      previousEnvelopeId: draft.previousEnvelopeId,
    })
  }

  /** Everything up to the signature: the checks, the composed PDFs and the canonical envelope. */
  async prepare(draft: IntakeDraft, ctx: SignContext): Promise<Prepared> {
    const missing = missingDocuments(draft, ctx.requiredDocuments)
    if (missing.length) throw new ArmError('INTAKE_DOCUMENTS_MISSING', 'required documents missing', { missing })
    const { refs, docs } = await this.buildAttachments(draft, ctx)
    const envelope = this.buildEnvelope(draft, refs, ctx, ctx.newId())
    return { draft, ctx, envelope, envelopeBytes: encodeEnvelope(envelope), refs, docs }
  }

  async signAndQueue(draft: IntakeDraft, ctx: SignContext): Promise<SignedResult> {
    const p = await this.prepare(draft, ctx)
    ctx.onProgress?.('sign', 0, 1)
    const { cms } = await this.deps.signer.sign(p.envelopeBytes, { keyRef: ctx.keyRef, expectedIin: ctx.operatorIin })
    ctx.onProgress?.('queue', 0, 1)
    return this.queue(p, cms)
  }

  /**
   * Batch: each draft is prepared on its own (one that fails stays a draft, with its error); the prepared ones are
   * signed with ONE confirmation in main (each signature succeeds or fails on its own); each signed one is queued on its own. Nothing of the others is lost when
   * one fails at any step; a cancelled confirmation signs none and every draft stays as it was.
   */
  async signBatch(items: Array<{ draft: IntakeDraft; ctx: SignContext }>, key: { keyRef: string; operatorIin: string }): Promise<BatchOutcome[]> {
    if (!this.deps.signer.signBatch) throw new ArmError('SIGN_FAILED', 'batch signing is not available')
    const out: BatchOutcome[] = []
    const prepared: Prepared[] = []
    for (const { draft, ctx } of items) {
      try {
        prepared.push(await this.prepare(draft, ctx))
      } catch (err) {
        out.push({ draftId: draft.id, ok: false, error: toArmError(err) })
      }
    }
    if (!prepared.length) return out
    const { items: signatures } = await this.deps.signer.signBatch(prepared.map((p) => p.envelopeBytes), { keyRef: key.keyRef, expectedIin: key.operatorIin })
    if (signatures.length !== prepared.length) throw new ArmError('SIGN_FAILED', 'main signed a different number of documents')
    for (const [i, p] of prepared.entries()) {
      const signed = signatures[i]!
      // Not signed (e.g. the token was pulled out midway): this draft stays, with its error; the others go on.
      if ('error' in signed) {
        out.push({ draftId: p.draft.id, ok: false, error: toArmError(signed.error) })
        continue
      }
      try {
        out.push({ draftId: p.draft.id, ok: true, result: await this.queue(p, signed.cms) })
      } catch (err) {
        out.push({ draftId: p.draft.id, ok: false, error: toArmError(err) })
      }
    }
    return out
  }

  private async queue({ draft, ctx, envelope, envelopeBytes, refs, docs }: Prepared, cms: string): Promise<SignedResult> {
    const envelopeId = envelope.envelopeId
    const applicantId = draft.applicant.kind === 'person' ? draft.applicant.iin : draft.applicant.bin
    // A new request id per version: the signed one stays as it was signed.
    const requestId = draft.version === 1 ? draft.id : ctx.newId()
    const item = await this.deps.outbox.enqueueSigned({
      request: {
        id: requestId,
        serviceId: draft.serviceId,
        envelopeId,
        envelope: envelopeBytes,
        signature: cms,
        documentHashes: refs.map((r) => r.sha256),
        applicantMasked: maskIdentifier(applicantId),
      },
      documents: docs,
    })
    // The draft is done: the signed request (with its PDFs) now lives in the outbox's stores.
    await this.deps.store.remove(draft.id)
    return { requestId, envelope, envelopeBytes, signature: cms, attachments: refs, outboxItemId: item.id }
  }
}

/** An edit of a signed request: a new draft carrying the same data, version + 1, pointing at the signed envelope. */
/**
 * The signed request's composed PDFs become the new draft's sources (their bytes stay in the documents store with the
 * signed request), page by page, so the operator edits from exactly what was signed: reorder, rotate, add or drop.
 */
export function newVersionDraft(signed: RequestEnvelope, base: IntakeDraft, p: { id: string; now: number }): IntakeDraft {
  const sources: IntakeDraft['sources'] = {}
  const documents: IntakeDraft['documents'] = {}
  for (const a of signed.attachments) {
    const sourceId = `signed-${a.sha256}`
    sources[sourceId] = { id: sourceId, sha256: a.sha256, mediaType: a.mediaType, size: a.size, name: `${a.docType}.pdf`, pageCount: a.pages }
    documents[a.docType] = {
      originalSeen: base.documents[a.docType]?.originalSeen ?? false,
      pages: Array.from({ length: a.pages }, (_, index) => ({ id: `${sourceId}-${index}`, sourceId, index, rotation: 0 as const })),
    }
  }
  return {
    ...base,
    id: p.id,
    fields: signed.form as IntakeDraft['fields'],
    sources,
    documents,
    version: signed.version + 1,
    previousEnvelopeId: signed.envelopeId,
    createdAt: p.now,
    updatedAt: p.now,
  }
}

export { bytesToBase64 }
