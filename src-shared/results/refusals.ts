/**
 * The refusal grounds (CATALOG §2.7 M-codes) as the reason printed in a refusal letter, in each language. The
 * catalogue's ground texts are the captions of the messages («…об отказе в запрашиваемой услуге в связи с…»); the
 * letter needs the reason itself. Never print the bare code.
 */
import { L, REGISTRY_NAMES } from '../catalog/common'
import type { Localized, RefusalCode, ServiceDefinition } from '../catalog/types'

const FIXED: Partial<Record<RefusalCode, Localized>> = {
  M1: L('Тұтынушының деректерінде бұзушылықтар бар', 'Имеются нарушения в данных потребителя', 'The consumer’s data have irregularities'),
  M2: L('Тұтынушының ЭЦҚ түпнұсқалығы расталмады', 'Не подтверждена подлинность ЭЦП потребителя', 'The authenticity of the consumer’s digital signature was not confirmed'),
  M3: L(
    'Тұтынушының деректері ЖТ МДҚ-да (ЗТ МДҚ-да) немесе сенімхат деректері БНАЖ-да жоқ',
    'Отсутствуют данные потребителя в ГБД ФЛ (ГБД ЮЛ) или данные доверенности в ЕНИС',
    'The consumer is absent from ГБД ФЛ (ГБД ЮЛ) or the power of attorney from ЕНИС',
  ),
  M4: L('Тұтынушының құжаттарында бұзушылықтар бар', 'Имеются нарушения в документах потребителя', 'The consumer’s documents have irregularities'),
  M6: L('Некені тіркеуден бас тартуға негіз болатын фактілер анықталды', 'Выявлены факты, в связи с которыми отказано в регистрации заключения брака', 'Facts were found on which registration of the marriage is refused'),
  M7: L('Жазба Қорғаншылық және қамқоршылық жөніндегі электрондық тізілімде табылмады', 'Запись не найдена в Электронном реестре по опеке и попечительству', 'No record was found in the Electronic guardianship register'),
}

/** The ground's reason in words; M5 names the service's registry. `undefined` for OTHER (the specialist's words only). */
export function groundReason(code: RefusalCode, service: ServiceDefinition): Localized | undefined {
  if (code === 'OTHER') return undefined
  if (code === 'M5') {
    const reg = REGISTRY_NAMES[service.registries[0] ?? 'GBD_FL']
    return L(`Сұралған деректер ${reg.kk} жүйесінде жоқ`, `Отсутствуют запрошенные данные в ${reg.ru}`, `The requested data are absent from ${reg.en}`)
  }
  return FIXED[code]
}
