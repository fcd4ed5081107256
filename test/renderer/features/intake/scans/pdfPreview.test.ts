import { describe, expect, it } from 'vitest'
import { ArmError } from '@shared/errors'
import { pdfPageThumbnail } from '../../../../../src-renderer/features/intake/scans/pdfPreview'

// pdf.js cannot draw under jsdom/Node; the drawn thumbnails are checked in test/e2e/intake.ts (pixels + rotation).
// Here: the coded fallback when a page cannot be drawn, and that a failure is not cached for good.
describe('pdfPageThumbnail fallback', () => {
  it('refuses with SCAN_PREVIEW_FAILED when the source bytes are gone, and tries again next time', async () => {
    let calls = 0
    const missing = async () => {
      calls++
      return undefined
    }
    const sha = 'f'.repeat(64)
    const first = await pdfPageThumbnail(sha, 0, 0, missing).catch((e: unknown) => e)
    expect(first).toBeInstanceOf(ArmError)
    expect((first as ArmError).code).toBe('SCAN_PREVIEW_FAILED')
    expect((first as ArmError).details).toMatchObject({ page: 1 })
    const again = await pdfPageThumbnail(sha, 0, 0, missing).catch((e: unknown) => e)
    expect((again as ArmError).code).toBe('SCAN_PREVIEW_FAILED')
    expect(calls).toBe(2)
  })

  it('turns a failing store into SCAN_PREVIEW_FAILED, with the reason kept for the log', async () => {
    const broken = () => Promise.reject(new Error('IndexedDB closed'))
    const err = await pdfPageThumbnail('e'.repeat(64), 2, 90, broken).catch((e: unknown) => e)
    expect((err as ArmError).code).toBe('SCAN_PREVIEW_FAILED')
    expect((err as ArmError).details).toMatchObject({ page: 3, reason: 'IndexedDB closed' })
  })
})
