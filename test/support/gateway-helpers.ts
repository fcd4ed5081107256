/**
 * Test helpers for the gateway: real demo-PKI keys (extracted from the .p12 files with OpenSSL), real CAdES signing
 * through src-shared/crypto, real canonical envelopes, and the gateway either in-process (fastify.inject) or as a
 * real process on a loopback port with a temporary SQLite file.
 */
import { execFileSync } from 'node:child_process'
import { createHash, createPrivateKey, randomUUID, sign as nodeSign, type KeyObject } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { signCades, splitPemBundle, type CmsSigner } from '../../src-shared/crypto'
import { applicantOf, catalog, sampleFormValues } from '../../src-shared/catalog'
import { encodeEnvelope, type AttachmentRef, type JsonValue, type RequestEnvelope } from '../../src-shared/envelope'
import { decisionBytes, defaultTemplate, findTemplate, sampleDocument, SAMPLE_REFUSAL_TEXT_KK, type DecisionDocument } from '../../src-shared/results'
import { GatewayConfig, loadConfig } from '../../src-gateway/config'
import { createGateway } from '../../src-gateway/create'
import type { Clock } from '../../src-gateway/ports'
import { startGatewayProcess as launchGateway, type GatewayProcess as LaunchedGatewayProcess } from './gateway-process'

export const ROOT = resolve(__dirname, '../..')
export const PKI = join(ROOT, 'resources/demo-pki')
export const PASSWORDS = { operator: 'Operator#2026', specialist: 'Specialist#2026', supervisor: 'Supervisor#2026', admin: 'Admin#2026' }
export const IIN = { operator: '830717350867', specialist: '871008401427', supervisor: '760212350620' }

export interface TestKey {
  certificate: Uint8Array
  key: KeyObject
  signer: CmsSigner
}

const keyCache = new Map<string, TestKey>()

/** A demo-PKI key (e.g. 'operator-sign', 'specialist-auth', 'variants/variant-revoked'). */
export function demoKey(name: string): TestKey {
  const cached = keyCache.get(name)
  if (cached) return cached
  const file = join(PKI, `${name}.p12`)
  const args = ['pkcs12', '-in', file, '-passin', 'pass:Qwerty12']
  const keyPem = execFileSync('openssl', [...args, '-nocerts', '-nodes'], { encoding: 'utf8' })
  const certPem = execFileSync('openssl', [...args, '-clcerts', '-nokeys'], { encoding: 'utf8' })
  const key = createPrivateKey(keyPem)
  // OpenSSL prefixes "Bag Attributes" text; keep only the PEM block.
  const block = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/.exec(certPem)?.[0] ?? ''
  const certificate = splitPemBundle(new TextEncoder().encode(block))[0]
  const chain = splitPemBundle(new Uint8Array(readFileSync(join(PKI, 'intermediate.crt'))))
  const ec = key.asymmetricKeyType === 'ec'
  const signer: CmsSigner = { certificate, chain, algorithm: ec ? 'ECDSA-SHA256' : 'RSA-SHA256', sign: async (tbs) => new Uint8Array(nodeSign('sha256', tbs, key)) }
  const k = { certificate, key, signer }
  keyCache.set(name, k)
  return k
}

export async function signWith(name: string, content: Uint8Array, detached = true, signingTime?: Date): Promise<Uint8Array> {
  return signCades({ content, signer: demoKey(name).signer, detached, signingTime })
}

export const b64 = (u: Uint8Array) => Buffer.from(u).toString('base64')
export const sha256hex = (u: Uint8Array) => createHash('sha256').update(u).digest('hex')

/**
 * The scan of one document kind: a small one-page PDF, the same bytes for the same kind, so a test uploads it once per
 * scope and any number of requests refer to it.
 */
export function scanOf(docType: string): Uint8Array {
  return new TextEncoder().encode(`%PDF-1.4\n1 0 obj << /Type /Page >> endobj\n% the scan of ${docType}\n%%EOF\n`)
}

/** The attachment reference of `scanOf(docType)`. */
export function scanRef(docType: string): AttachmentRef {
  const bytes = scanOf(docType)
  return { docType, sha256: sha256hex(bytes), size: bytes.length, mediaType: 'application/pdf', pages: 1 }
}

