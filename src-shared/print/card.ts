/**
 * The digital document card (issue 17 point 5), like NCA's ddcard: a PDF/A-3b file that is the printed result (its
 * pages, with the signed barcode) plus one card page, and that carries the signed document itself (arm.decision/1
 * JSON, AFRelationship Source) and its CMS as it stands at the gateway (CAdES-T when stamped; AFRelationship
 * Supplement) as associated files. Its XMP says pdfaid part 3 / B and, in the card's own extension schema, the unique
 * number and the document's SHA-256 that the page prints; the output intent is sRGB (srgb-icc.ts).
 * src-shared/verify/card.ts reads it back and verifies the embedded signature. Pure JS (pdf-lib).
 */
import fontkit from '@cantoo/fontkit'
import { AFRelationship, PDFDocument, PDFHexString, PDFName, PDFString, rgb, type PDFFont, type PDFPage } from '@cantoo/pdf-lib'
import { sha256Hex, toHex, sha256 } from '../bytes'
import { hasSignatureTimeStamp } from '../crypto'
import type { Lang } from '../errors'
import type { DecisionDocument } from '../results/schema'
import { formatDateTime } from '../format'
import { CARD_DOCUMENT_MIME, CARD_SIGNATURE_MIME, CARD_XMP_NS } from '../verify/card'
import type { PrintFonts } from './pdf'
import { wrap } from './pdf'
import { SRGB_PROFILE_NAME, srgbIccProfile } from './srgb-icc'


type Localized = Record<Lang, string>
const T = {
  title: { kk: 'Электрондық құжат карточкасы', ru: 'Электронная карточка документа', en: 'Digital document card' },
  intro: {
    kk: 'Бұл PDF/A-3 файлының ішінде қол қойылған құжаттың өзі (JSON) және оның ЭЦҚ-сы (CMS) тіркелген. Оларды PDF оқу құралының «Тіркемелер» тақтасынан ашуға болады. Тексеру: АРМ-дағы «Құжатты тексеру» экраны немесе «arm verify-print» командасы.',
    ru: 'Внутри этого файла PDF/A-3 вложены сам подписанный документ (JSON) и его ЭЦП (CMS). Их можно открыть на панели «Вложения» программы просмотра PDF. Проверка: экран «Проверить документ» в АРМ или команда «arm verify-print».',
    en: 'This PDF/A-3 file carries the signed document itself (JSON) and its digital signature (CMS) as attachments; any PDF viewer shows them under Attachments. To verify: the «Verify a document» screen of АРМ or «arm verify-print».',
  },
  number: { kk: 'Бірегей нөмір', ru: 'Уникальный номер', en: 'Unique number' },
  hash: { kk: 'Құжаттың SHA-256 хэші', ru: 'SHA-256 документа', en: 'Document SHA-256' },
  signer: { kk: 'Қол қойған', ru: 'Подписал', en: 'Signed by' },
  level: { kk: 'Қолтаңба пішімі', ru: 'Формат подписи', en: 'Signature format' },
  levelT: { kk: 'CAdES-T (НКО уақыт белгісімен)', ru: 'CAdES-T (с меткой времени НУЦ)', en: 'CAdES-T (with the НУЦ timestamp)' },
  levelBes: { kk: 'CAdES-BES (уақыт белгісі әлі жоқ)', ru: 'CAdES-BES (метки времени ещё нет)', en: 'CAdES-BES (no timestamp yet)' },
  files: { kk: 'Тіркелген файлдар', ru: 'Вложенные файлы', en: 'Attached files' },
  source: { kk: 'қол қойылған құжат', ru: 'подписанный документ', en: 'the signed document' },
  supplement: { kk: 'оның ЭЦҚ-сы (CMS)', ru: 'его ЭЦП (CMS)', en: 'its signature (CMS)' },
  made: { kk: 'Карточка жасалған уақыт', ru: 'Карточка создана', en: 'Card made' },
  bytes: { kk: 'байт', ru: 'байт', en: 'bytes' },
} satisfies Record<string, Localized>

