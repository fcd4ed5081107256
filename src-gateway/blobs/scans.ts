/**
 * Scans as the gateway stores them, over any database store and any BlobStore: the bytes go to the blob store and are
 * durable there before the metadata row is written (so a row never names missing bytes, and 201 is sent only after
 * both); reads fall back to bytes still inside an old database until they have been moved out. One implementation for
 * the SQLite and the PostgreSQL store.
 */
import type { AttachmentRecord } from '../store/types'
import { matchesMagic, pageCount } from '../attachments/document-facts'
import type { BlobReader, BlobStore, ByteSource } from './types'

/** The database side of the scans: metadata rows, plus the bytes old databases still hold. */
export interface ScanRows {
  putAttachmentRow(a: AttachmentRecord): Promise<boolean>
  legacyScanBytes(sha256: string): Promise<Uint8Array | undefined>
  scansStillInDb(limit: number): Promise<{ sha256: string; bytes: Uint8Array }[]>
  clearScanBytes(sha256: string): Promise<void>
  scansCreatedBefore(cutoff: number, limit: number): Promise<string[]>
  deleteScanRows(shas: string[]): Promise<void>
  migrationDone(name: string): Promise<boolean>
  recordMigration(name: string): Promise<void>
}

/** Recorded in schema_migrations once every scan of an old database lives in the blob store. */
export const SCANS_OUT_OF_DB = '2026-12-07-scale-scans-out-of-db'
/** One year: scans first stored before this long ago are deleted by the retention purge. */
export const SCAN_RETENTION_MS = 365 * 86_400_000

export class Scans {
  constructor(
    private readonly rows: ScanRows,
    readonly blobs: BlobStore,
  ) {}

  /**
   * Stores the bytes, then the row with what the bytes say (media type matched, pages): counted here, once per scan,
   * from the chunks as they pass by, so intake checks a signed attachment against its row without reading the scan
   * back from the blob store on every submission (and every retry of it).
   */
  async putStream(a: Omit<AttachmentRecord, 'size' | 'pages'>, source: ByteSource, opts: { maxBytes: number }): Promise<{ created: boolean; size: number }> {
    const kept: Kept = { chunks: [], bytes: 0 }
    const { size } = await this.blobs.put(a.sha256, keeping(source, kept), opts)
    const created = await this.rows.putAttachmentRow({ ...a, size, pages: factsOf(a.mediaType, kept, size) })
    return { created, size }
  }

  async put(a: AttachmentRecord, bytes: Uint8Array): Promise<boolean> {
    return (await this.putStream(a, [bytes], { maxBytes: Number.MAX_SAFE_INTEGER })).created
  }

  async bytes(sha256: string): Promise<Uint8Array | undefined> {
    return (await this.blobs.get(sha256)) ?? (await this.rows.legacyScanBytes(sha256))
  }

  /** The bytes as a stream for a GET (blob store), or in one piece from an old database not yet moved out. */
  async reader(sha256: string): Promise<BlobReader | undefined> {
    const streamed = await this.blobs.openRead(sha256)
    if (streamed) return streamed
    const legacy = await this.rows.legacyScanBytes(sha256)
    return legacy ? { size: legacy.byteLength, chunks: [legacy] } : undefined
  }

  /**
   * Moves the scans an old database still holds into the blob store, in batches (each blob durable before its bytes
   * are cleared in the row); resumable, recorded as done once nothing is left. Returns how many moved.
   */
  async moveOutOfDb(batch = 200): Promise<number> {
    if (await this.rows.migrationDone(SCANS_OUT_OF_DB)) return 0
    let moved = 0
    const damaged = new Set<string>()
    for (;;) {
      const scans = (await this.rows.scansStillInDb(batch + damaged.size)).filter((s) => !damaged.has(s.sha256))
      if (!scans.length) break
      for (const s of scans) {
        try {
          await this.blobs.put(s.sha256, [s.bytes], { maxBytes: Number.MAX_SAFE_INTEGER })
        } catch (err) {
          // put() verifies the hash: a row whose bytes do not match its name stays in the database for someone to
          // look at, and the move is not recorded as done.
          if ((err as { code?: string }).code === 'GW_HASH_MISMATCH') { damaged.add(s.sha256); continue }
          throw err
        }
        await this.rows.clearScanBytes(s.sha256)
        moved++
      }
    }
    if (!damaged.size) await this.rows.recordMigration(SCANS_OUT_OF_DB)
    return moved
  }

  /**
   * Retention: deletes the scans first stored before `cutoff` (rows first, so no one is granted a scan being deleted,
   * then the bytes), at most `limit` per call; returns how many went. Run it from the gateway's job runner, e.g.
   * `purgeScans(store, now - SCAN_RETENTION_MS)` daily, until it returns less than the limit.
   */
  async purgeBefore(cutoff: number, limit = 1000): Promise<number> {
    const shas = await this.rows.scansCreatedBefore(cutoff, limit)
    if (!shas.length) return 0
    await this.rows.deleteScanRows(shas)
    for (const sha of shas) await this.blobs.delete(sha)
    return shas.length
  }
}

/**
 * The scan retention job's step, for the gateway's durable job runner to call (e.g. daily): deletes up to `limit`
 * scans first stored more than a year before `now`; call again while it returns `limit`.
 */
export function purgeExpiredScans(store: { purgeScansBefore(cutoff: number, limit?: number): Promise<number> }, now: number, limit = 1000): Promise<number> {
  return store.purgeScansBefore(now - SCAN_RETENTION_MS, limit)
}

/**
 * Up to this many bytes of an upload are kept in memory to read its facts once stored; a larger scan (rare: a page is
 * a few hundred KB) is streamed with bounded memory as before and read back by intake when a request signs it.
 */
const FACTS_MAX_BYTES = 4 * 1024 * 1024

interface Kept { chunks: Uint8Array[]; bytes: number }

/** Passes the chunks on unchanged, keeping a reference to each while the upload stays within FACTS_MAX_BYTES. */
async function* keeping(source: ByteSource, kept: Kept): AsyncGenerator<Uint8Array> {
  for await (const chunk of source) {
    kept.bytes += chunk.byteLength
    if (kept.bytes <= FACTS_MAX_BYTES) kept.chunks.push(chunk)
    else kept.chunks.length = 0
    yield chunk
  }
}

/** The pages of bytes that are what their media type says (0: they do not tell); null when they are not, or not kept. */
function factsOf(mediaType: string, kept: Kept, size: number): number | null {
  if (kept.bytes !== size || kept.bytes > FACTS_MAX_BYTES) return null
  const bytes = kept.chunks.length === 1 ? kept.chunks[0] : Buffer.concat(kept.chunks, size)
  if (!matchesMagic(mediaType, bytes)) return null
  return pageCount(mediaType, bytes) ?? 0
}
