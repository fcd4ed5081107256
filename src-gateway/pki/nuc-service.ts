/**
 * НУЦ simulation: CRL distribution for the test CAs and an OCSP responder (RFC 6960) for the project's generated
 * demo CA. Revocation facts come from that CA's own CRL, so the CRL and OCSP never disagree. Responses are built with
 * pkijs and signed with the demo OCSP signer key (delegated responder, id-kp-OCSPSigning).
 */
import { webcrypto } from 'node:crypto'

type CryptoKey = webcrypto.CryptoKey
import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
import { bytesEqual, decodeCertificate, parseCrl, toHex } from '../../src-shared/crypto'
import type { Clock } from '../ports'

const OCSP_BASIC = '1.3.6.1.5.5.7.48.1.1'
const OCSP_NONCE = '1.3.6.1.5.5.7.48.1.2'
const HASH_BY_OID: Record<string, string> = { '1.3.14.3.2.26': 'SHA-1', '2.16.840.1.101.3.4.2.1': 'SHA-256', '2.16.840.1.101.3.4.2.2': 'SHA-384', '2.16.840.1.101.3.4.2.3': 'SHA-512' }

export interface OcspResponderConfig {
  /** The CA whose certificates this responder answers for. */
  caCert: Uint8Array
  /** The delegated OCSP signer certificate (issued by caCert) and its private key (PKCS#8 DER). */
  signerCert: Uint8Array
  signerKeyPkcs8: Uint8Array
  /** The CA's CRL name in `crls` (source of revocation facts). */
  crlName: string
}

const ab = (u: Uint8Array): ArrayBuffer => u.buffer.slice(u.byteOffset, u.byteOffset + u.byteLength) as ArrayBuffer

export class NucService {
  private signerKey?: CryptoKey

  constructor(
    private readonly crls: Map<string, Uint8Array>,
    private readonly clock: Clock,
    private readonly responder?: OcspResponderConfig,
  ) {
    for (const der of crls.values()) parseCrl(der) // refuse to start with a broken CRL
  }

  crl(name: string): Uint8Array | undefined {
    return this.crls.get(name)
  }

  allCrls(): Uint8Array[] {
    return [...this.crls.values()]
  }

  names(): string[] {
    return [...this.crls.keys()]
  }

  private async key(): Promise<CryptoKey> {
    if (!this.responder) throw new Error('no responder')
    if (!this.signerKey) {
      const cert = decodeCertificate(this.responder.signerCert).cert
      const alg = cert.subjectPublicKeyInfo.algorithm.algorithmId
      const params = alg === '1.2.840.10045.2.1' ? { name: 'ECDSA', namedCurve: 'P-256' } : { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }
      this.signerKey = (await webcrypto.subtle.importKey('pkcs8', ab(this.responder.signerKeyPkcs8), params, false, ['sign']))
    }
    return this.signerKey
  }

  /** Answers a DER OCSPRequest with a DER OCSPResponse; a request it cannot read gets `malformedRequest` (RFC 6960 §2.3). */
  async ocsp(requestDer: Uint8Array): Promise<Uint8Array> {
    if (!this.responder) return statusOnly(6) // unauthorized
    let req: pkijs.OCSPRequest
    try {
      const asn = asn1js.fromBER(ab(requestDer))
      if (asn.offset === -1) throw new Error('not BER')
      req = new pkijs.OCSPRequest({ schema: asn.result })
      if (!req.tbsRequest.requestList.length) throw new Error('empty request')
    } catch {
      return statusOnly(1)
    }
    const ca = decodeCertificate(this.responder.caCert).cert
    const crlDer = this.crls.get(this.responder.crlName)
    const crl = crlDer ? parseCrl(crlDer).crl : undefined
    const now = new Date(this.clock.now())
    const caNameDer = new Uint8Array(ca.subject.toSchema().toBER())
    const caKey = ca.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView
    const responses: pkijs.SingleResponse[] = []
    for (const r of req.tbsRequest.requestList) {
      const id = r.reqCert
      const hashName = HASH_BY_OID[id.hashAlgorithm.algorithmId]
      let ours = false
      if (hashName) {
        const nameHash = new Uint8Array(await webcrypto.subtle.digest(hashName, ab(caNameDer)))
        const keyHash = new Uint8Array(await webcrypto.subtle.digest(hashName, ab(new Uint8Array(caKey))))
        ours = bytesEqual(nameHash, id.issuerNameHash.valueBlock.valueHexView) && bytesEqual(keyHash, id.issuerKeyHash.valueBlock.valueHexView)
      }
      const serial = toHex(id.serialNumber.valueBlock.valueHexView)
      let certStatus: asn1js.AsnType
      if (!ours) {
        certStatus = new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 2 } }) // unknown
      } else {
        const entry = crl?.revokedCertificates?.find((e) => toHex(e.userCertificate.valueBlock.valueHexView) === serial && e.revocationDate.value <= now)
        certStatus = entry
          ? new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 1 }, value: [new asn1js.GeneralizedTime({ valueDate: entry.revocationDate.value })] })
          : new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 } }) // good
      }
      responses.push(new pkijs.SingleResponse({ certID: id, certStatus, thisUpdate: now, nextUpdate: new Date(now.getTime() + 3600_000) }))
    }
    const signer = decodeCertificate(this.responder.signerCert).cert
    const keyHash = new Uint8Array(await webcrypto.subtle.digest('SHA-1', ab(new Uint8Array(signer.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView))))
    const basic = new pkijs.BasicOCSPResponse({
      tbsResponseData: new pkijs.ResponseData({
        // byKey: pkijs adds the [2] tag itself for an OCTET STRING.
        responderID: new asn1js.OctetString({ valueHex: ab(keyHash) }),
        producedAt: now,
        responses,
      }),
      certs: [signer],
    })
    const nonce = req.tbsRequest.requestExtensions?.find((e) => e.extnID === OCSP_NONCE)
    if (nonce) basic.tbsResponseData.responseExtensions = [new pkijs.Extension({ extnID: OCSP_NONCE, extnValue: nonce.extnValue.valueBlock.valueHexView.slice().buffer as ArrayBuffer })]
    await basic.sign(await this.key(), 'SHA-256')
    const resp = new pkijs.OCSPResponse({
      responseStatus: new asn1js.Enumerated({ value: 0 }),
      responseBytes: new pkijs.ResponseBytes({ responseType: OCSP_BASIC, response: new asn1js.OctetString({ valueHex: basic.toSchema().toBER(false) }) }),
    })
    return new Uint8Array(resp.toSchema().toBER(false))
  }
}

function statusOnly(status: number): Uint8Array {
  return new Uint8Array(new pkijs.OCSPResponse({ responseStatus: new asn1js.Enumerated({ value: status }) }).toSchema().toBER(false))
}
