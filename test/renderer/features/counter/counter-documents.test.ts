/**
 * The counter's documents: a result whose signature failed is never printed as valid (RESULT_SIGNATURE_INVALID before
 * any PDF), a refusal without its text is refused with a coded error, and the §5.5d receipt of a signed request
 * carries the desk's local number until the gateway's registration number replaces it — the PDF text says so.
 */
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { catalog } from '../../../../src-shared/catalog'
import { bytesToBase64 } from '../../../../src-shared/bytes'
import { canonicalJsonBytes, encodeEnvelope } from '../../../../src-shared/envelope'
import { defaultTemplate, sampleDocument } from '../../../../src-shared/results'
import { localNumber } from '../../../../src-renderer/db/localNumber'
import { openReceipt, pdfOf, previewOf, readResult, verdictOf } from '../../../../src-renderer/features/counter/documents'
import { envelope } from '../../../support/gateway-helpers'

const FONT_DIR = path.resolve(__dirname, '../../../../src-renderer/features/supervision/fonts')
const fonts = async () => ({ regular: new Uint8Array(readFileSync(path.join(FONT_DIR, 'DejaVuSans.ttf'))), bold: new Uint8Array(readFileSync(path.join(FONT_DIR, 'DejaVuSans-Bold.ttf'))) })

function pdfText(pdf: Uint8Array): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'counter-doc-'))
  try {
    writeFileSync(path.join(dir, 'd.pdf'), pdf)
    return execFileSync('pdftotext', [path.join(dir, 'd.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const service = catalog.find('akimat.preschool-queue')!
const gatewayResult = (doc: object) => ({
  registrationNumber: 'GW-20261207-000042', kind: 'result' as const, document: bytesToBase64(canonicalJsonBytes(doc)), mediaType: 'application/json' as const,
  signature: 'AAAA', decidedAt: '2026-12-07T09:15:00.000Z', signedBy: 'specialist' as const,
})

describe('counter documents', () => {
  it('prints a verified result and refuses one whose signature failed, before any PDF is made', async () => {
    const doc = { ...sampleDocument(service, defaultTemplate(service, 'result')!), registrationNumber: 'GW-20261207-000042' }
    const ok = readResult(gatewayResult(doc), { indication: 'PASSED', signerName: 'Беков Ерлан' }, catalog, service.id)
    expect(pdfText(await pdfOf(ok, 'ru', catalog, await fonts()))).toContain('GW-20261207-000042')
    // The counter's printout carries the signed barcode (the gateway's CMS with it): its number and hash are printed under it.
    expect(ok.signature).toEqual(new Uint8Array([0, 0, 0]))
    expect(pdfText(await pdfOf(ok, 'ru', catalog, await fonts()))).toContain(`SHA-256: ${createHash('sha256').update(canonicalJsonBytes(doc)).digest('hex')}`)
    expect(pdfText(await pdfOf({ ...ok, signature: undefined }, 'ru', catalog, await fonts()))).not.toContain('SHA-256:')
    const bad = readResult(gatewayResult(doc), { indication: 'FAILED', subIndication: 'HASH_FAILURE' }, catalog, service.id)
    expect(bad.verdict).toEqual({ status: 'failed', code: 'HASH_FAILURE' })
    expect(() => previewOf(bad, 'ru', catalog)).toThrow(expect.objectContaining({ code: 'RESULT_SIGNATURE_INVALID' }))
    await expect(pdfOf(bad, 'kk', catalog, await fonts())).rejects.toMatchObject({ code: 'RESULT_SIGNATURE_INVALID' })
    // An undecided check (no revocation answer) is not a verified one either.
    expect(verdictOf({ indication: 'INDETERMINATE' }).status).toBe('failed')
  })

  it('refuses a refusal without its text with a coded error', () => {
    const t = defaultTemplate(service, 'refusal')!
    const refusal = { ...sampleDocument(service, t), registrationNumber: 'GW-20261207-000043' }
    const empty = { ...refusal, refusal: { code: refusal.refusal!.code, text: '' } }
    const opened = readResult({ ...gatewayResult(empty), kind: 'refusal' }, { indication: 'PASSED' }, catalog, service.id)
    expect(() => previewOf(opened, 'ru', catalog)).toThrow(expect.objectContaining({ code: expect.stringMatching(/^RESULT_(REFUSAL_REASON_MISSING|FIELD_MISSING|DOCUMENT_INVALID)$/) }))
  })

  it('prints the receipt with the desk’s local number while unregistered and the registration number after', async () => {
    const env = envelope({ serviceId: 'land.cadastral-info' })
    const requestId = '3f2a9c1e-0000-4000-8000-000000000001'
    const base = { requestId, envelope: encodeEnvelope(env), signedAt: Date.parse('2026-12-07T10:00:00Z'), tsonName: { kk: 'Астана қ. №1 ХҚКО', ru: 'ЦОН № 1 г. Астана', en: 'ЦОН No. 1, Astana' }, operator: { name: 'Асанова Айгерим Серікқызы', iin: '830717350867' } }
    const offline = pdfText(await pdfOf(openReceipt(base, catalog), 'ru', catalog, await fonts()))
    expect(localNumber(requestId)).toBe('Ж-3F2A9C1E')
    expect(offline).toContain('Ж-3F2A9C1E')
    expect(offline).toContain('РАСПИСКА О ПРИЁМЕ ДОКУМЕНТОВ')
    expect(offline).toContain('ЦОН № 1 г. Астана')
    const online = pdfText(await pdfOf(openReceipt({ ...base, registrationNumber: 'GW-20261207-000044' }, catalog), 'kk', catalog, await fonts()))
    expect(online).toContain('GW-20261207-000044')
    expect(online).not.toContain('Ж-3F2A9C1E')
  })
})
