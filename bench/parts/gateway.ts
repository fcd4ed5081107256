/**
 * Gateway bench: accepted signed envelopes per second (POST /requests in-process: decode, verify signature + chain +
 * CRL, idempotency, the required scans' checks, registration, routing, hash-chained log, SQLite commit; each envelope
 * carries the scans its service requires, uploaded beforehand) against raw verifyCms per second of the
 * SAME envelopes with the same trust store and CRLs, measured in one run (target ≥ 70 %), for two workloads:
 * - gost: envelopes signed with an NCA RK test key (GOST 34.10-2015-512, the algorithm of the НУЦ's current keys, i.e.
 *   of the envelopes a ЦОН really sends), by the seeded test-only operator, gateway in test-trust mode with the NCA
 *   test CA and its CRL (needs /work/shared/nca-test-pki or ARM_NCA_TEST_PKI; reported as skipped without it);
 * - rsa: envelopes signed with the demo operator's RSA-2048 key (resources/demo-pki), the cheapest check there is.
 * Plus registry lookup latency p50/p99 through the HTTP layer (fastify.inject).
 */
import { execFileSync } from 'node:child_process'
import { createHash, createPrivateKey, randomUUID, sign as nodeSign } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createTrustStore, signCades, splitPemBundle, verifyCms, VerificationCache, type CmsSigner } from '../../src-shared/crypto'
import { openPkcs12 } from '../../src-main/services/crypto/pkcs12'
import { keySigner } from '../../src-main/services/crypto/signer'
import { catalog, sampleFormValues } from '../../src-shared/catalog'
import { encodeEnvelope, type RequestEnvelope } from '../../src-shared/envelope'
import { route } from '../../src-shared/gateway/api'
import { loadConfig } from '../../src-gateway/config'
import { createGateway } from '../../src-gateway/create'
import { nodeCryptoPort } from '../../src-gateway/pki/crypto-verifier'
import type { BenchPart } from '../types'

const ROOT = join(__dirname, '../..')
const PKI = join(ROOT, 'resources/demo-pki')

function operatorSigner(): CmsSigner {
  const args = ['pkcs12', '-in', join(PKI, 'operator-sign.p12'), '-passin', 'pass:Qwerty12']
  const key = createPrivateKey(execFileSync('openssl', [...args, '-nocerts', '-nodes'], { encoding: 'utf8' }))
  const pem = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/.exec(execFileSync('openssl', [...args, '-clcerts', '-nokeys'], { encoding: 'utf8' }))![0]
  return {
    certificate: splitPemBundle(new TextEncoder().encode(pem))[0],
    chain: splitPemBundle(new Uint8Array(readFileSync(join(PKI, 'intermediate.crt')))),
    algorithm: 'RSA-SHA256',
    sign: async (tbs) => new Uint8Array(nodeSign('sha256', tbs, key)),
  }
}

/** Size of each scan a request carries (default 200 KB, a scanned page as the sync bench sends it). */
const SCAN_BYTES = Number(process.env.BENCH_GATEWAY_SCAN_KB ?? 200) * 1024

/** A one-page PDF of `size` bytes (a page object, then filler in a comment), distinct per call. */
function scanOf(size: number): { sha256: string; bytes: Uint8Array } {
  const head = Buffer.from(`%PDF-1.7\n% ${randomUUID()}\n1 0 obj << /Type /Page >> endobj\n%`)
  const bytes = new Uint8Array(Math.max(size, head.length))
  bytes.set(head)
  for (let j = head.length; j < bytes.length; j++) bytes[j] = 0x41 + (j % 26)
  return { sha256: createHash('sha256').update(bytes).digest('hex'), bytes }
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]
}
/** The middle half of a workload's per-round ratios, printed beside the median. */
const spreadNote = (m: { raw: Record<string, number> }) => `${round(m.raw.roundQ1 * 100, 1)}–${round(m.raw.roundQ3 * 100, 1)} %, all ${round(m.raw.roundMin * 100, 1)}–${round(m.raw.roundMax * 100, 1)} %`
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d

interface Workload {
  name: 'rsa' | 'gost'
  signer: CmsSigner
  operatorIin: string
  tsonId: string
  login: (gw: ReturnType<typeof createGateway>) => Promise<string>
  config: Partial<ReturnType<typeof loadConfig>>
  n: number
}

const NCA_PKI = process.env.ARM_NCA_TEST_PKI ?? '/work/shared/nca-test-pki'
const NCA_KEY = join(NCA_PKI, 'gost2015-current/individual/valid/individual_valid.p12')

