/**
 * NCALayer as a key source. NCALayer is the НУЦ РК desktop program (Java, tray icon) that holds the operator's keys —
 * .p12 files, Kaztoken, eToken, JaCarta, the ID card — and signs in its own window after its own password/PIN prompt.
 * While it runs it listens only on the loopback, wss://127.0.0.1:13579, and speaks JSON: on open it greets with
 * {"result":{"version":"…"}}; the module `kz.gov.pki.knca.basics`, method `sign`, takes named args
 * { allowedStorages, format: "cms", data: base64, signingParams: { decode, encapsulate, digested, tsaProfile },
 *   signerParams: { extKeyUsageOids, iin, bin, serialNumber, chain }, locale } and answers
 * { status: true, body: { result: [cms base64] } } — or { status: true, body: {} } when the user closed its window, or
 * { status: false, code, message } on failure. Clients also send "--heartbeat--", which is not JSON.
 *
 * Nothing NCALayer answers is taken on trust: the CMS must verify over exactly our content, and its certificate goes
 * through the same checks (chain to the НУЦ, revocation, purpose, ИИН of the signed-in user) as every other key
 * source before the signature leaves main. That is also why the loopback's TLS certificate (issued by NCALayer's own
 * root, which lives in the Windows store, out of Node's sight) need not be pinned: a stand-in on the port could not
 * produce a signature that passes. Pin it anyway with ARM_NCALAYER_CA (PEM) where the policy asks for it.
 */
import WebSocket from 'ws'
import { ArmError } from '../../../src-shared/errors'
import { bytesEqual, toBase64, fromBase64, verifyCms, type CertificateCheck, type CertificateFacts, type KeyPurpose, type RevocationResult, type StoredCertificate, type TrustStore } from '../../../src-shared/crypto'

export const NCALAYER_URL = 'wss://127.0.0.1:13579'
export const NCALAYER_KEY_REF = 'ncalayer:'
const MODULE = 'kz.gov.pki.knca.basics'
/** Extended key usage NCALayer filters keys by: НУЦ signing keys carry emailProtection, authentication keys clientAuth. */
const EKU: Record<KeyPurpose, string> = { SIGN: '1.3.6.1.5.5.7.3.4', AUTH: '1.3.6.1.5.5.7.3.2' }

export interface NcaLayerOptions {
  /** Default wss://127.0.0.1:13579; only loopback addresses are accepted. */
  url?: string
  /** PEM of the CA that issued NCALayer's loopback certificate; without it the TLS certificate is not checked (see above). */
  ca?: string | Buffer
  /** How long to wait for NCALayer to answer the connection (it is local: a short wait). */
  connectTimeoutMs?: number
  /** How long the user may take in NCALayer's window. */
  signTimeoutMs?: number
  locale?: 'kk' | 'ru' | 'en'
}

export interface NcaLayerSignRequest {
  content: Uint8Array
  detached: boolean
  purpose: KeyPurpose
  expectedIin?: string
}

function loopbackUrl(url: string): string {
  const u = new URL(url)
  if (!/^wss?:$/.test(u.protocol) || !['127.0.0.1', '[::1]', 'localhost'].includes(u.hostname)) {
    throw new ArmError('ARGUMENT_INVALID', 'NCALayer is only ever asked on this machine (wss://127.0.0.1:13579)')
  }
  return u.toString()
}

/** One WebSocket conversation with NCALayer: connect, (greeting), one request, its answer. */
export class NcaLayerClient {
  private readonly url: string
  constructor(private readonly opts: NcaLayerOptions = {}) {
    this.url = loopbackUrl(opts.url ?? NCALAYER_URL)
  }

