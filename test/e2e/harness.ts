/**
 * What every end-to-end scenario shares: the check counter that prints `N passed, N failed`, the real processes
 * (gateway with its own SQLite file, browser host) started as `npm start` starts them, Debian Chromium, and the way an
 * operator answers main's secret prompt in the browser workstation. Each scenario file keeps only its own steps.
 * This file is type-checked without the DOM lib: page functions reach `document` through globalThis.
 */
import { execFileSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { PDFDocument, StandardFonts, rgb } from '@cantoo/pdf-lib'
import { chromium, type Browser, type Page } from 'playwright-core'
import type { FieldDef } from '../../src-shared/catalog'
import { launch, launchedChild, startGatewayProcess } from '../support/gateway-process'

export const root = path.resolve(__dirname, '../..')
export const results = path.join(root, 'test-results')
export const rendererDir = path.resolve(process.env.ARM_RENDERER_DIR ?? path.join(root, 'out/renderer'))
export const CHROMIUM = process.env.ARM_CHROMIUM ?? '/usr/bin/chromium'
/** The password of every demo .p12 (resources/demo-pki/README.md). */
export const P12_PASSWORD = 'Qwerty12'

/** Counts checks, prints one line per check and, last, the plain `N passed, N failed` line CI reads. */
export class CheckRun {
  passed = 0
  failed = 0
  readonly skipped: string[] = []

  async check(name: string, fn: () => Promise<void>): Promise<boolean> {
    try {
      await fn()
      this.passed++
      console.log(`✓ ${name}`)
      return true
    } catch (err) {
      this.failed++
      console.log(`✗ ${name}\n    ${err instanceof Error ? err.message.split('\n').slice(0, 12).join('\n    ') : String(err)}`)
      return false
    }
  }

  fail(message: string): void {
    this.failed++
    console.log(`✗ ${message}`)
  }

  /** Refuses to run against a missing build: `npm test` builds first. */
  requireBuiltRenderer(): void {
    if (existsSync(path.join(rendererDir, 'index.html'))) return
    this.fail(`${path.relative(root, rendererDir)}/index.html is missing: run \`npm run build\` first`)
    this.finish()
  }

  finish(): never {
    for (const s of this.skipped) console.log(`- skipped: ${s}`)
    console.log(`${this.passed} passed, ${this.failed} failed`)
    process.exit(this.failed ? 1 : 0)
  }
}

export function assert(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(message)
}

/** Polls until `fn` is true. */
export async function until(fn: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs
  while (Date.now() < end) {
    if (await fn().catch(() => false)) return
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`timed out after ${timeoutMs} ms: ${what}`)
}

/**
 * Starts a TypeScript entry point under tsx and waits for the line that says it is ready — through the tests' one
 * launcher (test/support/gateway-process.ts), so stopProcess() stops the whole process tree it made.
 */
export async function startProcess(args: string[], env: NodeJS.ProcessEnv, ready: RegExp, what: string): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  const p = await launch({ command: args, env, ready, what, stdin: true })
  return { child: p.child, match: p.match }
}

/** Stops a process started here together with everything it started (its process group). */
export async function stopProcess(child: ChildProcess | undefined): Promise<void> {
  if (!child) return
  const launched = launchedChild(child)
  if (launched) return launched.stop()
  if (child.exitCode !== null || child.signalCode !== null) return
  await new Promise<void>((r) => {
    child.once('exit', () => r())
    child.kill('SIGTERM')
  })
}

/** The end of a scenario script, whatever state it reached: browser closed, host and gateway stopped, temp folder gone. */
export async function tearDown(started: { browser?: Browser; host?: ChildProcess; gateway?: ChildProcess; dir: string }): Promise<void> {
  await started.browser?.close().catch(() => {})
  await stopProcess(started.host)
  await stopProcess(started.gateway)
  rmSync(started.dir, { recursive: true, force: true })
}

/** The real gateway process on a loopback port (0 = any free one) with its own SQLite file. */
export async function startGateway(dbFile: string, port = '0', what = 'gateway', env?: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const g = await startGatewayProcess({ dbFile, port: Number(port), what, env })
  return { child: g.process.child, url: g.url }
}

/**
 * The real browser host (src-main/host/main.ts), with main's secret prompt on its own loopback origin. `url` is the
 * one-time launch URL it prints: the first page.goto(url) gets the HttpOnly session cookie and lands on the app; the
 * URL is dead afterwards, so a scenario opens it once, in one browser context.
 */
