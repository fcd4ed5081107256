/**
 * Synthetic, deterministic state-registry data: every ИИН/БИН passes the check digit (src-shared/identity makes them),
 * names are given in Kazakh and Russian. The demo people of the project are always present; the rest is generated
 * from a seeded PRNG so every gateway start (and every test) sees the same registries.
 */
import { makeBin, makeIin } from '../../src-shared/identity'
import type { ArchiveRecord, CivilAct, Entity, GuardianshipRecord, LandPlot, Person, PowerOfAttorney, RealEstate } from '../../src-shared/gateway/api'

type Name = { lastName: string; firstName: string; middleName?: string }
type KkRu = { kk: Name; ru: Name }

/** Demo people (valid ИИН) named in the project brief. */
export const DEMO_PEOPLE = {
  operator: { iin: '830717350867', kk: { lastName: 'Асанова', firstName: 'Айгерім', middleName: 'Серікқызы' }, ru: { lastName: 'Асанова', firstName: 'Айгерим', middleName: 'Сериковна' }, birthDate: '1983-07-17', sex: 'F' as const },
  specialist: { iin: '871008401427', kk: { lastName: 'Беков', firstName: 'Ерлан' }, ru: { lastName: 'Беков', firstName: 'Ерлан' }, birthDate: '1987-10-08', sex: 'M' as const },
  supervisor: { iin: '760212350620', kk: { lastName: 'Сапарова', firstName: 'Динара' }, ru: { lastName: 'Сапарова', firstName: 'Динара' }, birthDate: '1976-02-12', sex: 'F' as const },
}
export const DEMO_DEPARTMENT_BIN = '940140000385'

// Surname pairs (kk, ru) by sex, first names (kk, ru), patronymic roots.
const SURNAMES: [string, string][] = [
  ['Әбдіков', 'Абдиков'], ['Жұмабаев', 'Жумабаев'], ['Нұрланов', 'Нурланов'], ['Сәрсенбаев', 'Сарсенбаев'], ['Қасымов', 'Касымов'],
  ['Төлегенов', 'Тулегенов'], ['Оспанов', 'Оспанов'], ['Бекқожин', 'Беккожин'], ['Ержанов', 'Ержанов'], ['Мұхамедиев', 'Мухамедиев'],
  ['Иванов', 'Иванов'], ['Ким', 'Ким'], ['Смағұлов', 'Смагулов'], ['Құдайбергенов', 'Кудайбергенов'], ['Әлиев', 'Алиев'],
]
const MALE: [string, string][] = [['Айдос', 'Айдос'], ['Нұрсұлтан', 'Нурсултан'], ['Ерлан', 'Ерлан'], ['Дәулет', 'Даулет'], ['Асқар', 'Аскар'], ['Бауыржан', 'Бауыржан'], ['Тимур', 'Тимур'], ['Әлихан', 'Алихан']]
const FEMALE: [string, string][] = [['Айгерім', 'Айгерим'], ['Гүлнар', 'Гульнар'], ['Дана', 'Дана'], ['Әсем', 'Асем'], ['Жанар', 'Жанар'], ['Мадина', 'Мадина'], ['Сәуле', 'Сауле'], ['Ақбота', 'Акбота']]
const FATHERS: [string, string][] = [['Серік', 'Серик'], ['Қайрат', 'Кайрат'], ['Марат', 'Марат'], ['Болат', 'Болат'], ['Нұрлан', 'Нурлан'], ['Ғалым', 'Галым']]
const STREETS: [string, string][] = [['Абай даңғылы', 'проспект Абая'], ['Қабанбай батыр даңғылы', 'проспект Кабанбай батыра'], ['Сарыарқа көшесі', 'улица Сарыарка'], ['Кенесары көшесі', 'улица Кенесары'], ['Тәуелсіздік даңғылы', 'проспект Тауелсиздик']]
const CITIES: [string, string][] = [['Астана қ.', 'г. Астана'], ['Семей қ.', 'г. Семей'], ['Павлодар қ.', 'г. Павлодар'], ['Алматы қ.', 'г. Алматы']]

function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const pad = (n: number, w: number) => String(n).padStart(w, '0')

export interface RegistryData {
  /** The electronic register of guardianship and trusteeship. */
  guardianship: GuardianshipRecord[]
  persons: Map<string, Person>
  entities: Map<string, Entity>
  poas: Map<string, PowerOfAttorney>
  civilActs: CivilAct[]
  realEstate: RealEstate[]
  landPlots: Map<string, LandPlot>
  archive: ArchiveRecord[]
}

function femaleSurname(ru: string, kk: string): [string, string] {
  const f = (s: string) => (/(ов|ев|ин)$/.test(s) ? s + 'а' : s)
  return [f(kk), f(ru)]
}

