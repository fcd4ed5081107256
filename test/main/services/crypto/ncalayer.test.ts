import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRegistry } from '../../../../src-main/services/handlers'
import { createCryptoServices, type CryptoServices } from '../../../../src-main/services/crypto/setup'
import type { SecretPrompt, SecretRequest } from '../../../../src-main/services/crypto/secret-prompt'

/** Main's prompt, confirmed by the person: an NCALayer signature is confirmed there first, with what is signed. */
const confirmations: SecretRequest[] = []
const confirming: SecretPrompt = { ask: async (r) => (confirmations.push(r), '') }
import { ERRORS } from '../../../../src-shared/errors'
import { fromBase64, toBase64 } from '../../../../src-shared/crypto'
import { DEMO, PASSWORD, ROOT } from '../../../support/crypto-helpers'

/**
 * NCALayer as a key source, against the stand-in process (ncalayer-standin.ts): a real WSS server on the loopback
 * that answers as NCALayer does and signs with the demo operator key, so what comes back verifies with OpenSSL.
 */
const OPERATOR_IIN = '830717350867'
const dir = mkdtempSync(join(tmpdir(), 'arm-ncalayer-'))
let standin: ChildProcessWithoutNullStreams
let url = ''
let crypto: CryptoServices
const lines: string[] = []
let onLine: ((l: string) => void) | undefined

async function setMode(mode: string): Promise<void> {
  const seen = new Promise<void>((resolve) => (onLine = (l) => l === `MODE ${mode}` && resolve()))
  standin.stdin.write(`${mode}\n`)
  await seen
}

beforeAll(async () => {
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', join(dir, 'tls.key'), '-out', join(dir, 'tls.crt'), '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'pipe' })
  standin = spawn(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(__dirname, 'ncalayer-standin.ts')], {
    env: { ...process.env, STANDIN_P12: join(DEMO, 'operator-sign.p12'), STANDIN_PASSWORD: PASSWORD, STANDIN_TLS_CERT: join(dir, 'tls.crt'), STANDIN_TLS_KEY: join(dir, 'tls.key') },
  })
  let buf = ''
  const port = await new Promise<number>((resolve, reject) => {
    standin.once('exit', (code) => reject(new Error(`stand-in exited ${code}`)))
    standin.stdout.on('data', (d: Buffer) => {
      buf += d.toString()
      let nl
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl)
        buf = buf.slice(nl + 1)
        lines.push(line)
        onLine?.(line)
        const m = /^PORT (\d+)$/.exec(line)
        if (m) resolve(Number(m[1]))
      }
    })
  })
  url = `wss://127.0.0.1:${port}`
  crypto = createCryptoServices({ resourcesDir: join(ROOT, 'resources'), keyDirs: [], prompt: confirming, ncaLayer: { url, ca: readFileSync(join(dir, 'tls.crt')) } })
}, 120_000) // the stand-in starts through tsx: slow on a loaded machine

afterAll(async () => {
  if (standin && standin.exitCode === null) {
    const gone = new Promise((r) => standin.once('exit', r))
    standin.stdin.end()
    standin.kill()
    await gone
  }
  rmSync(dir, { recursive: true, force: true })
})

