/** The audit trail's desk column shows the desk's ЦОН/department and number, never an id. */
import { describe, expect, it } from 'vitest'
import { deskId, deskName } from '../../../src-renderer/session/desk'

const units = [{ id: 'tson-astana-1', kind: 'tson' as const, nameKk: 'Астана қ. №1 ХҚКО', nameRu: 'ЦОН №1 г. Астаны', nameEn: 'PSC No. 1, Astana', bin: null }]

describe('desk names', () => {
  it('one number per device, sent with the signed-in person\'s unit; the same header the gateway accepts', () => {
    const mem = new Map<string, string>()
    const storage = { getItem: (k: string) => mem.get(k) ?? null, setItem: (k: string, v: string) => void mem.set(k, v) }
    const a = deskId('tson-astana-1', storage)!
    const b = deskId('akimat-astana-education', storage)!
    expect(a).toMatch(/^tson-astana-1\.[0-9a-f]{8}$/)
    expect(b.split('.')[1]).toBe(a.split('.')[1])
    expect(deskId(undefined, storage)).toBe(`desk-${a.split('.')[1]}`)
    // The gateway's X-Arm-Desk rule (src-gateway/audit/audit-trail.ts deskOf).
    for (const id of [a, b]) expect(id).toMatch(/^[A-Za-z0-9._:-]{1,64}$/)
    // An id kept by an older desk (desk-xxxxxxxx) keeps its number.
    mem.set('arm.desk-id', 'desk-0badc0de')
    expect(deskId('tson-astana-1', storage)).toBe('tson-astana-1.0badc0de')
  })

  it('names: the unit in the desk\'s language and the number; an unknown unit is never shown as its id', () => {
    expect(deskName('tson-astana-1.3f2a1b9c', units, 'ru')).toBe('ЦОН №1 г. Астаны, рабочее место 3F2A1B9C')
    expect(deskName('tson-astana-1.3f2a1b9c', units, 'kk')).toBe('Астана қ. №1 ХҚКО, жұмыс орны 3F2A1B9C')
    expect(deskName('akimat-astana-education.3f2a1b9c', units, 'en')).toBe('desk 3F2A1B9C')
    expect(deskName('desk-3f2a1b9c', units, 'kk')).toBe('жұмыс орны 3F2A1B9C')
    expect(deskName(null, units, 'ru')).toBe('—')
  })
})
