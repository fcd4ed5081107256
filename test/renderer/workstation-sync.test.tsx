// @vitest-environment jsdom
import 'fake-indexeddb/auto'
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { App } from '../../src-renderer/app/App'
import { ArmDb } from '../../src-renderer/db/ArmDb'
import type { OutboxItem } from '../../src-renderer/db/types'
import { outboxNotices } from '../../src-renderer/features/outbox/notifications'
import { useIntakeSession } from '../../src-renderer/features/session/sessionChrome'
import { installSync, registerWorkstationI18n, useSyncStore, type RuntimeFactory } from '../../src-renderer/features/workstation/sync'
import { i18n } from '../../src-renderer/i18n'
import { useSessionStore } from '../../src-renderer/state/session'
import { useUiStore } from '../../src-renderer/state/ui'
import { OutboxService } from '../../src-renderer/sync/OutboxService'
import { systemClock } from '../../src-renderer/sync/ports'
import type { OutboxRuntime } from '../../src-renderer/sync/runtime'
import { healthy, installFakeArm } from './helpers'

/**
 * The frame with delivery wired: counts per state in the top bar from the desk's real (fake-indexeddb) ArmDb, the
 * queue reachable from the counts and by Alt+O, and the runtime started on sign-in, kept through the idle lock,
 * stopped on sign-out. The runtime itself is a recording stand-in (jsdom has no Web Locks); the sender and tracker
 * have their own tests and the e2e (test/e2e/delivery.ts) runs the real one against the real gateway.
 */

type Made = { opts: Parameters<RuntimeFactory>[0]; runtime: OutboxRuntime; start: ReturnType<typeof vi.fn>; stop: ReturnType<typeof vi.fn>; wake: ReturnType<typeof vi.fn> }

const db = new ArmDb(`workstation-${Math.random().toString(36).slice(2)}`)
const made: Made[] = []
const factory: RuntimeFactory = (opts) => {
  const start = vi.fn()
  const stop = vi.fn(async () => undefined)
  const wake = vi.fn()
  const listeners = new Set<(online: boolean, outage: boolean) => void>()
  const connectivity = {
    online: true,
    subscribe(l: (online: boolean, outage: boolean) => void) {
      listeners.add(l)
      return () => listeners.delete(l)
    },
    set(online: boolean) {
      this.online = online
      for (const l of listeners) l(online, !online)
    },
  }
  const runtime = {
    db: opts.db,
    service: new OutboxService({ db: opts.db, clock: systemClock }),
    sender: { wake },
    connectivity,
    start,
    stop,
  } as unknown as OutboxRuntime
  made.push({ opts, runtime, start, stop, wake })
  return runtime
}

let dispose: () => Promise<void>
const gatewayUrl = vi.fn(async () => 'http://config.example:1')

function item(i: number, state: OutboxItem['state']): OutboxItem {
  return {
    id: `o${i}`, idempotencyKey: `k${i}`, orderingKey: `req-${i}-0000`, state, attempts: 0, nextAttemptAt: 0,
    createdAt: i, updatedAt: i, windowStartedAt: i, history: [{ at: i, kind: 'enqueued' }],
  } as OutboxItem
}

function signIn(token: string) {
  act(() => {
    useSessionStore.setState({ status: 'signedIn', session: { token, expiresAt: new Date(Date.now() + 3600_000).toISOString(), user: { id: 'u-op1', role: 'tson_operator', displayName: 'Асанова А.' } }, error: null })
  })
}

beforeAll(async () => {
  registerWorkstationI18n(i18n)
  installFakeArm(healthy())
  useUiStore.getState().setLang('ru')
  useSessionStore.setState({ status: 'signedOut', session: null, error: null })
  await db.outbox.bulkAdd([item(1, 'pending'), item(2, 'pending'), item(3, 'in_flight'), item(4, 'rejected'), item(5, 'sent')])
  dispose = installSync({ db, baseUrl: () => 'http://gw.example:8080/', gatewayUrl, create: factory })
})
afterEach(() => cleanup())
afterAll(async () => {
  await dispose()
  db.close()
})

