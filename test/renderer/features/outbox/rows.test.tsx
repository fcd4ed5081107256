// @vitest-environment jsdom
/**
 * What a queue row says: the service in the UI language, the applicant's masked ИИН and name, the signing time, the
 * registration number and the gateway status translated; a rejected item its translated error and what to do next;
 * and a status the StatusTracker learns ("Обновить статус") reaches the row and the detail without a reload.
 */
import { setLang } from '../../../../src-renderer/i18n/lang'
import 'fake-indexeddb/auto'
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { catalog, statusLabel } from '../../../../src-shared/catalog'
import { errorText } from '../../../../src-shared/errors'
import { route } from '../../../../src-shared/gateway/api'
import { ArmDb } from '../../../../src-renderer/db/ArmDb'
import type { OutboxItem, RequestRecord } from '../../../../src-renderer/db/types'
import { OutboxScreen } from '../../../../src-renderer/features/outbox/OutboxScreen'
import { OutboxTransport } from '../../../../src-renderer/sync/transport'
import { OutboxService } from '../../../../src-renderer/sync/OutboxService'
import type { FetchPort } from '../../../../src-renderer/sync/ports'
import { systemClock } from '../../../../src-renderer/sync/ports'
import { StatusTracker } from '../../../../src-renderer/sync/StatusTracker'

afterEach(cleanup)

const IIN = '870412300123'
const BIN = '040340001283'
const SERVICE = catalog.list()[0]
const SERVICE_2 = catalog.list()[1]
const SIGNED_AT = Date.parse('2026-11-20T09:15:00Z')

function envelope(p: { id: string; serviceId: string; applicant: { kind: 'person'; iin: string } | { kind: 'entity'; bin: string }; form: Record<string, unknown> }): Uint8Array {
  return new TextEncoder().encode(JSON.stringify({ v: 1, envelopeId: `env-${p.id}`, serviceId: p.serviceId, applicant: p.applicant, form: p.form, createdAt: new Date(SIGNED_AT).toISOString() }))
}

function item(i: number, requestId: string, state: OutboxItem['state'], lastError?: OutboxItem['lastError']): OutboxItem {
  return { id: `o${i}`, idempotencyKey: `k${i}`, orderingKey: requestId, state, attempts: 1, nextAttemptAt: 0, createdAt: 0, updatedAt: 100 - i, lastError, history: [{ at: 0, kind: 'enqueued' }] }
}

async function setup(lng: 'ru' | 'kk' = 'ru') {
  setLang(lng)
  const db = new ArmDb(`rows-${Math.random()}`)
  const base = { documentHashes: [], createdAt: SIGNED_AT, updatedAt: SIGNED_AT, signature: 'c2ln' }
  const requests: RequestRecord[] = [
    {
      ...base,
      id: 'req-person',
      serviceId: SERVICE.id,
      state: 'registered',
      envelopeId: 'env-req-person',
      envelope: envelope({ id: 'req-person', serviceId: SERVICE.id, applicant: { kind: 'person', iin: IIN }, form: { applicantIin: IIN, applicantFullName: 'Асанов Ерлан Серікұлы' } }),
      // As signAndQueue stores it.
      applicantMasked: '8704******23',
      registrationNumber: 'GW-20261120-000042',
      gatewayStatus: 'REGISTERED',
      gatewayStatusAt: SIGNED_AT,
    },
    {
      ...base,
      id: 'req-entity',
      serviceId: SERVICE_2.id,
      state: 'rejected',
      envelopeId: 'env-req-entity',
      // No applicantMasked on the record: masked from the envelope for display.
      envelope: envelope({ id: 'req-entity', serviceId: SERVICE_2.id, applicant: { kind: 'entity', bin: BIN }, form: { applicantBin: BIN, entityName: 'ТОО «Дала»' } }),
    },
    { ...base, id: 'req-dead', serviceId: SERVICE.id, state: 'queued', envelopeId: 'env-req-dead', envelope: envelope({ id: 'req-dead', serviceId: SERVICE.id, applicant: { kind: 'person', iin: IIN }, form: {} }) },
  ]
  await db.requests.bulkPut(requests)
  await db.outbox.bulkAdd([
    item(0, 'req-person', 'sent'),
    item(1, 'req-entity', 'rejected', { code: 'GW_SIGNATURE_INVALID', httpStatus: 422, message: 'bad signature', at: 1 }),
    item(2, 'req-dead', 'dead', { code: 'GW_SOMETHING_NEW', httpStatus: 418, message: 'teapot', at: 1 }),
  ])
  const service = new OutboxService({ db, clock: systemClock })
  return { db, service }
}

function screenWith(deps: Parameters<typeof OutboxScreen>[0]['deps'], initialFilter: 'done' | 'needs_attention') {
  return render(
    <>
      <OutboxScreen deps={deps} initialFilter={initialFilter} viewport={{ width: 900, height: 640 }} />
    </>,
  )
}

