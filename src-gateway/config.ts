/**
 * Gateway configuration: defaults < config file (GATEWAY_CONFIG or --config <file>, JSON) < environment
 * (GATEWAY_PORT, GATEWAY_HOST, GATEWAY_DB, GATEWAY_TEST_TRUST=1). Relative paths in the file are resolved against it.
 */
import { readFileSync } from 'node:fs'
import { dirname, isAbsolute, resolve } from 'node:path'
import { z } from 'zod'
import { ArmError } from '../src-shared/errors'
import { FaultConfigPatch } from '../src-shared/gateway/api'
import { S3_BLOBS } from './blobs/from-config'

const ms = z.number().int().min(0).max(365 * 86_400_000)
const perMinute = z.number().int().min(1).max(1_000_000)
export const SecurityConfig = z.strictObject({
  clockToleranceMs: ms.optional(),
  departmentBins: z.record(z.string().min(1).max(64), z.array(z.string().regex(/^\d{12}$/))).optional(),
  testBins: z.array(z.string().regex(/^\d{12}$/)).optional(),
  maxStreamsPerSession: z.number().int().min(1).max(100).optional(),
  rateLimit: z.strictObject({ signInPerMinute: perMinute, challengesPerMinute: perMinute, uploadsPerMinute: perMinute, verificationsPerMinute: perMinute.optional() }).optional(),
  timeouts: z.strictObject({ requestMs: ms, connectionMs: ms, keepAliveMs: ms, headersMs: ms }).optional(),
  idempotencyRetentionMs: ms.optional(),
  retentionEveryMs: ms.min(1000).optional(),
})

/** Which store a GATEWAY_DB value names; an unknown `scheme://` is an error rather than a folder named after it. */
export function dbKind(db: string): 'sqlite' | 'postgres' {
  if (/^postgres(ql)?:\/\//i.test(db)) return 'postgres'
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(db)) throw new ArmError('GW_DB_URL_UNSUPPORTED', `unsupported database URL scheme: ${db.split(':')[0]}`)
  return 'sqlite'
}

