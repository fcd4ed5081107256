/**
 * `arm verify-print` (issue 17): a printed result (src-shared/print with the specialist's real CMS) verifies from the
 * PDF and from a JPEG of it (exit 0); a printout whose barcode carries another number, a page without our
 * barcode and a file that is not an image are each a coded verdict with exit 1 — never a crash.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runArm } from '../../../src-main/cli/arm'
import { keySigner } from '../../../src-main/services/crypto/signer'
import { ServiceCatalog } from '../../../src-shared/catalog'
import { signCades } from '../../../src-shared/crypto'
import { renderResultPdf } from '../../../src-shared/print'
import { decisionBytes, defaultTemplate, sampleDocument } from '../../../src-shared/results'
import { demoKey, file } from '../../support/crypto-helpers'

const catalog = new ServiceCatalog()
const dir = mkdtempSync(join(tmpdir(), 'arm-verify-print-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function arm(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const code = await runArm(args, { stdout: (s) => void (out += s), stderr: (s) => void (err += s), env: { ARM_LANG: 'en' } })
  return { code, out, err }
}

async function printed(name: string, registrationNumber: string, barcodeNumber = registrationNumber): Promise<string> {
  const service = catalog.find('land.cadastral-info')!
  const doc = { ...sampleDocument(service, defaultTemplate(service, 'result')!), registrationNumber }
  const bytes = decisionBytes(doc)
  const signature = await signCades({ content: bytes, signer: keySigner(demoKey('specialist-sign')) })
  // A forger's page: the real document and signature printed under another number in the barcode's data.
  const pdf = await renderResultPdf({ doc: { ...doc, registrationNumber: barcodeNumber }, lang: 'kk', verdict: { status: 'verified' }, fonts: { regular: file('resources/fonts/DejaVuSans.ttf') }, catalog, signedBytes: bytes, signature })
  const path = join(dir, name)
  writeFileSync(path, pdf)
  return path
}

describe('arm verify-print', () => {
  it('a genuine printout verifies from the PDF and from a JPEG of it (exit 0)', async () => {
    const pdf = await printed('good.pdf', '20261207-000321')
    const r = await arm(['verify-print', pdf])
    expect(r.err).toBe('')
    expect(r.out).toMatch(/^VALID — PASSED/)
    expect(r.out).toContain('20261207-000321')
    expect(r.out).toContain('БЕКОВ')
    expect(r.code).toBe(0)
    execFileSync('pdftoppm', ['-r', '200', '-jpeg', '-jpegopt', 'quality=92', '-singlefile', pdf, join(dir, 'good')])
    const jpg = await arm(['verify-print', join(dir, 'good.jpg'), '--json'])
    expect(JSON.parse(jpg.out).verdict).toBe('valid')
    expect(jpg.code).toBe(0)
  }, 60_000)

  it('another number under a real signature, a page without our barcode and a non-image: exit 1 with a code', async () => {
    const forged = await printed('forged.pdf', '20261207-000321', '20261207-000322')
    const f = await arm(['verify-print', forged, '--json'])
    expect(JSON.parse(f.out)).toMatchObject({ verdict: 'tampered', errorCode: 'BARCODE_NUMBER_MISMATCH' })
    expect(f.code).toBe(1)

    const sample = join(dir, 'sample.pdf')
    expect((await arm(['print', '--sample', 'land.cadastral-info', '--out', sample])).code).toBe(0)
    const s = await arm(['verify-print', sample, '--json'])
    expect(JSON.parse(s.out)).toMatchObject({ verdict: 'indeterminate', errorCode: 'BARCODE_FOREIGN' })
    expect(s.code).toBe(1)

    writeFileSync(join(dir, 'junk.png'), Buffer.from('\x89PNG\r\n\x1a\n garbage'))
    const j = await arm(['verify-print', join(dir, 'junk.png')])
    expect(j.code).not.toBe(0)
    expect(j.err).toMatch(/VERIFY_IMAGE_UNREADABLE|image/i)
    expect((await arm(['verify-print'])).code).toBe(2)
  }, 60_000)
})
