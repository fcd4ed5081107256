/**
 * KeyService: the keys main can sign with (.p12 files in key folders, PKCS#11 tokens), unlocking them through the
 * main-owned SecretPrompt, the certificate checks before every signature, and idle forgetting of unlocked keys.
 */
import { nodeCryptoPort } from './node-port'
import { readFile, readdir } from 'node:fs/promises'
import { basename, resolve } from 'node:path'
import { ArmError, type ErrorCode } from '../../../src-shared/errors'
import {
  checkCertificate,
  decodeCertificate,
  parseCertificate,
  parseCrl,
  signCades,
  type CertificateCheck,
  type CertificateFacts,
  type CmsSigner,
  type KeyPurpose,
  type RevocationResult,
  type StoredCertificate,
  type TrustStore,
} from '../../../src-shared/crypto'
import { openPkcs12, type Pkcs12Entry } from './pkcs12'
import { Pkcs11Keystore, type TokenKey } from './pkcs11'
import { NCALAYER_KEY_REF, type NcaLayerKeySource } from './ncalayer'
import type { SecretPrompt } from './secret-prompt'
import { summarizeSigning, type SigningSummary } from './signing-summary'
import { keySigner } from './signer'

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export interface KeyServiceOptions {
  /** Folders whose *.p12 / *.pfx files are offered as keys. */
  keyDirs: string[]
  /** PKCS#11 module paths (e.g. /usr/lib/softhsm/libsofthsm2.so, Kaztoken's library). */
  pkcs11Modules?: string[]
  trust: TrustStore
  /** Accept the test trust store and test ИИН/БИН (visibly marked in every answer). */
  testTrust?: boolean
  /** Current CRLs (DER); when any are given, revocation must be established before signing. */
  crls?: () => Promise<Uint8Array[]>
  /** Second revocation source (OCSP client), asked when the CRLs say nothing. */
  ocsp?: (cert: StoredCertificate, issuer: StoredCertificate) => Promise<RevocationResult>
  prompt: SecretPrompt
  /** Unlocked keys are forgotten after this much idle time. Default 5 minutes. */
  idleMs?: number
  maxAttempts?: number
  timers?: Timers
  now?: () => Date
  /** NCALayer, where it runs: one more key source, offered while it answers (see ncalayer.ts). */
  ncaLayer?: NcaLayerKeySource
}

export interface KeySummary {
  keyRef: string
  source: 'pkcs12' | 'pkcs11' | 'ncalayer'
  label: string
  unlocked: boolean
  facts?: CertificateFacts
}

interface Unlocked {
  entry: Pkcs12Entry
  timer: unknown
}

const P12_EXT = /\.(p12|pfx)$/i

/**
 * The public certificate kept beside a .p12 (same name, .crt/.cer/.pem): a .p12 encrypts its own certificate, so
 * without it a locked key's purpose and owner are unknown until the password is typed. Only for preselection and the
 * prompt's holder name: every signature is checked against the certificate inside the unlocked .p12.
 */
async function publicCertificateBeside(p12Path: string): Promise<CertificateFacts | undefined> {
  for (const ext of ['.crt', '.cer', '.pem']) {
    try {
      return parseCertificate(new Uint8Array(await readFile(p12Path.replace(P12_EXT, ext))))
    } catch {
      // absent or not a certificate: try the next name
    }
  }
  return undefined
}

export class KeyService {
  private readonly unlocked = new Map<string, Unlocked>()
  private readonly tokenTimers = new Map<string, unknown>()
  private readonly knownFacts = new Map<string, CertificateFacts>()
  private readonly keystores: Pkcs11Keystore[] = []
  private readonly timers: Timers
  private readonly idleMs: number

