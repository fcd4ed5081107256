/**
 * One desk, several people (issue 9 point 6), in one browser profile against the real gateway process:
 *  1. operator1 (ЦОН Astana) queues a manual akimat request (registered at once) and signs an automated land request
 *     while the gateway is down, then signs out with it still queued;
 *  2. the gateway comes back while nobody is signed in: the request is delivered anyway, with operator1's token;
 *  3. a provider specialist signs in on the same desk while the gateway answers the land request itself;
 *  4. a second operator of the same ЦОН signs in: every status the gateway has for both requests is on this desk
 *     (its ЦОН cursor was not moved by the specialist), the land result is announced, their own queue is empty; the
 *     specialist takes the manual request and the change reaches this second operator live;
 *  5. operator1 is back: their queue shows their two sent requests.
 * Screenshots: test-results/people-*.png. Run: `npm run build && npx tsx test/e2e/people.ts`.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { IIN, PASSWORDS } from '../support/gateway-helpers'
import { counts, fillRequest, nextRequest, recent, REG_NO, signAndQueue } from './desk-steps'
import { assert, CheckRun, makeIdCardScan, results, signIn, signInOperator, until, runDesk, gatewayRestarts, deskStore, type GatewayControl } from './harness'

const run = new CheckRun()
const check = run.check.bind(run)

const AUTOMATED = { id: 'land.cadastral-info', query: 'кадастр' }
const MANUAL = { id: 'akimat.unemployed-certificate', query: 'безработ' }
/** The second operator of ЦОН Astana (the NCA test key holder; its account is usable with the gateway's test trust). */
const SECOND_OPERATOR = { login: 'nca-test', password: PASSWORDS.operator }
const SPECIALIST_IINS = ['871008401427', '900315440056']
const TEST_TRUST = { GATEWAY_TEST_TRUST: '1' }

type Change = { seq: number; registrationNumber: string; serviceId: string; status: string }

