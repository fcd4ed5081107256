import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildCsp, cspOrigin } from '../../../../src-main/services/app/csp'
import { resolveStaticPath } from '../../../../src-main/services/app/static-files'
import { isAppUrl, isTrustedSender } from '../../../../src-main/electron/security'

describe('buildCsp', () => {
  const csp = buildCsp({ gatewayUrl: 'http://127.0.0.1:8787/api/v1', frameOrigins: ['http://127.0.0.1:8799/pin'] })
  const directive = (name: string) => csp.split('; ').find((d) => d.startsWith(`${name} `))

  it('allows scripts only from the app itself: no eval, no inline, no remote code', () => {
    expect(directive('script-src')).toBe("script-src 'self'")
    expect(directive('default-src')).toBe("default-src 'none'")
    expect(directive('object-src')).toBe("object-src 'none'")
    expect(directive('base-uri')).toBe("base-uri 'none'")
    expect(csp).not.toMatch(/unsafe-|\*|https?:\/\/[^ ;]*\/[^ ;]/)
  })

  it('adds the gateway to connect-src and the PIN-dialog origin to frame-src, as bare origins', () => {
    expect(directive('connect-src')).toBe("connect-src 'self' http://127.0.0.1:8787")
    expect(directive('frame-src')).toBe('frame-src http://127.0.0.1:8799 blob:')
  })

  it('frames blob: (the attachment preview’s PDF) and nothing wider; images from blob: too, objects never', () => {
    const bare = buildCsp({ gatewayUrl: 'http://127.0.0.1:8787' }).split('; ')
    expect(bare).toContain('frame-src blob:')
    expect(directive('img-src')).toBe("img-src 'self' data: blob:")
    expect(directive('object-src')).toBe("object-src 'none'")
    expect(csp).not.toMatch(/frame-src[^;]*(data:|filesystem:|'self'|https?:\/\/\*)/)
  })

  it('runs workers (pdf.js for the scan thumbnails) only from the app itself: no blob: or data: workers', () => {
    expect(directive('worker-src')).toBe("worker-src 'self'")
    expect(csp).not.toMatch(/(worker|script)-src[^;]*(blob:|data:)/)
  })

  it('refuses non-http origins that would widen the policy', () => {
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', 'file:///etc', 'not a url']) expect(() => cspOrigin(bad)).toThrow()
  })
})

describe('resolveStaticPath', () => {
  const root = path.resolve('/srv/renderer')
  it('maps paths inside the renderer folder and routes to index.html', () => {
    expect(resolveStaticPath(root, '/')).toBe(path.join(root, 'index.html'))
    expect(resolveStaticPath(root, '/operator/queue')).toBe(path.join(root, 'index.html'))
    expect(resolveStaticPath(root, '/assets/index-1.js?v=1')).toBe(path.join(root, 'assets/index-1.js'))
  })
  it('refuses traversal, encoded traversal, NUL and bad escapes', () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.js', '/a%00.js', '/%E0%A4%A.js']) expect(resolveStaticPath(root, p)).toBeNull()
  })
})

describe('app URL trust (Electron sender and navigation checks)', () => {
  it('trusts only app://arm and, in development, the dev-server origin', () => {
    expect(isAppUrl('app://arm/index.html')).toBe(true)
    expect(isAppUrl('app://other/index.html')).toBe(false)
    expect(isAppUrl('http://localhost:5173/')).toBe(false)
    expect(isAppUrl('http://localhost:5173/', { devServerOrigin: 'http://localhost:5173' })).toBe(true)
    expect(isAppUrl('http://localhost:5174/', { devServerOrigin: 'http://localhost:5173' })).toBe(false)
    expect(isAppUrl('garbage')).toBe(false)
  })
  it('trusts a sender only when it is the top frame of the app', () => {
    expect(isTrustedSender({ url: 'app://arm/index.html', parent: null })).toBe(true)
    expect(isTrustedSender({ url: 'app://arm/index.html', parent: {} })).toBe(false)
    expect(isTrustedSender(null)).toBe(false)
  })
})
