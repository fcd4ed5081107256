/**
 * Fast in-process tests (fastify.inject) with the real wiring (createGateway: SQLite file, shared crypto verification
 * against the demo PKI and its CRL, shared envelope codec): sign-in and sessions, every refusal of intake, bad input,
 * registries, OpenAPI completeness.
 */
import Database from 'better-sqlite3'
import type { InjectOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isValidBin, isValidIin } from '../../src-shared/identity'
import { encodeEnvelope } from '../../src-shared/envelope'
import { DOCUMENTED_ROUTES } from '../../src-gateway/openapi'
import { ServiceCatalog } from '../../src-shared/catalog'
import { findTemplate, parseDecisionBytes, sampleDocument, type DecisionDocument } from '../../src-shared/results'
import { IIN, PASSWORDS, b64, decisionFor, envelope, inProcessGateway, pdf, putInProcess, sha256hex, signWith, signedBody, uploadScans } from '../support/gateway-helpers'

type G = ReturnType<typeof inProcessGateway>
const catalog = new ServiceCatalog()
const clock = { t: Date.now(), now() { return this.t } }
let g: G

beforeAll(() => {
  g = inProcessGateway({ auth: { sessionTtlMs: 3_600_000 } }, clock)
})
afterAll(async () => {
  await g.close()
})

const inject = (opts: InjectOptions) => g.gw.app.inject(opts)
async function loginToken(login: string, password: string): Promise<string> {
  const r = await inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login, password } })
  expect(r.statusCode).toBe(200)
  return r.json().token
}
const bearer = (t: string) => ({ authorization: `Bearer ${t}` })
let keyN = 0
const scansUploaded = new Set<string>()
async function submit(token: string, body: { envelope: string; signature: string }, key = `fuzz-key-${++keyN}-${Date.now()}`) {
  // Pattern-B requests carry the scans of their required documents: each caller's scope uploads them once.
  if (!scansUploaded.has(token)) await uploadScans(putInProcess(g.gw.app, token))
  scansUploaded.add(token)
  return inject({ method: 'POST', url: '/api/v1/requests', headers: { ...bearer(token), 'idempotency-key': key }, payload: body })
}

