// electron-builder afterPack hook: flips the Electron fuses of the packed executable before it is signed and put into
// the installer. The fuse settings themselves live in build/fuses.cjs (security settings, kept apart from packaging),
// which exports `fuses`: the options object of @electron/fuses' flipFuses without `version` — e.g.
// { [FuseV1Options.RunAsNode]: false, [FuseV1Options.OnlyLoadAppFromAsar]: true, … }.
// ARM_FUSES_MODULE points at another such module (the installer test uses its own).
// A release without fuse settings must not happen silently: set ARM_RELEASE=1 on the release runner and a missing
// build/fuses.cjs stops the build.
const { existsSync } = require('node:fs')
const path = require('node:path')

module.exports = async function afterPack(context) {
  const modulePath = path.resolve(process.env.ARM_FUSES_MODULE || path.join(__dirname, 'fuses.cjs'))
  if (!existsSync(modulePath)) {
    const message = `fuses: ${modulePath} not found, the executable keeps Electron's default fuses`
    if (process.env.ARM_RELEASE === '1') throw new Error(message)
    console.warn(`  • ${message}`)
    return
  }
  const { FuseVersion } = require('@electron/fuses')
  const { fuses } = require(modulePath)
  if (!fuses || typeof fuses !== 'object') throw new Error(`fuses: ${modulePath} exports no \`fuses\` object`)
  // electron-builder's own entry point for fuses: it knows where the packed executable is on every platform.
  await context.packager.addElectronFuses(context, { ...fuses, version: FuseVersion.V1, resetAdHocDarwinSignature: context.electronPlatformName === 'darwin' })
}
