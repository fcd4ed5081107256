// @vitest-environment jsdom
import 'fake-indexeddb/auto'
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { App as Root } from '../../../src-renderer/app/App'
import { useOperatorView } from '../../../src-renderer/app/operator'
import { createWorkstation, type WorkstationOptions } from '../../../src-renderer/app/workstation'
import { ArmDb } from '../../../src-renderer/db/ArmDb'
import type { OutboxItem } from '../../../src-renderer/db/types'
import { noticeNotifier, outboxNotices } from '../../../src-renderer/features/outbox/notifications'
import { setLang } from '../../../src-renderer/i18n/lang'
import { SIGNED_OUT, useSession } from '../../../src-renderer/session/store'
import type { OutboxRuntime } from '../../../src-renderer/sync/runtime'
import { healthy, installFakeArm } from '../helpers'

/**
 * The frame with delivery wired by the composition root: counts per state in the top bar from the desk's real
 * (fake-indexeddb) ArmDb, the queue reachable from the counts and by Alt+O, and the runtime started on sign-in, kept
 * through the idle lock, stopped on sign-out. The runtime itself is a recording stand-in (jsdom has no Web Locks); the
 * sender and tracker have their own tests and the e2e (test/e2e/delivery.ts) runs the real one against the real gateway.
 */

type RuntimeFactory = NonNullable<WorkstationOptions['createRuntime']>
type Made = { opts: Parameters<RuntimeFactory>[0]; runtime: OutboxRuntime; start: ReturnType<typeof vi.fn>; stop: ReturnType<typeof vi.fn>; wake: ReturnType<typeof vi.fn>; tracker: { stop: ReturnType<typeof vi.fn> } }

const db = new ArmDb(`workstation-${Math.random().toString(36).slice(2)}`)
const made: Made[] = []
const factory: RuntimeFactory = (opts) => {
  const start = vi.fn()
  const stop = vi.fn(async () => undefined)
  const wake = vi.fn()
  const unwake = opts.wake.subscribe(wake)
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
  const tracker = { stop: vi.fn(async () => undefined) }
  const runtime = { db: opts.db, service: opts.service, sender: { wake }, tracker, connectivity, start, stop: vi.fn(async () => (unwake(), stop())) } as unknown as OutboxRuntime
  made.push({ opts, runtime, start, stop, wake, tracker })
  return runtime
}

const ws = createWorkstation({ gatewayUrl: async () => 'http://gw.example:8080/', db, createRuntime: factory, notify: noticeNotifier() })
const App = () => <Root workstation={ws} />

function item(i: number, state: OutboxItem['state']): OutboxItem {
  return {
    id: `o${i}`, idempotencyKey: `k${i}`, orderingKey: `req-${i}-0000`, state, attempts: 0, nextAttemptAt: 0,
    createdAt: i, updatedAt: i, windowStartedAt: i, history: [{ at: i, kind: 'enqueued' }],
  } as OutboxItem
}

/** A signed-in operator as the session service leaves it (the gateway part has its own tests). */
async function signIn(token: string) {
  await act(async () => {
    useSession.setState({ status: 'signedIn', active: { token, offline: false, method: 'password', expiresAt: Date.now() + 3600_000, startedAt: Date.now(), user: { id: 'u-op1', role: 'tson_operator', displayName: 'Асанова А.' } }, account: { method: 'password', id: 'op1' }, error: null, area: 'operator' })
    await ws.delivery.start()
  })
}

beforeAll(async () => {
  // the signed-in frame is a lazy chunk in the product: load it once so that a sign-in shows it at once
  await import('../../../src-renderer/app/Frame')
  installFakeArm(healthy())
  setLang('ru')
  useSession.setState({ ...SIGNED_OUT })
  await db.outbox.bulkAdd([item(1, 'pending'), item(2, 'pending'), item(3, 'in_flight'), item(4, 'rejected'), item(5, 'sent')])
})
afterEach(() => cleanup())
afterAll(async () => {
  await ws.delivery.stop()
  db.close()
})

