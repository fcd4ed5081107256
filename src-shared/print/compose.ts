/**
 * What a printed result says, as plain text blocks: the §5.1 header (the template's variant), the title, the service's
 * body with the values in place (in the reader's language; both where the form is bilingual), the §5.4 signature
 * block, the §5.2 clause and the §5.3 barcode note naming the template's source. Pure: the PDF writer (pdf.ts) only
 * lays these out, and a screen preview can show the same model.
 */
import { BARCODE_NOTES, LEGAL_CLAUSE } from '../catalog/common'
import type { Localized, ServiceDefinition } from '../catalog/types'
import { sha256Hex } from '../bytes'
import { ArmError, type Lang } from '../errors'
import type { ResultField } from '../results/fields'
import type { DecisionDocument, ResultRow, ResultValue } from '../results/schema'
import { groundReason } from '../results/refusals'
import type { ResultTemplate } from '../results/templates'
import { decisionBytes } from '../results/validate'
import { encodeSignedBarcode } from '../verify/barcode'
import { formatDate, formatDateTime, formatNumber, kzParts, monthName } from '../format'

/**
 * The signature check's verdict, made by the caller (main's verifier, the workstation's bridge) over the signed bytes.
 * A failed verdict is never printed: rendering refuses with RESULT_SIGNATURE_INVALID (issue 11 point 7). A sample is
 * printed with the «ҮЛГІ / ОБРАЗЕЦ» mark and no signature block.
 */
export type PrintVerdict =
  | { status: 'verified'; signerName?: string; certificateSerial?: string; signedAt?: string }
  | { status: 'sample' }
  | { status: 'failed'; code?: string }

export interface ComposeInput {
  doc: DecisionDocument
  service: ServiceDefinition
  template: ResultTemplate
  lang: Lang
  verdict: PrintVerdict
  /** The exact signed bytes (for the QR hash); defaults to the canonical bytes of `doc`. */
  signedBytes?: Uint8Array
  /** Legacy documents only: print «—» for a missing value instead of failing (new documents are checked before). */
  lenient?: boolean
  /** The detached CMS over the signed bytes: with it the printout carries the signed barcode (issue 17). */
  signature?: Uint8Array
}

export interface PrintLine {
  text: string
  bold?: boolean
  indent?: number
  size?: number
  align?: 'left' | 'center'
}

export interface PrintModel {
  lang: Lang
  sample: boolean
  /** §5.1: the two header lines (KK, RU) and the number / date pairs printed at the top right. */
  header: { lines: string[]; fields: Array<[string, string]> }
  title: string[]
  body: PrintLine[]
  signature: string[]
  /** §5.2 (KK, RU) — empty where the template has no clause. */
  legal: string[]
  /** §5.3 note printed by the barcode. */
  barcodeNote?: string
  /** §5.3 DEFAULT: QR (level M) over compact JSON. */
  qr: string
  /**
   * The signed barcode (src-shared/verify/barcode.ts) printed instead of `qr` when the signature is known: the QR
   * parts in order, and the number and SHA-256 printed under them for typing into the verification page.
   */
  signedBarcode?: { parts: string[]; registrationNumber: string; sha256: string }
  /** Document title for the PDF metadata. */
  docTitle: string
}

const HEADERS = {
  a: L2('Құжат Электрондық қызмет порталымен қалыптасқан', 'Документ сформирован Порталом электронных услуг'),
  b: L2('Құжат электрондық үкімет порталымен құрылған', 'Документ сформирован порталом электронного правительства'),
  c: L2('Құжат электрондық үкімет жүйесінде құрылған', 'Документ сформирован системой электронного правительства'),
}
function L2(kk: string, ru: string) {
  return { kk, ru }
}
const UNIQUE_NO = 'Бірегей нөмір / Уникальный номер'
const DATE_LABEL = { a: '', b: 'Алу күні / Дата получения', c: 'Берілген күні / Дата выдачи' }
const SUBMITTED_LABEL = 'Жіберілген күні / Дата подачи'
const SIGNED: Localized = { kk: 'ЭЦҚ-мен қол қойылды', ru: 'Подписано ЭЦП', en: 'Signed with a digital signature' }
const SIGNED_AT: Localized = { kk: 'Қол қойылған уақыты', ru: 'Время подписания', en: 'Signed at' }
const CERT_SERIAL: Localized = { kk: 'Сертификат нөмірі', ru: 'Серийный номер сертификата', en: 'Certificate serial' }
const SAMPLE_MARK: Localized = { kk: 'ҮЛГІ — қол қойылмаған', ru: 'ОБРАЗЕЦ — не подписан', en: 'SAMPLE — not signed' }
const YES: Localized = { kk: 'Иә', ru: 'Да', en: 'Yes' }
const NO: Localized = { kk: 'Жоқ', ru: 'Нет', en: 'No' }
const DASH = '—'
const TO_APPLICANT: Localized = { kk: 'Өтініш берушіге', ru: 'Заявителю', en: 'To the applicant' }

