/** The CryptoPort main uses: WebCrypto for verification, node:crypto's streaming hash for digests (no 1 MB copies). */
import { createHash, webcrypto } from 'node:crypto'
import type { CryptoPort, SubtleLike } from '../../../src-shared/crypto'

const NAMES = { 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' } as const

export const nodeCryptoPort: CryptoPort = {
  subtle: webcrypto.subtle as unknown as SubtleLike,
  digest: (name, data) => new Uint8Array(createHash(NAMES[name]).update(data).digest()),
}
