/**
 * The digital document card (issue 17 point 5): a PDF/A-3b of a signed result with the document and its CMS attached.
 * Round trip (read back, verified PASSED; the attachments as pdfdetach saves them pass `openssl cms -verify` against
 * the demo НУЦ), the PDF/A-3 parts (XMP pdfaid 3/B, sRGB output intent, associated files with their relationship,
 * type and date, the file id) and `qpdf --check`; an altered attached document is FAILED; `arm verify-print` takes
 * the card (exit 0 only when it verifies); and the card reader fuzzed — garbage, truncations, byte flips, another
 * document's barcode, one changed digit, a Flate bomb — each a coded verdict, never a throw.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream } from '@cantoo/pdf-lib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runArm } from '../../../src-main/cli/arm'
import { keySigner } from '../../../src-main/services/crypto/signer'
import { ServiceCatalog } from '../../../src-shared/catalog'
import { signCades } from '../../../src-shared/crypto'
import { ArmError, isErrorCode } from '../../../src-shared/errors'
import { renderDocumentCard, renderResultPdf } from '../../../src-shared/print'
import { decisionBytes, defaultTemplate, sampleDocument, type DecisionDocument } from '../../../src-shared/results'
import { encodeSignedBarcode, readDocumentCard, trustedCheck, verifyBarcode, verifyCard } from '../../../src-shared/verify'
import { DEMO, demoKey, demoTrust, file } from '../../support/crypto-helpers'

const catalog = new ServiceCatalog()
const fonts = { regular: file('resources/fonts/DejaVuSans.ttf') }
const check = trustedCheck({ trust: demoTrust(), crls: [file(join(DEMO, 'intermediate.crl'))] })
const dir = mkdtempSync(join(tmpdir(), 'arm-card-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function docOf(number: string, serviceId = 'realty.rights-certificate'): DecisionDocument {
  const service = catalog.find(serviceId)!
  return { ...sampleDocument(service, defaultTemplate(service, 'result')!), registrationNumber: number }
}

async function signedCard(doc: DecisionDocument, lang: 'kk' | 'ru' = 'kk') {
  const bytes = decisionBytes(doc)
  const cms = await signCades({ content: bytes, signer: keySigner(demoKey('specialist-sign')) })
  const pdf = await renderDocumentCard({ doc, lang, verdict: { status: 'verified' }, fonts, catalog, signedBytes: bytes, signature: cms })
  return { bytes, cms, pdf }
}

/** The card with its attached document's stream replaced (the XMP's declared hash left as it was). */
async function withAttachedDocument(pdf: Uint8Array, document: Uint8Array): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false })
  const names = ((doc.catalog.lookup(PDFName.of('Names')) as PDFDict).lookup(PDFName.of('EmbeddedFiles')) as PDFDict).lookup(PDFName.of('Names')) as PDFArray
  for (let i = 1; i < names.size(); i += 2) {
    const spec = names.lookup(i) as PDFDict
    if (spec.lookup(PDFName.of('AFRelationship')) !== PDFName.of('Source')) continue
    const ef = spec.lookup(PDFName.of('EF')) as PDFDict
    const old = ef.lookup(PDFName.of('F')) as PDFRawStream
    const dict = old.dict.clone(doc.context)
    dict.delete(PDFName.of('Length'))
    ef.set(PDFName.of('F'), doc.context.register(doc.context.flateStream(document, {})))
    const fresh = ef.lookup(PDFName.of('F')) as PDFRawStream
    for (const [k, v] of dict.entries()) if (k !== PDFName.of('Filter')) fresh.dict.set(k, v)
  }
  return doc.save({ useObjectStreams: false })
}

/** One digit of the signed document changed (the first digit of the registration date's day, or the first digit found). */
function oneDigitChanged(bytes: Uint8Array): Uint8Array {
  const text = new TextDecoder().decode(bytes)
  const at = text.search(/\d/)
  return new TextEncoder().encode(text.slice(0, at) + (text[at] === '7' ? '8' : '7') + text.slice(at + 1))
}

async function arm(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const code = await runArm(args, { stdout: (s) => void (out += s), stderr: (s) => void (err += s), env: { ARM_LANG: 'en' } })
  return { code, out, err }
}

