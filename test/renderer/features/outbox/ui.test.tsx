// @vitest-environment jsdom
import { setLang } from '../../../../src-renderer/i18n/lang'
import 'fake-indexeddb/auto'
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { ArmDb } from '../../../../src-renderer/db/ArmDb'
import type { OutboxItem } from '../../../../src-renderer/db/types'
import { noticeNotifier, OutboxNotifications, outboxNotices } from '../../../../src-renderer/features/outbox/notifications'
import { OutboxCounts, OutboxScreen } from '../../../../src-renderer/features/outbox/OutboxScreen'
import { OutboxService } from '../../../../src-renderer/sync/OutboxService'
import { systemClock } from '../../../../src-renderer/sync/ports'

afterEach(cleanup)

async function setup(n: number) {
  setLang('ru')
  const db = new ArmDb(`ui-${Math.random()}`)
  const items: OutboxItem[] = Array.from({ length: n }, (_, i) => ({
    id: `o${i}`,
    idempotencyKey: `k${i}`,
    orderingKey: `req-${String(i).padStart(6, '0')}`,
    state: i === 0 ? 'rejected' : i === 1 ? 'in_flight' : 'pending',
    attempts: i === 0 ? 1 : 0,
    nextAttemptAt: i,
    createdAt: i,
    updatedAt: i === 1 ? n : i,
    lastError: i === 0 ? { code: 'GW_SIGNATURE_INVALID', httpStatus: 422, message: 'bad signature', at: 1 } : undefined,
    progress: i === 1 ? { sent: 50, total: 200 } : undefined,
    history: [{ at: i, kind: 'enqueued' }, ...(i === 0 ? [{ at: 2, kind: 'attempt' as const, attempt: 1, code: 'GW_SIGNATURE_INVALID', httpStatus: 422 }, { at: 2, kind: 'rejected' as const, code: 'GW_SIGNATURE_INVALID' }] : [])],
  }))
  await db.outbox.bulkAdd(items)
  await db.requests.put({ id: 'req-000000', serviceId: 's', state: 'rejected', documentHashes: [], createdAt: 0, updatedAt: 0 })
  const service = new OutboxService({ db, clock: systemClock })
  return { db, service }
}

describe('Outbox UI', () => {
  it('renders 10,000 queued requests virtualised: only a screenful of rows in the DOM', async () => {
    const { db, service } = await setup(10_000)
    // Rows read their requests by primary key for the visible window only: count the keys asked for.
    const asked: string[] = []
    const bulkGet = db.requests.bulkGet.bind(db.requests)
    db.requests.bulkGet = ((keys: string[]) => {
      asked.push(...keys)
      return bulkGet(keys)
    }) as typeof db.requests.bulkGet
    render(
      <>
        <OutboxCounts service={service} />
        <OutboxScreen deps={{ db, service }} initialFilter="in_progress" viewport={{ width: 900, height: 640 }} />
      </>,
    )
    await waitFor(() => expect(screen.getByTestId('outbox-list').dataset.count).toBe('9999'), { timeout: 10_000 })
    await waitFor(() => expect(screen.getAllByTestId('outbox-row').length).toBeGreaterThan(5), { timeout: 10_000 })
    // Paged by index: the list read one page of the 9,999, not all of them.
    const loaded = Number(screen.getByTestId('outbox-list').dataset.loaded)
    expect(loaded).toBeGreaterThan(0)
    expect(loaded).toBeLessThanOrEqual(200)
    const rows = screen.getAllByTestId('outbox-row')
    expect(rows.length).toBeGreaterThan(5)
    expect(rows.length).toBeLessThan(40)
    await waitFor(() => expect(asked.length).toBeGreaterThan(0))
    expect(new Set(asked).size).toBeLessThan(100)
    const counts = await screen.findByTestId('outbox-counts')
    await waitFor(() => expect(counts.dataset.pending).toBe('9998'))
    expect(counts.dataset.attention).toBe('1')
    // The in-flight upload shows its progress bar.
    expect(document.querySelector('progress')?.getAttribute('value')).toBe('25')
  })

  it('reads further pages by index as the window nears the end of what is loaded', async () => {
    const { db, service } = await setup(2_000)
    render(
      <>
        <OutboxScreen deps={{ db, service }} initialFilter="in_progress" viewport={{ width: 900, height: 640 }} />
      </>,
    )
    const list = screen.getByTestId('outbox-list')
    await waitFor(() => expect(screen.getAllByTestId('outbox-row').length).toBeGreaterThan(5), { timeout: 10_000 })
    expect(Number(list.dataset.loaded)).toBeLessThanOrEqual(200)
    // Jump to row 1,200 (rows are 80 px): the page holding it is read and the row shows the right item, newest first.
    act(() => {
      list.scrollTop = 1_200 * 80
      fireEvent.scroll(list)
    })
    await waitFor(() => expect(Number(list.dataset.loaded)).toBeGreaterThan(1_200), { timeout: 10_000 })
    await waitFor(() => expect(document.querySelector('[data-request-id="req-000800"]')).not.toBeNull(), { timeout: 10_000 })
    expect(Number(list.dataset.loaded)).toBeLessThan(2_000)
  })

  it('needs-attention shows the gateway reason; history and retry work from the detail panel', async () => {
    const { db, service } = await setup(3)
    render(
      <>
        <OutboxScreen deps={{ db, service }} viewport={{ width: 900, height: 640 }} />
      </>,
    )
    const row = await screen.findByTestId('outbox-row')
    expect(row.dataset.state).toBe('rejected')
    expect(row.textContent).toContain('Отклонена')
    expect(row.textContent).toMatch(/GW_SIGNATURE_INVALID|подпис/i)
    fireEvent.click(row.querySelector('button')!)
    const history = await screen.findByTestId('outbox-history')
    expect(history.querySelectorAll('li')).toHaveLength(3)
    fireEvent.click(screen.getByTestId('outbox-cancel'))
    expect((await screen.findByTestId('outbox-action-error')).textContent).toContain('причину')
    await act(async () => {
      fireEvent.click(screen.getByTestId('outbox-retry'))
    })
    await waitFor(async () => expect((await db.outbox.get('o0'))!.state).toBe('pending'))
    fireEvent.click(screen.getByTestId('outbox-filter-in_progress'))
    await waitFor(() => expect(screen.getByTestId('outbox-list').dataset.count).toBe('3'))
  })

  it('shows a notice when a result or a refusal arrives, until dismissed', async () => {
    await setup(0)
    render(
      <>
        <OutboxNotifications />
      </>,
    )
    const port = noticeNotifier()
    act(() => {
      port.notify({ kind: 'refusal', requestId: 'r1', registrationNumber: 'GW-20261122-000007', status: 'REFUSED' })
      port.notify({ kind: 'result', requestId: 'r2', registrationNumber: 'GW-20261122-000008', status: 'RESULT_READY' })
    })
    const notices = await screen.findAllByTestId('outbox-notice')
    expect(notices.map((n) => n.dataset.kind)).toEqual(['refusal', 'result'])
    expect(notices[0].textContent).toContain('Пришёл отказ по заявке GW-20261122-000007')
    act(() => {
      fireEvent.click(notices[0].querySelector('.outbox-notice__close')!)
    })
    expect(screen.getAllByTestId('outbox-notice')).toHaveLength(1)
    expect(outboxNotices.getState().notices[0].requestId).toBe('r2')
  })
})
