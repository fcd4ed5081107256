/**
 * Signs automated answers with the department's test key (detached) through the shared CMS builder: CAdES-T with the
 * НУЦ TSA's signature-time-stamp when it answers, CAdES-BES otherwise (the signature-timestamp job adds it later).
 */
import { createPrivateKey, sign as nodeSign, type KeyObject } from 'node:crypto'
import { parseCertificate, signCades, splitPemBundle, type CmsSigner } from '../../src-shared/crypto'
import { ArmError } from '../../src-shared/errors'
import type { ResultSigner } from '../ports'
import type { TimeStampAuthority } from '../tsa/authority'

export class DepartmentResultSigner implements ResultSigner {
  private readonly signer: CmsSigner
  private readonly iin?: string
  readonly signerBin?: string

  constructor(certPem: Uint8Array, keyPem: Uint8Array, chainPem: Uint8Array[] = [], private readonly tsa?: TimeStampAuthority) {
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
    let cms = await signCades({ content, signer: this.signer, detached: true })
    if (this.tsa) {
      try {
        cms = await this.tsa.stampCms(cms)
      } catch (err) {
        if (!(err instanceof ArmError && err.code === 'TSA_UNAVAILABLE')) throw err
      }
    }
    return { cms, signerIin: this.iin, signerBin: this.signerBin }
  }
}