  private open(): Promise<{ ws: WebSocket; version: Promise<string | undefined>; next: () => Promise<Record<string, unknown>> }> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(this.url, { ca: this.opts.ca, rejectUnauthorized: this.opts.ca !== undefined, handshakeTimeout: this.opts.connectTimeoutMs ?? 3000 })
      const queue: Record<string, unknown>[] = []
      const waiting: ((m: Record<string, unknown> | Error) => void)[] = []
      let greeted: (v: string | undefined) => void = () => {}
      const version = new Promise<string | undefined>((r) => (greeted = r))
      const deliver = (m: Record<string, unknown> | Error) => {
        const w = waiting.shift()
        if (w) w(m)
        else if (!(m instanceof Error)) queue.push(m)
      }
      ws.on('message', (raw) => {
        let msg: unknown
        try {
          msg = JSON.parse(raw.toString())
        } catch {
          return // heartbeat echoes and other non-JSON noise
        }
        if (!msg || typeof msg !== 'object') return
        const result = (msg as { result?: { version?: unknown } }).result
        if (result && typeof result === 'object' && 'version' in result && !('status' in msg)) {
          greeted(String(result.version))
          return
        }
        deliver(msg as Record<string, unknown>)
      })
      ws.once('open', () => {
        // Some builds greet only when asked; do not wait for it longer than the first exchange.
        setTimeout(() => greeted(undefined), 500).unref()
        resolve({
          ws,
          version,
          next: () =>
            new Promise((res, rej) => {
              const m = queue.shift()
              if (m) return res(m)
              waiting.push((x) => (x instanceof Error ? rej(x) : res(x)))
            }),
        })
      })
      ws.once('error', (err: NodeJS.ErrnoException) => {
        const e = new ArmError('NCALAYER_NOT_RUNNING', `${this.url}: ${err.code ?? err.message}`)
        reject(e)
        for (const w of waiting.splice(0)) w(e)
      })
      ws.once('close', () => {
        for (const w of waiting.splice(0)) w(new ArmError('NCALAYER_NOT_RUNNING', 'NCALayer closed the connection before answering'))
      })
    })
  }

  /** NCALayer's version, or throws NCALAYER_NOT_RUNNING. */
  async version(): Promise<string> {
    const { ws, version } = await this.open()
    try {
      return (await version) ?? 'unknown'
    } finally {
      ws.close()
    }
  }

  /** Asks NCALayer for a CMS over `content`; the user picks the key and types its password in NCALayer's window. */
  async signCms(request: NcaLayerSignRequest): Promise<Uint8Array> {
    const { ws, next } = await this.open()
    let timer: NodeJS.Timeout | undefined
    try {
      ws.send(
        JSON.stringify({
          module: MODULE,
          method: 'sign',
          args: {
            allowedStorages: null,
            format: 'cms',
            data: toBase64(request.content),
            signingParams: { decode: true, encapsulate: !request.detached, digested: false, tsaProfile: null },
            signerParams: { extKeyUsageOids: [EKU[request.purpose]], iin: request.expectedIin ?? '', bin: '', serialNumber: '', chain: null },
            locale: this.opts.locale ?? 'ru',
          },
        }),
      )
      const answer = await Promise.race([
        next(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new ArmError('NCALAYER_CANCELLED', 'no answer from NCALayer in time')), this.opts.signTimeoutMs ?? 10 * 60_000)
        }),
      ])
      return cmsOf(answer)
    } finally {
      if (timer) clearTimeout(timer)
      ws.close()
    }
  }
}

/** Reads the CMS out of a basics answer; the three other outcomes become their codes. */
export function cmsOf(answer: Record<string, unknown>): Uint8Array {
  if (answer.status === false || answer.success === false) {
    throw new ArmError('NCALAYER_BAD_RESPONSE', `NCALayer: ${String(answer.code ?? answer.errorCode ?? '')} ${String(answer.message ?? '')}`.trim(), {
      ncalayerCode: String(answer.code ?? answer.errorCode ?? ''),
    })
  }
  if (answer.status !== true || !answer.body || typeof answer.body !== 'object') throw new ArmError('NCALAYER_BAD_RESPONSE', 'not a basics answer')
  const body = answer.body as { result?: unknown }
  // The user closed NCALayer's key or password window: a successful call with nothing in it.
  if (body.result === undefined) throw new ArmError('NCALAYER_CANCELLED')
  const first = Array.isArray(body.result) ? body.result[0] : body.result
  if (typeof first !== 'string') throw new ArmError('NCALAYER_BAD_RESPONSE', 'no signature in the answer')
  // Some versions wrap the CMS in PEM armour.
  const b64 = first.replace(/-----(BEGIN|END)[^-]*-----/g, '').replace(/\s+/g, '')
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) throw new ArmError('NCALAYER_BAD_RESPONSE', 'the signature is not base64')
  return fromBase64(b64)
}

