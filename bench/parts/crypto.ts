/**
 * Crypto bench: detached CAdES over 1 MB vs a raw signature of the same bytes (RSA-2048 via node:crypto; GOST-2015-512
 * via the same pure-JS library's raw sign), verification likewise, and .p12 unlock vs `openssl pkcs12 -legacy` on the
 * same file. Subject and baseline run interleaved in one process; figures are medians and ratios.
 */
import { nodeCryptoPort } from '../../src-main/services/crypto/node-port'
import { execFileSync } from 'node:child_process'
import { randomBytes, sign as nodeSign, verify as nodeVerify } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { createTrustStore, decodeCertificate, gostPublicKeyBytes, gostSign512, gostVerify512, signCades, verifyCms, VerificationCache } from '../../src-shared/crypto'
import { openPkcs12 } from '../../src-main/services/crypto/pkcs12'
import { keySigner } from '../../src-main/services/crypto/signer'
import type { BenchPart } from '../types'

const ROOT = join(__dirname, '..', '..')
const DEMO = join(ROOT, 'resources', 'demo-pki')
const NCA_KEY = '/work/shared/nca-test-pki/gost2015-current/legal/valid/head.p12'
const PASSWORD = 'Qwerty12'

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d

async function timeIt(fn: () => unknown | Promise<unknown>): Promise<number> {
  const t = performance.now()
  await fn()
  return performance.now() - t
}

/** Runs a and b alternately n times (after one warm-up each); medians in ms. */
async function pair(n: number, a: () => unknown, b: () => unknown): Promise<[number, number, number[], number[]]> {
  await a()
  await b()
  const ta: number[] = []
  const tb: number[] = []
  for (let i = 0; i < n; i++) {
    ta.push(await timeIt(a))
    tb.push(await timeIt(b))
  }
  return [median(ta), median(tb), ta.map((x) => round(x)), tb.map((x) => round(x))]
}

