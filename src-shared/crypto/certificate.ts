/**
 * X.509 certificate facts in NCA RK's layout: CN = ФИО (or system name), SURNAME, GIVENNAME (= отчество),
 * SERIALNUMBER = "IIN" + 12 digits, O = organisation, OU = "BIN" + 12 digits, roles from the key-user OIDs in the EKU.
 */
import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
import { ArmError } from '../errors'
import { pemToDer, sha256, toArrayBuffer, toBytes, toHex } from './bytes'
import { keyAlgorithmOf, type KeyAlgorithm } from './engine'
import { isValidIinOrBin } from './iin'
import { DN_SHORT, OID } from './oids'

export type KeyPurpose = 'AUTH' | 'SIGN'
export type NcaRole = 'individual' | 'legal-entity' | 'head' | 'sign-right' | 'finance-signer' | 'hr' | 'employee' | 'info-system'

export interface DistinguishedName {
  /** RFC 4514-like one-line form, most significant first as encoded. */
  text: string
  /** Attribute short name → values, in encoded order. */
  attributes: Array<{ type: string; oid: string; value: string }>
  commonName?: string
}

export interface CertificateFacts {
  /** ФИО as the certificate shows it (CN; for people "SURNAME NAME" + GIVENNAME = отчество). */
  fullName: string
  commonName?: string
  surname?: string
  /** NCA puts the patronymic (отчество) in GIVENNAME; the first name is the second word of CN. */
  givenName?: string
  iin?: string
  /** Whether the ИИН passes the check digit (the NCA test certificates fail on purpose). */
  iinValid?: boolean
  bin?: string
  binValid?: boolean
  organization?: string
  email?: string
  subject: DistinguishedName
  issuer: DistinguishedName
  /** Hex, lowercase, no leading zeros trimmed beyond DER. */
  serialNumber: string
  notBefore: string
  notAfter: string
  keyAlgorithm: KeyAlgorithm
  signatureAlgorithm: string
  keyUsage: string[]
  extendedKeyUsage: string[]
  policies: string[]
  ncaRoles: NcaRole[]
  /** What the key may be used for: AUTH (login) and/or SIGN (requests, results). */
  purposes: KeyPurpose[]
  isCa: boolean
  subjectKeyId?: string
  authorityKeyId?: string
  ocspUrls: string[]
  crlUrls: string[]
  caIssuerUrls: string[]
  /** SHA-256 of the DER, hex. */
  fingerprintSha256: string
}

const KU_NAMES = ['digitalSignature', 'nonRepudiation', 'keyEncipherment', 'dataEncipherment', 'keyAgreement', 'keyCertSign', 'cRLSign', 'encipherOnly', 'decipherOnly']

const ROLE_BY_OID: Record<string, NcaRole> = {
  [OID.ncaIndividual]: 'individual',
  [OID.ncaLegalEntity]: 'legal-entity',
  [OID.ncaHead]: 'head',
  [OID.ncaSignRight]: 'sign-right',
  [OID.ncaFinanceSigner]: 'finance-signer',
  [OID.ncaHr]: 'hr',
  [OID.ncaEmployee]: 'employee',
  [OID.ncaInfoSystem]: 'info-system',
  [OID.ncaInfoSystemRole]: 'info-system',
}

function stringOf(value: unknown): string {
  if (value && typeof value === 'object' && 'valueBlock' in value) {
    const vb = (value as { valueBlock: { value?: unknown; valueHexView?: Uint8Array } }).valueBlock
    if (typeof vb.value === 'string') return vb.value
    if (vb.valueHexView) return new TextDecoder().decode(vb.valueHexView)
  }
  return String(value)
}

