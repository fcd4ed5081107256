/**
 * CMS SignedData, CAdES-BES profile: build (attached or detached; contentType, signingTime, messageDigest,
 * signingCertificateV2; signed attributes DER-sorted) and verify (one report per SignerInfo).
 * Signing goes through a `CmsSigner` port so the same code serves .p12 keys (RSA/EC via node:crypto, GOST in JS)
 * and PKCS#11 tokens: the port gets exactly the bytes to sign (DER of the SET OF signed attributes).
 */
import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
import { ArmError, type ErrorCode } from '../errors'
import { base64ToBytes, bytesEqual, compareBytes, pemToDer, sha256, toArrayBuffer, toBytes } from './bytes'
import { derAlgorithm, derExplicit, derInteger, derOctetString, derOid, derSequence, derSetOf, derTime, tlv } from './der'
import { revocationKey, type VerificationCache } from './cache'
import { decodeCertificate, factsOf, type CertificateFacts, type KeyPurpose } from './certificate'
import { checkCertificate, type CertificateCheck, type SubIndication } from './check'
import { defaultCryptoPort, digest, digestNameOf, signatureAlgorithmLabel, verifySignature, type CryptoPort } from './engine'
import { OID } from './oids'
import { parseCrl, type ParsedCrl, type RevocationResult, type StoredCertificate, type TrustStore } from './trust'

export type SigningAlgorithm = 'RSA-SHA256' | 'ECDSA-SHA256' | 'GOST-2015-512'

export interface CmsSigner {
  /** DER of the signer's certificate. */
  certificate: Uint8Array
  /** Extra certificates to embed (intermediates). */
  chain?: Uint8Array[]
  algorithm: SigningAlgorithm
  /** Signs `toBeSigned` (the port hashes it with the algorithm's digest); ECDSA answers in DER form. */
  sign(toBeSigned: Uint8Array): Promise<Uint8Array>
}

export interface SignCadesOptions {
  content: Uint8Array
  signer: CmsSigner
  /** Default true: the content is not embedded. */
  detached?: boolean
  signingTime?: Date
  port?: CryptoPort
}

const ALGS: Record<SigningAlgorithm, { digestOid: string; sigOid: string; sigNullParams: boolean }> = {
  'RSA-SHA256': { digestOid: OID.sha256, sigOid: OID.rsaEncryption, sigNullParams: true },
  'ECDSA-SHA256': { digestOid: OID.sha256, sigOid: OID.ecdsaWithSHA256, sigNullParams: false },
  'GOST-2015-512': { digestOid: OID.kzStreebog512, sigOid: OID.kzGost2015Sig512, sigNullParams: false },
}

/** Sorts SET OF members by their DER encodings (X.690 §11.6); pkijs keeps insertion order otherwise. */
export function derSortAttributes(attrs: pkijs.Attribute[]): pkijs.Attribute[] {
  return attrs
    .map((a) => ({ a, der: toBytes(a.toSchema().toBER()) }))
    .sort((x, y) => compareBytes(x.der, y.der))
    .map((x) => x.a)
}

interface SignerCertificate {
  der: Uint8Array
  issuer: Uint8Array
  serial: Uint8Array
  sha256: Uint8Array
}

// Parsed once per certificate object: a signer signs many documents with the same certificate.
const certCache = new WeakMap<Uint8Array, SignerCertificate>()

function signerCertificate(bytes: Uint8Array): SignerCertificate {
  const hit = certCache.get(bytes)
  if (hit) return hit
  const { cert, der } = decodeCertificate(bytes)
  const issuer = toBytes(cert.issuer.valueBeforeDecode)
  const info: SignerCertificate = {
    der,
    issuer: issuer.byteLength ? issuer : toBytes(cert.issuer.toSchema().toBER()),
    serial: toBytes(cert.serialNumber.valueBlock.valueHexView).slice(),
    sha256: sha256(der),
  }
  certCache.set(bytes, info)
  return info
}

const attr = (oid: string, value: Uint8Array) => derSequence(derOid(oid), derSetOf(value))

/**
 * Builds and signs a CAdES-BES SignedData; returns the DER ContentInfo. Never returns a partial signature.
 * Encoded directly in DER from the certificate's own bytes (issuer Name copied verbatim — re-encoding a Cyrillic
 * UTF8String Name is how other libraries break NCA signatures).
 */
