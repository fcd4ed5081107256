import { readFile } from 'node:fs/promises'
import { contentTypeOf, resolveStaticPath } from '../services/app/static-files'
import { APP_HOST } from './security'

/**
 * The app:// protocol handler: serves the built renderer with the CSP header (file:// would give the page
 * a null origin and no header-based CSP). Plain Request → Response, so it is tested under Node.
 */
export function createAppProtocolHandler(rendererDir: string, csp: string): (request: Request) => Promise<Response> {
  const headers = (type: string) => ({
    'content-type': type,
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
  })
  return async (request) => {
    const url = new URL(request.url)
    if (url.host !== APP_HOST) return new Response(null, { status: 404 })
    const file = resolveStaticPath(rendererDir, url.pathname)
    if (!file) return new Response(null, { status: 404 })
    try {
      const body = await readFile(file)
      return new Response(new Uint8Array(body), { status: 200, headers: headers(contentTypeOf(file)) })
    } catch {
      return new Response(null, { status: 404 })
    }
  }
}
