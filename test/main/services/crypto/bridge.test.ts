import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { HandlerRegistry, type Handlers } from '../../../../src-shared/bridge/registry'
import { randomUUID } from 'node:crypto'
import { fromBase64, toBase64, verifyCms } from '../../../../src-shared/crypto'
import { canonicalJsonBytes, encodeEnvelope, sha256Hex } from '../../../../src-shared/envelope'
import { createCryptoHandlers } from '../../../../src-main/services/crypto/handlers'
import type { SecretPrompt, SecretRequest } from '../../../../src-main/services/crypto/secret-prompt'
import { createCryptoServices } from '../../../../src-main/services/crypto/setup'
import { DEMO, PASSWORD, ROOT, demoTrust } from '../../../support/crypto-helpers'

const keyDir = mkdtempSync(join(tmpdir(), 'arm-keys-'))
afterAll(() => rmSync(keyDir, { recursive: true, force: true }))
copyFileSync(join(DEMO, 'operator-sign.p12'), join(keyDir, 'operator-sign.p12'))
copyFileSync(join(DEMO, 'legacy', 'operator-auth.p12'), join(keyDir, 'operator-auth-legacy.p12'))
copyFileSync(join(DEMO, 'variants', 'variant-expired.p12'), join(keyDir, 'expired.p12'))
copyFileSync(join(DEMO, 'variants', 'variant-revoked.p12'), join(keyDir, 'revoked.p12'))

class ScriptedPrompt implements SecretPrompt {
  asked: SecretRequest[] = []
  constructor(private answers: Array<string | null>) {}
  async ask(req: SecretRequest): Promise<string | null> {
    this.asked.push(req)
    return this.answers.length ? this.answers.shift()! : null
  }
}

class ManualTimers {
  pending = new Map<number, () => void>()
  private n = 0
  setTimeout = (fn: () => void): number => {
    this.pending.set(++this.n, fn)
    return this.n
  }
  clearTimeout = (h: unknown): void => {
    this.pending.delete(h as number)
  }
  fireAll(): void {
    for (const [k, fn] of [...this.pending]) {
      this.pending.delete(k)
      fn()
    }
  }
}

function setup(answers: Array<string | null>) {
  const prompt = new ScriptedPrompt(answers)
  const timers = new ManualTimers()
  const crypto = createCryptoServices({ resourcesDir: join(ROOT, 'resources'), keyDirs: [keyDir], prompt, testTrust: false, timers })
  const registry = new HandlerRegistry(createCryptoHandlers({ crypto }) as unknown as Handlers)
  const call = (channel: string, req: unknown) => registry.dispatch(channel, req, { origin: 'test' })
  return { prompt, timers, crypto, call }
}

const content = new TextEncoder().encode('canonical envelope bytes')
const ref = (name: string) => `p12:${join(keyDir, name)}`

