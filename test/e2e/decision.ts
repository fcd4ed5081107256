/**
 * End-to-end, the specialist's decision form built from src-shared/results: the built renderer in Debian Chromium, the
 * browser host and the real gateway process. A preschool-queue request (pattern B) is submitted through the gateway API
 * with the demo operator key; the specialist takes it, chooses the second result template (the queue notice, not the
 * first), sees its fields labelled in Kazakh and in Russian with the parent's name prefilled from ГБД ФЛ and the
 * specialist's own name, meets intake's number check, signs in main's prompt; the gateway stores the `arm.decision/1`
 * document. The stored result is then printed by `arm print --result` (src-shared/print, the signature verified over
 * the stored bytes) in kk and ru and read back with pdftotext; pages rasterised with pdftoppm.
 * Screenshots: test-results/decision-*.png. Run: `npm run build && npx tsx test/e2e/decision.ts`.
 */
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { catalog } from '../../src-shared/catalog'
import { ERRORS } from '../../src-shared/errors'
import type { Person } from '../../src-shared/gateway/api'
import { findTemplate, parseDecisionBytes } from '../../src-shared/results'
import { envelope, IIN, PASSWORDS, putOverHttp, signedBody, uploadScans } from '../support/gateway-helpers'
import { api, assert, CheckRun, PromptAnswerer, results, root, signIn, runDesk } from './harness'
import { signDecision, takeFromInbox } from './desk-steps'

const SERVICE = catalog.get('akimat.preschool-queue')
const QUEUE_NOTICE = findTemplate(SERVICE, 'queue-notice')
const label = (id: string) => QUEUE_NOTICE.fields.find((f) => f.id === id)!.label

const run = new CheckRun()
const check = run.check.bind(run)
const prompter = new PromptAnswerer()

