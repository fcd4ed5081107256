/**
 * Crypto bench. RSA-2048: detached CAdES over 1 MB vs node:crypto's raw signature of the same bytes, verification
 * likewise. GOST-2015-512 / Streebog-512: ours against OpenSSL's C implementation (the gost engine loaded into this
 * process, so no process start on either side) — hashing 1 MiB, signing a 1 KB request, signing 1 MiB, verifying with
 * a known and with a never-seen key. .p12 unlock (demo RSA and the NCA GOST file) against `openssl pkcs12`'s own work
 * (its process minus the same process on an empty file). Subject and baseline run interleaved; figures are medians.
 * The method is printed with the figures.
 */
import { nodeCryptoPort } from '../../src-main/services/crypto/node-port'
import { execFileSync } from 'node:child_process'
import { createHash, createPrivateKey, createPublicKey, randomBytes, sign as nodeSign, verify as nodeVerify } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import {
  createTrustStore,
  decodeCertificate,
  gostPublicKey512,
  gostPublicKeyBytes,
  gostSign512,
  gostSignatureToRfc4491,
  gostVerify512,
  signCades,
  Streebog,
  streebog512,
  streebogEngine,
  verifyCms,
  VerificationCache,
} from '../../src-shared/crypto'
import { openPkcs12 } from '../../src-main/services/crypto/pkcs12'
import { keySigner } from '../../src-main/services/crypto/signer'
import { loadGostEngineInProcess, tc26Pkcs8Pem, tc26Spki } from '../../test/support/crypto-helpers'
import type { BenchPart } from '../types'

const ROOT = join(__dirname, '..', '..')
const DEMO = join(ROOT, 'resources', 'demo-pki')
const NCA_KEY = '/work/shared/nca-test-pki/gost2015-current/legal/valid/head.p12'
const PASSWORD = 'Qwerty12'
/** An empty file: `openssl pkcs12` on it pays everything but the work (start, config, providers, engine, a failed parse). */
const EMPTY_DIR = mkdtempSync(join(tmpdir(), 'arm-bench-'))
const EMPTY = join(EMPTY_DIR, 'empty.p12')
writeFileSync(EMPTY, '')

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
/** The lower quartile: on a machine shared by many, a 1 ms call is preempted far more often than a 0.2 ms one, which
 *  tilts medians against the longer side; p25 of interleaved samples, the same rule on both sides, is the
 *  uncontended cost. The GOST ratios use it; the medians are printed next to them. */
const p25 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 4)]
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

/** Like pair, with the lower quartiles: [p25 a, p25 b, median a, median b, samples a, samples b]. */
async function pairQ(n: number, a: () => unknown, b: () => unknown): Promise<[number, number, number, number, number[], number[]]> {
  await a()
  await b()
  const ta: number[] = []
  const tb: number[] = []
  for (let i = 0; i < n; i++) {
    ta.push(await timeIt(a))
    tb.push(await timeIt(b))
  }
  return [p25(ta), p25(tb), median(ta), median(tb), ta.map((x) => round(x, 3)), tb.map((x) => round(x, 3))]
}

