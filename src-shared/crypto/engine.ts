/**
 * Digest and signature verification by algorithm OID. RSA and ECDSA go through WebCrypto (an injected SubtleCrypto, or
 * globalThis.crypto.subtle — present in Node ≥19, Electron and browsers); GOST-2015-512 through our own GOST code (gost.ts).
 */
import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
import { ArmError } from '../errors'
import { concatBytes, toArrayBuffer, toBytes, toHex } from './bytes'
import { gostVerify512, streebog512 } from './gost'
import { OID } from './oids'

/** The slice of WebCrypto's SubtleCrypto we use (declared here: src-shared compiles without DOM or node types). */
export interface SubtleLike {
  digest(algorithm: string, data: ArrayBuffer): Promise<ArrayBuffer>
  importKey(format: 'spki', keyData: ArrayBuffer, algorithm: object, extractable: boolean, usages: string[]): Promise<unknown>
  verify(algorithm: string | object, key: unknown, signature: ArrayBuffer, data: ArrayBuffer): Promise<boolean>
}

export interface CryptoPort {
  subtle: SubtleLike
  /** Optional faster digest (main passes node:crypto's streaming hash: no copies of large documents). */
  digest?(name: 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512', data: Uint8Array): Uint8Array
}

export function defaultCryptoPort(): CryptoPort {
  const c = (globalThis as { crypto?: { subtle?: SubtleLike } }).crypto
  if (!c?.subtle) throw new ArmError('CRYPTO_ENGINE_MISSING')
  return { subtle: c.subtle }
}

export type DigestName = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512' | 'STREEBOG-512'

export function digestNameOf(oid: string): DigestName | undefined {
  switch (oid) {
    case OID.sha1: return 'SHA-1'
    case OID.sha256: return 'SHA-256'
    case OID.sha384: return 'SHA-384'
    case OID.sha512: return 'SHA-512'
    case OID.streebog512:
    case OID.kzStreebog512: return 'STREEBOG-512'
    default: return undefined
  }
}

export async function digest(name: DigestName, data: Uint8Array, port: CryptoPort = defaultCryptoPort()): Promise<Uint8Array> {
  if (name === 'STREEBOG-512') return streebog512(data)
  if (port.digest) return port.digest(name, data)
  return toBytes(await port.subtle.digest(name, toArrayBuffer(data)))
}

export type KeyAlgorithm = 'RSA' | 'EC-P256' | 'GOST-2015-512' | 'GOST-2004' | 'UNKNOWN'

export function keyAlgorithmOf(spki: pkijs.PublicKeyInfo): KeyAlgorithm {
  const oid = spki.algorithm.algorithmId
  if (oid === OID.rsaEncryption) return 'RSA'
  if (oid === OID.ecPublicKey) {
    const p = spki.algorithm.algorithmParams
    return p instanceof asn1js.ObjectIdentifier && p.valueBlock.toString() === OID.prime256v1 ? 'EC-P256' : 'UNKNOWN'
  }
  if (oid === OID.kzGost2015Key512 || oid === OID.tc26Gost2012Key512) return 'GOST-2015-512'
  if (oid === OID.kzGost2004Key) return 'GOST-2004'
  return 'UNKNOWN'
}

/** The 128-byte GOST public point (X‖Y LE) wrapped in an OCTET STRING inside the SPKI BIT STRING. */
export function gostPublicKeyBytes(spki: pkijs.PublicKeyInfo): Uint8Array {
  const bits = spki.subjectPublicKey.valueBlock.valueHexView
  const inner = asn1js.fromBER(toArrayBuffer(bits))
  if (inner.offset === -1 || !(inner.result instanceof asn1js.OctetString)) throw new ArmError('CERT_CORRUPT', 'GOST public key is not an OCTET STRING')
  return toBytes(inner.result.valueBlock.valueHexView)
}

interface SigAlg {
  family: 'RSA' | 'ECDSA' | 'GOST'
  hash: DigestName
}

/** Resolves a signature algorithm; CMS often says only "rsaEncryption" and puts the hash in digestAlgorithm. */
export function signatureAlgorithmOf(sigOid: string, digestOid?: string): SigAlg | undefined {
  const dn = digestOid ? digestNameOf(digestOid) : undefined
  switch (sigOid) {
    case OID.sha256WithRSA: return { family: 'RSA', hash: 'SHA-256' }
    case OID.sha384WithRSA: return { family: 'RSA', hash: 'SHA-384' }
    case OID.sha512WithRSA: return { family: 'RSA', hash: 'SHA-512' }
    case OID.sha1WithRSA: return { family: 'RSA', hash: 'SHA-1' }
    case OID.rsaEncryption: return dn && dn !== 'STREEBOG-512' ? { family: 'RSA', hash: dn } : undefined
    case OID.ecdsaWithSHA256: return { family: 'ECDSA', hash: 'SHA-256' }
    case OID.ecdsaWithSHA384: return { family: 'ECDSA', hash: 'SHA-384' }
    case OID.ecPublicKey: return dn && dn !== 'STREEBOG-512' ? { family: 'ECDSA', hash: dn } : undefined
    case OID.kzGost2015Sig512:
    case OID.tc26Gost2012Sig512:
    case OID.kzGost2015Key512:
    case OID.tc26Gost2012Key512: return { family: 'GOST', hash: 'STREEBOG-512' }
    default: return undefined
  }
}

/** Human label for reports. */
export function signatureAlgorithmLabel(sigOid: string, digestOid?: string): string {
  const a = signatureAlgorithmOf(sigOid, digestOid)
  if (!a) return sigOid
  return a.family === 'GOST' ? 'GOST34.10-2015-512/STREEBOG-512' : `${a.family}-${a.hash}`
}

/** ECDSA signatures in X.509/CMS are DER SEQUENCE{r,s}; WebCrypto wants r‖s of fixed width. */
export function ecdsaDerToRaw(der: Uint8Array, size = 32): Uint8Array | undefined {
  const parsed = asn1js.fromBER(toArrayBuffer(der))
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.Sequence)) return undefined
  const [r, s] = parsed.result.valueBlock.value
  if (!(r instanceof asn1js.Integer) || !(s instanceof asn1js.Integer)) return undefined
  const fix = (v: Uint8Array): Uint8Array | undefined => {
    let i = 0
    while (i < v.length - 1 && v[i] === 0) i++
    const t = v.subarray(i)
    if (t.length > size) return undefined
    const out = new Uint8Array(size)
    out.set(t, size - t.length)
    return out
  }
  const rr = fix(toBytes(r.valueBlock.valueHexView))
  const ss = fix(toBytes(s.valueBlock.valueHexView))
  return rr && ss ? concatBytes(rr, ss) : undefined
}

