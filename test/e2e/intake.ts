/**
 * End-to-end, intake (issue 5 point 7): the built renderer in Debian Chromium, the real browser host
 * (src-main/host/main.ts) and the real gateway process (src-gateway/main.ts with its own SQLite file).
 * An operator signs in with login + password, meets the ИИН check-digit error in Kazakh and in Russian, autofills the
 * consumer from ГБД ФЛ, fills three requests of three services from three different seed regulations (001 land,
 * 002 akimat, 003 archive), attaches two scans (PNG + PDF) to each, signs with the demo key and sees each request
 * queued. The .p12 password is typed, by keyboard, into main's own form (src-main/host/pin-dialog), which the renderer's
 * overlay frames from a separate loopback origin: the page never sees it.
 * Screenshots go to test-results/intake-*.png and test-results/secret-prompt.png. Prints one line per check and `N passed, N failed`.
 * Run: `npm run build && npx tsx test/e2e/intake.ts` (also part of `npm run test:e2e`).
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { PDFDocument, StandardFonts, rgb } from '@cantoo/pdf-lib'
import type { Browser, Locator, Page } from 'playwright-core'
import { catalog, isVisible, sampleFormValues } from '../../src-shared/catalog'
import { ERRORS } from '../../src-shared/errors'
import { assert, CheckRun, type Doc, fillField, makeIdCardScan, OPERATOR, P12_PASSWORD, promptKind, results, signingShown, signInOperator, until, runDesk } from './harness'

/** A person of the gateway's synthetic ГБД ФЛ (the demo provider specialist, src-gateway/registries/synthetic.ts). */
const CONSUMER_IIN = '871008401427'
const WRONG_IIN = '871008401428'
/**
 * Three services from three seed regulations. The land service is registry-automatic (no scans of its own), so there
 * a representative applies under a non-notarised power of attorney, whose scan the regulations then require (CB2).
 */
const SERVICES: { id: string; query: string; seed: string; overrides?: Record<string, string | boolean> }[] = [
  { id: 'akimat.unemployed-certificate', query: 'жұмыссыз', seed: '002' },
  { id: 'archive.certificate', query: 'мұрағаттық', seed: '003' },
  { id: 'land.cadastral-info', query: 'кадастр', seed: '001', overrides: { hasRepresentative: true, representativeIin: '760212350620', poaMethod: 'other' } },
]

const run = new CheckRun()
const check = run.check.bind(run)
/** Secret prompts main showed (kind + key label), answered by the operator. */
const prompts: string[] = []

async function attrs(page: Page, selector: string, names: string[]): Promise<Array<Array<string | null>>> {
  // One snapshot: a live list may re-render between per-element reads.
  return page.locator(selector).evaluateAll((els, ns) => els.map((el) => ns.map((n) => (el as unknown as { getAttribute(a: string): string | null }).getAttribute(n))), names)
}

/** The settled pdf.js thumbnail of a scan tile: its size and how many of its pixels are dark (ink, not paper). */
async function pdfThumb(tile: Locator, shape: 'portrait' | 'landscape'): Promise<{ w: number; h: number; dark: number; total: number }> {
  const img = tile.locator('img[data-testid="scan-thumb"][data-rendered="yes"]')
  let stats = { w: 0, h: 0, dark: 0, total: 0 }
  try {
    await until(
      async () => {
        if ((await img.count()) !== 1) return false
        stats = await pixels(img)
        return shape === 'portrait' ? stats.h > stats.w : stats.w > stats.h
      },
      20_000,
      `a ${shape} pdf.js thumbnail`,
    )
  } catch (err) {
    // Say what the tile shows instead (the coded no-preview fallback, a placeholder, a wrongly turned picture).
    const shown = await tile.locator('[data-preview="pdf"]').evaluate((el) => (el as unknown as { outerHTML: string }).outerHTML.slice(0, 400))
    throw new Error(`${(err as Error).message}; last seen ${stats.w}×${stats.h}; tile: ${shown}`, { cause: err })
  }
  return stats
}

