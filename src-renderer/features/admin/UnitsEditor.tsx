/**
 * ЦОНs and departments by name: rename one (kk, ru, en; a department's БИН) or add one. The gateway stores it and
 * records the change in the audit trail; every screen shows units by these names.
 */
import { useState } from 'react'
import type { OrgUnit } from '@shared/gateway/admin-api'
import { useTexts } from '../../i18n/texts'
import { adminTexts } from './texts'

const BLANK: OrgUnit = { id: '', kind: 'tson', nameKk: '', nameRu: '', nameEn: '', bin: null }

function UnitRow(props: { unit: OrgUnit; isNew?: boolean; save: (u: OrgUnit) => Promise<boolean> }) {
  const t = useTexts(adminTexts)
  const [u, setU] = useState(props.unit)
  const changed = JSON.stringify(u) !== JSON.stringify(props.unit)
  const set = (patch: Partial<OrgUnit>) => setU((x) => ({ ...x, ...patch }))
  return (
    <tr data-unit={props.unit.id || 'new'}>
      <td>
        {props.isNew ? (
          <input aria-label={t.unitId} placeholder="tson-city-1" pattern="[a-z0-9-]{2,64}" required data-testid="unit-new-id" value={u.id} onChange={(e) => set({ id: e.target.value.trim() })} />
        ) : (
          <span className="mono">{u.id}</span>
        )}
      </td>
      <td>
        {props.isNew ? (
          <select aria-label={t.unitKind} data-testid="unit-new-kind" value={u.kind} onChange={(e) => set({ kind: e.target.value as OrgUnit['kind'], bin: null })}>
            <option value="tson">{t.kindTson}</option>
            <option value="department">{t.kindDepartment}</option>
          </select>
        ) : u.kind === 'tson' ? t.kindTson : t.kindDepartment}
      </td>
      {(['nameKk', 'nameRu', 'nameEn'] as const).map((k) => (
        <td key={k}>
          <input aria-label={t.unitName[k]} required data-testid={`unit-${k}`} value={u[k]} onChange={(e) => set({ [k]: e.target.value })} />
        </td>
      ))}
      <td>
        {u.kind === 'department' && (
          <input aria-label={t.bin} inputMode="numeric" pattern="\d{12}" size={12} value={u.bin ?? ''} onChange={(e) => set({ bin: e.target.value.trim() || null })} />
        )}
      </td>
      <td>
        <button
          type="button"
          className="button"
          data-testid={props.isNew ? 'unit-new-save' : 'unit-save'}
          disabled={!changed || !u.id || !u.nameKk.trim() || !u.nameRu.trim() || !u.nameEn.trim()}
          onClick={() => void props.save({ ...u, nameKk: u.nameKk.trim(), nameRu: u.nameRu.trim(), nameEn: u.nameEn.trim() }).then((ok) => ok && props.isNew && setU(BLANK))}
        >
          {props.isNew ? t.addUnit : t.save}
        </button>
      </td>
    </tr>
  )
}

export function UnitsEditor(props: { units: readonly OrgUnit[]; save: (u: OrgUnit) => Promise<boolean> }) {
  const t = useTexts(adminTexts)
  return (
    <table className="supervisor__table admin__units" data-testid="admin-units">
      <thead>
        <tr><th>{t.unitId}</th><th>{t.unitKind}</th><th>{t.unitName.nameKk}</th><th>{t.unitName.nameRu}</th><th>{t.unitName.nameEn}</th><th>{t.bin}</th><th /></tr>
      </thead>
      <tbody>
        {props.units.map((u) => <UnitRow key={`${u.id}|${u.nameKk}|${u.nameRu}|${u.nameEn}|${u.bin}`} unit={u} save={props.save} />)}
        <UnitRow key="new" unit={BLANK} isNew save={props.save} />
      </tbody>
    </table>
  )
}
