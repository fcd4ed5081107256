/**
 * End-to-end, «Verify a document» (issue 17): a real signed decision from the gateway process (the specialist's CMS
 * over an arm.decision/1 document) is printed through src-shared/print with its signed barcode, the PDF is rasterised
 * by pdftoppm (200 dpi, as a document scanner gives it), and the ЦОН operator's Verify screen in Chromium reads the
 * image (jsQR), checks the signature offline (main's crypto.verify against the demo НУЦ and its CRL) and online (the
 * gateway's public endpoint) and shows PASSED; the same page's number with one changed hash digit typed in shows
 * FAILED, and so does the page printed with one changed digit in its barcode's document; the report is exported as PDF
 * and rasterised. The counter offers the verified result as a digital document card (PDF/A-3, qpdf --check, pages
 * rasterised in kk and ru) that the Verify screen reads back. Then the gateway process is stopped and the desk's Verify
 * page still verifies the printout and the card offline: PASSED, with the "gateway did not answer" warning.
 * Screenshots and pages: test-results/verify-*.png.
 * Run: `npm run build && npx tsx test/e2e/verify.ts`.
 */
import { execFileSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { ServiceCatalog } from '../../src-shared/catalog'
import { ERRORS } from '../../src-shared/errors'
import { renderResultPdf } from '../../src-shared/print'
import { findTemplate, parseDecisionBytes, sampleDocument, type DecisionDocument } from '../../src-shared/results'
import { WARNING_TEXT } from '../../src-shared/verify/summary'
import type { Page } from 'playwright-core'
import { IIN, PASSWORDS, envelope, putOverHttp, sha256hex, signWith, signedBody, uploadScans } from '../support/gateway-helpers'
import { capturePrints, printedPdf, type PrintCapture } from './desk-steps'
import { api, assert, CheckRun, launchChromium, results, signIn, startGateway, startHost, stopProcess, tearDown } from './harness'

const run = new CheckRun()
const check = run.check.bind(run)
const catalog = new ServiceCatalog()

/** A request decided by the specialist with a signed DecisionDocument; the gateway's stored result as the ЦОН gets it. */
async function decidedResult(gw: string): Promise<{ document: Uint8Array; signature: Uint8Array; registrationNumber: string }> {
  const op = (await api<{ token: string }>(gw, 'POST', '/api/v1/auth/login', undefined, { login: 'operator1', password: PASSWORDS.operator })).json.token
  const sp = (await api<{ token: string }>(gw, 'POST', '/api/v1/auth/login-iin', undefined, { iin: IIN.specialist, password: PASSWORDS.specialist })).json.token
  const env = envelope()
  await uploadScans(putOverHttp(gw, op), env)
  const body = await signedBody(env)
  const reg = await api<{ requestId: string; registrationNumber: string }>(gw, 'POST', '/api/v1/requests', op, { envelope: body.envelope, signature: body.signature }, { 'idempotency-key': `e2e-verify-${Date.now()}` })
  assert(reg.status === 201, `submit: ${reg.status}`)
  assert((await api(gw, 'POST', `/api/v1/inbox/${reg.json.requestId}/take`, sp, {})).status === 200, 'take')
  const service = catalog.get('akimat.preschool-queue')
  const doc: DecisionDocument = { ...sampleDocument(service, findTemplate(service, 'queue-notice')), registrationNumber: reg.json.registrationNumber, decidedAt: new Date().toISOString() }
  const bytes = Buffer.from(JSON.stringify(doc))
  const decided = await api<{ status: string }>(gw, 'POST', `/api/v1/inbox/${reg.json.requestId}/decision`, sp, { kind: 'result', payload: bytes.toString('base64'), signature: Buffer.from(await signWith('specialist-sign', bytes)).toString('base64') })
  assert(decided.status === 200, `decide: ${decided.status} ${JSON.stringify(decided.json)}`)
  const r = await api<{ document: string; signature: string }>(gw, 'GET', `/api/v1/requests/${encodeURIComponent(reg.json.registrationNumber)}/result`, op)
  assert(r.status === 200, `result: ${r.status}`)
  return { document: new Uint8Array(Buffer.from(r.json.document, 'base64')), signature: new Uint8Array(Buffer.from(r.json.signature, 'base64')), registrationNumber: reg.json.registrationNumber }
}

type ElementLike = { getAttribute(n: string): string | null }
/** Waits until the report's verdict shows `indication` (the previous report stays on screen while a new one is made). */
async function verdictIs(page: Page, indication: string, timeout = 60_000): Promise<void> {
  await page.waitForFunction((want) => (globalThis as unknown as { document: { querySelector(s: string): ElementLike | null } }).document.querySelector('[data-testid="verify-verdict"]')?.getAttribute('data-indication') === want, indication, { timeout })
}

/** A fresh report: the previous one is cleared by choosing a file that is not ours first (the screen resets on each file). */
async function verifyFile(page: Page, file: string, indication: string): Promise<string> {
  await page.locator('[data-testid="verify-verdict"]').waitFor({ state: 'detached', timeout: 1000 }).catch(() => undefined)
  await page.locator('[data-testid="verify-file"]').setInputFiles(file)
  await verdictIs(page, indication)
  return page.locator('[data-testid="verify-report"]').innerText()
}

async function main(): Promise<void> {
  run.requireBuiltRenderer()
  const dir = mkdtempSync(path.join(tmpdir(), 'arm-e2e-verify-'))
  const started: { browser?: Browser; host?: ChildProcess; gateway?: ChildProcess; dir: string } = { dir }
  try {
    const g = await startGateway(path.join(dir, 'gateway.sqlite'))
    started.gateway = g.child
    const result = await decidedResult(g.url)
    const hash = sha256hex(result.document)
    const printout = path.join(results, 'verify-printout.pdf')
    await check('the gateway’s signed result prints with its signed barcode (src-shared/print) and pdftoppm rasterises it', async () => {
      const doc = parseDecisionBytes(result.document)
      const pdf = await renderResultPdf({ doc, lang: 'kk', verdict: { status: 'verified' }, fonts: { regular: new Uint8Array(readFileSync('resources/fonts/DejaVuSans.ttf')) }, catalog, signedBytes: result.document, signature: result.signature })
      writeFileSync(printout, pdf)
      execFileSync('pdftoppm', ['-r', '200', '-png', '-singlefile', printout, path.join(results, 'verify-printout')])
      const text = execFileSync('pdftotext', [printout, '-'], { encoding: 'utf8' })
      assert(text.includes(`SHA-256: ${hash}`), 'the hash is not printed under the barcode')
      assert(text.includes(result.registrationNumber), 'the number is not printed')
    })

    const h = await startHost(g.url)
    started.host = h.child
    started.browser = await launchChromium()
    const page = await started.browser.newPage({ viewport: { width: 1280, height: 1000 } })
    await page.goto(h.url, { waitUntil: 'networkidle' })
    await signIn(page, 'login', 'operator1', PASSWORDS.operator, 'operator')

    await check('the operator opens «Verify a document»; the scanned page is read and verified: PASSED, offline and online', async () => {
      await page.locator('[data-testid="area-verify"]').click()
      await page.locator('[data-testid="verify-screen"]').waitFor({ timeout: 10_000 })
      await page.locator('[data-testid="verify-file"]').setInputFiles(path.join(results, 'verify-printout.png'))
      const verdict = page.locator('[data-testid="verify-verdict"]')
      await verdict.waitFor({ timeout: 60_000 })
      const text = await page.locator('[data-testid="verify-report"]').innerText()
      await page.screenshot({ path: path.join(results, 'verify-passed.png'), fullPage: true })
      assert((await verdict.getAttribute('data-indication')) === 'PASSED', `verdict ${await verdict.innerText()} — ${text.slice(0, 400)}`)
      assert((await verdict.getAttribute('data-verdict')) === 'valid', 'not valid')
      assert(text.includes(result.registrationNumber) && text.includes(hash), 'the report does not name the number and hash')
      assert(/БЕКОВ/.test(text), 'the signer is not shown')
      assert(!text.includes('ЖСН') || !/\d{12}/.test(text.replace(hash, '')), 'a full ИИН is shown')
    })

    await check('the report exports as PDF (the shared renderer) and reads PASSED', async () => {
      await page.locator('[data-testid="verify-export"]').click()
      const link = page.locator('[data-testid="verify-pdf"]')
      await link.waitFor({ timeout: 20_000 })
      // The desk's download (the link carries the file name): what the operator saves is what is checked here.
      const report = path.join(results, 'verify-report.pdf')
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 20_000 }), link.click()])
      await download.saveAs(report)
      execFileSync('pdftoppm', ['-r', '70', '-png', '-singlefile', report, path.join(results, 'verify-report')])
      const text = execFileSync('pdftotext', [report, '-'], { encoding: 'utf8' })
      assert(text.includes('PASSED') && text.includes(result.registrationNumber), 'the report PDF does not say PASSED for the number')
    })

    await check('a page without our barcode (the report’s own picture) is a coded verdict, not a crash', async () => {
      await page.locator('[data-testid="verify-file"]').setInputFiles(path.join(results, 'verify-report.png'))
      await page.waitForFunction(() => (globalThis as unknown as { document: { querySelector(s: string): { getAttribute(n: string): string | null } | null } }).document.querySelector('[data-testid="verify-verdict"]')?.getAttribute('data-verdict') === 'indeterminate', undefined, { timeout: 30_000 })
      const text = await page.locator('[data-testid="verify-report"]').innerText()
      assert(text.includes(ERRORS.BARCODE_FOREIGN.kk), 'the foreign-barcode reason is not shown in Kazakh')
    })

    await check('the same page with one changed digit of the hash, typed in: FAILED (the gateway says tampered)', async () => {
      const changed = hash.slice(0, 20) + (hash[20] === '7' ? '8' : '7') + hash.slice(21)
      await page.locator('[data-testid="verify-number"]').fill(result.registrationNumber)
      await page.locator('[data-testid="verify-hash"]').fill(changed)
      await page.locator('[data-testid="verify-check"]').click()
      const verdict = page.locator('[data-testid="verify-verdict"]')
      await page.waitForFunction(() => (globalThis as unknown as { document: { querySelector(s: string): { getAttribute(n: string): string | null } | null } }).document.querySelector('[data-testid="verify-verdict"]')?.getAttribute('data-indication') === 'FAILED', undefined, { timeout: 20_000 })
      await page.screenshot({ path: path.join(results, 'verify-failed.png'), fullPage: true })
      assert((await verdict.getAttribute('data-verdict')) === 'tampered', 'not tampered')
    })

    await check('typed with the right hash: PASSED online; with the gateway’s answer the holder is masked', async () => {
      await page.locator('[data-testid="verify-hash"]').fill(hash)
      await page.locator('[data-testid="verify-check"]').click()
      await page.waitForFunction(() => (globalThis as unknown as { document: { querySelector(s: string): { getAttribute(n: string): string | null } | null } }).document.querySelector('[data-testid="verify-verdict"]')?.getAttribute('data-indication') === 'PASSED', undefined, { timeout: 20_000 })
      const text = await page.locator('[data-testid="verify-report"]').innerText()
      assert(/\*\*\*/.test(text), 'no masked holder')
    })

    await check('the counter’s result view shows the full report of the result’s signature (CAdES-T, the НУЦ TSA), kk and ru; its PDF reads the same', async () => {
      await page.locator('[data-testid="area-operator"]').click().catch(() => undefined)
      await page.locator('[data-testid="tab-results"]').click()
      const row = page.locator(`[data-testid="counter-row"][data-reg="${result.registrationNumber}"]`)
      await row.waitFor({ timeout: 30_000 })
      await row.locator('[data-testid="counter-open"]').click()
      const panel = page.locator('[data-testid="signed-report-result"]')
      await panel.waitFor({ timeout: 20_000 })
      await page.waitForFunction(() => (globalThis as unknown as { document: { querySelector(s: string): { getAttribute(n: string): string | null } | null } }).document.querySelector('[data-testid="signed-report-result"]')?.getAttribute('data-verdict') !== 'checking', undefined, { timeout: 20_000 })
      await panel.locator('summary').click()
      const body = page.locator('[data-testid="signed-report-result-body"]')
      await body.waitFor({ timeout: 10_000 })
      await page.keyboard.press('Alt+1')
      const kk = await body.innerText()
      await panel.screenshot({ path: path.join(results, 'verify-counter-report-kk.png') })
      assert((await panel.getAttribute('data-verdict')) === 'valid', `counter report verdict: ${kk.slice(0, 300)}`)
      assert(kk.includes('CAdES-T') && kk.includes('TSA'), `no CAdES-T timestamp in the counter report: ${kk}`)
      await page.keyboard.press('Alt+2')
      await page.locator('[data-testid="signed-report-result-body"]', { hasText: 'Формат подписи' }).waitFor({ timeout: 5000 })
      await panel.screenshot({ path: path.join(results, 'verify-counter-report-ru.png') })
      await body.locator('[data-testid="verify-export"]').click()
      const link = body.locator('[data-testid="verify-pdf"]')
      await link.waitFor({ timeout: 20_000 })
      const report = path.join(results, 'verify-counter-report.pdf')
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 20_000 }), link.click()])
      await download.saveAs(report)
      execFileSync('pdftoppm', ['-r', '70', '-png', '-singlefile', report, path.join(results, 'verify-counter-report')])
      const text = execFileSync('pdftotext', [report, '-'], { encoding: 'utf8' })
      assert(text.includes('CAdES-T') && text.includes('PASSED'), 'the report PDF does not say PASSED / CAdES-T')
    })

    const counterPrintout = path.join(results, 'verify-counter-printout')
    await check('the counter’s own print of the result carries the signed barcode: its PDF, rasterised (pdftoppm), is read by the Verify screen: PASSED', async () => {
      await page.keyboard.press('Alt+1')
      await capturePrints(page)
      const before = await page.evaluate(() => (globalThis as unknown as PrintCapture).__prints.length)
      await page.locator('[data-testid="counter-print"]').click()
      // The PDF the desk handed to its print frame, as the printer gets it.
      const printed = await printedPdf(page, before)
      writeFileSync(`${counterPrintout}.pdf`, printed)
      execFileSync('pdftoppm', ['-r', '200', '-png', '-singlefile', `${counterPrintout}.pdf`, counterPrintout])
      assert(execFileSync('pdftotext', [`${counterPrintout}.pdf`, '-'], { encoding: 'utf8' }).includes(`SHA-256: ${hash}`), 'the counter’s printout has no signed barcode (no hash under it)')
      await page.locator('[data-testid="area-verify"]').click()
      await page.locator('[data-testid="verify-screen"]').waitFor({ timeout: 10_000 })
      await verifyFile(page, path.join(results, 'verify-report.png'), 'INDETERMINATE') // a fresh report before the next one
      const report = await verifyFile(page, `${counterPrintout}.png`, 'PASSED')
      assert(report.includes(result.registrationNumber), 'the counter printout’s report does not name the number')
      await page.locator('[data-testid="area-operator"]').click().catch(() => undefined)
      await page.locator('[data-testid="tab-results"]').click()
      const row = page.locator(`[data-testid="counter-row"][data-reg="${result.registrationNumber}"]`)
      await row.waitFor({ timeout: 30_000 })
      await row.locator('[data-testid="counter-open"]').click()
      await page.locator('[data-testid="signed-report-result"][data-verdict="valid"]').waitFor({ timeout: 20_000 })
    })

    const card = path.join(results, 'verify-card-kk.pdf')
    await check('the counter offers the verified result as a digital document card (PDF/A-3): kk and ru, qpdf --check passes, the document and CMS are attached', async () => {
      for (const [lang, key] of [['ru', 'Alt+2'], ['kk', 'Alt+1']] as const) {
        await page.keyboard.press(key)
        await page.locator('[data-testid="document-card-make"]').click()
        const link = page.locator('[data-testid="document-card-pdf"]')
        await link.waitFor({ timeout: 20_000 })
        const file = path.join(results, `verify-card-${lang}.pdf`)
        const [download] = await Promise.all([page.waitForEvent('download', { timeout: 20_000 }), link.click()])
        await download.saveAs(file)
        execFileSync('qpdf', ['--check', file], { stdio: 'pipe' })
        execFileSync('pdftoppm', ['-r', '70', '-png', file, path.join(results, `verify-card-${lang}`)])
        const attached = execFileSync('pdfdetach', ['-list', file], { encoding: 'utf8' })
        assert(attached.includes(`${result.registrationNumber}.json`) && attached.includes(`${result.registrationNumber}.p7s`), `attachments: ${attached}`)
        const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')
        assert(text.includes(lang === 'kk' ? 'Электрондық құжат карточкасы' : 'Электронная карточка документа') && text.includes('CAdES-T'), `the card page (${lang}) lacks its title or level`)
      }
      await page.locator('[data-testid="document-card"]').screenshot({ path: path.join(results, 'verify-card-offer-kk.png') })
    })

    // The forger's page: the document with one changed digit, its barcode re-encoded around the real signature.
    const forged = path.join(results, 'verify-forged.pdf')
    await check('the page printed with one changed digit in its barcode’s document, scanned: FAILED (the signature does not cover it)', async () => {
      const doc = parseDecisionBytes(result.document)
      const text = new TextDecoder().decode(result.document)
      const at = text.indexOf(doc.registrationNumber) + doc.registrationNumber.length - 1
      const changed = new TextEncoder().encode(text.slice(0, at) + (text[at] === '7' ? '8' : '7') + text.slice(at + 1))
      const pdf = await renderResultPdf({ doc: parseDecisionBytes(changed), lang: 'kk', verdict: { status: 'verified' }, fonts: { regular: new Uint8Array(readFileSync('resources/fonts/DejaVuSans.ttf')) }, catalog, signedBytes: changed, signature: result.signature })
      writeFileSync(forged, pdf)
      execFileSync('pdftoppm', ['-r', '200', '-png', '-singlefile', forged, path.join(results, 'verify-forged')])
      await page.locator('[data-testid="area-verify"]').click()
      await page.locator('[data-testid="verify-screen"]').waitFor({ timeout: 10_000 })
      const report = await verifyFile(page, path.join(results, 'verify-forged.png'), 'FAILED')
      await page.screenshot({ path: path.join(results, 'verify-forged-failed.png'), fullPage: true })
      assert((await page.locator('[data-testid="verify-verdict"]').getAttribute('data-verdict')) === 'tampered', `forged page: ${report.slice(0, 300)}`)
    })

    await check('the Verify screen reads the document card: PASSED from its attachments (CAdES-T), online', async () => {
      const report = await verifyFile(page, card, 'PASSED')
      assert(report.includes(result.registrationNumber) && report.includes('CAdES-T'), `card report: ${report.slice(0, 400)}`)
    })

    await check('the gateway stopped: the desk verifies the printout and the card offline — PASSED, with the "gateway did not answer" warning', async () => {
      await stopProcess(started.gateway)
      started.gateway = undefined
      await fetch(`${g.url}/health`).then(
        () => assert(false, 'the gateway still answers'),
        () => undefined,
      )
      await page.keyboard.press('Alt+1')
      await verifyFile(page, path.join(results, 'verify-forged.png'), 'FAILED') // a fresh report before the next one
      const printoutReport = await verifyFile(page, path.join(results, 'verify-printout.png'), 'PASSED')
      await page.screenshot({ path: path.join(results, 'verify-offline-passed-kk.png'), fullPage: true })
      assert(printoutReport.includes(WARNING_TEXT.ONLINE_UNREACHABLE.kk), `no offline warning: ${printoutReport.slice(0, 600)}`)
      assert((await page.locator('[data-testid="verify-verdict"]').getAttribute('data-verdict')) === 'valid', 'not valid offline')
      await verifyFile(page, path.join(results, 'verify-forged.png'), 'FAILED')
      const cardReport = await verifyFile(page, card, 'PASSED')
      assert(cardReport.includes(WARNING_TEXT.ONLINE_UNREACHABLE.kk), 'no offline warning on the card report')
    })
  } catch (err) {
    run.fail(`verify e2e aborted: ${err instanceof Error ? err.message : String(err)}`)
  } finally {
    await tearDown(started)
  }
  run.finish()
}

void main()