export const GatewayConfig = z.strictObject({
  port: z.number().int().min(0).max(65535).default(8787),
  host: z.string().default('127.0.0.1'),
  /**
   * A SQLite file (relative paths are taken from the current directory; the default lives in the git-ignored .tmp/)
   * or a PostgreSQL URL postgres://… / postgresql://… (several gateway instances on one database). Any other
   * scheme://… is refused (GW_DB_URL_UNSUPPORTED), never taken as a file name.
   */
  db: z.string().default('.tmp/gateway.sqlite'),
  /**
   * The folder of the scans' blob store (default: next to the SQLite file, or .tmp/gateway-blobs with PostgreSQL), or an
   * S3-compatible bucket: s3+http(s)://ACCESS_KEY:SECRET@host:port/bucket?region=…
   */
  blobs: z.string().optional(),
  /** Accept NCA test certificates/test ИИН and test-only accounts. */
  testTrust: z.boolean().default(false),
  automatedDelayMs: z.number().int().min(0).max(600_000).default(1500),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  registryPersons: z.number().int().min(10).max(1_000_000).default(2000),
  seedDemoAccounts: z.boolean().default(true),
  auth: z.strictObject({
    sessionTtlMs: z.number().int().positive().optional(),
    challengeTtlMs: z.number().int().positive().optional(),
    /** Password failures: `freeFailures` free, then delays doubling from baseDelayMs to maxDelayMs (auth/throttle.ts). */
    throttle: z.strictObject({ freeFailures: z.number().int().min(0).max(100), clientFreeFailures: z.number().int().min(0).max(10_000), baseDelayMs: ms, maxDelayMs: ms }).optional(),
    /**
     * ЭЦП sign-in only with a certificate the admin bound to the account (GATEWAY_REQUIRE_BOUND_CERT=1). Off: an
     * account without bound certificates signs in with any trusted AUTH certificate of its ИИН; an account with bound
     * ones only with those.
     */
    requireBoundCertificate: z.boolean().optional(),
  }).prefault({}),
  faults: FaultConfigPatch.prefault({}),
  /** Issue 10 limits (src-gateway/policy.ts holds the defaults and says what each means). */
  security: SecurityConfig.prefault({}),
  /** Durable job runner (src-gateway/jobs/runner.ts): how long a claimed job is held, how often due jobs are looked for. */
  jobs: z.strictObject({ leaseMs: ms.min(100).optional(), pollMs: ms.min(10).optional() }).prefault({}),
  /**
   * State duty (src-gateway/payments): the МРП in tenge per calendar year (default 2026's, state-duty.ts names its
   * law) and the secret the simulated bank signs its callbacks with (a demo value: set your own outside the demo).
   */
  payments: z.strictObject({
    mrpByYear: z.record(z.string().regex(/^\d{4}$/), z.number().int().positive()).optional(),
    callbackSecret: z.string().min(16).default('arm-demo-payment-callback-secret'),
  }).prefault({}),
  /** An adjustable clock and POST /admin/test-clock to move it (tests of the 24 h payment window); never in production. */
  testClock: z.boolean().default(false),
  pki: z.strictObject({
    /** Production trust anchors (PEM/DER files). The demo root is production-trusted in the simulation. */
    roots: z.array(z.string()).default(['resources/demo-pki/root.crt']),
    intermediates: z.array(z.string()).default(['resources/demo-pki/intermediate.crt']),
    /** Test anchors (NCA test PKI), honoured only with testTrust. */
    testRoots: z.array(z.string()).default([]),
    /** Served at /pki/crl/<name>.crl and used for revocation checks. */
    crls: z.record(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), z.string()).default({ intermediate: 'resources/demo-pki/intermediate.crl' }),
    /** null disables the OCSP responder. */
    ocsp: z.strictObject({ caCert: z.string(), signerCert: z.string(), signerKey: z.string(), crlName: z.string() }).nullable()
      .default({ caCert: 'resources/demo-pki/intermediate.crt', signerCert: 'resources/demo-pki/ocsp-signer.crt', signerKey: 'resources/demo-pki/ocsp-signer.key.pem', crlName: 'intermediate' }),
    /**
     * A copy of the NCA RK test PKI (folder with gost2015-current/): its test root and issuing CA are added as TEST
     * anchors and its CRL is served as nca-gost2022-test.crl and used for revocation (honoured only with testTrust).
     */
    ncaTestPkiDir: z.string().optional(),
    resultSigner: z.strictObject({ cert: z.string(), key: z.string() })
      .default({ cert: 'resources/demo-pki/department-results.crt', key: 'resources/demo-pki/department-results.key.pem' }),
    /**
     * The simulated НУЦ time-stamping authority (RFC 3161, CAdES-T): its certificate (critical EKU timeStamping, under
     * the demo intermediate) and key. Missing files or null: no TSA, signatures stay CAdES-BES (reports say so).
     */
    tsa: z.strictObject({ cert: z.string(), key: z.string() }).nullable()
      .default({ cert: 'resources/demo-pki/tsa.crt', key: 'resources/demo-pki/tsa.key.pem' }),
  }).prefault({}),
})
export type GatewayConfig = z.infer<typeof GatewayConfig>

/** The project root (paths in the defaults are relative to it). */
export const PROJECT_ROOT = resolve(__dirname, '..')

function resolvePaths(cfg: GatewayConfig, base: string): GatewayConfig {
  const r = (p: string) => (isAbsolute(p) ? p : resolve(base, p))
  const pki = cfg.pki
  return {
    ...cfg,
    pki: {
      ...pki,
      roots: pki.roots.map(r), intermediates: pki.intermediates.map(r), testRoots: pki.testRoots.map(r),
      crls: Object.fromEntries(Object.entries(pki.crls).map(([k, v]) => [k, r(v)])),
      ocsp: pki.ocsp ? { ...pki.ocsp, caCert: r(pki.ocsp.caCert), signerCert: r(pki.ocsp.signerCert), signerKey: r(pki.ocsp.signerKey) } : null,
      resultSigner: { cert: r(pki.resultSigner.cert), key: r(pki.resultSigner.key) },
      tsa: pki.tsa ? { cert: r(pki.tsa.cert), key: r(pki.tsa.key) } : null,
      ...(pki.ncaTestPkiDir ? { ncaTestPkiDir: r(pki.ncaTestPkiDir) } : {}),
    },
  }
}

