/**
 * Tokens and batch signing at the desk (issue 15 points 3 and 5), in the real browser workstation with a real SoftHSM2
 * token: softhsm2-util initialises a token in a temp folder with its own SOFTHSM2_CONF (given to the host), the demo
 * operator's signing key and certificate are put on it (softhsm2-util --import, pkcs11-tool --write-object).
 * The host starts with no token driver; the operator opens «Tokens», sees the known drivers by name (SoftHSM2 found
 * where it is installed, Kaztoken/eToken/JaCarta with their usual paths), a wrong custom path refused by main, chooses
 * SoftHSM2 and saves: main's watcher reads the slot list and the page says the token was plugged in. Three requests
 * are reviewed and set aside, then signed with the token's key in ONE confirmation (main's PIN prompt lists all three);
 * each one is queued and its signature verifies with OpenSSL. Last, the token is taken away (its folder moved) and the
 * page says so. Screenshots test-results/desk-signing-*-{kk,ru}.png. Run: `npm run build && npx tsx test/e2e/desk-signing.ts`.
 */
import { execFileSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, renameSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { catalog, isVisible, sampleFormValues } from '../../src-shared/catalog'
import { assert, CheckRun, fillField, launchChromium, makeIdCardScan, PromptAnswerer, results, root, signInOperator, startGateway, startHost, tearDown, until } from './harness'

const MODULE = '/usr/lib/softhsm/libsofthsm2.so'
const PIN = '246810'
const TOKEN = 'operator-token'
const CONSUMER_IIN = '871008401427'
const SERVICE = { id: 'akimat.unemployed-certificate', query: 'безработ' }
const DEMO = path.join(root, 'resources/demo-pki')

const run = new CheckRun()
const check = run.check.bind(run)

/** A SoftHSM2 token with the demo operator's signing key and certificate, in its own folder and configuration. */
function makeToken(dir: string): NodeJS.ProcessEnv {
  const env = { ...process.env, SOFTHSM2_CONF: path.join(dir, 'softhsm2.conf') }
  const sh = (cmd: string, args: string[], input?: string) => execFileSync(cmd, args, { env, stdio: ['pipe', 'pipe', 'pipe'], input })
  mkdirSync(path.join(dir, 'tokens'))
  writeFileSync(env.SOFTHSM2_CONF!, `directories.tokendir = ${path.join(dir, 'tokens')}\nobjectstore.backend = file\nlog.level = ERROR\n`)
  sh('softhsm2-util', ['--init-token', '--free', '--label', TOKEN, '--so-pin', '13579', '--pin', PIN])
  const p12 = path.join(DEMO, 'operator-sign.p12')
  const keyPem = sh('openssl', ['pkcs12', '-in', p12, '-passin', 'pass:Qwerty12', '-nocerts', '-nodes'])
  writeFileSync(path.join(dir, 'key.p8.pem'), sh('openssl', ['pkcs8', '-topk8', '-nocrypt'], keyPem.toString()))
  const certPem = sh('openssl', ['pkcs12', '-in', p12, '-passin', 'pass:Qwerty12', '-nokeys', '-clcerts'])
  writeFileSync(path.join(dir, 'cert.der'), sh('openssl', ['x509', '-outform', 'DER'], certPem.toString()))
  writeFileSync(path.join(dir, 'cert.pem'), certPem)
  sh('softhsm2-util', ['--import', path.join(dir, 'key.p8.pem'), '--token', TOKEN, '--label', 'operator-sign', '--id', '0a', '--pin', PIN])
  sh('pkcs11-tool', ['--module', MODULE, '--token-label', TOKEN, '--login', '--pin', PIN, '--write-object', path.join(dir, 'cert.der'), '--type', 'cert', '--id', '0a', '--label', 'operator-sign'])
  return env
}

async function lang(page: Page, l: 'kk' | 'ru'): Promise<void> {
  await page.keyboard.press(l === 'kk' ? 'Alt+1' : 'Alt+2')
}

/** One request of the demo service, filled, with its documents, and set aside for batch signing. */
async function reviewOne(page: Page, scan: string): Promise<void> {
  const service = catalog.get(SERVICE.id)!
  await page.locator('[data-testid="new-request"]').click()
  await page.locator('[data-testid="service-search"]').fill(SERVICE.query)
  await page.locator(`[role="option"][data-service-id="${SERVICE.id}"]`).first().click()
  await page.locator(`[data-testid="intake-form"][data-service-id="${SERVICE.id}"]`).waitFor({ timeout: 10_000 })
  const iin = page.locator('[data-field="applicantIin"]')
  await iin.fill(CONSUMER_IIN)
  await iin.blur()
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
  const ids = await page.locator('[data-testid^="doc-"]').evaluateAll((els) => els.map((e) => (e as unknown as { getAttribute(n: string): string }).getAttribute('data-testid').slice(4)))
  for (const id of ids) {
    await page.locator(`[data-testid="file-${id}"]`).setInputFiles(scan)
    await page.locator(`[data-testid="doc-${id}"] [data-testid="scan-page"]`).first().waitFor({ timeout: 15_000 })
    const box = page.locator(`[data-testid="original-${id}"]`)
    if (await box.count()) await box.check()
  }
  await page.locator('[data-testid="set-aside"]').click()
  await page.locator('[data-testid="intake-note"]').waitFor({ timeout: 10_000 })
}

async function main(): Promise<void> {
  run.requireBuiltRenderer()
  if (!existsSync(MODULE)) {
    run.fail(`SoftHSM2 is not installed (${MODULE})`)
    run.finish()
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'arm-e2e-desk-signing-'))
  const started: { browser?: Browser; host?: ChildProcess; gateway?: ChildProcess; dir: string } = { dir }
  try {
    const hsmEnv = makeToken(dir)
    const g = await startGateway(path.join(dir, 'gateway.sqlite'))
    started.gateway = g.child
    // No token driver configured at start (ARM_PKCS11_MODULES empty): the operator chooses it on the tokens screen.
    const h = await startHost(g.url, { SOFTHSM2_CONF: hsmEnv.SOFTHSM2_CONF, ARM_PKCS11_MODULES: '', ARM_DATA_DIR: path.join(dir, 'desk') })
    started.host = h.child
    started.browser = await launchChromium()
    const page = await started.browser.newPage({ viewport: { width: 1360, height: 900 } })
    const problems: string[] = []
    page.on('pageerror', (e) => problems.push(e.message))
    await page.goto(h.url, { waitUntil: 'networkidle' })
    await page.locator('[data-testid="lang-ru"]').click()
    await signInOperator(page)
    const scan = (await makeIdCardScan(dir)).png

    await check('tokens screen: the known drivers by name (SoftHSM2 found here, the others with their usual paths); a wrong custom path refused by main', async () => {
      await page.locator('[data-testid="tokens-open"]').click()
      const dialog = page.locator('[data-testid="tokens-dialog"]')
      await dialog.waitFor({ timeout: 5000 })
      await until(async () => (await page.locator('[data-testid="token-module-softhsm2"]').getAttribute('data-found')) === 'true', 5000, 'SoftHSM2 found')
      for (const [id, name] of [['kaztoken', 'Kaztoken'], ['etoken', 'eToken'], ['jacarta', 'JaCarta']]) {
        const row = page.locator(`[data-testid="token-module-${id}"]`)
        assert((await row.innerText()).includes(name), `${id}: ${await row.innerText()}`)
        assert((await row.getAttribute('data-found')) === 'false', `${id} reported installed here`)
      }
      await page.locator('[data-testid="token-custom-path"]').fill('relative/driver.so')
      await page.locator('[data-testid="token-custom-add"]').click()
      await page.locator('[data-testid="tokens-save"]').click()
      const note = page.locator('[data-testid="tokens-note"]')
      await note.waitFor({ timeout: 5000 })
      assert((await note.innerText()).includes('PKCS11_MODULE_PATH_INVALID'), await note.innerText())
      await page.locator('[data-testid="tokens-dialog"] button', { hasText: 'Убрать' }).click()
      await page.screenshot({ path: path.join(results, 'desk-signing-1-tokens-ru.png') })
      await lang(page, 'kk')
      await page.screenshot({ path: path.join(results, 'desk-signing-1-tokens-kk.png') })
      await lang(page, 'ru')
    })

    await check('SoftHSM2 chosen and saved: main checks and loads it, its watcher notices the token and the page says it was plugged in', async () => {
      await page.locator('[data-testid="token-module-softhsm2"] input[type="checkbox"]').check()
      await page.locator('[data-testid="tokens-save"]').click()
      await until(async () => (await page.locator('[data-testid="tokens-note"]').getAttribute('role')) === 'status', 10_000, 'saved')
      await until(async () => (await page.locator('[data-testid="tokens-present"] li').count()) === 1, 10_000, 'the token listed')
      assert((await page.locator('[data-testid="tokens-present"]').innerText()).includes(TOKEN), await page.locator('[data-testid="tokens-present"]').innerText())
      await page.locator('[data-testid="tokens-close"]').click()
      const event = page.locator('[data-testid="token-event"]')
      await event.waitFor({ timeout: 20_000 })
      assert((await event.getAttribute('data-kind')) === 'inserted' && (await event.getAttribute('data-label')) === TOKEN, `event: ${await event.innerText()}`)
      assert((await event.innerText()).includes('SoftHSM2'), await event.innerText())
    })

    await check('three requests reviewed and set aside: listed under «Ready to sign», none signed yet', async () => {
      for (let i = 0; i < 3; i++) await reviewOne(page, scan)
      await until(async () => (await page.locator('[data-testid="batch-item"]').count()) === 3, 10_000, 'three ready to sign')
      const queued = await page.locator('[data-testid="recent-requests"] li').count()
      assert(queued === 0, `requests queued before signing: ${queued}`)
    })

    const answerer = new PromptAnswerer(PIN)
    await check('the three signed with the token key and ONE confirmation: main\'s PIN prompt lists all three; each queued', async () => {
      const key = page.locator('[data-testid="batch-key"]')
      await until(async () => (await key.locator('option').allInnerTexts()).some((l) => l.includes(TOKEN)), 10_000, 'the token key offered')
      const labels = await key.locator('option').allInnerTexts()
      await key.selectOption({ index: labels.findIndex((l) => l.includes(TOKEN)) })
      await page.screenshot({ path: path.join(results, 'desk-signing-2-ready-ru.png'), fullPage: true })
      await lang(page, 'kk')
      await page.screenshot({ path: path.join(results, 'desk-signing-2-ready-kk.png'), fullPage: true })
      await lang(page, 'ru')
      await page.locator('[data-testid="batch-sign"]').click()
      await page.locator('[data-testid="secret-prompt"]').waitFor({ timeout: 15_000 })
      await page.screenshot({ path: path.join(results, 'desk-signing-3-pin-ru.png') })
      await answerer.until(page, async () => (await page.locator('[data-testid="batch-summary"]').count()) === 1, 60_000, 'the batch signed')
      assert(answerer.answered.length === 1 && /token-pin/.test(answerer.answered[0]), `prompts: ${answerer.answered.join(' | ')}`)
      const shown = answerer.shown.filter((s) => s.kind === 'request')
      assert(shown.length === 3 && new Set(shown.map((s) => s.sha256)).size === 3, `the confirmation listed: ${JSON.stringify(answerer.shown.map((s) => s.kind))}`)
      const outcomes = await page.locator('[data-testid="batch-outcome"]').evaluateAll((els) => els.map((e) => (e as unknown as { getAttribute(n: string): string }).getAttribute('data-ok')))
      assert(outcomes.length === 3 && outcomes.every((o) => o === 'true'), `outcomes: ${outcomes.join(',')}`)
      assert((await page.locator('[data-testid="batch-item"]').count()) === 0, 'signed requests still listed as ready')
      await until(async () => (await page.locator('[data-testid="recent-requests"] li').count()) === 3, 10_000, 'three requests in the desk list')
      await page.screenshot({ path: path.join(results, 'desk-signing-4-signed-ru.png'), fullPage: true })
      await lang(page, 'kk')
      await page.screenshot({ path: path.join(results, 'desk-signing-4-signed-kk.png'), fullPage: true })
      await lang(page, 'ru')
    })

    await check('each signature verifies with OpenSSL against the demo CA, signed by the certificate on the token', async () => {
      const sent = await page.evaluate(async () => {
        const w = globalThis as unknown as { indexedDB: { databases(): Promise<Array<{ name?: string }>> } }
        return (await w.indexedDB.databases()).map((d) => d.name ?? '')
      })
      assert(sent.length > 0, 'no desk database')
      const signed = await page.evaluate(
        (names) =>
          new Promise<Array<{ envelope: number[]; signature: string }>>((resolve, reject) => {
            const w = globalThis as unknown as { indexedDB: { open(n: string): { onsuccess: (() => void) | null; onerror: (() => void) | null; result: { objectStoreNames: { contains(n: string): boolean }; transaction(s: string): { objectStore(s: string): { getAll(): { onsuccess: (() => void) | null; result: Array<{ envelope?: Uint8Array; signature?: string }> } } } } } } }
            const name = names.find((n) => /arm/i.test(n)) ?? names[0]
            const req = w.indexedDB.open(name)
            req.onerror = () => reject(new Error('open failed'))
            req.onsuccess = () => {
              const db = req.result
              if (!db.objectStoreNames.contains('requests')) return reject(new Error('no requests store'))
              const all = db.transaction('requests').objectStore('requests').getAll()
              all.onsuccess = () => resolve(all.result.filter((r) => r.envelope && r.signature).map((r) => ({ envelope: [...r.envelope!], signature: r.signature! })))
            }
          }),
        sent,
      )
      assert(signed.length === 3, `signed requests in the desk database: ${signed.length}`)
      const ca = path.join(dir, 'ca.pem')
      writeFileSync(ca, execFileSync('cat', [path.join(DEMO, 'root.crt'), path.join(DEMO, 'intermediate.crt')]))
      for (const [i, s] of signed.entries()) {
        writeFileSync(path.join(dir, `env-${i}.bin`), Buffer.from(s.envelope))
        writeFileSync(path.join(dir, `sig-${i}.p7s`), Buffer.from(s.signature, 'base64'))
        execFileSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', path.join(dir, `sig-${i}.p7s`), '-content', path.join(dir, `env-${i}.bin`), '-CAfile', ca, '-purpose', 'any', '-out', '/dev/null', '-signer', path.join(dir, `signer-${i}.pem`)], { stdio: 'pipe' })
        const signer = execFileSync('openssl', ['x509', '-in', path.join(dir, `signer-${i}.pem`), '-noout', '-fingerprint', '-sha256']).toString()
        const onToken = execFileSync('openssl', ['x509', '-in', path.join(dir, 'cert.pem'), '-noout', '-fingerprint', '-sha256']).toString()
        assert(signer === onToken, `signature ${i} made by another certificate`)
      }
    })

    await check('the token taken away: main notices it and the page says it was removed', async () => {
      renameSync(path.join(dir, 'tokens'), path.join(dir, 'tokens-away'))
      const event = page.locator('[data-testid="token-event"][data-kind="removed"]')
      await event.waitFor({ timeout: 20_000 })
      assert((await event.innerText()).includes(TOKEN), await event.innerText())
      await page.locator('.intake__side').screenshot({ path: path.join(results, 'desk-signing-5-removed-ru.png') })
      await lang(page, 'kk')
      await page.locator('.intake__side').screenshot({ path: path.join(results, 'desk-signing-5-removed-kk.png') })
    })

    await check('no script errors in the page', async () => {
      assert(problems.length === 0, problems.join('\n'))
    })
  } catch (err) {
    run.fail(`desk-signing e2e aborted: ${err instanceof Error ? err.message : String(err)}`)
  } finally {
    await tearDown(started)
  }
  run.finish()
}

void main()
