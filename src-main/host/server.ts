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
/** The HttpOnly cookie the one-time launch URL sets: what a page must carry to get its request token and to call the bridge. */
export const SESSION_COOKIE = 'arm_session'
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
  /**
   * The one-time launch URL to open in the browser (`/launch?t=…`): it sets the HttpOnly, SameSite=Strict session
   * cookie and redirects to the app; used once, it is dead. Printed to the person who started the host, nowhere else.
   */
  readonly url: string
  readonly origin: string
  readonly port: number
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

/** One cookie's value from a Cookie header (own parsing: no prototype lookups, the first occurrence wins). */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (typeof header !== 'string') return undefined
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim()
  }
  return undefined
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
  // Three secrets per start. launch: in the printed URL, good once. session: the HttpOnly cookie that launch sets —
  // no script and no other local process reads it. requestToken: the X-Arm-Token value every bridge call carries; it
  // is written into index.html only for a request that has the session cookie, so GET / without it reveals nothing.
  let launch: string | null = randomBytes(32).toString('base64url')
  const session = randomBytes(32).toString('base64url')
  const requestToken = randomBytes(32).toString('base64url')
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

  const hasSession = (req: http.IncomingMessage) => sameSecret(cookieValue(req.headers.cookie, SESSION_COOKIE), session)

  // GET /launch?t=…: the one use of the printed URL sets the session cookie and sends the browser to the app.
  const serveLaunch = (req: http.IncomingMessage, res: http.ServerResponse, query: URLSearchParams) => {
    if (req.method !== 'GET') return refuse(res, 405, 'BRIDGE_INVALID_REQUEST', 'launch is GET')
    const t = query.get('t')
    if (launch === null || t === null || !sameSecret(t, launch)) return refuse(res, 403, 'BRIDGE_UNAUTHORIZED', 'launch link unknown or already used')
    launch = null
    res.writeHead(303, {
      ...securityHeaders,
      'set-cookie': `${SESSION_COOKIE}=${session}; HttpOnly; SameSite=Strict; Path=/`,
      location: '/',
      'cache-control': 'no-store',
    })
    res.end()
  }

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
    // Without the session cookie the page is served bare: the app then shows the host as unreachable (401 answers).
    const out = isIndex && hasSession(req) ? Buffer.from(injectToken(body.toString('utf8'), requestToken)) : body
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
    if (!hasSession(req) || !sameSecret(Array.isArray(given) ? given[0] : given, requestToken)) return refuse(res, 401, 'BRIDGE_UNAUTHORIZED', 'missing or wrong session or token')
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

  const route = (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> | void => {
    // DNS rebinding: a page of evil.example resolved to 127.0.0.1 still sends Host: evil.example.
    if (!bound.allowedHosts.has((req.headers.host ?? '').toLowerCase())) {
      res.writeHead(421, securityHeaders)
      res.end()
      return
    }
    const raw = req.url ?? '/'
    const q = raw.indexOf('?')
    const pathname = q < 0 ? raw : raw.slice(0, q)
    if (pathname === '/launch') return serveLaunch(req, res, new URLSearchParams(q < 0 ? '' : raw.slice(q + 1)))
    return pathname.startsWith('/bridge/') ? handleBridge(req, res, pathname.slice('/bridge/'.length)) : serveStatic(req, res, pathname)
  }
  // The request boundary: whatever a handler throws (sync or async) becomes a coded 500 and the host keeps serving.
  const failed = (res: http.ServerResponse) => {
    if (!res.headersSent) refuse(res, 500, 'INTERNAL', 'host failure')
    else res.destroy()
  }
  const server = http.createServer((req, res) => {
    try {
      const task = route(req, res)
      if (task) task.catch(() => failed(res))
    } catch {
      failed(res)
    }
  })
  // Malformed HTTP (bad request line, oversized headers): answer 400 on that socket, never crash.
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n')
    else socket.destroy()
  })
  server.headersTimeout = 10_000
  server.requestTimeout = 60_000

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
    url: `${origin}/launch?t=${launch}`,
    origin,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
