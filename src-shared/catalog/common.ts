/** Building blocks shared by the service definitions: common input blocks (CATALOG §4.0), texts (§5), messages (§2.7). */
import type {
  Condition,
  DocumentRequirement,
  DocumentTemplate,
  FieldDef,
  Localized,
  Provider,
  RefusalGround,
  SelectOption,
  StepLimit,
  ServiceDefinition,
} from './types'

export const L = (kk: string, ru: string, en: string): Localized => ({ kk, ru, en })
export const opt = (value: string, kk: string, ru: string, en: string): SelectOption => ({ value, label: L(kk, ru, en) })

export const REGISTRY_NAMES = {
  GBD_FL: L('«Жеке тұлғалар» МДҚ', 'ГБД «Физические лица»', 'State DB "Individuals"'),
  GBD_UL: L('«Заңды тұлғалар» МДҚ', 'ГБД «Юридические лица»', 'State DB "Legal Entities"'),
  ENIS: L('Бірыңғай нотариаттық ақпараттық жүйе', 'ЕНИС', 'Unified Notarial IS'),
  IS_ZAGS: L('АХАЖ АЖ', 'ИС ЗАГС', 'Civil registry IS'),
  GBD_RN: L('«Жылжымайтын мүлік тіркелімі» МДҚ', 'ГБД «Регистр недвижимости»', 'State DB "Real Estate Register"'),
  AIS_GZK: L('МЗК ААЖ', 'АИС ГЗК', 'State Land Cadastre IS'),
  GUARDIANSHIP_REGISTER: L('Қорғаншылық және қамқоршылық жөніндегі электрондық тізілім', 'Электронный реестр по опеке и попечительству', 'Electronic guardianship register'),
  E_AKIMAT: L('«Электрондық әкімдік» АЖ', 'ИС «Электронный акимат»', '"Electronic akimat" IS'),
  NUC: L('ҰКО', 'НУЦ РК', 'National Certification Authority'),
  ARCHIVE_IS: L('Қызмет берушінің АЖО', 'АРМ услугодателя (архив)', 'Archive provider workstation'),
} as const

// ── Providers ────────────────────────────────────────────────────────────────────────────────────────────────
export const PROVIDERS = {
  justice: {
    id: 'moj-justice-bodies',
    kind: 'justice',
    departmentKind: 'civilRegistry',
    name: L('Аумақтық әділет органдары (АХАЖ)', 'Территориальные органы юстиции (ЗАГС)', 'Territorial justice bodies (civil registry)'),
  },
  registration: {
    id: 'moj-registration',
    kind: 'justice',
    departmentKind: 'registration',
    name: L('Тіркеу қызметі және құқықтық көмек көрсету комитеті', 'Комитет регистрационной службы и оказания правовой помощи МЮ РК', 'Registration Service Committee, Ministry of Justice'),
  },
  land: {
    id: 'npczem',
    kind: 'landCadastre',
    departmentKind: 'landCadastre',
    name: L('«Жер кадастрының ғылыми-өндірістік орталығы» РМК', 'РГП «Научно-производственный центр земельного кадастра»', 'Land Cadastre Research and Production Centre (state enterprise)'),
  },
  employment: {
    id: 'semey-employment',
    kind: 'akimatDepartment',
    departmentKind: 'employment',
    name: L('«Семей қаласының жұмыспен қамту және әлеуметтік бағдарламалар бөлімі» ММ', 'ГУ «Отдел занятости и социальных программ города Семей»', 'Semey City Employment and Social Programmes Department'),
  },
  education: {
    id: 'semey-education',
    kind: 'akimatDepartment',
    departmentKind: 'education',
    name: L('«Семей қаласының білім беру бөлімі» ММ', 'ГУ «Отдел образования города Семей»', 'Semey City Education Department'),
  },
  housing: {
    id: 'semey-housing',
    kind: 'akimatDepartment',
    departmentKind: 'housing',
    name: L('«Семей қаласының ТКШ, жолаушылар көлігі және автомобиль жолдары бөлімі» ММ', 'ГУ «Отдел ЖКХ, пассажирского транспорта и автомобильных дорог города Семей»', 'Semey City Housing, Passenger Transport and Roads Department'),
  },
  archive: {
    id: 'pavlodar-archives',
    kind: 'archive',
    departmentKind: 'stateArchive',
    name: L('Павлодар облысының мұрағаттар басқармасы және мемлекеттік мұрағаттар', 'Управление архивов Павлодарской области и государственные архивы', 'Pavlodar Region Archives Department and state archives'),
  },
} satisfies Record<string, Provider>