describe('sign-in', () => {
  it('throttles password failures with growing delays, never locks, and answers unknown names exactly alike', async () => {
    const bad = (login: string) => inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login, password: 'wrong' } })
    const pair = async () => [await bad('operator2'), await bad('no-such-login')]
    const same = (a: { statusCode: number; json(): unknown }, b: { statusCode: number; json(): unknown }) => {
      expect(b.statusCode).toBe(a.statusCode)
      expect(b.json()).toEqual(a.json())
    }
    // Three free failures, the fourth starts a 1 s wait — for an existing and an unknown name alike.
    for (let i = 0; i < 4; i++) {
      const [known, unknown] = await pair()
      expect(known.json().code).toBe('GW_BAD_CREDENTIALS')
      same(known, unknown)
    }
    const [k1, u1] = await pair()
    expect(k1.statusCode).toBe(429)
    expect(k1.json()).toMatchObject({ code: 'GW_LOGIN_THROTTLED', details: { retryAfterSeconds: 1 } })
    same(k1, u1)
    // Even the right password waits; the wait then doubles with the next failure (no 15-minute lock).
    expect((await inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'operator2', password: PASSWORDS.operator } })).json().code).toBe('GW_LOGIN_THROTTLED')
    clock.t += 1_001
    await pair()
    const [k2, u2] = await pair()
    expect(k2.json()).toMatchObject({ code: 'GW_LOGIN_THROTTLED', details: { retryAfterSeconds: 2 } })
    same(k2, u2)
    clock.t += 2_001
    expect((await inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'operator2', password: PASSWORDS.operator } })).statusCode).toBe(200)
  })

  it('unknown login and wrong password look the same; ИИН sign-in works for a specialist', async () => {
    const a = await inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'nobody', password: 'x' } })
    expect(a.statusCode).toBe(401)
    expect(a.json().code).toBe('GW_BAD_CREDENTIALS')
    const s = await inject({ method: 'POST', url: '/api/v1/auth/login-iin', payload: { iin: IIN.specialist, password: PASSWORDS.specialist } })
    expect(s.statusCode).toBe(200)
    expect(s.json().user).toMatchObject({ role: 'provider_specialist', departmentId: 'akimat-astana-education', iin: IIN.specialist })
  })

  it('sessions expire and end at logout', async () => {
    const t = await loginToken('operator1', PASSWORDS.operator)
    expect((await inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(t) })).statusCode).toBe(200)
    clock.t += 3_600_001
    const expired = await inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(t) })
    expect(expired.statusCode).toBe(401)
    expect(expired.json().code).toBe('GW_UNAUTHENTICATED')
    const t2 = await loginToken('operator1', PASSWORDS.operator)
    expect((await inject({ method: 'POST', url: '/api/v1/auth/logout', headers: bearer(t2) })).statusCode).toBe(200)
    expect((await inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(t2) })).statusCode).toBe(401)
    // Expired sessions are purged from the store.
    const t3 = await loginToken('operator1', PASSWORDS.operator)
    clock.t += 3_600_001
    expect(await g.gw.store.purgeExpired(clock.now())).toBeGreaterThanOrEqual(1)
    expect((await inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(t3) })).statusCode).toBe(401)
  })

  it('ЭЦП sign-in: a ≥256-bit challenge signed with the AUTH key, once, within 5 minutes', async () => {
    const ch = (await inject({ method: 'POST', url: '/api/v1/auth/challenge', payload: {} })).json()
    const bytes = Buffer.from(ch.challenge, 'base64')
    expect(bytes.length).toBeGreaterThanOrEqual(32)
    const cms = await signWith('operator-auth', bytes)
    const ok = await inject({ method: 'POST', url: '/api/v1/auth/ecp', payload: { challengeId: ch.challengeId, cms: b64(cms) } })
    expect(ok.statusCode).toBe(200)
    expect(ok.json().user).toMatchObject({ iin: IIN.operator, role: 'tson_operator', tsonId: 'tson-astana-1' })
    // The same challenge cannot sign in twice.
    const again = await inject({ method: 'POST', url: '/api/v1/auth/ecp', payload: { challengeId: ch.challengeId, cms: b64(cms) } })
    expect(again.json().code).toBe('GW_CHALLENGE_INVALID')

    // An attached CMS over the challenge is accepted too.
    const ch1 = (await inject({ method: 'POST', url: '/api/v1/auth/challenge', payload: {} })).json()
    const attached = await signWith('specialist-auth', Buffer.from(ch1.challenge, 'base64'), false)
    const okAttached = await inject({ method: 'POST', url: '/api/v1/auth/ecp', payload: { challengeId: ch1.challengeId, cms: b64(attached) } })
    expect(okAttached.json().user?.iin).toBe(IIN.specialist)

    // A SIGN key is not an AUTH key.
    const ch2 = (await inject({ method: 'POST', url: '/api/v1/auth/challenge', payload: {} })).json()
    const signKey = await inject({ method: 'POST', url: '/api/v1/auth/ecp', payload: { challengeId: ch2.challengeId, cms: b64(await signWith('operator-sign', Buffer.from(ch2.challenge, 'base64'))) } })
    expect(signKey.json().code).toBe('GW_CERT_NOT_AUTH')

    // A signature over other bytes fails.
    const ch3 = (await inject({ method: 'POST', url: '/api/v1/auth/challenge', payload: {} })).json()
    const other = await inject({ method: 'POST', url: '/api/v1/auth/ecp', payload: { challengeId: ch3.challengeId, cms: b64(await signWith('operator-auth', Buffer.from('something else'))) } })
    expect(other.json().code).toBe('GW_SIGNATURE_INVALID')

    // Expired after 5 minutes.
    const ch4 = (await inject({ method: 'POST', url: '/api/v1/auth/challenge', payload: {} })).json()
    clock.t += 5 * 60_000 + 1
    const late = await inject({ method: 'POST', url: '/api/v1/auth/ecp', payload: { challengeId: ch4.challengeId, cms: b64(await signWith('operator-auth', Buffer.from(ch4.challenge, 'base64'))) } })
    expect(late.json().code).toBe('GW_CHALLENGE_INVALID')
  })

  it('the NCA test key holder account works only in test-trust mode', async () => {
    const r = await inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'nca-test', password: PASSWORDS.operator } })
    expect(r.json().code).toBe('GW_BAD_CREDENTIALS')
    const t = inProcessGateway({ testTrust: true })
    try {
      const ok = await t.gw.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'nca-test', password: PASSWORDS.operator } })
      expect(ok.statusCode).toBe(200)
      expect(ok.json().user.iin).toBe('123456789011')
    } finally {
      await t.close()
    }
  })
})