const isLocalized = (v: unknown): v is Localized => !!v && typeof v === 'object' && !Array.isArray(v) && 'ru' in v

/**
 * The refusal reason as printed: the ground's reason in the reader's language, then the reason in words in the same
 * language — Kazakh on a Kazakh letter; a refusal signed before the Kazakh reason was asked for prints what it holds.
 */
export function refusalReasonText(doc: DecisionDocument, service: ServiceDefinition, lang: Lang): string {
  const r = doc.refusal
  if (!r || r.text.trim() === '') throw new ArmError('RESULT_REFUSAL_REASON_MISSING')
  const own = (lang === 'kk' && r.kk?.trim()) || r.text.trim()
  const ground = groundReason(r.code, service)
  return ground ? `${ground[lang]}. ${own}` : own
}

function systemValue(id: string, input: ComposeInput): string | undefined {
  const { doc, service, lang } = input
  const p = kzParts(doc.decidedAt)
  const two = (n: number) => String(n).padStart(2, '0')
  switch (id) {
    case 'uniqueNo':
    case 'noticeNo':
    case 'requestNo':
    case 'regNo':
    case 'appNo':
      return doc.registrationNumber
    case 'issueDate':
    case 'submittedAt':
    case 'date':
    case 'appDate':
    case 'dueDate':
      return formatDate(doc.decidedAt)
    case 'acceptedAt':
      return formatDateTime(doc.decidedAt)
    case 'dd':
      return two(p.day)
    case 'mm':
      return two(p.month)
    case 'yyyy':
      return String(p.year)
    case 'yy':
      return String(p.year).slice(2)
    case 'month':
      return monthName(p.month, lang)
    case 'reason':
      return refusalReasonText(doc, service, lang)
    case 'serviceName':
      return service.name[lang]
    case 'signingUnit':
      return (doc.signer.unit ?? service.provider.name)[lang]
    case 'region':
      return doc.signer.region?.[lang] ?? ''
    case 'applicantNameOrFio':
    case 'fio':
      return id === 'fio' ? doc.signer.name : doc.applicant.name
    case 'barcodeCode':
      return sha256Hex(input.signedBytes ?? decisionBytes(doc)).slice(0, 32).toUpperCase()
    case 'operatorName':
      return doc.signer.name
    default:
      return undefined
  }
}

function scalar(f: ResultField | undefined, v: ResultValue, lang: Lang): string {
  if (isLocalized(v)) return v[lang] || v.ru
  if (typeof v === 'boolean') return (v ? YES : NO)[lang]
  if (typeof v === 'number') return f?.kind === 'money' ? formatNumber(v, lang) : String(v)
  if (typeof v === 'string') {
    if (f?.kind === 'date') return formatDate(v)
    if (f?.kind === 'select') return f.options?.find((o) => o.value === v)?.label[lang] ?? v
    return v
  }
  return ''
}

function cell(c: ResultField, v: unknown, lang: Lang): string {
  return v === undefined || v === null || v === '' ? DASH : scalar(c, v as ResultValue, lang)
}

/** Rows inside a sentence: «Иванов И. И., 2015; …»; rows of more than two columns name each value. */
function inlineRows(f: ResultField, rows: ResultRow[], lang: Lang): string {
  if (!rows.length) return f.emptyText?.[lang] ?? ''
  const cols = f.item ?? []
  return rows
    .map((r) =>
      cols
        .filter((c) => r[c.id] !== undefined && r[c.id] !== '')
        .map((c) => (cols.length > 2 ? `${c.label[lang]}: ${cell(c, r[c.id], lang)}` : cell(c, r[c.id], lang)))
        .join(cols.length > 2 ? '; ' : ', '),
    )
    .join(cols.length > 2 ? ' | ' : '; ')
}

