/**
 * Trust stores, chain building and CRL checks. Chains are built and their signatures checked here (not with pkijs'
 * CertificateChainValidationEngine) because that engine cannot verify GOST signatures.
 */
import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
import { ArmError } from '../errors'
import { bytesEqual, pemToDer, toArrayBuffer, toBytes, toHex } from './bytes'
import { decodeCertificate } from './certificate'
import { defaultCryptoPort, verifySignature, type CryptoPort } from './engine'

export interface StoredCertificate {
  cert: pkijs.Certificate
  der: Uint8Array
}

/**
 * Where trust comes from. `production` anchors are always trusted; `test` anchors (e.g. the NCA test CA) only when
 * the caller asks for test trust — results then carry `testTrust: true` so the UI can mark them.
 * `intermediates` are helpers for chain building and are never trusted on their own.
 */
export interface TrustStore {
  production: StoredCertificate[]
  test: StoredCertificate[]
  intermediates: StoredCertificate[]
}

export function createTrustStore(input: { production?: Uint8Array[]; test?: Uint8Array[]; intermediates?: Uint8Array[] }): TrustStore {
  const load = (list?: Uint8Array[]) => (list ?? []).map((b) => decodeCertificate(b))
  return { production: load(input.production), test: load(input.test), intermediates: load(input.intermediates) }
}

/** Splits a PEM bundle (several certificates) or returns the single DER. */
export function splitPemBundle(input: Uint8Array): Uint8Array[] {
  if (input[0] !== 0x2d) return [input]
  const text = new TextDecoder().decode(input)
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? []
  return blocks.map((b) => pemToDer(new TextEncoder().encode(b)))
}

export type ChainStatus = 'trusted' | 'untrusted' | 'invalid-signature' | 'ca-invalid'

export interface ChainResult {
  status: ChainStatus
  /** Which store the anchor came from, when trusted. */
  anchor?: 'production' | 'test'
  /** Leaf first, anchor last. */
  path: StoredCertificate[]
}

function sameName(a: pkijs.RelativeDistinguishedNames, b: pkijs.RelativeDistinguishedNames): boolean {
  const ab = a.valueBeforeDecode
  const bb = b.valueBeforeDecode
  if (ab.byteLength && bb.byteLength && bytesEqual(ab, bb)) return true
  return a.isEqual(b)
}

function isAnchor(c: StoredCertificate, list: StoredCertificate[]): boolean {
  return list.some((a) => bytesEqual(a.der, c.der))
}

export async function verifyIssuedBy(child: pkijs.Certificate, issuer: pkijs.Certificate, port?: CryptoPort): Promise<boolean> {
  try {
    return await verifySignature(
      issuer.subjectPublicKeyInfo,
      child.signatureAlgorithm.algorithmId,
      undefined,
      toBytes(child.signatureValue.valueBlock.valueHexView),
      toBytes(child.tbsView),
      port,
    )
  } catch {
    return false
  }
}

function caAllowed(c: pkijs.Certificate, at: Date): boolean {
  const bc = c.extensions?.find((e) => e.extnID === '2.5.29.19')?.parsedValue as pkijs.BasicConstraints | undefined
  if (!bc?.cA) return false
  return c.notBefore.value <= at && at <= c.notAfter.value
}

/**
 * Builds leaf → … → anchor from the leaf, the certificates carried alongside it (e.g. in the CMS) and the store.
 * Intermediate CAs must be CAs and valid at `at`; the leaf's own validity is the caller's check.
 */
export async function buildChain(
  leaf: StoredCertificate,
  carried: StoredCertificate[],
  trust: TrustStore,
  options: { at: Date; testTrust?: boolean; port?: CryptoPort; cache?: TrustCache },
): Promise<ChainResult> {
  const cache = options.cache
  const port = options.port ?? defaultCryptoPort()
  const anchorSets: Array<['production' | 'test', StoredCertificate[]]> = [['production', trust.production]]
  if (options.testTrust) anchorSets.push(['test', trust.test])
  const pool = [...carried, ...trust.intermediates, ...trust.production, ...trust.test]
  let worst: ChainStatus = 'untrusted'
  const walk = async (path: StoredCertificate[]): Promise<ChainResult | undefined> => {
    const current = path[path.length - 1]
    for (const [kind, list] of anchorSets) if (isAnchor(current, list)) return { status: 'trusted', anchor: kind, path }
    if (path.length > 8) return undefined
    const candidates = pool.filter((c) => sameName(c.cert.subject, current.cert.issuer) && !path.some((p) => bytesEqual(p.der, c.der)))
    for (const cand of candidates) {
      // A link's signature is a fact about the two certificates' bytes; their validity at `at` is checked below each time.
      const linked = cache ? await cache.link(current, cand, () => verifyIssuedBy(current.cert, cand.cert, port)) : await verifyIssuedBy(current.cert, cand.cert, port)
      if (!linked) {
        worst = 'invalid-signature'
        continue
      }
      if (!caAllowed(cand.cert, options.at)) {
        worst = 'ca-invalid'
        continue
      }
      const found = await walk([...path, cand])
      if (found) return found
    }
    return undefined
  }
  const result = await walk([leaf])
  return result ?? { status: worst, path: [leaf] }
}