export async function run(): Promise<BenchPart> {
  const data = new Uint8Array(randomBytes(1024 * 1024))
  const raw: Record<string, unknown> = {}
  const metrics: BenchPart['metrics'] = {}

  // RSA-2048
  const rsa = openPkcs12(new Uint8Array(readFileSync(join(DEMO, 'operator-sign.p12'))), PASSWORD)[0]
  if (rsa.privateKey.kind !== 'node') throw new Error('expected an RSA key')
  const rsaKey = rsa.privateKey.key
  const rsaSigner = keySigner(rsa)
  const [cmsSign, rawSign, a1, b1] = await pair(15, () => signCades({ port: nodeCryptoPort, content: data, signer: rsaSigner }), () => nodeSign('sha256', data, rsaKey))
  raw.rsaSign = { cmsMs: a1, rawMs: b1 }
  metrics.rsa_cms_sign_ms = { value: round(cmsSign), unit: 'ms', note: 'detached CAdES-BES over 1 MB, RSA-2048' }
  metrics.rsa_raw_sign_ms = { value: round(rawSign), unit: 'ms', note: 'node:crypto sign(sha256) over the same 1 MB' }
  metrics.rsa_cms_sign_ratio = { value: round(cmsSign / rawSign), unit: '×', target: '≤ 1.3×', met: cmsSign / rawSign <= 1.3 }

  const cms = await signCades({ port: nodeCryptoPort, content: data, signer: rsaSigner })
  const rawSig = nodeSign('sha256', data, rsaKey)
  const trust = createTrustStore({ production: [new Uint8Array(readFileSync(join(DEMO, 'root.crt')))], intermediates: [new Uint8Array(readFileSync(join(DEMO, 'intermediate.crt')))] })
  const crl = new Uint8Array(readFileSync(join(DEMO, 'intermediate.crl')))
  const [cmsVerify, rawVerify, a2, b2] = await pair(15, () => verifyCms({ port: nodeCryptoPort, cms, content: data, trust, crls: [crl] }), () => nodeVerify('sha256', data, rsaKey, rawSig))
  raw.rsaVerify = { cmsMs: a2, rawMs: b2 }
  metrics.rsa_cms_verify_ms = { value: round(cmsVerify), unit: 'ms', note: 'verifyCms incl. chain (2 certificate signatures) and CRL check' }
  metrics.rsa_raw_verify_ms = { value: round(rawVerify), unit: 'ms' }
  metrics.rsa_cms_verify_ratio = { value: round(cmsVerify / rawVerify), unit: '×' }
  // What a server sees: one VerificationCache across envelopes (certificates, chain links and CRL reused; the signature
  // over the signed attributes and the messageDigest still checked on every call).
  const cache = new VerificationCache()
  const [cachedVerify, rawVerify2, a3, b3] = await pair(15, () => verifyCms({ port: nodeCryptoPort, cms, content: data, trust, crls: [crl], cache }), () => nodeVerify('sha256', data, rsaKey, rawSig))
  raw.rsaVerifyCached = { cmsMs: a3, rawMs: b3 }
  metrics.rsa_cms_verify_cached_ms = { value: round(cachedVerify), unit: 'ms', note: 'verifyCms with a VerificationCache shared between calls (the gateway)' }
  metrics.rsa_cms_verify_cached_ratio = { value: round(cachedVerify / rawVerify2), unit: '×' }

  // GOST-2015-512 (pure JS: Streebog over 1 MB dominates both sides)
  if (existsSync(NCA_KEY)) {
    const gost = openPkcs12(new Uint8Array(readFileSync(NCA_KEY)), PASSWORD)[0]
    if (gost.privateKey.kind !== 'gost') throw new Error('expected a GOST key')
    const d = gost.privateKey.d
    const gostSigner = keySigner(gost)
    const [gCms, gRaw, a3, b3] = await pair(3, () => signCades({ port: nodeCryptoPort, content: data, signer: gostSigner }), () => gostSign512(d, data))
    raw.gostSign = { cmsMs: a3, rawMs: b3 }
    metrics.gost_cms_sign_ms = { value: round(gCms), unit: 'ms', note: 'detached CAdES over 1 MB, GOST 34.10-2015-512 + Streebog-512 (pure JS)' }
    metrics.gost_raw_sign_ms = { value: round(gRaw), unit: 'ms', note: 'gostSign512 over the same 1 MB' }
    metrics.gost_cms_sign_ratio = { value: round(gCms / gRaw), unit: '×', target: '≤ 1.3×', met: gCms / gRaw <= 1.3 }
    const gCmsBytes = await signCades({ port: nodeCryptoPort, content: data, signer: gostSigner })
    const gRawSig = gostSign512(d, data)
    const pub = gostPublicKeyBytes(decodeCertificate(gost.certificate).cert.subjectPublicKeyInfo)
    const ncaTrust = createTrustStore({
      test: [new Uint8Array(readFileSync('/work/shared/nca-test-pki/gost2015-current/root_test_gost_2022.cer'))],
      intermediates: [new Uint8Array(readFileSync('/work/shared/nca-test-pki/gost2015-current/nca_gost2022_test.cer'))],
    })
    const [gv, gr, a4, b4] = await pair(3, () => verifyCms({ port: nodeCryptoPort, cms: gCmsBytes, content: data, trust: ncaTrust, testTrust: true }), () => gostVerify512(pub, gRawSig, data))
    raw.gostVerify = { cmsMs: a4, rawMs: b4 }
    metrics.gost_cms_verify_ms = { value: round(gv), unit: 'ms', note: 'incl. chain (2 GOST certificate signatures)' }
    metrics.gost_raw_verify_ms = { value: round(gr), unit: 'ms' }
    metrics.gost_cms_verify_ratio = { value: round(gv / gr), unit: '×' }
  }

  // .p12 unlock (NCA-style legacy: 3DES key bag, RC2-40 cert bag) vs the openssl CLI on the same file
  const legacy = join(DEMO, 'legacy', 'operator-sign.p12')
  const legacyBytes = new Uint8Array(readFileSync(legacy))
  const [ours, ossl, a5, b5] = await pair(
    8,
    () => openPkcs12(legacyBytes, PASSWORD),
    () => execFileSync('openssl', ['pkcs12', '-legacy', '-in', legacy, '-passin', `pass:${PASSWORD}`, '-nodes', '-out', '/dev/null'], { stdio: 'pipe' }),
  )
  raw.p12Unlock = { oursMs: a5, opensslMs: b5 }
  metrics.p12_unlock_ms = { value: round(ours), unit: 'ms', note: 'openPkcs12 (MAC + 3DES + RC2-40 + key/cert pairing) in-process' }
  metrics.p12_openssl_legacy_ms = { value: round(ossl), unit: 'ms', note: 'openssl pkcs12 -legacy as a process (includes process start)' }
  metrics.p12_unlock_ratio = { value: round(ours / ossl), unit: '×' }
  return { metrics, raw }
}
