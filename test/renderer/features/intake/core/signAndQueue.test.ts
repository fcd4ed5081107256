/// <reference types="node" />
import 'fake-indexeddb/auto'
import { ArmError } from '../../../../../src-shared/errors'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PDFDocument, rgb } from '@cantoo/pdf-lib'
import { decodeEnvelope } from '@shared/envelope'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { ArmDb } from '../../../../../src-renderer/db'
import { OutboxService } from '../../../../../src-renderer/sync/OutboxService'
import { DraftAutosaver } from '../../../../../src-renderer/features/intake/core/autosave'
import { dexieDraftStore } from '../../../../../src-renderer/features/intake/core/dexieDraftStore'
import { emptyDraft, pages, type IntakeDraft } from '../../../../../src-renderer/features/intake/core/model'
import { SignAndQueue, missingDocuments, newVersionDraft } from '../../../../../src-renderer/features/intake/core/signAndQueue'
import { sha256Hex } from '../../../../../src-renderer/features/intake/scans/hash'

/**
 * Drafts and review & sign on real Dexie (fake-indexeddb) with the outbox's real OutboxService; the envelope is
 * signed by OpenSSL (a detached CMS, as main's signer produces) and verified by OpenSSL over the exact stored bytes.
 */
const dir = mkdtempSync(join(tmpdir(), 'arm-intake-'))
let pngBytes: Uint8Array
let pdfBytes: Uint8Array

const opensslSigner = {
  async sign(bytes: Uint8Array) {
    writeFileSync(join(dir, 'env.bin'), bytes)
    execFileSync('openssl', ['cms', '-sign', '-binary', '-in', join(dir, 'env.bin'), '-signer', join(dir, 'cert.pem'), '-inkey', join(dir, 'key.pem'), '-outform', 'DER', '-out', join(dir, 'sig.der')])
    return { cms: readFileSync(join(dir, 'sig.der')).toString('base64') }
  },
}

beforeAll(async () => {
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '2', '-subj', '/CN=Operator/serialNumber=IIN830717350867'], { stdio: 'ignore' })
  const doc = await PDFDocument.create()
  doc.addPage([100, 140]).drawRectangle({ x: 0, y: 0, width: 50, height: 140, color: rgb(0, 0, 0) })
  doc.addPage([100, 140])
  pdfBytes = await doc.save()
  writeFileSync(join(dir, 'src.pdf'), pdfBytes)
  execFileSync('pdftoppm', ['-png', '-r', '20', '-singlefile', join(dir, 'src.pdf'), join(dir, 'img')])
  pngBytes = new Uint8Array(readFileSync(join(dir, 'img.png')))
})

let db: ArmDb
afterEach(async () => {
  db?.close()
})

function freshDb() {
  db = new ArmDb(`intake-${Math.random().toString(36).slice(2)}`)
  return db
}

