import { defineErrors } from './types'

/**
 * Error codes of the catalogue area: identifiers (ИИН/БИН), the canonical envelope, the service catalogue and its
 * forms, the working-day calendar. Owned by that area; add codes here, never in another area's file.
 */
export const catalogErrors = defineErrors({
  // ── ИИН / БИН ──────────────────────────────────────────────────────────────────────────────────────────────
  IIN_FORMAT: {
    kk: 'ЖСН 12 цифрдан тұруы керек. Жеке куәліктен нөмірді қайта тексеріп енгізіңіз.',
    ru: 'ИИН должен состоять из 12 цифр. Сверьте номер с удостоверением личности и введите заново.',
    en: 'An IIN must be 12 digits. Check the number against the ID card and enter it again.',
  },
  IIN_CENTURY: {
    kk: 'ЖСН-ның 7-цифры (ғасыр мен жыныс) 1-ден 6-ға дейін болуы керек. Нөмірді құжаттан тексеріңіз.',
    ru: 'Седьмая цифра ИИН (век и пол) должна быть от 1 до 6. Проверьте номер по документу.',
    en: 'The 7th digit of an IIN (century and sex) must be 1 to 6. Check the number against the document.',
  },
  IIN_DATE: {
    kk: 'ЖСН-ның алғашқы 6 цифры нақты туған күнді (ЖЖААКК) білдірмейді. Нөмірді құжаттан тексеріңіз.',
    ru: 'Первые 6 цифр ИИН не образуют реальную дату рождения (ГГММДД). Проверьте номер по документу.',
    en: 'The first 6 digits of the IIN are not a real birth date (YYMMDD). Check the number against the document.',
  },
  IIN_CHECKSUM: {
    kk: 'ЖСН бақылау цифры сәйкес келмейді: нөмірде қате бар. Әр цифрды құжаттан тексеріп, қайта енгізіңіз.',
    ru: 'Контрольная цифра ИИН не сходится: в номере ошибка. Сверьте каждую цифру с документом и введите заново.',
    en: 'The IIN check digit does not match: the number has a typo. Compare each digit with the document and re-enter it.',
  },
  BIN_FORMAT: {
    kk: 'БСН 12 цифрдан тұруы керек. Нөмірді тіркеу құжатынан тексеріп енгізіңіз.',
    ru: 'БИН должен состоять из 12 цифр. Сверьте номер с регистрационным документом и введите заново.',
    en: 'A BIN must be 12 digits. Check the number against the registration document and enter it again.',
  },
  BIN_DATE: {
    kk: 'БСН-ның 3–4-цифрлары тіркеу айын (01–12) білдіруі керек. Нөмірді тексеріңіз.',
    ru: 'Цифры 3–4 БИН должны означать месяц регистрации (01–12). Проверьте номер.',
    en: 'Digits 3–4 of a BIN must be the registration month (01–12). Check the number.',
  },
  BIN_TYPE: {
    kk: 'БСН-ның 5-цифры (тұлға түрі) 4, 5 немесе 6 болуы керек. Бұл ЖСН болуы мүмкін — өрісті тексеріңіз.',
    ru: 'Пятая цифра БИН (тип лица) должна быть 4, 5 или 6. Возможно, это ИИН — проверьте поле.',
    en: 'The 5th digit of a BIN (entity type) must be 4, 5 or 6. This may be an IIN — check the field.',
  },
  BIN_ATTRIBUTE: {
    kk: 'БСН-ның 6-цифры (бас ұйым, филиал, өкілдік, шаруа қожалығы) 0–3 болуы керек. Нөмірді тексеріңіз.',
    ru: 'Шестая цифра БИН (головная организация, филиал, представительство, КХ) должна быть от 0 до 3. Проверьте номер.',
    en: 'The 6th digit of a BIN (head office, branch, representative office, farm) must be 0 to 3. Check the number.',
  },
  BIN_CHECKSUM: {
    kk: 'БСН бақылау цифры сәйкес келмейді: нөмірде қате бар. Әр цифрды құжаттан тексеріп, қайта енгізіңіз.',
    ru: 'Контрольная цифра БИН не сходится: в номере ошибка. Сверьте каждую цифру с документом и введите заново.',
    en: 'The BIN check digit does not match: the number has a typo. Compare each digit with the document and re-enter it.',
  },
  IIN_OR_BIN_FORMAT: {
    kk: 'ЖСН немесе БСН 12 цифрдан тұруы керек. Нөмірді құжаттан тексеріп енгізіңіз.',
    ru: 'ИИН или БИН должен состоять из 12 цифр. Сверьте номер с документом и введите заново.',
    en: 'An IIN or BIN must be 12 digits. Check the number against the document and enter it again.',
  },
})
