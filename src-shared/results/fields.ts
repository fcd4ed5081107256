/**
 * The fields of the result documents: what each `{placeholder}` of a catalogue template (src-shared/catalog/services)
 * holds — its kk/ru/en label, its kind (the catalogue's field kinds) and where its value comes from. One dictionary
 * for the names the templates share (fio, actNo, …) plus per-service entries where a name means something else there.
 */
import { L, opt } from '../catalog/common'
import type { FieldKind, Localized, SelectOption } from '../catalog/types'

/**
 * request: typed by the consumer/operator at intake (`from` names the form field or `applicant`);
 * registry: answered by a state registry (`from` names the registry); specialist: typed by the provider's specialist
 * in the decision form; system: formed by the document itself (number, dates, refusal reason, signer, service name).
 */
export type ValueSource = 'request' | 'registry' | 'specialist' | 'system'

export interface ResultField {
  id: string
  kind: FieldKind
  label: Localized
  source: ValueSource
  /** request: the form field id (or `applicant` for the applicant's name); registry: the registry id. */
  from?: string
  /** Optional fields may stay empty: a body line whose placeholders are all empty is left out of the print. */
  optional?: boolean
  options?: SelectOption[]
  /** list: the columns of one row. */
  item?: ResultField[]
  /** list: printed when there are no rows (e.g. «Не зарегистрировано», CATALOG §4.2.3 DEFAULT). */
  emptyText?: Localized
  /** text: a regular expression (source text) the value must match, as intake's TextField.pattern (FIELD_FORMAT). */
  pattern?: string
  /** Shown under the field in the decision form: the sample a FIELD_FORMAT message refers to. */
  hint?: Localized
  /** date: not after the day the document is decided (Kazakhstan time), as intake's DateField.notInFuture. */
  notInFuture?: boolean
}

type Spec = Omit<ResultField, 'id'>
const f = (kind: FieldKind, source: ValueSource, kk: string, ru: string, en: string, o: Partial<Spec> = {}): Spec => ({ kind, source, label: L(kk, ru, en), ...o })
const col = (id: string, kind: FieldKind, kk: string, ru: string, en: string, o: Partial<Spec> = {}): ResultField => ({ id, ...f(kind, 'registry', kk, ru, en, o) })
/** A commission's decision (protocol) number: digits, optionally a `/` or `-` suffix of digits or letters (12, 12/3, 7-ж). */
const COMMISSION_DECISION_NO = '^\\d{1,6}(?:[/-][0-9A-Za-zА-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]{1,6})?$'
const NOT_REGISTERED = L('Тіркелмеген', 'Не зарегистрировано', 'Nothing registered')
const NONE = L('Жоқ', 'Нет', 'None')

// Columns shared by the ГБД ЮЛ subtypes (CATALOG §4.3 table).
const UL_NAME = col('name', 'text', 'Атауы', 'Наименование', 'Name')
const UL_BIN = col('bin', 'bin', 'БСН', 'БИН', 'BIN')
const UL_LAST = col('lastRegistration', 'text', 'Соңғы тіркелген (қайта тіркелген) күні мен нөмірі', 'Дата и номер последней регистрации (перерегистрации)', 'Date and number of the last (re-)registration')
const UL_FIRST = col('firstRegistration', 'date', 'Алғашқы тіркелген күні', 'Дата первичной регистрации', 'Date of first registration')
const UL_HEAD = col('head', 'text', 'Бірінші басшы', 'Первый руководитель', 'Head')
const UL_ACTIVITY = col('activity', 'text', 'Қызмет түрі', 'Вид деятельности', 'Activity')
const UL_ADDRESS = col('legalAddress', 'address', 'Заңды мекенжайы', 'Юридический адрес', 'Legal address')
const UL_FULL: ResultField[] = [
  UL_NAME,
  col('registeringBody', 'text', 'Тіркеуші орган', 'Регистрирующий орган', 'Registering body'),
  col('registrationKind', 'text', 'Тіркеу түрі', 'Вид регистрации', 'Kind of registration'),
  UL_LAST,
  UL_FIRST,
  UL_BIN,
  UL_HEAD,
  col('founders', 'text', 'Құрылтайшылар (қатысушылар)', 'Учредители (участники, граждане инициаторы)', 'Founders (participants)'),
  UL_ACTIVITY,
  UL_ADDRESS,
]