/** Resolves every placeholder of the template for one language; `undefined` means empty. */
function resolver(input: ComposeInput) {
  const { doc, template } = input
  const byId = new Map(template.fields.map((f) => [f.id, f]))
  return (id: string, lang: Lang): { text?: string; field?: ResultField; rows?: ResultRow[] } => {
    const f = byId.get(id)
    const v = doc.values[id]
    if (f?.kind === 'list') return { field: f, rows: Array.isArray(v) ? v : [] }
    if (v !== undefined && v !== '' && !Array.isArray(v)) return { text: scalar(f, v, lang), field: f }
    if (f?.source === 'system' || !f) return { text: systemValue(id, { ...input, lang }), field: f }
    if (f.from === 'applicant') return { text: doc.applicant.name, field: f }
    if (f.optional) return { field: f }
    if (input.lenient) return { text: DASH, field: f }
    throw new ArmError('RESULT_FIELD_MISSING', `${template.serviceId}/${template.id}: {${id}} is empty`, { fields: [id] })
  }
}

function bodyLines(input: ComposeInput, lang: Lang): PrintLine[] {
  const resolve = resolver(input)
  const out: PrintLine[] = []
  for (const line of input.template.lines) {
    const text = line[lang]
    const ids = [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1])
    const alone = ids.length === 1 && text.trim() === `{${ids[0]}}`
    if (alone) {
      const r = resolve(ids[0], lang)
      if (r.rows && r.field) {
        // A list on its own line: numbered rows, one column per line (the seeds' «1) право … по адресу: …» layout).
        if (!r.rows.length) {
          if (!r.field.optional || r.field.emptyText) out.push({ text: r.field.emptyText?.[lang] ?? DASH, indent: 1 })
          continue
        }
        r.rows.forEach((row, i) => {
          const cols = r.field?.item ?? []
          // One column needs no label on every row: «1) Документ, удостоверяющий личность», not «1) Документ: Документ, …».
          if (cols.length === 1) return void out.push({ text: `${i + 1}) ${cell(cols[0], row[cols[0].id], lang)}`, indent: 1 })
          cols.forEach((c, j) => out.push({ text: `${j === 0 ? `${i + 1}) ` : ''}${c.label[lang]}: ${cell(c, row[c.id], lang)}`, indent: j === 0 ? 1 : 2 }))
        })
        continue
      }
      if (r.text === undefined || r.text === '') continue
      // The provisional land bodies are bare field lists (CATALOG G20): a lone value is printed with its label.
      out.push({ text: input.template.provisional && r.field && r.field.source !== 'system' ? `${r.field.label[lang]}: ${r.text}` : r.text })
      continue
    }
    let empty = ids.length > 0
    const filled = text.replace(/\{(\w+)\}/g, (_, id: string, at: number) => {
      const r = resolve(id, lang)
      let s = r.rows && r.field ? inlineRows(r.field, r.rows, lang) : (r.text ?? '')
      // The reason continues a sentence («…по причине {reason}»): it starts in lower case unless it opens the line or follows a colon.
      if (id === 'reason' && /[\p{L},]\s*$/u.test(text.slice(0, at))) s = s.charAt(0).toLocaleLowerCase(lang) + s.slice(1)
      if (s !== '') empty = false
      return s
    })
    // A line whose every value is empty (no representative, no patronymic) is left out rather than printed half.
    if (empty) continue
    out.push({ text: filled.replace(/\s+([,.])/g, '$1').replace(/\s{2,}/g, ' ').trim() })
  }
  return out
}

/** The §5.3 DEFAULT QR content: compact JSON in a fixed key order. */
export function qrPayload(doc: DecisionDocument, signedBytes: Uint8Array): string {
  const sig = doc.signer.iin ? `IIN${doc.signer.iin}` : doc.signer.bin ? `BIN${doc.signer.bin}` : doc.signer.role
  return JSON.stringify({ u: doc.registrationNumber, s: doc.serviceId, d: formatDate(doc.decidedAt).split('.').reverse().join('-'), h: sha256Hex(signedBytes), sig: `${doc.signer.role}:${sig}` })
}