describe('intake refusals', () => {
  let op: string
  beforeAll(async () => {
    op = await loginToken('operator1', PASSWORDS.operator)
  })

  it('accepts a valid envelope (baseline for the refusals below)', async () => {
    const r = await submit(op, await signedBody(envelope()))
    expect(r.statusCode).toBe(201)
  })

  it.each([
    ['variants/variant-revoked', 'GW_CERT_REVOKED'],
    ['variants/variant-expired', 'GW_CERT_EXPIRED'],
    ['variants/variant-notyet', 'GW_CERT_EXPIRED'],
    ['variants/variant-bad-checksum', 'GW_CERT_UNTRUSTED'],
    ['variants/variant-wrong-iin', 'GW_SIGNER_MISMATCH'],
    ['specialist-sign', 'GW_SIGNER_MISMATCH'],
  ])('refuses an envelope signed with %s: %s', async (key, code) => {
    const r = await submit(op, await signedBody(envelope(), key))
    expect(r.statusCode).toBeGreaterThanOrEqual(400)
    expect(r.statusCode).toBeLessThan(500)
    expect(r.json().code).toBe(code)
  })

  it('refuses a tampered envelope, a foreign signature, garbage CMS and an attached CMS over other bytes', async () => {
    const good = await signedBody(envelope())
    // Still canonical and schema-valid, one digit of createdAt changed: only the signature can tell.
    const tampered = Buffer.from(new TextDecoder().decode(good.bytes).replace('10:00:00.000Z', '10:00:01.000Z'))
    expect((await submit(op, { envelope: b64(tampered), signature: good.signature })).json().code).toBe('GW_SIGNATURE_INVALID')
    const other = await signedBody(envelope())
    expect((await submit(op, { envelope: good.envelope, signature: other.signature })).json().code).toBe('GW_SIGNATURE_INVALID')
    expect((await submit(op, { envelope: good.envelope, signature: b64(Buffer.from('not a cms')) })).json().code).toBe('GW_SIGNATURE_INVALID')
    const attachedOther = await signWith('operator-sign', other.bytes, false)
    expect((await submit(op, { envelope: good.envelope, signature: b64(attachedOther) })).json().code).toBe('GW_SIGNATURE_INVALID')
    expect((await submit(op, { envelope: good.envelope, signature: '' })).json().code).toBe('GW_SIGNATURE_MISSING')
    expect((await submit(op, { envelope: good.envelope } as never)).json().code).toBe('GW_SIGNATURE_MISSING')
  })

  it('refuses a non-canonical envelope even when it is signed', async () => {
    const env = envelope()
    const pretty = Buffer.from(JSON.stringify(JSON.parse(new TextDecoder().decode(encodeEnvelope(env))), null, 2))
    const r = await submit(op, { envelope: b64(pretty), signature: b64(await signWith('operator-sign', pretty)) })
    expect(r.statusCode).toBe(422)
    expect(r.json().code).toBe('GW_ENVELOPE_INVALID')
  })

  it('refuses a form that fails the catalogue schema, names another applicant, or a service not offered via the ЦОН', async () => {
    const bad = await submit(op, await signedBody(envelope({}, { childIin: '123' })))
    expect(bad.statusCode).toBe(422)
    expect(bad.json().code).toBe('GW_FORM_INVALID')
    expect(JSON.stringify(bad.json().details.issues)).toContain('childIin')
    const other = await submit(op, await signedBody(envelope({ applicant: { kind: 'person', iin: IIN.specialist } })))
    expect(other.json().code).toBe('GW_FORM_INVALID')
    const portalOnly = await submit(op, await signedBody(envelope({ serviceId: 'zags.marriage-application' })))
    expect(portalOnly.json().code).toBe('GW_FORM_INVALID')
  })

  it('refuses an envelope for another operator, another ЦОН, an unknown service or a missing attachment', async () => {
    expect((await submit(op, await signedBody(envelope({ operator: { iin: IIN.specialist } })))).json().code).toBe('GW_SIGNER_MISMATCH')
    expect((await submit(op, await signedBody(envelope({ tsonId: 'tson-semey-1' })))).json().code).toBe('GW_FORBIDDEN')
    expect((await submit(op, await signedBody(envelope({ serviceId: 'nosuch.service' })))).json().code).toBe('GW_SERVICE_UNKNOWN')
    const att = pdf('missing')
    const missing = await submit(op, await signedBody(envelope({ attachments: [...envelope().attachments, { docType: 'x', sha256: sha256hex(att), size: att.length, mediaType: 'application/pdf', pages: 1 }] })))
    expect(missing.statusCode).toBe(422)
    expect(missing.json().code).toBe('GW_ATTACHMENT_MISSING')
  })

  it('refuses a pattern-B request without the scan of a required document, naming the document in kk/ru/en', async () => {
    const full = envelope()
    expect(full.attachments.map((a) => a.docType).sort()).toEqual(['child-birth-certificate', 'identity-document'])
    const withoutBirth = full.attachments.filter((a) => a.docType !== 'child-birth-certificate')
    const r = await submit(op, await signedBody(envelope({ attachments: withoutBirth })))
    expect(r.statusCode).toBe(422)
    expect(r.json()).toMatchObject({ code: 'GW_REQUIRED_SCAN_MISSING', details: { docType: 'child-birth-certificate' } })
    const named = r.json().details.document
    expect(named.ru).toMatch(/рожден/i)
    expect(named.kk).toMatch(/туу/i)
    expect(named.en).toMatch(/birth/i)
    expect(r.json().message).toContain(named.ru)
    // A conditional document is required only when the form says so: a privileged category needs its proof.
    const privileged = envelope({}, { privilegedCategory: 'large-family' })
    expect(privileged.attachments.map((a) => a.docType)).toContain('privilege-document')
    const noProof = await submit(op, await signedBody(envelope({ attachments: privileged.attachments.filter((a) => a.docType !== 'privilege-document') }, { privilegedCategory: 'large-family' })))
    expect(noProof.json()).toMatchObject({ code: 'GW_REQUIRED_SCAN_MISSING', details: { docType: 'privilege-document' } })
    // A registry-answered (pattern A) service needs no scans; the same pattern-B request with its scans registers.
    expect(envelope({ serviceId: 'legal.gbdul-certificate' }).attachments).toEqual([])
    expect((await submit(op, await signedBody(privileged))).statusCode).toBe(201)
  })

  it('takes a walk-in request from a specialist for their own department only', async () => {
    const sp = (await inject({ method: 'POST', url: '/api/v1/auth/login-iin', payload: { iin: IIN.specialist, password: PASSWORDS.specialist } })).json().token
    const walkIn = (dept: string) => envelope({ channel: 'provider', tsonId: undefined, departmentId: dept, operator: { iin: IIN.specialist } })
    const ok = await submit(sp, await signedBody(walkIn('akimat-astana-education'), 'specialist-sign'))
    expect(ok.statusCode).toBe(201)
    const status = await inject({ method: 'GET', url: `/api/v1/requests/${ok.json().registrationNumber}`, headers: bearer(sp) })
    expect(status.json()).toMatchObject({ departmentId: 'akimat-astana-education', status: 'REGISTERED' })
    expect(status.json().tsonId).toBeUndefined()
    const foreign = await submit(sp, await signedBody(walkIn('akimat-astana-social'), 'specialist-sign'))
    expect(foreign.json().code).toBe('GW_FORBIDDEN')
  })

  it('needs an Idempotency-Key and a session', async () => {
    const body = await signedBody(envelope())
    const noKey = await inject({ method: 'POST', url: '/api/v1/requests', headers: bearer(op), payload: { envelope: body.envelope, signature: body.signature } })
    expect(noKey.json().code).toBe('GW_IDEMPOTENCY_KEY_REQUIRED')
    const noAuth = await inject({ method: 'POST', url: '/api/v1/requests', headers: { 'idempotency-key': 'abcdefgh1' }, payload: { envelope: body.envelope, signature: body.signature } })
    expect(noAuth.statusCode).toBe(401)
  })

  it('concurrent duplicates register once; concurrent different requests get distinct numbers', async () => {
    const body = await signedBody(envelope())
    const same = await Promise.all(Array.from({ length: 6 }, () => submit(op, body, 'concurrent-same-key-1')))
    expect(same.map((r) => r.statusCode)).toEqual(Array(6).fill(201))
    expect(new Set(same.map((r) => r.json().registrationNumber)).size).toBe(1)
    const bodies = await Promise.all(Array.from({ length: 6 }, () => signedBody(envelope())))
    const many = await Promise.all(bodies.map((b2) => submit(op, b2)))
    expect(new Set(many.map((r) => r.json().registrationNumber)).size).toBe(6)
    expect(await g.gw.log.verifyChain()).toMatchObject({ ok: true })
  })

  it('answers the original registration when the same signed envelope comes under a new key', async () => {
    const body = await signedBody(envelope())
    const a = await submit(op, body)
    const b = await submit(op, body)
    expect(a.statusCode).toBe(201)
    expect(b.statusCode).toBe(201)
    expect(b.json().registrationNumber).toBe(a.json().registrationNumber)
  })
})

