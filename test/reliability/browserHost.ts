/**
 * A same-origin host for the outbox page: serves the bundled page and proxies /api and /health to the gateway, and a
 * Debian Chromium that can be SIGKILLed and relaunched on the same profile (so IndexedDB survives, as on a desk).
 */
import { build } from 'esbuild'
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer, request as httpRequest, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'

const ROOT = join(__dirname, '..', '..')

export async function bundlePage(entry = 'page/entry.ts'): Promise<string> {
  const out = await build({
    entryPoints: [join(__dirname, entry)],
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    alias: { '@shared': join(ROOT, 'src-shared') },
    logLevel: 'silent',
  })
  return out.outputFiles[0].text
}

export async function startHost(bundle: string, gatewayPort: () => number, css = ''): Promise<{ url: string; close: () => Promise<void> }> {
  const html = `<!doctype html><meta charset="utf-8"><title>outbox</title><style>${css}</style><div id="root"></div><script src="/bundle.js"></script>`
  const server: Server = createServer((req, res) => {
    if (req.url === '/' || req.url === '/index.html') return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html)
    if (req.url === '/bundle.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle)
    const up = httpRequest({ host: '127.0.0.1', port: gatewayPort(), path: req.url, method: req.method, headers: req.headers }, (ur) => {
      res.writeHead(ur.statusCode ?? 502, ur.headers)
      ur.pipe(res)
      ur.on('error', () => res.destroy())
    })
    // A gateway that drops the connection (fault injection, restart) drops ours too: the page sees a network error.
    up.on('error', () => res.destroy())
    req.pipe(up)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(() => r())) }
}

export class KillableChromium {
  private child?: ChildProcess
  private browser?: Browser
  constructor(private readonly profileDir: string) {}

  async launch(url: string, readyTitle = 'outbox-ready'): Promise<Page> {
    const child = spawn(
      '/usr/bin/chromium',
      ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
        '--disable-background-timer-throttling', `--user-data-dir=${this.profileDir}`, '--remote-debugging-port=0', 'about:blank'],
      { detached: true, stdio: ['ignore', 'ignore', 'pipe'] },
    )
    this.child = child
    const ws = await new Promise<string>((resolve, reject) => {
      let err = ''
      const t = setTimeout(() => reject(new Error(`chromium did not start: ${err.slice(-2000)}`)), 30_000)
      child.stderr!.on('data', (d: Buffer) => {
        err += d.toString()
        const m = /DevTools listening on (ws:\/\/\S+)/.exec(err)
        if (m) {
          clearTimeout(t)
          resolve(m[1])
        }
      })
      child.once('exit', (c) => reject(new Error(`chromium exited ${c}: ${err.slice(-2000)}`)))
    })
    this.browser = await chromium.connectOverCDP(ws)
    const context = this.browser.contexts()[0]
    const page = context.pages()[0] ?? (await context.newPage())
    await page.goto(url)
    await page.waitForFunction((t) => (globalThis as unknown as { document: { title: string } }).document.title === t, readyTitle)
    return page
  }

  /** SIGKILL to the whole Chromium process group: no unload handlers, no clean IndexedDB shutdown. */
  async kill(): Promise<void> {
    const child = this.child
    if (!child?.pid) return
    const exited = new Promise<void>((r) => (child.exitCode !== null ? r() : child.once('exit', () => r())))
    try {
      process.kill(-child.pid, 'SIGKILL')
    } catch {
      child.kill('SIGKILL')
    }
    await exited
    this.browser = undefined
    this.child = undefined
    // Give the zygote/renderer children a moment to be reaped so the profile lock is free.
    await new Promise((r) => setTimeout(r, 300))
  }

  async close(): Promise<void> {
    await this.browser?.close().catch(() => undefined)
    await this.kill()
  }
}
