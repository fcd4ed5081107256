/// <reference types="node" />
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Gateway } from '../../../src-renderer/gateway/client'
import { OfflineVerifierCache, memoryVerifiers } from '../../../src-renderer/session/offlineVerifier'
import { IdleLock, SessionService } from '../../../src-renderer/session/service'
import { areasFor } from '../../../src-renderer/session/store'

/**
 * The session flows over real HTTP against a small stand-in speaking the agreed API (routes and bodies of
 * src-shared/gateway/api.ts). The e2e scenario runs the same flows against the real gateway process.
 */
const USERS = {
  operator1: { password: 'Operator#2026', user: { id: 'u-op1', role: 'tson_operator', displayName: 'Оператор 1', iin: '830717350867', tsonId: 'tson-1' } },
}
const SPECIALIST = { iin: '840731400431', password: 'Spec#2026', user: { id: 'u-sp1', role: 'provider_specialist', displayName: 'Маман', iin: '840731400431', departmentId: 'd-1' } }
let server: Server
let base = ''
let down = false
const seen: { path: string; auth?: string; body?: unknown }[] = []

function session(user: unknown) {
  return { token: 'T'.repeat(40), expiresAt: new Date(Date.now() + 3600_000).toISOString(), user }
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = ''
    req.on('data', (c) => (raw += c))
    req.on('end', () => {
      if (down) return req.socket.destroy()
      const body = raw ? JSON.parse(raw) : undefined
      seen.push({ path: req.url!, auth: req.headers.authorization, body })
      const send = (status: number, json: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' })
        res.end(JSON.stringify(json))
      }
      if (req.url === '/api/v1/auth/login') {
        const u = USERS[body.login as keyof typeof USERS]
        return u && u.password === body.password ? send(200, session(u.user)) : send(401, { code: 'GW_BAD_CREDENTIALS', message: 'bad' })
      }
      if (req.url === '/api/v1/auth/login-iin') {
        return body.iin === SPECIALIST.iin && body.password === SPECIALIST.password ? send(200, session(SPECIALIST.user)) : send(401, { code: 'GW_BAD_CREDENTIALS', message: 'bad' })
      }
      if (req.url === '/api/v1/auth/challenge') return send(200, { challengeId: 'c1', challenge: Buffer.alloc(32, 7).toString('base64'), expiresAt: new Date(Date.now() + 60_000).toISOString() })
      if (req.url === '/api/v1/auth/ecp') return body.cms === Buffer.from('signed:' + Buffer.alloc(32, 7).toString('hex')).toString('base64') ? send(200, session(USERS.operator1.user)) : send(401, { code: 'GW_CHALLENGE_INVALID', message: 'x' })
      if (req.url === '/api/v1/auth/logout') return send(200, { ok: true })
      if (req.url === '/api/v1/registry/persons/840731400431') return send(200, {
        iin: '840731400431', name: { kk: { lastName: 'Әбенова', firstName: 'Айгүл' }, ru: { lastName: 'Абенова', firstName: 'Айгуль' } },
        birthDate: '1984-07-31', sex: 'F', citizenship: 'KZ', address: { kk: 'Семей', ru: 'Семей' },
      })
      if (req.url?.startsWith('/api/v1/registry/persons/')) return send(404, { code: 'REGISTRY_PERSON_NOT_FOUND', message: 'none' })
      if (req.url === '/api/v1/registry/entities/100540005673') return send(200, { wrong: 'shape' })
      send(500, 'oops')
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((r) => server.close(() => r())))

function setup(now = { t: Date.parse('2026-11-22T10:00:00Z') }) {
  let token: string | null = null
  const gateway = new Gateway({ baseUrl: () => base, token: () => token, timeoutMs: 3000 })
  const storage = memoryVerifiers()
  const clock = { now: () => now.t }
  const verifiers = new OfflineVerifierCache({ storage, clock, params: { N: 1 << 10, r: 8, p: 1, dkLen: 32 }, periodMs: 3600_000 })
  const crypto = { sign: async (c: Uint8Array) => ({ cms: Buffer.from('signed:' + Buffer.from(c).toString('hex')).toString('base64') }) }
  const svc = new SessionService({ gateway, verifiers, clock, crypto })
  return { svc, gateway, storage, now, setToken: (t: string | null) => (token = t) }
}

describe('the one gateway client', () => {
  it('parses registry answers with the shared schemas and turns error bodies into coded errors', async () => {
    const { gateway, setToken } = setup()
    setToken('abc')
    const p = await gateway.call('person', { params: { iin: '840731400431' } })
    expect(p.name.ru.lastName).toBe('Абенова')
    expect(seen.at(-1)!.auth).toBe('Bearer abc')
    await expect(gateway.call('person', { params: { iin: '810921300640' } })).rejects.toMatchObject({ code: 'REGISTRY_PERSON_NOT_FOUND' })
    await expect(gateway.call('entity', { params: { bin: '100540005673' } })).rejects.toMatchObject({ code: 'BRIDGE_BAD_RESPONSE' })
    await expect(gateway.call('entity', { params: { bin: '060541001241' } })).rejects.toMatchObject({ code: 'GW_UNAVAILABLE' })
    await expect(new Gateway({ baseUrl: () => 'http://127.0.0.1:9', token: () => null }).call('health')).rejects.toMatchObject({ code: 'GATEWAY_UNREACHABLE' })
  })
})

describe('SessionService', () => {
  it('signs an operator in by login, a specialist by ИИН, each into their own area', async () => {
    const { svc } = setup()
    const op = await svc.signIn({ method: 'password', login: 'operator1', password: 'Operator#2026' })
    expect(op).toMatchObject({ offline: false, method: 'password' })
    expect(areasFor(op.user.role)[0]).toBe('operator')
    expect(op.token).toHaveLength(40)
    const sp = await svc.signIn({ method: 'iin', iin: '840731400431', password: 'Spec#2026' })
    expect(sp).toMatchObject({ offline: false })
    expect(areasFor(sp.user.role)[0]).toBe('specialist')
    expect(areasFor('supervisor')[0]).toBe('supervisor')
    expect(areasFor('admin')).toEqual(['admin', 'supervisor', 'audit', 'operator', 'specialist', 'verify'])
    expect(areasFor('auditor')).toEqual(['audit'])
    // «Verify a document» is on the counter's and the supervisor's desks, not the specialist's.
    expect(areasFor('tson_operator')).toContain('verify')
    expect(areasFor('supervisor')).toContain('verify')
    expect(areasFor('provider_specialist')).not.toContain('verify')
    await expect(svc.signIn({ method: 'password', login: 'operator1', password: 'nope' })).rejects.toMatchObject({ code: 'GW_BAD_CREDENTIALS' })
  })

  it('signs in with ЭЦП by signing exactly the challenge bytes', async () => {
    const { svc } = setup()
    const s = await svc.signIn({ method: 'ecp' })
    expect(s).toMatchObject({ method: 'ecp', offline: false, user: { role: 'tson_operator' } })
  })

  it('signs in offline against the cached scrypt verifier, only while the period lasts and only with the right password', async () => {
    const { svc, storage, now } = setup()
    await svc.signIn({ method: 'password', login: 'operator1', password: 'Operator#2026' })
    const v = storage.map.get('login:operator1')!
    expect(JSON.stringify(v)).not.toContain('Operator#2026')
    down = true
    try {
      const off = await svc.signIn({ method: 'password', login: ' Operator1', password: 'Operator#2026' })
      expect(off).toMatchObject({ offline: true, token: null, user: { role: 'tson_operator' } })
      await expect(svc.signIn({ method: 'password', login: 'operator1', password: 'wrong' })).rejects.toMatchObject({ code: 'SESSION_OFFLINE_UNAVAILABLE' })
      await expect(svc.signIn({ method: 'password', login: 'never-here', password: 'x' })).rejects.toMatchObject({ code: 'GATEWAY_UNREACHABLE' })
      now.t += 3600_000 + 1
      await expect(svc.signIn({ method: 'password', login: 'operator1', password: 'Operator#2026' })).rejects.toMatchObject({ code: 'SESSION_OFFLINE_UNAVAILABLE' })
      expect(storage.map.has('login:operator1')).toBe(false)
    } finally {
      down = false
    }
  })

  it('forgets the verifier when the gateway refuses the password (a changed password must not work offline)', async () => {
    const { svc, storage } = setup()
    await svc.signIn({ method: 'password', login: 'operator1', password: 'Operator#2026' })
    expect(storage.map.size).toBe(1)
    await expect(svc.signIn({ method: 'password', login: 'operator1', password: 'old' })).rejects.toMatchObject({ code: 'GW_BAD_CREDENTIALS' })
    expect(storage.map.size).toBe(0)
  })
})

describe('IdleLock', () => {
  it('locks after the idle period and activity postpones it', () => {
    const timers: { fn: () => void; at: number; id: number }[] = []
    let t = 0
    let id = 0
    const sched = {
      set: (fn: () => void, ms: number) => (timers.push({ fn, at: t + ms, id: ++id }), id as unknown as ReturnType<typeof setTimeout>),
      clear: (x: ReturnType<typeof setTimeout>) => void timers.splice(timers.findIndex((q) => q.id === (x as unknown as number)), 1),
    }
    const advance = (ms: number) => {
      t += ms
      for (const q of timers.filter((q) => q.at <= t)) {
        timers.splice(timers.indexOf(q), 1)
        q.fn()
      }
    }
    let locked = 0
    const lock = new IdleLock(1000, () => locked++, sched)
    lock.touch()
    advance(900)
    lock.touch()
    advance(900)
    expect(locked).toBe(0)
    advance(200)
    expect(locked).toBe(1)
  })
})
