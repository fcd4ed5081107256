// @vitest-environment jsdom
/// <reference types="node" />
/**
 * The specialist opens a request's scans and the supervisor's board reads the regional summary, in jsdom against a
 * real gateway process (test/renderer/features/inbox/preview-gateway.ts: SQLite, real signatures, a real PDF and PNG uploaded by the
 * operator). The preview's blob is captured through the injected object-URL port (jsdom has no createObjectURL) and
 * hashed, so the test proves the bytes shown are the bytes the operator sent.
 */
import { createHash } from 'node:crypto'
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { catalog } from '@shared/catalog'
import { ArmError } from '@shared/errors'
import { setLang } from '../../../../src-renderer/i18n/lang'
import { Gateway, type FetchPort } from '../../../../src-renderer/gateway/client'
import { providerApi } from '../../../../src-renderer/gateway/provider'
import { InboxDepsContext, type InboxDeps, type ObjectUrls } from '../../../../src-renderer/features/inbox/deps'
import { InboxScreen } from '../../../../src-renderer/features/inbox/InboxScreen'
import { boardTexts } from '../../../../src-renderer/features/supervision/texts'
import { textsNow } from '../../../../src-renderer/i18n/texts'
import { SupervisorDepsContext, SupervisorScreen, type SupervisorDeps } from '../../../../src-renderer/features/supervision/SupervisorScreen'
import { launch, type Launched } from '../../../support/gateway-process'
import type { PreviewFixture } from './preview-gateway'

let proc: Launched | undefined
let fx: PreviewFixture

beforeAll(async () => {
  proc = await launch({ command: ['test/renderer/features/inbox/preview-gateway.ts'], ready: /PREVIEW_TEST_GATEWAY (\{.*\})\n/, what: 'preview gateway', timeoutMs: 50_000 })
  fx = JSON.parse(proc.match[1]) as PreviewFixture
  act(() => setLang('ru'))
}, 60_000)
afterAll(async () => {
  await proc?.stop()
})
afterEach(cleanup)

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex')

/** Records every blob handed to the page and every revocation. */
function recorder() {
  const blobs = new Map<string, Blob>()
  const revoked: string[] = []
  let n = 0
  const urls: ObjectUrls = {
    create: (blob) => {
      const url = `blob:test/${++n}`
      blobs.set(url, blob)
      return url
    },
    revoke: (url) => void revoked.push(url),
  }
  return { urls, blobs, revoked }
}

function renderInbox(token: string, objectUrls: ObjectUrls, fetch?: FetchPort) {
  const deps: InboxDeps = {
    api: providerApi(new Gateway({ baseUrl: () => fx.url, token: () => token, fetch })),
    catalog,
    now: () => fx.now,
    objectUrls,
    signer: { listKeys: async () => [], sign: async () => ({ cms: '' }) },
  }
  return render(
    <InboxDepsContext.Provider value={deps}>
      <InboxScreen />
    </InboxDepsContext.Provider>,
  )
}

async function openRequest() {
  const row = await waitFor(() => {
    const r = screen.getAllByTestId('inbox-row').find((x) => x.getAttribute('data-reg-no') === fx.request.registrationNumber)
    expect(r).toBeTruthy()
    return r!
  })
  fireEvent.click(row)
  const table = screen.queryByTestId('inbox-table')
  if (!screen.queryByTestId('request-view') && table) fireEvent.keyDown(table, { key: 'Enter' })
  return screen.findByTestId('request-view')
}

async function blobBytes(b: Blob): Promise<Uint8Array> {
  // jsdom's Blob may lack arrayBuffer(); FileReader is always there.
  if (typeof b.arrayBuffer === 'function') return new Uint8Array(await b.arrayBuffer())
  return new Promise((ok, fail) => {
    const r = new FileReader()
    r.onload = () => ok(new Uint8Array(r.result as ArrayBuffer))
    r.onerror = () => fail(r.error)
    r.readAsArrayBuffer(b)
  })
}

