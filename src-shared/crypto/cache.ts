/**
 * VerificationCache: what does NOT change between two signatures by the same operator, kept so that a server that
 * verifies thousands of envelopes (the gateway) does not re-parse and re-verify the same certificates and CRLs each
 * time. Everything cached is a pure function of the bytes it is keyed by, or carries its own expiry:
 *   - parsed certificates and their facts, keyed by SHA-256 of the certificate DER;
 *   - "certificate X's signature verifies with certificate Y's key" (a chain link), keyed by X's signed part (TBS,
 *     signature, algorithm) and Y's public key, exactly what the check reads — the
 *     time-dependent parts of a chain (validity at `at`, CA flag, which anchors are trusted) are decided on every call;
 *   - parsed CRLs keyed by SHA-256 of the CRL bytes, with a serial → entry index; whether the CRL is current
 *     (thisUpdate/nextUpdate against `at`) and whether the certificate is listed are decided on every call;
 *   - "CRL Z's signature verifies with certificate Y's key", keyed by both hashes;
 *   - answers of the `revocation` callback (OCSP) for a short TTL, keyed by certificate, issuer and the CRL set.
 * The signature over the signed attributes, the messageDigest and the ESS signing-certificate hash are NEVER cached:
 * they are checked on every envelope. Every map is an LRU with a size bound. Passing another TrustStore object clears
 * the cache (a trust store change invalidates everything); `clear()` does it explicitly.
 */
import * as pkijs from 'pkijs'
import { ArmError } from '../errors'
import { sha256, toBytes, toHex } from './bytes'
import { decodeCertificate, factsOf, type CertificateFacts } from './certificate'
import { digest, type CryptoPort } from './engine'
import { parseCrl, type ParsedCrl, type RevocationResult, type StoredCertificate, type TrustStore } from './trust'

/** A Map that forgets its least recently used entry beyond `max` entries. */
export class LruMap<K, V> {
  private readonly map = new Map<K, V>()
  constructor(readonly max: number) {
    if (!(max >= 1)) throw new ArmError('INTERNAL', 'LRU size must be ≥ 1')
  }
  get size(): number {
    return this.map.size
  }
  get(key: K): V | undefined {
    const v = this.map.get(key)
    if (v !== undefined) {
      // Re-insert: Map keeps insertion order, so the first key is always the least recently used.
      this.map.delete(key)
      this.map.set(key, v)
    }
    return v
  }
  set(key: K, value: V): void {
    this.map.delete(key)
    this.map.set(key, value)
    while (this.map.size > this.max) this.map.delete(this.map.keys().next().value as K)
  }
  delete(key: K): void {
    this.map.delete(key)
  }
  clear(): void {
    this.map.clear()
  }
}

export interface VerificationCacheOptions {
  /** Parsed certificates (and their facts) kept; default 1,000. */
  maxCertificates?: number
  /** Chain-link and CRL signature results kept; default 4,000. */
  maxSignatures?: number
  /** Parsed CRLs kept; default 16 (a CRL can be large). */
  maxCrls?: number
  /** How long an answer of the `revocation` callback (OCSP) is reused; default 60 s, 0 = never. */
  revocationTtlMs?: number
  maxRevocations?: number
  /** Wall clock for the revocation TTL (tests inject one). */
  now?: () => number
}

/** A parsed CRL plus its content hash and a serial → entry index built once. */
export interface CachedCrl extends ParsedCrl {
  sha256: string
  bySerial: Map<string, pkijs.RevokedCertificate>
}

export interface VerificationCacheStats {
  certificateHits: number
  certificateMisses: number
  linkHits: number
  linkMisses: number
  crlHits: number
  crlMisses: number
  revocationHits: number
}

