/** Akimat family (CATALOG §4.5): АРМ РШЭП / «Электронный акимат», pattern B with media breaks (scans). */
import {
  akimatRefusalLetter,
  consumerBlock,
  doc,
  DOC_IDENTITY,
  DOC_POA,
  HEAD_OF_DEPARTMENT,
  ID_ISSUERS,
  L,
  M,
  opt,
  PROVIDER_STEPS,
  PROVIDERS,
  RELATIONS,
  representativeBlock,
  TSON_STEPS,
} from '../common'
import type { Condition, DocumentTemplate, FieldDef, Localized, ServiceDefinition, ServiceTerms } from '../types'

/** G1: the akimat terms are n/s; 5 working days is the catalogue's placeholder. */
const akimatTerms = (extendable: boolean, extra: Partial<ServiceTerms> = {}): ServiceTerms => ({
  regulated: { amount: 5, unit: 'workingDays' },
  source: 'default',
  extendable,
  steps: { tson: TSON_STEPS, provider: PROVIDER_STEPS },
  ...extra,
})

const validityMonth = {
  amount: 1,
  unit: 'months' as const,
  text: L('Анықтама берілген күнінен бастап 1 (бір) ай ішінде жарамды.', 'Справка действительна в течение 1 (одного) месяца со дня выдачи.', 'The certificate is valid for 1 (one) month from the date of issue.'),
}

const EDU_HEAD = L('Семей қаласы білім беру бөлімінің басшысы', 'Начальник отдела образования города Семей', 'Head of the Semey City Education Department')

const addressee = (defaultValue: string, label: Localized): FieldDef => ({
  id: 'addressee',
  kind: 'text',
  section: 'service',
  label,
  required: true,
  maxLength: 255,
  defaultValue,
  prefill: { registry: 'directory', path: 'departmentHead' },
})

const idCardFields = (prefix = ''): FieldDef[] => [
  { id: `${prefix}idNumber`, kind: 'idDocumentNumber', section: 'consumer', label: L('Жеке куәлік нөмірі', '№ удостоверения личности', 'ID card number'), required: true },
  { id: `${prefix}idIssuer`, kind: 'select', section: 'consumer', label: L('Кім берген', 'Кем выдано', 'Issued by'), required: true, options: ID_ISSUERS },
  { id: `${prefix}idIssueDate`, kind: 'date', section: 'consumer', label: L('Берілген күні', 'Дата выдачи', 'Date of issue'), required: true, notInFuture: true, minDate: '1991-12-16' },
]

function parentFields(): FieldDef[] {
  const p = (who: 'father' | 'mother', kk: string, ru: string, en: string): FieldDef[] => [
    { id: `${who}FullName`, kind: 'text', section: 'service', label: L(`${kk} Т.А.Ә.`, `${ru}: Ф.И.О.`, `${en}: full name`), required: false, maxLength: 255 },
    { id: `${who}IdNumber`, kind: 'idDocumentNumber', section: 'service', label: L(`${kk} жеке куәлігінің нөмірі`, `${ru}: № удостоверения личности`, `${en}: ID card number`), required: { field: `${who}FullName`, empty: false } },
    { id: `${who}IdIssuer`, kind: 'select', section: 'service', label: L(`${kk} куәлігін кім берген`, `${ru}: кем выдано`, `${en}: issued by`), required: { field: `${who}FullName`, empty: false }, options: ID_ISSUERS },
    { id: `${who}IdIssueDate`, kind: 'date', section: 'service', label: L(`${kk} куәлігі берілген күн`, `${ru}: когда выдано`, `${en}: date of issue`), required: { field: `${who}FullName`, empty: false }, notInFuture: true },
  ]
  return [...p('father', 'Әкесінің', 'Сведения об отце', 'Father'), ...p('mother', 'Анасының', 'Сведения о матери', 'Mother')]
}

const childrenList = (): FieldDef => ({
  id: 'children',
  kind: 'list',
  section: 'service',
  label: L('Кәмелетке толмаған балалар', 'Несовершеннолетние дети', 'Minor children'),
  hint: L('10 жастан асқан балалар келісімге қол қояды', 'Дети старше 10 лет расписываются, пишут слово «согласны»', 'Children over 10 sign their consent'),
  required: true,
  minItems: 1,
  maxItems: 10,
  item: [
    { id: 'iin', kind: 'iin', section: 'service', label: L('Баланың ЖСН', 'ИИН ребёнка', 'Child’s IIN'), required: true, age: { maxYearsExclusive: 18 } },
    { id: 'fullName', kind: 'text', section: 'service', label: L('Баланың Т.А.Ә.', 'ФИО ребёнка', 'Child’s full name'), required: true, maxLength: 255 },
    { id: 'birthYear', kind: 'year', section: 'service', label: L('Туған жылы', 'Год рождения', 'Year of birth'), required: true, min: 1990, max: 'current' },
    { id: 'birthCertificateNo', kind: 'text', section: 'service', label: L('Туу туралы куәлік №', '№ свидетельства о рождении', 'Birth certificate No.'), required: true, maxLength: 30 },
  ],
})

// The unique number, issue date (§5.1) and barcode note (§5.3) are printed by the document layout, not as body lines.
function akimatTemplate(t: Omit<DocumentTemplate, 'header' | 'barcode' | 'legalClause'>): DocumentTemplate {
  return {
    header: 'c',
    barcode: 'E_AKIMAT',
    legalClause: true,
    ...t,
    lines: t.lines,
    placeholders: ['uniqueNo', 'issueDate', ...t.placeholders, 'signingUnit', 'region'],
  }
}

