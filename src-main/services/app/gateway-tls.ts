/**
 * How the desk reaches the regional gateway: https with the region's CA pinned (only that CA may vouch for the
 * gateway — not the OS store, not NODE_EXTRA_CA_CERTS), or plain http in a marked development mode.
 * Development mode is explicit (ARM_GATEWAY_DEV_HTTP=1) or implied by an unpackaged run against a loopback gateway
 * (npm start, the e2e tests); a packaged desk never talks plain http to the gateway otherwise.
 * Used by the Electron shell (Chromium's certificate check, see electron/app.ts) and by the browser host (its own
 * check of the gateway at start).
 */
import { X509Certificate } from 'node:crypto'
import { readFileSync } from 'node:fs'
import http from 'node:http'
import https from 'node:https'
import { isIP } from 'node:net'
import { ArmError } from '../../../src-shared/errors'

export interface GatewayTls {
  readonly url: string
  /** The gateway's host name (or IP) as in the URL, for matching Chromium's certificate checks. */
  readonly host: string
  /** PEM of the region's CA (https only). */
  readonly caPem?: string
  /** Plain http: development only; every shell shows it. */
  readonly devHttp: boolean
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1'])

export function resolveGatewayTls(opts: { url: string; caFile?: string; isPackaged: boolean; env: Record<string, string | undefined> }): GatewayTls {
  let u: URL
  try {
    u = new URL(opts.url)
  } catch {
    throw new ArmError('GATEWAY_INSECURE', `not a URL: ${opts.url}`)
  }
  if (u.protocol === 'https:') {
    if (!opts.caFile) throw new ArmError('GATEWAY_INSECURE', 'https gateway without ARM_GATEWAY_CA (the region CA file)')
    let caPem: string
    try {
      caPem = readFileSync(opts.caFile, 'utf8')
      new X509Certificate(caPem)
    } catch {
      throw new ArmError('GATEWAY_INSECURE', `ARM_GATEWAY_CA is not a readable certificate: ${opts.caFile}`)
    }
    return { url: opts.url, host: u.hostname, caPem, devHttp: false }
  }
  if (u.protocol === 'http:') {
    const dev = opts.env.ARM_GATEWAY_DEV_HTTP === '1' || (!opts.isPackaged && LOOPBACK.has(u.hostname))
    if (!dev) throw new ArmError('GATEWAY_INSECURE', `plain http gateway outside development mode: ${opts.url}`)
    return { url: opts.url, host: u.hostname, devHttp: true }
  }
  throw new ArmError('GATEWAY_INSECURE', `unsupported scheme ${u.protocol}`)
}

/** The mark every shell shows while the gateway is reached over plain http. */
export const DEV_HTTP_MARK = 'DEVELOPMENT MODE: gateway over plain http (not for real requests)'

/** PEM certificates in a chain as Chromium hands them over (leaf first, then its issuers). */
export interface PresentedChain {
  readonly pems: string[]
}

/**
 * Whether `chain` (leaf first) for `host` is vouched for by the pinned CA: some certificate of the chain is issued and
 * signed by the CA, each link below it is signed by the next, all are within their validity, and the leaf names the
 * host. Anything else — another CA, a self-signed leaf, a wrong name — is refused.
 */
export function chainPinnedTo(caPem: string, host: string, chain: PresentedChain, at: Date = new Date()): boolean {
  try {
    const ca = new X509Certificate(caPem)
    const certs = chain.pems.map((p) => new X509Certificate(p))
    if (!certs.length) return false
    const leaf = certs[0]
    const bare = host.replace(/^\[|\]$/g, '')
    if (isIP(bare) ? leaf.checkIP(bare) === undefined : leaf.checkHost(bare) === undefined) return false
    const valid = (c: X509Certificate) => new Date(c.validFrom) <= at && at <= new Date(c.validTo)
    for (let i = 0; i < certs.length; i++) {
      const c = certs[i]
      if (!valid(c)) return false
      if (c.checkIssued(ca) && c.verify(ca.publicKey)) return true
      const next = certs[i + 1]
      if (!next || !c.checkIssued(next) || !c.verify(next.publicKey)) return false
    }
    return false
  } catch {
    return false
  }
}

/**
 * Electron's session.setCertificateVerifyProc for the gateway: its host is checked against the pinned CA only
 * (0 = trusted, -2 = refused); other hosts keep Chromium's own verdict (-3). In development mode (http) nothing is
 * pinned.
 */
export function gatewayCertificateVerifier(tls: GatewayTls) {
  return (request: { hostname: string; certificate: { data: string; issuerCert?: unknown } }, callback: (verdict: number) => void): void => {
    if (!tls.caPem || request.hostname.replace(/^\[|\]$/g, '') !== tls.host.replace(/^\[|\]$/g, '')) return callback(-3)
    const pems: string[] = []
    let c: { data: string; issuerCert?: unknown } | undefined = request.certificate
    for (let i = 0; c && i < 8; i++) {
      pems.push(c.data)
      c = c.issuerCert as typeof c
    }
    callback(chainPinnedTo(tls.caPem, tls.host, { pems }) ? 0 : -2)
  }
}

/**
 * Asks the gateway's /health over the pinned channel (Node's TLS with `ca` = the region CA only). Resolves with the
 * HTTP status; rejects GATEWAY_INSECURE when the certificate is not the region's, GATEWAY_UNREACHABLE otherwise.
 */
export function probeGateway(tls: GatewayTls, path = '/health', timeoutMs = 5000): Promise<number> {
  return new Promise((resolve, reject) => {
    const u = new URL(path, tls.url)
    const req = (u.protocol === 'https:' ? https.request : http.request)(
      u,
      { method: 'GET', timeout: timeoutMs, ...(u.protocol === 'https:' ? { ca: tls.caPem, rejectUnauthorized: true } : {}) },
      (res) => {
        res.resume()
        resolve(res.statusCode ?? 0)
      },
    )
    req.on('timeout', () => req.destroy(new Error('timeout')))
    req.on('error', (err: NodeJS.ErrnoException) => {
      const tlsFailure = /CERT|SELF_SIGNED|UNABLE_TO|HOSTNAME|ERR_TLS/.test(`${err.code ?? ''} ${err.message}`)
      reject(new ArmError(tlsFailure ? 'GATEWAY_INSECURE' : 'GATEWAY_UNREACHABLE', err.message))
    })
    req.end()
  })
}
