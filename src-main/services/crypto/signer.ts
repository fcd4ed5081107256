/** CmsSigner ports over unlocked key material (node:crypto for RSA/EC, pure-JS GOST for NCA 2015 keys). */
import { sign as nodeSign } from 'node:crypto'
import { ArmError } from '../../../src-shared/errors'
import { gostSign512, type CmsSigner, type SigningAlgorithm } from '../../../src-shared/crypto'
import type { PrivateKeyMaterial } from './pkcs12'

export function rawSign(algorithm: SigningAlgorithm, key: PrivateKeyMaterial, data: Uint8Array): Uint8Array {
  if (key.kind === 'gost') {
    if (algorithm !== 'GOST-2015-512') throw new ArmError('CRYPTO_UNSUPPORTED_ALGORITHM', algorithm)
    return gostSign512(key.d, data)
  }
  if (algorithm === 'RSA-SHA256') return new Uint8Array(nodeSign('sha256', data, key.key))
  if (algorithm === 'ECDSA-SHA256') return new Uint8Array(nodeSign('sha256', data, { key: key.key, dsaEncoding: 'der' }))
  throw new ArmError('CRYPTO_UNSUPPORTED_ALGORITHM', algorithm)
}

export function keySigner(input: { certificate: Uint8Array; chain?: Uint8Array[]; algorithm: SigningAlgorithm; privateKey: PrivateKeyMaterial }): CmsSigner {
  return {
    certificate: input.certificate,
    chain: input.chain,
    algorithm: input.algorithm,
    sign: async (tbs) => rawSign(input.algorithm, input.privateKey, tbs),
  }
}
