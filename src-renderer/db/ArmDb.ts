import { Dexie, type EntityTable } from 'dexie'
import type { AuditRecord, DocumentRecord, DraftRecord, MetaRecord, OutboxItem, RequestRecord, StatusRecord } from './types'
import { declareVersions } from './versions'

export const DEFAULT_DB_NAME = 'arm-workstation'

/** The workstation's IndexedDB. One instance per window; every window sees the same data. */
export class ArmDb extends Dexie {
  drafts!: EntityTable<DraftRecord, 'id'>
  requests!: EntityTable<RequestRecord, 'id'>
  documents!: EntityTable<DocumentRecord, 'sha256'>
  outbox!: EntityTable<OutboxItem, 'id'>
  statuses!: EntityTable<StatusRecord, 'id'>
  audit!: EntityTable<AuditRecord, 'id'>
  meta!: EntityTable<MetaRecord, 'key'>

  constructor(name: string = DEFAULT_DB_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options)
    declareVersions(this)
  }
}
