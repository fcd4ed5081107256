/**
 * The gateway's simulated НУЦ TSA on the real wiring (createGateway, SQLite, job runner): RFC 3161 over HTTP without a
 * login (OpenSSL's own query, OpenSSL's own verify), a signature-time-stamp for a desk's signature value, the
 * department's automatic answers signed CAdES-T, the operator's signature stamped on receipt — and with the TSA down,
 * CAdES-BES that the signature-timestamp job turns into CAdES-T once the TSA is back.
 */
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addSignatureTimeStamp, createTrustStore, hasSignatureTimeStamp, signatureValuesOf, splitPemBundle, verifyCms, type VerificationReport } from '../../../src-shared/crypto'
import { loadConfig } from '../../../src-gateway/config'
import { makeThrowawayTsa, type ThrowawayTsa } from '../../support/throwaway-tsa'
import { envelope, inProcessGateway, PASSWORDS, signedBody, signWith, sleep, tempDir } from '../../support/gateway-helpers'

const tmp = tempDir()
let pki: ThrowawayTsa
let g: ReturnType<typeof inProcessGateway>
let op = ''
let admin = ''
let n = 0
const inject: ReturnType<typeof inProcessGateway>['gw']['app']['inject'] = ((o: never) => g.gw.app.inject(o)) as never
const bearer = (t: string) => ({ authorization: `Bearer ${t}` })

beforeAll(async () => {
  pki = makeThrowawayTsa(tmp.dir, 'gw')
  const base = loadConfig({}, [])
  g = inProcessGateway({
    pki: { ...base.pki, roots: [...base.pki.roots, pki.caPem], tsa: { cert: pki.tsaCert, key: pki.tsaKey } },
    jobs: { pollMs: 50 },
  })
  await g.gw.app.ready()
  op = (await inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'operator1', password: PASSWORDS.operator } })).json().token
  admin = (await inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'admin', password: PASSWORDS.admin } })).json().token
})
afterAll(async () => {
  // The runner first (its 50 ms poll must not claim jobs from a store that is closing), then the gateway.
  await g?.gw.jobs.stop()
  await g?.close()
  tmp.cleanup()
})

const trust = () => createTrustStore({ production: [...g.cfg.pki.roots.map((p) => splitPemBundle(readFileSync(p))[0])], intermediates: g.cfg.pki.intermediates.map((p) => splitPemBundle(readFileSync(p))[0]) })

async function submit(serviceId: string, form: Record<string, string> = {}): Promise<string> {
  const body = await signedBody(envelope({ serviceId }, form))
  const reg = await inject({ method: 'POST', url: '/api/v1/requests', headers: { ...bearer(op), 'idempotency-key': `tsa-${++n}-${Date.now()}` }, payload: { envelope: body.envelope, signature: body.signature } })
  expect(reg.statusCode, reg.body).toBe(201)
  return reg.json().registrationNumber
}

async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 500; i++) {
    const v = await probe()
    if (v !== undefined) return v
    await sleep(20)
  }
  throw new Error(`timed out: ${what}`)
}

const record = (regNo: string) => g.gw.store.requestByRegNo(regNo)

async function checkT(cms: Uint8Array, content: Uint8Array): Promise<VerificationReport> {
  return verifyCms({ cms, content, trust: trust() })
}

/** A refusal of the land registry (no such plot): answered and signed by the department, no payment involved. */
const departmentRefusal = () => submit('land.ownership-info', { cadastralNumber: '99-999-999-999' })