/** Adds the NCA test PKI (GOST 2015 set) as test anchors, intermediate and CRL. */
export function withNcaTestPki(pki: GatewayConfig['pki'], dir: string): GatewayConfig['pki'] {
  const g = (f: string) => resolve(dir, 'gost2015-current', f)
  return {
    ...pki,
    testRoots: [...new Set([...pki.testRoots, g('root_test_gost_2022.cer')])],
    intermediates: [...new Set([...pki.intermediates, g('nca_gost2022_test.cer')])],
    crls: { ...pki.crls, 'nca-gost2022-test': g('nca_gost2022_test.crl') },
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, argv: string[] = process.argv.slice(2)): GatewayConfig {
  const i = argv.indexOf('--config')
  const file = i >= 0 ? argv[i + 1] : env.GATEWAY_CONFIG
  let raw: Record<string, unknown> = {}
  let base = PROJECT_ROOT
  if (file) {
    raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
    base = dirname(resolve(file))
  }
  // Defaults are relative to the project root, file values to the file: resolve the file's own pki paths first.
  const fromFile = GatewayConfig.parse(raw)
  let cfg = resolvePaths(GatewayConfig.parse({ ...raw, pki: undefined }), PROJECT_ROOT)
  if (raw.pki) cfg = { ...cfg, pki: resolvePaths(fromFile, base).pki }
  if (env.GATEWAY_PORT) cfg.port = z.coerce.number().int().min(0).max(65535).parse(env.GATEWAY_PORT)
  if (env.GATEWAY_HOST) cfg.host = env.GATEWAY_HOST
  if (env.GATEWAY_DB) cfg.db = env.GATEWAY_DB
  if (env.GATEWAY_TEST_TRUST) cfg.testTrust = env.GATEWAY_TEST_TRUST === '1' || env.GATEWAY_TEST_TRUST === 'true'
  if (env.GATEWAY_REQUIRE_BOUND_CERT) cfg.auth = { ...cfg.auth, requireBoundCertificate: env.GATEWAY_REQUIRE_BOUND_CERT === '1' || env.GATEWAY_REQUIRE_BOUND_CERT === 'true' }
  if (env.GATEWAY_TEST_CLOCK) cfg.testClock = env.GATEWAY_TEST_CLOCK === '1' || env.GATEWAY_TEST_CLOCK === 'true'
  if (env.GATEWAY_AUTOMATED_DELAY_MS) cfg.automatedDelayMs = Number(env.GATEWAY_AUTOMATED_DELAY_MS)
  if (env.GATEWAY_LOG_LEVEL) cfg.logLevel = GatewayConfig.shape.logLevel.parse(env.GATEWAY_LOG_LEVEL)
  if (env.GATEWAY_JOB_LEASE_MS) cfg.jobs = { ...cfg.jobs, leaseMs: z.coerce.number().int().min(100).parse(env.GATEWAY_JOB_LEASE_MS) }
  // A JSON object of `security` fields (tests start a process with tight limits this way).
  if (env.GATEWAY_SECURITY) cfg.security = { ...cfg.security, ...SecurityConfig.parse(JSON.parse(env.GATEWAY_SECURITY)) }
  if (env.GATEWAY_NCA_TEST_PKI) cfg.pki.ncaTestPkiDir = resolve(process.cwd(), env.GATEWAY_NCA_TEST_PKI)
  if (cfg.pki.ncaTestPkiDir) cfg.pki = withNcaTestPki(cfg.pki, cfg.pki.ncaTestPkiDir)
  if (env.GATEWAY_BLOBS) cfg.blobs = env.GATEWAY_BLOBS
  if (dbKind(cfg.db) === 'sqlite' && !isAbsolute(cfg.db) && cfg.db !== ':memory:') cfg.db = resolve(process.cwd(), cfg.db)
  if (cfg.blobs && !S3_BLOBS.test(cfg.blobs) && !isAbsolute(cfg.blobs)) cfg.blobs = resolve(process.cwd(), cfg.blobs)
  return cfg
}
