/**
 * A scan's facts are read once, when its bytes arrive (src-gateway/blobs/scans.ts): the row records that the bytes are
 * what their media type says and how many pages they hold, so intake checks a signed attachment against the row
 * instead of reading every scan back from the blob store. Rows from before (no facts) stay null: intake reads those.
 */
import { createHash } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { SqliteGatewayStore } from '../../../src-gateway/store/sqlite'
import { pdfWithPages } from '../../support/attacks'

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex')
const NOW = Date.UTC(2026, 11, 8)

describe('scan facts recorded at upload', () => {
  let store: SqliteGatewayStore | undefined
  afterEach(async () => {
    await store?.close()
    store = undefined
  })

  it('records the pages of a PDF however it arrives in chunks, 0 for one that does not tell, null for bytes not of their type', async () => {
    store = new SqliteGatewayStore(':memory:')
    const two = pdfWithPages(2)
    // Split inside "/Type /Page": the count is over the whole upload, not per chunk.
    const cut = Buffer.from(two).indexOf('/Page /Parent') + 3
    await store.putAttachmentStream({ sha256: sha(two), mediaType: 'application/pdf', createdAt: NOW }, [two.subarray(0, cut), two.subarray(cut)], { maxBytes: 1 << 20 })
    expect((await store.attachment(sha(two)))?.pages).toBe(2)

    const silent = new TextEncoder().encode('%PDF-1.4\n% no page objects\n%%EOF\n')
    await store.putAttachmentStream({ sha256: sha(silent), mediaType: 'application/pdf', createdAt: NOW }, [silent], { maxBytes: 1 << 20 })
    expect((await store.attachment(sha(silent)))?.pages).toBe(0)

    const notPdf = new TextEncoder().encode('MZ this is not a PDF at all')
    await store.putAttachmentStream({ sha256: sha(notPdf), mediaType: 'application/pdf', createdAt: NOW }, [notPdf], { maxBytes: 1 << 20 })
    expect((await store.attachment(sha(notPdf)))?.pages).toBeNull()
  })

  it('a row stored without facts (before they were kept) reads null (intake then checks its bytes: hardening attack 5)', async () => {
    store = new SqliteGatewayStore(':memory:')
    const three = pdfWithPages(3)
    await store.blobs.put(sha(three), [three], { maxBytes: 1 << 20 })
    await store.putAttachmentRow({ sha256: sha(three), size: three.length, mediaType: 'application/pdf', createdAt: NOW })
    expect((await store.attachment(sha(three)))?.pages).toBeNull()
    expect(await store.attachmentBytes(sha(three))).toEqual(three)
  })
})