export async function run(): Promise<BenchPart> {
  const data = new Uint8Array(randomBytes(1024 * 1024))
  const raw: Record<string, unknown> = {}
  const metrics: BenchPart['metrics'] = {}
  const method: string[] = []
  // first, before any key is decoded: OpenSSL 3 caches its decoders, and keys of an engine loaded later are not read
  const engine = loadGostEngineInProcess()

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

  // GOST-2015-512 against OpenSSL's gost engine (C) measured in this same process: the engine is loaded into the
  // libcrypto node:crypto runs on, so the baseline pays no process start either.
  method.push(
    'GOST baselines: OpenSSL 3 + gost engine (libengine-gost-openssl) loaded into this Node process (node:crypto setEngine over the system libcrypto):',
    '  createHash("md_gost12_512"), sign/verify("md_gost12_512") with the same NCA key re-expressed under tc26 OIDs — no process start, no file I/O.',
    '  Subject and baseline alternate call by call; GOST figures are lower quartiles (p25) of the samples, the same rule on both',
    '  sides (the machine is shared: a longer call is preempted more often, which tilts medians); median ratios printed as *_median_ratio.',
  )
  if (existsSync(NCA_KEY) && engine) Object.assign(metrics, await gostFigures(data, raw))
  else method.push(`  GOST figures skipped: ${engine ? 'no NCA test key' : 'the gost engine does not load here'}`)

  // .p12 unlock vs OpenSSL's own work on the same file: `openssl pkcs12` as a process minus the same process on an
  // empty file (start, config, providers, engine and the failed parse), medians of interleaved runs.
  method.push(
    '.p12 baselines: median(openssl pkcs12 -legacy [-engine gost] on the file) − median(the same command on an empty file), interleaved runs:',
    '  what is left is OpenSSL’s own parse + MAC + KDF + decrypt, without its process start; ours is openPkcs12 in-process.',
  )
  const p12Files: Array<[string, string, string[]]> = [['p12_rsa', join(DEMO, 'legacy', 'operator-sign.p12'), ['-nodes']]]
  // OpenSSL cannot turn NCA's key algorithm (1.2.398.3.10.1.1.2.2) into a key, so on the NCA file it runs -nokeys:
  // MAC + the RC2-40 certificate bag, without the key bag's own KDF + 3DES — less work than ours, a pessimistic ratio.
  if (existsSync(NCA_KEY)) p12Files.push(['p12_nca_gost', NCA_KEY, ['-engine', 'gost', '-nokeys']])
  for (const [name, file, extra] of p12Files) {
    const bytes = new Uint8Array(readFileSync(file))
    const ossl = (path: string) => () => {
      try {
        execFileSync('openssl', ['pkcs12', '-legacy', ...extra, '-in', path, '-passin', `pass:${PASSWORD}`, '-out', '/dev/null'], { stdio: 'pipe' })
      } catch {
        if (path !== EMPTY) throw new Error(`openssl pkcs12 failed on ${path}`)
      }
    }
    const ours: number[] = []
    const full: number[] = []
    const empty: number[] = []
    openPkcs12(bytes, PASSWORD)
    ossl(file)()
    ossl(EMPTY)()
    for (let i = 0; i < 15; i++) {
      ours.push(await timeIt(() => openPkcs12(bytes, PASSWORD)))
      full.push(await timeIt(ossl(file)))
      empty.push(await timeIt(ossl(EMPTY)))
    }
    const work = Math.max(median(full) - median(empty), 0.01)
    raw[name] = { oursMs: ours.map((x) => round(x)), opensslProcessMs: full.map((x) => round(x)), opensslEmptyMs: empty.map((x) => round(x)) }
    metrics[`${name}_unlock_ms`] = { value: round(median(ours)), unit: 'ms', note: `openPkcs12 in-process (${name === 'p12_rsa' ? 'demo RSA, 3DES + RC2-40' : 'NCA GOST head.p12: SHA-1 MAC, 3DES key bag, RC2-40 cert bag, key paired by d·G'})` }
    metrics[`${name}_openssl_work_ms`] = { value: round(work), unit: 'ms', note: `openssl pkcs12 ${extra.join(' ')} ${round(median(full))} ms as a process − ${round(median(empty))} ms on an empty file${name === 'p12_nca_gost' ? ' (without the key bag: OpenSSL cannot read NCA’s key OID)' : ''}` }
    metrics[`${name}_unlock_ratio`] = { value: round(median(ours) / work), unit: '×', note: 'ours / OpenSSL’s work without process start' }
  }
  rmSync(EMPTY_DIR, { recursive: true, force: true })
  for (const line of method) process.stdout.write(`  · ${line}\n`)
  raw.method = method
  return { metrics, raw }
}