// ── Per-step limits (§2.6): SLA hints, logged not enforced (G29) ────────────────────────────────────────────
const step = (id: string, seconds: number, kk: string, ru: string, en: string): StepLimit => ({ id, seconds, name: L(kk, ru, en) })
export const TSON_STEPS: StepLimit[] = [
  step('login', 60, 'Жүйеге кіру', 'Вход в систему', 'Sign-in'),
  step('select-service', 30, 'Қызметті таңдау, деректерді енгізу', 'Выбор услуги, ввод данных', 'Choose the service, enter data'),
  step('identity-lookup', 90, 'ЖТ/ЗТ МДҚ және БНАЖ сұрау', 'Запрос в ГБД ФЛ/ЮЛ и ЕНИС', 'ГБД ФЛ/ЮЛ and ЕНИС lookup'),
  step('fill-scan-sign', 60, 'Толтыру, сканерлеу, қол қою', 'Заполнение, сканирование, подпись', 'Fill in, scan, sign'),
  step('send', 60, 'Қол қойылған құжатты жіберу', 'Отправка подписанного документа', 'Send the signed document'),
  step('register', 60, 'Тіркеу және нөмір беру', 'Регистрация и присвоение номера', 'Register and number'),
  step('refusal', 60, 'Дәлелді бас тарту', 'Мотивированный отказ', 'Reasoned refusal'),
]
export const PROVIDER_STEPS: StepLimit[] = [
  step('login', 15, 'Жүйеге кіру', 'Вход в систему', 'Sign-in'),
  step('select-service', 10, 'Қызметті таңдау, деректерді енгізу', 'Выбор услуги, ввод данных', 'Choose the service, enter data'),
  step('identity-lookup', 90, 'ЖТ МДҚ сұрау', 'Запрос в ГБД ФЛ', 'ГБД ФЛ lookup'),
  step('fill-scan-sign', 15, 'Толтыру, сканерлеу, қол қою', 'Заполнение, сканирование, подпись', 'Fill in, scan, sign'),
  step('register', 90, 'Тіркеу және нөмір беру', 'Регистрация и присвоение номера', 'Register and number'),
  step('refusal', 90, 'Дәлелді бас тарту', 'Мотивированный отказ', 'Reasoned refusal'),
]

// ── Common select options ────────────────────────────────────────────────────────────────────────────────────
export const REGIONS: SelectOption[] = [
  opt('astana', 'Астана қаласы', 'город Астана', 'Astana city'),
  opt('almaty-city', 'Алматы қаласы', 'город Алматы', 'Almaty city'),
  opt('shymkent', 'Шымкент қаласы', 'город Шымкент', 'Shymkent city'),
  opt('abai', 'Абай облысы', 'Абайская область', 'Abai region'),
  opt('akmola', 'Ақмола облысы', 'Акмолинская область', 'Akmola region'),
  opt('aktobe', 'Ақтөбе облысы', 'Актюбинская область', 'Aktobe region'),
  opt('almaty', 'Алматы облысы', 'Алматинская область', 'Almaty region'),
  opt('atyrau', 'Атырау облысы', 'Атырауская область', 'Atyrau region'),
  opt('east-kz', 'Шығыс Қазақстан облысы', 'Восточно-Казахстанская область', 'East Kazakhstan region'),
  opt('zhambyl', 'Жамбыл облысы', 'Жамбылская область', 'Zhambyl region'),
  opt('zhetysu', 'Жетісу облысы', 'Область Жетісу', 'Zhetysu region'),
  opt('west-kz', 'Батыс Қазақстан облысы', 'Западно-Казахстанская область', 'West Kazakhstan region'),
  opt('karaganda', 'Қарағанды облысы', 'Карагандинская область', 'Karaganda region'),
  opt('kostanay', 'Қостанай облысы', 'Костанайская область', 'Kostanay region'),
  opt('kyzylorda', 'Қызылорда облысы', 'Кызылординская область', 'Kyzylorda region'),
  opt('mangystau', 'Маңғыстау облысы', 'Мангистауская область', 'Mangystau region'),
  opt('pavlodar', 'Павлодар облысы', 'Павлодарская область', 'Pavlodar region'),
  opt('north-kz', 'Солтүстік Қазақстан облысы', 'Северо-Казахстанская область', 'North Kazakhstan region'),
  opt('turkistan', 'Түркістан облысы', 'Туркестанская область', 'Turkistan region'),
  opt('ulytau', 'Ұлытау облысы', 'Область Улытау', 'Ulytau region'),
]

