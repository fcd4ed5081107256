/**
 * OCSP (RFC 6960) without transport: build a request for (certificate, issuer), and judge a response — status
 * successful, basic response signed by the issuer or by an OCSP-signing certificate the issuer issued, a SingleResponse
 * for exactly this CertID, current (thisUpdate ≤ at ≤ nextUpdate), our nonce echoed when we sent one.
 * The HTTP exchange is main's business (src-main/services/crypto/ocsp-client.ts, injected http port).
 */
import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
import { ArmError } from '../errors'
import { bytesEqual, toArrayBuffer, toBytes } from './bytes'
import { derAlgorithm, derExplicit, derInteger, derOctetString, derOid, derSequence } from './der'
import { defaultCryptoPort, digest, digestNameOf, verifySignature, type CryptoPort, type DigestName } from './engine'
import { OID } from './oids'
import type { RevocationResult, StoredCertificate } from './trust'
import { verifyIssuedBy } from './trust'

async function certIdParts(cert: StoredCertificate, issuer: StoredCertificate, port: CryptoPort, hash: DigestName = 'SHA-1') {
  const issuerName = toBytes(issuer.cert.subject.valueBeforeDecode.byteLength ? issuer.cert.subject.valueBeforeDecode : issuer.cert.subject.toSchema().toBER())
  const issuerKey = toBytes(issuer.cert.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView)
  return {
    nameHash: await digest(hash, issuerName, port),
    keyHash: await digest(hash, issuerKey, port),
    serial: toBytes(cert.cert.serialNumber.valueBlock.valueHexView),
  }
}

/** DER OCSPRequest for one certificate (CertID with SHA-1, as responders universally support), with a nonce. */
export async function buildOcspRequest(cert: StoredCertificate, issuer: StoredCertificate, options: { nonce?: Uint8Array; port?: CryptoPort } = {}): Promise<Uint8Array> {
  const port = options.port ?? defaultCryptoPort()
  const id = await certIdParts(cert, issuer, port)
  const certId = derSequence(derAlgorithm(OID.sha1, true), derOctetString(id.nameHash), derOctetString(id.keyHash), derInteger(id.serial))
  const parts = [derSequence(derSequence(certId))]
  if (options.nonce) parts.push(derExplicit(2, derSequence(derSequence(derOid(OID.ocspNonce), derOctetString(derOctetString(options.nonce))))))
  return derSequence(derSequence(...parts))
}

const fail = (message: string) => new ArmError('OCSP_FAILED', message)

/** Judges an OCSP response for (cert, issuer). Throws OCSP_FAILED when the answer cannot be trusted. */
export async function parseOcspResponse(
  der: Uint8Array,
  cert: StoredCertificate,
  issuer: StoredCertificate,
  options: { at?: Date; nonce?: Uint8Array; port?: CryptoPort; maxSkewMs?: number } = {},
): Promise<RevocationResult> {
  const port = options.port ?? defaultCryptoPort()
  const at = options.at ?? new Date()
  const skew = options.maxSkewMs ?? 5 * 60_000
  let basic: pkijs.BasicOCSPResponse
  try {
    const parsed = asn1js.fromBER(toArrayBuffer(der))
    if (parsed.offset === -1) throw new Error('bad BER')
    const resp = new pkijs.OCSPResponse({ schema: parsed.result })
    const status = resp.responseStatus.valueBlock.valueDec
    if (status !== 0) throw fail(`responder status ${status}`)
    if (!resp.responseBytes || resp.responseBytes.responseType !== OID.ocspBasic) throw new Error('not a basic OCSP response')
    basic = pkijs.BasicOCSPResponse.fromBER(toArrayBuffer(toBytes(resp.responseBytes.response.valueBlock.valueHexView)))
  } catch (err) {
    if (err instanceof ArmError) throw err
    throw fail(err instanceof Error ? err.message : String(err))
  }

  // Who signed: the issuer itself, or a delegated responder certificate issued by it with EKU id-kp-OCSPSigning.
  const tbs = toBytes(basic.tbsResponseData.tbsView)
  const sig = toBytes(basic.signature.valueBlock.valueHexView)
  const sigOid = basic.signatureAlgorithm.algorithmId
  let signedOk = await verifySignature(issuer.cert.subjectPublicKeyInfo, sigOid, undefined, sig, tbs, port).catch(() => false)
  if (!signedOk) {
    for (const responder of basic.certs ?? []) {
      const eku = responder.extensions?.find((e) => e.extnID === OID.extKeyUsage)?.parsedValue as pkijs.ExtKeyUsage | undefined
      if (!eku?.keyPurposes.includes(OID.ekuOcspSigning)) continue
      if (!(await verifyIssuedBy(responder, issuer.cert, port))) continue
      if (responder.notBefore.value > at || responder.notAfter.value < at) continue
      if (await verifySignature(responder.subjectPublicKeyInfo, sigOid, undefined, sig, tbs, port).catch(() => false)) {
        signedOk = true
        break
      }
    }
  }
  if (!signedOk) throw fail('response signature does not verify with the issuer or an authorised responder')

  if (options.nonce) {
    const ext = basic.tbsResponseData.responseExtensions?.find((e) => e.extnID === OID.ocspNonce)
    const value = ext ? toBytes(ext.extnValue.valueBlock.valueHexView) : undefined
    const inner = value ? asn1js.fromBER(toArrayBuffer(value)).result : undefined
    const echoed = inner instanceof asn1js.OctetString ? toBytes(inner.valueBlock.valueHexView) : value
    if (!echoed || !bytesEqual(echoed, options.nonce)) throw fail('nonce mismatch (replayed response?)')
  }

  // Responders answer with the CertID hash they were asked with (SHA-1 here); NCA's also answers SHA-256 CertIDs.
  const ids = new Map<string, Awaited<ReturnType<typeof certIdParts>>>()
  for (const single of basic.tbsResponseData.responses) {
    const c = single.certID
    const hashName = digestNameOf(c.hashAlgorithm.algorithmId)
    if (!hashName || hashName === 'STREEBOG-512') continue
    if (!ids.has(hashName)) ids.set(hashName, await certIdParts(cert, issuer, port, hashName))
    const id = ids.get(hashName)!
    if (!bytesEqual(c.issuerNameHash.valueBlock.valueHexView, id.nameHash)) continue
    if (!bytesEqual(c.issuerKeyHash.valueBlock.valueHexView, id.keyHash)) continue
    if (!bytesEqual(c.serialNumber.valueBlock.valueHexView, id.serial)) continue
    if (single.thisUpdate.getTime() > at.getTime() + skew) throw fail('response from the future')
    if (single.nextUpdate && single.nextUpdate.getTime() < at.getTime() - skew) throw fail('response is out of date')
    const tag = (single.certStatus as asn1js.BaseBlock).idBlock.tagNumber
    if (tag === 0) return { status: 'good', source: 'ocsp' }
    if (tag === 1) {
      const revoked = single.certStatus as asn1js.Constructed
      const time = revoked.valueBlock.value[0]
      const revokedAt = time instanceof asn1js.GeneralizedTime ? time.toDate().toISOString() : undefined
      return { status: 'revoked', source: 'ocsp', revokedAt }
    }
    return { status: 'unknown', source: 'ocsp', detail: 'responder does not know the certificate' }
  }
  throw fail('no answer for this certificate in the response')
}
