/** OCSP client (RFC 6960 over HTTP POST) with an injected http port; answers a RevocationResult for KeyService. */
import { randomBytes } from 'node:crypto'
import { ArmError } from '../../../src-shared/errors'
import { buildOcspRequest, factsOf, parseOcspResponse, type RevocationResult, type StoredCertificate } from '../../../src-shared/crypto'
import { nodeCryptoPort } from './node-port'

export interface HttpPort {
  post(url: string, body: Uint8Array, headers: Record<string, string>): Promise<{ status: number; body: Uint8Array }>
}

export const fetchHttpPort = (timeoutMs = 5000): HttpPort => ({
  async post(url, body, headers) {
    const res = await fetch(url, { method: 'POST', body: body.slice().buffer as ArrayBuffer, headers, signal: AbortSignal.timeout(timeoutMs) })
    return { status: res.status, body: new Uint8Array(await res.arrayBuffer()) }
  },
})

export class OcspClient {
  constructor(
    private readonly http: HttpPort,
    private readonly options: { url?: string; now?: () => Date } = {},
  ) {}

  /** Asks the responder (configured URL, else the certificate's AIA). Throws OCSP_FAILED. */
  async check(cert: StoredCertificate, issuer: StoredCertificate): Promise<RevocationResult> {
    const url = this.options.url ?? factsOf(cert.cert, cert.der).ocspUrls[0]
    if (!url) throw new ArmError('OCSP_FAILED', 'no OCSP responder URL')
    const nonce = new Uint8Array(randomBytes(16))
    const request = await buildOcspRequest(cert, issuer, { nonce, port: nodeCryptoPort })
    let res: { status: number; body: Uint8Array }
    try {
      res = await this.http.post(url, request, { 'content-type': 'application/ocsp-request', accept: 'application/ocsp-response' })
    } catch (err) {
      throw new ArmError('OCSP_FAILED', err instanceof Error ? err.message : String(err))
    }
    if (res.status !== 200) throw new ArmError('OCSP_FAILED', `HTTP ${res.status}`)
    return parseOcspResponse(res.body, cert, issuer, { nonce, at: this.options.now?.(), port: nodeCryptoPort })
  }
}
