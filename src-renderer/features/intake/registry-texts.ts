/** Texts of the registry checks at intake that the older intake tables lack (ГБД ЮЛ M5, an expired ЕНИС POA). */
import { defineTexts } from '../../i18n/texts'

export const registryTexts = defineTexts({
  kk: {
    entityNotFoundTitle: 'ЗТ МДҚ-да деректер жоқ',
    poaRefusedTitle: 'Сенімхат жарамсыз',
    poaExpired: (until: string) => `Сенімхаттың қолданылу мерзімі ${until} аяқталған.`,
  },
  ru: {
    entityNotFoundTitle: 'Нет данных в ГБД ЮЛ',
    poaRefusedTitle: 'Доверенность недействительна',
    poaExpired: (until: string) => `Срок действия доверенности истёк ${until}.`,
  },
  en: {
    entityNotFoundTitle: 'No data in ГБД ЮЛ',
    poaRefusedTitle: 'The power of attorney is not valid',
    poaExpired: (until: string) => `The power of attorney expired on ${until}.`,
  },
})