function workloads(): { run: Workload[]; skipped: string[] } {
  const rsa: Workload = {
    name: 'rsa', signer: operatorSigner(), operatorIin: '830717350867', tsonId: 'tson-astana-1', config: {},
    n: Number(process.env.BENCH_GATEWAY_N ?? 400),
    login: async (gw) => (await gw.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'operator1', password: 'Operator#2026' } })).json().token as string,
  }
  if (!existsSync(NCA_KEY)) return { run: [rsa], skipped: [`gost: no NCA test PKI at ${NCA_PKI} (set ARM_NCA_TEST_PKI)`] }
  const [e] = openPkcs12(new Uint8Array(readFileSync(NCA_KEY)), 'Qwerty12')
  const signer = keySigner({ certificate: e.certificate, chain: e.chain, algorithm: e.algorithm, privateKey: e.privateKey })
  const gost: Workload = {
    name: 'gost', signer, operatorIin: '123456789011', tsonId: 'tson-astana-1',
    config: { testTrust: true, pki: loadConfig({ GATEWAY_NCA_TEST_PKI: NCA_PKI }, []).pki },
    n: Number(process.env.BENCH_GATEWAY_GOST_N ?? 150),
    // The test-only account signs in by ЭЦП with the same NCA test key (challenge–response).
    login: async (gw) => {
      const ch = (await gw.app.inject({ method: 'POST', url: '/api/v1/auth/challenge', payload: {} })).json()
      const cms = await signCades({ content: Buffer.from(ch.challenge, 'base64'), signer })
      const r = await gw.app.inject({ method: 'POST', url: '/api/v1/auth/ecp', payload: { challengeId: ch.challengeId, cms: Buffer.from(cms).toString('base64') } })
      if (r.statusCode !== 200) throw new Error(`ЭЦП sign-in of the NCA test operator failed: ${r.body}`)
      return r.json().token as string
    },
  }
  return { run: [gost, rsa], skipped: [] }
}

interface Measured {
  acceptPerSec: number
  verifyPerSec: number
  ratio: number
  raw: Record<string, number>
}