describe('workstation delivery wiring', () => {
  it('starts nothing while signed out', () => {
    render(<App />)
    expect(made).toHaveLength(0)
    expect(screen.queryByTestId('outbox-counts')).toBeNull()
  })

  it('sign-in starts one runtime on the shared db and the intake base URL; the top bar shows counts per state', async () => {
    await signIn('tok-1')
    render(<App />)
    await waitFor(() => expect(made).toHaveLength(1))
    const m = made[0]
    // One db, one outbox, one gateway client: the composition root's, not copies.
    expect(m.opts.db).toBe(db)
    expect(m.opts.service).toBe(ws.outbox)
    expect(m.opts.gateway).toBe(ws.gateway)
    expect(m.start).toHaveBeenCalledTimes(1)
    expect(m.opts.session.token()).toBe('tok-1')
    await waitFor(() => expect(ws.delivery.current()).toBe(m.runtime))

    const counts = await screen.findByTestId('outbox-counts')
    await waitFor(() => expect(counts.getAttribute('data-pending')).toBe('2'))
    expect(counts.getAttribute('data-in-flight')).toBe('1')
    expect(counts.getAttribute('data-attention')).toBe('1')
    // pending + in flight in the badge, the rejected one in red
    expect(counts.querySelector('.outbox-counts__n--pending')?.textContent).toBe('3')
    expect(counts.querySelector('.outbox-counts__n--attention')?.textContent).toBe('1')
    expect(counts.className).toContain('outbox-counts--attention')
  })

  it('a request queued through the one outbox updates the counts and wakes the sender at once', async () => {
    render(<App />)
    const counts = await screen.findByTestId('outbox-counts')
    await waitFor(() => expect(counts.getAttribute('data-pending')).toBe('2'))
    const wakes = made[0].wake.mock.calls.length
    await act(async () => {
      await ws.outbox.enqueueSigned({ request: { id: 'req-6', serviceId: 'land.cadastral-info', envelopeId: 'env-6', envelope: new Uint8Array([1]), signature: 'c2ln', documentHashes: [] }, documents: [] })
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
    act(() => useOperatorView.setState({ view: 'outbox' }))
    expect(screen.getByTestId('panel-intake').hidden).toBe(true)
    act(() => useSession.setState({ locked: true }))
    expect(screen.getByTestId('panel-intake').hidden).toBe(false)
    expect(screen.queryByTestId('outbox-screen')).toBeNull()
    act(() => useSession.setState({ locked: false }))
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
    act(() => useSession.setState({ locked: true }))
    await new Promise((r) => setTimeout(r, 20))
    expect(made[0].stop).not.toHaveBeenCalled()
    expect(made).toHaveLength(1)
    act(() => useSession.setState({ locked: false }))

    const wakes = made[0].wake.mock.calls.length
    act(() => useSession.setState({ active: { ...useSession.getState().active!, token: 'tok-2' } }))
    expect(made[0].wake.mock.calls.length).toBe(wakes + 1)
    expect(made[0].opts.session.token()).toBe('tok-2')

    await expect(made[0].opts.session.reauthenticate()).resolves.toBeNull()
    expect(useSession.getState().locked).toBe(true)
    act(() => useSession.setState({ locked: false }))
  })

  it('sign-out with a request of theirs still queued keeps the sender draining it (their token kept, the tracker stopped) and clears the notices; the next sign-in takes over with a fresh runtime', async () => {
    render(<App />)
    fireEvent.click(screen.getByRole('button', { name: 'Выйти' }))
    await waitFor(() => expect(made[0].tracker.stop).toHaveBeenCalledTimes(1))
    expect(made[0].stop).not.toHaveBeenCalled()
    expect(ws.delivery.current()).toBeNull()
    expect(outboxNotices.getState().notices).toHaveLength(0)
    expect(made[0].opts.session.token()).toBeNull()
    await expect(ws.delivery.keepsToken('u-op1')).resolves.toBe(true)

    await signIn('tok-3')
    await waitFor(() => expect(made).toHaveLength(2))
    expect(made[0].stop).toHaveBeenCalledTimes(1)
    expect(made[1].start).toHaveBeenCalledTimes(1)
    expect(made[1].opts.session.token()).toBe('tok-3')
  })

  it('a sign-out racing a start never leaves a runtime running', async () => {
    await db.outbox.where('state').anyOf('pending', 'in_flight').modify({ state: 'sent' }) // nothing of theirs left to drain
    await act(() => ws.session.close())
    await waitFor(() => expect(made[1].stop).toHaveBeenCalledTimes(1))
    const before = made.length
    // The start waits for the previous stop; the person signs out meanwhile.
    useSession.setState({ status: 'signedIn', active: { token: 'tok-4', offline: false, method: 'password', expiresAt: Date.now() + 3600_000, startedAt: Date.now(), user: { id: 'u-op1', role: 'tson_operator', displayName: 'А' } } })
    const starting = ws.delivery.start()
    useSession.setState({ ...SIGNED_OUT })
    const stopping = ws.delivery.stop()
    await Promise.all([starting, stopping])
    expect(made.length).toBe(before)
    expect(ws.delivery.current()).toBeNull()
  })
})
