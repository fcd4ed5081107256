/**
 * End-to-end, АРМ РШЭП and supervision: the built renderer in Debian Chromium, the real browser host (main's secret
 * prompt on its own loopback origin, framed by the renderer's overlay) and the real gateway process with its own SQLite file.
 * Two requests are submitted through the gateway API signed with the demo operator key (as test/gateway does). The
 * provider specialist (ИИН 871008401427) signs in, finds them in the inbox, opens one with the keyboard, takes it,
 * meets the decision form's validation, issues a мотивированный отказ signed with the specialist key (the .p12
 * password typed into main's prompt) and sees the status change; the gateway's stored CMS is verified with OpenSSL.
 * The other request is taken by the supervisor meanwhile, so the specialist meets GW_ALREADY_TAKEN. Then the
 * supervisor signs in, sees the board, prints the refusal as a PDF (rendered with pdftoppm) and fills the survey.
 * Screenshots: test-results/inbox-*.png. Prints one line per check and `N passed, N failed`.
 * Run: `npm run build && npx tsx test/e2e/inbox.ts`.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { PDFDocument, StandardFonts, rgb } from '@cantoo/pdf-lib'
import type { Browser, Page } from 'playwright-core'
import { ERRORS } from '../../src-shared/errors'
import { envelope, IIN, PASSWORDS, PKI, putOverHttp, sha256hex, signedBody, uploadScans } from '../support/gateway-helpers'
import { api, assert, CheckRun, PromptAnswerer, results, signIn, runDesk } from './harness'

const SERVICE = 'akimat.preschool-queue' // pattern B, routed to akimat-astana-education (the specialist's department)
/** Further requests so the inbox is long enough to be virtualised (only the visible rows in the DOM). */
const EXTRA = 100

const run = new CheckRun()
const check = run.check.bind(run)
/** Main's secret prompt, answered by the specialist in the framed form. */
const prompter = new PromptAnswerer()
const prompts = prompter.answered

async function tokenFor(gw: string, kind: 'login' | 'iin', id: string, password: string): Promise<string> {
  const r = await api<{ token: string }>(gw, 'POST', kind === 'login' ? '/api/v1/auth/login' : '/api/v1/auth/login-iin', undefined, kind === 'login' ? { login: id, password } : { iin: id, password })
  assert(r.status === 200, `sign-in ${id}: ${r.status}`)
  return r.json.token
}

/** A one-page "scan" that Chromium's PDF viewer renders (the specialist opens it in the request view). */
async function scanPdf(docType: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  const page = doc.addPage([595, 842])
  const font = await doc.embedFont(StandardFonts.HelveticaBold)
  page.drawRectangle({ x: 40, y: 40, width: 515, height: 762, borderColor: rgb(0.1, 0.3, 0.6), borderWidth: 4 })
  page.drawText('SCANNED DOCUMENT', { x: 70, y: 740, size: 32, font, color: rgb(0.1, 0.3, 0.6) })
  page.drawText(docType, { x: 70, y: 690, size: 22, font })
  page.drawText(`IIN ${IIN.operator}`, { x: 70, y: 650, size: 22, font })
  return doc.save()
}

