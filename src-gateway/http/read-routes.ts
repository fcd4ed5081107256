/**
 * Read-only routes added after the intake surface: GET /attachments/:sha256 (the specialist opens the scans of a
 * request) and GET /supervision/summary (the supervisor's board). Kept out of app.ts so the intake path stays untouched;
 * buildGateway registers them with one call.
 */
import { Readable } from 'node:stream'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { ArmError } from '../../src-shared/errors'
import { ROUTES, Sha256Hex } from '../../src-shared/gateway/api'
import type { Principal } from '../auth/auth-service'
import type { AttachmentAccess } from '../attachments/attachment-access'
import type { SupervisionSummaryService } from '../supervision/summary-service'

export interface ReadRoutesDeps {
  principal: (req: FastifyRequest) => Promise<Principal>
  attachments: AttachmentAccess
  summary: SupervisionSummaryService
}

export function registerReadRoutes(app: FastifyInstance, deps: ReadRoutesDeps): void {
  // The HEAD route of the same path is registered before this one, so Fastify does not add its own HEAD for it.
  app.get<{ Params: { sha256: string } }>(ROUTES.attachment, async (req, reply) => {
    const p = await deps.principal(req)
    const r = Sha256Hex.safeParse(req.params.sha256)
    if (!r.success) throw new ArmError('GW_BAD_REQUEST', 'the attachment name must be a lower-case hex SHA-256')
    try {
      const { record, body } = await deps.attachments.open(p, r.data)
      return reply
        .code(200)
        .header('content-type', record.mediaType)
        // inline + nosniff: the workstation previews it, and no browser may reinterpret a "PDF" as HTML or script.
        .header('content-disposition', 'inline')
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .header('content-length', String(body.size))
        // streamed chunk by chunk with back-pressure: many specialists opening big scans do not fill the heap
        .send(Readable.from(body.chunks, { objectMode: false }))
    } catch (err) {
      // GW_ATTACHMENT_MISSING is 422 at intake (the request names an absent file); on a read it is a plain 404.
      if (err instanceof ArmError && err.code === 'GW_ATTACHMENT_MISSING') return reply.code(404).send(err.toPayload())
      throw err
    }
  })

  app.get(ROUTES.supervisionSummary, async (req) => {
    const p = await deps.principal(req)
    // All demo data is one region; a multi-region gateway would filter the facts by the supervisor's region here.
    if (p.user.role !== 'supervisor' && p.user.role !== 'admin') throw new ArmError('GW_FORBIDDEN')
    return deps.summary.summary()
  })
}
