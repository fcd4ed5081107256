/**
 * GET /attachments/:sha256 and GET /supervision/summary against the real wiring (createGateway: SQLite file, shared
 * crypto verification, shared envelope codec): who may read a scan (byte-identical answer), who is refused with which
 * code, bad names, and the supervisor's counts with overdue requests decided by the shared working-day calendar.
 */
import type { InjectOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { catalog } from '../../../src-shared/catalog'
import { deadline } from '../../../src-shared/calendar'
import { SupervisionSummary } from '../../../src-shared/gateway/api'
import { IIN, PASSWORDS, envelope, inProcessGateway, pdf, putInProcess, sha256hex, signedBody, uploadScans } from '../../support/gateway-helpers'

type G = ReturnType<typeof inProcessGateway>
const clock = { t: Date.parse('2026-11-23T05:00:00Z'), now() { return this.t } }
let g: G

beforeAll(() => {
  g = inProcessGateway({}, clock)
})
afterAll(async () => {
  await g.close()
})

const inject = (opts: InjectOptions) => g.gw.app.inject(opts)
const bearer = (t: string) => ({ authorization: `Bearer ${t}` })
async function login(login: string, password: string): Promise<string> {
  const r = await inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login, password } })
  expect(r.statusCode).toBe(200)
  return r.json().token
}
async function loginIin(iin: string, password: string): Promise<string> {
  const r = await inject({ method: 'POST', url: '/api/v1/auth/login-iin', payload: { iin, password } })
  expect(r.statusCode).toBe(200)
  return r.json().token
}
const ALIEVA_SOCIAL = '900315440056'
let keyN = 0
async function submit(token: string, body: { envelope: string; signature: string }) {
  const r = await inject({ method: 'POST', url: '/api/v1/requests', headers: { ...bearer(token), 'idempotency-key': `att-get-${++keyN}-${Date.now()}` }, payload: body })
  expect(r.statusCode, r.body).toBe(201)
  return r.json() as { registrationNumber: string; requestId: string }
}
async function upload(token: string, bytes: Uint8Array, type: string) {
  const r = await inject({ method: 'PUT', url: `/api/v1/attachments/${sha256hex(bytes)}`, headers: { ...bearer(token), 'content-type': type }, payload: Buffer.from(bytes) })
  expect([200, 201]).toContain(r.statusCode)
  return r
}
const get = (token: string | null, name: string) => inject({ method: 'GET', url: `/api/v1/attachments/${name}`, headers: token ? bearer(token) : {} })

/** A small but real PNG (signature + IHDR + IDAT + IEND are not needed for the gateway's magic check; bytes matter). */
function png(seed: string): Uint8Array {
  const head = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
  return new Uint8Array([...head, ...new TextEncoder().encode(`scan ${seed} ${Math.random()}`)])
}

