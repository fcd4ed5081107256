/**
 * Independent checks with OpenSSL: our RSA/EC CAdES pass `openssl cms -verify -binary -cades`; our NCA GOST-2015
 * signature values (over the DER of the signed attributes) pass OpenSSL's gost engine once the public key is
 * re-expressed under the tc26 OIDs (the engine does not know NCA's 1.2.398 arc) and the value is put in RFC 4491 order.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
import { afterAll, describe, expect, it } from 'vitest'
import { OID, decodeCertificate, gostPublicKeyBytes, gostSignatureToRfc4491, signCades, toArrayBuffer, toHex } from '../../../src-shared/crypto'
import { keySigner } from '../../../src-main/services/crypto/signer'
import { DEMO, HAS_NCA, NCA_KEYS, demoKey, hasGostEngine, ncaKey } from '../../support/crypto-helpers'

const dir = mkdtempSync(join(tmpdir(), 'arm-ossl-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const content = new Uint8Array(Buffer.from('line one\nline two — ЦОН\r\nno final newline'))
writeFileSync(join(dir, 'content.bin'), content)
writeFileSync(join(dir, 'ca.pem'), Buffer.concat([readFileSync(join(DEMO, 'root.crt')), readFileSync(join(DEMO, 'intermediate.crt'))]))

function opensslCms(cms: Uint8Array, detached: boolean): { ok: boolean; out: string } {
  const sig = join(dir, `sig-${Math.random().toString(36).slice(2)}.p7s`)
  writeFileSync(sig, cms)
  const args = ['cms', '-verify', '-binary', '-cades', '-purpose', 'any', '-inform', 'DER', '-in', sig, '-CAfile', join(dir, 'ca.pem'), '-out', join(dir, 'out.bin')]
  if (detached) args.push('-content', join(dir, 'content.bin'))
  const r = spawnSync('openssl', args, { encoding: 'utf8' })
  return { ok: r.status === 0, out: `${r.stdout}${r.stderr}` }
}

describe('openssl cms -verify -binary -cades (RSA, ECDSA)', () => {
  const cases: Array<[string, string, boolean]> = [
    ['RSA detached', 'operator-sign', true],
    ['RSA attached', 'specialist-sign', false],
    ['ECDSA P-256 detached', join(DEMO, 'variants', 'variant-ec-sign.p12'), true],
    ['ECDSA P-256 attached', join(DEMO, 'variants', 'variant-ec-sign.p12'), false],
  ]
  for (const [label, key, detached] of cases) {
    it(label, async () => {
      const cms = await signCades({ content, signer: keySigner(demoKey(key)), detached })
      const r = opensslCms(cms, detached)
      expect(r.out).toContain('CAdES Verification successful')
      expect(r.ok).toBe(true)
      if (!detached) expect(Buffer.compare(readFileSync(join(dir, 'out.bin')), Buffer.from(content))).toBe(0)
    })
  }

  it('OpenSSL refuses our CMS when the content changes (the check can fail)', async () => {
    const cms = await signCades({ content, signer: keySigner(demoKey('operator-sign')) })
    writeFileSync(join(dir, 'content.bin'), Buffer.concat([Buffer.from(content), Buffer.from('!')]))
    try {
      expect(opensslCms(cms, true).ok).toBe(false)
    } finally {
      writeFileSync(join(dir, 'content.bin'), content)
    }
  })
})

/** SubjectPublicKeyInfo of the same point under id-tc26-gost3410-12-512 / paramSetA, as PEM via the gost engine. */
function tc26PublicKeyPem(certDer: Uint8Array, name: string): string {
  const point = gostPublicKeyBytes(decodeCertificate(certDer).cert.subjectPublicKeyInfo)
  const spki = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        value: [new asn1js.ObjectIdentifier({ value: OID.tc26Gost2012Key512 }), new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: OID.tc26Gost512ParamSetA })] })],
      }),
      new asn1js.BitString({ valueHex: new asn1js.OctetString({ valueHex: toArrayBuffer(point) }).toBER() }),
    ],
  })
  const der = join(dir, `${name}.pub.der`)
  const pem = join(dir, `${name}.pub.pem`)
  writeFileSync(der, Buffer.from(spki.toBER()))
  execFileSync('openssl', ['pkey', '-engine', 'gost', '-pubin', '-inform', 'DER', '-in', der, '-out', pem], { stdio: 'pipe' })
  return pem
}

function gostDgstVerify(pubPem: string, signature: Uint8Array, data: Uint8Array, name: string): boolean {
  writeFileSync(join(dir, `${name}.sig`), signature)
  writeFileSync(join(dir, `${name}.tbs`), data)
  const r = spawnSync('openssl', ['dgst', '-engine', 'gost', '-md_gost12_512', '-verify', pubPem, '-signature', join(dir, `${name}.sig`), join(dir, `${name}.tbs`)], { encoding: 'utf8' })
  return r.status === 0 && r.stdout.includes('Verified OK')
}

describe.skipIf(!HAS_NCA || !hasGostEngine())('NCA GOST-2015-512 signatures checked by OpenSSL + gost engine (tc26 OIDs)', () => {
  it('every valid key in gost2015-current: signature value over the signed attributes verifies; a changed byte does not', async () => {
    for (const rel of NCA_KEYS.valid) {
      const key = ncaKey(rel)
      const cms = await signCades({ content, signer: keySigner(key) })
      const sd = new pkijs.SignedData({ schema: pkijs.ContentInfo.fromBER(toArrayBuffer(cms)).content })
      const si = sd.signerInfos[0]
      expect(si.signatureAlgorithm.algorithmId).toBe(OID.kzGost2015Sig512)
      expect(si.digestAlgorithm.algorithmId).toBe(OID.kzStreebog512)
      const tbs = new Uint8Array(si.signedAttrs!.encodedValue)
      expect(tbs[0]).toBe(0x31)
      const value = new Uint8Array(si.signature.valueBlock.valueHexView)
      const name = rel.replace(/\W/g, '_')
      const pem = tc26PublicKeyPem(key.certificate, name)
      expect(gostDgstVerify(pem, gostSignatureToRfc4491(value), tbs, name), rel).toBe(true)
      const changed = tbs.slice()
      changed[changed.length - 1] ^= 1
      expect(gostDgstVerify(pem, gostSignatureToRfc4491(value), changed, `${name}-x`), rel).toBe(false)
      // messageDigest = Streebog-512(content) as computed by OpenSSL
      const md = si.signedAttrs!.attributes.find((a) => a.type === OID.messageDigest)!.values[0] as asn1js.OctetString
      const ossl = execFileSync('openssl', ['dgst', '-engine', 'gost', '-md_gost12_512', '-r', join(dir, 'content.bin')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
      expect(ossl.split(' ')[0]).toBe(toHex(md.valueBlock.valueHexView))
    }
  })
})