export const ID_ISSUERS: SelectOption[] = [
  opt('mvd', 'ҚР ІІМ', 'МВД РК', 'Ministry of Internal Affairs'),
  opt('mju', 'ҚР ӘМ', 'МЮ РК', 'Ministry of Justice'),
]

export const RELATIONS: SelectOption[] = [
  opt('spouse', 'жұбайы', 'супруг(а)', 'spouse'),
  opt('child', 'баласы', 'ребёнок', 'child'),
  opt('parent', 'ата-анасы', 'родитель', 'parent'),
  opt('other', 'басқа туысы', 'другой родственник', 'other relative'),
]

// ── Common input blocks (§4.0) ───────────────────────────────────────────────────────────────────────────────
const isPerson: Condition = { field: 'applicantKind', equals: 'person' }
const isEntity: Condition = { field: 'applicantKind', equals: 'entity' }

/**
 * CB1 consumer identity. Field ids are fixed across services (applicantKind / applicantIin / applicantBin) so the
 * intake maps them to the envelope's `applicant` in one place (applicantOf in catalog/form.ts).
 */
export function consumerBlock(kinds: Array<'person' | 'entity'>, opts: { adultOnly?: boolean; addressRequired?: boolean; emailRequired?: boolean } = {}): FieldDef[] {
  const both = kinds.length === 2
  const personOnly = !both && kinds[0] === 'person'
  const fields: FieldDef[] = []
  if (both) {
    fields.push({
      id: 'applicantKind',
      kind: 'select',
      section: 'consumer',
      label: L('Өтініш беруші', 'Заявитель', 'Applicant'),
      required: true,
      defaultValue: 'person',
      options: [opt('person', 'Жеке тұлға (ЖСН)', 'Физическое лицо (ИИН)', 'Individual (IIN)'), opt('entity', 'Заңды тұлға (БСН)', 'Юридическое лицо (БИН)', 'Legal entity (BIN)')],
    })
  }
  fields.push({
    id: 'applicantIin',
    kind: 'iin',
    section: 'consumer',
    label: L('Өтініш берушінің ЖСН', 'ИИН потребителя', 'Applicant IIN'),
    hint: L('ЖТ МДҚ-дан деректер автоматты түрде толтырылады', 'Данные будут заполнены из ГБД ФЛ', 'Data will be filled in from ГБД ФЛ'),
    required: personOnly ? true : isPerson,
    ...(personOnly ? {} : { visibleWhen: isPerson }),
    ...(opts.adultOnly ? { age: { minYears: 18 } } : {}),
  })
  if (!personOnly) {
    fields.push({
      id: 'applicantBin',
      kind: 'bin',
      section: 'consumer',
      label: L('Өтініш берушінің БСН', 'БИН потребителя', 'Applicant BIN'),
      hint: L('ЗТ МДҚ-дан деректер автоматты түрде толтырылады', 'Данные будут заполнены из ГБД ЮЛ', 'Data will be filled in from ГБД ЮЛ'),
      required: both ? isEntity : true,
      ...(both ? { visibleWhen: isEntity } : {}),
    })
    fields.push({
      id: 'entityName',
      kind: 'text',
      section: 'consumer',
      label: L('Заңды тұлғаның атауы', 'Наименование юридического лица', 'Legal entity name'),
      required: false,
      readOnly: true,
      maxLength: 500,
      prefill: { registry: 'GBD_UL', by: 'applicantBin', path: 'name' },
      ...(both ? { visibleWhen: isEntity } : {}),
    })
  }
  const personVisible = personOnly ? {} : { visibleWhen: isPerson }
  fields.push(
    {
      id: 'applicantFullName',
      kind: 'text',
      section: 'consumer',
      label: L('Тегі, аты, әкесінің аты', 'Фамилия, имя, отчество', 'Full name'),
      required: false,
      readOnly: true,
      maxLength: 255,
      prefill: { registry: 'GBD_FL', by: 'applicantIin', path: 'fullName' },
      ...personVisible,
    },
    {
      id: 'applicantBirthDate',
      kind: 'date',
      section: 'consumer',
      label: L('Туған күні', 'Дата рождения', 'Date of birth'),
      required: false,
      readOnly: true,
      notInFuture: true,
      prefill: { registry: 'GBD_FL', by: 'applicantIin', path: 'birthDate' },
      ...personVisible,
    },
    {
      id: 'applicantAddress',
      kind: 'address',
      section: 'consumer',
      label: L('Мекенжайы', 'Адрес', 'Address'),
      required: opts.addressRequired ?? false,
      maxLength: 500,
      prefill: { registry: 'GBD_FL', by: 'applicantIin', path: 'address' },
    },
    { id: 'phone', kind: 'phone', section: 'consumer', label: L('Телефон', 'Телефон', 'Phone'), required: false },
    { id: 'email', kind: 'email', section: 'consumer', label: L('Электрондық пошта', 'Электронная почта', 'E-mail'), required: opts.emailRequired ?? false },
  )
  return fields
}

