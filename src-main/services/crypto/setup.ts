/**
 * Builds the crypto services from folders and environment, for the Electron shell, the browser host and the CLI.
 * Environment: ARM_KEY_DIRS (extra .p12 folders), ARM_KEY_IDLE_MS (forget unlocked keys after, default 5 min),
 * ARM_PKCS11_MODULES (':'-separated module paths), ARM_TEST_TRUST=1 (trust the NCA test CA, visibly marked),
 * ARM_NCA_TEST_PKI (folder of the NCA test root/CA/CRL), ARM_OCSP_URL (ask this responder when CRLs say nothing),
 * ARM_NCALAYER=1|0, ARM_NCALAYER_URL, ARM_NCALAYER_CA (NCALayer as a key source; on by default on Windows).
 * The token modules the desk chose on its tokens screen (token-modules.ts) replace ARM_PKCS11_MODULES once saved.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createTrustStore, splitPemBundle, type TrustStore } from '../../../src-shared/crypto'
import { KeyService, type KeyServiceOptions } from './key-service'
import { NcaLayerClient, NcaLayerKeySource, ncaLayerOptionsFromEnv, type NcaLayerOptions } from './ncalayer'
import { OcspClient, fetchHttpPort } from './ocsp-client'
import { NO_PROMPT, type SecretPrompt } from './secret-prompt'
import { TokenModuleSettings } from './token-modules'
import { TokenWatcher } from './token-watch'

export interface CryptoSetup {
  /** resources/ of the app (demo PKI lives in resources/demo-pki). */
  resourcesDir: string
  /** Extra key folders (e.g. <userData>/keys). */
  keyDirs?: string[]
  prompt?: SecretPrompt
  /** Trust the NCA test CA (and its check-digit-invalid ИИН/БИН), visibly marked. Env ARM_TEST_TRUST=1. */
  testTrust?: boolean
  /** Folder of the NCA test PKI (root/intermediate/CRL), trusted only in test mode. */
  ncaTestPkiDir?: string
  pkcs11Modules?: string[]
  /** Where the desk's chosen token modules are kept (JSON); absent: not kept across restarts. */
  tokenSettingsFile?: string
  /** How often main reads the tokens' slot lists (default 1.5 s). */
  tokenPollMs?: number
  idleMs?: number
  ocsp?: KeyServiceOptions['ocsp']
  timers?: KeyServiceOptions['timers']
  pendingPrompt?: () => PendingPrompt | null
  cancelPrompt?: (id: string) => boolean
  /** NCALayer as a key source; null: not on this desk. Default from ARM_NCALAYER* (see ncalayer.ts). */
  ncaLayer?: NcaLayerOptions | null
}

export interface PendingPrompt {
  id: string
  url: string
  kind: 'p12-password' | 'token-pin' | 'sign-confirm'
  keyLabel: string
  holder?: string
  attempt: number
  previousError?: string
  pinState?: string
}

export interface CryptoServices {
  /** The prompt waiting for the user (browser host's framed prompt); absent/null in Electron. */
  pendingPrompt?: () => PendingPrompt | null
  /** Cancels that prompt (browser host); absent in Electron, whose modal window has its own Cancel. */
  cancelPrompt?: (id: string) => boolean
  keys: KeyService
  /** The desk's chosen token modules and the insertion/removal watcher over them. */
  tokens: { settings: TokenModuleSettings; watcher: TokenWatcher }
  trust: TrustStore
  testTrust: boolean
  crls: () => Promise<Uint8Array[]>
}

function read(path: string): Uint8Array[] {
  return existsSync(path) ? splitPemBundle(new Uint8Array(readFileSync(path))) : []
}

export function createCryptoServices(setup: CryptoSetup): CryptoServices {
  const demo = join(setup.resourcesDir, 'demo-pki')
  const nca = setup.ncaTestPkiDir ?? process.env.ARM_NCA_TEST_PKI ?? '/work/shared/nca-test-pki/gost2015-current'
  const testTrust = setup.testTrust ?? process.env.ARM_TEST_TRUST === '1'
  const trust = createTrustStore({
    production: read(join(demo, 'root.crt')),
    test: read(join(nca, 'root_test_gost_2022.cer')),
    intermediates: [...read(join(demo, 'intermediate.crt')), ...read(join(nca, 'nca_gost2022_test.cer'))],
  })
  const crlFiles = [join(demo, 'intermediate.crl'), join(nca, 'nca_gost2022_test.crl')]
  const crls = async () => crlFiles.filter((f) => existsSync(f)).map((f) => new Uint8Array(readFileSync(f)))
  const envModules = process.env.ARM_PKCS11_MODULES ? process.env.ARM_PKCS11_MODULES.split(':').filter(Boolean) : []
  const settings = new TokenModuleSettings(setup.tokenSettingsFile, setup.pkcs11Modules ?? envModules)
  const pkcs11Modules = settings.read()
  const ocsp: KeyServiceOptions['ocsp'] = setup.ocsp ?? (process.env.ARM_OCSP_URL ? ((c, i) => new OcspClient(fetchHttpPort(), { url: process.env.ARM_OCSP_URL }).check(c, i)) : undefined)
  const ncaLayer = setup.ncaLayer === undefined ? ncaLayerOptionsFromEnv(process.env, process.platform, (f) => readFileSync(f)) : setup.ncaLayer
  const keys = new KeyService({
    // ARM_KEY_DIRS: extra key folders (':'-separated), e.g. where the operator keeps НУЦ .p12 files.
    keyDirs: setup.keyDirs ?? [...(process.env.ARM_KEY_DIRS ?? '').split(':').filter(Boolean), demo],
    pkcs11Modules,
    trust,
    testTrust,
    crls,
    ocsp,
    prompt: setup.prompt ?? NO_PROMPT,
    idleMs: setup.idleMs ?? (Number(process.env.ARM_KEY_IDLE_MS) > 0 ? Number(process.env.ARM_KEY_IDLE_MS) : undefined),
    timers: setup.timers,
    ncaLayer: ncaLayer ? new NcaLayerKeySource({ client: new NcaLayerClient(ncaLayer), trust, testTrust, crls, ocsp }) : undefined,
  })
  const watcher = new TokenWatcher({
    // A module that does not load offers no tokens to watch; the tokens screen and the diagnostics say why.
    sources: () => {
      try {
        return keys.tokenSources()
      } catch {
        return []
      }
    },
    intervalMs: setup.tokenPollMs,
  })
  return { keys, tokens: { settings, watcher }, trust, testTrust, crls, pendingPrompt: setup.pendingPrompt, cancelPrompt: setup.cancelPrompt }
}
