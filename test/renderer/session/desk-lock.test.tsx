// @vitest-environment jsdom
import 'fake-indexeddb/auto'
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { App } from '../../../src-renderer/app/App'
import { createWorkstation } from '../../../src-renderer/app/workstation'
import { ArmDb } from '../../../src-renderer/db/ArmDb'
import { setLang } from '../../../src-renderer/i18n/lang'
import { SIGNED_OUT, useSession } from '../../../src-renderer/session/store'
import type { OutboxRuntime } from '../../../src-renderer/sync/runtime'
import { gatewayFetch, healthy, installFakeArm, sessionOf } from '../helpers'

/**
 * The idle lock covers the desk of EVERY role, not only the operator's: the frame mounts the session chrome, and
 * everything under the lock is inert until the same person's password unlocks it.
 */
const USERS = {
  tson_operator: { id: 'u-op', role: 'tson_operator', displayName: 'Асанова А.', tsonId: 'tson-1' },
  provider_specialist: { id: 'u-sp', role: 'provider_specialist', displayName: 'Маманова М.', departmentId: 'd-1' },
  supervisor: { id: 'u-sv', role: 'supervisor', displayName: 'Сапарова Ә.' },
  admin: { id: 'u-ad', role: 'admin', displayName: 'Әкімші' },
} as const

let who: keyof typeof USERS = 'tson_operator'
let unlockAs: keyof typeof USERS | null = null
const gw = gatewayFetch({
  '/api/v1/auth/login': () => sessionOf(USERS[unlockAs ?? who]),
})
const ws = createWorkstation({
  gatewayUrl: async () => 'http://127.0.0.1:9',
  fetch: gw.fetch,
  db: new ArmDb(`lock-${Math.random().toString(36).slice(2)}`),
  idleMs: 1500,
  verifierParams: { N: 1 << 4, r: 8, p: 1, dkLen: 32 },
  createRuntime: () => ({ start() {}, stop: async () => {}, sender: { wake() {} } }) as unknown as OutboxRuntime,
})
// The signed-in frame is a lazy chunk in the product; load it once here so that a sign-in shows it at once.
beforeAll(() => import('../../../src-renderer/app/Frame'))

beforeEach(() => {
  localStorage.clear()
  setLang('ru')
  useSession.setState({ ...SIGNED_OUT, area: 'operator' })
  unlockAs = null
  installFakeArm(healthy())
})
afterEach(async () => {
  await act(() => ws.session.close())
  cleanup()
})

async function signInAs(role: keyof typeof USERS) {
  who = role
  render(<App workstation={ws} />)
  fireEvent.change(screen.getByTestId('field-id'), { target: { value: role } })
  fireEvent.change(screen.getByTestId('field-password'), { target: { value: 'pw' } })
  await act(async () => {
    fireEvent.submit(screen.getByTestId('login-form'))
  })
  return screen.findByTestId('frame')
}

describe('idle lock on every desk', () => {
  for (const role of Object.keys(USERS) as (keyof typeof USERS)[]) {
    it(`${role}: idle time locks the whole desk (inert under the lock); only the same person's password unlocks it`, async () => {
      const frame = await signInAs(role)
      expect(frame.hasAttribute('inert')).toBe(false)
      const overlay = await screen.findByTestId('lock-overlay', {}, { timeout: 3000 })
      expect(overlay.getAttribute('aria-modal')).toBe('true')
      expect(screen.getByTestId('frame').hasAttribute('inert')).toBe(true)
      // The area the role works in is under the lock, not beside it.
      expect(screen.getByTestId('frame').contains(screen.getByTestId('area'))).toBe(true)
      expect(overlay.contains(screen.getByTestId('area'))).toBe(false)

      // Someone else's password does not open this person's desk.
      unlockAs = role === 'admin' ? 'supervisor' : 'admin'
      fireEvent.change(screen.getByTestId('unlock-password'), { target: { value: 'pw' } })
      await act(async () => {
        fireEvent.submit(overlay.querySelector('form')!)
      })
      await waitFor(() => expect(screen.getByTestId('lock-overlay').querySelector('[role="alert"]')?.textContent).toContain('SESSION_BAD_CREDENTIALS'))
      expect(useSession.getState().locked).toBe(true)

      unlockAs = null
      fireEvent.change(screen.getByTestId('unlock-password'), { target: { value: 'pw' } })
      await act(async () => {
        fireEvent.submit(screen.getByTestId('lock-overlay').querySelector('form')!)
      })
      await waitFor(() => expect(screen.queryByTestId('lock-overlay')).toBeNull())
      expect(screen.getByTestId('frame').hasAttribute('inert')).toBe(false)
      expect(useSession.getState().active?.user.id).toBe(USERS[role].id)
    })
  }
})
