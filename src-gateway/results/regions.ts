/**
 * Which region each ЦОН and each department of this gateway serves (deployment data, like DEPARTMENTS). The akimat
 * supervisor prints the results of the requests received at the ЦОНs of their department's region; national
 * registries (ЗАГС, ГБД РН, ГБД ЮЛ, АИС ГЗК) have no region and so give their staff no ЦОН to print for.
 */
import { DEPARTMENTS } from '../service-directory'

/** Region ids as in the catalogue's region options (src-shared/catalog/common.ts), plus the two cities. */
const TSON_REGION: Record<string, string> = {
  'tson-astana-1': 'astana',
  'tson-semey-1': 'abai',
}

const DEPARTMENT_REGION: Record<string, string> = {
  [DEPARTMENTS.education]: 'astana',
  [DEPARTMENTS.social]: 'astana',
  [DEPARTMENTS.archive]: 'pavlodar',
}

export function regionOfTson(tsonId: string | null | undefined): string | undefined {
  return tsonId ? TSON_REGION[tsonId] : undefined
}

export function regionOfDepartment(departmentId: string | null | undefined): string | undefined {
  return departmentId ? DEPARTMENT_REGION[departmentId] : undefined
}

/** The ЦОНs of a region (the akimat supervisor's report and prints cover these). */
export function tsonsInRegion(region: string): string[] {
  return Object.keys(TSON_REGION).filter((t) => TSON_REGION[t] === region)
}
