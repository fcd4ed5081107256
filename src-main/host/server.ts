import { randomBytes, timingSafeEqual } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { HandlerRegistry } from '../../src-shared/bridge/registry'
import type { BridgeResult } from '../../src-shared/bridge/result'
import { ArmError, type ErrorCode } from '../../src-shared/errors'
import { buildCsp, type CspOptions } from '../services/app/csp'
import { contentTypeOf, resolveStaticPath } from '../services/app/static-files'

/** The only addresses the browser host may listen on: a workstation's bridge must never be reachable from the LAN. */
export const LOOPBACK_HOSTS = ['127.0.0.1', '::1'] as const
export const TOKEN_HEADER = 'x-arm-token'
export const TOKEN_META = 'arm-bridge-token'
const MAX_BODY_BYTES = 8 * 1024 * 1024

export interface BrowserHostOptions {
  /** 127.0.0.1 (default) or ::1; anything else is refused with HOST_NOT_LOOPBACK. */
  readonly host?: string
  /** 0 picks a free port. */
  readonly port?: number
  /** The built renderer (out/renderer). */
  readonly rendererDir: string
  readonly registry: HandlerRegistry
  readonly csp: CspOptions
}

export interface BrowserHost {
  /** The URL to open in the browser. It carries no token: the token only travels inside the served page. */
  readonly url: string
  readonly origin: string
  readonly port: number
  /** The per-start secret the page must send in X-Arm-Token (exposed for tests and diagnostics). */
  readonly token: string
  close(): Promise<void>
}

export function assertLoopback(host: string): void {
  if (!(LOOPBACK_HOSTS as readonly string[]).includes(host)) {
    throw new ArmError('HOST_NOT_LOOPBACK', `refusing to listen on ${host}: only ${LOOPBACK_HOSTS.join(', ')}`, { host })
  }
}

function sameSecret(given: string | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

function escapeAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/** Puts the token into the page as a meta tag: readable by the page's own script, never part of a URL. */
export function injectToken(html: string, token: string): string {
  const meta = `<meta name="${TOKEN_META}" content="${escapeAttr(token)}">`
  return html.includes('</head>') ? html.replace('</head>', `${meta}\n</head>`) : meta + html
}

/**
 * The browser workstation: serves the built renderer and the same HandlerRegistry as ipcMain over loopback HTTP.
 * Guards, in order: Host header (DNS rebinding), Origin (CSRF and foreign pages), the per-start token.
 */
export async function startBrowserHost(opts: BrowserHostOptions): Promise<BrowserHost> {
  const host = opts.host ?? '127.0.0.1'
  assertLoopback(host)
  const token = randomBytes(32).toString('base64url')
  const csp = buildCsp(opts.csp)
  // Known only once the port is bound; the handlers below run after that.
  const bound = { allowedHosts: new Set<string>(), allowedOrigins: new Set<string>() }

  const securityHeaders = {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  }

  const sendResult = (res: http.ServerResponse, status: number, body: BridgeResult) => {
    res.writeHead(status, { ...securityHeaders, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
    res.end(JSON.stringify(body))
  }
  const refuse = (res: http.ServerResponse, status: number, code: ErrorCode, message: string) =>
    sendResult(res, status, { ok: false, error: new ArmError(code, message).toPayload() })

  const readBody = (req: http.IncomingMessage) =>
    new Promise<Buffer | null>((resolve, reject) => {
      const chunks: Buffer[] = []
      let size = 0
      req.on('data', (c: Buffer) => {
        size += c.length
        if (size > MAX_BODY_BYTES) {
          resolve(null)
          req.destroy()
          return
        }
        chunks.push(c)
      })
      req.on('end', () => resolve(Buffer.concat(chunks)))
      req.on('error', reject)
    })

  const serveStatic = async (req: http.IncomingMessage, res: http.ServerResponse, pathname: string) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...securityHeaders, allow: 'GET, HEAD' })
      res.end()
      return
    }
    const file = resolveStaticPath(opts.rendererDir, pathname)
    if (!file) {
      res.writeHead(404, securityHeaders)
      res.end()
      return
    }
    let body: Buffer
    try {
      body = await readFile(file)
    } catch {
      res.writeHead(404, securityHeaders)
      res.end()
      return
    }
    const isIndex = file.endsWith('index.html')
    const out = isIndex ? Buffer.from(injectToken(body.toString('utf8'), token)) : body
    res.writeHead(200, {
      ...securityHeaders,
      'content-type': contentTypeOf(file),
      'cache-control': isIndex ? 'no-store' : 'no-cache',
    })
    res.end(req.method === 'HEAD' ? undefined : out)
  }

  const handleBridge = async (req: http.IncomingMessage, res: http.ServerResponse, rawChannel: string) => {
    if (req.method !== 'POST') return refuse(res, 405, 'BRIDGE_INVALID_REQUEST', 'bridge calls are POST')
    // Browsers send Origin on every POST; a missing or foreign one means another site or a non-browser caller.
    const callerOrigin = req.headers.origin ?? ''
    if (!bound.allowedOrigins.has(callerOrigin)) return refuse(res, 403, 'BRIDGE_FOREIGN_SENDER', 'foreign origin')
    const given = req.headers[TOKEN_HEADER]
    if (!sameSecret(Array.isArray(given) ? given[0] : given, token)) return refuse(res, 401, 'BRIDGE_UNAUTHORIZED', 'missing or wrong token')
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return refuse(res, 415, 'BRIDGE_INVALID_REQUEST', 'JSON only')
    const raw = await readBody(req)
    if (raw === null) return refuse(res, 413, 'BRIDGE_INVALID_REQUEST', 'request too large')
    let payload: unknown
    try {
      payload = raw.length ? JSON.parse(raw.toString('utf8')) : {}
    } catch {
      return refuse(res, 400, 'BRIDGE_INVALID_REQUEST', 'body is not JSON')
    }
    let channel: string
    try {
      channel = decodeURIComponent(rawChannel)
    } catch {
      return refuse(res, 400, 'BRIDGE_UNKNOWN_CHANNEL', 'malformed channel name')
    }
    const result = await opts.registry.dispatch(channel, payload, { origin: callerOrigin })
    sendResult(res, 200, result)
  }

  const server = http.createServer((req, res) => {
    // DNS rebinding: a page of evil.example resolved to 127.0.0.1 still sends Host: evil.example.
    if (!bound.allowedHosts.has((req.headers.host ?? '').toLowerCase())) {
      res.writeHead(421, securityHeaders)
      res.end()
      return
    }
    const pathname = (req.url ?? '/').split('?')[0]
    const task = pathname.startsWith('/bridge/') ? handleBridge(req, res, pathname.slice('/bridge/'.length)) : serveStatic(req, res, pathname)
    task.catch(() => {
      if (!res.headersSent) refuse(res, 500, 'INTERNAL', 'host failure')
      else res.destroy()
    })
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  const hostPart = host.includes(':') ? `[${host}]` : host
  const origin = `http://${hostPart}:${port}`
  bound.allowedHosts = new Set([`${hostPart}:${port}`, `localhost:${port}`])
  bound.allowedOrigins = new Set([origin, `http://localhost:${port}`])

  return {
    url: `${origin}/`,
    origin,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
