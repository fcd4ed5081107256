/** `legal.gbdul-certificate` (CATALOG §4.3): ГБД ЮЛ, pattern A, four subtypes. */
import { consumerBlock, DOC_IDENTITY, genericRefusal, L, M, opt, PROVIDERS, TSON_STEPS } from '../common'
import type { Condition, ServiceDefinition } from '../types'

const DEPT = L('Тиісті Департамент', 'Соответствующий Департамент', 'The competent Department')
const personSubject: Condition = { field: 'certificateSubtype', equals: 'd' }
const entitySubject: Condition = { field: 'certificateSubtype', oneOf: ['a', 'b', 'c'] }

const common = [
  L('Қазақстан Республикасының Әділет министрлігі', 'Министерство юстиции Республики Казахстан', 'Ministry of Justice of the Republic of Kazakhstan'),
  L('№ {certNo}', '№ {certNo}', 'No. {certNo}'),
  L('Талап етілген орынға берілді', 'дана по месту требования', 'issued for presentation where required'),
  L('Берілді: {requester}', 'Выдана: {requester}', 'Issued to: {requester}'),
  L('ЗТ МДҚ деректері бойынша:', 'Согласно данным ГБД ЮЛ:', 'According to ГБД ЮЛ:'),
]
const template = (id: string, kk: string, ru: string, en: string, body: string) => ({
  id,
  header: 'b' as const,
  title: L(kk, ru, en),
  lines: [...common, L(`{${body}}`, `{${body}}`, `{${body}}`)],
  placeholders: ['uniqueNo', 'date', 'certNo', 'requester', body],
  barcode: 'GBD_UL' as const,
  legalClause: true,
  signer: DEPT,
})

export const legalGbdulCertificate: ServiceDefinition = {
  id: 'legal.gbdul-certificate',
  source: '000 S6',
  name: L('«Заңды тұлғалар» мемлекеттік деректер қорынан анықтама беру', 'Выдача справки из Государственной базы данных "Юридические лица"', 'Certificate from the State DB "Legal Entities"'),
  shortName: L('ЗТ МДҚ анықтамасы', 'Справка из ГБД ЮЛ', 'Legal Entities DB certificate'),
  kkProvisional: true,
  provider: PROVIDERS.registration,
  registries: ['GBD_UL', 'GBD_FL', 'NUC'],
  pattern: 'A',
  automation: 'auto',
  interaction: ['I', 'Inf'],
  channels: { tson: true, provider: false, portal: true, representative: false },
  applicantKinds: ['person', 'entity'],
  fee: { kind: 'none' },
  terms: { regulated: { amount: 30, unit: 'minutes' }, source: 'spec', extendable: false, steps: { tson: TSON_STEPS } },
  documents: [DOC_IDENTITY('none')],
  fields: [
    ...consumerBlock(['person', 'entity']),
    {
      id: 'certificateSubtype',
      kind: 'select',
      section: 'service',
      label: L('Анықтама түрі', 'Вид справки', 'Certificate subtype'),
      required: true,
      options: [
        opt('a', 'Тіркелген заңды тұлға, филиал немесе өкілдік туралы', 'О зарегистрированном юридическом лице, филиале или представительстве', 'On a registered legal entity, branch or representative office'),
        opt('b', 'Заңды тұлғаның филиалдары мен өкілдіктерінің бар екендігі туралы', 'О наличии филиалов и представительств юридического лица', 'On the branches and representative offices of a legal entity'),
        opt('c', 'Заңды тұлғаның басқа заңды тұлғаларға қатысуы туралы', 'Об участии юридического лица в других юридических лицах', 'On a legal entity’s participation in other legal entities'),
        opt('d', 'Жеке тұлғаның заңды тұлғаларға қатысуы туралы', 'Об участии физического лица в юридических лицах', 'On an individual’s participation in legal entities'),
      ],
    },
    { id: 'subjectBin', kind: 'bin', section: 'service', label: L('Объектінің БСН', 'БИН объекта', 'BIN of the subject'), required: entitySubject, visibleWhen: entitySubject },
    { id: 'subjectIin', kind: 'iin', section: 'service', label: L('Объектінің ЖСН', 'ИИН объекта', 'IIN of the subject'), required: personSubject, visibleWhen: personSubject },
    {
      id: 'extendedSearch',
      kind: 'text',
      section: 'service',
      label: L('Кеңейтілген іздеу (атауы немесе тіркеу нөмірі)', 'Расширенный поиск (наименование или регистрационный номер)', 'Extended search (name or registration number)'),
      required: false,
      maxLength: 255,
    },
  ],
  rules: [],
  lifeSituations: [
    L('Бизнес ашу немесе жүргізу', 'Открытие и ведение бизнеса', 'Starting or running a business'),
    L('Тендерге қатысу', 'Участие в тендере', 'Taking part in a tender'),
  ],
  keywords: { kk: ['заңды тұлға', 'ЖШС', 'филиал', 'өкілдік', 'құрылтайшы', 'БСН', 'компания'], ru: ['юридическое лицо', 'ТОО', 'филиал', 'представительство', 'учредитель', 'БИН', 'компания', 'выписка'] },
  result: [
    template('a', 'Тіркелген заңды тұлға, филиал немесе өкілдік туралы анықтама', 'С п р а в к а о зарегистрированном юридическом лице, филиале или представительстве', 'Certificate of a registered legal entity, branch or representative office', 'entityDetails'),
    template('b', 'Заңды тұлғаның филиалдары мен өкілдіктерінің бар екендігі туралы анықтама', 'С п р а в к а о наличии филиалов и представительств юридического лица', 'Certificate of the branches and representative offices of a legal entity', 'branches'),
    template('c', 'Заңды тұлғаның басқа заңды тұлғаларға қатысуы туралы анықтама', 'С п р а в к а об участии юридического лица в других юридических лицах', 'Certificate of a legal entity’s participation in other legal entities', 'participations'),
    template('d', 'Жеке тұлғаның заңды тұлғаларға қатысуы туралы анықтама', 'С п р а в к а об участии физического лица в юридических лицах', 'Certificate of an individual’s participation in legal entities', 'participations'),
  ],
  refusal: { grounds: [M.M1(), M.M2(), M.M3(), M.M5('ИС 2', 'ЗТ МДҚ')], template: genericRefusal(L('ЗТ МДҚ анықтамасын', 'справки из ГБД ЮЛ', 'a Legal Entities DB certificate'), DEPT) },
}
