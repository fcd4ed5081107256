/**
 * The fuse settings the packaged desk is built with (build/fuses.cjs, imported by the electron-builder config).
 * Each one that closes a door an attacker on the desk could use is asserted, in both forms the packaging reads.
 */
import { createRequire } from 'node:module'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const req = createRequire(__filename)
const mod = req(path.join(__dirname, '..', '..', 'build', 'fuses.cjs')) as {
  electronFuses: Record<string, boolean>
  toFuseV1(e: Record<string, number>): Record<number, boolean>
}

// FuseV1Options of @electron/fuses 1.x/2.x (the numbering is the fuse wire's order in the Electron binary).
const FuseV1Options = {
  RunAsNode: 0,
  EnableCookieEncryption: 1,
  EnableNodeOptionsEnvironmentVariable: 2,
  EnableNodeCliInspectArguments: 3,
  EnableEmbeddedAsarIntegrityValidation: 4,
  OnlyLoadAppFromAsar: 5,
  LoadBrowserProcessSpecificV8Snapshot: 6,
  GrantFileProtocolExtraPrivileges: 7,
}

describe('Electron fuses of the packaged desk', () => {
  it('RunAsNode, NODE_OPTIONS and --inspect off; embedded ASAR integrity and only-load-from-asar on', () => {
    expect(mod.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    })
    expect(Object.isFrozen(mod.electronFuses)).toBe(true)
  })

  it('the afterPack form maps every setting onto its FuseV1Options wire', () => {
    expect(mod.toFuseV1(FuseV1Options)).toEqual({ 0: false, 1: true, 2: false, 3: false, 4: true, 5: true, 7: false })
    expect(() => mod.toFuseV1({ RunAsNode: 0 })).toThrow(/FuseV1Options/)
  })

  it.skipIf(!(() => { try { req.resolve('@electron/fuses'); return true } catch { return false } })())('with @electron/fuses installed, `fuses` is keyed by its FuseV1Options', () => {
    const { FuseV1Options: real } = req('@electron/fuses') as { FuseV1Options: Record<string, number> }
    const fuses = (mod as unknown as { fuses: Record<number, boolean> }).fuses
    expect(fuses[real.RunAsNode]).toBe(false)
    expect(fuses[real.OnlyLoadAppFromAsar]).toBe(true)
  })
})
