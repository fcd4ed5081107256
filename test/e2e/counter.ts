/**
 * End-to-end, the ЦОН counter (issue 11 points 4–7, issue 14 point 2): the built renderer in Debian Chromium, the real
 * browser host and the real gateway process. The operator takes two requests through the intake UI — pattern A
 * (land.cadastral-info, answered by the registry automatically) and pattern B (akimat.preschool-queue, decided by the
 * specialist through the provider API with a signed DecisionDocument) — and sees the registration number on the
 * confirmation card. At the counter (Results tab) each is opened with its verified signature; the receipt and the
 * result are printed through the desk's print path (a hidden PDF frame whose print() is called; the PDF bytes are
 * captured from the object URL and read with pdftotext), a reprint asks a reason, the hand-over with the §5.7 survey
 * makes the request ISSUED and the supervisor's survey report counts it. Screenshots in kk and ru:
 * test-results/counter-*.png. Run: `npm run build && npx tsx test/e2e/counter.ts`.
 */
import { execFileSync, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { catalog, isVisible, sampleFormValues } from '../../src-shared/catalog'
import { canonicalJsonBytes } from '../../src-shared/envelope'
import { defaultTemplate, sampleDocument } from '../../src-shared/results'
import { IIN, PASSWORDS, b64, envelope, signedBody, signWith } from '../gateway/helpers'
import { assert, CheckRun, fillField, launchChromium, makeIdCardScan, PromptAnswerer, results, signInOperator, startGateway, startHost, tearDown, until } from './harness'

const CONSUMER_IIN = IIN.operator // owns the catalogue's sample land plot in the synthetic АИС ГЗК
const run = new CheckRun()
const check = run.check.bind(run)
const prompter = new PromptAnswerer()

type Win = { __prints: string[]; __printCalls: number; URL: { createObjectURL(b: unknown): string } }

/**
 * Captures every PDF the page turns into an object URL (Blob.arrayBuffer: no fetch, so the app's CSP stays as it is),
 * and counts the print() calls on the print frame's window. Headless Chromium crashes the page when print() reaches a
 * PDF viewer (no print preview without a display), so the frame's window is answered by a stand-in that only counts:
 * the path up to the print dialog is the app's own, the dialog itself is the platform's.
 */
async function capturePrints(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = globalThis as unknown as Win & { HTMLIFrameElement: { prototype: object } }
    if (w.__prints) return
    w.__prints = []
    w.__printCalls = 0
    const proto = w.HTMLIFrameElement.prototype
    const real = Object.getOwnPropertyDescriptor(proto, 'contentWindow')!
    Object.defineProperty(proto, 'contentWindow', {
      configurable: true,
      get(this: { dataset: Record<string, string> }) {
        if (this.dataset.testid !== 'print-frame') return real.get!.call(this)
        return { focus() {}, print() { w.__printCalls++ } }
      },
    })
    const original = w.URL.createObjectURL.bind(w.URL)
    w.URL.createObjectURL = (b: unknown) => {
      const blob = b as { type: string; arrayBuffer(): Promise<ArrayBuffer> }
      if (blob.type === 'application/pdf') {
        void blob.arrayBuffer().then((buf) => {
          let s = ''
          const u = new Uint8Array(buf)
          for (let i = 0; i < u.length; i++) s += String.fromCharCode(u[i])
          w.__prints.push(btoa(s))
        })
      }
      return original(b)
    }
  })
}

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

async function api<T>(gw: string, method: string, p: string, token?: string, body?: unknown): Promise<{ status: number; json: T }> {
  const res = await fetch(gw + p, { method, headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) })
  return { status: res.status, json: (await res.json()) as T }
}

