// @vitest-environment jsdom
import 'fake-indexeddb/auto'
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { ArmError, ERRORS } from '@shared/errors'
import { App as Root } from '../../../src-renderer/app/App'
import { ErrorBoundary } from '../../../src-renderer/app/ErrorBoundary'
import { createWorkstation } from '../../../src-renderer/app/workstation'
import { ArmDb } from '../../../src-renderer/db/ArmDb'
import { loadErrorTexts } from '../../../src-renderer/i18n/errorTexts'
import { setLang } from '../../../src-renderer/i18n/lang'
import { SIGNED_OUT, useSession } from '../../../src-renderer/session/store'
import type { OutboxRuntime } from '../../../src-renderer/sync/runtime'
import { failing, gatewayFetch, healthy, installFakeArm, sessionOf } from '../helpers'

/** The desk's composition root with the gateway answered by the test (and no delivery runtime: jsdom has no Web Locks). */
let routes: Parameters<typeof gatewayFetch>[0] = {}
const gw = gatewayFetch(new Proxy({}, { get: (_, k: string) => routes[k] }) as typeof routes)
const ws = createWorkstation({
  gatewayUrl: async () => 'http://127.0.0.1:9',
  fetch: gw.fetch,
  db: new ArmDb(`shell-${Math.random().toString(36).slice(2)}`),
  createRuntime: () => ({ start() {}, stop: async () => {}, sender: { wake() {} } }) as unknown as OutboxRuntime,
  verifierParams: { N: 1 << 4, r: 8, p: 1, dkLen: 32 },
})
// The signed-in frame and the error table are lazy chunks in the product (the frame after sign-in, the table after the
// login screen's first paint); load them once here so that a sign-in shows the frame and an error its sentence at once.
beforeAll(() => Promise.all([import('../../../src-renderer/app/Frame'), loadErrorTexts()]))
const App = () => <Root workstation={ws} />

beforeEach(() => {
  localStorage.clear()
  setLang('kk')
  useSession.setState({ ...SIGNED_OUT, area: 'operator' })
  routes = {}
  gw.calls.length = 0
  installFakeArm(healthy())
})
afterEach(() => cleanup())

describe('language switch', () => {
  it('starts in Kazakh and switches texts to Russian and English by button and by Alt+1/2/3', async () => {
    render(<App />)
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Жүйеге кіру')
    expect(screen.getByTestId('submit').textContent).toBe('Кіру')
    expect(screen.getByTestId('lang-kk').getAttribute('aria-pressed')).toBe('true')

    fireEvent.click(screen.getByTestId('lang-ru'))
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Вход в систему')
    expect(screen.getByTestId('submit').textContent).toBe('Войти')
    expect(document.documentElement.lang).toBe('ru')
    expect(screen.getByTestId('lang-ru').getAttribute('aria-pressed')).toBe('true')

    fireEvent.keyDown(window, { key: '3', code: 'Digit3', altKey: true })
    expect(screen.getByTestId('submit').textContent).toBe('Sign in')
    fireEvent.keyDown(window, { key: '1', code: 'Digit1', altKey: true })
    expect(screen.getByTestId('submit').textContent).toBe('Кіру')
    expect(localStorage.getItem('arm.lang')).toBe('kk')
    await screen.findByText(/Нұсқа 9\.8\.7-test/)
  })

  it('the language buttons are real buttons reachable by keyboard', () => {
    render(<App />)
    for (const l of ['kk', 'ru', 'en']) {
      const b = screen.getByTestId(`lang-${l}`)
      expect(b.tagName).toBe('BUTTON')
      expect(b.getAttribute('tabindex')).not.toBe('-1')
    }
  })
})

describe('status line', () => {
  it('shows the version and runtime read from window.arm.app.health()', async () => {
    const health = vi.fn(healthy('1.2.3-fake'))
    installFakeArm(health)
    render(<App />)
    const line = screen.getByTestId('status-line')
    await waitFor(() => expect(line.getAttribute('data-state')).toBe('ok'))
    expect(health).toHaveBeenCalledWith({})
    expect(line.textContent).toContain('Нұсқа 1.2.3-fake')
    expect(line.textContent).toContain('Жұмыс орны қызметтері қолжетімді (браузер)')
    fireEvent.click(screen.getByTestId('lang-en'))
    expect(line.textContent).toContain('Version 1.2.3-fake')
  })

  it('shows the coded, translated error when the bridge refuses', async () => {
    installFakeArm(failing('BRIDGE_UNAUTHORIZED'))
    render(<App />)
    const line = screen.getByTestId('status-line')
    await waitFor(() => expect(line.getAttribute('data-state')).toBe('failed'))
    expect(line.textContent).toContain('[BRIDGE_UNAUTHORIZED]')
    expect(line.textContent).toContain(ERRORS.BRIDGE_UNAUTHORIZED.kk)
  })
})