export async function startHost(gatewayUrl: string, env: NodeJS.ProcessEnv = {}): Promise<{ child: ChildProcess; url: string; origin: string }> {
  const h = await startProcess(
    ['src-main/host/main.ts', '--port', '0'],
    { ...env, ARM_GATEWAY_URL: gatewayUrl, ARM_RENDERER_DIR: rendererDir },
    /АРМ browser workstation: ((http:\/\/127\.0\.0\.1:\d+)\/launch\?t=[A-Za-z0-9_-]+)/,
    'host',
  )
  return { child: h.child, url: h.match[1], origin: h.match[2] }
}

/** What runDesk started for a scenario: one gateway with its own SQLite file, a browser host on it, Chromium. */
export interface Desk {
  /** The scenario's temp folder (gone at the end). */
  readonly dir: string
  /** The gateway's SQLite file in `dir`. */
  readonly db: string
  readonly gatewayUrl: string
  /** The host's one-time launch URL (see startHost) and its origin. */
  readonly hostUrl: string
  readonly hostOrigin: string
  readonly browser: Browser
  /** Another browser host on the same gateway (a second desk), stopped at the end. */
  startHost(): Promise<{ url: string; origin: string }>
  /** Stops the gateway (SIGTERM to its process tree); the end of the run does not stop it again. */
  stopGateway(): Promise<void>
  /** Starts the gateway again on the same port and database; returns its URL. */
  startGatewayAgain(what?: string): Promise<string>
}

export interface DeskRunOptions {
  /** Names the temp folder (arm-e2e-<name>-) and the abort line (`<name> e2e aborted: …`). */
  name: string
  /** test-results files an earlier run left that this one writes again. */
  clearResults?: RegExp
  /** Extra environment of the gateway process (also when started again). */
  gatewayEnv?: Record<string, string>
  /** Start the gateway and the host as checks of their own (the scenario is skipped if one fails). */
  startChecks?: { gateway?: string; host?: string; gatewayHealth?: boolean }
  /** After everything is stopped, before the `N passed, N failed` line. */
  afterTearDown?: () => void
}

/**
 * The frame of a desk scenario script: the renderer must be built, the gateway and the browser host start, Chromium
 * launches, the scenario runs, and whatever happens everything started is stopped and the temp folder removed; an
 * exception that escapes the scenario counts as one failure. Ends the process with the run's result.
 */
export async function runDesk(run: CheckRun, opts: DeskRunOptions, scenario: (desk: Desk) => Promise<void>): Promise<never> {
  mkdirSync(results, { recursive: true })
  if (opts.clearResults) for (const f of readdirSync(results)) if (opts.clearResults.test(f)) rmSync(path.join(results, f))
  run.requireBuiltRenderer()
  const dir = mkdtempSync(path.join(tmpdir(), `arm-e2e-${opts.name}-`))
  const db = path.join(dir, 'gateway.sqlite')
  const started: { browser?: Browser; host?: ChildProcess; gateway?: ChildProcess; dir: string } = { dir }
  const moreHosts: ChildProcess[] = []
  try {
    let gatewayUrl = ''
    const startGatewayNow = async (): Promise<void> => {
      const g = await startGateway(db, '0', 'gateway', opts.gatewayEnv)
      started.gateway = g.child
      gatewayUrl = g.url
      if (opts.startChecks?.gatewayHealth) {
        const health = (await (await fetch(`${gatewayUrl}/health`)).json()) as { ok: boolean }
        assert(health.ok, JSON.stringify(health))
      }
    }
    let host = { url: '', origin: '' }
    const startHostNow = async (): Promise<void> => {
      const h = await startHost(gatewayUrl)
      started.host = h.child
      host = h
    }
    if (opts.startChecks) {
      await run.check(opts.startChecks.gateway ?? 'the real gateway process starts with its own SQLite file', startGatewayNow)
      await run.check(opts.startChecks.host ?? 'the browser host starts against that gateway', startHostNow)
    } else {
      await startGatewayNow()
      await startHostNow()
    }
    if (gatewayUrl && host.url) {
      const port = new URL(gatewayUrl).port
      const browser = await launchChromium()
      started.browser = browser
      await scenario({
        dir, db, gatewayUrl, hostUrl: host.url, hostOrigin: host.origin, browser,
        async startHost() {
          const h = await startHost(gatewayUrl)
          moreHosts.push(h.child)
          return { url: h.url, origin: h.origin }
        },
        async stopGateway() {
          const child = started.gateway
          started.gateway = undefined
          await stopProcess(child)
        },
        async startGatewayAgain(what = 'gateway (restart)') {
          const g = await startGateway(db, port, what, opts.gatewayEnv)
          started.gateway = g.child
          return g.url
        },
      })
    }
  } catch (err) {
    run.fail(`${opts.name} e2e aborted: ${err instanceof Error ? err.message : String(err)}`)
  } finally {
    for (const h of moreHosts) await stopProcess(h)
    await tearDown(started)
  }
  opts.afterTearDown?.()
  return run.finish()
}