/** Fields formed by the document itself, the same for every template. */
export const SYSTEM_FIELDS: Record<string, Spec> = {
  uniqueNo: f('text', 'system', 'Бірегей нөмір', 'Уникальный номер', 'Unique number'),
  noticeNo: f('text', 'system', 'Хабарлама нөмірі', 'Номер уведомления', 'Notice number'),
  requestNo: f('text', 'system', 'Сұрау нөмірі', 'Номер запроса', 'Request number'),
  issueDate: f('date', 'system', 'Берілген күні', 'Дата выдачи', 'Date of issue'),
  submittedAt: f('date', 'system', 'Жіберілген күні', 'Дата подачи', 'Date submitted'),
  acceptedAt: f('text', 'system', 'Қабылданған күні мен уақыты', 'Дата и время приёма', 'Accepted at'),
  dd: f('text', 'system', 'Күні', 'День', 'Day'),
  mm: f('text', 'system', 'Айы', 'Месяц', 'Month'),
  month: f('text', 'system', 'Айы', 'Месяц', 'Month'),
  yy: f('text', 'system', 'Жылы', 'Год', 'Year'),
  yyyy: f('text', 'system', 'Жылы', 'Год', 'Year'),
  reason: f('textarea', 'system', 'Бас тарту себебі', 'Причина отказа', 'Reason for refusal'),
  serviceName: f('text', 'system', 'Қызмет', 'Услуга', 'Service'),
  signingUnit: f('text', 'system', 'Қол қойған бөлімше', 'Подразделение, подписавшее документ', 'Signing unit'),
  region: f('text', 'system', 'Өңір', 'Регион', 'Region'),
  barcodeCode: f('text', 'system', 'Штрих-код коды', 'Код штрих-кода', 'Barcode code'),
  applicantNameOrFio: f('text', 'system', 'Өтініш берушінің атауы / Т.А.Ә.', 'Наименование / ФИО заявителя', 'Applicant'),
}