export async function signCades(options: SignCadesOptions): Promise<Uint8Array> {
  const port = options.port ?? defaultCryptoPort()
  const { signer } = options
  const alg = ALGS[signer.algorithm]
  if (!alg) throw new ArmError('CRYPTO_UNSUPPORTED_ALGORITHM', String(signer.algorithm))
  const cert = signerCertificate(signer.certificate)
  const contentDigest = await digest(digestNameOf(alg.digestOid)!, options.content, port)
  const signingTime = new Date(options.signingTime ?? Date.now())
  // hashAlgorithm omitted in ESSCertIDv2: SHA-256 is its DEFAULT (RFC 5035).
  const essCertIdV2 = derSequence(derOctetString(cert.sha256), derSequence(derSequence(derExplicit(4, cert.issuer)), derInteger(cert.serial)))
  const attributes = [
    attr(OID.contentType, derOid(OID.data)),
    attr(OID.signingTime, derTime(signingTime)),
    attr(OID.messageDigest, derOctetString(contentDigest)),
    attr(OID.signingCertificateV2, derSequence(derSequence(essCertIdV2))),
  ]
  const toBeSigned = derSetOf(...attributes) // the signature covers the SET OF tag (RFC 5652 §5.4)

  let signature: Uint8Array
  try {
    signature = await signer.sign(toBeSigned)
  } catch (err) {
    if (err instanceof ArmError) throw err
    throw new ArmError('SIGN_FAILED', err instanceof Error ? err.message : String(err))
  }
  if (!signature || signature.length === 0) throw new ArmError('SIGN_FAILED', 'empty signature')

  const signedAttrs = toBeSigned.slice()
  signedAttrs[0] = 0xa0 // [0] IMPLICIT SET OF in SignerInfo
  const signerInfo = derSequence(
    derInteger(1),
    derSequence(cert.issuer, derInteger(cert.serial)),
    derAlgorithm(alg.digestOid),
    signedAttrs,
    derAlgorithm(alg.sigOid, alg.sigNullParams),
    derOctetString(signature),
  )
  const extra = (signer.chain ?? []).map((c) => signerCertificate(c).der)
  const certificates = [cert.der, ...extra].sort(compareBytes)
  const encap = options.detached === false ? derSequence(derOid(OID.data), derExplicit(0, derOctetString(options.content))) : derSequence(derOid(OID.data))
  const signedData = derSequence(derInteger(1), derSetOf(derAlgorithm(alg.digestOid)), encap, tlv(0xa0, ...certificates), derSetOf(signerInfo))
  return derSequence(derOid(OID.signedData), derExplicit(0, signedData))
}

// ---------------------------------------------------------------------------------------------------------------
// Verification

export type Indication = 'PASSED' | 'FAILED' | 'INDETERMINATE'

export interface SignatureReport {
  index: number
  indication: Indication
  subIndication?: SubIndication
  /** The error code that explains a non-PASSED result in the user's language. */
  errorCode?: ErrorCode
  signer?: CertificateFacts
  signingTime?: string
  digestAlgorithm: string
  signatureAlgorithm: string
  checks: {
    signatureValue: boolean | null
    messageDigest: boolean | null
    contentType: boolean | null
    signingCertificate: 'v2' | 'v1' | 'absent' | 'mismatch'
    certificate?: Omit<CertificateCheck, 'facts'>
  }
  testTrust: boolean
}

export interface VerificationReport {
  /** PASSED only when every signature passed. */
  indication: Indication
  subIndication?: SubIndication
  errorCode?: ErrorCode
  detached: boolean
  eContentType: string
  /** The embedded content of an attached signature. */
  content?: Uint8Array
  signatures: SignatureReport[]
  testTrust: boolean
}

