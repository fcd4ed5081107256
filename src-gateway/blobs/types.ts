/**
 * BlobStore: where the bytes of scans live, addressed by their SHA-256 — outside the database, so the database holds
 * only what is queried (metadata, requests) and a region's years of scans do not make one file of hundreds of GB.
 * Files on disk by default (FileBlobStore); an S3-compatible object store is the option for several gateway instances
 * and must pass the same contract suite (test/gateway/blobs/blob-contract.ts).
 */

/** The bytes of one upload as they arrive: chunks in order (a request body stream, or one buffer). */
export type ByteSource = AsyncIterable<Uint8Array> | Iterable<Uint8Array>

export interface BlobPutResult {
  /** False when a blob with this hash was already stored (the new bytes were verified and dropped). */
  created: boolean
  size: number
}

export interface BlobReader {
  size: number
  chunks: ByteSource
}

export interface BlobStore {
  readonly kind: 'files' | 's3'
  /**
   * Streams `source` in with a bounded buffer, hashing as it goes. Refuses with GW_PAYLOAD_TOO_LARGE as soon as more
   * than `maxBytes` arrive and with GW_HASH_MISMATCH when the bytes are not `sha256`; nothing is kept then. Resolves
   * only once the blob is durable (an acknowledged upload survives a crash).
   */
  put(sha256: string, source: ByteSource, opts: { maxBytes: number }): Promise<BlobPutResult>
  get(sha256: string): Promise<Uint8Array | undefined>
  /**
   * The blob as a stream of chunks with its size, for answering a GET without holding the whole scan in memory; the
   * blob stays readable to the end even if it is deleted meanwhile. Undefined when there is no such blob.
   */
  openRead(sha256: string): Promise<BlobReader | undefined>
  has(sha256: string): Promise<boolean>
  /** Returns false when there was nothing to delete. */
  delete(sha256: string): Promise<boolean>
  close(): Promise<void>
}
