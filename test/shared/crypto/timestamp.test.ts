/**
 * CAdES-T with the gateway's simulated НУЦ TSA: tokens that `openssl ts -verify` accepts, a signature-time-stamp
 * attribute that leaves the signature intact and becomes the best signature time, and coded verdicts for a tampered
 * token, a token of another signature and a TSA outside the trusted roots. Throwaway CA + TSA certificates are made
 * with OpenSSL in a temp dir (the demo TSA certificate under the demo НУЦ is issued the same way).
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  addSignatureTimeStamp,
  buildTimeStampRequest,
  createTrustStore,
  hasSignatureTimeStamp,
  signatureTimeStampOf,
  signatureValuesOf,
  signCades,
  splitPemBundle,
  tokenOfResponse,
  verifyCms,
} from '../../../src-shared/crypto'
import { keySigner } from '../../../src-main/services/crypto/signer'
import { TimeStampAuthority } from '../../../src-gateway/tsa/authority'
import { trustedCheck, verifySigned } from '../../../src-shared/verify'
import { reportModel, reportText } from '../../../src-shared/verify/summary'
import { makeThrowawayTsa } from '../../support/throwaway-tsa'
import { DEMO, demoKey, file } from '../../support/crypto-helpers'

const dir = mkdtempSync(join(tmpdir(), 'arm-tsa-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const ossl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' })

const ours = makeThrowawayTsa(dir, 'demo')
const foreign = makeThrowawayTsa(dir, 'foreign')
// A minute from now, on a quarter second: after the throwaway certificates' notBefore, and the fraction shows in genTime.
const stampAt = Math.floor(Date.now() / 1000) * 1000 + 60_250
const clock = { now: () => stampAt }
const tsa = new TimeStampAuthority(file(ours.tsaCert), file(ours.tsaKey), [], clock)
const rogue = new TimeStampAuthority(file(foreign.tsaCert), file(foreign.tsaKey), [], clock)
const trust = createTrustStore({ production: [file(join(DEMO, 'root.crt')), ...splitPemBundle(file(ours.caPem))], intermediates: [file(join(DEMO, 'intermediate.crt'))] })
const content = new TextEncoder().encode('Анықтама № 17 — result document')
const operatorSigned = () => signCades({ content, signer: keySigner(demoKey('operator-sign')), signingTime: new Date(stampAt - 2000) })

describe('RFC 3161 tokens of the simulated НУЦ TSA', () => {
  it('openssl ts -verify accepts our response to an OpenSSL-made request (and refuses it for other data)', async () => {
    writeFileSync(join(dir, 'data.bin'), content)
    ossl('ts', '-query', '-data', 'data.bin', '-sha256', '-cert', '-out', 'req.tsq')
    const resp = await tsa.respond(file(join(dir, 'req.tsq')))
    writeFileSync(join(dir, 'resp.tsr'), resp)
    const ok = spawnSync('openssl', ['ts', '-verify', '-in', 'resp.tsr', '-queryfile', 'req.tsq', '-CAfile', ours.caPem, '-untrusted', ours.tsaCert], { cwd: dir, encoding: 'utf8' })
    expect(`${ok.stdout}${ok.stderr}`).toContain('Verification: OK')
    const text = ossl('ts', '-reply', '-in', 'resp.tsr', '-text').toString()
    expect(text).toContain('Status: Granted')
    expect(text).toMatch(/Time stamp: \w+ +\d+ \d\d:\d\d:\d\d\.25 \d{4} GMT/)
    writeFileSync(join(dir, 'other.bin'), 'another document')
    const bad = spawnSync('openssl', ['ts', '-verify', '-in', 'resp.tsr', '-data', 'other.bin', '-CAfile', ours.caPem, '-untrusted', ours.tsaCert], { cwd: dir, encoding: 'utf8' })
    expect(bad.status).not.toBe(0)
  })

  it('the signature-time-stamp token of a CAdES-T signature passes openssl ts -verify over the signature value', async () => {
    const cms = await tsa.stampCms(await operatorSigned())
    expect(hasSignatureTimeStamp(cms)).toBe(true)
    const report = await verifyCms({ cms, content, trust })
    writeFileSync(join(dir, 'sigvalue.bin'), signatureValuesOf(cms)[0])
    // The embedded token as it is, a bare ContentInfo (openssl ts -verify -token_in), over the signature value's bytes.
    writeFileSync(join(dir, 'token.der'), signatureTimeStampOf(cms)!)
    const r = spawnSync('openssl', ['ts', '-verify', '-token_in', '-in', 'token.der', '-data', 'sigvalue.bin', '-CAfile', ours.caPem, '-untrusted', ours.tsaCert], { cwd: dir, encoding: 'utf8' })
    expect(`${r.stdout}${r.stderr}`).toContain('Verification: OK')
    expect(report.indication).toBe('PASSED')
    expect(report.signatures[0].timestamp).toMatchObject({ status: 'valid', time: new Date(stampAt).toISOString(), authority: 'demo НУЦ TSA' })
  })
})

describe('CAdES-T verification', () => {
  it('the timestamp is added without touching the signed part; OpenSSL still verifies the CMS', async () => {
    const bes = await operatorSigned()
    const t = await tsa.stampCms(bes)
    expect(t.length).toBeGreaterThan(bes.length)
    expect(signatureValuesOf(t)[0]).toEqual(signatureValuesOf(bes)[0])
    expect(await tsa.stampCms(t)).toEqual(t) // already stamped: idempotent
    writeFileSync(join(dir, 'content.bin'), content)
    writeFileSync(join(dir, 't.p7s'), t)
    writeFileSync(join(dir, 'demo-ca.pem'), Buffer.concat([readFileSync(join(DEMO, 'root.crt')), readFileSync(join(DEMO, 'intermediate.crt'))]))
    const r = spawnSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', 't.p7s', '-content', 'content.bin', '-CAfile', 'demo-ca.pem', '-purpose', 'any', '-out', '/dev/null'], { cwd: dir, encoding: 'utf8' })
    expect(`${r.stdout}${r.stderr}`).toContain('Verification successful')
  })

  it('a signature without a timestamp is CAdES-BES: passes, with no timestamp in the report', async () => {
    const report = await verifyCms({ cms: await operatorSigned(), content, trust })
    expect(report.indication).toBe('PASSED')
    expect(report.signatures[0].timestamp).toBeUndefined()
  })

  it('a tampered token (one byte of the TSA signature flipped) fails with TSA_TOKEN_INVALID', async () => {
    const cms = await operatorSigned()
    const token = await tsa.token(createHash('sha256').update(signatureValuesOf(cms)[0]).digest())
    const bad = token.slice()
    bad[bad.length - 5] ^= 0x01 // inside the TSA's signature value (the last field)
    const report = await verifyCms({ cms: addSignatureTimeStamp(cms, bad), content, trust })
    expect(report.signatures[0]).toMatchObject({ indication: 'FAILED', errorCode: 'TSA_TOKEN_INVALID' })
  })

  it('a token issued for another signature fails with TSA_IMPRINT_MISMATCH', async () => {
    const other = await tsa.stampCms(await signCades({ content: new TextEncoder().encode('other'), signer: keySigner(demoKey('operator-sign')) }))
    const cms = await operatorSigned()
    // Move the other signature's token over: a real token from our TSA, but not over this signature value.
    const foreignToken = await tsa.token(createHash('sha256').update(signatureValuesOf(other)[0]).digest())
    const report = await verifyCms({ cms: addSignatureTimeStamp(cms, foreignToken), content, trust })
    expect(report.signatures[0]).toMatchObject({ indication: 'FAILED', subIndication: 'HASH_FAILURE', errorCode: 'TSA_IMPRINT_MISMATCH' })
  })

  it('a token from a TSA outside the trusted roots is INDETERMINATE with TSA_UNTRUSTED', async () => {
    const cms = await rogue.stampCms(await operatorSigned())
    const report = await verifyCms({ cms, content, trust })
    expect(report.signatures[0]).toMatchObject({ indication: 'INDETERMINATE', errorCode: 'TSA_UNTRUSTED' })
  })

  it('with the TSA down, stamping is refused with TSA_UNAVAILABLE and the RFC 3161 answer is a rejection', async () => {
    const down = new TimeStampAuthority(file(ours.tsaCert), file(ours.tsaKey), [], clock)
    down.available = false
    await expect(down.stampCms(await operatorSigned())).rejects.toMatchObject({ code: 'TSA_UNAVAILABLE' })
    const resp = await down.respond(await buildTimeStampRequest(content))
    expect(() => tokenOfResponse(resp)).toThrow(expect.objectContaining({ code: 'TSA_UNAVAILABLE' }))
    down.available = true
    expect(tokenOfResponse(await down.respond(await buildTimeStampRequest(content))).length).toBeGreaterThan(100)
  })
})

describe('the demo НУЦ TSA (resources/demo-pki/tsa.crt under the demo intermediate)', () => {
  it('stamps a signature that verifies as CAdES-T against the demo roots, and openssl ts -verify accepts its token', async () => {
    const demoTsa = new TimeStampAuthority(file(join(DEMO, 'tsa.crt')), file(join(DEMO, 'tsa.key.pem')), [file(join(DEMO, 'intermediate.crt'))], { now: () => Date.now() })
    const demoTrust = createTrustStore({ production: [file(join(DEMO, 'root.crt'))], intermediates: [file(join(DEMO, 'intermediate.crt'))] })
    const cms = await demoTsa.stampCms(await signCades({ content, signer: keySigner(demoKey('operator-sign')) }))
    const report = await verifyCms({ cms, content, trust: demoTrust, crls: [file(join(DEMO, 'intermediate.crl'))] })
    expect(report.indication).toBe('PASSED')
    expect(report.signatures[0].timestamp).toMatchObject({ status: 'valid', authority: expect.stringContaining('TSA') })
    writeFileSync(join(dir, 'demo-sigvalue.bin'), signatureValuesOf(cms)[0])
    writeFileSync(join(dir, 'demo-token.der'), signatureTimeStampOf(cms)!)
    writeFileSync(join(dir, 'demo-chain.pem'), Buffer.concat([readFileSync(join(DEMO, 'root.crt')), readFileSync(join(DEMO, 'intermediate.crt'))]))
    const r = spawnSync('openssl', ['ts', '-verify', '-token_in', '-in', 'demo-token.der', '-data', 'demo-sigvalue.bin', '-CAfile', 'demo-chain.pem'], { cwd: dir, encoding: 'utf8' })
    expect(`${r.stdout}${r.stderr}`).toContain('Verification: OK')
  })
})

describe('the verification report of a CAdES-T signature (verifySigned → reportModel)', () => {
  const check = trustedCheck({ trust })
  const held = (signature: Uint8Array) => verifySigned({ what: 'request', registrationNumber: 'GW-20261207-000001', document: content, signature }, { check })

  it('valid: CAdES-T, the timestamp is the best signature time, no NO_TIMESTAMP warning; the report says so in kk/ru', async () => {
    const v = await held(await tsa.stampCms(await operatorSigned()))
    expect(v.verdict).toBe('valid')
    expect(v.signatures[0]).toMatchObject({ level: 'CAdES-T', bestSignatureTime: new Date(stampAt).toISOString(), timestamp: { authority: 'demo НУЦ TSA' } })
    expect(v.warnings).not.toContain('NO_TIMESTAMP')
    expect(reportText(reportModel(v, 'kk'))).toContain('CAdES-T — НУЦ уақыт белгісімен')
    expect(reportText(reportModel(v, 'ru'))).toContain('CAdES-T — с меткой времени НУЦ')
    // the chain and the revocation check in the reader's words, never the verifier's codes
    const kk = reportText(reportModel(v, 'kk'))
    expect(kk).toMatch(/Сенім тізбегі: сенімді: /)
    expect(kk).not.toMatch(/\btrusted\b|\bgood\b|not-checked/)
    expect(reportText(reportModel(v, 'ru'))).toMatch(/: доверенная: /)
    const bes = await held(await operatorSigned())
    expect(bes.signatures[0].level).toBe('CAdES-BES')
    expect(bes.warnings).toContain('NO_TIMESTAMP')
  })

  it('a tampered token, a token of another signature, an untrusted TSA: coded verdicts with their texts', async () => {
    const cms = await operatorSigned()
    const token = signatureTimeStampOf(await tsa.stampCms(cms))!.slice()
    token[token.length - 5] ^= 0x01
    const tampered = await held(addSignatureTimeStamp(cms, token))
    expect([tampered.verdict, tampered.errorCode]).toEqual(['tampered', 'TSA_TOKEN_INVALID'])
    // (RSA PKCS#1 v1.5 is deterministic: another signature needs other signed bytes.)
    const other = signatureTimeStampOf(await tsa.stampCms(await signCades({ content: new TextEncoder().encode('another'), signer: keySigner(demoKey('operator-sign')) })))!
    const moved = await held(addSignatureTimeStamp(cms, other))
    expect([moved.verdict, moved.errorCode]).toEqual(['tampered', 'TSA_IMPRINT_MISMATCH'])
    const untrusted = await held(await rogue.stampCms(cms))
    expect([untrusted.verdict, untrusted.errorCode]).toEqual(['indeterminate', 'TSA_UNTRUSTED'])
    expect(reportText(reportModel(untrusted, 'ru'))).toContain('Метку времени выдала не доверенная служба времени НУЦ')
  })
})
