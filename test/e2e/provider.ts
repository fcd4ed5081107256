/**
 * End-to-end, the provider's desk (АРМ РШЭП, issue 13): the built renderer in Debian Chromium, the real browser host
 * (main's secret prompt on its own loopback origin) and the real gateway process with its own SQLite file.
 * The education department's specialist (ИИН 871008401427) opens the walk-in tab, meets another department's service
 * marked and refused before any form (PROVIDER_SERVICE_NOT_OF_DEPARTMENT, in Russian and in Kazakh), then registers a
 * walk-in of the department's own preschool-queue service: ГБД ФЛ check, the form, two scans with the paper originals
 * marked, signed with the specialist's SIGN key (password in main's prompt). The request reaches the department's own
 * inbox (never a ЦОН's), where the request view shows the paper marks, the due date and the per-step times (who, when,
 * how long), which grow a step when the specialist takes it. The gateway refuses another department's walk-in sent
 * straight to its API. The social department's specialist is offered akimat.disabled-child-home-support (no ЦОН channel).
 * Screenshots: test-results/provider-*.png. Run: `npm run build && npx tsx test/e2e/provider.ts`.
 */
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { catalog } from '../../src-shared/catalog'
import { ERRORS } from '../../src-shared/errors'
import { b64, decisionFor, envelope, IIN, PASSWORDS, signedBody, signWith } from '../support/gateway-helpers'
import { fillRequest, openWalkIn, registeredWalkIn, signWalkIn } from './desk-steps'
import { assert, CheckRun, makeIdCardScan, PromptAnswerer, results, signIn, until, runDesk } from './harness'

const SERVICE = 'akimat.preschool-queue' // the education department's own
const FOREIGN = 'akimat.unemployed-certificate' // the social department's
const CONSUMER_IIN = '871008401427' // a person of the synthetic ГБД ФЛ
const SOCIAL_SPECIALIST_IIN = '900315440056'

const run = new CheckRun()
const check = run.check.bind(run)
const prompter = new PromptAnswerer()

