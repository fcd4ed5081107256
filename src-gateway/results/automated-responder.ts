/**
 * Pattern A (registry-automatic) and C (accept-then-paper) services are answered by the gateway itself: it looks the
 * data up in the simulated registry, forms the справка (or the refusal "requested data absent", M5) as canonical JSON
 * and signs it with the department's test key — within seconds, as the regulations say.
 *
 * The answer is a durable job (src-gateway/jobs), enqueued in the transaction that registers the request: a restart,
 * SIGTERM or SIGKILL at any point leaves either a pending job or a finished answer, never a stranded request. A job
 * may run twice after a crash; `answer` writes only a request without an answer, so the answer is made once.
 */
import { refusalReasonText } from '../../src-shared/print/compose'
import { ServiceCatalog, type RefusalCode, type ServiceDefinition } from '../../src-shared/catalog'
import { ArmError, ERRORS, isErrorCode, type ErrorCode } from '../../src-shared/errors'
import {
  applicantName, checkDecision, checkValues, decisionBytes, DECISION_SCHEMA_ID, defaultTemplate, gatewayKind, prefillValues, serviceTemplates,
  type DecisionDocument, type RegistryAnswers, type ResultTemplate, type ResultValue,
} from '../../src-shared/results'
import { CadastralNumber, CivilActType, type RequestStatus } from '../../src-shared/gateway/api'
import type { Clock, EnvelopeCodec, EnvelopeFacts, ResultSigner, ServiceDirectory } from '../ports'
import { refusalFor } from '../registries/refusals'
import type { RegistryService } from '../registries/registry-service'
import type { GatewayStore, RequestRecord, StoreTx } from '../store/types'
import type { JobHandler, JobRunner } from '../jobs/runner'
import { digestOf, type MessageLog } from '../intake/message-log'
import type { RequestService } from '../intake/request-service'

/** What the registries answered: the document's kind and template, or the catalogue ground of a refusal. */
type Decision = { template: ResultTemplate; values: Record<string, ResultValue> } | { refusal: { code: RefusalCode; text: string; kk: string } }