/** Uploads drawn scans (content-addressed PUT) and returns their envelope references. */
async function uploadDrawnScans(gw: string, token: string, docTypes: string[]) {
  const refs = []
  for (const docType of docTypes) {
    const bytes = await scanPdf(docType)
    const sha256 = sha256hex(bytes)
    const res = await fetch(`${gw}/api/v1/attachments/${sha256}`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/pdf' }, body: Buffer.from(bytes) })
    assert(res.status === 201 || res.status === 200, `upload ${docType}: ${res.status}`)
    refs.push({ docType, sha256, size: bytes.length, mediaType: 'application/pdf' as const, pages: 1 })
  }
  return refs
}

async function submitAsOperator(gw: string, token: string, docTypes: string[] = []): Promise<{ requestId: string; registrationNumber: string }> {
  // Without drawn scans, the helper's small required ones (the gateway refuses a pattern-B request without them).
  const env = envelope({ serviceId: SERVICE, ...(docTypes.length ? { attachments: await uploadDrawnScans(gw, token, docTypes) } : {}) })
  if (!docTypes.length) await uploadScans(putOverHttp(gw, token), env)
  const body = await signedBody(env)
  const r = await api<{ requestId: string; registrationNumber: string; status: string }>(gw, 'POST', '/api/v1/requests', token, { envelope: body.envelope, signature: body.signature }, { 'idempotency-key': `e2e-inbox-${Date.now()}-${Math.random().toString(36).slice(2)}` })
  assert(r.status === 201 && r.json.status === 'REGISTERED', `submit: ${r.status} ${JSON.stringify(r.json)}`)
  return r.json
}

/** The registration numbers of the table rows, top to bottom (this file is type-checked without the DOM lib). */
async function regNos(page: Page): Promise<Array<string | null>> {
  // One snapshot: the table is live and may re-render between per-row reads.
  return page.locator('[data-testid="inbox-row"]').evaluateAll((rows) => rows.map((r) => (r as unknown as { getAttribute(n: string): string | null }).getAttribute('data-reg-no')))
}

async function scenario(hostUrl: string, gw: string, browser: Browser): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1, locale: 'ru-RU', acceptDownloads: true })
  const page = await context.newPage()
  const problems: string[] = []
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`))
  const shot = (name: string) => page.screenshot({ path: path.join(results, `inbox-${name}.png`), fullPage: true })

  const operator = await tokenFor(gw, 'login', 'operator1', PASSWORDS.operator)
  const supervisorToken = await tokenFor(gw, 'login', 'supervisor1', PASSWORDS.supervisor)
  let first = { requestId: '', registrationNumber: '' }
  let second = { requestId: '', registrationNumber: '' }
  await check('two requests submitted through the gateway API, signed with the demo operator key, are REGISTERED', async () => {
    first = await submitAsOperator(gw, operator, ['identity-document', 'child-birth-certificate'])
    second = await submitAsOperator(gw, operator)
  })

  await check(`${EXTRA} more requests submitted the same way (a long inbox)`, async () => {
    for (let i = 0; i < EXTRA; i += 10) await Promise.all(Array.from({ length: Math.min(10, EXTRA - i) }, () => submitAsOperator(gw, operator)))
  })

  const inboxOk = await check('the specialist (ИИН 871008401427) signs in and sees both requests in the inbox, applicant ИИН masked', async () => {
    await page.goto(hostUrl, { waitUntil: 'networkidle' })
    await page.locator('[data-testid="lang-ru"]').click()
    await signIn(page, 'iin', IIN.specialist, PASSWORDS.specialist, 'specialist')
    for (const r of [first, second]) await page.locator(`[data-testid="inbox-row"][data-reg-no="${r.registrationNumber}"]`).waitFor({ timeout: 15_000 })
    const masked = await page.locator(`[data-testid="inbox-row"][data-reg-no="${first.registrationNumber}"] [data-testid="row-applicant"]`).innerText()
    assert(/^\d{4}\*{6}\d{2}$/.test(masked) && !masked.includes(IIN.operator), `applicant shown as ${masked}`)
    const left = await page.locator(`[data-testid="inbox-row"][data-reg-no="${first.registrationNumber}"]`).getAttribute('data-mark')
    assert(left === 'ok', `fresh request should be on time, mark ${left}`)
    await shot('1-specialist-list')
    // The same list in Kazakh (the state language): headers, marks and the catalogue's service name.
    await page.keyboard.press('Alt+1')
    await page.locator('th', { hasText: 'Нормативтік мерзім' }).waitFor({ timeout: 5000 })
    assert(/^тіркелді$/i.test(await page.locator('[data-testid="row-status"]').first().innerText()), 'status label in Kazakh')
    await shot('1-specialist-list-kk')
    // And in English: typed texts, the count through the plural rule («N requests», never «N request(s)»).
    await page.locator('[data-testid="lang-en"]').click()
    await page.locator('th', { hasText: 'Regulated deadline' }).waitFor({ timeout: 5000 })
    const countEn = await page.locator('[data-testid="inbox-count"]').innerText()
    assert(/^\d+ requests$/.test(countEn), `English count: ${countEn}`)
    await shot('1-specialist-list-en')
    await page.locator('[data-testid="lang-ru"]').click()
  })
  if (!inboxOk) return void (await context.close())

  await check(`the long inbox is virtualised: ${EXTRA + 2} requests counted, far fewer rows in the DOM; End selects and shows the last one`, async () => {
    const table = page.locator('[data-testid="inbox-table"]')
    assert((await table.getAttribute('data-virtual')) === 'true', 'not virtualised')
    const count = await page.locator('[data-testid="inbox-count"]').innerText()
    assert(count.includes(String(EXTRA + 2)), `count: ${count}`)
    const inDom = await page.locator('[data-testid="inbox-row"]').count()
    assert(inDom > 5 && inDom < 60, `rows in the DOM: ${inDom}`)
    await table.focus()
    await page.keyboard.press('End')
    const last = page.locator('[data-testid="inbox-row"][aria-selected="true"]')
    await last.waitFor({ timeout: 5000 })
    assert(/-000102$/.test((await last.getAttribute('data-reg-no')) ?? ''), `selected: ${await last.getAttribute('data-reg-no')}`)
    assert(await last.isVisible(), 'the selected last row is not shown')
    await shot('1b-long-inbox-end')
    await page.keyboard.press('Home')
    await page.locator(`[data-testid="inbox-row"][data-reg-no="${first.registrationNumber}"][aria-selected="true"]`).waitFor({ timeout: 5000 })
  })

  await check('keyboard: ↓ to the first request, Enter opens it; the full ИИН and the form with catalogue labels are shown', async () => {
    const table = page.locator('[data-testid="inbox-table"]')
    await table.focus()
    const regs = await regNos(page)
    const idx = regs.indexOf(first.registrationNumber)
    assert(idx >= 0, 'row not found')
    await page.keyboard.press('Home')
    for (let k = 0; k < idx; k++) await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Enter')
    await page.locator('[data-testid="request-view"]').waitFor({ timeout: 5000 })
    assert((await page.locator('h2').first().innerText()).includes(first.registrationNumber), 'wrong request opened')
    assert((await page.locator('[data-testid="request-applicant"]').innerText()) === IIN.operator, 'full ИИН not shown')
    const form = await page.locator('[data-testid="request-form"]').innerText()
    assert(/ИИН|Фамилия|ребенка|ребёнка/i.test(form), `form labels: ${form.slice(0, 200)}`)
    // main re-verifies the operator's CMS over the envelope bytes (chain to the demo root; revocation may stay open).
    const sig = page.locator('[data-testid="signature-check"]')
    await sig.waitFor({ timeout: 20_000 })
    const indication = await sig.getAttribute('data-indication')
    assert(indication === 'PASSED' || indication === 'INDETERMINATE', `operator signature: ${indication} ${await sig.innerText()}`)
    assert((await sig.innerText()).includes(IIN.operator), `signer: ${await sig.innerText()}`)
    console.log(`    operator signature re-verified in main: ${await sig.innerText()}`)
    const att = await page.locator('[data-testid="request-attachments"] li').allInnerTexts()
    assert(att.length === 2 && /Документ, удостоверяющий личность|удостоверен/i.test(att[0]) && /рождении/i.test(att[1]), `attachments: ${att.join(' | ')}`)
  })

  await check('the specialist opens the identity scan from the keyboard: GET /attachments with the session token, PDF shown in an iframe from a blob: URL; Esc closes only the preview', async () => {
    const open = page.locator('[data-testid="attachment-open"]').first()
    await open.focus()
    await page.keyboard.press('Enter')
    const frame = page.locator('[data-testid="attachment-frame"]')
    await frame.waitFor({ timeout: 10_000 })
    const src = (await frame.getAttribute('src')) ?? ''
    assert(src.startsWith('blob:'), `iframe src ${src}`)
    // Chromium's PDF viewer draws into the frame: wait for its document to load before the screenshot.
    await page.waitForTimeout(2500)
    await frame.scrollIntoViewIfNeeded()
    await page.screenshot({ path: path.join(results, 'inbox-1c-scan-preview.png') })
    await page.keyboard.press('Escape')
    await page.locator('[data-testid="attachment-preview"]').waitFor({ state: 'detached', timeout: 5000 })
    await page.locator('[data-testid="request-view"]').waitFor({ timeout: 2000 })
    assert(await open.evaluate((el) => el === (el as unknown as { ownerDocument: { activeElement: unknown } }).ownerDocument.activeElement), 'focus did not return to the open button')
  })

  await check('take: the request goes IN_PROCESSING and is assigned to the specialist', async () => {
    await page.locator('[data-testid="take"]').click()
    await page.locator('[data-testid="taken-by-me"]').waitFor({ timeout: 10_000 })
    assert((await page.locator('[data-testid="request-view"]').getAttribute('data-status')) === 'IN_PROCESSING', 'status not IN_PROCESSING')
    await shot('2-taken')
  })

  await check('decision form validation: an empty refusal names the missing ground and reason', async () => {
    await page.locator('[data-testid="decision-form"][data-prefill="done"]').waitFor({ timeout: 10_000 })
    await page.locator('[data-testid="decision-template"]').selectOption('refusal-form')
    await page.locator('[data-testid="decision-sign"]').click()
    await page.locator('[data-testid="decision-error-reasonCode"]').waitFor({ timeout: 5000 })
    await page.locator('[data-testid="decision-error-reasonText"]').waitFor({ timeout: 5000 })
    assert(prompts.length === 0, 'no signing may start for an invalid form')
    await shot('3-validation')
  })

  await check('мотивированный отказ (M4 + text) signed with the specialist key (password in main\'s prompt): status REFUSED', async () => {
    await page.locator('[data-testid="decision-ground"]').selectOption('M4')
    await page.locator('[data-testid="decision-field-childFio"]').fill('Асанов Бекзат Ерланұлы')
    await page.locator('[data-testid="decision-field-headFio"]').fill('Жумабаев Ерлан Кайратович')
    await page.locator('[data-testid="decision-reason-text-kk"]').fill('Баланың туу туралы куәлігі оқылмайды; анық көшірмесін ұсыныңыз.')
    await page.locator('[data-testid="decision-reason-text"]').fill('Свидетельство о рождении ребёнка нечитаемо; представьте чёткую копию.')
    const key = await page.locator('[data-testid="decision-key"]').inputValue()
    assert(/specialist-sign/.test(await page.locator(`[data-testid="decision-key"] option[value="${key}"]`).innerText()), 'the specialist key is not preselected')
    await page.locator('[data-testid="decision-sign"]').click()
    const done = page.locator('[data-testid="decided"], [data-testid="decision-error"]').first()
    await prompter.until(page, () => done.isVisible(), 60_000, 'the decision is signed and sent')
    await prompter.settled(page)
    if (await page.locator('[data-testid="decision-error"]').isVisible()) throw new Error(`decision failed: ${await page.locator('[data-testid="decision-error"]').innerText()}`)
    assert((await page.locator('[data-testid="request-view"]').getAttribute('data-status')) === 'REFUSED', 'status not REFUSED on screen')
    assert(prompts.some((p) => /specialist-sign/.test(p)), `main's prompt was not asked for the specialist key: ${prompts.join(', ')}`)
    // What you see is what you sign: main's prompt named this request's number and the kind, read from the signed bytes.
    const decision = prompter.shown.find((x) => x.kind === 'decision')
    assert(decision && decision.text.includes(first.registrationNumber) && /отказ|бас тарту|refusal/.test(decision.text) && /^[0-9a-f]{64}$/.test(decision.sha256), `main's prompt showed: ${JSON.stringify(prompter.shown)}`)
    await shot('4-refused')
  })

  await check('the gateway holds the refusal: REFUSED, signer ИИН = specialist, reason M4; OpenSSL verifies the CMS over the stored document', async () => {
    const st = await api<{ status: string; result?: { kind: string; reasonCode?: string; signerIin?: string; sha256: string } }>(gw, 'GET', `/api/v1/requests/${encodeURIComponent(first.registrationNumber)}`, operator)
    assert(st.json.status === 'REFUSED' && st.json.result?.kind === 'refusal' && st.json.result.reasonCode === 'M4' && st.json.result.signerIin === IIN.specialist, JSON.stringify(st.json))
    const res = await api<{ document: string; signature: string }>(gw, 'GET', `/api/v1/requests/${encodeURIComponent(first.registrationNumber)}/result`, operator)
    const dir = mkdtempSync(path.join(tmpdir(), 'arm-e2e-cms-'))
    writeFileSync(path.join(dir, 'doc.json'), Buffer.from(res.json.document, 'base64'))
    writeFileSync(path.join(dir, 'sig.der'), Buffer.from(res.json.signature, 'base64'))
    writeFileSync(path.join(dir, 'ca.pem'), Buffer.concat([readFileSync(path.join(PKI, 'root.crt')), Buffer.from('\n'), readFileSync(path.join(PKI, 'intermediate.crt'))]))
    execFileSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', path.join(dir, 'sig.der'), '-content', path.join(dir, 'doc.json'), '-CAfile', path.join(dir, 'ca.pem'), '-purpose', 'any', '-out', '/dev/null'], { stdio: 'pipe' })
    const doc = JSON.parse(readFileSync(path.join(dir, 'doc.json'), 'utf8')) as { schema: string; registrationNumber: string; kind: string; templateId: string; refusal: { code: string; text: string; kk?: string } }
    assert(doc.schema === 'arm.decision/1' && doc.registrationNumber === first.registrationNumber && doc.kind === 'refusal' && doc.templateId === 'refusal-form' && doc.refusal.code === 'M4' && doc.refusal.text.includes('нечитаемо') && !!doc.refusal.kk?.includes('оқылмайды'), JSON.stringify(doc))
  })

  await check('Esc back to the list; filter "Мои" (key 2) shows the refused request with its new status', async () => {
    await page.keyboard.press('Escape')
    await page.locator('[data-testid="inbox-table"]').waitFor()
    await page.locator('[data-testid="inbox-table"]').focus()
    await page.keyboard.press('2')
    const row = page.locator(`[data-testid="inbox-row"][data-reg-no="${first.registrationNumber}"]`)
    await row.waitFor({ timeout: 10_000 })
    assert((await row.getAttribute('data-status')) === 'REFUSED', `row status ${await row.getAttribute('data-status')}`)
    assert((await page.locator('[data-testid="inbox-row"]').count()) === 1, 'mine must hold only the taken request')
    await shot('5-mine')
    await page.keyboard.press('1')
  })

  await check('a request taken meanwhile by someone else: "take" answers GW_ALREADY_TAKEN with what to do next', async () => {
    await page.locator('[data-testid="inbox-table"]').focus()
    const regs = await regNos(page)
    await page.keyboard.press('Home')
    for (let k = 0; k < regs.indexOf(second.registrationNumber); k++) await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Enter')
    await page.locator('[data-testid="take"]').waitFor({ timeout: 5000 })
    const taken = await api<{ status: string }>(gw, 'POST', `/api/v1/inbox/${encodeURIComponent(second.requestId)}/take`, supervisorToken, {})
    assert(taken.status === 200, `supervisor take: ${taken.status}`)
    await page.locator('[data-testid="take"]').click()
    const err = page.locator('[data-testid="request-error"]')
    await err.waitFor({ timeout: 10_000 })
    assert((await err.getAttribute('data-code')) === 'GW_ALREADY_TAKEN', `code ${await err.getAttribute('data-code')}`)
    assert((await err.innerText()).includes(ERRORS.GW_ALREADY_TAKEN.ru), await err.innerText())
    await shot('6-already-taken')
    await page.keyboard.press('Escape')
  })

  await check('the supervisor signs in and sees the board: counts per status and per ЦОН', async () => {
    await page.getByRole('button', { name: /^(Шығу|Выйти|Sign out)$/ }).click()
    await signIn(page, 'login', 'supervisor1', PASSWORDS.supervisor, 'supervisor')
    await page.locator('[data-testid="board-status"]').waitFor({ timeout: 15_000 })
    const refused = await page.locator('[data-testid="board-status"] tr[data-key="REFUSED"]').getAttribute('data-count')
    const inProc = await page.locator('[data-testid="board-status"] tr[data-key="IN_PROCESSING"]').getAttribute('data-count')
    assert(refused === '1' && inProc === '1', `REFUSED ${refused}, IN_PROCESSING ${inProc}`)
    assert((await page.locator('[data-testid="board-tson"] tr[data-key="tson-astana-1"]').getAttribute('data-count')) === String(EXTRA + 2), 'ЦОН count')
    assert((await page.locator('[data-testid="board-status"] tr[data-key="REGISTERED"]').getAttribute('data-count')) === String(EXTRA), 'REGISTERED count')
    await shot('7-supervisor-board')
    await page.keyboard.press('Alt+1')
    await page.locator('caption', { hasText: 'Мәртебелер бойынша' }).waitFor({ timeout: 5000 })
    await shot('7-supervisor-board-kk')
    await page.keyboard.press('Alt+2')
  })

  await check('print result: the refusal becomes a PDF (bundled DejaVu Sans) with the header, reason and the §5.2 clause', async () => {
    const row = page.locator(`[data-testid="decided-row"][data-reg-no="${first.registrationNumber}"]`)
    await row.locator('[data-testid="print-result"]').click()
    const link = row.locator('[data-testid="print-link"]')
    await link.waitFor({ timeout: 20_000 })
    // The page's CSP keeps blob: out of connect-src, so the PDF is taken the way a user takes it: as a download.
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), link.click()])
    const saved = await download.path()
    const pdfPath = path.join(results, 'inbox-8-result.pdf')
    writeFileSync(pdfPath, readFileSync(saved))
    assert(download.suggestedFilename() === `result-${first.registrationNumber}.pdf`, download.suggestedFilename())
    const text = execFileSync('pdftotext', [pdfPath, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')
    for (const s of [first.registrationNumber, 'Документ сформирован системой электронного правительства', 'нечитаемо', 'равнозначен документу на бумажном носителе', 'қағаз тасығыштағы құжатпен бірдей', 'Жумабаев Ерлан Кайратович']) assert(text.includes(s), `PDF text lacks «${s}»`)
    // The §5.4 signature block names the signer from the verified certificate (the specialist), not a bare ИИН.
    assert(/беков/i.test(text), 'PDF names no signer')
    execFileSync('pdftoppm', ['-png', '-r', '80', '-singlefile', pdfPath, path.join(results, 'inbox-8-result')])
    await shot('8-printed')
  })

  await check('quality survey §5.7: not kept on the board (answered at the counter’s hand-over, stored at the gateway with its request)', async () => {
    const row = page.locator(`[data-testid="decided-row"][data-reg-no="${first.registrationNumber}"]`)
    await row.waitFor()
    assert((await row.locator('[data-testid="open-survey"]').count()) === 0, 'the board still offers its own survey form')
    const stored = await page.evaluate(() => (globalThis as unknown as { localStorage: { getItem(k: string): string | null } }).localStorage.getItem('arm.survey.v1'))
    assert(stored === null, `answers kept in this browser: ${stored}`)
    await shot('9-board-no-survey')
  })

  await check('no script errors in the page during the run', async () => {
    assert(problems.length === 0, problems.join('\n'))
  })
  await context.close()
}

void runDesk(run, { name: 'inbox', clearResults: /^inbox-\d.*\.(png|pdf)$/, startChecks: {} }, (desk) => scenario(desk.hostUrl, desk.gatewayUrl, desk.browser))
