// @vitest-environment jsdom
/// <reference types="node" />
/**
 * The specialist's inbox and the supervisor's board in jsdom against the real gateway (createGateway on a loopback
 * port, SQLite, real signature checks) with a clock the test sets: deadline marks, default sort, filters by button
 * and by key, header sort, keyboard opening, decision validation, a foreign signature refused, a signed refusal;
 * then the board, print result and the survey. Signing uses the demo keys (src-shared/crypto CAdES in the gateway's
 * test process), standing in for main's crypto.sign.
 */
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { catalog } from '@shared/catalog'
import { deadline } from '@shared/calendar'
import { bytesToBase64 } from '@shared/envelope'
import { ERRORS } from '@shared/errors'
import { setLang } from '../../../../src-renderer/i18n/lang'
import { Gateway } from '../../../../src-renderer/gateway/client'
import { providerApi } from '../../../../src-renderer/gateway/provider'
import { InboxDepsContext, type InboxDeps } from '../../../../src-renderer/features/inbox/deps'
import { InboxScreen } from '../../../../src-renderer/features/inbox/InboxScreen'
import { SupervisorDepsContext, SupervisorScreen, type SupervisorDeps } from '../../../../src-renderer/features/supervision/SupervisorScreen'
import { IIN } from '../../../support/gateway-helpers'
import { launch, type Launched } from '../../../support/gateway-process'

const SERVICE = catalog.get('akimat.preschool-queue')
const H = 3_600_000
const T0 = Date.parse('2026-12-14T05:00:00Z') // Monday, 10:00 in Astana
const DUE_A = deadline(new Date(T0), SERVICE.terms.regulated).getTime()
const NOW = DUE_A + H
const FONTS = resolve(__dirname, '../../../../src-renderer/features/supervision/fonts')

