/**
 * The housing queue (issue 13 point 4, CATALOG §4.5.7) on the in-process gateway with its SQLite store and the demo
 * PKI's real keys: the social department's head registers a family by the housing commission's decision; the decision
 * No. and date are required in the signed result (a missing, malformed or future one is refused, nothing stored), kept
 * with the family's queue entry, answered in the request's status and printed on the «Уведомление».
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { InjectOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GatewayConfig, loadConfig } from '../../src-gateway/config'
import { createGateway } from '../../src-gateway/create'
import { ServiceCatalog } from '../../src-shared/catalog'
import { renderResultPdf } from '../../src-shared/print'
import { decisionBytes, parseDecisionBytes, type DecisionDocument } from '../../src-shared/results'
import { PASSWORDS, ROOT, b64, decisionFor, envelope, putInProcess, signWith, signedBody, uploadScans } from '../support/gateway-helpers'

const SOCIAL_HEAD = { iin: '690903324088', name: 'Төлегенов Асқар Қайратұлы', key: 'social-head-sign' }
const kzDay = (ms: number) => new Date(ms + 5 * 3600_000).toISOString().slice(0, 10)

describe('the housing commission’s decision with the housing queue entry', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gw-housing-'))
  const cfg: GatewayConfig = {
    ...loadConfig({}, []), db: join(dir, 'gw.sqlite'), logLevel: 'silent', automatedDelayMs: 10, registryPersons: 300,
    security: { rateLimit: { signInPerMinute: 100_000, challengesPerMinute: 100_000, uploadsPerMinute: 100_000 } },
  } as GatewayConfig
  const gw = createGateway(cfg, { logger: false })
  const inject = (o: InjectOptions) => gw.app.inject(o)
  const auth = (t: string) => ({ authorization: `Bearer ${t}` })
  let operator = ''
  let head = ''

  beforeAll(async () => {
    operator = (await inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'operator1', password: PASSWORDS.operator } })).json().token as string
    const r = await inject({ method: 'POST', url: '/api/v1/auth/login-iin', payload: { iin: SOCIAL_HEAD.iin, password: PASSWORDS.specialist } })
    expect(r.statusCode, r.body).toBe(200)
    head = r.json().token as string
  })
  afterAll(async () => {
    await gw.app.close()
    rmSync(dir, { recursive: true, force: true })
  })

  /** A large family's housing-queue request from the ЦОН, taken by the social department's head. */
  const taken = async () => {
    const env = envelope({ serviceId: 'akimat.housing-queue' }, { category: 'large-family' })
    await uploadScans(putInProcess(gw.app, operator), env)
    const body = await signedBody(env, 'operator-sign')
    const r = await inject({ method: 'POST', url: '/api/v1/requests', headers: { ...auth(operator), 'idempotency-key': `housing-${Math.random()}` }, payload: { envelope: body.envelope, signature: body.signature } })
    expect(r.statusCode, r.body).toBe(201)
    const out = r.json() as { requestId: string; registrationNumber: string }
    expect((await inject({ method: 'POST', url: `/api/v1/inbox/${out.requestId}/take`, headers: auth(head) })).statusCode).toBe(200)
    return out
  }
  const decide = async (requestId: string, doc: DecisionDocument) => {
    const bytes = decisionBytes(doc)
    return inject({ method: 'POST', url: `/api/v1/inbox/${requestId}/decision`, headers: auth(head), payload: { kind: 'result', payload: b64(bytes), signature: b64(await signWith(SOCIAL_HEAD.key, bytes)) } })
  }
  const status = async (regNo: string) => (await inject({ method: 'GET', url: `/api/v1/requests/${encodeURIComponent(regNo)}`, headers: auth(operator) })).json()

  it('refuses a registration without the decision No. or date, with a malformed No. or a date after today; stores a complete one with the queue entry', async () => {
    const { requestId, registrationNumber } = await taken()
    const sample = decisionFor(registrationNumber, { serviceId: 'akimat.housing-queue' }).doc
    const now = Date.now()
    const doc = (values: Record<string, unknown>): DecisionDocument => {
      const merged = { ...sample.values, ...values }
      for (const k of Object.keys(merged)) if (merged[k] === undefined) delete merged[k]
      return { ...sample, decidedAt: new Date(now).toISOString(), values: merged as DecisionDocument['values'], signer: { ...sample.signer, name: SOCIAL_HEAD.name, iin: SOCIAL_HEAD.iin } }
    }
    const refused = async (values: Record<string, unknown>, code: string, field: string) => {
      const r = await decide(requestId, doc(values))
      expect(r.statusCode, r.body).toBe(400)
      expect(r.json()).toMatchObject({ code })
      expect(JSON.stringify(r.json())).toContain(field)
    }
    await refused({ decisionNo: undefined }, 'RESULT_FIELD_MISSING', 'decisionNo')
    await refused({ decisionNo: '  ' }, 'RESULT_FIELD_MISSING', 'decisionNo')
    await refused({ decisionDate: undefined }, 'RESULT_FIELD_MISSING', 'decisionDate')
    await refused({ decisionNo: '№ 17; DROP' }, 'RESULT_FIELD_INVALID', 'decisionNo')
    await refused({ decisionDate: '20.11.2026' }, 'RESULT_FIELD_INVALID', 'decisionDate')
    await refused({ decisionDate: kzDay(now + 86_400_000) }, 'RESULT_FIELD_INVALID', 'decisionDate')
    // Nothing of the refused attempts was stored: still in processing, in no queue.
    const before = await status(registrationNumber)
    expect(before.status).toBe('IN_PROCESSING')
    expect(before.queue).toBeUndefined()

    const good = doc({ decisionNo: '17/2', decisionDate: kzDay(now) })
    const ok = await decide(requestId, good)
    expect(ok.statusCode, ok.body).toBe(200)
    expect(ok.json().status).toBe('RESULT_READY')
    const after = await status(registrationNumber)
    expect(after.queue).toEqual({ category: 'large-family', position: 1, commissionDecision: { number: '17/2', date: kzDay(now) } })

    // The result the ЦОН downloads is the signed document; printed, it names the commission's decision.
    const result = (await inject({ method: 'GET', url: `/api/v1/requests/${encodeURIComponent(registrationNumber)}/result`, headers: auth(operator) })).json()
    const stored = parseDecisionBytes(Buffer.from(result.document as string, 'base64'))
    expect(stored.values).toMatchObject({ decisionNo: '17/2', decisionDate: kzDay(now) })
    const fonts = { regular: new Uint8Array(readFileSync(join(ROOT, 'resources', 'fonts', 'DejaVuSans.ttf'))) }
    const pdf = await renderResultPdf({ doc: stored, lang: 'ru', verdict: { status: 'verified', signedAt: stored.decidedAt }, fonts, catalog: new ServiceCatalog() })
    writeFileSync(join(dir, 'notice.pdf'), pdf)
    const text = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', join(dir, 'notice.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')
    expect(text).toContain(`решением жилищной комиссии от ${kzDay(now).split('-').reverse().join('.')} года № 17/2, Вы поставлены на учет`)
    expect(text).toContain('Ваша очередь № ')
  })

  it('the next family of the category is the next in its list, with its own commission decision', async () => {
    const { requestId, registrationNumber } = await taken()
    const sample = decisionFor(registrationNumber, { serviceId: 'akimat.housing-queue' }).doc
    const r = await decide(requestId, { ...sample, decidedAt: new Date().toISOString(), values: { ...sample.values, decisionNo: '18', decisionDate: '2026-11-20' }, signer: { ...sample.signer, name: SOCIAL_HEAD.name, iin: SOCIAL_HEAD.iin } })
    expect(r.statusCode, r.body).toBe(200)
    expect((await status(registrationNumber)).queue).toEqual({ category: 'large-family', position: 2, commissionDecision: { number: '18', date: '2026-11-20' } })
  })
})
