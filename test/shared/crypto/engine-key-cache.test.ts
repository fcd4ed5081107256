/**
 * verifySignature keeps imported public keys per SubtleCrypto (the gateway verifies the same operators' keys over and
 * over): a key is imported once, every signature is still checked, and a key that fails to import is not kept.
 */
import { generateKeyPairSync, sign, webcrypto } from 'node:crypto'
import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
import { describe, expect, it } from 'vitest'
import { verifySignature, type SubtleLike } from '../../../src-shared/crypto/engine'
import { OID } from '../../../src-shared/crypto/oids'

function countingSubtle(): { subtle: SubtleLike; imports: () => number } {
  let n = 0
  const real = webcrypto.subtle as unknown as SubtleLike
  return {
    imports: () => n,
    subtle: {
      digest: (a, d) => real.digest(a, d),
      importKey: (...args) => (n++, real.importKey(...args)),
      verify: (...args) => real.verify(...args),
    },
  }
}

function rsaKey() {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const der = publicKey.export({ type: 'spki', format: 'der' })
  const spki = new pkijs.PublicKeyInfo({ schema: asn1js.fromBER(new Uint8Array(der)).result })
  return { spki, privateKey }
}

describe('imported verification keys', () => {
  it('one import per key and SubtleCrypto; a changed signature or another key is refused every time', async () => {
    const a = rsaKey()
    const b = rsaKey()
    const { subtle, imports } = countingSubtle()
    const port = { subtle }
    const data = new TextEncoder().encode('заявление 1')
    const sig = new Uint8Array(sign('sha256', data, a.privateKey))
    for (let i = 0; i < 5; i++) expect(await verifySignature(a.spki, OID.sha256WithRSA, undefined, sig, data, port)).toBe(true)
    expect(imports()).toBe(1)
    const changed = sig.slice()
    changed[10] ^= 1
    expect(await verifySignature(a.spki, OID.sha256WithRSA, undefined, changed, data, port)).toBe(false)
    expect(await verifySignature(a.spki, OID.sha256WithRSA, undefined, sig, new TextEncoder().encode('заявление 2'), port)).toBe(false)
    expect(await verifySignature(b.spki, OID.sha256WithRSA, undefined, sig, data, port)).toBe(false)
    expect(imports()).toBe(2)
    // another hash is another imported key
    const sig512 = new Uint8Array(sign('sha512', data, a.privateKey))
    expect(await verifySignature(a.spki, OID.sha512WithRSA, undefined, sig512, data, port)).toBe(true)
    expect(imports()).toBe(3)
    // another SubtleCrypto imports its own
    const other = countingSubtle()
    expect(await verifySignature(a.spki, OID.sha256WithRSA, undefined, sig, data, { subtle: other.subtle })).toBe(true)
    expect(other.imports()).toBe(1)
  })

  it('a key that fails to import is tried afresh next time, not remembered as failed', async () => {
    const a = rsaKey()
    const real = webcrypto.subtle as unknown as SubtleLike
    let fail = true
    let n = 0
    const subtle: SubtleLike = {
      digest: (x, d) => real.digest(x, d),
      importKey: (...args) => (n++, fail ? Promise.reject(new Error('token busy')) : real.importKey(...args)),
      verify: (...args) => real.verify(...args),
    }
    const data = new TextEncoder().encode('x')
    const sig = new Uint8Array(sign('sha256', data, a.privateKey))
    await expect(verifySignature(a.spki, OID.sha256WithRSA, undefined, sig, data, { subtle })).rejects.toThrow('token busy')
    await new Promise((r) => setTimeout(r, 0))
    fail = false
    expect(await verifySignature(a.spki, OID.sha256WithRSA, undefined, sig, data, { subtle })).toBe(true)
    expect(n).toBe(2)
  })
})
