/**
 * End-to-end, the ЦОН counter (issue 11 points 2, 4–7, issue 14 point 2): the built renderer in Debian Chromium, the
 * real browser host and the real gateway process. Both patterns go from intake to ISSUED through the UI only:
 * pattern A (land.cadastral-info, answered by the registry automatically) and pattern B (akimat.preschool-queue),
 * signed while the gateway is stopped — its receipt prints at once with the desk's local Ж- number — then delivered
 * when the gateway is back, decided by the specialist in the decision form of the inbox (a second desk), and its
 * receipt printed again with the registration number. At the counter (Results tab) each is opened with its verified
 * signature; receipts and results are printed through the desk's print path (a hidden PDF frame whose print() is
 * called; the PDF bytes are captured from the object URL and read with pdftotext), a reprint asks a reason, the
 * hand-over with the §5.7 survey makes the request ISSUED and the supervisor's survey report counts it. Screenshots
 * in kk and ru: test-results/counter-*.png. Run: `npm run build && npx tsx test/e2e/counter.ts`.
 */
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { IIN, PASSWORDS, envelope, signedBody } from '../support/gateway-helpers'
import { capturePrints, fillRequest, nextRequest, recent, REG_NO, registrationOnCard, signAndQueue, signDecision, takeFromInbox, type PrintCapture as Win } from './desk-steps'
import { api, assert, CheckRun, makeIdCardScan, PromptAnswerer, results, signIn, signInOperator, startHost, stopProcess, until, runDesk, gatewayRestarts, type GatewayControl } from './harness'

const CONSUMER_IIN = IIN.operator // owns the catalogue's sample land plot in the synthetic АИС ГЗК
const LAND = { id: 'land.cadastral-info', query: 'кадастр' }
const SCHOOL = { id: 'akimat.preschool-queue', query: 'мектепке дейінгі' }
const run = new CheckRun()
const check = run.check.bind(run)

/** Waits for the next printed PDF; checks the print frame was asked to print; returns its text (pdftotext). */
async function nextPrint(page: Page, before: number, name: string): Promise<string> {
  await until(async () => (await page.evaluate(() => (globalThis as unknown as Win).__prints.length)) > before, 20_000, `${name}: a PDF handed to the print frame`)
  await until(async () => (await page.evaluate(() => (globalThis as unknown as Win).__printCalls)) > before, 20_000, `${name}: print() called on the frame`)
  const pdf = await page.evaluate((i) => (globalThis as unknown as Win).__prints[i], before)
  const file = path.join(results, `counter-${name}.pdf`)
  writeFileSync(file, Buffer.from(pdf, 'base64'))
  execFileSync('pdftoppm', ['-png', '-r', '70', '-singlefile', file, path.join(results, `counter-${name}`)])
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')
}
const printCount = (page: Page) => page.evaluate(() => (globalThis as unknown as Win).__prints.length)

/** One request through the intake UI (the shared desk steps), signed and registered: its number from the card. */
async function intake(page: Page, svc: { id: string; query: string }, scan: string, tag: string): Promise<string> {
  await page.locator('[data-testid="tab-intake"]').click()
  await fillRequest(page, svc, scan, CONSUMER_IIN)
  await signAndQueue(page, `counter-${tag}-queued.png`)
  const regNo = await registrationOnCard(page)
  await page.screenshot({ path: path.join(results, `counter-${tag}-confirmation.png`), fullPage: true })
  await nextRequest(page)
  return regNo
}

async function openAtCounter(page: Page, regNo: string, state: string): Promise<void> {
  await page.locator('[data-testid="tab-results"]').click()
  // A document still open goes back to the list with Esc (keyboard first).
  if (await page.locator('[data-testid="counter-result"]').isVisible()) await page.keyboard.press('Escape')
  const row = page.locator(`[data-testid="counter-row"][data-reg="${regNo}"][data-state="${state}"]`)
  await row.waitFor({ timeout: 30_000 })
  await row.locator('[data-testid="counter-open"]').click()
  await page.locator('[data-testid="counter-result"]').waitFor({ timeout: 10_000 })
  const sig = page.locator('[data-testid="signature-verdict"]')
  await until(async () => (await sig.getAttribute('data-status')) !== 'checking', 20_000, 'signature checked in main')
  assert((await sig.getAttribute('data-status')) === 'ok', `signature verdict: ${await sig.innerText()}`)
}