async function measure(w: Workload, dir: string, lookups?: (gw: ReturnType<typeof createGateway>, token: string) => Promise<void>): Promise<Measured> {
  const base = loadConfig({}, [])
  // The scans are uploaded from one client in a burst before the timed rounds: no per-minute upload limit for the bench.
  const security = { ...base.security, rateLimit: { signInPerMinute: 120, challengesPerMinute: 60, uploadsPerMinute: 1_000_000 } }
  const cfg = { ...base, ...w.config, security, db: join(dir, `bench-${w.name}.sqlite`), logLevel: 'silent' as const, automatedDelayMs: 600_000, registryPersons: 5000 }
  const gw = createGateway(cfg, { logger: false })
  try {
    const N = w.n
    const WARM = Number(process.env.BENCH_GATEWAY_WARM ?? Math.max(10, Math.round(N / 10)))
    const token = await w.login(gw)
    const items: { bytes: Uint8Array; cms: Uint8Array; body: string }[] = []
    for (let i = 0; i < N + WARM; i++) {
      const serviceId = 'akimat.preschool-queue'
      const form = sampleFormValues(catalog.get(serviceId), { seed: i + 1, overrides: { applicantIin: '830717350867' } })
      // A pattern-B request carries a scan of each document its service requires, uploaded before the envelope is
      // sent (as the outbox does); the uploads are not timed, the intake's check of each stored scan is.
      const scans = catalog.documentChecklist(serviceId, form).filter((d) => d.scanNeeded).map((d) => ({ docType: d.id, ...scanOf(SCAN_BYTES) }))
      for (const s of scans) {
        const put = await gw.app.inject({ method: 'PUT', url: route.attachment(s.sha256), payload: Buffer.from(s.bytes), headers: { authorization: `Bearer ${token}`, 'content-type': 'application/pdf' } })
        if (put.statusCode !== 201) throw new Error(`scan upload: ${put.statusCode} ${put.body}`)
      }
      const env: RequestEnvelope = {
        v: 1, envelopeId: randomUUID(), serviceId, channel: 'tson', tsonId: w.tsonId,
        operator: { iin: w.operatorIin }, applicant: { kind: 'person', iin: '830717350867' }, form,
        attachments: scans.map((s) => ({ docType: s.docType, sha256: s.sha256, size: s.bytes.length, mediaType: 'application/pdf', pages: 1 })),
        createdAt: new Date().toISOString(), version: 1,
      }
      const bytes = encodeEnvelope(env)
      const cms = await signCades({ content: bytes, signer: w.signer })
      items.push({ bytes, cms, body: JSON.stringify({ envelope: Buffer.from(bytes).toString('base64'), signature: Buffer.from(cms).toString('base64') }) })
    }
    const read = (p: string) => new Uint8Array(readFileSync(p))
    const trust = createTrustStore({ production: cfg.pki.roots.map(read), intermediates: cfg.pki.intermediates.map(read), test: cfg.pki.testRoots.map(read) })
    const crls = gw.nuc.allCrls()
    // The baseline verifies as the gateway does: with one VerificationCache across envelopes (certificates, chain links
    // and CRLs reused; each envelope's signature and messageDigest checked) and the gateway's CryptoPort (node:crypto
    // digests), so the ratio is the gateway's own overhead.
    const cache = new VerificationCache()

    let verifyMs = 0
    let acceptMs = 0
    const baseline = async (slice: typeof items) => {
      const t0 = performance.now()
      for (const it of slice) {
        const r = await verifyCms({ cms: it.cms, content: it.bytes, trust, crls, at: new Date(), cache, port: nodeCryptoPort, testTrust: cfg.testTrust })
        if (r.indication !== 'PASSED') throw new Error(`baseline verification failed: ${r.errorCode}`)
      }
      return performance.now() - t0
    }
    let key = 0
    let deferredMs = 0
    const accept = async (slice: typeof items) => {
      const t0 = performance.now()
      for (const it of slice) {
        const r = await gw.app.inject({ method: 'POST', url: '/api/v1/requests', payload: it.body, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': `bench-key-${key++}` } })
        if (r.statusCode !== 201) throw new Error(`not accepted: ${r.statusCode} ${r.body}`)
      }
      const ms = performance.now() - t0
      // Each registration leaves a durable job behind: the operator's CAdES-BES signature stamped by the НУЦ's TSA
      // (simulated in this process; in production a call to the НУЦ service). It runs after the 201, off the request
      // path: finished here, outside both timings, so neither side's next batch meets it; its cost is reported apart.
      const t1 = performance.now()
      await gw.jobs.tick()
      deferredMs += performance.now() - t1
      return ms
    }
    // Warm-up of both paths (JIT, prepared statements, pages) on envelopes of their own, then alternate small batches
    // of baseline and subject (order flipped each round) so that load from other processes on this shared machine
    // hits both alike.
    const warm = items.splice(N)
    await baseline(warm)
    await accept(warm)
    const BATCH = 10
    // Each round times one batch of each, back to back; the ratio is the median of the rounds' ratios, so a burst of
    // load from elsewhere on the machine that lands in one batch does not tilt the figure either way.
    const roundRatios: number[] = []
    for (let i = 0, round = 0; i < N; i += BATCH, round++) {
      const slice = items.slice(i, i + BATCH)
      let v: number
      let a: number
      if (round % 2) {
        a = await accept(slice)
        v = await baseline(slice)
      } else {
        v = await baseline(slice)
        a = await accept(slice)
      }
      verifyMs += v
      acceptMs += a
      roundRatios.push(v / a)
    }
    const verifyPerSec = N / (verifyMs / 1000)
    const acceptPerSec = N / (acceptMs / 1000)
    const ratio = median(roundRatios)
    const chain = await gw.log.verifyChain()
    if (!chain.ok || chain.length !== N + WARM) throw new Error(`message log: ${JSON.stringify(chain)}`)
    if (lookups) await lookups(gw, token)
    return { acceptPerSec, verifyPerSec, ratio, raw: { n: N, warm: WARM, rounds: roundRatios.length, ratioOfTotals: acceptPerSec / verifyPerSec, verifyMs, acceptMs, msPerVerify: verifyMs / N, msPerAccept: acceptMs / N, msPerDeferredStamp: deferredMs / (N + WARM), roundQ1: pct(roundRatios, 25), roundQ3: pct(roundRatios, 75), roundMin: Math.min(...roundRatios), roundMax: Math.max(...roundRatios) } }
  } finally {
    await gw.app.close()
  }
}

export async function run(): Promise<BenchPart> {
  const dir = mkdtempSync(join(tmpdir(), 'gw-bench-'))
  try {
    const { run: loads, skipped } = workloads()
    const lat: number[] = []
    // Registry lookups through the HTTP layer (on the RSA gateway).
    const lookups = async (gw: ReturnType<typeof createGateway>, token: string) => {
      const keys = gw.registry.sampleKeys(5000)
      for (let i = 0; i < 3000; i++) {
        const iin = keys.iins[(i * 7919) % keys.iins.length]
        const t0 = performance.now()
        const r = await gw.app.inject({ method: 'GET', url: `/api/v1/registry/persons/${iin}`, headers: { authorization: `Bearer ${token}` } })
        lat.push(performance.now() - t0)
        if (r.statusCode !== 200) throw new Error(`lookup failed ${r.statusCode}`)
      }
    }
    const results: Partial<Record<Workload['name'], Measured>> = {}
    for (const w of loads) results[w.name] = await measure(w, dir, w.name === 'rsa' ? lookups : undefined)
    const metrics: BenchPart['metrics'] = {}
    const g = results.gost
    if (g) {
      metrics.acceptVsVerifyRatioGost = { value: round(g.ratio * 100, 1), unit: '%', target: '≥ 70 %', met: g.ratio >= 0.7, note: `GOST 34.10-2015-512 envelopes (NCA RK test key, the НУЦ's current algorithm): ${round(g.acceptPerSec, 1)} accepted/s vs ${round(g.verifyPerSec, 1)} verifications/s, ${g.raw.n} envelopes; median of ${g.raw.rounds} back-to-back rounds (ratio of the totals ${round(g.raw.ratioOfTotals * 100, 1)} %, rounds' middle half ${spreadNote(g)})` }
      metrics.acceptedEnvelopesPerSecGost = { value: round(g.acceptPerSec, 1), unit: 'envelopes/s' }
      metrics.rawVerificationsPerSecGost = { value: round(g.verifyPerSec, 1), unit: 'verifications/s' }
    }
    else metrics.acceptVsVerifyRatioGost = { value: 0, unit: '%', note: `skipped: ${skipped.join('; ')}` }
    const r = results.rsa!
    metrics.acceptVsVerifyRatioRsa = { value: round(r.ratio * 100, 1), unit: '%', target: '≥ 70 %', met: r.ratio >= 0.7, note: `RSA-2048 envelopes (demo PKI), each with its required ${SCAN_BYTES / 1024} KB scan uploaded before (not timed): a cached RSA check costs ${round(r.raw.msPerVerify, 2)} ms, the gateway's own per-request work (HTTP, decoding, form, idempotency, attachments, registration, hash-chained log and audit, SQLite commit) is of the same order; ${r.raw.n} envelopes; median of ${r.raw.rounds} back-to-back rounds (ratio of the totals ${round(r.raw.ratioOfTotals * 100, 1)} %, rounds' middle half ${spreadNote(r)}). The deferred TSA stamp of each operator signature (a durable job after the 201) runs between rounds, outside both timings: see deferredStampPerRequestRsa` }
    // The ratio above has the product's own verifyCms as its baseline: making that verification faster (parsing,
    // certificate and key caching) lowers the ratio while every request gets cheaper. The gateway's own work per
    // request, in ms, is the figure that does not move with the baseline.
    metrics.gatewayOwnWorkPerRequestRsa = { value: round(r.raw.msPerAccept - r.raw.msPerVerify, 3), unit: 'ms', note: `accepted envelope ${round(r.raw.msPerAccept, 3)} ms − its cached verification ${round(r.raw.msPerVerify, 3)} ms: HTTP (inject), decoding and form validation, idempotency, registration, hash-chained log and audit, SQLite commit` }
    metrics.deferredStampPerRequestRsa = { value: round(r.raw.msPerDeferredStamp, 3), unit: 'ms', note: 'the stamp job each registration leaves (CAdES-BES → CAdES-T by the simulated НУЦ TSA in this process: claim, token signed on the thread pool, signature replaced, job done), finished between the timed batches' }
    metrics.acceptedEnvelopesPerSec = { value: round(r.acceptPerSec, 1), unit: 'envelopes/s', note: 'RSA-2048' }
    metrics.rawVerificationsPerSec = { value: round(r.verifyPerSec, 1), unit: 'verifications/s', note: 'RSA-2048; verifyCms of the same envelopes, same trust store, CRL, CryptoPort and a shared VerificationCache (as the gateway)' }
    metrics.registryLookupP50 = { value: round(pct(lat, 50), 3), unit: 'ms' }
    metrics.registryLookupP99 = { value: round(pct(lat, 99), 3), unit: 'ms' }
    return { metrics, raw: { ...Object.fromEntries(Object.entries(results).map(([k, v]) => [k, v!.raw])), skipped, lookups: lat.length } }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
