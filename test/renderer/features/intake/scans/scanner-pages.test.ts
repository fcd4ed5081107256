/// <reference types="node" />
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createRegistry } from '../../../../../src-main/services/handlers'
import { createScannerService } from '../../../../../src-main/services/scanner/service'
import { composeDocumentPdf } from '../../../../../src-renderer/features/intake/scans/compose'
import { importScan } from '../../../../../src-renderer/features/intake/scans/importFile'
import { fromBase64 } from '../../../../../src-shared/crypto'
import { saneTestEnv } from '../../../../support/sane-env'

/**
 * What the Scan button will do with scanner.scan's answer: each page goes through the scans panel's own import
 * (the same path as "Add file") and into the document PDF. Shown here without the UI, with the real service.
 */
const HAS_SANE = spawnSync('scanimage', ['--version']).status === 0
const dir = mkdtempSync(join(tmpdir(), 'arm-into-scans-'))
const sane = saneTestEnv()
afterAll(() => {
  sane.remove()
  rmSync(dir, { recursive: true, force: true })
})

describe.skipIf(!HAS_SANE)('scanned pages in the document flow', () => {
  it('two pages from scanner.scan import as PNG scans and compose into a two-page document PDF', async () => {
    const scanner = createScannerService({ env: sane.env, platform: 'linux', tmpDir: dir })
    const registry = createRegistry({ runtime: 'browser-host', clock: { now: () => new Date() }, gatewayUrl: 'http://127.0.0.1:1', scanner } as never)
    const r = await registry.dispatch('scanner.scan', { jobId: 'panel-1', pages: 2, resolution: 100 }, { origin: 'http://127.0.0.1' })
    expect(r.ok).toBe(true)
    const pages = (r as { value: { pages: { content: string; mediaType: string }[] } }).value.pages
    const imported = []
    for (const [i, p] of pages.entries()) {
      const bytes = fromBase64(p.content)
      const file = await importScan(new Blob([bytes as BlobPart], { type: p.mediaType }), i)
      expect(file).toMatchObject({ mediaType: 'image/png', pageCount: 1 })
      imported.push({ id: `scan-${i}`, bytes, mediaType: file.mediaType })
    }
    const pdf = await composeDocumentPdf(imported.map((source) => ({ source, index: 0, rotation: 0 as const })))
    writeFileSync(join(dir, 'doc.pdf'), pdf)
    expect(spawnSync('pdfinfo', [join(dir, 'doc.pdf')], { encoding: 'utf8' }).stdout).toMatch(/^Pages:\s+2$/m)
  })
})
