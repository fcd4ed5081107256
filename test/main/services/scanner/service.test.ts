import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createRegistry } from '../../../../src-main/services/handlers'
import type { ScannedPage } from '../../../../src-main/services/scanner/driver'
import { nodeProcessRunner, type ProcessRunner } from '../../../../src-main/services/scanner/process'
import { createScannerService } from '../../../../src-main/services/scanner/service'
import { saneTestEnv } from '../../../support/sane-env'

const HAS_SANE = spawnSync('scanimage', ['--version']).status === 0
const tmp = mkdtempSync(join(tmpdir(), 'arm-scan-test-'))
const sane = saneTestEnv()
afterAll(() => {
  sane.remove()
  rmSync(tmp, { recursive: true, force: true })
})

/** PNG colour type (IHDR byte 25): 0 grey, 2 RGB. */
const colourType = (p: ScannedPage) => p.bytes[25]

describe.skipIf(!HAS_SANE)('scanner service over SANE (test backend)', () => {
  it('lists the test device', async () => {
    const scanner = createScannerService({ env: sane.env, platform: 'linux', tmpDir: tmp })
    expect(scanner.driverName).toBe('sane')
    const devices = await scanner.list()
    expect(devices).toEqual([expect.objectContaining({ id: 'test:0', vendor: 'Noname', driver: 'sane' })])
  })

  it('scans two pages from the feeder, reporting each page as it arrives', async () => {
    const scanner = createScannerService({ env: sane.env, platform: 'linux', tmpDir: tmp })
    const seen: number[] = []
    const outcome = await scanner.scan(
      { device: 'test:0', pages: 2, source: 'feeder', resolution: 100, mode: 'color' },
      { jobId: 'two', onPage: () => seen.push(scanner.progress('two').pagesScanned) },
    )
    expect(outcome.pages).toHaveLength(2)
    expect(outcome.feederEmptied).toBe(false)
    expect(seen).toEqual([1, 2])
    for (const p of outcome.pages) {
      // 80 × 100 mm at 100 dpi, as the test backend's default scan area
      expect(p.width).toBe(Math.round((80 / 25.4) * 100) - 1)
      expect(p.dpi).toBe(100)
      expect(colourType(p)).toBe(2)
    }
    expect(scanner.progress('two')).toMatchObject({ state: 'done', pagesScanned: 2, pagesWanted: 2 })
    // the temporary page folder is gone
    expect(existsSync(tmp) && spawnSync('ls', [tmp], { encoding: 'utf8' }).stdout.trim()).toBe('')
  })

  it('scans grey when asked, and a flatbed gives one page without a count', async () => {
    const scanner = createScannerService({ env: sane.env, platform: 'linux', tmpDir: tmp })
    const outcome = await scanner.scan({ device: 'test:0', source: 'flatbed', resolution: 75, mode: 'gray' })
    expect(outcome.pages).toHaveLength(1)
    expect(colourType(outcome.pages[0])).toBe(0)
  })

  it('a feeder that runs out keeps what it scanned and says so', async () => {
    const scanner = createScannerService({ env: sane.env, platform: 'linux', tmpDir: tmp })
    // the test backend's feeder holds 10 sheets
    const outcome = await scanner.scan({ device: 'test:0', pages: 12, source: 'feeder', resolution: 75 })
    expect(outcome.pages).toHaveLength(10)
    expect(outcome.feederEmptied).toBe(true)
    // several pages without a named source: the feeder is used (a flatbed would give all 12)
    const auto = await scanner.scan({ device: 'test:0', pages: 12, resolution: 75 })
    expect(auto).toMatchObject({ feederEmptied: true, pages: { length: 10 } })
  })

  it('an unknown device is SCANNER_NOT_FOUND; a second scan while one runs is SCANNER_BUSY', async () => {
    const scanner = createScannerService({ env: sane.env, platform: 'linux', tmpDir: tmp })
    await expect(scanner.scan({ device: 'nosuch:0' })).rejects.toMatchObject({ code: 'SCANNER_NOT_FOUND' })
    const first = scanner.scan({ device: 'test:0', pages: 2, source: 'feeder', resolution: 75 })
    await expect(scanner.scan({ device: 'test:0' })).rejects.toMatchObject({ code: 'SCANNER_BUSY' })
    await expect(first).resolves.toMatchObject({ pages: [expect.anything(), expect.anything()] })
  })

  it('cancel stops the scanimage process group, and the scan ends with SCANNER_CANCELLED', async () => {
    // 0.2 s per buffer: a page takes far longer than the test needs to cancel it
    const slow = saneTestEnv({ testConf: ['read-delay true', 'read-delay-duration 200000', 'read-limit true', 'read-limit-size 256'] })
    try {
      const real = nodeProcessRunner('linux')
      const started: { pid: number | undefined; exited: Promise<unknown> }[] = []
      let batchStarted!: () => void
      const ready = new Promise<void>((r) => (batchStarted = r))
      const runner: ProcessRunner = {
        start(cmd, args, opts) {
          const p = real.start(cmd, args, opts)
          started.push({ pid: p.pid, exited: p.exited })
          if (args.some((a) => a.startsWith('--batch='))) batchStarted()
          return p
        },
      }
      const scanner = createScannerService({ env: slow.env, platform: 'linux', tmpDir: tmp, runner })
      const scan = scanner.scan({ device: 'test:0', pages: 3, source: 'feeder', resolution: 300 }, { jobId: 'slow' })
      await ready
      expect(scanner.progress('slow')).toMatchObject({ state: 'scanning', pagesScanned: 0 })
      expect(scanner.cancel('slow')).toBe(true)
      await expect(scan).rejects.toMatchObject({ code: 'SCANNER_CANCELLED' })
      const batch = started.at(-1)!
      await batch.exited
      expect(() => process.kill(-batch.pid!, 0)).toThrow(/ESRCH/)
      expect(scanner.progress('slow')).toMatchObject({ state: 'cancelled', errorCode: 'SCANNER_CANCELLED' })
      expect(scanner.cancel('slow')).toBe(false)
    } finally {
      slow.remove()
    }
  })

  it('no scanning program, no scanner, or none configured: coded errors', async () => {
    const missing = createScannerService({ env: { ...sane.env, ARM_SCANIMAGE: '/nonexistent/scanimage' }, platform: 'linux', tmpDir: tmp })
    await expect(missing.list()).rejects.toMatchObject({ code: 'SCANNER_DRIVER_MISSING' })
    const empty = saneTestEnv({ backends: [] })
    try {
      const none = createScannerService({ env: empty.env, platform: 'linux', tmpDir: tmp })
      expect(await none.list()).toEqual([])
      await expect(none.scan({})).rejects.toMatchObject({ code: 'SCANNER_NOT_FOUND' })
    } finally {
      empty.remove()
    }
    const off = createScannerService({ env: { ARM_SCANNER: 'none' }, platform: 'linux' })
    await expect(off.scan({})).rejects.toMatchObject({ code: 'SCANNER_DRIVER_MISSING' })
  })

  it('the bridge: scanner.scan answers base64 PNG pages, checks its input, and progress/cancel know the job', async () => {
    const scanner = createScannerService({ env: sane.env, platform: 'linux', tmpDir: tmp })
    const registry = createRegistry({ runtime: 'browser-host', clock: { now: () => new Date() }, gatewayUrl: 'http://127.0.0.1:1', scanner } as never)
    const ctx = { origin: 'http://127.0.0.1' }
    const list = await registry.dispatch('scanner.list', {}, ctx)
    expect(list).toMatchObject({ ok: true, value: { driver: 'sane', devices: [{ id: 'test:0' }] } })
    const r = await registry.dispatch('scanner.scan', { jobId: 'b1', pages: 2, source: 'feeder', resolution: 75 }, ctx)
    expect(r.ok).toBe(true)
    const pages = (r as { value: { pages: { content: string; mediaType: string }[] } }).value.pages
    expect(pages.map((p) => p.mediaType)).toEqual(['image/png', 'image/png'])
    expect(Buffer.from(pages[1].content, 'base64').subarray(1, 4).toString()).toBe('PNG')
    expect(await registry.dispatch('scanner.progress', { jobId: 'b1' }, ctx)).toMatchObject({ ok: true, value: { state: 'done', pagesScanned: 2 } })
    // a device id that would be read as an option never reaches scanimage
    expect(await registry.dispatch('scanner.scan', { jobId: 'b2', device: '--help' }, ctx)).toMatchObject({ ok: false, error: { code: 'BRIDGE_INVALID_REQUEST' } })
    expect(await registry.dispatch('scanner.scan', { jobId: 'b3', device: 'nosuch:0' }, ctx)).toMatchObject({ ok: false, error: { code: 'SCANNER_NOT_FOUND' } })
  })
})
