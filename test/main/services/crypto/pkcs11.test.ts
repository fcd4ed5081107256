/**
 * All PKCS#11 tests live in this one file (one C_Initialize per process; SoftHSM dislikes parallel initialisation).
 * A real SoftHSM2 token is initialised in a temp dir with softhsm2-util and pkcs11-tool.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signCades, verifyCms } from '../../../../src-shared/crypto'
import { Pkcs11Keystore } from '../../../../src-main/services/crypto/pkcs11'
import type { SecretRequest } from '../../../../src-main/services/crypto/secret-prompt'
import { createCryptoServices } from '../../../../src-main/services/crypto/setup'
import { createCryptoHandlers } from '../../../../src-main/services/crypto/handlers'
import { HandlerRegistry, type Handlers } from '../../../../src-shared/bridge/registry'
import { DEMO, PASSWORD, ROOT, demoTrust } from '../../../support/crypto-helpers'

const MODULE = '/usr/lib/softhsm/libsofthsm2.so'
const HAVE = existsSync(MODULE) && (() => { try { execFileSync('softhsm2-util', ['--version']); return true } catch { return false } })()
const dir = mkdtempSync(join(tmpdir(), 'arm-hsm-'))
const env = { ...process.env, SOFTHSM2_CONF: join(dir, 'softhsm2.conf') }
const sh = (cmd: string, args: string[], input?: string) => execFileSync(cmd, args, { env, stdio: ['pipe', 'pipe', 'pipe'], input })

function importKey(token: string, p12: string, id: string, label: string): void {
  const keyPem = sh('openssl', ['pkcs12', '-in', p12, '-passin', `pass:${PASSWORD}`, '-nocerts', '-nodes'])
  const p8 = sh('openssl', ['pkcs8', '-topk8', '-nocrypt'], keyPem.toString())
  writeFileSync(join(dir, `${label}.p8.pem`), p8)
  const certPem = sh('openssl', ['pkcs12', '-in', p12, '-passin', `pass:${PASSWORD}`, '-nokeys', '-clcerts'])
  writeFileSync(join(dir, `${label}.der`), sh('openssl', ['x509', '-outform', 'DER'], certPem.toString()))
  sh('softhsm2-util', ['--import', join(dir, `${label}.p8.pem`), '--token', token, '--label', label, '--id', id, '--pin', '1234'])
  sh('pkcs11-tool', ['--module', MODULE, '--token-label', token, '--login', '--pin', '1234', '--write-object', join(dir, `${label}.der`), '--type', 'cert', '--id', id, '--label', label])
}

let ks: Pkcs11Keystore
const content = new TextEncoder().encode('envelope bytes signed on a token')

beforeAll(() => {
  if (!HAVE) return
  mkdirSync(join(dir, 'tokens'))
  writeFileSync(env.SOFTHSM2_CONF, `directories.tokendir = ${join(dir, 'tokens')}\nobjectstore.backend = file\nlog.level = ERROR\n`)
  sh('softhsm2-util', ['--init-token', '--free', '--label', 'operator', '--so-pin', '5678', '--pin', '1234'])
  importKey('operator', join(DEMO, 'operator-sign.p12'), '01', 'operator-sign')
  importKey('operator', join(DEMO, 'variants', 'variant-ec-sign.p12'), '02', 'operator-ec')
  sh('softhsm2-util', ['--init-token', '--free', '--label', 'spare', '--so-pin', '5678', '--pin', '1234'])
  importKey('spare', join(DEMO, 'supervisor-sign.p12'), '03', 'supervisor-sign')
  process.env.SOFTHSM2_CONF = env.SOFTHSM2_CONF // SoftHSM reads it at C_Initialize
  ks = new Pkcs11Keystore(MODULE)
})
afterAll(async () => {
  await ks?.lockAll()
  rmSync(dir, { recursive: true, force: true })
})

describe.skipIf(!HAVE)('PKCS#11 keystore on a SoftHSM2 token', () => {
  it('lists tokens and the key/certificate pairs with holder facts', async () => {
    const tokens = await ks.listTokens()
    expect(tokens.map((t) => t.label).sort()).toEqual(['operator', 'spare'])
    expect(tokens.every((t) => t.pinState === 'ok')).toBe(true)
    const keys = await ks.listKeys()
    const op = keys.filter((k) => k.tokenLabel === 'operator')
    expect(op.map((k) => [k.keyId, k.algorithm, k.facts.iin]).sort()).toEqual([
      ['01', 'RSA-SHA256', '830717350867'],
      ['02', 'ECDSA-SHA256', '830717350867'],
    ])
  })

  it('a wrong PIN is PKCS11_PIN_INCORRECT and reports the attempts-left state of the token', async () => {
    const serial = (await ks.listTokens()).find((t) => t.label === 'operator')!.serial
    await expect(ks.unlock(serial, '0000')).rejects.toMatchObject({ code: 'PKCS11_PIN_INCORRECT', details: { pinState: 'count-low' } })
    expect(ks.isUnlocked(serial)).toBe(false)
    expect((await ks.listTokens()).find((t) => t.serial === serial)!.pinState).toBe('count-low')
    await expect(ks.unlock('no-such-serial', '1234')).rejects.toMatchObject({ code: 'PKCS11_TOKEN_NOT_FOUND' })
  })

  it('signs CAdES with the RSA and the EC key on the token; verification passes; concurrent requests are serialised', async () => {
    const keys = (await ks.listKeys()).filter((k) => k.tokenLabel === 'operator')
    await ks.unlock(keys[0].tokenSerial, '1234')
    const results = await Promise.all(
      [...keys, ...keys, ...keys].map(async (k) => {
        const cms = await signCades({ content, signer: ks.signer(k) })
        return verifyCms({ cms, content, trust: demoTrust(), purpose: 'SIGN', expectedIin: '830717350867' })
      }),
    )
    expect(results.map((r) => r.indication)).toEqual(Array(6).fill('PASSED'))
    expect(results.map((r) => r.signatures[0].signatureAlgorithm).sort()).toEqual([...Array(3).fill('ECDSA-SHA-256'), ...Array(3).fill('RSA-SHA-256')])
  })

  it('arm CLI on the token: keys lists it without a PIN; sign takes the PIN from a file; a wrong PIN is a coded error', async () => {
    const serial = (await ks.listTokens()).find((t) => t.label === 'operator')!.serial
    const arm = (args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin', 'arm.cjs'), ...args], { encoding: 'utf8', env: { ...env, ARM_LANG: 'en' } })
    const keys = arm(['keys', MODULE, '--json'])
    expect(keys.status, keys.stderr).toBe(0)
    expect(JSON.parse(keys.stdout).keys.map((k: { keyId: string }) => k.keyId).sort()).toEqual(['01', '02', '03'])
    writeFileSync(join(dir, 'pin'), '1234\n')
    writeFileSync(join(dir, 'bad-pin'), '9999\n')
    writeFileSync(join(dir, 'doc.bin'), content)
    const signed = arm(['sign', '--key', `pkcs11:${MODULE}#${serial}#01`, '--pin-file', join(dir, 'pin'), '--in', join(dir, 'doc.bin'), '--out', join(dir, 'doc.p7s')])
    expect(signed.status, signed.stderr).toBe(0)
    const verified = arm(['verify', '--in', join(dir, 'doc.p7s'), '--content', join(dir, 'doc.bin')])
    expect(verified.status, verified.stdout).toBe(0)
    const wrong = arm(['sign', '--key', `pkcs11:${MODULE}#${serial}#01`, '--pin-file', join(dir, 'bad-pin'), '--in', join(dir, 'doc.bin'), '--out', join(dir, 'bad.p7s')])
    expect(wrong.status).toBe(3)
    expect(wrong.stderr).toContain('PKCS11_PIN_INCORRECT')
  }, 240_000)

  it('KeyService (bridge path): token keys are listed, the PIN is asked by main’s prompt with the attempt state, then forgotten on lock', async () => {
    await ks.lockAll() // log the token out (login state is per process)
    const asked: SecretRequest[] = []
    const answers = ['0000', '1234']
    const crypto = createCryptoServices({
      resourcesDir: join(ROOT, 'resources'),
      keyDirs: [],
      pkcs11Modules: [MODULE],
      prompt: { ask: async (r) => (asked.push(r), answers.shift() ?? null) },
    })
    const keys = await crypto.keys.listKeys()
    const ref = keys.find((k) => k.source === 'pkcs11' && k.label.endsWith('operator-sign'))!
    expect(ref.facts?.iin).toBe('830717350867')
    const r = await crypto.keys.sign({ keyRef: ref.keyRef, content, purpose: 'SIGN', expectedIin: '830717350867' })
    expect((await verifyCms({ cms: r.cms, content, trust: demoTrust() })).indication).toBe('PASSED')
    expect(asked.map((a) => [a.kind, a.attempt, a.previousError ?? null])).toEqual([
      ['token-pin', 1, null],
      ['token-pin', 2, 'PKCS11_PIN_INCORRECT'],
    ])
    expect(asked[1].pinState).toBe('count-low')
    expect((await crypto.keys.listKeys()).find((k) => k.keyRef === ref.keyRef)!.unlocked).toBe(true)
    await crypto.keys.lockAll()
    expect((await crypto.keys.listKeys()).find((k) => k.keyRef === ref.keyRef)!.unlocked).toBe(false)
  })

  it('signing on a token that is not unlocked is refused', async () => {
    const spare = (await ks.listKeys()).find((k) => k.tokenLabel === 'spare')!
    await expect(signCades({ content, signer: ks.signer(spare) })).rejects.toMatchObject({ code: 'PKCS11_TOKEN_NOT_FOUND' })
  })

  it('token removed mid-session → PKCS11_TOKEN_REMOVED, and no signature comes back', async () => {
    const spare = (await ks.listKeys()).find((k) => k.tokenLabel === 'spare')!
    await ks.unlock(spare.tokenSerial, '1234')
    expect(ks.isUnlocked(spare.tokenSerial)).toBe(true)
    sh('softhsm2-util', ['--delete-token', '--token', 'spare'])
    let cms: Uint8Array | undefined
    await expect(
      signCades({ content, signer: ks.signer(spare) }).then((c) => {
        cms = c
      }),
    ).rejects.toMatchObject({ code: 'PKCS11_TOKEN_REMOVED' })
    expect(cms).toBeUndefined()
    expect(ks.isUnlocked(spare.tokenSerial)).toBe(false)
    expect((await ks.listTokens()).map((t) => t.label)).toEqual(['operator'])
  })

  it('tokens screen through the bridge: known drivers by name, custom paths checked in main, the choice kept; the watcher reports a token plugged in and taken away', async () => {
    const settingsFile = join(dir, 'desk', 'token-modules.json')
    const crypto = createCryptoServices({ resourcesDir: join(ROOT, 'resources'), keyDirs: [], pkcs11Modules: [], tokenSettingsFile: settingsFile, tokenPollMs: 100 })
    const registry = new HandlerRegistry(createCryptoHandlers({ crypto }) as unknown as Handlers)
    const call = async (channel: string, req: unknown) => registry.dispatch(channel, req, { origin: 'test' })
    const value = <T,>(r: Awaited<ReturnType<typeof call>>) => (r.ok ? (r.value as T) : Promise.reject(new Error(JSON.stringify(r.error))))
    type Modules = { known: Array<{ id: string; name: string; found: string | null; usualPaths: string[] }>; configured: Array<{ path: string; name: string }>; tokens: Array<{ label: string; moduleName: string }> }
    const start = await value<Modules>(await call('crypto.tokenModules', {}))
    expect(start.known.map((k) => k.name)).toEqual(['Kaztoken', 'eToken (SafeNet)', 'JaCarta', 'SoftHSM2'])
    expect(start.known.find((k) => k.id === 'softhsm2')!.found).toBe(MODULE)
    expect(start.known.find((k) => k.id === 'jacarta')).toMatchObject({ found: null, usualPaths: expect.arrayContaining(['/usr/lib/libjcPKCS11-2.so']) })
    expect(start).toMatchObject({ configured: [], tokens: [] })
    const { last } = await crypto.tokens.watcher.eventsAfter(0, 0)

    // Refused paths change nothing: relative, not there, and a file that is no PKCS#11 library.
    writeFileSync(join(dir, 'not-a-driver.so'), 'MZ this is not a library')
    for (const [path, code] of [['driver.so', 'PKCS11_MODULE_PATH_INVALID'], [join(dir, 'notes.txt'), 'PKCS11_MODULE_PATH_INVALID'], [join(dir, 'absent.so'), 'PKCS11_MODULE_MISSING'], [join(dir, 'not-a-driver.so'), 'PKCS11_MODULE_FAILED']])
      expect(await call('crypto.setTokenModules', { modules: [MODULE, path] })).toMatchObject({ ok: false, error: { code } })
    expect(existsSync(settingsFile)).toBe(false)
    expect(crypto.keys.tokenModules()).toEqual([])

    const saved = await value<Modules>(await call('crypto.setTokenModules', { modules: [MODULE] }))
    expect(saved.configured).toEqual([{ path: MODULE, name: 'SoftHSM2', present: true }])
    expect(saved.tokens.map((t) => [t.moduleName, t.label])).toEqual([['SoftHSM2', 'operator']])
    const plugged = await crypto.tokens.watcher.eventsAfter(last, 2000)
    expect(plugged.events.map((e) => [e.kind, e.moduleName, e.label])).toEqual([['inserted', 'SoftHSM2', 'operator']])
    expect((await crypto.keys.listKeys()).filter((k) => k.source === 'pkcs11').length).toBe(2)
    // Kept beside the desk's data: a restart loads the same driver without the environment saying so.
    expect(createCryptoServices({ resourcesDir: join(ROOT, 'resources'), keyDirs: [], tokenSettingsFile: settingsFile }).keys.tokenModules()).toEqual([MODULE])

    // The token taken away (its folder gone): the next slot-list reading reports it removed.
    crypto.tokens.watcher.start()
    renameSync(join(dir, 'tokens'), join(dir, 'tokens-away'))
    const removed = await crypto.tokens.watcher.eventsAfter(plugged.last, 5000)
    crypto.tokens.watcher.stop()
    expect(removed.events.map((e) => [e.kind, e.label])).toEqual([['removed', 'operator']])
  })

  it('a module that does not load is PKCS11_MODULE_FAILED', () => {
    expect(() => new Pkcs11Keystore(join(dir, 'missing.so'))).toThrow(expect.objectContaining({ code: 'PKCS11_MODULE_FAILED' }))
  })
})
