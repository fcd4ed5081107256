import type { ArmApi } from '@shared/bridge/contract'
import { ArmError } from '@shared/errors'

/** A window.arm stand-in for jsdom: the contract's shape, answers chosen by the test. */
export function installFakeArm(health: () => Promise<unknown>, config: () => Promise<unknown> = async () => ({ gatewayUrl: 'http://127.0.0.1:9' })): void {
  const api = { app: { health, config } } as unknown as ArmApi
  Object.defineProperty(window, 'arm', { value: api, configurable: true, writable: true })
}

export const healthy = (version = '9.8.7-test') => async () => ({ ok: true, version, runtime: 'browser-host', startedAt: '2026-11-22T10:00:00.000Z' })
export const failing = (code: ConstructorParameters<typeof ArmError>[0]) => async () => {
  throw new ArmError(code)
}

/** A gateway stand-in for the jsdom desk: answers the routes a test names, records every request. */
export function gatewayFetch(routes: Record<string, (body: unknown) => { status: number; json: unknown }>) {
  const calls: { url: string; body: unknown; auth?: string }[] = []
  const fetch = async (url: string, init?: RequestInit): Promise<Response> => {
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined
    calls.push({ url, body, auth: (init?.headers as Record<string, string> | undefined)?.authorization })
    const path = new URL(url).pathname
    const handler = routes[path]
    if (!handler) throw new TypeError('Failed to fetch')
    const r = handler(body)
    return new Response(JSON.stringify(r.json), { status: r.status, headers: { 'content-type': 'application/json' } })
  }
  return { fetch, calls }
}

export const sessionOf = (user: { id: string; role: string; displayName: string; iin?: string; tsonId?: string; departmentId?: string }) => ({
  status: 200,
  json: { token: `T${user.id}`.padEnd(40, 'x'), expiresAt: new Date(Date.now() + 3600_000).toISOString(), user },
})
