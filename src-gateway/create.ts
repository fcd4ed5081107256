/**
 * Composition root: builds a Gateway from a GatewayConfig with the real adapters (SQLite store, shared crypto
 * verification against the НУЦ roots and CRLs, shared envelope codec, catalogue routing, department result key).
 * Used by main.ts and by the in-process tests, so both run exactly the same wiring.
 */
import { createPrivateKey } from 'node:crypto'
import { mkdirSync, readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import type { DestinationStream } from 'pino'
import { createTrustStore, splitPemBundle } from '../src-shared/crypto'
import { buildGateway, type Gateway } from './app'
import { dbKind, PROJECT_ROOT, type GatewayConfig } from './config'
import { blobStoreFor } from './blobs/from-config'
import { PgGatewayStore } from './store/postgres'
import type { GatewayStore } from './store/types'
import { FaultInjector } from './faults/fault-injector'
import { sharedEnvelopeCodec } from './intake/envelope-codec'
import { RelayedStatusEvents } from './intake/events'
import { createLogger } from './log'
import { CryptoEnvelopeVerifier } from './pki/crypto-verifier'
import { NucService } from './pki/nuc-service'
import { systemClock, type Clock, type ServiceDirectory } from './ports'
import { generateRegistries } from './registries/synthetic'
import { DepartmentResultSigner } from './results/department-signer'
import { AdjustableClock } from './payments/test-clock'
import { seedAccounts } from './seed/accounts'
import { seedUnits } from './seed/units'
import { catalogDirectory } from './service-directory'
import { SqliteGatewayStore } from './store/sqlite'

/** Config leaves unset fields undefined; the policy's defaults must win over them. */
const dropUndefinedKeys = <T extends object>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>

const read = (p: string) => new Uint8Array(readFileSync(p))
const certs = (paths: string[]) => paths.flatMap((p) => splitPemBundle(read(p)))

export interface CreateOptions {
  clock?: Clock
  services?: ServiceDirectory
  logger?: false
  /** Where the pino log goes (default stdout). */
  logDestination?: DestinationStream
}

/**
 * The store GATEWAY_DB names: a SQLite file with its blob folder beside it (the embedded default), or PostgreSQL with
 * the blob folder GATEWAY_BLOBS (shared by the instances of one database).
 */
export function createStore(cfg: Pick<GatewayConfig, 'db' | 'blobs'>): GatewayStore {
  if (dbKind(cfg.db) === 'postgres') {
    return new PgGatewayStore(cfg.db, { blobs: blobStoreFor(cfg.blobs ?? resolve(PROJECT_ROOT, '.tmp/gateway-blobs')) })
  }
  if (cfg.db !== ':memory:') mkdirSync(dirname(cfg.db), { recursive: true })
  return new SqliteGatewayStore(cfg.db, cfg.blobs ? { blobs: blobStoreFor(cfg.blobs) } : {})
}

export function createGateway(cfg: GatewayConfig, opts: CreateOptions = {}): Gateway & { store: GatewayStore; nuc: NucService } {
  const testClock = cfg.testClock && !opts.clock ? new AdjustableClock(systemClock) : undefined
  const clock = opts.clock ?? testClock ?? systemClock
  const store = createStore(cfg)
  const crls = new Map(Object.entries(cfg.pki.crls).map(([name, p]) => [name, read(p)]))
  const ocsp = cfg.pki.ocsp
    ? {
        caCert: certs([cfg.pki.ocsp.caCert])[0],
        signerCert: certs([cfg.pki.ocsp.signerCert])[0],
        signerKeyPkcs8: new Uint8Array(createPrivateKey(readFileSync(cfg.pki.ocsp.signerKey)).export({ format: 'der', type: 'pkcs8' })),
        crlName: cfg.pki.ocsp.crlName,
      }
    : undefined
  const nuc = new NucService(crls, clock, ocsp)
  const trust = createTrustStore({ production: certs(cfg.pki.roots), intermediates: certs(cfg.pki.intermediates), test: certs(cfg.pki.testRoots) })
  const verifier = new CryptoEnvelopeVerifier(trust, { crls: () => nuc.allCrls() }, { testTrust: cfg.testTrust })
  const resultSigner = new DepartmentResultSigner(read(cfg.pki.resultSigner.cert), read(cfg.pki.resultSigner.key), cfg.pki.intermediates.map(read))
  const gw = buildGateway({
    store, clock, verifier, codec: sharedEnvelopeCodec, services: opts.services ?? catalogDirectory(), registries: generateRegistries({ persons: cfg.registryPersons }),
    resultSigner, nuc, logger: opts.logger === false || cfg.logLevel === 'silent' ? false : createLogger({ level: cfg.logLevel, destination: opts.logDestination }),
    testTrust: cfg.testTrust, auth: cfg.auth, automatedDelayMs: cfg.automatedDelayMs, faults: new FaultInjector(cfg.faults),
    security: dropUndefinedKeys(cfg.security), jobs: dropUndefinedKeys(cfg.jobs), payments: dropUndefinedKeys(cfg.payments), testClock,
    ...(store instanceof PgGatewayStore ? { events: new RelayedStatusEvents((fn) => store.subscribeStatus(fn)) } : {}),
  })
  // Seeding is asynchronous (the store is); Fastify runs onReady before the first request or listen(). Expired sessions
  // and challenges, old idempotency answers and finished jobs go by the retention job (src-gateway/jobs/retention.ts).
  gw.app.addHook('onReady', async () => {
    // Scans of a database from before the blob store move out of it once, before the first request is served.
    await store.migrateScansOut()
    if (cfg.seedDemoAccounts) await Promise.all([seedAccounts(store), seedUnits(store)])
  })
  gw.app.addHook('onClose', async () => {
    // Fastify runs onClose hooks last-registered first: this one runs before buildGateway's own, so the job runner is
    // stopped here first — a job claim must not reach a closed store.
    await gw.jobs.stop()
    await store.close()
  })
  return { ...gw, store, nuc }
}
