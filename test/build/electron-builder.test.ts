import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Arch, Platform, build } from 'electron-builder'
import { afterAll, describe, expect, it } from 'vitest'
import { DEFAULT_FUSES, ResEdit, fromBuilder, fuseWireOf, writeElectronStandin } from './electron-standin'

/**
 * The Windows installer configuration (electron-builder.yml), checked on Linux without downloading anything:
 * electron-builder's own schema validation, the installer policy, and an unpacked Windows build (`--dir`) against a
 * stand-in Electron distribution, fuses hook included. NSIS itself (makensis) runs on the release runner.
 */
const ROOT = join(__dirname, '..', '..')
const { getConfig, validateConfiguration } = fromBuilder('./out/util/config/config') as {
  getConfig: (projectDir: string, configPath: string | null, configFromOptions: unknown) => Promise<BuilderConfig>
  validateConfiguration: (config: unknown, debugLogger: unknown) => Promise<void>
}
const { DebugLogger } = fromBuilder('builder-util') as { DebugLogger: new (enabled: boolean) => unknown }
const langs = fromBuilder('./out/util/langs') as { lcid: Record<string, number>; langIdToName: Record<string, string> }
const asar = fromBuilder('@electron/asar') as { listPackage: (archive: string, options: { isPack: boolean }) => string[] }
/** The parts of the loaded configuration the checks read. */
interface BuilderConfig {
  win: { target: unknown }
  nsis: Record<string, unknown> & { installerLanguages: string[] }
  publish: unknown
  npmRebuild: boolean
  asarUnpack: string[]
  afterPack: string
}
const ELECTRON_VERSION = (JSON.parse(readFileSync(join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version

const tmp = mkdtempSync(join(tmpdir(), 'arm-installer-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

const config = () => getConfig(ROOT, null, null)

describe('electron-builder configuration', () => {
  it('passes electron-builder\'s own schema; a wrong value or an unknown option does not', async () => {
    const c = await config()
    await expect(validateConfiguration(c, new DebugLogger(false))).resolves.toBeUndefined()
    await expect(validateConfiguration({ ...c, nsis: { ...c.nsis, oneClick: 'no' } }, new DebugLogger(false))).rejects.toThrow(/oneClick/)
    await expect(validateConfiguration({ ...c, nsis: { ...c.nsis, perMachin: true } }, new DebugLogger(false))).rejects.toThrow(/configuration\.nsis/)
  })

  it('is an NSIS, per-machine, assisted installer in Kazakh and Russian, with a generic update server and rebuilt native modules', async () => {
    const c = await config()
    expect(c.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }])
    expect(c.nsis).toMatchObject({ oneClick: false, perMachine: true, allowToChangeInstallationDirectory: true, deleteAppDataOnUninstall: false, multiLanguageInstaller: true })
    // the locale ids electron-builder maps to NSIS's Kazakh and Russian language files
    expect(c.nsis.installerLanguages).toEqual(['kk_KZ', 'ru_RU'])
    expect(c.nsis.installerLanguages.map((l) => langs.lcid[l])).toEqual([1087, 1049])
    expect(['kk', 'ru'].map((l) => langs.langIdToName[l])).toEqual(['Kazakh', 'Russian'])
    expect(c.nsis.language).toBe('1087')
    expect(c.publish).toMatchObject({ provider: 'generic', url: expect.stringMatching(/^https:\/\//) })
    expect(c.npmRebuild).toBe(true)
    expect(c.asarUnpack).toContain('**/*.node')
    expect(existsSync(join(ROOT, c.afterPack))).toBe(true)
  })

  it('the fuses hook refuses a release without fuse settings', async () => {
    const afterPack = createRequire(__filename)(join(ROOT, 'build', 'after-pack.cjs')) as (ctx: unknown) => Promise<void>
    const saved = { ...process.env }
    try {
      process.env.ARM_FUSES_MODULE = join(tmp, 'missing.cjs')
      process.env.ARM_RELEASE = '1'
      await expect(afterPack({ electronPlatformName: 'win32', packager: {} })).rejects.toThrow(/not found/)
    } finally {
      process.env = saved
    }
  })

  it(
    'builds the unpacked Windows app against a stand-in Electron: app.asar, native modules outside it, resources, version info, asar integrity, fuses flipped',
    async () => {
      if (!existsSync(join(ROOT, 'out', 'main', 'index.js'))) throw new Error('out/ is missing: `npm run build` comes before the tests (as in npm test)')
      const dist = writeElectronStandin(join(tmp, 'electron'), ELECTRON_VERSION)
      // The test's own fuse settings: the hook must carry them into the packed executable.
      const fusesModule = join(tmp, 'fuses.cjs')
      writeFileSync(fusesModule, `exports.fuses = { 0: false, 3: false, 5: true }\n`)
      const output = join(tmp, 'dist')
      const saved = { ...process.env }
      try {
        process.env.ARM_FUSES_MODULE = fusesModule
        // npmRebuild off here only: rebuilding for Electron needs its headers from the network; the release runner does it.
        await build({ projectDir: ROOT, targets: Platform.WINDOWS.createTarget('dir', Arch.x64), config: { electronDist: dist, npmRebuild: false, directories: { output } } })
      } finally {
        process.env = saved
      }
      const app = join(output, 'win-unpacked')
      const exe = readFileSync(join(app, 'ARM.exe'))
      // RunAsNode (0) and --inspect (3) off, only-load-from-asar (5) on; the rest as Electron ships them
      expect(DEFAULT_FUSES).toBe('10111001')
      expect(fuseWireOf(exe)).toBe('00101101')
      const res = ResEdit.NtExecutableResource.from(ResEdit.NtExecutable.from(exe))
      const [vi] = ResEdit.Resource.VersionInfo.fromEntries(res.entries)
      expect(vi.getStringValues({ lang: 1033, codepage: 1200 })).toMatchObject({ ProductName: 'ARM' })
      expect(res.entries.some((e) => e.type === 'INTEGRITY' && e.id === 'ELECTRONASAR')).toBe(true)
      const files = asar.listPackage(join(app, 'resources', 'app.asar'), { isPack: false }).map((f) => f.replace(/\\/g, '/'))
      expect(files).toEqual(expect.arrayContaining(['/package.json', '/out/main/index.js', '/out/preload/index.js', '/out/renderer/index.html']))
      expect(files.some((f) => f.startsWith('/src-'))).toBe(false)
      const unpacked = join(app, 'resources', 'app.asar.unpacked', 'node_modules')
      expect(existsSync(join(unpacked, 'pkcs11js', 'build', 'Release', 'pkcs11.node'))).toBe(true)
      expect(existsSync(join(unpacked, 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'))).toBe(true)
      expect(existsSync(join(app, 'resources', 'resources', 'demo-pki', 'root.crt'))).toBe(true)
    },
    600_000,
  )
})
