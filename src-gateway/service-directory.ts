/**
 * Where each catalogue service is routed (department inbox or registry) and which back-end pattern answers it.
 * Pattern and form schema come from the shared catalogue (src-shared/catalog); which АРМ РШЭП inbox serves which
 * service in this region is src-shared/gateway/departments.ts, read by the department's own walk-in desk too.
 */
import { applicantOf, catalog, type ServiceCatalog } from '../src-shared/catalog'
import { departmentFor } from '../src-shared/gateway/departments'
import type { RoutedService, ServiceDirectory } from './ports'

export { DEPARTMENTS, departmentFor } from '../src-shared/gateway/departments'

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
      requiredScans: (form) =>
        s.pattern === 'B' ? cat.documentChecklist(s.id, form).filter((d) => d.scanNeeded).map((d) => ({ id: d.id, name: d.name })) : [],
    })),
  )
}
