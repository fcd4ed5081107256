/**
 * The preschool queue (002 S3) against the real gateway process: requests granted at the same moment by concurrent
 * decisions get distinct, gap-free positions per category (privileged categories and the general one counted apart),
 * on SQLite and on two instances sharing one PostgreSQL.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { catalog } from '../../src-shared/catalog'
import { findTemplate, sampleDocument } from '../../src-shared/results'
import { POSTGRES_SKIP_REASON, startPostgres, type ThrowawayPostgres } from '../support/postgres'
import { IIN, PASSWORDS, b64, envelope, login, loginIin, putOverHttp, signWith, signedBody, startGatewayProcess, uploadScans } from '../support/gateway-helpers'

type Gw = Awaited<ReturnType<typeof startGatewayProcess>>
const SERVICE = catalog.get('akimat.preschool-queue')
const CATEGORIES = ['none', 'large-family', 'none', 'orphan', 'none', 'large-family', 'none', 'none', 'large-family', 'none']

async function call(url: string, method: string, p: string, token: string, body?: unknown, headers: Record<string, string> = {}) {
  const r = await fetch(url + p, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}), ...headers }, body: body ? JSON.stringify(body) : undefined })
  return { status: r.status, json: (await r.json()) as Record<string, unknown> }
}

/** Submits one request per category, takes them all, then decides them all at once (spread over the given instances). */
async function grantConcurrently(urls: string[]): Promise<{ category: string; queue?: { category: string; position: number } }[]> {
  const op = await login(urls[0], 'operator1', PASSWORDS.operator)
  const sp = await Promise.all(urls.map((u) => loginIin(u, IIN.specialist, PASSWORDS.specialist)))
  await uploadScans(putOverHttp(urls[0], op))
  const regs = []
  for (const [i, category] of CATEGORIES.entries()) {
    const body = await signedBody(envelope({}, { privilegedCategory: category }))
    const r = await call(urls[0], 'POST', '/api/v1/requests', op, { envelope: body.envelope, signature: body.signature }, { 'idempotency-key': `queue-${i}-${Date.now()}` })
    expect(r.status, JSON.stringify(r.json)).toBe(201)
    regs.push({ category, requestId: r.json.requestId as string, registrationNumber: r.json.registrationNumber as string })
  }
  for (const r of regs) expect((await call(urls[0], 'POST', `/api/v1/inbox/${r.requestId}/take`, sp[0])).status).toBe(200)
  const sample = sampleDocument(SERVICE, findTemplate(SERVICE, 'queue-notice'))
  const decided = await Promise.all(
    regs.map(async (r, i) => {
      const bytes = Buffer.from(JSON.stringify({ ...sample, registrationNumber: r.registrationNumber }))
      const k = i % urls.length
      return call(urls[k], 'POST', `/api/v1/inbox/${r.requestId}/decision`, sp[k], { kind: 'result', payload: b64(bytes), signature: b64(await signWith('specialist-sign', bytes)) })
    }),
  )
  for (const d of decided) expect(d.json.status, JSON.stringify(d.json)).toBe('RESULT_READY')
  return Promise.all(regs.map(async (r) => ({ category: r.category, queue: (await call(urls[0], 'GET', `/api/v1/requests/${r.registrationNumber}`, op)).json.queue as { category: string; position: number } | undefined })))
}

function expectConsistent(rows: { category: string; queue?: { category: string; position: number } }[]): void {
  const byCategory = new Map<string, number[]>()
  for (const r of rows) {
    expect(r.queue).toBeDefined()
    expect(r.queue!.category).toBe(r.category === 'none' ? 'general' : r.category)
    byCategory.set(r.queue!.category, [...(byCategory.get(r.queue!.category) ?? []), r.queue!.position])
  }
  expect(Object.fromEntries([...byCategory].map(([c, ps]) => [c, ps.sort((a, b) => a - b)]))).toEqual({
    general: [1, 2, 3, 4, 5, 6],
    'large-family': [1, 2, 3],
    orphan: [1],
  })
}

describe('preschool queue positions under concurrent decisions', () => {
  let gw: Gw | undefined
  let pg: ThrowawayPostgres | undefined
  let blobs: string | undefined
  let shared: Gw[] = []
  beforeAll(async () => {
    // Everything starts at once: the SQLite gateway, and PostgreSQL with its two gateway instances.
    const startShared = async () => {
      if (POSTGRES_SKIP_REASON) return
      pg = await startPostgres()
      blobs = mkdtempSync(path.join(tmpdir(), 'arm-queue-blobs-'))
      const env = { GATEWAY_DB: pg.url, GATEWAY_BLOBS: blobs }
      shared = await Promise.all([startGatewayProcess(env), startGatewayProcess(env)])
    }
    ;[gw] = await Promise.all([startGatewayProcess(), startShared()])
  }, 120_000)
  afterAll(async () => {
    await Promise.all([gw?.stop(), ...shared.map((g) => g.stop())])
    await pg?.stop()
    if (blobs) rmSync(blobs, { recursive: true, force: true })
  })

  it('one gateway on SQLite: distinct, gap-free positions per category', async () => {
    expectConsistent(await grantConcurrently([gw!.url]))
  }, 60_000)

  it.skipIf(!!POSTGRES_SKIP_REASON)(`two instances on one PostgreSQL, decisions spread over both${POSTGRES_SKIP_REASON ? ` (skipped: ${POSTGRES_SKIP_REASON})` : ''}`, async () => {
    expectConsistent(await grantConcurrently(shared.map((g) => g.url)))
  }, 60_000)
})
