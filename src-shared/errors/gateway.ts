import { defineErrors } from './types'

/** Error codes of the gateway area. Owned by that area; add codes here, never in another area's file. */
export const gatewayErrors = defineErrors({
  GW_UNAUTHENTICATED: {
    kk: 'Жүйеге кіру қажет немесе сессия мерзімі өтті. Қайта кіріңіз.',
    ru: 'Требуется вход или срок сессии истёк. Войдите заново.',
    en: 'Sign-in is required or the session has expired. Sign in again.',
  },
  GW_BAD_CREDENTIALS: {
    kk: 'Логин (ЖСН) немесе құпиясөз қате. Деректерді тексеріп, қайталаңыз.',
    ru: 'Неверный логин (ИИН) или пароль. Проверьте данные и повторите.',
    en: 'Wrong login (IIN) or password. Check them and try again.',
  },
  GW_CHALLENGE_INVALID: {
    kk: 'Кіру сұранысы табылмады немесе мерзімі өтті. Жаңа сұраныс алып, қайта қол қойыңыз.',
    ru: 'Запрос на вход не найден или истёк. Получите новый запрос и подпишите его снова.',
    en: 'The sign-in challenge is unknown or has expired. Request a new one and sign it again.',
  },
  GW_CERT_NOT_AUTH: {
    kk: 'Кіру үшін аутентификация (AUTH) кілті қажет. AUTH кілтін таңдаңыз.',
    ru: 'Для входа нужен ключ аутентификации (AUTH). Выберите ключ AUTH.',
    en: 'Sign-in needs an authentication (AUTH) key. Choose the AUTH key.',
  },
  GW_CERT_NOT_BOUND: {
    kk: 'Бұл сертификат есептік жазбаңызға байланбаған. Әкімшіге жүгініңіз немесе логин мен құпиясөзбен кіріңіз.',
    ru: 'Этот сертификат не привязан к вашей учётной записи. Обратитесь к администратору или войдите по логину и паролю.',
    en: 'This certificate is not bound to your account. Ask the administrator, or sign in with your login and password.',
  },
  GW_NO_ACCOUNT_FOR_CERT: {
    kk: 'Бұл сертификаттың ЖСН-іне тіркелгі жоқ. Әкімшіге хабарласыңыз.',
    ru: 'Для ИИН этого сертификата нет учётной записи. Обратитесь к администратору.',
    en: 'No account exists for the IIN of this certificate. Contact your administrator.',
  },
  GW_FORBIDDEN: {
    kk: 'Бұл әрекетке рұқсатыңыз жоқ. Қажет болса, басшыға немесе әкімшіге жүгініңіз.',
    ru: 'У вас нет прав на это действие. При необходимости обратитесь к руководителю или администратору.',
    en: 'You are not allowed to do this. Ask your supervisor or administrator if you need it.',
  },
  GW_NOT_FOUND: {
    kk: 'Сұралған жазба шлюзде табылмады. Нөмірді тексеріңіз.',
    ru: 'Запрошенная запись на шлюзе не найдена. Проверьте номер.',
    en: 'The gateway has no such record. Check the number.',
  },
  GW_BAD_REQUEST: {
    kk: 'Сұраныс дұрыс емес құрылған. Бағдарламаны жаңартыңыз немесе әкімшіге хабарлаңыз.',
    ru: 'Запрос сформирован неверно. Обновите программу или сообщите администратору.',
    en: 'The request is malformed. Update the application or tell your administrator.',
  },
  GW_MALFORMED_JSON: {
    kk: 'Сұраныс денесі жарамды JSON емес. Сұранысты қайта жасаңыз.',
    ru: 'Тело запроса не является корректным JSON. Сформируйте запрос заново.',
    en: 'The request body is not valid JSON. Build the request again.',
  },
  GW_UNSUPPORTED_MEDIA_TYPE: {
    kk: 'Құжат түріне қолдау жоқ. PDF, JPEG, PNG немесе TIFF жіберіңіз.',
    ru: 'Тип содержимого не поддерживается. Отправьте PDF, JPEG, PNG или TIFF.',
    en: 'This content type is not supported. Send PDF, JPEG, PNG or TIFF.',
  },
  GW_PAYLOAD_TOO_LARGE: {
    kk: 'Файл немесе сұраныс тым үлкен. Көлемін азайтып (мысалы, сканерлеу сапасын төмендетіп), қайталаңыз.',
    ru: 'Файл или запрос слишком большой. Уменьшите размер (например, качество сканирования) и повторите.',
    en: 'The file or request is too large. Reduce its size (e.g. the scan quality) and try again.',
  },
  GW_HASH_MISMATCH: {
    kk: 'Файлдың SHA-256 хэші мекенжайдағы хэшке сәйкес емес. Файлды қайта жүктеңіз.',
    ru: 'Хэш SHA-256 файла не совпадает с указанным в адресе. Загрузите файл заново.',
    en: 'The file’s SHA-256 does not match the one in the address. Upload the file again.',
  },
  GW_ATTACHMENT_MISSING: {
    kk: 'Сұраныстағы қосымша шлюзге жүктелмеген. Алдымен қосымшаларды жүктеп, содан кейін сұранысты жіберіңіз.',
    ru: 'Вложение из запроса не загружено на шлюз. Сначала загрузите вложения, затем отправьте запрос.',
    en: 'An attachment of the request was not uploaded. Upload the attachments first, then send the request.',
  },
  GW_IDEMPOTENCY_KEY_REQUIRED: {
    kk: 'Idempotency-Key тақырыбы жоқ немесе дұрыс емес. Бағдарламаны жаңартыңыз.',
    ru: 'Заголовок Idempotency-Key отсутствует или неверен. Обновите программу.',
    en: 'The Idempotency-Key header is missing or invalid. Update the application.',
  },
  GW_IDEMPOTENCY_CONFLICT: {
    kk: 'Бұл кілтпен басқа сұраныс жіберілген. Сұраныс жаңа кілтпен қайта жіберілуі тиіс.',
    ru: 'С этим ключом уже отправлен другой запрос. Запрос нужно отправить с новым ключом.',
    en: 'A different request was already sent with this key. Send the request with a new key.',
  },
  GW_ENVELOPE_INVALID: {
    kk: 'Сұраныс конверті бүлінген немесе канондық емес. Сұранысты қайта қалыптастырып, қол қойыңыз.',
    ru: 'Конверт запроса повреждён или не каноничен. Сформируйте и подпишите запрос заново.',
    en: 'The request envelope is damaged or not canonical. Form and sign the request again.',
  },
  GW_FORM_INVALID: {
    kk: 'Сұраныс деректері қызмет нысанына сәйкес емес. Белгіленген өрістерді түзетіп, қайта қол қойыңыз.',
    ru: 'Данные запроса не соответствуют форме услуги. Исправьте отмеченные поля и подпишите заново.',
    en: 'The request data do not match the service form. Correct the marked fields and sign again.',
  },
  GW_SERVICE_UNKNOWN: {
    kk: 'Мұндай қызмет каталогта жоқ. Қызметтер каталогын жаңартыңыз.',
    ru: 'Такой услуги нет в каталоге. Обновите каталог услуг.',
    en: 'The catalogue has no such service. Update the service catalogue.',
  },
  GW_SIGNATURE_MISSING: {
    kk: 'Сұраныс ЭЦҚ-мен қол қойылмаған. Сұранысқа қол қойып, қайта жіберіңіз.',
    ru: 'Запрос не подписан ЭЦП. Подпишите запрос и отправьте снова.',
    en: 'The request is not signed. Sign it and send it again.',
  },
  GW_SIGNATURE_INVALID: {
    kk: 'ЭЦҚ расталмады: қолтаңба бүлінген немесе құжат өзгертілген (M2). Сұранысқа қайта қол қойыңыз.',
    ru: 'ЭЦП не подтверждена: подпись повреждена или документ изменён (M2). Подпишите запрос заново.',
    en: 'The signature could not be confirmed: it is damaged or the document changed (M2). Sign the request again.',
  },
  GW_CERT_UNTRUSTED: {
    kk: 'Қол қоюшының сертификаты сенімді ҰКО-ға жатпайды. Жарамды ҰКО кілтін қолданыңыз.',
    ru: 'Сертификат подписанта не выдан доверенным НУЦ. Используйте действующий ключ НУЦ.',
    en: 'The signer’s certificate is not issued by a trusted NCA. Use a valid NCA key.',
  },
  GW_CERT_REVOKED: {
    kk: 'Қол қоюшының сертификаты кері қайтарылған. Жаңа ЭЦҚ кілтін алыңыз.',
    ru: 'Сертификат подписанта отозван. Получите новый ключ ЭЦП.',
    en: 'The signer’s certificate has been revoked. Obtain a new signing key.',
  },
  GW_CERT_EXPIRED: {
    kk: 'Қол қоюшының сертификатының мерзімі өткен. Жаңа ЭЦҚ кілтін алыңыз.',
    ru: 'Срок действия сертификата подписанта истёк. Получите новый ключ ЭЦП.',
    en: 'The signer’s certificate has expired. Obtain a new signing key.',
  },
  GW_REVOCATION_UNKNOWN: {
    kk: 'Сертификаттың кері қайтарылу күйін тексеру мүмкін болмады. Кейінірек қайталаңыз.',
    ru: 'Не удалось проверить статус отзыва сертификата. Повторите позже.',
    en: 'The certificate’s revocation status could not be checked. Try again later.',
  },
  GW_SIGNER_MISMATCH: {
    kk: 'Сұранысқа жүйеге кірген қызметкер емес, басқа адам қол қойған. Өз ЭЦҚ кілтіңізбен қол қойыңыз.',
    ru: 'Запрос подписан не тем сотрудником, который вошёл в систему. Подпишите своим ключом ЭЦП.',
    en: 'The request was signed by someone other than the signed-in employee. Sign with your own key.',
  },
  GW_TEST_KEY_NOT_ALLOWED: {
    kk: 'Тест кілттері тек тест режимінде қабылданады. Нақты ЭЦҚ кілтін қолданыңыз.',
    ru: 'Тестовые ключи принимаются только в тестовом режиме. Используйте настоящий ключ ЭЦП.',
    en: 'Test keys are accepted only in test mode. Use a real signing key.',
  },
  GW_INVALID_TRANSITION: {
    kk: 'Сұраныс күйі бұл әрекетке мүмкіндік бермейді. Тізімді жаңартыңыз.',
    ru: 'Текущий статус запроса не допускает это действие. Обновите список.',
    en: 'The request’s current status does not allow this action. Refresh the list.',
  },
  GW_ALREADY_TAKEN: {
    kk: 'Сұранысты басқа маман алып қойған. Тізімді жаңартыңыз.',
    ru: 'Запрос уже взят другим специалистом. Обновите список.',
    en: 'Another specialist has already taken this request. Refresh the list.',
  },
  GW_RESULT_NOT_READY: {
    kk: 'Нәтиже әлі дайын емес. Күйін кейінірек тексеріңіз.',
    ru: 'Результат ещё не готов. Проверьте статус позже.',
    en: 'The result is not ready yet. Check the status later.',
  },
  GW_RATE_LIMITED: {
    kk: 'Шлюз уақытша шектеу қойды. Көрсетілген уақыттан кейін сұраныс автоматты түрде қайталанады.',
    ru: 'Шлюз временно ограничил запросы. Запрос будет повторён автоматически через указанное время.',
    en: 'The gateway is throttling requests. The request will be retried automatically after the given time.',
  },
  GW_UNAVAILABLE: {
    kk: 'Шлюз уақытша қолжетімсіз. Сұраныс кезекте сақталды және кейін жіберіледі.',
    ru: 'Шлюз временно недоступен. Запрос сохранён в очереди и будет отправлен позже.',
    en: 'The gateway is temporarily unavailable. The request is kept in the queue and will be sent later.',
  },
  GW_METHOD_NOT_ALLOWED: {
    kk: 'Бұл мекенжайда мұндай әдіс жоқ. Бағдарламаны жаңартыңыз.',
    ru: 'Такой метод по этому адресу не поддерживается. Обновите программу.',
    en: 'This address does not support this method. Update the application.',
  },
  GW_OCSP_MALFORMED: {
    kk: 'OCSP сұранысы дұрыс емес. Клиентті тексеріңіз.',
    ru: 'OCSP-запрос сформирован неверно. Проверьте клиента.',
    en: 'The OCSP request is malformed. Check the client.',
  },
  // ── registries: "not found" answers carry the catalogue's refusal texts (CATALOG §2.7 M3, M5) ──
  REGISTRY_PERSON_NOT_FOUND: {
    kk: 'ЖТ МДҚ-да тұтынушы туралы мәліметтер жоқ (M3). ЖСН-ді тексеріңіз; ол дұрыс болса, өтініш берушіні ХҚКО-ға деректерді нақтылауға жіберіңіз.',
    ru: 'Невозможно получить данные в связи с отсутствием сведений о потребителе в ГБД ФЛ (M3). Проверьте ИИН; если он верен, направьте заявителя уточнить данные.',
    en: 'No data: the consumer is absent from the State DB of Individuals (M3). Check the IIN; if it is right, send the applicant to have their data corrected.',
  },
  REGISTRY_ENTITY_NOT_FOUND: {
    kk: 'Сұралған қызметтен бас тарту: ЗТ МДҚ-да сұралған деректер жоқ, субъект табылмады (M5). БСН-ді тексеріңіз.',
    ru: 'Отказ в запрашиваемой услуге в связи с отсутствием запрошенных данных в ГБД ЮЛ: субъект не найден (M5). Проверьте БИН.',
    en: 'Service refused: the requested data are absent in the State DB of Legal Entities, subject not found (M5). Check the BIN.',
  },
  REGISTRY_POA_NOT_FOUND: {
    kk: 'БНАЖ-да сенімхат деректері жоқ (M3). Сенімхат нөмірін және ЖСН-дерді тексеріңіз.',
    ru: 'Невозможно получить данные в связи с отсутствием данных доверенности в ЕНИС (M3). Проверьте номер доверенности и ИИН.',
    en: 'No data: the power of attorney is absent from the notary system ЕНИС (M3). Check its number and the IINs.',
  },
  REGISTRY_POA_INVALID: {
    kk: 'Сенімхат кері қайтарылған немесе мерзімі өткен. Өтініш берушіден жарамды сенімхат сұраңыз.',
    ru: 'Доверенность отозвана или срок её действия истёк. Запросите у заявителя действующую доверенность.',
    en: 'The power of attorney is revoked or expired. Ask the applicant for a valid one.',
  },
  REGISTRY_CIVIL_ACT_NOT_FOUND: {
    kk: 'Сұралған қызметтен бас тарту: АХАЖ АЖ-да сұралған деректер жоқ (M5).',
    ru: 'Отказ в запрашиваемой услуге в связи с отсутствием запрошенных данных в ИС ЗАГС (M5).',
    en: 'Refused: the requested data are absent from the civil registry ИС ЗАГС (M5).',
  },
  REGISTRY_REAL_ESTATE_NOT_FOUND: {
    kk: 'Сұралған қызметтен бас тарту: ЖМ МДҚ-да сұралған деректер жоқ (M5).',
    ru: 'Отказ в запрашиваемой услуге в связи с отсутствием запрошенных данных в ГБД РН (M5).',
    en: 'Refused: the requested data are absent from the real-estate register ГБД РН (M5).',
  },
  REGISTRY_LAND_PLOT_NOT_FOUND: {
    kk: 'Сұралған қызметтен бас тарту: МЖК АЖ-да сұралған деректер жоқ (M5).',
    ru: 'Отказ в запрашиваемой услуге в связи с отсутствием запрошенных данных в АИС ГЗК (M5).',
    en: 'Refused: the requested data are absent from the land cadastre АИС ГЗК (M5).',
  },
  REGISTRY_ARCHIVE_NOT_FOUND: {
    kk: 'Мұрағатта сұралған мәліметтер табылмады. Іздеу деректерін нақтылаңыз.',
    ru: 'В архиве запрошенные сведения не найдены. Уточните данные для поиска.',
    en: 'The archive holds no matching records. Refine the search details.',
  },
  GW_DB_URL_UNSUPPORTED: {
    kk: 'Шлюз дерекқорының мекенжайы танылмады: SQLite файлының жолын немесе postgres://… көрсетіңіз (GATEWAY_DB).',
    ru: 'Адрес базы данных шлюза не распознан: укажите путь к файлу SQLite или postgres://… (GATEWAY_DB).',
    en: 'The gateway database address is not recognised: give a SQLite file path or postgres://… (GATEWAY_DB).',
  },
  REGISTRY_BAD_KEY: {
    kk: 'ЖСН/БСН немесе кадастрлық нөмір дұрыс емес (бақылау саны сәйкес келмейді). Нөмірді тексеріңіз.',
    ru: 'ИИН/БИН или кадастровый номер указан неверно (не сходится контрольная цифра). Проверьте номер.',
    en: 'The IIN/BIN or cadastral number is wrong (check digit mismatch). Check the number.',
  },
  // ── issue 10: signing purpose, who decides, envelope facts, abuse limits ──
  GW_CERT_NOT_SIGN: {
    kk: 'Құжатқа қол қою (SIGN) кілтімен қол қойылуы керек, аутентификация (AUTH) кілті жарамайды. SIGN кілтін таңдаңыз.',
    ru: 'Документ должен быть подписан ключом подписи (SIGN), ключ аутентификации (AUTH) не подходит. Выберите ключ SIGN.',
    en: 'Documents must be signed with a signing (SIGN) key; an authentication (AUTH) key does not do. Choose the SIGN key.',
  },
  GW_NOT_ASSIGNEE: {
    kk: 'Шешімге өтінім тағайындалған маман ғана қол қояды. Алдымен өтінімді өзіңізге тағайындатыңыз.',
    ru: 'Решение подписывает только исполнитель, которому назначена заявка. Сначала переназначьте заявку на себя.',
    en: 'Only the specialist the request is assigned to signs the decision. Have the request reassigned to you first.',
  },
  GW_SIGNER_ORG_MISMATCH: {
    kk: 'Шешім басқа ұйымның сертификатымен қол қойылған: сертификаттағы БСН ведомствоның БСН-іне сәйкес келуі керек.',
    ru: 'Решение подписано сертификатом другой организации: БИН в сертификате должен совпадать с БИН ведомства.',
    en: 'The decision is signed with another organisation\'s certificate: the certificate\'s BIN must be the department\'s.',
  },
  GW_ATTACHMENT_TYPE_MISMATCH: {
    kk: 'Конверттегі құжат түрі сақталған файлға сәйкес келмейді. Сканерлеуді қайталап, өтінімге қайта қол қойыңыз.',
    ru: 'Тип документа в конверте не совпадает с сохранённым файлом. Повторите сканирование и подпишите заявку заново.',
    en: 'The document type in the envelope does not match the stored file. Scan again and sign the request again.',
  },
  GW_ATTACHMENT_PAGES_MISMATCH: {
    kk: 'Конверттегі беттер саны сақталған құжатқа сәйкес келмейді. Сканерлеуді қайталап, өтінімге қайта қол қойыңыз.',
    ru: 'Число страниц в конверте не совпадает с сохранённым документом. Повторите сканирование и подпишите заявку заново.',
    en: 'The page count in the envelope does not match the stored document. Scan again and sign the request again.',
  },
  GW_SIGNING_TIME_INVALID: {
    kk: 'Қол қою уақыты шлюз сағатынан тым алда. Компьютер сағатын тексеріп, қайта қол қойыңыз.',
    ru: 'Время подписи слишком опережает часы шлюза. Проверьте часы компьютера и подпишите заново.',
    en: 'The signing time is too far ahead of the gateway clock. Check the computer clock and sign again.',
  },
  GW_CREATED_AT_INVALID: {
    kk: 'Өтінімнің құрылған уақыты мүмкін емес (болашақта немесе қол қойылғаннан кейін). Компьютер сағатын тексеріңіз.',
    ru: 'Время создания заявки невозможно (в будущем или позже подписи). Проверьте часы компьютера.',
    en: 'The request\'s creation time is impossible (in the future or after it was signed). Check the computer clock.',
  },
  GW_TOO_MANY_STREAMS: {
    kk: 'Бұл сессияда тым көп ашық күй ағыны бар. Артық терезелерді жабыңыз.',
    ru: 'В этой сессии открыто слишком много потоков статусов. Закройте лишние окна.',
    en: 'This session has too many open status streams. Close the extra windows.',
  },
  GW_LOGIN_THROTTLED: {
    kk: 'Кіру әрекеттері тым жиі. Көрсетілген уақыт өткен соң қайталаңыз; ЭЦҚ арқылы кіру қолжетімді.',
    ru: 'Слишком частые попытки входа. Повторите после указанного времени; вход по ЭЦП доступен.',
    en: 'Too many sign-in attempts. Try again after the stated time; signing in with the digital signature still works.',
  },
  GW_REQUEST_TIMEOUT: {
    kk: 'Сұраныс тым баяу жіберілді және үзілді. Байланысты тексеріп, қайталаңыз.',
    ru: 'Запрос передавался слишком медленно и был прерван. Проверьте связь и повторите.',
    en: 'The request was sent too slowly and was cut off. Check the connection and try again.',
  },
})
