/**
 * The SQLite store's transactions: all or nothing, isolated from every other call (they wait), and the `tx` handle
 * works only while its transaction is open.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { SqliteGatewayStore } from '../../../src-gateway/store/sqlite'
import type { StoreTx } from '../../../src-gateway/store/types'

const dirs: string[] = []
const stores: SqliteGatewayStore[] = []
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close()
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }))
})

function open(opts?: { txTimeoutMs?: number }): SqliteGatewayStore {
  const dir = mkdtempSync(path.join(tmpdir(), 'arm-gw-tx-'))
  dirs.push(dir)
  const s = new SqliteGatewayStore(path.join(dir, 'gw.sqlite'), opts)
  stores.push(s)
  return s
}

const idem = (scopeKey: string) => ({ scopeKey, bodyHash: 'h', statusCode: 201, response: '{}', createdAt: 1 })

describe('SqliteGatewayStore.transaction', () => {
  it('rolls back everything when the function throws', async () => {
    const s = open()
    await expect(
      s.transaction(async (tx) => {
        await tx.putIdempotency(idem('k1'))
        expect(await tx.nextRegistrationSeq('20261122')).toBe(1)
        throw new Error('boom')
      }),
    ).rejects.toThrow('boom')
    expect(await s.idempotency('k1')).toBeUndefined()
    // The counter was rolled back too: the next number is 1 again.
    expect(await s.transaction((tx) => tx.nextRegistrationSeq('20261122'))).toBe(1)
  })

  it('a call from elsewhere waits until the transaction ends and sees only its committed result', async () => {
    const s = open()
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    const order: string[] = []
    const t = s.transaction(async (tx) => {
      await tx.putIdempotency(idem('k2'))
      order.push('tx wrote')
      await gate // another request's turn comes now, while this transaction is open
      order.push('tx ends')
    })
    await new Promise((r) => setTimeout(r, 10))
    const outside = s.idempotency('k2').then((r) => {
      order.push('outside read')
      return r
    })
    await new Promise((r) => setTimeout(r, 10))
    expect(order).toEqual(['tx wrote']) // the outside read is held back
    release()
    await t
    expect((await outside)?.scopeKey).toBe('k2')
    expect(order).toEqual(['tx wrote', 'tx ends', 'outside read'])
  })

  it('refuses a tx handle used after its transaction', async () => {
    const s = open()
    let kept: StoreTx | undefined
    await s.transaction(async (tx) => {
      kept = tx
    })
    await expect(kept!.putIdempotency(idem('k3'))).rejects.toThrow(/outside its transaction/)
    expect(await s.idempotency('k3')).toBeUndefined()
  })

  it('a store call from inside the transaction (instead of tx) fails loudly and rolls back, not a silent hang', async () => {
    const s = open({ txTimeoutMs: 200 })
    const t0 = Date.now()
    await expect(
      s.transaction(async (tx) => {
        await tx.putIdempotency(idem('k4'))
        await s.idempotency('k4') // waits for this very transaction
      }),
    ).rejects.toThrow(/must go through tx/)
    expect(Date.now() - t0).toBeLessThan(5000)
    // Rolled back, and the store answers again.
    expect(await s.idempotency('k4')).toBeUndefined()
  })
})
