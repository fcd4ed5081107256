/**
 * Personal data never reaches the gateway's log: ИИН in URLs are masked, bodies (names, passwords) and tokens are
 * not logged. The real logger (pino) writes into a captured stream while real requests go through.
 */
import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../src-gateway/config'
import { createGateway } from '../../src-gateway/create'
import { maskPersonalData } from '../../src-gateway/log'
import { IIN, PASSWORDS, tempDir } from '../support/gateway-helpers'
import { join } from 'node:path'

describe('gateway log', () => {
  it('masks ИИН and never writes names, passwords or tokens', async () => {
    expect(maskPersonalData('GET /persons/830717350867?x=1')).toBe('GET /persons/8307******67?x=1')
    let text = ''
    const seen = { token: 'no-token' }
    const sink = new Writable({ write(chunk, _enc, cb) { text += String(chunk); cb() } })
    const t = tempDir()
    const gw = createGateway({ ...loadConfig({}, []), db: join(t.dir, 'log.sqlite'), logLevel: 'info', registryPersons: 50 }, { logDestination: sink })
    try {
      const login = await gw.app.inject({ method: 'POST', url: '/api/v1/auth/login-iin', payload: { iin: IIN.operator, password: PASSWORDS.operator } })
      const token = login.json().token as string
      seen.token = token
      const person = await gw.app.inject({ method: 'GET', url: `/api/v1/registry/persons/${IIN.operator}`, headers: { authorization: `Bearer ${token}` } })
      expect(person.json().name.ru.lastName).toBe('Асанова')
      // The SSE route takes ?token=; any URL with it is logged redacted.
      await gw.app.inject({ method: 'GET', url: `/api/v1/auth/me?token=${token}`, headers: { authorization: `Bearer ${token}` } })
      await gw.app.inject({ method: 'GET', url: `/api/v1/registry/persons/${IIN.specialist}x`, headers: { authorization: `Bearer ${token}` } })
    } finally {
      await gw.app.close()
      t.cleanup()
    }
    expect(text).toContain('8307******67')
    expect(text).toContain('"statusCode":200')
    for (const secret of [IIN.operator, IIN.specialist, 'Асанова', 'Айгерим', PASSWORDS.operator, seen.token]) expect(text).not.toContain(secret)
    expect(text).toContain('token=[redacted]')
  })
})
