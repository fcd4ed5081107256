/**
 * End-to-end, supervision, audit and administration: the real gateway process (own SQLite file), the browser host and
 * the built renderer in Debian Chromium. Requests are submitted, taken and decided through the gateway API (signed with
 * the demo keys, as test/gateway does). The admin creates an operator account in the admin screen, who then signs in,
 * and binds the operator's AUTH certificate from its .crt file (holder, ИИН, validity, serial shown; kk and ru).
 * The supervisor sees per-operator and per-specialist throughput and the charts (throughput, decisions on time / late),
 * exports the dashboard as CSV and PDF (rendered with pdftoppm), and reads one request's audit trail. The auditor
 * exports the trail, and `arm audit-verify FILE --request ID` (bin/arm.cjs) passes with the request's actions from the
 * operator's sign-in to the decision; a tampered copy fails. Screenshots: test-results/supervision-*.png.
 * Run: `npm run build && npx tsx test/e2e/supervision.ts`.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { catalog } from '../../src-shared/catalog'
import { bytesToBase64 } from '../../src-shared/envelope'
import { decisionFor, envelope, IIN, PASSWORDS, putOverHttp, signedBody, signWith, uploadScans } from '../support/gateway-helpers'
import { assert, CheckRun, results, root, signIn, runDesk } from './harness'

const SERVICE = catalog.get('akimat.preschool-queue')
/** The operator's desk as a workstation names itself in X-Arm-Desk: its ЦОН and its own number (session/desk.ts). */
const DESK = 'tson-astana-1.3f2a1b9c'
const DESK_NAME_RU = 'ЦОН №1 г. Астаны, рабочее место 3F2A1B9C'
const run = new CheckRun()
const check = run.check.bind(run)

async function api<T>(gw: string, method: string, p: string, token?: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: T; text: string }> {
  const res = await fetch(gw + p, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status: res.status, json: json as T, text }
}

async function tokenFor(gw: string, kind: 'login' | 'iin', id: string, password: string): Promise<string> {
  const r = await api<{ token: string }>(gw, 'POST', kind === 'login' ? '/api/v1/auth/login' : '/api/v1/auth/login-iin', undefined, kind === 'login' ? { login: id, password } : { iin: id, password }, { 'x-arm-desk': DESK })
  assert(r.status === 200, `sign-in ${id}: ${r.status}`)
  return r.json.token
}

