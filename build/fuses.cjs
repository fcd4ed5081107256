// Electron fuses of the packaged desk: flipped in the executable itself at packaging time, so no environment variable
// or command-line flag can turn them back. Security settings, kept apart from the packaging config, which imports them:
//   - electron-builder's `electronFuses` option takes `electronFuses` (camelCase, FuseOptionsV1) as it is;
//   - an afterPack hook calling @electron/fuses' flipFuses (or packager.addElectronFuses) takes `fuses`, keyed by
//     FuseV1Options (resolved from @electron/fuses when read).
// Checked by test/build/fuses.test.ts.
const electronFuses = Object.freeze({
  // ELECTRON_RUN_AS_NODE would turn the signed desk binary into a plain Node that runs any script.
  runAsNode: false,
  // Cookies on disk encrypted with the OS key store.
  enableCookieEncryption: true,
  // NODE_OPTIONS (and NODE_EXTRA_CA_CERTS) could preload code or add trust anchors next to the pinned region CA.
  enableNodeOptionsEnvironmentVariable: false,
  // --inspect / --inspect-brk / SIGUSR1 would open a debugger into main, where keys are unlocked.
  enableNodeCliInspectArguments: false,
  // app.asar is checked against the hash embedded in the executable: a patched archive does not load.
  enableEmbeddedAsarIntegrityValidation: true,
  // Only app.asar is loaded (no app/ folder or default_app next to it).
  onlyLoadAppFromAsar: true,
  // The renderer is served from app://, not file://: file: needs no extra privileges.
  grantFileProtocolExtraPrivileges: false,
})

/** FuseOptionsV1 key (camelCase) → FuseV1Options member name (PascalCase). */
function toFuseV1(FuseV1Options) {
  const out = {}
  for (const [key, value] of Object.entries(electronFuses)) {
    const member = key[0].toUpperCase() + key.slice(1)
    if (!(member in FuseV1Options)) throw new Error(`fuses: @electron/fuses has no FuseV1Options.${member}`)
    out[FuseV1Options[member]] = value
  }
  return out
}

module.exports = { electronFuses, toFuseV1 }
// `fuses` for an afterPack hook: resolved only when read, so requiring this file needs no @electron/fuses.
Object.defineProperty(module.exports, 'fuses', {
  enumerable: true,
  get: () => toFuseV1(require('@electron/fuses').FuseV1Options),
})
