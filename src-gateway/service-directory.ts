/**
 * Where each catalogue service is routed (department inbox or registry) and which back-end pattern answers it.
 * Pattern and form schema come from the shared catalogue (src-shared/catalog); the department ids are the gateway's
 * own deployment data (which АРМ РШЭП inbox serves which provider in this region).
 */
import { applicantOf, catalog, type ServiceCatalog } from '../src-shared/catalog'
import type { RoutedService, ServiceDirectory } from './ports'

/** Department inboxes of the demo region. Pattern A services are answered by the registry itself. */
export const DEPARTMENTS = {
  education: 'akimat-astana-education',
  social: 'akimat-astana-social',
  archive: 'archive-pavlodar',
  zags: 'is-zags',
  realty: 'gbd-rn',
  legal: 'gbd-ul',
  land: 'ais-gzk',
} as const

export function departmentFor(serviceId: string): string {
  if (serviceId.startsWith('zags.')) return DEPARTMENTS.zags
  if (serviceId.startsWith('realty.')) return DEPARTMENTS.realty
  if (serviceId.startsWith('legal.')) return DEPARTMENTS.legal
  if (serviceId.startsWith('land.')) return DEPARTMENTS.land
  if (serviceId.startsWith('archive.')) return DEPARTMENTS.archive
  if (['akimat.unemployed-certificate', 'akimat.disabled-child-home-support', 'akimat.housing-queue'].includes(serviceId)) return DEPARTMENTS.social
  return DEPARTMENTS.education
}

export class MapServiceDirectory implements ServiceDirectory {
  private readonly byId: Map<string, RoutedService>
  constructor(services: RoutedService[]) {
    this.byId = new Map(services.map((s) => [s.serviceId, s]))
  }
  service(id: string): RoutedService | undefined {
    return this.byId.get(id)
  }
  all(): RoutedService[] {
    return [...this.byId.values()]
  }
}

/**
 * The routing the gateway runs with: every service of the shared ServiceCatalog, its pattern (A/B/C) and its form
 * schema. The form in the envelope must pass the catalogue's validation for the envelope's channel, and the
 * applicant the form names must be the envelope's applicant.
 */
export function catalogDirectory(cat: ServiceCatalog = catalog): MapServiceDirectory {
  return new MapServiceDirectory(
    cat.list().map((s) => ({
      serviceId: s.id,
      pattern: s.pattern,
      departmentId: departmentFor(s.id),
      validateForm: (form, ctx) => {
        if (!s.channels[ctx.channel]) return [{ path: 'channel', message: 'CATALOG_CHANNEL_UNAVAILABLE' }]
        const r = cat.validateForm(s.id, form, { channel: ctx.channel, today: ctx.today, unknownKeys: 'reject' })
        if (!r.ok) return r.issues.map((i) => ({ path: i.path, message: i.code }))
        const named = applicantOf(s, r.value)
        if (named && JSON.stringify(named) !== JSON.stringify(ctx.applicant)) return [{ path: 'applicant', message: 'the form names another applicant than the envelope' }]
        return []
      },
    })),
  )
}