/**
 * A valid envelope: the form is the catalogue's sample for the service (valid by its schema), with the demo operator
 * as the applicant unless `form` overrides say otherwise. A pattern-B service carries a scan of each document it
 * requires for that form (the gateway refuses it otherwise): upload them with `uploadScans` before submitting.
 */
export function envelope(over: Partial<RequestEnvelope> = {}, formOver: Record<string, JsonValue> = {}): RequestEnvelope {
  const serviceId = over.serviceId ?? 'akimat.preschool-queue'
  const channel = over.channel ?? 'tson'
  const svc = catalog.find(serviceId)
  const form = svc ? sampleFormValues(svc, { channel, overrides: { applicantIin: IIN.operator, ...formOver } }) : { applicantIin: IIN.operator }
  const applicant = (svc && applicantOf(svc, form)) || { kind: 'person' as const, iin: IIN.operator }
  const scans = svc && svc.pattern === 'B' ? catalog.documentChecklist(serviceId, form).filter((d) => d.scanNeeded).map((d) => scanRef(d.id)) : []
  return {
    v: 1, envelopeId: randomUUID(), serviceId, channel, tsonId: 'tson-astana-1',
    operator: { iin: IIN.operator }, applicant, form,
    attachments: scans, createdAt: '2026-11-22T10:00:00.000Z', version: 1, ...over,
  } as RequestEnvelope
}

/** Puts one attachment into the gateway as the signed-in caller; answers the HTTP status. */
export type PutAttachment = (sha256: string, bytes: Uint8Array, mediaType: string) => Promise<number>

/** PUT /attachments over HTTP (a gateway process). */
export const putOverHttp = (url: string, token: string): PutAttachment => async (sha256, bytes, mediaType) =>
  (await fetch(`${url}/api/v1/attachments/${sha256}`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': mediaType }, body: Buffer.from(bytes) })).status

/** PUT /attachments through fastify.inject (the in-process gateway). */
export const putInProcess = (app: { inject: (o: { method: 'PUT'; url: string; headers: Record<string, string>; payload: Buffer }) => PromiseLike<{ statusCode: number }> }, token: string): PutAttachment => async (sha256, bytes, mediaType) =>
  (await app.inject({ method: 'PUT', url: `/api/v1/attachments/${sha256}`, headers: { authorization: `Bearer ${token}`, 'content-type': mediaType }, payload: Buffer.from(bytes) })).statusCode

/**
 * Uploads the scans an `envelope()` refers to (the `scanOf` ones; others are the caller's), or without `env` the scan
 * of every document kind a pattern-B service may require: once per ЦОН or department, since a scan counts for the
 * scope that uploaded it.
 */
export async function uploadScans(put: PutAttachment, env?: Pick<RequestEnvelope, 'attachments'>): Promise<void> {
  const kinds = env
    ? env.attachments.filter((a) => sha256hex(scanOf(a.docType)) === a.sha256).map((a) => a.docType)
    : [...new Set(catalog.list().filter((s) => s.pattern === 'B').flatMap((s) => s.documents.filter((d) => d.scan !== 'none').map((d) => d.id)))]
  for (const docType of kinds) {
    const bytes = scanOf(docType)
    const status = await put(sha256hex(bytes), bytes, 'application/pdf')
    if (status !== 201 && status !== 200) throw new Error(`upload of the ${docType} scan: HTTP ${status}`)
  }
}

/**
 * {envelope, signature} body for POST /requests, signed with the given demo key. The CMS signing time is now unless
 * given: a test on an injected gateway clock passes that clock's time (the gateway refuses signing times ahead of it).
 */
export async function signedBody(env: RequestEnvelope, key = 'operator-sign', signingTime?: Date): Promise<{ envelope: string; signature: string; bytes: Uint8Array }> {
  const bytes = encodeEnvelope(env)
  return { envelope: b64(bytes), signature: b64(await signWith(key, bytes, true, signingTime)), bytes }
}

/** A minimal valid PDF (bytes matter only for hashing and size). */
export function pdf(text = 'demo'): Uint8Array {
  return new TextEncoder().encode(`%PDF-1.4\n% ${text} ${randomUUID()}\n%%EOF\n`)
}

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'gw-test-'))
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

