// @vitest-environment jsdom
/**
 * The term-extension panel of the inbox request view and the ЦОН's notice of it (TERM_EXTENDED / N1), in jsdom: the
 * specialist sees the current deadline, gives a reason and extends; afterwards (and on reopening) the panel says until
 * when and why; a coded refusal is shown in words. The ЦОН's request detail shows «Срок продлён до dd.MM.yyyy» and the
 * reason from the status change the stream recorded.
 */
import 'fake-indexeddb/auto'
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { catalog } from '@shared/catalog'
import { ArmError, errorText } from '@shared/errors'
import type { InboxItem, RequestStatusResponse, TermExtensionResponse } from '@shared/gateway/api'
import { termExtendedNote } from '@shared/gateway/term-extension'
import { setLang } from '../../../../../src-renderer/i18n/lang'
import { InboxDepsContext, type InboxDeps } from '../../../../../src-renderer/features/inbox/deps'
import { TermExtensionPanel } from '../../../../../src-renderer/features/inbox/term/TermExtensionPanel'
import { TermExtendedNotice } from '../../../../../src-renderer/features/outbox/TermExtendedNotice'
import { freshDb } from '../../../outbox-helpers'

const SERVICE = catalog.get('akimat.minor-deposits-certificate')
const item = {
  requestId: 'r-1', registrationNumber: 'KZ-20261207-000001', serviceId: SERVICE.id, departmentId: 'akimat-astana-education', status: 'IN_PROCESSING',
  receivedAt: '2026-12-07T05:00:00.000Z', assigneeId: 'u-1', dueAt: '2026-12-14T18:59:59.999Z', envelope: {}, envelopeBytes: '', signature: '',
} as InboxItem

function deps(history: { note?: string }[], extend: (id: string, reason: string) => Promise<TermExtensionResponse>): InboxDeps {
  const status = async () => ({ statusHistory: history.map((h) => ({ status: 'IN_PROCESSING', at: item.receivedAt, ...h })) }) as unknown as RequestStatusResponse
  return { api: { status, extendTerm: extend } as unknown as InboxDeps['api'], catalog, now: () => Date.parse(item.receivedAt), signer: { listKeys: async () => [], sign: async () => ({ cms: '' }) } }
}

const view = (d: InboxDeps, service = SERVICE) =>
  render(
    <InboxDepsContext.Provider value={d}>
      <TermExtensionPanel item={item} status="IN_PROCESSING" mine service={service} />
    </InboxDepsContext.Provider>,
  )

beforeAll(() => act(() => setLang('ru')))
afterEach(cleanup)

describe('term extension panel', () => {
  it('extends with a reason and then says until when', async () => {
    const calls: [string, string][] = []
    view(deps([], async (id, reason) => (calls.push([id, reason]), { requestId: id, registrationNumber: item.registrationNumber, status: 'IN_PROCESSING', previousDueAt: item.dueAt!, dueAt: '2026-12-22T18:59:59.999Z', extendedAt: '2026-12-07T06:00:00.000Z', reason })))
    expect(screen.getByTestId('term-due').textContent).toBe('Текущий срок: 14.12.2026')
    const button = screen.getByTestId('term-extend') as HTMLButtonElement
    expect(button.disabled).toBe(true)
    fireEvent.change(screen.getByTestId('term-reason'), { target: { value: ' Ожидается ответ ведомства ' } })
    fireEvent.click(button)
    const done = await screen.findByTestId('term-extended')
    expect(calls).toEqual([['r-1', 'Ожидается ответ ведомства']])
    expect(done.textContent).toContain('Срок продлён до 22.12.2026')
    expect(done.textContent).toContain('Причина: Ожидается ответ ведомства')
  })

  it('shows an earlier extension from the history, a coded refusal in words, and nothing for a service that does not allow it', async () => {
    view(deps([{ note: 'pattern B' }, { note: termExtendedNote({ dueAt: '2026-12-22T18:59:59.999Z', reason: 'Комиссия' }) }], async () => { throw new Error('not called') }))
    expect((await screen.findByTestId('term-extended')).textContent).toContain('Срок продлён до 22.12.2026')
    cleanup()
    view(deps([], async () => { throw new ArmError('GW_TERM_ALREADY_EXTENDED') }))
    fireEvent.change(screen.getByTestId('term-reason'), { target: { value: 'x' } })
    fireEvent.click(screen.getByTestId('term-extend'))
    await waitFor(() => expect(screen.getByTestId('term-error').textContent).toContain(errorText('GW_TERM_ALREADY_EXTENDED', 'ru')))
    cleanup()
    view(deps([], async () => { throw new Error('not called') }), catalog.get('akimat.preschool-queue'))
    expect(screen.queryByTestId('term-panel')).toBeNull()
  })
})

describe('the ЦОН sees the extension', () => {
  it('shows «Срок продлён до dd.MM.yyyy» with the reason from the recorded status change (kk and ru)', async () => {
    const db = freshDb()
    await db.statuses.add({ requestId: 'req-1', registrationNumber: item.registrationNumber, status: 'IN_PROCESSING', at: 1, source: 'stream', seq: 5, note: termExtendedNote({ dueAt: '2026-12-22T18:59:59.999Z', reason: 'Ожидается ответ ведомства' }) })
    render(<dl><TermExtendedNotice db={db} requestId="req-1" /></dl>)
    const dd = await screen.findByTestId('outbox-term-extended')
    expect(dd.textContent).toBe('Срок продлён до 22.12.2026Причина: Ожидается ответ ведомства')
    act(() => setLang('kk'))
    await waitFor(() => expect(screen.getByTestId('outbox-term-extended').textContent).toContain('Мерзімі ұзартылды: 22.12.2026 дейін'))
    act(() => setLang('ru'))
    db.close()
  })
})