// ── 002 S1 ─────────────────────────────────────────────────────────────────────────────────────────────────────
export const akimatUnemployedCertificate: ServiceDefinition = {
  id: 'akimat.unemployed-certificate',
  source: '002 S1',
  name: L('Жұмыссыз азаматтарға анықтамалар беру', 'Выдача справок безработным гражданам', 'Certificate for unemployed citizens'),
  shortName: L('Жұмыссыз ретінде тіркеу туралы анықтама', 'Справка безработного', 'Unemployment certificate'),
  kkProvisional: true,
  provider: PROVIDERS.employment,
  registries: ['E_AKIMAT', 'GBD_FL'],
  pattern: 'B',
  automation: 'part',
  interaction: ['T'],
  channels: { tson: true, provider: true, portal: true, representative: false },
  applicantKinds: ['person'],
  fee: { kind: 'none' },
  terms: akimatTerms(false),
  documents: [DOC_IDENTITY(), doc('employment-record', 'Еңбек кітапшасы немесе еңбек қызметін растайтын құжат', 'Трудовая книжка или документ, подтверждающий трудовую деятельность', 'Employment record book or proof of employment', { scan: 'optional' })],
  fields: [
    addressee('', L('«Жұмыспен қамту және әлеуметтік бағдарламалар бөлімі» ММ басшысы', 'Начальник ГУ «Отдел занятости и социальных программ»', 'Head of the Employment and Social Programmes Department')),
    ...consumerBlock(['person'], { addressRequired: true }),
    { id: 'yearFrom', kind: 'year', section: 'service', label: L('Кезең басы (жыл)', 'Период с (год)', 'Period from (year)'), required: true, min: 1991, max: 'current' },
    { id: 'yearTo', kind: 'year', section: 'service', label: L('Кезең соңы (жыл)', 'Период по (год)', 'Period to (year)'), required: true, min: 1991, max: 'current' },
    { id: 'purpose', kind: 'text', section: 'service', label: L('Анықтама ұсыну орны', 'Справка дана для предъявления', 'Where the certificate is to be presented'), required: false, maxLength: 255 },
  ],
  rules: [{ kind: 'ordered', from: 'yearFrom', to: 'yearTo', code: 'DATE_RANGE_ORDER' }],
  lifeSituations: [
    L('Жұмыстан айырылу', 'Потеря работы', 'Losing a job'),
    L('Әлеуметтік көмек алу', 'Получение социальной помощи', 'Applying for social support'),
  ],
  keywords: { kk: ['жұмыссыз', 'жұмыссыздық', 'жұмыспен қамту', 'анықтама', 'жұмыс'], ru: ['безработный', 'безработица', 'занятость', 'биржа труда', 'справка', 'работа'] },
  result: [
    akimatTemplate({
      id: 'unemployed-certificate',
      title: L('ЖҰМЫССЫЗ РЕТІНДЕ ТІРКЕУ ТУРАЛЫ АНЫҚТАМА', 'СПРАВКА О РЕГИСТРАЦИИ В КАЧЕСТВЕ БЕЗРАБОТНОГО', 'CERTIFICATE OF REGISTRATION AS UNEMPLOYED'),
      lines: [
        L('Т.А.Ә. {fio}', 'Ф.И.О. {fio}', 'Full name: {fio}'),
        L('«Халықты жұмыспен қамту туралы» Қазақстан Республикасы Заңының 15-бабына сәйкес жұмыссыз ретінде тіркелген: {registrationDate}', 'В соответствии со ст.15 Закона Республики Казахстан "О занятости населения" зарегистрирован безработным: {registrationDate}', 'Registered as unemployed under Article 15 of the Law "On employment": {registrationDate}'),
        L('Қоғамдық, әлеуметтік жұмыстарға қатысуы: {publicWorks}', 'Участие в общественных, социальных работах: {publicWorks}', 'Public and social works: {publicWorks}'),
        L('Кәсіби даярлаудан, біліктілігін арттыру және қайта даярлаудан, жастар практикасынан өтті: {training}', 'Прошел профессиональную подготовку, повышение квалификации и переподготовку, молодежную практику: {training}', 'Vocational training, upskilling, retraining, youth internship: {training}'),
        L('Атаулы әлеуметтік көмек, тұрғын үй көмегі тағайындалды: {socialAid}', 'Назначена(а) адресная социальная помощь, жилищная помощь:{socialAid}', 'Targeted social aid, housing aid granted: {socialAid}'),
        L('Анықтама {purpose} ұсыну үшін берілген', 'Справка дана для предъявления: {purpose}', 'Issued for presentation to: {purpose}'),
        L('Штрих-код коды: {barcodeCode}', 'Код штрих-кода: {barcodeCode}', 'Barcode code: {barcodeCode}'),
      ],
      placeholders: ['fio', 'registrationDate', 'publicWorks', 'training', 'socialAid', 'purpose', 'barcodeCode'],
      signer: L('Қызмет берушінің (ЖАО) уәкілетті тұлғасының ЭЦҚ', 'ЭЦП уполномоченного лица услугодателя (МИО)', 'Digital signature of the provider’s authorised official'),
    }),
  ],
  refusal: { grounds: [M.M2(), M.M3(), M.M4(), M.OTHER()], template: akimatRefusalLetter(L('жұмыссыз анықтамасын', 'справки безработного', 'an unemployment certificate'), HEAD_OF_DEPARTMENT) },
}

// ── 002 S2 ─────────────────────────────────────────────────────────────────────────────────────────────────────
export const akimatDisabledChildHomeSupport: ServiceDefinition = {
  id: 'akimat.disabled-child-home-support',
  source: '002 S2',
  name: L(
    'Үйде оқитын және тәрбиеленетін мүгедек балаларды материалдық қамтамасыз ету үшін құжаттарды ресімдеу',
    'Оформление документов для материального обеспечения детей-инвалидов, обучающихся и воспитывающихся на дому',
    'Material support for disabled children educated and raised at home',
  ),
  shortName: L('Мүгедек балаға материалдық қамсыздандыру', 'Материальное обеспечение ребёнка-инвалида', 'Support for a disabled child at home'),
  kkProvisional: true,
  provider: PROVIDERS.employment,
  registries: ['E_AKIMAT', 'GBD_FL'],
  pattern: 'B',
  automation: 'part',
  interaction: ['T'],
  channels: { tson: false, provider: true, portal: true, representative: false },
  applicantKinds: ['person'],
  fee: { kind: 'none' },
  terms: akimatTerms(true),
  documents: [
    DOC_IDENTITY(),
    doc('child-birth-certificate', 'Баланың туу туралы куәлігінің электрондық көшірмесі', 'Электронная копия свидетельства о рождении ребенка', 'E-copy of the child’s birth certificate', { source: 'spec' }),
    doc('residence-record', 'Азаматтарды тіркеу кітабының не мекенжай бюросы анықтамасының электрондық көшірмесі', 'Электронная копия книги регистрации граждан, либо справки адресного бюро', 'E-copy of the residents’ register or an address bureau certificate', { source: 'spec' }),
    doc('pmpk-conclusion', 'Психологиялық-педагогикалық консультация қорытындысының электрондық көшірмесі', 'Электронная копия заключения психолого-педагогической консультации', 'E-copy of the psychological and pedagogical consultation report', { source: 'spec' }),
    doc('disability-certificate', 'Мүгедектік туралы анықтаманың электрондық көшірмесі', 'Электронная копия справки об инвалидности', 'E-copy of the disability certificate', { source: 'spec' }),
    doc('bank-account', 'Банктегі шоттың бар екендігі туралы құжаттың электрондық көшірмесі', 'Электронная копия документа о наличии счета в банке', 'E-copy of a document proving a bank account', { source: 'spec' }),
  ],
  fields: [
    addressee('', L('Жұмыспен қамту және әлеуметтік бағдарламалар бөлімінің басшысы', 'Начальник отдела занятости и социальных программ', 'Head of the Employment and Social Programmes Department')),
    ...consumerBlock(['person'], { addressRequired: true }),
    ...idCardFields(),
    { id: 'rnn', kind: 'text', section: 'consumer', label: L('СТН', 'РНН', 'Taxpayer number (RNN)'), required: false, maxLength: 12, pattern: '^\\d{12}$', patternCode: 'FIELD_FORMAT' },
    { id: 'sik', kind: 'text', section: 'consumer', label: L('ӘЖК', 'СИК', 'Social code (SIK)'), required: false, maxLength: 16 },
    { id: 'childIin', kind: 'iin', section: 'service', label: L('Баланың ЖСН', 'ИИН ребёнка', 'Child’s IIN'), required: true, age: { maxYearsExclusive: 18 } },
    { id: 'childFullName', kind: 'text', section: 'service', label: L('Баланың Т.А.Ә.', 'ФИО ребенка', 'Child’s full name'), required: false, readOnly: true, maxLength: 255, prefill: { registry: 'GBD_FL', by: 'childIin', path: 'fullName' } },
    { id: 'childBirthDate', kind: 'date', section: 'service', label: L('Баланың туған күні', 'Дата рождения ребенка', 'Child’s date of birth'), required: false, readOnly: true, notInFuture: true, prefill: { registry: 'GBD_FL', by: 'childIin', path: 'birthDate' } },
    { id: 'bankAccount', kind: 'text', section: 'service', label: L('Дербес шот нөмірі (IBAN)', '№ лицевого счета (IBAN)', 'Account number (IBAN)'), required: true, maxLength: 20, minLength: 20, pattern: '^KZ\\d{2}[0-9A-Z]{16}$', patternCode: 'FIELD_FORMAT' },
    { id: 'bankName', kind: 'text', section: 'service', label: L('Банктің атауы', 'Наименование банка', 'Bank name'), required: true, maxLength: 255 },
  ],
  rules: [],
  lifeSituations: [
    L('Мүгедек бала', 'Ребёнок с инвалидностью', 'A child with a disability'),
    L('Әлеуметтік көмек алу', 'Получение социальной помощи', 'Applying for social support'),
  ],
  keywords: { kk: ['мүгедек', 'мүгедектік', 'бала', 'үйде оқыту', 'материалдық көмек', 'жәрдемақы'], ru: ['инвалид', 'инвалидность', 'ребенок-инвалид', 'обучение на дому', 'материальное обеспечение', 'пособие'] },
  result: [
    akimatTemplate({
      id: 'support-granted-notice',
      title: L('Материалдық қамсыздандыру тағайындау туралы хабарлама', 'Уведомление о назначении материального обеспечения', 'Notice of material support granted'),
      lines: [
        L('Өтініш беруші: {fio}', 'Заявитель: {fio}', 'Applicant: {fio}'),
        L('Мекенжайы: {address}', 'Адрес: {address}', 'Address: {address}'),
        L('Құрметті {fio}, Сіздің үйде оқитын және тәрбиеленетін мүгедек балаңызға {childFio} {from} бастап {to} дейінгі кезеңге {amount} мөлшерінде материалдық қамсыздандыру тағайындалғанын хабарлаймыз', 'Уважаемый (ая) {fio} уведомляем Вас о назначении материального обеспечения Вашему ребенку-инвалиду {childFio} (ФИО ребенка), обучающемуся и воспитывающемуся на дому в размере {amount} на период с {from} по {to}', 'Dear {fio}, material support of {amount} is granted to your disabled child {childFio}, educated and raised at home, for {from} to {to}'),
        L('№ | Тоқсан | Жыл | Төлем сомасы', '№ | Квартал | Год | Сумма выплаты', 'No. | Quarter | Year | Amount'),
        L('{payments}', '{payments}', '{payments}'),
        L('Материалдық қамсыздандыруды алу үшін жұмыспен қамту және әлеуметтік бағдарламалар бөліміне жүгіну қажет.', 'Информируем Вас о том, что для получения материального обеспечения Вам необходимо обратиться в отдел занятости и социальных программ.', 'To receive the support, please contact the Employment and Social Programmes Department.'),
        L('Маман {specialistFio}', 'Специалист {specialistFio}', 'Specialist {specialistFio}'),
        L('Бөлім басшысы {headFio}', 'Начальник отдела {headFio}', 'Head of department {headFio}'),
      ],
      placeholders: ['fio', 'address', 'childFio', 'amount', 'from', 'to', 'payments', 'specialistFio', 'headFio'],
      signer: HEAD_OF_DEPARTMENT,
    }),
  ],
  refusal: { grounds: [M.M2(), M.M3(), M.M4(), M.OTHER()], template: akimatRefusalLetter(L('материалдық қамсыздандыруды', 'материального обеспечения (по заключению комиссии)', 'material support'), HEAD_OF_DEPARTMENT) },
}

