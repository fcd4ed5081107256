/**
 * PKCS#12 (.p12/.pfx) reader for NCA and ordinary key files. MAC checked first (wrong password → P12_BAD_PASSWORD),
 * then bags are decrypted with whichever scheme they use:
 *   PBES2 (PBKDF2 + AES-CBC / 3DES), pbeWithSHAAnd3-KeyTripleDES-CBC, pbeWithSHAAnd40BitRC2-CBC, pbeWithSHAAnd128BitRC2-CBC.
 * pkijs cannot decrypt the legacy PBEs, so the RFC 7292 App. B KDF is done here; RC2 comes from node-forge (pure JS —
 * OpenSSL 3 and Electron's BoringSSL do not offer RC2 by default), 3DES/AES from node:crypto.
 * Keys: RSA and EC (→ node KeyObject), GOST 34.10-2015-512 with NCA's OIDs (→ the 64-byte private value).
 */
import * as nodeCrypto from 'node:crypto'
import { createDecipheriv, createHash, createHmac, createPrivateKey, createPublicKey, pbkdf2Sync, type KeyObject } from 'node:crypto'
import * as asn1js from 'asn1js'
import forge from 'node-forge'
import { ArmError } from '../../../src-shared/errors'
import {
  OID,
  bytesEqual,
  decodeCertificate,
  factsOf,
  gostPublicKey512,
  gostPublicKeyBytes,
  toArrayBuffer,
  toBytes,
  toHex,
  type CertificateFacts,
  type SigningAlgorithm,
} from '../../../src-shared/crypto'

const P12 = {
  keyBag: '1.2.840.113549.1.12.10.1.1',
  shroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',
  x509Certificate: '1.2.840.113549.1.9.22.1',
  friendlyName: '1.2.840.113549.1.9.20',
  localKeyId: '1.2.840.113549.1.9.21',
  encryptedData: '1.2.840.113549.1.7.6',
  pbeSha3Des: '1.2.840.113549.1.12.1.3',
  pbeSha2Des: '1.2.840.113549.1.12.1.4',
  pbeShaRc2_128: '1.2.840.113549.1.12.1.5',
  pbeShaRc2_40: '1.2.840.113549.1.12.1.6',
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
}

const HMAC_PRF: Record<string, string> = {
  '1.2.840.113549.2.7': 'sha1',
  '1.2.840.113549.2.9': 'sha256',
  '1.2.840.113549.2.10': 'sha384',
  '1.2.840.113549.2.11': 'sha512',
}
const CIPHERS: Record<string, { name: string; keyLen: number }> = {
  '2.16.840.1.101.3.4.1.2': { name: 'aes-128-cbc', keyLen: 16 },
  '2.16.840.1.101.3.4.1.22': { name: 'aes-192-cbc', keyLen: 24 },
  '2.16.840.1.101.3.4.1.42': { name: 'aes-256-cbc', keyLen: 32 },
  '1.2.840.113549.3.7': { name: 'des-ede3-cbc', keyLen: 24 },
}
const MAC_HASH: Record<string, { name: string; u: number; v: number }> = {
  [OID.sha1]: { name: 'sha1', u: 20, v: 64 },
  [OID.sha256]: { name: 'sha256', u: 32, v: 64 },
  [OID.sha384]: { name: 'sha384', u: 48, v: 128 },
  [OID.sha512]: { name: 'sha512', u: 64, v: 128 },
}

export type PrivateKeyMaterial = { kind: 'node'; key: KeyObject } | { kind: 'gost'; d: Uint8Array }

export interface Pkcs12Entry {
  /** Lowercase hex of localKeyId, or of the certificate's SHA-256 when absent. */
  id: string
  friendlyName?: string
  certificate: Uint8Array
  /** Other certificates in the file (CA chain), DER. */
  chain: Uint8Array[]
  algorithm: SigningAlgorithm
  privateKey: PrivateKeyMaterial
  facts: CertificateFacts
}

const corrupt = (msg: string) => new ArmError('P12_CORRUPT', msg)

