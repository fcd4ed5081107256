// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest'
import { createHttpTransport, installBrowserBridge } from '../../../src-renderer/bridge/install'
import { secretCalls } from '../../../src-renderer/bridge/secretCalls'

describe('browser bridge shim', () => {
  it('keeps the preload window.arm when present', () => {
    const preloadApi = { app: {} }
    const win = { arm: preloadApi } as unknown as Window
    expect(installBrowserBridge(win, document)).toBe('preload')
    expect((win as unknown as { arm: unknown }).arm).toBe(preloadApi)
  })

  it('installs a frozen contract api sending the meta token to /bridge/<channel>', async () => {
    document.head.innerHTML = '<meta name="arm-bridge-token" content="tok-123">'
    const win = {} as Window
    expect(installBrowserBridge(win, document)).toBe('browser-host')
    const arm = (win as unknown as { arm: { app: { health: (r: object) => Promise<unknown> } } }).arm
    expect(Object.isFrozen(arm)).toBe(true)
    const fetchSpy = vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(JSON.stringify({ ok: true, value: { ok: true, version: '1', runtime: 'browser-host', startedAt: 'x' } })))
    await expect(arm.app.health({})).resolves.toMatchObject({ version: '1' })
    const [url, init] = fetchSpy.mock.calls[0]
    expect(url).toBe('/bridge/app.health')
    expect((init as RequestInit).headers).toMatchObject({ 'x-arm-token': 'tok-123' })
    fetchSpy.mockRestore()
  })

  it('turns a dead host into BRIDGE_HOST_UNREACHABLE and a non-result body into BRIDGE_BAD_RESPONSE', async () => {
    const dead = createHttpTransport('t', async () => {
      throw new TypeError('Failed to fetch')
    })
    expect(await dead('app.health', {})).toMatchObject({ ok: false, error: { code: 'BRIDGE_HOST_UNREACHABLE' } })
    const html = createHttpTransport('t', async () => new Response('<html>', { status: 502 }))
    expect(await html('app.health', {})).toMatchObject({ ok: false, error: { code: 'BRIDGE_BAD_RESPONSE' } })
  })

  it('counts the calls during which main may ask for a password (contract asksSecret) until they end, and no others', async () => {
    document.head.innerHTML = '<meta name="arm-bridge-token" content="tok-1">'
    const win = {} as Window
    installBrowserBridge(win, document)
    const arm = (win as unknown as { arm: { app: { health: (r: object) => Promise<unknown> }; crypto: { sign: (r: object) => Promise<unknown> } } }).arm
    let answer!: (r: Response) => void
    const fetchSpy = vi.spyOn(globalThis, 'fetch').mockImplementation(() => new Promise<Response>((r) => (answer = r)))
    const before = secretCalls.count
    const health = arm.app.health({})
    expect(secretCalls.count).toBe(before)
    answer(new Response(JSON.stringify({ ok: true, value: {} })))
    await health.catch(() => undefined)
    const sign = arm.crypto.sign({ keyRef: 'k', content: 'AA==' })
    expect(secretCalls.count).toBe(before + 1)
    answer(new Response(JSON.stringify({ ok: false, error: { code: 'SECRET_PROMPT_CANCELLED', message: 'x' } })))
    await expect(sign).rejects.toMatchObject({ code: 'SECRET_PROMPT_CANCELLED' })
    expect(secretCalls.count).toBe(before)
    fetchSpy.mockRestore()
  })
})