// ── 002 S3 ─────────────────────────────────────────────────────────────────────────────────────────────────────
const privileged: Condition = { field: 'privilegedCategory', notEquals: 'none' }
export const akimatPreschoolQueue: ServiceDefinition = {
  id: 'akimat.preschool-queue',
  source: '002 S3',
  name: L(
    'Мектепке дейінгі (7 жасқа дейінгі) балаларды мектепке дейінгі ұйымдарға жолдама беру үшін кезекке қою',
    'Постановка на очередь детей дошкольного возраста (до 7 лет) для направления в детские дошкольные организации',
    'Kindergarten queue for children under 7',
  ),
  shortName: L('Балабақша кезегі', 'Очередь в детский сад', 'Kindergarten queue'),
  kkProvisional: true,
  provider: PROVIDERS.education,
  registries: ['E_AKIMAT', 'GBD_FL', 'ENIS'],
  pattern: 'B',
  automation: 'part',
  interaction: ['T'],
  channels: { tson: true, provider: true, portal: true, representative: true },
  applicantKinds: ['person'],
  fee: { kind: 'none' },
  terms: akimatTerms(false, {
    resultValidity: {
      amount: 5,
      unit: 'calendarDays',
      text: L('Жолдама берілген күнінен бастап бес күн ішінде мектепке дейінгі ұйымға ұсынылуы тиіс.', 'Направление должно быть предоставлено в дошкольную организацию в течение пяти дней со дня его выдачи.', 'The referral must be presented to the kindergarten within five days of issue.'),
    },
  }),
  documents: [
    DOC_IDENTITY(),
    doc('child-birth-certificate', 'Баланың туу туралы куәлігі', 'Свидетельство о рождении ребёнка', 'Child’s birth certificate'),
    doc('privilege-document', 'Жеңілдікті растайтын құжат', 'Документ, подтверждающий льготу', 'Document proving the privilege', { scan: 'conditional', requiredWhen: privileged }),
    DOC_POA,
  ],
  fields: [
    ...consumerBlock(['person'], { addressRequired: true }),
    ...representativeBlock(),
    { id: 'childIin', kind: 'iin', section: 'service', label: L('Баланың ЖСН', 'ИИН ребёнка', 'Child’s IIN'), required: true, age: { maxYearsExclusive: 7 } },
    { id: 'childFullName', kind: 'text', section: 'service', label: L('Баланың Т.А.Ә.', 'ФИО ребёнка', 'Child’s full name'), required: false, readOnly: true, maxLength: 255, prefill: { registry: 'GBD_FL', by: 'childIin', path: 'fullName' } },
    { id: 'childBirthDate', kind: 'date', section: 'service', label: L('Баланың туған күні', 'Дата рождения ребёнка', 'Child’s date of birth'), required: false, readOnly: true, notInFuture: true, age: { maxYearsExclusive: 7 }, prefill: { registry: 'GBD_FL', by: 'childIin', path: 'birthDate' } },
    { id: 'preferredKindergarten', kind: 'text', section: 'service', label: L('Қалаған мектепке дейінгі ұйым', 'Желаемая дошкольная организация', 'Preferred kindergarten'), required: false, maxLength: 255 },
    {
      id: 'privilegedCategory',
      kind: 'select',
      section: 'service',
      label: L('Жеңілдік санаты', 'Льготная категория', 'Privileged category'),
      required: true,
      defaultValue: 'none',
      options: [
        opt('none', 'жоқ', 'нет', 'none'),
        opt('large-family', 'көп балалы отбасы', 'многодетная семья', 'large family'),
        opt('disabled-parent', 'мүгедек ата-ана', 'родитель с инвалидностью', 'parent with a disability'),
        opt('orphan', 'жетім немесе ата-ана қамқорлығынсыз қалған бала', 'сирота или ребёнок без попечения родителей', 'orphan or child without parental care'),
        opt('military', 'әскери қызметшілердің отбасы', 'семья военнослужащего', 'military family'),
      ],
    },
  ],
  rules: [],
  lifeSituations: [L('Бала туылды', 'Рождение ребёнка', 'Birth of a child'), L('Балабақшаға бару', 'Поступление в детский сад', 'Starting kindergarten')],
  keywords: { kk: ['балабақша', 'мектепке дейінгі', 'кезек', 'бала', 'жолдама', 'МДҰ'], ru: ['детский сад', 'садик', 'ДДО', 'очередь', 'дошкольная', 'направление', 'ребенок'] },
  result: [
    akimatTemplate({
      id: 'referral',
      title: L('ЖОЛДАМА № {refNo}', 'НАПРАВЛЕНИЕ № {refNo}', 'REFERRAL No. {refNo}'),
      lines: [
        L('Семей қаласының білім беру бөлімі', 'Отдел образования города Семей', 'Semey City Education Department'),
        L('Баланы мектепке дейінгі ұйымға қабылдау үшін', 'Для зачисления ребенка в дошкольную организацию', 'For enrolling the child in a kindergarten'),
        L('Семей қаласының білім беру бөлімі {city} қаласы (кенті), {street} к-сі мекенжайында орналасқан № {ddoNo} мектепке дейінгі ұйымға жолдайды', 'Отдел образования города Семей направляет в дошкольную организацию № {ddoNo}, расположенную по адресу: город (поселок) {city}, ул. {street}', 'The Semey City Education Department refers the child to kindergarten No. {ddoNo} at {street}, {city}'),
        L('Баланың тегі, аты, әкесінің аты: {childFio}', 'Фамилия, имя, отчество ребенка: {childFio}', 'Child’s full name: {childFio}'),
        L('Туған күні: {childDob}', 'Дата рождения: {childDob}', 'Date of birth: {childDob}'),
        L('Баланың үй мекенжайы: {address}', 'Домашний адрес ребенка: {address}', 'Child’s home address: {address}'),
        L('Жолдама берілген күнінен бастап бес күн ішінде мектепке дейінгі ұйымға ұсынылуы тиіс.', 'Направление должно быть предоставлено в дошкольную организацию в течение пяти дней со дня его выдачи.', 'The referral must be presented to the kindergarten within five days of issue.'),
        L('Жолдама {yyyy} ж. «{dd}» {mm} берілді', 'Направление выдано «{dd}» {mm}. {yyyy} г.', 'Referral issued on {dd}.{mm}.{yyyy}'),
        L('Семей қаласы білім беру бөлімінің басшысы {fio}', 'Начальник отдела образования города Семей {fio} (ФИО, подпись, печать)', 'Head of the Semey City Education Department {fio}'),
      ],
      placeholders: ['refNo', 'ddoNo', 'city', 'street', 'childFio', 'childDob', 'address', 'dd', 'mm', 'yyyy', 'fio'],
      signer: EDU_HEAD,
    }),
    akimatTemplate({
      id: 'queue-notice',
      title: L('Баланы тіркеу туралы хабарлама', 'Уведомление о регистрации ребенка', 'Notice of the child’s registration'),
      lines: [
        L('Осы хабарлама {parentFio} (ата-анасының Т.А.Ә.) берілді', 'Настоящее уведомление выдано {parentFio} (ФИО родителя)', 'This notice is issued to {parentFio} (parent)'),
        L('{childFio} (баланың Т.А.Ә.)', 'в том, что {childFio} (ФИО ребенка)', 'confirming that {childFio} (child)'),
        L('20{yy} жылғы «{dd}» {mm} № {queueNo} бойынша «Мектепке дейінгі ұйымдарға жолдау үшін мектеп жасына дейінгі балаларды тіркеу журналында» кезекке қойылды.', 'поставлен (а) на очередь в «Журнале регистрации детей дошкольного возраста для направления в дошкольные организации» за № {queueNo}, от «{dd}» {mm} 20{yy} года.', 'has been placed in the queue in the "Register of preschool children for referral to kindergartens" under No. {queueNo} of {dd}.{mm}.20{yy}.'),
        L('Кезекте тұрған тұтынушылар өз кезегінің жылжуын жұмыс кестесіне сәйкес (бөлім, әкімдік), сондай-ақ электрондық портал арқылы бақылай алады.', 'Потребители, состоящие в очереди на получение места в дошкольную организацию, имеют возможность осуществлять контроль продвижения своей очередности в соответствии с графиком работы (отдел, акимат), а так же через электронный портал.', 'Applicants in the queue can follow their position during office hours (department, akimat) and on the e-government portal.'),
        L('Семей қаласы білім беру бөлімінің маманы {specialistFio}', 'Специалист отдела образования города Семей {specialistFio}', 'Specialist of the Semey City Education Department {specialistFio}'),
      ],
      placeholders: ['parentFio', 'childFio', 'queueNo', 'dd', 'mm', 'yy', 'specialistFio'],
      signer: EDU_HEAD,
    }),
  ],
  refusal: {
    grounds: [M.M2(), M.M3(), M.M4(), M.OTHER()],
    template: akimatTemplate({
      id: 'refusal-form',
      title: L('Мемлекеттік қызмет көрсетуден бас тарту нысаны', 'Форма отказа в предоставлении государственной услуги', 'Refusal of the public service'),
      lines: [
        L('Құрметті {applicantFio},', 'Уважаемый (ая) {applicantFio},', 'Dear {applicantFio},'),
        L('Сіздің балаңызға {childFio} (баланың Т.А.Ә.) мектепке дейінгі ұйымға жолдама беруден {reason} (бас тарту себебі) себебі бойынша бас тартылғанын хабарлаймыз', 'Уведомляем Вас о том, что Вам отказано в выдаче направления Вашему ребенку {childFio} (ФИО ребенка) в детскую дошкольную организацию по причине {reason} (причина отказа)', 'We inform you that a kindergarten referral for your child {childFio} is refused because of {reason}'),
        L('Семей қаласы білім беру бөлімінің басшысы {headFio}', 'Начальник отдела образования города Семей {headFio} (ФИО, подпись, печать)', 'Head of the Semey City Education Department {headFio}'),
      ],
      placeholders: ['applicantFio', 'childFio', 'reason', 'headFio'],
      signer: EDU_HEAD,
    }),
  },
}