/** Names shared by many templates. */
const COMMON: Record<string, Spec> = {
  date: f('date', 'system', 'Алу күні', 'Дата получения', 'Date received'),
  fio: f('text', 'request', 'Т.А.Ә.', 'Ф.И.О.', 'Full name', { from: 'applicant' }),
  applicantFio: f('text', 'request', 'Өтініш берушінің Т.А.Ә.', 'ФИО заявителя', 'Applicant’s full name', { from: 'applicant' }),
  birthYear: f('year', 'registry', 'Туған жылы', 'Год рождения', 'Year of birth', { from: 'GBD_FL' }),
  address: f('address', 'registry', 'Мекенжайы', 'Адрес', 'Address', { from: 'GBD_FL' }),
  headFio: f('text', 'specialist', 'Бөлім басшысының Т.А.Ә.', 'ФИО начальника отдела', 'Head of department’s full name'),
  specialistFio: f('text', 'specialist', 'Маманның Т.А.Ә.', 'ФИО специалиста', 'Specialist’s full name'),
  childFio: f('text', 'registry', 'Баланың Т.А.Ә.', 'ФИО ребёнка', 'Child’s full name', { from: 'GBD_FL' }),
  childDob: f('date', 'registry', 'Баланың туған күні', 'Дата рождения ребёнка', 'Child’s date of birth', { from: 'GBD_FL' }),
  city: f('text', 'registry', 'Қала', 'Город', 'City', { from: 'GBD_FL' }),
  certNo: f('text', 'registry', 'Анықтама нөмірі', 'Номер справки', 'Certificate number'),
  requester: f('text', 'request', 'Кімге берілді', 'Кому выдана', 'Issued to', { from: 'applicant' }),
  // ИС ЗАГС
  justiceBody: f('text', 'registry', 'Аумақтық әділет органы', 'Территориальный орган юстиции', 'Territorial justice body', { from: 'IS_ZAGS' }),
  actDate: f('date', 'registry', 'Акт жазбасының күні', 'Дата актовой записи', 'Date of the civil act record', { from: 'IS_ZAGS' }),
  actNo: f('text', 'registry', 'Акт жазбасының нөмірі', 'Номер актовой записи', 'Civil act record number', { from: 'IS_ZAGS' }),
  // A birth record may have no father (a mother's sole application): the line is then left out, not invented.
  fatherFio: f('text', 'registry', 'Әкесі', 'Отец', 'Father', { from: 'IS_ZAGS', optional: true }),
  motherFio: f('text', 'registry', 'Шешесі', 'Мать', 'Mother', { from: 'IS_ZAGS' }),
  district: f('text', 'registry', 'Аудан', 'Район', 'District', { from: 'IS_ZAGS' }),
  oblast: f('text', 'registry', 'Облыс', 'Область', 'Region', { from: 'IS_ZAGS' }),
  husbandFio: f('text', 'registry', 'Жұбайы (ері)', 'Супруг', 'Husband', { from: 'IS_ZAGS' }),
  wifeFio: f('text', 'registry', 'Жұбайы (әйелі)', 'Супруга', 'Wife', { from: 'IS_ZAGS' }),
  husbandSurname: f('text', 'registry', 'Еріне берілген тегі', 'Фамилия мужа', 'Husband’s surname', { from: 'IS_ZAGS' }),
  wifeSurname: f('text', 'registry', 'Әйеліне берілген тегі', 'Фамилия жены', 'Wife’s surname', { from: 'IS_ZAGS' }),
  surnameBefore: f('text', 'registry', 'Тегі (дейін)', 'Фамилия (до)', 'Surname (before)', { from: 'IS_ZAGS' }),
  surnameAfter: f('text', 'registry', 'Тегі (кейін)', 'Фамилия (после)', 'Surname (after)', { from: 'IS_ZAGS' }),
  nameBefore: f('text', 'registry', 'Аты (дейін)', 'Имя (до)', 'First name (before)', { from: 'IS_ZAGS' }),
  nameAfter: f('text', 'registry', 'Аты (кейін)', 'Имя (после)', 'First name (after)', { from: 'IS_ZAGS' }),
  patronymicBefore: f('text', 'registry', 'Әкесінің аты (дейін)', 'Отчество (до)', 'Patronymic (before)', { from: 'IS_ZAGS', optional: true }),
  patronymicAfter: f('text', 'registry', 'Әкесінің аты (кейін)', 'Отчество (после)', 'Patronymic (after)', { from: 'IS_ZAGS', optional: true }),
  certificateType: f('select', 'request', 'Куәлік түрі', 'Вид свидетельства', 'Certificate type', { from: 'certificateType' }),
  // ГБД РН
  territorialBody: f('text', 'registry', 'Әділет министрлігінің аумақтық органы', 'Территориальный орган Министерства юстиции', 'Territorial body of the Ministry of Justice', { from: 'GBD_RN' }),
  subject: f('text', 'request', 'Кім туралы', 'В отношении кого', 'Subject', { from: 'applicant' }),
  rights: f('list', 'registry', 'Тіркелген құқықтар', 'Зарегистрированные права', 'Registered rights', {
    from: 'GBD_RN',
    emptyText: NOT_REGISTERED,
    item: [
      col('rightType', 'text', 'Құқық түрі', 'Вид права', 'Right'),
      col('holder', 'text', 'Құқық иесі (атауы, ЖСН/БСН)', 'Правообладатель (наименование, ИИН/БИН)', 'Holder (name, IIN/BIN)'),
      col('share', 'text', 'Меншік нысаны, үлесі', 'Форма собственности, доля', 'Ownership form, share'),
      col('basis', 'text', 'Құқықтың туындау негізі', 'Основание возникновения права', 'Grounds'),
      col('registeredAt', 'text', 'Тіркелген күні, уақыты', 'Дата, время регистрации', 'Registered at'),
    ],
  }),
  encumbrances: f('list', 'registry', 'Құқық ауыртпалықтары', 'Обременения права', 'Encumbrances', {
    from: 'GBD_RN',
    emptyText: NOT_REGISTERED,
    item: [
      col('kind', 'text', 'Ауыртпалық түрі', 'Вид обременения', 'Kind'),
      col('content', 'text', 'Мазмұны', 'Содержание', 'Content'),
      col('holder', 'text', 'Құқық иесі немесе уәкілетті орган', 'Правообладатель или уполномоченный орган (заинтересованное лицо)', 'Holder or authority'),
      col('basis', 'text', 'Туындау негізі', 'Основание возникновения обременения', 'Grounds'),
      col('registeredAt', 'text', 'Тіркелген күні, уақыты', 'Дата, время регистрации', 'Registered at'),
    ],
  }),
  claims: f('list', 'registry', 'Заңды талаптар мен мәмілелер', 'Юридические притязания и сделки', 'Legal claims and transactions', {
    from: 'GBD_RN',
    emptyText: NOT_REGISTERED,
    item: [
      col('kind', 'text', 'Заңды талаптар мен мәмілелер', 'Юридические притязания и сделки', 'Claim or transaction'),
      col('content', 'text', 'Мазмұны', 'Содержание', 'Content'),
      col('applicant', 'text', 'Өтініш беруші', 'Заявитель (заинтересованное лицо)', 'Applicant'),
      col('basis', 'text', 'Туындау негізі', 'Основание возникновения', 'Grounds'),
      col('registeredAt', 'text', 'Тіркелген күні, уақыты', 'Дата, время регистрации', 'Registered at'),
    ],
  }),
  technical: f('list', 'registry', 'Техникалық сипаттамалары', 'Технические характеристики', 'Technical characteristics', {
    from: 'GBD_RN',
    item: [
      col('cadastralNumber', 'cadastralNumber', 'Кадастрлық нөмірі', 'Кадастровый номер', 'Cadastral number'),
      col('objectType', 'text', 'Объект түрі', 'Вид объекта', 'Object type'),
      col('purpose', 'text', 'Мақсаты', 'Назначение', 'Purpose'),
      col('address', 'address', 'Мекенжайы', 'Адрес', 'Address'),
      col('totalArea', 'number', 'Жалпы ауданы, м²', 'Общая площадь, м²', 'Total area, m²'),
      col('livingArea', 'number', 'Тұрғын ауданы, м²', 'Жилая площадь, м²', 'Living area, m²'),
      col('floors', 'number', 'Қабаттар саны', 'Этажность', 'Floors'),
      col('yearBuilt', 'year', 'Салынған жылы', 'Год постройки', 'Year built'),
      col('rooms', 'number', 'Бөлмелер саны', 'Количество комнат', 'Rooms'),
    ],
  }),
  properties: f('list', 'registry', 'Тіркелген жылжымайтын мүлік', 'Зарегистрированное недвижимое имущество', 'Registered real estate', {
    from: 'GBD_RN',
    emptyText: NOT_REGISTERED,
    item: [
      col('address', 'address', 'Мекенжайы бойынша жылжымайтын мүлікке құқық', 'право на недвижимое имущество по адресу', 'right to the real estate at'),
      col('object', 'text', 'Жылжымайтын мүлік объектісі', 'Объект недвижимости', 'Object'),
      col('rightType', 'text', 'Құқық түрі, меншік нысаны', 'вид права, форма собственности', 'Right, ownership form'),
      col('basis', 'text', 'Құқықтың туындау негізі, тіркелген күні мен уақыты', 'Основание возникновения права, дата и время регистрации', 'Grounds, registered at'),
      col('encumbrances', 'text', 'Тіркелген ауыртпалықтар', 'Наличие зарегистрированных обременений', 'Registered encumbrances'),
      col('claims', 'text', 'Тіркелген заңды талаптар мен мәмілелер', 'Наличие зарегистрированных юридических притязаний и сделок', 'Registered claims and transactions'),
    ],
  }),
  formerProperties: f('list', 'registry', 'Бұрын тіркелген', 'Ранее зарегистрировано', 'Formerly registered', {
    from: 'GBD_RN',
    emptyText: NONE,
    optional: true,
    item: [
      col('address', 'address', 'Мекенжайы бойынша жылжымайтын мүлікке құқық', 'право на недвижимое имущество по адресу', 'right to the real estate at'),
      col('object', 'text', 'Жылжымайтын мүлік объектісі', 'Объект недвижимости', 'Object'),
      col('rightType', 'text', 'Құқық түрі, меншік нысаны', 'вид права, форма собственности', 'Right, ownership form'),
      col('basis', 'text', 'Құқықтың туындау негізі, тіркелген күні мен уақыты', 'Основание возникновения права, дата и время регистрации', 'Grounds, registered at'),
      col('termination', 'text', 'Құқықтың тоқтатылу негізі, тіркелген күні мен уақыты', 'Основание прекращения права, дата и время регистрации', 'Grounds of termination, registered at'),
    ],
  }),
  // ГБД ЮЛ (a–d)
  entityDetails: f('list', 'registry', 'Заңды тұлға', 'Юридическое лицо', 'Legal entity', { from: 'GBD_UL', item: UL_FULL }),
  branches: f('list', 'registry', 'Заңды тұлғаның филиалдары (өкілдіктері)', 'Филиалы (представительства) юридического лица', 'Branches (representative offices)', {
    from: 'GBD_UL',
    emptyText: NONE,
    item: [col('name', 'text', 'Филиалдың (өкілдіктің) атауы', 'Наименование филиала (представительства)', 'Branch name'), UL_LAST, UL_FIRST, UL_BIN, UL_HEAD, UL_ACTIVITY, UL_ADDRESS],
  }),
  participations: f('list', 'registry', 'Қатысатын заңды тұлғалар', 'Участие в юридических лицах', 'Participations in legal entities', {
    from: 'GBD_UL',
    emptyText: NONE,
    item: [UL_NAME, UL_FIRST, UL_BIN, UL_HEAD, UL_ACTIVITY, UL_ADDRESS],
  }),
  // АИС ГЗК (land, DEFAULT body fields of CATALOG §4.4)
  cadastralNumber: f('cadastralNumber', 'request', 'Кадастрлық нөмірі', 'Кадастровый номер', 'Cadastral number', { from: 'cadastralNumber' }),
  location: f('address', 'registry', 'Орналасқан жері', 'Местоположение', 'Location', { from: 'AIS_GZK' }),
  orderNo: f('text', 'registry', 'Дайындауға тапсырыс нөмірі', 'Номер заказа на изготовление', 'Production order No.', { from: 'AIS_GZK' }),
  orderDate: f('date', 'registry', 'Тапсырыс күні', 'Дата заказа', 'Order date', { from: 'AIS_GZK' }),
  productionStage: f('text', 'registry', 'Дайындау кезеңі', 'Стадия изготовления', 'Production stage', { from: 'AIS_GZK' }),
  plannedReadyDate: f('date', 'registry', 'Жоспарланған дайын болу күні', 'Плановая дата готовности', 'Planned ready date', { from: 'AIS_GZK' }),
  contractor: f('text', 'registry', 'Орындаушы', 'Исполнитель', 'Contractor', { from: 'AIS_GZK' }),
  areaHa: f('number', 'registry', 'Ауданы, га', 'Площадь, га', 'Area, ha', { from: 'AIS_GZK' }),
  landCategory: f('text', 'registry', 'Жер санаты', 'Категория земель', 'Land category', { from: 'AIS_GZK' }),
  purpose: f('text', 'registry', 'Нысаналы мақсаты', 'Целевое назначение', 'Designated purpose', { from: 'AIS_GZK' }),
  divisibility: f('text', 'registry', 'Бөлінетіндігі', 'Делимость', 'Divisibility', { from: 'AIS_GZK' }),
  restrictions: f('text', 'registry', 'Шектеулер мен ауыртпалықтар', 'Ограничения и обременения', 'Restrictions and encumbrances', { from: 'AIS_GZK' }),
  cadastralValue: f('money', 'registry', 'Кадастрлық құны, теңге', 'Кадастровая стоимость, тенге', 'Cadastral value, KZT', { from: 'AIS_GZK' }),
  holder: f('text', 'registry', 'Құқық иесі (атауы, ЖСН/БСН)', 'Правообладатель (наименование, ИИН/БИН)', 'Holder (name, IIN/BIN)', { from: 'AIS_GZK' }),
  rightType: f('text', 'registry', 'Құқық түрі', 'Вид права', 'Right', { from: 'AIS_GZK' }),
  share: f('text', 'registry', 'Үлесі', 'Доля', 'Share', { from: 'AIS_GZK' }),
  registrationDate: f('date', 'registry', 'Тіркелген күні', 'Дата регистрации', 'Registration date', { from: 'AIS_GZK' }),
  titleDocumentType: f('text', 'registry', 'Құқық белгілейтін құжаттың түрі', 'Вид правоустанавливающего документа', 'Title document type', { from: 'AIS_GZK' }),
  titleDocumentNo: f('text', 'registry', 'Құжаттың нөмірі', 'Номер документа', 'Document No.', { from: 'AIS_GZK' }),
  titleDocumentDate: f('date', 'registry', 'Құжаттың күні', 'Дата документа', 'Document date', { from: 'AIS_GZK' }),
  issuingBody: f('text', 'registry', 'Берген орган', 'Орган, выдавший документ', 'Issuing body', { from: 'AIS_GZK' }),
  rightTerm: f('text', 'registry', 'Құқық мерзімі', 'Срок права', 'Term of the right', { from: 'AIS_GZK' }),
}

