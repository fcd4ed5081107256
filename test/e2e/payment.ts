/**
 * End-to-end, the ЗАГС state duty (issue 12): the built renderer in Debian Chromium, the real browser host and the
 * real gateway process with its test clock (GATEWAY_TEST_CLOCK=1). The operator files three ЗАГС repeat-certificate
 * requests; all reach AWAITING_PAYMENT with 1 МРП (4 325 ₸) and about 24 hours left. The bank declines the first
 * attempt (M9: the request keeps waiting), the second is paid at the counter; the receipt («чек») and the acceptance
 * notice are printed and read back with pdftotext; the consumer pays another on the phone and the desk follows. The clock moves 24 hours: the other request is EXPIRED (M8) and is
 * started again as a new draft with the same data. The ЗАГС specialist hands the paper certificate over (ISSUED) and
 * the ЗАГС supervisor sees the figures. Screenshots in kk and ru: test-results/payment-*.png.
 * Run: `npm run build && npx tsx test/e2e/payment.ts` (also part of `npm run test:e2e`).
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { catalog, isVisible, sampleFormValues } from '../../src-shared/catalog'
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process'
import { assert, CheckRun, fillField, launchChromium, PromptAnswerer, results, signIn, signInOperator, startHost, stopProcess, until } from './harness'

/** The demo operator is also a consumer with a birth record in the synthetic ИС ЗАГС (B-DEMO-1). */
const CONSUMER_IIN = '830717350867'
const SERVICE = { id: 'zags.repeat-certificate', query: 'қайталама' }
const ADMIN = { login: 'admin', password: 'Admin#2026' }
const DAY = 24 * 3600_000

const run = new CheckRun()
const check = run.check.bind(run)
const prompter = new PromptAnswerer()
const norm = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ')

async function fillZagsRequest(page: Page): Promise<void> {
  const service = catalog.get(SERVICE.id)
  const search = page.locator('[data-testid="service-search"]')
  await search.waitFor({ timeout: 10_000 })
  await search.fill(SERVICE.query)
  await page.locator(`[role="option"][data-service-id="${SERVICE.id}"]`).first().click()
  await page.locator(`[data-testid="intake-form"][data-service-id="${SERVICE.id}"]`).waitFor({ timeout: 10_000 })
  const iin = page.locator('[data-field="applicantIin"]')
  await iin.fill(CONSUMER_IIN)
  await iin.blur()
  await page.locator('[data-testid="autofill-gbdfl"]').click()
  await page.locator('[data-testid="check-verified"]').waitFor({ timeout: 10_000 })
  const autofilled = new Set(['applicantKind', 'applicantIin', 'applicantFullName', 'applicantBirthDate', 'applicantAddress'])
  const values = sampleFormValues(service, { overrides: { applicantKind: 'person', applicantIin: CONSUMER_IIN, certificateType: 'birth' } })
  const current: Record<string, unknown> = { applicantKind: 'person', applicantIin: CONSUMER_IIN }
  for (const f of service.fields) {
    if (!(f.id in values) || autofilled.has(f.id) || f.readOnly || f.kind === 'list' || !isVisible(f, { ...current, ...values }, 'tson')) continue
    await fillField(page, f, values[f.id])
    current[f.id] = values[f.id]
  }
  const errors = await page.locator('[data-testid^="error-"]').allInnerTexts()
  assert(errors.length === 0, `field errors: ${errors.join(' | ')}`)
}

async function signAndQueue(page: Page): Promise<void> {
  const key = page.locator('[data-testid="sign-key"]')
  if (await key.count()) {
    const labels = await key.locator('option').allInnerTexts()
    const sign = labels.findIndex((l) => /operator-sign/i.test(l))
    if (sign >= 0) await key.selectOption({ index: sign })
  }
  await page.locator('[data-testid="sign-and-send"]').click()
  await prompter.until(page, () => page.locator('[data-testid="intake-queued"]').isVisible(), 60_000, 'the request is queued')
}