let good: Awaited<ReturnType<typeof signedCard>>
const goodPath = join(dir, 'card.pdf')
beforeAll(async () => {
  good = await signedCard(docOf('20261207-000154'))
  writeFileSync(goodPath, good.pdf)
}, 60_000)

describe('digital document card', () => {
  it('round trip: the attached document and CMS read back and verify PASSED from the card alone', async () => {
    const card = await readDocumentCard(good.pdf)
    expect(card.registrationNumber).toBe('20261207-000154')
    expect(card.document).toEqual(good.bytes)
    expect(card.signature).toEqual(good.cms) // the full CMS, not the barcode's compact one
    const v = await verifyCard(good.pdf, { check })
    expect(v).toMatchObject({ source: 'card', verdict: 'valid', indication: 'PASSED', registrationNumber: '20261207-000154' })
    expect(v.signatures[0].signer?.name).toMatch(/БЕКОВ/)
    expect(v.signatures[0].revocation).toMatchObject({ status: 'good', source: 'crl' })
  })

  it('is PDF/A-3b in its parts: XMP pdfaid 3/B, sRGB output intent, associated files, file id; qpdf --check passes', async () => {
    const qpdf = spawnSync('qpdf', ['--check', goodPath], { encoding: 'utf8' })
    expect(qpdf.status, qpdf.stdout + qpdf.stderr).toBe(0)
    expect(qpdf.stdout).toContain('No syntax or stream encoding errors')
    const pdf = await PDFDocument.load(good.pdf, { updateMetadata: false })
    expect(new TextDecoder().decode(good.pdf.subarray(0, 8))).toBe('%PDF-1.7')
    const metadata = pdf.catalog.lookup(PDFName.of('Metadata')) as PDFRawStream
    expect(metadata.dict.has(PDFName.of('Filter'))).toBe(false)
    const xmp = new TextDecoder().decode(metadata.contents)
    expect(xmp).toMatch(/<pdfaid:part>3<\/pdfaid:part>\s*<pdfaid:conformance>B<\/pdfaid:conformance>/)
    expect(xmp).toContain('<pdfaSchema:prefix>armcard</pdfaSchema:prefix>') // the extension schema PDF/A needs for our properties
    const intents = pdf.catalog.lookup(PDFName.of('OutputIntents')) as PDFArray
    const intent = intents.lookup(0) as PDFDict
    expect(intent.lookup(PDFName.of('S'))).toBe(PDFName.of('GTS_PDFA1'))
    const icc = intent.lookup(PDFName.of('DestOutputProfile')) as PDFRawStream
    expect(icc.dict.lookup(PDFName.of('N'))?.toString()).toBe('3')
    const profile = execFileSync('qpdf', ['--show-object=' + icc.dict.context.getObjectRef(icc)!.objectNumber, '--filtered-stream-data', goodPath])
    expect(profile.readUInt32BE(0)).toBe(profile.length)
    expect(profile.toString('latin1', 12, 20)).toBe('mntrRGB ')
    expect(profile.toString('latin1', 36, 40)).toBe('acsp')
    const af = pdf.catalog.lookup(PDFName.of('AF')) as PDFArray
    const specs = af.asArray().map((_, i) => af.lookup(i) as PDFDict)
    expect(specs.map((s) => s.lookup(PDFName.of('AFRelationship'))?.toString()).sort()).toEqual(['/Source', '/Supplement'])
    for (const s of specs) {
      const ef = (s.lookup(PDFName.of('EF')) as PDFDict).lookup(PDFName.of('F')) as PDFRawStream
      expect(ef.dict.lookup(PDFName.of('Subtype'))).toBeInstanceOf(PDFName)
      expect((ef.dict.lookup(PDFName.of('Params')) as PDFDict).has(PDFName.of('ModDate'))).toBe(true)
      expect(s.has(PDFName.of('UF'))).toBe(true)
    }
    expect(execFileSync('qpdf', ['--show-object=trailer', goodPath], { encoding: 'utf8' })).toMatch(/\/ID \[ <[0-9a-f]{32}> <[0-9a-f]{32}> \]/)
    expect(execFileSync('pdfinfo', [goodPath], { encoding: 'utf8' })).toMatch(/Pages:\s+2/) // the result and the card page
  })

  it('the attachments, as any PDF tool saves them, verify with OpenSSL against the demo НУЦ', () => {
    const out = join(dir, 'detached')
    execFileSync('mkdir', ['-p', out])
    execFileSync('pdfdetach', ['-saveall', '-o', out, goodPath])
    expect(readFileSync(join(out, '20261207-000154.json'))).toEqual(Buffer.from(good.bytes))
    writeFileSync(join(dir, 'ca.pem'), Buffer.concat([readFileSync(join(DEMO, 'root.crt')), readFileSync(join(DEMO, 'intermediate.crt'))]))
    const r = spawnSync('openssl', ['cms', '-verify', '-binary', '-purpose', 'any', '-inform', 'DER', '-in', join(out, '20261207-000154.p7s'), '-content', join(out, '20261207-000154.json'), '-CAfile', join(dir, 'ca.pem'), '-out', '/dev/null'], { encoding: 'utf8' })
    expect(r.status, r.stderr).toBe(0)
  })

  it('an attached document with one changed digit is FAILED — with the card’s hash left alone, and with a new card around it', async () => {
    const altered = oneDigitChanged(good.bytes)
    const swapped = await withAttachedDocument(good.pdf, altered)
    await expect(readDocumentCard(swapped)).rejects.toMatchObject({ code: 'CARD_HASH_MISMATCH' })
    expect(await verifyCard(swapped, { check })).toMatchObject({ verdict: 'tampered', indication: 'FAILED', errorCode: 'CARD_HASH_MISMATCH' })
    // A forger who rebuilds the whole card (declared hash and page too) still has the old signature: FAILED.
    const doc = JSON.parse(new TextDecoder().decode(altered)) as DecisionDocument
    const rebuilt = await renderDocumentCard({ doc, lang: 'ru', verdict: { status: 'verified' }, fonts, catalog, signedBytes: altered, signature: good.cms })
    const v = await verifyCard(rebuilt, { check })
    expect(v).toMatchObject({ verdict: 'tampered', indication: 'FAILED', subIndication: 'HASH_FAILURE' })
  })

  it('arm verify-print takes the card: exit 0 when it verifies, 1 with a code when its attachment was altered', async () => {
    const ok = await arm(['verify-print', goodPath, '--json'])
    expect(ok.err).toBe('')
    expect(JSON.parse(ok.out)).toMatchObject({ source: 'card', verdict: 'valid', registrationNumber: '20261207-000154' })
    expect(JSON.parse(ok.out).warnings).not.toContain('CARD_BARCODE_NOT_READ') // the page's barcode was read and agrees
    expect(ok.code).toBe(0)
    const bad = join(dir, 'altered.pdf')
    writeFileSync(bad, await withAttachedDocument(good.pdf, oneDigitChanged(good.bytes)))
    const r = await arm(['verify-print', bad])
    expect(r.out).toMatch(/^TAMPERED — FAILED/)
    expect(r.code).toBe(1)
  }, 60_000)
})

