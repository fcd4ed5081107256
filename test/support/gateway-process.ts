/**
 * The one launcher of real processes in tests: the gateway (src-gateway/main.ts with its own SQLite file), and any other
 * long-running helper a test starts (the browser host, the inbox tests' gateway with a moved clock).
 *
 * Why one: each suite used to spawn its own way (`npx tsx …`, `node --import tsx …`) and stop only the direct child
 * with SIGTERM; under npx or npm the real server is a grandchild, so stopped suites left `src-gateway/main.ts`
 * processes running. Here every process starts as the leader of its own process group, and stop() signals the whole
 * group (SIGTERM, then SIGKILL after a grace period) and returns only when no process of that group is left. A test
 * process that exits without stopping kills its groups on the way out.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

export const ROOT = resolve(__dirname, '../..')

export interface LaunchOptions {
  /** The program and its arguments; a `.ts` entry alone runs under tsx in one Node process. */
  command: string[]
  env?: NodeJS.ProcessEnv
  /** The line that says the process is ready; its match is returned. */
  ready: RegExp
  /** How the process is called in error messages. */
  what: string
  timeoutMs?: number
  cwd?: string
  /** stdin is a pipe the test may write to (default: ignored). */
  stdin?: boolean
}

export interface Launched {
  readonly child: ChildProcess
  /** The process group: the child's pid (it leads its own group). */
  readonly pgid: number
  readonly match: RegExpExecArray
  /** The last 8 kB the process printed (stdout and stderr together). */
  output(): string
  /** Every live process of the group: pid, parent pid and command line. */
  members(): ProcessInfo[]
  /** Stops the whole process group and waits until none of it is left. Idempotent. */
  stop(graceMs?: number): Promise<void>
}

export interface ProcessInfo {
  pid: number
  ppid: number
  pgid: number
  state: string
  cmdline: string
}

const launched = new Set<Launched>()
const byChild = new WeakMap<ChildProcess, Launched>()
let exitHookInstalled = false

function installExitHook(): void {
  if (exitHookInstalled) return
  exitHookInstalled = true
  // Last resort for a test process that ends without stopping what it started: nothing outlives it.
  process.on('exit', () => {
    for (const l of launched) signalGroup(l.pgid, 'SIGKILL')
  })
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal)
  } catch {
    /* the group is gone already */
  }
}

/** The processes of the machine (Linux /proc), zombies excluded: a zombie has ended and holds nothing. */
export function processTable(): ProcessInfo[] {
  if (!existsSync('/proc/self/stat')) return []
  const out: ProcessInfo[] = []
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8')
      // "pid (comm) state ppid pgrp …": comm may hold spaces and parentheses, so split after the last ')'.
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      const state = rest[0]
      if (state === 'Z' || state === 'X') continue
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').join(' ').trim()
      out.push({ pid: Number(name), ppid: Number(rest[1]), pgid: Number(rest[2]), state, cmdline })
    } catch {
      /* ended while we read */
    }
  }
  return out
}

/** The live processes of a group. Where /proc is missing (not Linux) the leader alone is checked. */
function groupMembers(pgid: number, child: ChildProcess): ProcessInfo[] {
  if (existsSync('/proc/self/stat')) return processTable().filter((p) => p.pgid === pgid)
  return child.exitCode === null && child.signalCode === null ? [{ pid: pgid, ppid: process.pid, pgid, state: '?', cmdline: '' }] : []
}

async function waitUntil(cond: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms
  while (Date.now() < end) {
    if (cond()) return true
    await new Promise((r) => setTimeout(r, 50))
  }
  return cond()
}