describe('attachment preview (jsdom, real gateway)', () => {
  it('opens the PDF in an iframe and the photo in an img from blob: URLs with the signed bytes; buttons in the tab order; Esc closes the preview, not the request', async () => {
    const rec = recorder()
    renderInbox(fx.tokens.specialist, rec.urls)
    const view = await openRequest()
    const buttons = within(view).getAllByTestId('attachment-open')
    expect(buttons).toHaveLength(2)
    for (const b of buttons) {
      // Native buttons: in the tab order, Enter/Space activate them.
      expect(b.tagName).toBe('BUTTON')
      expect(b.getAttribute('tabindex')).not.toBe('-1')
    }

    buttons[0].focus()
    fireEvent.click(buttons[0])
    expect(buttons[0].getAttribute('aria-expanded')).toBe('true')
    const preview = await screen.findByTestId('attachment-preview')
    expect(preview.getAttribute('data-sha256')).toBe(fx.pdf)
    expect(document.activeElement).toBe(within(preview).getByTestId('attachment-close'))
    const frame = (await within(preview).findByTestId('attachment-frame')) as HTMLIFrameElement
    expect(frame.tagName).toBe('IFRAME')
    expect(frame.getAttribute('title')).toBeTruthy()
    const pdfUrl = frame.getAttribute('src')!
    const pdfBlob = rec.blobs.get(pdfUrl)!
    expect(pdfBlob.type).toBe('application/pdf')
    const pdfBytes = await blobBytes(pdfBlob)
    expect(sha(pdfBytes)).toBe(fx.pdf)
    expect(new TextDecoder().decode(pdfBytes.subarray(0, 5))).toBe('%PDF-')
    expect(within(preview).getByTestId('attachment-save').getAttribute('href')).toBe(pdfUrl)

    // Esc inside the preview closes it (revoking the URL) and gives the focus back; the request stays open.
    fireEvent.keyDown(within(preview).getByTestId('attachment-close'), { key: 'Escape' })
    await waitFor(() => expect(screen.queryByTestId('attachment-preview')).toBeNull())
    expect(rec.revoked).toContain(pdfUrl)
    expect(screen.getByTestId('request-view')).toBeTruthy()
    expect(document.activeElement).toBe(within(screen.getByTestId('request-view')).getAllByTestId('attachment-open')[0])

    fireEvent.click(within(screen.getByTestId('request-view')).getAllByTestId('attachment-open')[1])
    const img = (await screen.findByTestId('attachment-image')) as HTMLImageElement
    expect(img.tagName).toBe('IMG')
    expect(img.getAttribute('alt')).toBeTruthy()
    const pngBlob = rec.blobs.get(img.getAttribute('src')!)!
    expect(pngBlob.type).toBe('image/png')
    expect(sha(await blobBytes(pngBlob))).toBe(fx.png)
    expect(screen.queryByTestId('attachment-frame')).toBeNull()

    // Esc with the focus back in the request view (outside the preview) still goes back to the list.
    fireEvent.click(screen.getByTestId('attachment-close'))
    await waitFor(() => expect(screen.queryByTestId('attachment-preview')).toBeNull())
    expect(rec.revoked).toContain(img.getAttribute('src'))
  })

  it('refuses bytes that do not match the hash the request names (GW_HASH_MISMATCH), nothing reaches the page', async () => {
    const rec = recorder()
    // A tampering proxy between the page and the gateway: flips one byte of every attachment answer.
    const tamper: FetchPort = async (url, init) => {
      const res = await globalThis.fetch(url, init)
      if (!url.includes('/attachments/') || !res.ok) return res
      const bytes = new Uint8Array(await res.arrayBuffer())
      bytes[bytes.length - 1] ^= 0xff
      return new Response(bytes, { status: 200, headers: { 'content-type': res.headers.get('content-type') ?? '' } })
    }
    renderInbox(fx.tokens.specialist, rec.urls, tamper)
    const view = await openRequest()
    fireEvent.click(within(view).getAllByTestId('attachment-open')[0])
    const err = await screen.findByTestId('attachment-error')
    expect(err.getAttribute('data-code')).toBe('GW_HASH_MISMATCH')
    expect(rec.blobs.size).toBe(0)
    expect(screen.queryByTestId('attachment-frame')).toBeNull()
  })

  it('for a specialist of another department the scan does not exist (GW_ATTACHMENT_MISSING, as for an unknown hash)', async () => {
    const api = providerApi(new Gateway({ baseUrl: () => fx.url, token: () => fx.tokens.otherSpecialist }))
    const e = await api.attachment(fx.pdf).then(() => null, (x: unknown) => x)
    expect(e).toBeInstanceOf(ArmError)
    expect((e as ArmError).code).toBe('GW_ATTACHMENT_MISSING')
    const own = await providerApi(new Gateway({ baseUrl: () => fx.url, token: () => fx.tokens.specialist })).attachment(fx.png)
    expect(own.mediaType).toBe('image/png')
    expect(sha(own.bytes)).toBe(fx.png)
  })
})