const DEPOSITS_OPENING = L(
  'Семей қаласының білім беру бөлімі {applicantFio}, {birthYear} ж.т. (жеке куәлік № {idNo}, {idDate} ж., берген {idIssuer}), кәмелетке толмаған {children} заңды өкіліне (ата-анасына, қорғаншысына немесе қамқоршысына, патронат тәрбиешісіне және оларды алмастыратын басқа тұлғаларға)',
  'Отдел образования города Семей разрешает {applicantFio}, {birthYear} года рождения, (удостоверение личности № {idNo} от {idDate} года, выдано {idIssuer}), законному (ым) представителю (ям) (родителям (родителю), опекуну или попечителю, патронатному воспитателю и другим заменяющим их лицам) несовершеннолетнего {children},',
  'The Semey City Education Department permits {applicantFio}, born {birthYear} (ID card No. {idNo} of {idDate}, issued by {idIssuer}), legal representative(s) (parents, guardian or custodian, foster carer and other persons replacing them) of the minor(s) {children},',
)
const DEPOSITS_CLOSING = [
  L('Семей қаласы білім беру бөлімінің басшысы {headFio}', 'Начальник отдела образования города Семей {headFio}', 'Head of the Semey City Education Department {headFio}'),
  L('Анықтама берілген күнінен бастап 1 (бір) ай ішінде жарамды.', 'Справка действительна в течение 1 (одного) месяца со дня выдачи.', 'The certificate is valid for 1 (one) month from the date of issue.'),
]
const DEPOSITS_PERSON = ['applicantFio', 'birthYear', 'idNo', 'idDate', 'idIssuer', 'children', 'headFio']
function minorDepositsVariants(): DocumentTemplate[] {
  return [
    akimatTemplate({
      id: 'pension-fund',
      title: L('Анықтама (жинақтаушы зейнетақы қорына)', 'Справка (в накопительный пенсионный фонд)', 'Certificate (to the pension fund)'),
      lines: [
        L('{fundName}', '{fundName}', '{fundName}'),
        DEPOSITS_OPENING,
        L(
          '{fundName} қорынан мұраға қалған зейнетақы жинақтарын инвестициялық табысымен, өсімпұлымен және заңнамаға сәйкес өзге түсімдерімен алуға, нотариус {notaryName} берген {inheritanceDate} ж. мұраға құқық туралы куәлікке сәйкес, салымшы {deceasedFullName} қайтыс болуына байланысты (қайтыс болу туралы куәлік {deathCertificateDate} ж., № {deathCertificateNo}) рұқсат береді.',
          'получить наследуемые пенсионные накопления в {fundName}, с причитающимся инвестиционным доходом, пеней и иными поступлениями в соответствии с законодательством, согласно свидетельству о праве на наследство по закону/завещанию от {inheritanceDate} года, выданного нотариусом {notaryName}, в связи со смертью вкладчика {deceasedFullName}, (свидетельство о смерти от {deathCertificateDate} года, № {deathCertificateNo}).',
          'to receive the inherited pension savings in {fundName}, with the investment income, penalties and other receipts due under the law, under the certificate of inheritance of {inheritanceDate} issued by the notary {notaryName}, following the death of the depositor {deceasedFullName} (death certificate of {deathCertificateDate}, No. {deathCertificateNo}).',
        ),
        ...DEPOSITS_CLOSING,
      ],
      placeholders: ['fundName', ...DEPOSITS_PERSON, 'inheritanceDate', 'notaryName', 'deceasedFullName', 'deathCertificateDate', 'deathCertificateNo'],
      signer: EDU_HEAD,
    }),
    akimatTemplate({
      id: 'bank',
      title: L('Анықтама (банкке)', 'Справка (в банк)', 'Certificate (to the bank)'),
      lines: [
        L('{bankName}', '{bankName}', '{bankName}'),
        DEPOSITS_OPENING,
        L(
          'кәмелетке толмаған баланың (балалардың) {bankName} банкіндегі салымдарына инвестициялық табысымен, өсімпұлымен және заңнамаға сәйкес өзге түсімдерімен билік етуге рұқсат береді.',
          'распорядиться вкладами несовершеннолетнего ребенка (детей) {bankName} (наименование банка), с причитающимися инвестиционным доходом, пеней и иными поступлениями в соответствии с законодательством.',
          'to dispose of the deposits of the minor child (children) in {bankName}, with the investment income, penalties and other receipts due under the law.',
        ),
        ...DEPOSITS_CLOSING,
      ],
      placeholders: ['bankName', ...DEPOSITS_PERSON],
      signer: EDU_HEAD,
    }),
    akimatTemplate({
      id: 'road-police',
      title: L('Анықтама (Жол полициясы комитетінің бөлімшесіне)', 'Справка (в подразделение Комитета дорожной полиции)', 'Certificate (to the road police unit)'),
      lines: [
        L('{policeUnit}', '{policeUnit}', '{policeUnit}'),
        L(
          'Кәмелетке толмаған {children} мүддесінде әрекет ететін Семей қаласының білім беру бөлімі {applicantFio} үшін {vehicle} көлік құралына қатысты {transactionType} мәмілесіне рұқсат береді.',
          'Отдел образования города Семей, действующий в интересах несовершеннолетнего (-ей, -их) {children} разрешает {applicantFio} на {transactionType} транспортного средства {vehicle}',
          'The Semey City Education Department, acting in the interests of the minor(s) {children}, permits {applicantFio} the {transactionType} of the vehicle {vehicle}',
        ),
        ...DEPOSITS_CLOSING,
      ],
      placeholders: ['policeUnit', 'children', 'applicantFio', 'transactionType', 'vehicle', 'headFio'],
      signer: EDU_HEAD,
    }),
  ]
}