function escapeDn(v: string): string {
  return v.replace(/([,+"\\<>;])/g, '\\$1')
}

export function describeName(rdn: pkijs.RelativeDistinguishedNames): DistinguishedName {
  const attributes = rdn.typesAndValues.map((tv) => ({ oid: tv.type, type: DN_SHORT[tv.type] ?? tv.type, value: stringOf(tv.value) }))
  return {
    attributes,
    text: attributes.map((a) => `${a.type}=${escapeDn(a.value)}`).join(', '),
    commonName: attributes.find((a) => a.oid === OID.commonName)?.value,
  }
}

function extension(cert: pkijs.Certificate, oid: string): pkijs.Extension | undefined {
  return cert.extensions?.find((e) => e.extnID === oid)
}

function uris(names: pkijs.GeneralName[] | undefined): string[] {
  return (names ?? []).filter((n) => n.type === 6).map((n) => String(n.value))
}

/** Parses DER or PEM into a pkijs certificate; CERT_CORRUPT on anything else. */
export function decodeCertificate(input: Uint8Array): { cert: pkijs.Certificate; der: Uint8Array } {
  const der = pemToDer(input)
  try {
    const asn = asn1js.fromBER(toArrayBuffer(der))
    if (asn.offset === -1) throw new Error(asn.result.error)
    const cert = new pkijs.Certificate({ schema: asn.result })
    return { cert, der: der.subarray(0, asn.offset) }
  } catch (err) {
    throw new ArmError('CERT_CORRUPT', err instanceof Error ? err.message : String(err))
  }
}

export function factsOf(cert: pkijs.Certificate, der: Uint8Array): CertificateFacts {
  try {
    return buildFacts(cert, der)
  } catch (err) {
    if (err instanceof ArmError) throw err
    throw new ArmError('CERT_CORRUPT', err instanceof Error ? err.message : String(err))
  }
}

function buildFacts(cert: pkijs.Certificate, der: Uint8Array): CertificateFacts {
  const subject = describeName(cert.subject)
  const issuer = describeName(cert.issuer)
  const get = (oid: string) => subject.attributes.find((a) => a.oid === oid)?.value
  const serialAttr = get(OID.serialNumber)
  const iinMatch = serialAttr && /^IIN(\d{12})$/i.exec(serialAttr.trim())
  const ouBin = subject.attributes.filter((a) => a.oid === OID.organizationalUnit).map((a) => /^BIN(\d{12})$/i.exec(a.value.trim())).find(Boolean)
  const iin = iinMatch ? iinMatch[1] : undefined
  const bin = ouBin ? ouBin[1] : undefined

  const keyUsage: string[] = []
  const kuExt = extension(cert, OID.keyUsage)
  if (kuExt) {
    const bs = (kuExt.parsedValue as asn1js.BitString | undefined) ?? (asn1js.fromBER(toArrayBuffer(kuExt.extnValue.valueBlock.valueHexView)).result as asn1js.BitString)
    const bytes = toBytes(bs.valueBlock.valueHexView)
    KU_NAMES.forEach((name, i) => {
      if ((bytes[i >> 3] ?? 0) & (0x80 >> (i & 7))) keyUsage.push(name)
    })
  }
  const eku = (extension(cert, OID.extKeyUsage)?.parsedValue as pkijs.ExtKeyUsage | undefined)?.keyPurposes ?? []
  const policies = ((extension(cert, OID.certificatePolicies)?.parsedValue as pkijs.CertificatePolicies | undefined)?.certificatePolicies ?? []).map((p) => p.policyIdentifier)
  const bc = extension(cert, OID.basicConstraints)?.parsedValue as pkijs.BasicConstraints | undefined
  const ski = extension(cert, OID.subjectKeyIdentifier)?.parsedValue as asn1js.OctetString | undefined
  const aki = extension(cert, OID.authorityKeyIdentifier)?.parsedValue as pkijs.AuthorityKeyIdentifier | undefined
  const aia = (extension(cert, OID.authorityInfoAccess)?.parsedValue as pkijs.InfoAccess | undefined)?.accessDescriptions ?? []
  const cdp = (extension(cert, OID.crlDistributionPoints)?.parsedValue as pkijs.CRLDistributionPoints | undefined)?.distributionPoints ?? []

  const ncaRoles = [...new Set(eku.map((o) => ROLE_BY_OID[o]).filter((r): r is NcaRole => !!r))]
  const purposes: KeyPurpose[] = []
  // AUTH: explicit clientAuth (RSA-era AUTH_ keys) or a GOST-2015 style single key that also does key agreement.
  if (eku.includes(OID.ekuClientAuth) || (keyUsage.includes('digitalSignature') && keyUsage.includes('keyAgreement'))) purposes.push('AUTH')
  if (keyUsage.includes('nonRepudiation')) purposes.push('SIGN')

  const cn = subject.commonName
  const surname = get(OID.surname)
  const givenName = get(OID.givenName)
  const fullName = cn && givenName && surname && cn.startsWith(surname) && !cn.includes(givenName) ? `${cn} ${givenName}` : (cn ?? subject.text)

  return {
    fullName,
    commonName: cn,
    surname,
    givenName,
    iin,
    iinValid: iin ? isValidIinOrBin(iin) : undefined,
    bin,
    binValid: bin ? isValidIinOrBin(bin) : undefined,
    organization: get(OID.organization),
    email: get(OID.email),
    subject,
    issuer,
    serialNumber: toHex(cert.serialNumber.valueBlock.valueHexView),
    notBefore: cert.notBefore.value.toISOString(),
    notAfter: cert.notAfter.value.toISOString(),
    keyAlgorithm: keyAlgorithmOf(cert.subjectPublicKeyInfo),
    signatureAlgorithm: cert.signatureAlgorithm.algorithmId,
    keyUsage,
    extendedKeyUsage: eku,
    policies,
    ncaRoles,
    purposes,
    isCa: !!bc?.cA,
    subjectKeyId: ski ? toHex(ski.valueBlock.valueHexView) : undefined,
    authorityKeyId: aki?.keyIdentifier ? toHex(aki.keyIdentifier.valueBlock.valueHexView) : undefined,
    ocspUrls: aia.filter((a) => a.accessMethod === OID.ocspAccess).flatMap((a) => uris([a.accessLocation])),
    caIssuerUrls: aia.filter((a) => a.accessMethod === OID.caIssuersAccess).flatMap((a) => uris([a.accessLocation])),
    crlUrls: cdp.flatMap((dp) => (Array.isArray(dp.distributionPoint) ? uris(dp.distributionPoint) : [])),
    fingerprintSha256: toHex(sha256(der)),
  }
}

/** Certificate facts from DER or PEM bytes. Throws CERT_CORRUPT. */
export function parseCertificate(input: Uint8Array): CertificateFacts {
  const { cert, der } = decodeCertificate(input)
  return factsOf(cert, der)
}
