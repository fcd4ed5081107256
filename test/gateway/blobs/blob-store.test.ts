/**
 * Scans out of the database: the file blob store passes the BlobStore contract (fan-out names, no temporary file left);
 * an old database's scans move out once; the retention purge deletes rows and bytes of scans older than the cutoff;
 * the upload route streams into it (a body past the limit without Content-Length is refused, nothing kept).
 */
import { createHash, randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import http from 'node:http'
import { Readable } from 'node:stream'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { FileBlobStore } from '../../../src-gateway/blobs/file-blob-store'
import { purgeExpiredScans, SCAN_RETENTION_MS } from '../../../src-gateway/blobs/scans'
import { SqliteGatewayStore } from '../../../src-gateway/store/sqlite'
import { blobStoreContract } from './blob-contract'
import { inProcessGateway, pdf, sha256hex } from '../../support/gateway-helpers'

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex')

blobStoreContract('files', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'arm-blobs-'))
  return { store: new FileBlobStore(dir), cleanup: async () => rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 }) }
})

describe('FileBlobStore on disk', () => {
  it('names a blob by its hash in two fan-out folders and leaves no temporary file, also after a refused upload', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'arm-blobs-'))
    try {
      const s = new FileBlobStore(dir)
      const b = randomBytes(1000)
      const h = sha(b)
      await s.put(h, [b], { maxBytes: 1e6 })
      expect(existsSync(path.join(dir, h.slice(0, 2), h.slice(2, 4), h))).toBe(true)
      await expect(s.put(sha(randomBytes(4)), [b], { maxBytes: 1e6 })).rejects.toMatchObject({ code: 'GW_HASH_MISMATCH' })
      await expect(s.put(h, [b], { maxBytes: 10 })).rejects.toMatchObject({ code: 'GW_PAYLOAD_TOO_LARGE' })
      expect(readdirSync(path.join(dir, 'tmp'))).toEqual([])
    } finally {
      rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 })
    }
  })
})