// ── 002 S4 ─────────────────────────────────────────────────────────────────────────────────────────────────────
const purposeIs = (v: string): Condition => ({ field: 'purpose', equals: v })
export const akimatMinorDepositsCertificate: ServiceDefinition = {
  id: 'akimat.minor-deposits-certificate',
  source: '002 S4',
  name: L(
    'Кәмелетке толмаған балалардың салымдарына билік ету үшін зейнетақы қорларына, банктерге, кәмелетке толмаған балаларға мұраны ресімдеу үшін ҚР ІІМ Жол полициясы комитетінің аумақтық бөлімшелеріне анықтамалар беру',
    'Выдача справок в пенсионные фонды, банки для распоряжения вкладами несовершеннолетних детей, в территориальные подразделения Комитета дорожной полиции Министерства внутренних дел Республики Казахстан для оформления наследства несовершеннолетним детям',
    'Guardianship-body certificates to pension funds, banks and road police (minors’ deposits, inheritance, vehicles)',
  ),
  shortName: L('Кәмелетке толмағандардың салымдары бойынша анықтама', 'Справка для распоряжения вкладами несовершеннолетних', 'Certificate for minors’ deposits'),
  kkProvisional: true,
  provider: PROVIDERS.education,
  registries: ['E_AKIMAT', 'GBD_FL', 'ENIS'],
  pattern: 'B',
  automation: 'part',
  interaction: ['T'],
  channels: { tson: true, provider: false, portal: true, representative: true },
  applicantKinds: ['person'],
  fee: { kind: 'none' },
  terms: akimatTerms(true, { resultValidity: validityMonth }),
  documents: [
    DOC_IDENTITY(),
    doc('children-birth-certificates', 'Балалардың туу туралы куәліктері', 'Свидетельства о рождении детей', 'Children’s birth certificates'),
    doc('parents-ids', 'Ата-аналардың жеке куәліктері', 'Удостоверения личности родителей', 'Parents’ ID cards'),
    doc('death-certificate', 'Қайтыс болу туралы куәлік', 'Свидетельство о смерти', 'Death certificate', { scan: 'conditional', requiredWhen: purposeIs('pension') }),
    doc('inheritance-certificate', 'Мұрагерлік құқығы туралы куәлік', 'Свидетельство о праве на наследство', 'Certificate of inheritance', { scan: 'conditional', requiredWhen: { field: 'purpose', oneOf: ['pension', 'vehicle'] } }),
    doc('children-consent', '10 жастан асқан балалардың келісімі', 'Согласие детей старше 10 лет', 'Consent of children over 10', { scan: 'optional' }),
    DOC_POA,
  ],
  fields: [
    addressee('', L('Семей қаласы білім беру бөлімінің басшысына', 'Начальнику отдела образования города Семей', 'To the Head of the Semey City Education Department')),
    ...consumerBlock(['person'], { addressRequired: true }),
    ...representativeBlock(),
    {
      id: 'purpose',
      kind: 'select',
      section: 'service',
      label: L('Анықтаманың мақсаты', 'Цель справки', 'Purpose of the certificate'),
      required: true,
      options: [
        opt('pension', 'зейнетақы жинақтарын алу (БЖЗҚ)', 'снятие пенсионных накоплений (НПФ)', 'withdraw pension savings (pension fund)'),
        opt('bank', 'банктегі салымдарға билік ету', 'распоряжение вкладами в банке', 'manage bank deposits'),
        opt('vehicle', 'көлік құралымен мәміле (ЖПК)', 'сделка с транспортным средством (КДП МВД)', 'vehicle transaction (road police)'),
      ],
    },
    { id: 'fundName', kind: 'text', section: 'service', label: L('Зейнетақы қорының атауы', 'Наименование накопительного пенсионного фонда', 'Pension fund name'), required: purposeIs('pension'), visibleWhen: purposeIs('pension'), maxLength: 255 },
    { id: 'deceasedFullName', kind: 'text', section: 'service', label: L('Қайтыс болған салымшының Т.А.Ә.', 'ФИО умершего вкладчика', 'Full name of the deceased depositor'), required: purposeIs('pension'), visibleWhen: purposeIs('pension'), maxLength: 255 },
    { id: 'deathCertificateDate', kind: 'date', section: 'service', label: L('Қайтыс болу туралы куәліктің күні', 'Дата свидетельства о смерти', 'Death certificate date'), required: purposeIs('pension'), visibleWhen: purposeIs('pension'), notInFuture: true },
    { id: 'deathCertificateNo', kind: 'text', section: 'service', label: L('Қайтыс болу туралы куәліктің нөмірі', '№ свидетельства о смерти', 'Death certificate No.'), required: purposeIs('pension'), visibleWhen: purposeIs('pension'), maxLength: 30 },
    { id: 'bankName', kind: 'text', section: 'service', label: L('Банктің атауы', 'Наименование банка', 'Bank name'), required: purposeIs('bank'), visibleWhen: purposeIs('bank'), maxLength: 255 },
    { id: 'vehicleMake', kind: 'text', section: 'service', label: L('Көлік маркасы', 'Марка транспортного средства', 'Vehicle make'), required: purposeIs('vehicle'), visibleWhen: purposeIs('vehicle'), maxLength: 100 },
    { id: 'vehiclePlate', kind: 'text', section: 'service', label: L('Мемлекеттік нөмірі', 'Государственный номер', 'Registration plate'), required: purposeIs('vehicle'), visibleWhen: purposeIs('vehicle'), maxLength: 12 },
    { id: 'vehicleVin', kind: 'text', section: 'service', label: L('VIN', 'VIN', 'VIN'), required: purposeIs('vehicle'), visibleWhen: purposeIs('vehicle'), maxLength: 17, minLength: 17, pattern: '^[A-HJ-NPR-Z0-9]{17}$', patternCode: 'FIELD_FORMAT' },
    childrenList(),
    ...parentFields(),
  ],
  rules: [],
  lifeSituations: [
    L('Мұраны ресімдеу', 'Оформление наследства', 'Inheritance'),
    L('Отбасы мүшесінің қайтыс болуы', 'Смерть члена семьи', 'Death of a family member'),
    L('Қорғаншылық және қамқоршылық', 'Опека и попечительство', 'Guardianship'),
  ],
  keywords: { kk: ['мұра', 'салым', 'зейнетақы', 'банк', 'көлік', 'кәмелетке толмаған', 'қорғаншылық'], ru: ['наследство', 'вклад', 'пенсионные накопления', 'банк', 'автомобиль', 'несовершеннолетний', 'опека', 'разрешение'] },
  result: [
    // 002 S4 gives one «Справка» per addressee: C1 the pension fund, C2 the bank, C3 the road police.
    ...minorDepositsVariants(),
  ],
  refusal: { grounds: [M.M2(), M.M3(), M.M4(), M.OTHER()], template: akimatRefusalLetter(L('анықтаманы', 'справки органа опеки', 'the guardianship-body certificate'), EDU_HEAD) },
}

