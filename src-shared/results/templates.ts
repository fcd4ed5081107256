/**
 * Every document a service can issue, as data: the catalogue's result and refusal templates (their body lines stay in
 * src-shared/catalog/services — one definition) with their fields, plus the two documents every service shares: the
 * §5.5a acceptance notice and the §5.5d ЦОН receipt. The decision form, the automated responder and printing all
 * read templates from here.
 */
import { akimatRefusalLetter, L } from '../catalog/common'
import type { DocumentTemplate, Localized, RefusalCode, ServiceDefinition } from '../catalog/types'
import { ArmError } from '../errors'
import { fieldSpec, type ResultField } from './fields'
import type { DocumentKind } from './schema'

export interface ResultTemplate {
  serviceId: string
  id: string
  kind: DocumentKind
  /** §5.1 header variant. */
  header: 'a' | 'b' | 'c'
  title: Localized
  /** Body lines with `{field}` placeholders, in order. */
  lines: Localized[]
  /** Every placeholder of the title and the lines, in order of first use. */
  fields: ResultField[]
  /** §5.3 barcode note source. */
  barcode?: DocumentTemplate['barcode']
  legalClause: boolean
  /** The signer's position as the regulation names it (§5.4). */
  signer: Localized
  /** Print every body line in kk and in ru (the §5.5d receipt is bilingual). */
  bilingual: boolean
  /** The body is the CATALOG DEFAULT field set where the source lost it (G20). */
  provisional: boolean
  /** Refusals: the grounds this template answers, where a service has more than one refusal form. */
  grounds?: RefusalCode[]
}

const ACCEPTANCE: Omit<ResultTemplate, 'serviceId' | 'signer' | 'fields'> = {
  id: 'acceptance-notice',
  kind: 'acceptance',
  header: 'c',
  title: L('Х А Б А Р Л А М А', 'У В Е Д О М Л Е Н И Е', 'N O T I C E'),
  lines: [
    L('Талап етілген орынға берілді', 'Дана по месту требования', 'Issued for presentation where required'),
    L(
      '{fio} {submittedAt} ж. «{serviceName}» қызметін алуға өтінім жолдағаны және біз Сіздің № {requestNo} сауалыңызды өңдеуге қабыл алғанымыз туралы.',
      'О том что {fio} отправил(а) заявку {submittedAt} г. на получение услуги «{serviceName}» и в том, что мы приняли Ваш запрос под № {requestNo} на обработку.',
      'This is to confirm that {fio} applied on {submittedAt} for the service "{serviceName}" and that we accepted your request No. {requestNo} for processing.',
    ),
  ],
  legalClause: true,
  bilingual: false,
  provisional: false,
}

/** §5.5d DEFAULT: the seeds have no расписка; the field list is the catalogue's. */
const RECEIPT: Omit<ResultTemplate, 'serviceId' | 'fields'> = {
  id: 'tson-receipt',
  kind: 'receipt',
  header: 'c',
  title: L('ҚҰЖАТТАРДЫ ҚАБЫЛДАУ ТУРАЛЫ ҚОЛХАТ', 'РАСПИСКА О ПРИЁМЕ ДОКУМЕНТОВ', 'RECEIPT FOR DOCUMENTS'),
  lines: [
    L('{tsonName}', '{tsonName}', '{tsonName}'),
    L('Сұрау № {requestNo}', 'Запрос № {requestNo}', 'Request No. {requestNo}'),
    L('Қабылданды: {acceptedAt}', 'Принят: {acceptedAt}', 'Accepted: {acceptedAt}'),
    L('Қызмет: {serviceName}', 'Услуга: {serviceName}', 'Service: {serviceName}'),
    L('Тұтынушы: {fio}, ЖСН/БСН {consumerId}', 'Потребитель: {fio}, ИИН/БИН {consumerId}', 'Consumer: {fio}, IIN/BIN {consumerId}'),
    L('Өкіл: {representative}, сенімхат {poa}', 'Представитель: {representative}, доверенность {poa}', 'Representative: {representative}, power of attorney {poa}'),
    L('Қабылданған құжаттар:', 'Принятые документы:', 'Documents received:'),
    L('{documents}', '{documents}', '{documents}'),
    L('Нәтиже дайын болатын мерзім: {dueDate}', 'Срок готовности результата: {dueDate}', 'Result due by: {dueDate}'),
    L('Оператор: {operatorName}', 'Оператор: {operatorName}', 'Operator: {operatorName}'),
    L('Қызметтерді алу тарихы: egov.kz «Қызметтерді алу тарихы», 1414', 'История получения услуг: egov.kz «История получения услуг», 1414', 'Service history: egov.kz "Service history", 1414'),
  ],
  legalClause: false,
  signer: L('ХҚКО операторы', 'Оператор ЦОН', 'ЦОН operator'),
  bilingual: true,
  provisional: true,
}