describe('crypto bridge channels', () => {
  it('listKeys shows the key files, locked, without facts until unlocked', async () => {
    const { call } = setup([])
    const r = await call('crypto.listKeys', {})
    expect(r.ok).toBe(true)
    const keys = (r as { value: { keys: Array<{ label: string; unlocked: boolean; facts?: unknown }> } }).value.keys
    expect(keys.map((k) => k.label)).toEqual(['expired.p12', 'operator-auth-legacy.p12', 'operator-sign.p12', 'revoked.p12'])
    expect(keys.every((k) => !k.unlocked && !k.facts)).toBe(true)
  })

  it('sign asks main’s prompt (not the renderer), retries a wrong password, returns a CMS that verifies; no secret in the answer', async () => {
    const { call, prompt } = setup(['wrong', PASSWORD])
    const r = await call('crypto.sign', { keyRef: ref('operator-sign.p12'), content: toBase64(content), expectedIin: '830717350867' })
    expect(r.ok).toBe(true)
    const value = (r as { value: { cms: string; signer: { iin: string }; check: { ok: boolean } } }).value
    expect(value.signer.iin).toBe('830717350867')
    expect(value.check.ok).toBe(true)
    expect(JSON.stringify(r)).not.toContain(PASSWORD)
    expect(prompt.asked.map((a) => [a.kind, a.attempt, a.previousError])).toEqual([
      ['p12-password', 1, undefined],
      ['p12-password', 2, 'P12_BAD_PASSWORD'],
    ])
    const report = await verifyCms({ cms: fromBase64(value.cms), content, trust: demoTrust() })
    expect(report.indication).toBe('PASSED')
    const listed = await call('crypto.listKeys', {})
    expect(JSON.stringify(listed)).toContain('"unlocked":true')
  })

  it('unlocked keys are forgotten after the idle time; the next signature asks again', async () => {
    const { call, prompt, timers, crypto } = setup([PASSWORD, '', PASSWORD])
    expect((await call('crypto.sign', { keyRef: ref('operator-sign.p12'), content: toBase64(content) })).ok).toBe(true)
    // Unlocked: no password, but still the person's confirmation.
    expect((await call('crypto.sign', { keyRef: ref('operator-sign.p12'), content: toBase64(content) })).ok).toBe(true)
    expect(prompt.asked.map((a) => a.kind)).toEqual(['p12-password', 'sign-confirm'])
    expect(crypto.keys.isUnlocked(ref('operator-sign.p12'))).toBe(true)
    timers.fireAll()
    expect(crypto.keys.isUnlocked(ref('operator-sign.p12'))).toBe(false)
    expect((await call('crypto.sign', { keyRef: ref('operator-sign.p12'), content: toBase64(content) })).ok).toBe(true)
    expect(prompt.asked.map((a) => a.kind)).toEqual(['p12-password', 'sign-confirm', 'p12-password'])
  })

  it('each refusal is a coded error and no signature is returned', async () => {
    const cases: Array<[string, Array<string | null>, Record<string, unknown>, string]> = [
      ['cancelled prompt', [null], { keyRef: ref('operator-sign.p12') }, 'SECRET_PROMPT_CANCELLED'],
      ['three wrong passwords', ['a', 'b', 'c'], { keyRef: ref('operator-sign.p12') }, 'P12_BAD_PASSWORD'],
      ['expired certificate', [PASSWORD], { keyRef: ref('expired.p12') }, 'CERT_EXPIRED'],
      ['revoked certificate', [PASSWORD], { keyRef: ref('revoked.p12') }, 'CERT_REVOKED'],
      ['another person’s key', [PASSWORD], { keyRef: ref('operator-sign.p12'), expectedIin: '871008401427' }, 'CERT_IIN_MISMATCH'],
      ['AUTH key used to sign (legacy .p12)', [PASSWORD], { keyRef: ref('operator-auth-legacy.p12') }, 'CERT_WRONG_PURPOSE'],
      ['unknown key', [], { keyRef: 'p12:/etc/passwd' }, 'KEY_NOT_FOUND'],
    ]
    for (const [label, answers, req, code] of cases) {
      const { call } = setup(answers)
      const r = await call('crypto.sign', { content: toBase64(content), ...req })
      expect(r, label).toMatchObject({ ok: false, error: { code } })
      expect(JSON.stringify(r)).not.toContain('"cms"')
    }
  })

  it('the AUTH key signs a login challenge with purpose AUTH', async () => {
    const { call } = setup([PASSWORD])
    const r = await call('crypto.sign', { keyRef: ref('operator-auth-legacy.p12'), content: toBase64(content), purpose: 'AUTH', expectedIin: '830717350867' })
    expect(r.ok).toBe(true)
  })

  it('verify and certificateInfo over the bridge; lock forgets keys', async () => {
    const { call, crypto } = setup([PASSWORD])
    const signed = (await call('crypto.sign', { keyRef: ref('operator-sign.p12'), content: toBase64(content), detached: false })) as { ok: true; value: { cms: string } }
    expect(signed.ok).toBe(true)
    const v = await call('crypto.verify', { cms: signed.value.cms })
    expect(v).toMatchObject({ ok: true, value: { indication: 'PASSED', detached: false, content: toBase64(content) } })
    // The content given must be the content signed: an attached CMS over A checked against B fails, against A passes.
    const other = toBase64(new TextEncoder().encode('another envelope'))
    const mismatch = await call('crypto.verify', { cms: signed.value.cms, content: other })
    expect(mismatch).toMatchObject({ ok: true, value: { indication: 'FAILED', subIndication: 'HASH_FAILURE', errorCode: 'CMS_CONTENT_MISMATCH' } })
    expect(await call('crypto.verify', { cms: signed.value.cms, content: toBase64(content) })).toMatchObject({ ok: true, value: { indication: 'PASSED' } })
    const bad = await call('crypto.verify', { cms: toBase64(new Uint8Array([0x30, 0x80, 1, 2])) })
    expect(bad).toMatchObject({ ok: false, error: { code: 'CMS_CORRUPT' } })
    const info = await call('crypto.certificateInfo', { keyRef: ref('operator-sign.p12') })
    expect(info).toMatchObject({ ok: true, value: { facts: { fullName: 'АСАНОВА АЙГЕРИМ СЕРІКҚЫЗЫ', purposes: ['SIGN'] }, check: { ok: true } } })
    expect(await call('crypto.lock', {})).toMatchObject({ ok: true, value: { locked: 1 } })
    expect(crypto.keys.isUnlocked(ref('operator-sign.p12'))).toBe(false)
  })
})

const te = new TextEncoder()
/** A canonical request envelope as the intake signs it (src-shared/envelope). */
function envelopeBytes(attachments = 2): Uint8Array {
  return encodeEnvelope({
    v: 1,
    envelopeId: randomUUID(),
    serviceId: 'akimat.unemployed-certificate',
    channel: 'tson',
    tsonId: 'TSON-0101',
    operator: { iin: '830717350867' },
    applicant: { kind: 'person', iin: '871008401427' },
    form: { applicantFullName: 'БЕКОВ ЕРЛАН', yearFrom: 2020, yearTo: 2024 },
    attachments: Array.from({ length: attachments }, (_, i) => ({ docType: 'identity-document', sha256: sha256Hex(te.encode(`scan-${i}`)), size: 100 + i, mediaType: 'application/pdf' as const, pages: 1 })),
    createdAt: '2026-11-22T10:00:00.000Z',
    version: 1,
  })
}

