/** Signs automated answers with the department's test key (CAdES-BES, detached) through the shared CMS builder. */
import { createPrivateKey, sign as nodeSign, type KeyObject } from 'node:crypto'
import { parseCertificate, signCades, splitPemBundle, type CmsSigner } from '../../src-shared/crypto'
import type { ResultSigner } from '../ports'

export class DepartmentResultSigner implements ResultSigner {
  private readonly signer: CmsSigner
  private readonly iin?: string
  readonly signerBin?: string

  constructor(certPem: Uint8Array, keyPem: Uint8Array, chainPem: Uint8Array[] = []) {
    const certificate = splitPemBundle(certPem)[0]
    const key: KeyObject = createPrivateKey(Buffer.from(keyPem))
    const ec = key.asymmetricKeyType === 'ec'
    this.signer = {
      certificate,
      chain: chainPem.flatMap((c) => splitPemBundle(c)),
      algorithm: ec ? 'ECDSA-SHA256' : 'RSA-SHA256',
      sign: async (tbs) => new Uint8Array(nodeSign('sha256', tbs, key)),
    }
    const facts = parseCertificate(certificate)
    this.iin = facts.iin
    this.signerBin = facts.bin
  }

  async sign(content: Uint8Array): Promise<{ cms: Uint8Array; signerIin?: string; signerBin?: string }> {
    return { cms: await signCades({ content, signer: this.signer, detached: true }), signerIin: this.iin, signerBin: this.signerBin }
  }
}
