/**
 * The catalogue's refusal grounds for "not found" answers of the registries (CATALOG §2.7): M3 when the person or
 * the power of attorney is absent (ГБД ФЛ, ЕНИС), M5 when the requested data are absent — a legal entity missing from
 * ГБД ЮЛ is such a case («субъект не найден»: the requested data are absent in ГБД ЮЛ).
 * Texts come from the shared catalogue, so the gateway and the workstation say the same words.
 */
import { M, REGISTRY_NAMES } from '../../src-shared/catalog/common'
import type { RefusalGround } from '../../src-shared/catalog'
import type { ErrorCode } from '../../src-shared/errors'

const M5 = (r: keyof typeof REGISTRY_NAMES) => M.M5(REGISTRY_NAMES[r].ru, REGISTRY_NAMES[r].kk)

export function refusalFor(code: ErrorCode): RefusalGround | undefined {
  switch (code) {
    case 'REGISTRY_PERSON_NOT_FOUND':
    case 'REGISTRY_POA_NOT_FOUND':
      return M.M3()
    case 'REGISTRY_ENTITY_NOT_FOUND':
      return M5('GBD_UL')
    case 'REGISTRY_CIVIL_ACT_NOT_FOUND':
      return M5('IS_ZAGS')
    case 'REGISTRY_REAL_ESTATE_NOT_FOUND':
      return M5('GBD_RN')
    case 'REGISTRY_LAND_PLOT_NOT_FOUND':
      return M5('AIS_GZK')
    case 'REGISTRY_ARCHIVE_NOT_FOUND':
      return M5('ARCHIVE_IS')
    case 'REGISTRY_GUARDIANSHIP_NOT_FOUND':
      return M.M7()
    default:
      return undefined
  }
}
