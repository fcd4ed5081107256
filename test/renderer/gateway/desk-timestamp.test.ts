/**
 * The desk's own CAdES-T (issue 17 point 4): the renderer's gateway/timestamp.ts, with the desk's real gateway client
 * over HTTP to the real gateway wiring (createGateway on SQLite, a throwaway НУЦ TSA), stamps the operator's signature
 * before it is queued: the CMS verifies with a valid timestamp, `openssl ts -verify` accepts the token for the
 * signature value, the gateway registers the request with the desk's token as it came. With the TSA down, with the
 * desk offline and with the gateway unreachable the signature stays CAdES-BES (never lost, never an error), and the
 * gateway's job stamps it once the TSA is back.
 */
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../../src-gateway/config'
import { Gateway } from '../../../src-renderer/gateway/client'
import { signatureLevel, withSignatureTimeStamp } from '../../../src-renderer/gateway/timestamp'
import { bytesEqual } from '../../../src-shared/bytes'
import { createTrustStore, hasSignatureTimeStamp, signatureTimeStampOf, signatureValuesOf, splitPemBundle, verifyCms } from '../../../src-shared/crypto'
import { envelope, inProcessGateway, PASSWORDS, putOverHttp, signedBody, sleep, tempDir, uploadScans } from '../../support/gateway-helpers'
import { makeThrowawayTsa, type ThrowawayTsa } from '../../support/throwaway-tsa'

const tmp = tempDir()
let pki: ThrowawayTsa
let g: ReturnType<typeof inProcessGateway>
/** A second gateway whose TSA certificate is outside the desk's roots (a misconfigured or foreign TSA). */
let foreign: ReturnType<typeof inProcessGateway>
let foreignUrl = ''
let url = ''
let op = ''
let admin = ''
let client: Gateway

beforeAll(async () => {
  pki = makeThrowawayTsa(tmp.dir, 'foreign')
  const base = loadConfig({}, [])
  // The demo НУЦ TSA (resources/demo-pki/tsa.crt under the demo НУЦ), as the product runs.
  g = inProcessGateway({ jobs: { pollMs: 50 } })
  await g.gw.app.listen({ port: 0, host: '127.0.0.1' })
  url = `http://127.0.0.1:${(g.gw.app.server.address() as AddressInfo).port}`
  foreign = inProcessGateway({ pki: { ...base.pki, tsa: { cert: pki.tsaCert, key: pki.tsaKey } } })
  await foreign.gw.app.listen({ port: 0, host: '127.0.0.1' })
  foreignUrl = `http://127.0.0.1:${(foreign.gw.app.server.address() as AddressInfo).port}`
  const login = async (login: string, password: string) => ((await (await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password }) })).json()) as { token: string }).token
  op = await login('operator1', PASSWORDS.operator)
  admin = await login('admin', PASSWORDS.admin)
  client = new Gateway({ baseUrl: () => url, token: () => op })
})
afterAll(async () => {
  await g?.gw.jobs.stop()
  await foreign?.gw.jobs.stop()
  await g?.close()
  await foreign?.close()
  tmp.cleanup()
})

