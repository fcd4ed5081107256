/**
 * Who may read a stored attachment (GET /attachments/:sha256). Attachments are content-addressed and shared by hash,
 * so the right to read one comes from the requests that reference it: the ЦОН that sent such a request (or uploaded
 * the bytes) and the staff of the department the request is routed to. Everyone else is refused, including admins —
 * scanned identity documents are personal data and nobody else needs them.
 *
 * To a caller who may not read it, a stored scan does not exist: GET and HEAD answer as for an unknown hash, and a
 * PUT of it answers "stored" as for new bytes. Otherwise anyone holding a document could learn whether some ЦОН had
 * submitted it (a confirmation oracle over, say, a known passport scan).
 */
import { ArmError } from '../../src-shared/errors'
import type { Principal } from '../auth/auth-service'
import type { EnvelopeCodec } from '../ports'
import type { BlobReader } from '../blobs/types'
import type { AttachmentRecord, GatewayStore, RequestRecord } from '../store/types'

/** Upper bound of requests inspected per read: a scan is referenced by a handful of requests, not thousands. */
const MAX_REFERENCES = 200

export interface OpenedAttachment {
  record: AttachmentRecord
  /** Streamed from the blob store: a GET never holds the whole scan in memory. */
  body: BlobReader
}

export class AttachmentAccess {
  constructor(
    private readonly store: GatewayStore,
    private readonly codec: EnvelopeCodec,
  ) {}

  /** The requests whose decoded envelope lists this attachment (the byte pre-filter alone could match a form value). */
  async referencingRequests(sha256: string): Promise<RequestRecord[]> {
    const candidates = await this.store.requestsMentioning(sha256, MAX_REFERENCES)
    return candidates.filter((r) => {
      const d = this.codec.decode(r.envelope)
      return d.ok && d.envelope.attachments.some((a) => a.sha256 === sha256)
    })
  }

  async mayRead(p: Principal, sha256: string): Promise<boolean> {
    const u = p.user
    const uploaders = await this.store.attachmentUploaders(sha256)
    // Whoever uploaded the bytes may read them back (before or without any request).
    if (uploaders.some((x) => x.userId === u.id)) return true
    if (u.role === 'tson_operator') {
      if (!u.tsonId) return false
      if (uploaders.some((x) => x.tsonId === u.tsonId)) return true
      return (await this.referencingRequests(sha256)).some((r) => r.tsonId === u.tsonId)
    }
    if (u.role === 'provider_specialist' || u.role === 'supervisor') {
      if (!u.departmentId) return false
      return (await this.referencingRequests(sha256)).some((r) => r.departmentId === u.departmentId)
    }
    return false
  }

  /**
   * Whether the caller's own scope uploaded these bytes: the caller, their ЦОН, or (provider staff) someone of their
   * department. Only such bytes may be referenced in the caller's envelope — naming a hash is not a way to reach a
   * scan someone else stored.
   */
  async uploadedInScope(p: Principal, sha256: string): Promise<boolean> {
    const u = p.user
    const uploaders = await this.store.attachmentUploaders(sha256)
    if (uploaders.some((x) => x.userId === u.id)) return true
    if (u.role === 'tson_operator') return !!u.tsonId && uploaders.some((x) => x.tsonId === u.tsonId)
    if ((u.role === 'provider_specialist' || u.role === 'supervisor') && u.departmentId) {
      for (const x of uploaders) if ((await this.store.userById(x.userId))?.departmentId === u.departmentId) return true
    }
    return false
  }

  /** The bytes for a caller allowed to see them; for anyone else, as for an unknown hash: GW_ATTACHMENT_MISSING (404). */
  async open(p: Principal, sha256: string): Promise<OpenedAttachment> {
    const record = await this.store.attachment(sha256)
    if (!record || !(await this.mayRead(p, sha256))) throw new ArmError('GW_ATTACHMENT_MISSING', 'no attachment with this SHA-256 on the gateway', { sha256 })
    const body = await this.store.attachmentReader(sha256)
    if (!body) throw new ArmError('GW_ATTACHMENT_MISSING', 'no attachment with this SHA-256 on the gateway', { sha256 })
    return { record, body }
  }
}
