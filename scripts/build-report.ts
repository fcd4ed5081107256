/**
 * The renderer's build report: what the login screen loads (the entry chunk and everything it imports statically, CSS
 * included) with raw and gzip sizes and the biggest modules of each chunk, and the lazily loaded chunks apart.
 *
 * `npx tsx scripts/build-report.ts` after `npm run build` prints it and exits 1 when the login screen's JavaScript is
 * over LOGIN_JS_GZIP_LIMIT; test/build/login-chunks.test.ts holds the same limit. The build writes the module list
 * (`.vite/modules.json`) through chunkModulesPlugin(), beside Vite's own manifest.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { ChunkModules } from './chunk-modules'

/** #18: the login screen's initial JavaScript, gzip. */
export const LOGIN_JS_GZIP_LIMIT = 250 * 1024

export const RENDERER_OUT = resolve(__dirname, '..', 'out', 'renderer')

interface ManifestEntry {
  file: string
  src?: string
  isEntry?: boolean
  isDynamicEntry?: boolean
  imports?: string[]
  dynamicImports?: string[]
  css?: string[]
  assets?: string[]
}
type Manifest = Record<string, ManifestEntry>

export interface FileSize {
  file: string
  bytes: number
  gzip: number
}

export interface BuildReport {
  /** What the login page loads before anyone signs in: the entry's static import closure. */
  login: { js: FileSize[]; css: FileSize[]; jsGzip: number; jsBytes: number }
  /** Everything else: loaded when a screen needs it. */
  lazy: FileSize[]
  modules: ChunkModules
}

function size(outDir: string, file: string): FileSize {
  const bytes = readFileSync(join(outDir, file))
  return { file, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length }
}

export function buildReport(outDir = RENDERER_OUT): BuildReport {
  const manifestFile = join(outDir, '.vite', 'manifest.json')
  if (!existsSync(manifestFile)) throw new Error(`no ${manifestFile}: run npm run build first`)
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest
  const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry)
  if (!entryKey) throw new Error('the manifest has no entry')
  // The static import closure of the entry: what the browser fetches before the first paint of the login screen.
  const seen = new Set<string>()
  const walk = (key: string) => {
    if (seen.has(key)) return
    seen.add(key)
    for (const k of manifest[key].imports ?? []) walk(k)
  }
  walk(entryKey)
  const js = [...seen].map((k) => size(outDir, manifest[k].file))
  const css = [...new Set([...seen].flatMap((k) => manifest[k].css ?? []))].map((f) => size(outDir, f))
  const loginFiles = new Set([...js, ...css].map((f) => f.file))
  const lazyFiles = new Set<string>()
  for (const e of Object.values(manifest)) for (const f of [e.file, ...(e.css ?? []), ...(e.assets ?? [])]) if (!loginFiles.has(f)) lazyFiles.add(f)
  const modulesFile = join(outDir, '.vite', 'modules.json')
  const modules = existsSync(modulesFile) ? (JSON.parse(readFileSync(modulesFile, 'utf8')) as ChunkModules) : {}
  return {
    login: { js, css, jsGzip: js.reduce((n, f) => n + f.gzip, 0), jsBytes: js.reduce((n, f) => n + f.bytes, 0) },
    lazy: [...lazyFiles].sort().map((f) => size(outDir, f)),
    modules,
  }
}

/** Module sizes summed per package (node_modules) or per source folder, biggest first. */
export function byPackage(mods: { module: string; bytes: number }[]): { name: string; bytes: number }[] {
  const sums = new Map<string, number>()
  for (const m of mods) {
    const parts = m.module.split('/')
    const name = m.module.startsWith('src-') ? parts.slice(0, 3).join('/') : parts[0].startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]
    sums.set(name, (sums.get(name) ?? 0) + m.bytes)
  }
  return [...sums].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes)
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`

export function formatReport(r: BuildReport): string {
  const lines = [`Login screen loads ${r.login.js.length} JS file(s): ${kb(r.login.jsBytes)} raw, ${kb(r.login.jsGzip)} gzip (limit ${kb(LOGIN_JS_GZIP_LIMIT)})`]
  for (const f of [...r.login.js, ...r.login.css]) {
    lines.push(`  ${f.file}  ${kb(f.bytes)}  gzip ${kb(f.gzip)}`)
    for (const p of byPackage(r.modules[f.file] ?? []).slice(0, 15)) lines.push(`      ${p.name}  ${kb(p.bytes)}`)
  }
  lines.push('Loaded when a screen needs it:')
  for (const f of r.lazy) lines.push(`  ${f.file}  ${kb(f.bytes)}  gzip ${kb(f.gzip)}`)
  return lines.join('\n')
}

if (require.main === module) {
  const r = buildReport()
  const text = formatReport(r)
  process.stdout.write(text + '\n')
  writeFileSync(join(RENDERER_OUT, '.vite', 'build-report.txt'), text + '\n')
  if (r.login.jsGzip > LOGIN_JS_GZIP_LIMIT) {
    process.stderr.write(`the login screen's JavaScript is ${kb(r.login.jsGzip)} gzip, over ${kb(LOGIN_JS_GZIP_LIMIT)}\n`)
    process.exit(1)
  }
}
