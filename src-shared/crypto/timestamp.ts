/**
 * RFC 3161 time-stamping, the pieces a TSA and its clients share: the request (TimeStampReq over a message imprint),
 * the token (a CMS SignedData over a TSTInfo, built by the same CAdES builder as every other signature) and the
 * response (TimeStampResp). Verification of a token carried as a CAdES-T signature-time-stamp is in cms.ts (verifyCms).
 * Pure TypeScript: the gateway's TSA issues, the workstation and the gateway request and attach.
 */
import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
import { ArmError } from '../errors'
import { toArrayBuffer, toBytes } from './bytes'
import { signCades, type CmsSigner } from './cms'
import { derAlgorithm, derInteger, derOctetString, derOid, derSequence, tlv } from './der'
import { defaultCryptoPort, digest, digestNameOf, type CryptoPort } from './engine'
import { OID } from './oids'

/** The demo НУЦ TSA's policy (a private arc: the demo is not NCA RK's service and must not claim its OIDs). */
export const DEMO_TSA_POLICY = '1.3.6.1.4.1.61423.17.1'

export interface TimeStampRequest {
  hashAlgorithm: string
  imprint: Uint8Array
  nonce?: Uint8Array
  certReq: boolean
  policy?: string
}

/** A TimeStampReq (DER) over SHA-256 of `data` (for CAdES-T: the signature value). */
export async function buildTimeStampRequest(data: Uint8Array, o: { nonce?: Uint8Array; certReq?: boolean; port?: CryptoPort } = {}): Promise<Uint8Array> {
  const imprint = await digest('SHA-256', data, o.port ?? defaultCryptoPort())
  return derSequence(
    derInteger(1),
    derSequence(derAlgorithm(OID.sha256, true), derOctetString(imprint)),
    ...(o.nonce ? [derInteger(unsignedInteger(o.nonce))] : []),
    ...(o.certReq === false ? [] : [new Uint8Array([0x01, 0x01, 0xff])]),
  )
}

/** Reads a TimeStampReq; anything else is TSA_REQUEST_INVALID (only digests we know, with their right length). */
export function parseTimeStampRequest(der: Uint8Array): TimeStampRequest {
  try {
    const asn = asn1js.fromBER(toArrayBuffer(der))
    if (asn.offset === -1) throw new Error(asn.result.error)
    const req = new pkijs.TimeStampReq({ schema: asn.result })
    const hashAlgorithm = req.messageImprint.hashAlgorithm.algorithmId
    const imprint = toBytes(req.messageImprint.hashedMessage.valueBlock.valueHexView).slice()
    const name = digestNameOf(hashAlgorithm)
    const size = name === 'SHA-256' ? 32 : name === 'SHA-384' ? 48 : name === 'SHA-512' || name === 'STREEBOG-512' ? 64 : 0
    if (req.version !== 1 || imprint.length !== size) throw new Error('unsupported imprint')
    return {
      hashAlgorithm,
      imprint,
      ...(req.nonce ? { nonce: toBytes(req.nonce.valueBlock.valueHexView).slice() } : {}),
      certReq: !!req.certReq,
      ...(req.reqPolicy ? { policy: req.reqPolicy } : {}),
    }
  } catch (err) {
    throw new ArmError('TSA_REQUEST_INVALID', err instanceof Error ? err.message : String(err))
  }
}

/** Positive INTEGER content octets (a leading zero when the high bit is set). */
function unsignedInteger(b: Uint8Array): Uint8Array {
  let i = 0
  while (i < b.length - 1 && b[i] === 0) i++
  const v = b.subarray(i)
  return v[0] & 0x80 ? new Uint8Array([0, ...v]) : v
}

function generalizedTime(d: Date): Uint8Array {
  // RFC 3161 §2.4.2: GeneralizedTime in UTC, fraction without trailing zeros.
  const iso = d.toISOString() // 2026-12-07T23:31:54.120Z
  const ms = iso.slice(20, 23).replace(/0+$/, '')
  const text = iso.slice(0, 19).replace(/[-T:]/g, '') + (ms ? `.${ms}` : '') + 'Z'
  return tlv(0x18, new TextEncoder().encode(text))
}

export interface IssueTokenOptions {
  request: TimeStampRequest
  /** The TSA's key: its certificate must carry the critical timeStamping extended key usage. */
  signer: CmsSigner
  /** Unique per token (RFC 3161 §2.4.2): the TSA's counter or random bytes. */
  serialNumber: Uint8Array
  time: Date
  policy?: string
  port?: CryptoPort
}

/** Issues a time-stamp token: the TSTInfo (imprint, serial, genTime, accuracy 1 s, nonce echoed) signed as CMS. */
export async function issueTimeStampToken(o: IssueTokenOptions): Promise<Uint8Array> {
  const { request } = o
  const tstInfo = derSequence(
    derInteger(1),
    derOid(o.request.policy ?? o.policy ?? DEMO_TSA_POLICY),
    derSequence(derAlgorithm(request.hashAlgorithm, request.hashAlgorithm === OID.sha256), derOctetString(request.imprint)),
    derInteger(unsignedInteger(o.serialNumber)),
    generalizedTime(o.time),
    derSequence(derInteger(1)), // accuracy: 1 second
    ...(request.nonce ? [derInteger(unsignedInteger(request.nonce))] : []),
  )
  return signCades({ content: tstInfo, signer: o.signer, detached: false, contentType: OID.tstInfo, signingTime: o.time, port: o.port })
}

/** TimeStampResp granting a token (PKIStatus granted). */
export function timeStampResponse(token: Uint8Array): Uint8Array {
  return derSequence(derSequence(derInteger(0)), token)
}

/** TimeStampResp rejecting a request (PKIStatus rejection, failInfo badRequest / badDataFormat / systemFailure). */
export function timeStampRejection(reason: 'badRequest' | 'badDataFormat' | 'systemFailure', text: string): Uint8Array {
  const bit = { badRequest: 2, badDataFormat: 5, systemFailure: 25 }[reason]
  const bytes = new Uint8Array(Math.floor(bit / 8) + 1)
  bytes[Math.floor(bit / 8)] = 0x80 >> bit % 8
  const unused = 7 - (bit % 8)
  return derSequence(derSequence(derInteger(2), derSequence(tlv(0x0c, new TextEncoder().encode(text))), tlv(0x03, new Uint8Array([unused]), bytes)))
}

/** The token of a granted TimeStampResp; a rejection or garbage is TSA_UNAVAILABLE (the signature stays CAdES-BES). */
export function tokenOfResponse(der: Uint8Array): Uint8Array {
  try {
    const asn = asn1js.fromBER(toArrayBuffer(der))
    if (asn.offset === -1) throw new Error(asn.result.error)
    const resp = new pkijs.TimeStampResp({ schema: asn.result })
    const status = resp.status.status
    if ((status !== 0 && status !== 1) || !resp.timeStampToken) throw new Error(`PKIStatus ${status}`)
    // The token's own bytes, not a re-encoding: its signature covers exactly what the TSA sent.
    return toBytes((asn.result as asn1js.Sequence).valueBlock.value[1].valueBeforeDecodeView).slice()
  } catch (err) {
    throw new ArmError('TSA_UNAVAILABLE', err instanceof Error ? err.message : String(err))
  }
}
