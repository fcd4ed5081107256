/**
 * The workstation in the audit trail. The desk sends `<unit>.<number>`: the ЦОН or department of whoever is signed in
 * and this device's own number (made once, kept in the desk's storage — not a secret, not personal data); the audit
 * screen shows it as the unit's name and the number, never as an id.
 */
import type { Lang } from '@shared/errors'
import type { OrgUnit } from '@shared/gateway/admin-api'
import { sessionTexts } from './texts'

const KEY = 'arm.desk-id'

export function deskId(unitId: string | undefined, storage: Pick<Storage, 'getItem' | 'setItem'> | undefined = globalThis.localStorage): string | null {
  try {
    let n = storage?.getItem(KEY)?.replace(/^desk-/, '') ?? null
    if (!n) {
      n = crypto.randomUUID().slice(0, 8)
      storage?.setItem(KEY, n)
    }
    return unitId ? `${unitId}.${n}` : `desk-${n}`
  } catch {
    return null
  }
}

/** «ЦОН города Астаны, рабочее место 3F2A1B9C» for a desk id; an older id without a unit shows only its number. */
export function deskName(desk: string | null, units: readonly OrgUnit[], lang: Lang): string {
  if (!desk) return '—'
  const m = /^(?:desk-|([a-z0-9-]+)\.)([0-9a-f]+)$/.exec(desk)
  if (!m) return desk
  const unit = units.find((u) => u.id === m[1])
  const place = sessionTexts[lang].desk({ n: m[2].toUpperCase() })
  return unit ? `${{ kk: unit.nameKk, ru: unit.nameRu, en: unit.nameEn }[lang]}, ${place}` : place
}