// ── 002 S5 ─────────────────────────────────────────────────────────────────────────────────────────────────────
const pledge: Condition = { field: 'transactionType', equals: 'pledge' }
const notPledge: Condition = { field: 'transactionType', notEquals: 'pledge' }
export const akimatMinorPropertyCertificate: ServiceDefinition = {
  id: 'akimat.minor-property-certificate',
  source: '002 S5',
  name: L(
    'Кәмелетке толмаған балаларға меншік құқығында тиесілі мүлікпен мәмілелерді ресімдеу үшін қорғаншылық немесе қамқоршылық функцияларын жүзеге асыратын органдардың анықтамаларын беру',
    'Выдача справок органов, осуществляющих функции по опеке или попечительству для оформления сделок с имуществом, принадлежащим на праве собственности несовершеннолетним детям',
    'Guardianship-body certificate for transactions with minors’ property',
  ),
  shortName: L('Балалардың мүлкімен мәмілеге анықтама', 'Справка на сделку с имуществом детей', 'Certificate for a minors’ property transaction'),
  kkProvisional: true,
  provider: PROVIDERS.education,
  registries: ['E_AKIMAT', 'GBD_FL', 'ENIS'],
  pattern: 'B',
  automation: 'part',
  interaction: ['T'],
  channels: { tson: true, provider: false, portal: true, representative: true },
  applicantKinds: ['person'],
  fee: { kind: 'none' },
  terms: akimatTerms(true, { resultValidity: validityMonth }),
  documents: [
    DOC_IDENTITY(),
    doc('spouse-identity', 'Екінші жұбайдың жеке куәлігі', 'Удостоверение личности второго супруга', 'Second spouse’s ID card'),
    doc('children-birth-certificates', 'Балалардың туу туралы куәліктері', 'Свидетельства о рождении детей', 'Children’s birth certificates'),
    doc('title-document', 'Пәтерге құқық белгілейтін құжат', 'Правоустанавливающий документ на квартиру', 'Title document for the flat'),
    doc('handwritten-undertaking', 'Қолмен жазылған міндеттеме', 'Собственноручное обязательство', 'Handwritten undertaking', { source: 'spec' }),
    doc('bank-letter', 'Банк хаты', 'Письмо из банка', 'Letter from the bank', { scan: 'conditional', requiredWhen: pledge, source: 'spec' }),
    doc('children-consent', '10 жастан асқан балалардың келісімі', 'Согласие детей старше 10 лет', 'Consent of children over 10', { scan: 'optional' }),
    DOC_POA,
  ],
  fields: [
    addressee('', L('Семей қаласы білім беру бөлімінің басшысына', 'Начальнику отдела образования города Семей', 'To the Head of the Semey City Education Department')),
    ...consumerBlock(['person'], { addressRequired: true }),
    ...representativeBlock(),
    { id: 'secondSpouseIin', kind: 'iin', section: 'service', label: L('Екінші жұбайдың ЖСН', 'ИИН второго супруга', 'Second spouse’s IIN'), hint: L('Екі жұбайдың да қолы қажет', 'Нужна подпись обоих супругов', 'Both spouses must sign'), required: true, age: { minYears: 16 } },
    {
      id: 'transactionType',
      kind: 'select',
      section: 'service',
      label: L('Мәміле түрі', 'Вид сделки', 'Transaction type'),
      required: true,
      options: [opt('sale', 'сату', 'продажа', 'sale'), opt('exchange', 'айырбастау', 'обмен', 'exchange'), opt('gift', 'сыйға тарту', 'дарение', 'gift'), opt('pledge', 'кепіл', 'залог', 'pledge')],
    },
    { id: 'propertyAddress', kind: 'address', section: 'service', label: L('Пәтердің мекенжайы', 'Адрес квартиры', 'Address of the flat'), required: true, maxLength: 500 },
    { id: 'futureAddress', kind: 'address', section: 'service', label: L('Болашақ тұратын мекенжайы', 'Адрес дальнейшего проживания', 'Future address'), required: notPledge, visibleWhen: notPledge, maxLength: 500 },
    { id: 'loanAmount', kind: 'money', section: 'service', label: L('Несие сомасы', 'Сумма кредита', 'Loan amount'), required: pledge, visibleWhen: pledge, min: 1, max: 10_000_000_000, integer: false, unit: L('теңге', 'тенге', 'KZT') },
    { id: 'loanTermMonths', kind: 'number', section: 'service', label: L('Несие мерзімі (ай)', 'Срок кредита (месяцев)', 'Loan term (months)'), required: pledge, visibleWhen: pledge, min: 1, max: 600, integer: true },
    { id: 'bankLetterNo', kind: 'text', section: 'service', label: L('Банк хатының нөмірі', '№ письма из банка', 'Bank letter No.'), required: pledge, visibleWhen: pledge, maxLength: 50 },
    { id: 'fallbackAddress', kind: 'address', section: 'service', label: L('Тұрғын үй жоғалған жағдайда балалардың тұратын мекенжайы', 'Адрес проживания детей в случае потери жилья', 'Where the children will live if the home is lost'), required: pledge, visibleWhen: pledge, maxLength: 500 },
    childrenList(),
    ...parentFields(),
  ],
  rules: [],
  lifeSituations: [
    L('Пәтер сату немесе сатып алу', 'Покупка или продажа квартиры', 'Buying or selling a flat'),
    L('Несие немесе кепіл', 'Кредит или залог', 'Loan or pledge'),
    L('Қорғаншылық және қамқоршылық', 'Опека и попечительство', 'Guardianship'),
  ],
  keywords: { kk: ['пәтер', 'сату', 'айырбастау', 'сыйға тарту', 'кепіл', 'мүлік', 'кәмелетке толмаған', 'қорғаншылық', 'рұқсат'], ru: ['квартира', 'продажа', 'обмен', 'дарение', 'залог', 'ипотека', 'имущество', 'несовершеннолетний', 'опека', 'разрешение'] },
  result: [
    akimatTemplate({
      id: 'certificate',
      title: L('Анықтама', 'Справка', 'Certificate'),
      lines: [
        L(
          'Қорғаншылық және қамқоршылық органдарының функцияларын жүзеге асыратын білім беру бөлімі кәмелетке толмаған {children} мүддесінде әрекет ете отырып, {address} мекенжайында орналасқан жылжымайтын мүлікті {transactionType} рұқсат береді',
          'Отдел образования, осуществляющий функции органов опеки и попечительства, согласно статьям 22-24 Гражданского кодекса Республики Казахстан, пункту 3 статьи 13 Закона Республики Казахстан "О жилищных отношениях", статье 128 Кодекса Республики Казахстан "О браке (супружестве) и семье", действующий в интересах несовершеннолетнего (-ей, - их) {children} разрешает на {transactionType} недвижимого имущества, расположенного по адресу {address}',
          'The Education Department, acting as guardianship body in the interests of the minor(s) {children}, permits the {transactionType} of the real estate at {address}',
        ),
        L('Семей қаласы білім беру бөлімінің басшысы {headFio}', 'Начальник отдела образования города Семей {headFio}', 'Head of the Semey City Education Department {headFio}'),
        L('Анықтама берілген күнінен бастап 1 (бір) ай ішінде жарамды.', 'Справка действительна в течение 1 (одного) месяца со дня выдачи.', 'The certificate is valid for 1 (one) month from the date of issue.'),
      ],
      placeholders: ['children', 'transactionType', 'address', 'headFio'],
      signer: EDU_HEAD,
    }),
  ],
  refusal: { grounds: [M.M2(), M.M3(), M.M4(), M.OTHER()], template: akimatRefusalLetter(L('анықтаманы', 'справки органа опеки', 'the guardianship-body certificate'), EDU_HEAD) },
}

