/** Where the renderer may connect and which foreign origins may be framed (the PIN dialog's loopback origin). */
export interface CspOptions {
  /** The regional gateway, e.g. http://127.0.0.1:8787; the only foreign origin in connect-src. */
  readonly gatewayUrl: string
  /** Origins allowed in frame-src (the crypto area's PIN dialog is served from its own loopback origin). */
  readonly frameOrigins?: readonly string[]
}

export const DEFAULT_GATEWAY_URL = 'http://127.0.0.1:8787'

/** An origin (scheme://host[:port]) from a URL, refusing anything that could widen the policy (wildcards, paths). */
export function cspOrigin(url: string): string {
  const u = new URL(url)
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error(`CSP origin must be http(s): ${url}`)
  return u.origin
}

/**
 * The one Content-Security-Policy of the renderer, sent by Electron's app:// protocol and by the browser host.
 * No 'unsafe-eval', no 'unsafe-inline' scripts, no remote code: scripts only from the app itself.
 */
export function buildCsp(opts: CspOptions): string {
  const frames = (opts.frameOrigins ?? []).map(cspOrigin)
  const directives: [string, string[]][] = [
    ['default-src', ["'none'"]],
    ['script-src', ["'self'"]],
    ['style-src', ["'self'"]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['font-src', ["'self'"]],
    ['connect-src', ["'self'", cspOrigin(opts.gatewayUrl)]],
    // blob: — the specialist's attachment preview shows a downloaded PDF scan from an object URL in an <iframe>.
    ['frame-src', [...frames, 'blob:']],
    // 'self' only: pdf.js's worker (the scan thumbnails) is bundled by Vite as an asset of the app; no blob: workers.
    ['worker-src', ["'self'"]],
    ['manifest-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
  ]
  return directives.map(([name, values]) => `${name} ${values.join(' ')}`).join('; ')
}