/** The gateway process, stopped and started again on its port and SQLite file (the desk goes offline and back). */
export interface GatewayControl {
  url: string
  stop(): Promise<void>
  start(): Promise<void>
}

/**
 * The gateway's stop and restart as the offline scenarios use them; with `verify`, a stopped gateway must no longer
 * answer and the restarted one must be on the same port.
 */
export function gatewayRestarts(desk: Desk, verify: boolean): GatewayControl {
  const url = desk.gatewayUrl
  const port = new URL(url).port
  return {
    url,
    async stop() {
      await desk.stopGateway()
      if (verify) assert(!(await fetch(`${url}/health`).then(() => true, () => false)), 'the gateway still answers after SIGTERM')
    },
    async start() {
      const again = await desk.startGatewayAgain()
      if (verify) assert(new URL(again).port === port, `restarted on ${again}, expected port ${port}`)
    },
  }
}

/** A JSON call to the gateway's HTTP API (bearer token optional): the status and the parsed answer. */
export async function api<T>(gw: string, method: string, p: string, token?: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: T }> {
  const res = await fetch(gw + p, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return { status: res.status, json: (await res.json()) as T }
}

/** Every row of one object store of the desk's IndexedDB (arm-workstation), as the page holds it now. */
export function deskStore<T>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(
    (store) =>
      new Promise<T[]>((resolve, reject) => {
        const idb = (globalThis as unknown as { indexedDB: { open(n: string): { result: unknown; onsuccess: () => void; onerror: () => void } } }).indexedDB
        const open = idb.open('arm-workstation')
        open.onerror = () => reject(new Error('indexedDB open'))
        open.onsuccess = () => {
          const db = open.result as { transaction(s: string): { objectStore(s: string): { getAll(): { result: unknown; onsuccess: () => void } } }; close(): void }
          const all = db.transaction(store).objectStore(store).getAll()
          all.onsuccess = () => {
            db.close()
            resolve(all.result as T[])
          }
        }
      }),
    store,
  )
}

/** Debian Chromium with the flags this closed network needs; Playwright gives each launch a fresh profile. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  })
}

/** The window's document as page functions see it. */
export type Doc = {
  activeElement: { getAttribute(n: string): string | null } | null
  querySelector(s: string): { contentDocument: unknown } | null
}

/** The prompt the overlay shows now, if any: its id and what it asks for. */
export async function visiblePrompt(page: Page): Promise<{ id: string; label: string } | null> {
  const overlay = page.locator('[data-testid="secret-prompt"]')
  if (!(await overlay.isVisible().catch(() => false))) return null
  // The prompt may close between the check above and these reads (answered a moment ago): then there is none, rather
  // than a 30 s wait for an element that is gone.
  const attr = (name: string) => overlay.getAttribute(name, { timeout: 1000 }).catch(() => null)
  const id = await attr('data-prompt-id')
  if (!id) return null
  return { id, label: `${await attr('data-kind')} ${await attr('data-key-label')}` }
}

/** The kind of main's framed form: p12-password / token-pin, or sign-confirm for an already unlocked key. */
export async function promptKind(page: Page): Promise<string | null> {
  const form = page.frameLocator('[data-testid="secret-prompt-frame"]').locator('form')
  await form.waitFor({ timeout: 10_000 })
  return form.getAttribute('data-kind')
}

/** What main's framed form shows as about to be signed: one entry per document (derived by main from the bytes). */
export async function signingShown(page: Page): Promise<Array<{ kind: string; sha256: string; text: string }>> {
  const docs = page.frameLocator('[data-testid="secret-prompt-frame"]').locator('dl.doc')
  const out: Array<{ kind: string; sha256: string; text: string }> = []
  for (let i = 0; i < (await docs.count()); i++) {
    const d = docs.nth(i)
    out.push({ kind: (await d.getAttribute('data-signing-kind')) ?? '', sha256: (await d.getAttribute('data-sha256')) ?? '', text: await d.innerText() })
  }
  return out
}

/**
 * Answers main's secret prompt as an operator does in the browser workstation: the overlay frames main's own form
 * (another origin), the operator types the password there and presses Enter. Remembers what it answered.
 */