// ---------- ASN.1 helpers (each throws P12_CORRUPT on an unexpected shape) ----------
function parse(bytes: Uint8Array): asn1js.AsnType {
  const r = asn1js.fromBER(toArrayBuffer(bytes))
  if (r.offset === -1) throw corrupt(r.result.error || 'bad BER')
  return r.result
}
function seq(node: unknown, what: string): asn1js.AsnType[] {
  if (!(node instanceof asn1js.Sequence) && !(node instanceof asn1js.Set)) throw corrupt(`${what}: not a SEQUENCE`)
  return node.valueBlock.value
}
function oidOf(node: unknown, what: string): string {
  if (!(node instanceof asn1js.ObjectIdentifier)) throw corrupt(`${what}: not an OID`)
  return node.valueBlock.toString()
}
function octets(node: unknown, what: string): Uint8Array {
  if (node instanceof asn1js.OctetString) {
    // Constructed (BER) OCTET STRINGs: concatenate the pieces.
    if (node.idBlock.isConstructed) return toBytes(node.getValue())
    return toBytes(node.valueBlock.valueHexView).slice()
  }
  throw corrupt(`${what}: not an OCTET STRING`)
}
function intOf(node: unknown, what: string): number {
  if (!(node instanceof asn1js.Integer)) throw corrupt(`${what}: not an INTEGER`)
  const v = node.valueBlock.valueDec
  if (!Number.isSafeInteger(v) || v < 1 || v > 10_000_000) throw corrupt(`${what}: out of range`)
  return v
}
/** [0] EXPLICIT content of a ContentInfo / bag. */
function explicit0(node: unknown, what: string): asn1js.AsnType {
  if (!(node instanceof asn1js.Constructed) || node.idBlock.tagClass !== 3 || node.idBlock.tagNumber !== 0 || !node.valueBlock.value[0]) throw corrupt(`${what}: missing [0]`)
  return node.valueBlock.value[0]
}

// ---------- RFC 7292 Appendix B key derivation ----------
function bmpPassword(password: string): Uint8Array {
  const out = new Uint8Array(password.length * 2 + 2)
  for (let i = 0; i < password.length; i++) {
    out[i * 2] = password.charCodeAt(i) >> 8
    out[i * 2 + 1] = password.charCodeAt(i) & 0xff
  }
  return out
}

// crypto.hash (Node ≥20.12, not in our @types/node yet) is ~2.5× faster than createHash for the KDF's 2048-fold
// re-hashing of a 20-byte value; fall back to createHash where it is missing.
const oneShot = (nodeCrypto as unknown as { hash?: (alg: string, data: Uint8Array, enc: 'buffer') => Buffer }).hash
const rehash = (alg: string, d: Uint8Array): Uint8Array => (oneShot ? oneShot(alg, d, 'buffer') : createHash(alg).update(d).digest())

export function pkcs12Kdf(hash: { name: string; u: number; v: number }, password: Uint8Array, salt: Uint8Array, id: number, iterations: number, size: number): Uint8Array {
  const { u, v } = hash
  const D = new Uint8Array(v).fill(id)
  const fill = (src: Uint8Array) => {
    if (!src.length) return new Uint8Array(0)
    const out = new Uint8Array(v * Math.ceil(src.length / v))
    for (let i = 0; i < out.length; i++) out[i] = src[i % src.length]
    return out
  }
  const S = fill(salt)
  const P = fill(password)
  const I = new Uint8Array(S.length + P.length)
  I.set(S)
  I.set(P, S.length)
  const out = new Uint8Array(size)
  for (let off = 0; off < size; off += u) {
    let A: Uint8Array = createHash(hash.name).update(D).update(I).digest()
    for (let i = 1; i < iterations; i++) A = rehash(hash.name, A)
    out.set(A.subarray(0, Math.min(u, size - off)), off)
    if (off + u >= size) break
    const B = fill(A)
    for (let j = 0; j < I.length; j += v) {
      let carry = 1
      for (let k = v - 1; k >= 0; k--) {
        carry += I[j + k] + B[k]
        I[j + k] = carry & 0xff
        carry >>= 8
      }
    }
  }
  return out
}

// ---------- ciphers ----------
function nodeDecrypt(name: string, key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  try {
    const d = createDecipheriv(name, key, iv)
    return new Uint8Array(Buffer.concat([d.update(data), d.final()]))
  } catch (err) {
    const code = (err as { code?: string }).code
    if (code === 'ERR_OSSL_EVP_UNSUPPORTED' || /unsupported|unknown cipher/i.test(String(err))) return forgeDecrypt(name, key, iv, data)
    throw new ArmError('P12_BAD_PASSWORD', 'decryption failed')
  }
}

