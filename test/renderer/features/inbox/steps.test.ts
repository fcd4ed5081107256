import { describe, expect, it } from 'vitest'
import { catalog } from '../../../../src-shared/catalog'
import { registrationLimitMs, requestSteps } from '../../../../src-renderer/features/inbox/steps'

const T0 = Date.parse('2026-12-07T04:00:00Z')
const at = (s: number) => new Date(T0 + s * 1000).toISOString()

describe('per-step times of a request (CATALOG §2.6)', () => {
  it('takes the registration limit from the service’s step table per channel', () => {
    const svc = catalog.get('akimat.preschool-queue')
    expect(registrationLimitMs(svc, 'provider')).toBe(90_000)
    expect(registrationLimitMs(svc, 'tson')).toBe(60_000)
  })

  it('records who, when and how long; the running step is measured to now; overruns are overdue', () => {
    const history = [
      { status: 'REGISTERED' as const, at: at(40), by: 'Беков Ерлан' },
      { status: 'IN_PROCESSING' as const, at: at(3600), by: 'Беков Ерлан' },
    ]
    const due = T0 + 86_400_000
    const rows = requestSteps({ signedAt: T0, history, dueAt: due, now: T0 + 7200_000, registrationLimitMs: 90_000 })
    expect(rows.map((r) => [r.step, r.by, r.durationMs, r.overdue, r.running])).toEqual([
      ['registration', 'Беков Ерлан', 40_000, false, false],
      ['REGISTERED', 'Беков Ерлан', 3560_000, false, false],
      ['IN_PROCESSING', 'Беков Ерлан', 3600_000, false, true],
    ])
    // An offline request registered two hours after signing ran over the 1.5 min limit; past the due date the
    // running step is overdue too.
    const late = requestSteps({ signedAt: T0 - 7200_000, history, dueAt: due, now: due + 1, registrationLimitMs: 90_000 })
    expect(late[0].overdue).toBe(true)
    expect(late[2].overdue).toBe(true)
  })

  it('a final status does not last and is overdue only when it came after the due date', () => {
    const history = [
      { status: 'REGISTERED' as const, at: at(10) },
      { status: 'REFUSED' as const, at: at(100), by: 'Беков Ерлан' },
    ]
    const rows = requestSteps({ signedAt: T0, history, dueAt: T0 + 50_000, now: T0 + 1e9, registrationLimitMs: null })
    expect(rows[0]).toMatchObject({ step: 'registration', limit: null, overdue: false })
    expect(rows[2]).toMatchObject({ step: 'REFUSED', durationMs: null, running: false, overdue: true })
  })
})