let n = 0
const newId = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`

async function draftWithScans(store: ReturnType<typeof dexieDraftStore>): Promise<IntakeDraft> {
  const d = emptyDraft({ id: newId(), serviceId: 'akimat.unemployed-certificate', channel: 'tson', now: 1 })
  d.applicant = { kind: 'person', iin: '840731400431' }
  d.applicantCheck = { state: 'verified', at: 2, summary: 'Абенова А.' }
  d.fields = { reason: 'уволен по сокращению', phone: '+77011234567' }
  const pngSha = await sha256Hex(pngBytes)
  const pdfSha = await sha256Hex(pdfBytes)
  await store.putSource(d.id, pngSha, 'image/png', pngBytes)
  await store.putSource(d.id, pdfSha, 'application/pdf', pdfBytes)
  d.sources = {
    s1: { id: 's1', sha256: pngSha, mediaType: 'image/png', size: pngBytes.length, name: 'id.png', pageCount: 1 },
    s2: { id: 's2', sha256: pdfSha, mediaType: 'application/pdf', size: pdfBytes.length, name: 'work.pdf', pageCount: 2 },
  }
  d.documents = {
    'identity-document': { pages: [{ id: 'p1', sourceId: 's1', index: 0, rotation: 0 }], originalSeen: true },
    'employment-record': {
      pages: [
        { id: 'p2', sourceId: 's2', index: 0, rotation: 0 },
        { id: 'p3', sourceId: 's2', index: 1, rotation: 90 },
      ],
      originalSeen: true,
    },
  }
  return d
}

const required = [
  { id: 'identity-document', required: true },
  { id: 'employment-record', required: true },
  { id: 'extra', required: false },
]

describe('DraftAutosaver', () => {
  it('debounces many changes into few writes and flush() stores the very last keystroke', async () => {
    const store = dexieDraftStore(freshDb())
    const saver = new DraftAutosaver(store, { delayMs: 50 })
    const d = emptyDraft({ id: newId(), serviceId: 'archive.certificate', channel: 'tson', now: 1 })
    let text = ''
    for (const ch of 'Мұрағат') {
      text += ch
      saver.change({ ...d, fields: { topic: text }, updatedAt: Date.now() })
    }
    await saver.flush()
    expect(saver.saves).toBe(1)
    expect((await store.load(d.id))!.fields.topic).toBe('Мұрағат')
    // "killing the app": a new store over the same DB sees the draft
    const reopened = dexieDraftStore(new ArmDb(db.name))
    expect((await reopened.list()).map((x) => x.id)).toContain(d.id)
  })

  it('keeps the draft and reports INTAKE_DRAFT_SAVE_FAILED when a write fails, then saves on the next flush', async () => {
    const real = dexieDraftStore(freshDb())
    let fail = true
    const flaky = { ...real, save: async (x: IntakeDraft) => (fail ? Promise.reject(new Error('QuotaExceededError')) : real.save(x)) }
    const errors: string[] = []
    const saver = new DraftAutosaver(flaky, { delayMs: 10, onError: (e) => errors.push(e.code) })
    const d = emptyDraft({ id: newId(), serviceId: 'archive.certificate', channel: 'tson', now: 1 })
    saver.change({ ...d, fields: { topic: 'x' } })
    await saver.flush()
    expect(errors).toEqual(['INTAKE_DRAFT_SAVE_FAILED'])
    fail = false
    await saver.flush()
    expect((await real.load(d.id))!.fields.topic).toBe('x')
  })
})

describe('SignAndQueue', () => {
  it('refuses to sign while a required document lacks pages or its "paper original seen" mark', async () => {
    const store = dexieDraftStore(freshDb())
    const d = await draftWithScans(store)
    expect(missingDocuments(d, required)).toEqual([])
    d.documents['employment-record'].originalSeen = false
    const sq = new SignAndQueue({ store, signer: opensslSigner, outbox: new OutboxService({ db, clock: { now: () => 5, sleep: async () => {} } }) })
    await expect(sq.signAndQueue(d, { operatorIin: '830717350867', requiredDocuments: required, now: () => new Date(), newId })).rejects.toMatchObject({
      code: 'INTAKE_DOCUMENTS_MISSING',
      details: { missing: ['employment-record'] },
    })
    expect(await db.outbox.count()).toBe(0)
  })

  it('composes one PDF per document, signs the canonical envelope, and queues request + PDFs in one go', async () => {
    const store = dexieDraftStore(freshDb())
    const d = await draftWithScans(store)
    await store.save(d)
    const outbox = new OutboxService({ db, clock: { now: () => 5, sleep: async () => {} } })
    const sq = new SignAndQueue({ store, signer: opensslSigner, outbox })
    const progress: string[] = []
    const r = await sq.signAndQueue(d, {
      operatorIin: '830717350867',
      tsonId: 'tson-1',
      requiredDocuments: required,
      now: () => new Date('2026-11-22T10:00:00Z'),
      newId,
      onProgress: (s, done) => progress.push(`${s}:${done}`),
    })
    expect(progress).toEqual(['compose:1', 'compose:2', 'sign:0', 'queue:0'])
    // the envelope bytes are canonical and carry the hashes of the composed PDFs
    const env = decodeEnvelope(r.envelopeBytes)
    expect(env.attachments.map((a) => [a.docType, a.pages, a.mediaType])).toEqual([
      ['identity-document', 1, 'application/pdf'],
      ['employment-record', 2, 'application/pdf'],
    ])
    const req = await db.requests.get(r.requestId)
    expect(req!.state).toBe('queued')
    expect(req!.applicantMasked).not.toContain('840731400431')
    expect(Buffer.from(req!.envelope!).equals(Buffer.from(r.envelopeBytes))).toBe(true)
    for (const a of env.attachments) {
      const doc = await db.documents.get(a.sha256)
      expect(doc!.size).toBe(a.size)
      expect(await sha256Hex(doc!.bytes)).toBe(a.sha256)
    }
    const items = await db.outbox.toArray()
    expect(items).toHaveLength(1)
    expect(items[0].orderingKey).toBe(r.requestId)
    // OpenSSL verifies the stored signature over the stored envelope bytes
    writeFileSync(join(dir, 'stored-env.bin'), req!.envelope!)
    writeFileSync(join(dir, 'stored-sig.der'), Buffer.from(req!.signature!, 'base64'))
    const out = execFileSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', join(dir, 'stored-sig.der'), '-content', join(dir, 'stored-env.bin'), '-CAfile', join(dir, 'cert.pem'), '-purpose', 'any', '-out', '/dev/null'], { stdio: ['ignore', 'pipe', 'pipe'] })
    expect(out).toBeDefined()
    // the draft is gone, its imported sources too; the composed PDFs stay
    expect(await store.load(d.id)).toBeUndefined()
    expect(await db.documents.get(d.sources.s1.sha256)).toBeUndefined()
    expect(await db.documents.count()).toBe(2)
  })

  it('keeps a signed request immutable: signing it again is refused, an edit becomes version 2 with a new id', async () => {
    const store = dexieDraftStore(freshDb())
    const d = await draftWithScans(store)
    const outbox = new OutboxService({ db, clock: { now: () => 5, sleep: async () => {} } })
    const sq = new SignAndQueue({ store, signer: opensslSigner, outbox })
    const ctx = { operatorIin: '830717350867', requiredDocuments: required, now: () => new Date('2026-11-22T10:00:00Z'), newId }
    const first = await sq.signAndQueue(d, ctx)
    await expect(sq.signAndQueue(await draftWithScans(store).then((x) => ({ ...x, id: first.requestId })), ctx)).rejects.toMatchObject({ code: 'OUTBOX_BAD_STATE' })
    // The edit starts from the signed PDFs (the imported sources are gone with the first draft).
    const edit = newVersionDraft(first.envelope, d, { id: newId(), now: 9 })
    expect(edit.documents['employment-record'].pages).toHaveLength(2)
    edit.fields = { ...edit.fields, reason: 'исправлено' }
    const firstPage = edit.documents['identity-document'].pages[0].id
    edit.documents['identity-document'] = pages.rotate(edit.documents['identity-document'], firstPage, 90)
    const second = await sq.signAndQueue(edit, ctx)
    // the unchanged document is recomposed from the signed PDF page by page
    expect(second.attachments[1].pages).toBe(2)
    expect(second.requestId).not.toBe(first.requestId)
    expect(second.envelope).toMatchObject({ version: 2, previousEnvelopeId: first.envelope.envelopeId, form: { reason: 'исправлено' } })
    // the first signed request is untouched
    const firstStored = await db.requests.get(first.requestId)
    expect(Buffer.from(firstStored!.envelope!).equals(Buffer.from(first.envelopeBytes))).toBe(true)
    // the rotated page gives another PDF, so another hash
    expect(second.attachments[0].sha256).not.toBe(first.attachments[0].sha256)
  })
})

describe('page operations', () => {
  it('rotate, move and remove pages', () => {
    const slot = { originalSeen: false, pages: ['a', 'b', 'c'].map((id) => ({ id, sourceId: 's', index: 0, rotation: 0 as const })) }
    expect(pages.rotate(slot, 'b', -90).pages[1].rotation).toBe(270)
    expect(pages.move(slot, 'c', -1).pages.map((p) => p.id)).toEqual(['a', 'c', 'b'])
    expect(pages.move(slot, 'a', -1)).toBe(slot)
    expect(pages.remove(slot, 'a').pages.map((p) => p.id)).toEqual(['b', 'c'])
  })
})

describe('SignAndQueue batch', () => {
  it('one confirmation for three: each envelope signed (OpenSSL verifies each), queued, its draft gone; a draft that fails stays a draft and costs the others nothing; a cancel signs none', async () => {
    const store = dexieDraftStore(freshDb())
    const outbox = new OutboxService({ db, clock: { now: () => 5, sleep: async () => {} } })
    const calls: number[] = []
    const signer = {
      ...opensslSigner,
      async signBatch(contents: Uint8Array[]) {
        calls.push(contents.length)
        const items: Array<{ cms: string }> = []
        for (const c of contents) items.push({ cms: (await opensslSigner.sign(c)).cms })
        return { items }
      },
    }
    const sq = new SignAndQueue({ store, signer, outbox })
    const drafts = [await draftWithScans(store), await draftWithScans(store), await draftWithScans(store), await draftWithScans(store)]
    drafts[1].documents['identity-document'].originalSeen = false // this one cannot be signed yet
    for (const d of drafts) await store.save(d)
    const ctx = { operatorIin: '830717350867', requiredDocuments: required, now: () => new Date(), newId }
    const out = await sq.signBatch(drafts.map((draft) => ({ draft, ctx })), { keyRef: 'p12:/keys/operator-sign.p12', operatorIin: '830717350867' })
    expect(calls).toEqual([3])
    expect(out.filter((o) => o.ok)).toHaveLength(3)
    const failed = out.find((o) => !o.ok)!
    expect(failed).toMatchObject({ draftId: drafts[1].id, error: { code: 'INTAKE_DOCUMENTS_MISSING' } })
    expect((await store.list()).map((d) => d.id)).toEqual([drafts[1].id])
    expect(await db.outbox.count()).toBe(3)
    for (const o of out) {
      if (!o.ok) continue
      const req = (await db.requests.get(o.result.requestId))!
      writeFileSync(join(dir, 'b.bin'), req.envelope!)
      writeFileSync(join(dir, 'b.der'), Buffer.from(req.signature!, 'base64'))
      execFileSync('openssl', ['cms', '-verify', '-binary', '-noverify', '-inform', 'DER', '-in', join(dir, 'b.der'), '-content', join(dir, 'b.bin'), '-out', '/dev/null'], { stdio: 'ignore' })
    }

    // The person cancels main's one confirmation: nothing is signed, every draft stays.
    const cancelling = new SignAndQueue({ store, outbox, signer: { ...opensslSigner, signBatch: async () => Promise.reject(Object.assign(new Error('cancelled'), { code: 'SECRET_PROMPT_CANCELLED' })) } })
    const again = [await draftWithScans(store), await draftWithScans(store)]
    for (const d of again) await store.save(d)
    await expect(cancelling.signBatch(again.map((draft) => ({ draft, ctx })), { keyRef: 'k', operatorIin: '830717350867' })).rejects.toMatchObject({ code: 'SECRET_PROMPT_CANCELLED' })
    expect(await db.outbox.count()).toBe(3)
    expect((await store.list()).length).toBe(3)

    // Confirmed, but main could not sign the middle one (the token was pulled out midway): that draft stays with its
    // coded error; the other two are signed and queued.
    const partly = new SignAndQueue({
      store,
      outbox,
      signer: {
        ...opensslSigner,
        async signBatch(contents: Uint8Array[]) {
          const items: Array<{ cms: string } | { error: ArmError }> = []
          for (const [i, c] of contents.entries()) items.push(i === 1 ? { error: new ArmError('PKCS11_TOKEN_REMOVED') } : { cms: (await opensslSigner.sign(c)).cms })
          return { items }
        },
      },
    })
    const three = [await draftWithScans(store), await draftWithScans(store), await draftWithScans(store)]
    for (const d of three) await store.save(d)
    const res = await partly.signBatch(three.map((draft) => ({ draft, ctx })), { keyRef: 'k', operatorIin: '830717350867' })
    expect(res.map((r) => [r.draftId, r.ok])).toEqual([
      [three[0].id, true],
      [three[1].id, false],
      [three[2].id, true],
    ])
    expect(res[1]).toMatchObject({ error: { code: 'PKCS11_TOKEN_REMOVED' } })
    expect(await db.outbox.count()).toBe(5)
    expect((await store.list()).map((d) => d.id)).toContain(three[1].id)
    expect((await store.list()).map((d) => d.id)).not.toContain(three[0].id)
  })
})