export interface VerifyCmsOptions {
  cms: Uint8Array
  /**
   * The signed bytes for a detached signature. For an attached one, the document the caller means: the embedded
   * content must equal it byte for byte, else every signature is FAILED / HASH_FAILURE (CMS_CONTENT_MISMATCH).
   */
  content?: Uint8Array
  trust: TrustStore
  /** When to judge validity and revocation; default now. */
  at?: Date
  /** DER (or PEM) CRLs; when given, revocation must be established. */
  crls?: Uint8Array[]
  /** Asked when the CRLs give no answer (e.g. an OCSP client). */
  revocation?: (cert: StoredCertificate, issuer: StoredCertificate) => Promise<RevocationResult>
  /** Accept the test trust store and check-digit-invalid test ИИН/БИН; the report says so. */
  testTrust?: boolean
  purpose?: KeyPurpose
  expectedIin?: string
  port?: CryptoPort
  /**
   * Optional cache shared between calls (a server verifying many envelopes keeps one per trust store): parsed
   * certificates and CRLs, chain-link and CRL signature results, OCSP answers for a short TTL. The signature over the
   * signed attributes, the messageDigest and the signing-certificate hash are still checked on every call.
   */
  cache?: VerificationCache
}

/** DER as is; PEM or bare base64 text (what NCALayer and KalkanCrypt hand out) decoded first. */
export function cmsToDer(input: Uint8Array): Uint8Array {
  if (input[0] === 0x30) return input
  if (input[0] === 0x2d) return pemToDer(input)
  const text = new TextDecoder().decode(input).trim()
  if (!/^[A-Za-z0-9+/\r\n]+=*$/.test(text)) return input
  try {
    return base64ToBytes(text.replace(/\s+/g, ''))
  } catch {
    // Not canonical base64: left as is, the DER parser reports it.
    return input
  }
}

interface Tlv {
  tag: number
  start: number
  contentStart: number
  end: number
}

/** One definite-length DER TLV with a single-byte tag, or undefined (BER indefinite length etc.: use the full parser). */
function readTlv(b: Uint8Array, at: number, limit: number): Tlv | undefined {
  if (at + 2 > limit) return undefined
  const tag = b[at]
  if ((tag & 0x1f) === 0x1f) return undefined
  let len = b[at + 1]
  let p = at + 2
  if (len & 0x80) {
    const n = len & 0x7f
    if (n === 0 || n > 4 || p + n > limit) return undefined
    len = 0
    for (let i = 0; i < n; i++) len = len * 256 + b[p++]
  }
  const end = p + len
  return end > limit ? undefined : { tag, start: at, contentStart: p, end }
}

function childrenOf(b: Uint8Array, parent: Tlv): Tlv[] | undefined {
  const out: Tlv[] = []
  for (let at = parent.contentStart; at < parent.end; ) {
    const t = readTlv(b, at, parent.end)
    if (!t) return undefined
    out.push(t)
    at = t.end
  }
  return out
}

const SIGNED_DATA_OID = derOid(OID.signedData)

/**
 * Splits a DER ContentInfo/SignedData into the SignedData without its certificates and CRLs (what pkijs parses per
 * signature: version, digest algorithms, encapsulated content, signer infos) and the raw DER of the carried
 * certificates and CRLs, which are looked up by hash instead of being parsed again for every envelope.
 * Undefined when the input is not plain definite-length DER of that shape; the caller then parses it all with pkijs.
 */
function splitSignedData(der: Uint8Array): { signedData: Uint8Array; fields: Tlv[]; certificates: Uint8Array[]; crls: Uint8Array[] } | undefined {
  const outer = readTlv(der, 0, der.length)
  if (!outer || outer.tag !== 0x30) return undefined
  const ci = childrenOf(der, outer)
  if (!ci || ci.length !== 2 || ci[0].tag !== 0x06 || ci[1].tag !== 0xa0) return undefined
  if (!bytesEqual(der.subarray(ci[0].start, ci[0].end), SIGNED_DATA_OID)) return undefined
  const wrapped = childrenOf(der, ci[1])
  if (!wrapped || wrapped.length !== 1 || wrapped[0].tag !== 0x30) return undefined
  const fields = childrenOf(der, wrapped[0])
  if (!fields) return undefined
  const kept: Uint8Array[] = []
  const keptFields: Tlv[] = []
  const certificates: Uint8Array[] = []
  const crls: Uint8Array[] = []
  for (const f of fields) {
    if (f.tag === 0xa0 || f.tag === 0xa1) {
      const members = childrenOf(der, f)
      if (!members) return undefined
      // Only plain Certificates / CertificateLists are used; other CHOICEs (attribute certificates, other formats) never were.
      for (const m of members) if (m.tag === 0x30) (f.tag === 0xa0 ? certificates : crls).push(der.subarray(m.start, m.end))
    } else {
      kept.push(der.subarray(f.start, f.end))
      keptFields.push(f)
    }
  }
  return { signedData: derSequence(...kept), fields: keptFields, certificates, crls }
}

