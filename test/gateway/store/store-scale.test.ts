/**
 * Flat reads of the SQLite store: the inbox in work order (open first, nearest deadline first) keyset-paged, every
 * read served by an index (query plan: no SCAN of requests, no temporary B-tree for ORDER BY), and the supervision
 * rollups equal to a recount of the rows after status changes. At 100k requests the first inbox page holds the open
 * work, the newest included.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SQLITE_SUPERVISION_SQL, SqliteGatewayStore, sqliteChangesQuery, sqliteInboxQuery } from '../../../src-gateway/store/sqlite'
import type { InboxListOptions, RequestRecord } from '../../../src-gateway/store/types'
import { isSettled } from '../../../src-gateway/supervision/work'
import { SupervisionSummaryService } from '../../../src-gateway/supervision/summary-service'
import { decodeInboxCursor, encodeInboxCursor } from '../../../src-gateway/intake/provider-service'
import { departmentFor } from '../../../src-gateway/service-directory'
import { fillRequests } from '../../support/fill-requests'

const NOW = Date.parse('2026-12-07T09:00:00.000Z')
const ME = 'user-specialist-1'
const DEPT = departmentFor('akimat.preschool-queue')
const N = 100_000
const OPEN = 30

let dir: string
let file: string
let store: SqliteGatewayStore
let raw: Database.Database
let newestOpenIds: string[]

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'arm-gw-scale-'))
  file = path.join(dir, 'gw.sqlite')
  store = new SqliteGatewayStore(file)
  ;({ newestOpenIds } = await fillRequests(store, { count: N, now: NOW, open: OPEN, staleOpen: 5, assignee: { userId: ME, every: 7 }, batch: 20_000 }))
  raw = new Database(file, { readonly: true })
}, 300_000)

afterAll(async () => {
  raw?.close()
  await store?.close()
  rmSync(dir, { recursive: true, force: true })
})

/** The query plan's lines (EXPLAIN QUERY PLAN detail column). */
function plan(sql: string, args: unknown[]): string[] {
  return (raw.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail)
}
function expectIndexed(lines: string[]): void {
  expect(lines.join('\n')).not.toMatch(/\bSCAN requests\b/)
  expect(lines.join('\n')).not.toMatch(/\bSCAN status_changes\b/)
  expect(lines.join('\n')).not.toMatch(/TEMP B-TREE FOR ORDER BY/)
}

const cursor = { settled: 0 as const, sortKey: NOW, id: 'x' }

