/**
 * The simulated НУЦ time-stamping authority (RFC 3161): its own key and certificate under the demo НУЦ (critical
 * extended key usage timeStamping), a 1-second accuracy, a random 128-bit serial per token (unique without a counter
 * shared by the gateway instances). `available = false` stands for the НУЦ service being down: requests are refused
 * and signers keep their signatures as CAdES-BES, to be stamped later.
 */
import { createHash, createPrivateKey, randomBytes, sign as nodeSign, type KeyObject } from 'node:crypto'
import {
  addSignatureTimeStamp,
  hasSignatureTimeStamp,
  issueTimeStampToken,
  parseCertificate,
  parseTimeStampRequest,
  signatureValuesOf,
  splitPemBundle,
  timeStampRejection,
  timeStampResponse,
  type CmsSigner,
} from '../../src-shared/crypto'
import { ArmError } from '../../src-shared/errors'
import { OID } from '../../src-shared/crypto/oids'
import type { Clock } from '../ports'
import { nodeCryptoPort } from '../pki/crypto-verifier'

export class TimeStampAuthority {
  private readonly signer: CmsSigner
  /** Off while the (simulated) НУЦ service is down. */
  available = true
  readonly name: string

  /** `isDown`: the fault switch (PUT /admin/faults { tsaDown }) that takes the simulated service down. */
  constructor(certPem: Uint8Array, keyPem: Uint8Array, chainPem: Uint8Array[], private readonly clock: Clock, private readonly isDown: () => boolean = () => false) {
    const certificate = splitPemBundle(certPem)[0]
    const facts = parseCertificate(certificate)
    // RFC 3161 §2.3: a TSA key signs tokens only, and says so in a critical EKU; refuse to start with any other key.
    if (!facts.extendedKeyUsage.includes(OID.ekuTimeStamping)) throw new Error(`TSA certificate ${facts.subject.text} lacks the timeStamping extended key usage`)
    const key: KeyObject = createPrivateKey(Buffer.from(keyPem))
    this.signer = {
      certificate,
      chain: chainPem.flatMap((c) => splitPemBundle(c)),
      algorithm: key.asymmetricKeyType === 'ec' ? 'ECDSA-SHA256' : 'RSA-SHA256',
      // With a callback node:crypto signs on the thread pool: a token's RSA signature (a millisecond or more) does not
      // hold the gateway's only JavaScript thread, where intake and every other request run.
      sign: (tbs) => new Promise((resolve, reject) => nodeSign('sha256', tbs, key, (err, sig) => (err ? reject(err) : resolve(new Uint8Array(sig))))),
    }
    this.name = facts.commonName ?? facts.fullName
  }

  get up(): boolean {
    return this.available && !this.isDown()
  }

  private ensureUp(): void {
    if (!this.up) throw new ArmError('TSA_UNAVAILABLE')
  }

  /** An RFC 3161 exchange: TimeStampReq in, TimeStampResp out (a rejection for a bad request or while down). */
  async respond(requestDer: Uint8Array): Promise<Uint8Array> {
    if (!this.up) return timeStampRejection('systemFailure', 'TSA unavailable')
    let request
    try {
      request = parseTimeStampRequest(requestDer)
    } catch {
      return timeStampRejection('badDataFormat', 'not a TimeStampReq with a SHA-2 imprint')
    }
    return timeStampResponse(await this.token(request.imprint, request.hashAlgorithm, request.nonce))
  }

  /** A token over a message imprint (the desk sends SHA-256 of its signature value; key material stays on the desk). */
  async token(imprint: Uint8Array, hashAlgorithm: string = OID.sha256, nonce?: Uint8Array): Promise<Uint8Array> {
    this.ensureUp()
    return issueTimeStampToken({
      request: { hashAlgorithm, imprint, certReq: true, ...(nonce ? { nonce } : {}) }, signer: this.signer, serialNumber: randomBytes(16), time: new Date(this.clock.now()),
      // node:crypto's digests in place (WebCrypto's are a thread-pool round trip each, dearer than the hashing)
      port: nodeCryptoPort,
    })
  }

  /**
   * CAdES-BES → CAdES-T: every SignerInfo without a signature-time-stamp gets one (the same object back when each has
   * one already: nothing to do, the TSA is not asked). Throws TSA_UNAVAILABLE while down and something needs a stamp.
   */
  async stampCms(cms: Uint8Array): Promise<Uint8Array> {
    let out = cms
    const values = signatureValuesOf(cms)
    for (let i = 0; i < values.length; i++) {
      // Stamping one SignerInfo leaves the others' attributes as they were: the original tells which still need one.
      if (hasSignatureTimeStamp(cms, i)) continue
      // The imprint a TimeStampReq over this signature value carries (CAdES: SHA-256 of the value), computed here rather
      // than encoded into a request and parsed back out of it.
      const imprint = new Uint8Array(createHash('sha256').update(values[i]).digest())
      out = addSignatureTimeStamp(out, await this.token(imprint), i)
    }
    return out
  }
}