/** Streebog, signing and verification: ours against the gost engine in-process. */
async function gostFigures(data: Uint8Array, raw: Record<string, unknown>): Promise<BenchPart['metrics']> {
  const metrics: BenchPart['metrics'] = {}
  const gost = openPkcs12(new Uint8Array(readFileSync(NCA_KEY)), PASSWORD)[0]
  if (gost.privateKey.kind !== 'gost') throw new Error('expected a GOST key')
  const d = gost.privateKey.d
  const pub = gostPublicKeyBytes(decodeCertificate(gost.certificate).cert.subjectPublicKeyInfo)
  const osslKey = createPrivateKey(tc26Pkcs8Pem(d))
  const osslPub = createPublicKey({ key: Buffer.from(tc26Spki(pub)), format: 'der', type: 'spki' })
  const osslSign = (m: Uint8Array) => new Uint8Array(nodeSign('md_gost12_512', m, osslKey))
  // the same key on both sides: each verifies the other's signature before anything is timed
  const probe = new TextEncoder().encode('probe')
  if (!gostVerify512(pub, osslSign(probe), probe) || !nodeVerify('md_gost12_512', probe, osslPub, gostSignatureToRfc4491(gostSign512(d, probe)))) {
    throw new Error('OpenSSL and our GOST code disagree on the bench key')
  }

  // Streebog-512 over 1 MiB
  const [sbOurs, sbOssl, sbOursM, sbOsslM, a1, b1] = await pairQ(21, () => streebog512(data), () => createHash('md_gost12_512').update(data).digest())
  const [sbJs, , a1j] = await pair(3, () => new Streebog(512, { engine: 'js' }).update(data).digest(), () => createHash('md_gost12_512').update(data).digest())
  raw.streebog = { oursMs: a1, opensslMs: b1, jsCoreMs: a1j, engine: streebogEngine() }
  metrics.streebog512_1mib_ms = { value: round(sbOurs), unit: 'ms', note: `our Streebog-512, ${streebogEngine()} core, ${round(1 / (sbOurs / 1000), 1)} MB/s` }
  metrics.streebog512_1mib_openssl_ms = { value: round(sbOssl), unit: 'ms', note: `gost engine md_gost12_512, ${round(1 / (sbOssl / 1000), 1)} MB/s` }
  metrics.streebog512_ratio = { value: round(sbOurs / sbOssl), unit: '×', target: '≤ 3×', met: sbOurs / sbOssl <= 3 }
  metrics.streebog512_median_ratio = { value: round(sbOursM / sbOsslM), unit: '×' }
  metrics.streebog512_1mib_js_core_ms = { value: round(sbJs), unit: 'ms', note: 'the pure-JS fallback core (where WebAssembly is refused)' }

  // signing one request: a ~1 KB envelope, hashing included
  const envelope = new Uint8Array(randomBytes(1024))
  gostSign512(d, envelope) // builds G's table once (what the first signature after start pays)
  const [sgOurs, sgOssl, sgOursM, , a2, b2] = await pairQ(41, () => gostSign512(d, envelope), () => osslSign(envelope))
  raw.signRequest = { oursMs: a2, opensslMs: b2 }
  metrics.gost_sign_request_ms = { value: round(sgOurs, 3), unit: 'ms', target: '≤ 5 ms', met: sgOurs <= 5, note: 'gostSign512 over a 1 KB envelope (Streebog + k·G + s), NCA head.p12 key' }
  metrics.gost_sign_request_openssl_ms = { value: round(sgOssl, 3), unit: 'ms', note: 'gost engine sign(md_gost12_512) of the same bytes with the same key' }
  metrics.gost_sign_request_ratio = { value: round(sgOurs / sgOssl, 1), unit: '×' }
  metrics.gost_sign_request_median_ms = { value: round(sgOursM, 3), unit: 'ms', target: '≤ 5 ms', met: sgOursM <= 5 }
  const signer = keySigner(gost)
  const [cmsReq, , a2c] = await pair(15, () => signCades({ port: nodeCryptoPort, content: envelope, signer }), () => osslSign(envelope))
  raw.cmsSignRequest = { oursMs: a2c }
  metrics.gost_cms_sign_request_ms = { value: round(cmsReq, 3), unit: 'ms', note: 'signCades (detached CAdES-BES) over the 1 KB envelope: the whole product path' }

  // signing a 1 MiB document (Streebog dominates)
  const [sdOurs, sdOssl, , , a3, b3] = await pairQ(9, () => gostSign512(d, data), () => osslSign(data))
  raw.sign1MiB = { oursMs: a3, opensslMs: b3 }
  metrics.gost_sign_1mib_ms = { value: round(sdOurs), unit: 'ms' }
  metrics.gost_sign_1mib_openssl_ms = { value: round(sdOssl), unit: 'ms' }
  metrics.gost_sign_1mib_ratio = { value: round(sdOurs / sdOssl, 2), unit: '×' }

  // verification of a request signature: a key verified before (the gateway: operators' and the CA's keys recur) and
  // a key never seen. The verifier keeps no per-key state (z1·G + z2·Q in one WebAssembly Straus pass), so both take
  // the same path; the two figures show that nothing is cached.
  const sig = gostSign512(d, envelope)
  const rfc = gostSignatureToRfc4491(sig)
  gostVerify512(pub, sig, envelope)
  const [vOurs, vOssl, vOursM, vOsslM, a4, b4] = await pairQ(41, () => gostVerify512(pub, sig, envelope), () => nodeVerify('md_gost12_512', envelope, osslPub, rfc))
  const fresh = Array.from({ length: 22 }, () => {
    const k = new Uint8Array(randomBytes(64))
    return { point: gostPublicKey512(k), sig: gostSign512(k, envelope) }
  })
  let f = 0
  const [vNew, vOssl2, vNewM, vOssl2M, a5, b5] = await pairQ(21, () => {
    const x = fresh[f++]
    if (!gostVerify512(x.point, x.sig, envelope)) throw new Error('fresh-key signature did not verify')
  }, () => nodeVerify('md_gost12_512', envelope, osslPub, rfc))
  raw.verify = { knownKeyMs: a4, opensslMs: b4, newKeyMs: a5, opensslMs2: b5 }
  metrics.gost_verify_ms = { value: round(vOurs, 3), unit: 'ms', note: 'gostVerify512 of a 1 KB envelope, a key verified before' }
  metrics.gost_verify_openssl_ms = { value: round(vOssl, 3), unit: 'ms', note: 'gost engine verify(md_gost12_512), same key, signature and bytes' }
  metrics.gost_verify_ratio = { value: round(vOurs / vOssl, 2), unit: '×', target: '≤ 3×', met: vOurs / vOssl <= 3 }
  metrics.gost_verify_median_ratio = { value: round(vOursM / vOsslM, 2), unit: '×' }
  metrics.gost_verify_new_key_ms = { value: round(vNew, 3), unit: 'ms', note: 'a key never seen before: Straus z1·G + z2·Q in WebAssembly (wNAF 8 over G’s table, wNAF 5 over Q’s odd multiples)' }
  metrics.gost_verify_new_key_ratio = { value: round(vNew / vOssl2, 2), unit: '×', target: '≤ 3×', met: vNew / vOssl2 <= 3 }
  metrics.gost_verify_new_key_median_ratio = { value: round(vNewM / vOssl2M, 2), unit: '×' }

  // CAdES over 1 MB with the chain (kept from before: the product path a gateway runs)
  const gCmsBytes = await signCades({ port: nodeCryptoPort, content: data, signer })
  const ncaTrust = createTrustStore({
    test: [new Uint8Array(readFileSync('/work/shared/nca-test-pki/gost2015-current/root_test_gost_2022.cer'))],
    intermediates: [new Uint8Array(readFileSync('/work/shared/nca-test-pki/gost2015-current/nca_gost2022_test.cer'))],
  })
  const [gv, gr, a6, b6] = await pair(5, () => verifyCms({ port: nodeCryptoPort, cms: gCmsBytes, content: data, trust: ncaTrust, testTrust: true }), () => nodeVerify('md_gost12_512', data, osslPub, gostSignatureToRfc4491(gostSign512(d, data))))
  raw.gostCmsVerify = { cmsMs: a6, opensslMs: b6 }
  metrics.gost_cms_verify_1mib_ms = { value: round(gv), unit: 'ms', note: 'verifyCms over 1 MB incl. chain (2 GOST certificate signatures)' }
  metrics.gost_cms_verify_1mib_vs_openssl_raw = { value: round(gv / gr, 2), unit: '×', note: 'against one OpenSSL sign+verify of the same 1 MB (an upper bound on its raw verify)' }
  return metrics
}