function pixels(img: Locator): Promise<{ w: number; h: number; dark: number; total: number }> {
  // Runs in the page (this tsconfig has no DOM lib, hence the narrow structural types).
  type Img = { naturalWidth: number; naturalHeight: number; decode(): Promise<void>; ownerDocument: { createElement(t: 'canvas'): Canvas } }
  type Canvas = { width: number; height: number; getContext(t: '2d'): { drawImage(i: unknown, x: number, y: number): void; getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } }
  return img.evaluate(async (node) => {
    const el = node as unknown as Img
    await el.decode()
    const c = el.ownerDocument.createElement('canvas')
    c.width = el.naturalWidth
    c.height = el.naturalHeight
    const ctx = c.getContext('2d')
    ctx.drawImage(el, 0, 0)
    const px = ctx.getImageData(0, 0, c.width, c.height).data
    let dark = 0
    for (let i = 0; i < px.length; i += 4) if (px[i] + px[i + 1] + px[i + 2] < 384 && px[i + 3] > 128) dark++
    return { w: c.width, h: c.height, dark, total: c.width * c.height }
  })
}

/** Real scans: an ID card (PNG and JPEG rasterised by poppler), a two-page PDF and the same as an LZW TIFF. */
async function makeScans(dir: string): Promise<{ png: string; jpeg: string; pdf: string; tiff: string }> {
  const doc = await PDFDocument.create()
  const font = await doc.embedFont(StandardFonts.Helvetica)
  for (const title of ['SCAN PAGE 1', 'SCAN PAGE 2']) {
    const p = doc.addPage([420, 595])
    p.drawRectangle({ x: 30, y: 420, width: 360, height: 140, borderColor: rgb(0, 0, 0), borderWidth: 3 })
    p.drawText(title, { x: 60, y: 480, size: 28, font })
  }
  const pdf = path.join(dir, 'employment-record.pdf')
  writeFileSync(pdf, await doc.save())
  const id = await makeIdCardScan(dir)
  execFileSync('pdftoppm', ['-tiff', '-tiffcompression', 'lzw', '-r', '72', '-singlefile', pdf, path.join(dir, 'employment-record')])
  return { png: id.png, jpeg: id.jpeg, pdf, tiff: path.join(dir, 'employment-record.tif') }
}


let answeredPromptId: string | null = null
/** What main's prompts showed as signed (kind, SHA-256, the lines), in order. */
const shown: Array<{ kind: string; sha256: string; text: string }> = []
let cancelTried = false
let promptLooked = false
let wrongPasswordTried = false

const fieldHasFocus = (field: Locator) =>
  field.evaluate((el) => (el as unknown as { ownerDocument: { activeElement: unknown } }).ownerDocument.activeElement === el)

/**
 * Answers main's secret prompt the way an operator does in the browser workstation: the overlay frames main's own form
 * (a cross-origin page), the focus is already there, the operator types the password and presses Enter.
 * Returns true when it answered a new prompt.
 */