/** Starts a process as the leader of its own group and waits for its ready line. */
export function launch(opts: LaunchOptions): Promise<Launched> {
  installExitHook()
  const [cmd, ...args] = opts.command[0].endsWith('.ts') ? [process.execPath, '--import', 'tsx', ...opts.command] : opts.command
  const child = spawn(cmd, args, {
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, ...opts.env },
    stdio: [opts.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    detached: true,
  })
  const pgid = child.pid
  let out = ''
  let stopping: Promise<void> | undefined
  const handle: Omit<Launched, 'match'> = {
    child,
    pgid: pgid ?? -1,
    output: () => out,
    members: () => (pgid ? groupMembers(pgid, child) : []),
    stop(graceMs = 5_000) {
      stopping ??= (async () => {
        if (!pgid) return
        const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((r) => child.once('exit', () => r()))
        signalGroup(pgid, 'SIGTERM')
        const gone = () => groupMembers(pgid, child).length === 0
        if (!(await waitUntil(gone, graceMs))) {
          signalGroup(pgid, 'SIGKILL')
          await waitUntil(gone, 5_000)
        }
        await exited
        launched.delete(self)
      })()
      return stopping
    },
  }
  const self = handle as Launched
  if (!pgid) return Promise.reject(new Error(`${opts.what} could not be started: ${opts.command.join(' ')}`))
  launched.add(self)
  byChild.set(child, self)
  return new Promise<Launched>((resolvePromise, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer)
      void self.stop(0).then(() => reject(new Error(`${opts.what} ${why}:\n${out.slice(-2000)}`)))
    }
    const timer = setTimeout(() => fail(`did not start in ${Math.round((opts.timeoutMs ?? 60_000) / 1000)} s`), opts.timeoutMs ?? 60_000)
    let ready = false
    const onData = (chunk: Buffer) => {
      out = (out + chunk.toString()).slice(-8192)
      if (ready) return
      const m = opts.ready.exec(out)
      if (m) {
        ready = true
        clearTimeout(timer)
        Object.assign(self, { match: m })
        resolvePromise(self)
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.once('exit', (code, signal) => {
      if (!ready) fail(`exited with ${signal ?? code} before it was ready`)
    })
  })
}

/** The launcher's handle of a child it started, if any (so a plain ChildProcess can still be stopped as a tree). */
export function launchedChild(child: ChildProcess): Launched | undefined {
  return byChild.get(child)
}

export interface GatewayProcess {
  /** http://127.0.0.1:<port>, no trailing slash. */
  readonly url: string
  readonly port: number
  readonly dbFile: string
  readonly process: Launched
  /** Stops the whole process tree; the database file stays (a restart on the same port and file continues it). */
  stop(): Promise<void>
  /** stop() and, when the launcher made the temporary folder of the database, removes it. */
  dispose(): Promise<void>
}

export interface GatewayOptions {
  /** The SQLite file; default: gateway.sqlite in a new temporary folder (removed by dispose). */
  dbFile?: string
  /** 0 (default) = any free port. */
  port?: number
  /** More environment (GATEWAY_CONFIG, GATEWAY_AUTOMATED_DELAY_MS, GATEWAY_LOG_LEVEL …). */
  env?: Record<string, string>
  what?: string
  /** Another way to run the same gateway (e.g. `npm run gateway`, as `npm start` does); default: src-gateway/main.ts under tsx. */
  command?: string[]
}

/** The real gateway process (src-gateway/main.ts) on 127.0.0.1 with its own SQLite file; resolves when /health answers. */
export async function startGatewayProcess(opts: GatewayOptions = {}): Promise<GatewayProcess> {
  const dir = opts.dbFile ? undefined : mkdtempSync(join(tmpdir(), 'arm-gw-'))
  const dbFile = opts.dbFile ?? join(dir!, 'gateway.sqlite')
  let p: Launched
  try {
    p = await launch({
      command: opts.command ?? ['src-gateway/main.ts'],
      env: { GATEWAY_PORT: String(opts.port ?? 0), GATEWAY_HOST: '127.0.0.1', GATEWAY_DB: dbFile, GATEWAY_LOG_LEVEL: 'warn', ...opts.env },
      ready: /GATEWAY_LISTENING (http:\/\/\S+)/,
      what: opts.what ?? 'gateway',
    })
  } catch (err) {
    if (dir) rmSync(dir, { recursive: true, force: true })
    throw err
  }
  const url = p.match[1].replace('localhost', '127.0.0.1').replace(/\/$/, '')
  // /health is the readiness signal of the HTTP side (the line comes right after listen()).
  for (let i = 0; i < 50 && !(await fetch(`${url}/health`).then((r) => r.ok, () => false)); i++) await new Promise((r) => setTimeout(r, 100))
  return {
    url,
    port: Number(new URL(url).port),
    dbFile,
    process: p,
    stop: () => p.stop(),
    async dispose() {
      await p.stop()
      if (dir) rmSync(dir, { recursive: true, force: true })
    },
  }
}
