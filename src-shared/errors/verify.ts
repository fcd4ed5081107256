import { defineErrors } from './types'

/**
 * Error codes of document verification: the signed barcode printed on a result (src-shared/verify), the public
 * verification endpoint and `arm verify-print`. Each is a verdict a verifier can act on, never a crash.
 */
export const verifyErrors = defineErrors({
  BARCODE_NOT_FOUND: {
    kk: 'Суретте құжаттың штрих-коды табылмады. Құжаттың төменгі бөлігін анығырақ сканерлеңіз немесе өрістерді қолмен енгізіңіз.',
    ru: 'На изображении не найден штрих-код документа. Отсканируйте нижнюю часть документа чётче или введите поля вручную.',
    en: 'No document barcode was found in the image. Scan the bottom of the document more clearly or type the fields in.',
  },
  BARCODE_FOREIGN: {
    kk: 'Бұл штрих-код АРМ құжатына жатпайды. Құжаттағы дұрыс штрих-кодты сканерлеңіз.',
    ru: 'Этот штрих-код не относится к документу АРМ. Отсканируйте штрих-код с документа.',
    en: 'This barcode does not belong to an АРМ document. Scan the barcode printed on the document.',
  },
  BARCODE_PART_MISSING: {
    kk: 'Штрих-кодтар жиынтығының бір бөлігі оқылмады. Құжаттағы барлық штрих-кодты сканерлеңіз.',
    ru: 'Не прочитана часть набора штрих-кодов. Отсканируйте все штрих-коды документа.',
    en: 'A part of the barcode set could not be read. Scan every barcode of the document.',
  },
  BARCODE_MIXED: {
    kk: 'Штрих-кодтар әртүрлі құжаттардан алынған. Бір құжаттың штрих-кодтарын ғана сканерлеңіз.',
    ru: 'Штрих-коды взяты с разных документов. Отсканируйте штрих-коды только одного документа.',
    en: 'The barcodes come from different documents. Scan the barcodes of one document only.',
  },
  BARCODE_CORRUPT: {
    kk: 'Штрих-код бүлінген немесе өзгертілген, оны оқу мүмкін емес. Түпнұсқа құжатты сканерлеңіз.',
    ru: 'Штрих-код повреждён или изменён и не читается. Отсканируйте оригинал документа.',
    en: 'The barcode is damaged or altered and cannot be read. Scan the original document.',
  },
  BARCODE_HASH_MISMATCH: {
    kk: 'Штрих-кодтағы құжат хэші қол қойылған құжатқа сәйкес келмейді: құжат өзгертілген.',
    ru: 'Хэш документа в штрих-коде не совпадает с подписанным документом: документ изменён.',
    en: 'The document hash in the barcode does not match the signed document: the document was altered.',
  },
  BARCODE_NUMBER_MISMATCH: {
    kk: 'Басылған бірегей нөмір қол қойылған құжаттағы нөмірге сәйкес келмейді: құжат өзгертілген.',
    ru: 'Напечатанный уникальный номер не совпадает с номером в подписанном документе: документ изменён.',
    en: 'The printed unique number does not match the number in the signed document: the document was altered.',
  },
  VERIFY_INPUT_INVALID: {
    kk: 'Бірегей нөмір немесе хэш дұрыс енгізілмеген. Хэш — 64 он алтылық таңба. Құжаттан қайта көшіріңіз.',
    ru: 'Уникальный номер или хэш введены неверно. Хэш — 64 шестнадцатеричных знака. Перепишите их с документа заново.',
    en: 'The unique number or hash is not valid. The hash is 64 hexadecimal characters. Copy them from the document again.',
  },
  VERIFY_DOCUMENT_UNKNOWN: {
    kk: 'Мұндай бірегей нөмірмен құжат берілмеген. Нөмірді құжаттан тексеріңіз; сәйкес келсе, құжат жалған болуы мүмкін.',
    ru: 'Документ с таким уникальным номером не выдавался. Сверьте номер с документом; если он совпадает, документ может быть поддельным.',
    en: 'No document was issued under this unique number. Check the number on the document; if it matches, the document may be forged.',
  },
  VERIFY_IMAGE_UNREADABLE: {
    kk: 'Файл сурет те, PDF те емес немесе бүлінген. PNG, JPEG немесе PDF файлын таңдаңыз.',
    ru: 'Файл не является изображением или PDF либо повреждён. Выберите файл PNG, JPEG или PDF.',
    en: 'The file is not an image or a PDF, or it is damaged. Choose a PNG, JPEG or PDF file.',
  },
  TSA_TOKEN_INVALID: {
    kk: 'Қолтаңбаның уақыт белгісі бүлінген немесе жалған (TSA қолтаңбасы жарамсыз). Құжатты қабылдамаңыз, берген органға хабарласыңыз.',
    ru: 'Метка времени подписи повреждена или подделана (подпись службы TSA недействительна). Не принимайте документ, обратитесь в выдавший орган.',
    en: 'The signature’s timestamp is damaged or forged (the TSA’s signature is invalid). Do not accept the document; contact the issuing body.',
  },
  TSA_IMPRINT_MISMATCH: {
    kk: 'Уақыт белгісі басқа қолтаңбаға берілген: оның хэші осы қолтаңбаға сәйкес келмейді. Құжатты қабылдамаңыз.',
    ru: 'Метка времени выдана для другой подписи: её хэш не совпадает с этой подписью. Не принимайте документ.',
    en: 'The timestamp was issued for another signature: its hash does not match this signature. Do not accept the document.',
  },
  TSA_UNTRUSTED: {
    kk: 'Уақыт белгісін сенімді НУЦ уақыт қызметі бермеген. Қол қою уақыты расталмады; әкімшіге хабарлаңыз.',
    ru: 'Метку времени выдала не доверенная служба времени НУЦ. Время подписания не подтверждено; сообщите администратору.',
    en: 'The timestamp was not issued by a trusted НУЦ time-stamping service. The signing time is not confirmed; tell your administrator.',
  },
  TSA_UNAVAILABLE: {
    kk: 'НУЦ уақыт қызметі жауап бермеді: қолтаңба уақыт белгісіз (CAdES-BES) сақталды, белгі кейін қосылады.',
    ru: 'Служба времени НУЦ не ответила: подпись сохранена без метки времени (CAdES-BES), метка будет добавлена позже.',
    en: 'The НУЦ time-stamping service did not answer: the signature was kept without a timestamp (CAdES-BES); it will be added later.',
  },
  TSA_REQUEST_INVALID: {
    kk: 'Уақыт белгісіне сұрау дұрыс емес (RFC 3161). Сұрауды SHA-256 хэшімен қайта жіберіңіз.',
    ru: 'Неверный запрос метки времени (RFC 3161). Отправьте запрос заново с хэшем SHA-256.',
    en: 'The timestamp request is not valid (RFC 3161). Send it again with a SHA-256 hash.',
  },
  CARD_UNREADABLE: {
    kk: 'Файлды PDF ретінде оқу мүмкін емес немесе ол құжат карточкасы үшін тым үлкен. Құжат карточкасының түпнұсқа файлын таңдаңыз.',
    ru: 'Файл не читается как PDF или слишком велик для карточки документа. Выберите исходный файл карточки документа.',
    en: 'The file cannot be read as a PDF or is too large for a document card. Choose the original document card file.',
  },
  CARD_NOT_A_CARD: {
    kk: 'Бұл PDF ішінде қол қойылған құжат пен оның ЭЦҚ-сы жоқ: ол электрондық құжат карточкасы емес. Басылған құжатты сканерлеп тексеріңіз.',
    ru: 'В этом PDF нет вложенного подписанного документа и его ЭЦП: это не электронная карточка документа. Проверьте отсканированный бумажный документ.',
    en: 'This PDF carries no signed document and signature: it is not a digital document card. Verify a scan of the printed document instead.',
  },
  CARD_HASH_MISMATCH: {
    kk: 'Карточкаға тіркелген құжат карточкада көрсетілген хэшке сәйкес келмейді: құжат өзгертілген.',
    ru: 'Вложенный в карточку документ не совпадает с указанным в ней хэшем: документ изменён.',
    en: 'The document attached to the card does not match the hash the card states: the document was altered.',
  },
  CARD_BARCODE_MISMATCH: {
    kk: 'Карточка бетіндегі штрих-код тіркелген құжатқа жатпайды: карточка өзгертілген.',
    ru: 'Штрих-код на странице карточки не относится к вложенному документу: карточка изменена.',
    en: 'The barcode on the card’s page belongs to another document than the one attached: the card was altered.',
  },
})
