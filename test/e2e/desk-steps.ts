/**
 * The intake steps the desk e2e scripts share — the ЦОН operator's and the provider specialist's walk-in (the same
 * intake form): fill a request, sign it in main's prompt, read the counts and the list; and the specialist's inbox steps.
 */
import path from 'node:path'
import type { Page } from 'playwright-core'
import { catalog, isVisible, sampleFormValues, type ChannelKind } from '../../src-shared/catalog'
import { assert, fillField, PromptAnswerer, results, until } from './harness'

/** A person of the gateway's synthetic ГБД ФЛ. */
const CONSUMER_IIN = '871008401427'
const prompter = new PromptAnswerer()

/**
 * Opens the service, autofills the consumer from ГБД ФЛ, fills the service's fields (as the channel shows them),
 * attaches a scan to each document (`scan` per document kind where they differ) and marks its paper original.
 * The provider channel is the specialist's walk-in: the service must be the department's own (not marked foreign).
 */
export async function fillRequest(page: Page, svc: { id: string; query: string }, scan: string | ((docId: string) => string), consumerIin = CONSUMER_IIN, channel: ChannelKind = 'tson'): Promise<void> {
  const service = catalog.get(svc.id)
  const search = page.locator('[data-testid="service-search"]:visible')
  await search.waitFor({ timeout: 10_000 })
  await search.fill(svc.query)
  const options = page.locator(`[role="option"][data-service-id="${svc.id}"]`)
  await options.first().waitFor({ timeout: 5000 })
  if (channel === 'provider') assert((await options.first().getAttribute('data-foreign')) === null, `${svc.id} is marked as another department’s`)
  await options.first().click()
  await page.locator(`[data-testid="intake-form"][data-service-id="${svc.id}"]`).waitFor({ timeout: 10_000 })
  const kind = page.locator('[data-field="applicantKind"]')
  if (await kind.count()) await kind.selectOption('person')
  const iin = page.locator('[data-field="applicantIin"]')
  await iin.fill(consumerIin)
  await iin.blur()
  await page.locator('[data-testid="autofill-gbdfl"]').click()
  await page.locator('[data-testid="check-verified"]').waitFor({ timeout: 10_000 })
  const autofilled = new Set(['applicantKind', 'applicantIin', 'applicantFullName', 'applicantBirthDate', 'applicantAddress'])
  const values = sampleFormValues(service, { channel, overrides: { applicantKind: 'person', applicantIin: consumerIin, hasRepresentative: false } })
  const current: Record<string, unknown> = { applicantKind: 'person', applicantIin: consumerIin }
  for (const f of service.fields) {
    if (!(f.id in values) || autofilled.has(f.id) || f.readOnly || f.kind === 'list' || !isVisible(f, { ...current, ...values }, channel)) continue
    await fillField(page, f, values[f.id])
    current[f.id] = values[f.id]
  }
  const ids: string[] = []
  for (const el of await page.locator('[data-testid^="doc-"]').all()) ids.push((await el.getAttribute('data-testid'))!.slice(4))
  for (const id of ids) {
    const input = page.locator(`[data-testid="file-${id}"]`)
    if (!(await input.count())) continue
    await input.setInputFiles(typeof scan === 'string' ? scan : scan(id))
    await page.locator(`[data-testid="doc-${id}"] [data-testid="scan-page"]`).first().waitFor({ timeout: 15_000 })
    const box = page.locator(`[data-testid="original-${id}"]`)
    if (await box.count()) await box.check()
  }
  const errors = await page.locator('[data-testid^="error-"]').allInnerTexts()
  assert(errors.length === 0, `field errors: ${errors.join(' | ')}`)
}