function forgeDecrypt(name: string, key: Uint8Array, iv: Uint8Array, data: Uint8Array, rc2Bits = 0): Uint8Array {
  const bin = (b: Uint8Array) => forge.util.createBuffer(Buffer.from(b).toString('binary'))
  let cipher: forge.cipher.BlockCipher
  if (name === 'rc2') {
    const c = forge.rc2.createDecryptionCipher(bin(key), rc2Bits)
    c.start(bin(iv))
    c.update(bin(data))
    if (!c.finish()) throw new ArmError('P12_BAD_PASSWORD', 'decryption failed')
    return new Uint8Array(Buffer.from(c.output.getBytes(), 'binary'))
  }
  if (name === 'des-ede3-cbc') cipher = forge.cipher.createDecipher('3DES-CBC', bin(key))
  else throw new ArmError('P12_UNSUPPORTED_ENCRYPTION', name)
  cipher.start({ iv: bin(iv) })
  cipher.update(bin(data))
  if (!cipher.finish()) throw new ArmError('P12_BAD_PASSWORD', 'decryption failed')
  return new Uint8Array(Buffer.from(cipher.output.getBytes(), 'binary'))
}

function decrypt(algorithm: asn1js.AsnType, data: Uint8Array, password: string): Uint8Array {
  const [algNode, params] = seq(algorithm, 'encryption algorithm')
  const oid = oidOf(algNode, 'encryption algorithm')
  if (oid === P12.pbes2) {
    const [kdf, scheme] = seq(params, 'PBES2 params')
    const [kdfOid, kdfParams] = seq(kdf, 'PBES2 KDF')
    if (oidOf(kdfOid, 'KDF') !== P12.pbkdf2) throw new ArmError('P12_UNSUPPORTED_ENCRYPTION', 'KDF is not PBKDF2')
    const kp = seq(kdfParams, 'PBKDF2 params')
    const salt = octets(kp[0], 'PBKDF2 salt')
    const iterations = intOf(kp[1], 'PBKDF2 iterations')
    let prf = 'sha1'
    const prfNode = kp.slice(2).find((n) => n instanceof asn1js.Sequence)
    if (prfNode) {
      prf = HMAC_PRF[oidOf(seq(prfNode, 'PRF')[0], 'PRF')]
      if (!prf) throw new ArmError('P12_UNSUPPORTED_ENCRYPTION', 'PRF')
    }
    const [encOid, ivNode] = seq(scheme, 'PBES2 scheme')
    const cipher = CIPHERS[oidOf(encOid, 'cipher')]
    if (!cipher) throw new ArmError('P12_UNSUPPORTED_ENCRYPTION', oidOf(encOid, 'cipher'))
    const key = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, cipher.keyLen, prf)
    return nodeDecrypt(cipher.name, key, octets(ivNode, 'IV'), data)
  }
  const [saltNode, iterNode] = seq(params, 'PBE params')
  const salt = octets(saltNode, 'PBE salt')
  const iterations = intOf(iterNode, 'PBE iterations')
  const pw = bmpPassword(password)
  const sha1 = MAC_HASH[OID.sha1]
  const iv = () => pkcs12Kdf(sha1, pw, salt, 2, iterations, 8)
  switch (oid) {
    case P12.pbeSha3Des:
      return nodeDecrypt('des-ede3-cbc', pkcs12Kdf(sha1, pw, salt, 1, iterations, 24), iv(), data)
    case P12.pbeSha2Des: {
      const k = pkcs12Kdf(sha1, pw, salt, 1, iterations, 16)
      const k3 = new Uint8Array(24)
      k3.set(k)
      k3.set(k.subarray(0, 8), 16)
      return nodeDecrypt('des-ede3-cbc', k3, iv(), data)
    }
    case P12.pbeShaRc2_40:
      return forgeDecrypt('rc2', pkcs12Kdf(sha1, pw, salt, 1, iterations, 5), iv(), data, 40)
    case P12.pbeShaRc2_128:
      return forgeDecrypt('rc2', pkcs12Kdf(sha1, pw, salt, 1, iterations, 16), iv(), data, 128)
    default:
      throw new ArmError('P12_UNSUPPORTED_ENCRYPTION', oid)
  }
}

// ---------- structure ----------
interface RawBag {
  type: string
  value: asn1js.AsnType
  localKeyId?: string
  friendlyName?: string
}