/** The real gateway in its own process (test/renderer/features/inbox/gateway-process.ts) and its control endpoint. */
let proc: Launched | undefined
const gw = { url: '', control: '' }
async function ctl<T>(path: string, body: unknown = {}): Promise<T> {
  const res = await fetch(gw.control + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  const json = (await res.json()) as T & { error?: string }
  if (!res.ok) throw new Error(`${path}: ${json.error}`)
  return json
}
const reqs: Record<'a' | 'b' | 'c', { requestId: string; registrationNumber: string }> = {} as never
let specialistToken = ''
const signed: string[] = []

beforeAll(async () => {
  proc = await launch({ command: ['test/renderer/features/inbox/gateway-process.ts', String(T0)], ready: /INBOX_TEST_GATEWAY (\S+) (\S+)/, what: 'inbox test gateway', timeoutMs: 50_000 })
  gw.url = proc.match[1]
  gw.control = proc.match[2]
  reqs.a = await ctl('/submit')
  await ctl('/clock', { at: T0 + 24 * H })
  reqs.b = await ctl('/submit')
  await ctl('/clock', { at: T0 + 96 * H })
  reqs.c = await ctl('/submit')
  await ctl('/clock', { at: NOW })
  specialistToken = (await ctl<{ token: string }>('/token', { kind: 'specialist' })).token
  const taken = await ctl<{ status: number }>('/post', { path: `/api/v1/inbox/${reqs.c.requestId}/take`, token: specialistToken })
  expect(taken.status).toBe(200)
  act(() => setLang('ru'))
})
afterAll(async () => {
  await proc?.stop()
})
afterEach(cleanup)

function inboxDeps(): InboxDeps {
  return {
    api: providerApi(new Gateway({ baseUrl: () => gw.url, token: () => specialistToken })),
    catalog,
    now: () => NOW,
    signer: {
      listKeys: async () => [
        // Main's certificate facts, as it reads them from the demo .p12 files: the preselection reads only these.
        { keyRef: 'op', label: 'operator-sign.p12', purposes: ['SIGN'], facts: { iin: '830717350867', purposes: ['SIGN'], notBefore: '2026-01-01T00:00:00Z', notAfter: '2031-01-01T00:00:00Z' } },
        { keyRef: 'sp', label: 'specialist-sign.p12', purposes: ['SIGN'], facts: { iin: '871008401427', purposes: ['SIGN'], notBefore: '2026-01-01T00:00:00Z', notAfter: '2031-01-01T00:00:00Z' } },
      ],
      sign: async (bytes, opts) => {
        signed.push(opts.keyRef ?? '')
        return ctl<{ cms: string }>('/sign', { key: opts.keyRef === 'sp' ? 'specialist-sign' : 'operator-sign', content: bytesToBase64(bytes) })
      },
    },
  }
}

function renderInbox() {
  return render(
    <InboxDepsContext.Provider value={inboxDeps()}>
      <InboxScreen />
    </InboxDepsContext.Provider>,
  )
}

const rowRegs = () => screen.queryAllByTestId('inbox-row').map((r) => r.getAttribute('data-reg-no'))

describe('specialist inbox (jsdom, real gateway)', () => {
  it('marks overdue / near / on time from the regulated deadline, most urgent first, applicant masked', async () => {
    renderInbox()
    await waitFor(() => expect(screen.getAllByTestId('inbox-row')).toHaveLength(3))
    expect(rowRegs()).toEqual([reqs.a.registrationNumber, reqs.b.registrationNumber, reqs.c.registrationNumber])
    expect(screen.getAllByTestId('inbox-row').map((r) => r.getAttribute('data-mark'))).toEqual(['overdue', 'near', 'ok'])
    const first = screen.getAllByTestId('inbox-row')[0]
    expect(within(first).getByTestId('row-left').textContent).toMatch(/^просрочен на \d+ мин$|^просрочен на 0 д 1 ч$/)
    expect(within(first).getByTestId('row-applicant').textContent).toBe('8307******67')
    expect(within(first).getByText(SERVICE.shortName.ru)).toBeTruthy()
    expect(within(screen.getAllByTestId('inbox-row')[2]).getByText('я')).toBeTruthy()
  })

  it('filters by button and by keys 1–4; header click sorts both ways', async () => {
    renderInbox()
    await waitFor(() => expect(screen.getAllByTestId('inbox-row')).toHaveLength(3))
    const table = screen.getByTestId('inbox-table')
    fireEvent.keyDown(table, { key: '2' })
    expect(rowRegs()).toEqual([reqs.c.registrationNumber])
    fireEvent.keyDown(table, { key: '3' })
    expect(rowRegs()).toEqual([reqs.a.registrationNumber, reqs.b.registrationNumber])
    fireEvent.click(screen.getByTestId('inbox-filter-overdue'))
    expect(rowRegs()).toEqual([reqs.a.registrationNumber])
    expect(screen.getByTestId('inbox-filter-overdue').getAttribute('aria-checked')).toBe('true')
    fireEvent.keyDown(table, { key: '1' })
    fireEvent.click(screen.getByTestId('sort-registrationNumber'))
    expect(rowRegs()).toEqual([reqs.a, reqs.b, reqs.c].map((r) => r.registrationNumber))
    fireEvent.click(screen.getByTestId('sort-registrationNumber'))
    expect(rowRegs()).toEqual([reqs.c, reqs.b, reqs.a].map((r) => r.registrationNumber))
  })

  it('keyboard opens a request; the decision form validates, a foreign key is refused (GW_SIGNER_MISMATCH), the specialist key refuses the request', async () => {
    renderInbox()
    await waitFor(() => expect(screen.getAllByTestId('inbox-row')).toHaveLength(3))
    const table = screen.getByTestId('inbox-table')
    fireEvent.keyDown(table, { key: 'ArrowDown' })
    fireEvent.keyDown(table, { key: 'ArrowDown' })
    fireEvent.keyDown(table, { key: 'ArrowDown' })
    expect(screen.getAllByTestId('inbox-row')[2].getAttribute('aria-selected')).toBe('true')
    fireEvent.keyDown(table, { key: 'Enter' })
    await screen.findByTestId('request-view')
    expect(screen.getByTestId('request-applicant').textContent).toBe(IIN.operator)
    const childLabel = SERVICE.fields.find((f) => f.id === 'childIin')?.label.ru
    if (childLabel) expect(within(screen.getByTestId('request-form')).getByText(childLabel)).toBeTruthy()
    await screen.findByTestId('taken-by-me')
    await waitFor(() => expect((screen.getByTestId('decision-key') as HTMLSelectElement).value).toBe('sp'))

    // The service's refusal form (the preschool refusal names the child and the head of the department).
    fireEvent.change(screen.getByTestId('decision-template'), { target: { value: 'refusal-form' } })
    fireEvent.click(screen.getByTestId('decision-sign'))
    await screen.findByTestId('decision-fix')
    expect(screen.getByTestId('decision-error-reasonCode').getAttribute('data-code')).toBe('FIELD_REQUIRED')
    expect(screen.getByTestId('decision-error-reasonText').getAttribute('data-code')).toBe('FIELD_REQUIRED')
    expect(screen.getByTestId('decision-error-reasonTextKk').getAttribute('data-code')).toBe('FIELD_REQUIRED')
    expect(screen.getByTestId('decision-error-headFio').getAttribute('data-code')).toBe('FIELD_REQUIRED')
    fireEvent.change(screen.getByTestId('decision-ground'), { target: { value: 'M4' } })
    fireEvent.change(screen.getByTestId('decision-reason-text'), { target: { value: 'нечитаемо' } })
    fireEvent.change(screen.getByTestId('decision-field-childFio'), { target: { value: 'Ахметов Алихан Нурланович' } })
    fireEvent.change(screen.getByTestId('decision-field-headFio'), { target: { value: 'Жумабаев Ерлан Кайратович' } })
    expect(screen.queryByTestId('decision-error-reasonCode')).toBeNull()
    expect(screen.getByTestId('decision-error-reasonText').getAttribute('data-code')).toBe('FIELD_TOO_SHORT')
    expect(signed).toEqual([])

    fireEvent.change(screen.getByTestId('decision-reason-text'), { target: { value: 'Свидетельство о рождении нечитаемо' } })
    expect(screen.getByTestId('decision-error-reasonTextKk').getAttribute('data-code')).toBe('FIELD_REQUIRED')
    fireEvent.change(screen.getByTestId('decision-reason-text-kk'), { target: { value: 'Баланың туу туралы куәлігі оқылмайды' } })
    fireEvent.change(screen.getByTestId('decision-key'), { target: { value: 'op' } })
    fireEvent.click(screen.getByTestId('decision-sign'))
    const err = await screen.findByTestId('decision-error', {}, { timeout: 10_000 })
    expect(err.getAttribute('data-code')).toBe('GW_SIGNER_MISMATCH')
    expect(err.textContent).toContain(ERRORS.GW_SIGNER_MISMATCH.ru)

    fireEvent.change(screen.getByTestId('decision-key'), { target: { value: 'sp' } })
    fireEvent.click(screen.getByTestId('decision-sign'))
    await screen.findByTestId('decided', {}, { timeout: 10_000 })
    expect(screen.getByTestId('request-view').getAttribute('data-status')).toBe('REFUSED')
    expect(signed).toEqual(['op', 'sp'])
    signed.length = 0
    fireEvent.keyDown(window, { key: 'Escape' })
    await screen.findByTestId('inbox-table')
    await waitFor(() => expect(screen.getAllByTestId('inbox-row').find((r) => r.getAttribute('data-reg-no') === reqs.c.registrationNumber)?.getAttribute('data-status')).toBe('REFUSED'))
  })
})

describe('specialist result (jsdom, real gateway)', () => {
  it('take by button, result form: text required, numbers only in number fields; signed result → RESULT_READY', async () => {
    renderInbox()
    await waitFor(() => expect(screen.getAllByTestId('inbox-row')).toHaveLength(3))
    const row = screen.getAllByTestId('inbox-row').find((r) => r.getAttribute('data-reg-no') === reqs.b.registrationNumber)!
    fireEvent.doubleClick(row)
    fireEvent.click(await screen.findByTestId('take'))
    await screen.findByTestId('taken-by-me', {}, { timeout: 10_000 })
    await waitFor(() => expect((screen.getByTestId('decision-key') as HTMLSelectElement).value).toBe('sp'))
    // Not the first template: the queue notice. The parent's name comes from ГБД ФЛ, the specialist's from the session.
    await waitFor(() => expect(screen.getByTestId('decision-form').getAttribute('data-prefill')).toBe('done'))
    fireEvent.change(screen.getByTestId('decision-template'), { target: { value: 'queue-notice' } })
    expect((screen.getByTestId('decision-field-parentFio') as HTMLInputElement).value).not.toBe('')
    expect((screen.getByTestId('decision-field-specialistFio') as HTMLInputElement).value).toBe('Беков Ерлан')
    fireEvent.change(screen.getByTestId('decision-field-queueNo'), { target: { value: '12a' } })
    fireEvent.click(screen.getByTestId('decision-sign'))
    await screen.findByTestId('decision-fix')
    expect(screen.getByTestId('decision-error-queueNo').getAttribute('data-code')).toBe('NUMBER_FORMAT')
    // The child comes from the request (ГБД ФЛ by the child's ИИН, else the name the ЦОН recorded).
    expect((screen.getByTestId('decision-field-childFio') as HTMLInputElement).value).not.toBe('')
    fireEvent.change(screen.getByTestId('decision-field-queueNo'), { target: { value: '318' } })
    expect(screen.queryByTestId('decision-error-queueNo')).toBeNull()
    fireEvent.click(screen.getByTestId('decision-sign'))
    await screen.findByTestId('decided', {}, { timeout: 10_000 })
    expect(screen.getByTestId('request-view').getAttribute('data-status')).toBe('RESULT_READY')
  })
})

describe('supervisor board (jsdom, real gateway)', () => {
  it('counts, overdue list, print result as PDF; no survey kept on the desk (it is answered at hand-over, stored at the gateway)', async () => {
    const supToken = (await ctl<{ token: string }>('/token', { kind: 'supervisor' })).token
    const presented: Array<{ pdf: Uint8Array; name: string }> = []
    const deps: SupervisorDeps = {
      api: providerApi(new Gateway({ baseUrl: () => gw.url, token: () => supToken })),
      catalog,
      now: () => NOW,
      fonts: async () => ({ regular: new Uint8Array(readFileSync(join(FONTS, 'DejaVuSans.ttf'))), bold: new Uint8Array(readFileSync(join(FONTS, 'DejaVuSans-Bold.ttf'))) }),
      // main's verifier is tested with the bridge; here every signature the real gateway stored counts as verified.
      verifier: { verify: async () => ({ indication: 'PASSED', signerName: 'Беков Ерлан' }) },
      present: (pdf, name) => {
        presented.push({ pdf, name })
        return 'blob:test'
      },
    }
    render(
      <SupervisorDepsContext.Provider value={deps}>
        <SupervisorScreen />
      </SupervisorDepsContext.Provider>,
    )
    const status = await screen.findByTestId('board-status')
    const count = (key: string) => status.querySelector(`tr[data-key="${key}"]`)?.getAttribute('data-count')
    expect([count('REGISTERED'), count('RESULT_READY'), count('REFUSED')]).toEqual(['1', '1', '1'])
    expect(screen.getByTestId('board-tson').querySelector('tr[data-key="tson-astana-1"]')?.getAttribute('data-count')).toBe('3')
    const overdue = screen.getByTestId('overdue-list')
    expect([...overdue.querySelectorAll('tr')].map((r) => r.getAttribute('data-reg-no'))).toEqual([reqs.a.registrationNumber])

    const decidedRow = screen.getAllByTestId('decided-row').find((r) => r.getAttribute('data-reg-no') === reqs.c.registrationNumber)!
    fireEvent.click(within(decidedRow).getByTestId('print-result'))
    await within(decidedRow).findByTestId('print-link', {}, { timeout: 15_000 })
    expect(presented).toHaveLength(1)
    expect(presented[0].name).toBe(`result-${reqs.c.registrationNumber}.pdf`)
    expect(new TextDecoder().decode(presented[0].pdf.subarray(0, 5))).toBe('%PDF-')

    // The board has no survey of its own: nothing of it in the desk's storage.
    expect(within(decidedRow).queryByTestId('open-survey')).toBeNull()
    expect(Object.keys(window.localStorage).filter((k) => k.includes('survey'))).toEqual([])
  })
})