/** r‖s → DER SEQUENCE{r,s} (PKCS#11 CKM_ECDSA returns the raw form). */
export function ecdsaRawToDer(raw: Uint8Array): Uint8Array {
  const half = raw.length / 2
  const int = (v: Uint8Array) => {
    let i = 0
    while (i < v.length - 1 && v[i] === 0) i++
    let t = v.subarray(i)
    if (t[0] & 0x80) t = concatBytes(new Uint8Array([0]), t)
    return new asn1js.Integer({ valueHex: toArrayBuffer(t) })
  }
  return toBytes(new asn1js.Sequence({ value: [int(raw.subarray(0, half)), int(raw.subarray(half))] }).toBER())
}

/**
 * Imported public keys, per SubtleCrypto (a key object belongs to the implementation that made it) and per SPKI DER +
 * algorithm: importing an RSA key parses its modulus and builds the key object, which on the gateway cost about as much
 * as the signature check itself, for the same few operator and CA keys over and over. A CryptoKey is a pure function
 * of those bytes; every signature is still checked against it. 256 keys per SubtleCrypto, least recently used out.
 */
const IMPORTED_KEYS = 256
const importedKeys = new WeakMap<SubtleLike, Map<string, Promise<unknown>>>()
function importVerifyKey(subtle: SubtleLike, spkiDer: Uint8Array, algorithm: { name: string; hash?: string; namedCurve?: string }): Promise<unknown> {
  const keys = importedKeys.get(subtle) ?? new Map<string, Promise<unknown>>()
  importedKeys.set(subtle, keys)
  const id = `${algorithm.name}/${algorithm.hash ?? algorithm.namedCurve}/${toHex(spkiDer)}`
  let key = keys.get(id)
  if (key) {
    keys.delete(id) // most recent last
  } else {
    key = subtle.importKey('spki', toArrayBuffer(spkiDer), algorithm, false, ['verify'])
    // a key that fails to import is not kept: the next call gets the same error afresh
    key.catch(() => keys.get(id) === key && keys.delete(id))
  }
  keys.set(id, key)
  if (keys.size > IMPORTED_KEYS) keys.delete(keys.keys().next().value as string)
  return key
}

/**
 * Verifies `signature` over `data` with the public key. Returns false on a bad signature;
 * throws CRYPTO_UNSUPPORTED_ALGORITHM when the algorithm or key cannot be handled.
 */
export async function verifySignature(
  spki: pkijs.PublicKeyInfo,
  sigOid: string,
  digestOid: string | undefined,
  signature: Uint8Array,
  data: Uint8Array,
  port: CryptoPort = defaultCryptoPort(),
): Promise<boolean> {
  const alg = signatureAlgorithmOf(sigOid, digestOid)
  const keyAlg = keyAlgorithmOf(spki)
  if (!alg) throw new ArmError('CRYPTO_UNSUPPORTED_ALGORITHM', `signature algorithm ${sigOid}`, { oid: sigOid })
  const spkiDer = toBytes(spki.toSchema().toBER())
  if (alg.family === 'GOST') {
    if (keyAlg !== 'GOST-2015-512') throw new ArmError('CRYPTO_UNSUPPORTED_ALGORITHM', `GOST signature with ${keyAlg} key`)
    return gostVerify512(gostPublicKeyBytes(spki), signature, data)
  }
  if (alg.family === 'RSA') {
    if (keyAlg !== 'RSA') return false
    const key = await importVerifyKey(port.subtle, spkiDer, { name: 'RSASSA-PKCS1-v1_5', hash: alg.hash })
    return port.subtle.verify('RSASSA-PKCS1-v1_5', key, toArrayBuffer(signature), toArrayBuffer(data))
  }
  if (keyAlg !== 'EC-P256') {
    if (keyAlg === 'RSA' || keyAlg.startsWith('GOST')) return false
    throw new ArmError('CRYPTO_UNSUPPORTED_ALGORITHM', 'only P-256 ECDSA keys are supported')
  }
  const raw = ecdsaDerToRaw(signature)
  if (!raw) return false
  const key = await importVerifyKey(port.subtle, spkiDer, { name: 'ECDSA', namedCurve: 'P-256' })
  return port.subtle.verify({ name: 'ECDSA', hash: alg.hash }, key, toArrayBuffer(raw), toArrayBuffer(data))
}
