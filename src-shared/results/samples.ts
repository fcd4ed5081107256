/**
 * Sample values of every template field, for `arm print --sample` (administrators reviewing templates) and the tests.
 * Numbers follow the seeds' samples (CATALOG §4.1.3 actNo, §4.2.3 uniqueNo…); names are invented.
 */
import { L } from '../catalog/common'
import type { ServiceDefinition } from '../catalog/types'
import type { DecisionDocument, DocumentKind, ResultValue } from './schema'
import { DECISION_SCHEMA_ID } from './schema'
import type { ResultTemplate } from './templates'

const PROPERTY = { address: 'г. Семей, ул. Абая, д. 12, кв. 5 (РКА 0201300012345678)', object: 'квартира, жилое, 05-085-012-345:01', rightType: 'собственность, индивидуальная', basis: 'договор купли-продажи от 12.04.2019, 15.04.2019 10:32', encumbrances: 'нет', claims: 'нет' }
const ENTITY = { name: 'ТОО «Ертіс Құрылыс»', registeringBody: 'Департамент юстиции Абайской области', registrationKind: 'перерегистрация', lastRegistration: '20 августа 2007 года № 18225-1901-ТОО', firstRegistration: '2003-03-14', bin: '030340001234', head: 'Сейткали Нурлан Ержанович', founders: 'Сейткали Н. Е. (100 %)', activity: 'строительство жилых зданий', legalAddress: 'г. Семей, ул. Шакарима, 44' }

const COMMON: Record<string, ResultValue> = {
  fio: 'Ахметова Айгерим Серікқызы',
  applicantFio: 'Ахметова Айгерим Серікқызы',
  applicant: 'Ахметова Айгерим Серікқызы',
  requester: 'Ахметова Айгерим Серікқызы, 14.03.1988, ИИН 880314400125',
  subject: 'Ахметова Айгерим Серікқызы, 14.03.1988, ИИН 880314400125',
  guardianFio: 'Ахметова Айгерим Серікқызы',
  parentFio: 'Ахметова Айгерим Серікқызы',
  birthYear: 1988,
  address: 'г. Семей, ул. Абая, д. 12, кв. 5',
  headFio: 'Жумабаев Ерлан Кайратович',
  specialistFio: 'Омарова Динара Болатовна',
  childFio: 'Ахметов Алихан Нурланович',
  childDob: '2021-06-02',
  city: 'Семей',
  certNo: '4F2A9C01B7D3E5F60718293A4B5C6D7E',
  justiceBody: L('Семей қаласының тіркеу бөлімі', 'Отдел регистрации актов гражданского состояния города Семей', 'Semey civil registry office'),
  actDate: '2015-03-15',
  actNo: '10-101-09-0000007',
  fatherFio: 'Ахметов Серік Нұрланұлы',
  motherFio: 'Ахметова Гүлнар Ерланқызы',
  district: 'Семей',
  oblast: 'Абай облысы / Абайская область',
  husbandFio: 'Ахметов Нурлан Серикович, 1986',
  wifeFio: 'Ахметова Айгерим Серікқызы, 1988',
  husbandSurname: 'Ахметов',
  wifeSurname: 'Ахметова',
  surnameBefore: 'Серікова',
  surnameAfter: 'Ахметова',
  nameBefore: 'Айгерим',
  nameAfter: 'Айгерим',
  patronymicBefore: 'Серікқызы',
  patronymicAfter: 'Серікқызы',
  certificateTypeKk: 'туу туралы',
  certificateTypeRu: 'о рождении',
  certificateTypeEn: 'of birth',
  territorialBody: L('Абай облысының әділет департаменті', 'Департамент юстиции Абайской области', 'Justice Department of Abai region'),
  rights: [{ rightType: 'собственность', holder: 'Ахметова Айгерим Серікқызы, ИИН 880314400125', share: 'индивидуальная', basis: 'договор купли-продажи от 12.04.2019', registeredAt: '15.04.2019 10:32' }],
  encumbrances: [],
  claims: [],
  technical: [{ cadastralNumber: '05-085-012-345:01', objectType: 'квартира', purpose: 'жилое', address: 'г. Семей, ул. Абая, д. 12, кв. 5', totalArea: 64.2, livingArea: 41.5, floors: 5, yearBuilt: 1978, rooms: 3 }],
  properties: [PROPERTY],
  formerProperties: [],
  entityDetails: [ENTITY],
  branches: [{ name: 'Филиал ТОО «Ертіс Құрылыс» в г. Павлодар', lastRegistration: '11 мая 2012 года № 3301-1945-Ф-л', firstRegistration: '2012-05-11', bin: '120541012345', head: 'Ким Андрей Викторович', activity: 'строительство', legalAddress: 'г. Павлодар, ул. Ломова, 17' }],
  participations: [{ name: 'ТОО «Семей Бетон»', firstRegistration: '2010-09-01', bin: '100940005678', head: 'Алиев Тимур Маратович', activity: 'производство бетона', legalAddress: 'г. Семей, ул. Глинки, 3' }],
  cadastralNumber: '05-085-012-345',
  location: 'Абайская область, г. Семей, ул. Абая, 12',
  orderNo: 'З-2026-004512',
  orderDate: '2026-11-02',
  productionStage: 'землеустроительные работы завершены, идёт изготовление',
  plannedReadyDate: '2026-12-18',
  contractor: 'Семейский филиал НПЦзем',
  areaHa: 0.12,
  landCategory: 'земли населённых пунктов',
  purpose: 'для обслуживания жилого дома',
  divisibility: 'делимый',
  restrictions: 'нет',
  cadastralValue: 1250000,
  holder: 'Ахметова Айгерим Серікқызы, ИИН 880314400125',
  rightType: 'частная собственность',
  share: '1/1',
  registrationDate: '2019-04-15',
  titleDocumentType: 'постановление акимата',
  titleDocumentNo: '1184',
  titleDocumentDate: '1998-07-20',
  issuingBody: 'Акимат города Семей',
  rightTerm: 'бессрочно',
}