describe('the НУЦ TSA in the gateway', () => {
  it('answers RFC 3161 over HTTP without a login; openssl ts -verify accepts the reply', async () => {
    writeFileSync(join(tmp.dir, 'data.bin'), 'a document')
    spawnSync('openssl', ['ts', '-query', '-data', 'data.bin', '-sha256', '-cert', '-out', 'q.tsq'], { cwd: tmp.dir })
    const res = await inject({ method: 'POST', url: '/pki/tsa', headers: { 'content-type': 'application/timestamp-query' }, payload: readFileSync(join(tmp.dir, 'q.tsq')) })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('application/timestamp-reply')
    writeFileSync(join(tmp.dir, 'r.tsr'), res.rawPayload)
    const v = spawnSync('openssl', ['ts', '-verify', '-in', 'r.tsr', '-queryfile', 'q.tsq', '-CAfile', pki.caPem, '-untrusted', pki.tsaCert], { cwd: tmp.dir, encoding: 'utf8' })
    expect(`${v.stdout}${v.stderr}`).toContain('Verification: OK')
    const garbage = await inject({ method: 'POST', url: '/pki/tsa', headers: { 'content-type': 'application/timestamp-query' }, payload: Buffer.from('not a request') })
    writeFileSync(join(tmp.dir, 'rejected.tsr'), garbage.rawPayload)
    expect(spawnSync('openssl', ['ts', '-reply', '-in', 'rejected.tsr', '-text'], { cwd: tmp.dir, encoding: 'utf8' }).stdout).toContain('Status: Rejected')
  })

  it('stamps a desk signature value (signed in): the token makes the CMS CAdES-T and verifies', async () => {
    const content = new TextEncoder().encode('decision')
    const cms = await signWith('specialist-sign', content)
    const imprint = createHash('sha256').update(signatureValuesOf(cms)[0]).digest('hex')
    expect((await inject({ method: 'POST', url: '/api/v1/tsa/token', payload: { imprint } })).statusCode).toBe(401)
    const res = await inject({ method: 'POST', url: '/api/v1/tsa/token', headers: bearer(op), payload: { imprint } })
    expect(res.statusCode, res.body).toBe(200)
    const stamped = addSignatureTimeStamp(cms, Buffer.from(res.json().token, 'base64'))
    const report = await checkT(stamped, content)
    expect(report.indication).toBe('PASSED')
    expect(report.signatures[0].timestamp).toMatchObject({ status: 'valid', authority: 'gw НУЦ TSA' })
  })

  it('the department signs CAdES-T, and the operator’s signature is stamped on receipt', async () => {
    const regNo = await departmentRefusal()
    const r = await until('department refusal', async () => {
      const x = await record(regNo)
      return x?.resultSignature && x.signature && hasSignatureTimeStamp(x.signature) ? x : undefined
    })
    expect(hasSignatureTimeStamp(r.resultSignature!)).toBe(true)
    const result = await checkT(r.resultSignature!, r.resultDocument!)
    expect(result.indication).toBe('PASSED')
    expect(result.signatures[0].timestamp?.status).toBe('valid')
    const request = await checkT(r.signature, r.envelope)
    expect(request.signatures[0].timestamp?.status).toBe('valid')
    // The trusted time is the best signature time: not before the signer's own claim (beyond the 1 s accuracy).
    expect(Date.parse(request.signatures[0].timestamp!.time!)).toBeGreaterThanOrEqual(Date.parse(request.signatures[0].signingTime!) - 1000)
  })

  it('with the TSA down: signing goes on as CAdES-BES, the desk gets TSA_UNAVAILABLE, and the timestamp follows when it is back', async () => {
    const set = (tsaDown: boolean) => inject({ method: 'PUT', url: '/api/v1/admin/faults', headers: bearer(admin), payload: { tsaDown } })
    expect((await set(true)).json()).toMatchObject({ tsaDown: true })
    try {
      const token = await inject({ method: 'POST', url: '/api/v1/tsa/token', headers: bearer(op), payload: { imprint: '0'.repeat(64) } })
      expect([token.statusCode, token.json().code]).toEqual([503, 'TSA_UNAVAILABLE'])
      const regNo = await departmentRefusal()
      const bes = await until('BES answer', async () => ((await record(regNo))?.resultSignature ? await record(regNo) : undefined))
      expect(hasSignatureTimeStamp(bes.resultSignature!)).toBe(false)
      expect(hasSignatureTimeStamp(bes.signature)).toBe(false)
      const report = await checkT(bes.resultSignature!, bes.resultDocument!)
      expect(report.indication).toBe('PASSED') // CAdES-BES is still a valid signature, only without a trusted time
      expect(report.signatures[0].timestamp).toBeUndefined()
      await sleep(300) // retries while down change nothing
      expect(hasSignatureTimeStamp((await record(regNo))!.resultSignature!)).toBe(false)
      await set(false)
      const t = await until('CAdES-T after the TSA is back', async () => {
        const x = await record(regNo)
        return x && hasSignatureTimeStamp(x.resultSignature!) && hasSignatureTimeStamp(x.signature) ? x : undefined
      })
      expect(signatureValuesOf(t.resultSignature!)[0]).toEqual(signatureValuesOf(bes.resultSignature!)[0])
      expect((await checkT(t.resultSignature!, t.resultDocument!)).signatures[0].timestamp?.status).toBe('valid')
    } finally {
      await set(false)
    }
  }, 30_000)
})