export function composeDocument(input: ComposeInput): PrintModel {
  const { doc, template, lang, verdict } = input
  if (verdict.status === 'failed') throw new ArmError('RESULT_SIGNATURE_INVALID', `signature check failed${verdict.code ? `: ${verdict.code}` : ''}`)
  const sample = verdict.status === 'sample'
  const bytes = input.signedBytes ?? decisionBytes(doc)
  const h = HEADERS[template.header]
  const dateLabel = input.service.id === 'archive.certificate' && template.kind === 'result' ? SUBMITTED_LABEL : DATE_LABEL[template.header]
  const fields: Array<[string, string]> = [[UNIQUE_NO, doc.registrationNumber]]
  if (dateLabel) fields.push([dateLabel, formatDate(doc.decidedAt)])

  const resolve = resolver(input)
  const fillTitle = (t: string, l: Lang) => t.replace(/\{(\w+)\}/g, (_, id: string) => resolve(id, l).text ?? '').trim()
  // MoJ forms (§5.1 a, b) carry the title in both state languages; the akimat and archive forms in one.
  const titleLangs: Lang[] = template.header === 'c' && !template.bilingual ? [lang] : lang === 'en' ? ['en', 'ru'] : ['kk', 'ru']
  const title = titleLangs.map((l) => fillTitle(template.title[l], l))

  let body = bodyLines(input, lang)
  // A refusal is addressed to the applicant by name (issue 11); the templates that have no addressee line get one.
  if (template.kind === 'refusal' && !template.fields.some((f) => f.from === 'applicant' || f.id === 'applicantNameOrFio')) body = [{ text: `${TO_APPLICANT[lang]}: ${doc.applicant.name}` }, ...body]
  if (template.bilingual) {
    const second: Lang = lang === 'ru' ? 'kk' : 'ru'
    const other = bodyLines(input, second)
    body = body.flatMap((l, i) => (other[i] && other[i].text !== l.text ? [l, { ...other[i], size: 8.5 }] : [l]))
  }

  const signer = doc.signer
  // A department's key signs in the department's name: printed in the document's language (the directory's kk/ru/en
  // names the document carries, else the catalogue's provider), never the Russian name on a Kazakh letter.
  const issuer = signer.role === 'department' ? (signer.unit ?? input.service.provider.name)[lang] : undefined
  const signature = sample
    ? [SAMPLE_MARK[lang], `${signer.position[lang]}: ${issuer ?? signer.name}`]
    : [
        `${SIGNED.kk} / ${SIGNED.ru}`,
        `${signer.position[lang]}: ${issuer ?? (verdict.status === 'verified' && verdict.signerName ? verdict.signerName : signer.name)}`,
        `${SIGNED_AT[lang]}: ${formatDateTime(verdict.status === 'verified' && verdict.signedAt ? verdict.signedAt : doc.decidedAt)} (UTC+5)`,
        ...(verdict.status === 'verified' && verdict.certificateSerial ? [`${CERT_SERIAL[lang]}: ${verdict.certificateSerial}`] : []),
      ]
  const note = template.barcode ? BARCODE_NOTES[template.barcode][lang] : undefined
  const barcodeNote = note?.replace('{signingUnit}', systemValue('signingUnit', input) ?? '').replace('{region}', systemValue('region', input) ?? '').replace(' ()', '')
  return {
    lang,
    sample,
    header: { lines: [h.kk, h.ru], fields },
    title,
    body,
    signature,
    legal: template.legalClause ? [LEGAL_CLAUSE.kk, LEGAL_CLAUSE.ru] : [],
    ...(barcodeNote ? { barcodeNote } : {}),
    qr: template.kind === 'receipt' ? JSON.stringify({ u: doc.registrationNumber, s: doc.serviceId }) : qrPayload(doc, bytes),
    ...(input.signature && !sample && template.kind !== 'receipt'
      ? { signedBarcode: { parts: encodeSignedBarcode({ registrationNumber: doc.registrationNumber, document: bytes, signature: input.signature }), registrationNumber: doc.registrationNumber, sha256: sha256Hex(bytes) } }
      : {}),
    docTitle: `${doc.registrationNumber} — ${template.title[lang]}`,
  }
}
