/**
 * The ЦОН counter against the gateway as a REAL process: the ЦОН's requests by state (keyset pages), opening and
 * printing a result with reprints that need a reason, the hand-over (→ ISSUED, a refusal keeps REFUSED) seen by another
 * desk of the ЦОН on the status feed, the §5.7 survey once per request and its report, and who may print what: the ЦОН's
 * own desks and ЦОН supervisor, the akimat supervisor of the region — not another ЦОН, not a specialist.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { IIN, PASSWORDS, envelope, login, loginIin, putOverHttp, signedBody, sleep, startGatewayProcess, uploadScans, type GatewayProcess } from '../support/gateway-helpers'

let gw: GatewayProcess
let op1: string
let desk2: string
let op2: string
let tsonSup: string
let akimatSup: string
let spec: string

const api = (path: string) => `${gw.url}/api/v1${path}`
const auth = (t: string) => ({ authorization: `Bearer ${t}` })
const get = async <T = Record<string, unknown>>(path: string, token: string) => {
  const r = await fetch(api(path), { headers: auth(token) })
  return { status: r.status, body: (await r.json()) as T }
}
const post = async <T = Record<string, unknown>>(path: string, token: string, body: unknown, headers: Record<string, string> = {}) => {
  const r = await fetch(api(path), { method: 'POST', headers: { ...auth(token), 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })
  return { status: r.status, body: (await r.json()) as T }
}

async function submit(serviceId: string, form: Record<string, string> = {}): Promise<string> {
  const env = envelope({ serviceId }, form)
  await uploadScans(putOverHttp(gw.url, op1), env)
  const b = await signedBody(env)
  const r = await post<{ registrationNumber: string }>('/requests', op1, { envelope: b.envelope, signature: b.signature }, { 'idempotency-key': `k-${env.envelopeId}` })
  expect(r.status).toBe(201)
  return r.body.registrationNumber
}

async function waitStatus(regNo: string, status: string): Promise<void> {
  let s = ''
  for (let i = 0; i < 100 && s !== status; i++) {
    await sleep(100)
    s = (await get<{ status: string }>(`/requests/${regNo}`, op1)).body.status
  }
  expect(s).toBe(status)
}

interface Item { registrationNumber: string; state: string; status: string; handedOverAt?: string; handedOverBy?: string; applicantMasked: string }

beforeAll(async () => {
  gw = await startGatewayProcess()
  op1 = await login(gw.url, 'operator1', PASSWORDS.operator)
  desk2 = await login(gw.url, 'operator1', PASSWORDS.operator)
  op2 = await login(gw.url, 'operator2', PASSWORDS.operator)
  tsonSup = await login(gw.url, 'tson-supervisor1', PASSWORDS.supervisor)
  akimatSup = await login(gw.url, 'supervisor1', PASSWORDS.supervisor)
  spec = await loginIin(gw.url, IIN.specialist, PASSWORDS.specialist)
}, 90_000)

afterAll(async () => {
  await gw?.stop()
})

describe('the ЦОН counter at the gateway', () => {
  let ready: string
  let refused: string
  let waiting: string

  it('lists the ЦОН’s requests by state, newest first, in keyset pages; another ЦОН sees none of them', async () => {
    ready = await submit('realty.rights-certificate')
    refused = await submit('land.cadastral-info', { cadastralNumber: '99-999-999-999' })
    waiting = await submit('akimat.preschool-queue')
    await waitStatus(ready, 'RESULT_READY')
    await waitStatus(refused, 'REFUSED')

    const all = await get<{ items: Item[] }>('/counter/results', op1)
    expect(all.status).toBe(200)
    const mine = all.body.items.map((i) => i.registrationNumber)
    expect(mine.slice(0, 3)).toEqual([waiting, refused, ready])
    expect(all.body.items.find((i) => i.registrationNumber === ready)).toMatchObject({ state: 'ready', status: 'RESULT_READY', applicantMasked: '8307******67' })
    expect((await get<{ items: Item[] }>('/counter/results?state=refused', op1)).body.items.map((i) => i.registrationNumber)).toEqual([refused])
    expect((await get<{ items: Item[] }>('/counter/results?state=waiting', op1)).body.items.map((i) => i.registrationNumber)).toEqual([waiting])

    const p1 = await get<{ items: Item[]; next?: string }>('/counter/results?limit=2', op1)
    expect(p1.body.items).toHaveLength(2)
    const p2 = await get<{ items: Item[]; next?: string }>(`/counter/results?limit=2&cursor=${p1.body.next}`, op1)
    expect([...p1.body.items, ...p2.body.items].map((i) => i.registrationNumber)).toEqual(mine.slice(0, 2 + p2.body.items.length))
    expect((await get(`/counter/results?cursor=garbage`, op1)).status).toBe(400)

    expect((await get<{ items: Item[] }>('/counter/results', op2)).body.items.map((i) => i.registrationNumber)).not.toContain(ready)
    expect((await get('/counter/results', spec)).status).toBe(403)
  }, 30_000)

  it('opens and prints the result; a reprint needs a reason and is recorded as one; the same for the ЦОН and akimat supervisors', async () => {
    const open = await get<{ result: { kind: string; signedBy: string }; prints: unknown[] }>(`/counter/results/${ready}`, op1)
    expect(open.status).toBe(200)
    expect(open.body.result).toMatchObject({ kind: 'result', signedBy: 'department' })
    expect(open.body.prints).toEqual([])

    expect(await post(`/counter/results/${ready}/prints`, op1, { document: 'result' })).toMatchObject({ status: 201, body: { reprint: false, by: 'Асанова Айгерим Серікқызы' } })
    expect(await post(`/counter/results/${ready}/prints`, op1, { document: 'result' })).toMatchObject({ status: 422, body: { code: 'COUNTER_REPRINT_REASON_REQUIRED' } })
    expect(await post(`/counter/results/${ready}/prints`, tsonSup, { document: 'result', reason: 'Бумага замялась' })).toMatchObject({ status: 201, body: { reprint: true, reason: 'Бумага замялась', by: 'Омарова Гүлнар' } })
    // The akimat supervisor of the region of the ЦОН (Astana) prints it too, with the same rule.
    expect((await get(`/counter/results/${ready}`, akimatSup)).status).toBe(200)
    expect(await post(`/counter/results/${ready}/prints`, akimatSup, { document: 'result', reason: 'Копия для проверки' })).toMatchObject({ status: 201, body: { reprint: true, by: 'Сапарова Динара' } })
    // The receipt is the ЦОН's paper: its first print is free, the akimat supervisor does not print it.
    expect(await post(`/counter/results/${ready}/prints`, op1, { document: 'receipt' })).toMatchObject({ status: 201, body: { document: 'receipt', reprint: false } })
    expect((await post(`/counter/results/${ready}/prints`, akimatSup, { document: 'receipt', reason: 'x y z' })).status).toBe(403)

    const after = await get<{ prints: { by: string; reprint: boolean; reason?: string; document: string }[] }>(`/counter/results/${ready}`, op1)
    expect(after.body.prints.map((p) => [p.document, p.reprint, p.by, p.reason ?? null])).toEqual([
      ['result', false, 'Асанова Айгерим Серікқызы', null],
      ['result', true, 'Омарова Гүлнар', 'Бумага замялась'],
      ['result', true, 'Сапарова Динара', 'Копия для проверки'],
      ['receipt', false, 'Асанова Айгерим Серікқызы', null],
    ])
    // Not visible: another ЦОН, a specialist, a result not yet decided.
    expect((await get(`/counter/results/${ready}`, op2)).status).toBe(404)
    expect((await get(`/counter/results/${ready}`, spec)).status).toBe(404)
    expect(await post(`/counter/results/${waiting}/prints`, op1, { document: 'result' })).toMatchObject({ status: 409, body: { code: 'GW_RESULT_NOT_READY' } })
  })

  it('hands over: → ISSUED with who and when, announced to another desk of the ЦОН; the survey once; a refusal keeps REFUSED', async () => {
    const since = (await get<{ cursor: string }>('/requests?since=0&limit=1000', desk2)).body.cursor
    expect(await post(`/counter/results/${waiting}/hand-over`, op1, {})).toMatchObject({ status: 409, body: { code: 'COUNTER_NOT_DECIDED' } })
    expect(await post(`/counter/results/${ready}/hand-over`, op1, { survey: { q1: 3 } })).toMatchObject({ status: 422, body: { code: 'COUNTER_SURVEY_INCOMPLETE' } })
    expect((await post(`/counter/results/${ready}/hand-over`, akimatSup, {})).status).toBe(403)
    expect((await post(`/counter/results/${ready}/hand-over`, op2, {})).status).toBe(404)

    const handed = await post<Item>(`/counter/results/${ready}/hand-over`, op1, { survey: { q1: 3, q2: 2 } })
    expect(handed.status).toBe(200)
    expect(handed.body).toMatchObject({ state: 'issued', status: 'ISSUED', handedOverBy: 'Асанова Айгерим Серікқызы' })
    expect(Date.parse(handed.body.handedOverAt!)).toBeGreaterThan(Date.now() - 60_000)
    expect(await post(`/counter/results/${ready}/hand-over`, op1, {})).toMatchObject({ status: 409, body: { code: 'COUNTER_ALREADY_HANDED_OVER' } })

    const refusal = await post<Item>(`/counter/results/${refused}/hand-over`, tsonSup, {})
    expect(refusal.body).toMatchObject({ state: 'issued', status: 'REFUSED', handedOverBy: 'Омарова Гүлнар' })
    expect((await get<{ status: string }>(`/requests/${refused}`, op1)).body.status).toBe('REFUSED')

    // Another desk of the same ЦОН learns both from the status feed (the SSE stream carries the same changes).
    const feed = (await get<{ items: { registrationNumber: string; status: string; note?: string }[] }>(`/requests?since=${since}`, desk2)).body.items
    expect(feed.map((c) => [c.registrationNumber, c.status, c.note])).toEqual([[ready, 'ISSUED', 'handed-over'], [refused, 'REFUSED', 'handed-over']])
    expect((await get<{ items: Item[] }>('/counter/results?state=issued', desk2)).body.items.map((i) => i.registrationNumber).slice(0, 2).sort()).toEqual([ready, refused].sort())
    expect((await get<{ survey: unknown }>(`/counter/results/${ready}`, desk2)).body.survey).toMatchObject({ q1: 3, q2: 2 })
  })

  it('reports the two §5.7 indicators per service and ЦОН to supervisors only', async () => {
    const today = new Date(Date.now() + 5 * 3_600_000).toISOString().slice(0, 10)
    const r = await get<{ rows: { serviceId: string; tsonId: string; n: number; quality: unknown; accessibility: unknown }[]; total: { n: number } }>(`/supervision/survey-report?from=${today}&to=${today}`, akimatSup)
    expect(r.status).toBe(200)
    expect(r.body.rows).toEqual([
      { serviceId: 'realty.rights-certificate', tsonId: 'tson-astana-1', n: 1, quality: { answers: [0, 0, 1], satisfiedPercent: 100 }, accessibility: { answers: [0, 1, 0], satisfiedPercent: 0 } },
    ])
    expect((await get<{ total: { n: number } }>(`/supervision/survey-report?from=${today}&to=${today}`, tsonSup)).body.total.n).toBe(1)
    expect((await get('/supervision/survey-report?from=2020-01-01&to=2020-01-02', akimatSup)).body).toMatchObject({ rows: [], total: { n: 0 } })
    expect((await get(`/supervision/survey-report?from=${today}&to=${today}`, op1)).status).toBe(403)
  })
})
