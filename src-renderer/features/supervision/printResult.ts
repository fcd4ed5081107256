/**
 * "Print result": the signed result document of a request as a printable A4 PDF — the CATALOG §5.1 header block
 * (variant c, АРМ РШЭП outputs), the title and text of the decision, the §5.4 print block of the signature, the
 * §5.2 legal-equivalence clause (KK + RU) and a QR code (§5.3 DEFAULT: ISO/IEC 18004, level M) carrying the signature
 * reference: registration number, service, date, SHA-256 of the signed payload and the signer.
 * Pure: the font bytes come in (the renderer bundles DejaVu Sans; tests read the same file), nothing touches the DOM.
 */
import fontkit from '@cantoo/fontkit'
import { PDFDocument, rgb, type PDFFont, type PDFPage } from '@cantoo/pdf-lib'
import QRCode from 'qrcode'
import { LEGAL_CLAUSE, type ServiceDefinition } from '@shared/catalog'
import { base64ToBytes, sha256Hex } from '@shared/envelope'
import { ArmError } from '@shared/errors'
import type { ResultDocument, ResultSummary } from '@shared/gateway/api'

/** §5.1 variant c. */
export const HEADER_C = {
  kk: 'Құжат электрондық үкімет жүйесінде құрылған',
  ru: 'Документ сформирован системой электронного правительства',
  uniqueNo: 'Бірегей нөмір / Уникальный номер',
  issueDate: 'Берілген күні / Дата выдачи',
}
export const SIGNED_LINE = 'ЭЦҚ-мен қол қойылды / Подписано ЭЦП'

export interface PrintInput {
  result: ResultDocument
  /** From GET /requests/:regNo — the signer's ИИН/БИН and the service. */
  summary?: Pick<ResultSummary, 'signerIin' | 'signerBin'>
  serviceId: string
  service?: ServiceDefinition
  font: Uint8Array
  boldFont?: Uint8Array
}

export interface QrPayload {
  u: string
  s: string
  d: string
  h: string
  sig: string
}

/** The QR content of §5.3 DEFAULT: compact JSON, keys in this fixed order. */
export function qrPayload(p: { result: ResultDocument; serviceId: string; summary?: PrintInput['summary'] }): QrPayload {
  const signer = p.summary?.signerIin ? `IIN${p.summary.signerIin}` : p.summary?.signerBin ? `BIN${p.summary.signerBin}` : p.result.signedBy
  return { u: p.result.registrationNumber, s: p.serviceId, d: kzDate(p.result.decidedAt), h: sha256Hex(base64ToBytes(p.result.document)), sig: `${p.result.signedBy}:${signer}` }
}

/** Kazakhstan local date (UTC+5, as the working-day calendar counts) of an instant, `YYYY-MM-DD`. */
export function kzDate(iso: string): string {
  return new Date(Date.parse(iso) + 5 * 3600_000).toISOString().slice(0, 10)
}

interface DecisionDoc {
  kind?: string
  reason?: string
  reasonCode?: string
  data?: unknown
}

/** The decision's words: a specialist's result text and fields, a refusal reason, or an automated answer's data. */
export function resultLines(doc: DecisionDoc, kind: ResultDocument['kind']): string[] {
  if (kind === 'refusal') return [`Причина отказа / Бас тарту себебі${doc.reasonCode ? ` (${doc.reasonCode})` : ''}:`, doc.reason ?? '—']
  const data = doc.data as { text?: unknown; fields?: Record<string, unknown> } | undefined
  const out: string[] = []
  if (data && typeof data.text === 'string') out.push(data.text)
  if (data && data.fields && typeof data.fields === 'object') for (const [k, v] of Object.entries(data.fields)) out.push(`${k}: ${String(v)}`)
  if (!out.length && data !== undefined) flatten(data, '', out)
  return out.length ? out : ['—']
}

function flatten(v: unknown, path: string, out: string[]): void {
  if (out.length > 60) return
  if (v === null || typeof v !== 'object') return void out.push(`${path}: ${String(v)}`)
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) flatten(x, path ? `${path}.${k}` : k, out)
}

function fillTitle(title: string, values: Record<string, string>): string {
  return title.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '').replace(/\s+№\s*$/, '').replace(/\s{2,}/g, ' ').trim()
}

/** Splits text into lines that fit `width` at `size` (words; an over-long word is cut by characters). */
export function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = []
  for (const para of text.split('\n')) {
    let line = ''
    for (const word of para.split(/\s+/).filter(Boolean)) {
      const next = line ? `${line} ${word}` : word
      if (font.widthOfTextAtSize(next, size) <= width) {
        line = next
        continue
      }
      if (line) lines.push(line)
      let w = word
      while (font.widthOfTextAtSize(w, size) > width) {
        let n = w.length - 1
        while (n > 1 && font.widthOfTextAtSize(w.slice(0, n), size) > width) n--
        lines.push(w.slice(0, n))
        w = w.slice(n)
      }
      line = w
    }
    lines.push(line)
  }
  return lines
}

function drawQr(page: PDFPage, text: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' })
  const n = qr.modules.size
  const quiet = 2
  const cell = size / (n + quiet * 2)
  page.drawRectangle({ x, y, width: size, height: size, color: rgb(1, 1, 1) })
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      if (!qr.modules.get(r, c)) continue
      // Row 0 is the top of the symbol; PDF y grows upwards.
      page.drawRectangle({ x: x + (c + quiet) * cell, y: y + size - (r + quiet + 1) * cell, width: cell, height: cell, color: rgb(0, 0, 0) })
    }
  }
}