describe('provider inbox roles', () => {
  it('take, already taken, supervisor assignment within the department only, decision only by the assignee', async () => {
    const op = await loginToken('operator1', PASSWORDS.operator)
    const sp = (await inject({ method: 'POST', url: '/api/v1/auth/login-iin', payload: { iin: IIN.specialist, password: PASSWORDS.specialist } })).json().token
    const sup = await loginToken('supervisor1', PASSWORDS.supervisor)
    const reg = (await submit(op, await signedBody(envelope()))).json()
    const spUser = (await inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(sp) })).json()
    // The specialist cannot assign; the supervisor cannot hand it to another department's specialist.
    expect((await inject({ method: 'POST', url: `/api/v1/inbox/${reg.requestId}/assign`, headers: bearer(sp), payload: { assigneeId: spUser.id } })).json().code).toBe('GW_FORBIDDEN')
    const social = (await g.gw.store.userByIin('900315440056'))!
    expect((await inject({ method: 'POST', url: `/api/v1/inbox/${reg.requestId}/assign`, headers: bearer(sup), payload: { assigneeId: social.id } })).json().code).toBe('GW_FORBIDDEN')
    const assigned = await inject({ method: 'POST', url: `/api/v1/inbox/${reg.requestId}/assign`, headers: bearer(sup), payload: { assigneeId: spUser.id } })
    expect(assigned.json()).toMatchObject({ status: 'IN_PROCESSING', assigneeId: spUser.id })
    // Someone else taking it now is refused.
    expect((await inject({ method: 'POST', url: `/api/v1/inbox/${reg.requestId}/take`, headers: bearer(sup) })).json().code).toBe('GW_ALREADY_TAKEN')
    const mine = (await inject({ method: 'GET', url: '/api/v1/inbox?mine=1&status=IN_PROCESSING', headers: bearer(sp) })).json()
    expect(mine.items.map((i: { requestId: string }) => i.requestId)).toContain(reg.requestId)
    // The supervisor's list names the assignee (the screens show the name, never the account id).
    const all = (await inject({ method: 'GET', url: '/api/v1/inbox?status=IN_PROCESSING', headers: bearer(sup) })).json()
    expect(all.items.find((i: { requestId: string }) => i.requestId === reg.requestId)).toMatchObject({ assigneeId: spUser.id, assigneeName: spUser.displayName })
    // A decision on a request that is not taken yet is refused.
    const reg2 = (await submit(op, await signedBody(envelope()))).json()
    const doc = decisionFor(reg2.registrationNumber).bytes
    const early = await inject({ method: 'POST', url: `/api/v1/inbox/${reg2.requestId}/decision`, headers: bearer(sp), payload: { kind: 'result', payload: b64(doc), signature: b64(await signWith('specialist-sign', doc)) } })
    expect(early.json().code).toBe('GW_INVALID_TRANSITION')
    // A signed document naming another request cannot be used for this one.
    const wrongDoc = decisionFor(reg2.registrationNumber).bytes
    const cross = await inject({ method: 'POST', url: `/api/v1/inbox/${reg.requestId}/decision`, headers: bearer(sp), payload: { kind: 'result', payload: b64(wrongDoc), signature: b64(await signWith('specialist-sign', wrongDoc)) } })
    expect(cross.json().code).toBe('GW_BAD_REQUEST')
  })
})

