/**
 * The gateway as a REAL process (npx tsx src-gateway/main.ts) on a loopback port with a temporary SQLite file:
 * intake → registration → routing → inbox → signed decision → result, automated answers, SSE and polling,
 * authorisation between ЦОНs and departments, OCSP/CRL with OpenSSL, and the hash-chained message log on disk.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ERRORS } from '../../src-shared/errors'
import { parseDecisionBytes } from '../../src-shared/results'
import { GENESIS_HASH, entryHash } from '../../src-gateway/intake/message-log'
import type { MessageLogEntry } from '../../src-gateway/store/types'
import {
  IIN, PASSWORDS, PKI, b64, decisionFor, demoKey, envelope, login, loginIin, pdf, putOverHttp, sha256hex, signWith, signedBody, sleep, startGatewayProcess, uploadScans,
  tempDir, type GatewayProcess,
} from '../support/gateway-helpers'

let gw: GatewayProcess
let op1: string
let op2: string
let spec: string
let spec2: string

const api = (path: string) => `${gw.url}/api/v1${path}`
const auth = (t: string, extra: Record<string, string> = {}) => ({ authorization: `Bearer ${t}`, ...extra })
const postJson = (path: string, token: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(api(path), { method: 'POST', headers: auth(token, { 'content-type': 'application/json', ...headers }), body: JSON.stringify(body) })

beforeAll(async () => {
  gw = await startGatewayProcess()
  op1 = await login(gw.url, 'operator1', PASSWORDS.operator)
  op2 = await login(gw.url, 'operator2', PASSWORDS.operator)
  spec = await loginIin(gw.url, IIN.specialist, PASSWORDS.specialist)
  spec2 = await loginIin(gw.url, '900315440056', PASSWORDS.specialist)
  await uploadScans(putOverHttp(gw.url, op1))
}, 90_000)

afterAll(async () => {
  await gw?.stop()
})

describe('gateway process', () => {
  it('answers /health and a complete /openapi.json', async () => {
    expect(await (await fetch(`${gw.url}/health`)).json()).toEqual({ ok: true, version: expect.any(String), db: 'sqlite' })
    const doc = (await (await fetch(`${gw.url}/openapi.json`)).json()) as { openapi: string; paths: Record<string, Record<string, unknown>> }
    expect(doc.openapi).toBe('3.0.3')
    expect(Object.keys(doc.paths['/api/v1/requests'])).toEqual(expect.arrayContaining(['get', 'post']))
    expect(doc.paths['/api/v1/inbox/{requestId}/decision'].post).toBeTruthy()
  })

  it('takes attachments by SHA-256 idempotently and refuses a wrong hash or type', async () => {
    const bytes = pdf('att')
    const sha = sha256hex(bytes)
    const put = () => fetch(api(`/attachments/${sha}`), { method: 'PUT', headers: auth(op1, { 'content-type': 'application/pdf' }), body: bytes })
    expect((await put()).status).toBe(201)
    const again = await put()
    expect(again.status).toBe(200)
    expect(await again.json()).toEqual({ sha256: sha, size: bytes.length })
    expect((await fetch(api(`/attachments/${sha}`), { method: 'HEAD', headers: auth(op1) })).status).toBe(200)
    expect((await fetch(api(`/attachments/${'0'.repeat(64)}`), { method: 'HEAD', headers: auth(op1) })).status).toBe(404)
    const wrong = await fetch(api(`/attachments/${'a'.repeat(64)}`), { method: 'PUT', headers: auth(op1, { 'content-type': 'application/pdf' }), body: bytes })
    expect(wrong.status).toBe(422)
    expect(((await wrong.json()) as { code: string }).code).toBe('GW_HASH_MISMATCH')
    const type = await fetch(api(`/attachments/${sha}`), { method: 'PUT', headers: auth(op1, { 'content-type': 'application/x-msdownload' }), body: bytes })
    expect(type.status).toBe(415)
    expect(((await type.json()) as { code: string }).code).toBe('GW_UNSUPPORTED_MEDIA_TYPE')
  })

  it('registers a signed envelope, replays by key, 409s a changed body, routes it to the department only', async () => {
    const att = pdf('scan')
    const sha = sha256hex(att)
    await fetch(api(`/attachments/${sha}`), { method: 'PUT', headers: auth(op1, { 'content-type': 'application/pdf' }), body: att })
    const env = envelope({ attachments: [...envelope().attachments.filter((a) => a.docType !== 'child-birth-certificate'), { docType: 'child-birth-certificate', sha256: sha, size: att.length, mediaType: 'application/pdf', pages: 1 }] })
    const body = await signedBody(env)
    const key = `k-${env.envelopeId}`
    const first = await postJson('/requests', op1, { envelope: body.envelope, signature: body.signature }, { 'idempotency-key': key })
    expect(first.status).toBe(201)
    const reg = (await first.json()) as { registrationNumber: string; requestId: string; status: string }
    expect(reg.status).toBe('REGISTERED')
    expect(reg.registrationNumber).toMatch(/^GW-\d{8}-\d{6}$/)

    const replay = await postJson('/requests', op1, { envelope: body.envelope, signature: body.signature }, { 'idempotency-key': key })
    expect(replay.status).toBe(201)
    expect(await replay.json()).toEqual(reg)

    const other = await signedBody(envelope())
    const conflict = await postJson('/requests', op1, { envelope: other.envelope, signature: other.signature }, { 'idempotency-key': key })
    expect(conflict.status).toBe(409)
    expect(((await conflict.json()) as { code: string }).code).toBe('GW_IDEMPOTENCY_CONFLICT')

    // ЦОН isolation: the other ЦОН does not see the request at all.
    expect((await fetch(api(`/requests/${reg.registrationNumber}`), { headers: auth(op1) })).status).toBe(200)
    const hidden = await fetch(api(`/requests/${reg.registrationNumber}`), { headers: auth(op2) })
    expect(hidden.status).toBe(404)
    const changes2 = (await (await fetch(api('/requests?since=0'), { headers: auth(op2) })).json()) as { items: { registrationNumber: string }[] }
    expect(changes2.items.map((i) => i.registrationNumber)).not.toContain(reg.registrationNumber)

    // Department isolation: the education inbox has it, the social department's does not and cannot take it.
    const inbox = (await (await fetch(api('/inbox'), { headers: auth(spec) })).json()) as { items: { requestId: string; envelopeBytes: string }[] }
    const item = inbox.items.find((i) => i.requestId === reg.requestId)
    expect(item).toBeTruthy()
    expect(Buffer.from(item!.envelopeBytes, 'base64')).toEqual(Buffer.from(body.bytes))
    const inbox2 = (await (await fetch(api('/inbox'), { headers: auth(spec2) })).json()) as { items: { requestId: string }[] }
    expect(inbox2.items.map((i) => i.requestId)).not.toContain(reg.requestId)
    expect((await postJson(`/inbox/${reg.requestId}/take`, spec2, {})).status).toBe(404)
    // An operator has no inbox.
    expect((await fetch(api('/inbox'), { headers: auth(op1) })).status).toBe(403)
  })

  it('specialist takes, decides with a signed result; the ЦОН downloads it and OpenSSL verifies the signature', async () => {
    const body = await signedBody(envelope())
    const reg = (await (await postJson('/requests', op1, { envelope: body.envelope, signature: body.signature }, { 'idempotency-key': `k-${Date.now()}-r` })).json()) as { requestId: string; registrationNumber: string }
    const take = await postJson(`/inbox/${reg.requestId}/take`, spec, {})
    expect(take.status).toBe(200)
    expect(((await take.json()) as { status: string }).status).toBe('IN_PROCESSING')

    const doc = decisionFor(reg.registrationNumber, { templateId: 'referral' }).bytes
    // Signed by the wrong person (the operator's key): refused.
    const wrongSigner = await postJson(`/inbox/${reg.requestId}/decision`, spec, { kind: 'result', payload: b64(doc), signature: b64(await signWith('operator-sign', doc)) })
    expect(wrongSigner.status).toBe(403)
    expect(((await wrongSigner.json()) as { code: string }).code).toBe('GW_SIGNER_MISMATCH')

    const sig = await signWith('specialist-sign', doc)
    const decided = await postJson(`/inbox/${reg.requestId}/decision`, spec, { kind: 'result', payload: b64(doc), signature: b64(sig) })
    expect(decided.status).toBe(200)
    expect(((await decided.json()) as { status: string }).status).toBe('RESULT_READY')

    const status = (await (await fetch(api(`/requests/${reg.registrationNumber}`), { headers: auth(op1) })).json()) as { status: string; statusHistory: { status: string }[]; result: { signerIin: string; sha256: string } }
    expect(status.status).toBe('RESULT_READY')
    expect(status.statusHistory.map((h) => h.status)).toEqual(['REGISTERED', 'IN_PROCESSING', 'RESULT_READY'])
    expect(status.result.signerIin).toBe(IIN.specialist)
    expect(status.result.sha256).toBe(sha256hex(doc))

    const result = (await (await fetch(api(`/requests/${reg.registrationNumber}/result`), { headers: auth(op1) })).json()) as { document: string; signature: string; signedBy: string }
    expect(result.signedBy).toBe('specialist')
    const t = tempDir()
    try {
      writeFileSync(join(t.dir, 'doc.json'), Buffer.from(result.document, 'base64'))
      writeFileSync(join(t.dir, 'sig.der'), Buffer.from(result.signature, 'base64'))
      const out = execFileSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', join(t.dir, 'sig.der'), '-content', join(t.dir, 'doc.json'), '-CAfile', join(PKI, 'root.crt'), '-out', '/dev/null'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
      expect(out).toBe('')
    } finally {
      t.cleanup()
    }
    // The other ЦОН cannot download it.
    expect((await fetch(api(`/requests/${reg.registrationNumber}/result`), { headers: auth(op2) })).status).toBe(404)
  })

  it('records a мотивированный отказ with its reason', async () => {
    const body = await signedBody(envelope())
    const reg = (await (await postJson('/requests', op1, { envelope: body.envelope, signature: body.signature }, { 'idempotency-key': `k-${Date.now()}-x` })).json()) as { requestId: string; registrationNumber: string }
    await postJson(`/inbox/${reg.requestId}/take`, spec, {})
    // A refusal without the specialist's words is refused with its code (the letter must say why).
    const silent = decisionFor(reg.registrationNumber, { refusal: { code: 'M4', text: ' ' } }).bytes
    const noReason = await postJson(`/inbox/${reg.requestId}/decision`, spec, { kind: 'refusal', payload: b64(silent), signature: b64(await signWith('specialist-sign', silent)) })
    expect(noReason.status).toBe(400)
    expect(((await noReason.json()) as { code: string }).code).toBe('RESULT_REFUSAL_REASON_MISSING')
    const doc = decisionFor(reg.registrationNumber, { refusal: { code: 'M4', text: 'Документы не соответствуют Стандарту' } }).bytes
    const r = await postJson(`/inbox/${reg.requestId}/decision`, spec, { kind: 'refusal', reasonCode: 'M4', payload: b64(doc), signature: b64(await signWith('specialist-sign', doc)) })
    expect(r.status).toBe(200)
    const status = (await (await fetch(api(`/requests/${reg.registrationNumber}`), { headers: auth(op1) })).json()) as { status: string; result: { kind: string; reasonCode: string; reason: string } }
    expect(status.status).toBe('REFUSED')
    // The ЦОН reads the ground in words and the specialist's reason — what the refusal letter prints.
    expect(status.result).toMatchObject({ kind: 'refusal', reasonCode: 'M4', reason: 'Имеются нарушения в документах потребителя. Документы не соответствуют Стандарту' })
  })

  it('answers an automated service itself, signed with the department key, and streams the changes over SSE', async () => {
    const ctrl = new AbortController()
    const sse = await fetch(api('/events'), { headers: auth(op1, { accept: 'text/event-stream' }), signal: ctrl.signal })
    expect(sse.headers.get('content-type')).toContain('text/event-stream')
    const reader = sse.body!.getReader()
    let text = ''
    const pump = (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read()
          if (done) break
          text += new TextDecoder().decode(value)
        }
      } catch {
        /* aborted */
      }
    })()
    // The other ЦОН's stream must not see this request.
    const ctrl2 = new AbortController()
    const sse2 = await fetch(api(`/events?token=${encodeURIComponent(op2)}`), { signal: ctrl2.signal })
    const reader2 = sse2.body!.getReader()
    let text2 = ''
    const pump2 = (async () => {
      try {
        for (;;) {
          const { value, done } = await reader2.read()
          if (done) break
          text2 += new TextDecoder().decode(value)
        }
      } catch {
        /* aborted */
      }
    })()

    const env = envelope({ serviceId: 'realty.rights-certificate' })
    const body = await signedBody(env)
    const reg = (await (await postJson('/requests', op1, { envelope: body.envelope, signature: body.signature }, { 'idempotency-key': `k-${env.envelopeId}` })).json()) as { registrationNumber: string }
    let status = ''
    for (let i = 0; i < 100 && status !== 'RESULT_READY'; i++) {
      await sleep(100)
      status = ((await (await fetch(api(`/requests/${reg.registrationNumber}`), { headers: auth(op1) })).json()) as { status: string }).status
    }
    expect(status).toBe('RESULT_READY')
    const result = (await (await fetch(api(`/requests/${reg.registrationNumber}/result`), { headers: auth(op1) })).json()) as { document: string; signedBy: string }
    expect(result.signedBy).toBe('department')
    // The one document schema: the rights certificate's template filled from ГБД РН (the technical rows name the objects).
    const doc = parseDecisionBytes(Buffer.from(result.document, 'base64'))
    expect(doc).toMatchObject({ schema: 'arm.decision/1', templateId: 'rights-certificate', kind: 'result', signer: { role: 'department' } })
    expect((doc.values.technical as { cadastralNumber: string }[]).map((i) => i.cadastralNumber)).toContain('21:320:001:001')
    await sleep(200)
    ctrl.abort()
    ctrl2.abort()
    await Promise.all([pump, pump2])
    const events = text.split('\n\n').filter((b) => b.includes('event: status')).map((b) => JSON.parse(b.split('\n').find((l) => l.startsWith('data: '))!.slice(6)) as { registrationNumber: string; status: string })
    expect(events.filter((e) => e.registrationNumber === reg.registrationNumber).map((e) => e.status)).toEqual(['REGISTERED', 'IN_PROCESSING', 'RESULT_READY'])
    expect(text2).not.toContain(reg.registrationNumber)

    // Polling fallback: the same changes after a cursor.
    const page = (await (await fetch(api('/requests?since=0'), { headers: auth(op1) })).json()) as { items: { registrationNumber: string; status: string }[]; cursor: string }
    expect(page.items.filter((i) => i.registrationNumber === reg.registrationNumber).map((i) => i.status)).toEqual(['REGISTERED', 'IN_PROCESSING', 'RESULT_READY'])
    const after = (await (await fetch(api(`/requests?since=${page.cursor}`), { headers: auth(op1) })).json()) as { items: unknown[] }
    expect(after.items).toEqual([])

    // A stream reopened with Last-Event-ID replays what was missed, in order.
    const ctrl3 = new AbortController()
    const resumed = await fetch(api('/events'), { headers: auth(op1, { 'last-event-id': '0' }), signal: ctrl3.signal })
    const reader3 = resumed.body!.getReader()
    let text3 = ''
    while (!text3.includes('"RESULT_READY"') || !text3.includes(reg.registrationNumber)) {
      const { value, done } = await reader3.read()
      if (done) break
      text3 += new TextDecoder().decode(value)
    }
    ctrl3.abort()
    const seqs = [...text3.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]))
    expect(seqs.length).toBeGreaterThanOrEqual(3)
    expect([...seqs].sort((x, y) => x - y)).toEqual(seqs)
  }, 30_000)

  it('refuses an automated request with the catalogue refusal text when the registry has no data', async () => {
    const env = envelope({ serviceId: 'land.cadastral-info' }, { cadastralNumber: '99-999-999-999' })
    const body = await signedBody(env)
    const reg = (await (await postJson('/requests', op1, { envelope: body.envelope, signature: body.signature }, { 'idempotency-key': `k-${env.envelopeId}` })).json()) as { registrationNumber: string }
    let s: { status: string; result?: { reasonCode?: string; reason?: string } } = { status: '' }
    for (let i = 0; i < 100 && s.status !== 'REFUSED'; i++) {
      await sleep(100)
      s = (await (await fetch(api(`/requests/${reg.registrationNumber}`), { headers: auth(op1) })).json()) as typeof s
    }
    expect(s.status).toBe('REFUSED')
    expect(s.result?.reasonCode).toBe('M5')
    expect(s.result?.reason).toContain('Отсутствуют запрошенные данные в АИС ГЗК')
    const doc = (await (await fetch(api(`/requests/${reg.registrationNumber}/result`), { headers: auth(op1) })).json()) as { kind: string; document: string }
    expect(doc.kind).toBe('refusal')
    expect(parseDecisionBytes(Buffer.from(doc.document, 'base64'))).toMatchObject({ kind: 'refusal', templateId: 'refusal-notice', refusal: { code: 'M5', text: ERRORS.REGISTRY_LAND_PLOT_NOT_FOUND.ru } })
  }, 20_000)

  it('serves the CRL and answers OCSP for good and revoked certificates (checked with openssl ocsp)', async () => {
    const t = tempDir()
    try {
      const crl = Buffer.from(await (await fetch(`${gw.url}/pki/crl/intermediate.crl`)).arrayBuffer())
      writeFileSync(join(t.dir, 'i.crl'), crl)
      const crlText = execFileSync('openssl', ['crl', '-inform', 'DER', '-in', join(t.dir, 'i.crl'), '-noout', '-text'], { encoding: 'utf8' })
      expect(crlText).toContain('Revoked Certificates')
      const ask = (name: string) => {
        const cert = join(t.dir, `${name.replace(/\W/g, '_')}.pem`)
        writeFileSync(cert, `-----BEGIN CERTIFICATE-----\n${Buffer.from(demoKey(name).certificate).toString('base64').replace(/(.{64})/g, '$1\n')}\n-----END CERTIFICATE-----\n`)
        const r = spawnSync('openssl', ['ocsp', '-issuer', join(PKI, 'intermediate.crt'), '-cert', cert, '-url', `${gw.url}/pki/ocsp`, '-CAfile', join(PKI, 'root.crt'), '-VAfile', join(PKI, 'ocsp-signer.crt')], { encoding: 'utf8' })
        // The responder's signature must verify, not only parse.
        expect(r.stderr).toContain('Response verify OK')
        return r.stdout
      }
      expect(ask('operator-sign')).toMatch(/: good/)
      expect(ask('variants/variant-revoked')).toMatch(/: revoked/)
    } finally {
      t.cleanup()
    }
  })

  it('keeps an append-only, hash-chained message log on disk', async () => {
    const admin = await login(gw.url, 'admin', PASSWORDS.admin)
    const verify = (await (await fetch(api('/admin/message-log/verify'), { headers: auth(admin) })).json()) as { ok: boolean; length: number }
    expect(verify.ok).toBe(true)
    expect(verify.length).toBeGreaterThanOrEqual(5)
    expect((await fetch(api('/admin/message-log/verify'), { headers: auth(op1) })).status).toBe(403)
    const db = new Database(gw.dbFile, { readonly: false })
    try {
      const rows = db.prepare('SELECT seq, at, kind, request_id AS requestId, digest, prev_hash AS prevHash, hash FROM message_log ORDER BY seq').all() as MessageLogEntry[]
      expect(rows.length).toBeGreaterThanOrEqual(5)
      let prev = GENESIS_HASH
      for (const r of rows) {
        expect(r.prevHash).toBe(prev)
        expect(entryHash(r)).toBe(r.hash)
        prev = r.hash
      }
      expect(() => db.prepare('UPDATE message_log SET digest = ? WHERE seq = 1').run('0'.repeat(64))).toThrow(/append-only/)
      expect(() => db.prepare('DELETE FROM message_log WHERE seq = 1').run()).toThrow(/append-only/)
    } finally {
      db.close()
    }
  })
})
