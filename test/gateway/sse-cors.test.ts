/**
 * The status stream as a browser on another origin opens it: the browser workstation's renderer is served from
 * http://127.0.0.1:<host port> and Electron's from app://arm, the gateway listens elsewhere, so the stream's answer
 * must carry the CORS header for that origin (the SSE route hijacks the reply, and once lost it, which made every
 * desk fall back to the 15 s poll). Real sockets (node:http), not inject: the stream never ends.
 */
import { request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROUTES } from '../../src-shared/gateway/api'
import { PASSWORDS, inProcessGateway } from '../support/gateway-helpers'

let g: ReturnType<typeof inProcessGateway>
let base = ''
let token = ''

beforeAll(async () => {
  g = inProcessGateway()
  await g.gw.app.listen({ port: 0, host: '127.0.0.1' })
  base = `http://127.0.0.1:${(g.gw.app.server.address() as AddressInfo).port}`
  const r = await fetch(base + ROUTES.login, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'operator1', password: PASSWORDS.operator }) })
  token = ((await r.json()) as { token: string }).token
})
afterAll(async () => {
  await g.close()
})

/** Opens the stream with the given Origin, returns the status, headers and the first bytes, then hangs up. */
function openStream(origin: string, method = 'GET'): Promise<{ status: number; headers: Record<string, unknown>; first: string }> {
  return new Promise((resolve, reject) => {
    const req = request(base + ROUTES.events, { method, headers: { origin, accept: 'text/event-stream', authorization: `Bearer ${token}`, 'last-event-id': '0', ...(method === 'OPTIONS' ? { 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization,last-event-id' } : {}) } }, (res) => {
      const done = (first: string) => {
        req.destroy()
        resolve({ status: res.statusCode ?? 0, headers: res.headers, first })
      }
      if (method === 'OPTIONS') return done('')
      res.once('data', (c: Buffer) => done(c.toString()))
    })
    req.on('error', reject)
    req.end()
  })
}

describe('status stream across origins', () => {
  for (const origin of ['http://127.0.0.1:5180', 'app://arm']) {
    it(`${origin}: the preflight and the open stream both allow the workstation's origin`, async () => {
      const pre = await openStream(origin, 'OPTIONS')
      expect(pre.status).toBe(204)
      expect(pre.headers['access-control-allow-origin']).toBe(origin)
      expect(String(pre.headers['access-control-allow-headers'])).toContain('last-event-id')
      const s = await openStream(origin)
      expect(s.status).toBe(200)
      expect(s.headers['content-type']).toContain('text/event-stream')
      expect(s.headers['access-control-allow-origin']).toBe(origin)
      expect(s.headers.vary).toBe('Origin')
      expect(s.first).toContain('retry:')
    })
  }

  it('a foreign origin gets the stream without any CORS grant (the browser keeps it from that page)', async () => {
    const s = await openStream('https://evil.example')
    expect(s.status).toBe(200)
    expect(s.headers['access-control-allow-origin']).toBeUndefined()
  })
})
