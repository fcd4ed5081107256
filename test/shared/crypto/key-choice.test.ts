/**
 * The key offered first for a purpose comes from the certificate's facts (keyUsage/EKU → purposes, НУЦ policy, the
 * owner's ИИН, validity now) — the same rule for sign-in, intake and decisions — never from the file's name. Real
 * demo .p12 files in a temp key folder, main's KeyService listing them, public certificates beside some of them.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { preferredKey } from '../../../src-shared/crypto/keyChoice'
import { chooseKey } from '../../../src-renderer/bridge/crypto'
import { createCryptoServices } from '../../../src-main/services/crypto/setup'
import { DEMO, ROOT, demoKey } from '../../support/crypto-helpers'

const IIN = { operator: '830717350867', specialist: '871008401427', other: '800416300257' }
const dir = mkdtempSync(join(tmpdir(), 'arm-keychoice-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** A demo key copied under another name, with its public certificate beside it (or not). */
function place(source: string, as: string, withCertificate: boolean) {
  const from = join(DEMO, `${source}.p12`)
  copyFileSync(from, join(dir, `${as}.p12`))
  if (withCertificate) writeFileSync(join(dir, `${as}.crt`), demoKey(from).certificate)
}
// Names that lie: the file called "operator-sign" holds the specialist's AUTH key, and so on.
place('specialist-auth', 'a-operator-sign', true)
place('operator-sign', 'b-specialist-auth', true)
place('specialist-sign', 'c-key', true)
place('variants/variant-expired', 'd-operator-sign-expired', true)
place('variants/variant-wrong-iin', 'e-operator-sign-other', true)
place('operator-auth', 'f-operator-auth-locked', false)

const keys = () => createCryptoServices({ resourcesDir: join(ROOT, 'resources'), keyDirs: [dir], prompt: { ask: async () => null } }).keys.listKeys()
const named = (k: { label: string } | undefined) => k?.label

describe('key preselection from certificate facts', () => {
  it('main reads a locked .p12\'s public certificate beside it; without one the key has no facts', async () => {
    const ks = await keys()
    expect(ks.find((k) => k.label === 'a-operator-sign.p12')?.facts).toMatchObject({ iin: IIN.specialist, purposes: ['AUTH'] })
    expect(ks.find((k) => k.label === 'f-operator-auth-locked.p12')?.facts).toBeUndefined()
  })

  it('the signing key is the person\'s own, valid now, with nonRepudiation — whatever the files are called', async () => {
    const ks = await keys()
    const now = Date.now()
    expect(named(preferredKey(ks, 'SIGN', { iin: IIN.operator }, now))).toBe('b-specialist-auth.p12')
    expect(named(preferredKey(ks, 'SIGN', { iin: IIN.specialist }, now))).toBe('c-key.p12')
    expect(named(preferredKey(ks, 'AUTH', { iin: IIN.specialist }, now))).toBe('a-operator-sign.p12')
    // Nobody's key fits another person; an expired certificate and another ИИН's certificate are never offered first.
    expect(preferredKey(ks, 'SIGN', { iin: '990101300123' }, now)).toBeUndefined()
    expect(named(preferredKey(ks, 'SIGN', { iin: IIN.other }, now))).toBe('e-operator-sign-other.p12')
    // The operator's AUTH key whose certificate main has not seen is never guessed from its name: the person chooses.
    expect(preferredKey(ks, 'AUTH', { iin: IIN.operator }, now)).toBeUndefined()
  })

  it('validity is judged at the given moment; the renderer uses the same rule', async () => {
    const ks = (await keys()).map((k) => ({ keyRef: k.keyRef, label: k.label, facts: k.facts }))
    const sign = ks.find((k) => k.label === 'c-key.p12')!.facts!
    expect(chooseKey(ks, 'SIGN', { iin: IIN.specialist }, Date.parse(sign.notAfter) + 1000)).toBeUndefined()
    expect(chooseKey(ks, 'SIGN', { iin: IIN.specialist }, Date.parse(sign.notBefore) - 1000)).toBeUndefined()
    expect(named(chooseKey(ks, 'SIGN', { iin: IIN.specialist }, Date.parse(sign.notBefore) + 1000))).toBe('c-key.p12')
    // An НУЦ key-user certificate goes before one without those policies (e.g. a test certificate with bare EKU).
    const bare = { keyRef: 'x', label: 'x', facts: { ...sign, ncaRoles: [] } }
    expect(chooseKey([bare, ...ks], 'SIGN', { iin: IIN.specialist })?.label).toBe('c-key.p12')
    expect(chooseKey([bare], 'SIGN', { iin: IIN.specialist })?.keyRef).toBe('x')
  })
})
