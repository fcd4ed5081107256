/// <reference types="node" />
import 'fake-indexeddb/auto'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createArmApi } from '@shared/bridge/client'
import { decodeEnvelope } from '@shared/envelope'
import { beforeAll, describe, expect, it } from 'vitest'
import { createCryptoServices } from '../../../../../src-main/services/crypto/setup'
import { createRegistry } from '../../../../../src-main/services/handlers'
import { ArmDb } from '../../../../../src-renderer/db'
import { OutboxService } from '../../../../../src-renderer/sync/OutboxService'
import { dexieDraftStore } from '../../../../../src-renderer/features/intake/core/dexieDraftStore'
import { emptyDraft } from '../../../../../src-renderer/features/intake/core/model'
import { SignAndQueue } from '../../../../../src-renderer/features/intake/core/signAndQueue'
import { bridgeCrypto } from '../../../../../src-renderer/bridge/crypto'

/**
 * Review & sign through the real bridge: window.arm built from the contract over main's real HandlerRegistry with the
 * crypto services on resources/demo-pki. The .p12 password is given by main's prompt port (what the Electron modal or
 * the host's page does), never by the renderer code. OpenSSL then verifies the stored CMS over the stored envelope.
 */
const prompts: string[] = []
const dir = mkdtempSync(join(tmpdir(), 'arm-sign-bridge-'))

beforeAll(() => {
  const crypto = createCryptoServices({
    resourcesDir: join(process.cwd(), 'resources'),
    prompt: {
      ask: async (r) => {
        prompts.push(`${r.kind}:${r.keyLabel}`)
        return 'Qwerty12'
      },
    },
  })
  const registry = createRegistry({ runtime: 'browser-host', clock: { now: () => new Date() }, gatewayUrl: 'http://127.0.0.1:9', crypto })
  const arm = createArmApi((channel, request) => registry.dispatch(channel, request, { origin: 'http://127.0.0.1:5180' }))
  ;(globalThis as unknown as { window: { arm: unknown } }).window = { arm }
})

describe('signing through window.arm.crypto', () => {
  it('lists the demo keys and signs the canonical envelope with the operator SIGN key; OpenSSL verifies it', async () => {
    const crypto = bridgeCrypto()
    const keys = await crypto.listKeys()
    const sign = keys.find((k) => /operator-sign/.test(k.label))
    expect(sign, JSON.stringify(keys.map((k) => k.label))).toBeDefined()

    const db = new ArmDb(`bridge-${Date.now()}`)
    const store = dexieDraftStore(db)
    const sq = new SignAndQueue({ store, signer: { sign: (b, o) => crypto.sign(b, { purpose: 'SIGN', ...o }) }, outbox: new OutboxService({ db, clock: { now: () => 1, sleep: async () => {} } }) })
    const draft = emptyDraft({ id: '00000000-0000-4000-8000-00000000a001', serviceId: 'land.cadastral-info', channel: 'tson', now: 1 })
    draft.applicant = { kind: 'person', iin: '871008401427' }
    draft.fields = { applicantKind: 'person', applicantIin: '871008401427', cadastralNumber: '01-011-004-256' }
    const r = await sq.signAndQueue(draft, {
      operatorIin: '830717350867',
      requiredDocuments: [],
      keyRef: sign!.keyRef,
      now: () => new Date('2026-11-22T12:00:00Z'),
      newId: () => '00000000-0000-4000-8000-00000000b001',
    })
    expect(prompts.some((p) => /operator-sign/.test(p))).toBe(true)
    expect(decodeEnvelope(r.envelopeBytes).operator.iin).toBe('830717350867')
    writeFileSync(join(dir, 'env.bin'), r.envelopeBytes)
    writeFileSync(join(dir, 'sig.der'), Buffer.from(r.signature, 'base64'))
    const out = execFileSync(
      'openssl',
      ['cms', '-verify', '-binary', '-inform', 'DER', '-in', join(dir, 'sig.der'), '-content', join(dir, 'env.bin'), '-CAfile', join(process.cwd(), 'resources/demo-pki/root.crt'), '-certfile', join(process.cwd(), 'resources/demo-pki/intermediate.crt'), '-purpose', 'any', '-out', '/dev/null'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    )
    expect(out).toBeDefined()
    expect((await db.requests.get(r.requestId))!.state).toBe('queued')
  })
})
