/**
 * The shared GatewayStore contract against both stores: the embedded SQLite file and a throwaway PostgreSQL
 * (initdb + pg_ctl in a temporary folder; skipped with the reason only when the PostgreSQL binaries are absent).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { tmpdir } from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'
import { FileBlobStore } from '../../../src-gateway/blobs/file-blob-store'
import { PgGatewayStore } from '../../../src-gateway/store/postgres'
import { SqliteGatewayStore } from '../../../src-gateway/store/sqlite'
import { POSTGRES_SKIP_REASON, startPostgres } from '../../support/postgres'
import { storeContract } from './store-contract'

storeContract('SQLite', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'arm-contract-'))
  const file = path.join(dir, 'gw.sqlite')
  const store = new SqliteGatewayStore(file)
  return {
    store,
    raw: async (sql) => {
      const db = new Database(file)
      try {
        db.exec(sql)
      } finally {
        db.close()
      }
    },
    close: async () => {
      await store.close()
      rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 })
    },
  }
})

storeContract('PostgreSQL', async () => {
  const server = await startPostgres()
  const dir = mkdtempSync(path.join(tmpdir(), 'arm-contract-blobs-'))
  const store = new PgGatewayStore(server.url, { blobs: new FileBlobStore(dir) })
  await store.whenReady()
  return {
    store,
    raw: async (sql) => {
      const c = new pg.Client(server.url)
      await c.connect()
      try {
        await c.query(sql)
      } finally {
        await c.end()
      }
    },
    close: async () => {
      await store.close()
      await server.stop()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}, { skip: POSTGRES_SKIP_REASON })

describe('GATEWAY_DB', () => {
  it('names SQLite by a path and PostgreSQL by postgres://; any other scheme is a coded error, not a folder', async () => {
    const { dbKind, loadConfig } = await import('../../../src-gateway/config')
    expect(dbKind('/tmp/gw.sqlite')).toBe('sqlite')
    expect(dbKind(':memory:')).toBe('sqlite')
    expect(dbKind('postgres://u@h/db')).toBe('postgres')
    expect(dbKind('postgresql://u@h/db')).toBe('postgres')
    for (const bad of ['mysql://u@h/db', 'redis://h', 'file://x']) expect(() => dbKind(bad)).toThrow(expect.objectContaining({ code: 'GW_DB_URL_UNSUPPORTED' }))
    expect(() => loadConfig({ GATEWAY_DB: 'mysql://u@h/db' }, [])).toThrow(expect.objectContaining({ code: 'GW_DB_URL_UNSUPPORTED' }))
    expect(loadConfig({ GATEWAY_DB: 'postgres://arm@127.0.0.1:5432/postgres' }, []).db).toBe('postgres://arm@127.0.0.1:5432/postgres')
  })
})
