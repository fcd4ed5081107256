import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { HandlerRegistry, type Handlers } from '../../src-shared/bridge/registry'
import { fromBase64, toBase64, verifyCms } from '../../src-shared/crypto'
import { createCryptoHandlers } from '../../src-main/services/crypto/handlers'
import type { SecretPrompt, SecretRequest } from '../../src-main/services/crypto/secret-prompt'
import { createCryptoServices } from '../../src-main/services/crypto/setup'
import { DEMO, PASSWORD, ROOT, demoTrust } from './helpers'

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
    const { call, prompt, timers, crypto } = setup([PASSWORD, PASSWORD])
    expect((await call('crypto.sign', { keyRef: ref('operator-sign.p12'), content: toBase64(content) })).ok).toBe(true)
    expect((await call('crypto.sign', { keyRef: ref('operator-sign.p12'), content: toBase64(content) })).ok).toBe(true)
    expect(prompt.asked.length).toBe(1)
    expect(crypto.keys.isUnlocked(ref('operator-sign.p12'))).toBe(true)
    timers.fireAll()
    expect(crypto.keys.isUnlocked(ref('operator-sign.p12'))).toBe(false)
    expect((await call('crypto.sign', { keyRef: ref('operator-sign.p12'), content: toBase64(content) })).ok).toBe(true)
    expect(prompt.asked.length).toBe(2)
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