const accept = (content: Uint8Array) => async (cms: Uint8Array) => (await verifyCms({ cms, content, trust: trust() })).signatures.every((s) => s.timestamp?.status === 'valid')
const trust = () => createTrustStore({ production: g.cfg.pki.roots.map((p) => splitPemBundle(readFileSync(p))[0]), intermediates: g.cfg.pki.intermediates.map((p) => splitPemBundle(readFileSync(p))[0]) })
const faults = (tsaDown: boolean) => fetch(`${url}/api/v1/admin/faults`, { method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` }, body: JSON.stringify({ tsaDown }) })
let n = 0
/** The operator's signed envelope with its scans uploaded, as the desk's outbox would send it. */
async function signedRequest() {
  const env = envelope()
  await uploadScans(putOverHttp(url, op), env)
  return signedBody(env)
}
async function submit(body: { envelope: string }, signature: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/requests`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${op}`, 'idempotency-key': `desk-tsa-${++n}-${Date.now()}` }, body: JSON.stringify({ envelope: body.envelope, signature }) })
  expect(res.status, await res.clone().text()).toBe(201)
  return ((await res.json()) as { registrationNumber: string }).registrationNumber
}

describe('the desk stamps its own signatures (CAdES-T)', () => {
  it('online: the operator’s CMS leaves the desk CAdES-T, OpenSSL accepts the token, the gateway keeps it as sent', async () => {
    const body = await signedRequest()
    expect(signatureLevel(body.signature)).toBe('CAdES-BES')
    const stamped = await withSignatureTimeStamp(client, body.signature, { accept: accept(body.bytes) })
    expect(signatureLevel(stamped)).toBe('CAdES-T')
    const cms = new Uint8Array(Buffer.from(stamped, 'base64'))
    // Only the unsigned attributes grew: the signature value is the one main made.
    expect(bytesEqual(signatureValuesOf(cms)[0], signatureValuesOf(new Uint8Array(Buffer.from(body.signature, 'base64')))[0])).toBe(true)
    const report = await verifyCms({ cms, content: body.bytes, trust: trust() })
    expect(report.indication).toBe('PASSED')
    expect(report.signatures[0].timestamp).toMatchObject({ status: 'valid' })

    const token = signatureTimeStampOf(cms)!
    writeFileSync(join(tmp.dir, 'desk.tst'), token)
    const digest = createHash('sha256').update(signatureValuesOf(cms)[0]).digest('hex')
    writeFileSync(join(tmp.dir, 'nuc.pem'), Buffer.concat(g.cfg.pki.roots.concat(g.cfg.pki.intermediates).map((p) => readFileSync(p))))
    const v = spawnSync('openssl', ['ts', '-verify', '-token_in', '-in', 'desk.tst', '-digest', digest, '-CAfile', 'nuc.pem', '-untrusted', g.cfg.pki.tsa!.cert], { cwd: tmp.dir, encoding: 'utf8' })
    expect(`${v.stdout}${v.stderr}`).toContain('Verification: OK')

    const regNo = await submit(body, stamped)
    await sleep(300) // the gateway's job would restamp a CAdES-BES: this one it leaves as the desk sent it
    expect(bytesEqual((await g.gw.store.requestByRegNo(regNo))!.signature, cms)).toBe(true)
  })

  it('TSA down, an untrusted TSA, desk offline, gateway unreachable: CAdES-BES as signed, at once; the gateway stamps it later', async () => {
    const body = await signedRequest()
    expect((await faults(true)).status).toBe(200)
    try {
      expect(await withSignatureTimeStamp(client, body.signature, { accept: accept(body.bytes) })).toBe(body.signature)
    } finally {
      await faults(false)
    }
    // A token from a TSA outside the desk's roots: the gateway would refuse the request (TSA_UNTRUSTED), so it is not attached.
    const foreignOp = ((await (await fetch(`${foreignUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'operator1', password: PASSWORDS.operator }) })).json()) as { token: string }).token
    const foreignClient = new Gateway({ baseUrl: () => foreignUrl, token: () => foreignOp })
    expect(signatureLevel(await withSignatureTimeStamp(foreignClient, body.signature))).toBe('CAdES-T') // without the check it would be
    expect(await withSignatureTimeStamp(foreignClient, body.signature, { accept: accept(body.bytes) })).toBe(body.signature)
    let asked = 0
    const counting = { call: ((...a: Parameters<Gateway['call']>) => (asked++, client.call(...a))) as Gateway['call'] }
    expect(await withSignatureTimeStamp(counting, body.signature, { offline: () => true })).toBe(body.signature)
    expect(asked).toBe(0) // offline: the desk does not even ask
    const nowhere = new Gateway({ baseUrl: () => 'http://127.0.0.1:9', token: () => op })
    const t0 = Date.now()
    expect(await withSignatureTimeStamp(nowhere, body.signature)).toBe(body.signature)
    expect(Date.now() - t0).toBeLessThan(6000)
    expect(signatureLevel('not a cms')).toBeUndefined()

    // The BES request is accepted and turned into CAdES-T by the gateway's signature-timestamp job.
    const regNo = await submit(body, body.signature)
    for (let i = 0; i < 200 && !hasSignatureTimeStamp((await g.gw.store.requestByRegNo(regNo))!.signature); i++) await sleep(25)
    expect(hasSignatureTimeStamp((await g.gw.store.requestByRegNo(regNo))!.signature)).toBe(true)
  })
})