/** Per-service meaning of a name where it differs from COMMON. */
const BY_SERVICE: Record<string, Record<string, Spec>> = {
  'zags.repeat-certificate': {
    date: f('date', 'request', 'Өтінім күні', 'Дата заявки', 'Application date'),
    certificateTypeKk: f('text', 'request', 'Куәлік түрі (қаз.)', 'Вид свидетельства (каз.)', 'Certificate type (kk)', { from: 'certificateType' }),
    certificateTypeRu: f('text', 'request', 'Куәлік түрі (орыс.)', 'Вид свидетельства (рус.)', 'Certificate type (ru)', { from: 'certificateType' }),
    certificateTypeEn: f('text', 'request', 'Куәлік түрі (ағыл.)', 'Вид свидетельства (англ.)', 'Certificate type (en)', { from: 'certificateType' }),
  },
  'zags.marriage-application': {
    regNo: f('text', 'system', 'Өтініш нөмірі', 'Номер заявления', 'Application No.'),
    date: f('date', 'request', 'Өтініш күні', 'Дата заявления', 'Application date'),
    ceremonyDate: f('date', 'specialist', 'Тіркеу күні', 'Дата регистрации', 'Ceremony date'),
    time: f('text', 'specialist', 'Тіркеу уақыты', 'Время регистрации', 'Ceremony time'),
    zagsAddress: f('address', 'specialist', 'АХАЖ органының мекенжайы', 'Адрес органа ЗАГС', 'Civil registry office address'),
  },
  'akimat.unemployed-certificate': {
    registrationDate: f('date', 'specialist', 'Жұмыссыз ретінде тіркелген күні', 'Дата регистрации безработным', 'Registered as unemployed on'),
    publicWorks: f('textarea', 'specialist', 'Қоғамдық, әлеуметтік жұмыстарға қатысуы', 'Участие в общественных, социальных работах', 'Public and social works'),
    training: f('textarea', 'specialist', 'Кәсіби даярлау, біліктілікті арттыру, жастар практикасы', 'Профессиональная подготовка, повышение квалификации, молодежная практика', 'Vocational training, youth internship'),
    socialAid: f('textarea', 'specialist', 'Атаулы әлеуметтік көмек, тұрғын үй көмегі', 'Адресная социальная помощь, жилищная помощь', 'Targeted social aid, housing aid'),
    purpose: f('text', 'request', 'Анықтама ұсыну үшін берілді', 'Справка дана для предъявления', 'Issued for presentation to', { from: 'purpose' }),
  },
  'akimat.disabled-child-home-support': {
    amount: f('money', 'specialist', 'Мөлшері, теңге', 'Размер, тенге', 'Amount, KZT'),
    from: f('date', 'specialist', 'Кезеңнің басы', 'Период с', 'Period from'),
    to: f('date', 'specialist', 'Кезеңнің соңы', 'Период по', 'Period to'),
    payments: f('list', 'specialist', 'Төлем кестесі', 'График выплат', 'Payment schedule', {
      item: [
        { id: 'quarter', ...f('number', 'specialist', 'Тоқсан', 'Квартал', 'Quarter') },
        { id: 'year', ...f('year', 'specialist', 'Жыл', 'Год', 'Year') },
        { id: 'amount', ...f('money', 'specialist', 'Төлем сомасы', 'Сумма выплаты', 'Amount') },
      ],
    }),
  },
  'akimat.preschool-queue': {
    refNo: f('text', 'specialist', 'Жолдама нөмірі', 'Номер направления', 'Referral No.'),
    ddoNo: f('text', 'specialist', 'Мектепке дейінгі ұйым №', '№ дошкольной организации', 'Preschool No.'),
    city: f('text', 'specialist', 'Қала (кент)', 'Город (поселок)', 'City (settlement)'),
    street: f('text', 'specialist', 'Көше', 'Улица', 'Street'),
    fio: f('text', 'system', 'Бөлім басшысының Т.А.Ә.', 'ФИО начальника отдела', 'Head of department'),
    parentFio: f('text', 'request', 'Ата-анасының Т.А.Ә.', 'ФИО родителя', 'Parent’s full name', { from: 'applicant' }),
    queueNo: f('number', 'specialist', 'Кезек нөмірі', 'Номер в очереди', 'Queue No.'),
  },
  'akimat.minor-deposits-certificate': {
    idNo: f('idDocumentNumber', 'registry', 'Жеке куәлік №', '№ удостоверения личности', 'ID card No.', { from: 'GBD_FL' }),
    idDate: f('date', 'registry', 'Жеке куәліктің берілген күні', 'Дата выдачи удостоверения', 'ID card issued on', { from: 'GBD_FL' }),
    idIssuer: f('text', 'registry', 'Жеке куәлікті берген', 'Кем выдано удостоверение', 'ID card issued by', { from: 'GBD_FL' }),
    children: f('list', 'request', 'Кәмелетке толмаған балалар', 'Несовершеннолетние дети', 'Minor children', {
      from: 'children',
      item: [
        { id: 'fullName', ...f('text', 'request', 'Т.А.Ә.', 'ФИО', 'Full name') },
        { id: 'birthYear', ...f('year', 'request', 'Туған жылы', 'Год рождения', 'Year of birth') },
      ],
    }),
    fundName: f('text', 'request', 'Жинақтаушы зейнетақы қоры', 'Накопительный пенсионный фонд', 'Pension fund', { from: 'fundName' }),
    inheritanceDate: f('date', 'specialist', 'Мұраға құқық туралы куәліктің күні', 'Дата свидетельства о праве на наследство', 'Certificate of inheritance date'),
    notaryName: f('text', 'specialist', 'Нотариус (лицензия №, күні, берген)', 'Нотариус (лицензия №, дата, кем выдана)', 'Notary (licence No., date, issuer)'),
    deceasedFullName: f('text', 'request', 'Қайтыс болған салымшы', 'Умерший вкладчик', 'Deceased depositor', { from: 'deceasedFullName' }),
    deathCertificateDate: f('date', 'request', 'Қайтыс болу туралы куәліктің күні', 'Дата свидетельства о смерти', 'Death certificate date', { from: 'deathCertificateDate' }),
    deathCertificateNo: f('text', 'request', 'Қайтыс болу туралы куәліктің нөмірі', '№ свидетельства о смерти', 'Death certificate No.', { from: 'deathCertificateNo' }),
    bankName: f('text', 'request', 'Банк', 'Банк', 'Bank', { from: 'bankName' }),
    policeUnit: f('text', 'specialist', 'Жол полициясы комитетінің аумақтық бөлімшесі', 'Территориальное подразделение Комитета дорожной полиции МВД РК', 'Road police unit'),
    transactionType: f('text', 'specialist', 'Мәміле түрі', 'Вид сделки', 'Transaction'),
    vehicle: f('text', 'request', 'Көлік құралы (маркасы, нөмірі, VIN)', 'Транспортное средство (марка, номер, VIN)', 'Vehicle (make, plate, VIN)', { from: 'vehicleMake' }),
  },
  'akimat.minor-property-certificate': {
    children: f('list', 'request', 'Кәмелетке толмаған балалар', 'Несовершеннолетние дети', 'Minor children', {
      from: 'children',
      item: [
        { id: 'fullName', ...f('text', 'request', 'Т.А.Ә.', 'ФИО', 'Full name') },
        { id: 'birthYear', ...f('year', 'request', 'Туған жылы', 'Год рождения', 'Year of birth') },
      ],
    }),
    transactionType: f('select', 'request', 'Мәміле түрі', 'Вид сделки', 'Transaction', {
      from: 'transactionType',
      options: [opt('sale', 'сатуға', 'продажу', 'sale'), opt('exchange', 'айырбастауға', 'обмен', 'exchange'), opt('gift', 'сыйға беруге', 'дарение', 'gift'), opt('pledge', 'кепілге беруге', 'залог', 'pledge')],
    }),
    address: f('address', 'request', 'Жылжымайтын мүліктің мекенжайы', 'Адрес недвижимого имущества', 'Address of the real estate', { from: 'propertyAddress' }),
  },
  'akimat.guardianship-certificate': {
    certNo: f('text', 'specialist', 'Анықтама нөмірі', 'Номер справки', 'Certificate No.'),
    guardianFio: f('text', 'request', 'Қорғаншының Т.А.Ә.', 'ФИО опекуна', 'Guardian’s full name', { from: 'applicant' }),
    city: f('text', 'registry', 'Тұратын қаласы', 'Город проживания', 'City of residence', { from: 'GBD_FL' }),
    resNo: f('text', 'registry', 'Әкімдік қаулысының нөмірі', 'Номер постановления акимата', 'Akimat resolution No.', { from: 'GUARDIANSHIP_REGISTER' }),
    resDate: f('date', 'registry', 'Әкімдік қаулысының күні', 'Дата постановления акимата', 'Akimat resolution date', { from: 'GUARDIANSHIP_REGISTER' }),
    wardFio: f('text', 'registry', 'Қамқорлықтағы баланың Т.А.Ә.', 'ФИО подопечного', 'Ward’s full name', { from: 'GUARDIANSHIP_REGISTER' }),
    wardBirthYear: f('year', 'registry', 'Қамқорлықтағы баланың туған жылы', 'Год рождения подопечного', 'Ward’s year of birth', { from: 'GUARDIANSHIP_REGISTER' }),
    propertyClause: f('select', 'specialist', 'Мүлік', 'Имущество', 'Property', {
      options: [opt('inventory', 'мүлік тізімдемесі істе', 'опись имущества в деле', 'inventory of the property on file'), opt('none', 'мүлік жоқ', 'имущества нет', 'no property')],
    }),
  },
  'akimat.housing-queue': {
    // CATALOG §4.5.7 DEFAULT: the specialist records the housing commission's decision (its protocol No. and date).
    decisionDate: f('date', 'specialist', 'Тұрғын үй комиссиясы шешімінің күні', 'Дата решения жилищной комиссии', 'Housing commission decision date', { notInFuture: true }),
    decisionNo: f('text', 'specialist', 'Тұрғын үй комиссиясы шешімінің нөмірі', 'Номер решения жилищной комиссии', 'Housing commission decision No.', {
      pattern: COMMISSION_DECISION_NO,
      hint: L('Хаттама нөмірі, мысалы: 17 немесе 17/2', 'Номер протокола, например: 17 или 17/2', 'Protocol No., e.g. 17 or 17/2'),
    }),
    category: f('text', 'request', 'Санаты', 'Категория', 'Category', { from: 'category' }),
    appDate: f('date', 'system', 'Өтініш күні', 'Дата заявления', 'Application date'),
    appNo: f('text', 'system', 'Өтініш нөмірі', 'Номер заявления', 'Application No.'),
    n: f('number', 'request', 'Отбасы құрамы, адам', 'Состав семьи, человек', 'Family size', { from: 'familyMembers' }),
    queueNo: f('number', 'specialist', 'Кезек нөмірі', 'Номер очереди', 'Queue No.'),
    headFio: f('text', 'specialist', 'Бастықтың Т.А.Ә.', 'ФИО начальника', 'Head’s full name'),
  },
  'archive.certificate': {
    applicant: f('text', 'request', 'Өтініш беруші', 'Заявитель', 'Applicant', { from: 'applicant' }),
    type: f('text', 'request', 'Мұрағаттық анықтаманың түрі', 'Вид архивной справки', 'Type of archival certificate', { from: 'certificateType' }),
    period: f('text', 'request', 'Сұратылып отырған кезең', 'Запрашиваемый период', 'Requested period', { from: 'periodFrom' }),
    content: f('textarea', 'specialist', 'Мұрағаттық анықтаманың мазмұны', 'Содержание архивной справки', 'Content of the archival certificate'),
    basis: f('textarea', 'specialist', 'Негіздеме (мұрағаттық сілтемелер)', 'Основание (архивные шифры)', 'Basis (archival references)'),
    directorFio: f('text', 'specialist', 'Мұрағат директорының Т.А.Ә.', 'ФИО директора архива', 'Archive director'),
    archivistFio: f('text', 'specialist', 'Мұрағатшының Т.А.Ә.', 'ФИО архивиста', 'Archivist'),
    attachments: f('text', 'specialist', 'Қоса берілген құжаттар', 'Прилагаемые документы', 'Documents attached', { optional: true }),
  },
}

/** The meaning of `{id}` in a template of the service: per-service entry, shared entry, system field — or none. */
export function fieldSpec(serviceId: string, id: string): ResultField | undefined {
  const s = BY_SERVICE[serviceId]?.[id] ?? COMMON[id] ?? SYSTEM_FIELDS[id]
  return s ? { id, ...s } : undefined
}
