/**
 * The gateway process writes its JSON log to gateway.log beside its database (so `npm start`'s terminal stays
 * readable), and to stdout with --verbose; in both cases ИИН are masked (log.ts).
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { startGatewayProcess } from '../support/gateway-process'
import { IIN, PASSWORDS } from '../support/gateway-helpers'

async function signInByIin(url: string): Promise<void> {
  const r = await fetch(`${url}/api/v1/auth/login-iin`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ iin: IIN.operator, password: PASSWORDS.operator }) })
  const token = ((await r.json()) as { token: string }).token
  await fetch(`${url}/api/v1/registry/persons/${IIN.operator}`, { headers: { authorization: `Bearer ${token}` } })
}

describe('gateway log destination', () => {
  it('by default: JSON lines in gateway.log beside the database, none on stdout', async () => {
    const gw = await startGatewayProcess({ env: { GATEWAY_LOG_LEVEL: 'info' } })
    try {
      await signInByIin(gw.url)
      const file = join(dirname(gw.dbFile), 'gateway.log')
      expect(gw.process.output()).toContain(`gateway log: ${file}`)
      expect(existsSync(file)).toBe(true)
      const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { msg?: string; req?: { url?: string } })
      expect(lines.some((l) => l.msg?.startsWith('gateway listening on'))).toBe(true)
      expect(lines.some((l) => l.req?.url?.includes('8307******67'))).toBe(true)
      expect(readFileSync(file, 'utf8')).not.toContain(IIN.operator)
      expect(gw.process.output()).not.toMatch(/"level":\d+/)
    } finally {
      await gw.dispose()
    }
  }, 90_000)

  it('--verbose: the JSON log on stdout, no file', async () => {
    const gw = await startGatewayProcess({ command: ['src-gateway/main.ts', '--verbose'], env: { GATEWAY_LOG_LEVEL: 'info' } })
    try {
      await signInByIin(gw.url)
      await new Promise((r) => setTimeout(r, 200))
      expect(gw.process.output()).toMatch(/"level":30.*"msg":"gateway listening on/)
      expect(existsSync(join(dirname(gw.dbFile), 'gateway.log'))).toBe(false)
    } finally {
      await gw.dispose()
    }
  }, 90_000)
})
