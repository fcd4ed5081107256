/**
 * The contract every BlobStore must pass (files by default; an S3-compatible store for several instances is specified
 * by this suite): content addressing, verified hash, size limit, nothing kept from a refused upload, idempotent puts,
 * concurrent puts of the same blob, streaming input.
 */
import { createHash, randomBytes } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { BlobStore } from '../../../src-gateway/blobs/types'

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex')

async function* chunks(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) {
    await new Promise((r) => setImmediate(r))
    yield bytes.subarray(i, i + size)
  }
}

export function blobStoreContract(name: string, open: () => Promise<{ store: BlobStore; cleanup: () => Promise<void> }>): void {
  describe(`BlobStore contract: ${name}`, () => {
    let store: BlobStore
    let cleanup: () => Promise<void>
    beforeEach(async () => ({ store, cleanup } = await open()))
    afterEach(async () => {
      await store.close()
      await cleanup()
    })

    it('stores bytes under their hash and reads them back; a second put is not created again', async () => {
      const b = randomBytes(10_000)
      expect(await store.has(sha(b))).toBe(false)
      expect(await store.get(sha(b))).toBeUndefined()
      expect(await store.put(sha(b), [b], { maxBytes: 1e6 })).toEqual({ created: true, size: b.length })
      expect(await store.has(sha(b))).toBe(true)
      expect(Buffer.from((await store.get(sha(b))) as Uint8Array).equals(b)).toBe(true)
      expect(await store.put(sha(b), chunks(b, 999), { maxBytes: 1e6 })).toEqual({ created: false, size: b.length })
    })

    it('reads a blob back as a stream of bounded chunks with its size; a delete after opening does not cut the read', async () => {
      expect(await store.openRead(sha(randomBytes(8)))).toBeUndefined()
      const b = randomBytes(3 * 1024 * 1024 + 17)
      await store.put(sha(b), [b], { maxBytes: 1e8 })
      const reader = (await store.openRead(sha(b)))!
      expect(reader.size).toBe(b.length)
      await store.delete(sha(b))
      const parts: Uint8Array[] = []
      for await (const c of reader.chunks) parts.push(c)
      expect(parts.length).toBeGreaterThan(1)
      expect(Math.max(...parts.map((p) => p.byteLength))).toBeLessThanOrEqual(1024 * 1024)
      expect(Buffer.concat(parts).equals(b)).toBe(true)
    })

    it('streams a large upload in small chunks', async () => {
      const b = randomBytes(5 * 1024 * 1024)
      expect((await store.put(sha(b), chunks(b, 64 * 1024), { maxBytes: 20 * 1024 * 1024 })).created).toBe(true)
      expect(sha((await store.get(sha(b))) as Uint8Array)).toBe(sha(b))
    })

    it('refuses bytes that are not the named hash and keeps nothing', async () => {
      const b = randomBytes(1000)
      const wrong = sha(randomBytes(8))
      await expect(store.put(wrong, chunks(b, 100), { maxBytes: 1e6 })).rejects.toMatchObject({ code: 'GW_HASH_MISMATCH' })
      expect(await store.has(wrong)).toBe(false)
      expect(await store.has(sha(b))).toBe(false)
    })

    it('refuses an upload past the size limit as soon as it passes it, and keeps nothing', async () => {
      const b = randomBytes(300_000)
      let pulled = 0
      async function* counting() {
        for await (const c of chunks(b, 10_000)) {
          pulled += c.length
          yield c
        }
      }
      await expect(store.put(sha(b), counting(), { maxBytes: 100_000 })).rejects.toMatchObject({ code: 'GW_PAYLOAD_TOO_LARGE' })
      expect(pulled).toBeLessThanOrEqual(110_000)
      expect(await store.has(sha(b))).toBe(false)
    })

    it('takes the same blob from two concurrent uploads once', async () => {
      const b = randomBytes(200_000)
      const rs = await Promise.all([store.put(sha(b), chunks(b, 7000), { maxBytes: 1e6 }), store.put(sha(b), chunks(b, 5000), { maxBytes: 1e6 })])
      expect(rs.every((r) => r.size === b.length)).toBe(true)
      expect(sha((await store.get(sha(b))) as Uint8Array)).toBe(sha(b))
    })

    it('deletes', async () => {
      const b = randomBytes(100)
      await store.put(sha(b), [b], { maxBytes: 1e6 })
      expect(await store.delete(sha(b))).toBe(true)
      expect(await store.has(sha(b))).toBe(false)
      expect(await store.delete(sha(b))).toBe(false)
    })

    it('refuses a name that is not a SHA-256 (no path games)', async () => {
      await expect(store.get('../../etc/passwd')).rejects.toMatchObject({ code: 'GW_BAD_REQUEST' })
    })
  })
}
