/**
 * Bench part "renderer" (#18 point 3): the cold login page of the production build against a bare React app built the
 * same way (Vite, minified), both served by the workstation's own browser host (src-main/host: the same headers, the
 * same CSP, the same bridge registry), each page with a signed-in browser session as the desk has after its launch
 * link, in the same Chromium with the same flags. "Cold" is the same for both: a fresh browser context per load (no
 * HTTP cache, no V8 code cache, no storage). The figure is navigation start → first contentful paint, the page's own
 * clock; on both pages the first paint is the sign-in form. Rounds interleave the two pages (the first page of a round
 * alternates); in a round each page loads REPS times and counts its fastest load (the one least disturbed by whatever
 * else the machine runs); the figure is the median of the rounds' ratios, printed with their spread.
 * It also lists what the login page fetched before its first paint. Needs `npm run build` first.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { join, resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import type { Browser } from 'playwright-core'
import { build } from 'vite'
import { buildReport, LOGIN_JS_GZIP_LIMIT, RENDERER_OUT } from '../../scripts/build-report'
import { startBrowserHost, type BrowserHost } from '../../src-main/host/server'
import { createRegistry } from '../../src-main/services/handlers'
import { launchChromium } from '../../test/e2e/harness'
import type { BenchPart } from '../types'

const GATEWAY_URL = 'http://127.0.0.1:8787'

/** A page served by the browser host, and the session cookie its launch link set (what the desk's browser holds). */
interface Served {
  host: BrowserHost
  cookie: { name: string; value: string }
}

async function serve(rendererDir: string): Promise<Served> {
  const host = await startBrowserHost({ rendererDir, registry: createRegistry({ runtime: 'browser-host', clock: { now: () => new Date() }, gatewayUrl: GATEWAY_URL }), csp: { gatewayUrl: GATEWAY_URL } })
  const res = await fetch(host.url, { redirect: 'manual' })
  const [name, value] = (res.headers.get('set-cookie') ?? '').split(';')[0].split('=')
  if (res.status !== 303 || !name || !value) throw new Error(`bench renderer: the host's launch link answered ${res.status}`)
  return { host, cookie: { name, value } }
}

