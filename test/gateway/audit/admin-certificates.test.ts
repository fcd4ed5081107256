/**
 * Certificates bound to accounts by the admin (issue 14 point 4) in the in-process gateway: binding checks the
 * certificate (AUTH, trusted, valid, the account's ИИН), one account per certificate, every bind and unbind in the
 * audit trail; ЭЦП sign-in finds the account by its bound certificate, and with the policy
 * `auth.requireBoundCertificate` refuses an unbound one (GW_CERT_NOT_BOUND) until the admin binds it.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AdminUser, AuditPage } from '../../../src-shared/gateway/admin-api'
import { b64, IIN, inProcessGateway, PASSWORDS, PKI, signWith } from '../../support/gateway-helpers'

type Gw = ReturnType<typeof inProcessGateway>
const pem = (name: string) => readFileSync(join(PKI, `${name}.crt`), 'utf8')

async function token(g: Gw, login: string, password: string): Promise<string> {
  const r = await g.gw.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login, password } })
  return r.json().token as string
}
async function ecp(g: Gw, key: string): Promise<{ statusCode: number; body: { code?: string; user?: { iin?: string; displayName?: string } } }> {
  const ch = (await g.gw.app.inject({ method: 'POST', url: '/api/v1/auth/challenge', payload: {} })).json()
  const cms = await signWith(key, Buffer.from(ch.challenge, 'base64'))
  const r = await g.gw.app.inject({ method: 'POST', url: '/api/v1/auth/ecp', payload: { challengeId: ch.challengeId, cms: b64(cms) } })
  return { statusCode: r.statusCode, body: r.json() }
}
const admin = (g: Gw, tok: string) => ({
  users: async () => (await g.gw.app.inject({ method: 'GET', url: '/api/v1/admin/users', headers: { authorization: `Bearer ${tok}` } })).json().items as AdminUser[],
  bind: (userId: string, certificate: string) =>
    g.gw.app.inject({ method: 'POST', url: `/api/v1/admin/users/${userId}/certificates`, headers: { authorization: `Bearer ${tok}`, 'x-arm-desk': 'admin-desk' }, payload: { certificate } }),
  unbind: (userId: string, fingerprint: string) =>
    g.gw.app.inject({ method: 'POST', url: `/api/v1/admin/users/${userId}/certificates/unbind`, headers: { authorization: `Bearer ${tok}` }, payload: { fingerprint } }),
})

describe('certificates bound to accounts', () => {
  let g: Gw
  let strict: Gw
  beforeAll(() => {
    g = inProcessGateway()
    strict = inProcessGateway({ auth: { requireBoundCertificate: true } })
  })
  afterAll(async () => {
    await g?.close()
    await strict?.close()
  })

  it('binds the operator’s AUTH certificate (PEM or base64 DER) with its holder, ИИН, validity and serial; audited; unbinds', async () => {
    const a = admin(g, await token(g, 'admin', PASSWORDS.admin))
    const op = (await a.users()).find((u) => u.login === 'operator1')!
    expect(op.certificates).toEqual([])
    const bound = await a.bind(op.id, pem('operator-auth'))
    expect(bound.statusCode, bound.body).toBe(200)
    const cert = (bound.json() as AdminUser).certificates[0]
    expect(cert.iin).toBe(IIN.operator)
    expect(cert.holderName).toMatch(/АСАНОВА|Асанова/i)
    expect(cert.serialHex).toMatch(/^[0-9a-f]+$/)
    expect(cert.notBefore).toBeLessThan(Date.now())
    expect(cert.notAfter).toBeGreaterThan(Date.now())
    expect((await a.users()).find((u) => u.id === op.id)?.certificates.map((c) => c.fingerprint)).toEqual([cert.fingerprint])

    // The same certificate cannot be bound twice (to anyone, here an account with no ИИН), whatever its encoding.
    const created = await g.gw.app.inject({
      method: 'POST', url: '/api/v1/admin/users', headers: { authorization: `Bearer ${await token(g, 'admin', PASSWORDS.admin)}` },
      payload: { login: 'cert-auditor', iin: null, password: 'Auditor#2026x', role: 'auditor', displayName: 'Тест Аудитор', tsonId: null, departmentId: null },
    })
    const der = pem('operator-auth').replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '')
    const twice = await a.bind((created.json() as AdminUser).id, der)
    expect(twice.json().code).toBe('ADMIN_CERT_BOUND_ELSEWHERE')
    expect(twice.statusCode).toBe(409)

    // Its ЭЦП sign-in lands in the account it is bound to.
    const signedIn = await ecp(g, 'operator-auth')
    expect(signedIn.statusCode).toBe(200)
    expect(signedIn.body.user?.iin).toBe(IIN.operator)

    const unbound = await a.unbind(op.id, cert.fingerprint)
    expect(unbound.statusCode).toBe(200)
    expect((unbound.json() as AdminUser).certificates).toEqual([])
    expect((await a.unbind(op.id, cert.fingerprint)).json().code).toBe('ADMIN_CERT_NOT_BOUND')

    const trail = (await g.gw.app.inject({ method: 'GET', url: '/api/v1/audit?limit=500', headers: { authorization: `Bearer ${await token(g, 'admin', PASSWORDS.admin)}` } })).json() as AuditPage
    const certEntries = trail.items.filter((e) => e.action.startsWith('admin.certificate-'))
    expect(certEntries.map((e) => e.action)).toEqual(['admin.certificate-bind', 'admin.certificate-unbind'])
    expect(JSON.parse(certEntries[0].detail)).toMatchObject({ userId: op.id, fingerprint: cert.fingerprint, serialHex: cert.serialHex })
    expect(certEntries[0].desk).toBe('admin-desk')
  })

  it('refuses a SIGN certificate, another person’s certificate for an account with an ИИН, and what is no certificate; only the admin binds', async () => {
    const a = admin(g, await token(g, 'admin', PASSWORDS.admin))
    const op = (await a.users()).find((u) => u.login === 'operator1')!
    expect((await a.bind(op.id, pem('operator-sign'))).json().code).toBe('CERT_WRONG_PURPOSE')
    expect((await a.bind(op.id, pem('operator2-auth'))).json().code).toBe('CERT_IIN_MISMATCH')
    expect((await a.bind(op.id, 'A'.repeat(200))).json().code).toBe('CERT_CORRUPT')
    const asOperator = admin(g, await token(g, 'operator1', PASSWORDS.operator))
    expect((await asOperator.bind(op.id, pem('operator-auth'))).statusCode).toBe(403)
    expect((await a.users()).find((u) => u.id === op.id)?.certificates).toEqual([])
  })

  it('with the policy “bound certificates only”, an unbound AUTH certificate does not sign in until the admin binds it', async () => {
    const refused = await ecp(strict, 'operator2-auth')
    expect(refused.body.code).toBe('GW_CERT_NOT_BOUND')
    expect(refused.statusCode).toBe(401)
    const a = admin(strict, await token(strict, 'admin', PASSWORDS.admin))
    const op2 = (await a.users()).find((u) => u.login === 'operator2')!
    expect((await a.bind(op2.id, pem('operator2-auth'))).statusCode).toBe(200)
    const ok = await ecp(strict, 'operator2-auth')
    expect(ok.statusCode).toBe(200)
    expect(ok.body.user?.displayName).toBe('Нұрланов Айдос')
  })
})
