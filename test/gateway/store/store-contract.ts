/**
 * The GatewayStore contract: what every store (SQLite embedded, PostgreSQL for several instances) must do, run against
 * each by store-contract.test.ts. Concurrency cases matter for PostgreSQL (real parallel transactions) and hold
 * trivially for SQLite (one call at a time).
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AuditTrail } from '../../../src-gateway/audit/audit-trail'
import { MessageLog } from '../../../src-gateway/intake/message-log'
import { departmentFor } from '../../../src-gateway/service-directory'
import type { GatewayStore, RequestRecord } from '../../../src-gateway/store/types'
import { SupervisionSummaryService } from '../../../src-gateway/supervision/summary-service'
import { regulatedDueAt } from '../../../src-gateway/supervision/work'

export interface OpenedStore {
  store: GatewayStore
  /** Runs one SQL statement directly on the database, outside the store (to try what the store must refuse). */
  raw(sql: string): Promise<void>
  close(): Promise<void>
}

const NOW = Date.parse('2026-12-07T09:00:00.000Z')
const DEPT = departmentFor('akimat.preschool-queue')

export function request(over: Partial<RequestRecord> = {}): RequestRecord {
  const id = over.id ?? randomUUID()
  return {
    id, registrationNumber: `GW-${id}`, envelopeId: `env-${id}`, serviceId: 'akimat.preschool-queue', tsonId: 'tson-astana-1',
    departmentId: DEPT, operatorUserId: 'op', status: 'REGISTERED', receivedAt: NOW - 86_400_000,
    envelope: new TextEncoder().encode('{"attachments":[],"v":1}'), signature: new Uint8Array([1, 2, 3]), assigneeId: null,
    resultKind: null, resultDocument: null, resultSignature: null, resultMediaType: null, resultReason: null, resultReasonCode: null,
    resultSignedBy: null, resultSignerIin: null, resultSignerBin: null, decidedAt: null, ...over,
  }
}