/** What verification needs of a SignerInfo, read straight from the DER (no pkijs schema walk per envelope). */
interface SignerView {
  sid: { issuer: Uint8Array; serial: Uint8Array; issuerRdn?: pkijs.RelativeDistinguishedNames } | { ski: Uint8Array }
  digestOid: string
  sigOid: string
  /** `encoded`: the DER the signature covers (the [0] IMPLICIT re-tagged as SET OF); `values`: first value per type. */
  signedAttrs?: { encoded: Uint8Array; values: Map<string, asn1js.AsnType | undefined> }
  signature: Uint8Array
}

interface SignedDataView {
  eContentType: string
  /** The embedded content (concatenated when chunked), absent for a detached signature. */
  eContent?: Uint8Array
  signerInfos: SignerView[]
}

/** OBJECT IDENTIFIER content octets → dotted text. */
function oidText(content: Uint8Array): string | undefined {
  if (!content.length || content[content.length - 1] & 0x80) return undefined
  const arcs: number[] = []
  let v = 0
  for (const b of content) {
    v = v * 128 + (b & 0x7f)
    if (v > Number.MAX_SAFE_INTEGER / 256) return undefined
    if (!(b & 0x80)) {
      arcs.push(v)
      v = 0
    }
  }
  const first = arcs[0] < 80 ? Math.floor(arcs[0] / 40) : 2
  return [first, arcs[0] - first * 40, ...arcs.slice(1)].join('.')
}

function readOid(der: Uint8Array, t: Tlv | undefined): string | undefined {
  return t && t.tag === 0x06 ? oidText(der.subarray(t.contentStart, t.end)) : undefined
}

function algorithmOid(der: Uint8Array, t: Tlv | undefined): string | undefined {
  if (!t || t.tag !== 0x30) return undefined
  const kids = childrenOf(der, t)
  return kids && kids.length >= 1 && kids.length <= 2 ? readOid(der, kids[0]) : undefined
}

function readSignerInfo(der: Uint8Array, t: Tlv): SignerView | undefined {
  if (t.tag !== 0x30) return undefined
  const k = childrenOf(der, t)
  if (!k || k.length < 5 || k[0].tag !== 0x02) return undefined
  let sid: SignerView['sid']
  if (k[1].tag === 0x30) {
    const parts = childrenOf(der, k[1])
    if (!parts || parts.length !== 2 || parts[0].tag !== 0x30 || parts[1].tag !== 0x02) return undefined
    sid = { issuer: der.subarray(parts[0].start, parts[0].end), serial: der.subarray(parts[1].contentStart, parts[1].end) }
  } else if (k[1].tag === 0x80) {
    sid = { ski: der.subarray(k[1].contentStart, k[1].end) }
  } else return undefined
  const digestOid = algorithmOid(der, k[2])
  let i = 3
  let signedAttrs: SignerView['signedAttrs']
  if (k[i].tag === 0xa0) {
    const values = new Map<string, asn1js.AsnType | undefined>()
    const attrs = childrenOf(der, k[i])
    if (!attrs) return undefined
    for (const a of attrs) {
      const ak = a.tag === 0x30 ? childrenOf(der, a) : undefined
      const type = ak && ak.length === 2 && ak[1].tag === 0x31 ? readOid(der, ak[0]) : undefined
      if (!ak || !type) return undefined
      const set = childrenOf(der, ak[1])
      if (!set) return undefined
      if (values.has(type)) continue // the first attribute of a type counts, as before (even an empty one)
      if (!set.length) {
        values.set(type, undefined)
        continue
      }
      const parsed = asn1js.fromBER(toArrayBuffer(der.subarray(set[0].start, set[0].end)))
      if (parsed.offset === -1) return undefined
      values.set(type, parsed.result)
    }
    const encoded = der.slice(k[i].start, k[i].end)
    encoded[0] = 0x31 // RFC 5652 §5.4: the signature covers the EXPLICIT SET OF tag
    signedAttrs = { encoded, values }
    i++
  }
  const sigOid = algorithmOid(der, k[i])
  const sig = k[i + 1]
  if (!digestOid || !sigOid || !sig || sig.tag !== 0x04) return undefined
  const rest = k.slice(i + 2)
  if (rest.length > 1 || (rest.length === 1 && rest[0].tag !== 0xa1)) return undefined
  return { sid, digestOid, sigOid, signedAttrs, signature: der.subarray(sig.contentStart, sig.end) }
}