  constructor(private readonly opts: KeyServiceOptions) {
    this.timers = opts.timers ?? { setTimeout: (fn, ms) => setTimeout(fn, ms).unref(), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) }
    this.idleMs = opts.idleMs ?? 5 * 60_000
  }

  private tokenStores(): Pkcs11Keystore[] {
    if (!this.keystores.length) for (const m of this.opts.pkcs11Modules ?? []) this.keystores.push(new Pkcs11Keystore(m))
    return this.keystores
  }

  private async p12Files(): Promise<string[]> {
    const out: string[] = []
    for (const dir of this.opts.keyDirs) {
      let names: string[]
      try {
        names = await readdir(dir)
      } catch {
        continue // a folder that is not there (yet) offers no keys
      }
      for (const n of names.sort()) if (P12_EXT.test(n)) out.push(resolve(dir, n))
    }
    return out
  }

  async listKeys(): Promise<KeySummary[]> {
    const keys: KeySummary[] = []
    for (const path of await this.p12Files()) {
      const keyRef = `p12:${path}`
      const u = this.unlocked.get(keyRef)
      keys.push({ keyRef, source: 'pkcs12', label: basename(path), unlocked: !!u, facts: u?.entry.facts ?? this.knownFacts.get(keyRef) ?? (await publicCertificateBeside(path)) })
    }
    for (const [i, ks] of this.tokenStores().entries()) {
      for (const k of await ks.listKeys()) {
        keys.push({ keyRef: tokenRef(i, k), source: 'pkcs11', label: `${k.tokenLabel}: ${k.label || k.keyId}`, unlocked: ks.isUnlocked(k.tokenSerial), facts: k.facts })
      }
    }
    const viaNcaLayer = await this.opts.ncaLayer?.summary()
    if (viaNcaLayer) keys.push(viaNcaLayer)
    return keys
  }

  private touch(keyRef: string, onIdle: () => void, store: Map<string, unknown>, holder?: Unlocked): void {
    const old = holder ? holder.timer : store.get(keyRef)
    if (old !== undefined) this.timers.clearTimeout(old)
    const handle = this.timers.setTimeout(onIdle, this.idleMs)
    if (holder) holder.timer = handle
    else store.set(keyRef, handle)
  }

  private async unlockP12(keyRef: string, signing?: SigningSummary[]): Promise<Pkcs12Entry> {
    const existing = this.unlocked.get(keyRef)
    if (existing) {
      this.touch(keyRef, () => this.forget(keyRef), this.tokenTimers, existing)
      return existing.entry
    }
    const path = keyRef.slice(4)
    if (!(await this.p12Files()).includes(path)) throw new ArmError('KEY_NOT_FOUND')
    let bytes: Uint8Array
    try {
      bytes = new Uint8Array(await readFile(path))
    } catch {
      throw new ArmError('KEY_NOT_FOUND')
    }
    const maxAttempts = this.opts.maxAttempts ?? 3
    let previousError: ErrorCode | undefined
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const secret = await this.opts.prompt.ask({ kind: 'p12-password', keyLabel: basename(path), holder: this.knownFacts.get(keyRef)?.fullName, attempt, previousError, signing })
      if (secret === null) throw new ArmError('SECRET_PROMPT_CANCELLED')
      try {
        const [entry] = openPkcs12(bytes, secret)
        const holder: Unlocked = { entry, timer: undefined }
        this.unlocked.set(keyRef, holder)
        this.knownFacts.set(keyRef, entry.facts)
        this.touch(keyRef, () => this.forget(keyRef), this.tokenTimers, holder)
        return entry
      } catch (err) {
        if (err instanceof ArmError && err.code === 'P12_BAD_PASSWORD' && attempt < maxAttempts) {
          previousError = err.code
          continue
        }
        throw err
      }
    }
    throw new ArmError('P12_BAD_PASSWORD')
  }

  private resolveToken(keyRef: string): { ks: Pkcs11Keystore; serial: string; keyId: string } {
    const m = /^pkcs11:(\d+):([^:]+):([0-9a-f]*)$/.exec(keyRef)
    const ks = m ? this.tokenStores()[Number(m[1])] : undefined
    if (!m || !ks) throw new ArmError('KEY_NOT_FOUND')
    return { ks, serial: m[2], keyId: m[3] }
  }

  private async unlockToken(keyRef: string, signing?: SigningSummary[]): Promise<{ ks: Pkcs11Keystore; key: TokenKey }> {
    const { ks, serial, keyId } = this.resolveToken(keyRef)
    const key = (await ks.listKeys()).find((k) => k.tokenSerial === serial && k.keyId === keyId)
    if (!key) throw new ArmError('KEY_NOT_FOUND')
    const maxAttempts = this.opts.maxAttempts ?? 3
    let previousError: ErrorCode | undefined
    let pinState: string | undefined
    for (let attempt = 1; !ks.isUnlocked(serial); attempt++) {
      const pin = await this.opts.prompt.ask({ kind: 'token-pin', keyLabel: `${key.tokenLabel}: ${key.label}`, holder: key.facts.fullName, attempt, previousError, pinState, signing })
      if (pin === null) throw new ArmError('SECRET_PROMPT_CANCELLED')
      try {
        await ks.unlock(serial, pin)
      } catch (err) {
        if (err instanceof ArmError && err.code === 'PKCS11_PIN_INCORRECT' && attempt < maxAttempts) {
          previousError = err.code
          pinState = String(err.details?.pinState ?? '')
          continue
        }
        throw err
      }
    }
    this.touch(`token:${serial}`, () => void ks.lock(serial), this.tokenTimers)
    return { ks, key }
  }

  private async crls(): Promise<ReturnType<typeof parseCrl>[]> {
    return ((await this.opts.crls?.()) ?? []).map((c) => parseCrl(c))
  }

  async checkCertificate(certificate: Uint8Array, chain: Uint8Array[], options: { purpose?: KeyPurpose; expectedIin?: string }): Promise<CertificateCheck> {
    const leaf = decodeCertificate(certificate)
    const crls = await this.crls()
    const carried = chain.map((c) => decodeCertificate(c))
    let check = await checkCertificate(leaf, { trust: this.opts.trust, at: this.opts.now?.(), carried, crls, purpose: options.purpose, expectedIin: options.expectedIin, testTrust: this.opts.testTrust })
    if (check.revocation.status !== 'good' && check.revocation.status !== 'revoked' && this.opts.ocsp && check.chain.status === 'trusted') {
      const issuer = [...carried, ...this.opts.trust.intermediates, ...this.opts.trust.production, ...this.opts.trust.test].find((c) => c.cert.subject.isEqual(leaf.cert.issuer))
      const status = issuer ? await this.opts.ocsp(leaf, issuer).catch(() => undefined) : undefined
      if (status)
        check = await checkCertificate(leaf, { trust: this.opts.trust, at: this.opts.now?.(), carried, crls, revocation: status, requireRevocation: true, purpose: options.purpose, expectedIin: options.expectedIin, testTrust: this.opts.testTrust })
    }
    return check
  }

  /** One signature: signBatch with one document (the person confirms it in main's prompt like any other). */
  async sign(request: { keyRef: string; content: Uint8Array; detached?: boolean; purpose?: KeyPurpose; expectedIin?: string }): Promise<{ cms: Uint8Array; signer: CertificateFacts; check: CertificateCheck }> {
    const { cms, signer, check } = await this.signBatch({ ...request, contents: [request.content] })
    return { cms: cms[0], signer, check }
  }

  /**
   * Checks the certificate, asks the person to confirm what is signed — in main's own prompt, with what main derived
   * from the bytes (signing-summary.ts) — then signs every document. A locked key's password/PIN prompt shows the same
   * and is the confirmation (one prompt); an unlocked key gets a confirm-only prompt. A batch is confirmed once, with
   * every document listed. Cancelled: SECRET_PROMPT_CANCELLED and nothing is signed. Never returns a partial result.
   */
  async signBatch(request: { keyRef: string; contents: Uint8Array[]; detached?: boolean; purpose?: KeyPurpose; expectedIin?: string }): Promise<{ cms: Uint8Array[]; signer: CertificateFacts; check: CertificateCheck }> {
    const purpose = request.purpose ?? 'SIGN'
    const signing = request.contents.map((c) => summarizeSigning(c, purpose))
    const signAll = async (signer: CmsSigner): Promise<Uint8Array[]> => {
      const out: Uint8Array[] = []
      for (const content of request.contents) out.push(await signCades({ port: nodeCryptoPort, content, signer, detached: request.detached ?? true, signingTime: this.opts.now?.() }))
      return out
    }
    if (request.keyRef === NCALAYER_KEY_REF) {
      const ncaLayer = this.opts.ncaLayer
      if (!ncaLayer) throw new ArmError('KEY_NOT_FOUND')
      // NCALayer chooses the key and asks its password in its own window, which does not show what is signed: main's
      // prompt shows it first and must be confirmed. Its answers are checked like every other signature.
      await this.confirm({ keyLabel: 'NCALayer', signing })
      const done: Array<{ cms: Uint8Array; signer: CertificateFacts; check: CertificateCheck }> = []
      for (const content of request.contents) done.push(await ncaLayer.sign({ content, detached: request.detached ?? true, purpose, expectedIin: request.expectedIin }))
      return { cms: done.map((d) => d.cms), signer: done[0].signer, check: done[0].check }
    }
    if (request.keyRef.startsWith('p12:')) {
      const held = this.unlocked.get(request.keyRef)
      const entry = held ? held.entry : await this.unlockP12(request.keyRef, signing)
      const check = await this.checkCertificate(entry.certificate, entry.chain, { purpose, expectedIin: request.expectedIin })
      if (!check.ok) throw new ArmError(check.errorCode ?? 'CERT_UNTRUSTED', undefined, { subIndication: check.subIndication })
      if (held) {
        await this.confirm({ keyLabel: basename(request.keyRef.slice(4)), holder: entry.facts.fullName, signing })
        this.touch(request.keyRef, () => this.forget(request.keyRef), this.tokenTimers, held)
      }
      return { cms: await signAll(keySigner(entry)), signer: entry.facts, check }
    }
    const { ks: store, serial } = this.resolveToken(request.keyRef)
    const known = await this.resolveTokenKeyFacts(request.keyRef).key
    const check = await this.checkCertificate(known.certificate, [], { purpose, expectedIin: request.expectedIin })
    if (!check.ok) throw new ArmError(check.errorCode ?? 'CERT_UNTRUSTED', undefined, { subIndication: check.subIndication })
    if (store.isUnlocked(serial)) await this.confirm({ keyLabel: `${known.tokenLabel}: ${known.label}`, holder: known.facts.fullName, signing })
    const { ks, key: tokenKey } = await this.unlockToken(request.keyRef, signing)
    return { cms: await signAll(ks.signer(tokenKey)), signer: tokenKey.facts, check }
  }

  /** The confirm-only prompt of an unlocked key: nothing to type, the person sees what is signed and says yes or no. */
  private async confirm(p: { keyLabel: string; holder?: string; signing: SigningSummary[] }): Promise<void> {
    const answer = await this.opts.prompt.ask({ kind: 'sign-confirm', keyLabel: p.keyLabel, holder: p.holder, attempt: 1, signing: p.signing })
    if (answer === null) throw new ArmError('SECRET_PROMPT_CANCELLED')
  }

  private resolveTokenKeyFacts(keyRef: string): { key: Promise<TokenKey> } {
    const { ks, serial, keyId } = this.resolveToken(keyRef)
    return {
      key: ks.listKeys().then((keys) => {
        const k = keys.find((x) => x.tokenSerial === serial && x.keyId === keyId)
        if (!k) throw new ArmError('KEY_NOT_FOUND')
        return k
      }),
    }
  }

  /** Facts and checks of a key (unlocking a .p12 if its certificate is still encrypted). */
  async certificateInfo(keyRef: string): Promise<{ facts: CertificateFacts; check: CertificateCheck }> {
    if (keyRef.startsWith('p12:')) {
      const entry = await this.unlockP12(keyRef)
      return { facts: entry.facts, check: await this.checkCertificate(entry.certificate, entry.chain, {}) }
    }
    const key = await this.resolveTokenKeyFacts(keyRef).key
    return { facts: key.facts, check: await this.checkCertificate(key.certificate, [], {}) }
  }

  isUnlocked(keyRef: string): boolean {
    return this.unlocked.has(keyRef)
  }

  private forget(keyRef: string): void {
    const u = this.unlocked.get(keyRef)
    if (!u) return
    this.timers.clearTimeout(u.timer)
    this.unlocked.delete(keyRef)
  }

  /** Forgets every unlocked key and logs out of every token. Returns how many were unlocked. */
  async lockAll(): Promise<number> {
    const n = this.unlocked.size + this.tokenTimers.size
    for (const k of [...this.unlocked.keys()]) this.forget(k)
    for (const [, h] of this.tokenTimers) this.timers.clearTimeout(h)
    this.tokenTimers.clear()
    for (const ks of this.keystores) await ks.lockAll()
    return n
  }
}

function tokenRef(index: number, k: TokenKey): string {
  return `pkcs11:${index}:${k.tokenSerial}:${k.keyId}`
}

