/**
 * Fault injection against the real process (sockets matter here): started from a config file, then switched by the
 * admin endpoint — 503s, 429 with Retry-After, connection resets, latency, and a response dropped after the commit
 * whose outcome the client recovers by replaying its idempotency key.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PASSWORDS, envelope, login, putOverHttp, signedBody, startGatewayProcess, tempDir, uploadScans, type GatewayProcess } from '../../support/gateway-helpers'

let gw: GatewayProcess
let admin: string
let op: string
const t = tempDir()

beforeAll(async () => {
  const cfg = join(t.dir, 'gateway.json')
  // Faults are off by default; the config file sets only Retry-After so the test can see the file was read.
  writeFileSync(cfg, JSON.stringify({ faults: { retryAfterSeconds: 7 }, automatedDelayMs: 50 }))
  gw = await startGatewayProcess({ GATEWAY_CONFIG: cfg })
  admin = await login(gw.url, 'admin', PASSWORDS.admin)
  op = await login(gw.url, 'operator1', PASSWORDS.operator)
}, 90_000)

afterAll(async () => {
  await gw?.stop()
  t.cleanup()
})

const setFaults = (f: Record<string, number>) =>
  fetch(`${gw.url}/api/v1/admin/faults`, { method: 'PUT', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: JSON.stringify(f) })
const me = () => fetch(`${gw.url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${op}` } })

describe('fault injection', () => {
  it('is off by default and read from the config file', async () => {
    const f = await (await fetch(`${gw.url}/api/v1/admin/faults`, { headers: { authorization: `Bearer ${admin}` } })).json()
    expect(f).toEqual({ latencyMs: 0, error5xxRate: 0, rateLimitRate: 0, retryAfterSeconds: 7, dropAfterCommitRate: 0, resetRate: 0, tsaDown: false })
    expect((await me()).status).toBe(200)
    // Only an admin may change it.
    const r = await fetch(`${gw.url}/api/v1/admin/faults`, { method: 'PUT', headers: { authorization: `Bearer ${op}`, 'content-type': 'application/json' }, body: '{"error5xxRate":1}' })
    expect(r.status).toBe(403)
  })

  it('answers 503 GW_UNAVAILABLE, then 429 GW_RATE_LIMITED with Retry-After', async () => {
    expect((await setFaults({ error5xxRate: 1 })).status).toBe(200)
    const a = await me()
    expect(a.status).toBe(503)
    expect(((await a.json()) as { code: string }).code).toBe('GW_UNAVAILABLE')
    await setFaults({ error5xxRate: 0, rateLimitRate: 1 })
    const b = await me()
    expect(b.status).toBe(429)
    expect(b.headers.get('retry-after')).toBe('7')
    expect(((await b.json()) as { code: string }).code).toBe('GW_RATE_LIMITED')
    await setFaults({ rateLimitRate: 0 })
    expect((await me()).status).toBe(200)
  })

  it('resets connections', async () => {
    await setFaults({ resetRate: 1 })
    await expect(me()).rejects.toThrow()
    await setFaults({ resetRate: 0 })
    expect((await me()).status).toBe(200)
  })

  it('adds latency', async () => {
    await setFaults({ latencyMs: 400 })
    const t0 = performance.now()
    expect((await me()).status).toBe(200)
    expect(performance.now() - t0).toBeGreaterThanOrEqual(380)
    await setFaults({ latencyMs: 0 })
  })

  it('drops the answer after the commit; the replay with the same key returns the registration', async () => {
    await setFaults({ dropAfterCommitRate: 1 })
    const env = envelope()
    await uploadScans(putOverHttp(gw.url, op), env)
    const body = await signedBody(env)
    const post = () =>
      fetch(`${gw.url}/api/v1/requests`, {
        method: 'POST',
        headers: { authorization: `Bearer ${op}`, 'content-type': 'application/json', 'idempotency-key': 'drop-test-key-1' },
        body: JSON.stringify({ envelope: body.envelope, signature: body.signature }),
      })
    await expect(post()).rejects.toThrow()
    await setFaults({ dropAfterCommitRate: 0 })
    const replay = await post()
    expect(replay.status).toBe(201)
    const reg = (await replay.json()) as { registrationNumber: string }
    // Committed exactly once: the status history has one REGISTERED entry.
    const status = (await (await fetch(`${gw.url}/api/v1/requests/${reg.registrationNumber}`, { headers: { authorization: `Bearer ${op}` } })).json()) as { statusHistory: { status: string }[] }
    expect(status.statusHistory.filter((h) => h.status === 'REGISTERED')).toHaveLength(1)
  })
})