const hasRep: Condition = { field: 'hasRepresentative', equals: true }
const notarial: Condition = { field: 'poaMethod', equals: 'notarial' }

/**
 * CB2 representative / POA, ЦОН channel only. Notarised POAs are checked in ЕНИС; for any other POA «данные
 * доверенности не заполняются» and a scan is attached instead (DEFAULT, G7).
 */
export function representativeBlock(): FieldDef[] {
  const ch = { channels: ['tson' as const], section: 'representative' as const }
  return [
    { id: 'hasRepresentative', kind: 'checkbox', ...ch, label: L('Өкіл сенімхат бойынша жүгінді', 'Обращается представитель по доверенности', 'A representative applies under a power of attorney'), required: false },
    { id: 'representativeIin', kind: 'iin', ...ch, label: L('Өкілдің ЖСН', 'ИИН представителя', 'Representative IIN'), required: hasRep, visibleWhen: hasRep },
    {
      id: 'representativeFullName',
      kind: 'text',
      ...ch,
      label: L('Өкілдің Т.А.Ә.', 'ФИО представителя', 'Representative full name'),
      required: false,
      readOnly: true,
      maxLength: 255,
      prefill: { registry: 'GBD_FL', by: 'representativeIin', path: 'fullName' },
      visibleWhen: hasRep,
    },
    {
      id: 'poaMethod',
      kind: 'select',
      ...ch,
      label: L('Сенімхатты куәландыру тәсілі', 'Способ удостоверения доверенности', 'How the power of attorney is certified'),
      required: hasRep,
      visibleWhen: hasRep,
      options: [opt('notarial', 'нотариалды', 'нотариально', 'by a notary'), opt('other', 'өзге', 'иное', 'other')],
    },
    {
      id: 'poaNumber',
      kind: 'text',
      ...ch,
      label: L('Сенімхат нөмірі', 'Номер доверенности', 'Power of attorney number'),
      hint: L('БНАЖ-да тексеріледі', 'Проверяется в ЕНИС', 'Checked in ЕНИС'),
      required: { all: [hasRep, notarial] },
      visibleWhen: { all: [hasRep, notarial] },
      maxLength: 64,
    },
    {
      id: 'poaDate',
      kind: 'date',
      ...ch,
      label: L('Сенімхат күні', 'Дата доверенности', 'Power of attorney date'),
      required: { all: [hasRep, notarial] },
      visibleWhen: { all: [hasRep, notarial] },
      notInFuture: true,
    },
    {
      id: 'notaryIin',
      kind: 'iin',
      ...ch,
      label: L('Нотариустың ЖСН', 'ИИН нотариуса', 'Notary IIN'),
      required: false,
      visibleWhen: { all: [hasRep, notarial] },
    },
  ]
}