async function scenario(hostUrl: string, gw: string, browser: Browser, dir: string): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, deviceScaleFactor: 1, locale: 'ru-RU' })
  const page = await context.newPage()
  const problems: string[] = []
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`))
  const shot = (name: string) => page.screenshot({ path: path.join(results, `decision-${name}.png`), fullPage: true })

  const login = await api<{ token: string }>(gw, 'POST', '/api/v1/auth/login', undefined, { login: 'operator1', password: PASSWORDS.operator })
  const operator = login.json.token
  let req = { requestId: '', registrationNumber: '' }
  let parent = ''
  let child = ''
  const submitted = await check('a preschool-queue request signed with the demo operator key is REGISTERED at the gateway', async () => {
    const env = envelope({ serviceId: SERVICE.id })
    await uploadScans(putOverHttp(gw, operator), env)
    const body = await signedBody(env)
    const r = await api<{ requestId: string; registrationNumber: string; status: string }>(gw, 'POST', '/api/v1/requests', operator, { envelope: body.envelope, signature: body.signature }, { 'idempotency-key': `e2e-decision-${Date.now()}` })
    assert(r.status === 201 && r.json.status === 'REGISTERED', `submit: ${r.status} ${JSON.stringify(r.json)}`)
    req = r.json
    const p = await api<Person>(gw, 'GET', `/api/v1/registry/persons/${IIN.operator}`, operator)
    assert(p.status === 200, `ГБД ФЛ: ${p.status}`)
    parent = [p.json.name.ru.lastName, p.json.name.ru.firstName, p.json.name.ru.middleName].filter(Boolean).join(' ')
    // The child by the form's ИИН in ГБД ФЛ; a child the registry does not hold is named as the ЦОН typed it.
    const c = await api<Person>(gw, 'GET', `/api/v1/registry/persons/${String(env.form.childIin)}`, operator)
    child = c.status === 200 ? [c.json.name.ru.lastName, c.json.name.ru.firstName, c.json.name.ru.middleName].filter(Boolean).join(' ') : String(env.form.childFullName)
  })
  if (!submitted) return void (await context.close())

  const opened = await check('the specialist signs in (Kazakh desk), opens the request and takes it', async () => {
    await page.goto(hostUrl, { waitUntil: 'networkidle' })
    await page.locator('[data-testid="lang-kk"]').click()
    await signIn(page, 'iin', IIN.specialist, PASSWORDS.specialist, 'specialist')
    await takeFromInbox(page, req.registrationNumber)
  })
  if (!opened) return void (await context.close())

  await check('every template of the service is offered by its Kazakh title; the queue notice (not the first) is chosen', async () => {
    const options = await page.locator('[data-testid="decision-template"] option').evaluateAll((os) => os.map((o) => (o as unknown as { value: string }).value))
    assert(JSON.stringify(options) === JSON.stringify(['referral', 'queue-notice', 'refusal-form']), `templates offered: ${options.join(', ')}`)
    assert((await page.locator('[data-testid="decision-form"]').getAttribute('data-template')) === 'referral', 'the form opens with the first template')
    await page.locator('[data-testid="decision-template"]').selectOption('queue-notice')
    await page.locator('[data-testid="decision-form"][data-template="queue-notice"]').waitFor({ timeout: 5000 })
    const chosen = await page.locator('[data-testid="decision-template"] option:checked').innerText()
    assert(chosen === QUEUE_NOTICE.title.kk, `chosen shown as «${chosen}»`)
  })

  await check('the fields carry their Kazakh labels (no developer ids), the parent and the child prefilled (ГБД ФЛ, else the request), the specialist\'s own name', async () => {
    const fields = page.locator('[data-testid="decision-fields"]')
    const text = await fields.innerText()
    for (const id of ['parentFio', 'childFio', 'queueNo', 'specialistFio']) {
      assert(text.includes(label(id).kk), `label of ${id} in kk missing: ${text}`)
      assert(!new RegExp(`\\b${id}\\b`).test(text), `developer id ${id} on screen`)
    }
    assert((await page.locator('[data-testid="decision-field-parentFio"]').inputValue()) === parent, `parent: ${await page.locator('[data-testid="decision-field-parentFio"]').inputValue()} ≠ ${parent}`)
    assert((await page.locator('[data-testid="decision-field-childFio"]').inputValue()) === child, `child: ${await page.locator('[data-testid="decision-field-childFio"]').inputValue()} ≠ ${child}`)
    assert((await page.locator('[data-testid="decision-field-specialistFio"]').inputValue()) === 'Беков Ерлан', 'specialist name not prefilled')
    assert((await page.locator('[data-field-id="parentFio"]').getAttribute('data-source')) === 'request', 'parent source')
    await shot('1-queue-notice-kk')
  })

  await check('the same form in Russian; intake\'s number rule refuses «12a» with the coded message, in Russian', async () => {
    await page.keyboard.press('Alt+2')
    await page.locator('[data-testid="decision-fields"]', { hasText: label('queueNo').ru }).waitFor({ timeout: 5000 })
    await page.locator('[data-testid="decision-field-queueNo"]').fill('12a')
    await page.locator('[data-testid="decision-sign"]').click()
    const err = page.locator('[data-testid="decision-error-queueNo"]')
    await err.waitFor({ timeout: 5000 })
    assert((await err.getAttribute('data-code')) === 'NUMBER_FORMAT', `code ${await err.getAttribute('data-code')}`)
    assert((await err.innerText()) === ERRORS.NUMBER_FORMAT.ru, `message: ${await err.innerText()}`)
    assert(prompter.answered.length === 0, 'no signing may start for an invalid form')
    await shot('2-queue-notice-ru-invalid')
  })

  await check('corrected, signed with the specialist key in main\'s prompt: RESULT_READY; the gateway holds the arm.decision/1 document', async () => {
    await page.locator('[data-testid="decision-field-queueNo"]').fill('318')
    await signDecision(page, prompter)
    await shot('3-decided-ru')
    const res = await api<{ document: string }>(gw, 'GET', `/api/v1/requests/${encodeURIComponent(req.registrationNumber)}/result`, operator)
    const doc = parseDecisionBytes(Buffer.from(res.json.document, 'base64'))
    assert(doc.templateId === 'queue-notice' && doc.values.queueNo === 318 && doc.values.parentFio === parent && doc.signer.iin === IIN.specialist, JSON.stringify(doc))
    writeFileSync(path.join(dir, 'result.json'), JSON.stringify(res.json))
  })

  await check('printed by `arm print --result` (src-shared/print, signature verified): the queue notice\'s own words with the values, kk and ru', async () => {
    for (const lang of ['ru', 'kk'] as const) {
      const pdf = path.join(results, `decision-4-result-${lang}.pdf`)
      execFileSync('npx', ['tsx', 'src-main/cli/arm.ts', 'print', '--result', path.join(dir, 'result.json'), '--out', pdf, '--lang', lang, '--test-trust'], { cwd: root, env: { ...process.env, ARM_CLI_MAIN: '1' }, stdio: 'pipe' })
      const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')
      const words = lang === 'ru' ? ['Уведомление о регистрации ребенка', 'Журнале регистрации детей дошкольного возраста', 'Подписано ЭЦП'] : ['Баланы тіркеу туралы хабарлама', 'кезекке қойылды', 'ЭЦҚ-мен қол қойылды']
      for (const s of [req.registrationNumber, parent, child, '№ 318', ...words]) assert(text.includes(s), `${lang} PDF lacks «${s}»: ${text.slice(0, 400)}`)
      execFileSync('pdftoppm', ['-png', '-r', '70', '-singlefile', pdf, path.join(results, `decision-4-result-${lang}`)])
    }
  })

  await check('no script errors in the page during the run', async () => {
    assert(problems.length === 0, problems.join('\n'))
  })
  await context.close()
}

void runDesk(run, { name: 'decision', clearResults: /^decision-\d.*\.(png|pdf)$/ }, (desk) => scenario(desk.hostUrl, desk.gatewayUrl, desk.browser, desk.dir))
