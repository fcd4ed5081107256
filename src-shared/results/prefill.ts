/**
 * Where a template's values come from (issue 11 point 2): the request (the form the ЦОН typed, the applicant) and the
 * state registries' answers. The specialist's decision form opens with these values, and the gateway's automated
 * responder (pattern A) fills the whole document with them — one mapping, so both issue the same document.
 * A value the answers do not hold stays absent: the form asks the specialist for it, the responder refuses (M5).
 */
import type { FieldDef, Localized } from '../catalog/types'
import type { CivilAct, Entity, LandPlot, Person, RealEstate } from '../gateway/api'
import type { ResultField } from './fields'
import type { ResultRow, ResultValue } from './schema'
import type { ResultTemplate } from './templates'

/** The registries' answers about the request's subject (any may be missing). */
export interface RegistryAnswers {
  /** ГБД ФЛ: the applicant (a person). */
  person?: Person
  /** ГБД ФЛ: the child the request is about (the form's `childIin`). */
  child?: Person
  /** ГБД ЮЛ: the applicant or the entity asked about. */
  entity?: Entity
  /** ГБД ЮЛ: entities the subject takes part in (ГБД ЮЛ subtypes c/d). */
  participations?: Entity[]
  /** ИС ЗАГС: acts of the applicant. */
  civilActs?: CivilAct[]
  /** ГБД РН: real estate of the applicant. */
  realEstate?: RealEstate[]
  /** АИС ГЗК: the plot of the request's cadastral number. */
  landPlot?: LandPlot
}

export interface PrefillInput {
  /** The request's form as signed at the ЦОН. */
  form: Record<string, unknown>
  applicant: { kind: 'person' | 'entity'; iin?: string; bin?: string }
  registries: RegistryAnswers
  /** The service's form definition (select options in words). */
  formFields?: readonly FieldDef[]
  /** Registry-issued numbers the simulated registries do not hold (the справка's number) take the request's. */
  registrationNumber?: string
  /** The day the request was received (ISO date): a date the request names without a form field (received on). */
  receivedOn?: string
}

type Name = { lastName: string; firstName: string; middleName?: string }
const fullName = (n: Name) => [n.lastName, n.firstName, n.middleName].filter(Boolean).join(' ')
const loc = (v: { kk: string; ru: string }): Localized => ({ kk: v.kk, ru: v.ru, en: v.ru })
const isScalar = (v: unknown): v is string | number | boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
const RIGHT_KIND: Record<LandPlot['rightKind'], string> = { ownership: 'частная собственность', 'permanent-use': 'постоянное землепользование', 'temporary-use': 'временное землепользование' }
const PRODUCTION: Record<LandPlot['idDocument']['status'], string> = { ordered: 'заказ принят', 'in-production': 'идёт изготовление', ready: 'изготовлен, готов к выдаче', issued: 'выдан' }
const OBJECT_KIND: Record<RealEstate['kind'], string> = { apartment: 'квартира', house: 'жилой дом', 'non-residential': 'нежилое помещение', land: 'земельный участок' }

/** The applicant's name as the documents address them: ГБД ФЛ's ФИО, the entity's name, else the form's. */
export function applicantName(p: PrefillInput): string | undefined {
  if (p.registries.person && p.applicant.kind === 'person') return fullName(p.registries.person.name.ru)
  if (p.registries.entity && p.applicant.kind === 'entity') return p.registries.entity.name.ru
  const typed = ['applicantFullName', 'fullName', 'entityName'].map((k) => p.form[k]).find((v) => typeof v === 'string' && v.trim())
  return typed as string | undefined
}

function act(p: PrefillInput, t: ResultTemplate): CivilAct | undefined {
  const acts = p.registries.civilActs ?? []
  const type = t.id === 'name-change' ? 'name-change' : t.id
  return acts.find((a) => a.type === type) ?? acts[0]
}

function party(a: CivilAct | undefined, role: string, index = 0): string | undefined {
  const x = a?.parties.filter((q) => q.role === role)[index]
  return x ? fullName(x.name.ru) : undefined
}

function entityRow(e: Entity): ResultRow {
  return {
    name: e.name.ru, registeringBody: 'Департамент юстиции', registrationKind: 'государственная регистрация', lastRegistration: e.registeredAt,
    firstRegistration: e.registeredAt, bin: e.bin, head: fullName(e.head.name.ru),
    founders: e.founders.map((f) => `${f.kind === 'person' ? fullName(f.name.ru) : f.name.ru} (${f.sharePercent} %)`).join('; '), activity: e.legalForm, legalAddress: e.address.ru,
  }
}