function readBags(safeContentsDer: Uint8Array, password: string, out: RawBag[], depth = 0): void {
  if (depth > 3) throw corrupt('nested bags too deep')
  for (const bag of seq(parse(safeContentsDer), 'SafeContents')) {
    const [idNode, valueNode, attrsNode] = seq(bag, 'SafeBag')
    const type = oidOf(idNode, 'bag id')
    const value = explicit0(valueNode, 'bag value')
    const raw: RawBag = { type, value }
    if (attrsNode instanceof asn1js.Set) {
      for (const attr of attrsNode.valueBlock.value) {
        const [aOid, aVals] = seq(attr, 'bag attribute')
        const first = seq(aVals, 'attribute values')[0]
        const a = oidOf(aOid, 'attribute')
        if (a === P12.localKeyId && first instanceof asn1js.OctetString) raw.localKeyId = toHex(first.valueBlock.valueHexView)
        if (a === P12.friendlyName && first instanceof asn1js.BmpString) raw.friendlyName = first.valueBlock.value
      }
    }
    if (type === '1.2.840.113549.1.12.10.1.6') {
      readBags(toBytes(value.toBER()), password, out, depth + 1) // safeContentsBag
      continue
    }
    out.push(raw)
  }
}

function verifyMac(pfx: asn1js.AsnType[], authSafe: Uint8Array, password: string): void {
  const macData = pfx[2]
  if (!macData) return // no MAC: integrity rests on the decryption padding checks
  const [digestInfo, saltNode, iterNode] = seq(macData, 'MacData')
  const [algId, digestNode] = seq(digestInfo, 'DigestInfo')
  const hashOid = oidOf(seq(algId, 'MAC algorithm')[0], 'MAC algorithm')
  const hash = MAC_HASH[hashOid]
  if (!hash) throw new ArmError('P12_UNSUPPORTED_ENCRYPTION', `MAC ${hashOid}`)
  const iterations = iterNode === undefined ? 1 : intOf(iterNode, 'MAC iterations')
  const key = pkcs12Kdf(hash, bmpPassword(password), octets(saltNode, 'MAC salt'), 3, iterations, hash.u)
  const mac = createHmac(hash.name, key).update(authSafe).digest()
  if (!bytesEqual(mac, octets(digestNode, 'MAC'))) throw new ArmError('P12_BAD_PASSWORD')
}

