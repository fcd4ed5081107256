// @vitest-environment jsdom
/**
 * Intake's list of requests and the queue read the same stored field (RequestRecord.gatewayStatus): when the
 * StatusTracker learns RESULT_READY or REFUSED, intake's list shows it on its next refresh (it re-reads every 2 s).
 */
import { setLang } from '../../../../../src-renderer/i18n/lang'
import 'fake-indexeddb/auto'
import { cleanup, render, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { catalog, statusLabel } from '../../../../../src-shared/catalog'
import { route } from '../../../../../src-shared/gateway/api'
import { ArmDb } from '../../../../../src-renderer/db/ArmDb'
import { dexieDraftStore } from '../../../../../src-renderer/features/intake/core/dexieDraftStore'
import { IntakeDepsContext, type IntakeDeps } from '../../../../../src-renderer/features/intake/ui/deps'
import { IntakeScreen } from '../../../../../src-renderer/features/intake/ui/IntakeScreen'
import { OutboxTransport } from '../../../../../src-renderer/sync/transport'
import type { FetchPort } from '../../../../../src-renderer/sync/ports'
import { systemClock } from '../../../../../src-renderer/sync/ports'
import { StatusTracker } from '../../../../../src-renderer/sync/StatusTracker'

afterEach(cleanup)

const REG = 'GW-20261120-000077'
const SERVICE = catalog.list()[0]

describe('intake list follows the gateway status the StatusTracker stores', () => {
  it('REGISTERED → REFUSED shows in intake’s list, translated', async () => {
    setLang('ru')
    const db = new ArmDb(`intake-status-${Math.random()}`)
    const now = Date.now()
    await db.requests.put({ id: 'req-1', serviceId: SERVICE.id, state: 'registered', documentHashes: [], registrationNumber: REG, gatewayStatus: 'REGISTERED', gatewayStatusAt: now, applicantMasked: '8710******27', createdAt: now, updatedAt: now })
    const deps = {
      catalog,
      store: dexieDraftStore(db),
      operator: () => ({ iin: '830717350867', tsonId: 'tson-astana-1', channel: 'tson' as const }),
      offline: () => false,
      newId: () => crypto.randomUUID(),
      now: () => Date.now(),
      // As the composition root maps it (src-renderer/app/areas.tsx).
      recentRequests: async () =>
        (await db.requests.orderBy('updatedAt').reverse().limit(20).toArray()).map((r) => ({
          id: r.id, serviceId: r.serviceId, state: r.state, registrationNumber: r.registrationNumber, gatewayStatus: r.gatewayStatus, applicantMasked: r.applicantMasked, updatedAt: r.updatedAt,
        })),
    } as unknown as IntakeDeps // gateway and signer are not touched by the list
    render(
      <>
        <IntakeDepsContext.Provider value={deps}>
          <IntakeScreen />
        </IntakeDepsContext.Provider>
      </>,
    )
    const li = async () => (await screen.findByTestId('recent-requests')).querySelector('li')!
    await waitFor(async () => expect((await li()).dataset.gatewayStatus).toBe('REGISTERED'))
    expect((await li()).textContent).toContain(statusLabel('REGISTERED', 'ru'))

    const fetch: FetchPort = async (url) => {
      if (new URL(url).pathname !== route.request(REG)) return Response.json({ code: 'NOT_FOUND', message: url }, { status: 404 })
      const at = new Date(now + 60_000).toISOString()
      return Response.json({ requestId: 'gw-1', registrationNumber: REG, serviceId: SERVICE.id, envelopeId: 'e', departmentId: 'd1', status: 'REFUSED', receivedAt: new Date(now).toISOString(), statusHistory: [{ status: 'REFUSED', at }] })
    }
    const gateway = OutboxTransport.over({ baseUrl: 'http://gw.test', fetch, session: { token: () => 't', reauthenticate: async () => 't' }, clock: systemClock })
    expect(await new StatusTracker({ db, gateway, fetch, clock: systemClock }).refresh('req-1')).toBe('REFUSED')
    await waitFor(async () => expect((await li()).dataset.gatewayStatus).toBe('REFUSED'), { timeout: 5000 })
    expect((await li()).textContent).toContain(statusLabel('REFUSED', 'ru'))
  })
})