// ── Documents ────────────────────────────────────────────────────────────────────────────────────────────────
export const DOC_IDENTITY = (scan: DocumentRequirement['scan'] = 'required'): DocumentRequirement => ({
  id: 'identity-document',
  name: L('Жеке басын куәландыратын құжат', 'Документ, удостоверяющий личность', 'Identity document'),
  scan,
  paperOriginal: true,
  source: 'default',
})
export const DOC_POA: DocumentRequirement = {
  id: 'power-of-attorney',
  name: L('Сенімхат', 'Доверенность', 'Power of attorney'),
  scan: 'conditional',
  requiredWhen: { all: [hasRep, { field: 'poaMethod', equals: 'other' }] },
  paperOriginal: true,
  source: 'default',
}
export const doc = (id: string, kk: string, ru: string, en: string, o: Partial<DocumentRequirement> = {}): DocumentRequirement => ({
  id,
  name: L(kk, ru, en),
  scan: 'required',
  paperOriginal: true,
  source: 'default',
  ...o,
})

// ── Fixed texts (§5) ─────────────────────────────────────────────────────────────────────────────────────────
export const LEGAL_CLAUSE = L(
  'Осы құжат «Электрондық құжат және электрондық цифрлық қолтаңба туралы» Қазақстан Республикасының 2003 жылғы 7 қаңтардағы № 370-II Заңы 7-бабының 1-тармағына сәйкес қағаз тасығыштағы құжатпен бірдей.',
  'Данный документ согласно пункту 1 статьи 7 ЗРК от 7 января 2003 года «Об электронном документе и электронной цифровой подписи» равнозначен документу на бумажном носителе.',
  'Under Article 7(1) of the Law of the Republic of Kazakhstan of 7 January 2003 "On the electronic document and electronic digital signature", this document is equivalent to a paper document.',
)

export const BARCODE_NOTES = {
  IS_ZAGS: L(
    '*штрих-код «АХАЖ» ақпараттық жүйесі алынған және Департаменттің электрондық-цифрлық қолтаңбасымен қол қойылған деректерді ұстайды',
    'штрих-код содержит данные, полученные из ИС «ЗАГС» и подписанные электронно-цифровой подписью соответствующего Департамента',
    '*the barcode holds data from the civil registry IS signed with the digital signature of the Department',
  ),
  GBD_RN: L(
    '* штрих-код ЖМТ МДҚ ақпараттық жүйесінен алынған және әділет департаментінің электрондық-цифрлық қолтаңбасымен қол қойылған деректерді қамтиды',
    '* штрих-код содержит данные, полученные из ГБД РН и подписанные электронно-цифровой подписью соответствующего Департамента юстиции',
    '* the barcode holds data from the Real Estate Register signed with the digital signature of the Justice Department',
  ),
  GBD_UL: L(
    '*штрих-код ЗТ МДҚ алынған және Департаменттің электрондық-цифрлық қолтаңбасымен қол қойылған деректерді ұстайды',
    'штрих-код содержит данные, полученные из ГБД ЮЛ и подписанные электронно-цифровой подписью соответствующего Департамента',
    '*the barcode holds data from the Legal Entities DB signed with the digital signature of the Department',
  ),
  AIS_GZK: L(
    '*штрих-код МЗК ААЖ-не алынған деректерді қамтиды және ҚР ЖРБА электрондық цифрлық қолтаңбасымен қол қойылған',
    '*штрих-код содержит данные полученные из АИС ГЗК и подписанные электронно-цифровой подписью АУЗР РК',
    '*the barcode holds data from the Land Cadastre IS signed with the digital signature of the Land Resources Agency',
  ),
  E_AKIMAT: L(
    '*Штрих-код «Электрондық әкімдік» ақпараттық жүйесі ұсынған және электрондық-цифрлық қолтаңбамен қол қойылған деректерді қамтиды {signingUnit} ({region}).',
    'Штрих-код содержит данные, предоставленные информационной системой «Электронный акимат» и подписанные электронно-цифровой подписью {signingUnit} ({region}).',
    'The barcode holds data provided by the "Electronic akimat" IS and signed with the digital signature of {signingUnit} ({region}).',
  ),
} as const