// ── 002 S6 ─────────────────────────────────────────────────────────────────────────────────────────────────────
export const akimatGuardianshipCertificate: ServiceDefinition = {
  id: 'akimat.guardianship-certificate',
  source: '002 S6',
  name: L('Қорғаншылық және қамқоршылық бойынша анықтамалар беру', 'Выдача справок по опеке и попечительству', 'Guardianship/trusteeship certificate'),
  shortName: L('Қорғаншылық туралы анықтама', 'Справка об опеке', 'Guardianship certificate'),
  kkProvisional: true,
  provider: PROVIDERS.education,
  registries: ['E_AKIMAT', 'GBD_FL', 'ENIS', 'GUARDIANSHIP_REGISTER'],
  pattern: 'B',
  automation: 'part',
  interaction: ['T'],
  channels: { tson: true, provider: false, portal: true, representative: true },
  applicantKinds: ['person'],
  fee: { kind: 'none' },
  terms: akimatTerms(true),
  documents: [DOC_IDENTITY(), DOC_POA],
  fields: [
    ...consumerBlock(['person'], { addressRequired: true }),
    ...representativeBlock(),
    { id: 'wardIin', kind: 'iin', section: 'service', label: L('Қамқордағы адамның ЖСН', 'ИИН подопечного', 'Ward’s IIN'), required: false },
    { id: 'wardFullName', kind: 'text', section: 'service', label: L('Қамқордағы адамның Т.А.Ә.', 'ФИО подопечного', 'Ward’s full name'), required: { field: 'wardIin', empty: true }, maxLength: 255, prefill: { registry: 'GBD_FL', by: 'wardIin', path: 'fullName' } },
    { id: 'wardBirthDate', kind: 'date', section: 'service', label: L('Қамқордағы адамның туған күні', 'Дата рождения подопечного', 'Ward’s date of birth'), required: { field: 'wardIin', empty: true }, notInFuture: true, prefill: { registry: 'GBD_FL', by: 'wardIin', path: 'birthDate' } },
    { id: 'resolutionNo', kind: 'text', section: 'service', label: L('Әкімдік қаулысының нөмірі', '№ постановления акимата', 'Akimat resolution No.'), required: false, maxLength: 30 },
    { id: 'resolutionDate', kind: 'date', section: 'service', label: L('Әкімдік қаулысының күні', 'Дата постановления акимата', 'Akimat resolution date'), required: false, notInFuture: true },
    { id: 'purpose', kind: 'text', section: 'service', label: L('Анықтаманың мақсаты', 'Цель получения справки', 'Purpose of the certificate'), required: true, maxLength: 255 },
  ],
  rules: [],
  lifeSituations: [L('Қорғаншылық және қамқоршылық', 'Опека и попечительство', 'Guardianship')],
  keywords: { kk: ['қорғаншы', 'қамқоршы', 'қорғаншылық', 'қамқоршылық', 'қамқордағы'], ru: ['опекун', 'попечитель', 'опека', 'попечительство', 'подопечный'] },
  result: [
    akimatTemplate({
      id: 'certificate',
      title: L('АНЫҚТАМА № {certNo}', 'СПРАВКА № {certNo}', 'CERTIFICATE No. {certNo}'),
      lines: [
        L(
          'Осы анықтама {city} қ. тұратын азамат(ша) {guardianFio}-ға Семей қаласы әкімдігінің «{resDate}» № {resNo} қаулысына сәйкес ол {wardBirthYear} ж.т. {wardFio} және оның мүлкіне қорғаншы (қамқоршы) болып тағайындалғаны туралы берілді ({propertyClause}).',
          'Настоящая справка выдана гр. (ке) {guardianFio} проживающему (ей) в г. {city} в том, что он (она) согласно постановлению акимата города Семей № {resNo} от «{resDate}» г. действительно назначен (а) опекуном (попечителем) над {wardFio} «{wardBirthYear}» года рождения и над его (ее) имуществом ({propertyClause}).',
          'This certificate is issued to {guardianFio}, resident in {city}, confirming that under akimat resolution No. {resNo} of {resDate} they are appointed guardian (trustee) of {wardFio}, born {wardBirthYear}, and of their property ({propertyClause}).',
        ),
        L(
          'Қорғаншыға (қамқоршыға) қамқордағы адамды тәрбиелеу, оқыту, қоғамдық пайдалы қызметке даярлау, оның жеке мүліктік құқықтарын қорғау міндеті жүктеледі.',
          'На опекуна (попечителя) возлагается обязанность о воспитании, обучении, подготовки к общественно-полезной деятельности подопечного, защищать и охранять его личные имущественные права, являясь его представителем на суде и во всех государственных учреждениях без особого полномочия.',
          'The guardian (trustee) must raise, educate and prepare the ward for socially useful work and protect the ward’s personal and property rights, representing the ward in court and in all state bodies without special authority.',
        ),
        L('Семей қаласы білім беру бөлімінің басшысы {headFio}', 'Начальник отдела образования города Семей {headFio}', 'Head of the Semey City Education Department {headFio}'),
      ],
      placeholders: ['certNo', 'guardianFio', 'city', 'resNo', 'resDate', 'wardFio', 'wardBirthYear', 'propertyClause', 'headFio'],
      signer: EDU_HEAD,
    }),
  ],
  refusal: {
    grounds: [M.M2(), M.M3(), M.M7(), M.OTHER()],
    template: akimatTemplate({
      id: 'refusal-no-record',
      title: L('Бас тарту', 'Отказ', 'Refusal'),
      lines: [
        L(
          'Құрметті {applicantFio}, Сізге {childDob} ж.т. {childFio} және оның мүлкі бойынша қорғаншылық және қамқоршылық туралы анықтама беруден бас тартылғанын хабарлаймыз.',
          'Уважаемый {applicantFio}, (ФИО заявителя) уведомляем Вас о том, что Вам отказано в выдаче справки по опеке и попечительству над {childFio} (ФИО ребенка) {childDob} (дата рождения ребенка) года рождения и над его (ее) имуществом.',
          'Dear {applicantFio}, the guardianship certificate for {childFio}, born {childDob}, and their property is refused.',
        ),
        L('Бас тарту себебі: {reason}', 'Причина отказа: {reason}', 'Reason for refusal: {reason}'),
        L('Семей қаласы білім беру бөлімінің басшысы {headFio}', 'Начальник отдела образования города Семей {headFio}', 'Head of the Semey City Education Department {headFio}'),
      ],
      placeholders: ['applicantFio', 'childFio', 'childDob', 'reason', 'headFio'],
      signer: EDU_HEAD,
    }),
  },
}