/** The baseline: React + ReactDOM rendering a small sign-in form, built minified like the product. */
export async function buildBareReact(dir: string): Promise<string> {
  const src = join(dir, 'src')
  mkdirSync(src, { recursive: true })
  writeFileSync(join(src, 'index.html'), '<!doctype html><html><head><meta charset="UTF-8"><title>bare</title></head><body><div id="root"></div><script type="module" src="./main.jsx"></script></body></html>')
  writeFileSync(
    join(src, 'main.jsx'),
    `import { useState } from 'react'
import { createRoot } from 'react-dom/client'
function Login() {
  const [login, setLogin] = useState('')
  return <form data-testid="login-form"><label>Login <input value={login} onChange={(e) => setLogin(e.target.value)} /></label><label>Password <input type="password" /></label><button>Sign in</button></form>
}
createRoot(document.getElementById('root')).render(<Login />)
`,
  )
  const out = join(dir, 'out')
  await build({ root: src, base: './', logLevel: 'silent', configFile: false, plugins: [react()], build: { outDir: out, minify: true, emptyOutDir: true, modulePreload: { polyfill: false } } })
  return out
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d

interface ColdLoad {
  fcp: number
  /** What the page fetched, by path, with when each fetch started (ms from navigation start). */
  fetched: { path: string; startTime: number }[]
}

/**
 * One cold load: a fresh context holding only the desk's session cookie; its first contentful paint, and — with
 * `settle` — everything it fetched until the network is quiet (what the login page loads after its first paint).
 */
async function coldLoad(browser: Browser, page: Served, settle = false): Promise<ColdLoad> {
  const context = await browser.newContext()
  try {
    await context.addCookies([{ ...page.cookie, url: page.host.origin, httpOnly: true, sameSite: 'Strict' }])
    const tab = await context.newPage()
    await tab.goto(`${page.host.origin}/`, { waitUntil: 'commit' })
    await tab.locator('[data-testid="login-form"]').waitFor({ state: 'visible' })
    if (settle) {
      // the desk's start after the paint is done once the status line has its bridge's answer
      await tab.locator('[data-testid="status-line"]:not([data-state="checking"])').waitFor()
      await tab.waitForLoadState('networkidle')
    }
    return await tab.evaluate(
      () =>
        new Promise<ColdLoad>((done) => {
          // Node's DOM-less types know no PerformanceObserver entry types; this runs in Chromium.
          const perf = (globalThis as unknown as { performance: { getEntriesByType(t: string): { name: string; startTime: number }[] } }).performance
          const observer = new (globalThis as unknown as { PerformanceObserver: new (cb: (l: { getEntries(): { name: string; startTime: number }[] }) => void) => { observe(o: object): void } }).PerformanceObserver((list) => {
            const fcp = list.getEntries().find((e) => e.name === 'first-contentful-paint')
            if (!fcp) return
            // (no named helpers in here: tsx would wrap them in a __name() the page does not have)
            done({ fcp: fcp.startTime, fetched: perf.getEntriesByType('resource').map((r) => ({ path: new URL(r.name).pathname, startTime: r.startTime })) })
          })
          observer.observe({ type: 'paint', buffered: true })
        }),
    )
  } finally {
    await context.close()
  }
}

export async function run(): Promise<BenchPart> {
  // BENCH_RENDERER_DIR: another build of the renderer to measure (e.g. an older one, for a before/after figure)
  const productDir = process.env.BENCH_RENDERER_DIR ? resolve(process.env.BENCH_RENDERER_DIR) : RENDERER_OUT
  if (!existsSync(join(productDir, 'index.html'))) throw new Error('bench renderer: run npm run build first')
  const ROUNDS = Math.max(5, Number(process.env.BENCH_RENDERER_ROUNDS ?? 9))
  const REPS = Math.max(1, Number(process.env.BENCH_RENDERER_REPS ?? 3))
  // inside the project so that react, react-dom and Vite's own helpers resolve from its node_modules
  const scratch = resolve(__dirname, '../../.tmp')
  mkdirSync(scratch, { recursive: true })
  const tmp = mkdtempSync(join(scratch, 'bench-bare-react-'))
  const bareDir = await buildBareReact(tmp)
  const product = await serve(productDir)
  const bare = await serve(bareDir)
  const browser = await launchChromium()
  try {
    // warm the browser process itself (first context, first V8 isolate), not the pages' caches
    await coldLoad(browser, bare)
    const first = await coldLoad(browser, product, true)
    const beforePaint = first.fetched.filter((f) => f.startTime < first.fcp).map((f) => f.path)
    const afterPaint = first.fetched.filter((f) => f.startTime >= first.fcp).map((f) => f.path)
    const rounds: Array<{ productMs: number; bareMs: number; ratio: number; productLoads: number[]; bareLoads: number[] }> = []
    for (let r = 0; r < ROUNDS; r++) {
      const productLoads: number[] = []
      const bareLoads: number[] = []
      for (let i = 0; i < REPS; i++) {
        const productFirst = (r + i) % 2 === 1
        if (productFirst) productLoads.push((await coldLoad(browser, product)).fcp)
        bareLoads.push((await coldLoad(browser, bare)).fcp)
        if (!productFirst) productLoads.push((await coldLoad(browser, product)).fcp)
      }
      const productMs = Math.min(...productLoads)
      const bareMs = Math.min(...bareLoads)
      rounds.push({ productMs, bareMs, ratio: productMs / bareMs, productLoads, bareLoads })
    }
    const ratios = rounds.map((x) => x.ratio)
    const sorted = [...ratios].sort((a, b) => a - b)
    const ratio = median(ratios)
    const report = buildReport(productDir)
    const bareJs = readdirJs(join(bareDir, 'assets'))
    const spread = `spread ${round(sorted[0], 2)}–${round(sorted[sorted.length - 1], 2)}× (per round: ${ratios.map((x) => round(x, 2)).join(', ')})`
    return {
      metrics: {
        coldLoginVsBareReact: {
          value: round(ratio, 2),
          unit: '×',
          target: '≤ 1.3×',
          met: ratio <= 1.3,
          note: `median of ${ROUNDS} interleaved rounds, each the fastest of ${REPS} cold loads per page (fresh context, same host, CSP and Chromium), navigation start → first contentful paint (the sign-in form): АРМ ${round(median(rounds.map((x) => x.productMs)))} ms, bare React ${round(median(rounds.map((x) => x.bareMs)))} ms; ${spread}`,
        },
        loginJsGzip: { value: round(report.login.jsGzip / 1024), unit: 'KB', target: `≤ ${LOGIN_JS_GZIP_LIMIT / 1024} KB`, met: report.login.jsGzip <= LOGIN_JS_GZIP_LIMIT, note: `${report.login.js.map((f) => f.file).join(', ')} (${round(report.login.jsBytes / 1024)} KB minified); bare React ${round(bareJs.gzip / 1024)} KB gzip` },
        loginFetchedBeforePaint: { value: beforePaint.length, unit: 'files', note: `what the cold login page fetched before its first paint: ${beforePaint.join(', ')}; after it: ${afterPaint.join(', ')}` },
        lazyJsGzip: { value: round(report.lazy.filter((f) => /\.m?js$/.test(f.file)).reduce((n, f) => n + f.gzip, 0) / 1024), unit: 'KB', note: 'JavaScript loaded only after the first paint or when a signed-in screen needs it (bridge, composition root, frame, PDF, pdf.js + worker)' },
      },
      raw: { rounds, loginLoad: first, login: report.login, lazy: report.lazy },
    }
  } finally {
    await browser.close()
    await product.host.close()
    await bare.host.close()
    rmSync(tmp, { recursive: true, force: true })
  }
}

function readdirJs(dir: string): { gzip: number } {
  return { gzip: readdirSync(dir).filter((f) => f.endsWith('.js')).reduce((n, f) => n + gzipSync(readFileSync(join(dir, f)), { level: 9 }).length, 0) }
}
