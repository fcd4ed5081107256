/**
 * The workstation's log file: personal data masked before it is written (ИИН/БИН, secret-looking fields), rotated by
 * size into a bounded number of files; and the bridge registry writes every call's channel and outcome (never its
 * request) when given the log.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DeskLog } from '../../../../src-main/services/log/desk-log'
import { createRegistry } from '../../../../src-main/services/handlers'

const dirs: string[] = []
const temp = () => {
  const d = mkdtempSync(join(tmpdir(), 'arm-desk-log-'))
  dirs.push(d)
  return d
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

describe('desk log file', () => {
  it('masks ИИН/БИН in messages and fields and redacts secrets', () => {
    const dir = temp()
    const log = new DeskLog(dir)
    log.warn('look-up of 830717350867 failed', { iin: '830717350867', nested: { bin: 123456789012, note: 'applicant 900102312343' }, password: 'Operator#2026', pin: '1234' })
    const text = readFileSync(join(dir, 'arm.log'), 'utf8')
    expect(text).not.toMatch(/830717350867|123456789012|900102312343|Operator#2026|"1234"/)
    expect(text).toContain('8307******67')
    expect(text).toContain('9001******43')
    expect(JSON.parse(text.trim())).toMatchObject({ level: 'warn', password: '[redacted]', pin: '[redacted]' })
  })

  it('rotates by size and keeps a bounded number of files', () => {
    const dir = temp()
    const log = new DeskLog(dir, { maxBytes: 2_000, keep: 3 })
    for (let i = 0; i < 200; i++) log.info(`line ${i}`, { filler: 'x'.repeat(60) })
    const files = readdirSync(dir).sort()
    expect(files).toEqual(['arm.1.log', 'arm.2.log', 'arm.3.log', 'arm.log'])
    for (const f of files) expect(readFileSync(join(dir, f)).length).toBeLessThanOrEqual(2_000)
    expect(readFileSync(join(dir, 'arm.log'), 'utf8')).toContain('line 199')
  })

  it('the bridge registry logs each call with its outcome code, never the request', async () => {
    const dir = temp()
    const log = new DeskLog(dir)
    const registry = createRegistry({ runtime: 'browser-host', clock: { now: () => new Date() }, gatewayUrl: 'http://127.0.0.1:9', log })
    await registry.dispatch('app.health', {}, { origin: 'http://127.0.0.1' })
    await registry.dispatch('app.health', { secret: '830717350867' }, { origin: 'http://127.0.0.1' })
    const lines = readFileSync(join(dir, 'arm.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(lines.map((l) => [l.channel, l.code ?? 'ok'])).toEqual([['app.health', 'ok'], ['app.health', 'BRIDGE_INVALID_REQUEST']])
    expect(JSON.stringify(lines)).not.toContain('830717350867')
  })
})