describe('error boundary', () => {
  function Boom({ code }: { code: 'BRIDGE_FOREIGN_SENDER' | 'NONE' }): never {
    if (code === 'NONE') throw new Error('plain failure with no code')
    throw new ArmError(code, 'thrown by a test component')
  }

  it('shows a thrown coded error in the chosen language, with its code and what to do next', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {})
    render(
      <ErrorBoundary>
        <Boom code="BRIDGE_FOREIGN_SENDER" />
      </ErrorBoundary>,
    )
    const view = screen.getByTestId('error-view')
    expect(view.getAttribute('data-code')).toBe('BRIDGE_FOREIGN_SENDER')
    expect(view.textContent).toContain(ERRORS.BRIDGE_FOREIGN_SENDER.kk)
    expect(view.textContent).toContain('Қате коды: BRIDGE_FOREIGN_SENDER')
    fireEvent.click(screen.getByTestId('lang-ru'))
    expect(screen.getByTestId('error-view').textContent).toContain(ERRORS.BRIDGE_FOREIGN_SENDER.ru)
    expect(screen.getByTestId('error-view').textContent).toContain('Код ошибки: BRIDGE_FOREIGN_SENDER')
    spy.mockRestore()
  })

  it('shows INTERNAL for an uncoded error', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {})
    setLang('en')
    render(
      <ErrorBoundary>
        <Boom code="NONE" />
      </ErrorBoundary>,
    )
    expect(screen.getByTestId('error-view').textContent).toContain(ERRORS.INTERNAL.en)
    spy.mockRestore()
  })
})

describe('login screen', () => {
  it('validates fields, submits on Enter through the injected signIn, and opens the frame', async () => {
    routes['/api/v1/auth/login'] = () => sessionOf({ id: 'u1', role: 'supervisor', displayName: 'Әлия Сапарова' })
    render(<App />)
    const form = screen.getByTestId('login-form')
    fireEvent.submit(form)
    expect(gw.calls).toHaveLength(0)
    expect(screen.getAllByText('Бұл өрісті толтырыңыз.').length).toBe(2)

    fireEvent.change(screen.getByTestId('field-id'), { target: { value: 'operator1' } })
    fireEvent.change(screen.getByTestId('field-password'), { target: { value: 'secret' } })
    await act(async () => {
      fireEvent.submit(form)
    })
    expect(gw.calls.filter((c) => c.url.endsWith('/auth/login')).map((c) => c.body)).toEqual([{ login: 'operator1', password: 'secret' }])
    expect(JSON.stringify(useSession.getState())).not.toContain('secret')

    // Frame: a supervisor sees supervisor and operator areas and can switch between them.
    expect(await screen.findByTestId('area')).toBeTruthy()
    expect(screen.queryByTestId('area-specialist')).toBeNull()
    expect(screen.getByTestId('area').getAttribute('data-area')).toBe('supervisor')
    expect(screen.getByTestId('area-supervisor').getAttribute('aria-current')).toBe('page')
    fireEvent.click(screen.getByTestId('area-operator'))
    // Only the frame is asserted here: the operator area shows whatever screen the intake feature registered.
    expect(screen.getByTestId('area').getAttribute('data-area')).toBe('operator')
    expect(screen.getByTestId('area-operator').getAttribute('aria-current')).toBe('page')
    expect(screen.getByTestId('area-supervisor').getAttribute('aria-current')).toBeNull()
  })

  it('checks the IIN format in IIN mode and sends the IIN', async () => {
    routes['/api/v1/auth/login-iin'] = () => sessionOf({ id: 'u2', role: 'provider_specialist', displayName: 'S' })
    render(<App />)
    fireEvent.click(screen.getByTestId('mode-iin'))
    fireEvent.change(screen.getByTestId('field-id'), { target: { value: '12345' } })
    fireEvent.change(screen.getByTestId('field-password'), { target: { value: 'p' } })
    fireEvent.submit(screen.getByTestId('login-form'))
    expect(screen.getByText('ЖСН 12 цифрдан тұрады.')).toBeTruthy()
    expect(gw.calls).toHaveLength(0)
    fireEvent.change(screen.getByTestId('field-id'), { target: { value: '900101300123' } })
    await act(async () => {
      fireEvent.submit(screen.getByTestId('login-form'))
    })
    expect(gw.calls.filter((c) => c.url.endsWith('/auth/login-iin')).map((c) => c.body)).toEqual([{ iin: '900101300123', password: 'p' }])
    expect((await screen.findByTestId('area')).getAttribute('data-area')).toBe('specialist')
  })

  it('shows GATEWAY_UNREACHABLE, translated, when nothing answers', async () => {
    render(<App />)
    fireEvent.click(screen.getByTestId('lang-ru'))
    fireEvent.change(screen.getByTestId('field-id'), { target: { value: 'operator1' } })
    fireEvent.change(screen.getByTestId('field-password'), { target: { value: 'secret' } })
    await act(async () => {
      fireEvent.submit(screen.getByTestId('login-form'))
    })
    const err = await screen.findByTestId('login-error')
    expect(err.getAttribute('data-code')).toBe('GATEWAY_UNREACHABLE')
    expect(err.textContent).toContain(ERRORS.GATEWAY_UNREACHABLE.ru)
    expect(gw.calls.map((c) => c.url)).toEqual(['http://127.0.0.1:9/api/v1/auth/login'])
    expect(useSession.getState().status).toBe('signedOut')
  })

  it('ЭЦП mode has no password field and hands over mode ecp', async () => {
    routes['/api/v1/auth/challenge'] = () => ({ status: 503, json: { code: 'GW_UNAVAILABLE', message: 'down' } })
    render(<App />)
    fireEvent.click(screen.getByTestId('mode-ecp'))
    expect(screen.queryByTestId('field-password')).toBeNull()
    await act(async () => {
      fireEvent.click(screen.getByTestId('submit'))
    })
    expect((await screen.findByTestId('login-error')).getAttribute('data-code')).toBe('GW_UNAVAILABLE')
    // ЭЦП asks the gateway for a challenge: no login or password request is made.
    expect(gw.calls.map((c) => c.url)).toEqual(['http://127.0.0.1:9/api/v1/auth/challenge'])
  })
})
