/**
 * End-to-end, delivery: the built renderer in Debian Chromium, the real browser host (src-main/host/main.ts, main's
 * secret prompt on its own loopback origin) and the real gateway process (src-gateway/main.ts, SQLite file).
 *
 *  1. operator1 signs in; the top bar shows the queue counts.
 *  2. Two requests are signed: one for an automated service (pattern A, land.cadastral-info — the gateway's registry
 *     answers it itself) and one for a manual akimat service (pattern B). Each is queued, then — without a click —
 *     sent and registered: the outbox screen shows it sent with a registration number; the automated one's result
 *     arrives as a notification.
 *  3. The gateway process is stopped. A third request is signed: it stays pending, the counts say so.
 *  4. The desk idle-locks (short desk setting). The gateway is started again on the same port with the same SQLite
 *     file: the request is delivered and registered without any click while the desk stays locked; then unlocked.
 * The desk runs with the status poll switched off (desk setting `arm.statusPollMs` = 0), so every status it shows came
 * by the gateway's status stream; between steps 2 and 3 the specialist takes the manual request through the gateway API
 * and the operator's queue must show it in processing in under 2 s (push delivery, not the 15 s poll).
 * Screenshots: test-results/delivery-*.png. Prints one line per check and `N passed, N failed`.
 * Run: `npm run build && npx tsx test/e2e/delivery.ts` (ARM_RENDERER_DIR overrides out/renderer).
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { counts, fillRequest, nextRequest, recent, REG_NO, signAndQueue } from './desk-steps'
import { assert, CheckRun, makeIdCardScan, OPERATOR, results, signInOperator, until, runDesk, gatewayRestarts, type GatewayControl } from './harness'

const AUTOMATED = { id: 'land.cadastral-info', query: 'кадастр' }
const MANUAL = { id: 'akimat.unemployed-certificate', query: 'безработ' }
/** The demo provider specialists (src-gateway/seed/accounts.ts): education and social departments. */
const SPECIALIST_IINS = ['871008401427', '900315440056']
const SPECIALIST_PASSWORD = 'Specialist#2026'

const run = new CheckRun()
const check = run.check.bind(run)

/** Idle lock period for this run: longer than any quiet step before step 4, short enough to wait for there. */
const IDLE_MS = 20_000

/** In the outbox screen (done filter): the sent rows' registration numbers and gateway statuses, read from the detail. */
async function sentRows(page: Page, expected: number): Promise<Array<{ state: string; registration: string; status: string }>> {
  await page.locator('[data-testid="outbox-filter-done"]').click()
  const rows = page.locator('[data-testid="outbox-row"]')
  // The list is a live query: wait for the filter's rows to arrive (or time out with what is there).
  await until(async () => (await page.locator('[data-testid="outbox-filter-done"][aria-selected="true"]').count()) === 1 && (await rows.count()) >= expected, 10_000, `${expected} rows in «done»`).catch(() => undefined)
  const out: Array<{ state: string; registration: string; status: string }> = []
  const n = await rows.count()
  for (let i = 0; i < n; i++) {
    const row = rows.nth(i)
    await row.locator('.outbox-row__main').click()
    const detail = page.locator('[data-testid="outbox-detail"]')
    await detail.waitFor({ timeout: 5000 })
    // The detail reads the request with a live query: give it a moment to show the registration number.
    const first = detail.locator('p').first()
    await until(async () => /\d{4,}/.test(await first.innerText()), 5000, 'registration number in the detail').catch(() => undefined)
    const p = await first.innerText()
    const status = (await detail.locator('[data-testid="outbox-gateway-status"]').innerText().catch(() => '')) || ''
    out.push({ state: (await row.getAttribute('data-state')) ?? '', registration: p, status })
  }
  return out
}

