/** Real-estate family (CATALOG §4.2): ГБД РН, pattern A, e-справка with a barcode. */
import { consumerBlock, DOC_IDENTITY, genericRefusal, L, M, opt, PROVIDERS, REGIONS, TSON_STEPS } from '../common'
import type { FieldDef, ServiceDefinition } from '../types'

const DEPT = L('Әділет департаменті', 'Департамент юстиции', 'Justice Department')

/** Inputs of п.8 common to both services; the «paper-only for minors» exception is the adultOnly age check (G24). */
function realtyCommonFields(): FieldDef[] {
  return [
    ...consumerBlock(['person', 'entity'], { adultOnly: true }),
    {
      id: 'certificateLanguage',
      kind: 'select',
      section: 'service',
      label: L('Анықтама тілі', 'Язык справки', 'Certificate language'),
      required: true,
      defaultValue: 'ru',
      options: [opt('ru', 'орыс тілі', 'Русский', 'Russian'), opt('kk', 'қазақ тілі', 'Казахский', 'Kazakh')],
    },
    {
      id: 'idDocumentType',
      kind: 'select',
      section: 'consumer',
      label: L('Құжат түрі', 'Вид документа', 'ID document type'),
      required: { field: 'applicantKind', equals: 'person' },
      visibleWhen: { field: 'applicantKind', equals: 'person' },
      options: [opt('passport', 'ҚР ПАСПОРТЫ', 'ПАСПОРТ РК', 'Passport of the RK'), opt('id-card', 'ҚР ЖЕКЕ КУӘЛІГІ', 'УДОСТОВЕРЕНИЕ РК', 'ID card of the RK')],
    },
    { id: 'region', kind: 'select', section: 'service', label: L('Өңір', 'Регион', 'Region'), required: true, options: REGIONS },
  ]
}

const realtyKeywords = {
  kk: ['жылжымайтын мүлік', 'пәтер', 'үй', 'құқық', 'ауыртпалық', 'анықтама', 'тіркеу', 'ЖМТ'],
  ru: ['недвижимость', 'квартира', 'дом', 'право собственности', 'обременение', 'арест', 'залог', 'справка', 'ГБД РН', 'ЦОН'],
}
const realtyLife = [
  L('Пәтер сату немесе сатып алу', 'Покупка или продажа квартиры', 'Buying or selling a flat'),
  L('Несие немесе кепіл', 'Кредит или залог', 'Loan or pledge'),
  L('Тұрғын үй кезегі', 'Очередь на жильё', 'Housing queue'),
]