/** SignedData fields (certificates and CRLs already split off) → view; undefined for anything unusual (pkijs decides). */
function readSignedData(der: Uint8Array, fields: Tlv[]): SignedDataView | undefined {
  if (fields.length !== 4 || fields[0].tag !== 0x02 || fields[1].tag !== 0x31 || fields[2].tag !== 0x30 || fields[3].tag !== 0x31) return undefined
  const encap = childrenOf(der, fields[2])
  if (!encap || encap.length < 1 || encap.length > 2) return undefined
  const eContentType = readOid(der, encap[0])
  if (!eContentType) return undefined
  let eContent: Uint8Array | undefined
  if (encap.length === 2) {
    const wrapped = encap[1].tag === 0xa0 ? childrenOf(der, encap[1]) : undefined
    // Chunked (constructed) OCTET STRINGs are left to pkijs.
    if (!wrapped || wrapped.length !== 1 || wrapped[0].tag !== 0x04) return undefined
    eContent = der.subarray(wrapped[0].contentStart, wrapped[0].end)
  }
  const infos = childrenOf(der, fields[3])
  if (!infos || !infos.length) return undefined
  const signerInfos: SignerView[] = []
  for (const t of infos) {
    const si = readSignerInfo(der, t)
    if (!si) return undefined
    signerInfos.push(si)
  }
  return { eContentType, eContent, signerInfos }
}

/** The same view of a SignedData pkijs has parsed (BER input, unusual shapes). */
function viewOf(sd: pkijs.SignedData): SignedDataView {
  const eContent = sd.encapContentInfo.eContent
  return {
    eContentType: sd.encapContentInfo.eContentType,
    // Constructed (BER, chunked) OCTET STRINGs are concatenated; pkijs' getValue does that.
    eContent: eContent ? toBytes(eContent.getValue()) : undefined,
    signerInfos: sd.signerInfos.map((si) => {
      let sid: SignerView['sid']
      if (si.sid instanceof pkijs.IssuerAndSerialNumber) {
        const issuer = toBytes(si.sid.issuer.valueBeforeDecode)
        sid = { issuer: issuer.byteLength ? issuer : toBytes(si.sid.issuer.toSchema().toBER()), serial: toBytes(si.sid.serialNumber.valueBlock.valueHexView), issuerRdn: si.sid.issuer }
      } else {
        const raw = si.sid instanceof asn1js.Constructed || si.sid instanceof asn1js.Primitive ? (si.sid as asn1js.Primitive).valueBlock.valueHexView : undefined
        sid = { ski: raw ? toBytes(raw) : new Uint8Array() }
      }
      let signedAttrs: SignerView['signedAttrs']
      if (si.signedAttrs) {
        const values = new Map<string, asn1js.AsnType | undefined>()
        for (const a of si.signedAttrs.attributes) if (!values.has(a.type)) values.set(a.type, a.values[0])
        signedAttrs = { encoded: toBytes(si.signedAttrs.encodedValue), values }
      }
      return { sid, digestOid: si.digestAlgorithm.algorithmId, sigOid: si.signatureAlgorithm.algorithmId, signedAttrs, signature: toBytes(si.signature.valueBlock.valueHexView) }
    }),
  }
}


interface ParsedCms {
  sd: SignedDataView
  carried: StoredCertificate[]
  crls: ParsedCrl[]
}

