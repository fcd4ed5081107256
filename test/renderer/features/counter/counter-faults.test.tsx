// @vitest-environment jsdom
/**
 * The counter's faults (issue 11 point 7) on the screen itself: a result whose signature fails verification is shown
 * as failed with the coded, translated message and offers no Print (nothing is recorded at the gateway); no printer is
 * COUNTER_NO_PRINTER in the reader's language and the request stays as it was (Print and Hand over still offered); a
 * refusal without its text is RESULT_REFUSAL_REASON_MISSING, still handed over. The real screen, documents and
 * renderer; the gateway, main's verifier and the printer are stand-ins answering as the test says.
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { bytesToBase64 } from '../../../../src-shared/bytes'
import { catalog } from '../../../../src-shared/catalog'
import { canonicalJsonBytes } from '../../../../src-shared/envelope'
import { ArmError, ERRORS } from '../../../../src-shared/errors'
import type { CounterItem, CounterResultResponse } from '../../../../src-shared/gateway/api'
import { defaultTemplate, sampleDocument } from '../../../../src-shared/results'
import { CounterScreen } from '../../../../src-renderer/features/counter/CounterScreen'
import { CounterDepsContext, type CounterDeps } from '../../../../src-renderer/features/counter/deps'
import type { SignatureFacts } from '../../../../src-renderer/features/counter/documents'
import { setLang } from '../../../../src-renderer/i18n/lang'
import { counterTexts } from '../../../../src-renderer/features/counter/texts'

const FONT = new Uint8Array(readFileSync(path.resolve(__dirname, '../../../../resources/fonts/DejaVuSans.ttf')))
const service = catalog.find('akimat.preschool-queue')!
const REG = 'GW-20261207-000042'

function item(over: Partial<CounterItem> = {}): CounterItem {
  return { requestId: 'r-1', registrationNumber: REG, serviceId: service.id, status: 'RESULT_READY', state: 'ready', receivedAt: '2026-12-07T05:00:00.000Z', applicantMasked: '8307******67', resultKind: 'result', decidedAt: '2026-12-07T09:15:00.000Z', ...over }
}

function resultOf(doc: object, kind: 'result' | 'refusal' = 'result'): CounterResultResponse['result'] {
  return { registrationNumber: REG, kind, document: bytesToBase64(canonicalJsonBytes(doc)), mediaType: 'application/json', signature: 'AAAA', decidedAt: '2026-12-07T09:15:00.000Z', signedBy: 'specialist' }
}

interface Setup {
  it: CounterItem
  result: CounterResultResponse['result']
  check: SignatureFacts
  printer?: () => Promise<void>
}

function deps(s: Setup) {
  const calls: string[] = []
  const printed: string[] = []
  const d: CounterDeps = {
    gateway: {
      call: (async (name: string) => {
        calls.push(name)
        if (name === 'counterResults') return { items: [s.it] }
        if (name === 'counterResult') return { item: s.it, result: s.result, prints: [] }
        if (name === 'counterPrint') return { ok: true }
        if (name === 'counterHandOver') return { ok: true }
        throw new Error(`unexpected ${name}`)
      }) as unknown as CounterDeps['gateway']['call'],
    },
    catalog,
    verifier: { verify: async () => s.check },
    fonts: async () => ({ regular: FONT }),
    printer: { print: async (_pdf, title) => (printed.push(title), s.printer?.()) },
    localRequests: async () => [],
    operator: () => ({ name: 'Асанова Айгерим', tsonId: 'tson-1' }),
    refreshMs: 60_000,
  }
  return { d, calls, printed }
}

async function open(s: Setup) {
  const x = deps(s)
  render(
    <CounterDepsContext.Provider value={x.d}>
      <CounterScreen />
    </CounterDepsContext.Provider>,
  )
  fireEvent.click(await screen.findByTestId('counter-open'))
  await waitFor(() => expect(screen.getByTestId('signature-verdict').getAttribute('data-status')).not.toBe('checking'))
  return x
}

const resultDoc = () => ({ ...sampleDocument(service, defaultTemplate(service, 'result')!), registrationNumber: REG })

beforeEach(() => setLang('ru'))
afterEach(() => cleanup())

describe('counter faults on screen', () => {
  it('a signature that fails verification is shown as failed, coded and translated, and cannot be printed', async () => {
    const x = await open({ it: item(), result: resultOf(resultDoc()), check: { indication: 'FAILED', subIndication: 'HASH_FAILURE' } })
    expect(screen.getByTestId('signature-verdict').getAttribute('data-status')).toBe('failed')
    expect(screen.getByTestId('signature-verdict').textContent).toContain('HASH_FAILURE')
    const problem = screen.getByTestId('counter-error')
    expect(problem.getAttribute('data-code')).toBe('RESULT_SIGNATURE_INVALID')
    expect(problem.textContent).toContain(ERRORS.RESULT_SIGNATURE_INVALID.ru)
    expect(screen.queryByTestId('counter-print')).toBeNull()
    expect(screen.queryByTestId('counter-paper')).toBeNull()
    expect(x.calls).not.toContain('counterPrint')
    expect(x.printed).toEqual([])
  })

  it('no printer: COUNTER_NO_PRINTER in the reader’s language; the request stays ready to print again and to hand over', async () => {
    setLang('kk')
    const x = await open({ it: item(), result: resultOf(resultDoc()), check: { indication: 'PASSED', signerName: 'Беков Ерлан' }, printer: async () => { throw new ArmError('COUNTER_NO_PRINTER', 'no printers installed') } })
    await act(async () => fireEvent.click(screen.getByTestId('counter-print')))
    const problem = await screen.findByTestId('counter-error')
    expect(problem.getAttribute('data-code')).toBe('COUNTER_NO_PRINTER')
    expect(problem.textContent).toContain(ERRORS.COUNTER_NO_PRINTER.kk)
    expect(x.printed).toHaveLength(1)
    expect(screen.getByTestId('counter-print')).toBeTruthy()
    expect(screen.getByTestId('counter-hand-over')).toBeTruthy()
    expect(screen.getByTestId('counter-paper').textContent).toContain(REG)
  })

  it('a refusal without its text: RESULT_REFUSAL_REASON_MISSING, never printed; it can still be handed over', async () => {
    const t = defaultTemplate(service, 'refusal')!
    const refusal = { ...sampleDocument(service, t), registrationNumber: REG }
    const empty = { ...refusal, refusal: { code: refusal.refusal!.code, text: '' } }
    const x = await open({ it: item({ status: 'REFUSED', state: 'refused', resultKind: 'refusal' }), result: resultOf(empty, 'refusal'), check: { indication: 'PASSED' } })
    const problem = screen.getByTestId('counter-error')
    expect(problem.getAttribute('data-code')).toBe('RESULT_REFUSAL_REASON_MISSING')
    expect(problem.textContent).toContain(ERRORS.RESULT_REFUSAL_REASON_MISSING.ru)
    expect(screen.queryByTestId('counter-print')).toBeNull()
    fireEvent.click(screen.getByTestId('counter-hand-over'))
    await act(async () => fireEvent.click(await screen.findByTestId('survey-skip')))
    expect(x.calls).toContain('counterHandOver')
    expect(x.calls).not.toContain('counterPrint')
  })

  it.each(['kk', 'ru', 'en'] as const)('offline (%s): the empty list says it cannot be loaded now and what to do, never “no requests”', async (lang) => {
    setLang(lang)
    const x = deps({ it: item(), result: undefined, check: { indication: 'PASSED' } })
    x.d.gateway.call = (async () => {
      throw new ArmError('GATEWAY_UNREACHABLE', 'fetch failed')
    }) as unknown as CounterDeps['gateway']['call']
    render(
      <CounterDepsContext.Provider value={x.d}>
        <CounterScreen />
      </CounterDepsContext.Provider>,
    )
    const cell = await screen.findByTestId('counter-list-empty')
    await waitFor(() => expect(cell.getAttribute('data-state')).toBe('failed'))
    expect(cell.textContent).toBe(counterTexts[lang].listOffline)
    expect(cell.textContent).not.toContain(counterTexts[lang].empty)
    expect(screen.getByTestId('counter-error').getAttribute('data-code')).toBe('GATEWAY_UNREACHABLE')
    // the words lead; the code follows as the reference for support
    expect(screen.getByTestId('counter-error').textContent).toMatch(new RegExp(`^${ERRORS.GATEWAY_UNREACHABLE[lang].slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`))
  })
})