async function scenario(hostUrl: string, gw: string, browser: Browser, scanDir: string): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1, locale: 'ru-RU' })
  const page = await context.newPage()
  const problems: string[] = []
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`))
  const shot = (name: string) => page.screenshot({ path: path.join(results, `provider-${name}.png`), fullPage: true })
  const scans = await makeIdCardScan(scanDir)

  const signedIn = await check('the specialist signs in: the desk has the inbox and the walk-in intake as two tabs', async () => {
    await page.goto(hostUrl, { waitUntil: 'networkidle' })
    await page.locator('[data-testid="lang-ru"]').click()
    await signIn(page, 'iin', IIN.specialist, PASSWORDS.specialist, 'specialist')
    await openWalkIn(page)
    assert(await page.locator('[data-testid="walk-in-note"]').isVisible(), 'the walk-in note is not shown')
  })
  if (!signedIn) return void (await context.close())

  await check('another department’s service is listed marked and refused before any form, with the coded message (ru, kk)', async () => {
    const search = page.locator('[data-testid="service-search"]')
    await search.fill('безработн')
    const option = page.locator(`[role="option"][data-service-id="${FOREIGN}"]`)
    await option.waitFor({ timeout: 5000 })
    assert((await option.getAttribute('data-foreign')) === 'true', 'the other department’s service is not marked')
    await shot('1-foreign-marked-ru')
    await option.click()
    const refusal = page.locator('[data-testid="intake-foreign-service"]')
    await refusal.waitFor({ timeout: 5000 })
    assert((await page.locator('[data-testid="intake-form"]').count()) === 0, 'a form was opened for another department’s service')
    const msg = await page.locator('[data-testid="intake-foreign-message"]').innerText()
    assert(msg.includes(ERRORS.PROVIDER_SERVICE_NOT_OF_DEPARTMENT.ru) && msg.includes('PROVIDER_SERVICE_NOT_OF_DEPARTMENT'), msg)
    assert((await refusal.innerText()).includes(catalog.get(FOREIGN).provider.name.ru), 'the providing department is not named')
    await shot('2-foreign-refused-ru')
    await page.keyboard.press('Alt+1')
    await until(async () => (await page.locator('[data-testid="intake-foreign-message"]').innerText()).includes(ERRORS.PROVIDER_SERVICE_NOT_OF_DEPARTMENT.kk), 5000, 'the Kazakh message')
    await shot('2-foreign-refused-kk')
    await page.keyboard.press('Alt+2')
    await page.locator('[data-testid="intake-foreign-back"]').click()
  })

  let ok = await check('the department’s own service opens; the consumer is checked in ГБД ФЛ, the form filled, scans attached and the paper originals marked', async () => {
    await fillRequest(page, { id: SERVICE, query: 'дошкол' }, (id) => (id === 'identity-document' ? scans.png : scans.pdf), CONSUMER_IIN, 'provider')
    const marked = await page.locator('[data-testid^="original-"]:checked').evaluateAll((els) => els.map((el) => (el as unknown as { getAttribute(a: string): string | null }).getAttribute('data-testid')!.slice(9)))
    assert(marked.includes('identity-document') && marked.includes('child-birth-certificate'), `originals marked: ${marked.join(', ')}`)
    await shot('3-walk-in-form')
  })

  if (ok)
    ok = await check('signed with the specialist’s SIGN key (password in main’s prompt) and queued', async () => {
      await signWalkIn(page, 'specialist-sign', prompter)
      await shot('4-walk-in-queued')
    })

  let regNo = ''
  if (ok)
    ok = await check('the outbox delivers it and the gateway registers it straight in the department’s inbox', async () => {
      regNo = await registeredWalkIn(page, SERVICE)
      await page.locator('[data-testid="next-request"]').click().catch(() => undefined)
      await page.keyboard.press('Alt+W')
      await page.locator('[data-testid="panel-inbox"]').waitFor({ timeout: 5000 })
      const inboxRow = page.locator(`[data-testid="inbox-row"][data-reg-no="${regNo}"]`)
      await inboxRow.waitFor({ timeout: 15_000 })
      const st = await fetch(`${gw}/api/v1/requests/${regNo}`, { headers: { authorization: `Bearer ${await tokenIin(gw, IIN.specialist)}` } })
      const body = (await st.json()) as { departmentId: string; tsonId?: string; status: string; statusHistory: { status: string; by?: string }[] }
      assert(body.departmentId === 'akimat-astana-education' && body.tsonId === undefined && body.status === 'REGISTERED', JSON.stringify(body))
      assert(body.statusHistory[0]?.by === 'Беков Ерлан', `registered by ${body.statusHistory[0]?.by}`)
      await shot('5-inbox-ru')
    })

  if (ok)
    await check('the request view shows the paper marks, the due date and the per-step times; taking it adds a step', async () => {
      // The only request in this inbox: the table takes the keyboard, Enter opens the selected row.
      await page.locator('[data-testid="inbox-table"]').focus()
      await page.keyboard.press('Home')
      await page.keyboard.press('Enter')
      await page.locator('[data-testid="request-view"]').waitFor({ timeout: 5000 })
      assert((await page.locator('h2').first().innerText()).includes(regNo), 'another request opened')
      const marks = page.locator('[data-testid="paper-marks"] li')
      await marks.first().waitFor({ timeout: 5000 })
      const named = (await marks.allInnerTexts()).join(' | ')
      assert(/удостоверяющий личность/.test(named) && /рождении/.test(named), `paper marks: ${named}`)
      await page.locator('[data-testid="request-due"]').waitFor({ timeout: 10_000 })
      assert(/\d{2}\.\d{2}\.\d{4}/.test(await page.locator('[data-testid="request-due"]').innerText()), 'due date not in dd.MM.yyyy')
      const steps = page.locator('[data-testid="step-row"]')
      await until(async () => (await steps.count()) === 2, 10_000, 'registration + REGISTERED steps')
      const reg = steps.first()
      assert((await reg.getAttribute('data-step')) === 'registration' && (await reg.innerText()).includes('Беков Ерлан'), await reg.innerText())
      const took = Number(await reg.getAttribute('data-duration-ms'))
      assert(took >= 0 && took < 120_000, `registration took ${took} ms`)
      console.log(`    registration step: ${await reg.innerText()}`)
      await page.locator('[data-testid="request-steps"]').scrollIntoViewIfNeeded()
      await shot('6-steps-ru')
      await page.locator('[data-testid="take"]').click()
      await page.locator('[data-testid="taken-by-me"]').waitFor({ timeout: 10_000 })
      await until(async () => (await steps.count()) === 3, 10_000, 'the IN_PROCESSING step')
      const taken = steps.nth(2)
      assert((await taken.getAttribute('data-step')) === 'IN_PROCESSING' && (await taken.innerText()).includes('Беков Ерлан'), await taken.innerText())
      assert((await taken.getAttribute('data-overdue')) === 'false', 'a fresh step is overdue')
      await page.keyboard.press('Alt+1')
      await page.locator('[data-testid="request-steps"] h3', { hasText: 'Кезеңдер мен мерзімдер' }).waitFor({ timeout: 5000 })
      assert((await page.locator('[data-testid="request-due"]').innerText()).startsWith('Орындау мерзімі'), 'kk due date')
      await page.locator('[data-testid="request-steps"]').scrollIntoViewIfNeeded()
      await shot('7-steps-kk')
      await page.keyboard.press('Alt+2')
    })

  if (ok)
    await check('decided with the направление: the request says until when it is valid (five days, working-day calendar), ru and kk', async () => {
      const token = await tokenIin(gw, IIN.specialist)
      const requestId = ((await (await fetch(`${gw}/api/v1/requests/${regNo}`, { headers: { authorization: `Bearer ${token}` } })).json()) as { requestId: string }).requestId
      const { bytes } = decisionFor(regNo, { templateId: 'referral' })
      const d = await fetch(`${gw}/api/v1/inbox/${requestId}/decision`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'result', payload: b64(bytes), signature: b64(await signWith('specialist-sign', bytes)) }) })
      assert(d.status === 200, `decision: ${d.status} ${await d.text()}`)
      // Decided elsewhere (through the API): back to the inbox, refreshed, and the request opened again.
      await page.keyboard.press('Escape')
      await page.locator('[data-testid="inbox-filter-all"]').click()
      await page.locator('[data-testid="inbox-refresh"]').click()
      const row = page.locator(`[data-testid="inbox-row"][data-reg-no="${regNo}"]`)
      await row.waitFor({ timeout: 10_000 })
      await row.click()
      await page.keyboard.press('Enter')
      await page.locator('[data-testid="request-view"]').waitFor({ timeout: 5000 })
      const validity = page.locator('[data-testid="result-validity"]')
      await validity.waitFor({ timeout: 15_000 })
      const ru = await validity.innerText()
      assert(/^Направление действительно до \d{2}\.\d{2}\.\d{4}/.test(ru) && (await validity.getAttribute('data-expired')) === 'false', ru)
      await validity.scrollIntoViewIfNeeded()
      await shot('7a-referral-valid-ru')
      await page.keyboard.press('Alt+1')
      await until(async () => (await validity.innerText()).startsWith('Жолдама'), 5000, 'the kk validity line')
      await validity.scrollIntoViewIfNeeded()
      await shot('7b-referral-valid-kk')
      await page.keyboard.press('Alt+2')
    })

  await check('the gateway refuses another department’s walk-in sent to its API: GW_SERVICE_NOT_OF_DEPARTMENT, routed nowhere', async () => {
    const token = await tokenIin(gw, IIN.specialist)
    const env = envelope({ serviceId: FOREIGN, channel: 'provider', tsonId: undefined, departmentId: 'akimat-astana-education', operator: { iin: IIN.specialist } })
    const body = await signedBody(env, 'specialist-sign')
    const r = await fetch(`${gw}/api/v1/requests`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': `e2e-provider-${Date.now()}` }, body: JSON.stringify({ envelope: body.envelope, signature: body.signature }) })
    const json = (await r.json()) as { code: string }
    assert(r.status === 403 && json.code === 'GW_SERVICE_NOT_OF_DEPARTMENT', `${r.status} ${JSON.stringify(json)}`)
    const social = await tokenIin(gw, SOCIAL_SPECIALIST_IIN)
    const inbox = (await (await fetch(`${gw}/api/v1/inbox`, { headers: { authorization: `Bearer ${social}` } })).json()) as { items: unknown[] }
    assert(inbox.items.length === 0, `the social inbox holds ${inbox.items.length} request(s)`)
  })

  await check('the social department’s specialist is offered akimat.disabled-child-home-support (no ЦОН channel) as their own', async () => {
    await page.getByRole('button', { name: /^(Шығу|Выйти|Sign out)$/ }).click()
    await signIn(page, 'iin', SOCIAL_SPECIALIST_IIN, PASSWORDS.specialist, 'specialist')
    await page.locator('[data-testid="tab-walk-in"]').click()
    const search = page.locator('[data-testid="panel-walk-in"]:not([hidden]) [data-testid="service-search"]')
    await search.waitFor({ timeout: 10_000 })
    await search.fill('инвалид')
    const option = page.locator('[role="option"][data-service-id="akimat.disabled-child-home-support"]')
    await option.waitFor({ timeout: 5000 })
    assert((await option.getAttribute('data-foreign')) === null, 'marked as another department’s')
    await option.click()
    await page.locator('[data-testid="intake-form"][data-service-id="akimat.disabled-child-home-support"]').waitFor({ timeout: 10_000 })
    await shot('8-social-disabled-child')
  })

  await check('no script errors in the page during the run', async () => {
    assert(problems.length === 0, problems.join('\n'))
  })
  await context.close()
}

async function tokenIin(gw: string, iin: string): Promise<string> {
  const r = await fetch(`${gw}/api/v1/auth/login-iin`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ iin, password: PASSWORDS.specialist }) })
  assert(r.status === 200, `sign-in ${iin}: ${r.status}`)
  return ((await r.json()) as { token: string }).token
}

void runDesk(run, { name: 'provider', clearResults: /^provider-.*\.png$/, startChecks: {} }, (desk) => scenario(desk.hostUrl, desk.gatewayUrl, desk.browser, desk.dir))
