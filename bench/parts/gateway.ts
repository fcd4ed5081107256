/**
 * Gateway bench: accepted signed envelopes per second (POST /requests in-process: decode, verify signature + chain +
 * CRL, idempotency, registration, routing, hash-chained log, SQLite commit) against raw verifyCms per second of the
 * SAME envelopes with the same trust store and CRLs, measured in one run (target ≥ 70 %). Plus registry lookup
 * latency p50/p99 through the HTTP layer (fastify.inject).
 */
import { execFileSync } from 'node:child_process'
import { createPrivateKey, randomUUID, sign as nodeSign } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createTrustStore, signCades, splitPemBundle, verifyCms, VerificationCache, type CmsSigner } from '../../src-shared/crypto'
import { catalog, sampleFormValues } from '../../src-shared/catalog'
import { encodeEnvelope, type RequestEnvelope } from '../../src-shared/envelope'
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

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]
}
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d

export async function run(): Promise<BenchPart> {
  const dir = mkdtempSync(join(tmpdir(), 'gw-bench-'))
  const cfg = { ...loadConfig({}, []), db: join(dir, 'bench.sqlite'), logLevel: 'silent' as const, automatedDelayMs: 600_000, registryPersons: 5000 }
  const gw = createGateway(cfg, { logger: false })
  try {
    const signer = operatorSigner()
    const N = Number(process.env.BENCH_GATEWAY_N ?? 400)
    const WARM = 40
    const items: { bytes: Uint8Array; cms: Uint8Array; body: string }[] = []
    for (let i = 0; i < N + WARM; i++) {
      const env: RequestEnvelope = {
        v: 1, envelopeId: randomUUID(), serviceId: 'akimat.preschool-queue', channel: 'tson', tsonId: 'tson-astana-1',
        operator: { iin: '830717350867' }, applicant: { kind: 'person', iin: '830717350867' },
        form: sampleFormValues(catalog.get('akimat.preschool-queue'), { seed: i + 1, overrides: { applicantIin: '830717350867' } }),
        attachments: [], createdAt: new Date().toISOString(), version: 1,
      }
      const bytes = encodeEnvelope(env)
      const cms = await signCades({ content: bytes, signer })
      items.push({ bytes, cms, body: JSON.stringify({ envelope: Buffer.from(bytes).toString('base64'), signature: Buffer.from(cms).toString('base64') }) })
    }
    const trust = createTrustStore({ production: cfg.pki.roots.map((p) => new Uint8Array(readFileSync(p))), intermediates: cfg.pki.intermediates.map((p) => new Uint8Array(readFileSync(p))) })
    const crls = gw.nuc.allCrls()
    // The baseline verifies as the gateway does: with one VerificationCache across envelopes (certificates, chain links
    // and CRLs reused; each envelope's signature and messageDigest checked) and the gateway's CryptoPort (node:crypto
    // digests), so the ratio is the gateway's own overhead.
    const cache = new VerificationCache()
    const token = (await gw.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'operator1', password: 'Operator#2026' } })).json().token as string

    let verifyMs = 0
    let acceptMs = 0
    const baseline = async (slice: typeof items) => {
      const t0 = performance.now()
      for (const it of slice) {
        const r = await verifyCms({ cms: it.cms, content: it.bytes, trust, crls, at: new Date(), cache, port: nodeCryptoPort })
        if (r.indication !== 'PASSED') throw new Error(`baseline verification failed: ${r.errorCode}`)
      }
      return performance.now() - t0
    }
    let key = 0
    const accept = async (slice: typeof items) => {
      const t0 = performance.now()
      for (const it of slice) {
        const r = await gw.app.inject({ method: 'POST', url: '/api/v1/requests', payload: it.body, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': `bench-key-${key++}` } })
        if (r.statusCode !== 201) throw new Error(`not accepted: ${r.statusCode} ${r.body}`)
      }
      return performance.now() - t0
    }
    // Warm-up of both paths (JIT, prepared statements, pages) on envelopes of their own, then alternate small batches
    // of baseline and subject (order flipped each round) so that load from other processes on this shared machine
    // hits both alike.
    const warm = items.splice(N)
    await baseline(warm)
    await accept(warm)
    const BATCH = 10
    for (let i = 0, round = 0; i < N; i += BATCH, round++) {
      const slice = items.slice(i, i + BATCH)
      if (round % 2) {
        acceptMs += await accept(slice)
        verifyMs += await baseline(slice)
      } else {
        verifyMs += await baseline(slice)
        acceptMs += await accept(slice)
      }
    }
    const verifyPerSec = N / (verifyMs / 1000)
    const acceptPerSec = N / (acceptMs / 1000)
    const ratio = acceptPerSec / verifyPerSec

    // Registry lookups through the HTTP layer.
    const keys = gw.registry.sampleKeys(5000)
    const lat: number[] = []
    for (let i = 0; i < 3000; i++) {
      const iin = keys.iins[(i * 7919) % keys.iins.length]
      const t0 = performance.now()
      const r = await gw.app.inject({ method: 'GET', url: `/api/v1/registry/persons/${iin}`, headers: { authorization: `Bearer ${token}` } })
      lat.push(performance.now() - t0)
      if (r.statusCode !== 200) throw new Error(`lookup failed ${r.statusCode}`)
    }
    const chain = await gw.log.verifyChain()
    return {
      metrics: {
        acceptedEnvelopesPerSec: { value: round(acceptPerSec, 1), unit: 'envelopes/s' },
        rawVerificationsPerSec: { value: round(verifyPerSec, 1), unit: 'verifications/s', note: 'verifyCms of the same envelopes, same trust store, CRL, CryptoPort and a shared VerificationCache (as the gateway)' },
        acceptVsVerifyRatio: { value: round(ratio * 100, 1), unit: '%', target: '≥ 70 %', met: ratio >= 0.7 },
        registryLookupP50: { value: round(pct(lat, 50), 3), unit: 'ms' },
        registryLookupP99: { value: round(pct(lat, 99), 3), unit: 'ms' },
      },
      raw: { n: N, verifyMs, acceptMs, lookups: lat.length, messageLogLength: chain.ok ? chain.length : -1 },
    }
  } finally {
    await gw.app.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
