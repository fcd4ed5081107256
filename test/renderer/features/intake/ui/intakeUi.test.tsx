// @vitest-environment jsdom
/// <reference types="node" />
import { setLang } from '../../../../../src-renderer/i18n/lang'
import 'fake-indexeddb/auto'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PDFDocument } from '@cantoo/pdf-lib'
import type { AddressInfo } from 'node:net'
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { catalog } from '@shared/catalog'
import { ERRORS } from '@shared/errors'
import { ArmDb } from '../../../../../src-renderer/db'
import { Gateway } from '../../../../../src-renderer/gateway/client'
import { OutboxService } from '../../../../../src-renderer/sync/OutboxService'
import { dexieDraftStore } from '../../../../../src-renderer/features/intake/core/dexieDraftStore'
import { SignAndQueue } from '../../../../../src-renderer/features/intake/core/signAndQueue'
import { IntakeDepsContext, type IntakeDeps } from '../../../../../src-renderer/features/intake/ui/deps'
import { IntakeScreen } from '../../../../../src-renderer/features/intake/ui/IntakeScreen'

/**
 * The intake screens in jsdom with the real catalogue, real Dexie (fake-indexeddb), the real OutboxService and the
 * typed gateway client over HTTP to a stand-in that answers the agreed registry routes.
 */
const PERSON = '871008401427'
const NOBODY = '840731400431' // valid check digit, not in the stand-in's ГБД ФЛ
let server: Server
let pngBytes: Uint8Array
let pdfBytes: Uint8Array
let base = ''
let offline = false