export async function buildResultPdf(input: PrintInput): Promise<Uint8Array> {
  const { result, service } = input
  let doc: DecisionDoc
  try {
    doc = result.mediaType === 'application/json' ? (JSON.parse(new TextDecoder().decode(base64ToBytes(result.document))) as DecisionDoc) : {}
  } catch {
    throw new ArmError('GW_BAD_REQUEST', 'the result document is not JSON')
  }
  const pdf = await PDFDocument.create()
  pdf.registerFontkit(fontkit)
  const font = await pdf.embedFont(input.font, { subset: true })
  const bold = input.boldFont ? await pdf.embedFont(input.boldFont, { subset: true }) : font
  pdf.setTitle(`${result.registrationNumber} — ${result.kind}`)
  pdf.setProducer('АРМ')
  const page = pdf.addPage([595.28, 841.89])
  const M = 50
  const W = page.getWidth() - 2 * M
  let y = page.getHeight() - M
  const grey = rgb(0.35, 0.35, 0.35)
  const text = (s: string, o: { size?: number; f?: PDFFont; x?: number; color?: ReturnType<typeof rgb>; width?: number } = {}) => {
    const size = o.size ?? 11
    for (const line of wrap(s, o.f ?? font, size, o.width ?? W)) {
      page.drawText(line, { x: o.x ?? M, y: y - size, size, font: o.f ?? font, color: o.color ?? rgb(0, 0, 0) })
      y -= size * 1.35
    }
  }

  // §5.1 header: logo text and the two header lines at the left, number and date at the top right.
  const date = new Date(result.decidedAt)
  const [yy, mm, dd] = kzDate(result.decidedAt).split('-')
  const dateText = `${dd}.${mm}.${yy}`
  const top = y
  page.drawText('eGov', { x: M, y: y - 20, size: 20, font: bold, color: rgb(0.04, 0.36, 0.66) })
  y -= 30
  text(HEADER_C.kk, { size: 9, color: grey, width: W * 0.55 })
  text(HEADER_C.ru, { size: 9, color: grey, width: W * 0.55 })
  const left = y
  y = top
  const rx = M + W * 0.58
  text(`${HEADER_C.uniqueNo}: ${result.registrationNumber}`, { size: 9, x: rx, width: W * 0.42 })
  text(`${HEADER_C.issueDate}: ${dateText}`, { size: 9, x: rx, width: W * 0.42 })
  y = Math.min(y, left) - 8
  page.drawLine({ start: { x: M, y }, end: { x: M + W, y }, thickness: 0.8, color: grey })
  y -= 18

  // Title: the catalogue template of the decision kind, KK and RU.
  const tpl = result.kind === 'refusal' ? service?.refusal.template : service?.result[0]
  const fields = ((doc.data as { fields?: Record<string, string> } | undefined)?.fields ?? {}) as Record<string, string>
  const values = { ...fields, uniqueNo: result.registrationNumber, noticeNo: result.registrationNumber }
  const titleKk = tpl ? fillTitle(tpl.title.kk, values) : result.kind === 'refusal' ? 'Дәлелді бас тарту' : 'Мемлекеттік қызмет көрсету нәтижесі'
  const titleRu = tpl ? fillTitle(tpl.title.ru, values) : result.kind === 'refusal' ? 'Мотивированный отказ' : 'Результат оказания государственной услуги'
  text(titleKk.toLocaleUpperCase('kk'), { size: 13, f: bold })
  text(titleRu.toLocaleUpperCase('ru'), { size: 13, f: bold })
  y -= 6
  if (service) {
    text(`${service.name.kk}`, { size: 9, color: grey })
    text(`${service.name.ru}`, { size: 9, color: grey })
  }
  y -= 10

  // The decision itself.
  for (const line of resultLines(doc, result.kind)) {
    text(line, { size: 11 })
    y -= 2
  }

  // §5.4 DEFAULT print block of the signature.
  y -= 16
  const qr = qrPayload({ result, serviceId: input.serviceId, summary: input.summary })
  text(SIGNED_LINE, { size: 10, f: bold })
  const signer = input.summary?.signerIin ? `ЖСН / ИИН ${input.summary.signerIin}` : input.summary?.signerBin ? `БСН / БИН ${input.summary.signerBin}` : ''
  text(`${result.signedBy === 'specialist' ? 'Маман / Специалист' : 'Бөлім / Департамент'}${signer ? `: ${signer}` : ''}`, { size: 10 })
  text(`${date.toISOString().replace('T', ' ').slice(0, 19)} UTC`, { size: 10 })
  text(`SHA-256: ${qr.h}`, { size: 7.5, color: grey })

  // Footer: §5.2 clause (KK, RU) at the left, the QR code at the bottom right.
  const qrSize = 110
  y = M + qrSize
  const footW = W - qrSize - 16
  page.drawLine({ start: { x: M, y: y + 8 }, end: { x: M + W, y: y + 8 }, thickness: 0.5, color: grey })
  text(LEGAL_CLAUSE.kk, { size: 8, width: footW })
  y -= 4
  text(LEGAL_CLAUSE.ru, { size: 8, width: footW })
  drawQr(page, JSON.stringify(qr), M + W - qrSize, M, qrSize)
  return pdf.save()
}
