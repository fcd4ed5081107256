/**
 * The simulated state registries (ГБД ФЛ, ГБД ЮЛ, ЕНИС, ИС ЗАГС, ГБД РН, АИС ГЗК, archive) over synthetic data.
 * A malformed key is REGISTRY_BAD_KEY (400); an absent record carries the catalogue's refusal code (404).
 */
import { ArmError } from '../../src-shared/errors'
import { isValidBin, isValidIin } from '../../src-shared/identity'
import { CadastralNumber, type ArchiveRecord, type CivilAct, type GuardianshipRecord, type CivilActType, type Entity, type LandPlot, type Person, type PowerOfAttorney, type RealEstate } from '../../src-shared/gateway/api'
import type { RegistryData } from './synthetic'

export class RegistryService {
  private readonly actsByIin = new Map<string, CivilAct[]>()
  private readonly estateByOwner = new Map<string, RealEstate[]>()
  private readonly archiveBySubject = new Map<string, ArchiveRecord[]>()

  constructor(private readonly data: RegistryData, private readonly opts: { testTrust: boolean }) {
    const push = <T,>(m: Map<string, T[]>, k: string | undefined, v: T) => { if (k) m.set(k, [...(m.get(k) ?? []), v]) }
    for (const a of data.civilActs) for (const p of a.parties) push(this.actsByIin, p.iin, a)
    for (const r of data.realEstate) for (const o of r.owners) push(this.estateByOwner, o.iin ?? o.bin, r)
    for (const r of data.archive) push(this.archiveBySubject, r.subject.iin ?? r.subject.bin, r)
  }

  private iin(v: string): string {
    if (!isValidIin(v, { testTrust: this.opts.testTrust })) throw new ArmError('REGISTRY_BAD_KEY', 'ИИН is not valid', { field: 'iin' })
    return v
  }
  private bin(v: string): string {
    if (!isValidBin(v, { testTrust: this.opts.testTrust })) throw new ArmError('REGISTRY_BAD_KEY', 'БИН is not valid', { field: 'bin' })
    return v
  }

  person(iin: string): Person {
    const p = this.data.persons.get(this.iin(iin))
    if (!p) throw new ArmError('REGISTRY_PERSON_NOT_FOUND')
    return p
  }

  entity(bin: string): Entity {
    const e = this.data.entities.get(this.bin(bin))
    if (!e) throw new ArmError('REGISTRY_ENTITY_NOT_FOUND')
    return e
  }

  /** ЕНИС: the POA must exist and, when given, match the principal's and agent's ИИН. */
  powerOfAttorney(number: string, q: { principalIin?: string; agentIin?: string }): PowerOfAttorney {
    if (q.principalIin) this.iin(q.principalIin)
    if (q.agentIin) this.iin(q.agentIin)
    const poa = this.data.poas.get(number)
    if (!poa || (q.principalIin && poa.principalIin !== q.principalIin) || (q.agentIin && poa.agentIin !== q.agentIin)) {
      throw new ArmError('REGISTRY_POA_NOT_FOUND')
    }
    return poa
  }

  /** A POA that exists but is revoked or expired on `today` (YYYY-MM-DD). */
  poaUsable(poa: PowerOfAttorney, today: string): boolean {
    return !poa.revoked && poa.validUntil >= today
  }

  civilActs(iin: string, type?: CivilActType): CivilAct[] {
    const items = (this.actsByIin.get(this.iin(iin)) ?? []).filter((a) => !type || a.type === type)
    if (!items.length) throw new ArmError('REGISTRY_CIVIL_ACT_NOT_FOUND')
    return items
  }

  realEstate(q: { iin?: string; bin?: string }): RealEstate[] {
    const key = q.iin ? this.iin(q.iin) : q.bin ? this.bin(q.bin) : undefined
    if (!key) throw new ArmError('REGISTRY_BAD_KEY', 'iin or bin is required')
    const items = this.estateByOwner.get(key) ?? []
    if (!items.length) throw new ArmError('REGISTRY_REAL_ESTATE_NOT_FOUND')
    return items
  }

  landPlot(cadastralNumber: string): LandPlot {
    if (!CadastralNumber.safeParse(cadastralNumber).success) throw new ArmError('REGISTRY_BAD_KEY', 'cadastral number is not valid', { field: 'cadastralNumber' })
    const plot = this.data.landPlots.get(cadastralNumber.replace(/-/g, ':'))
    if (!plot) throw new ArmError('REGISTRY_LAND_PLOT_NOT_FOUND')
    return plot
  }

  archive(q: { iin?: string; bin?: string; query?: string }): ArchiveRecord[] {
    const key = q.iin ? this.iin(q.iin) : q.bin ? this.bin(q.bin) : undefined
    let items = key ? this.archiveBySubject.get(key) ?? [] : this.data.archive
    if (q.query) {
      // Every word of the query must occur somewhere in the record's description (summary, archive, fund, inventory,
      // file, years), in Kazakh or Russian: «приказы 2003», «Ф-17 Д-305».
      const words = q.query.toLowerCase().split(/\s+/).filter(Boolean)
      const text = (r: ArchiveRecord) => [r.summary.kk, r.summary.ru, r.archive.kk, r.archive.ru, r.fund, r.inventory, r.file, r.period.from, r.period.to].join(' ').toLowerCase()
      items = items.filter((r) => {
        const t = text(r)
        return words.every((w) => t.includes(w))
      })
    }
    if (!key && !q.query) throw new ArmError('REGISTRY_BAD_KEY', 'iin, bin or query is required')
    if (!items.length) throw new ArmError('REGISTRY_ARCHIVE_NOT_FOUND')
    return items.slice(0, 100)
  }

  /** The guardianship register: the guardian's records (of one ward when given); none is M7. */
  guardianship(q: { guardianIin: string; wardIin?: string }): GuardianshipRecord[] {
    const guardian = this.iin(q.guardianIin)
    const ward = q.wardIin === undefined ? undefined : this.iin(q.wardIin)
    const items = this.data.guardianship.filter((g) => g.guardianIin === guardian && (ward === undefined || g.wardIin === ward))
    if (!items.length) throw new ArmError('REGISTRY_GUARDIANSHIP_NOT_FOUND')
    return items
  }

  /** A sample of keys that exist (bench, tests). */
  sampleKeys(n: number): { iins: string[]; bins: string[]; cadastral: string[] } {
    return {
      iins: [...this.data.persons.keys()].slice(0, n),
      bins: [...this.data.entities.keys()].slice(0, n),
      cadastral: [...this.data.landPlots.keys()].slice(0, n),
    }
  }
}
