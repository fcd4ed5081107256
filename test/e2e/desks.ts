/**
 * Every desk locks: the operator's, the provider specialist's and the supervisor's. For each role, in the real browser
 * workstation against the real gateway process, the idle period passes, the lock covers the desk, nothing under it
 * answers the mouse or the keyboard (the frame is inert), a screenshot of the locked desk is kept, and the same
 * person's password unlocks it.
 */
import path from 'node:path'
import type { Page } from 'playwright-core'
import { IIN, PASSWORDS } from '../support/gateway-helpers'
import { assert, CheckRun, results, signIn, runDesk } from './harness'

const run = new CheckRun()
const check = run.check.bind(run)

const DESKS = [
  { role: 'operator', mode: 'login', id: 'operator1', password: PASSWORDS.operator, area: 'operator' },
  { role: 'specialist', mode: 'iin', id: IIN.specialist, password: PASSWORDS.specialist, area: 'specialist' },
  { role: 'supervisor', mode: 'login', id: 'supervisor1', password: PASSWORDS.supervisor, area: 'supervisor' },
] as const

type G = { localStorage: { setItem(k: string, v: string): void }; document: { activeElement: { closest(s: string): unknown } | null } }

async function lockedDesk(page: Page, hostUrl: string, d: (typeof DESKS)[number]): Promise<void> {
  await page.goto(hostUrl, { waitUntil: 'networkidle' })
  await page.evaluate(() => (globalThis as unknown as G).localStorage.setItem('arm.idleLockMs', '5000'))
  await page.reload({ waitUntil: 'networkidle' })
  await signIn(page, d.mode, d.id, d.password, d.area)
  const overlay = page.locator('[data-testid="lock-overlay"]')
  await overlay.waitFor({ timeout: 20_000 })
  assert((await page.locator('[data-testid="frame"]').getAttribute('inert')) !== null, 'the desk under the lock is not inert')
  await page.screenshot({ path: path.join(results, `desk-locked-${d.role}.png`), fullPage: true })
  // The sign-out button under the lock does not answer a click; Tab stays in the lock form.
  await page.locator('.topbar .button--ghost').last().click({ force: true, timeout: 2000 }).catch(() => undefined)
  assert(await overlay.isVisible(), 'a click under the lock reached the desk')
  assert((await page.locator('[data-testid="area"]').getAttribute('data-area')) === d.area, 'the desk changed under the lock')
  for (let i = 0; i < 6; i++) await page.keyboard.press('Tab')
  assert(await page.evaluate(() => !!(globalThis as unknown as G).document.activeElement?.closest('[data-testid="lock-overlay"]')), 'Tab left the lock form')
  await page.locator('[data-testid="unlock-password"]').fill(d.password)
  await page.locator('[data-testid="unlock-password"]').press('Enter')
  await overlay.waitFor({ state: 'detached', timeout: 10_000 })
  assert((await page.locator('[data-testid="frame"]').getAttribute('inert')) === null, 'still inert after unlocking')
  await page.locator('.topbar .button--ghost').last().click()
  await page.locator('[data-testid="login-form"]').waitFor({ timeout: 10_000 })
}

void runDesk(run, { name: 'desks' }, async (desk) => {
  const page = await desk.browser.newPage({ viewport: { width: 1280, height: 800 } })
  // The launch link works once (it sets the desk's cookie); every later visit opens the app's own address.
  await page.goto(desk.hostUrl, { waitUntil: 'networkidle' })
  for (const d of DESKS) await check(`${d.role}: after the idle period the lock covers the whole desk (inert, Tab stays in the form); the password unlocks it`, () => lockedDesk(page, `${desk.hostOrigin}/`, d))
})
