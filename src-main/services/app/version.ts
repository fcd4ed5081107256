import pkg from '../../../package.json'

/** The product version, taken from package.json at build time so Electron, the host and the bundle agree. */
export const APP_VERSION: string = pkg.version