export class VerificationCache {
  private readonly certificates: LruMap<string, { stored: StoredCertificate; facts?: CertificateFacts }>
  private readonly links: LruMap<string, boolean>
  private readonly crls: LruMap<string, CachedCrl>
  private readonly revocations: LruMap<string, { result: RevocationResult; until: number }>
  // Hashes of certificate objects we did not parse ourselves (trust store, caller's StoredCertificate).
  private hashes = new WeakMap<object, string>()
  // What a signature check actually reads, per certificate object: the signed part (TBS bytes, signature, algorithm)
  // and the public key as verifySignature encodes it. Link results are keyed by these, not by the DER we were handed
  // (pkijs' fallback path re-encodes carried certificates, which could hide a non-DER TBS behind a familiar hash).
  private signedParts = new WeakMap<object, string>()
  private publicKeys = new WeakMap<object, string>()
  private trust?: TrustStore
  private readonly revocationTtlMs: number
  private readonly now: () => number
  readonly stats: VerificationCacheStats = { certificateHits: 0, certificateMisses: 0, linkHits: 0, linkMisses: 0, crlHits: 0, crlMisses: 0, revocationHits: 0 }

  constructor(options: VerificationCacheOptions = {}) {
    this.certificates = new LruMap(options.maxCertificates ?? 1000)
    this.links = new LruMap(options.maxSignatures ?? 4000)
    this.crls = new LruMap(options.maxCrls ?? 16)
    this.revocations = new LruMap(options.maxRevocations ?? 1000)
    this.revocationTtlMs = options.revocationTtlMs ?? 60_000
    this.now = options.now ?? (() => Date.now())
  }

  /** Forgets everything (trust store or CRL policy changed). */
  clear(): void {
    this.certificates.clear()
    this.links.clear()
    this.crls.clear()
    this.revocations.clear()
    this.hashes = new WeakMap()
    this.signedParts = new WeakMap()
    this.publicKeys = new WeakMap()
  }

  private signedPartOf(c: pkijs.Certificate): string {
    let id = this.signedParts.get(c)
    if (!id) {
      const tbs = toHex(sha256(toBytes(c.tbsView)))
      const sig = toHex(sha256(toBytes(c.signatureValue.valueBlock.valueHexView)))
      id = `${tbs}.${sig}.${c.signatureAlgorithm.algorithmId}`
      this.signedParts.set(c, id)
    }
    return id
  }

  private publicKeyOf(c: pkijs.Certificate): string {
    let id = this.publicKeys.get(c)
    if (!id) {
      id = toHex(sha256(toBytes(c.subjectPublicKeyInfo.toSchema().toBER())))
      this.publicKeys.set(c, id)
    }
    return id
  }

  /** Binds the cache to a trust store: a different store object clears it. */
  useTrust(trust: TrustStore): void {
    if (this.trust !== trust) {
      if (this.trust) this.clear()
      this.trust = trust
    }
  }

  /** SHA-256 hex of a certificate's DER, remembered per object. */
  hashOf(c: StoredCertificate): string {
    let h = this.hashes.get(c.cert)
    if (!h) {
      h = toHex(sha256(c.der))
      this.hashes.set(c.cert, h)
    }
    return h
  }

  /**
   * The parsed certificate for these DER bytes (CERT_CORRUPT when they are not a certificate; failures are not kept).
   * Keyed by SHA-256 of the DER, through the port's digest when it has one (node:crypto on the gateway: every envelope
   * carries its certificates, so this hash runs for each of them on every verification).
   */
  certificate(der: Uint8Array, port?: CryptoPort): StoredCertificate {
    const key = toHex(port?.digest ? port.digest('SHA-256', der) : sha256(der))
    const hit = this.certificates.get(key)
    if (hit) {
      this.stats.certificateHits++
      return hit.stored
    }
    this.stats.certificateMisses++
    const decoded = decodeCertificate(der)
    // Only exact DER is cached: bytes after the certificate would make the key differ from what was parsed.
    if (decoded.der.byteLength !== der.byteLength) return decoded
    this.hashes.set(decoded.cert, key)
    this.certificates.set(key, { stored: decoded })
    return decoded
  }