describe('every signature is confirmed in main’s prompt, which shows what main derived from the bytes', () => {
  it('a locked key: ONE prompt asks the password and shows the service, the consumer, the attachments and the SHA-256', async () => {
    const { call, prompt } = setup([PASSWORD])
    const bytes = envelopeBytes(2)
    expect((await call('crypto.sign', { keyRef: ref('operator-sign.p12'), content: toBase64(bytes) })).ok).toBe(true)
    expect(prompt.asked).toHaveLength(1)
    expect(prompt.asked[0].kind).toBe('p12-password')
    expect(prompt.asked[0].signing).toEqual([
      expect.objectContaining({ kind: 'request', sha256: sha256Hex(bytes), serviceId: 'akimat.unemployed-certificate', consumer: { kind: 'person', id: '871008401427', name: 'БЕКОВ ЕРЛАН' }, attachments: 2 }),
    ])
    const s = prompt.asked[0].signing![0] as { service: { kk: string; ru: string } }
    expect(s.service.ru).toMatch(/безработн/i)
    expect(s.service.kk.length).toBeGreaterThan(5)
  })

  it('an unlocked key: signing without the person’s confirmation (cancel) signs nothing', async () => {
    const { call, prompt } = setup([PASSWORD, null])
    expect((await call('crypto.sign', { keyRef: ref('operator-sign.p12'), content: toBase64(content) })).ok).toBe(true)
    // Any caller of the bridge while the key is unlocked: the prompt comes, the person cancels.
    const attempt = await call('crypto.sign', { keyRef: ref('operator-sign.p12'), content: toBase64(te.encode('arbitrary bytes of an attacker')) })
    expect(attempt).toMatchObject({ ok: false, error: { code: 'SECRET_PROMPT_CANCELLED' } })
    expect(JSON.stringify(attempt)).not.toContain('"cms"')
    expect(prompt.asked[1]).toMatchObject({ kind: 'sign-confirm', signing: [{ kind: 'unrecognised', sha256: sha256Hex(te.encode('arbitrary bytes of an attacker')) }] })
  })

  it('a decision document shows its request number and kind; an AUTH challenge is a sign-in', async () => {
    const { call, prompt } = setup([PASSWORD, PASSWORD])
    const decision = canonicalJsonBytes({ registrationNumber: 'KZ-2026-000123', serviceId: 'akimat.unemployed-certificate', kind: 'refusal', decidedAt: '2026-11-22T10:00:00.000Z', reason: 'x' })
    expect((await call('crypto.sign', { keyRef: ref('operator-sign.p12'), content: toBase64(decision) })).ok).toBe(true)
    expect(prompt.asked[0].signing).toEqual([expect.objectContaining({ kind: 'decision', registrationNumber: 'KZ-2026-000123', decision: 'refusal', sha256: sha256Hex(decision) })])
    const challenge = new Uint8Array(32).fill(7)
    expect((await call('crypto.sign', { keyRef: ref('operator-auth-legacy.p12'), content: toBase64(challenge), purpose: 'AUTH' })).ok).toBe(true)
    expect(prompt.asked[1].signing).toEqual([expect.objectContaining({ kind: 'sign-in', sha256: sha256Hex(challenge) })])
  })

  it('a reviewed batch is confirmed once with every document listed; all or nothing', async () => {
    const { call, prompt } = setup([PASSWORD, null, ''])
    const docs = [envelopeBytes(1), envelopeBytes(3), te.encode('third')]
    const first = await call('crypto.signBatch', { keyRef: ref('operator-sign.p12'), contents: docs.map(toBase64) })
    expect(first.ok).toBe(true)
    const items = (first as { value: { items: Array<{ cms: string }> } }).value.items
    expect(items).toHaveLength(3)
    for (const [i, it] of items.entries()) expect((await verifyCms({ cms: fromBase64(it.cms), content: docs[i], trust: demoTrust() })).indication).toBe('PASSED')
    expect(prompt.asked).toHaveLength(1)
    expect(prompt.asked[0].signing!.map((x) => x.sha256)).toEqual(docs.map(sha256Hex))
    // Unlocked now: a cancelled batch signs none of its documents; a confirmed one asks once for all.
    expect(await call('crypto.signBatch', { keyRef: ref('operator-sign.p12'), contents: docs.map(toBase64) })).toMatchObject({ ok: false, error: { code: 'SECRET_PROMPT_CANCELLED' } })
    expect((await call('crypto.signBatch', { keyRef: ref('operator-sign.p12'), contents: docs.map(toBase64) })).ok).toBe(true)
    expect(prompt.asked.map((a) => [a.kind, a.signing?.length])).toEqual([
      ['p12-password', 3],
      ['sign-confirm', 3],
      ['sign-confirm', 3],
    ])
  })
})
