// @vitest-environment jsdom
import 'fake-indexeddb/auto'
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { App as Root } from '../../../src-renderer/app/App'
import { createWorkstation } from '../../../src-renderer/app/workstation'
import { ArmDb } from '../../../src-renderer/db/ArmDb'
import { setLang } from '../../../src-renderer/i18n/lang'
import { SIGNED_OUT, useSession } from '../../../src-renderer/session/store'
import type { OutboxRuntime } from '../../../src-renderer/sync/runtime'
import { gatewayFetch, healthy, installFakeArm, sessionOf } from '../helpers'

/**
 * The diagnostics button sits in the status line's flow on the login screen and in the signed-in frame — never a
 * fixed layer over the page (it lay over content in full-page screenshots) — and goes inert with the frame when locked.
 */
let routes: Parameters<typeof gatewayFetch>[0] = {}
const gw = gatewayFetch(new Proxy({}, { get: (_, k: string) => routes[k] }) as typeof routes)
const ws = createWorkstation({
  gatewayUrl: async () => 'http://127.0.0.1:9',
  fetch: gw.fetch,
  db: new ArmDb(`status-line-${Math.random().toString(36).slice(2)}`),
  createRuntime: () => ({ start() {}, stop: async () => {}, sender: { wake() {} } }) as unknown as OutboxRuntime,
  verifierParams: { N: 1 << 4, r: 8, p: 1, dkLen: 32 },
})
beforeAll(() => import('../../../src-renderer/app/Frame'))

beforeEach(() => {
  localStorage.clear()
  setLang('ru')
  useSession.setState({ ...SIGNED_OUT, area: 'operator' })
  routes = {}
  installFakeArm(healthy())
})
afterEach(() => cleanup())

describe('diagnostics button in the status line', () => {
  it('is inside the status line on the login screen and in the signed-in frame, inert under the lock', async () => {
    routes['/api/v1/auth/login'] = () => sessionOf({ id: 'u1', role: 'supervisor', displayName: 'Әлия Сапарова' })
    render(<Root workstation={ws} />)
    const inLine = () => screen.getByTestId('status-line').contains(screen.getByTestId('diagnostics-run'))
    // the button comes with the bridge, after the login form's first paint (the login chunk stays lean)
    await screen.findByTestId('diagnostics-run')
    expect(inLine()).toBe(true)
    expect(screen.getAllByTestId('diagnostics-run')).toHaveLength(1)

    fireEvent.change(screen.getByTestId('field-id'), { target: { value: 'supervisor1' } })
    fireEvent.change(screen.getByTestId('field-password'), { target: { value: 'secret' } })
    await act(async () => {
      fireEvent.submit(screen.getByTestId('login-form'))
    })
    await screen.findByTestId('area')
    expect(screen.getAllByTestId('diagnostics-run')).toHaveLength(1)
    expect(inLine()).toBe(true)
    expect(screen.getByTestId('frame').contains(screen.getByTestId('diagnostics-run'))).toBe(true)
    act(() => useSession.setState({ locked: true }))
    expect(screen.getByTestId('diagnostics-run').closest('[inert]')).not.toBeNull()
  })
})
