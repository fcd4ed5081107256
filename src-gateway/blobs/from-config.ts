import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { FileBlobStore } from './file-blob-store'
import { S3BlobStore } from './s3-blob-store'
import type { BlobStore } from './types'

/** GATEWAY_BLOBS naming an S3-compatible bucket: s3+http(s)://ACCESS_KEY:SECRET@host:port/bucket?region=… */
export const S3_BLOBS = /^s3\+https?:\/\//

/** The blob store GATEWAY_BLOBS names: a folder (files on disk, the default) or an S3-compatible bucket. */
export function blobStoreFor(spec: string): BlobStore {
  if (!S3_BLOBS.test(spec)) return new FileBlobStore(spec)
  const url = new URL(spec.slice('s3+'.length))
  const bucket = url.pathname.replace(/^\/+|\/+$/g, '')
  if (!bucket || !url.username || !url.password) throw new Error('GATEWAY_BLOBS s3+http(s)://KEY:SECRET@host:port/bucket — the bucket and both keys are required')
  return new S3BlobStore({
    endpoint: `${url.protocol}//${url.host}`,
    bucket,
    region: url.searchParams.get('region') ?? 'us-east-1',
    accessKeyId: decodeURIComponent(url.username),
    secretAccessKey: decodeURIComponent(url.password),
    tmpDir: join(tmpdir(), 'arm-gateway-blob-uploads'),
  })
}