async function scenario(hostUrl: string, gw: string, browser: Browser, dir: string, stopGateway: () => Promise<void>): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, deviceScaleFactor: 1, locale: 'ru-RU', acceptDownloads: true })
  const page = await context.newPage()
  const problems: string[] = []
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`))
  const shot = (name: string) => page.screenshot({ path: path.join(results, `supervision-${name}.png`), fullPage: true })
  const signOut = () => page.getByRole('button', { name: /^(Шығу|Выйти|Sign out)$/ }).click()

  let decided = { requestId: '', registrationNumber: '' }
  await check('the operator signs in, looks a citizen up and sends 3 requests; the specialist takes 2 and decides 1 (signed with the demo key); the counter opens, prints and hands it over with the survey; the desk reports a stuck outbox', async () => {
    const op = await tokenFor(gw, 'login', 'operator1', PASSWORDS.operator)
    const look = await api(gw, 'GET', `/api/v1/registry/persons/${IIN.operator}?reason=draft-e2e`, op, undefined, { 'x-arm-desk': DESK })
    assert(look.status === 200, `look-up ${look.status}`)
    const sent = []
    for (let i = 0; i < 3; i++) {
      const env = envelope({ serviceId: SERVICE.id })
      await uploadScans(putOverHttp(gw, op), env)
      const body = await signedBody(env)
      const r = await api<{ requestId: string; registrationNumber: string }>(gw, 'POST', '/api/v1/requests', op, { envelope: body.envelope, signature: body.signature }, { 'idempotency-key': `e2e-sup-${i}-${Date.now()}`, 'x-arm-desk': DESK })
      assert(r.status === 201, `submit ${r.status} ${r.text}`)
      sent.push(r.json)
    }
    decided = sent[0]
    const sp = await tokenFor(gw, 'iin', IIN.specialist, PASSWORDS.specialist)
    for (const r of sent.slice(0, 2)) assert((await api(gw, 'POST', `/api/v1/inbox/${r.requestId}/take`, sp, {})).status === 200, 'take')
    const { bytes } = decisionFor(decided.registrationNumber, { serviceId: SERVICE.id })
    const d = await api<{ status: string }>(gw, 'POST', `/api/v1/inbox/${decided.requestId}/decision`, sp, { kind: 'result', payload: bytesToBase64(bytes), signature: bytesToBase64(await signWith('specialist-sign', bytes)) })
    assert(d.json.status === 'RESULT_READY', `decision ${d.text}`)
    const desk = { 'x-arm-desk': DESK }
    const counter = `/api/v1/counter/results/${decided.registrationNumber}`
    assert((await api(gw, 'GET', counter, op, undefined, desk)).status === 200, 'counter open')
    assert((await api(gw, 'POST', `${counter}/prints`, op, { document: 'result' }, desk)).status === 201, 'print')
    const handed = await api(gw, 'POST', `${counter}/hand-over`, op, { survey: { q1: 3, q2: 1 } }, desk)
    assert(handed.status === 200, `hand-over ${handed.text}`)
    // What the desk's reporter sends on its sync cycle: two items waiting for two hours, the gateway was unavailable.
    const rep = await api(gw, 'POST', '/api/v1/desk/outbox', op, { waiting: 2, oldestAt: Date.now() - 2 * 3_600_000, lastError: 'GW_UNAVAILABLE' }, desk)
    assert(rep.status === 200, `desk report ${rep.text}`)
  })

  await check('the admin signs in to the admin screen, creates an operator account at a ЦОН chosen by name, binds the operator’s AUTH certificate (holder, ИИН, validity, serial), adds a ЦОН by name; the new person signs in', async () => {
    await page.goto(hostUrl, { waitUntil: 'networkidle' })
    await page.locator('[data-testid="lang-ru"]').click()
    await signIn(page, 'login', 'admin', PASSWORDS.admin, 'admin')
    await page.locator('[data-testid="admin-users"] tr[data-login="operator1"]').waitFor({ timeout: 15_000 })
    await page.locator('[data-testid="new-name"]').fill('Серікова Жанар')
    await page.locator('[data-testid="new-login"]').fill('operator9')
    await page.locator('[data-testid="new-password"]').fill('Zhanar#2026x')
    await page.locator('[data-testid="new-role"]').selectOption('tson_operator')
    await page.locator('[data-testid="new-unit"]').selectOption({ label: 'ЦОН №1 г. Астаны' })
    await page.locator('[data-testid="new-submit"]').click()
    await page.locator('[data-testid="admin-users"] tr[data-login="operator9"]').waitFor({ timeout: 10_000 })
    const row = await page.locator('[data-testid="admin-users"] tr[data-login="operator9"]').innerText()
    assert(row.includes('ЦОН №1 г. Астаны') && row.includes('Оператор ЦОН') && !row.includes('tson-astana-1'), `row: ${row}`)
    // The operator's AUTH certificate bound to her account from its .crt file: holder, ИИН, validity and serial shown.
    const opRow = page.locator('[data-testid="admin-users"] tr[data-login="operator1"]')
    await opRow.locator('[data-testid="admin-certificates-toggle"]').click()
    const certs = page.locator('[data-testid="admin-certificates"][data-user="operator1"]')
    await certs.locator('[data-testid="admin-no-certificates"]').waitFor({ timeout: 5_000 })
    await certs.locator('[data-testid="admin-certificate-file"]').setInputFiles(path.join(root, 'resources/demo-pki/operator-auth.crt'))
    await certs.locator('[data-testid="admin-certificate-text"]').evaluate(async (el) => {
      for (let i = 0; i < 50 && !(el as unknown as { value: string }).value.includes('BEGIN CERTIFICATE'); i++) await new Promise((r) => setTimeout(r, 100))
    })
    await certs.locator('[data-testid="admin-certificate-bind"]').click()
    const bound = certs.locator('[data-testid="admin-certificate"]')
    await bound.waitFor({ timeout: 10_000 })
    const certText = await bound.innerText()
    assert(/АСАНОВА АЙГЕРИМ/.test(certText) && certText.includes(IIN.operator) && /01\.01\.2026 – \d\d\.\d\d\.\d{4}/.test(certText) && /[0-9A-F]{16,}/.test(certText), certText)
    assert((await page.locator('[data-testid="admin-note"]').innerText()).includes('привязан'), 'bind note')
    assert((await opRow.locator('[data-testid="admin-certificates-toggle"]').innerText()).includes('(1)'), 'count on the toggle')
    await certs.screenshot({ path: path.join(results, 'supervision-1b-admin-certificate-ru.png') })
    // A new ЦОН added by name in three languages: offered by name for new accounts at once.
    const units = page.locator('[data-testid="admin-units"]')
    await units.locator('[data-testid="unit-new-id"]').fill('tson-test-9')
    await units.locator('tr[data-unit="new"] [data-testid="unit-nameKk"]').fill('№9 ХҚКО (сынақ)')
    await units.locator('tr[data-unit="new"] [data-testid="unit-nameRu"]').fill('ЦОН №9 (испытания)')
    await units.locator('tr[data-unit="new"] [data-testid="unit-nameEn"]').fill('PSC No. 9 (testing)')
    await units.locator('[data-testid="unit-new-save"]').click()
    await units.locator('tr[data-unit="tson-test-9"]').waitFor({ timeout: 10_000 })
    assert((await page.locator('[data-testid="new-unit"] option', { hasText: 'ЦОН №9 (испытания)' }).count()) === 1, 'the new ЦОН is offered by name')
    await page.locator('[data-testid="admin-units"]').screenshot({ path: path.join(results, 'supervision-1c-admin-units-ru.png') })
    await page.locator('[data-testid="lang-kk"]').click()
    await certs.locator('text=Сериялық нөмірі').waitFor({ timeout: 5_000 })
    await certs.screenshot({ path: path.join(results, 'supervision-1b-admin-certificate-kk.png') })
    await page.locator('[data-testid="admin-units"]').screenshot({ path: path.join(results, 'supervision-1c-admin-units-kk.png') })
    await page.locator('[data-testid="lang-ru"]').click()
    await page.locator('[data-testid="verify-audit"]').click()
    await page.locator('[data-testid="verify-audit-result"]', { hasText: 'цел' }).waitFor({ timeout: 10_000 })
    await shot('1-admin')
    await signOut()
    await signIn(page, 'login', 'operator9', 'Zhanar#2026x', 'operator')
    await signOut()
  })

  await check('the supervisor sees throughput per operator and per specialist by name, and the throughput and SLA charts', async () => {
    await signIn(page, 'login', 'supervisor1', PASSWORDS.supervisor, 'supervisor')
    const op = page.locator('[data-testid="dash-byOperator"] tr[data-name="Асанова Айгерим Серікқызы"]')
    await op.waitFor({ timeout: 15_000 })
    assert((await op.getAttribute('data-count')) === '3', `operator count ${await op.getAttribute('data-count')}`)
    const sp = page.locator('[data-testid="dash-bySpecialist"] tr[data-name="Беков Ерлан"]')
    assert((await sp.getAttribute('data-count')) === '1', `specialist count ${await sp.getAttribute('data-count')}`)
    const dept = await page.locator('[data-testid="dash-byDepartment"]').innerText()
    assert(dept.includes('Управление образования г. Астаны') && !dept.includes('akimat-astana'), dept)
    // The charts' library loads after the tables (its own chunk): wait for each canvas, then count exactly one.
    for (const c of ['chart-throughput', 'chart-sla', 'chart-steps', 'chart-due']) {
      await page.locator(`[data-testid="${c}"] canvas`).first().waitFor({ timeout: 15_000 }).catch(() => undefined)
      assert((await page.locator(`[data-testid="${c}"] canvas`).count()) === 1, `${c}: no canvas`)
    }
    const totals = page.locator('[data-testid="dashboard-totals"]')
    assert((await totals.getAttribute('data-submitted')) === '3' && (await totals.getAttribute('data-decided')) === '1', await totals.innerText())
    await page.locator('[data-testid="dashboard"]').screenshot({ path: path.join(results, 'supervision-2-dashboard.png') })
  })

  await check('the supervisor sees the survey report (quality, accessibility per service and ЦОН) and the stuck desk by the operator’s name', async () => {
    const survey = page.locator('[data-testid="survey-report"]')
    assert((await survey.getAttribute('data-total')) === '1', `survey total ${await survey.getAttribute('data-total')}`)
    const row = survey.locator(`tr[data-service="${SERVICE.id}"]`)
    assert((await row.getAttribute('data-quality')) === '100', `quality ${await row.getAttribute('data-quality')}`)
    const text = await survey.innerText()
    assert(text.includes('ЦОН №1 г. Астаны') && text.includes('удовлетворены 100') && text.includes('удовлетворены 0'), text)
    const deskRow = page.locator(`[data-testid="desk-outboxes"] tr[data-desk="${DESK}"]`)
    assert((await deskRow.getAttribute('data-stuck')) === 'true' && (await deskRow.getAttribute('data-waiting')) === '2', await deskRow.innerText())
    const deskText = await deskRow.innerText()
    // Names, not ids: the desk by its ЦОН and number, the last error in words (its code beside).
    assert(deskText.includes('Асанова Айгерим Серікқызы') && deskText.includes(DESK_NAME_RU) && !deskText.includes(DESK) && deskText.includes('GW_UNAVAILABLE') && /[а-я]{4,}.*\(GW_UNAVAILABLE\)/.test(deskText), deskText)
    await page.locator('[data-testid="survey-report"]').screenshot({ path: path.join(results, 'supervision-2b-survey.png') })
    await page.locator('[data-testid="desk-outboxes"]').screenshot({ path: path.join(results, 'supervision-2c-desks.png') })
  })

  await check('the dashboard exports as CSV (names, counts) and as a PDF that renders', async () => {
    await page.locator('[data-testid="dashboard-csv"]').click()
    const [csvDl] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="dashboard-csv-link"]').click()])
    const csv = readFileSync(await csvDl.path(), 'utf8')
    assert(csv.includes('"Асанова Айгерим Серікқызы";3') && csv.includes('"Беков Ерлан";1'), csv.slice(0, 400))
    await page.locator('[data-testid="dashboard-pdf"]').click()
    await page.locator('[data-testid="dashboard-pdf-link"]').waitFor({ timeout: 10_000 })
    const [pdfDl] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="dashboard-pdf-link"]').click()])
    const pdf = path.join(results, 'supervision-3-dashboard.pdf')
    writeFileSync(pdf, readFileSync(await pdfDl.path()))
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdf, path.join(results, 'supervision-3-dashboard-pdf')])
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' })
    assert(text.includes('Беков Ерлан') && text.includes('Производительность и сроки'), text.slice(0, 300))
  })

  await check('the supervisor reads the request’s audit trail with names: submitted, taken, decided, opened, printed, handed over', async () => {
    await page.locator('[data-testid="area-audit"]').click()
    await page.locator('[data-testid="audit-request"]').fill(decided.registrationNumber)
    await page.locator('[data-testid="audit-search"]').click()
    await page.locator('[data-testid="audit-list"] tr[data-action="result.hand-over"]').waitFor({ timeout: 10_000 })
    const actions = await page.locator('[data-testid="audit-list"] tbody tr').evaluateAll((rows) => rows.map((r) => (r as unknown as { getAttribute(n: string): string | null }).getAttribute('data-action')))
    assert(JSON.stringify(actions) === JSON.stringify(['request.submit', 'request.take', 'request.decide', 'request.open', 'result.print', 'result.hand-over']), JSON.stringify(actions))
    const text = await page.locator('[data-testid="audit-list"]').innerText()
    assert(text.includes('Асанова Айгерим Серікқызы') && text.includes('Беков Ерлан') && text.includes(decided.registrationNumber), text)
    await page.locator('[data-testid="audit-verify"]').click()
    await page.locator('[data-testid="audit-verdict"][data-ok="true"]').waitFor({ timeout: 10_000 })
    await shot('4-audit')
  })

  await check('the auditor’s export passes `arm audit-verify FILE --request ID` from the operator’s sign-in to the hand-over; a tampered copy fails', async () => {
    const auditor = await tokenFor(gw, 'login', 'auditor1', 'Auditor#2026')
    const exp = await api(gw, 'GET', '/api/v1/audit/export', auditor)
    assert(exp.status === 200, `export ${exp.status}`)
    // The file name the export downloads as and the README's command uses.
    const file = path.join(dir, 'audit-trail.jsonl')
    writeFileSync(file, exp.text)
    const out = execFileSync(process.execPath, [path.join(root, 'bin/arm.cjs'), 'audit-verify', file, '--request', decided.registrationNumber], { encoding: 'utf8' })
    assert(out.startsWith('PASSED'), out)
    const lines = out.split('\n')
    const at = (action: string) => lines.findIndex((l) => l.includes(` ${action} `))
    assert(at('auth.sign-in') > 0 && at('auth.sign-in') < at('request.submit') && at('request.submit') < at('request.take') && at('request.take') < at('request.decide') && at('request.decide') < at('result.hand-over'), out)
    assert(out.includes(`desk ${DESK}`), out)
    writeFileSync(path.join(results, 'supervision-5-audit-verify.txt'), out)
    const tampered = exp.text.replace('"action":"request.decide"', '"action":"request.take"')
    writeFileSync(file, tampered)
    const bad = spawnSync(process.execPath, [path.join(root, 'bin/arm.cjs'), 'audit-verify', file], { encoding: 'utf8' })
    assert(bad.status === 1 && bad.stderr.includes('FAILED'), `tampered: ${bad.status} ${bad.stderr}`)
  })

  await check('with the gateway down, the desk’s one diagnostics button gives a report (JSON + PDF) that names the gateway', async () => {
    await stopGateway()
    await page.locator('[data-testid="diagnostics-run"]').click()
    const report = page.locator('[data-testid="diagnostics-report"]')
    await report.waitFor({ timeout: 30_000 })
    assert(((await report.getAttribute('data-failed')) ?? '').split(',').includes('gateway'), `failed: ${await report.getAttribute('data-failed')}`)
    assert((await page.locator('[data-testid="diagnostics-summary"]').innerText()).includes('Шлюз'), await page.locator('[data-testid="diagnostics-summary"]').innerText())
    for (const id of ['crl', 'keys', 'versions']) assert((await report.locator(`li[data-check="${id}"]`).count()) === 1, `no ${id} check`)
    await shot('6-diagnostics')
    const [jsonDl] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="diagnostics-json"]').click()])
    const json = JSON.parse(readFileSync(await jsonDl.path(), 'utf8')) as { checks: Array<{ id: string; status: string; code?: string }> }
    const gwCheck = json.checks.find((c) => c.id === 'gateway')
    assert(gwCheck?.status === 'failed' && gwCheck.code === 'GATEWAY_UNREACHABLE', JSON.stringify(gwCheck))
    const [pdfDl] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="diagnostics-pdf"]').click()])
    const pdf = path.join(results, 'supervision-7-diagnostics.pdf')
    writeFileSync(pdf, readFileSync(await pdfDl.path()))
    execFileSync('pdftoppm', ['-png', '-r', '60', pdf, path.join(results, 'supervision-7-diagnostics-pdf')])
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' })
    assert(text.includes('Шлюз: ОШИБКА [GATEWAY_UNREACHABLE]'), text.slice(0, 400))
  })

  await check('no page errors', async () => {
    assert(problems.length === 0, problems.join('\n'))
  })
  await context.close()
}

void runDesk(run, {
  name: 'supervision',
  clearResults: /^supervision-/,
  afterTearDown: () => { if (!existsSync(path.join(results, 'supervision-2-dashboard.png'))) run.fail('no dashboard screenshot') },
}, (desk) => scenario(desk.hostUrl, desk.gatewayUrl, desk.browser, desk.dir, () => desk.stopGateway()))
