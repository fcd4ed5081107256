/**
 * Where each catalogue service is routed (department inbox or registry) and which back-end pattern answers it.
 * Pattern and form schema come from the shared catalogue (src-shared/catalog); the department ids are the gateway's
 * own deployment data (which АРМ РШЭП inbox serves which provider in this region).
 */
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
 * Provisional routing table used only until the shared ServiceCatalog is wired in (CATALOG §2.2 patterns);
 * its form check is structural only.
 */
const PROVISIONAL: [string, RoutedService['pattern']][] = [
  ['zags.repeat-certificate', 'C'], ['zags.marriage-application', 'C'], ['zags.civil-status-certificate', 'A'],
  ['realty.rights-certificate', 'A'], ['realty.absence-presence-certificate', 'A'], ['legal.gbdul-certificate', 'A'],
  ['land.id-document-production-info', 'A'], ['land.cadastral-info', 'A'], ['land.ownership-info', 'A'], ['land.primary-title-info', 'A'],
  ['akimat.unemployed-certificate', 'B'], ['akimat.disabled-child-home-support', 'B'], ['akimat.preschool-queue', 'B'],
  ['akimat.minor-deposits-certificate', 'B'], ['akimat.minor-property-certificate', 'B'], ['akimat.guardianship-certificate', 'B'],
  ['akimat.housing-queue', 'B'], ['archive.certificate', 'B'],
]

export function provisionalDirectory(): MapServiceDirectory {
  return new MapServiceDirectory(
    PROVISIONAL.map(([serviceId, pattern]) => ({
      serviceId, pattern, departmentId: departmentFor(serviceId),
      validateForm: (form) => (form && typeof form === 'object' && !Array.isArray(form) ? [] : [{ path: '', message: 'form must be an object' }]),
    })),
  )
}

/** The routing the gateway runs with. */
export function catalogDirectory(): MapServiceDirectory {
  return provisionalDirectory()
}
