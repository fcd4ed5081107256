/**
 * The authorised signer (issue 13 point 2) on the in-process gateway with the demo PKI's real certificates: the
 * specialist prepares, the head or the person with the right to sign signs; an employee's key, another organisation's
 * key and a signature over anything but the prepared contents are refused with coded errors; the prepared decision
 * survives a restart of the gateway on the same database.
 */
import type { InjectOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { parseCertificate } from '../../../src-shared/crypto'
import { decisionBytes, type DecisionDocument } from '../../../src-shared/results'
import { assertAuthorisedSigner } from '../../../src-gateway/intake/authorised-signer'
import { GatewayConfig, loadConfig } from '../../../src-gateway/config'
import { createGateway } from '../../../src-gateway/create'
import { IIN, PASSWORDS, b64, decisionFor, demoKey, envelope, putInProcess, signWith, signedBody, uploadScans } from '../../support/gateway-helpers'

const EDU_BIN = '940140000385'
const PEOPLE = {
  employee: '940512315205', // Жұмабаев Нұрсұлтан, employee policy
  head: '720419412038', // Мұқанова Сәуле, first head
  socialHead: '690903324088', // Төлегенов Асқар, first head of the social department
}

describe('the key-user policy of the demo PKI (what the gateway reads)', () => {
  it('heads carry 1.2.398.3.3.4.1.2.1, authorised people 1.2.398.3.3.4.1.2.2, staff 1.2.398.3.3.4.1.2.5, each with its organisation’s БИН', () => {
    const facts = (name: string) => parseCertificate(demoKey(name).certificate)
    expect(facts('education-head-sign')).toMatchObject({ bin: EDU_BIN, iin: PEOPLE.head, ncaRoles: ['legal-entity', 'head'] })
    expect(facts('specialist-sign')).toMatchObject({ bin: EDU_BIN, iin: IIN.specialist, ncaRoles: ['legal-entity', 'sign-right'] })
    expect(facts('supervisor-sign')).toMatchObject({ bin: EDU_BIN, ncaRoles: ['legal-entity', 'sign-right'] })
    expect(facts('education-specialist-sign')).toMatchObject({ bin: EDU_BIN, ncaRoles: ['legal-entity', 'employee'] })
    expect(facts('social-head-sign')).toMatchObject({ bin: '090340018475', ncaRoles: ['legal-entity', 'head'] })
    expect(facts('archive-head-auth')).toMatchObject({ bin: '990740022149', purposes: ['AUTH'], ncaRoles: ['legal-entity', 'head'] })
  })

  it('assertAuthorisedSigner: head and right to sign pass; employee, no policy, another БИН and no БИН are refused', () => {
    expect(() => assertAuthorisedSigner({ bin: EDU_BIN, roles: ['legal-entity', 'head'] }, [EDU_BIN])).not.toThrow()
    expect(() => assertAuthorisedSigner({ bin: EDU_BIN, roles: ['sign-right'] }, [EDU_BIN])).not.toThrow()
    expect(() => assertAuthorisedSigner({ bin: EDU_BIN, roles: ['legal-entity', 'employee'] }, [EDU_BIN])).toThrow(expect.objectContaining({ code: 'GW_SIGNER_NOT_AUTHORISED' }))
    expect(() => assertAuthorisedSigner({ bin: EDU_BIN }, [EDU_BIN])).toThrow(expect.objectContaining({ code: 'GW_SIGNER_NOT_AUTHORISED' }))
    expect(() => assertAuthorisedSigner({ bin: '090340018475', roles: ['head'] }, [EDU_BIN])).toThrow(expect.objectContaining({ code: 'GW_SIGNER_ORG_MISMATCH' }))
    expect(() => assertAuthorisedSigner({ roles: ['head'] }, [EDU_BIN])).toThrow(expect.objectContaining({ code: 'GW_SIGNER_ORG_MISMATCH' }))
  })
})

describe('prepare → review → sign at the gateway', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gw-signer-'))
  const cfg: GatewayConfig = {
    ...loadConfig({}, []), db: join(dir, 'gw.sqlite'), logLevel: 'silent', automatedDelayMs: 10, registryPersons: 300,
    security: { rateLimit: { signInPerMinute: 100_000, challengesPerMinute: 100_000, uploadsPerMinute: 100_000 } },
  } as GatewayConfig
  let gw = createGateway(cfg, { logger: false })
  const inject = (o: InjectOptions) => gw.app.inject(o)
  const auth = (t: string) => ({ authorization: `Bearer ${t}` })
  const tokens: Record<string, string> = {}
  const signIn = async (who: string, iin: string) => {
    const r = await inject({ method: 'POST', url: '/api/v1/auth/login-iin', payload: { iin, password: PASSWORDS.specialist } })
    expect(r.statusCode, r.body).toBe(200)
    tokens[who] = r.json().token as string
  }
  const op = async () => {
    const r = await inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'operator1', password: PASSWORDS.operator } })
    return r.json().token as string
  }
  /** A preschool-queue request from the ЦОН, taken by the education department's plain employee. */
  const filed = async () => {
    const token = await op()
    const env = envelope({ serviceId: 'akimat.preschool-queue' })
    await uploadScans(putInProcess(gw.app, token), env)
    const body = await signedBody(env, 'operator-sign')
    return inject({ method: 'POST', url: '/api/v1/requests', headers: { ...auth(token), 'idempotency-key': `signer-${Math.random()}` }, payload: { envelope: body.envelope, signature: body.signature } })
  }
  const taken = async () => {
    const r = await filed()
    expect(r.statusCode, r.body).toBe(201)
    const out = r.json() as { requestId: string; registrationNumber: string }
    expect((await inject({ method: 'POST', url: `/api/v1/inbox/${out.requestId}/take`, headers: auth(tokens.employee) })).statusCode).toBe(200)
    return out
  }
  const signedAs = (doc: DecisionDocument, name: string, iin: string): DecisionDocument => ({ ...doc, decidedAt: new Date().toISOString(), signer: { ...doc.signer, name, iin } })
  const decide = async (requestId: string, who: string, key: string, doc: DecisionDocument) => {
    const bytes = decisionBytes(doc)
    return inject({ method: 'POST', url: `/api/v1/inbox/${requestId}/decision`, headers: auth(tokens[who]), payload: { kind: 'result', payload: b64(bytes), signature: b64(await signWith(key, bytes)) } })
  }
  const prepare = (requestId: string, who: string, doc: DecisionDocument) =>
    inject({ method: 'POST', url: `/api/v1/inbox/${requestId}/prepared-decision`, headers: auth(tokens[who]), payload: { kind: 'result', payload: b64(decisionBytes(doc)) } })
  const inboxItem = async (who: string, requestId: string) =>
    ((await inject({ method: 'GET', url: '/api/v1/inbox', headers: auth(tokens[who]) })).json().items as { requestId: string; prepared?: { preparedBy: string; payload: string; kind: string } }[]).find((i) => i.requestId === requestId)

  beforeAll(async () => {
    await signIn('employee', PEOPLE.employee)
    await signIn('head', PEOPLE.head)
    await signIn('specialist', IIN.specialist)
    await signIn('socialHead', PEOPLE.socialHead)
  })
  afterAll(async () => {
    await gw.app.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('an employee’s own key cannot sign (GW_SIGNER_NOT_AUTHORISED); the employee prepares, the head sees it in the inbox and signs', async () => {
    const { requestId, registrationNumber } = await taken()
    const { doc } = decisionFor(registrationNumber)
    const own = await decide(requestId, 'employee', 'education-specialist-sign', signedAs(doc, 'Жұмабаев Нұрсұлтан', PEOPLE.employee))
    expect(own.statusCode, own.body).toBe(403)
    expect(own.json().code).toBe('GW_SIGNER_NOT_AUTHORISED')

    // Not the assignee and nothing prepared yet: the head cannot sign over the employee's unfinished work.
    expect((await decide(requestId, 'head', 'education-head-sign', signedAs(doc, 'Мұқанова Сәуле Болатқызы', PEOPLE.head))).json().code).toBe('GW_NOT_ASSIGNEE')
    // Only the assignee prepares.
    expect((await prepare(requestId, 'head', doc)).json().code).toBe('GW_NOT_ASSIGNEE')
    const prep = await prepare(requestId, 'employee', doc)
    expect(prep.statusCode, prep.body).toBe(200)
    expect(prep.json().prepared).toMatchObject({ kind: 'result', preparedBy: 'Жұмабаев Нұрсұлтан' })

    const seen = await inboxItem('head', requestId)
    expect(seen?.prepared).toMatchObject({ kind: 'result', preparedBy: 'Жұмабаев Нұрсұлтан', payload: b64(decisionBytes(doc)) })

    // The head signs something else than what was prepared: refused, nothing decided.
    const changed = { ...doc, values: { ...doc.values, queueNumber: 999 } }
    const other = await decide(requestId, 'head', 'education-head-sign', signedAs(changed, 'Мұқанова Сәуле Болатқызы', PEOPLE.head))
    expect(other.statusCode, other.body).toBe(409)
    expect(other.json().code).toBe('GW_PREPARED_DECISION_CHANGED')
    // Another department's head (wrong БИН, and the request does not even exist for them).
    expect((await decide(requestId, 'socialHead', 'social-head-sign', signedAs(doc, 'Төлегенов Асқар', PEOPLE.socialHead))).statusCode).toBe(404)

    const ok = await decide(requestId, 'head', 'education-head-sign', signedAs(doc, 'Мұқанова Сәуле Болатқызы', PEOPLE.head))
    expect(ok.statusCode, ok.body).toBe(200)
    expect(ok.json().status).toBe('RESULT_READY')
    const status = (await inject({ method: 'GET', url: `/api/v1/requests/${registrationNumber}`, headers: auth(tokens.head) })).json()
    expect(status.result).toMatchObject({ kind: 'result', signerIin: PEOPLE.head, signerBin: EDU_BIN })
    expect((await inboxItem('head', requestId))?.prepared).toBeUndefined()
  })

  it('the right-to-sign specialist holds both roles: takes, decides and signs himself', async () => {
    const r = await filed()
    const { requestId, registrationNumber } = r.json() as { requestId: string; registrationNumber: string }
    await inject({ method: 'POST', url: `/api/v1/inbox/${requestId}/take`, headers: auth(tokens.specialist) })
    const { doc } = decisionFor(registrationNumber)
    const ok = await decide(requestId, 'specialist', 'specialist-sign', signedAs(doc, 'Беков Ерлан', IIN.specialist))
    expect(ok.statusCode, ok.body).toBe(200)
  })

  it('a prepared decision survives a gateway restart and is then signed by the head', async () => {
    const { requestId, registrationNumber } = await taken()
    const { doc } = decisionFor(registrationNumber)
    expect((await prepare(requestId, 'employee', doc)).statusCode).toBe(200)
    // The job runner first: a pass still running would otherwise meet the closed database.
    await gw.jobs.stop()
    await gw.app.close()
    gw = createGateway(cfg, { logger: false })
    // Sessions live in the database too: the same tokens still work.
    expect((await inboxItem('head', requestId))?.prepared?.preparedBy).toBe('Жұмабаев Нұрсұлтан')
    const ok = await decide(requestId, 'head', 'education-head-sign', signedAs(doc, 'Мұқанова Сәуле Болатқызы', PEOPLE.head))
    expect(ok.statusCode, ok.body).toBe(200)
  })
})