async function answerSecretPrompt(page: Page): Promise<boolean> {
  const overlay = page.locator('[data-testid="secret-prompt"]')
  if (!(await overlay.isVisible().catch(() => false))) return false
  const id = await overlay.getAttribute('data-prompt-id')
  if (!id || id === answeredPromptId) return false
  const frame = page.frameLocator('[data-testid="secret-prompt-frame"]')
  // What you see is what you sign: main's form lists what it derived from the bytes about to be signed.
  shown.push(...(await signingShown(page)))
  if ((await promptKind(page)) === 'sign-confirm') {
    // The key is unlocked: no password, but the operator still confirms this signature in main's form.
    const label = await overlay.getAttribute('data-key-label')
    await frame.locator('button[value="ok"]').click()
    answeredPromptId = id
    prompts.push(`sign-confirm ${label}`)
    return true
  }
  const field = frame.locator('input[type="password"]')
  await field.waitFor({ timeout: 10_000 })
  // Keyboard-first: the focus is inside the framed form, not left on the button that started the signing.
  await until(async () => (await page.evaluate(() => (globalThis as unknown as { document: Doc }).document.activeElement?.getAttribute('data-testid') ?? null)) === 'secret-prompt-frame', 5000, 'focus moved into the prompt frame')
  if (!promptLooked) {
    promptLooked = true
    // The renderer cannot reach into main's form: the frame is another origin.
    const readable = await page.evaluate(() => (globalThis as unknown as { document: Doc }).document.querySelector('[data-testid="secret-prompt-frame"]')?.contentDocument ?? null)
    assert(readable === null, 'the renderer can read the prompt frame')
    await page.screenshot({ path: path.join(results, 'secret-prompt.png') })
  }
  const typeIntoPrompt = async (secret: string) => {
    await field.waitFor({ timeout: 10_000 })
    // Chromium holds back autofocus in a cross-origin frame: the frame has the focus, the password field is its first Tab stop.
    if (!(await fieldHasFocus(field))) await page.keyboard.press('Tab')
    assert(await fieldHasFocus(field), 'the password field does not take the keys')
    await page.keyboard.type(secret)
    await page.keyboard.press('Enter')
  }
  if (!wrongPasswordTried) {
    // Once per run: a mistyped password is refused by main and asked again in a new form, with main's coded text.
    wrongPasswordTried = true
    await typeIntoPrompt('not-the-password')
    await until(async () => { const next = await overlay.getAttribute('data-prompt-id'); return !!next && next !== id }, 15_000, 'main asks again after a wrong password')
    assert((await page.locator('[data-testid="secret-prompt-attempt"]').innerText()).includes('2'), 'the retry does not show attempt 2')
    const warning = frame.locator('[role="alert"]')
    await warning.waitFor({ timeout: 10_000 })
    const texts: string[] = [ERRORS.P12_BAD_PASSWORD.kk, ERRORS.P12_BAD_PASSWORD.ru, ERRORS.P12_BAD_PASSWORD.en]
    assert(texts.includes((await warning.innerText()).trim()), `main's retry form shows: ${await warning.innerText()}`)
    await until(async () => (await page.evaluate(() => (globalThis as unknown as { document: Doc }).document.activeElement?.getAttribute('data-testid') ?? null)) === 'secret-prompt-frame', 5000, 'focus in the retry frame')
    await page.screenshot({ path: path.join(results, 'secret-prompt-retry.png') })
  }
  await typeIntoPrompt(P12_PASSWORD)
  answeredPromptId = await overlay.getAttribute('data-prompt-id').catch(() => id)
  prompts.push(`${await overlay.getAttribute('data-kind')} ${await overlay.getAttribute('data-key-label')}`)
  return true
}

/** Waits for `done`, answering main's secret prompt whenever it shows. */
async function untilAnswering(page: Page, done: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  await until(async () => {
    if (await done()) return true
    await answerSecretPrompt(page)
    return false
  }, timeoutMs, what)
}

async function waitQueued(page: Page, shot: string): Promise<void> {
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    if (await page.locator('[data-testid="intake-queued"]').isVisible().catch(() => false)) {
      // The sign call is over: main's prompt must be gone with it.
      await page.locator('[data-testid="secret-prompt"]').waitFor({ state: 'detached', timeout: 5000 })
      return
    }
    const err = page.locator('[data-testid="sign-error"]')
    if (await err.isVisible().catch(() => false)) {
      await page.screenshot({ path: path.join(results, shot.replace('.png', '-error.png')), fullPage: true })
      throw new Error(`signing failed: ${await err.innerText()}`)
    }
    await answerSecretPrompt(page)
    await page.waitForTimeout(250)
  }
  throw new Error('the request was not queued within 60 s')
}

async function signOutIfSignedIn(page: Page): Promise<void> {
  const out = page.getByRole('button', { name: /^(Шығу|Выйти|Sign out)$/ })
  if (await out.isVisible().catch(() => false)) await out.click()
}

