/**
 * The real gateway as a child process (src-gateway/main.ts under tsx) on a loopback port with a temp SQLite file,
 * plus what the scenarios need from it: log in, switch faults through the admin endpoint, and count what it holds.
 */
import Database from 'better-sqlite3'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { NO_FAULTS, ROUTES, type FaultConfig } from '../../src-shared/gateway/api'

const ROOT = join(__dirname, '..', '..')
export const OPERATOR = { login: 'operator1', password: 'Operator#2026', tsonId: 'tson-astana-1' }
const ADMIN = { login: 'admin', password: 'Admin#2026' }

export class GatewayProcess {
  private child?: ChildProcess
  port = 0
  readonly dir: string
  readonly dbPath: string

  private constructor(private readonly env: Record<string, string> = {}) {
    this.dir = mkdtempSync(join(tmpdir(), 'arm-rel-'))
    this.dbPath = join(this.dir, 'gateway.sqlite')
  }

  static async start(env: Record<string, string> = {}): Promise<GatewayProcess> {
    const g = new GatewayProcess(env)
    await g.launch()
    return g
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null
  }

  /** Starts (or restarts, on the same port and database) the gateway process. */
  async launch(): Promise<void> {
    const child = spawn(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'src-gateway/main.ts')], {
      cwd: ROOT,
      env: { ...process.env, GATEWAY_PORT: String(this.port), GATEWAY_DB: this.dbPath, GATEWAY_LOG_LEVEL: 'warn', GATEWAY_AUTOMATED_DELAY_MS: '600000', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    this.child = child
    let err = ''
    child.stderr!.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)))
    const address = await new Promise<string>((resolve, reject) => {
      let out = ''
      const timer = setTimeout(() => reject(new Error(`gateway did not start: ${err}`)), 60_000)
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString()
        const m = /GATEWAY_LISTENING (\S+)/.exec(out)
        if (m) {
          clearTimeout(timer)
          resolve(m[1])
        }
      })
      child.once('exit', (code) => {
        clearTimeout(timer)
        reject(new Error(`gateway exited ${code}: ${err}`))
      })
    })
    this.port = Number(new URL(address).port)
    this.adminToken = undefined
  }

  /** Stops the process (SIGTERM, then SIGKILL if it lingers). The database file stays. */
  async stop(): Promise<void> {
    const child = this.child
    if (!child || !this.running) return
    const exited = new Promise<void>((r) => child.once('exit', () => r()))
    child.kill('SIGTERM')
    const t = setTimeout(() => child.kill('SIGKILL'), 5_000)
    await exited
    clearTimeout(t)
  }

  async dispose(): Promise<void> {
    await this.stop()
    rmSync(this.dir, { recursive: true, force: true })
  }

  /** Logs in, retrying through injected faults (login goes through the same fault hook as everything under /api). */
  async login(who: { login: string; password: string } = OPERATOR, tries = 50): Promise<string> {
    let last = ''
    for (let i = 0; i < tries; i++) {
      try {
        const res = await fetch(this.baseUrl + ROUTES.login, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ login: who.login, password: who.password }),
        })
        if (res.ok) return ((await res.json()) as { token: string }).token
        last = `${res.status} ${await res.text()}`
      } catch (e) {
        last = String(e)
      }
      await new Promise((r) => setTimeout(r, 100))
    }
    throw new Error(`login failed: ${last}`)
  }

  private adminToken?: string

  /** The admin token is kept: with every API connection reset (fault 100 %) a new login could not get through. */
  async setFaults(patch: Partial<FaultConfig>): Promise<FaultConfig> {
    this.adminToken ??= await this.login(ADMIN)
    const token = this.adminToken
    const res = await fetch(this.baseUrl + ROUTES.adminFaults, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ ...NO_FAULTS, ...patch }),
    })
    if (!res.ok) throw new Error(`faults: ${res.status} ${await res.text()}`)
    return (await res.json()) as FaultConfig
  }

  /**
   * What the gateway holds for the given envelopes: registrations, duplicates (a second request row, a second
   * REGISTERED status change, or a second registration number for one envelope), and envelopes it never registered.
   */
  tally(envelopeIds: string[]): { registrations: number; duplicates: number; lost: number; numbers: Map<string, string> } {
    const db = new Database(this.dbPath, { readonly: true, fileMustExist: true })
    try {
      const rows = db.prepare('SELECT envelope_id AS e, registration_number AS n, id FROM requests').all() as { e: string; n: string; id: string }[]
      const wanted = new Set(envelopeIds)
      const mine = rows.filter((r) => wanted.has(r.e))
      const numbers = new Map<string, string>()
      let duplicates = 0
      for (const r of mine) {
        if (numbers.has(r.e)) duplicates++
        else numbers.set(r.e, r.n)
      }
      const regChanges = db
        .prepare("SELECT request_id AS id, COUNT(*) AS c FROM status_changes WHERE status = 'REGISTERED' GROUP BY request_id")
        .all() as { id: string; c: number }[]
      const mineIds = new Set(mine.map((r) => r.id))
      for (const c of regChanges) if (mineIds.has(c.id) && c.c > 1) duplicates += c.c - 1
      const lost = envelopeIds.filter((e) => !numbers.has(e)).length
      return { registrations: mine.length, duplicates, lost, numbers }
    } finally {
      db.close()
    }
  }
}

/** The line every scenario prints. */
export function report(name: string, t: { registrations: number; duplicates: number; lost: number }, extra = ''): string {
  const line = `[${name}] registrations: ${t.registrations}, duplicates: ${t.duplicates}, lost: ${t.lost}${extra ? `  (${extra})` : ''}`
  process.stdout.write(line + '\n')
  return line
}