describe('NCALayer key source (stand-in over WSS)', () => {
  it('is offered as a key while NCALayer runs, and signs: the CMS verifies with OpenSSL over our content', async () => {
    await setMode('sign')
    const keys = await crypto.keys.listKeys()
    expect(keys).toContainEqual({ keyRef: 'ncalayer:', source: 'ncalayer', label: 'NCALayer 1.4', unlocked: false })
    const content = new TextEncoder().encode('{"request":"envelope","iin":"830717350867"}')
    const r = await crypto.keys.sign({ keyRef: 'ncalayer:', content, expectedIin: OPERATOR_IIN })
    expect(r.signer.iin).toBe(OPERATOR_IIN)
    expect(r.check.ok).toBe(true)
    // Confirmed first in main's prompt, which showed what is signed (NCALayer's own window does not).
    expect(confirmations.at(-1)).toMatchObject({ kind: 'sign-confirm', keyLabel: 'NCALayer', signing: [{ kind: 'unrecognised', size: content.length }] })
    writeFileSync(join(dir, 'data.bin'), content)
    writeFileSync(join(dir, 'sig.p7s'), r.cms)
    writeFileSync(join(dir, 'ca.pem'), Buffer.concat([readFileSync(join(DEMO, 'root.crt')), readFileSync(join(DEMO, 'intermediate.crt'))]))
    const out = execFileSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', join(dir, 'sig.p7s'), '-content', join(dir, 'data.bin'), '-CAfile', join(dir, 'ca.pem'), '-purpose', 'any', '-out', '/dev/null'], { stdio: 'pipe' })
    expect(out).toBeDefined()
  })

  it('signs attached when asked, through the crypto.sign bridge channel', async () => {
    const registry = createRegistry({ runtime: 'browser-host', clock: { now: () => new Date() }, gatewayUrl: 'http://127.0.0.1:1', crypto } as never)
    const content = new TextEncoder().encode('attached content')
    const r = await registry.dispatch('crypto.sign', { keyRef: 'ncalayer:', content: toBase64(content), detached: false, expectedIin: OPERATOR_IIN }, { origin: 'http://127.0.0.1' })
    expect(r.ok).toBe(true)
    const cms = fromBase64((r as { value: { cms: string } }).value.cms)
    const v = await registry.dispatch('crypto.verify', { cms: toBase64(cms) }, { origin: 'http://127.0.0.1' })
    expect(v).toMatchObject({ ok: true, value: { indication: 'PASSED', detached: false, content: toBase64(content) } })
  })

  it('the user closing NCALayer\'s window is NCALAYER_CANCELLED; so is a desk whose ИИН NCALayer holds no key for', async () => {
    await setMode('cancel')
    await expect(crypto.keys.sign({ keyRef: 'ncalayer:', content: new Uint8Array([1]) })).rejects.toMatchObject({ code: 'NCALAYER_CANCELLED' })
    await setMode('sign')
    await expect(crypto.keys.sign({ keyRef: 'ncalayer:', content: new Uint8Array([1]), expectedIin: '900101300001' })).rejects.toMatchObject({ code: 'NCALAYER_CANCELLED' })
  })

  it('an answer that is not a signature of our content is NCALAYER_BAD_RESPONSE', async () => {
    for (const mode of ['garbage', 'other-data', 'failure']) {
      await setMode(mode)
      await expect(crypto.keys.sign({ keyRef: 'ncalayer:', content: new TextEncoder().encode('ours') }), mode).rejects.toMatchObject({ code: 'NCALAYER_BAD_RESPONSE' })
    }
  })

  it('a valid signature of the wrong person is refused by our own checks (CERT_IIN_MISMATCH), not passed on', async () => {
    await setMode('ignore-filters')
    await expect(crypto.keys.sign({ keyRef: 'ncalayer:', content: new Uint8Array([1, 2]), expectedIin: '900101300001' })).rejects.toMatchObject({ code: 'CERT_IIN_MISMATCH' })
  })

  it('NCALayer not running: no key offered, signing is NCALAYER_NOT_RUNNING (texts in kk/ru/en)', async () => {
    const off = createCryptoServices({ resourcesDir: join(ROOT, 'resources'), keyDirs: [], prompt: confirming, ncaLayer: { url: 'wss://127.0.0.1:9', connectTimeoutMs: 2000 } })
    expect((await off.keys.listKeys()).some((k) => k.source === 'ncalayer')).toBe(false)
    await expect(off.keys.sign({ keyRef: 'ncalayer:', content: new Uint8Array([1]) })).rejects.toMatchObject({ code: 'NCALAYER_NOT_RUNNING' })
    for (const code of ['NCALAYER_NOT_RUNNING', 'NCALAYER_CANCELLED', 'NCALAYER_BAD_RESPONSE'] as const) {
      expect(Object.values(ERRORS[code]).every((t) => t.length > 10)).toBe(true)
    }
    // only the loopback is ever asked
    expect(() => createCryptoServices({ resourcesDir: join(ROOT, 'resources'), keyDirs: [], ncaLayer: { url: 'wss://10.0.0.5:13579' } })).toThrow(/only ever asked on this machine/)
  })
})