export const realtyRightsCertificate: ServiceDefinition = {
  id: 'realty.rights-certificate',
  source: '000 S4',
  name: L(
    'Жылжымайтын мүлікке тіркелген құқықтар (ауыртпалықтар) және оның техникалық сипаттамалары туралы анықтамалар беру',
    'Выдача справок о зарегистрированных правах (обременениях) на недвижимое имущество и его технических характеристиках',
    'Certificate of registered rights (encumbrances) to real estate and its technical characteristics',
  ),
  shortName: L('Мүлікке құқықтар туралы анықтама', 'Справка о правах на недвижимость', 'Real-estate rights certificate'),
  kkProvisional: true,
  provider: PROVIDERS.registration,
  registries: ['GBD_RN', 'GBD_FL', 'GBD_UL', 'NUC'],
  pattern: 'A',
  automation: 'auto',
  interaction: ['I', 'T'],
  channels: { tson: true, provider: false, portal: true, representative: false },
  applicantKinds: ['person', 'entity'],
  fee: { kind: 'none' },
  terms: { regulated: { amount: 30, unit: 'minutes' }, source: 'spec', extendable: false, steps: { tson: TSON_STEPS } },
  documents: [DOC_IDENTITY('none')],
  fields: [
    ...realtyCommonFields(),
    {
      id: 'objectType',
      kind: 'select',
      section: 'service',
      label: L('Объект түрі', 'Тип объекта', 'Object type'),
      required: true,
      defaultValue: 'secondary',
      options: [opt('secondary', 'Қосалқы объект', 'Вторичный объект', 'Secondary object (building, premises)'), opt('primary', 'Бастапқы объект (жер)', 'Первичный объект (земля)', 'Primary object (land)')],
    },
    { id: 'objectAddress', kind: 'address', section: 'service', label: L('Мекенжайы', 'Адрес', 'Address'), required: true, maxLength: 500 },
    { id: 'house', kind: 'text', section: 'service', label: L('Үй', 'Дом', 'House'), required: true, maxLength: 20 },
    { id: 'apartment', kind: 'text', section: 'service', label: L('Пәтер', 'Квартира', 'Apartment'), required: false, maxLength: 20 },
    { id: 'block', kind: 'text', section: 'service', label: L('Корпус', 'Корпус', 'Block'), required: false, maxLength: 20 },
    { id: 'cadastralNumber', kind: 'cadastralNumber', section: 'service', label: L('Кадастрлық нөмір', 'Кадастровый номер', 'Cadastral number'), required: false, allowBuildingSuffix: true },
  ],
  rules: [],
  lifeSituations: realtyLife,
  keywords: { kk: [...realtyKeywords.kk, 'техникалық сипаттама'], ru: [...realtyKeywords.ru, 'технические характеристики', 'правоустанавливающий'] },
  result: [
    {
      id: 'rights-certificate',
      header: 'b',
      title: L(
        'Жылжымайтын мүлікке тіркелген құқықтар (ауыртпалықтар) және оның техникалық сипаттамалары туралы А н ы қ т а м а',
        'С п р а в к а о зарегистрированных правах (обременениях) на недвижимое имущество и его технических характеристиках',
        'Certificate of registered rights (encumbrances) to real estate and its technical characteristics',
      ),
      lines: [
        L('{territorialBody}', '{territorialBody} (территориальный орган Министерства юстиции Республики Казахстан)', '{territorialBody} (territorial body of the Ministry of Justice)'),
        L('1) құқық тіркелген: {rights}', '1) зарегистрировано право: {rights}', '1) registered right: {rights}'),
        L('2) құқықтың ауыртпалығы тіркелген: {encumbrances}', '2) зарегистрировано обременение права: {encumbrances}', '2) registered encumbrance: {encumbrances}'),
        L(
          '3) жылжымайтын мүлікке құқықтар немесе ауыртпалықтар туғызбайтын заңдық талаптар мен мәмілелер тіркелген: {claims}',
          '3) зарегистрированы юридические притязания и сделки, не влекущие возникновение прав или обременений на недвижимое имущество: {claims}',
          '3) registered legal claims and transactions not creating rights or encumbrances: {claims}',
        ),
        L('Техникалық сипаттамалары: {technical}', 'Технические характеристики: {technical}', 'Technical characteristics: {technical}'),
        L('Ескерту: Анықтамадағы мәліметтер берілген сәтте жарамды', 'Примечание: Сведения, содержащиеся в справке, являются действительными на момент выдачи', 'Note: the information in the certificate is valid at the time of issue'),
      ],
      placeholders: ['uniqueNo', 'date', 'territorialBody', 'rights', 'encumbrances', 'claims', 'technical'],
      barcode: 'GBD_RN',
      legalClause: true,
      signer: DEPT,
      provisional: true,
    },
  ],
  refusal: { grounds: [M.M1(), M.M2(), M.M3(), M.M5('ГБД РН', 'ЖМТ МДҚ')], template: genericRefusal(L('жылжымайтын мүлікке құқықтар туралы анықтаманы', 'справки о зарегистрированных правах', 'a rights certificate'), DEPT) },
}

