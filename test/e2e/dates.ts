/**
 * One request's dates on every desk (issue 9 point 4), in the real browser workstation against the real gateway:
 * the operator sends a manual akimat request (preschool queue), a provider specialist takes it, and for each of kk, ru and en the
 * request's registration date/time reads the same — dd.MM.yyyy HH:mm in Kazakhstan time (UTC+5) — on the operator's
 * Results view, in the specialist's inbox and on the supervisor's audit screen (the request's submission entry). The
 * expected text is computed here from the gateway's receivedAt with a fixed +5 h, not with the product's formatter.
 * In each language a date typed the Kazakh way («15.03.2015») into an intake date field is stored as 2015-03-15.
 * No raw unit ids (tson-astana-1, akimat-astana-…, is-zags) on the supervisor's board, no raw ISO date in the
 * intake review or the specialist's request view. Screenshots: test-results/dates-<role>-<lang>.png.
 * Run: `npm run build && npx tsx test/e2e/dates.ts`.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { PASSWORDS } from '../support/gateway-helpers'
import { fillRequest, nextRequest, recent, REG_NO, signAndQueue } from './desk-steps'
import { assert, CheckRun, makeIdCardScan, results, signIn, signInOperator, until, runDesk, deskStore } from './harness'

const run = new CheckRun()
const check = run.check.bind(run)

/** Pattern B, decided by the education department: supervisor1 supervises it (the audit trail is per department). */
const MANUAL = { id: 'akimat.preschool-queue', query: 'мектепке дейінгі' }
const LAND = { id: 'land.cadastral-info', query: 'кадастр' }
const SPECIALIST_IINS = ['871008401427', '900315440056']
const LANGS = ['kk', 'ru', 'en'] as const
const RAW_IDS = /tson-astana-1|tson-semey-1|akimat-astana-|archive-pavlodar|is-zags|gbd-rn|gbd-ul|ais-gzk/

/** dd.MM.yyyy HH:mm of an ISO moment at UTC+5, computed by hand (not through @shared/format). */
function kzText(iso: string): string {
  const d = new Date(Date.parse(iso) + 5 * 3600_000)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${p(d.getUTCDate())}.${p(d.getUTCMonth() + 1)}.${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`
}

async function token(gw: string, body: object, route: 'login' | 'login-iin'): Promise<string> {
  const r = await fetch(`${gw}/api/v1/auth/${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  assert(r.ok, `sign-in ${route}: ${r.status}`)
  return ((await r.json()) as { token: string }).token
}

/** The specialist whose inbox holds the request takes it; answers their IIN and the gateway's receivedAt. */
async function take(gw: string, registrationNumber: string): Promise<{ iin: string; receivedAt: string }> {
  for (const iin of SPECIALIST_IINS) {
    const auth = { authorization: `Bearer ${await token(gw, { iin, password: PASSWORDS.specialist }, 'login-iin')}` }
    const inbox = (await (await fetch(`${gw}/api/v1/inbox`, { headers: auth })).json()) as { items: Array<{ requestId: string; registrationNumber: string; receivedAt: string }> }
    const item = inbox.items.find((i) => i.registrationNumber === registrationNumber)
    if (!item) continue
    const r = await fetch(`${gw}/api/v1/inbox/${item.requestId}/take`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{}' })
    assert(r.ok, `take: ${r.status} ${await r.text()}`)
    return { iin, receivedAt: item.receivedAt }
  }
  throw new Error(`${registrationNumber} is in no demo specialist's inbox`)
}

async function signOut(page: Page): Promise<void> {
  await page.locator('.topbar .button--ghost').last().click()
  await page.locator('[data-testid="login-form"]').waitFor({ timeout: 10_000 })
}

async function chooseLang(page: Page, lang: string): Promise<void> {
  await page.locator('[data-testid="login-form"]').waitFor({ timeout: 20_000 })
  await page.locator(`[data-testid="lang-${lang}"]`).click()
  await until(async () => (await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { lang: string } } }).document.documentElement.lang)) === lang, 5000, `lang ${lang}`).catch(() => undefined)
}

/** The newest intake draft of a service as the desk stored it (IndexedDB). */
async function storedDraftField(page: Page, serviceId: string, field: string): Promise<unknown> {
  const drafts = (await deskStore<{ serviceId: string; updatedAt: number; form?: { fields?: Record<string, unknown> } }>(page, 'drafts')).filter((d) => d.serviceId === serviceId).sort((a, b) => b.updatedAt - a.updatedAt)
  return drafts[0]?.form?.fields?.[field]
}