// ── 002 S7 ─────────────────────────────────────────────────────────────────────────────────────────────────────
export const akimatHousingQueue: ServiceDefinition = {
  id: 'akimat.housing-queue',
  source: '002 S7',
  name: L(
    'Мемлекеттік тұрғын үй қорынан тұрғын үйге немесе жергілікті атқарушы орган жеке тұрғын үй қорынан жалға алған тұрғын үйге мұқтаж азаматтарды есепке қою және кезекке қою',
    'Постановка на учет и очередность граждан, нуждающихся в жилище из государственного жилищного фонда или жилище, арендованном местным исполнительным органом в частном жилищном фонде',
    'Registration and queue of citizens needing public housing',
  ),
  shortName: L('Тұрғын үй кезегі', 'Очередь на жильё', 'Housing queue'),
  kkProvisional: true,
  provider: PROVIDERS.housing,
  registries: ['E_AKIMAT', 'GBD_FL', 'ENIS', 'GBD_RN'],
  pattern: 'B',
  automation: 'part',
  interaction: ['T'],
  channels: { tson: true, provider: true, portal: true, representative: true },
  applicantKinds: ['person'],
  fee: { kind: 'none' },
  terms: akimatTerms(false),
  documents: [
    DOC_IDENTITY(),
    doc('family-composition', 'Отбасы құрамы туралы анықтама', 'Справка о составе семьи', 'Family composition certificate'),
    doc('income-certificate', 'Кірістер туралы анықтама', 'Справка о доходах', 'Income certificate'),
    doc('category-document', 'Санатты растайтын құжат', 'Документ, подтверждающий категорию', 'Document proving the category'),
    DOC_POA,
  ],
  fields: [
    ...consumerBlock(['person'], { addressRequired: true, adultOnly: true }),
    ...representativeBlock(),
    {
      id: 'category',
      kind: 'select',
      section: 'service',
      label: L('Санаты', 'Категория', 'Category'),
      required: true,
      options: [
        opt('disabled', 'мүгедектігі бар адамдар және мүгедек балалары бар отбасылар', 'лица с инвалидностью и семьи с детьми-инвалидами', 'persons with disabilities and families with disabled children'),
        opt('large-family', 'көп балалы отбасылар', 'многодетные семьи', 'large families'),
        opt('orphans', 'жетім балалар, ата-ана қамқорлығынсыз қалған балалар', 'дети-сироты, дети, оставшиеся без попечения родителей', 'orphans and children without parental care'),
        opt('single-parent', 'толық емес отбасылар', 'неполные семьи', 'single-parent families'),
        opt('civil-servants', 'мемлекеттік қызметшілер, бюджеттік ұйымдардың қызметкерлері', 'государственные служащие, работники бюджетных организаций', 'civil servants and public-sector employees'),
        opt('low-income', 'әлеуметтік жағынан осал топтар', 'социально уязвимые слои населения', 'socially vulnerable groups'),
      ],
    },
    { id: 'currentHousing', kind: 'textarea', section: 'service', label: L('Қазіргі тұрғын үй жағдайы', 'Текущие жилищные условия', 'Current housing conditions'), required: true, maxLength: 1000 },
    {
      id: 'familyMembers',
      kind: 'list',
      section: 'service',
      label: L('Отбасы мүшелері', 'Члены семьи', 'Family members'),
      required: false,
      minItems: 0,
      maxItems: 20,
      item: [
        { id: 'iin', kind: 'iin', section: 'service', label: L('ЖСН', 'ИИН', 'IIN'), required: true },
        { id: 'relation', kind: 'select', section: 'service', label: L('Туыстық қатынасы', 'Степень родства', 'Relation'), required: true, options: RELATIONS },
      ],
    },
  ],
  rules: [],
  lifeSituations: [L('Тұрғын үй кезегі', 'Очередь на жильё', 'Housing queue'), L('Көп балалы отбасы', 'Многодетная семья', 'Large family')],
  keywords: { kk: ['тұрғын үй', 'пәтер', 'кезек', 'есепке қою', 'баспана', 'мемлекеттік тұрғын үй'], ru: ['жилье', 'жильё', 'квартира', 'очередь', 'учет', 'госжилфонд', 'арендное жилье', 'жилищная комиссия'] },
  result: [
    akimatTemplate({
      id: 'registration-notice',
      title: L('Хабарлама', 'Уведомление', 'Notice'),
      lines: [
        L('Өтініш берушінің Т.А.Ә.: {fio}', 'ФИО заявителя: {fio}', 'Applicant: {fio}'),
        L('Мекенжайы: {address}', 'Адрес: {address}', 'Address: {address}'),
        L(
          'Тұрғын үй комиссиясының {decisionDate} жылғы № {decisionNo} шешімімен Сіз {appDate} жылғы № {appNo} өтініш берген күннен бастап, отбасы құрамы {n} адам, «{category}» санаты бойынша мемлекеттік тұрғын үй қорынан тұрғын үйге мұқтаж азаматтар есебіне қойылғаныңызды хабарлаймыз.',
          'Ставим Вас в известность, что решением жилищной комиссии от {decisionDate} года № {decisionNo}, Вы поставлены на учет граждан, нуждающихся в жилье из государственного жилищного фонда, по категории «{category}», со дня подачи заявления от {appDate} года № {appNo}, с составом семьи {n} человек.',
          'By decision No. {decisionNo} of the housing commission of {decisionDate}, you are registered among citizens needing public housing, category "{category}", from the date of application No. {appNo} of {appDate}, family of {n}.',
        ),
        L('Есепке қою сәтіндегі Сіздің кезегіңіз № {queueNo}', 'На момент постановки на учет Ваша очередь № {queueNo}', 'Your queue number at registration: {queueNo}'),
        L('Басшы {headFio}', 'Начальник {headFio}', 'Head {headFio}'),
      ],
      placeholders: ['fio', 'address', 'decisionDate', 'decisionNo', 'category', 'appDate', 'appNo', 'n', 'queueNo', 'headFio'],
      signer: HEAD_OF_DEPARTMENT,
    }),
  ],
  refusal: {
    grounds: [M.M2(), M.M3(), M.M4(), M.OTHER()],
    template: akimatTemplate({
      id: 'refusal-notice',
      title: L('Хабарлама', 'Уведомление', 'Notice'),
      lines: [
        L('Сізге (отбасы құрамы {n} адам) мемлекеттік тұрғын үй қорынан тұрғын үйге мұқтаж азаматтар есебіне қоюдан бас тартылғанын хабарлаймыз.', 'Ставим Вас в известность, что Вам (состав семьи {n} человек) отказано в постановке на учет граждан, нуждающихся в жилье из государственного жилищного фонда.', 'We inform you that registration (family of {n}) among citizens needing public housing is refused.'),
        L('Бас тарту себебі: {reason}', 'Причина отказа: {reason}', 'Reason for refusal: {reason}'),
        L('Осы шешіммен келіспеген жағдайда, Сіз оған заңнамада белгіленген тәртіппен шағым жасауға құқылысыз.', 'В случае несогласия с данным решением, Вы вправе обжаловать его в порядке, установленном законодательством.', 'If you disagree with this decision, you may appeal it in the manner established by law.'),
        L('Басшы {headFio}', 'Начальник {headFio}', 'Head {headFio}'),
      ],
      placeholders: ['n', 'reason', 'headFio'],
      signer: HEAD_OF_DEPARTMENT,
    }),
  },
}