async function scenario(hostUrl: string, gateway: GatewayControl, browser: Browser, dir: string): Promise<void> {
  const gw = gateway.url
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, deviceScaleFactor: 1, locale: 'ru-RU' })
  const page = await context.newPage()
  const problems: string[] = []
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`))
  const shot = (name: string) => page.screenshot({ path: path.join(results, `counter-${name}.png`), fullPage: true })
  const scan = (await makeIdCardScan(dir)).pdf
  let landNo = ''
  let schoolLocal = ''
  let schoolNo = ''

  const intakeOk = await check('operator1 signs in; pattern A (land.cadastral-info) through the intake UI: the card shows the registration number', async () => {
    await page.goto(hostUrl, { waitUntil: 'networkidle' })
    await signInOperator(page)
    await page.keyboard.press('Alt+2')
    await capturePrints(page)
    landNo = await intake(page, LAND, scan, 'a')
  })
  if (!intakeOk) return void (await context.close())

  const offline = await check('pattern B (akimat.preschool-queue) filled, then signed with the gateway stopped: the card shows the desk’s Ж- number', async () => {
    await page.locator('[data-testid="tab-intake"]').click()
    await fillRequest(page, SCHOOL, scan, CONSUMER_IIN)
    await gateway.stop()
    await signAndQueue(page, 'counter-b-offline-queued.png')
    const line = page.locator('[data-testid="intake-registration"][data-registered="0"]')
    schoolLocal = (await line.locator('strong').innerText()).trim()
    assert(/^Ж-[0-9A-F]{8}$/.test(schoolLocal), `local number on the card: ${schoolLocal}`)
    await nextRequest(page)
  })

  await check('offline, the Results tab lists the unregistered request; its receipt prints with the Ж- number', async () => {
    await page.locator('[data-testid="tab-results"]').click()
    const row = page.locator('[data-testid="counter-local-row"]', { hasText: schoolLocal })
    await row.waitFor({ timeout: 15_000 })
    // Offline the list cannot be loaded: it says so and what to do, never «Заявок нет» under the unreachable banner.
    const empty = page.locator('[data-testid="counter-list-empty"]')
    await until(async () => (await empty.getAttribute('data-state')) === 'failed', 15_000, 'the empty list marked as not loaded')
    const said = await empty.innerText()
    assert(said.includes('нет связи со шлюзом') && !said.includes('Заявок нет'), `offline list says: ${said}`)
    await shot('0-offline-local-ru')
    const before = await printCount(page)
    await row.locator('[data-testid="local-receipt"]').click()
    const text = await nextPrint(page, before, 'receipt-school-offline')
    for (const s of [schoolLocal, 'РАСПИСКА', 'ЦОН № 1 г. Астана']) assert(text.includes(s), `offline receipt lacks «${s}»: ${text.slice(0, 400)}`)
    assert(!/GW-\d{8}/.test(text), 'an offline receipt cannot carry a registration number')
  })

  await check('the gateway is back: the queued request is delivered and registered without a click', async () => {
    await gateway.start()
    await page.locator('[data-testid="tab-intake"]').click()
    await until(async () => (await recent(page)).some((r) => r.service === SCHOOL.id && REG_NO.test(r.text) && /GW-/.test(r.text)), 60_000, 'pattern B registered in the intake list')
    const r = (await recent(page)).find((x) => x.service === SCHOOL.id && /GW-/.test(x.text))!
    schoolNo = REG_NO.exec(r.text)![1]
    assert(/^GW-\d{8}-\d{6}$/.test(schoolNo), `registration number: ${schoolNo}`)
  })

  await check('pattern A at the counter: ready, opened with the verified signature and the regulated document; screenshots kk and ru', async () => {
    await openAtCounter(page, landNo, 'ready')
    const paper = await page.locator('[data-testid="counter-paper"]').innerText()
    assert(paper.includes(landNo) && /кадастровая информация/i.test(paper), `document preview: ${paper.slice(0, 300)}`)
    await shot('1-land-ru')
    await page.keyboard.press('Alt+1')
    await page.locator('[data-testid="counter-print"]', { hasText: 'Басып шығару' }).waitFor({ timeout: 5000 })
    await shot('1-land-kk')
    await page.keyboard.press('Alt+2')
  })

  await check('at 1024×768 the diagnostics button sits in the status line’s flow and covers none of the page', async () => {
    await page.setViewportSize({ width: 1024, height: 768 })
    try {
      const boxOf = async (sel: string) => (await page.locator(sel).first().boundingBox())!
      const [button, line, main] = [await boxOf('[data-testid="diagnostics-run"]'), await boxOf('[data-testid="status-line"]'), await boxOf('#main')]
      assert(main.height > 768, `the page should be longer than the window here: ${main.height}`)
      const inside = button.y >= line.y && button.y + button.height <= line.y + line.height + 0.5 && button.x >= line.x && button.x + button.width <= line.x + line.width + 0.5
      const overMain = button.y < main.y + main.height && button.y + button.height > main.y
      assert(inside && !overMain, `button ${JSON.stringify(button)} line ${JSON.stringify(line)} main ${JSON.stringify(main)}`)
      const wide = await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth)
      assert(wide <= 1024, `the page is ${wide} px wide in a 1024 px window`)
      await shot('1-land-1024')
    } finally {
      await page.setViewportSize({ width: 1400, height: 1000 })
    }
  })

  await check('the receipt (§5.5d) prints through the print frame with the registration number', async () => {
    const before = await printCount(page)
    await page.locator('[data-testid="counter-receipt"]').click()
    const text = await nextPrint(page, before, 'receipt-land')
    for (const s of [landNo, 'РАСПИСКА', 'Асанова', 'ЦОН № 1 г. Астана']) assert(text.includes(s), `receipt PDF lacks «${s}»: ${text.slice(0, 400)}`)
  })

  await check('Print: the result PDF is printed (not downloaded) and names the plot; a reprint asks a reason and is recorded', async () => {
    let before = await printCount(page)
    await page.locator('[data-testid="counter-print"]').click()
    const text = await nextPrint(page, before, 'result-land')
    // The automated responder still signs its older document (mapped onto the one schema, unknown values «—»).
    for (const s of [landNo, 'Кадастровая информация на земельный участок', 'равнозначен документу на бумажном носителе']) assert(text.includes(s), `result PDF lacks «${s}»: ${text.slice(0, 400)}`)
    await page.locator('[data-testid="counter-print"]', { hasText: 'Перепечатать' }).click()
    await page.locator('[data-testid="reprint-reason"]').waitFor({ timeout: 5000 })
    await shot('2-reprint-reason')
    before = await printCount(page)
    await page.locator('[data-testid="reprint-reason-input"]').fill('Замялась бумага')
    await page.locator('[data-testid="reprint-reason-input"]').press('Enter')
    await nextPrint(page, before, 'result-land-reprint')
    await until(async () => (await page.locator('[data-testid="counter-prints"]').innerText()).includes('Замялась бумага'), 10_000, 'the reprint with its reason in the print history')
  })

  await check('Hand over with the §5.7 survey: ISSUED, who and when shown', async () => {
    await page.locator('[data-testid="counter-hand-over"]').click()
    await page.locator('[data-testid="counter-survey"]').waitFor({ timeout: 5000 })
    await page.locator('[data-testid="survey-q1-3"]').check()
    await page.locator('[data-testid="survey-q2-2"]').check()
    await shot('3-survey-ru')
    await page.keyboard.press('Alt+1')
    await shot('3-survey-kk')
    await page.keyboard.press('Alt+2')
    await page.locator('[data-testid="survey-save"]').click()
    await page.locator('[data-testid="counter-handed"]').waitFor({ timeout: 10_000 })
    assert((await page.locator('[data-testid="counter-result-state"]').getAttribute('data-state')) === 'issued', 'not issued')
    assert((await page.locator('[data-testid="counter-handed"]').innerText()).includes('Асанова'), 'who handed over')
    await shot('4-issued')
  })

  // The specialist's own desk: a second workstation (its own host and launch secret), the inbox and decision form.
  const specHost = await startHost(gw)
  const desk = await browser.newContext({ viewport: { width: 1400, height: 1000 }, deviceScaleFactor: 1, locale: 'ru-RU' })
  const spec = await desk.newPage()
  spec.on('pageerror', (e) => problems.push(`specialist pageerror: ${e.message}`))
  await check('pattern B decided by the specialist in the decision form (queue notice, signed in main’s prompt): RESULT_READY', async () => {
    assert(offline && schoolNo, 'pattern B was not registered')
    await spec.goto(specHost.url, { waitUntil: 'networkidle' })
    await signIn(spec, 'iin', IIN.specialist, PASSWORDS.specialist, 'specialist')
    await spec.keyboard.press('Alt+2')
    await takeFromInbox(spec, schoolNo)
    await spec.locator('[data-testid="decision-template"]').selectOption('queue-notice')
    await spec.locator('[data-testid="decision-form"][data-template="queue-notice"]').waitFor({ timeout: 5000 })
    await spec.locator('[data-testid="decision-field-queueNo"]').fill('27')
    // The child of the sample form is not in the synthetic ГБД ФЛ: the form says so and the specialist types the name.
    const child = spec.locator('[data-testid="decision-field-childFio"]')
    if (!(await child.inputValue())) await child.fill('Асанов Алихан Нурланович')
    // Main's prompt of the second desk numbers its prompts afresh: its own answerer.
    await signDecision(spec, new PromptAnswerer()).catch(async (err: unknown) => {
      const fieldErrors = await spec.locator('[data-testid^="decision-error-"]').allInnerTexts()
      await spec.screenshot({ path: path.join(results, 'counter-b-decision-failed.png'), fullPage: true })
      throw new Error(`${err instanceof Error ? err.message : String(err)}; field errors: ${fieldErrors.join(' | ') || 'none'}`)
    })
    await spec.screenshot({ path: path.join(results, 'counter-b-decided.png'), fullPage: true })
  })
  await desk.close()
  await stopProcess(specHost.child)

  await check('pattern B at the counter: the receipt again, now with the registration number; the queue notice printed; handed over without the survey', async () => {
    await page.locator('[data-testid="tab-results"]').click()
    await openAtCounter(page, schoolNo, 'ready')
    let before = await printCount(page)
    await page.locator('[data-testid="counter-receipt"]').click()
    const receipt = await nextPrint(page, before, 'receipt-school-registered')
    assert(receipt.includes(schoolNo) && !receipt.includes(schoolLocal), `registered receipt: ${receipt.slice(0, 400)}`)
    before = await printCount(page)
    await page.locator('[data-testid="counter-print"]').click()
    const text = await nextPrint(page, before, 'result-school')
    for (const s of [schoolNo, 'Уведомление о регистрации ребенка', '№ 27', 'Асанов Алихан Нурланович', 'Подписано ЭЦП']) assert(text.includes(s), `result PDF lacks «${s}»: ${text.slice(0, 400)}`)
    await page.locator('[data-testid="counter-hand-over"]').click()
    await page.locator('[data-testid="survey-skip"]').click()
    await page.locator('[data-testid="counter-handed"]').waitFor({ timeout: 10_000 })
    await page.locator('button', { hasText: 'К списку' }).click()
    await page.locator('[data-testid="counter-filter-issued"]').click()
    await page.locator(`[data-testid="counter-row"][data-reg="${schoolNo}"][data-state="issued"]`).waitFor({ timeout: 10_000 })
    await page.locator(`[data-testid="counter-row"][data-reg="${landNo}"][data-state="issued"]`).waitFor({ timeout: 10_000 })
    await shot('5-list-issued-ru')
    await page.keyboard.press('Alt+1')
    await page.locator('[data-testid="counter-filter-issued"]', { hasText: 'Берілді' }).waitFor({ timeout: 5000 })
    await shot('5-list-issued-kk')
    await page.keyboard.press('Alt+2')
  })

  await check('a refusal (registry has no such plot, M5) shows its reason; handed over it stays REFUSED and is listed as issued', async () => {
    const op = (await api<{ token: string }>(gw, 'POST', '/api/v1/auth/login', undefined, { login: 'operator1', password: PASSWORDS.operator })).json.token
    const env = envelope({ serviceId: 'land.cadastral-info' }, { cadastralNumber: '99-999-999-999' })
    const body = await signedBody(env)
    const res = await fetch(`${gw}/api/v1/requests`, { method: 'POST', headers: { authorization: `Bearer ${op}`, 'content-type': 'application/json', 'idempotency-key': `e2e-counter-${env.envelopeId}` }, body: JSON.stringify({ envelope: body.envelope, signature: body.signature }) })
    const refusedNo = ((await res.json()) as { registrationNumber: string }).registrationNumber
    await page.locator('button', { hasText: 'Все' }).click()
    await openAtCounter(page, refusedNo, 'refused')
    assert(/M5|отсутствием запрошенных данных/.test(await page.locator('[data-testid="refusal-reason"]').innerText()), 'refusal reason not shown')
    await page.locator('[data-testid="counter-hand-over"]').click()
    await page.locator('[data-testid="survey-skip"]').click()
    await page.locator('[data-testid="counter-handed"]').waitFor({ timeout: 10_000 })
    assert((await page.locator('[data-testid="counter-result-state"]').getAttribute('data-state')) === 'issued', 'refusal not listed as issued')
    assert((await api<{ status: string }>(gw, 'GET', `/api/v1/requests/${refusedNo}`, op)).json.status === 'REFUSED', 'status changed from REFUSED')
    await shot('6-refusal-handed')
    await page.locator('button', { hasText: 'К списку' }).click()
  })

  await check('the gateway holds both ISSUED; the supervisor’s survey report counts the one answered survey', async () => {
    const op = (await api<{ token: string }>(gw, 'POST', '/api/v1/auth/login', undefined, { login: 'operator1', password: PASSWORDS.operator })).json.token
    for (const n of [landNo, schoolNo]) assert((await api<{ status: string }>(gw, 'GET', `/api/v1/requests/${n}`, op)).json.status === 'ISSUED', `${n} not ISSUED`)
    const sup = (await api<{ token: string }>(gw, 'POST', '/api/v1/auth/login', undefined, { login: 'supervisor1', password: PASSWORDS.supervisor })).json.token
    const today = new Date(Date.now() + 5 * 3_600_000).toISOString().slice(0, 10)
    const rep = await api<{ total: { n: number; quality: { answers: number[] }; accessibility: { answers: number[] } } }>(gw, 'GET', `/api/v1/supervision/survey-report?from=${today}&to=${today}`, sup)
    assert(rep.json.total.n === 1 && rep.json.total.quality.answers[2] === 1 && rep.json.total.accessibility.answers[1] === 1, JSON.stringify(rep.json))
  })

  await check('no script errors in the pages during the run', async () => {
    assert(problems.length === 0, problems.join('\n'))
  })
  await context.close()
}

void runDesk(run, { name: 'counter', clearResults: /^counter-.*\.(png|pdf)$/ }, (desk) => scenario(desk.hostUrl, gatewayRestarts(desk, true), desk.browser, desk.dir))