beforeAll(async () => {
  const doc = await PDFDocument.create()
  doc.addPage([100, 140])
  doc.addPage([100, 140])
  pdfBytes = await doc.save()
  const dir = mkdtempSync(join(tmpdir(), 'arm-ui-'))
  writeFileSync(join(dir, 'a.pdf'), pdfBytes)
  execFileSync('pdftoppm', ['-png', '-r', '10', '-singlefile', join(dir, 'a.pdf'), join(dir, 'a')])
  pngBytes = new Uint8Array(readFileSync(join(dir, 'a.png')))
  server = createServer((req, res) => {
    const send = (status: number, json: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json', 'access-control-allow-origin': '*' })
      res.end(JSON.stringify(json))
    }
    if (req.url === `/api/v1/registry/persons/${PERSON}`)
      return send(200, {
        iin: PERSON,
        name: { kk: { lastName: 'Беков', firstName: 'Ерлан' }, ru: { lastName: 'Беков', firstName: 'Ерлан' } },
        birthDate: '1987-10-08',
        sex: 'M',
        citizenship: 'KZ',
        address: { kk: 'Астана қ., Абай даңғылы, 10', ru: 'г. Астана, проспект Абая, 10' },
      })
    if (req.url?.startsWith('/api/v1/registry/persons/')) return send(404, { code: 'REGISTRY_PERSON_NOT_FOUND', message: 'no such person' })
    if (req.url?.startsWith('/api/v1/registry/powers-of-attorney/POA-77?'))
      return send(200, { number: 'POA-77', principalIin: PERSON, agentIin: '760212350620', notary: 'Нотариус', issuedAt: '2026-01-10', validUntil: '2027-01-10', scope: ['land'], revoked: false })
    if (req.url?.startsWith('/api/v1/registry/powers-of-attorney/')) return send(404, { code: 'REGISTRY_POA_NOT_FOUND', message: 'no POA' })
    send(404, { code: 'GW_NOT_FOUND', message: 'x' })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((r) => server.close(() => r())))

let db: ArmDb
let n = 0
function deps(): IntakeDeps {
  db = new ArmDb(`ui-${Math.random().toString(36).slice(2)}`)
  const store = dexieDraftStore(db)
  const outbox = new OutboxService({ db, clock: { now: () => Date.now(), sleep: async () => {} } })
  const signer = new SignAndQueue({ store, outbox, signer: { sign: async (b) => ({ cms: btoa(`cms-over-${b.length}`) }) } })
  return {
    catalog,
    gateway: new Gateway({ baseUrl: () => base, token: () => null }),
    store,
    signer,
    operator: () => ({ iin: '830717350867', tsonId: 'tson-astana-1', channel: 'tson' }),
    offline: () => offline,
    newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
    now: () => Date.now(),
    recentRequests: async () => (await db.requests.toArray()).map((r) => ({ ...r })),
    recordRejection: async (p) => {
      await db.requests.put({ id: p.draftId, serviceId: p.serviceId, state: 'rejected', documentHashes: [], applicantMasked: p.applicantMasked, createdAt: 1, updatedAt: 1 })
    },
  }
}

function renderScreen(d = deps()) {
  render(
    <>
      <IntakeDepsContext.Provider value={d}>
        <IntakeScreen />
      </IntakeDepsContext.Provider>
    </>,
  )
  return d
}

beforeEach(async () => {
  offline = false
  await act(async () => {
    setLang('kk')
  })
})
afterEach(() => {
  cleanup()
  // the screen polls the DB; databases are unique per test and left open
})

async function openService(query: string, id: string) {
  const search = screen.getByTestId('service-search')
  fireEvent.change(search, { target: { value: query } })
  const list = screen.getByRole('listbox')
  const options = within(list).getAllByRole('option')
  const idx = options.findIndex((o) => o.getAttribute('data-service-id') === id)
  expect(idx).toBeGreaterThanOrEqual(0)
  for (let i = 0; i < idx; i++) fireEvent.keyDown(search, { key: 'ArrowDown' })
  expect(options[idx].getAttribute('aria-selected')).toBe('true')
  fireEvent.keyDown(search, { key: 'Enter' })
  await screen.findByTestId('intake-form')
}

describe('service picker', () => {
  it('finds services by Kazakh and Russian name, by provider and by life situation; keyboard opens the form', async () => {
    renderScreen()
    const search = screen.getByTestId('service-search')
    const all = within(screen.getByRole('listbox')).getAllByRole('option').map((o) => o.getAttribute('data-service-id'))
    // 18 services, of which marriage registration and home support of disabled children have no ЦОН channel
    expect(all).toHaveLength(16)
    expect(all).not.toContain('zags.marriage-application')
    fireEvent.change(search, { target: { value: 'мұрағат' } })
    expect(within(screen.getByRole('listbox')).getAllByRole('option')[0].getAttribute('data-service-id')).toBe('archive.certificate')
    fireEvent.change(search, { target: { value: 'безработным' } })
    expect(within(screen.getByRole('listbox')).getAllByRole('option')[0].getAttribute('data-service-id')).toBe('akimat.unemployed-certificate')
    fireEvent.change(search, { target: { value: 'земельный участок' } })
    const land = within(screen.getByRole('listbox')).getAllByRole('option').map((o) => o.getAttribute('data-service-id'))
    expect(land.filter((x) => x?.startsWith('land.')).length).toBe(4)
    await openService('архив', 'archive.certificate')
    expect(screen.getByTestId('intake-form').getAttribute('data-service-id')).toBe('archive.certificate')
  })
})

describe('intake form', () => {
  it('shows the ИИН check-digit error in Kazakh, then in Russian after switching language', async () => {
    renderScreen()
    await openService('жұмыссыз', 'akimat.unemployed-certificate')
    const iin = screen.getByTestId('field-applicantIin').querySelector('input')!
    fireEvent.change(iin, { target: { value: '871008401428' } }) // last digit wrong
    fireEvent.blur(iin)
    const err = await screen.findByTestId('error-applicantIin')
    expect(err.textContent).toBe(ERRORS.IIN_CHECKSUM.kk)
    await act(async () => {
      setLang('ru')
    })
    expect(screen.getByTestId('error-applicantIin').textContent).toBe(ERRORS.IIN_CHECKSUM.ru)
  })

  it('autofills the consumer from ГБД ФЛ and keeps the draft in Dexie as it is typed', async () => {
    const d = renderScreen()
    await openService('жұмыссыз', 'akimat.unemployed-certificate')
    const iin = screen.getByTestId('field-applicantIin').querySelector('input')!
    fireEvent.change(iin, { target: { value: PERSON } })
    fireEvent.blur(iin)
    fireEvent.click(screen.getByTestId('autofill-gbdfl'))
    await screen.findByTestId('check-verified')
    const name = screen.getByTestId('field-applicantFullName').querySelector('input')!
    expect(name.value).toBe('Беков Ерлан')
    expect(name.readOnly).toBe(true)
    await waitFor(async () => {
      const drafts = await d.store.list()
      expect(drafts[0]?.fields.applicantIin).toBe(PERSON)
      expect(drafts[0]?.fields.applicantFullName).toBe('Беков Ерлан')
      expect(drafts[0]?.applicantCheck.state).toBe('verified')
    })
  })

  it('takes the «нет данных в ГБД ФЛ» refusal path and records the rejection', async () => {
    const d = renderScreen()
    await openService('жұмыссыз', 'akimat.unemployed-certificate')
    const iin = screen.getByTestId('field-applicantIin').querySelector('input')!
    fireEvent.change(iin, { target: { value: NOBODY } })
    fireEvent.click(screen.getByTestId('autofill-gbdfl'))
    await screen.findByTestId('refusal-m3')
    expect((screen.getByTestId('sign-and-send') as HTMLButtonElement).disabled).toBe(true)
    fireEvent.click(screen.getByTestId('refuse-m3'))
    await screen.findByTestId('intake-refused')
    const reqs = await d.recentRequests!()
    expect(reqs.map((r) => r.state)).toEqual(['rejected'])
    expect(reqs[0].applicantMasked).not.toContain(NOBODY)
    expect(await d.store.list()).toHaveLength(0)
  })

  it('offline: the registry check is marked "not yet verified" and the operator continues', async () => {
    offline = true
    renderScreen()
    await openService('жұмыссыз', 'akimat.unemployed-certificate')
    const iin = screen.getByTestId('field-applicantIin').querySelector('input')!
    fireEvent.change(iin, { target: { value: PERSON } })
    fireEvent.click(screen.getByTestId('autofill-gbdfl'))
    const mark = await screen.findByTestId('check-unverified')
    expect(mark.textContent).toContain('тексерілмеген')
  })

  it('renders list fields (minor children) with per-cell coded errors', async () => {
    renderScreen()
    await openService('', 'akimat.minor-deposits-certificate')
    fireEvent.click(screen.getByTestId('add-children'))
    const cell = document.querySelector('[data-field="children.0.iin"]') as HTMLInputElement
    fireEvent.change(cell, { target: { value: '871008401428' } })
    fireEvent.blur(cell)
    fireEvent.click(screen.getByTestId('sign-and-send'))
    const err = await screen.findByTestId('error-children.0.iin')
    expect(err.textContent).toBe(ERRORS.IIN_CHECKSUM.kk)
    expect(await screen.findByTestId('sign-error')).toBeTruthy()
  })

  it('checks a notarised power of attorney in ЕНИС; an unknown one takes the refusal path', async () => {
    renderScreen()
    await openService('кадастр', 'land.cadastral-info')
    const set = (id: string, value: string) => {
      const el = document.querySelector(`[data-field="${id}"]`) as HTMLInputElement
      fireEvent.change(el, { target: { value } })
      fireEvent.blur(el)
    }
    set('applicantIin', PERSON)
    fireEvent.click(document.querySelector('[data-field="hasRepresentative"]')!)
    await screen.findByTestId('field-representativeIin')
    set('representativeIin', '760212350620')
    set('poaMethod', 'notarial')
    await screen.findByTestId('field-poaNumber')
    set('poaNumber', 'POA-77')
    fireEvent.click(screen.getByTestId('check-poa'))
    await screen.findByTestId('poa-check-verified')
    set('poaNumber', 'POA-00')
    fireEvent.click(screen.getByTestId('check-poa'))
    const refusal = await screen.findByTestId('refusal-m3')
    expect(refusal.textContent).toContain(ERRORS.INTAKE_POA_NOT_FOUND.kk)
    expect((screen.getByTestId('sign-and-send') as HTMLButtonElement).disabled).toBe(true)
  })

  it('scans: drop two files, rotate, reorder and delete pages', async () => {
    renderScreen()
    await openService('жұмыссыз', 'akimat.unemployed-certificate')
    const zone = screen.getByTestId('drop-identity-document')
    const png = new File([pngBytes as BlobPart], 'front.png', { type: 'image/png' })
    const pdf = new File([pdfBytes as BlobPart], 'back.pdf', { type: 'application/pdf' })
    fireEvent.drop(zone, { dataTransfer: { files: [png, pdf] } })
    const doc = screen.getByTestId('doc-identity-document')
    await waitFor(() => expect(within(doc).getAllByTestId('scan-page')).toHaveLength(3))
    const labels = () => within(doc).getAllByTestId('scan-page').map((p) => p.textContent ?? '')
    expect(labels()[0]).toContain('front.png')
    fireEvent.click(within(doc).getByRole('button', { name: /Бұру 1/ }))
    expect(labels()[0]).toContain('90°')
    fireEvent.click(within(doc).getByRole('button', { name: /Төмен 1/ }))
    expect(labels()[1]).toContain('front.png')
    fireEvent.click(within(doc).getByRole('button', { name: /Жою 2/ }))
    expect(labels()).toHaveLength(2)
    expect(labels().join()).not.toContain('front.png')
  })

  it('refuses a non-scan file (type sniffed from its bytes) with a coded message next to the document', async () => {
    renderScreen()
    await openService('жұмыссыз', 'akimat.unemployed-certificate')
    const docs = catalog.get('akimat.unemployed-certificate').documents.filter((x) => x.scan === 'required')
    expect(docs.length).toBeGreaterThan(0)
    const first = docs[0].id
    const input = screen.getByTestId(`file-${first}`) as HTMLInputElement
    const exe = new File([new Uint8Array([0x4d, 0x5a, 0, 0, 1, 2, 3, 4])], 'virus.jpg', { type: 'image/jpeg' })
    fireEvent.change(input, { target: { files: [exe] } })
    const err = await screen.findByTestId(`scan-error-${first}`)
    expect(err.textContent).toContain('SCAN_UNSUPPORTED_TYPE')
    expect(err.textContent).toContain(ERRORS.SCAN_UNSUPPORTED_TYPE.kk)
  })
})