async function datesRun(hostUrl: string, origin: string, browser: Browser, gw: string): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, deviceScaleFactor: 1, locale: 'ru-RU', timezoneId: 'Europe/Berlin' })
  const page = await context.newPage()
  const problems: string[] = []
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`))
  const scan = (await makeIdCardScan(mkdtempSync(path.join(tmpdir(), 'arm-e2e-dates-')))).png
  let regNo = ''
  let taken: { iin: string; receivedAt: string } | undefined

  const sent = await check('the operator sends a manual request; the gateway registers it; a specialist takes it', async () => {
    await page.goto(hostUrl, { waitUntil: 'networkidle' })
    await chooseLang(page, 'ru')
    await signInOperator(page)
    await fillRequest(page, MANUAL, scan)
    const review = await page.locator('[data-testid="review-summary"]').innerText()
    const iso = /\b\d{4}-\d{2}-\d{2}\b/.exec(review)
    assert(!iso, `raw ISO date «${iso?.[0]}» in the intake review`)
    assert(review.includes('08.10.1987'), 'the consumer\'s birth date is not in the intake review as 08.10.1987')
    await page.locator('[data-testid="review-summary"]').screenshot({ path: path.join(results, 'dates-operator-review.png') })
    await signAndQueue(page, 'dates-operator-queued.png')
    await nextRequest(page)
    await until(async () => (await recent(page)).some((r) => r.service === MANUAL.id && REG_NO.test(r.text)), 30_000, 'request registered')
    regNo = REG_NO.exec((await recent(page)).find((r) => r.service === MANUAL.id)!.text)![1]
    taken = await take(gw, regNo)
    console.log(`    ${regNo} received ${taken.receivedAt} → expected «${kzText(taken.receivedAt)}» (the browser's zone is Europe/Berlin)`)
    await signOut(page)
  })
  if (!sent || !taken) return void (await context.close())
  const expected = kzText(taken.receivedAt)
  const seen: string[] = []

  for (const lang of LANGS) {
    await check(`${lang}: the operator's Results view shows ${expected}; «15.03.2015» typed into a date field is stored as 2015-03-15`, async () => {
      await page.goto(`${origin}/`, { waitUntil: 'networkidle' })
      await chooseLang(page, lang)
      await signInOperator(page)
      await page.locator('[data-testid="tab-results"]').click()
      const row = page.locator(`[data-testid="counter-row"][data-reg="${regNo}"]`)
      await row.waitFor({ timeout: 15_000 })
      const cell = (await row.locator('td').nth(3).innerText()).trim()
      seen.push(`operator/${lang}: ${cell}`)
      await page.screenshot({ path: path.join(results, `dates-operator-${lang}.png`), fullPage: true })
      assert(cell === expected, `Results view shows «${cell}», expected «${expected}»`)
      // A date typed the Kazakh way, whatever the language: the power of attorney's date of a land request.
      await page.locator('[data-testid="tab-intake"]').click()
      const search = page.locator('[data-testid="service-search"]')
      await search.waitFor({ timeout: 10_000 })
      await search.fill(LAND.query)
      await page.locator(`[role="option"][data-service-id="${LAND.id}"]`).first().click()
      await page.locator(`[data-testid="intake-form"][data-service-id="${LAND.id}"]`).waitFor({ timeout: 10_000 })
      await page.locator('[data-field="hasRepresentative"]').check()
      await page.locator('[data-field="poaMethod"]').selectOption('notarial')
      const date = page.locator('[data-field="poaDate"]')
      await date.fill('15.03.2015')
      await date.blur()
      await until(async () => (await storedDraftField(page, LAND.id, 'poaDate')) === '2015-03-15', 10_000, 'poaDate stored as 2015-03-15').catch(async () => {
        throw new Error(`stored poaDate: ${JSON.stringify(await storedDraftField(page, LAND.id, 'poaDate'))}, field shows «${await date.inputValue()}»`)
      })
      assert((await date.inputValue()) === '15.03.2015', `the field shows «${await date.inputValue()}»`)
      const review = await page.locator('[data-testid="review-summary"]').innerText()
      assert(review.includes('15.03.2015') && !/2015-03-15|\btrue\b/.test(review), `the review reads: ${review.replace(/\s+/g, ' ')}`)
      const placeholder = await page.locator('[data-field="applicantBirthDate"]').getAttribute('placeholder')
      assert(placeholder === { kk: 'кк.аа.жжжж', ru: 'дд.мм.гггг', en: 'dd.mm.yyyy' }[lang], `the date placeholder in ${lang}: «${placeholder}»`)
      await page.screenshot({ path: path.join(results, `dates-operator-date-field-${lang}.png`), fullPage: true })
      await signOut(page)
    })

    await check(`${lang}: the specialist's inbox and request view show ${expected}; no raw ISO date or unit id in the request view`, async () => {
      await page.goto(`${origin}/`, { waitUntil: 'networkidle' })
      await chooseLang(page, lang)
      await signIn(page, 'iin', taken!.iin, PASSWORDS.specialist, 'specialist')
      const row = page.locator(`[data-testid="inbox-row"][data-reg-no="${regNo}"]`)
      await row.waitFor({ timeout: 15_000 })
      const cell = (await row.locator('td').nth(3).innerText()).trim()
      seen.push(`specialist/${lang}: ${cell}`)
      await page.screenshot({ path: path.join(results, `dates-specialist-${lang}.png`), fullPage: true })
      assert(cell === expected, `inbox shows «${cell}», expected «${expected}»`)
      await row.dblclick()
      const view = page.locator('[data-testid="request-view"]')
      await view.waitFor({ timeout: 10_000 })
      await page.waitForTimeout(500)
      const text = await view.innerText()
      await page.screenshot({ path: path.join(results, `dates-specialist-request-${lang}.png`), fullPage: true })
      assert(text.includes(expected), `the request view does not show «${expected}»`)
      const iso = /\b\d{4}-\d{2}-\d{2}\b/.exec(text)
      assert(!iso, `raw ISO date «${iso?.[0]}» in the request view`)
      const raw = RAW_IDS.exec(text)
      assert(!raw, `raw id «${raw?.[0]}» in the request view`)
      await signOut(page)
    })

    await check(`${lang}: the supervisor's audit trail shows the request's submission at ${expected}; the board names units, no raw ids`, async () => {
      await page.goto(`${origin}/`, { waitUntil: 'networkidle' })
      await chooseLang(page, lang)
      await signIn(page, 'login', 'supervisor1', PASSWORDS.supervisor, 'supervisor')
      const board = page.locator('[data-testid="board-tson"]')
      await board.waitFor({ timeout: 15_000 })
      await page.waitForTimeout(500)
      await page.screenshot({ path: path.join(results, `dates-supervisor-board-${lang}.png`), fullPage: true })
      const boardText = await page.locator('[data-testid="supervisor"]').innerText()
      await page.locator('[data-testid="area-audit"]').click()
      const entry = page.locator('[data-testid="audit-list"] tr[data-action="request.submit"]', { hasText: regNo })
      await entry.first().waitFor({ timeout: 15_000 })
      const cell = (await entry.first().locator('td').nth(1).innerText()).trim()
      seen.push(`supervisor/${lang}: ${cell}`)
      await page.screenshot({ path: path.join(results, `dates-supervisor-${lang}.png`), fullPage: true })
      assert(cell === expected, `audit trail shows «${cell}», expected «${expected}»`)
      // The desk column names the desk (its ЦОН and number), never the id the desk sends.
      const desk = (await entry.first().locator('td').nth(5).innerText()).trim()
      seen.push(`supervisor/${lang} desk: ${desk}`)
      assert(desk !== '—' && !RAW_IDS.test(desk) && !/desk-[0-9a-f]{8}|\.[0-9a-f]{8}/.test(desk), `audit trail desk «${desk}»`)
      const raw = RAW_IDS.exec(boardText)
      assert(!raw, `raw id «${raw?.[0]}» on the supervisor's board`)
      await signOut(page)
    })
  }
  console.log(`    seen: ${seen.join(' | ')}`)

  await check('no script errors in the page during the run', async () => {
    assert(problems.length === 0, problems.join('\n'))
  })
  await context.close()
}

const t0 = Date.now()
void runDesk(run, { name: 'dates', afterTearDown: () => console.log(`    ${Math.round((Date.now() - t0) / 1000)} s`) }, (desk) => datesRun(desk.hostUrl, desk.hostOrigin, desk.browser, desk.gatewayUrl))
