/**
 * Pattern A (registry-automatic) and C (accept-then-paper) services are answered by the gateway itself: it looks the
 * data up in the simulated registry, forms the справка (or the refusal "requested data absent", M5) as canonical JSON
 * and signs it with the department's test key — within seconds, as the regulations say.
 *
 * The answer is a durable job (src-gateway/jobs), enqueued in the transaction that registers the request: a restart,
 * SIGTERM or SIGKILL at any point leaves either a pending job or a finished answer, never a stranded request. A job
 * may run twice after a crash; `answer` writes only a request without an answer, so the answer is made once.
 */
import { canonicalJsonBytes, dropUndefined } from '../../src-shared/envelope/canonical-json'
import { ArmError, ERRORS, isErrorCode } from '../../src-shared/errors'
import { CadastralNumber, CivilActType, type RequestStatus } from '../../src-shared/gateway/api'
import type { Clock, EnvelopeCodec, EnvelopeFacts, ResultSigner, ServiceDirectory } from '../ports'
import { refusalFor } from '../registries/refusals'
import type { RegistryService } from '../registries/registry-service'
import type { GatewayStore, RequestRecord, StoreTx } from '../store/types'
import type { JobHandler, JobRunner } from '../jobs/runner'
import { digestOf, type MessageLog } from '../intake/message-log'
import type { RequestService } from '../intake/request-service'

type Decision = { kind: 'result'; data: unknown } | { kind: 'refusal'; reasonCode: string; reason: string; registryCode?: string; text?: { kk: string; ru: string; en: string } }

function formValues(form: Record<string, unknown>): unknown[] {
  const out: unknown[] = []
  const walk = (v: unknown) => {
    if (v && typeof v === 'object') Object.values(v as Record<string, unknown>).forEach(walk)
    else out.push(v)
  }
  walk(form)
  return out
}

export const AUTOMATED_ANSWER_JOB = 'automated-answer'

export class AutomatedResponder {
  /**
   * Asked after T8 (REGISTERED → IN_PROCESSING): true holds the answer back — the ЗАГС state duty is awaited
   * (src-gateway/payments); the job that follows the payment asks again.
   */
  dutyGate: (requestId: string, env: EnvelopeFacts) => Promise<boolean> = async () => false

  constructor(
    private readonly store: GatewayStore,
    private readonly clock: Clock,
    private readonly codec: EnvelopeCodec,
    private readonly services: ServiceDirectory,
    private readonly registry: RegistryService,
    private readonly signer: ResultSigner,
    private readonly requests: RequestService,
    private readonly log: MessageLog,
    private readonly jobs: JobRunner,
    private readonly opts: { delayMs: number },
  ) {
    jobs.register(this.jobHandler())
  }

  private automated(r: RequestRecord): boolean {
    const pattern = this.services.service(r.serviceId)?.pattern
    return pattern === 'A' || pattern === 'C'
  }

  /**
   * In the registering transaction: the automatic answer of a new request becomes a job (manual services are left to
   * the inbox). Returns when the job is due; nudge the runner with it after the commit.
   */
  async enqueueIn(tx: StoreTx, r: RequestRecord): Promise<number | undefined> {
    if (!this.automated(r)) return undefined
    const runAt = r.receivedAt + this.opts.delayMs
    await this.jobs.enqueue(AUTOMATED_ANSWER_JOB, r.id, { requestId: r.id }, runAt, tx)
    return runAt
  }

  /**
   * At start: automated requests still waiting without a job (registered by a gateway before jobs existed, whose
   * timers died with it) get one. Idempotent: a request that has a job keeps it.
   */
  async adoptStranded(): Promise<number> {
    let adopted = 0
    const departments = new Set(this.services.all().filter((s) => s.pattern === 'A' || s.pattern === 'C').map((s) => s.departmentId))
    for (const dept of departments) {
      for (const status of ['REGISTERED', 'IN_PROCESSING'] as const) {
        for (const r of await this.store.listInbox(dept, { status })) {
          if (!this.automated(r) || r.assigneeId || r.resultKind) continue
          if (await this.jobs.enqueue(AUTOMATED_ANSWER_JOB, r.id, { requestId: r.id }, this.clock.now())) adopted++
        }
      }
    }
    return adopted
  }

  private jobHandler(): JobHandler {
    return {
      kind: AUTOMATED_ANSWER_JOB,
      run: async (payload) => {
        const requestId = (payload as { requestId?: unknown } | null)?.requestId
        if (typeof requestId !== 'string') throw new Error('automated-answer job without a requestId')
        await this.answer(requestId)
      },
    }
  }

