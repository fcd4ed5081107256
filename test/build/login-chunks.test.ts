/**
 * The login screen's chunk set (#18): what the entry loads before anyone signs in stays under the gzip limit and holds
 * none of the heavy libraries a signed-in screen loads on demand. Reads the production build (`npm run build` runs
 * before the tests in `npm test`).
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildReport, LOGIN_JS_GZIP_LIMIT, RENDERER_OUT } from '../../scripts/build-report'

// Libraries and assets that only a signed-in screen needs: PDF building, fonts, QR and barcodes, pdf.js, TIFF scans.
const LAZY_ONLY = [/^@cantoo\/pdf-lib\//, /^@cantoo\/fontkit\//, /^qrcode\//, /^bwip-js\//, /^pdfjs-dist\//, /^utif2\//, /\.ttf$/]
// What the desk starts after the login screen's first paint (app/boot.ts): the bridge's channel table and its schemas,
// the error table, the database, the gateway client, the outbox and sync, hashing and signing helpers, other screens.
const AFTER_FIRST_PAINT = [
  /^zod\//,
  /^dexie/,
  /^@noble\//,
  /^src-shared\/errors\/(?!types\.ts$)/,
  /^src-shared\/bridge\//,
  /^src-shared\/gateway\//,
  /^src-renderer\/(db|sync|gateway)\//,
  /^src-renderer\/bridge\/(install|crypto|scanner)\.ts$/,
  /^src-renderer\/features\/(?!login\/)/,
]

describe('the login screen chunk set', () => {
  const built = existsSync(join(RENDERER_OUT, '.vite', 'manifest.json'))
  const report = built ? buildReport() : undefined
  it('a production build exists to check (npm run build)', () => {
    expect(built, `no build in ${RENDERER_OUT}: run npm run build first`).toBe(true)
  })

  it.runIf(built)(`keeps the login JavaScript ≤ ${LOGIN_JS_GZIP_LIMIT / 1024} KB gzip`, () => {
    const r = report!
    expect(r.login.js.length).toBeGreaterThan(0)
    expect(r.login.jsGzip).toBeLessThanOrEqual(LOGIN_JS_GZIP_LIMIT)
  })

  it.runIf(built)('loads PDF, fonts, QR, pdf.js and TIFF only on demand', () => {
    const r = report!
    const loginModules = r.login.js.flatMap((f) => r.modules[f.file] ?? []).map((m) => m.module)
    expect(loginModules.length, 'the build wrote .vite/modules.json').toBeGreaterThan(0)
    const heavyAtLogin = loginModules.filter((m) => LAZY_ONLY.some((re) => re.test(m)))
    expect(heavyAtLogin).toEqual([])
    const lazyModules = r.lazy.flatMap((f) => r.modules[f.file] ?? []).map((m) => m.module)
    // The libraries are still in the build, just not on the login screen.
    for (const lib of [/^@cantoo\/pdf-lib\//, /^pdfjs-dist\//, /^qrcode\//]) expect(lazyModules.some((m) => lib.test(m)), String(lib)).toBe(true)
    expect(r.lazy.some((f) => f.file.endsWith('.ttf'))).toBe(true)
  })

  it.runIf(built)('starts the bridge, the error table, the database, the sync and other screens only after the first paint', () => {
    const r = report!
    const loginModules = r.login.js.flatMap((f) => r.modules[f.file] ?? []).map((m) => m.module)
    expect(loginModules.some((m) => m.startsWith('src-renderer/features/login/')), 'the login screen itself is there').toBe(true)
    expect(loginModules.filter((m) => AFTER_FIRST_PAINT.some((re) => re.test(m)))).toEqual([])
    const lazyModules = r.lazy.flatMap((f) => r.modules[f.file] ?? []).map((m) => m.module)
    for (const m of ['src-renderer/app/boot.ts', 'src-renderer/bridge/install.ts', 'src-shared/errors/index.ts']) expect(lazyModules, m).toContain(m)
  })

  it.runIf(built)('ships minified JavaScript', () => {
    const r = report!
    const renderedBytes = r.login.js.reduce((n, f) => n + (r.modules[f.file] ?? []).reduce((k, m) => k + m.bytes, 0), 0)
    // The modules' rendered size is before minification; a minified chunk is well under it.
    expect(r.login.jsBytes).toBeLessThan(renderedBytes * 0.75)
  })
})
