/**
 * End-to-end, the authorised signer (issue 13 point 2): the built renderer in Debian Chromium, the browser host and
 * the real gateway process with the demo PKI. The department's plain employee Жұмабаев registers a walk-in through the
 * desk's walk-in tab (the service, ГБД ФЛ, the form, scans with the paper originals marked, signed with his employee
 * key in main's prompt); the outbox delivers it straight into the department's inbox. In the Kazakh desk he takes
 * it, fills the queue notice and tries to sign the decision with his own key — the gateway refuses it
 * (GW_SIGNER_NOT_AUTHORISED: NCA's "employee" policy), shown in Kazakh — so he prepares it for signing. The head
 * Мұқанова (NCA "first head" policy) sees it in her inbox, reviews the document's text (kk, then ru) and signs it in
 * main's prompt: RESULT_READY, the stored result signed by her ИИН for the department's БИН, seen by the ЦОН's status.
 * Screenshots: test-results/signer-*.png. Run: `npm run build && npx tsx test/e2e/signer.ts`.
 */
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { catalog } from '../../src-shared/catalog'
import { ERRORS } from '../../src-shared/errors'
import { parseDecisionBytes } from '../../src-shared/results'
import { IIN, PASSWORDS } from '../support/gateway-helpers'
import { chooseKey, fillRequest, openWalkIn, registeredWalkIn, signWalkIn, takeFromInbox } from './desk-steps'
import { api, assert, CheckRun, makeIdCardScan, PromptAnswerer, results, signIn, runDesk, until } from './harness'

const SERVICE = catalog.get('akimat.preschool-queue')
const EMPLOYEE = { iin: '940512315205', name: 'Жұмабаев Нұрсұлтан', key: 'education-specialist-sign' }
const HEAD = { iin: '720419412038', name: 'Мұқанова Сәуле Болатқызы', key: 'education-head-sign' }
const EDU_BIN = '940140000385'

const run = new CheckRun()
const check = run.check.bind(run)