describe('GET /attachments/:sha256', () => {
  let op: string, op2: string, specialist: string, otherDept: string, supervisor: string, admin: string
  const scan = pdf('passport scan')
  const photo = png('photo')
  const uploadedOnly = pdf('uploaded, not yet sent')

  beforeAll(async () => {
    op = await login('operator1', PASSWORDS.operator)
    op2 = await login('operator2', PASSWORDS.operator)
    supervisor = await login('supervisor1', PASSWORDS.supervisor)
    admin = await login('admin', PASSWORDS.admin)
    specialist = await loginIin(IIN.specialist, PASSWORDS.specialist)
    otherDept = await loginIin(ALIEVA_SOCIAL, PASSWORDS.specialist)
    await upload(op, scan, 'application/pdf')
    await upload(op, photo, 'image/png')
    await upload(op, uploadedOnly, 'application/pdf')
    await uploadScans(putInProcess(g.gw.app, op))
    // akimat.preschool-queue is routed to akimat-astana-education (the specialist's and supervisor1's department).
    await submit(op, await signedBody(envelope({
      attachments: [
        { docType: 'identity-document', sha256: sha256hex(scan), size: scan.length, mediaType: 'application/pdf', pages: 1 },
        { docType: 'child-birth-certificate', sha256: sha256hex(photo), size: photo.length, mediaType: 'image/png', pages: 1 },
      ],
    }), 'operator-sign', new Date(clock.t)))
  })

  it('gives the referencing ЦОН and the routed department’s staff the identical bytes, inline and nosniff', async () => {
    for (const [who, token] of [['operator', op], ['specialist', specialist], ['supervisor', supervisor]] as const) {
      for (const [bytes, type] of [[scan, 'application/pdf'], [photo, 'image/png']] as const) {
        const r = await get(token, sha256hex(bytes))
        expect(r.statusCode, `${who} ${type}`).toBe(200)
        expect(r.headers['content-type']).toBe(type)
        expect(r.headers['content-disposition']).toBe('inline')
        expect(r.headers['x-content-type-options']).toBe('nosniff')
        expect(sha256hex(new Uint8Array(r.rawPayload))).toBe(sha256hex(bytes))
        expect(r.rawPayload.length).toBe(bytes.length)
      }
    }
  })

  it('lets the uploading ЦОН read a scan no request references yet, and nobody else', async () => {
    expect((await get(op, sha256hex(uploadedOnly))).statusCode).toBe(200)
    const r = await get(specialist, sha256hex(uploadedOnly))
    expect(r.statusCode).toBe(404)
    expect(r.json().code).toBe('GW_ATTACHMENT_MISSING')
  })

  it('to another ЦОН, another department and the admin a stored scan answers exactly as an unknown hash; anonymous callers get 401', async () => {
    const unknown = pdf('never uploaded by anyone')
    for (const token of [op2, otherDept, admin]) {
      const r = await get(token, sha256hex(scan))
      const missing = await get(token, sha256hex(unknown))
      expect(r.statusCode).toBe(404)
      expect(r.json().code).toBe('GW_ATTACHMENT_MISSING')
      expect(r.rawPayload.includes(Buffer.from('%PDF'))).toBe(false)
      // Same status, same body shape and text: nothing tells "exists, not yours" from "does not exist".
      expect(missing.statusCode).toBe(r.statusCode)
      expect({ ...r.json(), details: undefined }).toEqual({ ...missing.json(), details: undefined })
      const head = (sha: string) => inject({ method: 'HEAD', url: `/api/v1/attachments/${sha}`, headers: bearer(token) })
      expect((await head(sha256hex(scan))).statusCode).toBe(404)
      expect((await head(sha256hex(unknown))).statusCode).toBe(404)
    }
    const anon = await get(null, sha256hex(scan))
    expect(anon.statusCode).toBe(401)
    expect(anon.json().code).toBe('GW_UNAUTHENTICATED')
  })

  it('a PUT of bytes another ЦОН stored answers 201 as for new bytes, then 200 to the same caller, who may now read them', async () => {
    const theirs = pdf('stored by operator1 only')
    expect((await upload(op, theirs, 'application/pdf')).statusCode).toBe(201)
    expect((await upload(op, theirs, 'application/pdf')).statusCode).toBe(200) // operator1's own retry
    expect((await inject({ method: 'HEAD', url: `/api/v1/attachments/${sha256hex(theirs)}`, headers: bearer(op) })).statusCode).toBe(200)
    expect((await upload(op2, theirs, 'application/pdf')).statusCode).toBe(201) // nothing says operator1 had it
    expect((await upload(op2, theirs, 'application/pdf')).statusCode).toBe(200)
    expect((await get(op2, sha256hex(theirs))).statusCode).toBe(200)
  })

  it('answers an unknown hash with 404 GW_ATTACHMENT_MISSING', async () => {
    const r = await get(specialist, sha256hex(pdf('never uploaded')))
    expect(r.statusCode).toBe(404)
    expect(r.json().code).toBe('GW_ATTACHMENT_MISSING')
  })

  it.each([
    ['path traversal', '..%2F..%2Fetc%2Fpasswd'],
    ['encoded dot segments', '%2e%2e%2f%2e%2e%2fgw.sqlite'],
    ['upper-case hex', sha256hex(scan).toUpperCase()],
    ['short hash', sha256hex(scan).slice(0, 63)],
    ['hash with a suffix', `${sha256hex(scan)}.pdf`],
    ['non-hex', 'z'.repeat(64)],
  ])('refuses a bad name (%s) with a coded 4xx and no bytes', async (_label, name) => {
    const r = await get(op, name)
    expect(r.statusCode).toBeGreaterThanOrEqual(400)
    expect(r.statusCode).toBeLessThan(500)
    expect(['GW_BAD_REQUEST', 'GW_NOT_FOUND']).toContain(r.json().code)
  })

  it('is documented in /openapi.json', async () => {
    const doc = (await inject({ method: 'GET', url: '/openapi.json' })).json()
    const op = doc.paths['/api/v1/attachments/{sha256}'].get
    expect(Object.keys(op.responses['200'].content)).toEqual(expect.arrayContaining(['application/pdf', 'image/png']))
    expect(op.responses['4XX'].description).toContain('GW_ATTACHMENT_MISSING')
    expect(doc.paths['/api/v1/supervision/summary'].get.responses['200'].content['application/json'].schema).toBeTruthy()
  })
})