export function storeContract(name: string, open: () => Promise<OpenedStore>, opts: { skip?: string } = {}): void {
  describe.skipIf(!!opts.skip)(`GatewayStore contract: ${name}${opts.skip ? ` (skipped: ${opts.skip})` : ''}`, () => {
    let o: OpenedStore
    let s: GatewayStore
    beforeAll(async () => {
      o = await open()
      s = o.store
    }, 120_000)
    afterAll(async () => o?.close(), 60_000)

    it('keeps accounts, sessions and one-time challenges', async () => {
      await s.insertUser({ id: 'u1', login: 'one', iin: '830717350867', passwordHash: 'h', role: 'provider_specialist', displayName: 'Один', tsonId: null, departmentId: DEPT, failedCount: 0, lockedUntil: null, testOnly: true })
      expect((await s.userByLogin('one'))?.testOnly).toBe(true)
      await s.insertUser({ id: 'u1-again', login: 'one', iin: null, passwordHash: 'other', role: 'admin', displayName: 'x', tsonId: null, departmentId: null, failedCount: 0, lockedUntil: null, testOnly: false })
      expect(await s.userByLogin('one')).toMatchObject({ id: 'u1', passwordHash: 'h' })
      expect((await s.userByIin('830717350867'))?.id).toBe('u1')
      await s.recordLoginFailure('u1', 3, NOW + 1000)
      expect(await s.userById('u1')).toMatchObject({ failedCount: 3, lockedUntil: NOW + 1000, displayName: 'Один' })
      await s.recordLoginSuccess('u1')
      expect(await s.userById('u1')).toMatchObject({ failedCount: 0, lockedUntil: null })
      await s.insertSession({ tokenHash: 't1', userId: 'u1', expiresAt: NOW - 1 })
      await s.insertSession({ tokenHash: 't2', userId: 'u1', expiresAt: NOW + 1e6 })
      expect(await s.sessionByHash('t2')).toEqual({ tokenHash: 't2', userId: 'u1', expiresAt: NOW + 1e6 })
      await s.insertChallenge({ id: 'c1', challenge: new Uint8Array([9, 8]), expiresAt: NOW + 1e6, used: false })
      const twice = await Promise.all([s.consumeChallenge('c1'), s.consumeChallenge('c1')])
      expect(twice.filter(Boolean)).toHaveLength(1)
      expect([...(twice.find(Boolean)?.challenge ?? [])]).toEqual([9, 8])
      expect(await s.purgeExpired(NOW)).toBe(1)
      expect(await s.sessionByHash('t1')).toBeUndefined()
      await s.deleteSession('t2')
      expect(await s.sessionByHash('t2')).toBeUndefined()
    })

    it('hands out registration numbers once each, also to concurrent transactions', async () => {
      const seqs = await Promise.all(Array.from({ length: 20 }, () => s.transaction((tx) => tx.nextRegistrationSeq('20261207'))))
      expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1))
      expect(await s.nextRegistrationSeq('20261208')).toBe(1)
    })

    it('rolls a failed transaction back entirely', async () => {
      await expect(s.transaction(async (tx) => {
        await tx.putIdempotency({ scopeKey: 'rb', bodyHash: 'h', statusCode: 201, response: '{}', createdAt: 1 })
        await tx.insertRequest(request({ id: 'rolled-back' }))
        throw new Error('boom')
      })).rejects.toThrow('boom')
      expect(await s.idempotency('rb')).toBeUndefined()
      expect(await s.requestById('rolled-back')).toBeUndefined()
    })

    it('registers the same envelope once when two transactions race with it (idempotency and envelope id)', async () => {
      const envelopeId = `race-${randomUUID()}`
      const attempt = (key: string) => s.transaction(async (tx) => {
        const prior = await tx.idempotency(key)
        if (prior) return `replay:${prior.response}`
        const existing = await tx.requestByEnvelopeId(envelopeId)
        if (existing) return `existing:${existing.id}`
        const r = request({ envelopeId })
        await new Promise((res) => setTimeout(res, 20)) // widen the window a racing transaction could slip into
        await tx.insertRequest(r)
        await tx.putIdempotency({ scopeKey: key, bodyHash: 'h', statusCode: 201, response: r.id, createdAt: NOW })
        return `new:${r.id}`
      })
      const same = await Promise.all([attempt('k-same'), attempt('k-same')])
      expect(same.filter((x) => x.startsWith('new:'))).toHaveLength(1)
      expect(same.find((x) => x.startsWith('replay:'))?.slice(7)).toBe(same.find((x) => x.startsWith('new:'))?.slice(4))
      const otherKey = await attempt('k-other')
      expect(otherKey).toBe(`existing:${same.find((x) => x.startsWith('new:'))?.slice(4)}`)
    })

    it('stores requests with their deadline and reads them by id, number and envelope', async () => {
      const r = request({ id: 'req-1', registrationNumber: 'GW-20261206-000001', envelopeId: 'env-req-1' })
      await s.insertRequest(r)
      const back = await s.requestById('req-1')
      expect(back).toMatchObject({ ...r, envelope: r.envelope, dueAt: regulatedDueAt(r.serviceId, r.receivedAt) })
      expect((await s.requestByRegNo('GW-20261206-000001'))?.id).toBe('req-1')
      expect((await s.requestByEnvelopeId('env-req-1'))?.id).toBe('req-1')
      await s.updateRequest('req-1', { resultDocument: new Uint8Array([5, 6]), resultKind: 'result', decidedAt: NOW })
      expect(await s.requestById('req-1')).toMatchObject({ resultDocument: new Uint8Array([5, 6]), resultKind: 'result', decidedAt: NOW })
    })

    it('lists the inbox in work order, pages it with a cursor and filters it', async () => {
      const dept = `dept-${randomUUID()}`
      const rows = [
        request({ id: `${dept}-a`, departmentId: dept, dueAt: NOW + 3000 }),
        request({ id: `${dept}-b`, departmentId: dept, dueAt: NOW + 1000, assigneeId: 'me', status: 'IN_PROCESSING' }),
        request({ id: `${dept}-c`, departmentId: dept, dueAt: NOW + 2000, serviceId: 'akimat.housing-queue' }),
        request({ id: `${dept}-d`, departmentId: dept, status: 'ISSUED', receivedAt: NOW - 10 }),
        request({ id: `${dept}-e`, departmentId: dept, status: 'REFUSED', receivedAt: NOW - 5, assigneeId: 'me' }),
      ]
      for (const r of rows) await s.insertRequest(r)
      const ids = (xs: RequestRecord[]) => xs.map((x) => x.id.slice(-1))
      expect(ids(await s.listInbox(dept, {}))).toEqual(['b', 'c', 'a', 'e', 'd'])
      const first = await s.listInbox(dept, { limit: 2 })
      const last = first[1]
      const { encodeInboxCursor, decodeInboxCursor } = await import('../../../src-gateway/intake/provider-service')
      expect(ids(await s.listInbox(dept, { limit: 2, after: decodeInboxCursor(encodeInboxCursor(last)) }))).toEqual(['a', 'e'])
      expect(ids(await s.listInbox(dept, { assigneeId: 'me' }))).toEqual(['b', 'e'])
      expect(ids(await s.listInbox(dept, { status: 'REGISTERED' }))).toEqual(['c', 'a'])
      expect(ids(await s.listInbox(dept, { serviceId: 'akimat.housing-queue' }))).toEqual(['c'])
    })

    it('keeps the supervision rollups with every status change, overdue exact within the current day', async () => {
      const dept = `sup-${randomUUID()}`
      const mk = (id: string, dueAt: number | null) => request({ id: `${dept}-${id}`, departmentId: dept, dueAt })
      await s.insertRequest(mk('earlier-today', NOW - 60_000))
      await s.insertRequest(mk('later-today', NOW + 60_000))
      await s.insertRequest(mk('yesterday', NOW - 86_400_000))
      await s.insertRequest(mk('no-term', null))
      const mine = async () => (await new SupervisionSummaryService(s, { now: () => NOW }).summary()).byDepartment.find((d) => d.departmentId === dept)
      expect(await mine()).toEqual({ departmentId: dept, count: 4, open: 4, overdue: 2 })
      await s.transaction(async (tx) => tx.updateRequest(`${dept}-yesterday`, { status: 'IN_PROCESSING', assigneeId: 'me' }))
      expect(await mine()).toEqual({ departmentId: dept, count: 4, open: 4, overdue: 2 })
      await s.updateRequest(`${dept}-yesterday`, { status: 'REFUSED' })
      await s.updateRequest(`${dept}-earlier-today`, { status: 'RESULT_READY' })
      expect(await mine()).toEqual({ departmentId: dept, count: 4, open: 2, overdue: 0 })
      await expect(s.transaction(async (tx) => {
        await tx.updateRequest(`${dept}-later-today`, { status: 'ISSUED' })
        throw new Error('abort')
      })).rejects.toThrow('abort')
      expect(await mine()).toEqual({ departmentId: dept, count: 4, open: 2, overdue: 0 })
      // Concurrent status changes of different requests keep the same line right.
      const many = Array.from({ length: 10 }, (_, i) => request({ id: `${dept}-m${i}`, departmentId: dept, dueAt: NOW + 1e6 }))
      for (const r of many) await s.insertRequest(r)
      await Promise.all(many.map((r) => s.transaction((tx) => tx.updateRequest(r.id, { status: 'ISSUED' }))))
      expect(await mine()).toEqual({ departmentId: dept, count: 14, open: 2, overdue: 0 })
    })

    it('appends status changes and reads them by request and after a cursor, per ЦОН or department', async () => {
      const r = request({ tsonId: `tson-${randomUUID()}` })
      await s.insertRequest(r)
      const base = { requestId: r.id, registrationNumber: r.registrationNumber, serviceId: r.serviceId, envelopeId: r.envelopeId, tsonId: r.tsonId, departmentId: r.departmentId, note: null }
      const a = await s.appendStatus({ ...base, status: 'REGISTERED', at: 1 })
      const b = await s.appendStatus({ ...base, status: 'IN_PROCESSING', at: 2 })
      expect(b.seq).toBeGreaterThan(a.seq)
      expect((await s.statusHistory(r.id)).map((c) => c.status)).toEqual(['REGISTERED', 'IN_PROCESSING'])
      expect((await s.statusChangesSince(a.seq, { tsonId: r.tsonId as string }, 10)).map((c) => c.seq)).toEqual([b.seq])
      expect((await s.statusChangesSince(0, { tsonId: 'nobody' }, 10))).toEqual([])
    })

    it('gives concurrent queue entries distinct, gap-free positions per category; an entry is made once', async () => {
      const queue = `preschool-${randomUUID()}`
      const ids = Array.from({ length: 24 }, () => randomUUID())
      // Each entry in its own transaction, all at once (as concurrent decisions make them).
      const entries = await Promise.all(ids.map((requestId, i) => s.transaction((tx) => tx.enqueueInQueue({ queue, category: i % 3 === 0 ? 'privileged' : 'general', requestId, at: NOW + i }))))
      const positions = (cat: string) => entries.filter((e) => e.category === cat).map((e) => e.position).sort((a, b) => a - b)
      expect(positions('privileged')).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
      expect(positions('general')).toEqual(Array.from({ length: 16 }, (_, i) => i + 1))
      const again = await s.enqueueInQueue({ queue, category: 'general', requestId: ids[1], at: NOW + 99 })
      expect(again).toEqual(entries[1])
      expect(await s.queueEntry(queue, ids[0])).toEqual(entries[0])
      expect(await s.queueEntry(queue, randomUUID())).toBeUndefined()
      // Another queue counts on its own; the housing commission's decision is kept with the entry (issue 13.4).
      const commissionDecision = { number: '17/2', date: '2026-11-20' }
      expect(await s.enqueueInQueue({ queue: `${queue}-other`, category: 'general', requestId: ids[0], at: NOW, commissionDecision })).toMatchObject({ position: 1, commissionDecision })
      expect((await s.queueEntry(`${queue}-other`, ids[0]))?.commissionDecision).toEqual(commissionDecision)
      expect((await s.queueEntry(queue, ids[0]))?.commissionDecision).toBeUndefined()
    })

    it('keeps the decision prepared for the authorised signer per request; preparing again replaces it (issue 13.2)', async () => {
      const [a, b] = [randomUUID(), randomUUID()]
      const bytes = (t: string) => new TextEncoder().encode(t)
      await s.putPreparedDecision({ requestId: a, kind: 'result', payload: bytes('{"v":1}'), preparedById: 'u1', preparedByName: 'Жұмабаев Нұрсұлтан', preparedAt: NOW })
      await s.transaction((tx) => tx.putPreparedDecision({ requestId: b, kind: 'refusal', payload: bytes('{"v":2}'), preparedById: 'u1', preparedByName: 'Жұмабаев Нұрсұлтан', preparedAt: NOW + 1 }))
      await s.putPreparedDecision({ requestId: a, kind: 'refusal', payload: bytes('{"v":3}'), preparedById: 'u2', preparedByName: 'Беков Ерлан', preparedAt: NOW + 2 })
      const got = (await s.preparedDecisions([a, b, randomUUID()])).sort((x, y) => x.preparedAt - y.preparedAt)
      expect(got.map((d) => [d.requestId, d.kind, new TextDecoder().decode(d.payload), d.preparedByName, d.preparedAt])).toEqual([
        [b, 'refusal', '{"v":2}', 'Жұмабаев Нұрсұлтан', NOW + 1],
        [a, 'refusal', '{"v":3}', 'Беков Ерлан', NOW + 2],
      ])
      expect(await s.preparedDecisions([])).toEqual([])
    })

    it('records who moved a request into each step (per-step deadlines, CATALOG §2.6); the system is nobody', async () => {
      const r = request({ tsonId: `tson-${randomUUID()}` })
      await s.insertRequest(r)
      const base = { requestId: r.id, registrationNumber: r.registrationNumber, serviceId: r.serviceId, envelopeId: r.envelopeId, tsonId: r.tsonId, departmentId: r.departmentId, note: null }
      const a = await s.appendStatus({ ...base, status: 'REGISTERED', at: 1, actorName: 'Асанова Айгерим Серікқызы' })
      expect(a.actorName).toBe('Асанова Айгерим Серікқызы')
      await s.transaction((tx) => tx.appendStatus({ ...base, status: 'IN_PROCESSING', at: 2, actorName: 'Беков Ерлан' }))
      await s.appendStatus({ ...base, status: 'RESULT_READY', at: 3 })
      expect((await s.statusHistory(r.id)).map((c) => [c.status, c.actorName])).toEqual([['REGISTERED', 'Асанова Айгерим Серікқызы'], ['IN_PROCESSING', 'Беков Ерлан'], ['RESULT_READY', null]])
    })

    it('chains the message log under concurrent appends and refuses to rewrite it', async () => {
      const log = new MessageLog(s)
      await Promise.all(Array.from({ length: 12 }, (_, i) => s.transaction((tx) => log.append(tx, 'request', `r${i}`, 'd'.repeat(64), NOW + i))))
      const check = await log.verifyChain()
      expect(check.ok).toBe(true)
      await expect(o.raw('UPDATE message_log SET kind = \'x\'')).rejects.toThrow(/append-only/)
      await expect(o.raw('DELETE FROM message_log')).rejects.toThrow(/append-only/)
    })

    it('keeps scans in the blob store, their uploaders and the requests that list them', async () => {
      const bytes = new TextEncoder().encode(`%PDF-1.4 ${randomUUID()}`)
      const sha = (await import('node:crypto')).createHash('sha256').update(bytes).digest('hex')
      expect(await s.putAttachment({ sha256: sha, size: bytes.length, mediaType: 'application/pdf', createdAt: NOW }, bytes)).toBe(true)
      expect(await s.putAttachment({ sha256: sha, size: bytes.length, mediaType: 'application/pdf', createdAt: NOW }, bytes)).toBe(false)
      // pages 0: the bytes are a PDF (magic) that does not tell its pages; recorded at upload for intake to check against
      expect(await s.attachment(sha)).toEqual({ sha256: sha, size: bytes.length, mediaType: 'application/pdf', createdAt: NOW, pages: 0 })
      expect(Buffer.from((await s.attachmentBytes(sha)) as Uint8Array).equals(Buffer.from(bytes))).toBe(true)
      await s.noteAttachmentUploader(sha, { userId: 'u1', tsonId: 't1' })
      await s.noteAttachmentUploader(sha, { userId: 'u1', tsonId: 't1' })
      expect(await s.attachmentUploaders(sha)).toEqual([{ userId: 'u1', tsonId: 't1' }])
      const r = request({ envelope: new TextEncoder().encode(JSON.stringify({ attachments: [{ sha256: sha }], v: 1 })) })
      await s.insertRequest(r)
      expect((await s.requestsMentioning(sha, 10)).map((x) => x.id)).toEqual([r.id])
    })

    it('queues durable jobs: idempotent per kind and key, only with a committed transaction, due by time', async () => {
      const job = (key: string, runAt: number) => ({ id: randomUUID(), kind: 'contract', key, payload: JSON.stringify({ key }), runAt, createdAt: NOW })
      expect(await s.enqueueJob(job('a', NOW - 10))).toBe(true)
      expect(await s.enqueueJob(job('a', NOW - 5))).toBe(false)
      await expect(s.transaction(async (tx) => {
        await tx.enqueueJob(job('rolled-back', NOW - 10))
        throw new Error('boom')
      })).rejects.toThrow('boom')
      expect(await s.transaction((tx) => tx.enqueueJob(job('b', NOW + 60_000)))).toBe(true)
      const all = await s.jobs({ kind: 'contract' })
      expect(all.map((j) => j.key).sort()).toEqual(['a', 'b'])
      expect(all.every((j) => j.state === 'pending' && j.attempts === 0 && j.leaseOwner === null)).toBe(true)
      // Only what is due is claimed; the claim is this owner's until the lease ends.
      const claimed = await s.claimJobs(NOW, 'owner-1', 1000, 10)
      expect(claimed.map((j) => [j.key, j.state, j.attempts, j.leaseOwner, j.leaseUntil, JSON.parse(j.payload).key])).toEqual([['a', 'running', 1, 'owner-1', NOW + 1000, 'a']])
      expect(await s.claimJobs(NOW + 999, 'owner-2', 1000, 10)).toEqual([])
      // The lease ran out (its process died): another owner takes it over, and the first can no longer complete it.
      const taken = await s.claimJobs(NOW + 1000, 'owner-2', 1000, 10)
      expect(taken.map((j) => [j.key, j.attempts, j.leaseOwner])).toEqual([['a', 2, 'owner-2']])
      expect(await s.completeJob(taken[0].id, 'owner-1', NOW + 1001)).toBe(false)
      expect(await s.retryJob(taken[0].id, 'owner-1', NOW, 'late', false)).toBe(false)
      // Retry: pending again at a later time with the error kept; the last attempt buries it.
      expect(await s.retryJob(taken[0].id, 'owner-2', NOW + 5000, 'registry down', false)).toBe(true)
      expect(await s.claimJobs(NOW + 4999, 'owner-2', 1000, 10)).toEqual([])
      const again = await s.claimJobs(NOW + 5000, 'owner-2', 1000, 10)
      expect(again.map((j) => [j.key, j.attempts])).toEqual([['a', 3]])
      expect(await s.retryJob(again[0].id, 'owner-2', NOW + 9000, 'still down', true)).toBe(true)
      expect((await s.jobs({ kind: 'contract', state: 'dead' })).map((j) => [j.key, j.lastError])).toEqual([['a', 'still down']])
      expect(await s.claimJobs(NOW + 10_000, 'owner-2', 1000, 10)).toEqual([])
      // Done once; finished rows go by age.
      const b = await s.claimJobs(NOW + 60_000, 'owner-3', 1000, 10)
      expect(b.map((j) => j.key)).toEqual(['b'])
      expect(await s.completeJob(b[0].id, 'owner-3', NOW + 60_001)).toBe(true)
      expect(await s.completeJob(b[0].id, 'owner-3', NOW + 60_002)).toBe(false)
      expect(await s.claimJobs(NOW + 10 * 60_000, 'owner-3', 1000, 10)).toEqual([])
      expect(await s.jobs({ kind: 'contract', state: 'done' })).toMatchObject([{ key: 'b', doneAt: NOW + 60_001, leaseOwner: null }])
      expect(await s.purgeJobsDoneBefore(NOW + 60_001)).toBe(0)
      expect(await s.purgeJobsDoneBefore(NOW + 60_002)).toBe(1)
      expect((await s.jobs({ kind: 'contract' })).map((j) => j.state)).toEqual(['dead'])
    })

    it('never gives the same job to two concurrent claimers, and leaves none unclaimed', async () => {
      const ids = new Set<string>()
      for (let i = 0; i < 40; i++) {
        const id = randomUUID()
        ids.add(id)
        await s.enqueueJob({ id, kind: 'race', key: `k${i}`, payload: '{}', runAt: NOW - 1000 + i, createdAt: NOW })
      }
      // Each claim holds its transaction open a moment: a claimer that waited for another's rows instead of skipping
      // them would take them too once the other commits.
      const rounds = await Promise.all(Array.from({ length: 8 }, (_, i) => s.transaction(async (tx) => {
        const claimed = await tx.claimJobs(NOW, `claimer-${i}`, 60_000, 10)
        await new Promise((res) => setTimeout(res, 50))
        return claimed
      })))
      const got = rounds.flat().filter((j) => j.kind === 'race').map((j) => j.id)
      expect(new Set(got).size).toBe(got.length)
      expect(new Set(got)).toEqual(ids)
      for (const [i, round] of rounds.entries()) expect(round.every((j) => j.leaseOwner === `claimer-${i}` && j.attempts === 1)).toBe(true)
      expect(await s.claimJobs(NOW, 'late', 60_000, 100)).toEqual([])
    })

    it('purges idempotency answers by age and records registry lookups in order', async () => {
      await s.putIdempotency({ scopeKey: 'old-answer', bodyHash: 'h', statusCode: 201, response: '{}', createdAt: NOW - 8 * 86_400_000 })
      await s.putIdempotency({ scopeKey: 'new-answer', bodyHash: 'h', statusCode: 201, response: '{}', createdAt: NOW })
      expect(await s.purgeIdempotencyBefore(NOW - 7 * 86_400_000)).toBeGreaterThanOrEqual(1)
      expect(await s.idempotency('old-answer')).toBeUndefined()
      expect(await s.idempotency('new-answer')).toBeDefined()
      const before = (await s.registryLookups(0, 1000)).length
      await s.recordRegistryLookup({ at: NOW, userId: 'u1', role: 'tson_operator', registry: 'gbd-fl', subject: '8307******67', reason: 'draft-1' })
      await s.recordRegistryLookup({ at: NOW + 1, userId: 'u2', role: 'provider_specialist', registry: 'zags', subject: '9001******12', reason: null })
      const rows = (await s.registryLookups(0, 1000)).slice(before)
      expect(rows.map(({ seq: _seq, ...r }) => r)).toEqual([
        { at: NOW, userId: 'u1', role: 'tson_operator', registry: 'gbd-fl', subject: '8307******67', reason: 'draft-1' },
        { at: NOW + 1, userId: 'u2', role: 'provider_specialist', registry: 'zags', subject: '9001******12', reason: null },
      ])
      expect(rows[1].seq).toBeGreaterThan(rows[0].seq)
      expect(await s.registryLookups(rows[0].seq, 10)).toEqual([rows[1]])
    })

    it('chains the audit trail under concurrent records, pages it by filter and seq, counts activity per day, refuses rewrites', async () => {
      let at = NOW
      const trail = new AuditTrail(s, { now: () => at })
      const r = request({ dueAt: NOW + 3_600_000 })
      const actor = { id: 'spec-audit', role: 'provider_specialist', departmentId: DEPT }
      await Promise.all(Array.from({ length: 10 }, (_, i) => trail.record({ actor: i % 2 ? actor : { id: 'op-audit', role: 'tson_operator' }, action: i % 2 ? 'request.take' : 'auth.sign-in', request: i % 2 ? r : null, desk: 'desk-1' })))
      at = NOW + 2 * 3_600_000
      await s.transaction((tx) => trail.record({ actor, action: 'request.decide', request: r, detail: { status: 'REFUSED' } }, tx))
      const check = await trail.verify()
      expect(check).toMatchObject({ ok: true })
      const mine = await trail.page({ actorId: 'spec-audit', requestId: r.id, limit: 3 })
      expect(mine.map((e) => e.action)).toEqual(['request.take', 'request.take', 'request.take'])
      const rest = await trail.page({ actorId: 'spec-audit', requestId: r.id, afterSeq: mine[2].seq, limit: 10 })
      expect(rest.map((e) => e.action)).toEqual(['request.take', 'request.take', 'request.decide'])
      expect(rest[2]).toMatchObject({ departmentId: DEPT, desk: null, detail: '{"status":"REFUSED"}' })
      expect((await trail.page({ action: 'auth.sign-in', departmentId: DEPT, limit: 10 }))).toEqual([])
      expect((await trail.page({ fromAt: NOW + 1, limit: 10 })).map((e) => e.action)).toEqual(['request.decide'])
      // Time bounds are exact (the seq range they map to has a margin for instance clocks, the filter does not).
      expect((await trail.page({ actorId: 'spec-audit', fromAt: NOW, toAt: NOW + 1, limit: 10 })).map((e) => e.action)).toEqual(Array(5).fill('request.take'))
      expect((await trail.page({ actorId: 'spec-audit', toAt: NOW, limit: 10 }))).toEqual([])
      expect((await trail.page({ actorId: 'spec-audit', toAt: NOW + 2 * 3_600_000 + 1, limit: 10 })).map((e) => e.action)).toEqual([...Array(5).fill('request.take'), 'request.decide'])
      expect((await trail.page({ fromAt: NOW + 3 * 3_600_000, limit: 10 }))).toEqual([])
      const day = await trail.activity('2026-12-07', '2026-12-07')
      const of = (action: string, late: number) => day.find((x) => x.actorId === 'spec-audit' && x.action === action && x.late === late)?.n
      expect(of('request.take', 0)).toBe(5)
      // Decided two hours after a deadline one hour away: late.
      expect(of('request.decide', 1)).toBe(1)
      expect(await trail.activity('2026-12-08', '2026-12-09')).toEqual([])
      await expect(o.raw("UPDATE audit_log SET actor_id = 'x'")).rejects.toThrow(/append-only/)
      await expect(o.raw('DELETE FROM audit_log')).rejects.toThrow(/append-only/)
      const lines = await trail.exportLines(3)
      expect(JSON.parse(lines[0])).toMatchObject({ fromSeq: 3, count: lines.length - 1 })
    })

    it('administers accounts (list, patch, disable, end sessions) and units with names', async () => {
      await s.insertUser({ id: 'adm-u', login: 'adm-u', iin: null, passwordHash: 'h', role: 'tson_operator', displayName: 'Ә Оператор', tsonId: 'tson-astana-1', departmentId: null, failedCount: 4, lockedUntil: NOW + 1, testOnly: false })
      expect((await s.listUsers()).find((u) => u.id === 'adm-u')).toMatchObject({ disabled: false })
      await s.updateUser('adm-u', { disabled: true, role: 'supervisor', departmentId: DEPT, failedCount: 0, lockedUntil: null })
      expect(await s.userById('adm-u')).toMatchObject({ disabled: true, role: 'supervisor', departmentId: DEPT, tsonId: 'tson-astana-1', failedCount: 0, lockedUntil: null, displayName: 'Ә Оператор' })
      await s.insertSession({ tokenHash: 'adm-t1', userId: 'adm-u', expiresAt: NOW + 1e6 })
      await s.insertSession({ tokenHash: 'adm-t2', userId: 'adm-u', expiresAt: NOW + 1e6 })
      expect(await s.deleteSessionsOf('adm-u')).toBe(2)
      expect(await s.sessionByHash('adm-t1')).toBeUndefined()
      await s.putOrgUnit({ id: 'tson-x', kind: 'tson', nameKk: 'Х ХҚКО', nameRu: 'ЦОН Х', nameEn: 'PSC X', bin: null })
      await s.putOrgUnit({ id: 'tson-x', kind: 'tson', nameKk: 'Х ХҚКО', nameRu: 'ЦОН Икс', nameEn: 'PSC X', bin: null })
      expect((await s.orgUnits()).filter((u) => u.id === 'tson-x')).toEqual([{ id: 'tson-x', kind: 'tson', nameKk: 'Х ХҚКО', nameRu: 'ЦОН Икс', nameEn: 'PSC X', bin: null }])
    })

    it('binds a certificate to one account only (by fingerprint and by issuer + serial), finds it by issuer + serial, unbinds', async () => {
      const b = { fingerprint: 'a'.repeat(64), userId: 'cert-u1', issuer: 'CN=НУЦ РК (DEMO)', serialHex: '0a1b', holderName: 'Асанова Айгерим', iin: '830717350867', notBefore: NOW - 1, notAfter: NOW + 1e9, boundAt: NOW }
      expect(await s.bindCertificate(b)).toBe(true)
      expect(await s.bindCertificate({ ...b, userId: 'cert-u2' })).toBe(false)
      expect(await s.bindCertificate({ ...b, userId: 'cert-u2', fingerprint: 'b'.repeat(64) })).toBe(false)
      expect(await s.certificateBySerial(b.issuer, b.serialHex)).toEqual(b)
      expect(await s.certificateBySerial(b.issuer, '0a1c')).toBeUndefined()
      expect(await s.certificatesOf('cert-u1')).toEqual([b])
      expect((await s.certificateBindings()).filter((x) => x.userId.startsWith('cert-u'))).toEqual([b])
      expect(await s.unbindCertificate('cert-u2', b.fingerprint)).toBe(false)
      expect(await s.unbindCertificate('cert-u1', b.fingerprint)).toBe(true)
      expect(await s.certificatesOf('cert-u1')).toEqual([])
    })

    it('keeps state duties: one transaction row per bank id (concurrent duplicates insert once), a locked read-modify-write, figures by filter', async () => {
      const r = request({ serviceId: 'zags.repeat-certificate', departmentId: departmentFor('zags.repeat-certificate'), status: 'AWAITING_PAYMENT' })
      await s.insertRequest(r)
      const pay = {
        requestId: r.id, registrationNumber: r.registrationNumber, serviceId: r.serviceId, tsonId: r.tsonId, departmentId: r.departmentId,
        amountTiyn: 432_500, mrpYear: 2026, mrpTenge: 4325, mrpPercent: 100, offeredAt: NOW, dueAt: NOW + 86_400_000, state: 'awaiting' as const,
        paidAt: null, receiptNumber: null, transactionId: null, channel: null, expiredAt: null,
      }
      await s.insertPayment(pay)
      expect(await s.paymentByRequestId(r.id)).toEqual(pay)
      expect((await s.awaitingPayments({ tsonId: 'tson-astana-1' }, 10)).map((p) => p.requestId)).toContain(r.id)
      expect(await s.awaitingPayments({ tsonId: 'tson-other' }, 10)).toEqual([])
      const txRow = {
        transactionId: `bank-${r.id}`, requestId: r.id, registrationNumber: r.registrationNumber, tsonId: r.tsonId, departmentId: r.departmentId,
        at: NOW + 5, amountTiyn: 432_500, channel: 'pos' as const, outcome: 'paid' as const, receiptNumber: '000000000001', refundNumber: null, reason: null,
      }
      // The same bank transaction delivered four times at once: one row.
      const inserted = await Promise.all([1, 2, 3, 4].map(() => s.transaction((tx) => tx.insertPaymentTransaction(txRow))))
      expect(inserted.filter(Boolean)).toHaveLength(1)
      expect(await s.paymentTransaction(txRow.transactionId)).toEqual(txRow)
      // Concurrent read-modify-writes of one payment: each sees the previous one's write (the row is locked in a tx).
      await Promise.all([1, 2, 3].map(() => s.transaction(async (tx) => {
        const p = await tx.paymentByRequestId(r.id)
        await tx.updatePayment(r.id, { amountTiyn: (p?.amountTiyn ?? 0) + 1 })
      })))
      expect((await s.paymentByRequestId(r.id))?.amountTiyn).toBe(432_503)
      await s.updatePayment(r.id, { state: 'paid', paidAt: NOW + 5, receiptNumber: '000000000001', transactionId: txRow.transactionId, channel: 'pos' })
      await s.insertPaymentTransaction({ ...txRow, transactionId: `bank2-${r.id}`, at: NOW + 9, outcome: 'refunded', refundNumber: 'R-1', reason: 'already-paid' })
      expect((await s.paymentTransactions(r.id)).map((t) => t.outcome)).toEqual(['paid', 'refunded'])
      expect((await s.paymentsSince(NOW, { departmentId: r.departmentId }, 100)).map((p) => p.requestId)).toContain(r.id)
      expect(await s.paymentsSince(NOW + 10, { departmentId: r.departmentId }, 100)).toEqual([])
      expect((await s.refundsSince(NOW, { tsonId: 'tson-astana-1' }, 100)).map((t) => t.transactionId)).toContain(`bank2-${r.id}`)
      expect(await s.refundsSince(NOW, { tsonId: 'tson-other' }, 100)).toEqual([])
      expect((await s.awaitingPayments({}, 100)).map((p) => p.requestId)).not.toContain(r.id)
    })

    it('keeps the counter: a ЦОН’s requests newest first by state and keyset, one hand-over, prints, one survey and its report', async () => {
      const tson = `tson-${randomUUID()}`
      const at = (i: number) => NOW - 10_000 + i
      const ready = request({ tsonId: tson, status: 'RESULT_READY', receivedAt: at(1) })
      const refused = request({ tsonId: tson, status: 'REFUSED', receivedAt: at(2) })
      const waiting = request({ tsonId: tson, status: 'IN_PROCESSING', receivedAt: at(3) })
      const issued = request({ tsonId: tson, status: 'ISSUED', receivedAt: at(3), serviceId: 'realty.rights-certificate' })
      const elsewhere = request({ tsonId: 'tson-semey-1', status: 'RESULT_READY', receivedAt: at(4) })
      for (const r of [ready, refused, waiting, issued, elsewhere]) await s.insertRequest(r)
      const ids = async (o: Parameters<GatewayStore['listCounter']>[1]) => (await s.listCounter(tson, o)).map((x) => x.request.id)
      // Newest first; equal times by id, descending.
      const sameTime = [waiting.id, issued.id].sort().reverse()
      expect(await ids({})).toEqual([...sameTime, refused.id, ready.id])
      expect(await ids({ state: 'ready' })).toEqual([ready.id])
      expect(await ids({ state: 'waiting' })).toEqual([waiting.id])
      expect(await ids({ state: 'refused' })).toEqual([refused.id])
      expect(await ids({ state: 'issued' })).toEqual([issued.id])
      // Keyset pages: no duplicate, no gap.
      const first = await s.listCounter(tson, { limit: 2 })
      const last = first[first.length - 1].request
      expect([...first.map((x) => x.request.id), ...(await ids({ after: { receivedAt: last.receivedAt, id: last.id } }))]).toEqual(await ids({}))

      // A refusal handed over is 'issued' for the counter while its status stays REFUSED; the first hand-over stays.
      expect(await s.recordHandOver({ requestId: refused.id, at: NOW, userId: 'op-a', tsonId: tson, kind: 'refusal' })).toBe(true)
      expect(await s.recordHandOver({ requestId: refused.id, at: NOW + 5, userId: 'op-b', tsonId: tson, kind: 'refusal' })).toBe(false)
      expect(await s.handOver(refused.id)).toEqual({ requestId: refused.id, at: NOW, userId: 'op-a', tsonId: tson, kind: 'refusal' })
      expect(await ids({ state: 'refused' })).toEqual([])
      expect((await ids({ state: 'issued' })).sort()).toEqual([issued.id, refused.id].sort())
      expect((await s.listCounter(tson, { state: 'issued' })).find((x) => x.request.id === refused.id)?.handOver?.userId).toBe('op-a')

      const p1 = await s.recordPrint({ requestId: ready.id, at: NOW, userId: 'op-a', role: 'tson_operator', document: 'result', reprint: false, reason: null })
      const p2 = await s.recordPrint({ requestId: ready.id, at: NOW + 1, userId: 'sup', role: 'supervisor', document: 'result', reprint: true, reason: 'бумага замялась' })
      expect(p2.seq).toBeGreaterThan(p1.seq)
      expect((await s.prints(ready.id)).map(({ seq: _s, ...x }) => x)).toEqual([
        { requestId: ready.id, at: NOW, userId: 'op-a', role: 'tson_operator', document: 'result', reprint: false, reason: null },
        { requestId: ready.id, at: NOW + 1, userId: 'sup', role: 'supervisor', document: 'result', reprint: true, reason: 'бумага замялась' },
      ])

      const survey = { requestId: issued.id, serviceId: issued.serviceId, tsonId: tson, at: NOW, userId: 'op-a', q1: 3 as const, q2: 2 as const }
      expect(await s.putSurvey(survey)).toBe(true)
      expect(await s.putSurvey({ ...survey, q1: 1 })).toBe(false)
      expect(await s.survey(issued.id)).toEqual(survey)
      await s.putSurvey({ ...survey, requestId: refused.id, serviceId: refused.serviceId, q1: 1, q2: 1 })
      await s.putSurvey({ ...survey, requestId: elsewhere.id, serviceId: elsewhere.serviceId, tsonId: 'tson-semey-1', q1: 2, q2: 3 })
      expect(await s.surveyReport({ from: NOW, to: NOW + 1, tsonIds: [tson] })).toEqual([
        { serviceId: 'akimat.preschool-queue', tsonId: tson, n: 1, q1: [1, 0, 0], q2: [1, 0, 0] },
        { serviceId: 'realty.rights-certificate', tsonId: tson, n: 1, q1: [0, 0, 1], q2: [0, 1, 0] },
      ])
      expect(await s.surveyReport({ from: NOW + 1, to: NOW + 2, tsonIds: [tson] })).toEqual([])
      expect(await s.surveyReport({ from: NOW, to: NOW + 1, tsonIds: [] })).toEqual([])
    })
  })
}