describe('decisions of the one schema (src-shared/results)', () => {
  it('the gateway checks a signed decision document against its template: a missing field, another service or kind is refused; a complete one is stored as signed', async () => {
    const op = await loginToken('operator1', PASSWORDS.operator)
    const sp = (await inject({ method: 'POST', url: '/api/v1/auth/login-iin', payload: { iin: IIN.specialist, password: PASSWORDS.specialist } })).json().token
    const reg = (await submit(op, await signedBody(envelope()))).json()
    expect((await inject({ method: 'POST', url: `/api/v1/inbox/${reg.requestId}/take`, headers: bearer(sp) })).statusCode).toBe(200)
    const service = catalog.get('akimat.preschool-queue')
    const sample = sampleDocument(service, findTemplate(service, 'queue-notice'))
    const good: DecisionDocument = { ...sample, registrationNumber: reg.registrationNumber }
    const decide = async (doc: unknown, kind = 'result') => {
      const bytes = Buffer.from(JSON.stringify(doc))
      return inject({ method: 'POST', url: `/api/v1/inbox/${reg.requestId}/decision`, headers: bearer(sp), payload: { kind, payload: b64(bytes), signature: b64(await signWith('specialist-sign', bytes)), ...(kind === 'refusal' ? { reason: 'words of the specialist' } : {}) } })
    }
    const { queueNo: _, ...missing } = good.values
    expect((await decide({ ...good, values: missing })).json().code).toBe('RESULT_FIELD_MISSING')
    expect((await decide({ ...good, templateId: 'no-such' })).json().code).toBe('RESULT_TEMPLATE_UNKNOWN')
    expect((await decide({ ...good, schema: 'arm.decision/1', kind: 'result', refusal: { code: 'M4', text: 'x' } })).json().code).toBe('RESULT_DOCUMENT_INVALID')
    expect((await decide({ ...good, serviceId: 'akimat.housing-queue', templateId: 'registration-notice' })).json().code).toBe('RESULT_FIELD_MISSING')
    expect((await decide(good, 'refusal')).json().code).toBe('GW_BAD_REQUEST')
    const refusal = sampleDocument(service, findTemplate(service, 'refusal-form'))
    expect((await decide({ ...refusal, registrationNumber: reg.registrationNumber, refusal: { code: 'M4', text: ' ' } }, 'refusal')).json().code).toBe('RESULT_REFUSAL_REASON_MISSING')
    // a new refusal gives its reason in Kazakh too: the Kazakh letter prints it
    expect((await decide({ ...refusal, registrationNumber: reg.registrationNumber, refusal: { code: 'M4', text: 'Документы не соответствуют Стандарту' } }, 'refusal')).json().code).toBe('RESULT_REFUSAL_REASON_KK_MISSING')
    // still in processing: nothing above was stored
    const ok = await decide(good)
    expect(ok.statusCode).toBe(200)
    expect(ok.json().status).toBe('RESULT_READY')
    const result = (await inject({ method: 'GET', url: `/api/v1/requests/${encodeURIComponent(reg.registrationNumber)}/result`, headers: bearer(op) })).json()
    expect(parseDecisionBytes(Buffer.from(result.document, 'base64'))).toEqual(good)
  })
})

