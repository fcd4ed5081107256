/**
 * `npm start` (scripts/start.cjs) as someone trying the demo offline uses it: the real gateway and the real browser
 * host start; the gateway process is killed from outside — the workstation keeps running; `g` + Enter brings the
 * gateway back on the same port and database; its JSON log went to gateway.log beside the database, not to the
 * terminal. Everything start.cjs started is gone after it is stopped.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { launch, type Launched } from '../support/gateway-process'

const dir = mkdtempSync(join(tmpdir(), 'arm-start-'))
const db = join(dir, 'gateway.sqlite')
let start: Launched | undefined

afterAll(async () => {
  await start?.stop()
  rmSync(dir, { recursive: true, force: true })
})

async function until(what: string, cond: () => boolean | Promise<boolean>, ms = 60_000): Promise<void> {
  const end = Date.now() + ms
  while (Date.now() < end) {
    if (await cond()) return
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`timed out: ${what}\n${start?.output().slice(-3000)}`)
}

const answers = (url: string) => fetch(url).then((r) => r.ok, () => false)

describe('npm start with a gateway that stops', () => {
  it('keeps the workstation running, restarts the gateway on "g", logs to gateway.log', async () => {
    start = await launch({
      command: [process.execPath, 'scripts/start.cjs', '--browser', '--port', '0', '--gateway-port', '0'],
      env: { GATEWAY_DB: db, GATEWAY_LOG_LEVEL: 'info', ARM_GATEWAY_URL: '' },
      ready: /АРМ browser workstation: (http:\/\/127\.0\.0\.1:\d+\/)/,
      what: 'npm start',
      stdin: true,
      timeoutMs: 120_000,
    })
    const hostUrl = start.match[1]
    const first = /\[start\] gateway running \(pid (\d+)\) at (\S+)/.exec(start.output())
    expect(first, start.output()).toBeTruthy()
    const gatewayUrl = first![2]
    expect(await answers(`${gatewayUrl}/health`)).toBe(true)
    expect(await answers(hostUrl)).toBe(true)

    // The gateway goes away (as a crash or a kill in another terminal does).
    process.kill(Number(first![1]), 'SIGKILL')
    await until('start.cjs notices', () => /gateway stopped \(SIGKILL\); the workstation keeps running/.test(start!.output()))
    expect(await answers(`${gatewayUrl}/health`)).toBe(false)
    // The workstation is still there and serving.
    expect(start.child.exitCode).toBeNull()
    expect(await answers(hostUrl)).toBe(true)

    // "g" + Enter: the gateway comes back where the workstation expects it, on the same database.
    start.child.stdin!.write('g\n')
    await until('the gateway answers again', () => answers(`${gatewayUrl}/health`))
    const runs = [...start.output().matchAll(/\[start\] gateway running \(pid (\d+)\) at (\S+)/g)]
    expect(runs.length).toBe(2)
    expect(runs[1][2]).toBe(gatewayUrl)
    expect(runs[1][1]).not.toBe(first![1])

    // The JSON log is in the file beside the database (both runs), not in the terminal.
    const log = join(dir, 'gateway.log')
    expect(existsSync(log)).toBe(true)
    const lines = readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { msg?: string })
    expect(lines.filter((l) => l.msg?.startsWith('gateway listening on')).length).toBe(2)
    expect(start.output()).not.toMatch(/"level":\d+/)
    expect(start.output()).toContain(`gateway log: ${log}`)

    // "s" stops the gateway; the workstation stays.
    start.child.stdin!.write('s\n')
    await until('the gateway is stopped', async () => !(await answers(`${gatewayUrl}/health`)))
    expect(start.child.exitCode).toBeNull()
    expect(await answers(hostUrl)).toBe(true)

    // Stopping npm start stops all it started.
    const members = start.members()
    expect(members.length).toBeGreaterThan(1)
    await start.stop()
    expect(start.members()).toEqual([])
    expect(await answers(hostUrl)).toBe(false)
  }, 180_000)
})