function privateKeyOf(pkcs8: Uint8Array): { material: PrivateKeyMaterial; algorithm: SigningAlgorithm } {
  const [, algId, keyNode] = seq(parse(pkcs8), 'PrivateKeyInfo')
  const oid = oidOf(seq(algId, 'key algorithm')[0], 'key algorithm')
  if (oid === OID.rsaEncryption || oid === OID.ecPublicKey) {
    let key: KeyObject
    try {
      key = createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' })
    } catch (err) {
      throw corrupt(`private key: ${(err as Error).message}`)
    }
    if (oid === OID.ecPublicKey && key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') throw new ArmError('CRYPTO_UNSUPPORTED_ALGORITHM', 'EC curve')
    return { material: { kind: 'node', key }, algorithm: oid === OID.rsaEncryption ? 'RSA-SHA256' : 'ECDSA-SHA256' }
  }
  if (oid === OID.kzGost2015Key512 || oid === OID.tc26Gost2012Key512) {
    const inner = octets(keyNode, 'GOST key')
    const v = parse(inner)
    let d: Uint8Array
    if (v instanceof asn1js.OctetString) d = octets(v, 'GOST key value')
    else if (v instanceof asn1js.Integer) d = toBytes(v.valueBlock.valueHexView).slice().reverse() // big-endian INTEGER → the library's little-endian
    else throw corrupt('GOST key value')
    if (d.length !== 64) throw new ArmError('CRYPTO_UNSUPPORTED_ALGORITHM', `GOST key of ${d.length} bytes`)
    return { material: { kind: 'gost', d }, algorithm: 'GOST-2015-512' }
  }
  throw new ArmError('CRYPTO_UNSUPPORTED_ALGORITHM', `key algorithm ${oid}`)
}

/** Does the private key belong to this certificate? (Compare public keys; GOST: d·G against the certificate's point.) */
export function keyMatchesCertificate(material: PrivateKeyMaterial, certDer: Uint8Array): boolean {
  const { cert } = decodeCertificate(certDer)
  if (material.kind === 'node') {
    const pub = createPublicKey(material.key).export({ format: 'der', type: 'spki' })
    return bytesEqual(pub, toBytes(cert.subjectPublicKeyInfo.toSchema().toBER()))
  }
  try {
    return bytesEqual(gostPublicKey512(material.d), gostPublicKeyBytes(cert.subjectPublicKeyInfo))
  } catch {
    return false
  }
}

/** Opens a .p12: checks the MAC, decrypts, pairs keys with certificates. Throws coded errors only. */
export function openPkcs12(file: Uint8Array, password: string): Pkcs12Entry[] {
  try {
    return openUnsafe(file, password)
  } catch (err) {
    if (err instanceof ArmError) throw err
    throw corrupt(err instanceof Error ? err.message : String(err))
  }
}

function openUnsafe(file: Uint8Array, password: string): Pkcs12Entry[] {
  const pfx = seq(parse(file), 'PFX')
  if (!(pfx[0] instanceof asn1js.Integer) || pfx[0].valueBlock.valueDec !== 3) throw corrupt('PFX version')
  const [ctNode, ctContent] = seq(pfx[1], 'authSafe')
  if (oidOf(ctNode, 'authSafe type') !== OID.data) throw new ArmError('P12_UNSUPPORTED_ENCRYPTION', 'public-key integrity mode')
  const authSafe = octets(explicit0(ctContent, 'authSafe'), 'authSafe data')
  verifyMac(pfx, authSafe, password)

  const bags: RawBag[] = []
  for (const ci of seq(parse(authSafe), 'AuthenticatedSafe')) {
    const [typeNode, contentNode] = seq(ci, 'ContentInfo')
    const type = oidOf(typeNode, 'ContentInfo type')
    const content = explicit0(contentNode, 'ContentInfo content')
    if (type === OID.data) readBags(octets(content, 'SafeContents'), password, bags)
    else if (type === P12.encryptedData) {
      const [, eci] = seq(content, 'EncryptedData')
      const [, alg, encNode] = seq(eci, 'EncryptedContentInfo')
      if (!encNode) continue // no content
      const enc = encNode instanceof asn1js.Constructed ? toBytes(new asn1js.OctetString({ isConstructed: true, value: encNode.valueBlock.value as asn1js.OctetString[] }).getValue()) : toBytes((encNode as asn1js.Primitive).valueBlock.valueHexView)
      readBags(decrypt(alg, enc, password), password, bags)
    } else throw new ArmError('P12_UNSUPPORTED_ENCRYPTION', `ContentInfo ${type}`)
  }

  const certs: Array<{ der: Uint8Array; localKeyId?: string; friendlyName?: string }> = []
  const keys: Array<{ pkcs8: Uint8Array; localKeyId?: string; friendlyName?: string }> = []
  for (const bag of bags) {
    if (bag.type === P12.certBag) {
      const [certType, certValue] = seq(bag.value, 'CertBag')
      if (oidOf(certType, 'cert type') !== P12.x509Certificate) continue
      certs.push({ der: octets(explicit0(certValue, 'cert value'), 'certificate'), localKeyId: bag.localKeyId, friendlyName: bag.friendlyName })
    } else if (bag.type === P12.shroudedKeyBag) {
      const [alg, data] = seq(bag.value, 'EncryptedPrivateKeyInfo')
      keys.push({ pkcs8: decrypt(alg, octets(data, 'encrypted key'), password), localKeyId: bag.localKeyId, friendlyName: bag.friendlyName })
    } else if (bag.type === P12.keyBag) {
      keys.push({ pkcs8: toBytes(bag.value.toBER()), localKeyId: bag.localKeyId, friendlyName: bag.friendlyName })
    }
  }
  if (!keys.length || !certs.length) throw new ArmError('P12_NO_KEY')

  const entries: Pkcs12Entry[] = []
  for (const k of keys) {
    const { material, algorithm } = privateKeyOf(k.pkcs8)
    const byId = k.localKeyId ? certs.find((c) => c.localKeyId === k.localKeyId) : undefined
    const cert = byId && keyMatchesCertificate(material, byId.der) ? byId : certs.find((c) => keyMatchesCertificate(material, c.der))
    if (!cert) throw new ArmError('KEY_CERT_MISMATCH')
    const { cert: parsed, der } = decodeCertificate(cert.der)
    entries.push({
      id: k.localKeyId ?? toHex(createHash('sha256').update(der).digest()),
      friendlyName: k.friendlyName ?? cert.friendlyName,
      certificate: der,
      chain: certs.filter((c) => c !== cert).map((c) => c.der),
      algorithm,
      privateKey: material,
      facts: factsOf(parsed, der),
    })
  }
  return entries
}