describe('bad input is a coded 4xx, never a 500', () => {
  let op: string
  beforeAll(async () => {
    op = await loginToken('operator1', PASSWORDS.operator)
  })
  const cases: [string, () => InjectOptions, number, string][] = [
    ['malformed JSON', () => ({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"login":' }), 400, 'GW_MALFORMED_JSON'],
    ['wrong content type', () => ({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'text/plain' }, payload: 'login=x' }), 415, 'GW_UNSUPPORTED_MEDIA_TYPE'],
    ['oversized JSON', () => ({ method: 'POST', url: '/api/v1/requests', headers: { ...bearer(op), 'content-type': 'application/json', 'idempotency-key': 'big-body-1' }, payload: JSON.stringify({ envelope: 'A'.repeat(1_100_000), signature: 'A' }) }), 413, 'GW_PAYLOAD_TOO_LARGE'],
    ['oversized attachment', () => ({ method: 'PUT', url: `/api/v1/attachments/${'b'.repeat(64)}`, headers: { ...bearer(op), 'content-type': 'application/pdf' }, payload: Buffer.alloc(21 * 1024 * 1024) }), 413, 'GW_PAYLOAD_TOO_LARGE'],
    ['JSON array body', () => ({ method: 'POST', url: '/api/v1/requests', headers: { ...bearer(op), 'idempotency-key': 'arr-body-1' }, payload: [1, 2] }), 400, 'GW_BAD_REQUEST'],
    ['traversal in attachment name', () => ({ method: 'PUT', url: '/api/v1/attachments/..%2F..%2Fetc%2Fpasswd', headers: { ...bearer(op), 'content-type': 'application/pdf' }, payload: Buffer.from('x') }), 400, 'GW_BAD_REQUEST'],
    ['traversal in CRL name', () => ({ method: 'GET', url: '/pki/crl/..%2F..%2Fpackage.json' }), 404, 'GW_NOT_FOUND'],
    ['traversal in registration number', () => ({ method: 'GET', url: '/api/v1/requests/..%2F..%2Fetc%2Fpasswd', headers: bearer(op) }), 404, 'GW_NOT_FOUND'],
    ['traversal in ИИН', () => ({ method: 'GET', url: '/api/v1/registry/persons/..%2F..%2F', headers: bearer(op) }), 400, 'REGISTRY_BAD_KEY'],
    ['unknown route', () => ({ method: 'GET', url: '/api/v1/nope' }), 404, 'GW_NOT_FOUND'],
    ['OCSP garbage with wrong type', () => ({ method: 'POST', url: '/pki/ocsp', headers: { 'content-type': 'application/json' }, payload: '{}' }), 415, 'GW_UNSUPPORTED_MEDIA_TYPE'],
    ['bad fault config', () => ({ method: 'PUT', url: '/api/v1/admin/faults', headers: bearer(op), payload: { error5xxRate: 2 } }), 403, 'GW_FORBIDDEN'],
  ]
  it.each(cases)('%s', async (_name, req, status, code) => {
    const r = await inject(req())
    expect(r.statusCode).toBe(status)
    expect(r.json()).toMatchObject({ code, message: expect.any(String) })
  })

  it('an attachment whose bytes are not of its declared type is refused', async () => {
    const exe = Buffer.from('MZ\x90\x00 not a pdf')
    const r = await inject({ method: 'PUT', url: `/api/v1/attachments/${sha256hex(exe)}`, headers: { ...bearer(op), 'content-type': 'application/pdf' }, payload: exe })
    expect(r.statusCode).toBe(415)
    expect(r.json().code).toBe('GW_UNSUPPORTED_MEDIA_TYPE')
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('rest')])
    expect((await inject({ method: 'PUT', url: `/api/v1/attachments/${sha256hex(png)}`, headers: { ...bearer(op), 'content-type': 'image/png' }, payload: png })).statusCode).toBe(201)
  })

  it('an OCSP request that is not DER gets the RFC 6960 malformedRequest status', async () => {
    const r = await inject({ method: 'POST', url: '/pki/ocsp', headers: { 'content-type': 'application/ocsp-request' }, payload: Buffer.from('garbage') })
    expect(r.statusCode).toBe(200)
    expect(r.rawPayload.subarray(0, 5)).toEqual(Buffer.from([0x30, 0x03, 0x0a, 0x01, 0x01]))
  })
})

