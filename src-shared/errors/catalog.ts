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

  // ── Canonical envelope ─────────────────────────────────────────────────────────────────────────────────────
  CANONICAL_JSON_UNSUPPORTED: {
    kk: 'Деректерде JSON-ға өзгеріссіз жазылмайтын мән бар (бос мән, шексіз сан, күн объектісі т.б.). Өрістерді толтырып, қайта көріңіз.',
    ru: 'В данных есть значение, которое нельзя без искажений записать в JSON (пустое значение, бесконечное число, объект даты и т. п.). Заполните поля и повторите.',
    en: 'The data holds a value JSON cannot carry unchanged (undefined, an infinite number, a date object, …). Fill in the fields and try again.',
  },
  ENVELOPE_NOT_UTF8: {
    kk: 'Өтінім конверті UTF-8 мәтіні емес. Өтінімді жұмыс орнынан қайта қалыптастырып, қол қойыңыз.',
    ru: 'Конверт заявки не является текстом UTF-8. Сформируйте и подпишите заявку на рабочем месте заново.',
    en: 'The request envelope is not UTF-8 text. Form and sign the request again at the workstation.',
  },
  ENVELOPE_NOT_CANONICAL: {
    kk: 'Өтінім конверті канондық JSON түрінде емес, сондықтан қолтаңбаны тексеру мүмкін емес. Өтінімді қайта қалыптастырып, қол қойыңыз.',
    ru: 'Конверт заявки не в каноническом виде JSON, поэтому подпись нельзя проверить. Сформируйте и подпишите заявку заново.',
    en: 'The request envelope is not canonical JSON, so its signature cannot be checked. Form and sign the request again.',
  },
  ENVELOPE_INVALID: {
    kk: 'Өтінім конвертінің мазмұны сипаттамаға сәйкес емес. Белгіленген өрістерді түзетіп, қайта қол қойыңыз.',
    ru: 'Содержимое конверта заявки не соответствует описанию. Исправьте отмеченные поля и подпишите заново.',
    en: 'The request envelope does not match its schema. Correct the marked fields and sign again.',
  },

  // ── Service catalogue ──────────────────────────────────────────────────────────────────────────────────────
  CATALOG_UNKNOWN_SERVICE: {
    kk: 'Мұндай мемлекеттік қызмет каталогта жоқ. Қызметті тізімнен іздеп, қайта таңдаңыз.',
    ru: 'Такой государственной услуги нет в каталоге. Найдите услугу в списке и выберите её заново.',
    en: 'There is no such public service in the catalogue. Find the service in the list and choose it again.',
  },
  CATALOG_UNKNOWN_FIELD: {
    kk: 'Өтінімде бұл қызметтің нысанында жоқ өріс бар. Нысанды қайта ашып, толтырыңыз.',
    ru: 'В заявке есть поле, которого нет в форме этой услуги. Откройте форму заново и заполните её.',
    en: 'The request has a field the form of this service does not have. Reopen the form and fill it in.',
  },
  CATALOG_DEFINITION_INVALID: {
    kk: 'Қызмет каталогының сипаттамасында қате бар. Әкімшіге хабарлаңыз.',
    ru: 'В описании каталога услуг есть ошибка. Сообщите администратору.',
    en: 'The service catalogue definition has an error. Tell your administrator.',
  },
  CATALOG_CHANNEL_UNAVAILABLE: {
    kk: 'Бұл қызмет таңдалған арна арқылы көрсетілмейді (мысалы, ХҚКО арқылы). Өтініш берушіге дұрыс арнаны түсіндіріңіз.',
    ru: 'Эта услуга не оказывается через выбранный канал (например, через ЦОН). Подскажите заявителю верный канал.',
    en: 'This service is not provided through the chosen channel (e.g. a ЦОН). Tell the applicant the right channel.',
  },

  // ── Form fields (format-logical control) ───────────────────────────────────────────────────────────────────
  FIELD_REQUIRED: {
    kk: 'Бұл өрісті толтыру міндетті.',
    ru: 'Это поле обязательно для заполнения.',
    en: 'This field is required.',
  },
  FIELD_TOO_LONG: {
    kk: 'Мәтін тым ұзын. Қысқартыңыз.',
    ru: 'Текст слишком длинный. Сократите его.',
    en: 'The text is too long. Shorten it.',
  },
  FIELD_TOO_SHORT: {
    kk: 'Мәтін тым қысқа. Толығырақ жазыңыз.',
    ru: 'Текст слишком короткий. Укажите подробнее.',
    en: 'The text is too short. Give more detail.',
  },
  FIELD_FORMAT: {
    kk: 'Мән пішімі дұрыс емес. Өріс астындағы үлгіге сәйкес енгізіңіз.',
    ru: 'Неверный формат значения. Введите по образцу под полем.',
    en: 'The value has the wrong format. Enter it as the example under the field shows.',
  },
  DATE_FORMAT: {
    kk: 'Күн КК.АА.ЖЖЖЖ пішімінде нақты күн болуы керек.',
    ru: 'Дата должна быть реальной датой в формате ДД.ММ.ГГГГ.',
    en: 'The date must be a real date in the DD.MM.YYYY format.',
  },
  DATE_IN_FUTURE: {
    kk: 'Бұл күн болашақта болмауы керек. Күнді тексеріңіз.',
    ru: 'Эта дата не может быть в будущем. Проверьте дату.',
    en: 'This date cannot be in the future. Check the date.',
  },
  DATE_TOO_EARLY: {
    kk: 'Күн рұқсат етілген мерзімнен ерте. Күнді тексеріңіз.',
    ru: 'Дата раньше допустимой. Проверьте дату.',
    en: 'The date is earlier than allowed. Check the date.',
  },
  DATE_RANGE_ORDER: {
    kk: 'Кезеңнің басы соңынан кейін болмауы керек. Жылдарды/күндерді тексеріңіз.',
    ru: 'Начало периода не может быть позже его конца. Проверьте годы или даты.',
    en: 'The start of the period cannot be after its end. Check the years or dates.',
  },
  YEAR_FORMAT: {
    kk: 'Жыл төрт цифрмен жазылып, ағымдағы жылдан аспауы керек.',
    ru: 'Год указывается четырьмя цифрами и не может быть позже текущего.',
    en: 'The year must be four digits and not later than the current year.',
  },
  NUMBER_FORMAT: {
    kk: 'Сан енгізіңіз.',
    ru: 'Введите число.',
    en: 'Enter a number.',
  },
  NUMBER_RANGE: {
    kk: 'Сан рұқсат етілген шектен тыс. Мәнді тексеріңіз.',
    ru: 'Число вне допустимых пределов. Проверьте значение.',
    en: 'The number is outside the allowed range. Check the value.',
  },
  SELECT_UNKNOWN_OPTION: {
    kk: 'Тізімнен мәнді таңдаңыз.',
    ru: 'Выберите значение из списка.',
    en: 'Choose a value from the list.',
  },
  PHONE_FORMAT: {
    kk: 'Телефон нөмірі +7 7XX XXX XX XX пішімінде болуы керек.',
    ru: 'Номер телефона должен быть в формате +7 7XX XXX XX XX.',
    en: 'The phone number must look like +7 7XX XXX XX XX.',
  },
  EMAIL_FORMAT: {
    kk: 'Электрондық пошта мекенжайы дұрыс емес (мысалы, name@example.kz).',
    ru: 'Неверный адрес электронной почты (например, name@example.kz).',
    en: 'The e-mail address is not valid (e.g. name@example.kz).',
  },
  CADASTRAL_FORMAT: {
    kk: 'Кадастрлық нөмір NN-NNN-NNN-NNN(N) пішімінде болуы керек, мысалы 01-011-004-256.',
    ru: 'Кадастровый номер должен быть в формате NN-NNN-NNN-NNN(N), например 01-011-004-256.',
    en: 'The cadastral number must look like NN-NNN-NNN-NNN(N), e.g. 01-011-004-256.',
  },
  POSTCODE_FORMAT: {
    kk: 'Пошта индексі 6 цифрдан тұрады.',
    ru: 'Почтовый индекс состоит из 6 цифр.',
    en: 'A postcode is 6 digits.',
  },
  ID_DOCUMENT_NUMBER_FORMAT: {
    kk: 'Жеке куәлік нөмірі 9 цифр, паспорт нөмірі N әрпі және 8 цифр болуы керек.',
    ru: 'Номер удостоверения личности — 9 цифр, номер паспорта — буква N и 8 цифр.',
    en: 'An ID card number is 9 digits; a passport number is the letter N and 8 digits.',
  },
  CHECKBOX_REQUIRED: {
    kk: 'Жалғастыру үшін осы белгіні қойыңыз.',
    ru: 'Отметьте этот пункт, чтобы продолжить.',
    en: 'Tick this box to continue.',
  },
  LIST_TOO_SHORT: {
    kk: 'Кемінде бір жол қосыңыз.',
    ru: 'Добавьте хотя бы одну строку.',
    en: 'Add at least one row.',
  },
  AGE_LIMIT: {
    kk: 'Туған күні бойынша тұлғаның жасы бұл қызметтің шартына сәйкес келмейді. Күнді немесе ЖСН-ды тексеріңіз.',
    ru: 'По дате рождения возраст лица не подходит под условия этой услуги. Проверьте дату или ИИН.',
    en: 'By the date of birth, the person’s age does not meet this service’s conditions. Check the date or the IIN.',
  },

  // ── Working-day calendar ───────────────────────────────────────────────────────────────────────────────────
  CALENDAR_YEAR_UNSUPPORTED: {
    kk: 'Бұл жылдың мерекелер күнтізбесі (Құрбан айт күні) әлі енгізілмеген. Әкімшіге күнтізбені жаңартуды тапсырыңыз.',
    ru: 'Календарь праздников на этот год (дата Курбан айта) ещё не внесён. Попросите администратора обновить календарь.',
    en: 'The holiday calendar for this year (the Kurban Ait date) is not loaded yet. Ask your administrator to update it.',
  },
  CALENDAR_TERM_INVALID: {
    kk: 'Қызмет көрсету мерзімі дұрыс көрсетілмеген. Әкімшіге хабарлаңыз.',
    ru: 'Срок оказания услуги задан неверно. Сообщите администратору.',
    en: 'The service term is not valid. Tell your administrator.',
  },
})