export function generateRegistries(opts: { persons?: number; seed?: number } = {}): RegistryData {
  const rnd = mulberry32(opts.seed ?? 20261122)
  const pick = <T,>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]
  const data: RegistryData = { persons: new Map(), entities: new Map(), poas: new Map(), civilActs: [], realEstate: [], landPlots: new Map(), archive: [], guardianship: [] }
  const addressOf = () => {
    const [ck, cr] = pick(CITIES)
    const [sk, sr] = pick(STREETS)
    const h = 1 + Math.floor(rnd() * 120)
    const f = 1 + Math.floor(rnd() * 200)
    return { kk: `${ck}, ${sk}, ${h}-үй, ${f}-пәтер`, ru: `${cr}, ${sr}, д. ${h}, кв. ${f}` }
  }
  const person = (iin: string, name: KkRu, birthDate: string, sex: 'M' | 'F'): Person => ({
    iin, name, birthDate, sex, citizenship: 'KZ', address: addressOf(),
    document: { kind: 'id-card', number: pad(Math.floor(rnd() * 1e9), 9), issuedAt: '2020-01-15', validUntil: '2030-01-14' },
  })

  for (const p of Object.values(DEMO_PEOPLE)) data.persons.set(p.iin, person(p.iin, { kk: p.kk, ru: p.ru }, p.birthDate, p.sex))

  const count = opts.persons ?? 2000
  const people: Person[] = []
  for (let i = 0; i < count; i++) {
    const sex = rnd() < 0.5 ? 'M' : 'F'
    const y = 1950 + Math.floor(rnd() * 55)
    const birthDate = `${y}-${pad(1 + Math.floor(rnd() * 12), 2)}-${pad(1 + Math.floor(rnd() * 28), 2)}`
    const iin = makeIin({ birthDate, sex: sex === 'M' ? 'male' : 'female', serial: Math.floor(rnd() * 10000) })
    if (data.persons.has(iin)) continue
    let [sk, sr] = pick(SURNAMES)
    if (sex === 'F') [sk, sr] = femaleSurname(sr, sk)
    const [fk, fr] = pick(sex === 'M' ? MALE : FEMALE)
    const [pk, pr] = pick(FATHERS)
    const name: KkRu = {
      kk: { lastName: sk, firstName: fk, middleName: pk + (sex === 'M' ? 'ұлы' : 'қызы') },
      ru: { lastName: sr, firstName: fr, middleName: pr + (sex === 'M' ? 'ович' : 'овна') },
    }
    const p = person(iin, name, birthDate, sex)
    data.persons.set(iin, p)
    people.push(p)
  }
  const nameOf = (p: Person) => p.name

  // ГБД ЮЛ: the demo department plus generated companies with a head and founders.
  const dept: Entity = {
    bin: DEMO_DEPARTMENT_BIN,
    name: { kk: 'Астана қаласы әкімдігінің «Білім басқармасы» ММ', ru: 'ГУ «Управление образования акимата города Астаны»' },
    legalForm: 'ГУ', registeredAt: '1994-01-20', address: { kk: 'Астана қ., Бейбітшілік көшесі, 11', ru: 'г. Астана, ул. Бейбитшилик, 11' },
    head: { iin: DEMO_PEOPLE.supervisor.iin, name: { kk: DEMO_PEOPLE.supervisor.kk, ru: DEMO_PEOPLE.supervisor.ru }, position: { kk: 'Басшы', ru: 'Руководитель' } },
    founders: [], branches: [], status: 'active',
  }
  data.entities.set(dept.bin, dept)
  const FORMS: [string, string, string][] = [['ЖШС', 'ТОО', 'Кәсіп'], ['АҚ', 'АО', 'Құрылыс'], ['ЖШС', 'ТОО', 'Сауда']]
  for (let i = 0; i < Math.max(20, count / 20); i++) {
    const [lk, lr, word] = pick(FORMS)
    const bin = makeBin({ registered: `${2000 + Math.floor(rnd() * 24)}-${pad(1 + Math.floor(rnd() * 12), 2)}`, serial: Math.floor(rnd() * 100000) })
    if (data.entities.has(bin)) continue
    const head = pick(people)
    const f1 = pick(people)
    const title = `${word}-${i + 1}`
    data.entities.set(bin, {
      bin, name: { kk: `«${title}» ${lk}`, ru: `${lr} «${title}»` }, legalForm: lr, registeredAt: '2010-03-01', address: addressOf(),
      head: { iin: head.iin, name: nameOf(head), position: { kk: 'Директор', ru: 'Директор' } },
      founders: [{ kind: 'person', iin: f1.iin, name: nameOf(f1), sharePercent: 60 }, { kind: 'person', iin: head.iin, name: nameOf(head), sharePercent: 40 }],
      branches: [], status: 'active',
    })
  }

  // ЕНИС: powers of attorney (every 10th person is a principal).
  for (let i = 0; i < people.length; i += 10) {
    const principal = people[i]
    const agent = people[(i + 7) % people.length]
    const number = `POA-${pad(i + 1, 6)}`
    data.poas.set(number, {
      number, principalIin: principal.iin, agentIin: agent.iin, notary: 'Нотариус Жұмабаева Г.К., лицензия №0001234',
      issuedAt: '2025-02-01', validUntil: i % 30 === 0 ? '2025-12-31' : '2027-02-01', scope: ['public-services'], revoked: i % 50 === 0,
    })
  }
  // The demo operator represents the first generated person (for POA tests).
  data.poas.set('POA-DEMO-1', { number: 'POA-DEMO-1', principalIin: people[1].iin, agentIin: DEMO_PEOPLE.operator.iin, notary: 'Нотариус Ким А.А.', issuedAt: '2026-01-10', validUntil: '2028-01-10', scope: ['public-services'], revoked: false })

  /** Demo assessed value of land, tenge per hectare (АИС ГЗК's кадастровая стоимость). */
  const LAND_RATE_PER_HA = 12_000_000
  // ИС ЗАГС: a birth act for everyone born after 1970 (every 3rd), marriages, divorces, name changes.
  const OFFICE = { kk: 'Астана қаласының АХАЖ бөлімі', ru: 'Отдел ЗАГС города Астаны' }
  let act = 1
  for (let i = 0; i < people.length; i++) {
    const p = people[i]
    if (i % 3 === 0) {
      const mother = people[(i + 11) % people.length]
      data.civilActs.push({ actNumber: `B-${pad(act++, 7)}`, type: 'birth', registeredAt: p.birthDate, registryOffice: OFFICE,
        parties: [{ role: 'child', iin: p.iin, name: p.name }, { role: 'mother', iin: mother.iin, name: mother.name }], details: { placeOfBirth: 'г. Астана' } })
    }
    if (i % 5 === 1 && i + 1 < people.length) {
      const q = people[i + 1]
      data.civilActs.push({ actNumber: `M-${pad(act++, 7)}`, type: 'marriage', registeredAt: '2012-06-15', registryOffice: OFFICE,
        parties: [{ role: 'spouse', iin: p.iin, name: p.name }, { role: 'spouse', iin: q.iin, name: q.name }], details: {} })
      if (i % 25 === 1) data.civilActs.push({ actNumber: `D-${pad(act++, 7)}`, type: 'divorce', registeredAt: '2019-09-01', registryOffice: OFFICE,
        parties: [{ role: 'spouse', iin: p.iin, name: p.name }, { role: 'spouse', iin: q.iin, name: q.name }], details: {} })
    }
    if (i % 40 === 2) data.civilActs.push({ actNumber: `N-${pad(act++, 7)}`, type: 'name-change', registeredAt: '2018-04-04', registryOffice: OFFICE,
      parties: [{ role: 'person', iin: p.iin, name: p.name }], details: { previousLastName: 'Петрова' } })
  }
  const op = data.persons.get(DEMO_PEOPLE.operator.iin) as Person
  // Every birth record names the mother (the birth справка prints her): the demo operator's too.
  const opMother = people[11 % people.length]
  data.civilActs.push({ actNumber: 'B-DEMO-1', type: 'birth', registeredAt: op.birthDate, registryOffice: OFFICE, parties: [{ role: 'child', iin: op.iin, name: op.name }, { role: 'mother', iin: opMother.iin, name: opMother.name }], details: { placeOfBirth: 'г. Семей' } })

  // ГБД РН and АИС ГЗК: every 4th person owns an apartment; every 6th a land plot.
  for (let i = 0; i < people.length; i++) {
    const p = people[i]
    if (i % 4 === 0) {
      data.realEstate.push({ cadastralNumber: `21:320:${pad(100 + (i % 900), 3)}:${pad(i + 1, 4)}`, kind: 'apartment', address: addressOf(), areaM2: 40 + Math.floor(rnd() * 80),
        owners: [{ iin: p.iin, sharePercent: 100, since: '2015-05-05' }], encumbrances: i % 20 === 0 ? [{ kind: 'ипотека', holder: 'АО «Банк»', since: '2015-05-05' }] : [],
        technical: { floors: 9, rooms: 1 + (i % 4), builtYear: 1980 + (i % 40) } })
    }
    if (i % 6 === 0) {
      const cad = `01:011:${pad(1 + (i % 999), 3)}:${pad(i + 1, 4)}`
      const areaHa = Math.round(rnd() * 1000) / 100
      // The assessed value follows the area (a flat demo rate per hectare), so it needs no draw of its own.
      data.landPlots.set(cad, { cadastralNumber: cad, address: addressOf(), areaHa, cadastralValue: Math.round(areaHa * LAND_RATE_PER_HA),
        purpose: { kk: 'Жеке тұрғын үй құрылысы үшін', ru: 'Для индивидуального жилищного строительства' }, rightKind: 'ownership',
        holders: [{ iin: p.iin }], primaryTitle: { documentNumber: `АКТ-${pad(i + 1, 6)}`, issuedAt: '2008-08-08', issuer: 'Акимат г. Астаны' },
        idDocument: { status: (['ordered', 'in-production', 'ready', 'issued'] as const)[i % 4], number: `ИД-${pad(i, 6)}`, updatedAt: '2026-10-01' } })
    }
  }
  data.realEstate.push({ cadastralNumber: '21:320:001:001', kind: 'apartment', address: op.address, areaM2: 64,
    owners: [{ iin: op.iin, sharePercent: 100, since: '2016-03-03' }], encumbrances: [], technical: { floors: 12, rooms: 2, builtYear: 2014 } })
  // The catalogue's sample cadastral number (01-011-004-256) belongs to the demo operator.
  data.landPlots.set('01:011:004:256', { cadastralNumber: '01:011:004:256', address: op.address, areaHa: 0.1, cadastralValue: Math.round(0.1 * LAND_RATE_PER_HA), purpose: { kk: 'Жеке тұрғын үй құрылысы үшін', ru: 'Для индивидуального жилищного строительства' },
    rightKind: 'ownership', holders: [{ iin: op.iin }], primaryTitle: { documentNumber: 'АКТ-DEMO', issuedAt: '2010-10-10', issuer: 'Акимат г. Астаны' }, idDocument: { status: 'ready', number: 'ИД-DEMO', updatedAt: '2026-11-01' } })

  // Archive: employment/salary records for every 8th person.
  const ARCH = { kk: 'Павлодар облысының мемлекеттік мұрағаты', ru: 'Государственный архив Павлодарской области' }
  for (let i = 0; i < people.length; i += 8) {
    const p = people[i]
    data.archive.push({ id: `ARC-${pad(i + 1, 6)}`, archive: ARCH, fund: `Ф-${100 + (i % 50)}`, inventory: 'Оп-1', file: `Д-${i + 1}`, subject: { iin: p.iin },
      topic: i % 16 === 0 ? 'salary' : 'employment', summary: { kk: 'Жұмыс өтілі туралы мәліметтер', ru: 'Сведения о трудовом стаже' }, period: { from: '1995-01-01', to: '2001-12-31' } })
  }
  // Guardianship register: the demo consumer is the guardian of one generated child; every 20th person of another.
  const BODY = { kk: 'Астана қаласының білім басқармасы (қорғаншылық және қамқоршылық органы)', ru: 'Управление образования города Астаны (орган опеки и попечительства)' }
  data.guardianship.push({ id: 'GRD-DEMO-1', guardianIin: DEMO_PEOPLE.operator.iin, wardIin: people[3].iin, kind: 'guardianship', resolution: { number: '1207-ҚҚ', date: '2024-03-12' }, body: BODY })
  for (let i = 20; i + 1 < people.length; i += 20)
    data.guardianship.push({ id: `GRD-${pad(i, 6)}`, guardianIin: people[i].iin, wardIin: people[i + 1].iin, kind: i % 40 === 0 ? 'trusteeship' : 'guardianship', resolution: { number: `${i}-ҚҚ`, date: '2023-05-05' }, body: BODY })
  // The demo consumer has records, so the archive's staff can try a search end to end (the demo specialist has none:
  // the "not found" case, M5).
  const demo = DEMO_PEOPLE.operator.iin
  data.archive.push(
    { id: 'ARC-DEMO-1', archive: ARCH, fund: 'Ф-17', inventory: 'Оп-2', file: 'Д-305', subject: { iin: demo }, topic: 'employment',
      summary: { kk: 'Жұмысқа қабылдау және жұмыстан босату туралы бұйрықтар', ru: 'Приказы о приёме на работу и увольнении' }, period: { from: '2003-09-01', to: '2009-06-30' } },
    { id: 'ARC-DEMO-2', archive: ARCH, fund: 'Ф-17', inventory: 'Оп-3', file: 'Д-41', subject: { iin: demo }, topic: 'salary',
      summary: { kk: 'Жалақы туралы мәліметтер (есеп-айырысу ведомостары)', ru: 'Сведения о заработной плате (расчётные ведомости)' }, period: { from: '2003-09-01', to: '2009-06-30' } },
  )
  return data
}