async function token(gw: string, body: object, route: 'login' | 'login-iin'): Promise<string> {
  const r = await fetch(`${gw}/api/v1/auth/${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  assert(r.ok, `sign-in ${route}: ${r.status}`)
  return ((await r.json()) as { token: string }).token
}

/** Every status change the gateway has (the admin sees all scopes). */
async function gatewayChanges(gw: string): Promise<Change[]> {
  const auth = { authorization: `Bearer ${await token(gw, { login: 'admin', password: PASSWORDS.admin }, 'login')}` }
  return ((await (await fetch(`${gw}/api/v1/requests?since=0&limit=1000`, { headers: auth })).json()) as { items: Change[] }).items
}

/** What this desk's IndexedDB holds of the statuses (every change the tracker applied). */
async function deskStatuses(page: Page): Promise<Array<{ registrationNumber: string; status: string }>> {
  return (await deskStore<{ registrationNumber: string; status: string }>(page, 'statuses')).map((s) => ({ registrationNumber: s.registrationNumber, status: s.status }))
}

async function missingOnDesk(page: Page, gw: string, numbers: string[]): Promise<string[]> {
  const have = new Set((await deskStatuses(page)).map((s) => `${s.registrationNumber} ${s.status}`))
  return (await gatewayChanges(gw)).filter((c) => numbers.includes(c.registrationNumber)).map((c) => `${c.registrationNumber} ${c.status}`).filter((k) => !have.has(k))
}

async function signOut(page: Page): Promise<void> {
  await page.locator('.topbar .button--ghost').last().click()
  await page.locator('[data-testid="login-form"]').waitFor({ timeout: 10_000 })
}

async function specialistTakes(gw: string, registrationNumber: string): Promise<void> {
  for (const iin of SPECIALIST_IINS) {
    const auth = { authorization: `Bearer ${await token(gw, { iin, password: PASSWORDS.specialist }, 'login-iin')}` }
    const inbox = (await (await fetch(`${gw}/api/v1/inbox`, { headers: auth })).json()) as { items: Array<{ requestId: string; registrationNumber: string }> }
    const item = inbox.items.find((i) => i.registrationNumber === registrationNumber)
    if (!item) continue
    const take = await fetch(`${gw}/api/v1/inbox/${item.requestId}/take`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{}' })
    assert(take.ok, `take: ${take.status} ${await take.text()}`)
    return
  }
  throw new Error(`${registrationNumber} is in no demo specialist's inbox`)
}

async function peopleRun(hostUrl: string, browser: Browser, gateway: GatewayControl): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, deviceScaleFactor: 1, locale: 'ru-RU' })
  const page = await context.newPage()
  const problems: string[] = []
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`))
  const scan = (await makeIdCardScan(mkdtempSync(path.join(tmpdir(), 'arm-e2e-people-')))).png
  const gw = gateway.url
  const numbers: Record<string, string> = {}

  const queued = await check('operator1 queues a manual request (registered) and signs a land request with the gateway down; signs out with it still queued', async () => {
    await page.goto(hostUrl, { waitUntil: 'networkidle' })
    await page.locator('[data-testid="lang-ru"]').click()
    await signInOperator(page)
    await fillRequest(page, MANUAL, scan)
    await signAndQueue(page, 'people-1-manual-queued.png')
    await nextRequest(page)
    await until(async () => (await recent(page)).some((r) => r.service === MANUAL.id && REG_NO.test(r.text)), 30_000, 'manual request registered')
    numbers[MANUAL.id] = REG_NO.exec((await recent(page)).find((r) => r.service === MANUAL.id)!.text)![1]
    await fillRequest(page, AUTOMATED, scan)
    await gateway.stop()
    await signAndQueue(page, 'people-2-land-queued-offline.png')
    await nextRequest(page)
    await until(async () => (await counts(page)).pending + (await counts(page)).inFlight === 1, 15_000, 'one request waiting')
    await signOut(page)
  })
  if (!queued) return void (await context.close())

  await check('the gateway comes back while nobody is signed in: operator1\'s land request is delivered anyway (their token, kept in memory)', async () => {
    await gateway.start()
    const t0 = Date.now()
    await until(async () => (await gatewayChanges(gw)).some((c) => c.serviceId === AUTOMATED.id && c.status === 'REGISTERED'), 60_000, 'land request registered at the gateway')
    numbers[AUTOMATED.id] = (await gatewayChanges(gw)).find((c) => c.serviceId === AUTOMATED.id)!.registrationNumber
    console.log(`    registered ${Math.round((Date.now() - t0) / 100) / 10} s after the gateway came back, login screen on the desk`)
    assert(await page.locator('[data-testid="login-form"]').isVisible(), 'someone is signed in')
  })

  await check('a provider specialist signs in on the same desk while the gateway answers the land request itself; signs out', async () => {
    await signIn(page, 'iin', IIN.specialist, PASSWORDS.specialist, 'specialist')
    await until(async () => (await gatewayChanges(gw)).some((c) => c.registrationNumber === numbers[AUTOMATED.id] && c.status === 'RESULT_READY'), 60_000, 'land result ready at the gateway')
    await page.waitForTimeout(1500) // the specialist's tracker has its turn with the stream
    await page.screenshot({ path: path.join(results, 'people-3-specialist.png'), fullPage: true })
    await signOut(page)
  })

  await check('a second operator of the same ЦОН signs in: every status of both requests reaches this desk, the land result is announced, their own queue is empty', async () => {
    await signIn(page, 'login', SECOND_OPERATOR.login, SECOND_OPERATOR.password, 'operator')
    const all = Object.values(numbers)
    await until(async () => (await missingOnDesk(page, gw, all)).length === 0, 20_000, 'every gateway status on the desk').catch(async () => {
      throw new Error(`missing on the desk: ${(await missingOnDesk(page, gw, all)).join(', ')}`)
    })
    const notice = page.locator('[data-testid="outbox-notice"][data-kind="result"]')
    await notice.first().waitFor({ timeout: 15_000 })
    assert((await notice.first().innerText()).includes(numbers[AUTOMATED.id]), await notice.first().innerText())
    await until(async () => (await recent(page)).some((r) => r.service === AUTOMATED.id && r.status === 'RESULT_READY'), 10_000, 'land result in the list')
    const c = await counts(page)
    assert(c.pending + c.inFlight + c.attention === 0, `the second operator's queue: ${JSON.stringify(c)}`)
    await page.keyboard.press('Alt+o')
    await page.locator('[data-testid="outbox-filter-done"]').click()
    await page.waitForTimeout(500)
    assert((await page.locator('[data-testid="outbox-row"]').count()) === 0, "operator1's requests in the second operator's queue view")
    await page.keyboard.press('Alt+o')
    await page.screenshot({ path: path.join(results, 'people-4-second-operator.png'), fullPage: true })
  })

  await check('the specialist takes the manual request: the change reaches the second operator live', async () => {
    const t0 = Date.now()
    await specialistTakes(gw, numbers[MANUAL.id])
    await until(async () => (await recent(page)).some((r) => r.service === MANUAL.id && /IN_PROCESSING/.test(r.status)), 20_000, 'in processing in the list')
    console.log(`    «in processing» on the second operator's desk ${Date.now() - t0} ms after the take`)
    assert((await missingOnDesk(page, gw, Object.values(numbers))).length === 0, 'a status is missing on the desk')
    await page.screenshot({ path: path.join(results, 'people-5-live-status.png'), fullPage: true })
    await signOut(page)
  })

  await check('operator1 is back: their queue shows their two sent requests', async () => {
    await signInOperator(page)
    await page.keyboard.press('Alt+o')
    await page.locator('[data-testid="outbox-filter-done"]').click()
    await until(async () => (await page.locator('[data-testid="outbox-row"]').count()) === 2, 10_000, "operator1's two sent rows")
    await page.screenshot({ path: path.join(results, 'people-6-operator1-queue.png'), fullPage: true })
  })

  await check('no script errors in the page during the run', async () => {
    assert(problems.length === 0, problems.join('\n'))
  })
  await context.close()
}

void runDesk(run, { name: 'people', gatewayEnv: TEST_TRUST }, (desk) => peopleRun(desk.hostUrl, desk.browser, gatewayRestarts(desk, false)))