/** The in-process gateway with the real wiring (createGateway) on a temporary SQLite file. */
export function inProcessGateway(over: Partial<GatewayConfig> = {}, clock?: Clock) {
  const t = tempDir()
  const base = loadConfig({}, [])
  // Every in-process request comes from 127.0.0.1: the per-client rate limits would meter the whole suite as one
  // client. Tests of those limits run against the real process with its defaults (test/gateway/hardening.test.ts).
  const lenient = { rateLimit: { signInPerMinute: 100_000, challengesPerMinute: 100_000, uploadsPerMinute: 100_000 } }
  const cfg = { ...base, db: join(t.dir, 'gw.sqlite'), logLevel: 'silent' as const, automatedDelayMs: 10, registryPersons: 300, ...over, security: { ...lenient, ...over.security } }
  const gw = createGateway(cfg, { clock, logger: false })
  return {
    gw, cfg,
    close: async () => {
      await gw.app.close()
      t.cleanup()
    },
  }
}


/** The launcher's gateway process, plus what the abuse suite measures: its node pid (VmRSS, SIGKILL) and its whole log. */
export interface GatewayProcess extends LaunchedGatewayProcess {
  pid: number
  /** Everything the process printed, its JSON log included (GATEWAY_VERBOSE; the launcher keeps only the last 8 kB). */
  output(): string
}

/** The deepest descendant of `root` (npx → tsx → node src-gateway/main.ts), read from /proc. */
export function leafPid(root: number): number {
  const children = (pid: number): number[] => {
    try {
      return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number)
    } catch {
      return []
    }
  }
  let pid = root
  for (let kids = children(pid); kids.length; kids = children(pid)) pid = kids[kids.length - 1]
  return pid
}

/** Resident memory of a process in bytes (/proc/<pid>/status VmRSS). */
export function rssBytes(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return m ? Number(m[1]) * 1024 : NaN
}

/**
 * The real gateway process (test/support/gateway-process.ts) on 127.0.0.1:0 with a temp DB and quick automated answers;
 * stop() here also removes the temp DB (these suites never restart it).
 */
export async function startGatewayProcess(env: Record<string, string> = {}): Promise<GatewayProcess> {
  // A given GATEWAY_DB is the file the test reads and restarts on (dbFile), not a launcher's temporary one.
  const g = await launchGateway({ dbFile: env.GATEWAY_DB, env: { GATEWAY_AUTOMATED_DELAY_MS: '50', GATEWAY_VERBOSE: '1', ...env } })
  let out = g.process.output()
  const child = g.process.child
  const keep = (d: unknown) => void (out += String(d))
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  return { ...g, stop: g.dispose, pid: leafPid(g.process.pgid), output: () => out }
}

export async function login(url: string, login: string, password: string): Promise<string> {
  const r = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password }) })
  if (r.status !== 200) throw new Error(`login ${login}: ${r.status} ${await r.text()}`)
  return ((await r.json()) as { token: string }).token
}

export async function loginIin(url: string, iin: string, password: string): Promise<string> {
  const r = await fetch(`${url}/api/v1/auth/login-iin`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ iin, password }) })
  if (r.status !== 200) throw new Error(`login ${iin}: ${r.status} ${await r.text()}`)
  return ((await r.json()) as { token: string }).token
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * A complete decision document of the one schema (`arm.decision/1`) for a registered request: the catalogue's sample
 * values of the template (default: the service's first result, or its refusal form), naming this request. Returns the
 * document and the bytes a signer signs.
 */
export function decisionFor(registrationNumber: string, o: { serviceId?: string; templateId?: string; refusal?: { code: 'M4' | 'M5' | 'M6' | 'M7' | 'OTHER'; text: string; kk?: string } } = {}): { doc: DecisionDocument; bytes: Buffer } {
  const service = catalog.get(o.serviceId ?? 'akimat.preschool-queue')
  const template = o.templateId ? findTemplate(service, o.templateId) : defaultTemplate(service, o.refusal ? 'refusal' : 'result')!
  const sample = sampleDocument(service, template)
  // A new refusal gives its reason in Kazakh too (the gateway checks): the sample's unless the test names its own.
  const doc: DecisionDocument = { ...sample, registrationNumber, ...(o.refusal ? { refusal: { kk: SAMPLE_REFUSAL_TEXT_KK, ...o.refusal } } : {}) }
  return { doc, bytes: Buffer.from(decisionBytes(doc)) }
}
