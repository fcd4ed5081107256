/**
 * The scanner service's one OS capability: starting a helper program (scanimage, PowerShell) and stopping it with
 * everything it started. Injected so the service runs under vitest and the CLI without Electron.
 */
import { spawn } from 'node:child_process'

export interface ProcessExit {
  code: number | null
  signal: string | null
  stdout: string
  /** The end of stderr (capped): what the helper said when it failed. */
  stderr: string
  /** Set when the program could not be started at all (ENOENT: not installed). */
  spawnError?: string
}

export interface RunningProcess {
  readonly pid: number | undefined
  /** Called for each complete line the program writes to stdout, as it writes it (page-by-page progress). */
  onStdoutLine(listener: (line: string) => void): void
  readonly exited: Promise<ProcessExit>
  /** Stops the program and its children (the whole process group on POSIX, the process tree on Windows). */
  kill(): void
}

export interface ProcessRunner {
  start(command: string, args: readonly string[], options?: { env?: Record<string, string | undefined> }): RunningProcess
}

const STDERR_CAP = 16 * 1024
/** Grace between SIGTERM and SIGKILL: scanimage answers SIGTERM by cancelling the scan, which a scanner may take a moment to do. */
const KILL_GRACE_MS = 3000

/** The real runner: child_process.spawn with the program in its own process group, so a cancel stops all of it. */
export function nodeProcessRunner(platform: NodeJS.Platform = process.platform): ProcessRunner {
  return {
    start(command, args, options) {
      const child = spawn(command, [...args], {
        env: options?.env ? (options.env as NodeJS.ProcessEnv) : process.env,
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: platform !== 'win32',
        windowsHide: true,
      })
      const listeners: ((line: string) => void)[] = []
      let stdout = ''
      let pending = ''
      let stderr = ''
      child.stdout.setEncoding('utf8')
      child.stdout.on('data', (chunk: string) => {
        stdout += chunk
        pending += chunk
        let nl: number
        while ((nl = pending.indexOf('\n')) >= 0) {
          const line = pending.slice(0, nl).replace(/\r$/, '')
          pending = pending.slice(nl + 1)
          for (const l of listeners) l(line)
        }
      })
      child.stderr.setEncoding('utf8')
      child.stderr.on('data', (chunk: string) => {
        stderr = (stderr + chunk).slice(-STDERR_CAP)
      })
      let done = false
      let killTimer: NodeJS.Timeout | undefined
      const exited = new Promise<ProcessExit>((resolve) => {
        child.once('error', (err: NodeJS.ErrnoException) => {
          if (done) return
          done = true
          resolve({ code: null, signal: null, stdout, stderr, spawnError: err.code ?? err.message })
        })
        child.once('close', (code, signal) => {
          if (done) return
          done = true
          if (killTimer) clearTimeout(killTimer)
          if (pending) for (const l of listeners) l(pending)
          resolve({ code, signal, stdout, stderr })
        })
      })
      const signalGroup = (sig: NodeJS.Signals) => {
        if (child.pid === undefined) return
        try {
          process.kill(-child.pid, sig)
        } catch {
          // the group is already gone
        }
      }
      return {
        pid: child.pid,
        onStdoutLine: (l) => void listeners.push(l),
        exited,
        kill() {
          if (done || child.pid === undefined) return
          if (platform === 'win32') {
            // No process groups: taskkill /T stops PowerShell and whatever it started.
            spawn('taskkill', ['/pid', String(child.pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true }).on('error', () => child.kill())
            return
          }
          signalGroup('SIGTERM')
          killTimer = setTimeout(() => signalGroup('SIGKILL'), KILL_GRACE_MS)
          killTimer.unref()
        },
      }
    },
  }
}