export interface NcaLayerKeySourceOptions {
  client: NcaLayerClient
  trust: TrustStore
  testTrust?: boolean
  crls?: () => Promise<Uint8Array[]>
  ocsp?: (cert: StoredCertificate, issuer: StoredCertificate) => Promise<RevocationResult>
  now?: () => Date
}

/** NCALayer behind the signing service: signs through NCALayer, then holds the answer to our own checks. */
export class NcaLayerKeySource {
  constructor(private readonly opts: NcaLayerKeySourceOptions) {}

  /** The one key entry NCALayer stands for while it runs (it chooses the key itself); null while it does not. */
  async summary(): Promise<{ keyRef: string; source: 'ncalayer'; label: string; unlocked: false } | null> {
    try {
      const version = await this.opts.client.version()
      return { keyRef: NCALAYER_KEY_REF, source: 'ncalayer', label: `NCALayer ${version}`, unlocked: false }
    } catch {
      return null
    }
  }

  async sign(request: NcaLayerSignRequest): Promise<{ cms: Uint8Array; signer: CertificateFacts; check: CertificateCheck }> {
    const cms = await this.opts.client.signCms(request)
    let report
    try {
      report = await verifyCms({
        cms,
        content: request.detached ? request.content : undefined,
        trust: this.opts.trust,
        crls: (await this.opts.crls?.()) ?? [],
        revocation: this.opts.ocsp,
        testTrust: this.opts.testTrust,
        purpose: request.purpose,
        expectedIin: request.expectedIin,
        at: this.opts.now?.(),
      })
    } catch (err) {
      throw new ArmError('NCALAYER_BAD_RESPONSE', `the answer is not a readable CMS (${err instanceof ArmError ? err.code : String(err)})`)
    }
    const [sig] = report.signatures
    const attachedOk = request.detached ? report.detached : !report.detached && !!report.content && bytesEqual(report.content, request.content)
    // Over other data, by another algorithm's mistake, or not one signature: not a signature of this request.
    if (report.signatures.length !== 1 || !sig.signer || !attachedOk || sig.checks.signatureValue !== true || sig.checks.messageDigest === false) {
      throw new ArmError('NCALAYER_BAD_RESPONSE', 'the signature does not cover the content that was sent')
    }
    const check = sig.checks.certificate
    if (!check) throw new ArmError('NCALAYER_BAD_RESPONSE', 'no certificate check')
    if (!check.ok) throw new ArmError(check.errorCode ?? 'CERT_UNTRUSTED', undefined, { subIndication: check.subIndication })
    return { cms, signer: sig.signer, check: { ...check, facts: sig.signer } as CertificateCheck }
  }
}

/**
 * Whether this desk signs through NCALayer, from the environment: ARM_NCALAYER=1 / 0 forces it, otherwise on Windows
 * (where ЦОН desks run NCALayer). ARM_NCALAYER_URL moves it (tests), ARM_NCALAYER_CA pins its TLS certificate (PEM).
 */
export function ncaLayerOptionsFromEnv(env: Record<string, string | undefined>, platform: NodeJS.Platform, readFile: (path: string) => Buffer): NcaLayerOptions | null {
  const on = env.ARM_NCALAYER === '1' || (env.ARM_NCALAYER !== '0' && (platform === 'win32' || !!env.ARM_NCALAYER_URL))
  if (!on) return null
  return { url: env.ARM_NCALAYER_URL, ca: env.ARM_NCALAYER_CA ? readFile(env.ARM_NCALAYER_CA) : undefined }
}
