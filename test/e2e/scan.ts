/**
 * The Scan button of the intake scans panel (issue 15 point 1) in the real browser workstation: the host's scanner
 * service drives SANE's `test` backend (SANE_CONFIG_DIR with a dll.conf that says `test`, a read delay so a page takes
 * a moment). Two pages are scanned from the feeder: progress per page shows, the pages appear as tiles of the
 * document like an added file's; a longer scan is stopped midway and adds nothing.
 * Screenshots: test-results/scan-*.png. Run: `npm run build && npx tsx test/e2e/scan.ts`.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { ChildProcess } from 'node:child_process'
import type { Browser } from 'playwright-core'
import { saneTestEnv } from '../support/sane-env'
import { assert, CheckRun, launchChromium, results, signInOperator, startGateway, startHost, tearDown, until } from './harness'

const run = new CheckRun()
const check = run.check.bind(run)
const SERVICE = { id: 'akimat.unemployed-certificate', query: 'безработ' }

async function main(): Promise<void> {
  run.requireBuiltRenderer()
  const dir = mkdtempSync(path.join(tmpdir(), 'arm-e2e-scan-'))
  const sane = saneTestEnv({ testConf: ['read-delay true', 'read-delay-duration 20000', 'read-limit true', 'read-limit-size 65536'] })
  const started: { browser?: Browser; host?: ChildProcess; gateway?: ChildProcess; dir: string } = { dir }
  try {
    const g = await startGateway(path.join(dir, 'gateway.sqlite'))
    started.gateway = g.child
    const h = await startHost(g.url, sane.env)
    started.host = h.child
    started.browser = await launchChromium()
    const page = await started.browser.newPage({ viewport: { width: 1360, height: 900 } })
    const problems: string[] = []
    page.on('pageerror', (e) => problems.push(e.message))
    await page.goto(h.url, { waitUntil: 'networkidle' })
    await page.locator('[data-testid="lang-ru"]').click()
    await signInOperator(page)
    await page.locator('[data-testid="service-search"]').fill(SERVICE.query)
    await page.locator(`[role="option"][data-service-id="${SERVICE.id}"]`).first().click()
    await page.locator(`[data-testid="intake-form"][data-service-id="${SERVICE.id}"]`).waitFor({ timeout: 10_000 })
    const button = page.locator('[data-testid^="scanner-"]').filter({ hasText: /Сканировать/ }).first()
    const docId = ((await button.getAttribute('data-testid')) ?? '').slice('scanner-'.length)
    const doc = page.locator(`[data-testid="doc-${docId}"]`)
    const tiles = doc.locator('[data-testid="scan-page"]')

    await check('Scan next to "Add file": two pages from the SANE test feeder, progress per page, then two page tiles in the document', async () => {
      assert(docId, 'no Scan button in the scans panel')
      await page.locator(`[data-testid="scanner-pages-${docId}"]`).fill('2')
      await button.click()
      const progress = page.locator(`[data-testid="scanner-progress-${docId}"]`)
      await progress.waitFor({ timeout: 5000 })
      const seen = new Set<string>()
      await until(async () => {
        const n = await progress.getAttribute('data-pages', { timeout: 200 }).catch(() => null)
        if (n === '1' && !seen.has(n)) await page.screenshot({ path: path.join(results, 'scan-1-progress.png'), fullPage: true })
        if (n !== null) seen.add(n)
        return (await tiles.count()) === 2
      }, 60_000, 'two scanned pages in the document')
      assert(seen.has('0') && seen.has('1'), `progress per page not shown: ${[...seen].join(',')}`)
      assert((await doc.locator('.scan-doc__count').innerText()).includes('2'), await doc.locator('.scan-doc__count').innerText())
      await page.screenshot({ path: path.join(results, 'scan-2-two-pages.png'), fullPage: true })
    })

    await check('a longer scan stopped midway: cancelled with its coded note, no page added', async () => {
      await page.locator(`[data-testid="scanner-pages-${docId}"]`).fill('8')
      await button.click()
      await page.locator(`[data-testid="scanner-progress-${docId}"]`).waitFor({ timeout: 5000 })
      await page.locator(`[data-testid="scanner-stop-${docId}"]`).click()
      const note = page.locator(`[data-testid="scan-error-${docId}"]`)
      await note.waitFor({ timeout: 15_000 })
      assert((await note.innerText()).includes('SCANNER_CANCELLED'), await note.innerText())
      assert((await tiles.count()) === 2, `pages after the cancelled scan: ${await tiles.count()}`)
      await page.screenshot({ path: path.join(results, 'scan-3-cancelled.png'), fullPage: true })
    })

    await check('no script errors in the page', async () => {
      assert(problems.length === 0, problems.join('\n'))
    })
  } catch (err) {
    run.fail(`scan e2e aborted: ${err instanceof Error ? err.message : String(err)}`)
  } finally {
    await tearDown(started)
    sane.remove()
  }
  run.finish()
}

void main()
