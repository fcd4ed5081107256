/**
 * End-to-end, the term extension (TERM_EXTENDED / N1): the built renderer in Debian Chromium against the real gateway
 * process. A request of an extendable service (akimat.minor-deposits-certificate) is submitted through the gateway API
 * signed with the demo operator key; the education specialist opens it, takes it, sees the «Extend the term» panel with
 * the current deadline, gives a reason and extends; the panel then says «Срок продлён до dd.MM.yyyy» (and in Kazakh);
 * the ЦОН's status changes carry the TERM_EXTENDED note with the new date. Screenshots: test-results/term-*.png.
 * Run: `npm run build && npx tsx test/e2e/term.ts`.
 */
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { formatDate } from '../../src-shared/format'
import { parseTermExtendedNote } from '../../src-shared/gateway/term-extension'
import { envelope, IIN, PASSWORDS, putOverHttp, signedBody, uploadScans } from '../support/gateway-helpers'
import { api, assert, CheckRun, results, signIn, runDesk } from './harness'

const SERVICE = 'akimat.minor-deposits-certificate'
const run = new CheckRun()
const check = run.check.bind(run)

async function scenario(hostUrl: string, gw: string, browser: Browser): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1, locale: 'ru-RU' })
  const page = await context.newPage()
  const problems: string[] = []
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`))
  const shot = (name: string) => page.screenshot({ path: path.join(results, `term-${name}.png`), fullPage: true })
  const op = (await api<{ token: string }>(gw, 'POST', '/api/v1/auth/login', undefined, { login: 'operator1', password: PASSWORDS.operator })).json.token
  let reg = { requestId: '', registrationNumber: '' }
  await check('a request of an extendable service is REGISTERED through the gateway API', async () => {
    const env = envelope({ serviceId: SERVICE })
    await uploadScans(putOverHttp(gw, op), env)
    const body = await signedBody(env)
    const r = await api<{ requestId: string; registrationNumber: string; status: string }>(gw, 'POST', '/api/v1/requests', op, { envelope: body.envelope, signature: body.signature }, { 'idempotency-key': `e2e-term-${Date.now()}` })
    assert(r.status === 201, `submit: ${r.status} ${JSON.stringify(r.json)}`)
    reg = r.json
  })
  const cursor = (await api<{ cursor: string }>(gw, 'GET', '/api/v1/requests', op)).json.cursor
  const ok = await check('the specialist opens and takes it; the «Extend the term» panel shows the current deadline', async () => {
    await page.goto(hostUrl, { waitUntil: 'networkidle' })
    await page.locator('[data-testid="lang-ru"]').click()
    await signIn(page, 'iin', IIN.specialist, PASSWORDS.specialist, 'specialist')
    const row = page.locator(`[data-testid="inbox-row"][data-reg-no="${reg.registrationNumber}"]`)
    await row.waitFor({ timeout: 15_000 })
    await row.click()
    await page.keyboard.press('Enter')
    await page.locator('[data-testid="request-view"]').waitFor({ timeout: 5000 })
    await page.locator('[data-testid="take"]').click()
    await page.locator('[data-testid="term-panel"]').waitFor({ timeout: 10_000 })
    const due = await page.locator('[data-testid="term-due"]').innerText()
    assert(/^Текущий срок: \d\d\.\d\d\.\d{4}$/.test(due), `due: ${due}`)
    await page.locator('[data-testid="term-reason"]').fill('Ожидается ответ ведомства на межведомственный запрос')
    await page.locator('[data-testid="term-panel"]').scrollIntoViewIfNeeded()
    await shot('1-panel-ru')
  })
  if (!ok) return void (await context.close())
  let newDue = ''
  await check('extend: the panel says «Срок продлён до dd.MM.yyyy» with the reason; the ЦОН’s status changes carry it', async () => {
    await page.locator('[data-testid="term-extend"]').click()
    const done = page.locator('[data-testid="term-extended"]')
    await done.waitFor({ timeout: 10_000 })
    const changes = (await api<{ items: { registrationNumber: string; note?: string }[] }>(gw, 'GET', `/api/v1/requests?since=${cursor}`, op)).json.items
    const ext = changes.filter((c) => c.registrationNumber === reg.registrationNumber).map((c) => parseTermExtendedNote(c.note)).find(Boolean)
    assert(ext, `no TERM_EXTENDED change for the ЦОН: ${JSON.stringify(changes)}`)
    newDue = formatDate(ext.dueAt)
    const text = await done.innerText()
    assert(text.includes(`Срок продлён до ${newDue}`) && text.includes('Причина: Ожидается ответ ведомства'), `panel: ${text}`)
    // The request's own deadline (header and steps) follows the gateway's new one.
    await page.locator('[data-testid="request-view"]', { hasText: `Нормативный срок: ${newDue}` }).waitFor({ timeout: 5000 })
    await shot('2-extended-ru')
  })
  await check('the same in Kazakh: «Мерзімі ұзартылды: … дейін»', async () => {
    await page.keyboard.press('Alt+1')
    await page.locator('[data-testid="term-extended"]', { hasText: `Мерзімі ұзартылды: ${newDue} дейін` }).waitFor({ timeout: 5000 })
    await shot('3-extended-kk')
  })
  await check('no page errors', async () => assert(problems.length === 0, problems.join('; ')))
  await context.close()
}

void runDesk(run, { name: 'term' }, (desk) => scenario(desk.hostUrl, desk.gatewayUrl, desk.browser))