function supervisorDeps(api: SupervisorDeps['api']): SupervisorDeps {
  return {
    api,
    catalog,
    now: () => fx.now,
    fonts: async () => ({ regular: new Uint8Array() }),
    verifier: { verify: async () => ({ indication: 'PASSED' }) },
    present: () => 'blob:unused',
  }
}
function renderBoard(deps: SupervisorDeps) {
  return render(
    <SupervisorDepsContext.Provider value={deps}>
      <SupervisorScreen />
    </SupervisorDepsContext.Provider>,
  )
}
const rowCount = (table: HTMLElement, key: string) => {
  const tr = table.querySelector(`tr[data-key="${key}"]`)
  return tr ? { count: Number(tr.getAttribute('data-count')), overdue: Number(tr.querySelectorAll('td')[2]?.textContent ?? 'NaN') } : null
}

describe('supervisor board from GET /supervision/summary (jsdom, real gateway)', () => {
  it('counts the whole region — also the department the supervisor’s inbox does not show — with overdue requests', async () => {
    const api = providerApi(new Gateway({ baseUrl: () => fx.url, token: () => fx.tokens.supervisor }))
    renderBoard(supervisorDeps(api))
    const totals = await screen.findByTestId('board-totals')
    await waitFor(() => expect(totals.getAttribute('data-source')).toBe('region'))
    const summary = await api.supervisionSummary()
    // The supervisor's own inbox holds only the education request; the board shows the social ones too.
    expect((await api.inbox()).items.every((i) => i.departmentId === 'akimat-astana-education')).toBe(true)
    const dept = screen.getByTestId('board-department')
    expect(rowCount(dept, 'akimat-astana-social')).toEqual({ count: 2, overdue: 2 })
    expect(rowCount(dept, 'akimat-astana-education')).toEqual({ count: 1, overdue: 1 })
    expect(rowCount(screen.getByTestId('board-tson'), 'tson-astana-1')).toEqual({ count: 3, overdue: 3 })
    expect(screen.getByTestId('board-status').querySelector('tr[data-key="REGISTERED"]')?.getAttribute('data-count')).toBe('3')
    expect(totals.getAttribute('data-total')).toBe(String(summary.total.count))
    expect(totals.getAttribute('data-overdue')).toBe('3')
    expect(screen.getByTestId('board-source').textContent).toBe(textsNow(boardTexts, 'ru').regionNote)
  })

  it('falls back to the own department’s counts and says so when the summary is refused', async () => {
    const real = providerApi(new Gateway({ baseUrl: () => fx.url, token: () => fx.tokens.supervisor }))
    // A specialist's token for the summary: the gateway answers GW_FORBIDDEN.
    const refused = providerApi(new Gateway({ baseUrl: () => fx.url, token: () => fx.tokens.specialist }))
    await expect(refused.supervisionSummary()).rejects.toMatchObject({ code: 'GW_FORBIDDEN' })
    const api: SupervisorDeps['api'] = { inbox: (q) => real.inbox(q), status: (r) => real.status(r), result: (r) => real.result(r), supervisionSummary: () => refused.supervisionSummary() }
    renderBoard(supervisorDeps(api))
    const totals = await screen.findByTestId('board-totals')
    await waitFor(() => expect(screen.getByTestId('board-source').textContent).toBe(textsNow(boardTexts, 'ru').summaryFallback))
    expect(totals.getAttribute('data-source')).toBe('department')
    expect(rowCount(screen.getByTestId('board-department'), 'akimat-astana-social')).toBeNull()
    expect(rowCount(screen.getByTestId('board-department'), 'akimat-astana-education')?.count).toBe(1)
  })
})
