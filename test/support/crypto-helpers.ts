import { execFileSync } from 'node:child_process'
import { constants, createHash, getHashes, setEngine } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as asn1js from 'asn1js'
import { OID, createTrustStore, toArrayBuffer, type TrustStore } from '../../src-shared/crypto'
import { openPkcs12, type Pkcs12Entry } from '../../src-main/services/crypto/pkcs12'

export const ROOT = join(__dirname, '..', '..')
export const DEMO = join(ROOT, 'resources', 'demo-pki')
export const NCA = '/work/shared/nca-test-pki/gost2015-current'
export const PASSWORD = 'Qwerty12'
export const HAS_NCA = existsSync(NCA)

export function file(path: string): Uint8Array {
  return new Uint8Array(readFileSync(path))
}

const cache = new Map<string, Pkcs12Entry>()
export function demoKey(name: string): Pkcs12Entry {
  const path = name.includes('/') ? name : join(DEMO, `${name}.p12`)
  if (!cache.has(path)) cache.set(path, openPkcs12(file(path), PASSWORD)[0])
  return cache.get(path)!
}

export function ncaKey(rel: string): Pkcs12Entry {
  return demoKey(join(NCA, rel))
}

export const NCA_KEYS = {
  valid: ['individual/valid/individual_valid.p12', 'legal/valid/employee.p12', 'legal/valid/employee_signright.p12', 'legal/valid/head.p12', 'legal/valid/infosystem.p12', 'legal/valid/treasury_client.p12'],
  revoked: ['individual/revoked/individual_revoked.p12', 'legal/revoked/employee.p12', 'legal/revoked/employee_signright.p12', 'legal/revoked/head.p12', 'legal/revoked/infosystem.p12', 'legal/revoked/treasury_client.p12'],
}

export function demoTrust(): TrustStore {
  return createTrustStore({ production: [file(join(DEMO, 'root.crt'))], intermediates: [file(join(DEMO, 'intermediate.crt'))] })
}

export function ncaTrust(asProduction = false): TrustStore {
  const root = file(join(NCA, 'root_test_gost_2022.cer'))
  const inter = file(join(NCA, 'nca_gost2022_test.cer'))
  return asProduction ? createTrustStore({ production: [root], intermediates: [inter] }) : createTrustStore({ test: [root], intermediates: [inter] })
}

export const demoCrl = () => file(join(DEMO, 'intermediate.crl'))
export const ncaCrl = () => file(join(NCA, 'nca_gost2022_test.crl'))

export function hasGostEngine(): boolean {
  try {
    execFileSync('openssl', ['engine', 'gost'], { stdio: 'pipe' })
    return true
  } catch {
    return false
  }
}

/**
 * Loads OpenSSL's gost engine into THIS process's OpenSSL (Node here links the system libcrypto 3), so node:crypto
 * hashes, signs and verifies with the engine's C code: an in-process oracle without a process per check. Digests and
 * GOST key methods only — RSA/EC keep OpenSSL's own. False where the engine or the linkage is missing.
 */
export function loadGostEngineInProcess(): boolean {
  try {
    const dir = /ENGINESDIR: "([^"]+)"/.exec(execFileSync('openssl', ['version', '-e'], { encoding: 'utf8' }))?.[1]
    if (!dir) return false
    const c = constants
    setEngine(join(dir, 'gost.so'), c.ENGINE_METHOD_DIGESTS | c.ENGINE_METHOD_PKEY_METHS | c.ENGINE_METHOD_PKEY_ASN1_METHS)
    return getHashes().includes('md_gost12_512') || createHash('md_gost12_512').digest().length === 64
  } catch {
    return false
  }
}

/** SubjectPublicKeyInfo (DER) of a GOST-512 point (X‖Y LE) under id-tc26-gost3410-12-512 / paramSetA, as OpenSSL's engine reads it. */
export function tc26Spki(point: Uint8Array): Uint8Array {
  const spki = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        value: [new asn1js.ObjectIdentifier({ value: OID.tc26Gost2012Key512 }), new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: OID.tc26Gost512ParamSetA })] })],
      }),
      new asn1js.BitString({ valueHex: new asn1js.OctetString({ valueHex: toArrayBuffer(point) }).toBER() }),
    ],
  })
  return new Uint8Array(spki.toBER())
}

/** PKCS#8 PEM of a GOST-512 private value d (LE) under the tc26 OIDs, as OpenSSL's engine reads it (the digest OID is required). */
export function tc26Pkcs8Pem(d: Uint8Array): string {
  const p8 = new asn1js.Sequence({
    value: [
      new asn1js.Integer({ value: 0 }),
      new asn1js.Sequence({
        value: [
          new asn1js.ObjectIdentifier({ value: OID.tc26Gost2012Key512 }),
          new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: OID.tc26Gost512ParamSetA }), new asn1js.ObjectIdentifier({ value: OID.streebog512 })] }),
        ],
      }),
      new asn1js.OctetString({ valueHex: toArrayBuffer(d) }),
    ],
  })
  const b64 = Buffer.from(p8.toBER()).toString('base64').replace(/(.{64})/g, '$1\n')
  return `-----BEGIN PRIVATE KEY-----\n${b64}\n-----END PRIVATE KEY-----\n`
}