function registryValue(f: ResultField, p: PrefillInput, t: ResultTemplate): ResultValue | undefined {
  const r = p.registries
  const person = r.person
  const plot = r.landPlot
  const a = act(p, t)
  const owners = (x: RealEstate) => x.owners.map((o) => `${o.iin ? `ИИН ${o.iin}` : `БИН ${o.bin}`} (${o.sharePercent} %)`).join('; ')
  switch (f.id) {
    case 'childFio':
      return r.child ? fullName(r.child.name.ru) : typeof p.form.childFullName === 'string' && p.form.childFullName ? p.form.childFullName : undefined
    case 'childDob':
      return r.child?.birthDate ?? (typeof p.form.childBirthDate === 'string' && p.form.childBirthDate ? p.form.childBirthDate : undefined)
    case 'birthYear':
      return person ? Number(person.birthDate.slice(0, 4)) : undefined
    case 'address':
      return person?.address.ru
    case 'idNo':
      return person?.document?.number
    case 'idDate':
      return person?.document?.issuedAt
    case 'idIssuer':
      return person?.document ? 'МВД РК' : undefined
    case 'justiceBody':
      return a ? loc(a.registryOffice) : undefined
    case 'actDate':
      return a?.registeredAt
    case 'actNo':
      return a?.actNumber
    case 'fatherFio':
      return party(a, 'father')
    case 'motherFio':
      return party(a, 'mother')
    case 'city':
    case 'district':
      return a?.details.placeOfBirth?.replace(/^г\.\s*/, '') ?? undefined
    case 'oblast':
      return a ? a.registryOffice.ru : undefined
    case 'husbandFio':
      return party(a, 'spouse', 0)
    case 'wifeFio':
      return party(a, 'spouse', 1)
    case 'husbandSurname':
      return a?.parties.filter((q) => q.role === 'spouse')[0]?.name.ru.lastName
    case 'wifeSurname':
      return a?.parties.filter((q) => q.role === 'spouse')[1]?.name.ru.lastName
    case 'surnameBefore':
      return a?.details.previousLastName
    case 'surnameAfter':
      return a?.parties[0]?.name.ru.lastName
    case 'nameBefore':
    case 'nameAfter':
      return a?.parties[0]?.name.ru.firstName
    case 'patronymicBefore':
    case 'patronymicAfter':
      return a?.parties[0]?.name.ru.middleName
    case 'territorialBody':
      return r.realEstate ? { kk: 'Әділет министрлігінің аумақтық органы', ru: 'Территориальный орган Министерства юстиции', en: 'Territorial body of the Ministry of Justice' } : undefined
    case 'rights':
      return r.realEstate?.map((x) => ({ rightType: 'собственность', holder: owners(x), share: x.owners.length > 1 ? 'общая долевая' : 'индивидуальная', basis: '—', registeredAt: x.owners[0]?.since ?? '—' }))
    case 'encumbrances':
      return r.realEstate?.flatMap((x) => x.encumbrances.map((e) => ({ kind: e.kind, content: x.address.ru, holder: e.holder, basis: '—', registeredAt: e.since })))
    case 'claims':
      return r.realEstate ? [] : undefined
    case 'technical':
      return r.realEstate?.map((x) => ({ cadastralNumber: x.cadastralNumber, objectType: OBJECT_KIND[x.kind], purpose: x.kind === 'non-residential' ? 'нежилое' : 'жилое', address: x.address.ru, totalArea: x.areaM2, ...(x.technical.floors ? { floors: x.technical.floors } : {}), ...(x.technical.builtYear ? { yearBuilt: x.technical.builtYear } : {}), ...(x.technical.rooms ? { rooms: x.technical.rooms } : {}) }))
    case 'properties':
      return r.realEstate?.map((x) => ({ address: x.address.ru, object: `${OBJECT_KIND[x.kind]}, ${x.cadastralNumber}`, rightType: 'собственность', basis: x.owners[0]?.since ?? '—', encumbrances: x.encumbrances.length ? x.encumbrances.map((e) => e.kind).join('; ') : 'нет', claims: 'нет' }))
    case 'formerProperties':
      return r.realEstate ? [] : undefined
    case 'entityDetails':
      return r.entity ? [entityRow(r.entity)] : undefined
    case 'branches':
      return r.entity?.branches.map((b) => ({ name: b.name.ru, bin: b.bin }))
    case 'participations':
      return r.participations?.map((e) => { const x = entityRow(e); return { name: x.name, firstRegistration: x.firstRegistration, bin: x.bin, head: x.head, activity: x.activity, legalAddress: x.legalAddress } })
    case 'location':
      return plot?.address.ru
    case 'areaHa':
      return plot?.areaHa
    case 'purpose':
      return plot?.purpose.ru
    case 'cadastralValue':
      return plot?.cadastralValue
    case 'landCategory':
      return plot ? 'земли населённых пунктов' : undefined
    case 'divisibility':
      return plot ? 'делимый' : undefined
    case 'restrictions':
      return plot ? 'нет' : undefined
    case 'holder':
      return plot?.holders.map((h) => (h.iin ? `ИИН ${h.iin}` : `БИН ${h.bin}`)).join('; ')
    case 'rightType':
      return plot ? RIGHT_KIND[plot.rightKind] : undefined
    case 'share':
      return plot ? (plot.holders.length > 1 ? `1/${plot.holders.length}` : '1/1') : undefined
    case 'registrationDate':
    case 'titleDocumentDate':
      return plot?.primaryTitle.issuedAt
    case 'titleDocumentType':
      return plot ? 'решение о предоставлении права' : undefined
    case 'titleDocumentNo':
      return plot?.primaryTitle.documentNumber
    case 'issuingBody':
      return plot?.primaryTitle.issuer
    case 'rightTerm':
      return plot ? (plot.rightKind === 'temporary-use' ? 'временно' : 'бессрочно') : undefined
    case 'orderNo':
      return plot?.idDocument.number ?? (plot ? `З-${plot.cadastralNumber}` : undefined)
    case 'orderDate':
    case 'plannedReadyDate':
      return plot?.idDocument.updatedAt
    case 'productionStage':
      return plot ? PRODUCTION[plot.idDocument.status] : undefined
    case 'contractor':
      return plot ? 'НПЦзем' : undefined
    default:
      return undefined
  }
}