describe('scans in the gateway store', () => {
  it('moves the scans of an old database out of the SQLite file once, and still reads them', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'arm-scans-'))
    try {
      const file = path.join(dir, 'gw.sqlite')
      await new SqliteGatewayStore(file).close()
      // An old database: the scan's bytes inside the attachments row.
      const old = pdf('old scan')
      const raw = new Database(file)
      raw.prepare('INSERT INTO attachments (sha256, size, media_type, created_at, bytes) VALUES (?, ?, ?, ?, ?)').run(sha(old), old.length, 'application/pdf', 1, Buffer.from(old))
      raw.prepare("DELETE FROM schema_migrations WHERE name LIKE '%scans-out-of-db'").run()
      raw.close()
      const s = new SqliteGatewayStore(file)
      // Readable before the move (from the row) and after it (from the blob store).
      expect(Buffer.from((await s.attachmentBytes(sha(old))) as Uint8Array).equals(Buffer.from(old))).toBe(true)
      // a GET before the move streams the row's bytes as one chunk
      const legacy = (await s.attachmentReader(sha(old)))!
      expect(legacy.size).toBe(old.length)
      const parts: Uint8Array[] = []
      for await (const c of legacy.chunks) parts.push(c)
      expect(Buffer.concat(parts).equals(Buffer.from(old))).toBe(true)
      expect(await s.migrateScansOut()).toBe(1)
      expect(await s.migrateScansOut()).toBe(0)
      expect(await s.blobs.has(sha(old))).toBe(true)
      expect(Buffer.from((await s.attachmentBytes(sha(old))) as Uint8Array).equals(Buffer.from(old))).toBe(true)
      await s.close()
      const check = new Database(file, { readonly: true })
      expect(check.prepare('SELECT length(bytes) AS n FROM attachments WHERE sha256 = ?').get(sha(old))).toEqual({ n: 0 })
      check.close()
    } finally {
      rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 })
    }
  })

  it('purges scans first stored more than a year ago: row, uploaders and bytes', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'arm-scans-'))
    try {
      const s = new SqliteGatewayStore(path.join(dir, 'gw.sqlite'))
      const now = Date.parse('2026-12-07T00:00:00Z')
      const old = pdf('old'), fresh = pdf('fresh')
      await s.putAttachment({ sha256: sha(old), size: old.length, mediaType: 'application/pdf', createdAt: now - SCAN_RETENTION_MS - 1000 }, old)
      await s.noteAttachmentUploader(sha(old), { userId: 'u1', tsonId: 't1' })
      await s.putAttachment({ sha256: sha(fresh), size: fresh.length, mediaType: 'application/pdf', createdAt: now - 1000 }, fresh)
      expect(await purgeExpiredScans(s, now)).toBe(1)
      expect(await s.attachment(sha(old))).toBeUndefined()
      expect(await s.attachmentUploaders(sha(old))).toEqual([])
      expect(await s.blobs.has(sha(old))).toBe(false)
      expect(await s.attachment(sha(fresh))).toBeDefined()
      expect(await s.blobs.has(sha(fresh))).toBe(true)
      expect(await purgeExpiredScans(s, now)).toBe(0)
      await s.close()
    } finally {
      rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 })
    }
  })

  it('purges an expired scan by the recurring scan-retention job of the gateway\'s job runner', async () => {
    const { gw, close } = inProcessGateway()
    try {
      const now = Date.now()
      const old = pdf('expired scan'), fresh = pdf('kept scan')
      await gw.store.putAttachment({ sha256: sha(old), size: old.length, mediaType: 'application/pdf', createdAt: now - SCAN_RETENTION_MS - 60_000 }, old)
      await gw.store.putAttachment({ sha256: sha(fresh), size: fresh.length, mediaType: 'application/pdf', createdAt: now - 60_000 }, fresh)
      // Ready starts the runner; its first pass enqueues this period's slot of every recurring job and runs it.
      await gw.app.ready()
      await gw.jobs.tick()
      const runs = await gw.store.jobs({ kind: 'scan-retention' })
      expect(runs.map((j) => j.state)).toEqual(['done'])
      expect(await gw.store.attachment(sha(old))).toBeUndefined()
      expect(await gw.store.blobs.has(sha(old))).toBe(false)
      expect(await gw.store.attachment(sha(fresh))).toBeDefined()
      expect(await gw.store.blobs.has(sha(fresh))).toBe(true)
    } finally {
      await close()
    }
  })

  it('streams an upload into the blob store; a chunked body past the limit is refused with nothing kept', async () => {
    const { gw, close } = inProcessGateway()
    try {
      await gw.app.ready()
      const login = await gw.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'operator1', password: 'Operator#2026' } })
      const auth = { authorization: `Bearer ${login.json().token}` }
      const scan = pdf('streamed')
      const ok = await gw.app.inject({ method: 'PUT', url: `/api/v1/attachments/${sha256hex(scan)}`, headers: { ...auth, 'content-type': 'application/pdf' }, payload: Readable.from([Buffer.from(scan.subarray(0, 5)), Buffer.from(scan.subarray(5))]) })
      expect(ok.statusCode).toBe(201)
      expect(await gw.store.blobs.has(sha256hex(scan))).toBe(true)
      const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(21 * 1024 * 1024)])
      // 21 MB in 1 MB chunks without Content-Length, over a real socket: refused while streaming.
      const url = new URL(`/api/v1/attachments/${sha256hex(big)}`, await gw.app.listen({ port: 0, host: '127.0.0.1' }))
      const tooBig = await new Promise<{ statusCode: number; json: () => { code: string } }>((resolve, reject) => {
        const req = http.request(url, { method: 'PUT', headers: { ...auth, 'content-type': 'application/pdf', 'transfer-encoding': 'chunked' } }, (res) => {
          let text = ''
          res.on('data', (d) => (text += d))
          res.on('end', () => resolve({ statusCode: res.statusCode ?? 0, json: () => JSON.parse(text) }))
        })
        req.on('error', reject)
        const parts = Array.from({ length: 22 }, (_, i) => big.subarray(i * 1024 * 1024, (i + 1) * 1024 * 1024))
        const pump = () => {
          const part = parts.shift()
          if (!part) return req.end()
          if (req.destroyed) return
          req.write(part, pump)
        }
        pump()
      })
      expect(tooBig.statusCode).toBe(413)
      expect(tooBig.json().code).toBe('GW_PAYLOAD_TOO_LARGE')
      expect(await gw.store.blobs.has(sha256hex(big))).toBe(false)
      expect(await gw.store.attachment(sha256hex(big))).toBeUndefined()
    } finally {
      await close()
    }
  })
})
