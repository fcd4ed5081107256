import type { IntakeDraft } from './model'
import type { BatchSigned } from '../../../bridge/crypto'

/** Drafts and scan bytes on this desk (Dexie in the app, fake-indexeddb in tests). */
export interface DraftStore {
  save(draft: IntakeDraft): Promise<void>
  load(id: string): Promise<IntakeDraft | undefined>
  list(): Promise<IntakeDraft[]>
  remove(id: string): Promise<void>
  putSource(draftId: string, sha256: string, mediaType: string, bytes: Uint8Array): Promise<void>
  getSource(sha256: string): Promise<Uint8Array | undefined>
}

/** Signs bytes with the operator's key through window.arm.crypto (the PIN is asked in main). Base64 detached CMS. */
export interface EnvelopeSigner {
  sign(bytes: Uint8Array, opts?: { keyRef?: string; expectedIin?: string }): Promise<{ cms: string; signerIin?: string }>
  /** Several reviewed documents with one key and ONE confirmation in main; per document its CMS or its own error. */
  signBatch?(contents: Uint8Array[], opts: { keyRef: string; expectedIin?: string }): Promise<{ items: BatchSigned[] }>
}

export type { BatchSigned, KeyOption } from '../../../bridge/crypto'

/** The outbox's enqueue, atomic with the request's signed→queued change. */
export interface OutboxPort {
  enqueueSigned(input: QueueInput): Promise<{ id: string }>
}

/** The shape of src-renderer/sync OutboxService.enqueueSigned's input (kept structural so this area builds alone). */
export interface QueueInput {
  request: {
    id: string
    serviceId: string
    envelopeId: string
    envelope: Uint8Array
    signature: string
    documentHashes: string[]
    applicantMasked?: string
  }
  documents: { sha256: string; mediaType: 'application/pdf' | 'image/jpeg' | 'image/png' | 'image/tiff'; size: number; bytes: Uint8Array }[]
}