export interface CardRequest {
  doc: DecisionDocument
  lang: Lang
  fonts: PrintFonts
  /** The exact signed bytes (arm.decision/1) and the CMS over them. */
  signedBytes: Uint8Array
  signature: Uint8Array
  /** The card's own time (XMP and Info dates); now by default. */
  at?: Date
  /** The signer as the signature check named them (the certificate's holder), else the document's signer block. */
  signerName?: string
}

/** The attachment names: the number makes a saved file recognisable; only [A-Za-z0-9._-] (the /F string is ASCII). */
function cardFileNames(registrationNumber: string): { document: string; signature: string } {
  const base = registrationNumber.replace(/[^A-Za-z0-9._-]/g, '_') || 'document'
  return { document: `${base}.json`, signature: `${base}.p7s` }
}

const xmlEscape = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`)
const xmpDate = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z')

function xmp(o: { title: string; at: Date; registrationNumber: string; sha256: string; lang: Lang }): string {
  const at = xmpDate(o.at)
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
   <pdfaid:part>3</pdfaid:part>
   <pdfaid:conformance>B</pdfaid:conformance>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xmlEscape(o.title)}</rdf:li></rdf:Alt></dc:title>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
   <xmp:CreateDate>${at}</xmp:CreateDate>
   <xmp:ModifyDate>${at}</xmp:ModifyDate>
   <xmp:MetadataDate>${at}</xmp:MetadataDate>
   <xmp:CreatorTool>АРМ</xmp:CreatorTool>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
   <pdf:Producer>АРМ</pdf:Producer>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:armcard="${CARD_XMP_NS}">
   <armcard:registrationNumber>${xmlEscape(o.registrationNumber)}</armcard:registrationNumber>
   <armcard:documentSha256>${o.sha256}</armcard:documentSha256>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
   <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
    <pdfaSchema:schema>АРМ digital document card</pdfaSchema:schema>
    <pdfaSchema:namespaceURI>${CARD_XMP_NS}</pdfaSchema:namespaceURI>
    <pdfaSchema:prefix>armcard</pdfaSchema:prefix>
    <pdfaSchema:property><rdf:Seq>
     <rdf:li rdf:parseType="Resource"><pdfaProperty:name>registrationNumber</pdfaProperty:name><pdfaProperty:valueType>Text</pdfaProperty:valueType><pdfaProperty:category>external</pdfaProperty:category><pdfaProperty:description>The unique number of the signed document</pdfaProperty:description></rdf:li>
     <rdf:li rdf:parseType="Resource"><pdfaProperty:name>documentSha256</pdfaProperty:name><pdfaProperty:valueType>Text</pdfaProperty:valueType><pdfaProperty:category>external</pdfaProperty:category><pdfaProperty:description>SHA-256 of the attached signed document</pdfaProperty:description></rdf:li>
    </rdf:Seq></pdfaSchema:property>
   </rdf:li></rdf:Bag></pdfaExtension:schemas>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`
}

/**
 * The card of a signed result: `printed` (renderResultPdf of the same document, with its signed barcode), a card
 * page, the document and its CMS attached (PDF/A-3b).
 */