describe('card reader fuzz: coded verdicts, never a throw', () => {
  const isCoded = (v: { verdict: string; errorCode?: string }) => v.verdict === 'valid' || (!!v.errorCode && isErrorCode(v.errorCode))

  it('garbage, not-a-card PDFs, truncations and a Flate bomb', async () => {
    const printed = await renderResultPdf({ doc: docOf('20261207-000154'), lang: 'kk', verdict: { status: 'verified' }, fonts, catalog, signedBytes: good.bytes, signature: good.cms })
    const cases: Array<[Uint8Array, string]> = [
      [new Uint8Array(0), 'CARD_UNREADABLE'],
      [new TextEncoder().encode('hello'), 'CARD_UNREADABLE'],
      [new TextEncoder().encode('%PDF-1.7\n garbage'), 'CARD_UNREADABLE'],
      [printed, 'CARD_NOT_A_CARD'],
    ]
    for (const [bytes, code] of cases) expect(await verifyCard(bytes, { check })).toMatchObject({ source: 'card', errorCode: code })
    // A bomb where the document should be: refused before it is inflated.
    const bomb = await withAttachedDocument(good.pdf, new Uint8Array(8 * 1024 * 1024))
    expect(bomb.length).toBeLessThan(good.pdf.length + 200_000)
    expect(await verifyCard(bomb, { check })).toMatchObject({ errorCode: 'CARD_UNREADABLE' })
    for (let cut = 1000; cut < good.pdf.length; cut += Math.floor(good.pdf.length / 7)) {
      const v = await verifyCard(good.pdf.subarray(0, cut), { check })
      expect(isCoded(v)).toBe(true)
    }
  }, 60_000)

  it('byte flips anywhere: a coded verdict; PASSED only for the same document and signature', async () => {
    let seed = 17
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed % n)
    const codes = new Set<string>()
    for (let i = 0; i < 30; i++) {
      const bytes = good.pdf.slice()
      for (let k = 0; k < 1 + rnd(4); k++) bytes[rnd(bytes.length)] ^= 1 << rnd(8)
      let v
      try {
        v = await verifyCard(bytes, { check })
      } catch (err) {
        throw new Error(`flip ${i} threw ${(err as Error).message}`, { cause: err })
      }
      expect(isCoded(v)).toBe(true)
      if (v.verdict === 'valid') expect([v.registrationNumber, v.sha256]).toEqual(['20261207-000154', (await readDocumentCard(good.pdf)).sha256])
      else codes.add(v.errorCode!)
    }
    // Random flips may all land where nothing is read (a font, the page's drawing): the attached files' own bytes are
    // flipped on purpose too, and each of those must be refused with a code.
    const text = Buffer.from(good.pdf).toString('latin1')
    const files = [...text.matchAll(/\/Type\s*\/EmbeddedFile(?!s)/g)]
    expect(files).toHaveLength(2) // the document and its CMS
    for (const file of files) {
      const start = text.indexOf('stream', file.index) + 'stream'.length + 1
      for (const at of [start + 2, start + 40]) {
        const bytes = good.pdf.slice()
        bytes[at] ^= 0x10
        const v = await verifyCard(bytes, { check })
        expect(isCoded(v)).toBe(true)
        expect(v.verdict).not.toBe('valid')
        codes.add(v.errorCode!)
      }
    }
    expect(codes.size).toBeGreaterThan(0)
  }, 60_000)

  it('another document’s barcode on the page, one changed digit in the card’s number or in a barcode’s document', async () => {
    const other = await signedCard(docOf('20261207-000777', 'land.cadastral-info'))
    const otherParts = encodeSignedBarcode({ registrationNumber: '20261207-000777', document: other.bytes, signature: other.cms })
    const ownParts = encodeSignedBarcode({ registrationNumber: '20261207-000154', document: good.bytes, signature: good.cms })
    expect(await verifyCard(good.pdf, { check, barcodes: ownParts })).toMatchObject({ verdict: 'valid' })
    expect(await verifyCard(good.pdf, { check, barcodes: otherParts })).toMatchObject({ verdict: 'tampered', errorCode: 'CARD_BARCODE_MISMATCH' })
    expect(await verifyCard(good.pdf, { check, barcodes: [ownParts[0], ...otherParts.slice(1)] })).toMatchObject({ verdict: 'tampered', errorCode: 'CARD_BARCODE_MISMATCH' })
    expect((await verifyCard(good.pdf, { check, barcodes: [] })).warnings).toContain('CARD_BARCODE_NOT_READ')

    // The card's declared number with one changed digit (the XMP edited in place, same length): the signed number wins.
    const text = Buffer.from(good.pdf).toString('latin1').replace('<armcard:registrationNumber>20261207-000154<', '<armcard:registrationNumber>20261207-000155<')
    const renumbered = new Uint8Array(Buffer.from(text, 'latin1'))
    expect(await verifyCard(renumbered, { check })).toMatchObject({ verdict: 'tampered', errorCode: 'BARCODE_NUMBER_MISMATCH' })

    // A printout whose barcode carries the document with one changed digit (re-encoded, so its own hash agrees).
    const forged = encodeSignedBarcode({ registrationNumber: '20261207-000154', document: oneDigitChanged(good.bytes), signature: good.cms })
    expect(await verifyBarcode(forged, { check })).toMatchObject({ verdict: 'tampered', indication: 'FAILED' })
  }, 60_000)

  it('a card reader error is an ArmError with a known code', async () => {
    await expect(readDocumentCard(new Uint8Array([1, 2, 3]))).rejects.toBeInstanceOf(ArmError)
    await expect(readDocumentCard(new Uint8Array(9 * 1024 * 1024).fill(0x25))).rejects.toMatchObject({ code: 'CARD_UNREADABLE' })
  })
})
