/**
 * The service catalogue: all 18 services of CATALOG.md as data, with search and form schemas.
 * Imported by the renderer (picker, forms), the host, the gateway (routing, form checks) and the CLI.
 */
import type { z } from 'zod'
import { ArmError, type Lang } from '../errors'
import type { JsonValue } from '../envelope'
import { buildFormSchema, holds, type FormOptions } from './form'
import { CatalogSearchIndex, type SearchHit } from './search'
import { akimatDisabledChildHomeSupport, akimatGuardianshipCertificate, akimatHousingQueue, akimatMinorDepositsCertificate, akimatMinorPropertyCertificate, akimatPreschoolQueue, akimatUnemployedCertificate } from './services/akimat'
import { archiveCertificate } from './services/archive'
import { landCadastralInfo, landIdDocumentProductionInfo, landOwnershipInfo, landPrimaryTitleInfo } from './services/land'
import { legalGbdulCertificate } from './services/legal'
import { realtyAbsencePresenceCertificate, realtyRightsCertificate } from './services/realty'
import { zagsCivilStatusCertificate, zagsMarriageApplication, zagsRepeatCertificate } from './services/zags'
import type { ChannelKind, DocumentRequirement, ServiceDefinition } from './types'

export * from './types'
export { applicantOf, ageOn, fieldSchema, holds, isEmptyValue, isRequired, isVisible, parseFormDate, type FormOptions } from './form'
export { foldForSearch, searchWords, type SearchHit } from './search'
export { sampleFieldValue, sampleFormValues } from './samples'
export { REQUEST_STATUS_LABELS, TERMINAL_STATUSES, statusLabel, type RequestStatusCode } from './statuses'
export { APPEAL_SENTENCE, BARCODE_NOTES, LEGAL_CLAUSE, PROVIDERS, REGISTRY_NAMES } from './common'

/** The 18 services in the order of the register (CATALOG §3.1). */
export const SERVICES: readonly ServiceDefinition[] = [
  zagsRepeatCertificate,
  zagsMarriageApplication,
  zagsCivilStatusCertificate,
  realtyRightsCertificate,
  realtyAbsencePresenceCertificate,
  legalGbdulCertificate,
  landIdDocumentProductionInfo,
  landCadastralInfo,
  landOwnershipInfo,
  landPrimaryTitleInfo,
  akimatUnemployedCertificate,
  akimatDisabledChildHomeSupport,
  akimatPreschoolQueue,
  akimatMinorDepositsCertificate,
  akimatMinorPropertyCertificate,
  akimatGuardianshipCertificate,
  akimatHousingQueue,
  archiveCertificate,
]

export type FormValidation = { ok: true; value: Record<string, JsonValue> } | { ok: false; issues: Array<{ path: string; code: string }> }

export class ServiceCatalog {
  private readonly byId: Map<string, ServiceDefinition>
  private readonly index: CatalogSearchIndex
  // Built form schemas by service + options: the schema is a pure function of the (immutable) service definition and
  // the options, and building one per call was a measurable share of the gateway's per-request cost. Bounded because
  // `today` is part of the key (one entry per day and channel in practice).
  private readonly schemas = new Map<string, z.ZodType<Record<string, JsonValue>>>()

  constructor(private readonly all: readonly ServiceDefinition[] = SERVICES) {
    this.byId = new Map()
    for (const s of all) {
      if (this.byId.has(s.id)) throw new ArmError('CATALOG_DEFINITION_INVALID', `duplicate service id ${s.id}`)
      const ids = new Set<string>()
      for (const f of s.fields) {
        if (ids.has(f.id)) throw new ArmError('CATALOG_DEFINITION_INVALID', `duplicate field ${s.id}.${f.id}`)
        ids.add(f.id)
      }
      this.byId.set(s.id, s)
    }
    this.index = new CatalogSearchIndex(all)
  }

  /** All services in register order. */
  list(): readonly ServiceDefinition[] {
    return this.all
  }
  /** Alias of list() (the intake's IntakeCatalog port). */
  services(): readonly ServiceDefinition[] {
    return this.all
  }

  has(id: string): boolean {
    return this.byId.has(id)
  }
  find(id: string): ServiceDefinition | undefined {
    return this.byId.get(id)
  }
  /** The service, or ArmError CATALOG_UNKNOWN_SERVICE. */
  get(id: string): ServiceDefinition {
    const s = this.byId.get(id)
    if (!s) throw new ArmError('CATALOG_UNKNOWN_SERVICE', `unknown service ${id}`, { serviceId: id })
    return s
  }

  /** Services offered through a channel (e.g. what a ЦОН operator may submit). */
  forChannel(channel: ChannelKind): ServiceDefinition[] {
    return this.all.filter((s) => s.channels[channel])
  }
  /** Throws CATALOG_CHANNEL_UNAVAILABLE when the service has no flow in that channel (e.g. marriage via a ЦОН). */
  assertChannel(id: string, channel: ChannelKind): ServiceDefinition {
    const s = this.get(id)
    if (!s.channels[channel]) throw new ArmError('CATALOG_CHANNEL_UNAVAILABLE', `${id} is not offered via ${channel}`, { serviceId: id, channel })
    return s
  }

  /** Ranked search by name, keyword, life situation, provider or registry, in Kazakh or Russian. Empty query: all. */
  search(query: string, lang: Lang = 'ru'): ServiceDefinition[] {
    return this.index.search(query, lang).map((h) => h.service)
  }
  searchScored(query: string, lang: Lang = 'ru'): SearchHit[] {
    return this.index.search(query, lang)
  }

  /**
   * A zod schema of the service's form. Issue messages are error codes; the output keeps only visible, filled,
   * normalised values (what goes into the envelope's `form`).
   */
  formSchema(serviceId: string, channelOrOptions: ChannelKind | FormOptions = 'tson', options: FormOptions = {}): z.ZodType<Record<string, JsonValue>> {
    const opts = typeof channelOrOptions === 'string' ? { ...options, channel: channelOrOptions } : channelOrOptions
    const key = `${serviceId}|${opts.channel ?? ''}|${opts.today ?? ''}|${opts.unknownKeys ?? ''}`
    let schema = this.schemas.get(key)
    if (!schema) {
      schema = buildFormSchema(this.get(serviceId), opts)
      if (this.schemas.size >= 512) this.schemas.clear()
      this.schemas.set(key, schema)
    }
    return schema
  }

  /** Validates form values without throwing (the gateway's check on delivery). */
  validateForm(serviceId: string, values: unknown, options: FormOptions = {}): FormValidation {
    const r = this.formSchema(serviceId, options).safeParse(values)
    if (r.success) return { ok: true, value: r.data }
    return { ok: false, issues: r.error.issues.map((i) => ({ path: i.path.join('.'), code: i.message })) }
  }

  /** The document checklist for the current values: each requirement with whether a scan is needed now. */
  documentChecklist(serviceId: string, values: Record<string, unknown>): Array<DocumentRequirement & { scanNeeded: boolean }> {
    return this.get(serviceId).documents.map((d) => ({
      ...d,
      scanNeeded: d.scan === 'required' || (d.scan === 'conditional' && holds(d.requiredWhen, values)),
    }))
  }

  /** Plain data for `arm catalog --json` and for clients that cache the catalogue. */
  toJSON(): { version: number; services: readonly ServiceDefinition[] } {
    return { version: CATALOG_VERSION, services: this.all }
  }
}

/** Bumped whenever service ids, fields or rules change in a way stored drafts must notice. */
export const CATALOG_VERSION = 1

/** The default catalogue instance. */
export const catalog = new ServiceCatalog()
