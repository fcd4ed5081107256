/**
 * The gateway abuse/fuzz suite (issue 10): every attack of test/support/attacks.ts against a real gateway process,
 * printed as a table — what was tried, which refusal was expected, what came back — and nothing may get through.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ATTACKS, type AttackContext } from '../support/attacks'
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-helpers'

let shared: GatewayProcess
const started: GatewayProcess[] = []

beforeAll(async () => {
  shared = await startGatewayProcess()
}, 120_000)
afterAll(async () => {
  await Promise.all([shared, ...started].map((g) => g?.stop()))
})

describe('gateway abuse suite', () => {
  it('refuses every attack', async () => {
    const ctx: AttackContext = {
      gw: shared,
      start: async (env) => {
        const gw = await startGatewayProcess(env)
        started.push(gw)
        return gw
      },
    }
    const rows: { point: string; attack: string; expected: string; got: string; verdict: string }[] = []
    for (const a of ATTACKS) {
      const out = await a.run(ctx).catch((err: unknown) => ({ got: `error: ${err instanceof Error ? err.message : String(err)}`, refused: false }))
      rows.push({ point: a.point, attack: a.name, expected: a.expected, got: out.got, verdict: out.refused ? 'refused' : 'GOT THROUGH' })
    }
    const w = (k: keyof (typeof rows)[number]) => Math.max(k.length, ...rows.map((r) => r[k].length))
    const cols = ['point', 'attack', 'expected', 'got', 'verdict'] as const
    const line = (r: Record<(typeof cols)[number], string>) => cols.map((c) => r[c].padEnd(w(c))).join(' | ')
    console.log(['', line({ point: 'point', attack: 'attack', expected: 'expected refusal', got: 'got', verdict: 'verdict' }), cols.map((c) => '-'.repeat(w(c))).join('-|-'), ...rows.map(line), '', `${rows.filter((r) => r.verdict === 'refused').length}/${rows.length} attacks refused`].join('\n'))
    expect(rows.filter((r) => r.verdict !== 'refused')).toEqual([])
  }, 900_000)
})
