/**
 * Bench part "renderer" (#18 point 3): the cold login page of the production build against a bare React app built the
 * same way (Vite, minified) and served by the same static server, in the same Chromium. Each round opens each page in
 * a fresh browser context (empty cache: a cold load) in an order that alternates, and times navigation → the form on
 * screen; the figure is the median of the rounds' ratios. Needs `npm run build` first.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { build } from 'vite'
import { buildReport, LOGIN_JS_GZIP_LIMIT, RENDERER_OUT } from '../../scripts/build-report'
import { launchChromium } from '../../test/e2e/harness'
import type { BenchPart } from '../types'

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.ttf': 'font/ttf' }

/** A static file server over a folder; anything else (the browser bridge's calls) is a quick 404. */
function serve(dir: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0])).replace(/^(\.\.[/\\])+/, '')
    const file = join(dir, path === '/' ? 'index.html' : path)
    if (!file.startsWith(dir) || !existsSync(file) || !extname(file)) {
      res.writeHead(404).end()
      return
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file))
  })
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` })))
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

export async function run(): Promise<BenchPart> {
  if (!existsSync(join(RENDERER_OUT, 'index.html'))) throw new Error('bench renderer: run npm run build first')
  const ROUNDS = Math.max(5, Number(process.env.BENCH_RENDERER_ROUNDS ?? 11))
  // inside the project so that react, react-dom and Vite's own helpers resolve from its node_modules
  const scratch = resolve(__dirname, '../../.tmp')
  mkdirSync(scratch, { recursive: true })
  const tmp = mkdtempSync(join(scratch, 'bench-bare-react-'))
  const bareDir = await buildBareReact(tmp)
  const product = await serve(RENDERER_OUT)
  const bare = await serve(bareDir)
  const browser = await launchChromium()
  try {
    // The page's own clock: navigation start → first contentful paint, which on both pages is the sign-in form (the
    // first render holds it), so neither Playwright's round trips nor its polling are in the figure.
    const cold = async (url: string) => {
      const context = await browser.newContext()
      const page = await context.newPage()
      await page.goto(url, { waitUntil: 'commit' })
      await page.locator('[data-testid="login-form"]').waitFor({ state: 'visible' })
      const ms = await page.evaluate(
        () =>
          new Promise<number>((resolve) =>
            new PerformanceObserver((list) => {
              const fcp = list.getEntries().find((e) => e.name === 'first-contentful-paint')
              if (fcp) resolve(fcp.startTime)
            }).observe({ type: 'paint' as 'mark', buffered: true }), // Node's types know no 'paint'; this runs in Chromium
          ),
      )
      await context.close()
      return ms
    }
    // warm the browser process itself (first context, first V8 isolate), not the pages' caches
    await cold(bare.url)
    await cold(product.url)
    const rounds: Array<{ productMs: number; bareMs: number; ratio: number }> = []
    for (let r = 0; r < ROUNDS; r++) {
      let productMs = 0
      let bareMs = 0
      if (r % 2) {
        productMs = await cold(product.url)
        bareMs = await cold(bare.url)
      } else {
        bareMs = await cold(bare.url)
        productMs = await cold(product.url)
      }
      rounds.push({ productMs, bareMs, ratio: productMs / bareMs })
    }
    const ratios = rounds.map((x) => x.ratio)
    const ratio = median(ratios)
    const report = buildReport()
    const bareJs = readdirJs(join(bareDir, 'assets'))
    return {
      metrics: {
        coldLoginVsBareReact: { value: round(ratio, 2), unit: '×', target: '≤ 1.3×', met: ratio <= 1.3, note: `median of ${ROUNDS} alternating cold loads (fresh context each), navigation start → first contentful paint (the sign-in form): АРМ ${round(median(rounds.map((x) => x.productMs)))} ms, bare React ${round(median(rounds.map((x) => x.bareMs)))} ms; per-round ratios ${ratios.map((x) => round(x, 2)).join(', ')}` },
        loginJsGzip: { value: round(report.login.jsGzip / 1024), unit: 'KB', target: `≤ ${LOGIN_JS_GZIP_LIMIT / 1024} KB`, met: report.login.jsGzip <= LOGIN_JS_GZIP_LIMIT, note: `${report.login.js.map((f) => f.file).join(', ')} (${round(report.login.jsBytes / 1024)} KB minified); bare React ${round(bareJs.gzip / 1024)} KB gzip` },
        lazyJsGzip: { value: round(report.lazy.filter((f) => /\.m?js$/.test(f.file)).reduce((n, f) => n + f.gzip, 0) / 1024), unit: 'KB', note: 'JavaScript loaded only when a signed-in screen needs it (frame, PDF, pdf.js + worker)' },
      },
      raw: { rounds, login: report.login, lazy: report.lazy },
    }
  } finally {
    await browser.close()
    product.server.close()
    bare.server.close()
    rmSync(tmp, { recursive: true, force: true })
  }
}

function readdirJs(dir: string): { gzip: number } {
  return { gzip: readdirSync(dir).filter((f) => f.endsWith('.js')).reduce((n, f) => n + gzipSync(readFileSync(join(dir, f)), { level: 9 }).length, 0) }
}
