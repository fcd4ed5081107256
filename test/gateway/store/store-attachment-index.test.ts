/**
 * The index from attachments to the requests that list them: written with the request row, and filled once for a
 * database made before it existed. A read of a scan must find its requests without scanning every envelope.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { SqliteGatewayStore } from '../../../src-gateway/store/sqlite'
import type { RequestRecord } from '../../../src-gateway/store/types'

const A = 'a'.repeat(64)
const B = 'b'.repeat(64)
const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

function request(id: string, n: number, hashes: string[], formValue = ''): RequestRecord {
  const envelope = new TextEncoder().encode(JSON.stringify({ attachments: hashes.map((sha256) => ({ sha256 })), form: { note: formValue }, v: 1 }))
  return {
    id, registrationNumber: `GW-20261122-${String(n).padStart(6, '0')}`, envelopeId: `env-${id}`, serviceId: 'akimat.preschool-queue',
    tsonId: 'tson-astana-1', departmentId: 'akimat-astana-education', operatorUserId: 'u1', status: 'REGISTERED', receivedAt: n,
    envelope, signature: new Uint8Array([1]), assigneeId: null, resultKind: null, resultDocument: null, resultSignature: null,
    resultMediaType: null, resultReason: null, resultReasonCode: null, resultSignedBy: null, resultSignerIin: null, resultSignerBin: null, decidedAt: null,
  }
}

describe('request ↔ attachment index', () => {
  it('finds exactly the requests whose attachment list holds the hash (not a form value that happens to contain it)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'arm-gw-idx-'))
    dirs.push(dir)
    const store = new SqliteGatewayStore(path.join(dir, 'gw.sqlite'))
    await store.insertRequest(request('r1', 1, [A, B]))
    await store.insertRequest(request('r2', 2, [B]))
    await store.insertRequest(request('r3', 3, [], A))
    expect((await store.requestsMentioning(A, 10)).map((r) => r.id)).toEqual(['r1'])
    expect((await store.requestsMentioning(B, 10)).map((r) => r.id)).toEqual(['r1', 'r2'])
    expect(await store.requestsMentioning('c'.repeat(64), 10)).toEqual([])
    store.close()
  })

  it('links the requests of a database made before the index, once, when it is opened', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'arm-gw-idx-'))
    dirs.push(dir)
    const file = path.join(dir, 'gw.sqlite')
    const first = new SqliteGatewayStore(file)
    await first.insertRequest(request('old', 1, [A]))
    first.close()
    const raw = new Database(file)
    raw.exec('DELETE FROM request_attachments')
    raw.pragma('user_version = 0')
    raw.close()
    const reopened = new SqliteGatewayStore(file)
    expect((await reopened.requestsMentioning(A, 10)).map((r) => r.id)).toEqual(['old'])
    reopened.close()
  })
})