export class PromptAnswerer {
  readonly answered: string[] = []
  private lastId: string | null = null
  constructor(private readonly password = P12_PASSWORD) {}

  /** What main's prompts showed as signed (kind of document and its SHA-256), in order. */
  readonly shown: Array<{ kind: string; sha256: string; text: string }> = []

  /** True when it answered a new prompt. */
  async answer(page: Page): Promise<boolean> {
    const p = await visiblePrompt(page)
    if (!p || p.id === this.lastId) return false
    const frame = page.frameLocator('[data-testid="secret-prompt-frame"]')
    this.shown.push(...(await signingShown(page)))
    if ((await promptKind(page)) === 'sign-confirm') {
      // An unlocked key: nothing to type, the person reads what is signed and confirms.
      await frame.locator('button[value="ok"]').click()
    } else {
      const field = frame.locator('input[type="password"]')
      await field.waitFor({ timeout: 10_000 })
      await field.fill(this.password)
      await field.press('Enter')
    }
    this.lastId = p.id
    this.answered.push(p.label)
    return true
  }

  /** The sign call is over: main's prompt must be gone with it (and the keyboard back on the page). */
  async settled(page: Page): Promise<void> {
    await page.locator('[data-testid="secret-prompt"]').waitFor({ state: 'detached', timeout: 5000 })
  }

  /** Waits for `done`, answering the prompt whenever it shows. */
  async until(page: Page, done: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
    await until(async () => {
      if (await done()) return true
      await this.answer(page)
      return false
    }, timeoutMs, what)
  }
}

/** Types a value into the control of a catalogue field, whatever its kind. */
export async function fillField(page: Page, f: FieldDef, value: unknown): Promise<void> {
  const control = page.locator(`[data-field="${f.id}"]`)
  if (f.kind === 'checkbox') {
    if (value === true) await control.check()
    return
  }
  if (f.kind === 'select') {
    await control.selectOption(String(value))
    return
  }
  // Dates are typed the way people at the desk type them, dd.mm.yyyy, in every language.
  const text = f.kind === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(String(value)) ? String(value).split('-').reverse().join('.') : String(value)
  await control.fill(text)
  await control.blur()
}

/** A scan of an ID card: a PDF drawn with pdf-lib, rasterised by poppler into `id-card.png` (and `.jpg`) in `dir`. */
export async function makeIdCardScan(dir: string): Promise<{ pdf: string; png: string; jpeg: string }> {
  const doc = await PDFDocument.create()
  const p = doc.addPage([320, 200])
  p.drawRectangle({ x: 10, y: 10, width: 300, height: 180, color: rgb(0.85, 0.9, 1), borderColor: rgb(0, 0.2, 0.6), borderWidth: 4 })
  p.drawText('ID CARD 871008401427', { x: 30, y: 100, size: 18, font: await doc.embedFont(StandardFonts.HelveticaBold) })
  const pdf = path.join(dir, 'id.pdf')
  writeFileSync(pdf, await doc.save())
  execFileSync('pdftoppm', ['-png', '-r', '96', '-singlefile', pdf, path.join(dir, 'id-card')])
  execFileSync('pdftoppm', ['-jpeg', '-r', '96', '-singlefile', pdf, path.join(dir, 'id-card')])
  return { pdf, png: path.join(dir, 'id-card.png'), jpeg: path.join(dir, 'id-card.jpg') }
}

/** The demo ЦОН operator of the seeded gateway (src-gateway/README.md). */
export const OPERATOR = { login: 'operator1', password: 'Operator#2026' }

/** Signs in on the login screen by the given mode and waits for the role's area. */
export async function signIn(page: Page, mode: 'iin' | 'login', id: string, password: string, area: string): Promise<void> {
  await page.locator('[data-testid="login-form"]').waitFor({ timeout: 20_000 })
  await page.locator(`[data-testid="mode-${mode}"]`).check({ force: true })
  await page.locator('[data-testid="field-id"]').fill(id)
  await page.locator('[data-testid="field-password"]').fill(password)
  await page.locator('[data-testid="field-password"]').press('Enter')
  await page.locator(`[data-testid="area"][data-area="${area}"]`).waitFor({ timeout: 20_000 })
}

/** The demo operator signs in and the intake screen is ready. */
export async function signInOperator(page: Page): Promise<void> {
  await signIn(page, 'login', OPERATOR.login, OPERATOR.password, 'operator')
  await page.locator('[data-testid="service-search"], [data-testid="intake-form"]').first().waitFor({ timeout: 10_000 })
}