describe('SQLite store at 100k requests', () => {
  it('answers the inbox first page with the open work in deadline order, the newest registration included', async () => {
    const newest: RequestRecord = {
      id: 'newest-open', registrationNumber: 'GW-20261207-N0000001', envelopeId: 'env-newest', serviceId: 'akimat.preschool-queue', tsonId: 'tson-astana-1',
      departmentId: DEPT, operatorUserId: 'op', status: 'REGISTERED', receivedAt: NOW + 1000, envelope: new Uint8Array([123, 125]), signature: new Uint8Array([1]),
      assigneeId: null, resultKind: null, resultDocument: null, resultSignature: null, resultMediaType: null, resultReason: null, resultReasonCode: null,
      resultSignedBy: null, resultSignerIin: null, resultSignerBin: null, decidedAt: null,
    }
    await store.insertRequest(newest)
    const page = await store.listInbox(DEPT, { limit: 50 })
    expect(page).toHaveLength(50)
    const open = page.filter((r) => !isSettled(r.status))
    // Every open request of the department precedes every settled one, in deadline order.
    expect(page.slice(0, open.length).every((r) => !isSettled(r.status))).toBe(true)
    expect(open.length).toBeGreaterThan(0)
    const dues = open.map((r) => r.dueAt as number)
    expect(dues).toEqual([...dues].sort((a, b) => a - b))
    expect(open.map((r) => r.id)).toContain('newest-open')
    const deptNewest = (await Promise.all(newestOpenIds.map((id) => store.requestById(id)))).filter((r) => r?.departmentId === DEPT)
    for (const r of deptNewest) expect(open.map((x) => x.id)).toContain(r?.id)
    // Then the settled history, newest first.
    const settled = page.slice(open.length)
    const received = settled.map((r) => r.receivedAt)
    expect(received).toEqual([...received].sort((a, b) => b - a))
    expect(received[0]).toBeGreaterThan(NOW - 7 * 86_400_000)
  })

  it('pages on with the cursor: no request twice, none skipped, same order as one long read', async () => {
    const long = await store.listInbox(DEPT, { limit: 120 })
    const first = await store.listInbox(DEPT, { limit: 40 })
    const seen = [...first]
    let last = first[first.length - 1]
    for (let i = 0; i < 2; i++) {
      const next = await store.listInbox(DEPT, { limit: 40, after: decodeInboxCursor(encodeInboxCursor(last)) })
      seen.push(...next)
      last = next[next.length - 1]
    }
    expect(seen.map((r) => r.id)).toEqual(long.map((r) => r.id))
  })

  it('refuses a cursor it did not issue with a coded 400', () => {
    for (const bad of ['', 'not-base64!', Buffer.from('[2,1,"x"]').toString('base64url'), Buffer.from('{"a":1}').toString('base64url'), Buffer.from('[0,1.5,"x"]').toString('base64url')]) {
      expect(() => decodeInboxCursor(bad)).toThrow(expect.objectContaining({ code: 'GW_BAD_REQUEST' }))
    }
  })

  it('filters by status, mine and service, each page in work order', async () => {
    const mine = await store.listInbox(DEPT, { assigneeId: ME, limit: 30 })
    expect(mine.length).toBe(30)
    expect(mine.every((r) => r.assigneeId === ME && r.departmentId === DEPT)).toBe(true)
    expect(isSettled(mine[0].status)).toBe(false)
    const reg = await store.listInbox(DEPT, { status: 'REGISTERED', limit: 500 })
    expect(reg.length).toBeGreaterThan(0)
    expect(reg.every((r) => r.status === 'REGISTERED')).toBe(true)
    const svc = await store.listInbox(DEPT, { serviceId: 'akimat.guardianship-certificate', limit: 20 })
    expect(svc.every((r) => r.serviceId === 'akimat.guardianship-certificate')).toBe(true)
  })

  it('reads every inbox variant, status changes and the request look-ups by index (query plan)', () => {
    const variants: InboxListOptions[] = [
      {}, { status: 'REGISTERED' }, { assigneeId: ME }, { serviceId: 'akimat.preschool-queue' }, { status: 'IN_PROCESSING', assigneeId: ME },
      { status: 'REGISTERED', serviceId: 'akimat.preschool-queue' }, { assigneeId: ME, serviceId: 'akimat.preschool-queue' },
    ]
    for (const v of variants) {
      for (const after of [undefined, cursor]) {
        const q = sqliteInboxQuery(DEPT, { ...v, after, limit: 50 })
        const lines = plan(q.sql, q.args)
        expectIndexed(lines)
        expect(lines.join('\n'), JSON.stringify(v)).toMatch(/SEARCH requests USING INDEX requests_inbox/)
      }
    }
    for (const f of [{ tsonId: 'tson-astana-1' }, { departmentId: DEPT }, {}]) {
      const q = sqliteChangesQuery(10, f, 200)
      const lines = plan(q.sql, q.args)
      expectIndexed(lines)
    }
    for (const sql of ['SELECT * FROM requests WHERE registration_number = ?', 'SELECT * FROM requests WHERE id = ?', 'SELECT * FROM status_changes WHERE request_id = ? ORDER BY seq']) {
      expectIndexed(plan(sql, ['x']))
    }
    // The summary reads the rollup table and, for today, the open requests due earlier today by index.
    expect(plan(SQLITE_SUPERVISION_SQL.countsRollup, ['2026-12-07']).join('\n')).not.toMatch(/\brequests\b/)
    expectIndexed(plan(SQLITE_SUPERVISION_SQL.countsDueToday, [NOW - 3600_000, NOW]))
  })

  it('keeps the rollups equal to a recount of the rows', async () => {
    const rows = raw.prepare('SELECT department_id, tson_id, status, due_at FROM requests').all() as { department_id: string; tson_id: string | null; status: string; due_at: number | null }[]
    const summary = await new SupervisionSummaryService(store, { now: () => NOW }).summary()
    expect(summary.total.count).toBe(rows.length)
    const open = rows.filter((r) => !isSettled(r.status as RequestRecord['status']))
    expect(summary.total.open).toBe(open.length)
    expect(summary.total.overdue).toBe(open.filter((r) => r.due_at != null && r.due_at < NOW).length)
    expect(summary.total.overdue).toBeGreaterThan(0)
    const dept = summary.byDepartment.find((d) => d.departmentId === DEPT)
    expect(dept?.count).toBe(rows.filter((r) => r.department_id === DEPT).length)
  })
})

