import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runArm } from '../../../src-main/cli/arm'
import { ERRORS } from '../../../src-shared/errors'
import { saneTestEnv } from '../../support/sane-env'

const ROOT = join(__dirname, '..', '..', '..')
const HAS_SANE = spawnSync('scanimage', ['--version']).status === 0
const dir = mkdtempSync(join(tmpdir(), 'arm-scan-cli-'))
const sane = saneTestEnv()
afterAll(() => {
  sane.remove()
  rmSync(dir, { recursive: true, force: true })
})

/** The installed command, as an administrator runs it (a separate process through bin/arm.cjs). */
function armProcess(args: string[], env: Record<string, string | undefined>) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'arm.cjs'), ...args], { encoding: 'utf8', env: { ARM_LANG: 'en', ...env } })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

/** The same command in this process (starting tsx for each case would cost seconds each on a loaded machine). */
async function arm(args: string[], env: Record<string, string | undefined>) {
  let out = ''
  let err = ''
  const code = await runArm(args, { stdout: (s) => void (out += s), stderr: (s) => void (err += s), env: { ARM_LANG: 'en', ...env } })
  return { code, out, err }
}

describe.skipIf(!HAS_SANE)('arm scan', () => {
  it('--list lists the SANE test device', async () => {
    const r = armProcess(['scan', '--list'], sane.env)
    expect(r.code, r.err).toBe(0)
    expect(r.out).toMatch(/^test:0\tNoname frontend-tester \(virtual device, sane\)$/m)
    const json = JSON.parse((await arm(['scan', '--list', '--json'], sane.env)).out)
    expect(json).toMatchObject({ driver: 'sane', devices: [{ id: 'test:0' }] })
  }, 120_000) // a separate process through tsx: slow to start on a loaded machine

  it('--device test:0 --pages 2 --out FILE.pdf writes a two-page PDF of the scan size, with progress per page', async () => {
    const out = join(dir, 'two.pdf')
    const r = await arm(['scan', '--device', 'test:0', '--pages', '2', '--resolution', '100', '--out', out], sane.env)
    expect(r.code, r.err).toBe(0)
    expect(r.err).toContain('page 1 of 2 scanned')
    expect(r.err).toContain('page 2 of 2 scanned')
    const info = spawnSync('pdfinfo', [out], { encoding: 'utf8' }).stdout
    expect(info).toMatch(/^Pages:\s+2$/m)
    // 80 × 100 mm scan area → about 227 × 283 pt
    const [, w, h] = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)!
    expect(Number(w)).toBeGreaterThan(220)
    expect(Number(w)).toBeLessThan(230)
    expect(Number(h)).toBeGreaterThan(278)
    expect(Number(h)).toBeLessThan(288)
    // the pages are the scanner's picture, not blank: pdftoppm renders pixels that are not all white
    const ppm = spawnSync('pdftoppm', ['-r', '20', '-f', '2', '-l', '2', '-gray', out], { encoding: 'latin1' }).stdout
    expect(ppm.length).toBeGreaterThan(100)
    expect([...ppm.slice(-500)].some((c) => c.charCodeAt(0) < 128)).toBe(true)
  })

  it('no scanner: SCANNER_NOT_FOUND with the text in kk, ru and en; no SANE at all: SCANNER_DRIVER_MISSING', async () => {
    const empty = saneTestEnv({ backends: [] })
    try {
      for (const lang of ['kk', 'ru', 'en'] as const) {
        const r = await arm(['scan', '--list'], { ...empty.env, ARM_LANG: lang })
        expect(r.code).toBe(3)
        expect(r.err).toContain(`SCANNER_NOT_FOUND: ${ERRORS.SCANNER_NOT_FOUND[lang]}`)
      }
      const none = await arm(['scan', '--out', join(dir, 'none.pdf')], empty.env)
      expect(none.code).toBe(3)
      expect(none.err).toContain('SCANNER_NOT_FOUND')
    } finally {
      empty.remove()
    }
    const missing = await arm(['scan', '--list'], { ...sane.env, ARM_SCANIMAGE: '/nonexistent/scanimage', ARM_LANG: 'ru' })
    expect(missing.code).toBe(3)
    expect(missing.err).toContain(`SCANNER_DRIVER_MISSING: ${ERRORS.SCANNER_DRIVER_MISSING.ru}`)
  })

  it('bad arguments are usage errors', async () => {
    expect((await arm(['scan', '--device', 'test:0', '--out', join(dir, 'x.png')], sane.env)).code).toBe(2)
    expect((await arm(['scan', '--pages', '0', '--out', join(dir, 'x.pdf')], sane.env)).code).toBe(2)
    expect((await arm(['scan', '--mode', 'sepia', '--out', join(dir, 'x.pdf')], sane.env)).code).toBe(2)
    expect((await arm(['scan', '--device', '-L', '--out', join(dir, 'x.pdf')], sane.env)).code).toBe(2)
  })
})
