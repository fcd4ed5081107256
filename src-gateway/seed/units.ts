/** The demo region's ЦОНs and departments with their names (seeded when missing; an administrator renames them). */
import type { GatewayStore, OrgUnitRecord } from '../store/types'

export const DEMO_UNITS: OrgUnitRecord[] = [
  { id: 'tson-astana-1', kind: 'tson', nameKk: 'Астана қ. №1 ХҚКО', nameRu: 'ЦОН №1 г. Астаны', nameEn: 'Astana PSC No. 1', bin: null },
  { id: 'tson-semey-1', kind: 'tson', nameKk: 'Семей қ. №1 ХҚКО', nameRu: 'ЦОН №1 г. Семей', nameEn: 'Semey PSC No. 1', bin: null },
  { id: 'akimat-astana-education', kind: 'department', nameKk: 'Астана қ. білім басқармасы', nameRu: 'Управление образования г. Астаны', nameEn: 'Astana Education Department', bin: null },
  { id: 'akimat-astana-social', kind: 'department', nameKk: 'Астана қ. жұмыспен қамту және әлеуметтік бағдарламалар басқармасы', nameRu: 'Управление занятости и социальных программ г. Астаны', nameEn: 'Astana Employment and Social Programmes Department', bin: null },
  { id: 'archive-pavlodar', kind: 'department', nameKk: 'Павлодар облыстық мемлекеттік мұрағаты', nameRu: 'Государственный архив Павлодарской области', nameEn: 'Pavlodar Regional State Archive', bin: null },
  { id: 'is-zags', kind: 'department', nameKk: 'АХАТ (ИС ЗАГС)', nameRu: 'ЗАГС (ИС ЗАГС)', nameEn: 'Civil registry (IS ZAGS)', bin: null },
  { id: 'gbd-rn', kind: 'department', nameKk: 'Жылжымайтын мүлік тіркелімі (ГБД РН)', nameRu: 'Регистр недвижимости (ГБД РН)', nameEn: 'Real estate register (GBD RN)', bin: null },
  { id: 'gbd-ul', kind: 'department', nameKk: 'Заңды тұлғалар тіркелімі (ГБД ЮЛ)', nameRu: 'Регистр юридических лиц (ГБД ЮЛ)', nameEn: 'Legal entities register (GBD UL)', bin: null },
  { id: 'ais-gzk', kind: 'department', nameKk: 'Жер кадастры (АИС ГЗК)', nameRu: 'Земельный кадастр (АИС ГЗК)', nameEn: 'Land cadastre (AIS GZK)', bin: null },
]

/** Adds the demo units that are missing (names an administrator changed stay). */
export async function seedUnits(store: GatewayStore, units: OrgUnitRecord[] = DEMO_UNITS): Promise<number> {
  const known = new Set((await store.orgUnits()).map((u) => u.id))
  let added = 0
  for (const u of units) {
    if (known.has(u.id)) continue
    await store.putOrgUnit(u)
    added++
  }
  return added
}
