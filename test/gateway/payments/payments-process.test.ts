/**
 * The state duty survives the real gateway process being killed (issue 12): SIGKILL while POS payments are in flight,
 * restart on the same database, the desks retry with their transaction ids — every duty is paid exactly once and every
 * request answered; a duty left unpaid across the SIGKILL still expires (M8) when the test clock passes 24 hours.
 */
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { startGatewayProcess, type GatewayProcess } from '../../support/gateway-process'
import { envelope, leafPid, login, PASSWORDS, signedBody } from '../../support/gateway-helpers'

const dir = mkdtempSync(join(tmpdir(), 'arm-pay-kill-'))
const dbFile = join(dir, 'gateway.sqlite')
const env = { GATEWAY_AUTOMATED_DELAY_MS: '50', GATEWAY_TEST_CLOCK: '1', GATEWAY_JOB_LEASE_MS: '1000' }
let g: GatewayProcess | undefined

afterAll(async () => {
  await g?.stop()
  rmSync(dir, { recursive: true, force: true })
})

const json = async (r: Response) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> })
const get = (url: string, tok: string) => fetch(url, { headers: { authorization: `Bearer ${tok}` } }).then(json)
const post = (url: string, tok: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { authorization: `Bearer ${tok}`, 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }).then(json)

async function until(base: string, tok: string, regNo: string, status: string): Promise<{ status: string; statusHistory: { status: string }[] }> {
  for (let i = 0; i < 300; i++) {
    const s = (await get(`${base}/api/v1/requests/${regNo}`, tok)).body as { status: string; statusHistory: { status: string }[] }
    if (s.status === status) return s
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`${regNo} never reached ${status}`)
}

async function killHard(p: GatewayProcess): Promise<void> {
  process.kill(leafPid(p.process.pgid), 'SIGKILL')
  await p.stop()
}

describe('state duty across SIGKILL (real gateway process)', () => {
  it('pays every duty exactly once after a SIGKILL during payment, and expires an unpaid one after a restart', async () => {
    g = await startGatewayProcess({ dbFile, env })
    let op = await login(g.url, 'operator1', PASSWORDS.operator)
    const numbers: string[] = []
    for (let i = 0; i < 5; i++) {
      const body = await signedBody(envelope({ serviceId: 'zags.repeat-certificate', createdAt: new Date(Date.now() - 1000).toISOString() }, { certificateType: 'birth' }))
      const r = await post(`${g.url}/api/v1/requests`, op, { envelope: body.envelope, signature: body.signature }, { 'idempotency-key': `kill-${randomUUID()}` })
      expect(r.status).toBe(201)
      numbers.push(r.body.registrationNumber as string)
    }
    for (const n of numbers) await until(g.url, op, n, 'AWAITING_PAYMENT')
    const [unpaid, ...paying] = numbers

    // Four POS payments in flight; the gateway is killed while they run.
    const txIds = paying.map(() => randomUUID())
    const inFlight = paying.map((n, i) => post(`${g!.url}/api/v1/payments/${n}/pos`, op, { transactionId: txIds[i], amountTiyn: 432_500 }).catch(() => undefined))
    // Killed as soon as the first payment is answered, the others still in flight.
    await Promise.race(inFlight)
    await killHard(g)
    const before = await Promise.all(inFlight)
    const answeredBefore = before.map((b) => (b?.status === 200 ? b.body : undefined))
    expect(answeredBefore.filter(Boolean).length).toBeGreaterThanOrEqual(1)

    g = await startGatewayProcess({ dbFile, env })
    op = await login(g.url, 'operator1', PASSWORDS.operator)
    // The desks retry with the same transaction ids: each duty is paid once, whatever the kill interrupted.
    const retried = await Promise.all(paying.map((n, i) => post(`${g!.url}/api/v1/payments/${n}/pos`, op, { transactionId: txIds[i], amountTiyn: 432_500 })))
    expect(retried.map((r) => r.body.outcome)).toEqual(paying.map(() => 'paid'))
    // What was answered before the kill was committed: its retry is a duplicate with the same receipt.
    answeredBefore.forEach((b, i) => {
      if (b) expect(retried[i].body).toMatchObject({ duplicate: true, receiptNumber: b.receiptNumber })
    })
    for (const n of paying) {
      const s = await until(g.url, op, n, 'RESULT_READY')
      expect(s.statusHistory.map((h) => h.status)).toEqual(['REGISTERED', 'IN_PROCESSING', 'AWAITING_PAYMENT', 'IN_PROCESSING', 'RESULT_READY'])
      const pay = (await get(`${g.url}/api/v1/payments/${n}`, op)).body as { state: string; transactions: { outcome: string }[] }
      expect(pay.state).toBe('paid')
      expect(pay.transactions.map((t) => t.outcome)).toEqual(['paid'])
    }
    console.log(`payments answered before SIGKILL: ${answeredBefore.filter(Boolean).length}/${paying.length}; retried as duplicates: ${retried.filter((r) => r.body.duplicate).length}`)

    // The unpaid duty's expiry job was written by the killed process: this one runs it when 24 h have passed.
    const admin = await login(g.url, 'admin', PASSWORDS.admin)
    expect((await post(`${g.url}/api/v1/admin/test-clock`, admin, { advanceMs: 24 * 3600_000 + 1000 })).status).toBe(200)
    op = await login(g.url, 'operator1', PASSWORDS.operator)
    const expired = await until(g.url, op, unpaid, 'EXPIRED')
    expect(expired.statusHistory.at(-1)?.status).toBe('EXPIRED')
  }, 90_000)
})