async function intakeRun(hostUrl: string, browser: Browser, stopGateway: () => Promise<void>): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, deviceScaleFactor: 1, locale: 'ru-RU' })
  const page = await context.newPage()
  const problems: string[] = []
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`))
  const scansDir = mkdtempSync(path.join(tmpdir(), 'arm-e2e-scans-'))
  const scans = await makeScans(scansDir)

  const signedIn = await check('operator1 signs in with login + password against the gateway and lands in the operator area', async () => {
    await page.goto(hostUrl, { waitUntil: 'networkidle' })
    await page.locator('[data-testid="lang-kk"]').click()
    await signInOperator(page)
    assert(!(await page.locator('[data-testid="offline-badge"]').isVisible()), 'an online sign-in must not show the offline mark')
    await page.screenshot({ path: path.join(results, 'intake-1-picker-kk.png'), fullPage: true })
  })
  if (!signedIn) return void (await context.close())

  for (const [i, svc] of SERVICES.entries()) {
    const service = catalog.get(svc.id)
    const tag = `${i + 2}-${svc.id}`
    // Steps of one request depend on each other: after a failure the rest of that request is skipped, and the next
    // request starts from the picker again.
    let ok = true
    const step = async (name: string, fn: () => Promise<void>) => {
      if (!ok) {
        run.fail(`${name} (skipped: an earlier step of this request failed)`)
        return
      }
      ok = await check(name, fn)
    }
    if (i > 0) await page.locator('[data-testid="new-request"]').click().catch(() => undefined)
    await step(`[${svc.seed}] ${svc.id}: found by keyboard search «${svc.query}» and opened`, async () => {
      const search = page.locator('[data-testid="service-search"]')
      await search.fill(svc.query)
      const ids = (await attrs(page, '[role="option"]', ['data-service-id'])).map((a) => a[0])
      const idx = ids.indexOf(svc.id)
      assert(idx >= 0, `not found: ${ids.join(', ')}`)
      for (let k = 0; k < idx; k++) await search.press('ArrowDown')
      await search.press('Enter')
      await page.locator(`[data-testid="intake-form"][data-service-id="${svc.id}"]`).waitFor({ timeout: 10_000 })
    })

    if (i === 0) {
      await step('a wrong ИИН check digit is refused in Kazakh, and in Russian after switching the language', async () => {
        const iin = page.locator('[data-field="applicantIin"]')
        await iin.fill(WRONG_IIN)
        await iin.blur()
        const err = page.locator('[data-testid="error-applicantIin"]')
        await err.waitFor({ timeout: 5000 })
        assert((await err.innerText()) === ERRORS.IIN_CHECKSUM.kk, `kk text: ${await err.innerText()}`)
        await page.screenshot({ path: path.join(results, 'intake-2-iin-checksum-kk.png'), fullPage: true })
        await page.keyboard.press('Alt+2')
        await until(async () => (await err.innerText()) === ERRORS.IIN_CHECKSUM.ru, 5000, 'Russian check-digit text')
        await page.screenshot({ path: path.join(results, 'intake-3-iin-checksum-ru.png'), fullPage: true })
      })
    }

    await step(`[${svc.seed}] consumer autofilled from ГБД ФЛ through the gateway`, async () => {
      const kind = page.locator('[data-field="applicantKind"]')
      if (await kind.count()) await kind.selectOption('person')
      const iin = page.locator('[data-field="applicantIin"]')
      await iin.fill(CONSUMER_IIN)
      await iin.blur()
      await page.locator('[data-testid="autofill-gbdfl"]').click()
      await page.locator('[data-testid="check-verified"]').waitFor({ timeout: 10_000 })
      const name = await page.locator('[data-field="applicantFullName"]').inputValue()
      assert(/Беков/.test(name), `full name: ${name}`)
    })

    await step(`[${svc.seed}] service fields filled, format-logical control passes`, async () => {
      const autofilled = new Set(['applicantKind', 'applicantIin', 'applicantFullName', 'applicantBirthDate', 'applicantAddress'])
      const values = sampleFormValues(service, { overrides: { applicantKind: 'person', applicantIin: CONSUMER_IIN, hasRepresentative: false, ...svc.overrides } })
      const current: Record<string, unknown> = { applicantKind: 'person', applicantIin: CONSUMER_IIN }
      for (const f of service.fields) {
        if (!(f.id in values) || autofilled.has(f.id) || f.readOnly || f.kind === 'list' || !isVisible(f, { ...current, ...values }, 'tson')) continue
        await fillField(page, f, values[f.id])
        current[f.id] = values[f.id]
      }
      if (values.representativeIin) {
        await page.locator('[data-testid="autofill-rep"]').click()
        await until(async () => /Сапарова/.test(await page.locator('[data-field="representativeFullName"]').inputValue()), 10_000, 'representative autofilled')
      }
      const errors = await page.locator('[data-testid^="error-"]').allInnerTexts()
      assert(errors.length === 0, `field errors: ${errors.join(' | ')}`)
    })

    if (i === 0) {
      await step('killing the page loses nothing typed: after a reload and a new sign-in the draft reopens with its values', async () => {
        const before = await page.locator('[data-field="applicantAddress"]').inputValue()
        await until(async () => /Сақталды|Черновик сохранён|Draft saved/.test(await page.locator('[data-testid="save-state"]').innerText()), 5000, 'draft saved')
        await page.reload({ waitUntil: 'networkidle' })
        await signInOperator(page)
        const draft = page.locator('[data-testid="drafts"] button').first()
        await draft.waitFor({ timeout: 10_000 })
        await draft.click()
        await page.locator(`[data-testid="intake-form"][data-service-id="${svc.id}"]`).waitFor({ timeout: 10_000 })
        assert((await page.locator('[data-field="applicantIin"]').inputValue()) === CONSUMER_IIN, 'ИИН lost')
        assert((await page.locator('[data-field="applicantAddress"]').inputValue()) === before, 'address lost')
        assert(await page.locator('[data-testid="check-verified"]').isVisible(), 'the ГБД ФЛ check mark was lost')
      })
    }

    // Two scans per request, a different pair each time: PNG + PDF, JPEG + TIFF, PNG + PDF.
    const pair = i === 1 ? { a: scans.jpeg, b: scans.tiff, what: 'JPEG + TIFF' } : { a: scans.png, b: scans.pdf, what: 'PNG + two-page PDF' }
    await step(`[${svc.seed}] two scans attached (${pair.what}) with the paper originals marked`, async () => {
      const docs = page.locator('[data-testid^="doc-"]')
      const count = await docs.count()
      assert(count > 0, 'the service shows no document checklist')
      const ids = (await attrs(page, '[data-testid^="doc-"]', ['data-testid'])).map((a) => a[0]!.slice(4))
      // The first document gets the PNG, the second (or the same one) the PDF: two scans per request.
      const first = ids[0]
      const second = ids[1] ?? ids[0]
      await page.locator(`[data-testid="file-${first}"]`).setInputFiles(pair.a)
      await page.locator(`[data-testid="doc-${first}"] [data-testid="scan-page"]`).first().waitFor({ timeout: 15_000 })
      await page.locator(`[data-testid="file-${second}"]`).setInputFiles(pair.b)
      const expected = (second === first ? 1 : 0) + (pair.b === scans.tiff ? 1 : 2)
      await until(async () => (await page.locator(`[data-testid="doc-${second}"] [data-testid="scan-page"]`).count()) >= expected, 15_000, 'PDF pages listed')
      if (pair.b === scans.tiff) {
        // Chromium cannot show TIFF: the tile shows the page redrawn from the decoded samples.
        await page.locator(`[data-testid="doc-${second}"] [data-testid="scan-page"] img`).last().waitFor({ timeout: 10_000 })
      }
      if (pair.b === scans.pdf) {
        // pdf.js draws page 1 of the PDF: a real picture (not blank), portrait, and landscape once the operator rotates it.
        const tile = page.locator(`[data-testid="doc-${second}"] [data-testid="scan-page"]:has([data-preview="pdf"])`).first()
        await tile.scrollIntoViewIfNeeded() // thumbnails are drawn only when their tile is in view
        const thumb = await pdfThumb(tile, 'portrait')
        assert(thumb.dark > thumb.total * 0.005 && thumb.dark < thumb.total * 0.5, `PDF page 1 thumbnail looks blank: ${thumb.dark} dark of ${thumb.total} px`)
        await tile.locator('button').first().click()
        const turned = await pdfThumb(tile, 'landscape')
        assert(turned.dark > turned.total * 0.005, `rotated PDF thumbnail is blank: ${turned.dark} dark of ${turned.total} px`)
        for (let k = 0; k < 3; k++) await tile.locator('button').first().click() // back to 0°
        await pdfThumb(tile, 'portrait')
      }
      for (const id of ids) {
        const box = page.locator(`[data-testid="original-${id}"]`)
        if (await box.count()) await box.check()
      }
      // rotate the first page once and back, to exercise the tools on real pages
      await page.locator(`[data-testid="doc-${first}"] [data-testid="scan-page"] button`).first().click()
      await page.screenshot({ path: path.join(results, `intake-${tag}-form.png`), fullPage: true })
      await page.locator('.scan-docs').screenshot({ path: path.join(results, `intake-${tag}-scans.png`) })
    })

    await step(`[${svc.seed}] signed with the demo operator key and queued`, async () => {
      const key = page.locator('[data-testid="sign-key"]')
      if (await key.count()) {
        const labels = await key.locator('option').allInnerTexts()
        const sign = labels.findIndex((l) => /operator-sign/i.test(l))
        if (sign >= 0) await key.selectOption({ index: sign })
      }
      if (!cancelTried && prompts.some((p) => /operator-sign/.test(p))) {
        // The key is unlocked now. Signing without the person's confirmation: main's form asks; Cancel signs nothing.
        cancelTried = true
        const before = shown.length
        await page.locator('[data-testid="sign-and-send"]').click()
        const overlay = page.locator('[data-testid="secret-prompt"]')
        await overlay.waitFor({ timeout: 15_000 })
        assert((await promptKind(page)) === 'sign-confirm', `an unlocked key must still be confirmed, got ${await promptKind(page)}`)
        const what = await signingShown(page)
        assert(what.length === 1 && what[0].kind === 'request' && /^[0-9a-f]{64}$/.test(what[0].sha256), `the confirmation shows: ${JSON.stringify(what)}`)
        assert(what[0].text.includes(service.name.ru), `the confirmation names another service: ${what[0].text}`)
        await page.screenshot({ path: path.join(results, 'secret-prompt-confirm.png') })
        await page.frameLocator('[data-testid="secret-prompt-frame"]').locator('button[value="cancel"]').click()
        await page.locator('[data-testid="sign-error"]').waitFor({ timeout: 15_000 })
        await overlay.waitFor({ state: 'detached', timeout: 5000 })
        assert(!(await page.locator('[data-testid="intake-queued"]').isVisible()), 'a cancelled confirmation queued the request')
        assert(shown.length === before, 'the cancelled prompt was counted as answered')
      }
      await page.locator('[data-testid="sign-and-send"]').click()
      await waitQueued(page, `intake-${tag}-queued.png`)
      assert(prompts.some((p) => /operator-sign/.test(p)), `main's prompt was not asked for the operator key: ${prompts.join(', ')}`)
      const last = shown.at(-1)
      assert(last?.kind === 'request' && last.text.includes(service.name.ru), `main's prompt did not show this request: ${JSON.stringify(last)}`)
      await page.screenshot({ path: path.join(results, `intake-${tag}-queued.png`), fullPage: true })
      await page.locator('[data-testid="next-request"]').click()
      await page.locator('[data-testid="service-search"]').waitFor()
    })
  }

  await check('the desk lists the three signed requests, each queued (or already further along)', async () => {
    await until(async () => (await page.locator('[data-testid="recent-requests"] li').count()) >= 3, 10_000, 'three requests listed')
    const rows = await attrs(page, '[data-testid="recent-requests"] li', ['data-service-id', 'data-state'])
    for (const s of SERVICES) {
      const row = rows.find((r) => r[0] === s.id)
      assert(row && ['queued', 'registered'].includes(row[1] ?? ''), `${s.id}: ${JSON.stringify(rows)}`)
    }
    await page.screenshot({ path: path.join(results, 'intake-9-queued-list.png'), fullPage: true })
  })

  await check('ЭЦП sign-in: the AUTH key signs the gateway challenge in main (password in main\'s prompt), operator area opens', async () => {
    await signOutIfSignedIn(page)
    await page.locator('[data-testid="login-form"]').waitFor({ timeout: 10_000 })
    const before = prompts.length
    await page.locator('[data-testid="mode-ecp"]').check({ force: true })
    // The demo key folder holds every demo person's keys: the login screen names them, the operator picks her own.
    const keySelect = page.locator('[data-testid="login-key"]')
    await keySelect.waitFor({ timeout: 10_000 })
    const options: { value: string; text: string }[] = []
    for (const o of await keySelect.locator('option').all()) options.push({ value: (await o.getAttribute('value')) ?? '', text: await o.innerText() })
    const own = options.find((o) => /Асанова|АСАНОВА/i.test(o.text))
    assert(own, `the operator's AUTH key is offered by her name: ${JSON.stringify(options.map((o) => o.text))}`)
    await keySelect.selectOption(own.value)
    await page.locator('[data-testid="submit"]').click()
    await untilAnswering(page, () => page.locator('[data-testid="area"][data-area="operator"]').isVisible(), 30_000, 'operator area after ЭЦП sign-in')
    assert(prompts.slice(before).some((p) => /operator-auth/.test(p)) || prompts.some((p) => /operator-auth/.test(p)), `AUTH key prompt: ${prompts.join(', ')}`)
    assert(shown.some((x) => x.kind === 'sign-in'), `main's prompt did not show the sign-in: ${JSON.stringify(shown.map((x) => x.kind))}`)
    const who = await page.locator('.topbar__user').innerText()
    assert(/Асанова/.test(who), who)
    await page.screenshot({ path: path.join(results, 'intake-10-ecp-signed-in.png'), fullPage: true })
  })

  await check('idle auto-lock: after the idle period the screen locks; the password unlocks the same session', async () => {
    await page.evaluate(() => (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage.setItem('arm.idleLockMs', '5000'))
    await page.reload({ waitUntil: 'networkidle' })
    await signInOperator(page)
    const overlay = page.locator('[data-testid="lock-overlay"]')
    await overlay.waitFor({ timeout: 20_000 })
    await page.screenshot({ path: path.join(results, 'intake-11-idle-locked.png'), fullPage: true })
    await page.locator('[data-testid="unlock-password"]').fill(OPERATOR.password)
    await page.locator('[data-testid="unlock-password"]').press('Enter')
    await overlay.waitFor({ state: 'detached', timeout: 10_000 })
    await page.evaluate(() => (globalThis as unknown as { localStorage: { removeItem(k: string): void } }).localStorage.removeItem('arm.idleLockMs'))
    // The idle period is read when the desk starts: start it again so the 5 s period does not lock the later steps
    // (typing into main's framed prompt is not activity on the desk's own page).
    await page.reload({ waitUntil: 'networkidle' })
  })

  await check('gateway gone: the same operator signs in offline against the cached verifier, marked «Офлайн»', async () => {
    await signOutIfSignedIn(page)
    await page.locator('[data-testid="login-form"]').waitFor({ timeout: 10_000 })
    await stopGateway()
    await signInOperator(page)
    const badge = page.locator('[data-testid="offline-badge"]')
    await badge.waitFor({ timeout: 10_000 })
    await page.screenshot({ path: path.join(results, 'intake-12-offline-signin.png'), fullPage: true })
  })

  await check('offline intake: the ГБД ФЛ check is marked «not yet verified», the request is still signed and queued', async () => {
    const svc = SERVICES[0]
    const service = catalog.get(svc.id)
    const search = page.locator('[data-testid="service-search"]')
    await search.fill(svc.query)
    await search.press('Enter')
    await page.locator(`[data-testid="intake-form"][data-service-id="${svc.id}"]`).waitFor({ timeout: 10_000 })
    const iin = page.locator('[data-field="applicantIin"]')
    await iin.fill(CONSUMER_IIN)
    await iin.blur()
    await page.locator('[data-testid="autofill-gbdfl"]').click()
    await page.locator('[data-testid="check-unverified"]').waitFor({ timeout: 10_000 })
    const values = sampleFormValues(service, { overrides: { applicantIin: CONSUMER_IIN, hasRepresentative: false } })
    for (const f of service.fields) {
      if (!(f.id in values) || f.id === 'applicantIin' || f.readOnly || f.kind === 'list' || !isVisible(f, values, 'tson')) continue
      await fillField(page, f, values[f.id])
    }
    await page.locator('[data-testid="file-identity-document"]').setInputFiles(scans.png)
    await page.locator('[data-testid="doc-identity-document"] [data-testid="scan-page"]').first().waitFor({ timeout: 15_000 })
    await page.locator('[data-testid="original-identity-document"]').check()
    await page.screenshot({ path: path.join(results, 'intake-13-offline-unverified.png'), fullPage: true })
    await page.locator('[data-testid="sign-and-send"]').click()
    await waitQueued(page, 'intake-14-offline-queued.png')
    await page.screenshot({ path: path.join(results, 'intake-14-offline-queued.png'), fullPage: true })
    await page.locator('[data-testid="next-request"]').click()
  })

  await check('offline, a wrong password is still refused (no verifier match)', async () => {
    await signOutIfSignedIn(page)
    await page.locator('[data-testid="field-id"]').fill('operator1')
    await page.locator('[data-testid="field-password"]').fill('wrong-password')
    await page.locator('[data-testid="field-password"]').press('Enter')
    const err = page.locator('[data-testid="login-error"]')
    await err.waitFor({ timeout: 15_000 })
    assert((await err.getAttribute('data-code')) === 'SESSION_OFFLINE_UNAVAILABLE', `code ${await err.getAttribute('data-code')}`)
  })

  await check('no script errors in the page during the run', async () => {
    assert(problems.length === 0, problems.join('\n'))
  })
  await context.close()
}

void runDesk(run, {
  name: 'intake',
  clearResults: /^(intake-.*|secret-prompt.*)\.png$/,
  startChecks: { host: 'the real browser host (src-main/host/main.ts) starts against that gateway, with main\'s secret prompt on its own loopback origin', gatewayHealth: true },
}, (desk) => intakeRun(desk.hostUrl, desk.browser, () => desk.stopGateway()))