describe('registries', () => {
  let op: string
  beforeAll(async () => {
    op = await loginToken('operator1', PASSWORDS.operator)
  })
  const get = (url: string) => inject({ method: 'GET', url: `/api/v1/registry${url}`, headers: bearer(op) })

  it('ГБД ФЛ: the demo people with names in Kazakh and Russian; synthetic ИИН all pass the check digit', async () => {
    const p = (await get(`/persons/${IIN.operator}`)).json()
    expect(p.name.kk.firstName).toBe('Айгерім')
    expect(p.name.ru.firstName).toBe('Айгерим')
    const keys = g.gw.registry.sampleKeys(300)
    expect(keys.iins.length).toBeGreaterThan(100)
    expect(keys.iins.every((i) => isValidIin(i))).toBe(true)
    expect(keys.bins.every((b) => isValidBin(b))).toBe(true)
    const nf = await get('/persons/900102312343')
    expect(nf.statusCode).toBe(404)
    expect(nf.json().code).toBe('REGISTRY_PERSON_NOT_FOUND')
    expect(nf.json().message).toContain('ГБД ФЛ')
    expect(nf.json().details.text.kk).toBeTruthy()
    expect(nf.json().details.refusal).toMatchObject({ code: 'M3', text: { ru: expect.stringContaining('ГБД ФЛ') } })
    const bad = await get('/persons/830717350860')
    expect(bad.statusCode).toBe(400)
    expect(bad.json().code).toBe('REGISTRY_BAD_KEY')
  })

  it('ГБД ЮЛ: entity with head and founders whose ИИН are valid', async () => {
    const bin = g.gw.registry.sampleKeys(5).bins[1]
    const e = (await get(`/entities/${bin}`)).json()
    expect(isValidIin(e.head.iin)).toBe(true)
    expect(e.founders.length).toBeGreaterThan(0)
    expect(e.name.kk).toBeTruthy()
    expect(e.name.ru).toBeTruthy()
    expect((await get('/entities/940140000385')).json().name.ru).toContain('образования')
  })

  it('ЕНИС, ИС ЗАГС, ГБД РН, АИС ГЗК, archive answer, and "not found" carries the catalogue codes', async () => {
    const poa = await get(`/powers-of-attorney/POA-DEMO-1?agentIin=${IIN.operator}`)
    expect(poa.statusCode).toBe(200)
    expect((await get(`/powers-of-attorney/POA-DEMO-1?agentIin=${IIN.specialist}`)).json().code).toBe('REGISTRY_POA_NOT_FOUND')
    expect((await get(`/civil-acts?iin=${IIN.operator}&type=birth`)).json().items[0].type).toBe('birth')
    expect((await get(`/civil-acts?iin=${IIN.operator}&type=divorce`)).json().code).toBe('REGISTRY_CIVIL_ACT_NOT_FOUND')
    expect((await get(`/real-estate?iin=${IIN.operator}`)).json().items[0].cadastralNumber).toBe('21:320:001:001')
    expect((await get(`/real-estate?iin=${IIN.specialist}`)).json().code).toBe('REGISTRY_REAL_ESTATE_NOT_FOUND')
    expect((await get('/land-plots/01-011-004-256')).json().holders[0].iin).toBe(IIN.operator)
    expect((await get('/land-plots/99:999:999:999')).json().code).toBe('REGISTRY_LAND_PLOT_NOT_FOUND')
    expect((await get('/land-plots/not-a-number')).json().code).toBe('REGISTRY_BAD_KEY')
    expect((await get('/archive?query=стаж')).json().items.length).toBeGreaterThan(0)
    expect((await get(`/archive?iin=${IIN.specialist}`)).json().code).toBe('REGISTRY_ARCHIVE_NOT_FOUND')
  })
})

