/**
 * The supervision reads stay flat as the gateway grows (issue 14 point 1, the scale bench measures them at 1k and 1M):
 * every read is served by an index, checked on SQLite's query plan over a store filled with requests, their audit
 * trail, the activity rollup, surveys and desk reports — the audit viewer's pages (each filter, a time range), the
 * activity rollup of a period (throughput and SLA charts), the survey report of a period, the desks' outbox reports,
 * the open requests per deadline day, the certificate of an ЭЦП sign-in. The rows they return are checked too.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ACTIVITY_RANGE, auditQuery } from '../../../src-gateway/store/audit-sql'
import { surveyReportQuery } from '../../../src-gateway/store/counter-sql'
import { SqliteGatewayStore } from '../../../src-gateway/store/sqlite'
import { DESK_OUTBOXES_SINCE, openByDueDayQuery } from '../../../src-gateway/store/supervision-sql'
import type { AuditFilter } from '../../../src-gateway/store/types'
import { fillRequests } from '../../support/fill-requests'
import { fillSupervision } from '../../support/fill-supervision'

const NOW = Date.parse('2026-12-07T09:00:00.000Z')
const N = 6_000
const DAY = 86_400_000
const ph = () => '?'

let dir: string
let store: SqliteGatewayStore
let raw: Database.Database

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'arm-supervision-plans-'))
  const file = path.join(dir, 'gw.sqlite')
  store = new SqliteGatewayStore(file)
  await fillRequests(store, { count: N, now: NOW })
  await fillSupervision(store, { count: N, now: NOW, operators: ['op-1', 'op-2'], specialists: ['sp-1'] })
  raw = new Database(file, { readonly: true })
}, 120_000)

afterAll(async () => {
  raw?.close()
  await store?.close()
  rmSync(dir, { recursive: true, force: true })
})

function plan(q: { sql: string; args: unknown[] }): string {
  return (raw.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...q.args) as { detail: string }[]).map((r) => r.detail).join('\n')
}
/** No full scan of a table that grows with history, and no sort of more than one page's candidates. */
function expectIndexed(p: string, table: string): void {
  expect(p).not.toMatch(new RegExp(`\\bSCAN ${table}\\b`))
  expect(p).toMatch(new RegExp(`SEARCH ${table} USING`))
}

describe('supervision reads on SQLite', () => {
  it('reads every audit viewer page by an index in seq order: no filter, each filter, a time range', async () => {
    const filters: Array<Omit<AuditFilter, 'limit'>> = [
      {}, { actorId: 'op-1' }, { requestId: 'r' }, { action: 'request.decide' }, { departmentId: 'akimat-astana-education' },
      { departmentId: 'akimat-astana-education', action: 'request.submit' }, { fromAt: NOW - DAY }, { fromAt: NOW - 7 * DAY, toAt: NOW - 6 * DAY },
      { actorId: 'sp-1', fromAt: NOW - 30 * DAY, toAt: NOW - 29 * DAY }, { afterSeq: 1000 },
    ]
    for (const f of filters) {
      const p = plan(auditQuery({ ...f, limit: 50 }, ph))
      expectIndexed(p, 'audit_log')
      expect(p, JSON.stringify(f)).not.toMatch(/TEMP B-TREE FOR ORDER BY/)
    }
    // The time range is exact and its first page is the oldest entries in it.
    const from = NOW - 7 * DAY
    const page = await store.auditEntries({ fromAt: from, toAt: from + DAY, limit: 50 })
    expect(page).toHaveLength(50)
    expect(page.every((e) => e.at >= from && e.at < from + DAY)).toBe(true)
    const before = await store.auditEntries({ toAt: from, afterSeq: page[0].seq - 2, limit: 1 })
    expect(before.every((e) => e.at < from)).toBe(true)
    expect(page.map((e) => e.seq)).toEqual([...page.map((e) => e.seq)].sort((a, b) => a - b))
  })

  it('reads the activity rollup of a period (throughput per person, SLA charts) by its primary key', async () => {
    expectIndexed(plan({ sql: ACTIVITY_RANGE(ph), args: ['2026-11-10', '2026-12-07'] }), 'activity_counts')
    const rows = await store.activityCounts('2026-12-01', '2026-12-07')
    // Every day of the period has its operators' submits and its specialist's decisions, by name in the rollup.
    expect(new Set(rows.map((r) => r.day)).size).toBe(7)
    expect(new Set(rows.filter((r) => r.action === 'request.decide').map((r) => r.actorId))).toEqual(new Set(['sp-1']))
    expect(new Set(rows.filter((r) => r.action === 'request.submit').map((r) => r.actorId))).toEqual(new Set(['op-1', 'op-2']))
  })

  it('reads the survey report of a period on the answer-time index, the desks by report time, a certificate by issuer + serial', async () => {
    expectIndexed(plan(surveyReportQuery({ from: NOW - 30 * DAY, to: NOW }, ph, (_f, n) => `(${Array(n).fill('?').join(', ')})`)), 'surveys')
    expectIndexed(plan(surveyReportQuery({ from: NOW - 30 * DAY, to: NOW, tsonIds: ['tson-astana-1'] }, ph, (_f, n) => `(${Array(n).fill('?').join(', ')})`)), 'surveys')
    expectIndexed(plan({ sql: DESK_OUTBOXES_SINCE(ph), args: [NOW - DAY] }), 'desk_outboxes')
    expectIndexed(plan({ sql: 'SELECT * FROM user_certificates WHERE issuer = ? AND serial_hex = ?', args: ['CN=x', '01'] }), 'user_certificates')
    const report = await store.surveyReport({ from: NOW - 30 * DAY, to: NOW })
    expect(report.reduce((n, r) => n + r.n, 0)).toBeGreaterThan(0)
    expect((await store.deskOutboxes(NOW - DAY)).length).toBe(40)
  })

  it('counts open requests per deadline day from the rollup, never from the requests', () => {
    for (const dept of ['akimat-astana-education', undefined]) {
      const p = plan(openByDueDayQuery(dept, ph))
      // request_counts holds a line per unit × service × status × open due day: it grows with open work, not history.
      expect(p).toMatch(/request_counts/)
      expect(p).not.toMatch(/\brequests\b/)
    }
  })
})
