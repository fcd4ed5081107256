/**
 * S3BlobStore: scans in an S3-compatible object store (the option for several gateway instances sharing one store),
 * content-addressed like FileBlobStore and held to the same contract (test/gateway/blobs/blob-contract.ts, run against a real
 * S3-compatible server). Requests are signed with AWS Signature V4 over node:http — no SDK.
 *
 * An upload is first streamed to a local temporary file while hashing (bounded memory, the limit and the hash checked
 * before anything reaches the bucket), then PUT with its SHA-256 as the signed payload hash, so the object store
 * itself refuses bytes that do not match the name. put() resolves after the store acknowledged the PUT.
 */
import { createHash, createHmac, randomUUID } from 'node:crypto'
import { createReadStream, mkdirSync } from 'node:fs'
import { open, unlink } from 'node:fs/promises'
import http, { type IncomingMessage } from 'node:http'
import https from 'node:https'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import { ArmError } from '../../src-shared/errors'
import type { BlobPutResult, BlobReader, BlobStore, ByteSource } from './types'

const SHA256 = /^[0-9a-f]{64}$/
const EMPTY_SHA256 = createHash('sha256').update('').digest('hex')

export interface S3BlobStoreConfig {
  /** e.g. http://127.0.0.1:9000 — path-style addressing (bucket in the path), as MinIO and most compatible stores take. */
  endpoint: string
  bucket: string
  region: string
  accessKeyId: string
  secretAccessKey: string
  /** Local folder for uploads being verified before they go to the bucket. */
  tmpDir: string
}

const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest()

/**
 * AWS Signature V4 (service s3) over `headers` (lower-case names; must hold host, x-amz-date and
 * x-amz-content-sha256, the payload's hash). Returns the Authorization header. The path is used as given (our keys are
 * hex, nothing to encode); no query string.
 */
export function signV4(r: { method: string; path: string; headers: Record<string, string>; region: string; accessKeyId: string; secretAccessKey: string }): string {
  const amzDate = r.headers['x-amz-date']
  const day = amzDate.slice(0, 8)
  const signed = Object.keys(r.headers).sort()
  const canonical = [r.method, r.path, '', ...signed.map((h) => `${h}:${r.headers[h].trim()}`), '', signed.join(';'), r.headers['x-amz-content-sha256']].join('\n')
  const scope = `${day}/${r.region}/s3/aws4_request`
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, createHash('sha256').update(canonical).digest('hex')].join('\n')
  const kSigning = hmac(hmac(hmac(hmac(`AWS4${r.secretAccessKey}`, day), r.region), 's3'), 'aws4_request')
  const signature = createHmac('sha256', kSigning).update(toSign).digest('hex')
  return `AWS4-HMAC-SHA256 Credential=${r.accessKeyId}/${scope},SignedHeaders=${signed.join(';')},Signature=${signature}`
}

export class S3BlobStore implements BlobStore {
  readonly kind = 's3' as const
  private readonly base: URL

  constructor(private readonly cfg: S3BlobStoreConfig) {
    this.base = new URL(cfg.endpoint)
    mkdirSync(cfg.tmpDir, { recursive: true })
  }

  private key(sha256: string): string {
    if (!SHA256.test(sha256)) throw new ArmError('GW_BAD_REQUEST', 'a blob name is a lower-case hex SHA-256')
    return sha256
  }

  /** One signed request; resolves with the response (its body unread). */
  private request(method: string, sha256: string, opts: { payloadSha256?: string; body?: Readable; length?: number } = {}): Promise<IncomingMessage> {
    const path = `/${this.cfg.bucket}/${this.key(sha256)}`
    const amzDate = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')
    const headers: Record<string, string> = { host: this.base.host, 'x-amz-content-sha256': opts.payloadSha256 ?? EMPTY_SHA256, 'x-amz-date': amzDate }
    const authorization = signV4({ method, path, headers, region: this.cfg.region, accessKeyId: this.cfg.accessKeyId, secretAccessKey: this.cfg.secretAccessKey })
    const lib = this.base.protocol === 'https:' ? https : http
    return new Promise((resolve, reject) => {
      const req = lib.request(
        { method, hostname: this.base.hostname, port: this.base.port, path, headers: { ...headers, authorization, ...(opts.length !== undefined ? { 'content-length': String(opts.length) } : {}) } },
        resolve,
      )
      req.on('error', reject)
      if (opts.body) opts.body.on('error', (e) => req.destroy(e)).pipe(req)
      else req.end()
    })
  }

  private async expect(res: IncomingMessage, ok: number[], what: string): Promise<void> {
    if (ok.includes(res.statusCode ?? 0)) return
    const text = await drain(res)
    throw new ArmError('GW_UNAVAILABLE', `object store ${what}: HTTP ${res.statusCode} ${text.slice(0, 200)}`)
  }

  async put(sha256: string, source: ByteSource, opts: { maxBytes: number }): Promise<BlobPutResult> {
    this.key(sha256)
    const temp = join(this.cfg.tmpDir, `${randomUUID()}.part`)
    const hash = createHash('sha256')
    let size = 0
    const fh = await open(temp, 'wx', 0o600)
    try {
      try {
        for await (const chunk of source) {
          size += chunk.byteLength
          if (size > opts.maxBytes) throw new ArmError('GW_PAYLOAD_TOO_LARGE')
          hash.update(chunk)
          await fh.write(chunk)
        }
      } finally {
        await fh.close()
      }
      const actual = hash.digest('hex')
      if (actual !== sha256) throw new ArmError('GW_HASH_MISMATCH', undefined, { expected: sha256, actual })
      if (await this.has(sha256)) return { created: false, size }
      const res = await this.request('PUT', sha256, { payloadSha256: sha256, body: createReadStream(temp), length: size })
      await this.expect(res, [200], 'PUT')
      await drain(res)
      return { created: true, size }
    } finally {
      await unlink(temp).catch(() => undefined)
    }
  }

  async get(sha256: string): Promise<Uint8Array | undefined> {
    const r = await this.openRead(sha256)
    if (!r) return undefined
    const parts: Buffer[] = []
    for await (const c of r.chunks) parts.push(Buffer.from(c))
    return new Uint8Array(Buffer.concat(parts))
  }

  async openRead(sha256: string): Promise<BlobReader | undefined> {
    const res = await this.request('GET', sha256)
    if (res.statusCode === 404) return void (await drain(res))
    await this.expect(res, [200], 'GET')
    return { size: Number(res.headers['content-length']), chunks: res }
  }

  async has(sha256: string): Promise<boolean> {
    const res = await this.request('HEAD', sha256)
    await drain(res)
    if (res.statusCode === 404) return false
    await this.expect(res, [200], 'HEAD')
    return true
  }

  async delete(sha256: string): Promise<boolean> {
    // S3 answers a DELETE of a missing key with 204 as well: ask first, for the port's "was there anything" answer.
    if (!(await this.has(sha256))) return false
    const res = await this.request('DELETE', sha256)
    await this.expect(res, [200, 204], 'DELETE')
    await drain(res)
    return true
  }

  async close(): Promise<void> {}
}

async function drain(res: IncomingMessage): Promise<string> {
  let text = ''
  for await (const c of res) text += String(c)
  return text
}