export const APPEAL_SENTENCE = L(
  'Осы шешіммен келіспеген жағдайда, Сіз оған заңнамада белгіленген тәртіппен шағым жасауға құқылысыз.',
  'В случае несогласия с данным решением, Вы вправе обжаловать его в порядке, установленном законодательством.',
  'If you disagree with this decision, you may appeal it in the manner established by law.',
)

// ── Messages (§2.7): codes DEFAULT, RU literal ───────────────────────────────────────────────────────────────
export const M = {
  M1: (): RefusalGround => ({
    code: 'M1',
    stage: 'rejected',
    text: L(
      'Тұтынушының деректеріндегі бұзушылықтарға байланысты авторизациядан бас тарту туралы хабарлама',
      '…сообщения об отказе в авторизации в связи с имеющимися нарушениями в данных потребителя',
      'Authorisation refused because of irregularities in the consumer’s data',
    ),
  }),
  M2: (): RefusalGround => ({
    code: 'M2',
    stage: 'rejected',
    text: L(
      'Тұтынушының ЭЦҚ түпнұсқалығы расталмауына байланысты сұралған қызметтен бас тарту туралы хабарлама',
      '…об отказе в запрашиваемой электронной государственной услуге в связи с не подтверждением подлинности ЭЦП потребителя',
      'Service refused because the authenticity of the digital signature was not confirmed',
    ),
  }),
  M3: (): RefusalGround => ({
    code: 'M3',
    stage: 'rejected',
    text: L(
      'ЖТ МДҚ-да (немесе ЗТ МДҚ-да) тұтынушының деректері, БНАЖ-да сенімхат деректері болмауына байланысты деректерді алу мүмкін еместігі туралы хабарлама',
      '…о невозможности получения данных в связи с отсутствием данных потребителя в ГБД ФЛ [или ГБД ЮЛ], данных доверенности в ЕНИС',
      'Data cannot be obtained: the consumer is not in ГБД ФЛ (or ГБД ЮЛ), or the power of attorney is not in ЕНИС',
    ),
  }),
  M4: (): RefusalGround => ({
    code: 'M4',
    stage: 'refused',
    text: L(
      'Тұтынушының құжаттарындағы бұзушылықтарға байланысты сұралған қызметтен бас тарту туралы хабарлама',
      '…об отказе в запрашиваемой услуге в связи с имеющимися нарушениями в документах потребителя',
      'Service refused because of irregularities in the consumer’s documents',
    ),
  }),
  M5: (registry: string, registryKk: string): RefusalGround => ({
    code: 'M5',
    stage: 'refused',
    text: L(
      `${registryKk}-да сұралған деректердің болмауына байланысты сұралған қызметтен бас тарту туралы хабарлама`,
      `…об отказе в запрашиваемой услуге, в связи с отсутствием запрошенных данных в ${registry}`,
      `Service refused: the requested data are absent in ${registry}`,
    ),
  }),
  M6: (): RefusalGround => ({
    code: 'M6',
    stage: 'refused',
    text: L(
      'Некені тіркеуден бас тартуға негіз болатын фактілер анықталған жағдайда берілетін хабарлама',
      '…в случае выявления фактов, в связи с которыми может быть отказано в регистрации заключения брака',
      'Facts were found on which registration of the marriage may be refused',
    ),
  }),
  M7: (): RefusalGround => ({
    code: 'M7',
    stage: 'refused',
    text: L(
      'Бас тарту себебі: жазба Қорғаншылық және қамқоршылық жөніндегі электрондық тізілімде табылмады.',
      'Причина отказа: запись не найдена в Электронном реестре по опеке и попечительству.',
      'Reason for refusal: no record was found in the Electronic guardianship register.',
    ),
  }),
  OTHER: (): RefusalGround => ({
    code: 'OTHER',
    stage: 'refused',
    text: L('Өзге себеп (мәтінмен көрсетіледі)', 'Иная причина (указывается текстом)', 'Other reason (stated in text)'),
  }),
}