export async function documentCardPdf(printed: Uint8Array, r: CardRequest): Promise<Uint8Array> {
  const at = r.at ?? new Date()
  const pdf = await PDFDocument.load(printed, { updateMetadata: false })
  pdf.registerFontkit(fontkit)
  const font = await pdf.embedFont(r.fonts.regular, { subset: true })
  const registrationNumber = r.doc.registrationNumber
  const hash = sha256Hex(r.signedBytes)
  const names = cardFileNames(registrationNumber)
  const title = r.lang === 'en' ? `${T.title.en} / ${T.title.ru}` : `${T.title.kk} / ${T.title.ru}`
  const t = (k: keyof typeof T) => T[k][r.lang]

  // The card page, after the printed result.
  const A4: [number, number] = [595.28, 841.89]
  const M = 50
  const W = A4[0] - 2 * M
  const page: PDFPage = pdf.addPage(A4)
  let y = A4[1] - M
  const line = (text: string, o: { size?: number; x?: number; width?: number; color?: ReturnType<typeof rgb>; f?: PDFFont } = {}) => {
    const size = o.size ?? 10
    const f = o.f ?? font
    for (const l of wrap(text, { width: (s, z) => f.widthOfTextAtSize(s, z) }, size, o.width ?? W)) {
      page.drawText(l, { x: o.x ?? M, y: y - size, size, font: f, color: o.color ?? rgb(0, 0, 0) })
      y -= size * 1.4
    }
  }
  line(title, { size: 15 })
  y -= 6
  page.drawLine({ start: { x: M, y }, end: { x: M + W, y }, thickness: 0.6, color: rgb(0.35, 0.35, 0.35) })
  y -= 12
  line(t('intro'), { size: 10 })
  y -= 8
  const row = (label: string, value: string) => {
    const top = y
    line(label, { size: 9, width: W * 0.3, color: rgb(0.35, 0.35, 0.35) })
    const after = y
    y = top
    line(value, { size: 10, x: M + W * 0.32, width: W * 0.68 })
    y = Math.min(y, after) - 4
  }
  row(t('number'), registrationNumber)
  row(t('hash'), hash)
  row(t('signer'), [r.signerName ?? r.doc.signer.name, r.doc.signer.unit?.[r.lang]].filter(Boolean).join(', '))
  row(t('level'), hasSignatureTimeStamp(r.signature) ? t('levelT') : t('levelBes'))
  row(t('files'), `${names.document} — ${t('source')}, ${r.signedBytes.length} ${t('bytes')}\n${names.signature} — ${t('supplement')}, ${r.signature.length} ${t('bytes')}`)
  row(t('made'), formatDateTime(at.toISOString()))

  // Associated files (catalog /AF and /Names /EmbeddedFiles, each with /Subtype, /Params /ModDate, /AFRelationship).
  await pdf.attach(r.signedBytes, names.document, { mimeType: CARD_DOCUMENT_MIME, description: `${registrationNumber}: ${T.source.en} (arm.decision/1)`, creationDate: at, modificationDate: at, afRelationship: AFRelationship.Source })
  await pdf.attach(r.signature, names.signature, { mimeType: CARD_SIGNATURE_MIME, description: `${registrationNumber}: ${T.supplement.en}`, creationDate: at, modificationDate: at, afRelationship: AFRelationship.Supplement })

  // PDF/A: the Info dictionary and the XMP say the same; the XMP stream is not compressed.
  pdf.setTitle(title, { showInWindowTitleBar: true })
  pdf.setProducer('АРМ')
  pdf.setCreator('АРМ')
  pdf.setCreationDate(at)
  pdf.setModificationDate(at)
  pdf.setLanguage(r.lang === 'kk' ? 'kk-KZ' : r.lang === 'ru' ? 'ru-RU' : 'en')
  const ctx = pdf.context
  const metadata = ctx.stream(new TextEncoder().encode(xmp({ title, at, registrationNumber, sha256: hash, lang: r.lang })), { Type: 'Metadata', Subtype: 'XML' })
  pdf.catalog.set(PDFName.of('Metadata'), ctx.register(metadata))
  const icc = ctx.flateStream(srgbIccProfile(), { N: 3 })
  const intent = ctx.obj({ Type: 'OutputIntent', S: 'GTS_PDFA1', OutputConditionIdentifier: PDFString.of(SRGB_PROFILE_NAME), Info: PDFString.of(SRGB_PROFILE_NAME), DestOutputProfile: ctx.register(icc) })
  pdf.catalog.set(PDFName.of('OutputIntents'), ctx.obj([ctx.register(intent)]))
  // The file identifier PDF/A asks for: derived from the content, so the same card has the same id.
  const id = PDFHexString.of(toHex(sha256(new TextEncoder().encode(`${registrationNumber}\n${hash}\n${at.toISOString()}`))).slice(0, 32))
  ctx.trailerInfo.ID = ctx.obj([id, id])
  return pdf.save({ useObjectStreams: false, updateFieldAppearances: false })
}