/** The specialist of the department the request was routed to takes it, through the gateway API (as their desk does). */
async function specialistTakes(gatewayUrl: string, registrationNumber: string): Promise<void> {
  for (const iin of SPECIALIST_IINS) {
    const signIn = await fetch(`${gatewayUrl}/api/v1/auth/login-iin`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ iin, password: SPECIALIST_PASSWORD }) })
    assert(signIn.ok, `specialist ${iin} sign-in: ${signIn.status}`)
    const auth = { authorization: `Bearer ${((await signIn.json()) as { token: string }).token}` }
    const inbox = (await (await fetch(`${gatewayUrl}/api/v1/inbox`, { headers: auth })).json()) as { items: Array<{ requestId: string; registrationNumber: string }> }
    const item = inbox.items.find((i) => i.registrationNumber === registrationNumber)
    if (!item) continue
    const take = await fetch(`${gatewayUrl}/api/v1/inbox/${item.requestId}/take`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{}' })
    assert(take.ok, `take: ${take.status} ${await take.text()}`)
    return
  }
  throw new Error(`${registrationNumber} is in no demo specialist's inbox`)
}

async function deliveryRun(hostUrl: string, browser: Browser, gateway: GatewayControl): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, deviceScaleFactor: 1, locale: 'ru-RU' })
  const page = await context.newPage()
  const problems: string[] = []
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`))
  const scan = (await makeIdCardScan(mkdtempSync(path.join(tmpdir(), 'arm-e2e-delivery-')))).png

  const signedIn = await check('operator1 signs in; the top bar shows the queue counts (nothing queued yet)', async () => {
    await page.goto(hostUrl, { waitUntil: 'networkidle' })
    // A short idle period (desk setting) so the desk locks itself while the gateway is away (step 4).
    await page.evaluate((ms) => (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage.setItem('arm.idleLockMs', ms), String(IDLE_MS))
    // Statuses by the stream only: no 15 s poll to hide a broken push (src-renderer/sync/settings.ts).
    await page.evaluate(() => (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage.setItem('arm.statusPollMs', '0'))
    await page.reload({ waitUntil: 'networkidle' })
    await page.locator('[data-testid="lang-ru"]').click()
    await signInOperator(page)
    await page.locator('[data-testid="outbox-counts"]').waitFor({ timeout: 10_000 })
    const c = await counts(page)
    assert(c.pending === 0 && c.inFlight === 0 && c.attention === 0, JSON.stringify(c))
    await page.screenshot({ path: path.join(results, 'delivery-1-signed-in.png'), fullPage: true })
  })
  if (!signedIn) return void (await context.close())

  let queuedAt = 0
  for (const [i, svc] of [AUTOMATED, MANUAL].entries()) {
    const tag = i === 0 ? 'automated' : 'manual'
    await check(`[${tag}] ${svc.id}: filled, signed with the operator key (password in main's prompt) and queued`, async () => {
      await fillRequest(page, svc, scan)
      await signAndQueue(page, `delivery-2-${tag}-queued.png`)
      queuedAt = Date.now()
      await nextRequest(page)
    })
  }

  await check('both requests are delivered without a click: registered with a registration number (intake list and outbox screen)', async () => {
    await until(async () => {
      const rows = await recent(page)
      return [AUTOMATED, MANUAL].every((s) => rows.some((r) => r.service === s.id && r.state !== 'queued' && REG_NO.test(r.text)))
    }, 60_000, 'both requests registered in the intake list')
    // A figure, not a pass mark: with the wake-up the sender does not wait for its 60 s idle poll (the list polls every 2 s).
    console.log(`    second request registered in the list ${Math.round((Date.now() - queuedAt) / 100) / 10} s after it was queued`)
    const rows = await recent(page)
    for (const s of [AUTOMATED, MANUAL]) {
      const r = rows.find((x) => x.service === s.id)!
      assert(!['draft', 'signed', 'queued'].includes(r.state), `${s.id} not past the queue: ${JSON.stringify(r)}`)
    }
    await until(async () => {
      const c = await counts(page)
      return c.pending === 0 && c.inFlight === 0
    }, 30_000, 'counts back to zero')
    const c = await counts(page)
    assert(c.attention === 0, `needs attention: ${JSON.stringify(c)}`)
    // The queue itself, opened from the counts in the top bar.
    await page.locator('[data-testid="outbox-counts"]').click()
    await page.locator('[data-testid="outbox-screen"]').waitFor({ timeout: 5000 })
    const sent = await sentRows(page, 2)
    assert(sent.length === 2, `sent rows: ${JSON.stringify(sent)}`)
    for (const s of sent) {
      assert(s.state === 'sent', JSON.stringify(s))
      assert(/\d/.test(s.registration) && !/Ещё не/.test(s.registration), `registration: ${JSON.stringify(s)}`)
    }
    const numbers = rows.filter((r) => [AUTOMATED.id, MANUAL.id].includes(r.service)).map((r) => REG_NO.exec(r.text)![1])
    for (const n of numbers) assert(sent.some((s) => s.registration.includes(n)), `${n} not in the outbox: ${JSON.stringify(sent)}`)
    console.log(`    registration numbers: ${numbers.join(', ')}; gateway statuses: ${sent.map((s) => s.status).join(', ')}`)
    await page.screenshot({ path: path.join(results, 'delivery-3-outbox-sent.png'), fullPage: true })
  })

  await check('[automated] the result notification arrives for the land request (its registration number)', async () => {
    const notice = page.locator('[data-testid="outbox-notice"][data-kind="result"]')
    await notice.first().waitFor({ timeout: 30_000 })
    const text = await notice.first().innerText()
    const land = (await recent(page)).find((r) => r.service === AUTOMATED.id)
    const number = land && REG_NO.exec(land.text)?.[1]
    assert(number && text.includes(number), `notice «${text}», land request ${JSON.stringify(land)}`)
    const manual = (await recent(page)).find((r) => r.service === MANUAL.id)
    const manualNo = manual && REG_NO.exec(manual.text)?.[1]
    assert(manualNo && !text.includes(manualNo), 'the manual request must not have a result yet')
    await page.screenshot({ path: path.join(results, 'delivery-4-result-notice.png'), fullPage: true })
  })

  await check('[live status, polling off] the specialist takes the manual request: the operator\'s queue shows it in processing in under 2 s, pushed by the status stream', async () => {
    await page.locator('[data-testid="tab-intake"]').click()
    const manual = (await recent(page)).find((r) => r.service === MANUAL.id)
    const regNo = manual && REG_NO.exec(manual.text)?.[1]
    assert(regNo, `manual request without a registration number: ${JSON.stringify(manual)}`)
    await page.keyboard.press('Alt+o')
    await page.locator('[data-testid="outbox-screen"]').waitFor({ timeout: 5000 })
    await page.locator('[data-testid="outbox-filter-done"]').click()
    const row = page.locator('[data-testid="outbox-row"]', { has: page.locator('[data-testid="outbox-row-regno"]', { hasText: regNo }) })
    await row.waitFor({ timeout: 10_000 })
    const status = row.locator('[data-testid="outbox-row-gateway-status"]')
    const before = await status.getAttribute('data-status', { timeout: 1000 }).catch(() => null)
    assert(before !== 'IN_PROCESSING', `already in processing before the specialist took it: ${before}`)
    const t0 = Date.now()
    await specialistTakes(gateway.url, regNo)
    // Functional check of push delivery: with the poll off only the stream can bring it, and it must be prompt.
    await row.locator('[data-testid="outbox-row-gateway-status"][data-status="IN_PROCESSING"]').waitFor({ timeout: 2000 })
    console.log(`    «in processing» in the operator's queue ${Date.now() - t0} ms after the specialist's take was sent (status poll off)`)
    await page.screenshot({ path: path.join(results, 'delivery-4b-pushed-status.png'), fullPage: true })
  })

  await check('gateway stopped: a third request is signed and stays pending; the counts and the no-gateway mark say so', async () => {
    await page.locator('[data-testid="tab-intake"]').click()
    // Filled while the registries answer; the gateway goes away just before signing.
    await fillRequest(page, MANUAL, scan)
    await gateway.stop()
    await signAndQueue(page, 'delivery-5-offline-queued.png')
    await nextRequest(page)
    await until(async () => (await counts(page)).pending + (await counts(page)).inFlight === 1, 15_000, 'one request waiting in the counts')
    // It stays waiting: a few seconds later still not delivered.
    await page.waitForTimeout(4000)
    const c = await counts(page)
    assert(c.pending + c.inFlight === 1 && c.attention === 0, JSON.stringify(c))
    // The failed attempt told the desk the gateway is away: the top bar says so.
    await page.locator('[data-testid="gateway-offline"]').waitFor({ timeout: 10_000 })
    const queued = (await recent(page)).filter((r) => r.service === MANUAL.id && r.state === 'queued')
    assert(queued.length === 1, JSON.stringify(await recent(page)))
    await page.keyboard.press('Alt+o')
    await page.locator('[data-testid="outbox-screen"]').waitFor({ timeout: 5000 })
    await page.locator('[data-testid="outbox-filter-in_progress"]').click()
    await until(async () => (await page.locator('[data-testid="outbox-row"]').count()) === 1, 5000, 'one row in progress')
    await page.screenshot({ path: path.join(results, 'delivery-6-offline-pending.png'), fullPage: true })
  })

  await check('gateway back on the same port and SQLite file: the waiting request is delivered and registered without a click, while the desk is idle-locked', async () => {
    // The operator walks away: the desk locks itself; what was signed must still leave.
    const lock = page.locator('[data-testid="lock-overlay"]')
    await lock.waitFor({ timeout: IDLE_MS + 15_000 })
    const before = await counts(page)
    assert(before.pending + before.inFlight === 1, `still waiting before the restart: ${JSON.stringify(before)}`)
    await gateway.start()
    const t0 = Date.now()
    // No clicks from here on: only reading the page.
    await until(async () => {
      const c = await counts(page)
      return c.pending === 0 && c.inFlight === 0
    }, 90_000, 'queue drained after the gateway came back')
    const ms = Date.now() - t0
    assert(await lock.isVisible(), 'the desk was unlocked during delivery')
    assert(!(await page.locator('[data-testid="gateway-offline"]').isVisible()), 'the no-gateway mark is still shown after delivery')
    const c = await counts(page)
    assert(c.attention === 0, JSON.stringify(c))
    console.log(`    delivered ${Math.round(ms / 100) / 10} s after the gateway started, desk locked throughout`)
    await page.screenshot({ path: path.join(results, 'delivery-7-delivered-while-locked.png'), fullPage: true })
    await page.locator('[data-testid="unlock-password"]').fill(OPERATOR.password)
    await page.locator('[data-testid="unlock-password"]').press('Enter')
    await lock.waitFor({ state: 'detached', timeout: 10_000 })
    await page.evaluate(() => (globalThis as unknown as { localStorage: { removeItem(k: string): void } }).localStorage.removeItem('arm.idleLockMs'))
    // Unlocked, the operator is back on the queue tab, now empty.
    await page.locator('[data-testid="outbox-screen"]').waitFor({ timeout: 5000 })
    await page.locator('[data-testid="outbox-filter-in_progress"]').click()
    await until(async () => (await page.locator('[data-testid="outbox-row"]').count()) === 0, 5000, 'in-progress list empty')
    const sent = await sentRows(page, 3)
    assert(sent.length === 3 && sent.every((s) => s.state === 'sent' && /\d/.test(s.registration)), JSON.stringify(sent))
    const regs = new Set(sent.map((s) => s.registration))
    assert(regs.size === 3, `registration numbers must differ: ${JSON.stringify(sent)}`)
    await page.locator('[data-testid="tab-intake"]').click()
    // The side list refreshes itself every 2 s.
    const registered = async () => (await recent(page)).filter((r) => r.service === MANUAL.id && !['draft', 'signed', 'queued'].includes(r.state) && REG_NO.test(r.text)).length === 2
    await until(registered, 10_000, `both akimat requests registered in the intake list: ${JSON.stringify(await recent(page))}`)
    await page.screenshot({ path: path.join(results, 'delivery-8-intake-list.png'), fullPage: true })
  })

  await check('no script errors in the page during the run', async () => {
    assert(problems.length === 0, problems.join('\n'))
  })
  await context.close()
}

void runDesk(run, {
  name: 'delivery',
  clearResults: /^delivery-.*\.png$/,
  startChecks: { host: 'the real browser host (src-main/host/main.ts) starts against that gateway', gatewayHealth: true },
}, (desk) => deliveryRun(desk.hostUrl, desk.browser, gatewayRestarts(desk, true)))
