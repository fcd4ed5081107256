/**
 * End-to-end: the built renderer (out/renderer) in Debian's Chromium against the real browser host
 * (src-main/host/main.ts, started as its own process like `npm start` does), through playwright-core.
 * Builds nothing itself: `npm test` builds first. Screenshots go to test-results/.
 * Prints one line per check and, last, `N passed, N failed`; exits non-zero on any failure.
 */
import type { ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { _electron, type Browser, type Page } from 'playwright-core'
// window.arm inside page.evaluate is reached through globalThis: this file is type-checked without the DOM lib.
import type { ArmApi } from '../../src-shared/bridge/contract'
import { assert, CheckRun, launchChromium, results, root, startHost, stopProcess } from './harness'

const version: string = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version
const run = new CheckRun()
const check = run.check.bind(run)

/** A loopback port nobody listens on: the gateway URL for the "gateway unreachable" check. */
async function deadPort(): Promise<number> {
  const srv = net.createServer()
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r))
  const { port } = srv.address() as net.AddressInfo
  await new Promise<void>((r) => srv.close(() => r()))
  return port
}

const heading = (page: Page) => page.locator('h1').first().innerText()

async function browserChecks(url: string, browser: Browser): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, locale: 'ru-RU' })
  const page = await context.newPage()
  const problems: string[] = []
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`))
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console.error: ${m.text()}`)
  })

  await check('the page loads from the host with no script errors or CSP violations', async () => {
    const res = await page.goto(url, { waitUntil: 'networkidle' })
    assert(res?.status() === 200, `status ${res?.status()}`)
    assert(/script-src 'self'/.test(res.headers()['content-security-policy'] ?? ''), 'CSP header missing')
    assert(!page.url().includes('token') && !page.url().includes('launch'), `the launch secret must not stay in the URL: ${page.url()}`)
    await page.locator('[data-testid="login-form"]').waitFor({ timeout: 15_000 })
    assert(problems.length === 0, problems.join('\n'))
  })

  await check('Kazakh is the default language', async () => {
    assert((await heading(page)) === 'Жүйеге кіру', `heading: ${await heading(page)}`)
    assert((await page.getAttribute('html', 'lang')) === 'kk', 'html lang is not kk')
    assert((await page.locator('[data-testid="submit"]').innerText()) === 'Кіру', 'submit text')
  })

  await check('bridge round trip: the status line shows the version and health from window.arm.app.health()', async () => {
    const line = page.locator('[data-testid="status-line"]')
    await page.locator('[data-testid="status-line"][data-state="ok"]').waitFor({ timeout: 15_000 })
    const text = await line.innerText()
    assert(text.includes(`Нұсқа ${version}`), `status line: ${text}`)
    assert(text.includes('Жұмыс орны қызметтері қолжетімді (браузер)'), `status line: ${text}`)
    const health = await page.evaluate(() => (globalThis as unknown as { arm: ArmApi }).arm.app.health({}))
    assert(health.runtime === 'browser-host' && health.version === version, JSON.stringify(health))
  })

  await check('screenshot: test-results/login-kk.png', async () => {
    await page.locator('[data-testid="field-id"]').focus()
    await page.screenshot({ path: path.join(results, 'login-kk.png'), fullPage: true })
  })

  await check('the bridge refuses an invalid payload with BRIDGE_INVALID_REQUEST', async () => {
    const code = await page.evaluate(() => (globalThis as unknown as { arm: ArmApi }).arm.app.health({ unexpected: 1 } as never).then(() => 'resolved', (e: { code?: string }) => e.code))
    assert(code === 'BRIDGE_INVALID_REQUEST', `got ${code}`)
  })

  await check('the host refuses a bridge call without the token (401 BRIDGE_UNAUTHORIZED)', async () => {
    const r = await page.evaluate(async () => {
      const res = await fetch('/bridge/app.health', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
      return { status: res.status, body: (await res.json()) as { error: { code: string } } }
    })
    assert(r.status === 401 && r.body.error.code === 'BRIDGE_UNAUTHORIZED', JSON.stringify(r))
  })

  await check('switching kk → ru changes the texts', async () => {
    await page.locator('[data-testid="lang-ru"]').click()
    assert((await heading(page)) === 'Вход в систему', `heading: ${await heading(page)}`)
    assert((await page.getAttribute('html', 'lang')) === 'ru', 'html lang is not ru')
    const text = await page.locator('[data-testid="status-line"]').innerText()
    assert(text.includes(`Версия ${version}`) && text.includes('Службы рабочего места доступны'), `status line: ${text}`)
  })

  await check('screenshot: test-results/login-ru.png', async () => {
    await page.locator('[data-testid="field-id"]').focus()
    await page.screenshot({ path: path.join(results, 'login-ru.png'), fullPage: true })
  })

  await check('keyboard: Alt+3 switches to English, Enter submits, the gateway-unreachable error is shown with its code', async () => {
    await page.keyboard.press('Alt+3')
    assert((await heading(page)) === 'Sign in', `heading: ${await heading(page)}`)
    await page.locator('[data-testid="field-id"]').fill('operator1')
    await page.locator('[data-testid="field-password"]').fill('not-a-real-password')
    await page.locator('[data-testid="field-password"]').press('Enter')
    const err = page.locator('[data-testid="login-error"]')
    await err.waitFor({ timeout: 15_000 })
    assert((await err.getAttribute('data-code')) === 'GATEWAY_UNREACHABLE', `code ${await err.getAttribute('data-code')}`)
    assert((await err.innerText()).includes('The gateway does not answer'), await err.innerText())
    await page.screenshot({ path: path.join(results, 'login-en-gateway-unreachable.png'), fullPage: true })
  })

  await check('the chosen language survives a reload', async () => {
    await page.keyboard.press('Alt+2')
    await page.reload({ waitUntil: 'networkidle' })
    await page.locator('[data-testid="login-form"]').waitFor()
    assert((await heading(page)) === 'Вход в систему', `heading after reload: ${await heading(page)}`)
  })

  await check('no script errors or CSP violations during the run (besides the deliberate 401 and the dead gateway)', async () => {
    const deliberate = (p: string) => /status of 401/.test(p) || /ERR_CONNECTION_REFUSED/.test(p)
    const relevant = problems.filter((p) => !deliberate(p))
    assert(relevant.length === 0, relevant.join('\n'))
    assert(!problems.some((p) => /Content Security Policy/i.test(p)), 'CSP violation reported')
  })
  await context.close()
}