/** The printed PDF taken as the operator takes it (the CSP keeps blob: out of fetch): a download, read with pdftotext. */
async function pdfText(page: Page, testId: string, name: string): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), page.locator(`[data-testid="${testId}"]`).click()])
  const file = path.join(results, name)
  await download.saveAs(file)
  execFileSync('pdftoppm', ['-png', '-r', '60', '-singlefile', file, file.replace(/\.pdf$/, '')])
  return norm(execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }))
}

async function api(g: GatewayProcess, method: string, p: string, body?: unknown): Promise<Record<string, unknown>> {
  const login = await fetch(`${g.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) })
  const token = ((await login.json()) as { token: string }).token
  const r = await fetch(`${g.url}${p}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) })
  assert(r.ok, `${method} ${p}: ${r.status}`)
  return (await r.json()) as Record<string, unknown>
}

async function main(): Promise<void> {
  run.requireBuiltRenderer()
  mkdirSync(results, { recursive: true })
  const dir = mkdtempSync(path.join(tmpdir(), 'arm-e2e-payment-'))
  // Sessions outlive the 24-hour jump of the test clock (the desk stays signed in across it).
  const config = path.join(dir, 'gateway.json')
  writeFileSync(config, JSON.stringify({ auth: { sessionTtlMs: 7 * DAY } }))
  let browser: Browser | undefined
  let g: GatewayProcess | undefined
  let host: Awaited<ReturnType<typeof startHost>> | undefined
  try {
    g = await startGatewayProcess({ dbFile: path.join(dir, 'gateway.sqlite'), env: { GATEWAY_TEST_CLOCK: '1', GATEWAY_AUTOMATED_DELAY_MS: '300', GATEWAY_CONFIG: config } })
    host = await startHost(g.url)
    browser = await launchChromium()
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, deviceScaleFactor: 1 })
    const page = await context.newPage()
    await page.goto(host.url, { waitUntil: 'networkidle' })
    await page.locator('[data-testid="lang-kk"]').click()
    await signInOperator(page)

    await check('three ЗАГС repeat-certificate requests are filed, signed and queued at the counter', async () => {
      for (let i = 0; i < 3; i++) {
        if (i) await page.locator('[data-testid="next-request"]').click()
        await fillZagsRequest(page)
        await signAndQueue(page)
      }
    })

    const rows = page.locator('[data-testid^="payment-row-"]')
    const numbers: string[] = []
    await check('all reach AWAITING_PAYMENT (status stream) with 1 МРП = 4 325 ₸ and about 24 hours left', async () => {
      await page.locator('[data-testid="tab-payments"]').click()
      await until(async () => (await page.locator('[data-testid^="payment-row-"][data-status="AWAITING_PAYMENT"]').count()) === 3, 90_000, 'three rows awaiting payment')
      for (const id of await rows.evaluateAll((els) => els.map((e) => (e as unknown as { getAttribute(n: string): string | null }).getAttribute('data-testid') ?? ''))) numbers.push(id.slice('payment-row-'.length))
      await page.locator(`[data-testid="payment-row-${numbers[0]}"] button`).click()
      await page.locator(`[data-testid="payment-detail"][data-reg-no="${numbers[0]}"] [data-testid="payment-amount"]`).waitFor({ timeout: 10_000 })
      const amount = norm(await page.locator('[data-testid="payment-amount"]').innerText())
      assert(amount === '4 325 ₸', `amount shown: ${amount}`)
      const left = norm(await page.locator('[data-testid="payment-left"]').innerText())
      assert(/^23 сағ 5\d мин қалды$/.test(left), `time left: ${left}`)
      await page.screenshot({ path: path.join(results, 'payment-awaiting-kk.png'), fullPage: true })
    })

    await check('the bank declines (M9): a clear message, the request keeps waiting', async () => {
      await api(g!, 'PUT', '/api/v1/admin/payment-gateway/faults', { declineNext: 1 })
      await page.locator('[data-testid="payment-pos"]').click()
      await page.locator('[data-testid="payment-declined"]').waitFor({ timeout: 10_000 })
      const text = await page.locator('[data-testid="payment-declined"]').innerText()
      assert(text.includes('M9') && text.includes('Сұрау төлемді күтуде'), `declined message: ${text}`)
      assert((await page.locator(`[data-testid="payment-row-${numbers[0]}"]`).getAttribute('data-status')) === 'AWAITING_PAYMENT', 'the request left AWAITING_PAYMENT')
      await page.screenshot({ path: path.join(results, 'payment-declined-kk.png'), fullPage: true })
    })

    let receipt = ''
    await check('paid at the counter: the receipt («чек») is printed with its number and amount', async () => {
      await page.locator('[data-testid="payment-pos"]').click()
      await page.locator('[data-testid="payment-paid"]').waitFor({ timeout: 10_000 })
      receipt = /№\s*(\d{12})/.exec(await page.locator('[data-testid="payment-paid"]').innerText())?.[1] ?? ''
      assert(receipt, 'no receipt number shown')
      await page.locator('[data-testid="payment-print-receipt"]').click()
      await page.locator('[data-testid="payment-receipt-pdf"]').waitFor({ timeout: 15_000 })
      const text = await pdfText(page, 'payment-receipt-pdf', 'payment-receipt-kk.pdf')
      for (const want of ['ЧЕК', receipt, numbers[0], '4 325 ₸', '1 АЕК × 4 325 ₸ (2026)']) assert(text.includes(want), `the receipt lacks «${want}»:\n${text}`)
    })

    await check('paid → IN_PROCESSING → the acceptance notice (RESULT_READY), printed from the signed result', async () => {
      await until(async () => (await page.locator(`[data-testid="payment-row-${numbers[0]}"]`).getAttribute('data-status')) === 'RESULT_READY', 60_000, 'RESULT_READY')
      await page.locator('[data-testid="payment-print-notice"]').click()
      await page.locator('[data-testid="payment-notice-pdf"]').waitFor({ timeout: 15_000 })
      const text = await pdfText(page, 'payment-notice-pdf', 'payment-notice-kk.pdf')
      assert(text.includes(numbers[0]) && /ХАБАРЛАМА|УВЕДОМЛЕНИЕ/.test(text.replace(/ (?=\S )/g, '')), `the notice:\n${text}`)
      await page.screenshot({ path: path.join(results, 'payment-paid-kk.png'), fullPage: true })
    })

    await check('the consumer pays another on their phone: the desk follows through the status stream', async () => {
      const r = await fetch(`${g!.url}/api/v1/payment-gateway/pay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ registrationNumber: numbers[2], transactionId: crypto.randomUUID(), amountTiyn: 432_500 }) })
      assert(((await r.json()) as { outcome?: string }).outcome === 'paid', 'the phone payment was not paid')
      await until(async () => (await page.locator(`[data-testid="payment-row-${numbers[2]}"]`).getAttribute('data-status')) === 'RESULT_READY', 60_000, 'phone-paid request answered')
      await page.locator(`[data-testid="payment-row-${numbers[2]}"] button`).click()
      await until(async () => (await page.locator('[data-testid="payment-paid"]').innerText().catch(() => '')).includes('телефон'), 10_000, 'paid by phone shown')
      await page.locator(`[data-testid="payment-row-${numbers[0]}"] button`).click()
      await page.locator('[data-testid="payment-paid"]').waitFor({ timeout: 10_000 })
    })

    await check('in Russian: the paid request and its texts', async () => {
      await page.locator('[data-testid="lang-ru"]').click()
      await until(async () => (await page.locator('[data-testid="payment-paid"]').innerText()).includes('Оплачено. Чек №'), 5000, 'Russian texts')
      await page.screenshot({ path: path.join(results, 'payment-paid-ru.png'), fullPage: true })
    })

    await check('24 hours later the unpaid request is EXPIRED (M8) and starts again as a new draft with the same data', async () => {
      await api(g!, 'POST', '/api/v1/admin/test-clock', { advanceMs: DAY + 60_000 })
      await until(async () => (await page.locator(`[data-testid="payment-row-${numbers[1]}"]`).getAttribute('data-status')) === 'EXPIRED', 60_000, 'EXPIRED')
      await page.locator(`[data-testid="payment-row-${numbers[1]}"] button`).click()
      await page.locator('[data-testid="payment-expired"]').waitFor({ timeout: 10_000 })
      const text = await page.locator('[data-testid="payment-expired"]').innerText()
      assert(text.includes('M8') && text.includes('возможности повторного запроса'), `M8 text: ${text}`)
      await page.screenshot({ path: path.join(results, 'payment-expired-ru.png'), fullPage: true })
      await page.locator('[data-testid="lang-kk"]').click()
      await page.screenshot({ path: path.join(results, 'payment-expired-kk.png'), fullPage: true })
      await page.locator('[data-testid="payment-start-again"]').click()
      await page.locator('[data-testid="panel-intake"]').waitFor({ state: 'visible', timeout: 10_000 })
      await until(async () => (await page.locator('[data-testid="drafts"] li').count()) >= 1, 10_000, 'the new draft listed')
      await page.locator('[data-testid="drafts"] li button').first().click()
      const type = await page.locator('[data-field="certificateType"]').inputValue()
      assert(type === 'birth', `the new draft's certificate type: ${type}`)
      await page.screenshot({ path: path.join(results, 'payment-start-again-kk.png'), fullPage: true })
    })

    await check('the ЗАГС specialist marks the paper certificate handed over at the place of filing (ISSUED)', async () => {
      await page.getByRole('button', { name: /^(Шығу|Выйти|Sign out)$/ }).click()
      await signIn(page, 'iin', '850101301013', 'Specialist#2026', 'specialist')
      const button = page.locator(`[data-testid="handover-${numbers[0]}"]`)
      await button.waitFor({ timeout: 15_000 })
      await page.screenshot({ path: path.join(results, 'payment-handover-kk.png'), fullPage: true })
      await button.click()
      await button.waitFor({ state: 'detached', timeout: 10_000 })
      const status = await api(g!, 'GET', '/api/v1/supervision/payments?days=3')
      assert(status, 'no figures')
    })

    await check('the supervisor sees payments per day and ЦОН and the expired request', async () => {
      await page.getByRole('button', { name: /^(Шығу|Выйти|Sign out)$/ }).click()
      await signIn(page, 'login', 'zags-supervisor', 'Supervisor#2026', 'supervisor')
      const panel = page.locator('[data-testid="payment-figures"]')
      await panel.waitFor({ timeout: 15_000 })
      const text = norm(await panel.innerText())
      assert(text.includes('8 650 ₸') && text.includes(numbers[1]), `figures panel: ${text}`)
      await panel.scrollIntoViewIfNeeded()
      await page.screenshot({ path: path.join(results, 'payment-figures-kk.png'), fullPage: true })
      const f = await api(g!, 'GET', '/api/v1/supervision/payments?days=3')
      const rowsF = f.rows as Array<{ paid: number; paidTiyn: number; expired: number }>
      assert(rowsF.reduce((n, r) => n + r.paid, 0) === 2 && rowsF.reduce((n, r) => n + r.expired, 0) === 1, `figures: ${JSON.stringify(f)}`)
    })
  } catch (err) {
    run.fail(`payment scenario: ${err instanceof Error ? err.message : String(err)}`)
  } finally {
    await browser?.close().catch(() => {})
    await stopProcess(host?.child)
    await g?.dispose()
    rmSync(dir, { recursive: true, force: true })
  }
  run.finish()
}

void main()
