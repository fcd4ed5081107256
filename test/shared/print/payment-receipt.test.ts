/** The state-duty receipt («чек») printed through src-shared/print: its words, amount and numbers, read back by pdftotext. */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { catalog } from '../../../src-shared/catalog'
import { paymentReceiptModel, renderPdf, tengeText } from '../../../src-shared/print'

const FONTS = path.resolve(__dirname, '../../../src-renderer/features/supervision/fonts')

describe('payment receipt', () => {
  it('writes tenge grouped by a space, with tiyn only when there are any', () => {
    expect(tengeText(432_500, 'ru').replace(/\u00a0/g, ' ')).toBe('4 325 ₸')
    expect(tengeText(129_750, 'kk').replace(/\u00a0/g, ' ')).toBe('1 297,50 ₸')
    expect(tengeText(129_750, 'en').replace(/\u00a0/g, ' ')).toBe('1 297.50 ₸')
  })

  it('prints the receipt number, request, amount and МРП basis in Russian (pdftotext)', async () => {
    const service = catalog.get('zags.civil-status-certificate')
    const model = paymentReceiptModel({
      registrationNumber: 'GW-20261207-000042', serviceName: service.name, receiptNumber: '590694327062', transactionId: 'tx-1',
      amountTiyn: 129_750, mrp: { year: 2026, tenge: 4325, percent: 30 }, paidAt: '2026-12-07T21:17:00Z', channel: 'phone', lang: 'ru',
    })
    const pdf = await renderPdf(model, { regular: new Uint8Array(readFileSync(path.join(FONTS, 'DejaVuSans.ttf'))), bold: new Uint8Array(readFileSync(path.join(FONTS, 'DejaVuSans-Bold.ttf'))) })
    const dir = mkdtempSync(path.join(tmpdir(), 'arm-receipt-'))
    try {
      writeFileSync(path.join(dir, 'r.pdf'), pdf)
      const text = execFileSync('pdftotext', [path.join(dir, 'r.pdf'), '-'], { encoding: 'utf8' }).replace(/[\u00a0\s]+/g, ' ')
      for (const want of ['ЧЕК ОБ ОПЛАТЕ ГОСУДАРСТВЕННОЙ ПОШЛИНЫ', '590694327062', 'GW-20261207-000042', '1 297,50 ₸', '30 % МРП × 4 325 ₸ (2026)', '08.12.2026 02:17', 'С телефона']) {
        expect(text).toContain(want)
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