  /** Facts of a certificate, computed once per certificate (callers get their own top-level copy). */
  facts(c: StoredCertificate): CertificateFacts {
    const key = this.hashOf(c)
    let entry = this.certificates.get(key)
    if (!entry || entry.stored.cert !== c.cert) {
      entry = { stored: c }
      this.certificates.set(key, entry)
    }
    entry.facts ??= factsOf(c.cert, c.der)
    return { ...entry.facts }
  }

  /** Whether `child`'s signature verifies with `issuer`'s key; computed once per (child, issuer) pair of DER bytes. */
  async link(child: StoredCertificate, issuer: StoredCertificate, verify: () => Promise<boolean>): Promise<boolean> {
    const key = `c:${this.signedPartOf(child.cert)}:${this.publicKeyOf(issuer.cert)}`
    const hit = this.links.get(key)
    if (hit !== undefined) {
      this.stats.linkHits++
      return hit
    }
    this.stats.linkMisses++
    const ok = await verify()
    this.links.set(key, ok)
    return ok
  }

  /** Whether a CRL's signature verifies with `issuer`'s key; computed once per (CRL bytes, issuer) pair. */
  async crlSignature(crl: ParsedCrl, issuer: StoredCertificate, verify: () => Promise<boolean>): Promise<boolean> {
    const crlHash = (crl as Partial<CachedCrl>).sha256
    if (!crlHash) return verify()
    // The CRL was parsed from exactly the bytes hashed, so the hash covers its TBS and signature.
    const key = `r:${crlHash}:${this.publicKeyOf(issuer.cert)}`
    const hit = this.links.get(key)
    if (hit !== undefined) {
      this.stats.linkHits++
      return hit
    }
    this.stats.linkMisses++
    const ok = await verify()
    this.links.set(key, ok)
    return ok
  }

  /** A parsed CRL for these bytes (CRL_CORRUPT as parseCrl); keyed by the SHA-256 of the bytes, so a new CRL is a miss. */
  async crl(bytes: Uint8Array, port?: CryptoPort): Promise<CachedCrl> {
    const key = toHex(await digest('SHA-256', bytes, port))
    const hit = this.crls.get(key)
    if (hit) {
      this.stats.crlHits++
      return hit
    }
    this.stats.crlMisses++
    const parsed = parseCrl(bytes)
    const bySerial = new Map<string, pkijs.RevokedCertificate>()
    for (const r of parsed.crl.revokedCertificates ?? []) {
      const serial = toHex(r.userCertificate.valueBlock.valueHexView)
      // Keep the earliest revocation should a CA list a serial twice.
      const prior = bySerial.get(serial)
      if (!prior || r.revocationDate.value < prior.revocationDate.value) bySerial.set(serial, r)
    }
    const entry: CachedCrl = { ...parsed, sha256: key, bySerial }
    this.crls.set(key, entry)
    return entry
  }

  /** A cached `revocation` callback answer (good/revoked only), or undefined. */
  revocation(key: string): RevocationResult | undefined {
    if (this.revocationTtlMs <= 0) return undefined
    const hit = this.revocations.get(key)
    if (!hit) return undefined
    if (hit.until <= this.now()) {
      this.revocations.delete(key)
      return undefined
    }
    this.stats.revocationHits++
    return hit.result
  }

  rememberRevocation(key: string, result: RevocationResult): void {
    if (this.revocationTtlMs <= 0 || result.status === 'unknown') return
    this.revocations.set(key, { result, until: this.now() + this.revocationTtlMs })
  }
}

/** The cache key of a revocation answer: certificate, issuer and the exact CRL set in force. */
export function revocationKey(cache: VerificationCache, cert: StoredCertificate, issuer: StoredCertificate, crls: ParsedCrl[]): string {
  const crlPart = crls.map((c) => (c as Partial<CachedCrl>).sha256 ?? toHex(sha256(c.der))).sort().join(',')
  return `${cache.hashOf(cert)}:${cache.hashOf(issuer)}:${crlPart}`
}
