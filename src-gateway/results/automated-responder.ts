/**
 * Pattern A (registry-automatic) and C (accept-then-paper) services are answered by the gateway itself: it looks the
 * data up in the simulated registry, forms the справка (or the refusal "requested data absent", M5) as canonical JSON
 * and signs it with the department's test key — within seconds, as the regulations say.
 */
import { canonicalJsonBytes, dropUndefined } from '../../src-shared/envelope/canonical-json'
import { ArmError, ERRORS, isErrorCode } from '../../src-shared/errors'
import { CadastralNumber, CivilActType, type RequestStatus } from '../../src-shared/gateway/api'
import type { Clock, EnvelopeCodec, EnvelopeFacts, ResultSigner, ServiceDirectory } from '../ports'
import { refusalFor } from '../registries/refusals'
import type { RegistryService } from '../registries/registry-service'
import type { GatewayStore, RequestRecord } from '../store/types'
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

export class AutomatedResponder {
  private readonly timers = new Set<NodeJS.Timeout>()

  constructor(
    private readonly store: GatewayStore,
    private readonly clock: Clock,
    private readonly codec: EnvelopeCodec,
    private readonly services: ServiceDirectory,
    private readonly registry: RegistryService,
    private readonly signer: ResultSigner,
    private readonly requests: RequestService,
    private readonly log: MessageLog,
    private readonly opts: { delayMs: number; onError: (err: unknown) => void },
  ) {}

  /** Schedules the automatic answer of a freshly registered request (manual services are left to the inbox). */
  handle(r: RequestRecord): void {
    const pattern = this.services.service(r.serviceId)?.pattern
    if (pattern !== 'A' && pattern !== 'C') return
    const t = setTimeout(() => {
      this.timers.delete(t)
      this.answer(r.id).catch(this.opts.onError)
    }, this.opts.delayMs)
    this.timers.add(t)
  }

  stop(): void {
    for (const t of this.timers) clearTimeout(t)
    this.timers.clear()
  }

  async answer(requestId: string): Promise<void> {
    const r = await this.store.requestById(requestId)
    if (!r || r.status !== 'REGISTERED') return
    const decoded = this.codec.decode(r.envelope)
    if (!decoded.ok) return
    const started = this.clock.now()
    const c1 = await this.store.transaction(async (tx) => {
      await tx.updateRequest(r.id, { status: 'IN_PROCESSING' })
      return this.requests.appendStatusRaw(tx, r, 'IN_PROCESSING', started, 'automated')
    })
    this.requests.publish(c1)

    const pattern = this.services.service(r.serviceId)?.pattern
    const decision = pattern === 'C' ? this.acceptance(decoded.envelope) : this.lookup(decoded.envelope)
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
      await tx.updateRequest(r.id, {
        status, resultKind: decision.kind, resultDocument: bytes, resultSignature: signed.cms, resultMediaType: 'application/json',
        resultReason: decision.kind === 'refusal' ? decision.reason : null, resultReasonCode: decision.kind === 'refusal' ? decision.reasonCode : null,
        resultSignedBy: 'department', resultSignerIin: signed.signerIin ?? null, resultSignerBin: signed.signerBin ?? null, decidedAt,
      })
      await this.log.append(tx, `automated:${decision.kind}`, r.id, digestOf(bytes, signed.cms), decidedAt)
      return this.requests.appendStatusRaw(tx, r, status, decidedAt, decision.kind === 'refusal' ? decision.reasonCode : undefined)
    })
    this.requests.publish(c2)
  }

  private acceptance(env: EnvelopeFacts): Decision {
    return { kind: 'result', data: { notice: 'accepted', ru: 'Заявка принята. Оплатите государственную пошлину в течение 24 часов.', kk: 'Өтінім қабылданды. Мемлекеттік бажды 24 сағат ішінде төлеңіз.', form: env.form } }
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
