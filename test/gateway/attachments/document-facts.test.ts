/**
 * The gateway's own reading of a stored scan (src-gateway/attachments/document-facts.ts): page counts of the PDFs the
 * workstation composes (@cantoo/pdf-lib, with and without compressed object streams), of plain PDFs and TIFF chains,
 * and "unknown" rather than a guess when the bytes do not say.
 */
import { PDFDocument } from '@cantoo/pdf-lib'
import { describe, expect, it } from 'vitest'
import { matchesMagic, pageCount } from '../../../src-gateway/attachments/document-facts'
import { pdfWithPages } from '../../support/attacks'

describe('document facts', () => {
  it.each([1, 3, 12])('counts %i page(s) of a composed PDF, object streams or not', async (n) => {
    const doc = await PDFDocument.create()
    for (let i = 0; i < n; i++) doc.addPage([595, 842])
    expect(pageCount('application/pdf', await doc.save({ useObjectStreams: true }))).toBe(n)
    expect(pageCount('application/pdf', await doc.save({ useObjectStreams: false }))).toBe(n)
  })

  it('counts plain page objects, not the /Pages tree; says nothing for a PDF without any', () => {
    expect(pageCount('application/pdf', pdfWithPages(2))).toBe(2)
    expect(pageCount('application/pdf', new TextEncoder().encode('%PDF-1.4\n% nothing\n%%EOF\n'))).toBeUndefined()
  })

  it('follows a TIFF IFD chain and stops at a loop', () => {
    // Little-endian TIFF: header → IFD at 8 (0 entries, next 14) → IFD at 14 (0 entries, next 0): two pages.
    const two = Buffer.from([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0, 0, 0, 14, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    expect(pageCount('image/tiff', two)).toBe(2)
    const loop = Buffer.from(two)
    loop.writeUInt32LE(8, 16)
    expect(pageCount('image/tiff', loop)).toBeUndefined()
    expect(matchesMagic('image/tiff', two)).toBe(true)
    expect(matchesMagic('application/pdf', two)).toBe(false)
  })
})
