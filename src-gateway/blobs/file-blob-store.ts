/**
 * The default BlobStore: one file per blob, named by its hash in two fan-out levels (ab/cd/abcd…), so no directory
 * grows past 65,536 entries per level. A blob is written to a temporary file in the same file system, fsync'd, renamed
 * over its final name (atomic: a reader sees all of it or nothing) and the directory fsync'd, before put() resolves.
 */
import { createHash, randomUUID } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { mkdir, open, readFile, rename, rm, stat, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { ArmError } from '../../src-shared/errors'
import type { BlobPutResult, BlobReader, BlobStore, ByteSource } from './types'

const SHA256 = /^[0-9a-f]{64}$/
/** Chunk size of a streamed read: a GET of a 20 MB scan holds 256 KB at a time, not 20 MB. */
const READ_CHUNK = 256 * 1024

export class FileBlobStore implements BlobStore {
  readonly kind = 'files' as const
  private readonly tmp: string

  /** @param opts.removeOnClose delete the whole folder on close (a throwaway store for an in-memory database). */
  constructor(
    readonly dir: string,
    private readonly opts: { removeOnClose?: boolean } = {},
  ) {
    this.tmp = join(dir, 'tmp')
    mkdirSync(this.tmp, { recursive: true })
  }

  private path(sha256: string): string {
    if (!SHA256.test(sha256)) throw new ArmError('GW_BAD_REQUEST', 'a blob name is a lower-case hex SHA-256')
    return join(this.dir, sha256.slice(0, 2), sha256.slice(2, 4), sha256)
  }

  async put(sha256: string, source: ByteSource, opts: { maxBytes: number }): Promise<BlobPutResult> {
    const final = this.path(sha256)
    const temp = join(this.tmp, `${randomUUID()}.part`)
    const hash = createHash('sha256')
    let size = 0
    const fh = await open(temp, 'wx', 0o600)
    let kept = false
    try {
      // One chunk at a time, each written before the next is read: the request stream is paused meanwhile, so memory
      // stays bounded by the stream's own buffer however large the upload.
      for await (const chunk of source) {
        size += chunk.byteLength
        if (size > opts.maxBytes) throw new ArmError('GW_PAYLOAD_TOO_LARGE')
        hash.update(chunk)
        await fh.write(chunk)
      }
      const actual = hash.digest('hex')
      if (actual !== sha256) throw new ArmError('GW_HASH_MISMATCH', undefined, { expected: sha256, actual })
      if (await exists(final)) return { created: false, size }
      await fh.sync()
      await fh.close()
      const dir = join(final, '..')
      await mkdir(dir, { recursive: true })
      await rename(temp, final)
      kept = true
      await fsyncDir(dir)
      return { created: true, size }
    } finally {
      await fh.close().catch(() => undefined)
      if (!kept) await unlink(temp).catch(() => undefined)
    }
  }

  async get(sha256: string): Promise<Uint8Array | undefined> {
    try {
      return new Uint8Array(await readFile(this.path(sha256)))
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
      throw err
    }
  }

  async openRead(sha256: string): Promise<BlobReader | undefined> {
    let fh
    try {
      // Opened before answering: a delete after this point unlinks the name, the open file still reads to the end.
      fh = await open(this.path(sha256), 'r')
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
      throw err
    }
    const { size } = await fh.stat()
    return { size, chunks: fh.createReadStream({ highWaterMark: READ_CHUNK }) }
  }

  has(sha256: string): Promise<boolean> {
    return exists(this.path(sha256))
  }

  async delete(sha256: string): Promise<boolean> {
    const p = this.path(sha256)
    try {
      await unlink(p)
      await fsyncDir(join(p, '..'))
      return true
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false
      throw err
    }
  }

  async close(): Promise<void> {
    if (this.opts.removeOnClose) await rm(this.dir, { recursive: true, force: true })
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p)
    return true
  } catch {
    return false
  }
}

/** Makes a rename or unlink in `dir` durable (the directory entry itself is data on most file systems). */
async function fsyncDir(dir: string): Promise<void> {
  const d = await open(dir, 'r')
  try {
    await d.sync()
  } finally {
    await d.close()
  }
}