export const realtyAbsencePresenceCertificate: ServiceDefinition = {
  id: 'realty.absence-presence-certificate',
  source: '000 S5',
  name: L('Жылжымайтын мүліктің жоқ (бар) екендігі туралы анықтамалар беру', 'Выдача справок об отсутствии (наличии) недвижимого имущества', 'Certificate of absence (presence) of real estate'),
  shortName: L('Мүліктің жоқтығы (барлығы) туралы анықтама', 'Справка об отсутствии (наличии) недвижимости', 'Real-estate absence/presence certificate'),
  kkProvisional: true,
  provider: PROVIDERS.registration,
  registries: ['GBD_RN', 'GBD_FL', 'GBD_UL', 'NUC'],
  pattern: 'A',
  automation: 'auto',
  interaction: ['I', 'T'],
  channels: { tson: true, provider: false, portal: true, representative: false },
  applicantKinds: ['person', 'entity'],
  fee: { kind: 'none' },
  terms: { regulated: { amount: 30, unit: 'minutes' }, source: 'spec', extendable: false, steps: { tson: TSON_STEPS } },
  documents: [DOC_IDENTITY('none')],
  fields: realtyCommonFields(),
  rules: [],
  lifeSituations: [...realtyLife, L('Әлеуметтік көмек алу', 'Получение социальной помощи', 'Applying for social support')],
  keywords: { kk: [...realtyKeywords.kk, 'жоқ', 'бар', 'мүліктің жоқтығы'], ru: [...realtyKeywords.ru, 'отсутствие', 'наличие', 'нет недвижимости'] },
  result: [
    {
      id: 'absence-presence-certificate',
      header: 'b',
      title: L('Жылжымайтын мүліктің жоқ (бар) екендігі туралы анықтама', 'С п р а в к а об отсутствии (наличии) недвижимого имущества', 'Certificate of absence (presence) of real estate'),
      lines: [
        L('{territorialBody}', '{territorialBody} (территориальный орган Министерства юстиции Республики Казахстан)', '{territorialBody} (territorial body of the Ministry of Justice)'),
        L('№ {certNo} «{dd}» {month} {yyyy} ж.', '№ {certNo} «{dd}» {month} {yyyy} г.', 'No. {certNo}, {dd} {month} {yyyy}'),
        L('Берілді {requester}', 'Выдана {requester} (фамилия, имя, отчество, дата рождения и ИИН физического лица; наименование и БИН юридического лица)', 'Issued to {requester}'),
        L('{subject} атына', 'в том, что за {subject} (для физического лица - фамилия, имя, отчество, дата рождения и ИИН) (для юридического лица - наименование и БИН)', 'that for {subject}'),
        L('Т і р к е л г е н :', 'З а р е г и с т р и р о в а н о :', 'R e g i s t e r e d :'),
        L('{properties}', '{properties}', '{properties}'),
        L('Бұрын аталған тұлғаның атына тіркелген: {formerProperties}', 'Ранее за указанным лицом было зарегистрировано: {formerProperties}', 'Previously registered to this person: {formerProperties}'),
        L('Ескерту: Анықтамадағы мәліметтер берілген сәтте жарамды', 'Примечание: Сведения, содержащиеся в справке, являются действительными на момент выдачи', 'Note: the information in the certificate is valid at the time of issue'),
      ],
      placeholders: ['uniqueNo', 'date', 'territorialBody', 'certNo', 'dd', 'month', 'yyyy', 'requester', 'subject', 'properties', 'formerProperties'],
      barcode: 'GBD_RN',
      legalClause: true,
      signer: DEPT,
    },
  ],
  refusal: { grounds: [M.M1(), M.M2(), M.M3(), M.M5('ГБД РН', 'ЖМТ МДҚ')], template: genericRefusal(L('мүліктің жоқтығы (барлығы) туралы анықтаманы', 'справки об отсутствии (наличии) недвижимого имущества', 'an absence/presence certificate'), DEPT) },
}