/** Parses the CMS once; the carried certificates and CRLs come from the cache when one is given. */
async function parseCms(input: Uint8Array, cache: VerificationCache | undefined, port: CryptoPort): Promise<ParsedCms> {
  const cms = cmsToDer(input)
  const split = splitSignedData(cms)
  if (!split) {
    const sd = parseSignedData(cms)
    const carried: StoredCertificate[] = []
    for (const c of sd.certificates ?? []) if (c instanceof pkijs.Certificate) carried.push({ cert: c, der: toBytes(c.toSchema().toBER()) })
    const crls: ParsedCrl[] = []
    for (const c of sd.crls ?? []) if (c instanceof pkijs.CertificateRevocationList) crls.push({ crl: c, der: toBytes(c.toSchema().toBER()) })
    return { sd: viewOf(sd), carried, crls }
  }
  const sd = readSignedData(cms, split.fields) ?? viewOf(parseSignedDataContent(split.signedData))
  try {
    const carried = split.certificates.map((der) => (cache ? cache.certificate(der, port) : decodeCertificate(der)))
    const crls: ParsedCrl[] = []
    for (const der of split.crls) crls.push(cache ? await cache.crl(der, port) : parseCrl(der))
    return { sd, carried, crls }
  } catch (err) {
    // A broken certificate or CRL inside the CMS makes the CMS unreadable, as it did when pkijs parsed it all.
    throw new ArmError('CMS_CORRUPT', err instanceof Error ? err.message : String(err))
  }
}

function parseSignedDataContent(der: Uint8Array): pkijs.SignedData {
  try {
    const asn = asn1js.fromBER(toArrayBuffer(der))
    if (asn.offset === -1) throw new Error(asn.result.error)
    const sd = new pkijs.SignedData({ schema: asn.result })
    if (!sd.signerInfos.length) throw new Error('no SignerInfo')
    return sd
  } catch (err) {
    throw new ArmError('CMS_CORRUPT', err instanceof Error ? err.message : String(err))
  }
}

function parseSignedData(cms: Uint8Array): pkijs.SignedData {
  try {
    const asn = asn1js.fromBER(toArrayBuffer(cms))
    if (asn.offset === -1) throw new Error(asn.result.error)
    const ci = new pkijs.ContentInfo({ schema: asn.result })
    if (ci.contentType !== OID.signedData) throw new Error(`content type ${ci.contentType}`)
    const sd = new pkijs.SignedData({ schema: ci.content })
    if (!sd.signerInfos.length) throw new Error('no SignerInfo')
    return sd
  } catch (err) {
    throw new ArmError('CMS_CORRUPT', err instanceof Error ? err.message : String(err))
  }
}

function sidIssuerRdn(sid: { issuer: Uint8Array; issuerRdn?: pkijs.RelativeDistinguishedNames }): pkijs.RelativeDistinguishedNames | undefined {
  if (!sid.issuerRdn) {
    try {
      const asn = asn1js.fromBER(toArrayBuffer(sid.issuer))
      if (asn.offset === -1) return undefined
      sid.issuerRdn = new pkijs.RelativeDistinguishedNames({ schema: asn.result })
    } catch {
      return undefined
    }
  }
  return sid.issuerRdn
}

function findSignerCert(si: SignerView, certs: StoredCertificate[]): StoredCertificate | undefined {
  const sid = si.sid
  if ('issuer' in sid) {
    return certs.find((c) => {
      if (!bytesEqual(c.cert.serialNumber.valueBlock.valueHexView, sid.serial)) return false
      // The same bytes are the same Name; otherwise compare as pkijs does (another encoding of the same Name).
      const own = c.cert.issuer.valueBeforeDecode
      if (own.byteLength && bytesEqual(own, sid.issuer)) return true
      const rdn = sidIssuerRdn(sid)
      return !!rdn && c.cert.issuer.isEqual(rdn)
    })
  }
  const ski = sid.ski
  if (!ski.length) return undefined
  return certs.find((c) => {
    const ext = c.cert.extensions?.find((e) => e.extnID === OID.subjectKeyIdentifier)?.parsedValue as asn1js.OctetString | undefined
    return ext && bytesEqual(ext.valueBlock.valueHexView, ski)
  })
}

function attrValue(si: SignerView, oid: string): asn1js.AsnType | undefined {
  return si.signedAttrs?.values.get(oid)
}