/** Signs with the operator's SIGN key (password into main's prompt) and waits for the queued confirmation. */
export async function signAndQueue(page: Page, shot: string): Promise<void> {
  const key = page.locator('[data-testid="sign-key"]')
  if (await key.count()) {
    const labels = await key.locator('option').allInnerTexts()
    const sign = labels.findIndex((l) => /operator-sign/i.test(l))
    if (sign >= 0) await key.selectOption({ index: sign })
  }
  await page.locator('[data-testid="sign-and-send"]').click()
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    if (await page.locator('[data-testid="intake-queued"]').isVisible().catch(() => false)) {
      await page.screenshot({ path: path.join(results, shot), fullPage: true })
      return
    }
    const err = page.locator('[data-testid="sign-error"]')
    if (await err.isVisible().catch(() => false)) throw new Error(`signing failed: ${await err.innerText()}`)
    await prompter.answer(page)
    await page.waitForTimeout(200)
  }
  throw new Error('the request was not queued within 60 s')
}

export async function nextRequest(page: Page): Promise<void> {
  await page.locator('[data-testid="next-request"]').click()
  await page.locator('[data-testid="service-search"]').waitFor({ timeout: 10_000 })
}

export interface Counts {
  pending: number
  inFlight: number
  attention: number
}
export async function counts(page: Page): Promise<Counts> {
  const c = page.locator('[data-testid="outbox-counts"]')
  return {
    pending: Number(await c.getAttribute('data-pending')),
    inFlight: Number(await c.getAttribute('data-in-flight')),
    attention: Number(await c.getAttribute('data-attention')),
  }
}

/** The desk's recent requests (intake side panel): service, state, registration number. */
export async function recent(page: Page): Promise<Array<{ service: string; state: string; status: string; text: string }>> {
  // One snapshot of the list: it re-sorts as statuses arrive, so reading row by row could mix two rows.
  return page.locator('[data-testid="recent-requests"] li').evaluateAll((items) =>
    items.map((item) => {
      const li = item as unknown as { getAttribute(n: string): string | null; innerText: string }
      return { service: li.getAttribute('data-service-id') ?? '', state: li.getAttribute('data-state') ?? '', status: li.getAttribute('data-gateway-status') ?? '', text: li.innerText }
    }),
  )
}

export const REG_NO = /№\s*(\S+)/

/** The registration number on the confirmation card, once the gateway registered the request. */
export async function registrationOnCard(page: Page, timeoutMs = 30_000): Promise<string> {
  const line = page.locator('[data-testid="intake-registration"][data-registered="1"]')
  await line.waitFor({ timeout: timeoutMs })
  const regNo = (await line.locator('strong').innerText()).trim()
  assert(/^GW-\d{8}-\d{6}$/.test(regNo), `registration number on the card: ${regNo}`)
  return regNo
}

/** The specialist opens a registered request from the department's inbox and takes it: the decision form is prefilled. */
export async function takeFromInbox(page: Page, registrationNumber: string): Promise<void> {
  const row = page.locator(`[data-testid="inbox-row"][data-reg-no="${registrationNumber}"]`)
  await row.waitFor({ timeout: 15_000 })
  await row.dblclick()
  await page.locator('[data-testid="take"]').click()
  await page.locator('[data-testid="decision-form"][data-prefill="done"]').waitFor({ timeout: 15_000 })
}

/** Signs the decision form in main's prompt (the given answerer types the key password) and waits for RESULT_READY. */
export async function signDecision(page: Page, answerer: PromptAnswerer = prompter): Promise<void> {
  await page.locator('[data-testid="decision-sign"]').click()
  const done = page.locator('[data-testid="decided"], [data-testid="decision-error"]').first()
  await answerer.until(page, () => done.isVisible(), 60_000, 'the decision is signed and sent')
  await answerer.settled(page)
  if (await page.locator('[data-testid="decision-error"]').isVisible()) throw new Error(`decision failed: ${await page.locator('[data-testid="decision-error"]').innerText()}`)
  assert((await page.locator('[data-testid="request-view"]').getAttribute('data-status')) === 'RESULT_READY', 'status not RESULT_READY')
}