describe('SQLite store rollups follow every status change', () => {
  it('moves a request between lines on take/decide and counts overdue exactly within the current day', async () => {
    const d = mkdtempSync(path.join(tmpdir(), 'arm-gw-rollup-'))
    const s = new SqliteGatewayStore(path.join(d, 'gw.sqlite'))
    try {
      const base = { serviceId: 'akimat.preschool-queue', tsonId: 'tson-astana-1', departmentId: DEPT, operatorUserId: 'op', envelope: new Uint8Array([123, 125]), signature: new Uint8Array([1]),
        assigneeId: null, resultKind: null, resultDocument: null, resultSignature: null, resultMediaType: null, resultReason: null, resultReasonCode: null,
        resultSignedBy: null, resultSignerIin: null, resultSignerBin: null, decidedAt: null } as const
      const mk = (id: string, dueAt: number | null): RequestRecord => ({ ...base, id, registrationNumber: `GW-${id}`, envelopeId: `e-${id}`, status: 'REGISTERED', receivedAt: NOW - 86_400_000, dueAt })
      await s.insertRequest(mk('due-earlier-today', NOW - 60_000))
      await s.insertRequest(mk('due-later-today', NOW + 60_000))
      await s.insertRequest(mk('due-yesterday', NOW - 86_400_000))
      await s.insertRequest(mk('no-term', null))
      const sum = () => new SupervisionSummaryService(s, { now: () => NOW }).summary()
      let r = await sum()
      expect(r.total).toEqual({ count: 4, open: 4, overdue: 2 })
      expect(r.unknownTerm).toBe(1)
      await s.transaction(async (tx) => tx.updateRequest('due-yesterday', { status: 'IN_PROCESSING', assigneeId: ME }))
      r = await sum()
      expect(r.byStatus).toEqual([{ status: 'REGISTERED', count: 3 }, { status: 'IN_PROCESSING', count: 1 }])
      expect(r.total.overdue).toBe(2)
      await s.updateRequest('due-yesterday', { status: 'REFUSED' })
      await s.updateRequest('due-earlier-today', { status: 'RESULT_READY' })
      r = await sum()
      expect(r.total).toEqual({ count: 4, open: 2, overdue: 0 })
      // A rolled-back transaction leaves the rollups as they were.
      await expect(s.transaction(async (tx) => {
        await tx.updateRequest('due-later-today', { status: 'ISSUED' })
        throw new Error('abort')
      })).rejects.toThrow('abort')
      expect((await sum()).total).toEqual({ count: 4, open: 2, overdue: 0 })
      // Settled requests leave the top of the inbox; the remaining open one comes first.
      expect((await s.listInbox(DEPT, {})).map((x) => x.id)[0]).toBe('due-later-today')
    } finally {
      await s.close()
      rmSync(d, { recursive: true, force: true })
    }
  })
})