describe('GET /supervision/summary', () => {
  it('counts per status, department and ЦОН and turns open requests overdue exactly after the regulated deadline', async () => {
    const op = await login('operator1', PASSWORDS.operator)
    const summary = async () => {
      const r = await inject({ method: 'GET', url: '/api/v1/supervision/summary', headers: bearer(await login('supervisor1', PASSWORDS.supervisor)) })
      expect(r.statusCode, r.body).toBe(200)
      return SupervisionSummary.parse(r.json())
    }
    const before = await summary()
    const receivedAt = clock.t
    await submit(op, await signedBody(envelope({ serviceId: 'akimat.housing-queue' }), 'operator-sign', new Date(clock.t)))
    await submit(op, await signedBody(envelope({ serviceId: 'akimat.housing-queue' }), 'operator-sign', new Date(clock.t)))
    await submit(op, await signedBody(envelope(), 'operator-sign', new Date(clock.t)))
    const sp = await loginIin(IIN.specialist, PASSWORDS.specialist)
    const inbox = (await inject({ method: 'GET', url: '/api/v1/inbox', headers: bearer(sp) })).json().items as { requestId: string; status: string }[]
    const taken = inbox.find((i) => i.status === 'REGISTERED')
    expect(taken).toBeTruthy()
    expect((await inject({ method: 'POST', url: `/api/v1/inbox/${taken?.requestId}/take`, headers: bearer(sp), payload: {} })).statusCode).toBe(200)

    const now = await summary()
    const dept = (s: SupervisionSummary, id: string) => s.byDepartment.find((d) => d.departmentId === id)?.count ?? 0
    expect(dept(now, 'akimat-astana-social') - dept(before, 'akimat-astana-social')).toBe(2)
    expect(dept(now, 'akimat-astana-education') - dept(before, 'akimat-astana-education')).toBe(1)
    expect(now.total.count - before.total.count).toBe(3)
    expect(now.byStatus.reduce((n, s) => n + s.count, 0)).toBe(now.total.count)
    expect(now.byStatus.find((s) => s.status === 'IN_PROCESSING')?.count).toBeGreaterThanOrEqual(1)
    expect(now.byTson.find((t) => t.tsonId === 'tson-astana-1')?.count).toBe(now.total.count)
    expect(now.total.overdue).toBe(0)

    // The housing queue's regulated term, on the shared calendar, from the moment the gateway registered them.
    const due = deadline(new Date(receivedAt), catalog.find('akimat.housing-queue')!.terms.regulated).getTime()
    const dueEdu = deadline(new Date(receivedAt), catalog.find('akimat.preschool-queue')!.terms.regulated).getTime()
    clock.t = Math.min(due, dueEdu) - 60_000
    expect((await summary()).total.overdue).toBe(0)
    clock.t = Math.max(due, dueEdu) + 60_000
    const late = await summary()
    expect(late.total.overdue).toBe(late.total.open)
    expect(late.total.open).toBeGreaterThanOrEqual(3)
    expect(late.byDepartment.find((d) => d.departmentId === 'akimat-astana-social')?.overdue).toBe(dept(now, 'akimat-astana-social'))
    expect(late.byTson.find((t) => t.tsonId === 'tson-astana-1')?.overdue).toBe(late.total.overdue)
  })

  it('refuses specialists and operators with GW_FORBIDDEN and lets the admin read it', async () => {
    for (const token of [await login('operator1', PASSWORDS.operator), await loginIin(IIN.specialist, PASSWORDS.specialist)]) {
      const r = await inject({ method: 'GET', url: '/api/v1/supervision/summary', headers: bearer(token) })
      expect(r.statusCode).toBe(403)
      expect(r.json().code).toBe('GW_FORBIDDEN')
    }
    const r = await inject({ method: 'GET', url: '/api/v1/supervision/summary', headers: bearer(await login('admin', PASSWORDS.admin)) })
    expect(r.statusCode).toBe(200)
    expect(SupervisionSummary.safeParse(r.json()).success).toBe(true)
  })
})
