/**
 * The test launcher stops the whole process tree it started: after stop() no process of the gateway's tree is left —
 * neither for the gateway run directly under tsx nor for `npm run gateway` (npm → sh → tsx → node, the tree
 * `npm start` makes), and not when the test process exits without stopping it. Checked in /proc, not by trusting exit
 * events.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { processTable, ROOT, startGatewayProcess, type ProcessInfo } from './gateway-process'

/** The process and everything below it (by parent pid), as /proc shows it now. */
function tree(rootPid: number): ProcessInfo[] {
  const all = processTable()
  const ids = new Set([rootPid])
  for (let grew = true; grew; ) {
    grew = false
    for (const p of all) if (!ids.has(p.pid) && ids.has(p.ppid)) grew = !!ids.add(p.pid)
  }
  return all.filter((p) => ids.has(p.pid))
}

/** True while the pid runs (a zombie has ended). */
function alive(pid: number): boolean {
  if (!existsSync(`/proc/${pid}/stat`)) return false
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return !['Z', 'X'].includes(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0])
  } catch {
    return false
  }
}

describe.skipIf(!existsSync('/proc/self/stat'))('test launcher of gateway processes', () => {
  it('src-gateway/main.ts: answers, and after stop() nothing of its tree remains', async () => {
    const gw = await startGatewayProcess()
    const health = (await (await fetch(`${gw.url}/health`)).json()) as { ok: boolean }
    expect(health.ok).toBe(true)
    const seen = tree(gw.process.pgid)
    expect(seen.map((p) => p.pid)).toContain(gw.process.pgid)
    expect(seen.some((p) => p.cmdline.includes('src-gateway/main.ts'))).toBe(true)
    await gw.dispose()
    expect(seen.filter((p) => alive(p.pid))).toEqual([])
    expect(gw.process.members()).toEqual([])
    expect(existsSync(gw.dbFile)).toBe(false)
    expect(await fetch(`${gw.url}/health`).then(() => 'answers', () => 'gone')).toBe('gone')
  }, 90_000)

  it('`npm run gateway` (npm → sh → tsx → node): every process of the tree is gone after stop()', async () => {
    const gw = await startGatewayProcess({ command: ['npm', 'run', '--silent', 'gateway'], what: 'npm run gateway' })
    const seen = tree(gw.process.pgid)
    // More than one process: the server is not the child the test spawned.
    expect(seen.length).toBeGreaterThan(1)
    const server = seen.find((p) => p.cmdline.includes('src-gateway/main.ts') && p.pid !== gw.process.pgid)
    expect(server, JSON.stringify(seen)).toBeTruthy()
    await gw.dispose()
    expect(seen.filter((p) => alive(p.pid))).toEqual([])
  }, 90_000)

  it('a test process that exits without stopping leaves no gateway behind', () => {
    // A separate Node process starts a gateway through the launcher, prints its pids and exits at once.
    const script = `
      const { startGatewayProcess } = require('./test/support/gateway-process')
      void startGatewayProcess().then((g) => {
        console.log('PIDS ' + JSON.stringify(g.process.members().map((p) => p.pid)))
        process.exit(0)
      })`
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=commonjs', '-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 90_000 })
    const m = /PIDS (\[.*\])/.exec(r.stdout)
    expect(m, r.stdout + r.stderr).toBeTruthy()
    const pids = JSON.parse(m![1]) as number[]
    expect(pids.length).toBeGreaterThan(0)
    const end = Date.now() + 5000
    while (Date.now() < end && pids.some(alive)) spawnSync('sleep', ['0.1'])
    expect(pids.filter(alive)).toEqual([])
  }, 90_000)
})
