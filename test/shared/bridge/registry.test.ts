import { describe, expect, it } from 'vitest'
import { createArmApi } from '../../../src-shared/bridge/client'
import { CONTRACT } from '../../../src-shared/bridge/contract'
import { HandlerRegistry, type Handlers } from '../../../src-shared/bridge/registry'
import { ArmError } from '../../../src-shared/errors'
import { createHandlers } from '../../../src-main/services/handlers'

const ctx = { origin: 'app://arm' }
const fixedClock = { now: () => new Date('2026-11-22T10:00:00.000Z') }
const deps = { runtime: 'browser-host' as const, clock: fixedClock, gatewayUrl: 'http://127.0.0.1:8787' }

describe('HandlerRegistry (the one dispatch path of ipcMain and the host)', () => {
  it('answers app.health with the package version, runtime and start time', async () => {
    const registry = new HandlerRegistry(createHandlers(deps))
    const result = await registry.dispatch('app.health', {}, ctx)
    const pkg = (await import('../../../package.json')).default
    expect(result).toEqual({ ok: true, value: { ok: true, version: pkg.version, runtime: 'browser-host', startedAt: '2026-11-22T10:00:00.000Z' } })
  })

  it('app.printPdf: main prints only a PDF through its printer; the browser host answers that it prints in the page', async () => {
    const pdf = Buffer.from('%PDF-1.7\n% counter\n%%EOF\n').toString('base64')
    const host = new HandlerRegistry(createHandlers(deps))
    expect(await host.dispatch('app.printPdf', { pdf, title: 'Result' }, ctx)).toMatchObject({ ok: false, error: { code: 'COUNTER_NO_PRINTER' } })
    const printed: Array<[string, string]> = []
    const electron = new HandlerRegistry(createHandlers({ ...deps, runtime: 'electron', printPdf: async (bytes, title) => (printed.push([Buffer.from(bytes).toString('latin1').slice(0, 8), title]), true) }))
    expect(await electron.dispatch('app.printPdf', { pdf, title: 'Result' }, ctx)).toEqual({ ok: true, value: { printed: true } })
    expect(printed).toEqual([['%PDF-1.7', 'Result']])
    const html = Buffer.from('<html><script>alert(1)</script></html>').toString('base64')
    expect(await electron.dispatch('app.printPdf', { pdf: html, title: 'x' }, ctx)).toMatchObject({ ok: false, error: { code: 'BRIDGE_INVALID_REQUEST' } })
    expect(await electron.dispatch('app.printPdf', { pdf: 'not base64!', title: 'x' }, ctx)).toMatchObject({ ok: false, error: { code: 'BRIDGE_INVALID_REQUEST' } })
    expect(printed).toHaveLength(1)
  })

  it('refuses an invalid payload with BRIDGE_INVALID_REQUEST before the service runs', async () => {
    let ran = false
    const handlers = { ...createHandlers(deps), 'app.health': () => ((ran = true), { ok: true as const, version: 'x', runtime: 'electron' as const, startedAt: 'now' }) }
    const registry = new HandlerRegistry(handlers)
    for (const bad of [{ extra: 1 }, null, 'text', 42, []]) {
      const result = await registry.dispatch('app.health', bad, ctx)
      expect(result.ok).toBe(false)
      if (!result.ok) expect(result.error.code).toBe('BRIDGE_INVALID_REQUEST')
    }
    expect(ran).toBe(false)
  })

  it('refuses an unknown channel (and prototype keys) with BRIDGE_UNKNOWN_CHANNEL', async () => {
    const registry = new HandlerRegistry(createHandlers(deps))
    for (const name of ['app.nothing', 'constructor', '__proto__', 42, 'app']) {
      const result = await registry.dispatch(name, {}, ctx)
      expect(result).toMatchObject({ ok: false, error: { code: 'BRIDGE_UNKNOWN_CHANNEL' } })
    }
  })

  it('refuses a handler answer outside the contract with BRIDGE_BAD_RESPONSE', async () => {
    const handlers = { ...createHandlers(deps), 'app.health': () => ({ ok: true, version: 7 }) } as unknown as Handlers
    const result = await new HandlerRegistry(handlers).dispatch('app.health', {}, ctx)
    expect(result).toMatchObject({ ok: false, error: { code: 'BRIDGE_BAD_RESPONSE' } })
  })

  it('carries a coded service error across as a payload, and an uncoded throw as INTERNAL', async () => {
    const coded = { ...createHandlers(deps), 'app.health': () => { throw new ArmError('TIMEOUT', 'slow') } } as unknown as Handlers
    expect(await new HandlerRegistry(coded).dispatch('app.health', {}, ctx)).toEqual({ ok: false, error: { code: 'TIMEOUT', message: 'slow' } })
    const plain = { ...createHandlers(deps), 'app.health': () => { throw new Error('boom') } } as unknown as Handlers
    expect(await new HandlerRegistry(plain).dispatch('app.health', {}, ctx)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
  })

  it('has a handler for every channel of the contract', () => {
    const handlers = createHandlers(deps)
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(CONTRACT).sort())
  })
})

describe('createArmApi (window.arm)', () => {
  it('exposes one named function per channel, frozen, and no generic invoke', () => {
    const api = createArmApi(async () => ({ ok: true, value: null })) as unknown as Record<string, Record<string, unknown>>
    const names = Object.entries(api).flatMap(([area, methods]) => Object.keys(methods).map((m) => `${area}.${m}`))
    expect(names.sort()).toEqual(Object.keys(CONTRACT).sort())
    expect(Object.isFrozen(api)).toBe(true)
    expect(Object.isFrozen(api.app)).toBe(true)
    expect(api.invoke).toBeUndefined()
  })

  it('round-trips through a registry-backed transport and rethrows coded errors', async () => {
    const registry = new HandlerRegistry(createHandlers(deps))
    const api = createArmApi((channel, req) => registry.dispatch(channel, req, ctx))
    await expect(api.app.health({})).resolves.toMatchObject({ ok: true, runtime: 'browser-host' })
    await expect(api.app.config({})).resolves.toEqual({ gatewayUrl: 'http://127.0.0.1:8787' })
    await expect(api.app.health({ nope: 1 } as never)).rejects.toMatchObject({ code: 'BRIDGE_INVALID_REQUEST' })
  })
})