const CATALOG = new ServiceCatalog()

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

    const service = CATALOG.find(r.serviceId)
    if (!service) throw new ArmError('RESULT_SERVICE_UNKNOWN', `the catalogue has no ${r.serviceId}`)
    const decision = this.lookup(service, decoded.envelope, r.registrationNumber, r.receivedAt)
    const decidedAt = this.clock.now()
    const template = 'template' in decision ? decision.template : defaultTemplate(service, 'refusal')
    if (!template) throw new ArmError('RESULT_TEMPLATE_UNKNOWN', `${service.id} has no refusal template`)
    const env = decoded.envelope
    const answers = 'template' in decision ? decision.values : {}
    // The one document schema (src-shared/results): the same document a specialist signs, checked the same way.
    const doc: DecisionDocument = {
      schema: DECISION_SCHEMA_ID, registrationNumber: r.registrationNumber, serviceId: r.serviceId, templateId: template.id, kind: template.kind,
      decidedAt: new Date(decidedAt).toISOString(),
      applicant: { kind: env.applicant.kind, ...(env.applicant.kind === 'person' ? { iin: env.applicant.iin } : { bin: env.applicant.bin }), name: this.nameOf(env, answers) },
      values: answers,
      ...('refusal' in decision ? { refusal: decision.refusal } : {}),
      // The issuing department in the three languages: each printout names it in its own.
      signer: { role: 'department', name: service.provider.name.ru, unit: service.provider.name, position: template.signer, ...(this.signer.signerBin ? { bin: this.signer.signerBin } : {}) },
    }
    checkDecision(doc, CATALOG, { reasonInBothLanguages: true })
    const kind = gatewayKind(doc.kind)
    const bytes = decisionBytes(doc)
    const signed = await this.signer.sign(bytes)
    const status: RequestStatus = kind === 'result' ? 'RESULT_READY' : 'REFUSED'
    const reason = doc.refusal ? refusalReasonText(doc, service, 'ru') : null
    const c2 = await this.store.transaction(async (tx) => {
      // Written once: a run that finds the answer there (an earlier run committed it, then died) changes nothing.
      const now = await tx.requestById(r.id)
      if (!now || now.resultKind || now.status !== 'IN_PROCESSING' || now.assigneeId) return undefined
      await tx.updateRequest(r.id, {
        status, resultKind: kind, resultDocument: bytes, resultSignature: signed.cms, resultMediaType: 'application/json',
        resultReason: reason, resultReasonCode: doc.refusal?.code ?? null,
        resultSignedBy: 'department', resultSignerIin: signed.signerIin ?? null, resultSignerBin: signed.signerBin ?? null, decidedAt,
      })
      await this.log.append(tx, `automated:${kind}`, r.id, digestOf(bytes, signed.cms), decidedAt)
      return this.requests.appendStatusRaw(tx, r, status, decidedAt, doc.refusal?.code)
    })
    if (c2) this.requests.publish(c2)
  }

  private nameOf(env: EnvelopeFacts, values: Record<string, ResultValue>): string {
    const named = values.fio ?? values.applicantFio ?? values.applicant
    if (typeof named === 'string' && named.trim()) return named
    try {
      const answers = env.applicant.kind === 'person' ? { person: this.registry.person(env.applicant.iin) } : { entity: this.registry.entity(env.applicant.bin) }
      return applicantName({ form: env.form, applicant: env.applicant, registries: answers }) ?? (env.applicant.kind === 'person' ? env.applicant.iin : env.applicant.bin)
    } catch {
      return env.applicant.kind === 'person' ? env.applicant.iin : env.applicant.bin
    }
  }

  /** A registry lookup whose "not found" is no refusal (the person behind a request may be absent from a sub-registry). */
  private optional<T>(f: () => T): T | undefined {
    try {
      return f()
    } catch (e) {
      if (e instanceof ArmError && e.code.startsWith('REGISTRY_')) return undefined
      throw e
    }
  }

  /**
   * The registries' answers for the service, then the template they fill. Pattern C answers with the §5.5a acceptance
   * notice. A lookup the service rests on that finds nothing, or an answer that leaves a field of the document empty,
   * is the catalogue's refusal (M3/M5) — never a document with holes.
   */
  private lookup(service: ServiceDefinition, env: EnvelopeFacts, registrationNumber: string, receivedAt: number): Decision {
    const iin = env.applicant.kind === 'person' ? env.applicant.iin : undefined
    const bin = env.applicant.kind === 'entity' ? env.applicant.bin : undefined
    const form = env.form
    const str = (pred: (s: string) => boolean) => formValues(form).find((v): v is string => typeof v === 'string' && pred(v))
    const registries: RegistryAnswers = {
      ...(iin ? { person: this.optional(() => this.registry.person(iin)) } : {}),
      ...(bin ? { entity: this.optional(() => this.registry.entity(bin)) } : {}),
    }
    let templateId: string | undefined
    try {
      if (service.pattern === 'C') {
        if (service.id === 'zags.repeat-certificate') {
          // A repeat certificate whose act is absent from ИС ЗАГС is refused (M5); no duty is asked for it either
          // (payments' recordFound runs the same search before the fee).
          const type = CivilActType.safeParse(form.certificateType)
          if (!iin) throw new ArmError('REGISTRY_CIVIL_ACT_NOT_FOUND')
          registries.civilActs = this.registry.civilActs(iin, type.success ? type.data : undefined)
          if (!registries.civilActs.length) throw new ArmError('REGISTRY_CIVIL_ACT_NOT_FOUND')
        } else if (service.id.startsWith('zags.') && iin) registries.civilActs = this.optional(() => this.registry.civilActs(iin))
        templateId = defaultTemplate(service, 'acceptance')?.id
      } else if (service.id.startsWith('land.')) {
        const cad = (typeof form.cadastralNumber === 'string' ? form.cadastralNumber : undefined) ?? str((s) => CadastralNumber.safeParse(s).success)
        if (!cad) throw new ArmError('REGISTRY_LAND_PLOT_NOT_FOUND')
        registries.landPlot = this.registry.landPlot(cad)
      } else if (service.id === 'realty.absence-presence-certificate') {
        // "Absence" is an answer, not a refusal: the справка states that nothing is registered.
        registries.realEstate = this.optional(() => this.registry.realEstate({ iin, bin })) ?? []
      } else if (service.id.startsWith('realty.')) {
        registries.realEstate = this.registry.realEstate({ iin, bin })
      } else if (service.id === 'legal.gbdul-certificate') {
        const subject = (typeof form.subjectBin === 'string' ? form.subjectBin : undefined) ?? bin ?? str((s) => /^\d{12}$/.test(s) && this.isEntity(s))
        if (!subject) throw new ArmError('REGISTRY_ENTITY_NOT_FOUND')
        registries.entity = this.registry.entity(subject)
        templateId = typeof form.certificateSubtype === 'string' && form.certificateSubtype !== 'd' ? form.certificateSubtype : 'a'
        if (templateId === 'c') registries.participations = registries.entity.founders.flatMap((f) => (f.kind === 'entity' ? (this.optional(() => this.registry.entity(f.bin)) ?? []) : []))
      } else if (service.id.startsWith('zags.')) {
        const requested = form.certificateType
        const type = CivilActType.safeParse(requested).success ? (requested as CivilActType) : undefined
        if (!iin) throw new ArmError('REGISTRY_CIVIL_ACT_NOT_FOUND')
        registries.civilActs = this.registry.civilActs(iin, type)
        templateId = type ?? registries.civilActs[0]?.type
      }
    } catch (e) {
      if (e instanceof ArmError && isErrorCode(e.code) && e.code.startsWith('REGISTRY_')) return this.refusal(e.code)
      throw e
    }
    const template = (templateId && serviceTemplates(service).find((t) => t.id === templateId)) || defaultTemplate(service, 'result')
    if (!template) throw new ArmError('RESULT_TEMPLATE_UNKNOWN', `${service.id} has no result template`)
    const received = new Date(receivedAt).toISOString().slice(0, 10)
    const values = prefillValues(template, { form, applicant: env.applicant, registries, formFields: service.fields, registrationNumber, receivedOn: received })
    const missing = checkValues(template, values).find((i) => i.code === 'RESULT_FIELD_MISSING')
    // The registry answered, but not everything the document states: that is "requested data absent" (M5).
    if (missing) {
      const label = template.fields.find((f) => f.id === missing.path)?.label ?? { kk: missing.path, ru: missing.path }
      return { refusal: { code: 'M5', text: `В ответе реестра нет сведений: «${label.ru}».`, kk: `Тізілімнің жауабында «${label.kk}» туралы мәлімет жоқ.` } }
    }
    return { template, values }
  }

  /** The catalogue's ground of a registry's "not found" (M3/M5) with the registry's words. */
  private refusal(code: ErrorCode): Decision {
    return { refusal: { code: (refusalFor(code)?.code ?? 'M5') as RefusalCode, text: ERRORS[code].ru, kk: ERRORS[code].kk } }
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