const BY_SERVICE: Record<string, Record<string, ResultValue>> = {
  'zags.civil-status-certificate': { fio: 'Ахметов Алихан Нурланович', birthYear: 2015, city: 'Семей' },
  'zags.marriage-application': { date: '2026-12-01', ceremonyDate: '2026-12-26', time: '11:30', zagsAddress: 'г. Семей, ул. Кабанбай батыра, 46, Дворец бракосочетания' },
  'zags.repeat-certificate': { date: '2026-12-01' },
  'akimat.unemployed-certificate': {
    registrationDate: '2026-09-14',
    publicWorks: 'с 01.10.2026 по 30.11.2026, благоустройство города',
    training: 'не проходил(а)',
    socialAid: 'не назначена',
    purpose: 'по месту требования',
  },
  'akimat.disabled-child-home-support': {
    amount: 21500,
    from: '2027-01-01',
    to: '2027-12-31',
    payments: [
      { quarter: 1, year: 2027, amount: 64500 },
      { quarter: 2, year: 2027, amount: 64500 },
    ],
  },
  'akimat.preschool-queue': { refNo: '2026-0457', ddoNo: '12', city: 'Семей', street: 'Сатпаева, 18', queueNo: 318 },
  'akimat.minor-deposits-certificate': {
    idNo: '041234567',
    idDate: '2019-05-20',
    idIssuer: 'МВД РК',
    children: [{ fullName: 'Ахметов Алихан Нурланович', birthYear: 2015 }],
    fundName: 'АО «ЕНПФ»',
    inheritanceDate: '2026-10-05',
    notaryName: 'Бекова А. М. (лицензия № 0001234 от 11.02.2009, выдана МЮ РК)',
    deceasedFullName: 'Ахметов Нурлан Серикович',
    deathCertificateDate: '2026-04-11',
    deathCertificateNo: '0712345',
    bankName: 'АО «Халык Банк Казахстана»',
    policeUnit: 'Управление административной полиции ДП Абайской области',
    transactionType: 'продажу',
    vehicle: 'Toyota Camry, 123ABC18, JTNB11HK103456789',
  },
  'akimat.minor-property-certificate': { children: [{ fullName: 'Ахметов Алихан Нурланович', birthYear: 2015 }], transactionType: 'sale', address: 'г. Семей, ул. Абая, д. 12, кв. 5' },
  'akimat.guardianship-certificate': { certNo: '157', resNo: '842', resDate: '2024-02-19', wardFio: 'Ахметов Алихан Нурланович', wardBirthYear: 2015, propertyClause: 'none' },
  'akimat.housing-queue': { decisionDate: '2026-11-20', decisionNo: '17/2', category: 'многодетные семьи', appDate: '2026-10-01', appNo: '3345', n: 5, queueNo: 1204 },
  'archive.certificate': {
    type: 'о трудовом стаже',
    period: '1995–2001',
    content: 'В документах по личному составу ТОО «Семей Жүн» значится Ахметова А. С., принята 01.09.1995 (приказ № 112-к), уволена 30.06.2001 (приказ № 84-к).',
    basis: 'Ф. 1182, оп. 2-л, д. 15, 21',
    directorFio: 'Касымова Раушан Толегеновна',
    archivistFio: 'Ибраева Сауле Маратовна',
    attachments: 'копии приказов на 2 л.',
  },
}