/** Where an Electron binary exists, the same screen is checked inside the real shell; otherwise reported as skipped. */
async function electronSmoke(): Promise<void> {
  let binary: string | undefined
  try {
    const pathTxt = path.join(root, 'node_modules/electron/path.txt')
    if (existsSync(pathTxt)) binary = path.join(root, 'node_modules/electron/dist', readFileSync(pathTxt, 'utf8').trim())
  } catch {
    binary = undefined
  }
  if (!binary || !existsSync(binary)) {
    run.skipped.push('Electron smoke test (playwright _electron): Electron binary not installable on this machine')
    return
  }
  await check('Electron smoke: the app window shows the login screen and a healthy bridge', async () => {
    const app = await _electron.launch({ executablePath: binary, args: [path.join(root, 'out/main/index.js')], cwd: root })
    try {
      const win = await app.firstWindow()
      await win.locator('[data-testid="status-line"][data-state="ok"]').waitFor({ timeout: 20_000 })
      const text = await win.locator('[data-testid="status-line"]').innerText()
      assert(text.includes(version), text)
      const hasNode = await win.evaluate(() => typeof (globalThis as { require?: unknown }).require !== 'undefined')
      assert(!hasNode, 'renderer must not see require()')
    } finally {
      await app.close()
    }
  })
}

async function main(): Promise<void> {
  mkdirSync(results, { recursive: true })
  run.requireBuiltRenderer()
  const gatewayUrl = `http://127.0.0.1:${await deadPort()}`
  let host: { child: ChildProcess; url: string; origin: string } | undefined
  let browser: Browser | undefined
  try {
    const started = await check('the browser host starts on loopback and prints its URL', async () => {
      host = await startHost(gatewayUrl)
      assert(/^http:\/\/127\.0\.0\.1:\d+\/launch\?t=[A-Za-z0-9_-]{43}$/.test(host.url), host.url)
    })
    if (started && host) {
      browser = await launchChromium()
      await browserChecks(host.url, browser)
    }
    await electronSmoke()
  } catch (err) {
    run.fail(`e2e run aborted: ${err instanceof Error ? err.message : String(err)}`)
  } finally {
    await browser?.close().catch(() => {})
    await stopProcess(host?.child)
  }
  run.finish()
}

void main()
