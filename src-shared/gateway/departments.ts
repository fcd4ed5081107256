/**
 * Which department inbox of the demo region serves which catalogue service (АРМ РШЭП). The gateway routes every
 * request by it, and a department's own desk offers exactly these services for a walk-in (CATALOG §2.5.2): the two
 * must never disagree, so both read this one table. Pattern A services are answered by the registry itself.
 */
export const DEPARTMENTS = {
  education: 'akimat-astana-education',
  social: 'akimat-astana-social',
  archive: 'archive-pavlodar',
  zags: 'is-zags',
  realty: 'gbd-rn',
  legal: 'gbd-ul',
  land: 'ais-gzk',
} as const

export type DepartmentId = (typeof DEPARTMENTS)[keyof typeof DEPARTMENTS]

const SOCIAL_SERVICES: readonly string[] = ['akimat.unemployed-certificate', 'akimat.disabled-child-home-support', 'akimat.housing-queue']

export function departmentFor(serviceId: string): DepartmentId {
  if (serviceId.startsWith('zags.')) return DEPARTMENTS.zags
  if (serviceId.startsWith('realty.')) return DEPARTMENTS.realty
  if (serviceId.startsWith('legal.')) return DEPARTMENTS.legal
  if (serviceId.startsWith('land.')) return DEPARTMENTS.land
  if (serviceId.startsWith('archive.')) return DEPARTMENTS.archive
  if (SOCIAL_SERVICES.includes(serviceId)) return DEPARTMENTS.social
  return DEPARTMENTS.education
}

/** Whether a department's own desk may register this service (a walk-in of another department's service may not). */
export function servesService(departmentId: string | undefined, serviceId: string): boolean {
  return !!departmentId && departmentFor(serviceId) === departmentId
}