/** The values of the template's request and registry fields that the request and the answers hold. */
export function prefillValues(t: ResultTemplate, p: PrefillInput): Record<string, ResultValue> {
  const out: Record<string, ResultValue> = {}
  const name = applicantName(p)
  for (const f of t.fields) {
    let v: ResultValue | undefined
    if (f.source === 'request') {
      if (f.from === 'applicant') v = f.id === 'requester' || f.id === 'subject' ? (name ? `${name}${p.applicant.iin ? `, ИИН ${p.applicant.iin}` : p.applicant.bin ? `, БИН ${p.applicant.bin}` : ''}` : undefined) : name
      else if (f.id.startsWith('certificateType') && typeof p.form.certificateType === 'string') {
        // certificateTypeKk/Ru/En: the option's words in that language («о рождении»), never the option's code.
        const lang = f.id.slice('certificateType'.length).toLowerCase() as 'kk' | 'ru' | 'en'
        const def = p.formFields?.find((x) => x.id === 'certificateType')
        const label = def?.kind === 'select' ? def.options.find((o) => o.value === p.form.certificateType)?.label[lang] : undefined
        v = label ?? p.form.certificateType
      }
      else if (f.from) {
        const raw = p.form[f.from]
        // A choice of the request's form (the housing category) is written in words, in the three languages.
        const def = p.formFields?.find((x) => x.id === f.from)
        const option = def?.kind === 'select' && f.kind !== 'select' ? def.options.find((o) => o.value === raw) : undefined
        if (option) v = { kk: option.label.kk, ru: option.label.ru, en: option.label.en }
        else if (isScalar(raw) && raw !== '') v = raw
        else if (Array.isArray(raw) && f.kind === 'list') v = raw.filter((x): x is ResultRow => !!x && typeof x === 'object')
        // A count from a list of the request (the housing family's size): the applicant and the members listed.
        else if (Array.isArray(raw) && f.kind === 'number') v = raw.length + 1
      }
    } else if (f.source === 'registry') {
      v = registryValue(f, p, t)
    }
    if (v === undefined && f.id === 'certNo' && p.registrationNumber) v = p.registrationNumber
    if (v === undefined && f.source === 'request' && !f.from && f.kind === 'date' && p.receivedOn) v = p.receivedOn
    if (v !== undefined && v !== '') out[f.id] = v
  }
  return out
}
