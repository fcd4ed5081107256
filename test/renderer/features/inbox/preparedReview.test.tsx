// @vitest-environment jsdom
/**
 * The authorised person's review of a prepared decision: the head's own SIGN key is preselected from main's
 * certificate facts (her ИИН, the signing key usage), as on every desk — never her AUTH key, never a colleague's SIGN
 * key; while main is still listing the keys the select says so and cannot be used.
 */
import { act, cleanup, render, screen, waitFor } from '@testing-library/react'
import { afterEach, expect, it } from 'vitest'
import { catalog } from '@shared/catalog'
import type { InboxItem } from '@shared/gateway/api'
import type { KeyOption } from '../../../../src-renderer/bridge/crypto'
import { setLang } from '../../../../src-renderer/i18n/lang'
import { InboxDepsContext, type InboxDeps } from '../../../../src-renderer/features/inbox/deps'
import { PreparedDecisionReview } from '../../../../src-renderer/features/inbox/decision/PreparedDecisionReview'

afterEach(cleanup)

const HEAD_IIN = '720419412038'
const facts = (iin: string, purpose: 'AUTH' | 'SIGN', roles: string[]) => ({ iin, purposes: [purpose], notBefore: '2026-01-01T00:00:00Z', notAfter: '2031-01-01T00:00:00Z', ncaRoles: roles })
const KEYS: KeyOption[] = [
  { keyRef: 'emp-sign', label: 'education-specialist-sign.p12', purposes: ['SIGN'], facts: facts('940512315205', 'SIGN', ['legal-entity', 'employee']) },
  { keyRef: 'head-auth', label: 'education-head-auth.p12', purposes: ['AUTH'], facts: facts(HEAD_IIN, 'AUTH', ['legal-entity', 'head']) },
  { keyRef: 'head-sign', label: 'education-head-sign.p12', purposes: ['SIGN'], facts: facts(HEAD_IIN, 'SIGN', ['legal-entity', 'head']) },
]

it('preselects the head’s own SIGN key once main has listed the keys, and says the keys are being read until then', async () => {
  act(() => setLang('kk'))
  let listed: (keys: KeyOption[]) => void = () => undefined
  const deps = {
    api: {},
    catalog,
    now: () => Date.parse('2026-12-08T06:00:00Z'),
    signer: { listKeys: () => new Promise<KeyOption[]>((r) => (listed = r)), sign: async () => ({ cms: '' }) },
  } as unknown as InboxDeps
  const item = {
    requestId: 'r1', registrationNumber: 'GW-20261208-000001', serviceId: 'akimat.preschool-queue', departmentId: 'akimat-astana-education', status: 'IN_PROCESSING',
    receivedAt: '2026-12-08T05:00:00Z', envelope: {}, envelopeBytes: '', signature: '',
    prepared: { kind: 'result', payload: '', preparedBy: 'Жұмабаев Нұрсұлтан', preparedById: 'u-emp', preparedAt: '2026-12-08T05:30:00Z' },
  } as unknown as InboxItem
  render(
    <InboxDepsContext.Provider value={deps}>
      <PreparedDecisionReview item={item} service={catalog.get('akimat.preschool-queue')} me={{ id: 'u-head', role: 'provider_specialist', displayName: 'Мұқанова Сәуле Болатқызы', iin: HEAD_IIN }} onSigned={async () => undefined} />
    </InboxDepsContext.Provider>,
  )
  const select = screen.getByTestId('review-key') as HTMLSelectElement
  expect(select.disabled).toBe(true)
  expect(select.textContent).toBe('Кілттер оқылуда…')
  await act(async () => listed(KEYS))
  await waitFor(() => expect(select.value).toBe('head-sign'))
  expect(select.disabled).toBe(false)
  expect(select.textContent).not.toContain('кілтті таңдаңыз')
})