async function scenario(hostUrl: string, headHostUrl: string, gw: string, browser: Browser, scanDir: string): Promise<void> {
  const problems: string[] = []
  const desk = async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, deviceScaleFactor: 1, locale: 'ru-RU' })
    const page = await context.newPage()
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`))
    return { context, page }
  }
  const shotOf = (page: Page) => (name: string) => page.screenshot({ path: path.join(results, `signer-${name}.png`), fullPage: true })

  let req = { requestId: '', registrationNumber: '' }
  const login = await api<{ token: string }>(gw, 'POST', '/api/v1/auth/login-iin', undefined, { iin: EMPLOYEE.iin, password: PASSWORDS.specialist })
  const employeeToken = login.json.token
  const prompter = new PromptAnswerer()
  const emp = await desk()
  const shot = shotOf(emp.page)
  const page = emp.page
  const scans = await makeIdCardScan(scanDir)
  const registered = await check('the employee registers a walk-in through the walk-in tab, signed with his own key: REGISTERED straight into the department’s inbox', async () => {
    assert(login.status === 200, `employee sign-in: ${login.status}`)
    await page.goto(hostUrl, { waitUntil: 'networkidle' })
    await page.locator('[data-testid="lang-ru"]').click()
    await signIn(page, 'iin', EMPLOYEE.iin, PASSWORDS.specialist, 'specialist')
    await openWalkIn(page)
    await fillRequest(page, { id: SERVICE.id, query: 'дошкол' }, (id) => (id === 'identity-document' ? scans.png : scans.pdf), IIN.operator, 'provider')
    await shot('0-walk-in-ru')
    await signWalkIn(page, EMPLOYEE.key, prompter)
    await prompter.settled(page)
    const regNo = await registeredWalkIn(page, SERVICE.id)
    const st = await api<{ requestId: string; registrationNumber: string; status: string; departmentId: string; tsonId?: string }>(gw, 'GET', `/api/v1/requests/${encodeURIComponent(regNo)}`, employeeToken)
    assert(st.json.status === 'REGISTERED' && st.json.departmentId === 'akimat-astana-education' && st.json.tsonId === undefined, JSON.stringify(st.json))
    req = st.json
  })
  if (!registered) return void (await emp.context.close())

  const taken = await check('the employee (Kazakh desk) opens the walk-in in his inbox, takes it and fills the queue notice', async () => {
    await page.locator('[data-testid="next-request"]').click().catch(() => undefined)
    await page.keyboard.press('Alt+W')
    await page.locator('[data-testid="panel-inbox"]').waitFor({ timeout: 5000 })
    await page.keyboard.press('Alt+1')
    await takeFromInbox(page, req.registrationNumber)
    await page.locator('[data-testid="decision-template"]').selectOption('queue-notice')
    await page.locator('[data-testid="decision-form"][data-template="queue-notice"]').waitFor({ timeout: 5000 })
    await page.locator('[data-testid="decision-field-queueNo"]').fill('318')
    // The sample child is not in the synthetic ГБД ФЛ: the specialist types the name, as the form asks.
    const child = page.locator('[data-testid="decision-field-childFio"]')
    if (!(await child.inputValue())) await child.fill('Асанов Бауыржан Нұрланұлы')
  })

  const refused = taken && (await check('his own employee key cannot sign: the gateway refuses with GW_SIGNER_NOT_AUTHORISED, said in Kazakh', async () => {
    await chooseKey(page, 'decision-key', EMPLOYEE.key)
    await page.locator('[data-testid="decision-sign"]').click()
    const err = page.locator('[data-testid="decision-error"]')
    await prompter.until(page, () => err.isVisible(), 60_000, 'the employee’s signature is refused').catch(async (e: unknown) => {
      await shot('9-employee-failed')
      throw e
    })
    await prompter.settled(page)
    assert((await err.getAttribute('data-code')) === 'GW_SIGNER_NOT_AUTHORISED', `code ${await err.getAttribute('data-code')}`)
    assert((await err.innerText()).includes(ERRORS.GW_SIGNER_NOT_AUTHORISED.kk), `message: ${await err.innerText()}`)
    assert((await page.locator('[data-testid="request-view"]').getAttribute('data-status')) === 'IN_PROCESSING', 'the request must stay in processing')
    await shot('1-employee-refused-kk')
  }))

  const prepared = refused && (await check('he prepares it for the authorised person’s signature instead', async () => {
    await page.locator('[data-testid="decision-prepare"]').click()
    await page.locator('[data-testid="decision-prepared"]').waitFor({ timeout: 10_000 })
    await shot('2-prepared-kk')
  }))
  await emp.context.close()
  if (!prepared) return

  const head = await desk()
  const hshot = shotOf(head.page)
  const hp = head.page
  const reviewed = await check('the head sees the prepared decision in her inbox and reviews its text, in Kazakh and in Russian', async () => {
    // The head's own workstation (another desk: another host process with its own session).
    await hp.goto(headHostUrl, { waitUntil: 'networkidle' })
    await hp.locator('[data-testid="lang-kk"]').click()
    await signIn(hp, 'iin', HEAD.iin, PASSWORDS.specialist, 'specialist')
    const row = hp.locator(`[data-testid="inbox-row"][data-reg-no="${req.registrationNumber}"]`)
    await row.waitFor({ timeout: 15_000 })
    await row.dblclick()
    const review = hp.locator('[data-testid="prepared-review"]')
    await review.waitFor({ timeout: 10_000 })
    const by = await hp.locator('[data-testid="prepared-by"]').innerText()
    assert(by.includes(EMPLOYEE.name), `prepared by: ${by}`)
    const text = await hp.locator('[data-testid="prepared-document"]').innerText()
    assert(text.includes('№ 318') && text.includes('Асанова'), `document text: ${text.slice(0, 300)}`)
    // The desk's keys are listed while main re-checks the operator's signature: the screenshot waits for the choice.
    await until(async () => (await hp.locator('[data-testid="review-key"]').inputValue()) !== '', 10_000, 'the review’s key preselected')
    await hshot('3-review-kk')
    await hp.keyboard.press('Alt+2')
    await hp.locator('[data-testid="prepared-review"] h3', { hasText: 'Решение, подготовленное на подпись' }).waitFor({ timeout: 5000 })
    await hshot('4-review-ru')
  })

  if (reviewed)
    await check('she signs it with her first-head key in main’s prompt: RESULT_READY, signed by her ИИН for the department’s БИН', async () => {
      // Her own SIGN key (her ИИН, the signing key usage) is preselected, as on every desk: nothing to choose.
      const key = hp.locator('[data-testid="review-key"]')
      await until(async () => (await key.inputValue()) !== '', 10_000, 'the head’s own SIGN key preselected')
      const preselected = await key.locator('option:checked').innerText()
      assert(new RegExp(`(^|[^\\w-])${HEAD.key}\\.p12`).test(preselected), `preselected: ${preselected}`)
      await hp.locator('[data-testid="review-sign"]').click()
      // Once signed the request is decided: the review gives way to the decided note.
      const done = hp.locator('[data-testid="decided"], [data-testid="review-error"]').first()
      // Her own workstation's prompt (its ids are its own: a fresh answerer).
      const headPrompter = new PromptAnswerer()
      await headPrompter.until(hp, () => done.isVisible(), 60_000, 'the head signs the prepared decision').catch(async (e: unknown) => {
        await hshot('9-failed')
        throw e
      })
      await headPrompter.settled(hp)
      if (await hp.locator('[data-testid="review-error"]').isVisible()) throw new Error(`signing failed: ${await hp.locator('[data-testid="review-error"]').innerText()}`)
      await hp.locator('[data-testid="request-view"][data-status="RESULT_READY"]').waitFor({ timeout: 10_000 })
      await hshot('5-signed-ru')
      const status = await api<{ status: string; result?: { signerIin?: string; signerBin?: string } }>(gw, 'GET', `/api/v1/requests/${encodeURIComponent(req.registrationNumber)}`, employeeToken)
      assert(status.json.status === 'RESULT_READY' && status.json.result?.signerIin === HEAD.iin && status.json.result?.signerBin === EDU_BIN, JSON.stringify(status.json))
      const res = await api<{ document: string }>(gw, 'GET', `/api/v1/requests/${encodeURIComponent(req.registrationNumber)}/result`, employeeToken)
      const doc = parseDecisionBytes(Buffer.from(res.json.document, 'base64'))
      assert(doc.templateId === 'queue-notice' && doc.values.queueNo === 318 && doc.signer.iin === HEAD.iin && doc.signer.name === HEAD.name, JSON.stringify(doc.signer))
    })

  await check('no script errors in the pages during the run', async () => {
    assert(problems.length === 0, problems.join('\n'))
  })
  await head.context.close()
}

void runDesk(run, { name: 'signer', clearResults: /^signer-\d.*\.png$/ }, async (desk) => {
  const head = await desk.startHost()
  await scenario(desk.hostUrl, head.url, desk.gatewayUrl, desk.browser, desk.dir)
})
