/**
 * Bench part "blobs" (#16): scans served and stored through the blob port.
 * - GET streaming: memory held while 8 specialists open the same 24 MB scan at once, streamed in chunks (what
 *   GET /attachments does now) against reading each whole first (what it did before), in the same run.
 * - The S3-compatible store (against s3rver, an S3 server in Node, on this machine) beside the file store: MB/s of a
 *   put and of a streamed read of the same bytes.
 */
import { createHash, randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { FileBlobStore } from '../../src-gateway/blobs/file-blob-store'
import { S3BlobStore } from '../../src-gateway/blobs/s3-blob-store'
import type { BlobStore } from '../../src-gateway/blobs/types'
import type { BenchPart } from '../types'

// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require('s3rver') as new (o: Record<string, unknown>) => { run(): Promise<AddressInfo>; close(): Promise<void> }

const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d
const MB = 1024 * 1024

/** Peak of external + array-buffer memory while `work` runs (sampled every 2 ms), above what it was before. */
async function peakMemory(work: () => Promise<void>): Promise<number> {
  ;(globalThis as { gc?: () => void }).gc?.()
  const base = process.memoryUsage().arrayBuffers
  let peak = base
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().arrayBuffers)), 2)
  try {
    await work()
  } finally {
    clearInterval(timer)
  }
  peak = Math.max(peak, process.memoryUsage().arrayBuffers)
  return peak - base
}

/** A slow reader (a specialist's connection): takes each chunk and lets go of it after a tick. */
async function consume(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Promise<number> {
  let n = 0
  for await (const c of chunks) {
    n += c.byteLength
    await new Promise((r) => setImmediate(r))
  }
  return n
}

async function throughput(store: BlobStore, bytes: Uint8Array, sha: string): Promise<{ putMBs: number; readMBs: number }> {
  const t0 = performance.now()
  await store.put(sha, [bytes], { maxBytes: bytes.length })
  const t1 = performance.now()
  const r = (await store.openRead(sha))!
  await consume(r.chunks)
  const t2 = performance.now()
  await store.delete(sha)
  return { putMBs: bytes.length / MB / ((t1 - t0) / 1000), readMBs: bytes.length / MB / ((t2 - t1) / 1000) }
}

export async function run(): Promise<BenchPart> {
  const dir = mkdtempSync(join(tmpdir(), 'arm-bench-blobs-'))
  const files = new FileBlobStore(join(dir, 'files'))
  const scan = randomBytes(24 * MB)
  const sha = createHash('sha256').update(scan).digest('hex')
  await files.put(sha, [scan], { maxBytes: scan.length })
  const READERS = 8
  try {
    const whole = await peakMemory(async () => {
      await Promise.all(Array.from({ length: READERS }, async () => consume([(await files.get(sha))!])))
    })
    const streamed = await peakMemory(async () => {
      await Promise.all(Array.from({ length: READERS }, async () => consume((await files.openRead(sha))!.chunks)))
    })
    const s3dir = join(dir, 's3rver')
    const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: s3dir, configureBuckets: [{ name: 'scans' }] })
    const { port } = await server.run()
    const s3 = new S3BlobStore({ endpoint: `http://127.0.0.1:${port}`, bucket: 'scans', region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', tmpDir: join(dir, 's3tmp') })
    const doc = randomBytes(8 * MB)
    const docSha = createHash('sha256').update(doc).digest('hex')
    let f = { putMBs: 0, readMBs: 0 }
    let o = { putMBs: 0, readMBs: 0 }
    try {
      // warm both, then measure
      await throughput(files, doc, docSha)
      await throughput(s3, doc, docSha)
      f = await throughput(files, doc, docSha)
      o = await throughput(s3, doc, docSha)
    } finally {
      await server.close()
    }
    return {
      metrics: {
        getStreamedPeakMemory: { value: round(streamed / MB), unit: 'MB', note: `${READERS} readers of one 24 MB scan at once, streamed in 256 KB chunks (GET /attachments now); baseline: each read whole first (before), ${round(whole / MB)} MB` },
        getStreamedMemoryVsWhole: { value: round(streamed / whole, 3), unit: '×', target: '≤ 0.25×', met: streamed / whole <= 0.25 },
        s3PutVsFiles: { value: round(o.putMBs / f.putMBs, 2), unit: '×', note: `8 MB scan: S3 store (s3rver on this machine) ${round(o.putMBs)} MB/s, file store ${round(f.putMBs)} MB/s` },
        s3ReadVsFiles: { value: round(o.readMBs / f.readMBs, 2), unit: '×', note: `streamed read: S3 ${round(o.readMBs)} MB/s, files ${round(f.readMBs)} MB/s` },
      },
    }
  } finally {
    await files.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
