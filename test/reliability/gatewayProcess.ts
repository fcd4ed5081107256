/**
 * The real gateway as a child process (src-gateway/main.ts under tsx) on a loopback port with a temp SQLite file,
 * plus what the scenarios need from it: log in, switch faults through the admin endpoint, and count what it holds.
 */
import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { NO_FAULTS, ROUTES, type FaultConfig } from '../../src-shared/gateway/api'
import { startGatewayProcess, type GatewayProcess as Launched } from '../support/gateway-process'

export const OPERATOR = { login: 'operator1', password: 'Operator#2026', tsonId: 'tson-astana-1' }
const ADMIN = { login: 'admin', password: 'Admin#2026' }

export class GatewayProcess {
  private current?: Launched
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
    const child = this.current?.process.child
    return !!child && child.exitCode === null && child.signalCode === null
  }

  /** Starts (or restarts, on the same port and database) the gateway process (test/support/gateway-process.ts). */
  async launch(): Promise<void> {
    this.current = await startGatewayProcess({ dbFile: this.dbPath, port: this.port, env: { GATEWAY_AUTOMATED_DELAY_MS: '600000', ...this.env } })
    this.port = this.current.port
    this.adminToken = undefined
  }

  /** Stops the process and everything it started (the whole group, SIGKILL if it lingers). The database file stays. */
  async stop(): Promise<void> {
    await this.current?.stop()
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