/** The specialist's walk-in tab (Alt+W from the inbox): the intake of the department's own services. */
export async function openWalkIn(page: Page): Promise<void> {
  await page.locator('[data-testid="tab-walk-in"]').waitFor({ timeout: 10_000 })
  await page.keyboard.press('Alt+W')
  await page.locator('[data-testid="panel-walk-in"]:not([hidden]) [data-testid="service-search"]').waitFor({ timeout: 10_000 })
}

/** Chooses the key whose file name is `name` in a key select (locked .p12 files have no facts yet: the label says). */
export async function chooseKey(page: Page, select: string, name: string): Promise<void> {
  const key = page.locator(`[data-testid="${select}"]`)
  // The keys come from main after the form opens (until then only the «choose a key» line).
  await until(async () => (await key.locator('option').count()) > 1, 10_000, 'the desk’s keys listed')
  const labels = await key.locator('option').allInnerTexts()
  // The whole file name: `specialist-sign` must not pick `education-specialist-sign`.
  const i = labels.findIndex((l) => new RegExp(`(^|[^\\w-])${name}\\.p12`).test(l))
  assert(i >= 0, `no ${name}.p12 among ${labels.join(', ')}`)
  await key.selectOption({ index: i })
}

/** Signs the walk-in with the specialist's own SIGN key `keyName` (password into main's prompt) until it is queued. */
export async function signWalkIn(page: Page, keyName: string, answerer: PromptAnswerer = prompter): Promise<void> {
  await chooseKey(page, 'sign-key', keyName)
  await page.locator('[data-testid="sign-and-send"]').click()
  const done = page.locator('[data-testid="intake-queued"], [data-testid="sign-error"]').first()
  await answerer.until(page, () => done.isVisible(), 60_000, 'the walk-in is signed and queued')
  if (await page.locator('[data-testid="sign-error"]').isVisible()) throw new Error(await page.locator('[data-testid="sign-error"]').innerText())
  assert(answerer.answered.some((p) => p.includes(keyName)), `prompts: ${answerer.answered.join(', ')}`)
}

/** The walk-in's registration number once the desk's outbox delivered it and the gateway registered it. */
export async function registeredWalkIn(page: Page, serviceId: string): Promise<string> {
  const row = page.locator(`[data-testid="recent-requests"] li[data-service-id="${serviceId}"]`).first()
  await until(async () => (await row.getAttribute('data-gateway-status').catch(() => null)) === 'REGISTERED' || (await row.getAttribute('data-state').catch(() => null)) === 'registered', 30_000, 'the walk-in registered')
  const text = await row.innerText()
  const m = /№ (GW-\d{8}-\d{6})/.exec(text)
  assert(m, `no registration number on the desk: ${text}`)
  return m[1]
}

export type PrintCapture = { __prints: string[]; __printCalls: number; URL: { createObjectURL(b: unknown): string } }

/**
 * Captures every PDF the page turns into an object URL (Blob.arrayBuffer: no fetch, so the app's CSP stays as it is),
 * and counts the print() calls on the print frame's window. Headless Chromium crashes the page when print() reaches a
 * PDF viewer (no print preview without a display), so the frame's window is answered by a stand-in that only counts:
 * the path up to the print dialog is the app's own, the dialog itself is the platform's.
 */
export async function capturePrints(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = globalThis as unknown as PrintCapture & { HTMLIFrameElement: { prototype: object } }
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

/** The PDF the page handed to its print frame as number `index` (capturePrints first), once it is there. */
export async function printedPdf(page: Page, index: number): Promise<Buffer> {
  await until(async () => (await page.evaluate(() => (globalThis as unknown as PrintCapture).__prints.length)) > index, 20_000, 'a PDF handed to the print frame')
  return Buffer.from(await page.evaluate((i) => (globalThis as unknown as PrintCapture).__prints[i], index), 'base64')
}
