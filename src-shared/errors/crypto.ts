import { defineErrors } from './types'

/** Error codes of the crypto area. Owned by that area; add codes here, never in another area's file. */
export const cryptoErrors = defineErrors({
  CRYPTO_ENGINE_MISSING: {
    kk: 'Криптографиялық модуль қолжетімсіз. Бағдарламаны қайта іске қосыңыз; қате қайталанса, әкімшіге хабарлаңыз.',
    ru: 'Криптографический модуль недоступен. Перезапустите программу; если ошибка повторится, сообщите администратору.',
    en: 'The cryptographic engine is not available. Restart the application; if it happens again, tell your administrator.',
  },
  CRYPTO_UNSUPPORTED_ALGORITHM: {
    kk: 'Кілттің немесе қолтаңбаның алгоритмі қолдау көрсетілмейді (RSA, ECDSA P-256, ГОСТ 34.10-2015 қолдау көрсетіледі). Басқа кілтті таңдаңыз.',
    ru: 'Алгоритм ключа или подписи не поддерживается (поддерживаются RSA, ECDSA P-256, ГОСТ 34.10-2015). Выберите другой ключ.',
    en: 'The key or signature algorithm is not supported (RSA, ECDSA P-256 and GOST 34.10-2015 are). Choose another key.',
  },
  P12_BAD_PASSWORD: {
    kk: 'Кілт құпиясөзі қате. Құпиясөзді тексеріп, қайта енгізіңіз (әріп регистрі мен тіл маңызды).',
    ru: 'Неверный пароль ключа. Проверьте пароль и введите его снова (важны регистр и раскладка).',
    en: 'Wrong key password. Check it and enter it again (case and keyboard layout matter).',
  },
  P12_CORRUPT: {
    kk: 'Кілт файлы бүлінген немесе PKCS#12 (.p12) файлы емес. НУЦ берген түпнұсқа файлды таңдаңыз.',
    ru: 'Файл ключа повреждён или не является файлом PKCS#12 (.p12). Выберите исходный файл, выданный НУЦ.',
    en: 'The key file is damaged or is not a PKCS#12 (.p12) file. Choose the original file issued by the NCA.',
  },
  P12_NO_KEY: {
    kk: 'Файлда жеке кілт пен оның сертификаты жоқ. Басқа .p12 файлын таңдаңыз.',
    ru: 'В файле нет закрытого ключа с сертификатом. Выберите другой файл .p12.',
    en: 'The file holds no private key with its certificate. Choose another .p12 file.',
  },
  P12_UNSUPPORTED_ENCRYPTION: {
    kk: 'Кілт файлының шифрлау тәсілі қолдау көрсетілмейді. Файлды AES шифрлауымен қайта экспорттаңыз немесе әкімшіге хабарлаңыз.',
    ru: 'Способ шифрования файла ключа не поддерживается. Переэкспортируйте файл с шифрованием AES или сообщите администратору.',
    en: 'The key file uses an encryption scheme that is not supported. Re-export it with AES encryption or tell your administrator.',
  },
  KEY_NOT_FOUND: {
    kk: 'Таңдалған кілт табылмады. Кілттер тізімін жаңартып, қайта таңдаңыз.',
    ru: 'Выбранный ключ не найден. Обновите список ключей и выберите снова.',
    en: 'The selected key was not found. Refresh the key list and choose again.',
  },
  KEY_CERT_MISMATCH: {
    kk: 'Жеке кілт сертификатқа сәйкес келмейді. НУЦ берген басқа кілтті таңдаңыз.',
    ru: 'Закрытый ключ не соответствует сертификату. Выберите другой ключ, выданный НУЦ.',
    en: 'The private key does not match its certificate. Choose another key issued by the NCA.',
  },
  SECRET_PROMPT_CANCELLED: {
    kk: 'Құпиясөз енгізу тоқтатылды. Қол қою үшін әрекетті қайталап, құпиясөзді енгізіңіз.',
    ru: 'Ввод пароля отменён. Чтобы подписать, повторите действие и введите пароль.',
    en: 'Password entry was cancelled. To sign, repeat the action and enter the password.',
  },
  SECRET_PROMPT_UNAVAILABLE: {
    kk: 'Құпиясөз терезесін ашу мүмкін болмады. Бағдарламаны қайта іске қосыңыз.',
    ru: 'Не удалось открыть окно ввода пароля. Перезапустите программу.',
    en: 'The password window could not be opened. Restart the application.',
  },
  SIGN_FAILED: {
    kk: 'Қол қою сәтсіз аяқталды, қолтаңба жасалмады. Кілтті тексеріп, әрекетті қайталаңыз.',
    ru: 'Подписание не удалось, подпись не создана. Проверьте ключ и повторите действие.',
    en: 'Signing failed and no signature was made. Check the key and try again.',
  },
  CMS_CORRUPT: {
    kk: 'Қолтаңба файлы (CMS) бүлінген немесе оқылмайды. Жіберушіден қолтаңбаны қайта сұраңыз.',
    ru: 'Файл подписи (CMS) повреждён или не читается. Запросите подпись у отправителя повторно.',
    en: 'The signature file (CMS) is damaged or unreadable. Ask the sender for the signature again.',
  },
  CMS_CONTENT_MISSING: {
    kk: 'Қолтаңба бөлек жасалған, бірақ қол қойылған құжат берілмеген. Құжат файлын да көрсетіңіз.',
    ru: 'Подпись отсоединённая, но подписанный документ не передан. Укажите также файл документа.',
    en: 'The signature is detached but the signed document was not given. Provide the document file too.',
  },
  CMS_CONTENT_MISMATCH: {
    kk: 'Қолтаңба ішіндегі құжат берілген құжатпен сәйкес келмейді: қолтаңба басқа құжатқа жасалған. Бұл құжатқа сенуге болмайды.',
    ru: 'Документ внутри подписи не совпадает с переданным документом: подпись сделана для другого документа. Этому документу доверять нельзя.',
    en: 'The document inside the signature differs from the document given: the signature belongs to another document. Do not trust this document.',
  },
  SIGNATURE_INVALID: {
    kk: 'Қолтаңба жарамсыз: құжат өзгертілген немесе қолтаңба басқа құжатқа жасалған. Құжатты қайта қол қоюға жіберіңіз.',
    ru: 'Подпись недействительна: документ изменён или подпись сделана для другого документа. Отправьте документ на повторное подписание.',
    en: 'The signature is invalid: the document was changed or the signature belongs to another document. Have it signed again.',
  },
  CERT_CORRUPT: {
    kk: 'Сертификат бүлінген немесе оқылмайды. НУЦ берген түпнұсқа сертификатты пайдаланыңыз.',
    ru: 'Сертификат повреждён или не читается. Используйте исходный сертификат, выданный НУЦ.',
    en: 'The certificate is damaged or unreadable. Use the original certificate issued by the NCA.',
  },
  CERT_EXPIRED: {
    kk: 'Сертификаттың мерзімі өтіп кеткен. НУЦ-тан жаңа ЭЦҚ алыңыз.',
    ru: 'Срок действия сертификата истёк. Получите новую ЭЦП в НУЦ.',
    en: 'The certificate has expired. Obtain a new digital signature key from the NCA.',
  },
  CERT_NOT_YET_VALID: {
    kk: 'Сертификат әлі күшіне енбеген. Компьютердегі күн мен уақытты тексеріңіз немесе күшіне енгенін күтіңіз.',
    ru: 'Сертификат ещё не вступил в силу. Проверьте дату и время на компьютере или дождитесь начала его действия.',
    en: 'The certificate is not valid yet. Check the computer’s date and time or wait until it becomes valid.',
  },
  CERT_REVOKED: {
    kk: 'Сертификат кері қайтарылған (жойылған). Бұл кілтпен қол қоюға болмайды; НУЦ-тан жаңа ЭЦҚ алыңыз.',
    ru: 'Сертификат отозван. Подписывать этим ключом нельзя; получите новую ЭЦП в НУЦ.',
    en: 'The certificate has been revoked. This key must not be used; obtain a new one from the NCA.',
  },
  CERT_REVOCATION_UNKNOWN: {
    kk: 'Сертификаттың кері қайтарылмағанын тексеру мүмкін болмады (CRL/OCSP қолжетімсіз). Желіні тексеріп, кейінірек қайталаңыз.',
    ru: 'Не удалось проверить, не отозван ли сертификат (CRL/OCSP недоступны). Проверьте сеть и повторите позже.',
    en: 'Could not check whether the certificate is revoked (CRL/OCSP unavailable). Check the network and try again later.',
  },
  CERT_UNTRUSTED: {
    kk: 'Сертификат сенімді куәландырушы орталықпен берілмеген. НУЦ ҚР берген кілтті пайдаланыңыз немесе әкімшіге хабарлаңыз.',
    ru: 'Сертификат выдан не доверенным удостоверяющим центром. Используйте ключ НУЦ РК или сообщите администратору.',
    en: 'The certificate was not issued by a trusted certification authority. Use a key from the NCA of Kazakhstan or tell your administrator.',
  },
  CERT_WRONG_PURPOSE: {
    kk: 'Кілттің мақсаты сәйкес емес: кіру үшін AUTH кілті, қол қою үшін SIGN (RSA) кілті қажет. Басқа кілтті таңдаңыз.',
    ru: 'Ключ не подходит по назначению: для входа нужен ключ AUTH, для подписи — ключ SIGN (RSA). Выберите другой ключ.',
    en: 'The key does not fit the purpose: login needs an AUTH key, signing needs a SIGN key (RSA). Choose another key.',
  },
  CERT_IIN_MISMATCH: {
    kk: 'Сертификаттағы ЖСН жүйеге кірген пайдаланушының ЖСН-іне сәйкес келмейді. Өз кілтіңізді таңдаңыз.',
    ru: 'ИИН в сертификате не совпадает с ИИН вошедшего пользователя. Выберите свой ключ.',
    en: 'The IIN in the certificate does not match the signed-in user. Choose your own key.',
  },
  CERT_IIN_CHECKSUM: {
    kk: 'Сертификаттағы ЖСН/БСН бақылау санынан өтпейді. Бұл сынақ кілті болуы мүмкін; жұмыс режимінде оны пайдалануға болмайды.',
    ru: 'ИИН/БИН в сертификате не проходит проверку контрольного разряда. Вероятно, это тестовый ключ; в рабочем режиме он не принимается.',
    en: 'The IIN/BIN in the certificate fails the check digit. It is probably a test key, which is not accepted in production mode.',
  },
  CRL_CORRUPT: {
    kk: 'Кері қайтарылған сертификаттар тізімі (CRL) бүлінген. Тізімді қайта жүктеңіз.',
    ru: 'Список отозванных сертификатов (CRL) повреждён. Загрузите список заново.',
    en: 'The certificate revocation list (CRL) is damaged. Download it again.',
  },
  OCSP_FAILED: {
    kk: 'OCSP қызметі жауап бермеді немесе жауабы жарамсыз. Желіні тексеріп, кейінірек қайталаңыз.',
    ru: 'Служба OCSP не ответила или ответ недействителен. Проверьте сеть и повторите позже.',
    en: 'The OCSP service did not answer or its answer is invalid. Check the network and try again later.',
  },
  PKCS11_MODULE_FAILED: {
    kk: 'Токен драйверін (PKCS#11) жүктеу мүмкін болмады. Драйвердің орнатылғанын тексеріңіз.',
    ru: 'Не удалось загрузить драйвер токена (PKCS#11). Проверьте, что драйвер установлен.',
    en: 'The token driver (PKCS#11) could not be loaded. Check that the driver is installed.',
  },
  PKCS11_MODULE_PATH_INVALID: {
    kk: 'Токен драйверінің жолы жарамсыз: ол толық жол болып, .dll (Windows) немесе .so (Linux) файлымен аяқталуы керек.',
    ru: 'Неверный путь к драйверу токена: нужен полный путь к файлу .dll (Windows) или .so (Linux).',
    en: 'Invalid token driver path: give the full path of a .dll (Windows) or .so (Linux) file.',
  },
  PKCS11_MODULE_MISSING: {
    kk: 'Бұл жолда токен драйверінің файлы жоқ. Драйверді орнатыңыз немесе жолды тексеріңіз.',
    ru: 'По этому пути нет файла драйвера токена. Установите драйвер или проверьте путь.',
    en: 'There is no token driver file at this path. Install the driver or check the path.',
  },
  PKCS11_TOKEN_NOT_FOUND: {
    kk: 'Токен табылмады. Токенді (Kaztoken, eToken, JaCarta, жеке куәлік) қосып, тізімді жаңартыңыз.',
    ru: 'Токен не найден. Подключите токен (Kaztoken, eToken, JaCarta, удостоверение личности) и обновите список.',
    en: 'No token found. Plug in the token (Kaztoken, eToken, JaCarta, ID card) and refresh the list.',
  },
  PKCS11_PIN_INCORRECT: {
    kk: 'PIN-код қате. Қайта енгізіңіз; бірнеше қате әрекеттен кейін токен бұғатталады.',
    ru: 'Неверный PIN-код. Введите снова; после нескольких ошибок токен заблокируется.',
    en: 'Wrong PIN. Enter it again; the token locks after several wrong attempts.',
  },
  PKCS11_PIN_LOCKED: {
    kk: 'Токеннің PIN-коды бұғатталған. Бұғаттан шығару үшін PUK-кодты пайдаланыңыз немесе НУЦ-қа хабарласыңыз.',
    ru: 'PIN-код токена заблокирован. Разблокируйте его PUK-кодом или обратитесь в НУЦ.',
    en: 'The token PIN is locked. Unlock it with the PUK or contact the NCA.',
  },
  PKCS11_TOKEN_REMOVED: {
    kk: 'Операция кезінде токен ажыратылды, қолтаңба жасалмады. Токенді қайта қосып, әрекетті қайталаңыз.',
    ru: 'Токен был отключён во время операции, подпись не создана. Подключите токен снова и повторите действие.',
    en: 'The token was removed during the operation and no signature was made. Plug it in again and retry.',
  },
  PKCS11_FAILED: {
    kk: 'Токен операцияны орындай алмады. Токенді қайта қосып, әрекетті қайталаңыз.',
    ru: 'Токен не смог выполнить операцию. Переподключите токен и повторите действие.',
    en: 'The token could not perform the operation. Reconnect the token and try again.',
  },
  ARGUMENT_INVALID: {
    kk: 'Команда параметрлері қате. Анықтаманы қараңыз (arm --help).',
    ru: 'Неверные параметры команды. Смотрите справку (arm --help).',
    en: 'Invalid command arguments. See the help (arm --help).',
  },
  FILE_UNREADABLE: {
    kk: 'Файлды оқу мүмкін болмады. Жолды және қол жеткізу құқығын тексеріңіз.',
    ru: 'Не удалось прочитать файл. Проверьте путь и права доступа.',
    en: 'The file could not be read. Check the path and permissions.',
  },
})