/** §5.6 generic refusal notice, reused where a service has no template of its own (G18). */
export function genericRefusal(subject: Localized, signingBody: Localized, id = 'refusal-notice'): DocumentTemplate {
  // The subject continues a sentence («…беруден бас тартылды»); as the title's first word it starts with a capital.
  const kkTitle = subject.kk.charAt(0).toLocaleUpperCase('kk') + subject.kk.slice(1)
  return {
    id,
    header: 'b',
    title: L(`${kkTitle} беруден бас тарту туралы № {noticeNo} хабарлама`, `Уведомление № {noticeNo} об отказе в выдаче ${subject.ru}`, `Notice No. {noticeNo} of refusal to issue ${subject.en}`),
    lines: [
      L('20{yy} жылғы «{dd}» {month}', 'от «{dd}» {month} 20{yy} года', 'dated {dd} {month} 20{yy}'),
      L('Өтініш берушіге', 'Заявителю', 'To the applicant'),
      L('{applicantNameOrFio}', '{applicantNameOrFio}', '{applicantNameOrFio}'),
      L(`${subject.kk} беруден мына себептерге байланысты бас тартылды:`, `отказано в выдаче ${subject.ru} в связи:`, `issuing ${subject.en} is refused because of:`),
      L('{reason}', '{reason}', '{reason}'),
      L(`Хабарлама ${signingBody.kk} ЭЦҚ-мен куәландырылған`, `Уведомление удостоверено ЭЦП ${signingBody.ru}`, `The notice is certified by the digital signature of ${signingBody.en}`),
      APPEAL_SENTENCE,
    ],
    placeholders: ['noticeNo', 'dd', 'month', 'yy', 'applicantNameOrFio', 'reason'],
    legalClause: true,
    signer: signingBody,
  }
}

/** Free-form refusal letter of the akimat services (002): «…в произвольной форме в виде письма с текстом обоснования отказа». */
export function akimatRefusalLetter(subject: Localized, head: Localized): DocumentTemplate {
  return {
    id: 'refusal-letter',
    header: 'c',
    title: L('Бас тарту туралы хат', 'Письмо об отказе', 'Refusal letter'),
    lines: [
      L('Кімге: {fio} (алушының Т.А.Ә.)', 'Кому: {fio} (ФИО получателя)', 'To: {fio} (recipient’s full name)'),
      L(`Сізге ${subject.kk} беруден бас тартылғанын хабарлаймыз.`, `Доводим до Вашего сведения, что Вам отказано в предоставлении ${subject.ru}.`, `We inform you that ${subject.en} has been refused.`),
      L('Бас тарту себебі: {reason}', 'Причина отказа: {reason}', 'Reason for refusal: {reason}'),
      APPEAL_SENTENCE,
      L(`${head.kk}: {headFio} (Т.А.Ә.)`, `${head.ru}: {headFio} (ФИО)`, `${head.en}: {headFio}`),
    ],
    placeholders: ['fio', 'reason', 'headFio', 'signingUnit', 'region'],
    barcode: 'E_AKIMAT',
    legalClause: true,
    signer: head,
  }
}

export const HEAD_OF_DEPARTMENT = L('Бөлім басшысы', 'Начальник отдела', 'Head of department')

export type ServiceDraft = ServiceDefinition