describe('message log', () => {
  it('a rewritten entry breaks the hash chain where it was changed', async () => {
    const op = await loginToken('operator1', PASSWORDS.operator)
    await submit(op, await signedBody(envelope()))
    expect(await g.gw.log.verifyChain()).toMatchObject({ ok: true })
    // Bypass the append-only triggers the way an attacker with file access would.
    const db = new Database(g.cfg.db)
    try {
      db.exec('DROP TRIGGER message_log_no_update')
      db.prepare('UPDATE message_log SET digest = ? WHERE seq = 2').run('f'.repeat(64))
    } finally {
      db.close()
    }
    expect(await g.gw.log.verifyChain()).toEqual({ ok: false, brokenAt: 2 })
  })
})

describe('OpenAPI', () => {
  it('documents every registered route, with schemas generated from the shared zod definitions', async () => {
    const registered = g.gw.routes.filter((r) => !r.startsWith('OPTIONS')).map((r) => r.replace(/^HEAD (.*)$/, 'HEAD $1'))
    // Fastify adds HEAD for every GET automatically; only explicit routes must be documented.
    const explicit = registered.filter((r) => !r.startsWith('HEAD ') || r.includes('/attachments/'))
    for (const r of new Set(explicit)) expect(DOCUMENTED_ROUTES).toContain(r)
    const doc = (await inject({ method: 'GET', url: '/openapi.json' })).json()
    const submitSchema = doc.paths['/api/v1/requests'].post.requestBody.content['application/json'].schema
    expect(submitSchema.required).toEqual(expect.arrayContaining(['envelope', 'signature']))
  })
})