async function checkSigningCertificateAttr(si: SignerView, certDer: Uint8Array, port: CryptoPort): Promise<SignatureReport['checks']['signingCertificate']> {
  const v2 = attrValue(si, OID.signingCertificateV2)
  const v1 = attrValue(si, OID.signingCertificate)
  const value = v2 ?? v1
  if (!value) return 'absent'
  try {
    const certs = (value as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence
    const first = certs.valueBlock.value[0] as asn1js.Sequence
    const parts = first.valueBlock.value
    let hashName: 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512' = v2 ? 'SHA-256' : 'SHA-1'
    let idx = 0
    if (v2 && parts[0] instanceof asn1js.Sequence) {
      const oid = (parts[0].valueBlock.value[0] as asn1js.ObjectIdentifier).valueBlock.toString()
      const n = digestNameOf(oid)
      if (!n || n === 'STREEBOG-512') return 'mismatch'
      hashName = n
      idx = 1
    }
    const hash = toBytes((parts[idx] as asn1js.OctetString).valueBlock.valueHexView)
    const expected = await digest(hashName, certDer, port)
    return bytesEqual(hash, expected) ? (v2 ? 'v2' : 'v1') : 'mismatch'
  } catch {
    return 'mismatch'
  }
}

const SEVERITY: Record<Indication, number> = { PASSED: 0, INDETERMINATE: 1, FAILED: 2 }

/** Verifies every signature of a CMS SignedData. Throws CMS_CORRUPT / CMS_CONTENT_MISSING; otherwise reports. */
export async function verifyCms(options: VerifyCmsOptions): Promise<VerificationReport> {
  const port = options.port ?? defaultCryptoPort()
  const cache = options.cache
  if (cache) cache.useTrust(options.trust)
  const { sd, carried, crls: carriedCrls } = await parseCms(options.cms, cache, port)
  const eContent = sd.eContent
  const detached = !eContent
  let content: Uint8Array
  if (eContent) {
    content = eContent
  } else {
    if (!options.content) throw new ArmError('CMS_CONTENT_MISSING')
    content = options.content
  }
  const crls: ParsedCrl[] = []
  for (const c of options.crls ?? []) crls.push(cache ? await cache.crl(c, port) : parseCrl(c))
  crls.push(...carriedCrls)

  const signatures: SignatureReport[] = []
  for (let index = 0; index < sd.signerInfos.length; index++) {
    signatures.push(await verifySigner(sd, index, content, carried, crls, options, port))
  }
  // An attached signature checked against a separately given document: the document given must be the one signed,
  // else a signature over A would "pass" for B (the caller trusts the bytes it passed, not the embedded ones).
  if (eContent && options.content && !bytesEqual(eContent, options.content)) {
    for (const s of signatures) Object.assign(s, { indication: 'FAILED', subIndication: 'HASH_FAILURE', errorCode: 'CMS_CONTENT_MISMATCH' } satisfies Partial<SignatureReport>)
  }
  const worst = signatures.reduce((w, s) => (SEVERITY[s.indication] > SEVERITY[w.indication] ? s : w), signatures[0])
  return {
    indication: worst.indication,
    subIndication: worst.subIndication,
    errorCode: worst.errorCode,
    detached,
    eContentType: sd.eContentType,
    content: detached ? undefined : content,
    signatures,
    testTrust: signatures.some((s) => s.testTrust),
  }
}

async function verifySigner(
  sd: SignedDataView,
  index: number,
  content: Uint8Array,
  carried: StoredCertificate[],
  crls: ParsedCrl[],
  options: VerifyCmsOptions,
  port: CryptoPort,
): Promise<SignatureReport> {
  const si = sd.signerInfos[index]
  const digestOid = si.digestOid
  const sigOid = si.sigOid
  const report: SignatureReport = {
    index,
    indication: 'PASSED',
    digestAlgorithm: digestOid,
    signatureAlgorithm: signatureAlgorithmLabel(sigOid, digestOid),
    checks: { signatureValue: null, messageDigest: null, contentType: null, signingCertificate: 'absent' },
    testTrust: false,
  }
  const fail = (indication: Indication, sub: SubIndication, code: ErrorCode): SignatureReport => {
    if (SEVERITY[indication] > SEVERITY[report.indication] || report.indication === 'PASSED') {
      report.indication = indication
      report.subIndication = sub
      report.errorCode = code
    }
    return report
  }

  const signerCert = findSignerCert(si, [...carried, ...options.trust.intermediates])
  const st = attrValue(si, OID.signingTime)
  if (st instanceof asn1js.UTCTime || st instanceof asn1js.GeneralizedTime) report.signingTime = st.toDate().toISOString()

  const digestName = digestNameOf(digestOid)
  if (!digestName) return fail('INDETERMINATE', 'CRYPTO_CONSTRAINTS_FAILURE', 'CRYPTO_UNSUPPORTED_ALGORITHM')

  let signed: Uint8Array = content
  if (si.signedAttrs) {
    signed = si.signedAttrs.encoded
    const md = attrValue(si, OID.messageDigest)
    const actual = await digest(digestName, content, port)
    report.checks.messageDigest = md instanceof asn1js.OctetString && bytesEqual(md.valueBlock.valueHexView, actual)
    const ct = attrValue(si, OID.contentType)
    report.checks.contentType = ct instanceof asn1js.ObjectIdentifier && ct.valueBlock.toString() === sd.eContentType
  }
  if (!signerCert) return fail('INDETERMINATE', 'NO_SIGNING_CERTIFICATE_FOUND', 'CERT_UNTRUSTED')
  const cache = options.cache
  report.signer = cache ? cache.facts(signerCert) : factsOf(signerCert.cert, signerCert.der)

  try {
    report.checks.signatureValue = await verifySignature(signerCert.cert.subjectPublicKeyInfo, sigOid, digestOid, si.signature, signed, port)
  } catch (err) {
    if (err instanceof ArmError && err.code === 'CRYPTO_UNSUPPORTED_ALGORITHM') return fail('INDETERMINATE', 'CRYPTO_CONSTRAINTS_FAILURE', 'CRYPTO_UNSUPPORTED_ALGORITHM')
    report.checks.signatureValue = false
  }
  if (report.checks.messageDigest === false) fail('FAILED', 'HASH_FAILURE', 'SIGNATURE_INVALID')
  if (!report.checks.signatureValue) fail('FAILED', 'SIG_CRYPTO_FAILURE', 'SIGNATURE_INVALID')
  if (report.checks.contentType === false) fail('FAILED', 'FORMAT_FAILURE', 'SIGNATURE_INVALID')
  if (si.signedAttrs) {
    report.checks.signingCertificate = await checkSigningCertificateAttr(si, signerCert.der, port)
    if (report.checks.signingCertificate === 'mismatch') fail('FAILED', 'SIG_CONSTRAINTS_FAILURE', 'SIGNATURE_INVALID')
  }

  let revocation: RevocationResult | undefined
  const check = await checkCertificate(signerCert, {
    trust: options.trust,
    at: options.at,
    carried,
    crls,
    purpose: options.purpose,
    expectedIin: options.expectedIin,
    testTrust: options.testTrust,
    requireRevocation: crls.length > 0 || !!options.revocation,
    port,
    cache,
  })
  if (check.revocation.status === 'unknown' && options.revocation && check.chain.status === 'trusted') {
    // Ask the second source (OCSP) and re-run the decision with its answer.
    const issuerDer = carried.concat(options.trust.intermediates, options.trust.production, options.trust.test).find((c) => c.cert.subject.isEqual(signerCert.cert.issuer))
    if (issuerDer) {
      // A definite OCSP answer is reused for the cache's short TTL (per certificate, issuer and CRL set).
      const key = cache ? revocationKey(cache, signerCert, issuerDer, crls) : undefined
      revocation = key ? cache!.revocation(key) : undefined
      if (!revocation) {
        revocation = await options.revocation(signerCert, issuerDer).catch(() => undefined)
        if (revocation && key) cache!.rememberRevocation(key, revocation)
      }
    }
  }
  const final = revocation
    ? await checkCertificate(signerCert, { trust: options.trust, at: options.at, carried, crls, revocation, purpose: options.purpose, expectedIin: options.expectedIin, testTrust: options.testTrust, requireRevocation: true, port, cache })
    : check
  const { facts: _facts, ...rest } = final
  report.checks.certificate = rest
  report.testTrust = final.testTrust
  if (!final.ok && final.errorCode) {
    const failedKinds: ErrorCode[] = ['CERT_REVOKED']
    fail(failedKinds.includes(final.errorCode) ? 'FAILED' : 'INDETERMINATE', final.subIndication ?? 'CHAIN_CONSTRAINTS_FAILURE', final.errorCode)
  }
  if (report.signingTime && report.indication === 'PASSED') {
    const t = new Date(report.signingTime)
    if (t < signerCert.cert.notBefore.value) fail('INDETERMINATE', 'NOT_YET_VALID', 'CERT_NOT_YET_VALID')
    if (t > signerCert.cert.notAfter.value) fail('INDETERMINATE', 'OUT_OF_BOUNDS_NO_POE', 'CERT_EXPIRED')
  }
  return report
}
