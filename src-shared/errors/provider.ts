import { defineErrors } from './types'

/**
 * Error codes of the provider's desk (АРМ РШЭП): walk-in intake, the documents a pattern-B request must carry.
 * Owned by that area; each text says what happened and what the specialist does next.
 */
export const providerErrors = defineErrors({
  PROVIDER_SERVICE_NOT_OF_DEPARTMENT: {
    kk: 'Бұл қызметті басқа бөлім көрсетеді. Өтінішті осы бөлімде тіркеуге болмайды: тұтынушыны қызметті көрсететін бөлімге немесе ХҚКО-ға жіберіңіз.',
    ru: 'Эту услугу оказывает другой отдел. Зарегистрировать заявление в этом отделе нельзя: направьте потребителя в отдел, оказывающий услугу, или в ЦОН.',
    en: 'This service is provided by another department. It cannot be registered here: send the consumer to the department that provides it or to a public service centre.',
  },
  GW_SERVICE_NOT_OF_DEPARTMENT: {
    kk: 'Шлюз өтінішті қабылдамады: қызмет сіздің бөліміңізге тиесілі емес. Өтініш басқа бөлімге жіберілмейді.',
    ru: 'Шлюз не принял заявление: услуга не относится к вашему отделу. В другой отдел заявление не направляется.',
    en: 'The gateway refused the request: the service is not your department’s. It is never routed to another department.',
  },
  REGISTRY_GUARDIANSHIP_NOT_FOUND: {
    kk: 'Бас тарту себебі: жазба Қорғаншылық және қамқоршылық жөніндегі электрондық тізілімде табылмады (M7).',
    ru: 'Причина отказа: запись не найдена в Электронном реестре по опеке и попечительству (M7).',
    en: 'Reason for refusal: no record was found in the Electronic guardianship register (M7).',
  },
  GW_REQUIRED_SCAN_MISSING: {
    kk: 'Өтінішке міндетті құжаттың электрондық көшірмесі тіркелмеген. Құжатты сканерлеп, өтінішке қайта қол қойыңыз.',
    ru: 'К заявлению не приложена электронная копия обязательного документа. Отсканируйте документ и подпишите заявление заново.',
    en: 'The request lacks the electronic copy of a required document. Scan the document and sign the request again.',
  },
})