describe('workstation delivery wiring', () => {
  it('starts nothing while signed out', () => {
    render(<App />)
    expect(made).toHaveLength(0)
    expect(screen.queryByTestId('outbox-counts')).toBeNull()
  })

  it('sign-in starts one runtime on the shared db and the intake base URL; the top bar shows counts per state', async () => {
    signIn('tok-1')
    render(<App />)
    await waitFor(() => expect(made).toHaveLength(1))
    const m = made[0]
    expect(m.opts.db).toBe(db)
    expect(m.opts.baseUrl).toBe('http://gw.example:8080')
    expect(gatewayUrl).not.toHaveBeenCalled()
    expect(m.start).toHaveBeenCalledTimes(1)
    expect(m.opts.session.token()).toBe('tok-1')
    await waitFor(() => expect(useSyncStore.getState().runtime).toBe(m.runtime))

    const counts = await screen.findByTestId('outbox-counts')
    await waitFor(() => expect(counts.getAttribute('data-pending')).toBe('2'))
    expect(counts.getAttribute('data-in-flight')).toBe('1')
    expect(counts.getAttribute('data-attention')).toBe('1')
    // pending + in flight in the badge, the rejected one in red
    expect(counts.querySelector('.outbox-counts__n--pending')?.textContent).toBe('3')
    expect(counts.querySelector('.outbox-counts__n--attention')?.textContent).toBe('1')
    expect(counts.className).toContain('outbox-counts--attention')
  })

  it('a new queued item updates the counts and wakes the sender at once', async () => {
    render(<App />)
    const counts = await screen.findByTestId('outbox-counts')
    await waitFor(() => expect(counts.getAttribute('data-pending')).toBe('2'))
    const wakes = made[0].wake.mock.calls.length
    await act(async () => {
      await db.outbox.add(item(6, 'pending'))
    })
    await waitFor(() => expect(counts.getAttribute('data-pending')).toBe('3'))
    await waitFor(() => expect(made[0].wake.mock.calls.length).toBeGreaterThan(wakes))
  })

  it('the counts open the queue in the operator area; Alt+O switches back to intake, which stayed mounted', async () => {
    render(<App />)
    fireEvent.click(await screen.findByTestId('outbox-counts'))
    expect(screen.getByTestId('operator-workspace').getAttribute('data-view')).toBe('outbox')
    const list = await screen.findByTestId('outbox-list')
    // the "in progress" filter first: 3 pending + 1 in flight
    await waitFor(() => expect(list.getAttribute('data-count')).toBe('4'))
    expect(screen.getByTestId('panel-intake').hidden).toBe(true)
    fireEvent.keyDown(window, { key: 'o', code: 'KeyO', altKey: true })
    expect(screen.getByTestId('operator-workspace').getAttribute('data-view')).toBe('intake')
    expect(screen.queryByTestId('outbox-screen')).toBeNull()
    expect(screen.getByTestId('panel-intake').hidden).toBe(false)
    fireEvent.keyDown(window, { key: 'щ', code: 'KeyO', altKey: true })
    expect(screen.getByTestId('operator-workspace').getAttribute('data-view')).toBe('outbox')
    expect(screen.getByTestId('tab-outbox').textContent).toBe('Очередь отправки')
  })

  it('a desk locked while the queue is open shows the intake panel (where the lock form lives), then the queue again', async () => {
    render(<App />)
    act(() => useSyncStore.getState().setView('outbox'))
    expect(screen.getByTestId('panel-intake').hidden).toBe(true)
    act(() => useIntakeSession.getState().set({ locked: true }))
    expect(screen.getByTestId('panel-intake').hidden).toBe(false)
    expect(screen.queryByTestId('outbox-screen')).toBeNull()
    act(() => useIntakeSession.getState().set({ locked: false }))
    expect(screen.getByTestId('operator-workspace').getAttribute('data-view')).toBe('outbox')
    expect(made[0].stop).not.toHaveBeenCalled()
  })

  it('while the gateway cannot be reached the top bar says so next to the counts', async () => {
    render(<App />)
    await screen.findByTestId('outbox-counts')
    expect(screen.queryByTestId('gateway-offline')).toBeNull()
    const conn = made[0].runtime.connectivity as unknown as { set(online: boolean): void }
    act(() => conn.set(false))
    expect(screen.getByTestId('gateway-offline').textContent).toBe('Нет шлюза')
    expect(screen.getByTestId('gateway-offline').getAttribute('title')).toBe('Нет связи со шлюзом — заявки сохраняются в очереди')
    act(() => conn.set(true))
    expect(screen.queryByTestId('gateway-offline')).toBeNull()
  })

  it('a result notice from the tracker shows in the frame once', async () => {
    render(<App />)
    act(() => made[0].opts.notify!.notify({ kind: 'result', requestId: 'req-1-0000', registrationNumber: 'KZ-20261122-000001', status: 'RESULT_READY' }))
    const notices = await screen.findAllByTestId('outbox-notice')
    expect(notices).toHaveLength(1)
    expect(notices[0].textContent).toContain('KZ-20261122-000001')
  })

  it('the idle lock keeps delivering; a renewed token wakes the sender; a 401 the sender cannot fix locks the desk', async () => {
    act(() => useIntakeSession.getState().set({ locked: true }))
    await new Promise((r) => setTimeout(r, 20))
    expect(made[0].stop).not.toHaveBeenCalled()
    expect(made).toHaveLength(1)
    act(() => useIntakeSession.getState().set({ locked: false }))

    const wakes = made[0].wake.mock.calls.length
    act(() => useSessionStore.setState({ session: { ...useSessionStore.getState().session!, token: 'tok-2' } }))
    expect(made[0].wake.mock.calls.length).toBe(wakes + 1)
    expect(made[0].opts.session.token()).toBe('tok-2')

    await expect(made[0].opts.session.reauthenticate()).resolves.toBeNull()
    expect(useIntakeSession.getState().locked).toBe(true)
    act(() => useIntakeSession.getState().set({ locked: false }))
  })

  it('sign-out stops the runtime and clears the notices; the next sign-in starts a fresh one', async () => {
    render(<App />)
    fireEvent.click(screen.getByRole('button', { name: 'Выйти' }))
    await waitFor(() => expect(made[0].stop).toHaveBeenCalledTimes(1))
    expect(useSyncStore.getState().runtime).toBeNull()
    expect(outboxNotices.getState().notices).toHaveLength(0)
    expect(made[0].opts.session.token()).toBeNull()

    signIn('tok-3')
    await waitFor(() => expect(made).toHaveLength(2))
    expect(made[1].start).toHaveBeenCalledTimes(1)
    expect(made[1].opts.session.token()).toBe('tok-3')
    expect(useSyncStore.getState().view).toBe('intake')
  })

  it('a sign-out racing a slow start never leaves a runtime running', async () => {
    const dbSlow = new ArmDb(`workstation-slow-${Math.random().toString(36).slice(2)}`)
    act(() => useSessionStore.getState().signOut())
    await waitFor(() => expect(made[1].stop).toHaveBeenCalledTimes(1))
    await dispose()
    let release: ((u: string) => void) | undefined
    const slowUrl = () => new Promise<string>((r) => (release = r))
    const before = made.length
    dispose = installSync({ db: dbSlow, baseUrl: () => '', gatewayUrl: slowUrl, create: factory })
    signIn('tok-4')
    // the start is waiting for the URL when the operator signs out
    await waitFor(() => expect(release).toBeTypeOf('function'))
    act(() => useSessionStore.getState().signOut())
    release!('http://late.example')
    await new Promise((r) => setTimeout(r, 20))
    expect(made.length).toBe(before)
    expect(useSyncStore.getState().runtime).toBeNull()
    dbSlow.close()
  })
})
