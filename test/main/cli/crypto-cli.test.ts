import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { DEMO, HAS_NCA, NCA, PASSWORD, ROOT } from '../../support/crypto-helpers'

// Every check spawns the real CLI (bin/arm.cjs through tsx) several times: seconds each on a busy machine.
vi.setConfig({ testTimeout: 240_000 })

const dir = mkdtempSync(join(tmpdir(), 'arm-cli-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const pw = join(dir, 'pw.txt')
writeFileSync(pw, `${PASSWORD}\n`)
const data = join(dir, 'data.bin')
writeFileSync(data, 'request envelope\n')

function arm(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'arm.cjs'), ...args], { encoding: 'utf8', input, env: { ...process.env, ARM_LANG: 'en' } })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

describe('arm CLI', () => {
  it('arm keys <p12> prints holder facts; a password argument is refused', () => {
    const r = arm(['keys', join(DEMO, 'legacy', 'specialist-sign.p12'), '--password-file', pw])
    expect(r.code).toBe(0)
    expect(r.out).toContain('БЕКОВ ЕРЛАН')
    expect(r.out).toContain('871008401427')
    expect(r.out).toContain('940140000385')
    const bad = arm(['keys', join(DEMO, 'operator-sign.p12'), '--password', PASSWORD])
    expect(bad.code).toBe(2)
    expect(bad.err).toContain('ARGUMENT_INVALID')
  })

  it('the password can come from the prompt (piped stdin); a wrong one is a coded error', () => {
    expect(arm(['keys', join(DEMO, 'operator-auth.p12')], `${PASSWORD}\n`).code).toBe(0)
    const wrong = arm(['keys', join(DEMO, 'operator-auth.p12')], 'nope\n')
    expect(wrong.code).toBe(3)
    expect(wrong.err).toContain('P12_BAD_PASSWORD')
  })

  it('sign detached → verify exits 0 (PASSED); changed content → exit 1', () => {
    const sig = join(dir, 'data.p7s')
    const s = arm(['sign', '--key', join(DEMO, 'operator-sign.p12'), '--in', data, '--out', sig, '--password-file', pw, '--expected-iin', '830717350867'])
    expect(s.code, s.err).toBe(0)
    const v = arm(['verify', '--in', sig, '--content', data])
    expect(v.code).toBe(0)
    expect(v.out).toMatch(/^PASSED/)
    expect(v.out).toContain('АСАНОВА АЙГЕРИМ СЕРІКҚЫЗЫ')
    const other = join(dir, 'other.bin')
    writeFileSync(other, 'request envelope!\n')
    const f = arm(['verify', '--in', sig, '--content', other, '--json'])
    expect(f.code).toBe(1)
    expect(JSON.parse(f.out)).toMatchObject({ indication: 'FAILED', subIndication: 'HASH_FAILURE' })
  })

  it('an attached signature over A verified with --content B fails (CMS_CONTENT_MISMATCH); with --content A it passes', () => {
    const sig = join(dir, 'a-attached.p7s')
    expect(arm(['sign', '--key', join(DEMO, 'operator-sign.p12'), '--in', data, '--out', sig, '--attached', '--password-file', pw]).code).toBe(0)
    const other = join(dir, 'b.bin')
    writeFileSync(other, 'another document\n')
    const b = arm(['verify', '--in', sig, '--content', other, '--json'])
    expect(b.code).toBe(1)
    const report = JSON.parse(b.out)
    expect(report).toMatchObject({ indication: 'FAILED', subIndication: 'HASH_FAILURE', errorCode: 'CMS_CONTENT_MISMATCH', detached: false })
    expect(report.signatures[0]).toMatchObject({ indication: 'FAILED', errorCode: 'CMS_CONTENT_MISMATCH' })
    expect(arm(['verify', '--in', sig, '--content', data]).code).toBe(0)
  })

  it('sign --attached, verify --out gives the content back', () => {
    const sig = join(dir, 'att.p7s')
    expect(arm(['sign', '--key', join(DEMO, 'supervisor-sign.p12'), '--in', data, '--out', sig, '--attached', '--password-file', pw]).code).toBe(0)
    const out = join(dir, 'att.out')
    expect(arm(['verify', '--in', sig, '--out', out]).code).toBe(0)
    expect(existsSync(out)).toBe(true)
  })

  it('a refused certificate writes no signature file', () => {
    const sig = join(dir, 'expired.p7s')
    const r = arm(['sign', '--key', join(DEMO, 'variants', 'variant-expired.p12'), '--in', data, '--out', sig, '--password-file', pw])
    expect(r.code).toBe(3)
    expect(r.err).toContain('CERT_EXPIRED')
    expect(existsSync(sig)).toBe(false)
  })

  it.skipIf(!HAS_NCA)('NCA GOST key: signs and verifies only in test-trust mode, marked', () => {
    const sig = join(dir, 'gost.p7s')
    const key = join(NCA, 'legal', 'valid', 'head.p12')
    expect(arm(['sign', '--key', key, '--in', data, '--out', sig, '--password-file', pw]).err).toContain('CERT_UNTRUSTED')
    const s = arm(['sign', '--key', key, '--in', data, '--out', sig, '--password-file', pw, '--test-trust'])
    expect(s.code, s.err).toBe(0)
    expect(s.err).toContain('TEST trust')
    const v = arm(['verify', '--in', sig, '--content', data, '--test-trust'])
    expect(v.code).toBe(0)
    expect(v.out).toContain('[TEST TRUST]')
    expect(arm(['verify', '--in', sig, '--content', data]).code).toBe(1)
  })

  it('arm cert prints certificate facts; garbage is CERT_CORRUPT', () => {
    const r = arm(['cert', join(DEMO, 'ocsp-signer.crt'), '--json'])
    expect(r.code).toBe(0)
    expect(JSON.parse(r.out).extendedKeyUsage).toContain('1.3.6.1.5.5.7.3.9')
    expect(arm(['cert', data]).err).toContain('CERT_CORRUPT')
  })

  it('strict parsing: an unknown flag (the --expected-inn typo) is ARGUMENT_INVALID, exit 2, and nothing is signed', () => {
    const sig = join(dir, 'typo.p7s')
    const typo = arm(['sign', '--key', join(DEMO, 'operator-sign.p12'), '--in', data, '--out', sig, '--password-file', pw, '--expected-inn', '871008401427'])
    expect(typo.code).toBe(2)
    expect(typo.err).toMatch(/^ARGUMENT_INVALID: .*--expected-inn/m)
    expect(existsSync(sig)).toBe(false)
    const v = arm(['verify', '--in', join(dir, 'data.p7s'), '--expected-inn', '830717350867'])
    expect(v.code).toBe(2)
    expect(v.err).toContain('ARGUMENT_INVALID')
    // A malformed ИИН does not turn the check off either; a value given to a switch, a stray positional: refused.
    for (const args of [
      ['sign', '--key', join(DEMO, 'operator-sign.p12'), '--in', data, '--out', sig, '--password-file', pw, '--expected-iin', '83071735086'],
      ['sign', '--key', join(DEMO, 'operator-sign.p12'), '--in', data, '--out', sig, '--password-file', pw, '--attached=yes'],
      ['sign', '--key', join(DEMO, 'operator-sign.p12'), '--in', data, '--out', sig, '--password-file', pw, 'stray'],
      ['sign', '--key', join(DEMO, 'operator-sign.p12'), '--in', data, '--password-file', pw],
      ['verify', '--in'],
      ['keys'],
      ['keys', 'a.p12', 'b.p12'],
      ['cert', join(DEMO, 'root.crt'), '--jsn'],
      ['catalog', '--bogus'],
      ['nope'],
    ]) {
      const r = arm(args)
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.err, args.join(' ')).toContain('ARGUMENT_INVALID')
    }
    expect(existsSync(sig)).toBe(false)
  }, 240_000)

  it('--help on every subcommand prints its usage and exits 0', () => {
    for (const cmd of ['keys', 'sign', 'verify', 'cert', 'catalog', 'scan', 'print']) {
      for (const flag of ['--help', '-h']) {
        const r = arm([cmd, flag])
        expect(r.code, `${cmd} ${flag}`).toBe(0)
        expect(r.out, `${cmd} ${flag}`).toMatch(new RegExp(`Usage: arm ${cmd}`))
      }
    }
    expect(arm(['--help']).code).toBe(0)
  }, 240_000)
})
