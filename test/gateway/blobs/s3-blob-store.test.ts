/**
 * S3BlobStore against a real S3-compatible server (s3rver, an S3 server in Node), held to the same BlobStore contract
 * as the file store. s3rver checks the access key but not V4 signatures, so the signer is held to AWS's own example.
 */
import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { blobStoreFor } from '../../../src-gateway/blobs/from-config'
import { S3BlobStore, signV4 } from '../../../src-gateway/blobs/s3-blob-store'
import { blobStoreContract } from './blob-contract'

// s3rver ships no types; the part used here: start on a port, stop.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require('s3rver') as new (o: Record<string, unknown>) => { run(): Promise<AddressInfo>; close(): Promise<void> }

async function startS3(): Promise<{ endpoint: string; stop: () => Promise<void> }> {
  const directory = mkdtempSync(path.join(tmpdir(), 'arm-s3rver-'))
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory, configureBuckets: [{ name: 'scans' }] })
  const { port } = await server.run()
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: async () => {
      await server.close()
      rmSync(directory, { recursive: true, force: true })
    },
  }
}

function s3Store(endpoint: string, secretAccessKey = 'S3RVER', accessKeyId = 'S3RVER') {
  const tmpDir = mkdtempSync(path.join(tmpdir(), 'arm-s3-tmp-'))
  return { store: new S3BlobStore({ endpoint, bucket: 'scans', region: 'us-east-1', accessKeyId, secretAccessKey, tmpDir }), tmpDir }
}

blobStoreContract('s3 (s3rver)', async () => {
  const s3 = await startS3()
  const { store, tmpDir } = s3Store(s3.endpoint)
  return {
    store,
    cleanup: async () => {
      await s3.stop()
      rmSync(tmpDir, { recursive: true, force: true })
    },
  }
})

describe('GATEWAY_BLOBS names the store', () => {
  it('an s3+http URL gives the S3 store on that bucket; a folder the file store; a URL without keys is refused', async () => {
    const s3 = await startS3()
    try {
      const store = blobStoreFor(`s3+${s3.endpoint.replace('://', '://S3RVER:S3RVER@')}/scans?region=us-east-1`)
      expect(store.kind).toBe('s3')
      const bytes = new Uint8Array([7, 7, 7])
      const sha = createHash('sha256').update(bytes).digest('hex')
      expect(await store.put(sha, [bytes], { maxBytes: 10 })).toEqual({ created: true, size: 3 })
      const probe = s3Store(s3.endpoint)
      expect(await probe.store.has(sha)).toBe(true)
      rmSync(probe.tmpDir, { recursive: true, force: true })
      expect(() => blobStoreFor(`s3+${s3.endpoint}/scans`)).toThrow(/keys are required/)
      const dir = mkdtempSync(path.join(tmpdir(), 'arm-blobs-'))
      expect(blobStoreFor(dir).kind).toBe('files')
      rmSync(dir, { recursive: true, force: true })
    } finally {
      await s3.stop()
    }
  })
})

describe('S3BlobStore signing', () => {
  it('signs as AWS documents it (Signature V4, the GET Object example of the S3 API reference)', () => {
    const auth = signV4({
      method: 'GET',
      path: '/test.txt',
      headers: { host: 'examplebucket.s3.amazonaws.com', range: 'bytes=0-9', 'x-amz-content-sha256': createHash('sha256').update('').digest('hex'), 'x-amz-date': '20130524T000000Z' },
      region: 'us-east-1',
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    })
    expect(auth).toBe('AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41')
  })

  it('an unknown access key is refused by the server with a coded error, and nothing is stored', async () => {
    const s3 = await startS3()
    const { store, tmpDir } = s3Store(s3.endpoint, 'S3RVER', 'NOT-A-KEY')
    const good = s3Store(s3.endpoint)
    try {
      const bytes = new Uint8Array([1, 2, 3])
      const sha = createHash('sha256').update(bytes).digest('hex')
      await expect(store.put(sha, [bytes], { maxBytes: 10 })).rejects.toMatchObject({ code: 'GW_UNAVAILABLE' })
      expect(await good.store.has(sha)).toBe(false)
    } finally {
      await s3.stop()
      rmSync(tmpDir, { recursive: true, force: true })
      rmSync(good.tmpDir, { recursive: true, force: true })
    }
  })
})
