/**
 * Issue 10, gateway points 1 and 4–13: each attack of test/support/attacks.ts against the real gateway process must
 * be refused. Every one of these got through before the fix (the table in the abuse suite says what came back).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ATTACKS, type AttackContext } from '../support/attacks'
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-helpers'

let shared: GatewayProcess
const started: GatewayProcess[] = []
const ctx = (): AttackContext => ({
  gw: shared,
  start: async (env) => {
    const gw = await startGatewayProcess(env)
    started.push(gw)
    return gw
  },
})

beforeAll(async () => {
  shared = await startGatewayProcess()
}, 120_000)
afterAll(async () => {
  await Promise.all([shared, ...started].map((g) => g?.stop()))
})

describe('gateway hardening (issue 10) against the real process', () => {
  it.each(ATTACKS.map((a) => [`${a.point}: ${a.name} → ${a.expected}`, a] as const))('%s', async (_title, attack) => {
    const out = await attack.run(ctx())
    expect(out.refused, out.got).toBe(true)
  }, 180_000)
})
