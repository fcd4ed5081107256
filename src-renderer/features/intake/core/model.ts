import type { JsonValue } from '@shared/envelope'
import type { ScanMediaType } from '../scans/sniff'
import type { Rotation } from '../scans/compose'

/** Result of the registry check of the consumer (ГБД ФЛ / ГБД ЮЛ) or of the representative's POA (ЕНИС). */
export type CheckState =
  | { state: 'unchecked' }
  | { state: 'verified'; at: number; summary: string }
  /** «нет данных в ГБД ФЛ/ЮЛ» / POA not in ЕНИС: the regulations' refusal path (M3). */
  | { state: 'not_found'; at: number; code: string; /** An expired ЕНИС POA: its last valid day (YYYY-MM-DD). */ expiredOn?: string }
  /** The gateway was unreachable: the operator continues, the gateway verifies on delivery. */
  | { state: 'unverified_offline'; at: number }

export type Applicant = { kind: 'person'; iin: string } | { kind: 'entity'; bin: string }

export interface PageRef {
  id: string
  sourceId: string
  /** Page inside the source (PDF / multi-page TIFF); 0 for images. */
  index: number
  rotation: Rotation
}

/** An imported file; its bytes live in the documents store under `sha256`. */
export interface SourceRef {
  id: string
  sha256: string
  mediaType: ScanMediaType
  size: number
  name: string
  pageCount: number
}

export interface DocumentSlot {
  pages: PageRef[]
  /** «отметка о наличии документов в бумажной форме». */
  originalSeen: boolean
}

/**
 * Everything the operator has entered for one request, saved continuously. A draft becomes a signed request
 * exactly once; an edit of a signed request starts a new draft with version + 1 pointing at the previous envelope.
 */
export interface IntakeDraft {
  id: string
  serviceId: string
  channel: 'tson' | 'provider'
  applicant: Applicant
  applicantCheck: CheckState
  /** Autofilled, read-only consumer data shown to the operator (name, birth date, address). */
  applicantData?: Record<string, string>
  representative?: { iin: string; poaNumber: string; notarised: boolean; check: CheckState }
  fields: Record<string, JsonValue>
  documents: Record<string, DocumentSlot>
  sources: Record<string, SourceRef>
  version: number
  previousEnvelopeId?: string
  /**
   * Reviewed and set aside to be signed later with others (one confirmation for the batch); the documents the
   * service requires are kept with it. Cleared when the draft is opened again for editing.
   */
  reviewed?: { at: number; requiredDocuments: Array<{ id: string; required: boolean; paperOriginal?: boolean }> }
  createdAt: number
  updatedAt: number
}

export function emptyDraft(p: { id: string; serviceId: string; channel: 'tson' | 'provider'; now: number }): IntakeDraft {
  return {
    id: p.id,
    serviceId: p.serviceId,
    channel: p.channel,
    applicant: { kind: 'person', iin: '' },
    applicantCheck: { state: 'unchecked' },
    fields: {},
    documents: {},
    sources: {},
    version: 1,
    createdAt: p.now,
    updatedAt: p.now,
  }
}

/** Pure page operations used by the scans panel (each returns a new slot). */
export const pages = {
  rotate(slot: DocumentSlot, pageId: string, by: 90 | -90): DocumentSlot {
    return {
      ...slot,
      pages: slot.pages.map((p) => (p.id === pageId ? { ...p, rotation: ((((p.rotation + by) % 360) + 360) % 360) as Rotation } : p)),
    }
  },
  move(slot: DocumentSlot, pageId: string, delta: -1 | 1): DocumentSlot {
    const i = slot.pages.findIndex((p) => p.id === pageId)
    const j = i + delta
    if (i < 0 || j < 0 || j >= slot.pages.length) return slot
    const next = slot.pages.slice()
    ;[next[i], next[j]] = [next[j], next[i]]
    return { ...slot, pages: next }
  },
  remove(slot: DocumentSlot, pageId: string): DocumentSlot {
    return { ...slot, pages: slot.pages.filter((p) => p.id !== pageId) }
  },
}
