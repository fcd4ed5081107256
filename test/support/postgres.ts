/**
 * A throwaway PostgreSQL for tests: `initdb` + `pg_ctl` into a temporary folder on a free loopback port, as an
 * unprivileged user (PostgreSQL refuses to run as root; CI runs as root: then the Debian package's `postgres` user, or
 * `nobody`, owns the folder). scripts/setup.sh installs the `postgresql` package, so CI always runs these tests; only a
 * machine without the binaries skips them, and says so.
 */
import { execFileSync } from 'node:child_process'
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'

/** The folder with initdb/pg_ctl, or undefined when PostgreSQL is not installed. */
export function postgresBin(): string | undefined {
  const candidates = [
    process.env.ARM_PG_BIN,
    ...(existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a)).map((v) => `/usr/lib/postgresql/${v}/bin`) : []),
    '/usr/local/bin',
    '/usr/bin',
  ]
  return candidates.find((d) => d && existsSync(join(d, 'initdb')) && existsSync(join(d, 'pg_ctl')))
}

/** Why the PostgreSQL tests are skipped here ('' when they run). */
export const POSTGRES_SKIP_REASON = postgresBin() ? '' : 'PostgreSQL binaries (initdb, pg_ctl) are not installed: run scripts/setup.sh (Debian package postgresql)'

export interface ThrowawayPostgres {
  url: string
  /** Immediate stop (like a crash of the server) and removal of the folder. */
  stop(): Promise<void>
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port
      srv.close(() => resolve(port))
    })
  })
}

/** The uid/gid to run the server as: ourselves, or when we are root the `postgres` user (else `nobody`). */
function serverUser(): { uid: number; gid: number; name: string } | undefined {
  if (userInfo().uid !== 0) return undefined
  for (const name of ['postgres', 'nobody']) {
    try {
      const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim())
      const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim())
      return { uid, gid, name }
    } catch {
      // try the next one
    }
  }
  throw new Error('running as root and neither a postgres nor a nobody user exists to run PostgreSQL as')
}

export async function startPostgres(): Promise<ThrowawayPostgres> {
  const bin = postgresBin()
  if (!bin) throw new Error(POSTGRES_SKIP_REASON)
  const dir = mkdtempSync(join(tmpdir(), 'arm-pg-'))
  chmodSync(dir, 0o755)
  const data = join(dir, 'data')
  const user = serverUser()
  if (user) chownSync(dir, user.uid, user.gid)
  const run = (cmd: string, args: string[]) =>
    execFileSync(join(bin, cmd), args, { stdio: 'pipe', ...(user ? { uid: user.uid, gid: user.gid } : {}), env: { ...process.env, LC_ALL: 'C.UTF-8' }, cwd: dir })
  run('initdb', ['-D', data, '-U', 'arm', '--auth=trust', '-E', 'UTF8', '--no-sync'])
  const port = await freePort()
  // fsync stays on: the tests kill instances and must see committed data survive.
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=32MB`
  run('pg_ctl', ['-D', data, '-o', opts, '-l', join(dir, 'log'), '-w', '-t', '60', 'start'])
  return {
    url: `postgres://arm@127.0.0.1:${port}/postgres`,
    stop: async () => {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop'])
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
  }
}