const RECEIPT_FIELDS: Record<string, Omit<ResultField, 'id'>> = {
  tsonName: { kind: 'text', source: 'system', label: L('ХҚКО', 'ЦОН', 'ЦОН') },
  acceptedAt: { kind: 'text', source: 'system', label: L('Қабылданған күні мен уақыты', 'Дата и время приёма', 'Accepted at') },
  consumerId: { kind: 'iin', source: 'request', from: 'applicantIin', label: L('ЖСН/БСН', 'ИИН/БИН', 'IIN/BIN') },
  representative: { kind: 'text', source: 'request', from: 'representativeFullName', optional: true, label: L('Өкіл', 'Представитель', 'Representative') },
  poa: { kind: 'text', source: 'request', from: 'poaNumber', optional: true, label: L('Сенімхат', 'Доверенность', 'Power of attorney') },
  documents: {
    kind: 'list',
    source: 'request',
    label: L('Қабылданған құжаттар', 'Принятые документы', 'Documents received'),
    emptyText: L('Қағаз құжаттар қабылданған жоқ', 'Бумажные документы не принимались', 'No paper documents received'),
    item: [{ id: 'name', kind: 'text', source: 'request', label: L('Құжат', 'Документ', 'Document') }],
  },
  dueDate: { kind: 'date', source: 'system', label: L('Нәтиже мерзімі', 'Срок результата', 'Due date') },
  operatorName: { kind: 'text', source: 'system', label: L('Оператор', 'Оператор', 'Operator') },
}

function placeholders(t: { title: Localized; lines: Localized[] }): string[] {
  const seen: string[] = []
  for (const text of [t.title, ...t.lines]) for (const lang of ['ru', 'kk', 'en'] as const) for (const m of text[lang].matchAll(/\{(\w+)\}/g)) if (!seen.includes(m[1])) seen.push(m[1])
  return seen
}

function fieldsOf(serviceId: string, t: { title: Localized; lines: Localized[] }, extra: Record<string, Omit<ResultField, 'id'>> = {}): ResultField[] {
  return placeholders(t).map((id) => {
    const x = extra[id]
    const spec = x ? { id, ...x } : fieldSpec(serviceId, id)
    // A placeholder with no meaning is a defect of the data, caught by test/shared/results/results.test.ts, never at a desk.
    if (!spec) throw new ArmError('CATALOG_DEFINITION_INVALID', `${serviceId}: no field definition for {${id}}`)
    return spec
  })
}

function fromCatalogue(s: ServiceDefinition, t: DocumentTemplate, kind: DocumentKind): ResultTemplate {
  return {
    serviceId: s.id,
    id: t.id,
    kind,
    header: t.header,
    title: t.title,
    lines: t.lines,
    fields: fieldsOf(s.id, t),
    ...(t.barcode ? { barcode: t.barcode } : {}),
    legalClause: t.legalClause,
    signer: t.signer,
    bilingual: false,
    provisional: t.provisional ?? false,
  }
}

const GUARDIANSHIP = 'akimat.guardianship-certificate'
const cache = new WeakMap<ServiceDefinition, ResultTemplate[]>()

/** All templates of a service: results (all subtypes), refusal, acceptance notice, ЦОН receipt. */
export function serviceTemplates(s: ServiceDefinition): ResultTemplate[] {
  const hit = cache.get(s)
  if (hit) return hit
  const out: ResultTemplate[] = []
  for (const t of s.result) out.push(fromCatalogue(s, t, t.id === 'acceptance-notice' ? 'acceptance' : 'result'))
  if (s.id === GUARDIANSHIP) {
    // CATALOG §4.5.6: «no record in the register» (M7) has its own form; any other refusal is the free-form letter.
    const others = s.refusal.grounds.map((g) => g.code).filter((c) => c !== 'M7')
    out.push({ ...fromCatalogue(s, s.refusal.template, 'refusal'), grounds: ['M7'] })
    out.push({ ...fromCatalogue(s, akimatRefusalLetter(L('қорғаншылық және қамқоршылық бойынша анықтаманы', 'справки по опеке и попечительству', 'the guardianship certificate'), s.refusal.template.signer), 'refusal'), grounds: others })
  } else out.push(fromCatalogue(s, s.refusal.template, 'refusal'))
  if (!out.some((t) => t.kind === 'acceptance')) {
    const a = { ...ACCEPTANCE, serviceId: s.id, signer: s.provider.name }
    out.push({ ...a, fields: fieldsOf(s.id, a) })
  }
  if (s.channels.tson) out.push({ ...RECEIPT, serviceId: s.id, fields: fieldsOf(s.id, RECEIPT, RECEIPT_FIELDS) })
  cache.set(s, out)
  return out
}

/** The template, or RESULT_TEMPLATE_UNKNOWN. */
export function findTemplate(s: ServiceDefinition, templateId: string): ResultTemplate {
  const t = serviceTemplates(s).find((x) => x.id === templateId)
  if (!t) throw new ArmError('RESULT_TEMPLATE_UNKNOWN', `${s.id} has no template "${templateId}"`, { serviceId: s.id, templateId })
  return t
}

/** The first template of a kind (the default the decision form opens with). */
export function defaultTemplate(s: ServiceDefinition, kind: DocumentKind): ResultTemplate | undefined {
  return serviceTemplates(s).find((t) => t.kind === kind)
}

/** Fields the decision form shows (not formed by the document itself), with where they are prefilled from. */
export function formFields(t: ResultTemplate): ResultField[] {
  return t.fields.filter((f) => f.source !== 'system')
}