/** One request through the intake UI: search, consumer from ГБД ФЛ, the catalogue's sample values, scans, sign. */
async function intake(page: Page, serviceId: string, query: string, scan: string, tag: string): Promise<string> {
  const service = catalog.find(serviceId)!
  await page.locator('[data-testid="tab-intake"]').click()
  const search = page.locator('[data-testid="service-search"]')
  await search.waitFor({ timeout: 10_000 })
  await search.fill(query)
  const ids = await page.locator('[role="option"]').evaluateAll((els) => els.map((e) => (e as unknown as { getAttribute(n: string): string | null }).getAttribute('data-service-id')))
  const idx = ids.indexOf(serviceId)
  assert(idx >= 0, `${serviceId} not found by «${query}»: ${ids.join(', ')}`)
  for (let k = 0; k < idx; k++) await search.press('ArrowDown')
  await search.press('Enter')
  await page.locator(`[data-testid="intake-form"][data-service-id="${serviceId}"]`).waitFor({ timeout: 10_000 })
  const kind = page.locator('[data-field="applicantKind"]')
  if (await kind.count()) await kind.selectOption('person')
  await page.locator('[data-field="applicantIin"]').fill(CONSUMER_IIN)
  await page.locator('[data-field="applicantIin"]').blur()
  await page.locator('[data-testid="autofill-gbdfl"]').click()
  await page.locator('[data-testid="check-verified"]').waitFor({ timeout: 10_000 })
  const autofilled = new Set(['applicantKind', 'applicantIin', 'applicantFullName', 'applicantBirthDate', 'applicantAddress'])
  const values = sampleFormValues(service, { overrides: { applicantKind: 'person', applicantIin: CONSUMER_IIN, hasRepresentative: false } })
  const current: Record<string, unknown> = { applicantKind: 'person', applicantIin: CONSUMER_IIN }
  for (const f of service.fields) {
    if (!(f.id in values) || autofilled.has(f.id) || f.readOnly || f.kind === 'list' || !isVisible(f, { ...current, ...values }, 'tson')) continue
    await fillField(page, f, values[f.id])
    current[f.id] = values[f.id]
  }
  const docs = await page.locator('[data-testid^="file-"]').evaluateAll((els) => els.map((e) => (e as unknown as { getAttribute(n: string): string | null }).getAttribute('data-testid')!.slice(5)))
  for (const d of docs) {
    await page.locator(`[data-testid="file-${d}"]`).setInputFiles(scan)
    await page.locator(`[data-testid="doc-${d}"] [data-testid="scan-page"]`).first().waitFor({ timeout: 15_000 })
    const original = page.locator(`[data-testid="original-${d}"]`)
    if (await original.count()) await original.check()
  }
  const errors = await page.locator('[data-testid^="error-"]').allInnerTexts()
  assert(errors.length === 0, `field errors: ${errors.join(' | ')}`)
  const key = page.locator('[data-testid="sign-key"]')
  if (await key.count()) {
    const labels = await key.locator('option').allInnerTexts()
    const sign = labels.findIndex((l) => /operator-sign/i.test(l))
    if (sign >= 0) await key.selectOption({ index: sign })
  }
  await page.locator('[data-testid="sign-and-send"]').click()
  await prompter.until(page, async () => page.locator('[data-testid="intake-queued"], [data-testid="sign-error"]').first().isVisible(), 60_000, `${serviceId} signed and queued`)
  if (await page.locator('[data-testid="sign-error"]').isVisible()) throw new Error(`signing failed: ${await page.locator('[data-testid="sign-error"]').innerText()}`)
  // The confirmation card: the desk's local number first, the registration number once the gateway registered it.
  const line = page.locator('[data-testid="intake-registration"][data-registered="1"]')
  await line.waitFor({ timeout: 30_000 })
  const regNo = (await line.locator('strong').innerText()).trim()
  assert(/^GW-\d{8}-\d{6}$/.test(regNo), `registration number on the card: ${regNo}`)
  await page.screenshot({ path: path.join(results, `counter-${tag}-confirmation.png`), fullPage: true })
  await page.locator('[data-testid="next-request"]').click()
  return regNo
}

async function openAtCounter(page: Page, regNo: string, state: string): Promise<void> {
  await page.locator('[data-testid="tab-results"]').click()
  const row = page.locator(`[data-testid="counter-row"][data-reg="${regNo}"][data-state="${state}"]`)
  await row.waitFor({ timeout: 30_000 })
  await row.locator('[data-testid="counter-open"]').click()
  await page.locator('[data-testid="counter-result"]').waitFor({ timeout: 10_000 })
  const sig = page.locator('[data-testid="signature-verdict"]')
  await until(async () => (await sig.getAttribute('data-status')) !== 'checking', 20_000, 'signature checked in main')
  assert((await sig.getAttribute('data-status')) === 'ok', `signature verdict: ${await sig.innerText()}`)
}