describe('Outbox rows say what the request is', () => {
  it('shows the service name, masked ИИН and name, signing time, registration number and the translated status, in ru and kk', async () => {
    const { db, service } = await setup('ru')
    screenWith({ db, service }, 'done')
    const row = await screen.findByTestId('outbox-row')
    await waitFor(() => expect(within(row).getByTestId('outbox-row-service').textContent).toBe(SERVICE.name.ru))
    expect(row.textContent).toContain('8704******23')
    expect(row.textContent).toContain('Асанов Ерлан Серікұлы')
    expect(row.textContent).not.toContain(IIN)
    expect(row.textContent).toContain('Отправлена')
    expect(row.querySelector('time')?.getAttribute('dateTime')).toBe(new Date(SIGNED_AT).toISOString())
    expect(within(row).getByTestId('outbox-row-regno').textContent).toContain('GW-20261120-000042')
    const gw = within(row).getByTestId('outbox-row-gateway-status')
    expect(gw.textContent).toBe(statusLabel('REGISTERED', 'ru'))
    expect(gw.textContent).not.toContain('REGISTERED')

    await act(async () => {
      setLang('kk')
    })
    await waitFor(() => expect(within(screen.getByTestId('outbox-row')).getByTestId('outbox-row-service').textContent).toBe(SERVICE.name.kk))
    const kkRow = screen.getByTestId('outbox-row')
    expect(SERVICE.name.kk).not.toBe(SERVICE.name.ru)
    expect(kkRow.textContent).toContain('Жіберілді')
    expect(within(kkRow).getByTestId('outbox-row-gateway-status').textContent).toBe('Тіркелді')
  })

  it('a rejected item shows its translated error and what to do next; an unknown code is not shown raw', async () => {
    const { db, service } = await setup('ru')
    screenWith({ db, service }, 'needs_attention')
    await waitFor(() => expect(screen.getAllByTestId('outbox-row')).toHaveLength(2))
    const [rejected, dead] = screen.getAllByTestId('outbox-row')
    expect(rejected.dataset.state).toBe('rejected')
    await waitFor(() => expect(within(rejected).getByTestId('outbox-row-service').textContent).toBe(SERVICE_2.name.ru))
    // The БИН masked from the envelope, with the entity's name.
    expect(within(rejected).getByTestId('outbox-row-applicant').textContent).toContain('0403******83')
    expect(rejected.textContent).toContain('ТОО «Дала»')
    expect(rejected.textContent).not.toContain(BIN)
    expect(within(rejected).getByTestId('outbox-row-error').textContent).toBe(errorText('GW_SIGNATURE_INVALID', 'ru'))
    const deadError = within(dead).getByTestId('outbox-row-error').textContent ?? ''
    expect(deadError).toContain('Шлюз вернул неизвестную ошибку')
    expect(deadError).toContain('GW_SOMETHING_NEW')
    expect(deadError).not.toContain('teapot')

    fireEvent.click(rejected.querySelector('button')!)
    const detail = await screen.findByTestId('outbox-detail')
    await waitFor(() => expect(detail.querySelector('h2')?.textContent).toBe(SERVICE_2.name.ru))
    const err = within(detail).getByTestId('outbox-detail-error')
    expect(err.textContent).toContain(errorText('GW_SIGNATURE_INVALID', 'ru'))
    expect(err.textContent).toContain('отмените её с указанием причины')

    await act(async () => {
      setLang('kk')
    })
    await waitFor(() => expect(within(screen.getAllByTestId('outbox-row')[0]).getByTestId('outbox-row-error').textContent).toBe(errorText('GW_SIGNATURE_INVALID', 'kk')))
    expect(within(screen.getByTestId('outbox-detail')).getByTestId('outbox-detail-error').textContent).toContain('себебін көрсетіп болдырмаңыз')
  })

  it('a status learned by the StatusTracker (Обновить статус → RESULT_READY) shows in the row and the detail', async () => {
    const { db, service } = await setup('ru')
    const reg = 'GW-20261120-000042'
    let served = 0
    // The gateway's GET /requests/:regNo answer (the real gateway is exercised in status-tracker.test.ts).
    const fetch: FetchPort = async (url) => {
      if (new URL(url).pathname !== route.request(reg)) return Response.json({ code: 'NOT_FOUND', message: url }, { status: 404 })
      served++
      const at = new Date(SIGNED_AT + 60_000).toISOString()
      return Response.json({
        requestId: 'gw-1', registrationNumber: reg, serviceId: SERVICE.id, envelopeId: 'env-req-person', departmentId: 'd1', status: 'RESULT_READY', receivedAt: new Date(SIGNED_AT).toISOString(),
        statusHistory: [{ status: 'REGISTERED', at: new Date(SIGNED_AT).toISOString() }, { status: 'RESULT_READY', at }],
      })
    }
    const gateway = OutboxTransport.over({ baseUrl: 'http://gw.test', fetch, session: { token: () => 't', reauthenticate: async () => 't' }, clock: systemClock })
    const tracker = new StatusTracker({ db, gateway, fetch, clock: systemClock })
    screenWith({ db, service, tracker }, 'done')
    const row = await screen.findByTestId('outbox-row')
    await waitFor(() => expect(within(row).getByTestId('outbox-row-gateway-status').dataset.status).toBe('REGISTERED'))
    fireEvent.click(row.querySelector('button')!)
    await waitFor(() => expect(screen.getByTestId('outbox-detail').querySelector('h2')?.textContent).toBe(SERVICE.name.ru), { timeout: 5000 })
    await act(async () => {
      fireEvent.click(await screen.findByTestId('outbox-refresh'))
    })
    await waitFor(() => expect(within(screen.getByTestId('outbox-row')).getByTestId('outbox-row-gateway-status').textContent).toBe(statusLabel('RESULT_READY', 'ru')))
    expect(served).toBe(1)
    expect(screen.getByTestId('outbox-gateway-status').textContent).toContain('Результат готов')
    // The same stored field intake's list reads.
    expect((await db.requests.get('req-person'))?.gatewayStatus).toBe('RESULT_READY')
  })
})