export interface ParsedCrl {
  crl: pkijs.CertificateRevocationList
  der: Uint8Array
  /** Serial (hex) → entry, when a cache indexed the CRL once (cache.ts); otherwise the list is searched. */
  bySerial?: Map<string, pkijs.RevokedCertificate>
}

/**
 * What chain building and CRL checks reuse from a verification cache. VerificationCache (cache.ts) is one; declared
 * here, by the side that uses it, so this module does not import the cache that imports it.
 */
export interface TrustCache {
  link(child: StoredCertificate, issuer: StoredCertificate, verify: () => Promise<boolean>): Promise<boolean>
  crlSignature(crl: ParsedCrl, issuer: StoredCertificate, verify: () => Promise<boolean>): Promise<boolean>
}

export function parseCrl(input: Uint8Array): ParsedCrl {
  const der = pemToDer(input)
  try {
    const asn = asn1js.fromBER(toArrayBuffer(der))
    if (asn.offset === -1) throw new Error(asn.result.error)
    const crl = new pkijs.CertificateRevocationList({ schema: asn.result })
    return { crl, der }
  } catch (err) {
    throw new ArmError('CRL_CORRUPT', err instanceof Error ? err.message : String(err))
  }
}

export type RevocationStatus = 'good' | 'revoked' | 'unknown'

export interface RevocationResult {
  status: RevocationStatus
  source?: 'crl' | 'ocsp'
  revokedAt?: string
  reason?: number
  /** Why the status is unknown: no CRL from this issuer, bad CRL signature, CRL not yet/no longer current. */
  detail?: string
}

/**
 * Looks the certificate up in the CRLs whose issuer is the certificate's issuer and whose signature verifies with the
 * issuer's key. Revoked if listed with a revocation date ≤ `at`.
 */
export async function checkCrl(
  cert: pkijs.Certificate,
  issuer: pkijs.Certificate,
  crls: ParsedCrl[],
  at: Date,
  port?: CryptoPort,
  cache?: { verifier: TrustCache; issuer: StoredCertificate },
): Promise<RevocationResult> {
  const serial = toHex(cert.serialNumber.valueBlock.valueHexView)
  let detail = 'no CRL from the issuer'
  for (const parsed of crls) {
    const { crl } = parsed
    if (!sameName(crl.issuer, cert.issuer)) continue
    const verify = () =>
      verifySignature(
        issuer.subjectPublicKeyInfo,
        crl.signature.algorithmId,
        undefined,
        toBytes(crl.signatureValue.valueBlock.valueHexView),
        toBytes(crl.tbsView),
        port,
      ).catch(() => false)
    // The CRL's signature is a fact about its bytes and the issuer's; whether it is current is decided below each time.
    const ok = cache && cache.issuer.cert === issuer ? await cache.verifier.crlSignature(parsed, cache.issuer, verify) : await verify()
    if (!ok) {
      detail = 'CRL signature does not verify'
      continue
    }
    // A CRL issued after `at` still answers for `at` (revocations carry their date) — but only while the certificate
    // was unexpired when the CRL was issued: CAs drop expired certificates from their lists.
    if (crl.thisUpdate.value > at && cert.notAfter.value < crl.thisUpdate.value) {
      detail = 'CRL issued after the certificate expired'
      continue
    }
    const index = parsed.bySerial
    const entry = index ? index.get(serial) : (crl.revokedCertificates ?? []).find((r) => toHex(r.userCertificate.valueBlock.valueHexView) === serial)
    if (entry && entry.revocationDate.value <= at) {
      const reasonExt = entry.crlEntryExtensions?.extensions.find((e) => e.extnID === '2.5.29.21')
      const reason = reasonExt?.parsedValue instanceof asn1js.Enumerated ? reasonExt.parsedValue.valueBlock.valueDec : undefined
      return { status: 'revoked', source: 'crl', revokedAt: entry.revocationDate.value.toISOString(), reason }
    }
    if (crl.nextUpdate && crl.nextUpdate.value < at) {
      detail = 'CRL is out of date'
      continue
    }
    return { status: 'good', source: 'crl' }
  }
  return { status: 'unknown', detail }
}