async function scenario(hostUrl: string, gw: string, browser: Browser, dir: string): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, deviceScaleFactor: 1, locale: 'ru-RU' })
  const page = await context.newPage()
  const problems: string[] = []
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`))
  const shot = (name: string) => page.screenshot({ path: path.join(results, `counter-${name}.png`), fullPage: true })
  const scan = (await makeIdCardScan(dir)).pdf
  let landNo = ''
  let schoolNo = ''

  const intakeOk = await check('operator1 signs in; pattern A (land.cadastral-info) through the intake UI: the card shows the registration number', async () => {
    await page.goto(hostUrl, { waitUntil: 'networkidle' })
    await signInOperator(page)
    await page.keyboard.press('Alt+2')
    await capturePrints(page)
    landNo = await intake(page, 'land.cadastral-info', 'кадастр', scan, 'a')
  })

  if (!intakeOk) return void (await context.close())
  await check('pattern B (akimat.preschool-queue) through the intake UI, registered', async () => {
    schoolNo = await intake(page, 'akimat.preschool-queue', 'мектепке дейінгі', scan, 'b')
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

  const specialist = (await api<{ token: string }>(gw, 'POST', '/api/v1/auth/login-iin', undefined, { iin: IIN.specialist, password: PASSWORDS.specialist })).json.token
  await check('pattern B decided by the specialist through the provider API (take + signed DecisionDocument): RESULT_READY', async () => {
    const inbox = await api<{ items: { requestId: string; registrationNumber: string }[] }>(gw, 'GET', '/api/v1/inbox', specialist)
    const item = inbox.json.items.find((i) => i.registrationNumber === schoolNo)
    assert(item, 'not in the inbox')
    assert((await api(gw, 'POST', `/api/v1/inbox/${item.requestId}/take`, specialist, {})).status === 200, 'take')
    const service = catalog.find('akimat.preschool-queue')!
    const sample = sampleDocument(service, defaultTemplate(service, 'result')!)
    const doc = { ...sample, registrationNumber: schoolNo, decidedAt: new Date().toISOString(), signer: { ...sample.signer, name: 'Беков Ерлан', iin: IIN.specialist } }
    const bytes = canonicalJsonBytes(doc)
    const r = await api<{ status: string }>(gw, 'POST', `/api/v1/inbox/${item.requestId}/decision`, specialist, { kind: 'result', payload: b64(bytes), signature: b64(await signWith('specialist-sign', bytes)) })
    assert(r.status === 200 && r.json.status === 'RESULT_READY', JSON.stringify(r))
  })

  await check('pattern B at the counter: opened, printed, handed over without the survey; the list shows it issued', async () => {
    await page.locator('button', { hasText: 'К списку' }).click()
    await openAtCounter(page, schoolNo, 'ready')
    const before = await printCount(page)
    await page.locator('[data-testid="counter-print"]').click()
    const text = await nextPrint(page, before, 'result-school')
    assert(text.includes(schoolNo), `result PDF lacks the number: ${text.slice(0, 300)}`)
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

  await check('no script errors in the page during the run', async () => {
    assert(problems.length === 0, problems.join('\n'))
  })
  await context.close()
}

async function main(): Promise<void> {
  mkdirSync(results, { recursive: true })
  for (const f of readdirSync(results)) if (/^counter-.*\.(png|pdf)$/.test(f)) rmSync(path.join(results, f))
  run.requireBuiltRenderer()
  const dir = mkdtempSync(path.join(tmpdir(), 'arm-e2e-counter-'))
  let gateway: ChildProcess | undefined
  let host: ChildProcess | undefined
  let browser: Browser | undefined
  try {
    const g = await startGateway(path.join(dir, 'gateway.sqlite'))
    gateway = g.child
    const h = await startHost(g.url)
    host = h.child
    browser = await launchChromium()
    await scenario(h.url, g.url, browser, dir)
  } catch (err) {
    run.fail(`counter e2e aborted: ${err instanceof Error ? err.message : String(err)}`)
  } finally {
    await tearDown({ browser, host, gateway, dir })
  }
  run.finish()
}

void main()