const RECEIPT: Record<string, ResultValue> = {
  consumerId: '880314400125',
  representative: '',
  poa: '',
  documents: [{ name: 'Документ, удостоверяющий личность (оригинал возвращён)' }],
  // Filled by the desk, not typed: the ЦОН, the due date from the working-day calendar.
  tsonName: L('«Азаматтарға арналған үкімет» МК КЕАҚ Семей қ. №1 ХҚКО', 'ЦОН № 1 г. Семей НАО «ГК «Правительство для граждан»', 'ЦОН No. 1, Semey'),
  dueDate: '2026-12-08',
}

/** Sample values of a template's non-system fields; a field without a sample is simply absent (then the check fails). */
export function sampleValues(t: ResultTemplate): Record<string, ResultValue> {
  const pool = { ...COMMON, ...(BY_SERVICE[t.serviceId] ?? {}), ...(t.kind === 'receipt' ? RECEIPT : {}) }
  const out: Record<string, ResultValue> = {}
  for (const f of t.fields) if ((f.source !== 'system' || t.kind === 'receipt') && pool[f.id] !== undefined) out[f.id] = pool[f.id]
  return out
}

export const SAMPLE_APPLICANT = { kind: 'person' as const, iin: '880314400125', name: 'Ахметова Айгерим Серікқызы' }
export const SAMPLE_REFUSAL_TEXT = 'В представленном свидетельстве о рождении не совпадает дата рождения ребёнка с данными ГБД ФЛ.'
/** The same reason in Kazakh: a refusal gives its reason in both languages (each letter prints its own). */
export const SAMPLE_REFUSAL_TEXT_KK = 'Ұсынылған туу туралы куәліктегі баланың туған күні ЖТ МДҚ деректерімен сәйкес келмейді.'

/** The printed signer is the one the body names (the archive's director, the department head). */
function signerName(values: Record<string, ResultValue>): string {
  const named = values.directorFio ?? values.headFio
  return typeof named === 'string' ? named : 'Жумабаев Ерлан Кайратович'
}

/** A complete sample document of a template (not signed: printing marks it as a sample). */
export function sampleDocument(s: ServiceDefinition, t: ResultTemplate, at = new Date('2026-12-07T09:15:00Z')): DecisionDocument {
  const kind: DocumentKind = t.kind
  const refusalCode = t.grounds?.[t.grounds.length > 1 ? t.grounds.length - 2 : 0] ?? s.refusal.grounds.find((g) => g.stage === 'refused')?.code ?? s.refusal.grounds[0]?.code ?? 'OTHER'
  return {
    schema: DECISION_SCHEMA_ID,
    registrationNumber: kind === 'receipt' ? '000154' : '20261207-000154',
    serviceId: s.id,
    templateId: t.id,
    kind,
    decidedAt: at.toISOString(),
    applicant: SAMPLE_APPLICANT,
    values: sampleValues(t),
    ...(kind === 'refusal' ? { refusal: { code: refusalCode, text: SAMPLE_REFUSAL_TEXT, kk: SAMPLE_REFUSAL_TEXT_KK } } : {}),
    signer:
      kind === 'receipt'
        ? { role: 'operator', name: 'Серикова Жанар Асылбековна', position: L('ХҚКО операторы', 'Оператор ЦОН', 'ЦОН operator'), iin: '900101400127' }
        : s.pattern === 'B'
          ? { role: 'specialist', name: signerName(sampleValues(t)), position: t.signer, iin: '800515300128', unit: s.provider.name, region: L('Абай облысы', 'Абайская область', 'Abai region') }
          : { role: 'department', name: s.provider.name.ru, position: t.signer, bin: '990240000122' },
  }
}
