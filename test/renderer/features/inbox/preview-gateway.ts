/**
 * A real gateway (createGateway, SQLite, real signature checks) in its own Node process for the attachment-preview and
 * board tests (jsdom's realm cannot run Node's WebCrypto/CMS code). At a fixed instant T0 the operator uploads a real
 * PDF scan and a real PNG photo and sends one request with both to the education department and two without
 * attachments to the social department; then the clock moves past every regulated deadline, so the supervision
 * summary has overdue requests in two departments. Prints one line `PREVIEW_TEST_GATEWAY <json>` with the gateway
 * URL, fresh tokens, the request and the attachment hashes. Usage: node --import tsx test/renderer/features/inbox/preview-gateway.ts [port]
 */
import { createHash } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { crc32, deflateSync } from 'node:zlib'
import { PDFDocument, StandardFonts, rgb } from '@cantoo/pdf-lib'
import { catalog } from '../../../../src-shared/catalog'
import { deadline } from '../../../../src-shared/calendar'
import { envelope, IIN, inProcessGateway, PASSWORDS, putOverHttp, signedBody, uploadScans } from '../../../support/gateway-helpers'

export const PREVIEW_T0 = Date.parse('2026-12-14T05:00:00Z') // Monday, 10:00 in Astana
const SOCIAL_SPECIALIST_IIN = '900315440056'
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex')

/** A one-page A4 PDF that Chromium's viewer renders: a framed "scan" with large text. */
async function scanPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  const page = doc.addPage([595, 842])
  const font = await doc.embedFont(StandardFonts.HelveticaBold)
  page.drawRectangle({ x: 40, y: 40, width: 515, height: 762, borderColor: rgb(0.1, 0.3, 0.6), borderWidth: 4 })
  page.drawText('IDENTITY DOCUMENT SCAN', { x: 70, y: 740, size: 30, font, color: rgb(0.1, 0.3, 0.6) })
  page.drawText(`IIN ${IIN.operator}`, { x: 70, y: 690, size: 24, font })
  page.drawText('preview test page 1/1', { x: 70, y: 650, size: 16, font, color: rgb(0.4, 0.4, 0.4) })
  doc.setCreationDate(new Date(PREVIEW_T0))
  doc.setModificationDate(new Date(PREVIEW_T0))
  return doc.save()
}

/** A real 96×64 RGB PNG (a blue card with a lighter band), built by hand: signature, IHDR, one IDAT, IEND. */
function photoPng(): Uint8Array {
  const w = 96
  const h = 64
  const raw = Buffer.alloc((w * 3 + 1) * h)
  for (let y = 0; y < h; y++) {
    raw[y * (w * 3 + 1)] = 0 // filter: none
    for (let x = 0; x < w; x++) {
      const o = y * (w * 3 + 1) + 1 + x * 3
      const band = y > 20 && y < 44
      raw[o] = band ? 200 : 30
      raw[o + 1] = band ? 220 : 80
      raw[o + 2] = band ? 255 : 160
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4)
    len.writeUInt32BE(data.length)
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(td) >>> 0)
    return Buffer.concat([len, td, crc])
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(w, 0)
  ihdr.writeUInt32BE(h, 4)
  ihdr.set([8, 2, 0, 0, 0], 8) // 8-bit, truecolour
  return new Uint8Array(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]))
}

export interface PreviewFixture {
  url: string
  tokens: { specialist: string; otherSpecialist: string; supervisor: string; operator: string }
  request: { requestId: string; registrationNumber: string }
  pdf: string
  png: string
  now: number
}

async function main(): Promise<void> {
  const clock = { at: PREVIEW_T0 }
  const g = inProcessGateway({}, { now: () => clock.at })
  await g.gw.app.listen({ port: Number(process.argv[2] ?? 0), host: '127.0.0.1' })
  const url = `http://127.0.0.1:${(g.gw.app.server.address() as AddressInfo).port}`
  const call = async <T>(method: string, path: string, token: string | undefined, body?: unknown, headers: Record<string, string> = {}) => {
    const raw = body instanceof Uint8Array
    const res = await fetch(url + path, {
      method,
      headers: { ...(raw ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: raw ? Buffer.from(body) : body === undefined ? undefined : JSON.stringify(body),
    })
    const json = (await res.json()) as T
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`)
    return json
  }
  const login = (login: string, password: string) => call<{ token: string }>('POST', '/api/v1/auth/login', undefined, { login, password }).then((r) => r.token)
  const loginIin = (iin: string, password: string) => call<{ token: string }>('POST', '/api/v1/auth/login-iin', undefined, { iin, password }).then((r) => r.token)

  const op = await login('operator1', PASSWORDS.operator)
  const pdf = await scanPdf()
  const png = photoPng()
  await call('PUT', `/api/v1/attachments/${sha(pdf)}`, op, pdf, { 'content-type': 'application/pdf' })
  await call('PUT', `/api/v1/attachments/${sha(png)}`, op, png, { 'content-type': 'image/png' })
  let n = 0
  const submit = async (env: ReturnType<typeof envelope>) => {
    await uploadScans(putOverHttp(url, op), env)
    const body = await signedBody(env)
    return call<{ requestId: string; registrationNumber: string }>('POST', '/api/v1/requests', op, { envelope: body.envelope, signature: body.signature }, { 'idempotency-key': `preview-${++n}-${PREVIEW_T0}` })
  }
  const request = await submit(envelope({
    attachments: [
      { docType: 'identity-document', sha256: sha(pdf), size: pdf.length, mediaType: 'application/pdf', pages: 1 },
      { docType: 'child-birth-certificate', sha256: sha(png), size: png.length, mediaType: 'image/png', pages: 1 },
    ],
  }))
  await submit(envelope({ serviceId: 'akimat.housing-queue' }))
  await submit(envelope({ serviceId: 'akimat.housing-queue' }))

  // Past every deadline of the three requests; sessions are opened at the new instant.
  const due = Math.max(...['akimat.preschool-queue', 'akimat.housing-queue'].map((id) => deadline(new Date(PREVIEW_T0), catalog.get(id).terms.regulated).getTime()))
  clock.at = due + 3_600_000
  const fixture: PreviewFixture = {
    url,
    tokens: {
      specialist: await loginIin(IIN.specialist, PASSWORDS.specialist),
      otherSpecialist: await loginIin(SOCIAL_SPECIALIST_IIN, PASSWORDS.specialist),
      supervisor: await login('supervisor1', PASSWORDS.supervisor),
      operator: await login('operator1', PASSWORDS.operator),
    },
    request,
    pdf: sha(pdf),
    png: sha(png),
    now: clock.at,
  }
  console.log(`PREVIEW_TEST_GATEWAY ${JSON.stringify(fixture)}`)
  process.on('SIGTERM', () => void g.close().then(() => process.exit(0)))
}

if (process.argv[1] && /preview-gateway\.ts$/.test(process.argv[1])) void main()
