import type { ArmDb } from '../../../db'
import type { DocumentRecord } from '../../../db/types'
import type { IntakeDraft } from './model'
import type { DraftStore } from './ports'

/**
 * Drafts in the workstation's Dexie DB. The whole intake state is kept under `form.intake` (the field values are also
 * mirrored in `form.fields` for other readers); imported scan files go to `documents`, keyed by their SHA-256 and
 * tied to the draft's id, so a crash never loses a scan the operator already imported.
 */
export function dexieDraftStore(db: Pick<ArmDb, 'drafts' | 'documents'>, now: () => number = Date.now, owner: () => string | undefined = () => undefined): DraftStore {
  return {
    async save(draft) {
      const ownerId = (await db.drafts.get(draft.id))?.ownerId ?? owner()
      await db.drafts.put({ id: draft.id, serviceId: draft.serviceId, form: { intake: draft, fields: draft.fields }, createdAt: draft.createdAt, updatedAt: draft.updatedAt, ...(ownerId ? { ownerId } : {}) })
    },
    async load(id) {
      const row = await db.drafts.get(id)
      return row?.form.intake as IntakeDraft | undefined
    },
    async list() {
      // One desk, several people: each sees the drafts they started (and the unowned ones from before v5).
      const me = owner()
      const rows = (await db.drafts.orderBy('updatedAt').reverse().toArray()).filter((r) => !me || !r.ownerId || r.ownerId === me)
      return rows.map((r) => r.form.intake as IntakeDraft).filter(Boolean)
    },
    async remove(id) {
      const row = await db.drafts.get(id)
      await db.drafts.delete(id)
      // The imported source files are no longer needed once the composed PDFs are stored with the request; only the
      // draft's own sources go (a composed PDF never has a source's hash, and another draft's sources are kept).
      const sources = Object.values((row?.form.intake as IntakeDraft | undefined)?.sources ?? {}).map((s) => s.sha256)
      if (sources.length) await db.documents.where('sha256').anyOf(sources).filter((d) => d.requestId === id).delete()
    },
    async putSource(draftId, sha256, mediaType, bytes) {
      const existing = await db.documents.get(sha256)
      if (existing) return
      await db.documents.put({ sha256, requestId: draftId, mediaType: mediaType as DocumentRecord['mediaType'], size: bytes.length, bytes, createdAt: now() })
    },
    async getSource(sha256) {
      return (await db.documents.get(sha256))?.bytes
    },
  }
}