  /** Answers a request once: a request already answered (or taken by a person) is left as it is. */
  async answer(requestId: string): Promise<void> {
    const r = await this.store.requestById(requestId)
    if (!r || r.resultKind || r.assigneeId || (r.status !== 'REGISTERED' && r.status !== 'IN_PROCESSING')) return
    const decoded = this.codec.decode(r.envelope)
    if (!decoded.ok) return
    if (r.status === 'REGISTERED') {
      const started = this.clock.now()
      const c1 = await this.store.transaction(async (tx) => {
        const now = await tx.requestById(r.id)
        if (!now || now.status !== 'REGISTERED') return undefined
        await tx.updateRequest(r.id, { status: 'IN_PROCESSING' })
        return this.requests.appendStatusRaw(tx, r, 'IN_PROCESSING', started, 'automated')
      })
      if (c1) this.requests.publish(c1)
    }
    if (await this.dutyGate(r.id, decoded.envelope)) return

    const pattern = this.services.service(r.serviceId)?.pattern
    // A repeat certificate whose act is absent from ИС ЗАГС is refused (M5) rather than accepted.
    const absent = r.serviceId === 'zags.repeat-certificate' ? this.lookup(decoded.envelope) : undefined
    const decision = pattern === 'C' ? (absent?.kind === 'refusal' ? absent : this.acceptance(decoded.envelope)) : this.lookup(decoded.envelope)
    const decidedAt = this.clock.now()
    const doc = {
      registrationNumber: r.registrationNumber, serviceId: r.serviceId, kind: decision.kind, decidedAt: new Date(decidedAt).toISOString(),
      departmentId: r.departmentId, applicant: decoded.envelope.applicant,
      ...(decision.kind === 'result' ? { data: decision.data } : { reasonCode: decision.reasonCode, reason: decision.reason, registryCode: decision.registryCode, text: decision.text }),
    }
    const bytes = canonicalJsonBytes(dropUndefined(doc))
    const signed = await this.signer.sign(bytes)
    const status: RequestStatus = decision.kind === 'result' ? 'RESULT_READY' : 'REFUSED'
    const c2 = await this.store.transaction(async (tx) => {
      // Written once: a run that finds the answer there (an earlier run committed it, then died) changes nothing.
      const now = await tx.requestById(r.id)
      if (!now || now.resultKind || now.status !== 'IN_PROCESSING' || now.assigneeId) return undefined
      await tx.updateRequest(r.id, {
        status, resultKind: decision.kind, resultDocument: bytes, resultSignature: signed.cms, resultMediaType: 'application/json',
        resultReason: decision.kind === 'refusal' ? decision.reason : null, resultReasonCode: decision.kind === 'refusal' ? decision.reasonCode : null,
        resultSignedBy: 'department', resultSignerIin: signed.signerIin ?? null, resultSignerBin: signed.signerBin ?? null, decidedAt,
      })
      await this.log.append(tx, `automated:${decision.kind}`, r.id, digestOf(bytes, signed.cms), decidedAt)
      return this.requests.appendStatusRaw(tx, r, status, decidedAt, decision.kind === 'refusal' ? decision.reasonCode : undefined)
    })
    if (c2) this.requests.publish(c2)
  }

  private acceptance(env: EnvelopeFacts): Decision {
    return { kind: 'result', data: { notice: 'accepted', ru: 'Заявка принята на обработку.', kk: 'Өтінім өңдеуге қабылданды.', form: env.form } }
  }

  private lookup(env: EnvelopeFacts): Decision {
    const applicantIin = env.applicant.kind === 'person' ? env.applicant.iin : undefined
    const applicantBin = env.applicant.kind === 'entity' ? env.applicant.bin : undefined
    const values = formValues(env.form)
    const str = (pred: (s: string) => boolean) => values.find((v): v is string => typeof v === 'string' && pred(v))
    try {
      if (env.serviceId.startsWith('land.')) {
        const fromForm = typeof env.form.cadastralNumber === 'string' ? env.form.cadastralNumber : undefined
        const cad = fromForm ?? str((s) => CadastralNumber.safeParse(s).success)
        if (!cad) throw new ArmError('REGISTRY_LAND_PLOT_NOT_FOUND')
        return { kind: 'result', data: { landPlot: this.registry.landPlot(cad) } }
      }
      if (env.serviceId === 'realty.absence-presence-certificate') {
        // "Absence" is an answer, not a refusal: the справка states that nothing is registered.
        try {
          return { kind: 'result', data: { present: true, items: this.registry.realEstate({ iin: applicantIin, bin: applicantBin }) } }
        } catch (e) {
          if (e instanceof ArmError && e.code === 'REGISTRY_REAL_ESTATE_NOT_FOUND') return { kind: 'result', data: { present: false, items: [] } }
          throw e
        }
      }
      if (env.serviceId.startsWith('realty.')) return { kind: 'result', data: { items: this.registry.realEstate({ iin: applicantIin, bin: applicantBin }) } }
      if (env.serviceId === 'legal.gbdul-certificate') {
        const subject = typeof env.form.subjectBin === 'string' ? env.form.subjectBin : undefined
        const bin = subject ?? applicantBin ?? str((s) => /^\d{12}$/.test(s) && this.isEntity(s))
        if (bin) return { kind: 'result', data: { entity: this.registry.entity(bin) } }
        if (applicantIin) return { kind: 'result', data: { person: this.registry.person(applicantIin) } }
        throw new ArmError('REGISTRY_ENTITY_NOT_FOUND')
      }
      if (env.serviceId.startsWith('zags.')) {
        const requested = env.form.certificateType
        const type = CivilActType.safeParse(requested).success ? (requested as CivilActType) : undefined
        const iin = applicantIin
        if (!iin) throw new ArmError('REGISTRY_CIVIL_ACT_NOT_FOUND')
        return { kind: 'result', data: { acts: this.registry.civilActs(iin, type) } }
      }
      return { kind: 'result', data: { form: env.form } }
    } catch (e) {
      if (e instanceof ArmError && isErrorCode(e.code) && e.code.startsWith('REGISTRY_')) {
        // The refusal carries the catalogue's ground (M3/M5) and its words; the registry code says which lookup failed.
        const ground = refusalFor(e.code)
        return { kind: 'refusal', reasonCode: ground?.code ?? e.code, reason: ground?.text.ru ?? ERRORS[e.code].ru, registryCode: e.code, text: ground?.text }
      }
      throw e
    }
  }

  private isEntity(bin: string): boolean {
    try {
      this.registry.entity(bin)
      return true
    } catch {
      return false
    }
  }
}
