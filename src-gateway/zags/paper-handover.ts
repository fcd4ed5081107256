/**
 * Pattern C's paper step (CATALOG §2.4 T13): «ЗАГС repeat certificate: the paper certificate is handed over at the
 * place of filing». The ЗАГС specialist of the request's department marks it handed over: RESULT_READY → ISSUED, once.
 */
import { ArmError } from '../../src-shared/errors'
import { NO_REQUEST_AUDIT, type RequestAudit } from '../audit/audit-trail'
import type { Principal } from '../auth/auth-service'
import type { RequestService } from '../intake/request-service'
import type { Clock } from '../ports'
import type { GatewayStore } from '../store/types'

/** The services whose result is followed by a paper certificate collected where the request was filed. */
export const PAPER_CERTIFICATE_SERVICES: ReadonlySet<string> = new Set(['zags.repeat-certificate'])

export async function handOverPaperCertificate(
  deps: { store: GatewayStore; clock: Clock; requests: RequestService },
  p: Principal,
  regNo: string,
  audit: RequestAudit = NO_REQUEST_AUDIT,
): Promise<{ registrationNumber: string; status: 'ISSUED'; at: string }> {
  const u = p.user
  if (u.role !== 'provider_specialist' && u.role !== 'supervisor') throw new ArmError('GW_FORBIDDEN', 'only the ЗАГС specialist hands the paper certificate over')
  const r = await deps.requests.visibleByRegNo(p, regNo)
  if (!PAPER_CERTIFICATE_SERVICES.has(r.serviceId)) throw new ArmError('GW_INVALID_TRANSITION', 'this service has no paper certificate')
  const at = deps.clock.now()
  const change = await deps.store.transaction(async (tx) => {
    const now = await tx.requestById(r.id)
    if (!now || now.status !== 'RESULT_READY') throw new ArmError('GW_INVALID_TRANSITION', `the request is ${now?.status ?? 'gone'}, not RESULT_READY`)
    await tx.updateRequest(r.id, { status: 'ISSUED' })
    const change = await deps.requests.appendStatusRaw(tx, now, 'ISSUED', at, 'paper certificate handed over at the place of filing')
    await audit(tx, 'result.hand-over', now, { paper: true })
    return change
  })
  deps.requests.publish(change)
  return { registrationNumber: r.registrationNumber, status: 'ISSUED', at: new Date(at).toISOString() }
}
